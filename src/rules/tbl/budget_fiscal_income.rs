//! TBL-107 财政拨款收支总表：本年收入合计、上年结转与收入总计
//!
//! ## 它检查什么
//!
//! 财政拨款收支总表: the income side adds up.
//!
//! ## 为什么重要
//!
//! 财政拨款收入分一般公共预算、政府性基金、国有资本经营三类：本年收入合计应等于三者之和，收入总计应等于本年收入加上年结转，上年结转又应等于其下各类结转之和。任何一处对不上，财政拨款的来源就说不清。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：“33 一、一般公共预算拨款 0.00” 改为 “33 一、一般公共预算拨款 10.00”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-107.snap`，`cargo test TBL_107` 只运行本条。

use crate::domain::starts_with_ordinal;
use crate::model::{Document, Row, TableKind};
use crate::rules::identity::{at, Located};
use crate::rules::support::budget::{labelled, sides, target};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-107",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "财政拨款收支总表：本年收入合计、上年结转与收入总计",
    why: "财政拨款收入分一般公共预算、政府性基金、国有资本经营三类：本年收入合计应等于三者之和，收入总计应等于本年收入加上年结转，上年结转又应等于其下各类结转之和。任何一处对不上，财政拨款的来源就说不清。",
    applies_to: BUDGET,
    needs: &[TableKind::BFiscal],
    check,
    fixtures: fixtures![
        Fixture::fires(QB, &[("33 一、一般公共预算拨款 0.00", "33 一、一般公共预算拨款 10.00")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t) = doc.table(TableKind::BFiscal) else { return };
    let (income, _) = sides(t);
    let Some((a, year)) = labelled(&income, "本年收入合计") else { return };
    let items: Vec<(i8, Located)> =
        income.iter().filter(|(i, r)| *i < a && starts_with_ordinal(&r.label)).map(|(_, r)| (1, at(t, r, 0))).collect();
    if !items.is_empty() {
        sink.identity(target(t, year, 0), &items, "三类财政拨款收入之和");
    }
    let Some((b, total)) = labelled(&income, "收入总计") else { return };
    let between: Vec<(usize, &Row)> = income.iter().filter(|(i, _)| *i > a && *i < b).copied().collect();
    let Some((_, carry)) = between.first().copied() else {
        sink.identity(target(t, total, 0), &[(1, at(t, year, 0))], "本年收入合计");
        return;
    };
    sink.identity_named(target(t, total, 0), &[(1, at(t, year, 0)), (1, at(t, carry, 0))], || {
        format!("本年收入合计与“{}”之和", carry.label)
    });
    let parts: Vec<(i8, Located)> = between.iter().skip(1).map(|(_, r)| (1, at(t, r, 0))).collect();
    if !parts.is_empty() {
        sink.identity(target(t, carry, 0), &parts, "其下各类结转之和");
    }
}
