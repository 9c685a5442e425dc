//! DOC-003 注释说本表无数据，表中却有金额
//!
//! ## 它检查什么
//!
//! A table whose own note calls it empty ("故本表无数据", "本表为空表")
//! prints no nonzero amount.
//!
//! ## 为什么重要
//!
//! 没有某类资金或支出时，表仍要公开，并在表下注明“……，故本表无数据”。注释说本表为空，表中却印着金额，两者必有一处是错的：或是注释照抄了往年或模板，或是表中的数不该有。读者无从判断该信哪一个。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `layout-budget-sample.txt`：在“三公”经费表下加上 “注：本部门2024年无“三公”经费预算，故本表为空表。”
//!
//! 本条不报告的样例：
//!
//! - `layout-budget-sample.txt`：在“三公”经费表下加上只说其中一项的注释（“注：本部门2024年没有安排因公出国（境）费。”）
//! - `layout-budget-sample.txt`、`yantai-office-2024-final.txt`、`qingdao-office-2023-budget.txt`、`qingdao-office-2024-final.txt`、`yantai-bigdata-2023-final.txt`（原样；其中的空表注释在空表下）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/DOC-003.snap`，`cargo test DOC_003` 只运行本条。

use crate::model::Document;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::{Expect, Family, Finding, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "DOC-003",
    family: Family::Doc,
    severity: Severity::Error,
    title: "注释说本表无数据，表中却有金额",
    why: "没有某类资金或支出时，表仍要公开，并在表下注明“……，故本表无数据”。注释说本表为空，表中却印着金额，两者必有一处是错的：或是注释照抄了往年或模板，或是表中的数不该有。读者无从判断该信哪一个。",
    applies_to: &[crate::model::DocumentKind::FinalAccounts, crate::model::DocumentKind::Budget],
    needs: &[],
    check,
    fixtures: fixtures![
        // A 三公 table printing figures over a note calling it empty (as a
        // real Shanghai 2024 budget prints its own).
        Fixture::fires("layout-budget-sample.txt", &[("15.00\n\n第三部分", "15.00\n注：本部门2024年无“三公”经费预算，故本表为空表。\n\n第三部分")]),
        // A note about one item of the table is not about the table.
        Fixture {
            document: "layout-budget-sample.txt",
            edits: &[("15.00\n\n第三部分", "15.00\n注：本部门2024年没有安排因公出国（境）费。\n\n第三部分")],
            expect: Expect::Quiet,
        };
        quiet "layout-budget-sample.txt", Y, "qingdao-office-2023-budget.txt", Q, B
    ],
};

/// The words of a note that says the table itself has no data: a note on
/// one of its items ("本部门没有因公出国（境）费") says less.
fn calls_the_table_empty(note: &str) -> bool {
    ["本表无数据", "本表为空", "空表"].iter().any(|w| note.contains(w))
}

fn check(doc: &Document, sink: &mut Sink) {
    for t in &doc.tables {
        let Some((line, _)) = t.notes.iter().find(|(_, n)| calls_the_table_empty(n)) else { continue };
        let nonzero = t.rows.iter().find_map(|r| {
            let (c, v) = r.cells.iter().enumerate().find_map(|(c, x)| x.value.filter(|v| !v.is_zero()).map(|v| (c, v)))?;
            Some((r, c, v))
        });
        let Some((first, column, value)) = nonzero else { continue };
        // The amount shown with where it stands: its row's label, if any, and
        // its column's caption.
        let place: String = [first.label.as_str(), t.columns.get(column).map_or("", String::as_str)]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("、");
        let message = format!(
            "{}的注释（第{line}行）说本表无数据，但表中印有非零金额（如{}{}），注释与表格矛盾，至少有一处错误。",
            crate::rules::identity::table_name(&t.no()),
            if place.is_empty() { String::new() } else { format!("“{place}”") },
            crate::rules::percent::show(value)
        );
        // About the table and its note, not one cell: the finding names no
        // cell, so the failures of a misprinted amount are not folded into it.
        sink.push(Finding { table: Some(t.no()), actual: Some(value), source_line: Some(*line), ..sink.finding(message) });
    }
}
