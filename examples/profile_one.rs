//! Renders posts many times, for a profiler: `cargo run --release --example profile_one -- N FILE...`.
//!
//! `valgrind --tool=callgrind` over it counts instructions: unlike timings, the same on
//! a noisy machine, so one change's effect shows even when it is a few per cent.

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .expect("usage: profile_one N FILE...");
    let posts: Vec<String> = args
        .map(|file| std::fs::read_to_string(file).expect("readable post"))
        .collect();
    for _ in 0..n {
        for raw in &posts {
            std::hint::black_box(finews_reader::render_post(raw).ok());
        }
    }
}
