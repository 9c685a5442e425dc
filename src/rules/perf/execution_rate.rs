//! PERF-001 绩效自评表：预算执行率等于全年执行数除以全年预算数
//!
//! ## 它检查什么
//!
//! 执行率 = 全年执行数 / 全年预算数.
//!
//! ## 为什么重要
//!
//! 预算执行率反映项目的钱花了多少。自评表上写的执行率应当就是“全年执行数 ÷ 全年预算数”；对不上，说明执行情况的说法与实际金额矛盾。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“736.85\t10\t82.79%” 改为 “736.85\t10\t72.79%”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/PERF-001.snap`，`cargo test PERF_001` 只运行本条。

use crate::model::Document;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::kinds::FINAL;
use crate::rules::support::perf::{finding, for_each, name, rate_iv, ratio};
use crate::rules::{Family, Fixture, Rule, Severity, Sink};
use rust_decimal::Decimal;

pub const RULE: Rule = Rule {
    id: "PERF-001",
    family: Family::Perf,
    severity: Severity::Error,
    title: "绩效自评表：预算执行率等于全年执行数除以全年预算数",
    why: "预算执行率反映项目的钱花了多少。自评表上写的执行率应当就是“全年执行数 ÷ 全年预算数”；对不上，说明执行情况的说法与实际金额矛盾。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
            Fixture::fires(Y, &[("736.85\t10\t82.79%", "736.85\t10\t72.79%")]);
     quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    for_each(doc, sink, |e, sink| {
        let f = &e.funds;
        let Some(r) = ratio(f) else { return };
        if rate_iv(f).gap(r).is_zero() {
            return;
        }
        let hundred = Decimal::ONE_HUNDRED;
        let exact = f.executed.checked_div(f.budget).and_then(|x| x.checked_mul(hundred));
        let (Some(exact), Some(printed)) = (exact, f.rate.fraction.checked_mul(hundred)) else {
            sink.skip(format!("项目{}的预算执行率：{}", name(e), crate::checked::TOO_LARGE));
            return;
        };
        let exact = exact.round_dp(2);
        let x = finding(
            sink,
            format!(
                "项目{}的自评表写预算执行率 {}，但全年执行数 {} ÷ 全年预算数 {} = {}%。",
                name(e),
                f.rate.printed,
                f.executed,
                f.budget,
                exact
            ),
            exact,
            printed,
            f.line,
        );
        sink.push(x);
    });
}
