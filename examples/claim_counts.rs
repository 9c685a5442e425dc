//! Counts narrative claims by kind and checks every year-on-year pair:
//! `cargo run --example claim_counts -- FILE...`.

use std::collections::BTreeMap;

use gongkai::narrative::{yoy, ClaimKind};
use gongkai::rules::nar_yoy::{check_pair, Outcome};

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let text = gongkai::decode_input(&bytes).map(|d| d.text).unwrap_or_default();
        let n = gongkai::read(&text).narrative;
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
        let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
        for p in yoy::pairs(&n) {
            let mut sink = Vec::new();
            let o = check_pair(&p, &mut sink);
            *outcomes.entry(format!("{o:?}")).or_default() += 1;
            if o != Outcome::Holds {
                println!("  L{} {:?}", p.percent.source_line, o);
            }
        }
        println!("  year-on-year pairs: {outcomes:?}");
    }
}
