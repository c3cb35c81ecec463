//! Every fuzz finding, minimised, under `tests/regressions/`, through the invariants of
//! the fuzz targets (`fuzz/src/invariants.rs`, the same file): no panic, the html
//! contract, ammonia agrees, safe URLs, idempotence, and well under libFuzzer's timeout.
//!
//! - `render-<name>.bin|.md`: raw bytes, default options (the `render` target);
//! - `render_options-<name>.json`: `{ "options": {…}, "post": "…" }`, the `(Options,
//!   String)` of a `render_options` finding written out readably (`cargo fuzz fmt`).

mod common;
#[path = "../fuzz/src/invariants.rs"]
mod invariants;

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use finews_reader::Options;
use serde::Deserialize;

#[derive(Deserialize)]
struct OptionsCase {
    options: Options,
    post: String,
}

fn run(path: &Path) -> Result<(), String> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let bytes = fs::read(path).map_err(|e| e.to_string())?;
    let (input, options, oracle) = if name.starts_with("render_options-") {
        let case: OptionsCase = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
        (case.post.into_bytes(), case.options, false)
    } else if name.starts_with("render-") {
        (bytes, Options::default(), true)
    } else {
        return Err("not named after a fuzz target".to_owned());
    };
    let start = Instant::now();
    panic::catch_unwind(AssertUnwindSafe(|| {
        invariants::check(&input, &options, oracle);
    }))
    .map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })?;
    let took = start.elapsed();
    if took > Duration::from_secs(5) {
        return Err(format!("took {took:?}"));
    }
    Ok(())
}

#[test]
fn fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .expect("tests/regressions")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no regression inputs in {dir:?}");
    let failures: Vec<String> = paths
        .iter()
        .filter_map(|p| run(p).err().map(|e| format!("{}: {e}", p.display())))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The fuzzers' seeds: every fixture post holds the invariants too (a fuzz run finds a
/// seed that breaks one at once; this finds it first).
#[test]
fn every_fixture_holds_the_invariants() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for entry in fs::read_dir(&dir).expect("tests/fixtures").flatten() {
        let Ok(input) = fs::read(entry.path().join("input.md")) else {
            continue;
        };
        invariants::check(&input, &Options::default(), true);
    }
}
