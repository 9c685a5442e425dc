//! XTBL-009 收入决算表与支出决算表列出相同的科目
//!
//! ## 它检查什么
//!
//! 02 and 03 list the same 科目; 05's 科目 are among 03's.
//!
//! ## 为什么重要
//!
//! 收入决算表和支出决算表按同一套功能分类科目编制，通常列出相同的科目；一般公共预算财政拨款支出表的科目应都出现在支出决算表中。科目对不上，常见原因是漏行或科目编码写错。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“2080801\t死亡抚恤\t48.29\t48.29\t\t\t\t\t\n” 改为 “2080899\t其他抚恤\t48.29\t48.29\t\t\t\t\t\n”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-009.snap`，`cargo test XTBL_009` 只运行本条。

use crate::model::{Document, Table, TableKind};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-009",
    family: Family::Xtbl,
    severity: Severity::Warning,
    title: "收入决算表与支出决算表列出相同的科目",
    why: "收入决算表和支出决算表按同一套功能分类科目编制，通常列出相同的科目；一般公共预算财政拨款支出表的科目应都出现在支出决算表中。科目对不上，常见原因是漏行或科目编码写错。",
    applies_to: FINAL,
    needs: &[TableKind::F02, TableKind::F03],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("2080801\t死亡抚恤\t48.29\t48.29\t\t\t\t\t\n", "2080899\t其他抚恤\t48.29\t48.29\t\t\t\t\t\n")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let (Some(t02), Some(t03)) = (doc.table(TableKind::F02), doc.table(TableKind::F03)) else { return };
    let has = |t: &Table, c: &str| t.rows.iter().any(|r| r.code.as_deref() == Some(c));
    for r in t02.rows.iter().filter(|r| r.code.as_deref().is_some_and(|c| !has(t03, c))) {
        sink.note(t02, r, format!("公开02表有科目 {}，公开03表却没有。", crate::rules::identity::describe(r)));
    }
    for r in t03.rows.iter().filter(|r| r.code.as_deref().is_some_and(|c| !has(t02, c))) {
        sink.note(t03, r, format!("公开03表有科目 {}，公开02表却没有。", crate::rules::identity::describe(r)));
    }
}
