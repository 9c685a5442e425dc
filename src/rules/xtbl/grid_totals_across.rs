//! XTBL-201 表间（按表头读取）：收支总表的收入、支出总计与收入总表、支出总表的合计一致
//!
//! ## 它检查什么
//!
//! The same total printed in two tables agrees.
//!
//! ## 为什么重要
//!
//! 收支总表的收入总计应等于收入总表的合计，支出总计应等于支出总表的合计；一般公共预算基本支出表的合计应等于一般公共预算支出表的基本支出合计。同一个数在两张表上不一样，至少有一张表印错了。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `layout-budget-sample.txt`：“    1,520.00        1,000.00          520.00” 改为 “    1,530.00        1,010.00          520.00”
//!
//! 本条不报告的样例：
//!
//! - `layout-budget-sample.txt`（原样）
//! - `yantai-office-2023-budget.txt`（原样）
//! - `yantai-office-2024-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-201.snap`，`cargo test XTBL_201` 只运行本条。

use crate::model::{Document, Grid, Meaning, Table, TableKind};
use crate::rules::identity::{at, Target};
use crate::rules::support::corpus::{fixtures, L, Y, YB};
use crate::rules::support::grid::is_total;
use crate::rules::support::kinds::BOTH;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-201",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "表间（按表头读取）：收支总表的收入、支出总计与收入总表、支出总表的合计一致",
    why: "收支总表的收入总计应等于收入总表的合计，支出总计应等于支出总表的合计；一般公共预算基本支出表的合计应等于一般公共预算支出表的基本支出合计。同一个数在两张表上不一样，至少有一张表印错了。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(L, &[("    1,520.00        1,000.00          520.00", "    1,530.00        1,010.00          520.00")]);
        quiet L, YB, Y
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let grid = |k: TableKind| doc.grid_tables().find(|(t, _)| t.kind == k);
    // (table, its side, the summary table, its side, how the total is named)
    type Pair<'a> = (TableKind, Option<&'a str>, TableKind, Option<&'a str>, &'a str);
    let pairs: [Pair; 2] = [
        (TableKind::BIncome, None, TableKind::BSummary, Some("收入"), "收支总表的收入总计"),
        (TableKind::BExpenditure, None, TableKind::BSummary, Some("支出"), "收支总表的支出总计"),
    ];
    for (ka, la, kb, lb, what) in pairs {
        let (Some((ta, ga)), Some((tb, gb))) = (grid(ka), grid(kb)) else { continue };
        let (Some((ra, ca)), Some((rb, cb))) = (grand_total(ta, ga, la), grand_total(tb, gb, lb)) else {
            sink.skip(format!("《{}》或《{}》没有可辨认的合计，未比较", ta.title, tb.title));
            continue;
        };
        sink.identity(Target::cell(ta, &ta.rows[ra], ca), &[(1, at(tb, &tb.rows[rb], cb))], what);
    }
    // 一般公共预算基本支出表 合计 = 一般公共预算支出表 基本支出 合计.
    if let (Some((te, ge)), Some((tg, gg))) = (grid(TableKind::BBasicEcon), grid(TableKind::BGeneral)) {
        let basic = gg.meanings.iter().position(|m| *m == Meaning::Basic);
        if let (Some((re, ce)), Some((rg, _)), Some(b)) = (grand_total(te, ge, None), grand_total(tg, gg, None), basic) {
            sink.identity(Target::cell(te, &te.rows[re], ce), &[(1, at(tg, &tg.rows[rg], b))], "一般公共预算支出表的基本支出合计");
        }
    }
}

/// The grand total of a table: its 合计/总计 row in the first column, or
/// the first cell of a one-row table whose first column is a total.
fn grand_total(t: &Table, g: &Grid, label: Option<&str>) -> Option<(usize, usize)> {
    let panel = g.panels.iter().find(|p| label.is_none_or(|l| t.rows[p.rows.clone()].iter().any(|r| r.label.contains(l))))?;
    let col = panel.columns.start;
    if panel.columns.is_empty() {
        return None;
    }
    let rows = panel.rows.clone();
    if let Some(i) = rows.clone().find(|i| {
        let r = &t.rows[*i];
        r.code.is_none()
            && is_total(&r.label)
            && label.is_none_or(|l| r.label.contains(l) || !r.label.contains(['收', '支']))
            && r.value(col).is_some()
    }) {
        return Some((i, col));
    }
    (rows.len() == 1 && g.meanings[col] == Meaning::Total && t.rows[rows.start].value(col).is_some()).then_some((rows.start, col))
}
