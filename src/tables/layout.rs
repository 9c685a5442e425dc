//! What each standard table looks like (columns, sides) and which identities
//! and anchors place its dropped cells.

use rust_decimal::Decimal;

use super::candidates::Candidates;
use super::two_sided::{first_by_line, Side};
use crate::domain::class_position;
use crate::model::{Cell, Document, Table, TableKind};
use crate::rounding::Interval;
use crate::solve::{hierarchy, total_first, Bound, Problem, RowChoice, SumOfRows, Values};
use crate::units;

/// The shape of a table kind.
#[derive(Debug, Clone, Copy)]
pub enum Layout {
    /// Two sides anchored on 行次.
    TwoSided {
        /// Income side.
        left: Side,
        /// Expenditure side.
        right: Side,
        /// Column captions (the widest side's).
        columns: &'static [&'static str],
    },
    /// 科目 rows with these value columns.
    Coded {
        /// Column captions in standard order.
        columns: &'static [&'static str],
    },
    /// 公开06表: (code, name, amount) triples in three panels ([`super::econ`]).
    Economic,
    /// 公开09表: one line of twelve 三公 cells ([`super::sangong09`]).
    Sangong,
    /// Not read by this module.
    Unsupported,
}

/// Column captions of 公开02表.
pub const F02_COLUMNS: &[&str] = &["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"];
/// Column captions of 公开03表.
pub const F03_COLUMNS: &[&str] = &["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"];
/// Column captions of 公开05表 and 公开08表.
pub const F05_COLUMNS: &[&str] = &["小计", "基本支出", "项目支出"];
/// Column captions of 公开07表.
pub const F07_COLUMNS: &[&str] = &["年初结转和结余", "本年收入", "本年支出小计", "基本支出", "项目支出", "年末结转和结余"];
/// Column captions of 公开04表 (the expenditure side; the income side has one).
pub const F04_COLUMNS: &[&str] = &["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"];

/// The layout of a 决算 table kind (budget kinds: [`Layout::Unsupported`] here).
pub fn columns_for(kind: TableKind) -> Layout {
    match kind {
        TableKind::F01 => Layout::TwoSided { left: super::side(1, 31, 1), right: super::side(32, 62, 1), columns: &["金额"] },
        TableKind::F04 => Layout::TwoSided { left: super::side(1, 32, 1), right: super::side(33, 64, 4), columns: F04_COLUMNS },
        TableKind::F02 => Layout::Coded { columns: F02_COLUMNS },
        TableKind::F03 => Layout::Coded { columns: F03_COLUMNS },
        TableKind::F05 | TableKind::F08 => Layout::Coded { columns: F05_COLUMNS },
        TableKind::F07 => Layout::Coded { columns: F07_COLUMNS },
        TableKind::F06 => Layout::Economic,
        TableKind::F09 => Layout::Sangong,
        // Budget tables are read by [`super::budget`], whose layouts come from the header.
        _ => Layout::Unsupported,
    }
}

fn iv(v: Option<Decimal>) -> Interval {
    Interval::of(v)
}

fn iv_sum(vs: &[Option<Decimal>]) -> Interval {
    vs.iter().fold(Interval::of(None), |a, v| a.add(Interval::of(*v)))
}

fn is_empty_table(t: &Table) -> bool {
    t.rows.iter().all(|r| r.cells.iter().all(|c| c.value.is_none_or(|v| v.is_zero())))
}

/// Builds the placement problem for a table's open rows.
pub fn problem_for(doc: &Document, kind: TableKind, open: &[(usize, Candidates)]) -> Option<Problem> {
    let t = doc.table(kind)?;
    let values = |cells: &[Cell]| cells.iter().map(|c| c.value).collect::<Vec<_>>();
    // Each row's open entry, by row (the last one, as a map collected from
    // `open` would keep): a table, not a hash per row.
    let mut open_at: Vec<Option<&Candidates>> = vec![None; t.rows.len()];
    for (j, c) in open {
        if let Some(slot) = open_at.get_mut(*j) {
            *slot = Some(c);
        }
    }
    // 公开04表's expenditure rows (行次 33–64, the first row of each) have
    // nothing in the 政府性基金 or 国有资本经营 column when 07 or 08 is
    // empty: their placements with an amount there are not listed (the rule
    // budget tables follow, [`Candidates::for_each_blank_where`]).
    let mut zero_at: Vec<Option<[bool; 4]>> = vec![None; t.rows.len()];
    if kind == TableKind::F04 {
        let zero_col =
            [false, false, doc.table(TableKind::F07).is_some_and(is_empty_table), doc.table(TableKind::F08).is_some_and(is_empty_table)];
        if zero_col.contains(&true) {
            for i in first_by_line(t.rows.iter().map(|r| r.line.unwrap_or(0)), 33, 64).into_iter().flatten() {
                if let Some(z) = zero_at.get_mut(i) {
                    *z = Some(zero_col);
                }
            }
        }
    }
    // Every table but 07 holds its rows to "column 0 = Σ the rest"
    // ([`total_first`]). A row's placements all hold the same amounts, the
    // first in column 0, and differ only in where the blanks are, so they
    // meet it all or none: it is tested here on the first placement, rather
    // than by the solver on each (on 烟台大数据局 about 0.1 M instructions).
    let own = |v: Vec<Values>| if kind == TableKind::F07 || v.first().is_none_or(|f| total_first(f)) { v } else { Vec::new() };
    let rows: Vec<RowChoice> = t
        .rows
        .iter()
        .zip(open_at)
        .zip(zero_at)
        .map(|((r, open), zero)| match (open, zero) {
            (Some(cands), Some(zero_col)) => RowChoice::Open(own(cands.values_blank_where(&zero_col))),
            (Some(cands), None) => RowChoice::Open(own(cands.values())),
            (None, _) => RowChoice::Fixed(values(&r.cells)),
        })
        .collect();
    // A bound from another table printed in another unit (one reprinted in
    // 元 among tables in 万元) is its interval in this table's unit, exactly:
    // ±0.005 万元 becomes ±50 元. Where either states no unit, as printed.
    let mine = t.unit.as_deref().and_then(units::exponent);
    let in_mine = |v: Interval, other: &Table| match (other.unit.as_deref().and_then(units::exponent), mine) {
        (Some(from), Some(to)) if from != to => units::factor(from, to).and_then(|f| v.times(f)).unwrap_or(Interval::ANY),
        _ => v,
    };
    let t01 = doc.table(TableKind::F01);
    let of01 = |v: Interval| t01.map_or(v, |o| in_mine(v, o));
    // An anchor is only evidence when its row was read (a missing row is not 0).
    let at01 = |n: u32| t01.and_then(|t| t.by_line(n)).map(|r| r.value(0));
    let all = |v: &[Option<Option<Decimal>>]| v.iter().copied().collect::<Option<Vec<_>>>();
    let total_row = t.rows.iter().position(|r| r.code.is_none());
    let mut bounds = Vec::new();
    let mut sums = Vec::new();
    let codes: Vec<Option<&str>> = t.rows.iter().map(|r| r.code.as_deref()).collect();
    let ncols = t.columns.len();
    match kind {
        TableKind::F02 | TableKind::F03 | TableKind::F05 | TableKind::F08 | TableKind::F07 => {
            sums = hierarchy(&codes, ncols);
        }
        _ => {}
    }
    match kind {
        TableKind::F02 => {
            if let Some(tr) = total_row {
                if let Some(v) = at01(27) {
                    bounds.push(Bound::Equal(tr, 0, of01(iv(v))));
                }
                if let Some(v) = all(&[at01(1), at01(2), at01(3)]) {
                    bounds.push(Bound::Equal(tr, 1, of01(iv_sum(&v))));
                }
                for (c, line) in (2..7).zip(4..=8) {
                    if let Some(v) = at01(line) {
                        bounds.push(Bound::Equal(tr, c, of01(iv(v))));
                    }
                }
            }
        }
        TableKind::F03 => {
            if let (Some(tr), Some(v)) = (total_row, at01(58)) {
                bounds.push(Bound::Equal(tr, 0, of01(iv(v))));
            }
            if let Some(t05) = doc.table(TableKind::F05) {
                // The first 05 row of each code, looked up rather than scanned.
                let mut by_code: std::collections::HashMap<Option<&str>, &crate::model::Row> = std::collections::HashMap::new();
                for x in &t05.rows {
                    by_code.entry(x.code.as_deref()).or_insert(x);
                }
                for (i, r) in t.rows.iter().enumerate() {
                    let Some(r05) = by_code.get(&r.code.as_deref()).copied() else { continue };
                    for c in 0..3 {
                        bounds.push(Bound::AtLeast(i, c, in_mine(iv(r05.value(c)), t05)));
                    }
                }
            }
            for (i, r) in t.rows.iter().enumerate() {
                if let Some(v) = r.code.as_deref().and_then(class_position).and_then(|p| at01(32 + p)) {
                    bounds.push(Bound::Equal(i, 0, of01(iv(v))));
                }
            }
        }
        TableKind::F05 => {
            if let (Some(tr), Some(t06)) = (total_row, doc.table(TableKind::F06)) {
                let get = |label: &str| t06.rows.iter().find(|r| r.code.is_none() && r.label == label).and_then(|r| r.value(0));
                let (p, g) = (get("人员经费合计"), get("公用经费合计"));
                if p.is_some() || g.is_some() {
                    bounds.push(Bound::Equal(tr, 1, in_mine(iv_sum(&[p, g]), t06)));
                }
            }
        }
        TableKind::F04 => {
            // The first row of each 行次 of the expenditure side, found once.
            let rows_at = first_by_line(t.rows.iter().map(|r| r.line.unwrap_or(0)), 33, 64);
            let line_row = |n: u32| n.checked_sub(33).and_then(|k| rows_at.get(usize::try_from(k).ok()?).copied().flatten());
            let all4: Vec<usize> = (0..4).collect();
            if let Some(total) = line_row(59) {
                let parts: Vec<usize> = (33..=58).filter_map(line_row).collect();
                sums.push(SumOfRows { total, parts, columns: all4.clone() });
            }
            if let (Some(total), Some(a), Some(b)) = (line_row(64), line_row(59), line_row(60)) {
                sums.push(SumOfRows { total, parts: vec![a, b], columns: all4 });
            }
            if let Some(t05) = doc.table(TableKind::F05) {
                for r05 in t05.rows.iter().filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 3)) {
                    if let Some(i) = r05.code.as_deref().and_then(class_position).and_then(|p| line_row(33 + p)) {
                        bounds.push(Bound::Equal(i, 1, in_mine(iv(r05.value(0)), t05)));
                    }
                }
            }
        }
        _ => {}
    }
    // 07's identities hold for some placements of a row and not others: the solver tests them.
    let row_identity: Option<crate::solve::RowIdentity> = match kind {
        TableKind::F07 => Some(f07_row),
        _ => None,
    };
    Some(Problem { rows, sums, links: Vec::new(), bounds, row_identity })
}

/// 07's row identities: 本年支出小计 = 基本 + 项目; 年末 = 年初 + 收入 − 支出.
fn f07_row(v: &[Option<Decimal>]) -> bool {
    use crate::rounding::agrees;
    let g = |i: usize| v.get(i).copied().flatten();
    agrees(g(2), [(1, g(3)), (1, g(4))].into_iter()) && agrees(g(5), [(1, g(0)), (1, g(1)), (-1, g(2))].into_iter())
}
