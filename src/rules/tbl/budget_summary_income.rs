//! TBL-101 预算收支总表：本年收入合计等于各项收入之和
//!
//! ## 它检查什么
//!
//! 收支总表: 本年收入合计 = Σ income items.
//!
//! ## 为什么重要
//!
//! 本年收入合计是部门这一年预计收到的全部钱，应当等于财政拨款、事业收入、其他收入等各项之和。对不上，说明至少有一项收入填错或漏填。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：“9 九、其他收入 0.00 九、社会保险基金支出 0.00” 改为 “9 九、其他收入 10.00 九、社会保险基金支出 0.00”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-101.snap`，`cargo test TBL_101` 只运行本条。

use crate::domain::starts_with_ordinal;
use crate::model::{Document, TableKind};
use crate::rules::identity::{at, Located};
use crate::rules::support::budget::{labelled, sides, target};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-101",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "预算收支总表：本年收入合计等于各项收入之和",
    why: "本年收入合计是部门这一年预计收到的全部钱，应当等于财政拨款、事业收入、其他收入等各项之和。对不上，说明至少有一项收入填错或漏填。",
    applies_to: BUDGET,
    needs: &[TableKind::BSummary],
    check,
    fixtures: fixtures![
            Fixture::fires(QB, &[("9 九、其他收入 0.00 九、社会保险基金支出 0.00", "9 九、其他收入 10.00 九、社会保险基金支出 0.00")]);
     quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t) = doc.table(TableKind::BSummary) else { return };
    let (income, _) = sides(t);
    let Some((k, total)) = labelled(&income, "本年收入合计") else { return };
    let items: Vec<(i8, Located)> =
        income.iter().filter(|(i, r)| *i < k && starts_with_ordinal(&r.label)).map(|(_, r)| (1, at(t, r, 0))).collect();
    if !items.is_empty() {
        sink.identity(target(t, total, 0), &items, "各项收入（一、二、三……）之和");
    }
}
