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
//! [`RULE`] 的 `fixtures` 列出样例：语料文档（`tests/fixtures/`）加上改动后本条应当报告的（`fires`），
//! 和原样发布、本条应当不报告的（`quiet`）。每个样例产生的发现记在
//! `tests/snapshots/rules/PERF-005.snap`；`cargo test PERF_005` 只运行本条。

use crate::model::Document;
use crate::rules::support::corpus::{B, Q, Y};
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
    fixtures: &[
        Fixture::fires(Y, &[("≤150万元\t134.31万元\t4\t4", "≤150万元\t134.31万元\t4\t5")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
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
