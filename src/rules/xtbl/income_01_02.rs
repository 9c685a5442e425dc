//! XTBL-001 收入决算表的合计与收入支出决算总表的各项收入一致
//!
//! ## 它检查什么
//!
//! 01 income ↔ 02 合计.
//!
//! ## 为什么重要
//!
//! 收入支出决算总表列出各项收入，收入决算表再按科目细分。两张表说的是同一笔钱：总数、财政拨款收入和其他各类收入都应当一致，否则至少有一张表填错了。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2024-final.txt`：“合计 17,127.83 17,127.83 0.00 0.00 0.00 0.00 0.00” 改为 “合计 17,137.83 17,137.83 0.00 0.00 0.00 0.00 0.00”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-001.snap`，`cargo test XTBL_001` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::Target;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::final_xtbl::{line01, total_row, v01};
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-001",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "收入决算表的合计与收入支出决算总表的各项收入一致",
    why: "收入支出决算总表列出各项收入，收入决算表再按科目细分。两张表说的是同一笔钱：总数、财政拨款收入和其他各类收入都应当一致，否则至少有一张表填错了。",
    applies_to: FINAL,
    needs: &[TableKind::F01, TableKind::F02],
    check,
    fixtures: fixtures![
        Fixture::fires(Q, &[("合计 17,127.83 17,127.83 0.00 0.00 0.00 0.00 0.00", "合计 17,137.83 17,137.83 0.00 0.00 0.00 0.00 0.00")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t02) = doc.table(TableKind::F02) else { return };
    let Some(tot) = total_row(t02) else { return };
    if line01(doc, 27).is_some() {
        sink.identity(Target::cell(t02, tot, 0), &[(1, v01(doc, 27))], "公开01表本年收入合计（行次27）");
    }
    if [1, 2, 3].iter().all(|n| line01(doc, *n).is_some()) {
        sink.identity(
            Target::cell(t02, tot, 1),
            &[(1, v01(doc, 1)), (1, v01(doc, 2)), (1, v01(doc, 3))],
            "公开01表三类财政拨款收入（行次1—3）之和",
        );
    }
    for (col, n) in (2..7).zip(4..=8) {
        if let Some(r) = line01(doc, n) {
            sink.identity_named(Target::cell(t02, tot, col), &[(1, v01(doc, n))], || format!("公开01表“{}”（行次{n}）", r.label));
        }
    }
}
