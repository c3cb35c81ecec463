//! `finews-reader render <files or folders>… [--html DIR] [--index FILE]`: renders an
//! archive of posts on every core. JSON Lines on stdout in input order, a standalone page
//! per post, an index; what each post gives comes from `finews_reader::archive`, shared
//! with the npm package's `cli.mjs` so that both write the same bytes.
//!
//! Install: `cargo install finews-reader --features cli`.

use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};
use finews_reader::archive::{self, ArchivePost, Read};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

/// The pages' stylesheet; the npm package ships the same file as `page.css`.
const STYLESHEET: &str = include_str!("../../assets/page.css");

/// Posts rendered between two writes to stdout: bounds memory on huge archives while
/// every core stays busy.
const BATCH: usize = 512;

#[derive(Parser)]
#[command(
    name = "finews-reader",
    version,
    about = "Turns raw Jekyll posts of EastMoney news into clean, safe articles."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render posts to JSON Lines on stdout, in input order
    ///
    /// One line per post: its Article, or {"file", "error": {"code", "message"}} when it
    /// failed. Exit status 1 when any post failed, 2 on a usage error.
    Render(Render),
}

#[derive(Args)]
struct Render {
    /// Post files, and folders walked recursively for *.md and *.markdown
    #[arg(required = true, value_name = "FILE|DIR")]
    inputs: Vec<PathBuf>,
    /// Write a standalone HTML page per rendered post into DIR (named after the post's file)
    #[arg(long, value_name = "DIR")]
    html: Option<PathBuf>,
    /// Write the index of rendered posts to FILE: a JSON array, one post a line
    #[arg(long, value_name = "FILE")]
    index: Option<PathBuf>,
}

fn main() -> ExitCode {
    let Command::Render(args) = Cli::parse().command;
    match render(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("finews-reader: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Renders every post; `Ok(false)` when some post failed, `Err` when an output could not
/// be written.
fn render(args: &Render) -> Result<bool, String> {
    let started = Instant::now();
    let mut paths = Vec::new();
    for input in &args.inputs {
        // Explicit inputs follow symbolic links; a missing one is an unreadable post.
        match fs::metadata(input) {
            Ok(meta) if meta.is_dir() => walk(input, &mut paths),
            _ => paths.push(input.clone()),
        }
    }
    let paths: Vec<String> = paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let names = archive::page_names(&paths);
    if let Some(dir) = &args.html {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let stylesheet = args.html.as_ref().map(|_| STYLESHEET);

    let progress = progress_bar(paths.len());
    let mut stdout = BufWriter::new(io::stdout().lock());
    let mut index = Vec::new();
    let (mut rendered, mut warnings, mut failed) = (0, 0, 0);
    for (paths, names) in paths.chunks(BATCH).zip(names.chunks(BATCH)) {
        let posts = paths
            .par_iter()
            .zip(names)
            .map(|(path, name)| {
                let post = post(path, stylesheet);
                if let (Some(dir), Some(page)) = (&args.html, &post.page) {
                    let file = dir.join(name);
                    fs::write(&file, page).map_err(|e| format!("{}: {e}", file.display()))?;
                }
                progress.inc(1);
                Ok(post)
            })
            .collect::<Result<Vec<_>, String>>()?;
        for post in posts {
            writeln!(stdout, "{}", post.record).map_err(|e| format!("stdout: {e}"))?;
            match post.status {
                "failed" => failed += 1,
                "warnings" => warnings += 1,
                _ => rendered += 1,
            }
            index.extend(post.index_entry);
        }
    }
    stdout.flush().map_err(|e| format!("stdout: {e}"))?;
    if let Some(file) = &args.index {
        fs::write(file, archive::index_document(index))
            .map_err(|e| format!("{}: {e}", file.display()))?;
    }
    progress.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "finews-reader: {} rendered ({warnings} with warnings), {failed} failed, in {seconds:.1} s",
        rendered + warnings
    );
    Ok(failed == 0)
}

/// Reads and renders one post; a file that cannot be read is a failure record, its reason
/// on stderr.
fn post(path: &str, stylesheet: Option<&str>) -> ArchivePost {
    let (bytes, mut text) = (fs::read(path), String::new());
    let read = match &bytes {
        Ok(bytes) => Read::decode(bytes, &mut text),
        Err(e) => {
            eprintln!("finews-reader: {path}: {e}");
            Read::Failed
        }
    };
    archive::archive_post(path, read, stylesheet)
}

/// Appends the posts under `dir`, depth first, each folder's entries in byte order of
/// their names. Linked folders are not followed (no cycles); a folder that cannot be
/// listed is appended itself, so that it is reported as an unreadable post.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries: Result<Vec<_>, _> = fs::read_dir(dir).and_then(|entries| entries.collect());
    let Ok(mut entries) = entries else {
        out.push(dir.to_owned());
        return;
    };
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            walk(&path, out);
        } else if is_post(&entry.file_name().to_string_lossy()) {
            out.push(path);
        }
    }
}

fn is_post(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.ends_with(".md") || name.ends_with(".markdown")
}

/// A bar with posts/s and ETA on a terminal; hidden when stderr is not one.
fn progress_bar(posts: usize) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(posts as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} posts, {per_sec}, ETA {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
