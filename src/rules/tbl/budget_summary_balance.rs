//! TBL-104 预算收支总表：收入总计等于支出总计
//!
//! ## 它检查什么
//!
//! 收入总计 = 支出总计.
//!
//! ## 为什么重要
//!
//! 预算必须收支平衡：收入一方的总计与支出一方的总计应当相等。不相等说明表格本身算错了。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：“33 收入总计 17,332.62 支出总计 17,332.62” 改为 “33 收入总计 17,342.62 支出总计 17,332.62”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-104.snap`，`cargo test TBL_104` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::at;
use crate::rules::support::budget::{labelled, sides, target};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-104",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "预算收支总表：收入总计等于支出总计",
    why: "预算必须收支平衡：收入一方的总计与支出一方的总计应当相等。不相等说明表格本身算错了。",
    applies_to: BUDGET,
    needs: &[TableKind::BSummary],
    check,
    fixtures: fixtures![
            Fixture::fires(QB, &[("33 收入总计 17,332.62 支出总计 17,332.62", "33 收入总计 17,342.62 支出总计 17,332.62")]);
     quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    for kind in [TableKind::BSummary, TableKind::BFiscal] {
        let Some(t) = doc.table(kind) else { continue };
        let (income, exp) = sides(t);
        if let (Some((_, i)), Some((_, e))) = (labelled(&income, "收入总计"), labelled(&exp, "支出总计")) {
            sink.identity(target(t, e, 0), &[(1, at(t, i, 0))], "收入总计");
        }
    }
}
