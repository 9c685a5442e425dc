//! TBL-106 按部门、政府经济分类成对列示的基本支出表：每一类等于其下各款之和
//!
//! ## 它检查什么
//!
//! Economic tables keyed by code pairs: each class row = Σ its items.
//!
//! ## 为什么重要
//!
//! 有的预算把部门经济分类（如301工资福利支出）和政府经济分类（如501机关工资福利支出）并列，同一类会按机关和事业单位分组出现两次。每一组的类级金额应当等于紧随其后的各款之和；对不上，说明人员经费或公用经费的某一项有误。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“301 01 基本工资 501 01 工资奖金津补贴 532.41 532.41 532.41” 改为 “301 01 基本工资 501 01 工资奖金津补贴 542.41 542.41 542.41”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-106.snap`，`cargo test TBL_106` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::{at, Located};
use crate::rules::support::budget::{settled, target};
use crate::rules::support::corpus::BASIC_SALARY_RAISED;
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-106",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "按部门、政府经济分类成对列示的基本支出表：每一类等于其下各款之和",
    why: "有的预算把部门经济分类（如301工资福利支出）和政府经济分类（如501机关工资福利支出）并列，同一类会按机关和事业单位分组出现两次。每一组的类级金额应当等于紧随其后的各款之和；对不上，说明人员经费或公用经费的某一项有误。",
    applies_to: BUDGET,
    needs: &[],
    check,
    fixtures: BASIC_SALARY_RAISED,
};

fn check(doc: &Document, sink: &mut Sink) {
    for t in doc.legacy_tables().filter(|t| {
        t.rows
            .iter()
            .any(|r| r.code.as_deref().is_some_and(|c| c.contains('/')) && matches!(t.kind, TableKind::BBasicEcon | TableKind::BBasicAll))
    }) {
        let codes: Vec<Option<&str>> = t.rows.iter().map(|r| r.code.as_deref()).collect();
        for (class, items) in crate::domain::pair_groups(&codes) {
            if items.is_empty() || !settled(t, class) || items.iter().any(|i| !settled(t, *i)) {
                continue;
            }
            for c in 0..t.columns.len() {
                let terms: Vec<(i8, Located)> = items.iter().map(|i| (1, at(t, &t.rows[*i], c))).collect();
                sink.identity(target(t, &t.rows[class], c), &terms, "紧随其后的各款之和");
            }
        }
    }
}
