//! Checks one adversarial input of tests/common/stress.rs, for profiling its
//! growth: `cargo run --release --example stress_one -- paragraph 65536`.
#[path = "../tests/common/stress.rs"]
mod stress;

// The CLI's allocator, so a profile shows what the CLI spends.
#[path = "../crates/cli/src/alloc.rs"]
mod alloc;

#[global_allocator]
static ALLOCATOR: alloc::Mimalloc = alloc::Mimalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let case = args.next().unwrap_or_default();
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(8192);
    let text = match case.as_str() {
        "paragraph" => stress::numeric_paragraph(n),
        "table" => stress::table_repeated(n),
        "parents" => stress::duplicated_parents(n),
        "spaced" => stress::spaced_digits(n),
        "tabs" => stress::budget_tabs(),
        _ => stress::budget(),
    };
    let report = gongkai::check_bytes(&case, text.as_bytes());
    println!("{} bytes, {} findings", text.len(), report.map(|r| r.findings.len()).unwrap_or(0));
}
