//! TBL-102 预算收支总表：本年支出合计等于各功能分类支出之和
//!
//! ## 它检查什么
//!
//! 收支总表: 本年支出合计 = Σ 功能分类 classes.
//!
//! ## 为什么重要
//!
//! 本年支出合计应当等于一般公共服务、社会保障和就业、卫生健康等各类支出之和。对不上，说明钱打算花在哪些方面的说明与总数不一致。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：“10 十、卫生健康支出 0.00” 改为 “10 十、卫生健康支出 10.00”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-102.snap`，`cargo test TBL_102` 只运行本条。

use crate::domain::class_code;
use crate::model::{Document, TableKind};
use crate::rules::identity::{at, Located};
use crate::rules::support::budget::{labelled, sides, target};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-102",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "预算收支总表：本年支出合计等于各功能分类支出之和",
    why: "本年支出合计应当等于一般公共服务、社会保障和就业、卫生健康等各类支出之和。对不上，说明钱打算花在哪些方面的说明与总数不一致。",
    applies_to: BUDGET,
    needs: &[TableKind::BSummary],
    check,
    fixtures: fixtures![
        Fixture::fires(QB, &[("10 十、卫生健康支出 0.00", "10 十、卫生健康支出 10.00")]);
     quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t) = doc.table(TableKind::BSummary) else { return };
    let (_, exp) = sides(t);
    let Some((k, total)) = labelled(&exp, "本年支出合计") else { return };
    let items: Vec<(i8, Located)> =
        exp.iter().filter(|(i, r)| *i < k && class_code(&r.label).is_some()).map(|(_, r)| (1, at(t, r, 0))).collect();
    if !items.is_empty() {
        sink.identity(target(t, total, 0), &items, "各功能分类支出之和");
    }
}
