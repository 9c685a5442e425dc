//! XTBL-003 财政拨款收入支出决算总表的收入与总表、收入决算表一致
//!
//! ## 它检查什么
//!
//! 01 fiscal income rows ↔ 04; 04 本年收入合计 ↔ 02 财政拨款收入.
//!
//! ## 为什么重要
//!
//! 三类财政拨款收入在收入支出决算总表和财政拨款收入支出决算总表里都会出现，本年财政拨款收入合计也应等于收入决算表的“财政拨款收入”。数字不同，说明同一笔财政拨款在不同表里说法不一。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“一、一般公共预算财政拨款\t1\t10,095.35\t一、一般公共服务支出\t33” 改为 “一、一般公共预算财政拨款\t1\t10,105.35\t一、一般公共服务支出\t33”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-003.snap`，`cargo test XTBL_003` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::{at, Target};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::final_xtbl::{line01, total_row, v01};
use crate::rules::support::fiscal04::line as line04;
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-003",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "财政拨款收入支出决算总表的收入与总表、收入决算表一致",
    why: "三类财政拨款收入在收入支出决算总表和财政拨款收入支出决算总表里都会出现，本年财政拨款收入合计也应等于收入决算表的“财政拨款收入”。数字不同，说明同一笔财政拨款在不同表里说法不一。",
    applies_to: FINAL,
    needs: &[TableKind::F01, TableKind::F04],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("一、一般公共预算财政拨款\t1\t10,095.35\t一、一般公共服务支出\t33", "一、一般公共预算财政拨款\t1\t10,105.35\t一、一般公共服务支出\t33")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t04) = doc.table(TableKind::F04) else { return };
    for n in 1..=3 {
        if let (Some(r04), Some(r01)) = (line04(doc, n), line01(doc, n)) {
            sink.identity_named(Target::cell(t04, r04, 0), &[(1, v01(doc, n))], || format!("公开01表“{}”（行次{n}）", r01.label));
        }
    }
    if let (Some(r27), Some(tot)) = (line04(doc, 27), doc.table(TableKind::F02).and_then(total_row)) {
        sink.identity(
            Target::cell(t04, r27, 0),
            &[(1, at(doc.table(TableKind::F02).expect("row came from it"), tot, 1))],
            "公开02表合计行的财政拨款收入",
        );
    }
}
