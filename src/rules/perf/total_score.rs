//! PERF-004 绩效自评表：总分等于预算执行得分加各指标得分
//!
//! ## 它检查什么
//!
//! 总分 = 预算执行得分 + Σ indicator 得分.
//!
//! ## 为什么重要
//!
//! 自评总分是预算执行得分与各项指标得分之和，它决定项目的自评等级（优、良、中、差）。总分与各项得分加不上，等级就没有依据。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“总分\t\t98.38” 改为 “总分\t\t97.38”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/PERF-004.snap`，`cargo test PERF_004` 只运行本条。

use crate::model::Document;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::kinds::FINAL;
use crate::rules::support::perf::{finding, for_each, iv, name};
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "PERF-004",
    family: Family::Perf,
    severity: Severity::Error,
    title: "绩效自评表：总分等于预算执行得分加各指标得分",
    why: "自评总分是预算执行得分与各项指标得分之和，它决定项目的自评等级（优、良、中、差）。总分与各项得分加不上，等级就没有依据。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("总分\t\t98.38", "总分\t\t97.38")]);
     quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    for_each(doc, sink, |e, sink| {
        let Some((total, line)) = e.total else { return };
        if e.blocks.is_empty() || e.blocks.iter().any(|b| !b.complete) {
            return;
        }
        let sum = crate::checked::sum(std::iter::once(e.funds.score).chain(e.blocks.iter().flat_map(|b| b.items.iter().map(|i| i.1))));
        let Some(sum) = sum else {
            sink.skip(format!("项目{}的自评总分：{}", name(e), crate::checked::TOO_LARGE));
            return;
        };
        if iv(total).gap(iv(sum)).is_zero() {
            return;
        }
        let x =
            finding(sink, format!("项目{}的自评总分写为 {}，但预算执行得分与各指标得分之和为 {}。", name(e), total, sum), sum, total, line);
        sink.push(x);
    });
}
