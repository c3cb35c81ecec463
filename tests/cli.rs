//! The `finews-reader` binary over the fixtures (`cargo test --features cli`): the folder
//! walk, JSON Lines in input order, failures as records and exit status 1, the pages of
//! `--html`, the index of `--index`, usage errors.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_finews-reader");

/// A fresh folder under the target directory, named after the test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

/// The fixtures' posts in the order of the walk: folders by name, depth first.
fn fixture_posts() -> Vec<PathBuf> {
    let mut dirs: Vec<_> =
        fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
            .expect("fixtures")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.is_dir())
            .collect();
    dirs.sort();
    dirs.into_iter().map(|d| d.join("input.md")).collect()
}

fn lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a line of JSON"))
        .collect()
}

#[test]
fn renders_a_folder_in_order_with_failures_as_records() {
    let dir = scratch("render");
    let empty = dir.join("empty.md");
    fs::write(&empty, "  \n").unwrap();
    let missing = dir.join("missing.md");
    let (pages, index) = (dir.join("pages"), dir.join("index.json"));
    let output = run(&[
        "render",
        "tests/fixtures",
        empty.to_str().unwrap(),
        missing.to_str().unwrap(),
        "--html",
        pages.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "a post failed");
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Every fixture renders: a new fixture changes no number here.
    let posts = fixture_posts();
    let rendered = format!("{} rendered (", posts.len());
    assert!(stderr.contains(&rendered), "{stderr}");
    assert!(stderr.contains(", 2 failed, in "), "{stderr}");

    let records = lines(&output);
    assert_eq!(records.len(), posts.len() + 2);
    for (record, post) in records.iter().zip(&posts) {
        let article = finews_reader::render_bytes(&fs::read(post).unwrap(), &Default::default())
            .expect("fixtures render");
        assert_eq!(
            *record,
            serde_json::to_value(&article).unwrap(),
            "{}",
            post.display()
        );
    }
    let errors: Vec<_> = records[posts.len()..]
        .iter()
        .map(|r| {
            (
                r["file"].as_str().unwrap(),
                r["error"]["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            (empty.to_str().unwrap(), "empty"),
            (missing.to_str().unwrap(), "unreadable")
        ]
    );

    // The index: the rendered posts in the same order, paths as walked.
    let index: Vec<Value> = serde_json::from_str(&fs::read_to_string(&index).unwrap()).unwrap();
    assert_eq!(index.len(), posts.len());
    for ((entry, record), post) in index.iter().zip(&records).zip(&posts) {
        let path = post.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
        assert_eq!(entry["path"], path.to_str().unwrap());
        for key in [
            "title",
            "date",
            "categories",
            "tags",
            "source",
            "excerpt",
            "stocks",
        ] {
            assert_eq!(entry[key], record[key], "{key}");
        }
    }

    // One page per rendered post; the same file names collide and are numbered.
    let mut names: Vec<_> = fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), posts.len());
    assert!(
        names.contains(&"input.html".to_owned()) && names.contains(&"input-70.html".to_owned())
    );
    let scripts = Selector::parse("script, iframe, object, embed, base, form").unwrap();
    let csp = Selector::parse(r#"meta[http-equiv="Content-Security-Policy"]"#).unwrap();
    for (i, record) in records[..posts.len()].iter().enumerate() {
        let name = if i == 0 {
            "input.html".to_owned()
        } else {
            format!("input-{}.html", i + 1)
        };
        let page = fs::read_to_string(pages.join(&name)).unwrap();
        assert!(
            page.starts_with("<!doctype html>\n<html lang=\"zh-CN\">"),
            "{name}"
        );
        assert!(
            page.contains(record["html"].as_str().unwrap()),
            "{name}: the body"
        );
        assert!(
            page.contains(include_str!("../assets/page.css")),
            "{name}: the stylesheet"
        );
        let document = Html::parse_document(&page);
        // What a browser parses is what was written: one article, the body unchanged.
        let body =
            Selector::parse("html > body > article.finews-article > div.finews-body").unwrap();
        let bodies: Vec<_> = document.select(&body).collect();
        assert_eq!(bodies.len(), 1, "{name}");
        let html = Html::parse_fragment(record["html"].as_str().unwrap());
        assert_eq!(
            bodies[0].inner_html().trim(),
            html.root_element().inner_html(),
            "{name}"
        );
        assert_eq!(document.select(&scripts).count(), 0, "{name}");
        let policy = document
            .select(&csp)
            .next()
            .expect("a CSP")
            .attr("content")
            .unwrap();
        assert!(policy.starts_with("default-src 'none';") && !policy.contains("script"));
        let title = document
            .select(&Selector::parse("title").unwrap())
            .next()
            .unwrap();
        assert_eq!(
            title.text().collect::<String>(),
            record["title"].as_str().unwrap()
        );
        assert!(
            document
                .root_element()
                .descendants()
                .filter_map(scraper::ElementRef::wrap)
                .all(|e| e.value().attrs().all(|(a, _)| !a.starts_with("on"))),
            "{name}: an event handler"
        );
    }
}

#[test]
fn only_markdown_files_of_a_folder_are_posts() {
    let dir = scratch("walk");
    fs::create_dir_all(dir.join("b/c")).unwrap();
    let post = fs::read(&fixture_posts()[0]).unwrap();
    for name in [
        "b/c/z.markdown",
        "b/a.MD",
        "a.md",
        "notes.txt",
        "b/c/image.png",
    ] {
        fs::write(dir.join(name), &post).unwrap();
    }
    let output = run(&["render", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(lines(&output).len(), 3);
    let index = dir.join("index.json");
    let output = run(&[
        "render",
        dir.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let index: Vec<Value> = serde_json::from_str(&fs::read_to_string(index).unwrap()).unwrap();
    let root = dir.to_str().unwrap();
    let paths: Vec<_> = index.iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            format!("{root}/a.md"),
            format!("{root}/b/a.MD"),
            format!("{root}/b/c/z.markdown")
        ]
    );
}

#[test]
fn usage_errors_exit_2_and_help_lists_the_flags() {
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["render"]).status.code(), Some(2));
    assert_eq!(run(&["render", "--bogus", "x.md"]).status.code(), Some(2));
    let help = run(&["render", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(
        help.contains("--html <DIR>") && help.contains("--index <FILE>"),
        "{help}"
    );
}
