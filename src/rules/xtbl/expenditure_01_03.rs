//! XTBL-002 支出决算表与收入支出决算总表的支出一致（总数和每一类）
//!
//! ## 它检查什么
//!
//! 01 expenditure ↔ 03 合计 and 类.
//!
//! ## 为什么重要
//!
//! 收入支出决算总表按功能分类列出各类支出，支出决算表按科目再细分。本年支出合计和每一类支出在两张表里应当相同；一类支出只出现在一张表里，说明漏列或错列。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“八、社会保障和就业支出\t39\t625.49” 改为 “八、社会保障和就业支出\t39\t635.49”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-002.snap`，`cargo test XTBL_002` 只运行本条。

use crate::domain::{class_position, CLASSES};
use crate::model::{Document, TableKind};
use crate::rules::identity::Target;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::final_xtbl::{line01, total_row, v01};
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-002",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "支出决算表与收入支出决算总表的支出一致（总数和每一类）",
    why: "收入支出决算总表按功能分类列出各类支出，支出决算表按科目再细分。本年支出合计和每一类支出在两张表里应当相同；一类支出只出现在一张表里，说明漏列或错列。",
    applies_to: FINAL,
    needs: &[TableKind::F01, TableKind::F03],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("八、社会保障和就业支出\t39\t625.49", "八、社会保障和就业支出\t39\t635.49")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t03) = doc.table(TableKind::F03) else { return };
    if let (Some(tot), Some(_)) = (total_row(t03), line01(doc, 58)) {
        sink.identity(Target::cell(t03, tot, 0), &[(1, v01(doc, 58))], "公开01表本年支出合计（行次58）");
    }
    for (i, r) in t03.rows.iter().enumerate() {
        let Some(p) = r.code.as_deref().filter(|c| c.len() == 3).and_then(class_position) else { continue };
        if t03.unresolved.contains(&i) {
            continue;
        }
        if let Some(r01) = line01(doc, 32 + p) {
            sink.identity_named(Target::cell(t03, r, 0), &[(1, v01(doc, 32 + p))], || format!("公开01表“{}”（行次{}）", r01.label, 32 + p));
        }
    }
    // A class with money in 01 but no row in 03.
    if let Some(t01) = doc.table(TableKind::F01) {
        for (p, code) in CLASSES.iter().enumerate() {
            let Some(r01) = t01.by_line(32 + p as u32) else { continue };
            if r01.value(0).is_some_and(|v| !v.is_zero()) && !t03.rows.iter().any(|r| r.code.as_deref() == Some(code)) {
                sink.note(
                    t01,
                    r01,
                    format!("公开01表“{}”有 {}，但公开03表没有 {code} 类科目的行。", r01.label, r01.value(0).unwrap_or_default()),
                );
            }
        }
    }
}
