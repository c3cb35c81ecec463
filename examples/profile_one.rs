//! Renders one post many times, for a profiler: `cargo run --release --example profile_one -- FILE [N]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("usage: profile_one FILE [N]");
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(2000);
    let raw = std::fs::read_to_string(file).expect("readable post");
    for _ in 0..n {
        std::hint::black_box(finews_reader::render_post(&raw).ok());
    }
}
