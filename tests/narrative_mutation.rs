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
        ClaimKind::Amount
            | ClaimKind::Change(_)
            | ClaimKind::ChangePercent(_)
            | ClaimKind::Share { .. }
            | ClaimKind::Completion
            | ClaimKind::Reached(_)
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
                f.severity == Severity::Error && f.source_line.is_some_and(|l| l >= lo && l <= hi) && !base_errors.contains(&f.message)
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

/// The claim classes recall is reported by.
fn class_of(kind: &ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Amount | ClaimKind::Reached(_) => "金额",
        ClaimKind::Change(_) => "增减额",
        ClaimKind::ChangePercent(_) => "增减幅度",
        ClaimKind::Share { .. } => "占比",
        ClaimKind::Completion => "完成率",
        _ => "其他",
    }
}

/// Why a one-unit change of a figure went unnoticed: what the document
/// offers (or does not) to verify it.
fn why_unverifiable(p: &narrative::Paragraph, c: &narrative::Claim, tables: usize, below_error: bool, was_off: bool) -> &'static str {
    if was_off && !below_error {
        return "the printed figure was cut off (截尾) or off by rounding already; one unit up is the exact value, nothing is left to report";
    }
    if below_error {
        return "reported below error level: one unit of the last digit stays within the rounding (or 截尾) of the printed figures";
    }
    let k = p.claims.iter().position(|o| o.start == c.start).unwrap_or(0);
    let next_is_rate = p.claims.get(k + 1).is_some_and(|n| matches!(n.kind, ClaimKind::ChangePercent(_)));
    let has_amount_before = p.claims[..k].iter().any(|o| o.is_money_amount());
    match c.kind {
        ClaimKind::Amount | ClaimKind::Reached(_) if tables == 0 => "no table read for this document (tables published separately or not recognised): nothing states the amount again",
        ClaimKind::Amount | ClaimKind::Reached(_) if p.claims.get(k + 1).is_some_and(|n| matches!(n.kind, ClaimKind::Change(_))) => {
            "the current amount of a change: with the prior year unstated, the one-unit move shifts the rate by less than its printed precision"
        }
        ClaimKind::Amount | ClaimKind::Reached(_) => "stated once; no table row, total or other sentence ties this amount",
        ClaimKind::Change(_) if next_is_rate => "the change of a change-and-rate pair: one unit moves the rate by less than its printed precision",
        ClaimKind::Change(_) => "a change with no prior-year amount and no rate: any prior year fits",
        ClaimKind::ChangePercent(_) if !has_amount_before => "a rate with no current-year amount in its paragraph: its base cannot be derived",
        ClaimKind::ChangePercent(_) => "the rate's base is not tied to the printed amounts (named subject not found before it)",
        ClaimKind::Share { .. } => "the share's base is neither printed nor the paragraph's opening total",
        ClaimKind::Completion => "the budget and actual amounts are not in its sentence and no 09 table is read",
        _ => "not a checkable figure",
    }
}

/// Moves every amount and percentage of each document's narrative by one unit
/// of its last printed digit (10.15% → 10.16%, 2214.39 → 2214.40), one at a
/// time, and prints recall per claim class and every figure the document gives
/// no way to verify, with why. Returns (rates caught, rates) over the 增减幅度,
/// 占比 and 完成率 classes.
fn one_unit(title: &str, docs: &[(String, String)]) -> (usize, usize) {
    // class → (caught, total)
    let mut by_class: Vec<(&'static str, usize, usize)> = Vec::new();
    let mut unverifiable: Vec<String> = Vec::new();
    let mut rates_total = 0;
    let mut rates_caught = 0;
    for (doc, text) in docs {
        let (doc, text) = (doc.as_str(), text.as_str());
        let lines: Vec<&str> = text.split('\n').collect();
        let base = gongkai::check_text(doc, text);
        let base_errors: Vec<String> = base.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.message.clone()).collect();
        let base_all: Vec<String> = base.findings.iter().map(|f| f.message.clone()).collect();
        let n = narrative::claims(&gongkai::text::normalise(text));
        for (s, p, c) in n.claims() {
            if !is_target(&c.kind) || c.printed.is_empty() || s.topic == narrative::Topic::Other {
                continue;
            }
            let Some(v) = c.value else { continue };
            if c.subject.ends_with("单价") || c.subject.ends_with("单位价值") {
                continue;
            }
            let Some(line) = lines.get(c.source_line.saturating_sub(1)) else { continue };
            let k = p.claims.iter().filter(|o| o.source_line == c.source_line && o.printed == c.printed && o.start < c.start).count();
            let bounded = |i: usize| {
                let before = line[..i].chars().next_back();
                let after = line[i + c.printed.len()..].chars().next();
                let num = |ch: Option<char>| ch.is_some_and(|ch| ch.is_ascii_digit() || ch == '.' || ch == ',');
                !num(before) && !num(after)
            };
            let Some((pos, _)) = line.match_indices(c.printed.as_str()).filter(|(i, _)| bounded(*i)).nth(k) else { continue };
            let bumped = v + rust_decimal::Decimal::new(1, v.scale());
            let mut all: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            all[c.source_line - 1] = format!("{}{}{}", &line[..pos], bumped, &line[pos + c.printed.len()..]);
            let r = gongkai::check_text(doc, &all.join("\n"));
            let (lo, hi) = (p.first_line(), p.lines.last().copied().unwrap_or(0));
            let inside = |f: &&gongkai::rules::Finding| f.source_line.is_some_and(|l| l >= lo && l <= hi);
            let hit = r.findings.iter().filter(inside).any(|f| f.severity == Severity::Error && !base_errors.contains(&f.message));
            let below = !hit && r.findings.iter().filter(inside).any(|f| !base_all.contains(&f.message));
            let class = class_of(&c.kind);
            let entry = match by_class.iter_mut().find(|e| e.0 == class) {
                Some(e) => e,
                None => {
                    by_class.push((class, 0, 0));
                    by_class.last_mut().expect("just pushed")
                }
            };
            entry.2 += 1;
            if matches!(c.kind, ClaimKind::ChangePercent(_) | ClaimKind::Share { .. } | ClaimKind::Completion) {
                rates_total += 1;
            }
            if hit {
                entry.1 += 1;
                if matches!(c.kind, ClaimKind::ChangePercent(_) | ClaimKind::Share { .. } | ClaimKind::Completion) {
                    rates_caught += 1;
                }
            } else {
                let was_off = base.findings.iter().any(|f| f.severity == Severity::Info && f.source_line == Some(c.source_line));
                let why = why_unverifiable(p, c, r.tables.len(), below, was_off);
                let short: String = doc.chars().take(24).collect();
                unverifiable.push(format!("{short} L{} [{}] {}{} → {}: {why}", c.source_line, class, c.subject, c.printed, bumped));
            }
        }
    }
    println!("one-unit narrative mutations, {title}:");
    for (class, caught, total) in &by_class {
        println!("  {class}: {caught}/{total} caught ({}%)", caught * 100 / (*total).max(1));
    }
    println!("  unverifiable at one unit ({}):", unverifiable.len());
    for u in &unverifiable {
        println!("    {u}");
    }
    (rates_caught, rates_total)
}

/// Three real disclosures of ../shared/real, read in place: a 2024 Shanghai
/// budget (tables in 元), a 2019 Jiangsu budget and a 2019 narrative-only one.
#[test]
fn real_narrative_one_unit_mutations() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/real");
    if !dir.is_dir() {
        println!("skipped: {} is absent", dir.display());
        return;
    }
    let docs: Vec<(String, String)> = [
        "01-shanghai-putuo-wanli-2024-department-budget.layout.txt",
        "11-jiangsu-jianchayuan-2019-department-budget.layout.txt",
        "16-jiangsu-shengweiban-narrative-2019-department-budget.layout.txt",
    ]
    .iter()
    .filter_map(|d| std::fs::read_to_string(dir.join(d)).ok().map(|t| (d.to_string(), t)))
    .collect();
    let (caught, total) = one_unit("../shared/real 01, 11, 16", &docs);
    // The rates that survive are listed with their reason; the floor keeps
    // the rate classes from regressing (37 of 54 when written).
    assert!(total > 0, "no rates found");
    assert!(caught * 100 >= total * 60, "rates caught {caught}/{total}");
}

/// The five corpus documents, one unit of the last digit.
#[test]
fn corpus_narrative_one_unit_mutations() {
    let docs: Vec<(String, String)> = [
        "yantai-office-2024-final.txt",
        "qingdao-office-2024-final.txt",
        "yantai-bigdata-2023-final.txt",
        "yantai-office-2023-budget.txt",
        "qingdao-office-2023-budget.txt",
    ]
    .iter()
    .map(|d| (d.to_string(), std::fs::read_to_string(common::fixture(d)).expect("fixture")))
    .collect();
    let (caught, total) = one_unit("corpus", &docs);
    assert!(total > 0, "no rates found");
    assert!(caught * 100 >= total * 60, "rates caught {caught}/{total}");
}
