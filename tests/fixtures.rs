//! Fixture tests: every `tests/fixtures/<name>/input.md` renders to its checked-in
//! `expected.json` (the whole Article) and `expected.html`. A fixture may carry an
//! `options.json`. Re-bless on purpose with `BLESS=1 cargo test --test fixtures`.

mod common;

use std::fs;
use std::path::Path;

use finews_reader::Options;
use serde_json::json;

fn render(input: &str, options: &Options) -> (String, String) {
    match finews_reader::render_post_with(input, options) {
        Ok(article) => {
            common::assert_html_contract(&article.html);
            common::assert_ammonia_agrees(&article.html);
            if !article.html.is_empty() {
                common::assert_idempotent(&article.html, options);
            }
            let json = serde_json::to_string_pretty(&article).expect("an Article serializes");
            (json + "\n", article.html + "\n")
        }
        Err(error) => {
            let json = json!({ "error": { "code": error.code(), "message": error.to_string() } });
            (
                serde_json::to_string_pretty(&json).expect("json") + "\n",
                String::new(),
            )
        }
    }
}

fn diff(name: &str, expected: &str, actual: &str) -> String {
    let diff = similar::TextDiff::from_lines(expected, actual);
    format!(
        "--- {name} (expected)\n+++ {name} (actual)\n{}",
        diff.unified_diff().context_radius(2)
    )
}

#[test]
fn fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let bless = std::env::var_os("BLESS").is_some();
    let mut dirs: Vec<_> = fs::read_dir(&root)
        .expect("tests/fixtures")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let input = fs::read_to_string(dir.join("input.md")).expect("input.md");
        let options: Options = fs::read_to_string(dir.join("options.json"))
            .map(|json| serde_json::from_str(&json).expect("options.json"))
            .unwrap_or_default();
        let (json, html) = render(&input, &options);
        for (file, actual) in [("expected.json", &json), ("expected.html", &html)] {
            let path = dir.join(file);
            if bless {
                fs::write(&path, actual).expect("write expected file");
                continue;
            }
            let expected = fs::read_to_string(&path).unwrap_or_default();
            if &expected != actual {
                failures.push(diff(&format!("{name}/{file}"), &expected, actual));
            }
        }
    }
    assert!(
        dirs.len() >= 70,
        "expected every corpus post and catalogue shape as a fixture, found {}",
        dirs.len()
    );
    assert!(
        failures.is_empty(),
        "{} fixture file(s) differ (BLESS=1 to accept):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}
