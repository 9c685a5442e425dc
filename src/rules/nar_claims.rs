//! Narrative figures the document itself lets us verify: a project's 执行率
//! from its own 预算数 and 执行数 (NAR-011), shares above 100% (NAR-012), and
//! one item stated twice in a section with different amounts (NAR-017).

use rust_decimal::Decimal;

use super::percent::{judge_percent, narrative_finding, ratio_range, round_half_up, show, PercentVerdict};
use super::{Family, Fixture, Rule, Severity, Sink};
use crate::model::{Document, DocumentKind};
use crate::narrative::claim::sentence_bounds;
use crate::narrative::{Claim, ClaimKind, Topic};
use crate::rounding::{Interval, Verdict};

const Y: &str = "yantai-office-2024-final.txt";
const Q: &str = "qingdao-office-2024-final.txt";
const B: &str = "yantai-bigdata-2023-final.txt";
const YB: &str = "yantai-office-2023-budget.txt";
const QB: &str = "qingdao-office-2023-budget.txt";

use super::nar_tables::claim_interval as interval;
use super::nar_tables::claim_point;

/// The rule.
pub const EXECUTION_RATE: Rule = Rule {
    id: "NAR-011",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：项目执行率等于执行数除以预算数",
    why: "绩效自评综述常写“全年预算数为A万元，执行数为B万元，完成预算的X%”或“执行率为X%”。A、B都印在同一句里，X就必须等于B÷A；否则至少有一个数写错，执行率又是绩效评分的依据。",
    applies_to: &[DocumentKind::FinalAccounts],
    needs: &[],
    check: check_execution,
    fixtures: &[
        Fixture::fires(Q, &[("元，执行数为7524.43万元，完成预算的100%", "元，执行数为7424.43万元，完成预算的100%")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

/// An amount executed ("执行数为", "实际执行", "实际支出"), not a 决算 (NAR-003's).
fn is_executed(c: &Claim) -> bool {
    let s = c.subject.as_str();
    c.is_money_amount() && (s.contains("执行") || s.contains("实际支出")) && !s.contains("预算") && !s.contains("决算")
}

fn is_budget(c: &Claim) -> bool {
    c.is_money_amount() && c.subject.contains("预算") && !c.subject.contains("执行") && !c.subject.contains("决算")
}

fn check_execution(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for (_, p) in n.paragraphs() {
        let chars: Vec<char> = p.text.chars().collect();
        for (k, c) in p.claims.iter().enumerate() {
            let rate = c.kind == ClaimKind::Completion
                || (c.kind == ClaimKind::Percent && (c.subject.ends_with("执行率") || c.subject.ends_with("预算执行率")));
            let Some(printed) = c.value.filter(|_| rate) else { continue };
            // The executed amount and the budgets in the same or the previous sentence.
            let (s, _) = sentence_bounds(&chars, c.start);
            let (s0, _) = sentence_bounds(&chars, s.saturating_sub(2));
            let before: Vec<&Claim> = p.claims[..k].iter().filter(|x| x.start >= s0).collect();
            let Some(done) = before.iter().rev().find(|x| is_executed(x)) else { continue };
            let budgets: Vec<&Claim> = before.iter().copied().filter(|x| is_budget(x) && x.start < done.start).collect();
            let Some(last) = budgets.last() else { continue };
            let (Some(a), Some(ai)) = (done.wan(), interval(done)) else { continue };
            // "年初预算A，调整后预算A′，实际执行B，执行率X%": either budget may be the base.
            let verdicts: Vec<(PercentVerdict, Decimal, &Claim)> = budgets
                .iter()
                .filter_map(|b| {
                    let (bw, bi) = (b.wan()?, interval(b)?);
                    let point = a.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(bw)?;
                    let (lo, hi) = ratio_range(ai, bi)?;
                    Some((judge_percent(printed, point, lo, hi), point, *b))
                })
                .collect();
            if verdicts.is_empty() || verdicts.iter().any(|v| v.0 == PercentVerdict::Exact) {
                continue;
            }
            let Some(&(verdict, point, base)) =
                verdicts.iter().find(|v| v.0 != PercentVerdict::Mismatch).or_else(|| verdicts.iter().find(|v| std::ptr::eq(v.2, *last)))
            else {
                continue;
            };
            let expected = round_half_up(point, printed.scale());
            let head = format!(
                "执行数{}万元 ÷ {}{}万元 = {}%，文中为{}%",
                done.printed,
                base.subject.trim_end_matches('为'),
                base.printed,
                expected,
                c.printed
            );
            let (severity, tail) = match verdict {
                PercentVerdict::Exact => continue,
                PercentVerdict::Rounding => (Severity::Info, "，差异在尾数误差范围内。"),
                PercentVerdict::Truncated => (Severity::Info, "，是截尾（舍去）而非四舍五入。"),
                PercentVerdict::Mismatch => (Severity::Error, "，执行率与金额不符。"),
            };
            let mut f = narrative_finding("NAR-011", severity, format!("{head}{tail}"), c.source_line);
            f.expected = Some(expected);
            f.actual = Some(printed);
            f.difference = printed.checked_sub(expected);
            sink.push(f);
        }
    }
}

/// The rule.
pub const SHARE_ABOVE_100: Rule = Rule {
    id: "NAR-012",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：部分占总体的比例不超过100%",
    why: "“占……的X%”说的是部分在总体中的比重，不可能超过100%。超过了，要么部分和总体写反了，要么数字写错了。",
    applies_to: &[DocumentKind::FinalAccounts, DocumentKind::Budget],
    needs: &[],
    check: check_share_above,
    fixtures: &[
        Fixture::fires(Y, &[("占 99.79%", "占 109.79%")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_share_above(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for (_, _, c) in n.claims() {
        let ClaimKind::Share { base } = &c.kind else { continue };
        let Some(v) = c.value.filter(|v| *v > Decimal::ONE_HUNDRED) else { continue };
        // "占上年的110%" compares two years, not a part with its whole.
        if base.as_deref().is_some_and(|b| ["上年", "去年", "预算", "计划", "目标"].iter().any(|w| b.contains(w))) {
            continue;
        }
        let of = base.as_deref().map_or(String::new(), |b| format!("占{b}的"));
        let mut f = narrative_finding(
            "NAR-012",
            Severity::Error,
            format!("“{}”{of}比例为{}%，超过100%：部分不可能大于总体。", c.subject.trim_end_matches('为'), c.printed),
            c.source_line,
        );
        f.actual = Some(v);
        sink.push(f);
    }
}

/// The rule.
pub const SHARES_SUM: Rule = Rule {
    id: "NAR-021",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：同一总额下列出的各项占比之和不超过100%",
    why: "“主要用于以下方面：甲占71.73%，乙占11.11%，丙占2.07%，丁占15.16%”——这些是同一个总额的组成部分，占比加起来最多是100%（只列主要项目时会少于100%）。合计超过100%又超出了四舍五入的范围，至少有一个占比算错了。",
    applies_to: &[DocumentKind::FinalAccounts, DocumentKind::Budget],
    needs: &[],
    check: check_shares_sum,
    fixtures: &[
        Fixture::fires(Y, &[("占 85.66%", "占 85.86%")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_shares_sum(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for (_, p) in n.paragraphs() {
        let chars: Vec<char> = p.text.chars().collect();
        // Shares of one sentence with no printed base: the parts of the total it opens with.
        let mut groups: Vec<(usize, Vec<&Claim>)> = Vec::new();
        // Or shares of one named base ("占“三公”经费的…").
        let base_key = |c: &Claim| match &c.kind {
            ClaimKind::Share { base } => Some(base.as_deref().map(plain).unwrap_or_default()),
            _ => None,
        };
        let mut keys: Vec<String> = Vec::new();
        for c in p.claims.iter() {
            let Some(key) = base_key(c) else { continue };
            // Bases like "政府采购支出总额" name one total each, not a breakdown.
            if !key.is_empty() && !key.contains("三公") && !key.contains("合计") && !key.contains("总计") {
                continue;
            }
            let (s, _) = sentence_bounds(&chars, c.start);
            match groups.last_mut() {
                Some((gs, g)) if *gs == s && keys.last() == Some(&key) => g.push(c),
                _ => {
                    groups.push((s, vec![c]));
                    keys.push(key);
                }
            }
        }
        for (_, g) in groups.into_iter().filter(|(_, g)| g.len() >= 2) {
            let values: Vec<Decimal> = g.iter().filter_map(|c| c.value).collect();
            let Some(sum) = values.iter().try_fold(Decimal::ZERO, |a, v| a.checked_add(*v)) else { continue };
            // Each printed share may be up to half a unit of its last digit high.
            let Some(slack) = crate::checked::sum(values.iter().map(|v| crate::checked::half_unit(v.scale()))) else { continue };
            // A bound past Decimal's range: nothing can be said.
            if Decimal::ONE_HUNDRED.checked_add(slack).is_none_or(|bound| sum <= bound) {
                continue;
            }
            let Some(last) = g.last() else { continue };
            let listed: Vec<String> = g.iter().map(|c| format!("{}%", c.printed)).collect();
            let mut f = narrative_finding(
                "NAR-021",
                Severity::Error,
                format!("同一总额下列出的占比{}合计为{}%，超过100%，超出了四舍五入可能造成的误差。", listed.join("、"), sum),
                last.source_line,
            );
            f.expected = Some(Decimal::ONE_HUNDRED);
            f.actual = Some(sum);
            f.difference = sum.checked_sub(Decimal::ONE_HUNDRED);
            sink.push(f);
        }
    }
}

/// The rule.
pub const BUDGET_SHARES: Rule = Rule {
    id: "NAR-022",
    family: Family::Nar,
    severity: Severity::Error,
    title: "预算情况说明中的占比与金额相符",
    why: "预算说明常写“本年支出预算合计A万元，其中：基本支出B万元，占X%”或“因公出国（境）费支出C万元，占“三公”经费的Y%”。X应当等于B÷A；占比写明了基数的，按所写的基数（没有单独印出时，就是同一句列出的各部分之和）计算。按公布的位数四舍五入比较，只差尾数或截尾的只作提示。",
    applies_to: &[DocumentKind::Budget],
    needs: &[],
    check: check_budget_shares,
    fixtures: &[
        Fixture::fires(YB, &[("3.收支预算增加的主要原因，项目经费增加。", "3.收支预算增加的主要原因，项目经费增加。本年支出预算合计100.00万元，其中：基本支出42.00万元，占40.00%。")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

/// "“三公”经费" → "三公经费": quotes and spaces do not name anything.
fn plain(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"')).collect()
}

fn check_budget_shares(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for s in &n.sections {
        let all: Vec<&Claim> = s.claims().map(|(_, c)| c).collect();
        for p in &s.paragraphs {
            let chars: Vec<char> = p.text.chars().collect();
            for (k, c) in p.claims.iter().enumerate() {
                let ClaimKind::Share { base } = &c.kind else { continue };
                let Some(printed) = c.value else { continue };
                // The part: the money amount just before the share, in its sentence.
                let (ss, _) = sentence_bounds(&chars, c.start);
                let Some(part) =
                    p.claims[..k].iter().rev().take_while(|x| x.start >= ss || x.is_money_amount()).find(|x| x.is_money_amount())
                else {
                    continue;
                };
                // "占⏎项目支出⏎5533 万元，占⏎68.48 %": a text whose cells were
                // serialised out of order puts a "占" before the part; the share is not its own.
                if part.subject.contains('占') {
                    continue;
                }
                let Some(base_amount) = base_of(&all, p, &chars, k, part, base.as_deref()) else { continue };
                let (Some(pv), Some(pi)) = (part.wan(), interval(part)) else { continue };
                let (bv, bi, what) = base_amount;
                if bv.is_zero() || pv > bv {
                    continue; // PLA-002 and NAR-012 speak to these
                }
                let Some((lo, hi)) = ratio_range(pi, bi) else { continue };
                let Some(point) = pv.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(bv)) else { continue };
                let expected = round_half_up(point, printed.scale());
                let last_place = crate::checked::unit(printed.scale()).unwrap_or(Decimal::ZERO);
                let shares: Vec<Decimal> =
                    p.claims.iter().filter(|x| matches!(x.kind, ClaimKind::Share { .. })).filter_map(|x| x.value).collect();
                let make_100 = shares.len() >= 2 && crate::checked::sum(shares.iter().copied()) == Some(Decimal::ONE_HUNDRED);
                let (severity, tail) = match judge_percent(printed, point, lo, hi) {
                    PercentVerdict::Exact => continue,
                    PercentVerdict::Rounding => (Severity::Info, "差在四舍五入的尾数范围内（尾数误差）。"),
                    PercentVerdict::Truncated => (Severity::Info, "是截尾（舍去）而非四舍五入，不是矛盾。"),
                    PercentVerdict::Mismatch if printed.checked_sub(expected).is_some_and(|d| d.abs() <= last_place) && make_100 => {
                        (Severity::Info, "只差最后一位，且各项占比合计恰为100%，是为凑足100%而作的尾数调整。")
                    }
                    PercentVerdict::Mismatch => (Severity::Error, "超出了四舍五入可能造成的误差。"),
                };
                let mut f = narrative_finding(
                    "NAR-022",
                    severity,
                    format!(
                        "“{}”占 {}%，但 {} ÷ {}（{}）= {}%，{}",
                        part.subject.trim_end_matches('为'),
                        c.printed,
                        show(pv),
                        show(bv),
                        what,
                        expected,
                        tail
                    ),
                    c.source_line,
                );
                f.expected = Some(expected);
                f.actual = Some(printed);
                f.difference = printed.checked_sub(expected);
                sink.push(f);
            }
        }
    }
}

/// The base of a share, as (value in 万元, interval, description): the amount
/// the printed base names (the nearest earlier one in the section); for a
/// named base with no amount of its own, the sum of the parts its sentence
/// lists when their shares make 100%; for "占X%" alone, the total the
/// paragraph opens with.
fn base_of(
    all: &[&Claim],
    p: &crate::narrative::Paragraph,
    chars: &[char],
    k: usize,
    part: &Claim,
    base: Option<&str>,
) -> Option<(Decimal, Interval, String)> {
    let share = &p.claims[k];
    match base {
        Some(b) => {
            let core = plain(b);
            let core = core.trim_end_matches("总额").trim_end_matches("金额").trim_end_matches("合计").to_string();
            if core.chars().count() < 2 {
                return None;
            }
            // "因公出国（境）费0.00" is a part of 三公, never its base: the base's subject names the base and no part.
            let before = all.iter().take_while(|x| !std::ptr::eq(**x, share));
            let named = before.filter(|x| x.is_money_amount() && !std::ptr::eq(**x, part) && plain(&x.subject).contains(&core)).last();
            if let Some(x) = named {
                return Some((x.wan()?, interval(x)?, format!("第{}行所说的{}", x.source_line, x.subject.trim_end_matches('为'))));
            }
            // No amount of its own: the parts listed in the sentence, if their shares make 100%.
            let (ss, se) = sentence_bounds(chars, share.start);
            let group: Vec<&Claim> = p.claims.iter().filter(|x| x.start >= ss && x.start < se).collect();
            let shares: Vec<Decimal> = group
                .iter()
                .filter(|x| matches!(&x.kind, ClaimKind::Share { base: Some(o) } if plain(o) == plain(b)))
                .filter_map(|x| x.value)
                .collect();
            let sum = crate::checked::sum(shares.iter().copied())?;
            // Shares that make about 100% say the parts are the whole; one
            // misprinted share still leaves the list recognisable.
            if shares.len() < 2 || sum.checked_sub(Decimal::ONE_HUNDRED).is_none_or(|d| d.abs() > Decimal::ONE) {
                return None;
            }
            let parts: Vec<&Claim> = group.iter().copied().filter(|x| x.is_money_amount()).collect();
            let total = parts.iter().try_fold(Decimal::ZERO, |a, x| a.checked_add(x.wan()?))?;
            let iv = parts.iter().try_fold(Interval { lo: Decimal::ZERO, hi: Decimal::ZERO }, |a, x| Some(a.add(interval(x)?)))?;
            Some((total, iv, format!("同句所列各项之和，即{b}")))
        }
        None => {
            let first = p.claims.iter().find(|x| x.is_money_amount())?;
            if std::ptr::eq(first, part) || first.start >= share.start {
                return None;
            }
            let s = plain(&first.subject);
            if !["合计", "总计", "总额", "总预算"].iter().any(|w| s.contains(w)) {
                return None;
            }
            Some((first.wan()?, interval(first)?, format!("第{}行所说的{}", first.source_line, first.subject.trim_end_matches('为'))))
        }
    }
}

/// The rule.
pub const SAME_ITEM_TWICE: Rule = Rule {
    id: "NAR-017",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：同一节中同一项目的金额前后一致",
    why: "同一节里先说“基本支出4,942.51万元”，后面又说“基本支出4,924.51万元”，两个数至少有一个是错的。读者无从判断哪个可信；有表格时，表格能说明哪一个对。",
    applies_to: &[DocumentKind::FinalAccounts, DocumentKind::Budget],
    needs: &[],
    check: check_same_item,
    fixtures: &[
        Fixture::fires(Y, &[("2、项目支出 5,111.47 万元。", "2、项目支出 5,111.47 万元，基本支出 4,924.51 万元。")]),
        // One unit of the last digit is a different number, not rounding.
        Fixture::fires(Y, &[("2、项目支出 5,111.47 万元。", "2、项目支出 5,111.47 万元，基本支出 4,942.52 万元。")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

/// Subjects that name a position in a template, not an item: the same words
/// stand before every item's figures ("年初预算为", "支出决算为").
fn specific(subject: &str) -> bool {
    let s = subject.trim_end_matches(['为', '是', '：', ':', ' ']);
    let generic = [
        "年初预算",
        "全年预算",
        "调整后预算",
        "支出决算",
        "决算",
        "预算",
        "预算数",
        "决算数",
        "执行数",
        "合计",
        "支出",
        "收入",
        "其中",
        "金额",
        "采购金额",
        "共计",
        "累计",
        "涉及预算金额",
    ];
    s.chars().count() >= 4
        && !generic.contains(&s)
        && !s.contains("其中")
        && !s.ends_with("合计为")
        // A subject carrying its own path or ordinal is one item's.
        && !s.contains('、')
        && !s.chars().any(|c| c.is_ascii_digit())
        // Names of money items, not thresholds ("单位价值50万元以上") or comparisons.
        && ["支出", "收入", "经费", "费", "总计", "总额", "资金"].iter().any(|w| s.ends_with(w))
        && !["小于", "大于", "等于", "比", "较", "以上", "以下", "价值", "单价", "原因"].iter().any(|w| s.contains(w))
}

/// Figures the narrative may state in several sections and that are one
/// figure of the whole document wherever they stand.
const DOCUMENT_FIGURES: [&str; 5] =
    ["一般公共预算财政拨款支出", "一般公共预算财政拨款基本支出", "本年收入合计", "本年支出合计", "财政拨款收入支出总计"];

fn check_same_item(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    let mut reported: Vec<String> = Vec::new();
    for s in &n.sections {
        // Attachments and 名词解释 repeat definitions; 绩效 lists projects with like names.
        if matches!(s.topic, Topic::Other | Topic::Performance | Topic::Preamble) {
            continue;
        }
        let amounts: Vec<&Claim> =
            s.claims().map(|(_, c)| c).filter(|c| c.kind == ClaimKind::Amount && c.is_money_amount() && specific(&c.subject)).collect();
        report_pairs(&amounts, &mut reported, sink);
    }
    // Across sections, only the figures that cannot mean two things.
    let whole: Vec<&Claim> = n
        .sections
        .iter()
        .filter(|s| !matches!(s.topic, Topic::Other | Topic::Performance | Topic::Preamble))
        .flat_map(|s| s.claims().map(|(_, c)| c))
        .filter(|c| c.kind == ClaimKind::Amount && c.is_money_amount() && DOCUMENT_FIGURES.contains(&c.subject.trim_end_matches('为')))
        .collect();
    report_pairs(&whole, &mut reported, sink);
}

/// Reports, once per subject, two amounts with the same subject and different
/// values: the first amount of the subject, and the first later one that
/// differs from it. Claims are grouped by subject and their values computed
/// once, so a narrative that repeats one sentence thousands of times stays
/// linear (a fuzzer found the pairwise version taking seconds).
fn report_pairs(amounts: &[&Claim], reported: &mut Vec<String>, sink: &mut Sink) {
    let mut groups: std::collections::HashMap<&str, Vec<(&Claim, Decimal, Interval)>> = std::collections::HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for c in amounts {
        let (Some(v), Some(iv)) = (c.wan(), interval(c)) else { continue };
        let g = groups.entry(c.subject.as_str()).or_default();
        if g.is_empty() {
            order.push(c.subject.as_str());
        }
        g.push((c, v, iv));
    }
    for subject in order {
        if reported.iter().any(|r| r == subject) {
            continue;
        }
        let Some(g) = groups.get(subject) else { continue };
        let Some(&(a, av, ai)) = g.first() else { continue };
        let Some(&(b, bv, bi)) = g.iter().find(|(_, v, _)| *v != av) else { continue };
        // One item stated twice: the digits must agree (rounding::same_quantity).
        let rounding = match (claim_point(a), claim_point(b)) {
            (Some(x), Some(y)) => crate::rounding::same_quantity(x, y) != Verdict::Mismatch,
            _ => ai.gap(bi).is_zero(),
        };
        let severity = if rounding { Severity::Info } else { Severity::Error };
        let tail = if rounding { "差异在尾数误差范围内。" } else { "同一项目在同一节中出现两个不同金额。" };
        let mut f = narrative_finding(
            "NAR-017",
            severity,
            format!("“{}”第{}行写{}万元，第{}行又写{}万元，{tail}", a.subject, a.source_line, show(av), b.source_line, show(bv)),
            b.source_line,
        );
        f.expected = Some(av);
        f.actual = Some(bv);
        f.difference = bv.checked_sub(av);
        sink.push(f);
        reported.push(a.subject.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(rule: &Rule, text: &str) -> Vec<(Severity, usize, String)> {
        let doc = crate::read(text);
        let mut sink = super::super::percent::test_sink(rule.id);
        (rule.check)(&doc, &mut sink);
        sink.findings.into_iter().map(|f| (f.severity, f.source_line.unwrap_or(0), f.message)).collect()
    }

    #[test]
    fn a_project_execution_rate_from_its_own_figures() {
        let ok = "一、预算绩效管理情况\n全年预算数为38.06万元，执行数为38.06万元，完成预算的100%。\n年初预算 49.8 万元，调整后预算 52.0 万元，实际执行 49.8 万元，执行率为 95.77%。";
        assert!(run(&EXECUTION_RATE, ok).is_empty(), "{:#?}", run(&EXECUTION_RATE, ok));
        let got = run(&EXECUTION_RATE, "一、预算绩效管理情况\n全年预算数为38.06万元，执行数为36.06万元，完成预算的100%。");
        assert_eq!(got.len(), 1);
        assert!(got[0].2.contains("= 95%"), "{}", got[0].2);
    }

    #[test]
    fn shares_above_100() {
        assert_eq!(run(&SHARE_ABOVE_100, "一、收入\n财政拨款收入 100 万元，占 109.79%。").len(), 1);
        assert!(run(&SHARE_ABOVE_100, "一、收入\n财政拨款收入 100 万元，占上年的109.79%。").is_empty());
    }

    #[test]
    fn shares_of_one_total_add_up_to_at_most_100() {
        // 02-caizhengju L366-369 (planted 71.73%): the four shares add up to 100.07%.
        let text = "五、一般公共预算财政拨款支出决算情况说明\n一般公共预算财政拨款支出 2940.05 万元，主要用于以下方面：一般公共服务支出（类）2106.66 万元，占 71.73%；社会保障和就业支出（类）326.72 万元，占 11.11%；卫生健康支出（类）60.99 万元，占 2.07%；住房保障支出（类）445.69 万元，占 15.16%。";
        let got = run(&SHARES_SUM, text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(got[0].2.contains("100.07%"), "{}", got[0].2);
        assert!(run(&SHARES_SUM, &text.replace("71.73", "71.65")).is_empty());
    }

    #[test]
    fn budget_shares_of_a_named_or_opening_total() {
        let year = "2019年度部门预算\n";
        // 16-shengweiban-2019 L171-177: 11700.63 ÷ 27664.22 = 42.30%.
        let text = format!("{year}三、支出预算情况说明\n江苏省委办公厅本年支出预算合计27664.22万元，其中：基本支出11700.63万元，占42.30%；项目支出13025.38万元，占47.08%；单位预留机动经费2938.21万元，占10.62%。");
        assert!(run(&BUDGET_SHARES, &text).iter().all(|f| f.0 == Severity::Info), "{:#?}", run(&BUDGET_SHARES, &text));
        let got = run(&BUDGET_SHARES, &text.replace("42.30", "42.40"));
        assert_eq!(got.iter().filter(|f| f.0 == Severity::Error).count(), 1, "{got:#?}");
        // L264-268: the three 三公 items, their total not printed: 411.20 ÷ 508.20 = 80.91%, printed 80.92% so that the shares make 100%.
        let sg = format!("{year}九、一般公共预算“三公”经费支出预算情况说明\n“三公”经费预算支出中，因公出国（境）费支出70万元，占“三公”经费的13.77%；公务用车购置及运行费支出411.20万元，占“三公”经费的80.92%；公务接待费支出27万元，占“三公”经费的5.31 %。");
        assert!(run(&BUDGET_SHARES, &sg).iter().all(|f| f.0 == Severity::Info), "{:#?}", run(&BUDGET_SHARES, &sg));
        assert_eq!(run(&BUDGET_SHARES, &sg.replace("13.77", "14.77")).iter().filter(|f| f.0 == Severity::Error).count(), 1);
        // Shares 1.5 points away from 100% are not read as the parts of one total.
        assert_eq!(run(&BUDGET_SHARES, &sg.replace("13.77", "15.27")).iter().filter(|f| f.0 == Severity::Error).count(), 0);
        // Their sum above 100% is NAR-021's.
        assert_eq!(run(&SHARES_SUM, &sg.replace("13.77", "13.87")).len(), 1);
    }

    #[test]
    fn one_item_twice_in_a_section() {
        let text = "三、支出决算情况说明\n本年支出合计 9,000.00 万元，其中：基本支出 4,942.51 万元。\n基本支出 4,924.51 万元，主要用于人员经费。\n1、年初预算为 10 万元。2、年初预算为 20 万元。";
        let got = run(&SAME_ITEM_TWICE, text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!((got[0].0, got[0].1), (Severity::Error, 3));
        // The 一般公共预算财政拨款支出 of two sections is one figure.
        let text = "四、财政拨款收入支出决算总体情况说明\n一般公共预算财政拨款支出 2940.05 万元。\n五、一般公共预算财政拨款支出决算情况说明\n一般公共预算财政拨款支出 2904.05 万元，占本年支出合计的 100.00%。";
        let got = run(&SAME_ITEM_TWICE, text);
        assert_eq!(got.iter().map(|g| (g.0, g.1)).collect::<Vec<_>>(), vec![(Severity::Error, 4)], "{got:#?}");
    }

    #[test]
    fn one_sentence_repeated_thousands_of_times_is_one_subject() {
        // The fuzzer's mutate_document timeout: a narrative line repeated
        // over a thousand times made the pairwise comparison quadratic. Each
        // subject is still told once, about its first differing amount.
        let mut text = String::from("三、支出决算情况说明\n");
        for _ in 0..3000 {
            text.push_str("基本支出 4,942.51 万元，主要用于人员经费。\n");
        }
        text.push_str("基本支出 4,924.51 万元，主要用于人员经费。\n");
        let got = run(&SAME_ITEM_TWICE, &text);
        assert_eq!(got.iter().map(|g| (g.0, g.1)).collect::<Vec<_>>(), vec![(Severity::Error, 3002)], "{got:#?}");
    }
}
