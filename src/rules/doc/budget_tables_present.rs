//! DOC-101 部门预算应公开收支总表、收入总表、支出总表、财政拨款收支总表等八张基本表
//!
//! ## 它检查什么
//!
//! The standard budget tables are published.
//!
//! ## 为什么重要
//!
//! 部门预算公开的统一格式要求至少公开收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表、一般公共预算基本支出表、“三公”经费支出表和政府性基金预算支出表；没有数据的表也应公开并说明原因。少了其中一张，公众就看不到那一部分预算。国有资本经营预算、项目支出和政府采购表各地要求不一，这里不作要求。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：“单位一般公共预算“三公”经费支出情况表” 改为 “单位一般公共预算经费支出情况表”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/DOC-101.snap`，`cargo test DOC_101` 只运行本条。

use crate::model::Document;
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Finding, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "DOC-101",
    family: Family::Doc,
    severity: Severity::Warning,
    title: "部门预算应公开收支总表、收入总表、支出总表、财政拨款收支总表等八张基本表",
    why: "部门预算公开的统一格式要求至少公开收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表、一般公共预算基本支出表、“三公”经费支出表和政府性基金预算支出表；没有数据的表也应公开并说明原因。少了其中一张，公众就看不到那一部分预算。国有资本经营预算、项目支出和政府采购表各地要求不一，这里不作要求。",
    applies_to: BUDGET,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(QB, &[("单位一般公共预算“三公”经费支出情况表", "单位一般公共预算经费支出情况表")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    if doc.tables.is_empty() {
        // A narrative published apart from its tables: say so once.
        let message = "这份文本中没有公开表（可能另行发布）；只核对了情况说明，与表格有关的核对未进行。".to_string();
        sink.push(finding("DOC-101", Severity::Info, message, None, None));
        return;
    }
    for (kinds, name) in crate::domain::REQUIRED_BUDGET_TABLES {
        if kinds.iter().any(|k| doc.found(*k).is_some()) {
            continue;
        }
        // A table seen but not read: one whose kind was not made out, whose
        // header fits no known format, or one the general reader found but
        // could not place the numbers of (its title may name it wrongly).
        let unread = doc.problems.iter().any(|p| p.message.contains("没有认出") || p.message.contains("暂不能读取"))
            || doc.tables.iter().any(|t| t.grid.as_ref().is_some_and(|g| !g.read));
        let hint = if unread { "（文中有未能识别的表，可能就是它，但格式无法确认）" } else { "" };
        sink.push(finding(
            "DOC-101",
            Severity::Warning,
            format!("没有找到《{name}》{hint}。部门预算应公开这张表；本部门没有相应数据时也应公开空表并注明原因。"),
            None,
            None,
        ));
    }
}

fn finding(rule: &'static str, severity: Severity, message: String, table: Option<String>, line: Option<usize>) -> Finding {
    Finding {
        rule,
        severity,
        message,
        table,
        row: None,
        column: None,
        expected: None,
        actual: None,
        difference: None,
        source_line: line,
        page: None,
        related: Vec::new(),
        also: Vec::new(),
        place: None,
    }
}
