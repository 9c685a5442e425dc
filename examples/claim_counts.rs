//! Counts narrative claims by kind and year-on-year pairs, and lists what
//! NAR-008 finds: `cargo run --example claim_counts -- FILE...`.

use std::collections::BTreeMap;

use gongkai::narrative::{yoy, ClaimKind};

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let text = gongkai::text::decode(&bytes).text;
        let n = gongkai::narrative::claims(&gongkai::text::normalise(&text));
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, _, c) in n.claims() {
            let k = match c.kind {
                ClaimKind::Amount | ClaimKind::Reached(_) => "amount",
                ClaimKind::Change(_) => "change",
                ClaimKind::ChangePercent(_) => "change%",
                ClaimKind::Share { .. } => "share",
                ClaimKind::Completion => "completion",
                ClaimKind::Percent => "percent",
                ClaimKind::Count => "count",
                ClaimKind::NoBudget => "no-budget",
                ClaimKind::Flat { .. } => "flat",
            };
            *kinds.entry(k).or_default() += 1;
        }
        let total = kinds.values().copied().fold(0, usize::saturating_add);
        println!("{path}: {total} claims {kinds:?}");
        // The pairs through the public API: NAR-008's findings (a pair that
        // holds has none; a clause both changed and flat is one too).
        let pairs = yoy::pairs(&n).len();
        let report = gongkai::check_text(&path, &text);
        let mut severities: BTreeMap<String, usize> = BTreeMap::new();
        for f in report.findings.iter().filter(|f| f.rule == "NAR-008") {
            *severities.entry(format!("{:?}", f.severity)).or_default() += 1;
            println!("  L{} {:?}", f.source_line.unwrap_or(0), f.severity);
        }
        println!("  year-on-year pairs: {pairs}, NAR-008 findings: {severities:?}");
    }
}
