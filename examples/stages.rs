//! Per-stage timings over a set of posts, natively: `cargo run --release --example stages -- FILE...`
//!
//! Prints the median milliseconds of each stage per post, summed over the posts, so a
//! change to one stage shows in its own line. The same stages are timed in the browser
//! with `renderPost(raw, { timings: true })` (`timings_ms`).

use std::collections::BTreeMap;
use std::time::Instant;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let posts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("readable post"))
        .collect();
    let options = finews_reader::Options {
        timings: true,
        ..Default::default()
    };
    let start = Instant::now();
    let now = move || start.elapsed().as_secs_f64() * 1000.0;
    let mut samples: BTreeMap<String, Vec<Vec<f64>>> = BTreeMap::new();
    let rounds = 200;
    for _ in 0..rounds {
        for (i, post) in posts.iter().enumerate() {
            let t0 = now();
            let Ok(article) = finews_reader::render_post_timed(post, &options, &now) else {
                continue;
            };
            let total = now() - t0;
            let mut stages: Vec<(String, f64)> = article
                .timings_ms
                .unwrap_or_default()
                .into_iter()
                .map(|(k, v)| (k, v.as_f64().unwrap_or(0.0)))
                .collect();
            stages.push(("total".into(), total));
            for (stage, ms) in stages {
                let per_post = samples
                    .entry(stage)
                    .or_insert_with(|| vec![Vec::new(); posts.len()]);
                per_post[i].push(ms);
            }
        }
    }
    println!(
        "{:>10}  {:>12}  (median per post, summed over {} posts)",
        "stage",
        "ms",
        posts.len()
    );
    for (stage, per_post) in samples {
        let sum: f64 = per_post
            .into_iter()
            .map(|mut v| {
                v.sort_by(f64::total_cmp);
                v.get(v.len() / 2).copied().unwrap_or(0.0)
            })
            .sum();
        println!("{stage:>10}  {sum:>12.4}");
    }
}
