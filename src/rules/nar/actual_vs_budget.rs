//! NAR-004 情况说明：“决算数大于（小于、等于）预算数”与所列金额相符
//!
//! ## 它检查什么
//!
//! "决算数大于（小于、等于）预算数", "与年初预算持平" against the 年初预算 and 决算
//! amounts just before it in the paragraph. "基本持平" says too little to check.
//! "等于"/"持平" makes the two amounts one value: printed at one precision they
//! must print the same digits; "大于/小于" with amounts equal within rounding is
//! 尾数误差 (info), never an error.
//!
//! ## 为什么重要
//!
//! 决算情况说明对每个科目先列年初预算数和决算数，再说“决算数大于（小于）预算数的主要原因是……”。如果金额显示决算比预算少，文字却说“大于”，或者两者明明不同却说“等于”“持平”，后面解释的原因就是针对一个不存在的情况，读者无法相信这段说明。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“决算数大于年初预算数的主要原因是年中人员经费追加导致” 改为 “决算数小于年初预算数的主要原因是年中人员经费追加导致”
//! - `yantai-office-2024-final.txt`：“完成年初预算的 99.03%。与年初预算基本持平” 改为 “完成年初预算的 99.03%。与年初预算持平”
//! - `yantai-office-2024-final.txt`：“支出决算为 35.42 万元，完成年初预算的 100%。与年初预算持平” 改为 “支出决算为 35.43 万元，完成年初预算的 100%。与年初预算持平”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-004.snap`，`cargo test NAR_004` 只运行本条。

use crate::model::Document;
use crate::narrative::Claim;
use crate::rounding::Verdict;
use crate::rules::percent::{narrative_values, show};
use crate::rules::support::claims::{claim_interval, claim_point};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::kinds::FINAL;
use crate::rules::support::text::{starts_at, unspaced, CharFinder, Holds};
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// The rule.
pub const RULE: Rule = Rule {
    id: "NAR-004",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：“决算数大于（小于、等于）预算数”与所列金额相符",
    why: "决算情况说明对每个科目先列年初预算数和决算数，再说“决算数大于（小于）预算数的主要原因是……”。如果金额显示决算比预算少，文字却说“大于”，或者两者明明不同却说“等于”“持平”，后面解释的原因就是针对一个不存在的情况，读者无法相信这段说明。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("决算数大于年初预算数的主要原因是年中人员经费追加导致", "决算数小于年初预算数的主要原因是年中人员经费追加导致")]),
        Fixture::fires(Y, &[("完成年初预算的 99.03%。与年初预算基本持平", "完成年初预算的 99.03%。与年初预算持平")]),
        // "持平" makes the two amounts one value: one unit apart at one precision is not rounding.
        Fixture::fires(Y, &[("支出决算为 35.42 万元，完成年初预算的 100%。与年初预算持平", "支出决算为 35.43 万元，完成年初预算的 100%。与年初预算持平")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for (_, p) in n.paragraphs() {
        // A relation is held only against a 预算 amount with a 决算 amount
        // after it: a paragraph without such a pair (most) is not searched.
        if !has_pair(&p.claims) {
            continue;
        }
        for (rel, at) in relations(&p.text) {
            let before: Vec<&Claim> = p.claims.iter().filter(|c| c.start < at && c.is_money_amount()).collect();
            // The nearest 决算 amount and the 预算 amount before it.
            let Some(actual) = before.iter().rev().find(|c| is_actual(c)) else {
                continue;
            };
            let Some(budget) = before.iter().rev().filter(|c| c.start < actual.start).find(|c| is_budget(c)) else {
                continue;
            };
            // Only the sentence just before the relation: the pair must be the last amounts.
            if before.last().map(|c| c.start) != Some(actual.start) {
                continue;
            }
            let (Some(a), Some(b), Some(ai), Some(bi)) = (actual.wan(), budget.wan(), claim_interval(actual), claim_interval(budget))
            else {
                continue;
            };
            // "决算数等于（持平于）预算数" says the two are one value: printed at
            // one precision they must print the same digits
            // (rounding::same_quantity). "大于/小于" with equal printed
            // amounts is within rounding: the exact values may differ.
            let overlap = match (claim_point(actual), claim_point(budget)) {
                (Some(x), Some(y)) if rel == Relation::Equal => crate::rounding::same_quantity(x, y) != Verdict::Mismatch,
                _ => ai.gap(bi).is_zero(),
            };
            let holds = match rel {
                Relation::Greater => a > b,
                Relation::Less => a < b,
                Relation::Equal => a == b,
            };
            if holds {
                continue;
            }
            let line = p.line_at(at);
            let what = if a > b {
                "大于"
            } else if a < b {
                "小于"
            } else {
                "等于"
            };
            let base =
                format!("文中说决算数{}预算数，但所列预算数为{}万元、决算数为{}万元，决算数{}预算数", rel.zh(), show(b), show(a), what);
            // Different only within rounding of the printed amounts: not a contradiction.
            let (severity, tail) = if overlap && (rel == Relation::Equal || a == b) {
                (Severity::Info, "，差异在尾数误差范围内。")
            } else {
                (Severity::Error, "，文字与金额相反。")
            };
            sink.push(narrative_values("NAR-004", severity, format!("{base}{tail}"), line, (Some(b), Some(a))));
        }
    }
}

/// A 决算 amount (its subject names 决算, not 预算).
fn is_actual(c: &Claim) -> bool {
    c.subject.holds("决算") && !c.subject.holds("预算")
}

/// A 预算 amount (its subject names 预算, not 决算).
fn is_budget(c: &Claim) -> bool {
    c.subject.holds("预算") && !c.subject.holds("决算")
}

/// Whether some money amount of `claims` is a 预算 one starting before a
/// 决算 one: what every relation [`check`] holds to amounts needs.
fn has_pair(claims: &[Claim]) -> bool {
    let money = || claims.iter().filter(|c| c.is_money_amount());
    let Some(last_actual) = money().filter(|c| is_actual(c)).map(|c| c.start).max() else { return false };
    money().any(|c| c.start < last_actual && is_budget(c))
}

/// The relation a sentence claims between 决算 and 预算.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    Greater,
    Less,
    Equal,
}

impl Relation {
    fn zh(self) -> &'static str {
        match self {
            Relation::Greater => "大于",
            Relation::Less => "小于",
            Relation::Equal => "等于",
        }
    }
}

/// The words after 决算(数) that state a relation to 预算.
const RELATION_WORDS: [(&str, Relation); 8] = [
    ("大于", Relation::Greater),
    ("高于", Relation::Greater),
    ("超过", Relation::Greater),
    ("多于", Relation::Greater),
    ("小于", Relation::Less),
    ("低于", Relation::Less),
    ("少于", Relation::Less),
    ("等于", Relation::Equal),
];

/// "决算数大于预算数", "决算数与年初预算数持平", "与年初预算持平": the
/// relation and its char offset in the paragraph text. "基本持平" says too
/// little to check and is skipped.
fn relations(text: &str) -> Vec<(Relation, usize)> {
    let mut out = Vec::new();
    // Every relation starts at a 决, 持 or 一 (a byte search each), and only
    // there are the chars around it read, past white space: a paragraph is
    // not copied into chars (most of its 决s start no relation). Results are
    // sorted by offset below, so the three searches may come in any order.
    static JUE: CharFinder = CharFinder::new("决");
    for i in JUE.in_text(text) {
        // The 16 chars from the 决 on, white space left out: four first
        // (决算数 and the char after), as the char after 决算(数) must start
        // a relation word, and in a 决算 nearly every 决 starts no relation.
        let mut chars = unspaced(&text[i..]);
        let mut near = ['\0'; 16];
        let mut n = 0;
        for (slot, c) in near.iter_mut().take(4).zip(&mut chars) {
            *slot = c;
            n += 1;
        }
        if !starts_at(&near[..n], 1, "算") {
            continue;
        }
        let rest = if starts_at(&near[..n], 0, "决算数") { 3 } else { 2 };
        if !near[..n].get(rest).is_some_and(|c| RELATION_WORDS.iter().any(|(w, _)| w.starts_with(*c))) {
            continue;
        }
        for (slot, c) in near.iter_mut().skip(n).zip(&mut chars) {
            *slot = c;
            n += 1;
        }
        let near = &near[..n];
        let rel = RELATION_WORDS
            .iter()
            .find(|(w, _)| {
                starts_at(near, rest, w) && {
                    let mut j = rest + w.chars().count();
                    while starts_at(near, j, "年初") {
                        j += 2;
                    }
                    starts_at(near, j, "预算")
                }
            })
            .map(|(_, r)| *r);
        if let Some(r) = rel {
            out.push((r, i));
        }
    }
    static CHI: CharFinder = CharFinder::new("持");
    static YI: CharFinder = CharFinder::new("一");
    for (finder, first, second) in [(&CHI, '持', '平'), (&YI, '一', '致')] {
        for i in finder.in_text(text) {
            if unspaced(&text[i + first.len_utf8()..]).next() != Some(second) {
                continue;
            }
            // The 10 chars before, white space left out.
            let mut before: Vec<char> = unspaced(&text[..i]).rev().take(10).collect();
            before.reverse();
            let before: String = before.into_iter().collect();
            let Some(yu) = before.rfind('与') else { continue };
            let between = &before[yu + '与'.len_utf8()..];
            if between.holds("预算") && !between.holds("决算") && !between.ends_with("基本") && !between.holds("上年") {
                out.push((Relation::Equal, i));
            }
        }
    }
    // Offsets in chars of the whole text, counted only for the relations found.
    out.sort_by_key(|r| r.1);
    out.dedup_by_key(|r| r.1);
    out.into_iter().map(|(r, i)| (r, text[..i].chars().count())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::support::text::{find_all, squeezed};

    /// `relations` as it was written before its one-pass form.
    fn relations_by_find_all(text: &str) -> Vec<(Relation, usize)> {
        let (chars, at) = squeezed(text);
        let mut out = Vec::new();
        for k in find_all(&chars, "决算数").into_iter().chain(find_all(&chars, "决算")) {
            let rest: String = chars[k..].iter().take(16).collect();
            let rest = rest.strip_prefix("决算数").or_else(|| rest.strip_prefix("决算")).unwrap_or("");
            let rel = RELATION_WORDS
                .iter()
                .find(|(w, _)| rest.starts_with(w) && rest[w.len()..].trim_start_matches("年初").starts_with("预算"))
                .map(|(_, r)| *r);
            if let Some(r) = rel {
                out.push((r, at[k]));
            }
        }
        for word in ["持平", "一致"] {
            for k in find_all(&chars, word) {
                let before: String = chars[k.saturating_sub(10)..k].iter().collect();
                let Some(yu) = before.rfind('与') else { continue };
                let between = &before[yu + '与'.len_utf8()..];
                if between.contains("预算") && !between.contains("决算") && !between.ends_with("基本") && !between.contains("上年")
                {
                    out.push((Relation::Equal, at[k]));
                }
            }
        }
        out.sort_by_key(|r| r.1);
        out.dedup_by_key(|r| r.1);
        out
    }

    /// [`has_pair`] is false only where no relation finds its amounts: on
    /// every paragraph of every corpus fixture, at every char of it, the
    /// nearest 决算 amount and a 预算 amount before it (as [`check`] finds
    /// them) are found only in a paragraph that has a pair.
    #[test]
    fn a_paragraph_without_a_pair_finds_no_amounts() {
        let (mut pairs, mut skipped) = (0, 0);
        for text in crate::FIXTURES.iter().map(|name| crate::fixture(name)) {
            let doc = crate::read(&text);
            for (_, p) in doc.narrative.paragraphs() {
                let has = has_pair(&p.claims);
                if !has {
                    skipped += 1;
                }
                for at in 0..=p.text.chars().count() {
                    let before: Vec<&Claim> = p.claims.iter().filter(|c| c.start < at && c.is_money_amount()).collect();
                    let found = before
                        .iter()
                        .rev()
                        .find(|c| is_actual(c))
                        .is_some_and(|actual| before.iter().rev().filter(|c| c.start < actual.start).any(|c| is_budget(c)));
                    assert!(has || !found, "{} {at}", p.text);
                    pairs += usize::from(found);
                }
            }
        }
        assert!(pairs > 100 && skipped > 100, "{pairs} {skipped}");
    }

    #[test]
    fn relations_in_one_pass_as_by_find_all() {
        for text in [
            "",
            "决算数大于预算数",
            "决算 数 小于 年初 预算",
            "决算数等于年初年初年初年初年初年初预算数",
            "决算数等于年初年初年初预算数",
            "决算数与年初预算数持平，与预算一致，与上年预算持平，决算数与预算基本持平",
            "支出决算为10万元，决算高于预算；决算超过预算。决算",
            "一致持平决算决算数",
        ] {
            assert_eq!(relations(text), relations_by_find_all(text), "{text}");
        }
    }

    #[test]
    fn relations_by_byte_search_as_by_find_all_on_generated_texts() {
        let pieces = [
            "决",
            "算",
            "数",
            "决算数",
            "决算",
            "大于",
            "小于",
            "等于",
            "高于",
            "年初",
            "预算",
            "预算数",
            "与",
            "持平",
            "一致",
            "持",
            "平",
            "一",
            "致",
            "基本",
            "上年",
            " ",
            "\t",
            "\u{3000}",
            "，",
            "。",
            "10万元",
            "a",
        ];
        for text in crate::text::stream::sample_texts(&pieces, 2000) {
            assert_eq!(relations(&text), relations_by_find_all(&text), "{text:?}");
        }
    }

    const HEAD: &str = "2024年度部门决算\n第三部分 2024年度部门决算情况说明\n五、一般公共预算财政拨款支出决算情况说明\n";

    #[test]
    fn budget_direction_words_follow_the_amounts() {
        // The shape of 02-caizhengju L378-379, L406-407, L414-415 (planted), with made-up amounts.
        let text = format!("{HEAD}1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为 1480.20 万元，支出决算为 1432.75 万元。 决算数大于预算数的主要原因：人员变化。\n2、行政单位医疗（项）。年初预算为 58.40 万元，支出决算为 57.12 万元。 决算数等于预算数的主要原因：按实际需要测算。\n3、信息化建设（项）。年初预算为 120.60 万元，支出决算为 119.85 万元。决算数小于预算数的主要原因：调减。\n4、一般行政管理事务（项）。年初预算为 12.00 万元，支出决算为 12.00 万元。决算数与预算数基本持平。");
        let got = RULE.found(&text);
        let lines: Vec<(Severity, usize)> = got.iter().map(|g| (g.0, g.1)).collect();
        assert_eq!(lines, vec![(Severity::Error, 4), (Severity::Error, 5)], "{got:#?}");
        assert!(got[0].2.contains("决算数小于预算数"), "{}", got[0].2);
    }
}
