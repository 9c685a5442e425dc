//! PLA-002 情况说明：不对零基数计算百分比
//!
//! ## 它检查什么
//!
//! A percentage of something the same section says is zero
//! ("工程采购授予中小企业合同金额占工程支出金额的100%" with 工程支出 0 万元,
//! "年初预算为0万元 … 完成年初预算的X%").
//!
//! ## 为什么重要
//!
//! “占……的100%”“完成年初预算的X%”都是拿一个数除以另一个数。如果作为分母的金额本身是0（例如工程采购支出为0万元），这个百分比就没有意义，往往是套用模板时没有删掉的句子。读者可能因此误以为确有这项支出。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2024-final.txt`（原样）
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/PLA-002.snap`，`cargo test PLA_002` 只运行本条。

use crate::model::{Document, DocumentKind};
use crate::narrative::{Claim, ClaimKind, Paragraph};
use crate::rules::percent::narrative_finding;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::text::Holds;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};
use rust_decimal::Decimal;

const ID: &str = "PLA-002";

pub const RULE: Rule = Rule {
    id: ID,
    family: Family::Pla,
    severity: Severity::Warning,
    title: "情况说明：不对零基数计算百分比",
    why: "“占……的100%”“完成年初预算的X%”都是拿一个数除以另一个数。如果作为分母的金额本身是0（例如工程采购支出为0万元），这个百分比就没有意义，往往是套用模板时没有删掉的句子。读者可能因此误以为确有这项支出。",
    applies_to: &[DocumentKind::FinalAccounts, DocumentKind::Budget],
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Q, &[]);
        quiet Y, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for section in &n.sections {
        // The section's claims in order, listed once: each share's base is
        // looked for among those before it ([`base_of`]).
        let all: Vec<(&Paragraph, &Claim)> = section.claims().collect();
        // Where the current paragraph's claims start in `all`.
        let mut first = 0;
        // Shares whose base was not among the last [`LOOKBACK`] amounts.
        let mut gave_up = 0usize;
        for (k, &(para, c)) in all.iter().enumerate() {
            if k > 0 && all.get(k - 1).is_some_and(|(p, _)| !std::ptr::eq(*p, para)) {
                first = k;
            }
            let is_share = matches!(c.kind, ClaimKind::Share { .. });
            if !(is_share || c.kind == ClaimKind::Completion) {
                continue;
            }
            // "占0%" of nothing is harmless; a completion rate of a zero budget is not.
            if is_share && c.value.is_none_or(|v| v <= Decimal::ZERO) {
                continue;
            }
            // The claims before the share: those of earlier paragraphs, and of
            // its own those that start before it.
            let own = para.claims.iter().position(|o| o.start >= c.start).unwrap_or(para.claims.len());
            let before = all.get(..first + own).unwrap_or_default();
            let base = match base_of(before, para, c) {
                Base::Found(base) => base,
                Base::Absent => continue,
                Base::TooFar => {
                    gave_up = gave_up.saturating_add(1);
                    continue;
                }
            };
            if base.value.is_some_and(|v| v.is_zero()) {
                let what = match &c.kind {
                    ClaimKind::Share { base: Some(b) } => format!("“占{b}的{}%”", c.printed),
                    ClaimKind::Completion => format!("“{}{}%”", c.subject, c.printed),
                    _ => format!("“占{}%”", c.printed),
                };
                sink.push(narrative_finding(
                    ID,
                    Severity::Warning,
                    format!(
                        "{what}：作为基数的“{}”为{}万元，对零计算的百分比没有意义，请核实是否应删去这句话。",
                        base.subject, base.printed
                    ),
                    c.source_line,
                ));
            }
        }
        if gave_up > 0 {
            let heading = if section.heading.is_empty() { "情况说明开头" } else { section.heading.as_str() };
            sink.skip(format!("“{heading}”中有{gave_up}处百分比，其前{LOOKBACK}个金额里没有找到所说的基数，未核对其基数是否为零"));
        }
    }
}

/// "工程支出金额" → ["工程支出金额", "工程支出"]: the base as printed and without
/// a trailing 金额/总额/数.
fn cores(base: &str) -> Vec<String> {
    let mut out = vec![base.to_string()];
    for suffix in ["金额", "总额", "数", "额"] {
        if let Some(core) = base.strip_suffix(suffix) {
            if core.chars().count() >= 2 {
                out.push(core.to_string());
            }
            break;
        }
    }
    out
}

/// How many money amounts back a share's named base is looked for. A real
/// section names it within a few; without a bound, a section of thousands of
/// repeated shares (a fuzzer's) cost shares × amounts substring searches:
/// 45 s for one 6 MB text.
const LOOKBACK: usize = 200;

/// What a share is of, as [`base_of`] finds it.
enum Base<'a> {
    /// The amount the share is of.
    Found(&'a Claim),
    /// No amount the section prints before the share names it.
    Absent,
    /// None of the last [`LOOKBACK`] amounts names it, and there are more:
    /// not looked for further, which the coverage report says.
    TooFar,
}

/// The amount a share is of: the nearest money amount `before` it (the
/// section's claims before the share, in order) whose subject names the
/// printed base, among the last [`LOOKBACK`]; for a bare "占X%", the first
/// amount of its sentence (the total the sentence breaks down).
fn base_of<'a>(before: &[(&'a Paragraph, &'a Claim)], para: &'a Paragraph, share: &'a Claim) -> Base<'a> {
    let found = |c: Option<&'a Claim>| c.map_or(Base::Absent, Base::Found);
    match &share.kind {
        ClaimKind::Share { base: Some(base) } => {
            let cores = cores(base);
            // The nearest first: searched backwards, not to the end.
            let mut amounts = before.iter().rev().map(|(_, c)| *c).filter(|c| c.is_money_amount());
            // (`holds`: no `str` searcher set up per subject and core.)
            match amounts.by_ref().take(LOOKBACK).find(|c| cores.iter().any(|k| c.subject.holds(k))) {
                Some(c) => Base::Found(c),
                None if amounts.next().is_some() => Base::TooFar,
                None => Base::Absent,
            }
        }
        ClaimKind::Share { base: None } => {
            let in_sentence: Vec<&Claim> =
                para.claims.iter().filter(|c| c.start < share.start && c.sentence == share.sentence && c.is_money_amount()).collect();
            // The amount right before the share is its own part, not the base.
            found((in_sentence.len() >= 2).then(|| in_sentence[0]))
        }
        ClaimKind::Completion => {
            found(para.claims.iter().rev().find(|c| c.start < share.start && c.is_money_amount() && c.subject.holds("预算")))
        }
        _ => Base::Absent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<usize> {
        crate::rules::testing::findings_of(ID, check, text).into_iter().map(|f| f.source_line.unwrap_or(0)).collect()
    }

    #[test]
    fn fires_on_a_share_of_zero_and_a_completion_of_no_budget() {
        let text = "（二）政府采购支出情况\n政府采购货物支出44.48万元、政府采购工程支出0万元、政府采购服务支出6,430.14万元。货物采购授予中小企业合同金额占货物支出金额的100%，工程采购授予中小企业合同金额占工程支\n\n出金额的100%。\n五、一般公共预算\n1、其他支出（类）。年初预算为 0 万元，支出决算为 280.68 万元，完成年初预算的 100%。";
        assert_eq!(run(text), vec![4, 6]);
    }

    /// A section of `filler` amounts between a zero base and its share.
    fn base_then_amounts_then_share(filler: usize) -> String {
        let mut text = String::from("（二）政府采购支出情况\n政府采购工程支出0万元。\n");
        for i in 0..filler {
            text.push_str(&format!("第{i}批办公用品采购1.00万元。\n"));
        }
        text.push_str("工程采购授予中小企业合同金额占工程支出金额的100%。\n");
        text
    }

    #[test]
    fn looks_for_a_base_at_most_lookback_amounts_back_and_says_when_it_gave_up() {
        // 199 amounts between: the base is the 200th back, found.
        let near = base_then_amounts_then_share(LOOKBACK - 1);
        assert_eq!(run(&near).len(), 1);
        assert!(RULE.skipped(&near).is_empty());
        // 200 between: not looked for, and the coverage report says so.
        let far = base_then_amounts_then_share(LOOKBACK);
        assert!(run(&far).is_empty());
        assert_eq!(
            RULE.skipped(&far),
            vec![format!("“政府采购支出情况”中有1处百分比，其前{LOOKBACK}个金额里没有找到所说的基数，未核对其基数是否为零")]
        );
    }

    #[test]
    fn silent_on_real_bases_and_zero_shares() {
        let text = "二、收入决算情况\n收入合计 8,979.28 万元，其中：财政拨款收入 8,979.1 万元，占 100%；其他收入 0.18 万元，占 0%。\n（二）政府采购支出情况\n政府采购工程支出 0 万元。授予中小企业合同金额 308.4 万元,占政府采购支出总额的 76.06%。";
        assert!(run(text).is_empty(), "{:?}", run(text));
    }
}
