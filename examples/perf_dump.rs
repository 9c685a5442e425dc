//! Prints the performance self-evaluation tables of disclosures:
//! `cargo run --example perf_dump -- FILE...`.

/// Σ of a column, None when it overflows.
fn column_sum(mut values: impl Iterator<Item = rust_decimal::Decimal>) -> Option<rust_decimal::Decimal> {
    values.try_fold(rust_decimal::Decimal::ZERO, |a, v| a.checked_add(v))
}

fn main() {
    for p in std::env::args().skip(1) {
        let t = std::fs::read_to_string(&p).unwrap();
        for e in gongkai::read(&t).evaluations {
            println!(
                "{:?} funds L{} A={} B={} w={} rate={} score={}",
                e.name, e.funds.line, e.funds.budget, e.funds.executed, e.funds.weight, e.funds.rate.printed, e.funds.score
            );
            for b in &e.blocks {
                let sum = column_sum(b.items.iter().map(|x| x.0));
                let got = column_sum(b.items.iter().map(|x| x.1));
                println!(
                    "   {} ({:?}) L{} items={} Σ分值={} Σ得分={} complete={}",
                    b.label,
                    b.stated,
                    b.line,
                    b.items.len(),
                    sum.unwrap_or_default(),
                    got.unwrap_or_default(),
                    b.complete
                );
            }
            println!("   total {:?}", e.total);
        }
    }
}
