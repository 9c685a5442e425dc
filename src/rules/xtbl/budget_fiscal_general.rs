//! XTBL-101 财政拨款收支总表的一般公共预算支出与一般公共预算支出表一致
//!
//! ## 它检查什么
//!
//! The 一般公共预算 column of the 财政拨款收支总表 = the 一般公共预算支出表.
//!
//! ## 为什么重要
//!
//! 一般公共预算支出表是财政拨款收支总表中“一般公共预算”一栏的明细：每一类支出和总数都应相同，否则同一笔一般公共预算资金在两张表里说法不一。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：“20 二十、住房保障支出 654.87 654.87 0.00 0.00” 改为 “20 二十、住房保障支出 664.87 664.87 0.00 0.00”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-101.snap`，`cargo test XTBL_101` 只运行本条。

use crate::domain::class_code;
use crate::model::{Document, Source, TableKind};
use crate::rules::identity::at;
use crate::rules::support::budget::{labelled, settled, sides, target, total_terms};
use crate::rules::support::budget_xtbl::coded;
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-101",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "财政拨款收支总表的一般公共预算支出与一般公共预算支出表一致",
    why: "一般公共预算支出表是财政拨款收支总表中“一般公共预算”一栏的明细：每一类支出和总数都应相同，否则同一笔一般公共预算资金在两张表里说法不一。",
    applies_to: BUDGET,
    needs: &[TableKind::BFiscal, TableKind::BGeneral],
    check,
    fixtures: fixtures![
        Fixture::fires(QB, &[("20 二十、住房保障支出 654.87 654.87 0.00 0.00", "20 二十、住房保障支出 664.87 664.87 0.00 0.00")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let (Some(f), Some(g)) = (doc.table(TableKind::BFiscal), doc.table(TableKind::BGeneral)) else { return };
    let Some(fc) = f.column(Source::Gpb) else { return };
    let (_, exp) = sides(f);
    for (i, r) in &exp {
        let Some(code) = class_code(&r.label) else { continue };
        if !settled(f, *i) {
            continue;
        }
        match coded(g, code) {
            Some((j, gr)) if settled(g, j) => {
                sink.identity_named(target(f, r, fc), &[(1, at(g, gr, 0))], || format!("公开表{}“{code} {}”的合计", g.no(), gr.label))
            }
            Some(_) => {}
            None => {
                if r.value(fc).is_some_and(|v| !v.is_zero()) {
                    sink.identity_named(target(f, r, fc), &[], || format!("公开表{}（没有 {code} 类科目的行）", g.no()));
                }
            }
        }
    }
    if let (Some((i, year)), Some(terms)) = (labelled(&exp, "本年支出合计"), total_terms(g, 0)) {
        if settled(f, i) {
            sink.identity_named(target(f, year, fc), &terms.into_iter().map(|c| (1, c)).collect::<Vec<_>>(), || {
                format!("公开表{}的合计", g.no())
            });
        }
    }
}
