//! Renders posts to JSON Lines: `cargo run --release --example render -- [--html] FILE...`
//!
//! One Article per line (or only its html with `--html`). A file that cannot be
//! rendered gives `{"file": …, "error": {"code": …, "message": …}}`; the run goes on
//! and exits with status 1.

use std::process::ExitCode;

use serde_json::json;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let html_only = args.iter().any(|a| a == "--html");
    let files: Vec<&String> = args.iter().filter(|a| *a != "--html").collect();
    if files.is_empty() {
        eprintln!("usage: render [--html] FILE...");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for file in files {
        let result = std::fs::read(file)
            .map_err(|e| ("io", e.to_string()))
            .and_then(|bytes| {
                finews_reader::render_bytes(&bytes, &Default::default())
                    .map_err(|e| (e.code(), e.to_string()))
            });
        match result {
            Ok(article) if html_only => println!("{}", article.html),
            Ok(article) => println!(
                "{}",
                serde_json::to_string(&article).expect("an Article always serializes")
            ),
            Err((code, message)) => {
                failed = true;
                println!(
                    "{}",
                    json!({ "file": file, "error": { "code": code, "message": message } })
                );
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
