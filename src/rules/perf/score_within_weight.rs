//! PERF-005 绩效自评表：每项指标得分不超过其分值
//!
//! ## 它检查什么
//!
//! 得分 ≤ 分值 for every indicator.
//!
//! ## 为什么重要
//!
//! 每项指标的得分最高只能等于它的分值（自评表注释也这样规定）。得分超过分值，自评总分就被虚增了。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“≤150万元\t134.31万元\t4\t4” 改为 “≤150万元\t134.31万元\t4\t5”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/PERF-005.snap`，`cargo test PERF_005` 只运行本条。

use crate::model::Document;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::kinds::FINAL;
use crate::rules::support::perf::{finding, for_each, name};
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "PERF-005",
    family: Family::Perf,
    severity: Severity::Error,
    title: "绩效自评表：每项指标得分不超过其分值",
    why: "每项指标的得分最高只能等于它的分值（自评表注释也这样规定）。得分超过分值，自评总分就被虚增了。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
            Fixture::fires(Y, &[("≤150万元\t134.31万元\t4\t4", "≤150万元\t134.31万元\t4\t5")]);
     quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    for_each(doc, sink, |e, sink| {
        for b in &e.blocks {
            for (w, s, line) in &b.items {
                if s > w {
                    let x = finding(sink, format!("项目{}的自评表第{line}行指标得分 {s} 超过了它的分值 {w}。", name(e)), *w, *s, *line);
                    sink.push(x);
                }
            }
        }
    });
}
