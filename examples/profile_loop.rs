//! Loops the full check over files for profiling: `cargo run --release --example profile_loop -- N FILE...`.
//! With the CLI's allocator, so a profile shows what the CLI spends.

#[path = "../crates/cli/src/alloc.rs"]
mod alloc;

#[global_allocator]
static ALLOCATOR: alloc::Mimalloc = alloc::Mimalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100);
    let texts: Vec<(String, Vec<u8>)> = args.map(|p| (p.clone(), std::fs::read(&p).unwrap_or_default())).collect();
    for _ in 0..n {
        for (p, b) in &texts {
            std::hint::black_box(gongkai::check_bytes(p, b).ok());
        }
    }
}
