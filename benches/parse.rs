//! Parse and check time per corpus document, and per real document of
//! another region (Shanghai, Jiangsu; read in place from ../shared/real when
//! it is there): `cargo bench --bench parse`. Per-KiB times make documents of
//! different sizes comparable.
//!
//! A plain harness (median of repeated runs) keeps the dependency tree small;
//! numbers are wall-clock on the machine it runs on.

use std::time::{Duration, Instant};

/// The CLI's allocator (crates/cli/src/main.rs), so times are the CLI's.
#[path = "../crates/cli/src/alloc.rs"]
mod alloc;

#[global_allocator]
static ALLOCATOR: alloc::Mimalloc = alloc::Mimalloc;

const DOCS: &[&str] = &[
    "yantai-office-2024-final.txt",
    "qingdao-office-2024-final.txt",
    "yantai-bigdata-2023-final.txt",
    "yantai-office-2023-budget.txt",
    "qingdao-office-2023-budget.txt",
];

/// Real documents from other regions, in layout text (../shared/real).
const REAL: &[&str] = &[
    "01-shanghai-putuo-wanli-2024-department-budget.layout.txt",
    "02-shanghai-putuo-caizhengju-defective-2024-department-final.layout.txt",
    "09-jiangsu-renda-tables-2019-department-budget.layout.txt",
    "22-jiangsu-gaoyuan-2017-department-budget.layout.txt",
];

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    f(); // warm-up
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    // `cargo test --all-targets` runs this binary without `--bench`: then one
    // run per document, a smoke test, not a measurement.
    let default_runs = if std::env::args().any(|a| a == "--bench") { 51 } else { 1 };
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(default_runs);
    println!("{:<44} {:>8} {:>12} {:>12} {:>14}", "document", "KiB", "read (ms)", "check (ms)", "check ms/KiB");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = DOCS.iter().map(|d| (root.join("tests/fixtures").join(d), *d));
    let real = REAL.iter().map(|d| (root.join("../shared/real").join(d), *d)).filter(|(p, _)| p.exists());
    let (mut reads, mut per_kib_corpus, mut per_kib_real) = (Vec::new(), Vec::new(), Vec::new());
    for (i, (path, doc)) in corpus.chain(real).enumerate() {
        let bytes = std::fs::read(&path).expect("document");
        let text = String::from_utf8(bytes.clone()).expect("utf-8 document");
        let read = time(runs, || {
            std::hint::black_box(gongkai::read(&text));
        });
        let check = time(runs, || {
            std::hint::black_box(gongkai::check_bytes(doc, &bytes).ok());
        });
        let kib = bytes.len() as f64 / 1024.0;
        let per = check.as_secs_f64() * 1e3 / kib;
        if i < DOCS.len() {
            reads.push(read);
            per_kib_corpus.push(per);
        } else {
            per_kib_real.push(per);
        }
        println!("{:<44} {:>8.1} {:>12.3} {:>12.3} {:>14.4}", doc, kib, read.as_secs_f64() * 1e3, check.as_secs_f64() * 1e3, per);
    }
    let med = |mut v: Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    println!("median read time over the corpus: {:.3} ms ({} runs each)", median(reads).as_secs_f64() * 1e3, runs);
    println!("median check time per KiB: corpus {:.4} ms, other regions {:.4} ms", med(per_kib_corpus), med(per_kib_real));
}
