//! NAR-017 情况说明：同一节中同一项目的金额前后一致
//!
//! ## 它检查什么
//!
//! One item stated twice in a section with different amounts ("基本支出4,942.51
//! 万元" … "基本支出4,924.51万元"); across sections only the figures of the whole
//! document (一般公共预算财政拨款支出, 本年收入合计 …). Subjects that name a place
//! in a template ("年初预算为") are not items. Each subject is reported once.
//!
//! ## 为什么重要
//!
//! 同一节里先说“基本支出4,942.51万元”，后面又说“基本支出4,924.51万元”，两个数至少有一个是错的。读者无从判断哪个可信；有表格时，表格能说明哪一个对。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“2、项目支出 5,111.47 万元。” 改为 “2、项目支出 5,111.47 万元，基本支出 4,924.51 万元。”
//! - `yantai-office-2024-final.txt`：“2、项目支出 5,111.47 万元。” 改为 “2、项目支出 5,111.47 万元，基本支出 4,942.52 万元。”
//!
//! 本条不报告的样例：
//!
//! - `qingdao-office-2024-final.txt`：“十一、预算绩效情况说明” 改为 “预算绩效情况说明”，“（一）预算绩效管理工作开展情况” 改为 “预算绩效管理工作开展情况”（绩效一节未被认出，“涉及预算资金”7804.48万元与0万元落在同一节：“涉及……”说的是前一分句所说项目的资金，不是一个项目）
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-017.snap`，`cargo test NAR_017` 只运行本条。

use rust_decimal::Decimal;

use crate::model::Document;
use crate::narrative::{Claim, ClaimKind, Topic};
use crate::rounding::{Interval, Verdict};
use crate::rules::percent::{narrative_values, show};
use crate::rules::support::claims::{claim_interval, claim_point};
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::{Expect, Family, Fixture, Rule, Severity, Sink};

/// The rule.
pub const RULE: Rule = Rule {
    id: "NAR-017",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：同一节中同一项目的金额前后一致",
    why: "同一节里先说“基本支出4,942.51万元”，后面又说“基本支出4,924.51万元”，两个数至少有一个是错的。读者无从判断哪个可信；有表格时，表格能说明哪一个对。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("2、项目支出 5,111.47 万元。", "2、项目支出 5,111.47 万元，基本支出 4,924.51 万元。")]),
        // One unit of the last digit is a different number, not rounding.
        Fixture::fires(Y, &[("2、项目支出 5,111.47 万元。", "2、项目支出 5,111.47 万元，基本支出 4,942.52 万元。")]),
        // Its 绩效 section's headings printed without their numbers: the
        // section is not told apart, and "涉及预算资金" of 市级 projects
        // (7,804.48) and of 中央转移支付 projects (0) fall in one section.
        Fixture { document: Q, edits: UNNUMBERED_PERFORMANCE, expect: Expect::Quiet };
        quiet Y, Q, B, YB, QB
    ],
};

/// Q's 绩效 headings without their numbers.
const UNNUMBERED_PERFORMANCE: &[(&str, &str)] =
    &[("十一、预算绩效情况说明", "预算绩效情况说明"), ("（一）预算绩效管理工作开展情况", "预算绩效管理工作开展情况")];

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    let mut reported: Vec<String> = Vec::new();
    // Across sections, only the figures that cannot mean two things:
    // gathered in the same pass over the claims as each section's.
    let mut whole: Vec<&Claim> = Vec::new();
    let mut amounts: Vec<&Claim> = Vec::new();
    for s in &n.sections {
        // Attachments and 名词解释 repeat definitions; 绩效 lists projects with like names.
        if matches!(s.topic, Topic::Other | Topic::Performance | Topic::Preamble) {
            continue;
        }
        amounts.clear();
        for c in s.claims().map(|(_, c)| c).filter(|c| c.kind == ClaimKind::Amount && c.is_money_amount()) {
            if specific(&c.subject) {
                amounts.push(c);
            }
            if DOCUMENT_FIGURES.contains(&c.subject.trim_end_matches('为')) {
                whole.push(c);
            }
        }
        report_pairs(&amounts, &mut reported, sink);
    }
    report_pairs(&whole, &mut reported, sink);
}

/// Subjects that name a position in a template, not an item: the same words
/// stand before every item's figures ("年初预算为", "支出决算为").
fn specific(subject: &str) -> bool {
    let s = subject.trim_end_matches(['为', '是', '：', ':', ' ']);
    // The tests of [`specific_by_definition`], cheapest first (a
    // conjunction: the order changes no answer): a few suffix compares
    // settle most subjects before a char is counted, and the words that
    // make a subject no item's are looked for in one pass over its chars,
    // each only where its first char stands, not by a search per word.
    ["支出", "收入", "经费", "费", "总计", "总额", "资金"].iter().any(|w| s.ends_with(w))
        && !GENERIC.contains(&s)
        && !s.ends_with("合计为")
        // "涉及预算资金" is the funds of whatever the clause before names
        // (市级项目 …, then 中央转移支付项目 …): no item of its own.
        && !s.starts_with("涉及")
        // (An ASCII digit byte is an ASCII digit char in UTF-8.)
        && !s.bytes().any(|b| b.is_ascii_digit())
        && s.chars().count() >= 4
        && !s.char_indices().any(|(i, c)| {
            c == '、'
                || (starts_not_item(c) && s.get(i..).is_some_and(|rest| NOT_ITEMS.iter().any(|w| rest.starts_with(w))))
        })
}

/// Whether `c` is the first char of a word of [`NOT_ITEMS`] (a test says
/// each word's is): one match per char, not eleven prefix tests.
fn starts_not_item(c: char) -> bool {
    matches!(c, '其' | '小' | '大' | '等' | '比' | '较' | '以' | '价' | '单' | '原')
}

/// Words that make a subject a threshold, a comparison or a part, not one
/// item's figure ("其中" and those of `specific_by_definition`'s last test).
const NOT_ITEMS: [&str; 11] = ["其中", "小于", "大于", "等于", "比", "较", "以上", "以下", "价值", "单价", "原因"];

/// Subjects that name a position in a template, not an item.
const GENERIC: [&str; 17] = [
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
];

/// [`specific`]'s definition, for the test that holds it to it.
#[cfg(test)]
fn specific_by_definition(subject: &str) -> bool {
    use crate::rules::support::text::Holds;
    let s = subject.trim_end_matches(['为', '是', '：', ':', ' ']);
    s.chars().count() >= 4
        && !GENERIC.contains(&s)
        && !s.holds("其中")
        && !s.ends_with("合计为")
        && !s.starts_with("涉及")
        // A subject carrying its own path or ordinal is one item's.
        && !s.contains('、')
        && !s.chars().any(|c| c.is_ascii_digit())
        // Names of money items, not thresholds ("单位价值50万元以上") or comparisons.
        && ["支出", "收入", "经费", "费", "总计", "总额", "资金"].iter().any(|w| s.ends_with(w))
        && !["小于", "大于", "等于", "比", "较", "以上", "以下", "价值", "单价", "原因"].iter().any(|w| s.holds(w))
}

/// Figures the narrative may state in several sections and that are one
/// figure of the whole document wherever they stand.
const DOCUMENT_FIGURES: [&str; 5] =
    ["一般公共预算财政拨款支出", "一般公共预算财政拨款基本支出", "本年收入合计", "本年支出合计", "财政拨款收入支出总计"];

/// Reports, once per subject, two amounts with the same subject and different
/// values: the first amount of the subject, and the first later one that
/// differs from it, subjects in the order of their first amounts. Claims are
/// grouped by subject (a stable sort: text order within a subject), so a
/// narrative that repeats one sentence thousands of times stays linear (a
/// fuzzer found the pairwise version taking seconds); a subject stated once
/// pairs with nothing, and its amount is not worked out.
fn report_pairs(amounts: &[&Claim], reported: &mut Vec<String>, sink: &mut Sink) {
    let mut by_subject: Vec<(usize, &Claim)> = amounts.iter().copied().enumerate().collect();
    by_subject.sort_by(|x, y| x.1.subject.cmp(&y.1.subject));
    // (place of the first amount, first amount, first later different one).
    let mut pairs: Vec<(usize, Valued<'_>, Valued<'_>)> = Vec::new();
    for group in by_subject.chunk_by(|x, y| x.1.subject == y.1.subject).filter(|g| g.len() > 1) {
        let mut valued = group.iter().filter_map(|&(k, c)| Some((k, (c, c.wan()?, claim_interval(c)?))));
        let Some((k, a)) = valued.next() else { continue };
        let Some((_, b)) = valued.find(|(_, (_, v, _))| *v != a.1) else { continue };
        pairs.push((k, a, b));
    }
    pairs.sort_unstable_by_key(|p| p.0);
    for (_, a, b) in pairs {
        if reported.contains(&a.0.subject) {
            continue;
        }
        report_pair(a, b, reported, sink);
    }
}

/// Reports the two differing amounts `a` and `b` of one subject, and notes
/// the subject as reported.
fn report_pair((a, av, ai): Valued<'_>, (b, bv, bi): Valued<'_>, reported: &mut Vec<String>, sink: &mut Sink) {
    // One item stated twice: the digits must agree (rounding::same_quantity).
    let rounding = match (claim_point(a), claim_point(b)) {
        (Some(x), Some(y)) => crate::rounding::same_quantity(x, y) != Verdict::Mismatch,
        _ => ai.gap(bi).is_zero(),
    };
    let severity = if rounding { Severity::Info } else { Severity::Error };
    let tail = if rounding { "差异在尾数误差范围内。" } else { "同一项目在同一节中出现两个不同金额。" };
    sink.push(narrative_values(
        "NAR-017",
        severity,
        format!("“{}”第{}行写{}万元，第{}行又写{}万元，{tail}", a.subject, a.source_line, show(av), b.source_line, show(bv)),
        b.source_line,
        (Some(av), Some(bv)),
    ));
    reported.push(a.subject.clone());
}

/// An amount with its value in 万元 and its interval.
type Valued<'a> = (&'a Claim, Decimal, Interval);

#[cfg(test)]
mod specific_tests {
    use super::*;

    /// [`specific`], its tests reordered and its word searches made one
    /// pass, answers as its definition does.
    #[test]
    fn specific_is_its_definition() {
        let pieces = [
            "基本",
            "支出",
            "收入",
            "经费",
            "费",
            "总计",
            "总额",
            "资金",
            "其中",
            "其",
            "小于",
            "大于",
            "等于",
            "比",
            "较",
            "以上",
            "以",
            "价值",
            "单价",
            "原因",
            "、",
            "1",
            "a",
            "为",
            "是",
            "：",
            " ",
            "合计",
            "预算",
            "决算",
            "执行数",
        ];
        let mut kept = 0;
        for text in crate::text::stream::sample_texts(&pieces, 3000) {
            let want = specific_by_definition(&text);
            kept += usize::from(want);
            assert_eq!(specific(&text), want, "{text:?}");
        }
        for g in GENERIC {
            assert_eq!(specific(g), specific_by_definition(g), "{g}");
        }
        assert!(kept > 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`report_pairs`] as it was first written (grouped by a HashMap, every
    /// amount worked out): the definition its test holds it to.
    fn report_pairs_by_map(amounts: &[&Claim], reported: &mut Vec<String>, sink: &mut Sink) {
        let mut groups: std::collections::HashMap<&str, Vec<(&Claim, Decimal, Interval)>> = std::collections::HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        for c in amounts {
            let (Some(v), Some(iv)) = (c.wan(), claim_interval(c)) else { continue };
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
            let Some(&a) = g.first() else { continue };
            let Some(&b) = g.iter().find(|(_, v, _)| *v != a.1) else { continue };
            report_pair(a, b, reported, sink);
        }
    }

    /// [`report_pairs`] reports what its definition reports, in its order,
    /// for every section's money amounts of every corpus fixture, for them
    /// with made-up ones (same subjects, other values), and for all of
    /// them at once, after a first call's subjects are reported.
    #[test]
    fn pairs_are_reported_as_by_a_map() {
        let sink = || Sink {
            findings: Vec::new(),
            skipped: Vec::new(),
            rule: "NAR-017",
            severity: Severity::Error,
            two_amounts: None,
            class_mentions: None,
            unit: None,
        };
        let messages = |s: Sink| s.findings.into_iter().map(|f| (f.severity, f.message, f.source_line)).collect::<Vec<_>>();
        let mut reports = 0;
        for text in crate::FIXTURES.iter().map(|name| crate::fixture(name)) {
            let doc = crate::read(&text);
            let all: Vec<&Claim> =
                doc.narrative.sections.iter().flat_map(|s| s.claims().map(|(_, c)| c)).filter(|c| c.is_money_amount()).collect();
            // Each claim again with its value moved by one unit of its last
            // digit, or unchanged: subjects stated twice, differing or not.
            let moved: Vec<Claim> = all
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    let mut m = (*c).clone();
                    if k % 3 != 0 {
                        m.value = c.value.and_then(|v| v.checked_add(crate::checked::unit(v.scale())?));
                    }
                    m.source_line = c.source_line.saturating_add(1000);
                    m
                })
                .collect();
            let mixed: Vec<&Claim> = all.iter().copied().zip(&moved).flat_map(|(a, b)| [a, b]).collect();
            for amounts in [&all, &mixed] {
                let (mut fast, mut slow) = (sink(), sink());
                let (mut rf, mut rs) = (Vec::new(), Vec::new());
                for half in [amounts.get(..amounts.len() / 2).unwrap_or_default(), amounts.as_slice()] {
                    report_pairs(half, &mut rf, &mut fast);
                    report_pairs_by_map(half, &mut rs, &mut slow);
                }
                assert_eq!(rf, rs);
                reports += rs.len();
                assert_eq!(messages(fast), messages(slow));
            }
        }
        assert!(reports > 20, "{reports}");
    }

    #[test]
    fn every_not_item_word_starts_with_a_char_the_prefilter_lets_through() {
        for w in NOT_ITEMS {
            assert!(w.chars().next().is_some_and(starts_not_item), "{w}");
        }
    }

    #[test]
    fn one_item_twice_in_a_section() {
        let text = "三、支出决算情况说明\n本年支出合计 9,000.00 万元，其中：基本支出 4,942.51 万元。\n基本支出 4,924.51 万元，主要用于人员经费。\n1、年初预算为 10 万元。2、年初预算为 20 万元。";
        let got = RULE.found(text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!((got[0].0, got[0].1), (Severity::Error, 3));
        // The 一般公共预算财政拨款支出 of two sections is one figure.
        let text = "四、财政拨款收入支出决算总体情况说明\n一般公共预算财政拨款支出 2662.23 万元。\n五、一般公共预算财政拨款支出决算情况说明\n一般公共预算财政拨款支出 2626.23 万元，占本年支出合计的 100.00%。";
        let got = RULE.found(text);
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
        let got = RULE.found(&text);
        assert_eq!(got.iter().map(|g| (g.0, g.1)).collect::<Vec<_>>(), vec![(Severity::Error, 3002)], "{got:#?}");
    }
}
