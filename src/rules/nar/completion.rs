//! NAR-003 情况说明中的预算完成率与金额相符
//!
//! ## 它检查什么
//!
//! "年初预算为A万元，支出决算为B万元，完成年初预算的X%": X against B ÷ A, the
//! last budget amount before the rate and the last 决算 amount after it; and
//! "年初无预算" after a budget amount that is not zero.
//!
//! ## 为什么重要
//!
//! “年初预算为A万元，支出决算为B万元，完成年初预算的X%”中，X应当等于B÷A。年初预算为0时只能说“年初无预算”，不能给出完成率；写了“年初无预算”却又列出预算金额，也是矛盾。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“完成年初预算的 113.59%” 改为 “完成年初预算的 123.59%”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-003.snap`，`cargo test NAR_003` 只运行本条。

use rust_decimal::Decimal;

use crate::model::Document;
use crate::narrative::{Claim, ClaimKind};
use crate::rules::percent::{
    is_exact, judge_percent, narrative_finding, narrative_values, ratio_range, round_half_up, show, PercentVerdict,
};
use crate::rules::support::claims::claim_interval;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::kinds::FINAL;
use crate::rules::support::text::Holds;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// "完成年初预算的X%" = 决算 / 年初预算; "年初无预算" ⇔ 年初预算 0.
pub const RULE: Rule = Rule {
    id: "NAR-003",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明中的预算完成率与金额相符",
    why: "“年初预算为A万元，支出决算为B万元，完成年初预算的X%”中，X应当等于B÷A。年初预算为0时只能说“年初无预算”，不能给出完成率；写了“年初无预算”却又列出预算金额，也是矛盾。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("完成年初预算的 113.59%", "完成年初预算的 123.59%")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for p in n.sections.iter().flat_map(|s| s.paragraphs.iter()) {
        // The last budget amount before each claim, and the last 决算 amount
        // after that budget, kept as the claims go by (one pass: a long
        // paragraph must not be scanned back from every claim).
        let (mut budget, mut actual): (Option<&Claim>, Option<&Claim>) = (None, None);
        for c in &p.claims {
            let (this_budget, this_actual) = (budget, actual);
            if c.is_money_amount() && c.subject.holds("预算") {
                (budget, actual) = (Some(c), None);
            } else if c.is_money_amount() && c.subject.holds("决算") && budget.is_some() {
                actual = Some(c);
            }
            let (budget, actual) = (this_budget, this_actual);
            match c.kind {
                ClaimKind::Completion => {
                    let Some(budget) = budget else { continue };
                    let Some(actual) = actual else { continue };
                    let (Some(printed), Some(b), Some(a)) = (c.value, budget.wan(), actual.wan()) else { continue };
                    if b.is_zero() {
                        let message =
                            format!("情况说明第{}行年初预算为0，却写“完成预算的{}%”；预算为0时应写“年初无预算”。", c.source_line, printed);
                        sink.push(narrative_finding("NAR-003", Severity::Error, message, c.source_line));
                        continue;
                    }
                    let Some(point) = a.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(b)) else { continue };
                    // An exact rate (most) needs no range.
                    if is_exact(printed, point) {
                        continue;
                    }
                    let (Some(biv), Some(aiv)) = (claim_interval(budget), claim_interval(actual)) else { continue };
                    let Some((lo, hi)) = ratio_range(aiv, biv) else { continue };
                    let expected = round_half_up(point, printed.scale());
                    let (severity, tail) = match judge_percent(printed, point, lo, hi) {
                        PercentVerdict::Exact => continue,
                        PercentVerdict::Rounding => (Severity::Info, "差在四舍五入的尾数范围内（尾数误差）。"),
                        PercentVerdict::Truncated => (Severity::Info, "是截尾（舍去）而非四舍五入，不是矛盾。"),
                        PercentVerdict::Mismatch => (Severity::Error, "与金额不符。"),
                    };
                    let message = format!(
                        "情况说明第{}行写完成预算的 {}%，但决算 {} ÷ 预算 {} = {}%，{}",
                        c.source_line,
                        printed,
                        show(a),
                        show(b),
                        expected,
                        tail
                    );
                    sink.push(narrative_values("NAR-003", severity, message, c.source_line, (Some(expected), Some(printed))));
                }
                ClaimKind::NoBudget => {
                    if let Some(b) = budget.filter(|b| b.wan().is_some_and(|v| !v.is_zero())) {
                        let message = format!(
                            "情况说明第{}行写“年初无预算”，但前面说年初预算为 {} 万元，自相矛盾。",
                            c.source_line,
                            show(b.wan().unwrap_or_default())
                        );
                        sink.push(narrative_finding("NAR-003", Severity::Error, message, c.source_line));
                    }
                }
                _ => {}
            }
        }
    }
}
