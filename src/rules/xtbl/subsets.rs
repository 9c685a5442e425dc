//! XTBL-006 财政拨款支出不超过全部支出（逐科目、逐栏）
//!
//! ## 它检查什么
//!
//! Fiscal money is a part of all money: 05 ≤ 03 cell by cell; 04 class ≤ 01 class.
//!
//! ## 为什么重要
//!
//! 一般公共预算财政拨款支出只是部门全部支出的一部分，所以在每个科目、每一栏上都不应大于支出决算表的对应数；财政拨款总表的每一类支出也不应大于收入支出决算总表的同一类。超过了就说明某张表多报或少报。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“2010301\t行政运行\t2,934.14\t2,934.14” 改为 “2010301\t行政运行\t2,954.14\t2,954.14”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-006.snap`，`cargo test XTBL_006` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::Target;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::final_xtbl::{coded_row, line01, total_row};
use crate::rules::support::fiscal04::line as line04;
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-006",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "财政拨款支出不超过全部支出（逐科目、逐栏）",
    why: "一般公共预算财政拨款支出只是部门全部支出的一部分，所以在每个科目、每一栏上都不应大于支出决算表的对应数；财政拨款总表的每一类支出也不应大于收入支出决算总表的同一类。超过了就说明某张表多报或少报。",
    applies_to: FINAL,
    needs: &[TableKind::F03, TableKind::F05],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("2010301\t行政运行\t2,934.14\t2,934.14", "2010301\t行政运行\t2,954.14\t2,954.14")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let (Some(t03), Some(t05)) = (doc.table(TableKind::F03), doc.table(TableKind::F05)) else { return };
    for (i, r05) in t05.rows.iter().enumerate() {
        if t05.unresolved.contains(&i) {
            continue;
        }
        let r03 = match &r05.code {
            Some(c) => coded_row(t03, c),
            None => total_row(t03),
        };
        let Some(r03) = r03 else {
            if r05.code.is_some() && t03.rows.iter().all(|r| r.code != r05.code) {
                sink.note(t05, r05, format!("公开05表有科目 {}，但公开03表没有这一科目。", crate::rules::identity::describe(r05)));
            }
            continue;
        };
        for c in 0..3 {
            sink.at_least(Target::cell(t03, r03, c), Target::cell(t05, r05, c), "财政拨款支出是全部支出的一部分");
        }
    }
    if let Some(t04) = doc.table(TableKind::F04) {
        for p in 0..26u32 {
            if let (Some(r04), Some(r01)) = (line04(doc, 33 + p), line01(doc, 32 + p)) {
                let t01 = doc.table(TableKind::F01).expect("row came from it");
                sink.at_least(Target::cell(t01, r01, 0), Target::cell(t04, r04, 0), "财政拨款支出是全部支出的一部分");
            }
        }
    }
}
