//! PERF-002 绩效自评表：预算执行得分等于分值乘以执行率
//!
//! ## 它检查什么
//!
//! 预算执行得分 = 分值 × min(执行率, 1).
//!
//! ## 为什么重要
//!
//! 预算执行一项的得分按“分值 × 预算执行率”计算（执行率最高按100%计）。例如分值10分、执行率82.79%，得分应为8.28分。得分多算，项目的自评总分和等级就被抬高了。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`（原样）
//!
//! 本条不报告的样例：
//!
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/PERF-002.snap`，`cargo test PERF_002` 只运行本条。

use crate::model::Document;
use crate::rounding::Interval;
use crate::rules::support::perf::{broken_in_y, finding, for_each, iv, name, rate_iv, ratio};
use crate::rules::{Rule, Severity, Sink};
use rust_decimal::Decimal;

pub const RULE: Rule = broken_in_y(
    "PERF-002",
    Severity::Error,
    "绩效自评表：预算执行得分等于分值乘以执行率",
    "预算执行一项的得分按“分值 × 预算执行率”计算（执行率最高按100%计）。例如分值10分、执行率82.79%，得分应为8.28分。得分多算，项目的自评总分和等级就被抬高了。",
    check,
);

fn check(doc: &Document, sink: &mut Sink) {
    for_each(doc, sink, |e, sink| {
        let f = &e.funds;
        let printed = iv(f.score);
        let by_rate = capped_times(f.weight, rate_iv(f));
        let by_amounts = ratio(f).map(|r| capped_times(f.weight, r));
        if printed.gap(by_rate).is_zero() || by_amounts.is_some_and(|a| printed.gap(a).is_zero()) {
            return;
        }
        let Some(expected) = f.weight.checked_mul(f.rate.fraction.min(Decimal::ONE)) else {
            sink.skip(format!("项目{}的预算执行得分：{}", name(e), crate::checked::TOO_LARGE));
            return;
        };
        let expected = expected.round_dp(f.score.scale().max(2));
        let x = finding(
            sink,
            format!(
                "项目{}的自评表预算执行得分写为 {}，但分值 {} × 执行率 {} = {}，得分多算或少算了 {}；自评总分也随之不准。",
                name(e),
                f.score,
                f.weight,
                f.rate.printed,
                expected,
                f.score.checked_sub(expected).unwrap_or(Decimal::MAX).abs()
            ),
            expected,
            f.score,
            f.line,
        );
        sink.push(x);
    });
}

fn capped_times(weight: Decimal, r: Interval) -> Interval {
    let one = Decimal::ONE;
    match (weight.checked_mul(r.lo.min(one)), weight.checked_mul(r.hi.min(one))) {
        (Some(lo), Some(hi)) => Interval { lo: lo.min(hi), hi: lo.max(hi) },
        _ => Interval::ANY,
    }
}
