fn main() {
    for p in std::env::args().skip(1) {
        let t = std::fs::read_to_string(&p).unwrap();
        let lines = gongkai::text::normalise(&t);
        for e in gongkai::perf::self_evaluations(&lines) {
            println!(
                "{:?} funds L{} A={} B={} w={} rate={} score={}",
                e.name, e.funds.line, e.funds.budget, e.funds.executed, e.funds.weight, e.funds.rate.printed, e.funds.score
            );
            for b in &e.blocks {
                let sum = gongkai::checked::sum(b.items.iter().map(|x| x.0));
                let got = gongkai::checked::sum(b.items.iter().map(|x| x.1));
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
