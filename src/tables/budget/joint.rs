//! Placing dropped cells jointly across a budget's tables.
//!
//! 烟台's budget drops every blank cell and prints no 合计 rows, so most rows
//! fit several placements on their own: 表5's "202.49 202.49 202.49" may be
//! 人员 or 公用, 表6's "x x" rows likewise, 表3's "x x" rows 基本 or 项目. Only
//! together do the tables settle them: 表5's 人员/公用 totals must equal
//! 表6's, 表3 基本 is at least 表5 基本, 表10's 一般公共预算 column is 表6's
//! 小计, and a source the 收支总表 prints blank (政府性基金, 上年结转 …) is
//! blank in every table. All rows of all budget tables go into one problem;
//! the solver splits it into independent parts, so a contradiction in one
//! table does not blank the others.

use std::cell::OnceCell;

use rust_decimal::Decimal;

use super::schema::{Reader, Schema};
use super::sides::side_of;
use crate::domain::{class_code, pair_groups, split_pair};
use crate::model::{Cell, ReadProblem, Side, Source, Table, TableKind};
use crate::rounding;
use crate::solve::{hierarchy, solve, At, Link, Placement, Problem, Relation, RowChoice, SumOfRows};
use crate::tables::candidates::{over_cap_message, Budget, Candidates, Scratch};
use crate::text::search;
use crate::units;

/// A table with its layout and the rows still to place.
pub struct Part {
    /// The table as read (open rows blank).
    pub table: Table,
    /// Its layout.
    pub schema: &'static Schema,
    /// Open rows: (row index, candidate cells).
    pub open: Vec<(usize, Candidates)>,
}

/// Places every open row it can; the others are marked unresolved (or
/// contradicted) with a coverage problem per table.
pub fn place(parts: &mut [Part], problems: &mut Vec<ReadProblem>) {
    if parts.iter().all(|p| p.open.is_empty()) {
        return;
    }
    let mut base = Vec::with_capacity(parts.len());
    let mut n = 0;
    for p in parts.iter() {
        base.push(n);
        n += p.table.rows.len();
    }
    let mut rows: Vec<RowChoice> = Vec::with_capacity(n);
    // Rows beyond the cap on listed placements are left out of the problem
    // (by their index in it).
    let mut budget = Budget::default();
    let mut unlisted: Vec<usize> = Vec::new();
    // Columns of sources shown to be nothing are blank in every open row: a
    // placement with an amount there (one that cannot be zero within
    // rounding) is dropped as the row is enumerated, not listed and then
    // held to a bound per column.
    let tables: Vec<&Table> = parts.iter().map(|p| &p.table).collect();
    let zero = zero_sources(&tables);
    // The walks' working rows, kept from row to row.
    let mut scratch = Scratch::default();
    for p in parts.iter() {
        let zero_col: Vec<bool> = p.schema.sources.iter().map(|s| zero.contains(s)).collect();
        let mut row_sums = None;
        // Each row's open entry, by row: one pass, not a search per row.
        let mut open_at: Vec<Option<&Candidates>> = vec![None; p.table.rows.len()];
        for (j, cands) in p.open.iter().rev() {
            if let Some(slot) = open_at.get_mut(*j) {
                *slot = Some(cands);
            }
        }
        for (r, open) in p.table.rows.iter().zip(open_at) {
            rows.push(match open {
                Some(cands) if !budget.take(cands) => {
                    unlisted.push(rows.len());
                    RowChoice::Fixed(values(&r.cells))
                }
                Some(cands) => {
                    // Tested as enumerated: only the placements that hold are written out.
                    let check = RowSums::ready(&mut row_sums, p.schema.row_sums, cands);
                    let mut kept = Vec::new();
                    cands.for_each_blank_where_in(
                        &mut scratch,
                        &zero_col,
                        |v, cols, settled| check.settled(v, cols, settled),
                        |v, _| kept.push(v.to_vec()),
                    );
                    RowChoice::Open(kept)
                }
                None => RowChoice::Fixed(values(&r.cells)),
            });
        }
    }
    // Tables printed in different units (one in 元 among tables in 万元):
    // the problem holds every value in the largest unit, so that the links
    // between tables compare like with like; a placement is read back in
    // its table's unit.
    let common = common_unit(parts);
    let (rows, common) = match common.as_ref().map(|(from, to)| in_unit(&rows, parts, from, *to)) {
        Some(Some(shifted)) => (shifted, common),
        // A value too fine to move (beyond Decimal's places): as printed.
        _ => (rows, None),
    };
    let ctx = Ctx { parts, base: &base };
    let mut problem = Problem { rows, ..Problem::default() };
    ctx.sums(&mut problem);
    ctx.links(&mut problem);
    problem.leave_out(&unlisted);
    let mut results = solve(&problem);
    // Tables that disagree (a misprint, a truncated table) make the rows they
    // link contradictory. Those rows are placed again by their own table's
    // identities and the weak "at least" links alone: what that settles is
    // placed, the disagreement itself is for the cross-table rules to report.
    if results.iter().any(|(_, p)| *p == Placement::Contradiction) {
        // The problem is not needed again: its rows (every candidate) move
        // into the relaxed one rather than being copied.
        let mut relaxed = problem;
        relaxed.links.retain(|l| l.relation == Relation::AtLeast);
        let second = solve(&relaxed);
        for (g, p) in results.iter_mut() {
            if *p == Placement::Contradiction {
                if let Some((_, q)) = second.iter().find(|(h, _)| h == g) {
                    *p = q.clone();
                }
            }
        }
    }

    // Where the next open row's result is looked up from: the open rows come
    // in the order of the results (by row), so a walk finds them all, rather
    // than a binary search per row.
    let mut next = 0;
    for (pi, p) in parts.iter_mut().enumerate() {
        let (mut ambiguous, mut contradicted, mut too_many) = (Vec::new(), Vec::new(), Vec::new());
        for (row, cands) in &p.open {
            let r = &p.table.rows[*row];
            // Built only for a row that is reported (most are placed).
            let name = || r.code.clone().unwrap_or_else(|| r.label.clone());
            // Both lists are sorted by row.
            if unlisted.binary_search(&(base[pi] + row)).is_ok() {
                too_many.push((name(), r.source_line));
                p.table.unresolved.push(*row);
                p.table.printed.push((*row, cands.printed()));
                continue;
            }
            let Some(placement) = result_of(&results, &mut next, base[pi] + row) else { continue };
            match placement {
                Placement::Unique(v) => {
                    // In the problem's unit; read back in the table's (no copy when they are one).
                    let cells = match &common {
                        Some((from, to)) => v
                            .iter()
                            .map(|x| units::unshift_cell(*x, from[pi], *to))
                            .collect::<Option<Vec<Option<Decimal>>>>()
                            .and_then(|v| cands.cells(&v)),
                        None => cands.cells(v),
                    };
                    if let Some(cells) = cells {
                        p.table.rows[*row].cells = cells;
                    }
                }
                Placement::Ambiguous(k) => {
                    p.table.unresolved.push(*row);
                    p.table.printed.push((*row, cands.printed()));
                    ambiguous.push((format!("{}（{k}种）", name()), r.source_line));
                }
                Placement::Contradiction => {
                    p.table.unresolved.push(*row);
                    p.table.contradicted.push(*row);
                    p.table.printed.push((*row, cands.printed()));
                    contradicted.push((name(), r.source_line));
                }
            }
        }
        let no = p.table.no();
        if !too_many.is_empty() {
            problems.push(ReadProblem {
                table: Some(no.clone()),
                message: over_cap_message(&format!("公开表{no}"), &too_many),
                source_line: too_many.first().map(|a| a.1),
            });
        }
        if !ambiguous.is_empty() {
            problems.push(ReadProblem {
                table: Some(no.clone()),
                message: format!(
                    "公开表{no}有{}行省略了空白栏，其数字的栏目归属无法唯一确定：{}。这些行暂按空白显示，依赖它们的核对已跳过",
                    ambiguous.len(),
                    crate::tables::list(&ambiguous)
                ),
                source_line: ambiguous.first().map(|a| a.1),
            });
        }
        if !contradicted.is_empty() {
            problems.push(ReadProblem {
                table: Some(no.clone()),
                message: format!(
                    "公开表{no}有{}行省略了空白栏，而任何一种栏目归属都与表内或表间的勾稽关系矛盾：{}。这些行暂按空白显示",
                    contradicted.len(),
                    crate::tables::list(&contradicted)
                ),
                source_line: contradicted.first().map(|a| a.1),
            });
        }
    }
}

/// The placement of problem row `row` in `results` (sorted by row, each
/// once), looked up from `*next` on: a row before the last one asked for
/// starts the walk again from the first. Asked in ascending order, as
/// [`place`] asks, the rows are found in one pass over the results; asked
/// in any order, it finds what a binary search finds.
fn result_of<'r>(results: &'r [(usize, Placement)], next: &mut usize, row: usize) -> Option<&'r Placement> {
    // Every result before `*next` is below the row asked for last; one of
    // them may be this row only when it is not above that one.
    if next.checked_sub(1).and_then(|i| results.get(i)).is_some_and(|(g, _)| *g >= row) {
        *next = 0;
    }
    let skip = results.get(*next..).unwrap_or_default().iter().take_while(|(g, _)| *g < row).count();
    *next += skip;
    results.get(*next).filter(|(g, _)| *g == row).map(|(_, p)| p)
}

/// Each part's unit (its exponent, [`units::exponent`]) and the largest,
/// when they differ: None when they are one, or a part states none or one
/// not known (then which unit it follows would be a guess, and its values
/// are compared as printed, as before).
fn common_unit(parts: &[Part]) -> Option<(Vec<u32>, u32)> {
    let from: Vec<u32> = parts.iter().map(|p| p.table.unit.as_deref().and_then(units::exponent)).collect::<Option<_>>()?;
    let to = from.iter().copied().max()?;
    from.iter().any(|e| *e != to).then_some((from, to))
}

/// The problem's rows (the parts' rows in order) with every value moved
/// from its part's unit (`from`) to the unit `to`, exactly
/// ([`units::shift`]): a value in 元 keeps the ±0.5 元 it stands for. None
/// when a value cannot be moved.
fn in_unit(rows: &[RowChoice], parts: &[Part], from: &[u32], to: u32) -> Option<Vec<RowChoice>> {
    let of_row = parts.iter().zip(from).flat_map(|(p, e)| std::iter::repeat_n(*e, p.table.rows.len()));
    let shift = |v: &[Option<Decimal>], e: u32| v.iter().map(|x| units::shift_cell(*x, e, to)).collect::<Option<Vec<_>>>();
    rows.iter()
        .zip(of_row)
        .map(|(r, e)| match r {
            RowChoice::Fixed(v) => shift(v, e).map(RowChoice::Fixed),
            RowChoice::Open(vs) => vs.iter().map(|v| shift(v, e)).collect::<Option<Vec<_>>>().map(RowChoice::Open),
        })
        .collect()
}

fn values(cells: &[Cell]) -> Vec<Option<Decimal>> {
    cells.iter().map(|c| c.value).collect()
}

/// A layout's within-row identities (`holds_by`) over the placements of
/// one row, added up in integers: each printed amount is turned into
/// rounding units once, not once per placement and identity it is in.
struct RowSums<'a> {
    #[cfg(test)]
    sums: &'a [(usize, &'a [usize])],
    /// The number of columns of the rows it is for.
    ncols: usize,
    /// The most cells an identity adds up (its parts and its total).
    terms: usize,
    /// Each printed amount in [`rounding::units`], when all are on its fast
    /// path and small enough that no identity's sum can leave it.
    units: Option<Vec<(i128, i128)>>,
    /// Per column, the units of the amount the placement being tested puts
    /// there (blank: zero, as [`rounding::units`] has it).
    at: Vec<(i128, i128)>,
    /// The identities within the row's columns (the others hold by
    /// definition), by their last column: an identity is tested once that
    /// column is settled, so a placement that breaks it is abandoned early.
    by_last: Vec<(usize, &'a [usize])>,
    /// `by_last[first[c]..first[c + 1]]` end in column `c`.
    first: Vec<usize>,
}

impl<'a> RowSums<'a> {
    fn new(sums: &'a [(usize, &'a [usize])], cands: &Candidates) -> RowSums<'a> {
        let ncols = cands.ncols();
        let last = |(t, parts): &(usize, &[usize])| parts.iter().fold(*t, |m, p| m.max(*p));
        let mut by_last: Vec<(usize, &[usize])> = sums.iter().filter(|s| last(s) < ncols).copied().collect();
        by_last.sort_by_key(last);
        let first = (0..=ncols).map(|c| by_last.partition_point(|s| last(s) < c)).collect();
        let terms = sums.iter().map(|(_, parts)| parts.len().saturating_add(1)).max().unwrap_or(0);
        let mut check = RowSums {
            #[cfg(test)]
            sums,
            ncols,
            terms,
            units: None,
            at: Vec::new(),
            by_last,
            first,
        };
        check.row(cands);
        check
    }

    /// `slot` made ready for the row `cands` of a layout with identities
    /// `sums`: what depends on the columns alone is kept from the row before
    /// when it had as many (the rows of one table do).
    fn ready<'s>(slot: &'s mut Option<RowSums<'a>>, sums: &'a [(usize, &'a [usize])], cands: &Candidates) -> &'s mut RowSums<'a> {
        if slot.as_ref().is_some_and(|check| check.ncols != cands.ncols()) {
            *slot = None;
        }
        match slot {
            Some(check) => {
                check.row(cands);
                check
            }
            None => slot.insert(RowSums::new(sums, cands)),
        }
    }

    /// Takes the amounts of the row `cands` (of `ncols` columns).
    fn row(&mut self, cands: &Candidates) {
        let mut units = self.units.take().unwrap_or_default();
        units.clear();
        let mut all = true;
        for (d, _) in cands.amounts() {
            match rounding::units(Some(*d)) {
                Some(u) => units.push(u),
                None => {
                    all = false;
                    break;
                }
            }
        }
        // A sum of n cells reaches at most n times the widest amount (value
        // and half unit): if that stays within the fast path's limit for
        // every identity, agrees takes its integer path at every step.
        let widest = units.iter().map(|(x, h)| x.unsigned_abs().saturating_add(h.unsigned_abs())).max().unwrap_or(0);
        let small =
            u128::try_from(self.terms).ok().and_then(|n| widest.checked_mul(n)).is_some_and(|b| b <= rounding::FAST_LIMIT.unsigned_abs());
        self.units = Some(units).filter(|_| all && small);
        self.at.clear();
        self.at.resize(self.ncols, (0, 0));
    }

    /// Whether the identities that end in the columns `settled` hold, for
    /// the placement begun in `values` with its amounts in the columns
    /// `cols` (see [`Candidates::for_each_blank_where`]): asked for every range
    /// on the way to a placement, it is `holds_by` for that placement.
    fn settled(&mut self, values: &[Option<Decimal>], cols: &[usize], settled: std::ops::Range<usize>) -> bool {
        if self.by_last.is_empty() {
            return true;
        }
        let get = |i: usize| values.get(i).copied().flatten();
        let ids = self.first.get(settled.start).zip(self.first.get(settled.end)).and_then(|(a, b)| self.by_last.get(*a..*b));
        let ids = ids.unwrap_or_default();
        let Some(units) = &self.units else {
            return ids.iter().all(|(t, parts)| rounding::agrees(get(*t), parts.iter().map(|p| (1, get(*p)))));
        };
        // The columns settled now are blank but for the last amount placed,
        // if it is among them; those before were written on the way here,
        // and no identity tested reads one after. The last amount's column
        // is written either way: one settled before was written with the
        // same units when it was placed (no test needed).
        if let Some(at) = self.at.get_mut(settled) {
            at.fill((0, 0));
        }
        if let Some((c, u)) = cols.last().zip(cols.len().checked_sub(1).and_then(|i| units.get(i))) {
            if let Some(a) = self.at.get_mut(*c) {
                *a = *u;
            }
        }
        let at = &self.at;
        ids.iter().all(|(t, parts)| {
            agrees_in_units(at, *t, parts).unwrap_or_else(|| rounding::agrees(get(*t), parts.iter().map(|p| (1, get(*p)))))
        })
    }

    /// [`holds_by`] for one whole placement: its `values`, and the columns
    /// of its amounts in order (the unpruned test the tests hold
    /// [`RowSums::settled`] to).
    #[cfg(test)]
    fn hold(&mut self, values: &[Option<Decimal>], cols: &[usize]) -> bool {
        let get = |i: usize| values.get(i).copied().flatten();
        let Some(units) = &self.units else { return holds_by(values.len(), get, self.sums) };
        for (c, u) in cols.iter().zip(units) {
            if let Some(a) = self.at.get_mut(*c) {
                *a = *u;
            }
        }
        let at = &self.at;
        let ok = self.sums.iter().filter(|(t, parts)| *t < values.len() && parts.iter().all(|p| *p < values.len())).all(|(t, parts)| {
            agrees_in_units(at, *t, parts).unwrap_or_else(|| rounding::agrees(get(*t), parts.iter().map(|p| (1, get(*p)))))
        });
        for c in cols {
            if let Some(a) = self.at.get_mut(*c) {
                *a = (0, 0);
            }
        }
        ok
    }
}

/// [`rounding::agrees`] of the cell `t` with the sum of the cells `parts`,
/// the cells given in units and known to keep every sum within the fast
/// path's limit: its integer path, where the parts add up to the point Σx
/// with the interval Σx ± Σh (None only on an overflow the limit rules out,
/// or a column outside `at`).
fn agrees_in_units(at: &[(i128, i128)], t: usize, parts: &[usize]) -> Option<bool> {
    let (mut x, mut h) = (0i128, 0i128);
    for p in parts {
        let (px, ph) = *at.get(*p)?;
        x = x.checked_add(px)?;
        h = h.checked_add(ph)?;
    }
    rounding::units_agree(*at.get(t)?, (x, x.checked_sub(h)?, x.checked_add(h)?))
}

/// Every within-row identity of the layout holds (within rounding), for
/// `len` values read by `get` (called only below `len`): the definition
/// [`RowSums`] is held to.
#[cfg(test)]
fn holds_by(len: usize, get: impl Fn(usize) -> Option<Decimal> + Copy, sums: &[(usize, &[usize])]) -> bool {
    sums.iter().all(|(t, parts)| {
        if *t >= len || parts.iter().any(|p| *p >= len) {
            return true;
        }
        crate::rounding::agrees(get(*t), parts.iter().map(move |p| (1, get(*p))))
    })
}

/// The sources a document shows to be nothing: every row that states them
/// (收支总表, 财政拨款收支总表 income) is blank or zero, or their table is empty
/// with a note.
pub fn zero_sources(tables: &[&Table]) -> Vec<Source> {
    let mut seen: Vec<(Source, bool)> = Vec::new(); // (source, is zero)
    let mut note = |s: Source, zero: bool| match seen.iter_mut().find(|x| x.0 == s) {
        Some(x) => x.1 &= zero,
        None => seen.push((s, zero)),
    };
    for t in tables {
        match t.kind {
            TableKind::BSummary | TableKind::BFiscal => {
                // What each row states was told when the table was read.
                for (i, r) in t.rows.iter().enumerate() {
                    let Some(s) = t.stated(i) else { continue };
                    note(s, r.value(0).is_none_or(|v| v.is_zero()));
                }
            }
            TableKind::BFund | TableKind::BCapital => {
                let empty = t.rows.iter().all(|r| r.cells.iter().all(|c| c.value.is_none_or(|v| v.is_zero())));
                let says = t.notes_say_none();
                if empty && says {
                    note(if t.kind == TableKind::BFund { Source::Fund } else { Source::Capital }, true);
                }
            }
            _ => {}
        }
    }
    let zero = |s: Source| seen.iter().any(|x| x.0 == s && x.1);
    let mut out: Vec<Source> = seen.iter().filter(|x| x.1).map(|x| x.0).collect();
    if [Source::Business, Source::Operating, Source::Other, Source::Upper, Source::Affiliated].iter().all(|s| zero(*s)) {
        out.push(Source::UnitFunds);
    }
    out
}

/// What a 收支总表 row states, by its words and side.
pub fn label_source(label: &str, side: Side) -> Option<Source> {
    let has = |w: &str| search::contains(label, w);
    let source = match side {
        Side::Income => Some(if has("结转") || has("结余") && !has("使用") {
            Source::CarryIn
        } else if has("使用非财政拨款结余") {
            Source::Surplus
        } else if has("一般公共预算") {
            Source::Gpb
        } else if has("政府性基金") {
            Source::Fund
        } else if has("国有资本经营") {
            Source::Capital
        } else if has("财政专户") {
            Source::Special
        } else if has("经营收入") {
            Source::Operating
        } else if has("事业收入") {
            Source::Business
        } else if has("其他收入") {
            Source::Other
        } else if has("上级补助") {
            Source::Upper
        } else if has("附属单位上缴") {
            Source::Affiliated
        } else if has("财政拨款") {
            Source::Fiscal
        } else {
            return None;
        }),
        Side::Expenditure => Some(if has("上缴上级") {
            Source::ToUpper
        } else if has("对附属单位") {
            Source::ToAffiliated
        } else if has("结转下年") || has("年终结转") || label.starts_with("年末") {
            Source::CarryOut
        } else if has("经营支出") {
            Source::OperatingSpend
        } else {
            return None;
        }),
    };
    // A label whose words say the other side states nothing about this one.
    source.filter(|_| side_of(label).is_none_or(|s| s == side))
}

struct Ctx<'a> {
    parts: &'a [Part],
    base: &'a [usize],
}

impl Ctx<'_> {
    fn find(&self, kind: TableKind) -> Option<usize> {
        self.parts.iter().position(|p| p.table.kind == kind)
    }

    fn col(&self, pi: usize, s: Source) -> Option<usize> {
        self.parts[pi].schema.sources.iter().position(|x| *x == s)
    }

    fn is_open(&self, pi: usize, row: usize) -> bool {
        self.parts[pi].open.iter().any(|(r, _)| *r == row)
    }

    /// Part `pi`'s first row of each code, looked up by [`first_of`]: one
    /// sort per table, not a scan of it per row of the table it is linked to.
    fn by_code(&self, pi: usize) -> Vec<(&str, usize)> {
        let mut index: Vec<(&str, usize)> =
            self.parts[pi].table.rows.iter().enumerate().filter_map(|(j, q)| q.code.as_deref().map(|c| (c, j))).collect();
        index.sort_unstable();
        index
    }

    /// The rows whose sum is the table's total: its 合计 row, else its 类 rows
    /// (3-digit codes, or 3-digit 部门 codes of a pair table).
    fn total_rows(&self, pi: usize) -> Vec<usize> {
        let t = &self.parts[pi].table;
        if let Some(i) = t.rows.iter().position(|r| r.code.is_none() && matches!(r.label.as_str(), "合计" | "总计")) {
            return vec![i];
        }
        t.rows.iter().enumerate().filter(|(_, r)| r.code.as_deref().is_some_and(|c| split_pair(c).0.len() == 3)).map(|(i, _)| i).collect()
    }

    fn at(&self, pi: usize, row: usize, col: usize) -> At {
        (self.base[pi] + row, col)
    }

    /// Sums inside each table: the 类/款/项 hierarchy, pair-table groups,
    /// 本年支出合计 of a two-sided table, a 合计 row over item rows.
    fn sums(&self, p: &mut Problem) {
        for (pi, part) in self.parts.iter().enumerate() {
            let t = &part.table;
            let ncols = t.columns.len();
            let b = self.base[pi];
            let shift = |s: SumOfRows| SumOfRows { total: s.total + b, parts: s.parts.iter().map(|x| x + b).collect(), columns: s.columns };
            let codes: Vec<Option<&str>> = t.rows.iter().map(|r| r.code.as_deref()).collect();
            match part.schema.reader {
                Reader::Coded(_) => p.sums.extend(hierarchy(&codes, ncols).into_iter().map(shift)),
                Reader::EconPair => {
                    for (class, items) in pair_groups(&codes) {
                        if !items.is_empty() {
                            p.sums.push(shift(SumOfRows { total: class, parts: items, columns: (0..ncols).collect() }));
                        }
                    }
                }
                Reader::TwoSided { .. } => {
                    let split = t.sides.unwrap_or(0);
                    if let Some(total) = (split..t.rows.len()).find(|i| t.rows[*i].label.contains("本年支出合计")) {
                        let classes: Vec<usize> = (split..total).filter(|i| class_code(&t.rows[*i].label).is_some()).collect();
                        p.sums.push(shift(SumOfRows { total, parts: classes, columns: (0..ncols).collect() }));
                    }
                }
                Reader::Procurement => {
                    if let Some(total) = t.rows.iter().position(|r| r.code.is_none()) {
                        let items: Vec<usize> = (0..t.rows.len()).filter(|i| t.rows[*i].code.is_some()).collect();
                        p.sums.push(shift(SumOfRows { total, parts: items, columns: (0..ncols).collect() }));
                    }
                }
                _ => {}
            }
        }
    }

    /// Equalities and bounds between tables.
    fn links(&self, p: &mut Problem) {
        // Each part's total rows and code index, found once: several links
        // read the same table's (表5's total rows for three columns and 项目支出,
        // the 收入总表's for each of its columns).
        let totals: Vec<OnceCell<Vec<usize>>> = self.parts.iter().map(|_| OnceCell::new()).collect();
        let total_rows = |pi: usize| totals.get(pi).map_or(&[][..], |t| t.get_or_init(|| self.total_rows(pi)).as_slice());
        let codes: Vec<OnceCell<Vec<(&str, usize)>>> = self.parts.iter().map(|_| OnceCell::new()).collect();
        let by_code = |pi: usize| codes.get(pi).map_or(&[][..], |t| t.get_or_init(|| self.by_code(pi)).as_slice());
        let gpb = self.find(TableKind::BGeneral);
        let econ = self.find(TableKind::BBasicEcon).or_else(|| self.find(TableKind::BBasicGovEcon));
        // 一般公共预算支出表 基本/人员/公用 totals = 基本支出表 totals.
        if let (Some(g), Some(e)) = (gpb, econ) {
            for s in [Source::Basic, Source::Personnel, Source::Public] {
                let (Some(gc), Some(ec)) = (self.col(g, s), self.col(e, s)) else { continue };
                let left: Vec<At> = total_rows(g).iter().map(|r| self.at(g, *r, gc)).collect();
                let right: Vec<At> = total_rows(e).iter().map(|r| self.at(e, *r, ec)).collect();
                p.links.extend(equal_sums(&left, &right));
            }
        }
        // 支出总表 ≥ 一般公共预算支出表, row by row, for 基本 and 项目.
        if let (Some(x), Some(g)) = (self.find(TableKind::BExpenditure), gpb) {
            let in_g = by_code(g);
            for (i, r) in self.parts[x].table.rows.iter().enumerate() {
                let Some(j) = r.code.as_deref().and_then(|c| first_of(in_g, c)) else { continue };
                if !self.is_open(x, i) && !self.is_open(g, j) {
                    continue;
                }
                for s in [Source::Basic, Source::Project] {
                    if let (Some(xc), Some(gc)) = (self.col(x, s), self.col(g, s)) {
                        p.links.push(Link { total: self.at(x, i, xc), parts: vec![(1, self.at(g, j, gc))], relation: Relation::AtLeast });
                    }
                }
            }
        }
        // 全口径基本支出表: its 一般公共预算 column is the 基本支出表's row total.
        if let (Some(a), Some(e)) = (self.find(TableKind::BBasicAll), econ) {
            if let (Some(ac), Some(ec)) = (self.col(a, Source::Gpb), self.col(e, Source::Basic)) {
                let in_e = by_code(e);
                for (i, r) in self.parts[a].table.rows.iter().enumerate() {
                    let Some(j) = r.code.as_deref().and_then(|c| first_of(in_e, c)) else { continue };
                    p.links.push(Link { total: self.at(a, i, ac), parts: vec![(1, self.at(e, j, ec))], relation: Relation::Equal });
                }
            }
        }
        // 财政拨款收支总表: its 一般公共预算 column per class = 一般公共预算支出表's class total.
        if let (Some(f), Some(g)) = (self.find(TableKind::BFiscal), gpb) {
            if let Some(fc) = self.col(f, Source::Gpb) {
                let t = &self.parts[f].table;
                let in_g = by_code(g);
                for (i, r) in t.rows.iter().enumerate().skip(t.sides.unwrap_or(0)) {
                    let Some(code) = class_code(&r.label) else { continue };
                    let Some(j) = first_of(in_g, code) else { continue };
                    p.links.push(Link { total: self.at(f, i, fc), parts: vec![(1, self.at(g, j, 0))], relation: Relation::Equal });
                }
            }
        }
        // 项目支出表: Σ 一般公共预算 = 一般公共预算支出表 项目支出.
        if let (Some(pr), Some(g)) = (self.find(TableKind::BProjects), gpb) {
            if let (Some(pc), Some(gc)) = (self.col(pr, Source::Gpb), self.col(g, Source::Project)) {
                let left: Vec<At> = (0..self.parts[pr].table.rows.len()).map(|r| self.at(pr, r, pc)).collect();
                let right: Vec<At> = total_rows(g).iter().map(|r| self.at(g, *r, gc)).collect();
                p.links.extend(equal_sums(&left, &right));
            }
        }
        // 收入总表 columns = the 收支总表 income rows of the same source.
        if let (Some(inc), Some(s)) = (self.find(TableKind::BIncome), self.find(TableKind::BSummary)) {
            let st = &self.parts[s].table;
            for (c, src) in self.parts[inc].schema.sources.iter().enumerate() {
                if matches!(src, Source::None) {
                    continue;
                }
                let stated: Vec<usize> = (0..st.sides.unwrap_or(0)).filter(|i| st.stated(*i) == Some(*src)).collect();
                // Only a single, unambiguous row of that source anchors the column.
                let [row] = stated.as_slice() else { continue };
                let left: Vec<At> = total_rows(inc).iter().map(|r| self.at(inc, *r, c)).collect();
                p.links.extend(equal_sums(&left, &[self.at(s, *row, 0)]));
            }
        }
    }
}

/// The first row of `code` in an index of [`Ctx::by_code`] (sorted by code,
/// then row), if the table has one.
fn first_of(index: &[(&str, usize)], code: &str) -> Option<usize> {
    index.get(index.partition_point(|(c, _)| *c < code)).filter(|(c, _)| *c == code).map(|(_, j)| *j)
}

/// Σ left = Σ right as one link (the first left cell is the link's total).
fn equal_sums(left: &[At], right: &[At]) -> Option<Link> {
    let (first, rest) = left.split_first()?;
    if right.is_empty() {
        return None;
    }
    let parts = rest.iter().map(|a| (-1, *a)).chain(right.iter().map(|a| (1, *a))).collect();
    Some(Link { total: *first, parts, relation: Relation::Equal })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rounding::Interval;
    use std::str::FromStr;

    /// 烟台's budget (every blank cell dropped) with one table reprinted in
    /// 元 among its tables in 万元: 公开表5 (一般公共预算支出表, "2010301 行政运行
    /// 26784000 26784000 20701300 6082700" or "26,784,000.00 …"), 公开表6
    /// (基本支出表, "…工资福利支出 22251000 22251000" or "22,251,000.00 …") or
    /// 公开表10 (部门基本支出预算表, "301 01 基本工资 501 01 工资奖金津补贴
    /// 5324100 5324100 5324100", an amount shaped like a 政府 code). The links
    /// between the tables (表5's 人员/公用 totals are 表6's, 支出总表 ≥ 表5,
    /// the 三公 items within 表7) compare the values in one unit, exactly, and
    /// every row is placed as in the original: the document reads the same
    /// rows with the same amounts (the table in 元 ×10000).
    #[test]
    fn a_table_in_yuan_is_placed_jointly_with_the_tables_in_wan() {
        use crate::corpus_edits::{table_in_yuan_as, tables_in_wan};
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/yantai-office-2023-budget.txt")).expect("fixture");
        let base = crate::read(&text);
        assert!(base.tables.iter().all(|t| t.unresolved.is_empty()), "the original places every row");
        let want = tables_in_wan(&base);
        for (n, decimals) in [("5", 0), ("5", 2), ("6", 0), ("6", 2), ("10", 0)] {
            let doc = crate::read(&table_in_yuan_as(&text, &format!("公开表{n}"), decimals));
            let units: Vec<_> = doc.tables.iter().filter(|t| t.unit.as_deref() == Some("元")).filter_map(|t| t.number.as_deref()).collect();
            assert_eq!(units, [n], "公开表{n} ({decimals} decimals)");
            let open: Vec<_> = doc.tables.iter().filter(|t| !t.unresolved.is_empty()).map(|t| t.no()).collect();
            assert!(open.is_empty(), "公开表{n} ({decimals} decimals): rows left open in {open:?}");
            assert_eq!(tables_in_wan(&doc), want, "公开表{n} ({decimals} decimals)");
        }
    }

    #[test]
    fn row_sums_in_units_are_holds_by() {
        const SUMS: &[(usize, &[usize])] = &[(0, &[1, 5, 6]), (1, &[2, 3, 4]), (2, &[9])];
        let d = |s: &str| Decimal::from_str(s).unwrap();
        // Sums that hold, that hold within rounding, that do not; a value off
        // the integer path (13 decimals) and sums beyond its limit.
        let rows = [
            vec!["6.00", "3.00", "1.00", "2.00", "3.00", "0.00"],
            vec!["6.0", "3.00", "1.00", "2.01", "3.00"],
            vec!["6.00", "3.00", "3.00", "3.00", "3.00", "3.00", "1.00"],
            vec!["1.0000000000001", "1.0000000000001", "1.0000000000001"],
            vec!["79228162514264337593543950335", "79228162514264337593543950335", "1", "-1"],
            vec!["900000000000000000", "900000000000000000", "900000000000000000", "-900000000000000000", "1"],
        ];
        for ncols in [3, 6, 8] {
            for row in &rows {
                let amounts: Vec<(Decimal, usize)> = row.iter().map(|s| (d(s), 1)).collect();
                let cands = Candidates::new(amounts, ncols, 1);
                let mut check = RowSums::new(SUMS, &cands);
                let mut n = 0;
                cands.for_each(|v, cols| {
                    assert_eq!(check.hold(v, cols), holds_by(v.len(), |i| v[i], SUMS), "{v:?}");
                    n += 1;
                });
                assert_eq!(n, cands.len());
            }
        }
    }

    #[test]
    fn placements_blank_where_nothing_are_those_that_meet_the_zero_bounds() {
        // The definition: every column of a source shown to be nothing meets
        // the interval of a blank (what the solver's bounds checked).
        let meets_zero = |v: &[Option<Decimal>], zero_col: &[bool]| {
            zero_col
                .iter()
                .enumerate()
                .filter(|(_, z)| **z)
                .all(|(c, _)| Interval::of(v.get(c).copied().flatten()).gap(Interval::of(None)).is_zero())
        };
        const SUMS: &[(usize, &[usize])] = &[(0, &[1, 2, 3]), (1, &[4, 5])];
        // Zeros, amounts near zero, and amounts off the fast path (too many
        // decimals; so large that their interval overflows to every value).
        let pool = ["0", "0.00", "0.004", "-0.00", "1", "2.5", "3.00", "0.01", "-1", "0.0000000000001", "79228162514264337593543950335"];
        let d = |s: &str| Decimal::from_str(s).unwrap();
        // The largest amount's interval overflows to every value, zero among them.
        assert!(Interval::of(Some(d(pool[10]))).gap(Interval::of(None)).is_zero());
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(seed >> 33).unwrap() % n
        };
        let (mut dropped, mut kept_zero) = (0, 0);
        for _ in 0..3000 {
            let ncols = 1 + next(8);
            let k = 1 + next(ncols);
            let amounts: Vec<(Decimal, usize)> = (0..k).map(|_| (d(pool[next(pool.len())]), 1)).collect();
            let zero_col: Vec<bool> = (0..next(ncols + 2)).map(|_| next(3) == 0).collect();
            let cands = Candidates::new(amounts, ncols, 1);
            for sums in [SUMS, &[]] {
                let mut want = Vec::new();
                cands.for_each(|v, _| {
                    if holds_by(v.len(), |i| v[i], sums) && meets_zero(v, &zero_col) {
                        want.push(v.to_vec());
                    }
                });
                let mut got = Vec::new();
                let mut check = RowSums::new(sums, &cands);
                cands.for_each_where(
                    |v, cols, settled| cands.blank_where_nothing(&zero_col, cols, &settled) && check.settled(v, cols, settled),
                    |v, _| got.push(v.to_vec()),
                );
                assert_eq!(got, want, "{:?} {zero_col:?}", cands.amounts());
                // The same with the blocked columns skipped by the walk itself.
                let mut skipped = Vec::new();
                let mut check = RowSums::new(sums, &cands);
                cands.for_each_blank_where(&zero_col, |v, cols, settled| check.settled(v, cols, settled), |v, _| skipped.push(v.to_vec()));
                assert_eq!(skipped, want, "{:?} {zero_col:?}", cands.amounts());
                let mut all = 0;
                cands.for_each(|v, _| all += usize::from(holds_by(v.len(), |i| v[i], sums)));
                dropped += usize::from(want.len() < all);
                kept_zero += usize::from(want.iter().any(|v| zero_col.iter().zip(v).any(|(z, x)| *z && x.is_some())));
            }
        }
        // Not vacuous: placements dropped, and zeros kept in columns of nothing.
        assert!(dropped > 500 && kept_zero > 200, "{dropped} {kept_zero}");
    }

    #[test]
    fn pruned_placements_are_the_placements_that_hold() {
        // Identities ending before, at and beyond the last column, a total
        // after its parts, parts out of order, one column in two identities.
        const SUMS: &[&[(usize, &[usize])]] = &[
            &[(0, &[1, 5, 6]), (1, &[2, 3, 4]), (2, &[9])],
            &[(0, &[1, 2, 5]), (2, &[3, 4])],
            &[(0, &[1, 4]), (1, &[2, 3])],
            &[(6, &[4, 2]), (0, &[1, 6]), (3, &[])],
            &[],
        ];
        let pool = ["1", "2", "3", "0", "1.5", "3.00", "6", "0.01", "2.01", "-1", "1.0000000000001", "900000000000000000000"];
        let d = |s: &str| Decimal::from_str(s).unwrap();
        // A fixed pseudo-random walk over amounts drawn from a small pool,
        // so that many placements hold and many do not.
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(seed >> 33).unwrap() % n
        };
        let mut kept_any = 0;
        let mut kept_from: Vec<Option<RowSums>> = SUMS.iter().map(|_| None).collect();
        for _ in 0..3000 {
            let ncols = 1 + next(9);
            let k = 1 + next(ncols + 1);
            // Mostly amounts that can add up; now and then one off the integer path.
            let amounts: Vec<(Decimal, usize)> =
                (0..k).map(|_| (d(pool[if next(8) == 0 { next(pool.len()) } else { next(9) }]), 1)).collect();
            let cands = Candidates::new(amounts, ncols, 1);
            for (si, sums) in SUMS.iter().enumerate() {
                let mut unpruned = Vec::new();
                let mut check = RowSums::new(sums, &cands);
                cands.for_each(|v, cols| {
                    let ok = holds_by(v.len(), |i| v[i], sums);
                    assert_eq!(check.hold(v, cols), ok, "{v:?}");
                    if ok {
                        unpruned.push((v.to_vec(), cols.to_vec()));
                    }
                });
                let mut pruned = Vec::new();
                let mut check = RowSums::new(sums, &cands);
                cands
                    .for_each_where(|v, cols, settled| check.settled(v, cols, settled), |v, cols| pruned.push((v.to_vec(), cols.to_vec())));
                assert_eq!(pruned, unpruned, "{sums:?} {:?}", cands.amounts());
                // The same with the sums kept from the row before (rebuilt when its columns differ).
                let mut again = Vec::new();
                let check = RowSums::ready(&mut kept_from[si], sums, &cands);
                cands.for_each_where(|v, cols, settled| check.settled(v, cols, settled), |v, cols| again.push((v.to_vec(), cols.to_vec())));
                assert_eq!(again, unpruned, "{sums:?} {:?}", cands.amounts());
                kept_any += usize::from(!pruned.is_empty() && pruned.len() < cands.len());
            }
        }
        // The rows tried both keep and drop placements.
        assert!(kept_any > 100, "{kept_any}");
    }

    /// [`result_of`] finds what a binary search of the results finds, for
    /// rows asked in ascending order (as [`place`] asks), with repeats, and
    /// in any other order.
    #[test]
    fn a_result_walked_to_is_the_result_searched_for() {
        let results: Vec<(usize, Placement)> = [1, 2, 5, 6, 9, 14]
            .iter()
            .map(|g| (*g, if g % 2 == 0 { Placement::Ambiguous(*g) } else { Placement::Contradiction }))
            .collect();
        let searched = |row: usize| results.binary_search_by_key(&row, |(g, _)| *g).ok().map(|at| &results[at].1);
        let ascending: Vec<usize> = (0..17).collect();
        let repeated = [0, 1, 1, 2, 2, 3, 5, 5, 5, 9, 14, 14, 16];
        let descending: Vec<usize> = (0..17).rev().collect();
        let mixed = [6, 1, 9, 2, 2, 14, 0, 5, 16, 6, 7, 1];
        for asked in [&ascending[..], &repeated, &descending, &mixed] {
            let mut next = 0;
            for row in asked {
                assert_eq!(result_of(&results, &mut next, *row), searched(*row), "{row} in {asked:?}");
            }
        }
        assert_eq!(result_of(&[], &mut 0, 3), None);
    }
}
