//! XTBL-104 支出总表与收支总表的支出一致（总数和每一类）
//!
//! ## 它检查什么
//!
//! 支出总表 = 收支总表 expenditure, in total and by class.
//!
//! ## 为什么重要
//!
//! 收支总表按功能分类列出各类支出，支出总表按科目再细分：本年支出合计和每一类支出在两张表里应当相同。一类支出只出现在一张表里，说明漏列或错列。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“七、社会保障和就业支出 202.49\n” 改为 “七、社会保障和就业支出 212.49\n”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-104.snap`，`cargo test XTBL_104` 只运行本条。

use crate::domain::class_code;
use crate::model::{Document, TableKind};
use crate::rules::identity::{at, Located};
use crate::rules::support::budget::{labelled, settled, sides, target, total_terms};
use crate::rules::support::budget_xtbl::coded;
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-104",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "支出总表与收支总表的支出一致（总数和每一类）",
    why: "收支总表按功能分类列出各类支出，支出总表按科目再细分：本年支出合计和每一类支出在两张表里应当相同。一类支出只出现在一张表里，说明漏列或错列。",
    applies_to: BUDGET,
    needs: &[TableKind::BExpenditure, TableKind::BSummary],
    check,
    fixtures: fixtures![
        Fixture::fires(YB, &[("七、社会保障和就业支出 202.49\n", "七、社会保障和就业支出 212.49\n")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let (Some(t), Some(s)) = (doc.table(TableKind::BExpenditure), doc.table(TableKind::BSummary)) else { return };
    let (_, se) = sides(s);
    if let (Some((_, year)), Some(terms)) = (labelled(&se, "本年支出合计"), total_terms(t, 0)) {
        let parts: Vec<(i8, Located)> = terms.into_iter().map(|c| (1, c)).collect();
        sink.identity_named(target(s, year, 0), &parts, || format!("公开表{}的合计", t.no()));
    }
    for (_, r) in &se {
        let Some(code) = class_code(&r.label) else { continue };
        match coded(t, code) {
            Some((j, tr)) if settled(t, j) => {
                sink.identity_named(target(t, tr, 0), &[(1, at(s, r, 0))], || format!("公开表{}“{}”", s.no(), r.label))
            }
            Some(_) => {}
            None if r.value(0).is_some_and(|v| !v.is_zero()) => {
                sink.identity_named(target(s, r, 0), &[], || format!("公开表{}中 {code} 类科目的合计（该表没有这一类）", t.no()));
            }
            None => {}
        }
    }
}
