//! The candidate placements of a row whose blank cells were dropped.
//!
//! A row that prints k amounts under n columns keeps their order, and its
//! first amount is the row total (column 0), so its placements are the
//! C(n − 1, k − 1) ways to put the other amounts in columns 1‥n. They are
//! enumerated when the solver's problem is built rather than stored as cells
//! per placement: only the placements a problem keeps are ever written out,
//! and the one the solver settles on is rebuilt from its values.

use std::ops::Range;

use rust_decimal::Decimal;

use crate::model::Cell;
use crate::rounding::{self, Interval};
use crate::solve::Values;

/// Every order-preserving placement of a row's printed amounts into its
/// columns, the first amount in column 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidates {
    /// The printed amounts in order, with their source lines; empty when the
    /// row has no placement (no amount, or more amounts than columns).
    amounts: Vec<(Decimal, usize)>,
    /// The number of columns.
    ncols: usize,
    /// The source line of the blank cells (the row's).
    line: usize,
}

impl Candidates {
    /// The placements of `amounts` (in printed order, with their source
    /// lines) into `ncols` columns of a row on source line `line`.
    pub fn new(amounts: Vec<(Decimal, usize)>, ncols: usize, line: usize) -> Candidates {
        let mut amounts = amounts;
        if amounts.len() > ncols {
            amounts.clear();
        }
        Candidates { amounts, ncols, line }
    }

    /// How many placements there are (saturating).
    pub fn len(&self) -> usize {
        match self.amounts.len() {
            0 => 0,
            k => binomial(self.ncols.saturating_sub(1), k - 1),
        }
    }

    /// The printed amounts as cells, in order (none when there is no
    /// placement): what a row left unplaced shows.
    pub fn printed(&self) -> Vec<Cell> {
        self.amounts.iter().map(|(d, ln)| Cell { value: Some(*d), source_line: *ln }).collect()
    }

    /// Calls `f` with the values of each placement and the columns its
    /// amounts are in (the first always 0), in order: the columns of the
    /// amounts after the first ascend lexicographically.
    pub fn for_each(&self, mut f: impl FnMut(&[Option<Decimal>], &[usize])) {
        if self.amounts.is_empty() {
            return;
        }
        // One row of values, written and unwritten per placement.
        let mut values: Values = vec![None; self.ncols];
        // The first amount is in column 0 in every placement.
        let mut chosen = Vec::with_capacity(self.amounts.len());
        chosen.push(0);
        combos(1, self.ncols, self.amounts.len(), &mut chosen, &mut |cols| {
            for (c, (d, _)) in cols.iter().zip(&self.amounts) {
                if let Some(v) = values.get_mut(*c) {
                    *v = Some(*d);
                }
            }
            f(&values, cols);
            for c in cols {
                if let Some(v) = values.get_mut(*c) {
                    *v = None;
                }
            }
        });
    }

    /// [`Candidates::for_each_blank_where`] with no column that must be
    /// blank: the placements `holds` lets through.
    #[cfg(test)]
    pub fn for_each_where(
        &self,
        holds: impl FnMut(&[Option<Decimal>], &[usize], Range<usize>) -> bool,
        f: impl FnMut(&[Option<Decimal>], &[usize]),
    ) {
        self.for_each_blank_where(&[], holds, f);
    }

    /// [`Candidates::for_each`] for the placements that `holds` lets
    /// through and whose cells in the columns `zero_col` says must be blank
    /// (the columns of a source a document shows to be nothing) are blank or
    /// may be (an amount zero within rounding, as a blank's interval meets):
    /// the rule for 决算 (公开04表's fund columns when 07 or 08 is empty) and
    /// 预算 tables alike. In the same order, pruning as it goes: amounts are
    /// put in columns one at a time, and each time more columns are settled
    /// (filled or left blank) `holds` is asked about them, with the values so
    /// far (columns not yet settled blank), the columns of the amounts placed
    /// so far and the columns just settled. The ranges along the way to a
    /// placement cover its columns once each, in order; once `holds` says
    /// no, no placement that begins the same way is tried. An amount that
    /// cannot be zero is never put in a `zero_col` column (rather than put
    /// there and turned away after a call of `holds`: on 烟台's budget more
    /// than half of the tries, about 0.14 M instructions a check).
    pub fn for_each_blank_where(
        &self,
        zero_col: &[bool],
        holds: impl FnMut(&[Option<Decimal>], &[usize], Range<usize>) -> bool,
        f: impl FnMut(&[Option<Decimal>], &[usize]),
    ) {
        self.for_each_blank_where_in(&mut Scratch::default(), zero_col, holds, f);
    }

    /// [`Candidates::for_each_blank_where`] with its working rows in
    /// `scratch`, which a caller walking many rows keeps from one to the
    /// next: two allocations a row fewer (on 烟台's budget about 30 K
    /// instructions a check). What `scratch` held before does not matter.
    pub fn for_each_blank_where_in(
        &self,
        scratch: &mut Scratch,
        zero_col: &[bool],
        mut holds: impl FnMut(&[Option<Decimal>], &[usize], Range<usize>) -> bool,
        mut f: impl FnMut(&[Option<Decimal>], &[usize]),
    ) {
        let Some((first, _)) = self.amounts.first() else { return };
        let Scratch { values, chosen } = scratch;
        values.clear();
        values.resize(self.ncols, None);
        if let Some(v) = values.first_mut() {
            *v = Some(*first);
        }
        chosen.clear();
        chosen.push(0);
        let zero = Zero::new(zero_col, &self.amounts);
        if !zero.blocks(&self.amounts, 0, 0) && holds(values, chosen, 0..1) {
            self.walk(1, &zero, values, chosen, &mut holds, &mut f);
        }
    }

    /// [`Candidates::for_each_blank_where`] below a placement begun with the
    /// amounts in `chosen`, the next going in a column from `start` on.
    fn walk(
        &self,
        start: usize,
        zero: &Zero,
        values: &mut Values,
        chosen: &mut Vec<usize>,
        holds: &mut impl FnMut(&[Option<Decimal>], &[usize], Range<usize>) -> bool,
        f: &mut impl FnMut(&[Option<Decimal>], &[usize]),
    ) {
        let k = chosen.len();
        let Some((d, _)) = self.amounts.get(k) else {
            // Every amount is placed: the columns after the last are blank.
            if holds(values, chosen, start..self.ncols) {
                f(values, chosen);
            }
            return;
        };
        let left = self.amounts.len() - k;
        for c in start..self.ncols {
            if self.ncols - c < left {
                break;
            }
            if zero.blocks(&self.amounts, k, c) {
                continue;
            }
            let Some(v) = values.get_mut(c) else { break };
            *v = Some(*d);
            chosen.push(c);
            if holds(values, chosen, start..c + 1) {
                self.walk(c + 1, zero, values, chosen, holds, f);
            }
            chosen.pop();
            if let Some(v) = values.get_mut(c) {
                *v = None;
            }
        }
    }

    /// A test for [`Candidates::for_each_where`]: whether the columns
    /// `settled` of the placement begun with its amounts in the columns
    /// `cols` are blank, or may be (zero within rounding), where `zero_col`
    /// says they must be: of the columns settled, only the last amount's can
    /// hold one. Asked with `holds`, it is what
    /// [`Candidates::for_each_blank_where`] is held to.
    #[cfg(test)]
    pub fn blank_where_nothing(&self, zero_col: &[bool], cols: &[usize], settled: &Range<usize>) -> bool {
        let Some((c, (d, _))) = cols.last().zip(cols.len().checked_sub(1).and_then(|i| self.amounts.get(i))) else { return true };
        !settled.contains(c) || !zero_col.get(*c).copied().unwrap_or(false) || may_be_zero(*d)
    }

    /// The values of the placements [`Candidates::for_each_blank_where`]
    /// lets through, in the order of [`Candidates::for_each`].
    pub fn values_blank_where(&self, zero_col: &[bool]) -> Vec<Values> {
        let mut out = Vec::new();
        self.for_each_blank_where(zero_col, |_, _, _| true, |v, _| out.push(v.to_vec()));
        out
    }

    /// The printed amounts, in order, with their source lines.
    pub fn amounts(&self) -> &[(Decimal, usize)] {
        &self.amounts
    }

    /// The number of columns.
    pub fn ncols(&self) -> usize {
        self.ncols
    }

    /// The values of every placement, in the order of [`Candidates::for_each`].
    pub fn values(&self) -> Vec<Values> {
        let mut out = Vec::with_capacity(self.len().min(MAX_RESERVE));
        self.for_each(|v, _| out.push(v.to_vec()));
        out
    }

    /// The cells of the placement whose values are `values`, if there is
    /// one. Placements differ in which columns are blank, so at most one
    /// matches.
    pub fn cells(&self, values: &[Option<Decimal>]) -> Option<Vec<Cell>> {
        if values.len() != self.ncols || values.first().copied().flatten().is_none() {
            return None;
        }
        let mut next = self.amounts.iter();
        let mut cells = Vec::with_capacity(self.ncols);
        for v in values {
            cells.push(match v {
                None => Cell::blank(self.line),
                Some(d) => {
                    let (a, ln) = next.next().filter(|(a, _)| a == d)?;
                    Cell { value: Some(*a), source_line: *ln }
                }
            });
        }
        next.next().is_none().then_some(cells)
    }
}

/// The working rows of [`Candidates::for_each_blank_where_in`]: the values
/// of the placement being built and the columns of its amounts.
#[derive(Debug, Default)]
pub struct Scratch {
    values: Values,
    chosen: Vec<usize>,
}

/// The columns a row's placements must leave blank (`cols`, as
/// [`Candidates::for_each_blank_where`] takes them) and which of its amounts
/// may be zero within rounding, decided once per row rather than each time
/// an amount is tried in a column (on 烟台's budget about 0.1 M instructions
/// a check).
struct Zero<'a> {
    cols: &'a [bool],
    /// Bit k: whether amount k may be zero, for the first 64 amounts (a row
    /// with more is asked again as it goes). Unset when no column must be
    /// blank: then nothing is asked.
    may_be_zero: u64,
}

impl<'a> Zero<'a> {
    fn new(cols: &'a [bool], amounts: &[(Decimal, usize)]) -> Zero<'a> {
        let mut mask = 0u64;
        if cols.contains(&true) {
            for (k, (d, _)) in amounts.iter().enumerate().take(64) {
                if may_be_zero(*d) {
                    mask |= 1 << k;
                }
            }
        }
        Zero { cols, may_be_zero: mask }
    }

    /// Whether amount `k` of `amounts` (those [`Zero::new`] was given)
    /// cannot go in column `c`: the column must be blank and the amount
    /// cannot be zero within rounding.
    fn blocks(&self, amounts: &[(Decimal, usize)], k: usize, c: usize) -> bool {
        self.cols.get(c).copied().unwrap_or(false)
            && match amounts.get(k) {
                None => false,
                Some(_) if k < 64 => self.may_be_zero & (1 << k) == 0,
                Some((d, _)) => !may_be_zero(*d),
            }
    }
}

/// Whether an amount may be zero within rounding: it is zero, or (off the
/// rounding fast path, where its interval may be every value) its interval
/// meets a blank's. An amount on the fast path is exact to half a unit
/// without an overflow, so its interval meets zero only if it is zero.
fn may_be_zero(d: Decimal) -> bool {
    d.is_zero() || rounding::units(Some(d)).is_none() && Interval::of(Some(d)).gap(Interval::of(None)).is_zero()
}

/// The most placements reserved for up front; more grow as they come.
const MAX_RESERVE: usize = 1 << 12;

/// The most placements one placement problem lists (a 13-column row with
/// seven amounts has 924; the corpus lists a few thousand per document).
/// Each is a row of values for the solver, so without a cap a long paste of
/// such rows would take memory and time far out of proportion to its size.
/// Rows beyond the cap are left out of the problem, blank, and named in the
/// coverage report.
pub const MAX_LISTED: usize = 1 << 16;

/// What is left of a problem's [`MAX_LISTED`] placements.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    left: usize,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget { left: MAX_LISTED }
    }
}

impl Budget {
    /// Whether a row's placements fit in what is left (taking them if so):
    /// rows are listed in order until one does not fit.
    pub fn take(&mut self, c: &Candidates) -> bool {
        match self.left.checked_sub(c.len()) {
            Some(left) => {
                self.left = left;
                true
            }
            None => {
                self.left = 0;
                false
            }
        }
    }
}

/// The coverage message for rows left unplaced because their placements
/// went beyond [`MAX_LISTED`]: `table` names the table ("公开02表"), `rows`
/// lists them (name, source line).
pub fn over_cap_message(table: &str, rows: &[(String, usize)]) -> String {
    format!(
        "{table}有{}行省略了空白栏，其可能的栏目归属合计超过 {MAX_LISTED} 种的上限，未尝试确定：{}。这些行暂按空白显示，依赖它们的核对已跳过",
        rows.len(),
        super::list(rows)
    )
}

/// C(n, k), saturating.
fn binomial(n: usize, k: usize) -> usize {
    let k = k.min(n.saturating_sub(k));
    // C(n, i + 1) = C(n, i) · (n − i) / (i + 1), exact at every step.
    (0..k).try_fold(1usize, |c, i| c.checked_mul(n - i)?.checked_div(i + 1)).unwrap_or(usize::MAX)
}

/// Calls `f` with `chosen` extended by every subset of `start..n` that
/// makes it `k` long, ascending, in lexicographic order.
fn combos(start: usize, n: usize, k: usize, chosen: &mut Vec<usize>, f: &mut impl FnMut(&[usize])) {
    if chosen.len() == k {
        f(chosen);
        return;
    }
    for c in start..n {
        if n - c < k - chosen.len() {
            break;
        }
        chosen.push(c);
        combos(c + 1, n, k, chosen, f);
        chosen.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn values_blank_where_are_the_values_that_meet_zero_bounds() {
        // What 公开04表's zero bounds kept: every placement whose cells in the
        // zero columns meet the interval of a blank.
        let pool = ["0", "0.00", "0.004", "1", "2.5", "0.01", "-1", "0.0000000000001", "79228162514264337593543950335"];
        let mut n = 0;
        for (i, a) in pool.iter().enumerate() {
            for b in &pool {
                for c in &pool[..i + 1] {
                    let amounts = vec![(d(a), 1), (d(b), 2), (d(c), 3)];
                    let cands = Candidates::new(amounts, 4, 1);
                    for zero_col in [[false, false, true, false], [false, false, false, true], [false, false, true, true], [false; 4]] {
                        let meets = |v: &Values| {
                            zero_col
                                .iter()
                                .enumerate()
                                .filter(|(_, z)| **z)
                                .all(|(c, _)| Interval::of(v.get(c).copied().flatten()).gap(Interval::of(None)).is_zero())
                        };
                        let want: Vec<Values> = cands.values().into_iter().filter(meets).collect();
                        assert_eq!(cands.values_blank_where(&zero_col), want, "{:?} {zero_col:?}", cands.amounts());
                        n += usize::from(want.len() < cands.len());
                    }
                }
            }
        }
        assert!(n > 50, "{n}");
    }

    #[test]
    fn working_rows_kept_from_row_to_row_change_nothing() {
        // One Scratch through rows of every width and count, each walk
        // pruned where a holds turns some prefixes away: what
        // each row's walk sees is what a fresh walk of it sees.
        let pool = ["0", "1", "2.5", "-1", "0.004", "79228162514264337593543950335"];
        let mut scratch = Scratch::default();
        let mut seen = 0;
        for ncols in [5, 1, 3, 0, 7, 2, 6] {
            for k in 0..=ncols + 1 {
                let amounts: Vec<(Decimal, usize)> = (0..k).map(|i| (d(pool[(i * 7 + ncols) % pool.len()]), i)).collect();
                let cands = Candidates::new(amounts, ncols, 1);
                let zero_col: Vec<bool> = (0..ncols).map(|c| c % 3 == 2).collect();
                // Placements with their second amount in column 2 are turned away.
                let holds = |_: &[Option<Decimal>], cols: &[usize], _: Range<usize>| cols.get(1) != Some(&2);
                let walk = |scratch: Option<&mut Scratch>| {
                    let mut got = Vec::new();
                    let record = |v: &[Option<Decimal>], cols: &[usize]| got.push((v.to_vec(), cols.to_vec()));
                    match scratch {
                        Some(s) => cands.for_each_blank_where_in(s, &zero_col, holds, record),
                        None => cands.for_each_blank_where(&zero_col, holds, record),
                    }
                    got
                };
                let fresh = walk(None);
                assert_eq!(walk(Some(&mut scratch)), fresh, "{ncols} {k}");
                seen += fresh.len();
            }
        }
        assert!(seen > 20, "{seen}");
    }

    #[test]
    fn blocked_amounts_are_told_once_per_row() {
        // What a row's Zero says of each amount in each column is what
        // asking of the amount itself says: blocked where the column must be
        // blank and the amount cannot be zero. Rows past 64 amounts too.
        let pool = ["0", "0.00", "0.004", "1", "-1", "0.0000000000001", "79228162514264337593543950335", "-0.000"];
        let amounts: Vec<(Decimal, usize)> = (0..70).map(|i| (d(pool[i * 5 % pool.len()]), i)).collect();
        let cols: Vec<bool> = (0..72).map(|c| c % 3 == 1).collect();
        for (cols, n) in [(&cols[..], 70), (&cols[..5], 70), (&cols[..], 3), (&[][..], 4)] {
            let amounts = &amounts[..n];
            let zero = Zero::new(cols, amounts);
            for k in 0..n + 2 {
                for c in 0..cols.len() + 2 {
                    let want = cols.get(c).copied().unwrap_or(false) && amounts.get(k).is_some_and(|(d, _)| !may_be_zero(*d));
                    assert_eq!(zero.blocks(amounts, k, c), want, "{k} {c} {n}");
                }
            }
        }
    }

    #[test]
    fn a_rows_placements_meet_total_first_all_or_none() {
        // What lets 公开表's problems test total_first on a row's first
        // placement alone: every placement, and every one a zero column
        // lets through, holds it if the first does. Sums that hold, miss,
        // hold within rounding, and overflow Decimal.
        let pool = ["3", "1", "2", "0", "1.004", "0.996", "-1", "79228162514264337593543950335", "0.0000000000001"];
        let mut seen = [0, 0];
        for ncols in 1..6 {
            for k in 1..=ncols.min(4) {
                for code in 0..pool.len().pow(u32::try_from(k).unwrap()) {
                    let amounts: Vec<(Decimal, usize)> =
                        (0..k).map(|i| (d(pool[code / pool.len().pow(i as u32) % pool.len()]), 1)).collect();
                    let cands = Candidates::new(amounts, ncols, 1);
                    let zero_col: Vec<bool> = (0..ncols).map(|c| c == 2).collect();
                    for placements in [cands.values(), cands.values_blank_where(&zero_col)] {
                        let Some(first) = placements.first() else { continue };
                        let holds = crate::solve::total_first(first);
                        seen[usize::from(holds)] += 1;
                        assert!(placements.iter().all(|v| crate::solve::total_first(v) == holds), "{placements:?}");
                    }
                }
            }
        }
        assert!(seen[0] > 100 && seen[1] > 100, "{seen:?}");
    }

    /// The placements as the cells they were once stored as.
    fn stored(amounts: &[(Decimal, usize)], ncols: usize, line: usize) -> Vec<Vec<Cell>> {
        let k = amounts.len();
        if k == 0 || k > ncols {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut first = vec![Cell::blank(line); ncols];
        first[0] = Cell { value: Some(amounts[0].0), source_line: amounts[0].1 };
        combos(1, ncols, k - 1, &mut Vec::new(), &mut |cols| {
            let mut cells = first.clone();
            for (i, c) in cols.iter().enumerate() {
                cells[*c] = Cell { value: Some(amounts[i + 1].0), source_line: amounts[i + 1].1 };
            }
            out.push(cells);
        });
        out
    }

    #[test]
    fn the_budget_lists_rows_in_order_until_one_does_not_fit() {
        // 20 placements each: 4 amounts in 7 columns.
        let row = Candidates::new(vec![(d("4"), 1), (d("1"), 1), (d("1"), 1), (d("2"), 1)], 7, 1);
        assert_eq!(row.len(), 20);
        let mut budget = Budget::default();
        let listed = (0..MAX_LISTED).take_while(|_| budget.take(&row)).count();
        assert_eq!(listed, MAX_LISTED / 20);
        // Once a row did not fit, none is listed: the rows left out are the last.
        assert!(!budget.take(&Candidates::new(vec![(d("4"), 1)], 7, 1)));
        assert!(Budget::default().take(&Candidates::new(Vec::new(), 7, 1)));
    }

    #[test]
    fn binomial_counts_the_placements() {
        for ncols in 1..9 {
            for k in 1..=ncols {
                let mut n = 0;
                combos(1, ncols, k - 1, &mut Vec::new(), &mut |_| n += 1);
                assert_eq!(binomial(ncols - 1, k - 1), n, "{ncols} {k}");
            }
        }
    }

    #[test]
    fn placements_are_the_cells_they_stand_for() {
        // Equal amounts, amounts from other lines, every count up to and past the columns.
        let all = [(d("3.00"), 7), (d("1.00"), 8), (d("1.00"), 7), (d("2.0"), 9), (d("-1"), 7)];
        for ncols in 0..7 {
            for k in 0..=all.len() {
                let amounts = &all[..k];
                let c = Candidates::new(amounts.to_vec(), ncols, 7);
                let want = stored(amounts, ncols, 7);
                let values: Vec<Values> = want.iter().map(|c| c.iter().map(|x| x.value).collect()).collect();
                assert_eq!(c.values(), values, "{ncols} {k}");
                assert_eq!(c.len(), want.len());
                let printed: Vec<Cell> =
                    want.first().map(|c| c.iter().filter(|x| x.value.is_some()).cloned().collect()).unwrap_or_default();
                assert_eq!(c.printed(), printed);
                for (v, cells) in values.iter().zip(&want) {
                    assert_eq!(c.cells(v).as_ref(), Some(cells));
                }
            }
        }
    }

    #[test]
    fn values_of_no_placement_have_no_cells() {
        let c = Candidates::new(vec![(d("3.00"), 1), (d("1.00"), 1)], 3, 1);
        for v in [
            vec![None, Some(d("3.00")), Some(d("1.00"))],
            vec![Some(d("3.00")), Some(d("1.00")), Some(d("1.00"))],
            vec![Some(d("3.00")), None, None],
            vec![Some(d("3.00")), Some(d("2.00")), None],
            vec![Some(d("3.00")), Some(d("1.00"))],
        ] {
            assert_eq!(c.cells(&v), None, "{v:?}");
        }
    }
}
