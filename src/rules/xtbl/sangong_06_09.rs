//! XTBL-011 基本支出中的“三公”科目不超过“三公”经费决算数
//!
//! ## 它检查什么
//!
//! 06 三公 items (basic spending only) ≤ 09 决算数.
//!
//! ## 为什么重要
//!
//! 基本支出明细表中的因公出国（境）费、公务接待费、公务用车运行维护费、公务用车购置只是“三公”经费里用基本支出安排的部分，“三公”经费表还包括项目支出，所以前者不应大于后者。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“30212\t因公出国（境）费用\t40.00” 改为 “30212\t因公出国（境）费用\t140.00”；“302\t商品和服务支出\t652.97” 改为 “302\t商品和服务支出\t752.97”；“公用经费合计\t\t\t\t\t685.77” 改为 “公用经费合计\t\t\t\t\t785.77”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-011.snap`，`cargo test XTBL_011` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::Target;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::econ_sangong::sangong_rows;
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-011",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "基本支出中的“三公”科目不超过“三公”经费决算数",
    why: "基本支出明细表中的因公出国（境）费、公务接待费、公务用车运行维护费、公务用车购置只是“三公”经费里用基本支出安排的部分，“三公”经费表还包括项目支出，所以前者不应大于后者。",
    applies_to: FINAL,
    needs: &[TableKind::F06, TableKind::F09],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("30212\t因公出国（境）费用\t40.00", "30212\t因公出国（境）费用\t140.00"), ("302\t商品和服务支出\t652.97", "302\t商品和服务支出\t752.97"), ("公用经费合计\t\t\t\t\t685.77", "公用经费合计\t\t\t\t\t785.77")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let (Some(t06), Some(t09)) = (doc.table(TableKind::F06), doc.table(TableKind::F09)) else { return };
    let Some(actual) = sangong_rows(t09).map(|(_, r)| r).find(|r| r.label == "决算数") else { return };
    for (code, col) in [("30212", 1), ("31013", 3), ("30231", 4), ("30217", 5)] {
        if let Some(item) = t06.rows.iter().find(|r| r.code.as_deref() == Some(code)) {
            sink.at_least(Target::cell(t09, actual, col), Target::cell(t06, item, 0), "基本支出中的三公科目是三公经费的一部分");
        }
    }
}
