//! XTBL-004 一般公共预算财政拨款支出决算表与财政拨款收入支出决算总表一致
//!
//! ## 它检查什么
//!
//! 04 一般公共预算 column ↔ 05.
//!
//! ## 为什么重要
//!
//! 一般公共预算财政拨款支出决算表是财政拨款总表中“一般公共预算财政拨款”一栏的明细：总数和每一类支出都应相同，否则说明同一笔一般公共预算资金在两张表中说法不一。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“一、一般公共服务支出\t33\t8,602.95\t8,602.95” 改为 “一、一般公共服务支出\t33\t8,612.95\t8,612.95”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-004.snap`，`cargo test XTBL_004` 只运行本条。

use crate::domain::CLASSES;
use crate::model::{Document, TableKind};
use crate::rules::identity::{at, Target};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::final_xtbl::{coded_row, total_row};
use crate::rules::support::fiscal04::line as line04;
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-004",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "一般公共预算财政拨款支出决算表与财政拨款收入支出决算总表一致",
    why: "一般公共预算财政拨款支出决算表是财政拨款总表中“一般公共预算财政拨款”一栏的明细：总数和每一类支出都应相同，否则说明同一笔一般公共预算资金在两张表中说法不一。",
    applies_to: FINAL,
    needs: &[TableKind::F04, TableKind::F05],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("一、一般公共服务支出\t33\t8,602.95\t8,602.95", "一、一般公共服务支出\t33\t8,612.95\t8,612.95")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t05) = doc.table(TableKind::F05) else { return };
    let Some(t04) = doc.table(TableKind::F04) else { return };
    if let (Some(tot), Some(r59)) = (total_row(t05), line04(doc, 59)) {
        sink.identity(Target::cell(t05, tot, 0), &[(1, at(t04, r59, 1))], "公开04表本年支出合计（行次59）的一般公共预算财政拨款");
    }
    for p in 0..CLASSES.len() as u32 {
        let code = CLASSES[p as usize];
        let Some(r04) = line04(doc, 33 + p) else { continue };
        match coded_row(t05, code) {
            Some(r05) => sink.identity_named(Target::cell(t05, r05, 0), &[(1, at(t04, r04, 1))], || {
                format!("公开04表“{}”的一般公共预算财政拨款", r04.label)
            }),
            None if t05.rows.iter().all(|r| r.code.as_deref() != Some(code)) && r04.value(1).is_some_and(|v| !v.is_zero()) => {
                sink.note(
                    t04,
                    r04,
                    format!(
                        "公开04表“{}”的一般公共预算财政拨款为 {}，但公开05表没有 {code} 类科目的行。",
                        r04.label,
                        r04.value(1).unwrap_or_default()
                    ),
                );
            }
            None => {}
        }
    }
}
