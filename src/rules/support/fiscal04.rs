//! What TBL-009, TBL-010, TBL-011, XTBL-003, XTBL-004, XTBL-005, XTBL-006,
//! XTBL-007, XTBL-008 share (formerly in `src/rules/tbl04.rs`).
//!
//! 公开04表 财政拨款收入支出决算总表: its own identities.

use crate::model::{Document, Table, TableKind};
use crate::rules::identity::{at, holds_exactly, nowhere, Located, Target};
use crate::rules::Sink;

pub(crate) fn row(t: &Table, n: u32) -> Option<&crate::model::Row> {
    let i = t.rows.iter().position(|r| r.line == Some(n))?;
    (!t.unresolved.contains(&i)).then(|| &t.rows[i])
}

pub(crate) fn sum_lines(t: &Table, sink: &mut Sink, target: u32, col: usize, parts: &[u32], what: &str) {
    if let Some(sum) = line_sum(t, target, parts, what) {
        sum.check(sink, col);
    }
}

/// The rows of a sum of 行次 (`target` = Σ `parts`), found once for every
/// column it is checked in (TBL-010 checks 26 parts in four columns).
pub(crate) struct LineSum<'a> {
    t: &'a Table,
    target: &'a crate::model::Row,
    /// Per part, its first row (None: not printed, a blank).
    parts: Vec<Option<&'a crate::model::Row>>,
    what: &'a str,
}

/// [`LineSum`] of `target` = Σ `parts` in `t`; None when the target row is
/// missing or unplaced, or a part's row unplaced (the coverage report
/// already says so).
pub(crate) fn line_sum<'a>(t: &'a Table, target: u32, parts: &[u32], what: &'a str) -> Option<LineSum<'a>> {
    let r = row(t, target)?;
    let first = first_rows(&t.rows, parts);
    if first.iter().flatten().any(|i| t.unresolved.contains(i)) {
        return None;
    }
    Some(LineSum { t, target: r, parts: first.iter().map(|f| f.and_then(|i| t.rows.get(i))).collect(), what })
}

impl LineSum<'_> {
    /// Checks the sum in column `col`.
    pub(crate) fn check(&self, sink: &mut Sink, col: usize) {
        // Most sums hold: settled on the printed values, before the terms
        // are located.
        if holds_exactly(self.target.value(col), self.parts.iter().map(|p| (1, p.and_then(|r| r.value(col))))) {
            return;
        }
        let terms: Vec<(i8, Located)> = self.parts.iter().map(|p| (1, p.map_or(nowhere(None), |r| at(self.t, r, col)))).collect();
        sink.identity(Target::cell(self.t, self.target, col), &terms, self.what);
    }
}

/// The index of the first row of each of the 行次 `parts` (as
/// `Table::by_line` finds it), in one pass over the rows: the parts are
/// sorted once by (行次, place), and each row's 行次 is looked up among them
/// by binary search, not tested against every part (TBL-010 sums 26 of
/// them, four times over), nor are the rows sorted.
fn first_rows(rows: &[crate::model::Row], parts: &[u32]) -> Vec<Option<usize>> {
    let mut first: Vec<Option<usize>> = vec![None; parts.len()];
    let mut order: Vec<(u32, usize)> = parts.iter().copied().zip(0..).collect();
    order.sort_unstable();
    for (i, row) in rows.iter().enumerate() {
        let Some(l) = row.line else { continue };
        let from = order.partition_point(|(n, _)| *n < l);
        // A 行次 listed twice gets the same row at both places.
        for (_, k) in order.get(from..).unwrap_or_default().iter().take_while(|(n, _)| *n == l) {
            if let Some(f) = first.get_mut(*k) {
                f.get_or_insert(i);
            }
        }
    }
    first
}

/// Used by the cross-table rules.
pub(crate) fn line(doc: &Document, n: u32) -> Option<&crate::model::Row> {
    doc.table(TableKind::F04).and_then(|t| row(t, n))
}

#[cfg(test)]
mod tests {
    use super::first_rows;
    use crate::model::Row;

    #[test]
    fn first_rows_are_the_rows_by_line_finds() {
        // Lines repeated, missing and out of order, as in a table read twice.
        let mut state = 7u32;
        for len in 0..40 {
            let rows: Vec<Row> = (0..len)
                .map(|i| {
                    state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    let line = (state >> 16) % 12;
                    Row { code: None, label: String::new(), line: (line != 0).then_some(line), cells: Vec::new(), source_line: i }
                })
                .collect();
            // Long lists (sorted rows) and short ones (one pass).
            let all: Vec<u32> = (0..14).chain([3, 3]).collect();
            for parts in [&all[..], &all[..3], &all[12..], &[5, 5, 1][..], &[]] {
                let by_line: Vec<Option<usize>> = parts.iter().map(|n| rows.iter().position(|r| r.line == Some(*n))).collect();
                assert_eq!(first_rows(&rows, parts), by_line);
            }
        }
    }
}
