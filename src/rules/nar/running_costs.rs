//! NAR-104 机关运行经费与一般公共预算支出表的公用经费相符
//!
//! ## 它检查什么
//!
//! The 机关运行经费 of a budget's 情况说明 equals one of the two ways regions
//! count it: the 公用经费 column of the 一般公共预算支出表's total, or of its
//! 行政运行 rows (the 01 项 of each 款). Where a table prints the 机关运行经费
//! itself (Jiangsu's 机关运行经费支出预算表, whose 合计 it is; Shanghai's
//! column beside the 三公 items), the narrative is held to that figure
//! instead, in 万元 within the rounding of both.
//!
//! ## 为什么重要
//!
//! 机关运行经费是行政单位用于办公、水电、公务用车运行等的公用经费。各地口径有两种：一般公共预算的全部公用经费，或只算“行政运行”科目的公用经费。情况说明所述金额应当等于其中一种；两种都不符，就说不清这笔钱是怎么算出来的。印有机关运行经费表（或栏）的，所述金额应当等于表中的合计。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“机关运行经费安排608.27万元” 改为 “机关运行经费安排618.27万元”
//! - `layout-budget-sample.txt`：加入江苏样式的机关运行经费支出预算表（合计 100.00 万元）及其情况说明，说明中的金额改为 110.00 万元
//!
//! 本条不报告的样例：
//!
//! - `layout-budget-sample.txt`：加入同一张表和说明，各数相符
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-104.snap`，`cargo test NAR_104` 只运行本条。

use crate::model::{Document, Row, Source, Table, TableKind};
use crate::rounding::Verdict;
use crate::rules::identity::{describe, CellRef};
use crate::rules::percent::narrative_values;
use crate::rules::support::budget::{settled, table_name, total_row, total_rows};
use crate::rules::support::budget_narrative::{claim_finding, held, Held};
use crate::rules::support::corpus::{fixtures, L, L_NARRATIVE, L_RUNNING_PROCUREMENT, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Expect, Family, Finding, Fixture, Rule, Severity, Sink};
use crate::text::search;

/// 机关运行经费 = total 公用经费, or 公用经费 of the 行政运行 rows.
pub const RULE: Rule = Rule {
    id: "NAR-104",
    family: Family::Nar,
    severity: Severity::Warning,
    title: "机关运行经费与一般公共预算支出表的公用经费相符",
    why: "机关运行经费是行政单位用于办公、水电、公务用车运行等的公用经费。各地口径有两种：一般公共预算的全部公用经费，或只算“行政运行”科目的公用经费。情况说明所述金额应当等于其中一种；两种都不符，就说不清这笔钱是怎么算出来的。印有机关运行经费表（或栏）的，所述金额应当等于表中的合计。",
    applies_to: BUDGET,
    // (Either layout: the tables are looked for in `check`.)
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(YB, &[("机关运行经费安排608.27万元", "机关运行经费安排618.27万元")]),
        Fixture::fires(L, &[(L_NARRATIVE, L_RUNNING_PROCUREMENT), ("运行经费预算支出100.00万元", "运行经费预算支出110.00万元")]),
        Fixture { document: L, edits: &[(L_NARRATIVE, L_RUNNING_PROCUREMENT)], expect: Expect::Quiet };
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let printed = printed_total(doc);
    let Some(g) = doc.table(TableKind::BGeneral).filter(|_| printed.is_none()) else {
        match (printed, doc.narrative.stated.running_costs) {
            (Some((t, r)), Some((v, line))) => against_printed(doc, t, r, (v, line), sink),
            (Some(_), None) => sink.skip("情况说明中没有找到机关运行经费的金额，未核对".to_string()),
            (None, _) => sink.skip(match (doc.found(TableKind::BOperating), doc.found(TableKind::BGeneral)) {
                (Some(t), _) | (None, Some(t)) if t.grid.as_deref().is_some_and(|g| !g.read) => {
                    format!("{}未能读出，无法核对", table_name(t))
                }
                (Some(t), _) => format!("{}的金额栏不止一栏，不能确定机关运行经费合计所在的栏，未核对", table_name(t)),
                (None, Some(t)) => format!("{}按表头读取，其中没有可与机关运行经费核对的栏目，未核对", table_name(t)),
                (None, None) => format!("缺少{}和机关运行经费表，无法核对", TableKind::BGeneral.name()),
            }),
        }
        return;
    };
    let Some(pc) = g.column(Source::Public) else { return };
    let Some((v, line)) = doc.narrative.stated.running_costs else {
        sink.skip("情况说明中没有找到机关运行经费的金额，未核对".to_string());
        return;
    };
    let Some(rows) = total_rows(g) else { return };
    let Some(total) = crate::checked::sum(rows.iter().filter_map(|i| g.rows[*i].value(pc))) else {
        sink.skip(format!("机关运行经费的表内合计：{}", crate::checked::TOO_LARGE));
        return;
    };
    // 行政运行 is the 01 项 of each 款 ("2010301").
    let admin: Vec<&Row> = g
        .rows
        .iter()
        .enumerate()
        .filter(|(i, r)| settled(g, *i) && r.code.as_deref().is_some_and(|c| c.len() == 7 && c.ends_with("01")))
        .map(|(_, r)| r)
        .collect();
    let Some(admin_sum) = crate::checked::sum(admin.iter().filter_map(|r| r.value(pc))) else {
        sink.skip(format!("机关运行经费的行政运行合计：{}", crate::checked::TOO_LARGE));
        return;
    };
    if v == total || (!admin.is_empty() && v == admin_sum) {
        return;
    }
    let first = g.rows.get(rows[0]);
    let message = format!(
        "情况说明（第{line}行）称机关运行经费 {v} 万元，既不等于公开表{}的公用经费合计 {total} 万元，也不等于其中“行政运行”科目的公用经费 {admin_sum} 万元。",
        g.no()
    );
    sink.push(Finding {
        table: Some(g.no()),
        row: first.map(describe),
        column: g.columns.get(pc).cloned(),
        related: admin
            .iter()
            .map(|r| CellRef {
                table: g.no(),
                row: describe(r),
                column: g.columns.get(pc).cloned(),
                source_line: r.source_line,
                place: None,
            })
            .collect(),
        ..narrative_values("NAR-104", Severity::Warning, message, line, (Some(total), Some(v)))
    });
}

/// The 机关运行经费 a table prints as such: the 合计 of a 机关运行经费表 read
/// by the general reader (Jiangsu's, one column), or the 机关运行经费 column
/// of a one-row table (Shanghai prints it beside the 三公 items). Its table
/// and the row and column of the figure.
fn printed_total(doc: &Document) -> Option<(&Table, (&Row, usize))> {
    let grid = |t: &&Table| t.grid.as_deref().is_some_and(|g| g.read);
    let table = doc.found(TableKind::BOperating).filter(grid).filter(|t| t.columns.len() == 1);
    let total = table.and_then(|t| total_row(t).map(|(_, r)| (t, (r, 0))));
    total.or_else(|| {
        doc.tables.iter().filter(grid).filter(|t| t.rows.len() == 1).find_map(|t| {
            let c = t.columns.iter().position(|h| h.rsplit('›').next().is_some_and(|l| search::contains(l, "机关运行经费")))?;
            Some((t, (&t.rows[0], c)))
        })
    })
}

/// The narrative's 机关运行经费 against the figure a table prints as such,
/// compared in 万元 within the rounding of both.
fn against_printed(doc: &Document, t: &Table, (row, c): (&Row, usize), (v, line): (rust_decimal::Decimal, usize), sink: &mut Sink) {
    let Some(cell) = row.value(c) else { return };
    let Some(Held { verdict, wan, unit }) = held(doc, t, cell, v) else {
        sink.skip(format!("第{line}行机关运行经费：{}", crate::checked::TOO_LARGE));
        return;
    };
    let (severity, tail) = match verdict {
        Verdict::Exact => return,
        Verdict::Rounding => (Severity::Info, "差异在尾数误差范围内"),
        Verdict::Mismatch | Verdict::TooLarge => (Severity::Warning, "两者不符"),
    };
    let place = match t.columns.get(c).filter(|_| t.columns.len() > 1) {
        Some(col) => format!("“{}”栏", col.rsplit('›').next().unwrap_or(col).trim()),
        None => format!("“{}”", describe(row)),
    };
    let message = format!("情况说明（第{line}行）称机关运行经费 {v} 万元，{}中{place}为 {cell} {unit}，{tail}。", table_name(t));
    sink.push(claim_finding("NAR-104", severity, message, t, Some((row, c)), (Some(wan), Some(v)), line));
}
