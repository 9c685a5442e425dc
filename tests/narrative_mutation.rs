//! Mutation test for the narrative: every money amount and percentage the
//! 情况说明 states (amounts, changes, shares, completion rates) is perturbed
//! by 10 in the source text, one at a time; the checker must raise an error
//! that points into the mutated paragraph. Recall is printed with the
//! survivors (claims no rule ties to anything checkable).

mod common;
use gongkai::narrative::{self, ClaimKind};
use gongkai::rules::Severity;

fn is_target(kind: &ClaimKind) -> bool {
    matches!(
        kind,
        ClaimKind::Amount | ClaimKind::Change(_) | ClaimKind::ChangePercent(_) | ClaimKind::Share { .. } | ClaimKind::Completion | ClaimKind::Reached(_)
    )
}

#[test]
fn narrative_mutations_are_caught() {
    let mut total = 0;
    let mut caught = 0;
    let mut survivors: Vec<String> = Vec::new();
    for doc in ["yantai-office-2024-final.txt", "qingdao-office-2024-final.txt", "yantai-bigdata-2023-final.txt"] {
        let text = std::fs::read_to_string(common::fixture(doc)).unwrap();
        let lines: Vec<&str> = text.split('\n').collect();
        let base = gongkai::check_text(doc, &text);
        // A finding identical to one on the published text says nothing about the mutation.
        let base_errors: Vec<String> = base.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.message.clone()).collect();
        let n = narrative::claims(&gongkai::text::normalise(&text));
        for (s, p, c) in n.claims() {
            if !is_target(&c.kind) || c.value.is_none() || c.printed.is_empty() {
                continue;
            }
            if s.topic == narrative::Topic::Other || s.topic == narrative::Topic::Performance {
                continue; // attachments and 名词解释 are out of scope here
            }
            if c.subject.ends_with("单价") || c.subject.ends_with("单位价值") {
                continue; // "单价100万元以上的设备": a threshold, not a figure
            }
            let Some(line) = lines.get(c.source_line - 1) else { continue };
            // The k-th occurrence of this printed number on its line.
            let k = p.claims.iter().filter(|o| o.source_line == c.source_line && o.printed == c.printed && o.start < c.start).count();
            // Whole numbers only: "0" must not match inside "2024".
            let bounded = |i: usize| {
                let before = line[..i].chars().next_back();
                let after = line[i + c.printed.len()..].chars().next();
                let num = |ch: Option<char>| ch.is_some_and(|ch| ch.is_ascii_digit() || ch == '.' || ch == ',');
                !num(before) && !num(after)
            };
            let Some((pos, _)) = line.match_indices(c.printed.as_str()).filter(|(i, _)| bounded(*i)).nth(k) else { continue };
            let bumped = c.value.unwrap() + rust_decimal::Decimal::from(10);
            let mutated_line = format!("{}{}{}", &line[..pos], bumped, &line[pos + c.printed.len()..]);
            let mut all: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            all[c.source_line - 1] = mutated_line;
            let r = gongkai::check_text(doc, &all.join("\n"));
            total += 1;
            let (lo, hi) = (p.first_line(), p.lines.last().copied().unwrap_or(0));
            let hit = r.findings.iter().any(|f| {
                f.severity == Severity::Error
                    && f.source_line.is_some_and(|l| l >= lo && l <= hi)
                    && !base_errors.contains(&f.message)
            });
            if hit {
                caught += 1;
            } else {
                survivors.push(format!("{doc} L{} [{}] {}{}", c.source_line, s.topic.zh(), c.subject, c.printed));
            }
        }
    }
    let recall = caught as f64 / total as f64 * 100.0;
    println!("narrative mutations: {caught}/{total} caught, recall {recall:.2}%");
    for s in &survivors {
        println!("  survivor: {s}");
    }
    assert!(recall >= 99.0, "recall {recall:.2}% < 99%: {survivors:#?}");
}
