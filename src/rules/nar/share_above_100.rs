//! NAR-012 情况说明：部分占总体的比例不超过100%
//!
//! ## 它检查什么
//!
//! A share "占……的X%" above 100%: a part cannot be larger than its whole.
//! Shares of another year, a budget, a plan or a target ("占上年的110%") compare
//! two figures and are left alone.
//!
//! ## 为什么重要
//!
//! “占……的X%”说的是部分在总体中的比重，不可能超过100%。超过了，要么部分和总体写反了，要么数字写错了。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“占 99.79%” 改为 “占 109.79%”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-012.snap`，`cargo test NAR_012` 只运行本条。

use rust_decimal::Decimal;

use crate::model::Document;
use crate::narrative::ClaimKind;
use crate::rules::percent::narrative_values;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// The rule.
pub const RULE: Rule = Rule {
    id: "NAR-012",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：部分占总体的比例不超过100%",
    why: "“占……的X%”说的是部分在总体中的比重，不可能超过100%。超过了，要么部分和总体写反了，要么数字写错了。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("占 99.79%", "占 109.79%")]);
        quiet Y, Q, B, YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for (_, _, c) in n.claims() {
        let ClaimKind::Share { base } = &c.kind else { continue };
        let Some(v) = c.value.filter(|v| *v > Decimal::ONE_HUNDRED) else { continue };
        // "占上年的110%" compares two years, not a part with its whole.
        if base.as_deref().is_some_and(|b| ["上年", "去年", "预算", "计划", "目标"].iter().any(|w| b.contains(w))) {
            continue;
        }
        let of = base.as_deref().map_or(String::new(), |b| format!("占{b}的"));
        sink.push(narrative_values(
            "NAR-012",
            Severity::Error,
            format!("“{}”{of}比例为{}%，超过100%：部分不可能大于总体。", c.subject.trim_end_matches('为'), c.printed),
            c.source_line,
            (None, Some(v)),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_above_100() {
        assert_eq!(RULE.found("一、收入\n财政拨款收入 100 万元，占 109.79%。").len(), 1);
        assert!(RULE.found("一、收入\n财政拨款收入 100 万元，占上年的109.79%。").is_empty());
    }
}
