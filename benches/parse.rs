//! Parse and check time per corpus document: `cargo bench --bench parse`.
//!
//! A plain harness (median of repeated runs) keeps the dependency tree small;
//! numbers are wall-clock on the machine it runs on.

use std::time::{Duration, Instant};

const DOCS: &[&str] = &[
    "yantai-office-2024-final.txt",
    "qingdao-office-2024-final.txt",
    "yantai-bigdata-2023-final.txt",
    "yantai-office-2023-budget.txt",
    "qingdao-office-2023-budget.txt",
];

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    f(); // warm-up
    median((0..runs).map(|_| {
        let t = Instant::now();
        f();
        t.elapsed()
    }).collect())
}

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(51);
    println!("{:<34} {:>8} {:>12} {:>12}", "document", "KiB", "read (ms)", "check (ms)");
    let mut reads = Vec::new();
    for doc in DOCS {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(doc);
        let bytes = std::fs::read(&path).expect("fixture");
        let text = String::from_utf8(bytes.clone()).expect("utf-8 fixture");
        let read = time(runs, || {
            std::hint::black_box(gongkai::read(&text));
        });
        let check = time(runs, || {
            std::hint::black_box(gongkai::check_bytes(doc, &bytes).ok());
        });
        reads.push(read);
        println!("{:<34} {:>8.1} {:>12.3} {:>12.3}", doc, bytes.len() as f64 / 1024.0, read.as_secs_f64() * 1e3, check.as_secs_f64() * 1e3);
    }
    println!("median read time over the corpus: {:.3} ms ({} runs each)", median(reads).as_secs_f64() * 1e3, runs);
}
