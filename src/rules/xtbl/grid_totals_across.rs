//! XTBL-201 表间（按表头读取）：同一个数在两张表上一致
//!
//! ## 它检查什么
//!
//! The same figure printed in two tables read by their headings agrees. In a
//! budget: the 收支总表's totals and the 收入总表's and 支出总表's; the 财政拨款
//! 收支总表's expenditure total and the 财政拨款支出表's, and its 一般公共预算
//! column's and the 一般公共预算支出表's (where it divides by fund), and its
//! 基本支出 and the 财政拨款基本支出表's (where it divides by use); the 收支总表's
//! 基本支出, 项目支出 and 单位预留机动经费 and the 支出总表's columns of them
//! (the reader refuses a 支出总表 whose row it would read a column askew:
//! its 合计 left blank, or a caption left blank under another column's
//! number); and the 基本支出 total.
//!
//! In a 决算 of the national form (Shanghai's): 01's 本年收入合计
//! and 本年支出合计 against 02's and 03's 合计; 01's 财政拨款 income by fund
//! against 04's; 04's 本年支出合计 by fund against 05's, 07's and 08's 合计;
//! 05's 基本支出 against 06's 人员经费 and 公用经费; and each 类 of 03, 05, 07
//! and 08 against the same 类 in 01 or 04.
//!
//! ## 为什么重要
//!
//! 收支总表的收入总计应等于收入总表的合计，支出总计应等于支出总表的合计，按用途列出的基本支出、项目支出等也应等于支出总表相应栏的合计；财政拨款收支总表的支出合计应等于财政拨款支出表的合计，其中一般公共预算的支出合计应等于一般公共预算支出表的合计，基本支出应等于财政拨款基本支出表的合计；一般公共预算基本支出表的合计应等于一般公共预算支出表的基本支出合计。决算的总表与分表之间也一样：总表的本年收入、支出合计等于收入、支出决算表的合计，财政拨款总表按资金来源的支出等于各财政拨款支出表的合计，各功能分类“类”的金额在总表和分表上相同。同一个数在两张表上不一样，至少有一张表印错了。
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

use crate::model::{Document, DocumentKind, Grid, Meaning, Row, RowRole, Table, TableKind};
use crate::rules::identity::{at, Located, Target};
use crate::rules::support::corpus::{fixtures, L, Y, YB};
use crate::rules::support::final_cells::{grid_table, last_caption as last};
use crate::rules::support::grid::is_total;
use crate::rules::support::kinds::BOTH;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-201",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "表间（按表头读取）：同一个数在两张表上一致",
    why: "收支总表的收入总计应等于收入总表的合计，支出总计应等于支出总表的合计，按用途列出的基本支出、项目支出等也应等于支出总表相应栏的合计；财政拨款收支总表的支出合计应等于财政拨款支出表的合计，其中一般公共预算的支出合计应等于一般公共预算支出表的合计，基本支出应等于财政拨款基本支出表的合计；一般公共预算基本支出表的合计应等于一般公共预算支出表的基本支出合计。决算的总表与分表之间也一样：总表的本年收入、支出合计等于收入、支出决算表的合计，财政拨款总表按资金来源的支出等于各财政拨款支出表的合计，各功能分类“类”的金额在总表和分表上相同。同一个数在两张表上不一样，至少有一张表印错了。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(L, &[("    1,520.00        1,000.00          520.00", "    1,530.00        1,010.00          520.00")]);
        quiet L, YB, Y
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    if doc.info.kind == DocumentKind::FinalAccounts {
        finals(doc, sink);
        return;
    }
    let grid = |k: TableKind| doc.grid_tables().find(|(t, _)| t.kind == k);
    // (table, its side, the summary table, its side, how the total is named)
    type Pair<'a> = (TableKind, Option<&'a str>, TableKind, Option<&'a str>, &'a str);
    let pairs: [Pair; 3] = [
        (TableKind::BIncome, None, TableKind::BSummary, Some("收入"), "收支总表的收入总计"),
        (TableKind::BExpenditure, None, TableKind::BSummary, Some("支出"), "收支总表的支出总计"),
        // The 财政拨款支出表 is the whole of the 财政拨款 expenditure (Jiangsu's 公开05表).
        (TableKind::BFiscalSpend, None, TableKind::BFiscal, Some("支出"), "财政拨款收支总表的支出合计"),
    ];
    for (ka, la, kb, lb, what) in pairs {
        let (Some((ta, ga)), Some((tb, gb))) = (grid(ka), grid(kb)) else { continue };
        let (Some((ra, ca)), Some((rb, cb))) = (grand_total(ta, ga, la), grand_total(tb, gb, lb)) else {
            sink.skip(format!("《{}》或《{}》没有可辨认的合计，未比较", ta.title, tb.title));
            continue;
        };
        sink.identity(Target::cell(ta, &ta.rows[ra], ca), &[(1, at(tb, &tb.rows[rb], cb))], what);
    }
    // 一般公共预算支出表 合计 = the 财政拨款收支总表's 一般公共预算 column of
    // its expenditure total, where it prints one (Shanghai's; Jiangsu's
    // divides its expenditure by use, not by fund).
    if let (Some((tg, gg)), Some((tf, gf))) = (grid(TableKind::BGeneral), grid(TableKind::BFiscal)) {
        let general = grand_total(tf, gf, Some("支出")).and_then(|(r, _)| named_col(tf, gf, r, "一般公共预算").map(|c| (r, c)));
        if let (Some((rg, cg)), Some((rf, cf))) = (grand_total(tg, gg, None), general) {
            sink.identity(Target::cell(tg, &tg.rows[rg], cg), &[(1, at(tf, &tf.rows[rf], cf))], "财政拨款收支总表中一般公共预算的支出合计");
        }
    }
    // The 支出总表's columns by use = the 收支总表's rows of those uses (a
    // summary that divides its expenditure by use in a column of its own).
    if let Some((te, ge)) = grid(TableKind::BExpenditure) {
        for used in ["基本支出", "项目支出", "单位预留机动经费"] {
            let Ok((ts, rs, cs)) = pick(doc, TableKind::BSummary, &|l| l == used, &|_| false, used) else { continue };
            let Some((re, c)) = grand_total(te, ge, None).and_then(|(r, _)| named_col(te, ge, r, used).map(|c| (r, c))) else {
                continue;
            };
            sink.identity_named(Target::cell(te, &te.rows[re], c), &[(1, at(ts, rs, cs))], || format!("收支总表的{used}"));
        }
    }
    // 财政拨款基本支出表 合计 = the 财政拨款收支总表's 基本支出, where it
    // divides its expenditure by use in a column of its own (Jiangsu's).
    if let (Some((tb, gb)), Ok((tf, rf, cf))) =
        (grid(TableKind::BFiscalBasic), pick(doc, TableKind::BFiscal, &|l| l == "基本支出", &|_| false, "基本支出"))
    {
        // (Said of the summary's cell: its own sum, broken too, then points at
        // the same cell, not at the detail table's total.)
        if let Some((rb, cb)) = grand_total(tb, gb, None) {
            sink.identity(Target::cell(tf, rf, cf), &[(1, at(tb, &tb.rows[rb], cb))], "财政拨款基本支出表的合计");
        }
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

/// A cell of a 决算 table read by its headings, picked by row name and
/// column caption; or why not, for coverage.
type Picked<'a> = Result<(&'a Table, &'a Row, usize), String>;

/// A row's name without its ordinal ("一、") and spaces: "一、一般公共预算财政拨款收入"
/// → "一般公共预算财政拨款收入".
fn bare(label: &str) -> String {
    let s = label.trim_start();
    // An ordinal "一、" to "二十六、" (the narrative's reading of one): "一般…" keeps its 一.
    let s = match crate::narrative::section::ordinal_of(s) {
        Some((1, n)) => s.char_indices().nth(n).map_or("", |(i, _)| &s[i..]),
        _ => s,
    };
    crate::text::normalise::squeeze(s)
}

/// The panel (a block of columns with rows of its own) that holds row `i`.
fn panel_of(g: &Grid, i: usize) -> Option<&crate::model::Panel> {
    g.panels.iter().find(|p| p.rows.contains(&i))
}

/// The first row placed with certainty that `pick` takes by its bare name.
fn row_named(t: &Table, pick: impl Fn(&str) -> bool) -> Option<(usize, &Row)> {
    let i = t.rows.iter().position(|r| pick(&bare(&r.label)))?;
    (!t.unresolved.contains(&i)).then(|| (i, &t.rows[i]))
}

/// The column of row `i`'s panel whose caption path `accept` takes (the
/// caption words, outermost first, joined by "›"); a one-column panel's own.
fn col_of(t: &Table, g: &Grid, i: usize, accept: &dyn Fn(&str) -> bool) -> Option<usize> {
    let p = panel_of(g, i)?;
    if p.columns.len() == 1 {
        return Some(p.columns.start);
    }
    captioned(t, g, i, accept)
}

/// The one column of row `i`'s panel whose last caption is `name`: named
/// so, never a one-column panel's own (支出合计 of every fund or use).
fn named_col(t: &Table, g: &Grid, i: usize, name: &str) -> Option<usize> {
    captioned(t, g, i, &|h| last(h) == name)
}

/// The one column of row `i`'s panel whose caption path `accept` takes.
fn captioned(t: &Table, g: &Grid, i: usize, accept: &dyn Fn(&str) -> bool) -> Option<usize> {
    let mut cols = panel_of(g, i)?.columns.clone().filter(|c| t.columns.get(*c).is_some_and(|h| accept(h)));
    match (cols.next(), cols.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// The cell of table `kind` in the row `row` names and the column `col`
/// accepts.
fn pick<'a>(doc: &'a Document, kind: TableKind, row: &dyn Fn(&str) -> bool, col: &dyn Fn(&str) -> bool, what: &str) -> Picked<'a> {
    let t = grid_table(doc, kind).ok_or_else(|| match doc.found(kind) {
        Some(t) => format!("《{}》未按表头读出", t.title),
        None => format!("缺少公开{}表", kind.number()),
    })?;
    let g = t.grid.as_deref().ok_or_else(String::new)?;
    if t.rows.is_empty() {
        return Err(format!("《{}》没有印数字", t.title));
    }
    let (i, r) = row_named(t, row).ok_or_else(|| format!("《{}》中没有可辨认的“{what}”行", t.title))?;
    let c = col_of(t, g, i, col).ok_or_else(|| format!("《{}》中“{what}”所在的栏目不能唯一确定", t.title))?;
    Ok((t, r, c))
}

/// The national 决算 form's identities between tables, each where both
/// tables were read by their headings (Shanghai's): totals, the 财政拨款
/// income and expenditure by fund, and each 类 in the summary tables and
/// in the tables of classes. Shandong's layout has XTBL-001 to XTBL-011.
fn finals(doc: &Document, sink: &mut Sink) {
    use TableKind::{F01, F02, F03, F04, F05, F06, F07, F08};
    let any = |_: &str| true;
    let is = |w: &'static str| move |s: &str| s == w;
    let starts = |w: &'static str| move |s: &str| s.starts_with(w);
    // The grand total row: "合计", or the header's words run into it
    // ("类款项合计" where 类/款/项 head the code columns).
    let total = |s: &str| (s.ends_with("合计") || s.ends_with("总计")) && !s.starts_with("本年");
    // "本年支出合计", or "合计" under "本年支出".
    let year_total = |w: &'static str| move |h: &str| last(h) == w || (last(h) == "合计" && h.contains(w.trim_end_matches("合计")));
    let general = |h: &str| last(h).starts_with("一般公共预算");
    let fund = |h: &str| last(h).starts_with("政府性基金");
    let capital = |h: &str| last(h).starts_with("国有资本经营");
    let sum = |h: &str| last(h) == "合计" || last(h) == "本年支出合计";
    // Any table of the form read by its headings, else nothing to say.
    if ![F01, F02, F03, F04, F05, F06, F07, F08].iter().any(|k| grid_table(doc, *k).is_some()) {
        return;
    }
    type Side<'a> = (TableKind, &'a dyn Fn(&str) -> bool, &'a dyn Fn(&str) -> bool, &'a str);
    let pairs: [(Side, Side); 9] = [
        ((F02, &total, &year_total("本年收入合计"), "合计"), (F01, &starts("本年收入合计"), &any, "本年收入合计")),
        ((F03, &total, &year_total("本年支出合计"), "合计"), (F01, &starts("本年支出合计"), &any, "本年支出合计")),
        (
            (F04, &starts("一般公共预算财政拨款"), &any, "一般公共预算财政拨款"),
            (F01, &starts("一般公共预算财政拨款"), &any, "一般公共预算财政拨款收入"),
        ),
        (
            (F04, &starts("政府性基金预算财政拨款"), &any, "政府性基金预算财政拨款"),
            (F01, &starts("政府性基金预算财政拨款"), &any, "政府性基金预算财政拨款收入"),
        ),
        (
            (F04, &starts("国有资本经营预算财政拨款"), &any, "国有资本经营预算财政拨款"),
            (F01, &starts("国有资本经营预算财政拨款"), &any, "国有资本经营预算财政拨款收入"),
        ),
        ((F05, &total, &sum, "合计"), (F04, &starts("本年支出合计"), &general, "本年支出合计")),
        ((F07, &total, &year_total("本年支出合计"), "合计"), (F04, &starts("本年支出合计"), &fund, "本年支出合计")),
        ((F08, &total, &year_total("本年支出合计"), "合计"), (F04, &starts("本年支出合计"), &capital, "本年支出合计")),
        ((F06, &is("人员经费合计"), &any, "人员经费合计"), (F05, &total, &is_basic, "合计")),
    ];
    for ((ka, ra, ca, wa), (kb, rb, cb, wb)) in pairs {
        // Only where both tables are of the form read by their headings:
        // a missing or unread one is DOC-001's and coverage's.
        if grid_table(doc, ka).is_none() || grid_table(doc, kb).is_none() {
            continue;
        }
        let (a, b) = (pick(doc, ka, ra, ca, wa), pick(doc, kb, rb, cb, wb));
        let ((ta, rowa, cola), (tb, rowb, colb)) = match (a, b) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => {
                // An empty table of funds is DOC-002's (it must say why).
                if !e.ends_with("没有印数字") {
                    sink.skip(format!("{e}，{}与{}未比较", kind_name(ka), kind_name(kb)));
                }
                continue;
            }
        };
        if ka == F06 {
            // 基本支出 = 人员经费 + 公用经费, in 06 two rows of its own.
            let Ok((_, rowc, colc)) = pick(doc, F06, &is("公用经费合计"), &any, "公用经费合计") else {
                sink.skip(format!("《{}》中没有可辨认的“公用经费合计”行，基本支出未比较", ta.title));
                continue;
            };
            let parts = [(1, at(ta, rowa, cola)), (1, at(ta, rowc, colc))];
            sink.identity(Target::cell(tb, rowb, colb), &parts, "基本支出表的人员经费合计与公用经费合计之和");
            continue;
        }
        sink.identity_named(Target::cell(ta, rowa, cola), &[(1, at(tb, rowb, colb))], || format!("{}的“{}”", titled(tb), wb));
    }
    classes(doc, sink, F05, &sum, F04, &general);
    classes(doc, sink, F07, &year_total("本年支出合计"), F04, &fund);
    classes(doc, sink, F08, &year_total("本年支出合计"), F04, &capital);
    classes(doc, sink, F03, &year_total("本年支出合计"), F01, &any);
}

/// 基本支出 (the column's last caption).
fn is_basic(h: &str) -> bool {
    last(h) == "基本支出"
}

/// A table named by its number ("公开05表").
fn kind_name(k: TableKind) -> String {
    format!("公开{}表", k.number())
}

/// A table named by its title in 《》.
fn titled(t: &Table) -> String {
    format!("《{}》", t.title)
}

/// Each 类 named in the summary table `summary` (its column `scol`)
/// against the same 类 of the table of classes `detail` (its column `col`),
/// where both print it. The 类 is taken as the sum of its lowest rows, each
/// within its own rounding: a 类 printed as the sum of rounded 项 may differ
/// from the summary's rounded figure by their tails (02: 326.72 in 05 and
/// 326.71 in 04), and a 类 that is not the sum of its rows is TBL-202's.
fn classes(
    doc: &Document,
    sink: &mut Sink,
    detail: TableKind,
    col: &dyn Fn(&str) -> bool,
    summary: TableKind,
    scol: &dyn Fn(&str) -> bool,
) {
    let (Some(td), Some(ts)) = (grid_table(doc, detail), grid_table(doc, summary)) else { return };
    let (Some(gd), Some(gs)) = (td.grid.as_deref(), ts.grid.as_deref()) else { return };
    // The summary's rows by name, once: its first row of each name, as
    // `row_named` finds it (a name looked up per 类 would read every row
    // of the summary for each).
    let mut named: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (j, r) in ts.rows.iter().enumerate() {
        named.entry(bare(&r.label)).or_insert(j);
    }
    for (i, r) in td.rows.iter().enumerate().filter(|(i, r)| r.role() == RowRole::Class && !td.unresolved.contains(i)) {
        let (Some(code), name) = (r.code.as_deref(), bare(&r.label)) else { continue };
        let Some(cd) = col_of(td, gd, i, col) else { continue };
        let found = named.get(&name).filter(|j| !ts.unresolved.contains(j)).map(|&j| (j, &ts.rows[j]));
        let Some((j, s)) = found else {
            sink.skip(format!("{}的“{code} {name}”在{}中没有同名的行，未比较", titled(td), titled(ts)));
            continue;
        };
        let Some(cs) = col_of(ts, gs, j, scol) else { continue };
        // The class's rows: those after it under its code; the lowest are
        // those no next row extends. Any placed without certainty: the
        // class's own figure.
        let under: Vec<usize> =
            (i + 1..td.rows.len()).take_while(|k| td.rows[*k].code.as_deref().is_some_and(|c| c.starts_with(code) && c != code)).collect();
        let lowest: Vec<usize> = under
            .iter()
            .copied()
            .filter(|k| {
                td.rows
                    .get(k + 1)
                    .and_then(|n| n.code.as_deref())
                    .is_none_or(|n| !n.starts_with(td.rows[*k].code.as_deref().unwrap_or(code)))
            })
            .collect();
        let parts: Vec<(i8, Located)> = match lowest.is_empty() || under.iter().any(|k| td.unresolved.contains(k)) {
            true => vec![(1, at(td, r, cd))],
            false => lowest.iter().map(|k| (1, at(td, &td.rows[*k], cd))).collect(),
        };
        sink.identity_named(Target::cell(ts, s, cs), &parts, || format!("{}中“{code} {name}”所属各项之和", titled(td)));
    }
}

#[cfg(test)]
mod tests {
    use super::bare;

    #[test]
    fn a_row_name_loses_its_ordinal_and_spaces_but_not_a_leading_numeral_word() {
        assert_eq!(bare("一、一般公共预算财政拨款收入"), "一般公共预算财政拨款收入");
        assert_eq!(bare("二十一、国有资本经营预算支出"), "国有资本经营预算支出");
        assert_eq!(bare("一般公共服务支出"), "一般公共服务支出");
        assert_eq!(bare(" 本 年 支 出 合 计"), "本年支出合计");
    }
}
