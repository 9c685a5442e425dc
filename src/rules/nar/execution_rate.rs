//! NAR-011 情况说明：项目执行率等于执行数除以预算数
//!
//! ## 它检查什么
//!
//! A project's 执行率 ("全年预算数为A万元，执行数为B万元，完成预算的X%", "执行率为
//! X%") against B ÷ A, the amounts in the same or the previous sentence; with
//! several budgets (年初, 调整后) either may be the base.
//!
//! ## 为什么重要
//!
//! 绩效自评综述常写“全年预算数为A万元，执行数为B万元，完成预算的X%”或“执行率为X%”。A、B都印在同一句里，X就必须等于B÷A；否则至少有一个数写错，执行率又是绩效评分的依据。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2024-final.txt`：“元，执行数为7524.43万元，完成预算的100%” 改为 “元，执行数为7424.43万元，完成预算的100%”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-011.snap`，`cargo test NAR_011` 只运行本条。

use rust_decimal::Decimal;

use crate::model::Document;
use crate::narrative::claim::sentence_bounds;
use crate::narrative::{Claim, ClaimKind};
use crate::rules::percent::{judge_percent, narrative_values, ratio_range, round_half_up, PercentVerdict};
use crate::rules::support::claims::claim_interval;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::kinds::FINAL;
use crate::rules::support::text::Holds;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// The rule.
pub const RULE: Rule = Rule {
    id: "NAR-011",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：项目执行率等于执行数除以预算数",
    why: "绩效自评综述常写“全年预算数为A万元，执行数为B万元，完成预算的X%”或“执行率为X%”。A、B都印在同一句里，X就必须等于B÷A；否则至少有一个数写错，执行率又是绩效评分的依据。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Q, &[("元，执行数为7524.43万元，完成预算的100%", "元，执行数为7424.43万元，完成预算的100%")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for (_, p) in n.paragraphs() {
        let chars = p.chars();
        for (k, c) in p.claims.iter().enumerate() {
            let rate = c.kind == ClaimKind::Completion
                || (c.kind == ClaimKind::Percent && (c.subject.ends_with("执行率") || c.subject.ends_with("预算执行率")));
            let Some(printed) = c.value.filter(|_| rate) else { continue };
            // The executed amount and the budgets in the same or the previous sentence.
            // (The claim's sentence as read: `sentence_bounds` at its start.)
            let (s, _) = c.sentence;
            let (s0, _) = sentence_bounds(chars, s.saturating_sub(2));
            let before: Vec<&Claim> = p.claims[..k].iter().filter(|x| x.start >= s0).collect();
            let Some(done) = before.iter().rev().find(|x| is_executed(x)) else { continue };
            let budgets: Vec<&Claim> = before.iter().copied().filter(|x| is_budget(x) && x.start < done.start).collect();
            let Some(last) = budgets.last() else { continue };
            let (Some(a), Some(ai)) = (done.wan(), claim_interval(done)) else { continue };
            // "年初预算A，调整后预算A′，实际执行B，执行率X%": either budget may be the base.
            let verdicts: Vec<(PercentVerdict, Decimal, &Claim)> = budgets
                .iter()
                .filter_map(|b| {
                    let (bw, bi) = (b.wan()?, claim_interval(b)?);
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
                "执行数{} ÷ {}{} = {}%，文中为{}%",
                done.said(),
                base.subject.trim_end_matches('为'),
                base.said(),
                expected,
                c.printed
            );
            let (severity, tail) = match verdict {
                PercentVerdict::Exact => continue,
                PercentVerdict::Rounding => (Severity::Info, "，差异在尾数误差范围内。"),
                PercentVerdict::Truncated => (Severity::Info, "，是截尾（舍去）而非四舍五入。"),
                PercentVerdict::Mismatch => (Severity::Error, "，执行率与金额不符。"),
            };
            sink.push(narrative_values("NAR-011", severity, format!("{head}{tail}"), c.source_line, (Some(expected), Some(printed))));
        }
    }
}

/// An amount executed ("执行数为", "实际执行", "实际支出"), not a 决算 (NAR-003's).
fn is_executed(c: &Claim) -> bool {
    let s = c.subject.as_str();
    c.is_money_amount() && (s.holds("执行") || s.holds("实际支出")) && !s.holds("预算") && !s.holds("决算")
}

fn is_budget(c: &Claim) -> bool {
    c.is_money_amount() && c.subject.holds("预算") && !c.subject.holds("执行") && !c.subject.holds("决算")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_execution_rate_from_its_own_figures() {
        let ok = "一、预算绩效管理情况\n全年预算数为38.06万元，执行数为38.06万元，完成预算的100%。\n年初预算 49.8 万元，调整后预算 52.0 万元，实际执行 49.8 万元，执行率为 95.77%。";
        assert!(RULE.found(ok).is_empty(), "{:#?}", RULE.found(ok));
        let got = RULE.found("一、预算绩效管理情况\n全年预算数为38.06万元，执行数为36.06万元，完成预算的100%。");
        assert_eq!(got.len(), 1);
        assert!(got[0].2.contains("= 95%"), "{}", got[0].2);
    }
}
