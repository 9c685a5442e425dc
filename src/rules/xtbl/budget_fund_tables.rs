//! XTBL-110 政府性基金、国有资本经营预算支出表与财政拨款收支总表一致
//!
//! ## 它检查什么
//!
//! An empty 政府性基金 / 国有资本经营 table ⇔ no such money in the 收支总表
//! and the 财政拨款收支总表; a non-empty one matches the 财政拨款收支总表 column.
//!
//! ## 为什么重要
//!
//! 政府性基金预算支出表、国有资本经营预算支出表是财政拨款收支总表中相应一栏的明细。表是空的，总表里这一栏就应为零；表里有数，总数就应等于总表这一栏的本年支出合计。否则同一笔资金在两张表里说法不一。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：“1 合计 0.00 0.00 0.00\n” 改为 “1 合计 10.00 0.00 10.00\n”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-110.snap`，`cargo test XTBL_110` 只运行本条。

use crate::model::{Document, Source, TableKind};
use crate::rules::support::budget::{labelled, settled, sides, target, total_terms};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-110",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "政府性基金、国有资本经营预算支出表与财政拨款收支总表一致",
    why: "政府性基金预算支出表、国有资本经营预算支出表是财政拨款收支总表中相应一栏的明细。表是空的，总表里这一栏就应为零；表里有数，总数就应等于总表这一栏的本年支出合计。否则同一笔资金在两张表里说法不一。",
    applies_to: BUDGET,
    needs: &[TableKind::BFiscal],
    check,
    fixtures: fixtures![
        Fixture::fires(QB, &[("1 合计 0.00 0.00 0.00\n", "1 合计 10.00 0.00 10.00\n")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(f) = doc.table(TableKind::BFiscal) else { return };
    let (_, exp) = sides(f);
    let Some((yi, year)) = labelled(&exp, "本年支出合计") else { return };
    if !settled(f, yi) {
        return;
    }
    for (kind, src) in [(TableKind::BFund, Source::Fund), (TableKind::BCapital, Source::Capital)] {
        let (Some(t), Some(fc)) = (doc.table(kind), f.column(src)) else { continue };
        let empty = t.rows.iter().all(|r| r.cells.iter().all(|c| c.value.is_none_or(|v| v.is_zero())));
        if empty {
            sink.identity_named(target(f, year, fc), &[], || format!("公开表{}（{}为空表）", t.no(), t.title));
        } else if let Some(terms) = total_terms(t, 0) {
            sink.identity_named(target(f, year, fc), &terms.into_iter().map(|c| (1, c)).collect::<Vec<_>>(), || {
                format!("公开表{}的合计", t.no())
            });
        }
    }
}
