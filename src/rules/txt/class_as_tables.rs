//! TXT-010 情况说明中的类级科目名称与表格一致
//!
//! ## 它检查什么
//!
//! A 类 the narrative names differently from the tables.
//!
//! ## 为什么重要
//!
//! 同一个支出功能分类“类”（例如210类），情况说明和表格应当用同一个名称。文字写“医疗卫生与计划生育支出”、表格写“卫生健康支出”，说明两部分套用了不同年度的模板，读者也难以把文字和表格对上。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“卫生健康(类)支出 208.93 万元” 改为 “医疗卫生与计划生育(类)支出 208.93 万元”
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
//! `tests/snapshots/rules/TXT-010.snap`，`cargo test TXT_010` 只运行本条。

use crate::model::Document;
use crate::rules::percent::narrative_finding;
use crate::rules::support::classes::same_name;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TXT-010",
    family: Family::Txt,
    severity: Severity::Warning,
    title: "情况说明中的类级科目名称与表格一致",
    why: "同一个支出功能分类“类”（例如210类），情况说明和表格应当用同一个名称。文字写“医疗卫生与计划生育支出”、表格写“卫生健康支出”，说明两部分套用了不同年度的模板，读者也难以把文字和表格对上。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("卫生健康(类)支出 208.93 万元", "医疗卫生与计划生育(类)支出 208.93 万元")]);
        quiet Y, Q, B, YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    use crate::model::TableKind;
    // The tables that list 类 by code.
    let kinds = [
        TableKind::F01,
        TableKind::F03,
        TableKind::F05,
        TableKind::F07,
        TableKind::F08,
        TableKind::BGeneral,
        TableKind::BExpenditure,
        TableKind::BFund,
        TableKind::BCapital,
    ];
    let table_name = |code: &str| -> Option<String> {
        kinds
            .iter()
            .filter_map(|k| doc.table(*k))
            .flat_map(|t| t.rows.iter())
            .find(|r| r.code.as_deref() == Some(code))
            .map(|r| r.label.clone())
    };
    let mut seen: Vec<String> = Vec::new();
    // (Searched for once per run, shared with TXT-001 and TXT-003.)
    for (p, at, name) in sink.class_mentions(doc) {
        let Some((_, code)) = crate::domain::class_names().find(|(k, _)| same_name(k, &name)) else { continue };
        let Some(label) = table_name(code) else { continue };
        if same_name(&label, &name) || seen.contains(&name) {
            continue;
        }
        seen.push(name.clone());
        sink.push(narrative_finding(
            "TXT-010",
            Severity::Warning,
            format!("情况说明写“{name}（类）”，而表格中{code}类的名称是“{label}”。"),
            p.line_at(at),
        ));
    }
}
