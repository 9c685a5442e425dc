//! What TBL-009, TBL-010, TBL-011, XTBL-003, XTBL-004, XTBL-005, XTBL-006,
//! XTBL-007, XTBL-008 share (formerly in `src/rules/tbl04.rs`).
//!
//! 公开04表 财政拨款收入支出决算总表: its own identities.

use crate::model::{Document, Table, TableKind};
use crate::rules::identity::{at, nowhere, Located, Target};
use crate::rules::Sink;

pub(crate) fn row(t: &Table, n: u32) -> Option<&crate::model::Row> {
    let i = t.rows.iter().position(|r| r.line == Some(n))?;
    (!t.unresolved.contains(&i)).then(|| &t.rows[i])
}

pub(crate) fn sum_lines(t: &Table, sink: &mut Sink, target: u32, col: usize, parts: &[u32], what: &str) {
    let Some(r) = row(t, target) else { return };
    let first = first_rows(&t.rows, parts);
    if first.iter().flatten().any(|i| t.unresolved.contains(i)) {
        return; // an unplaced row: the coverage report already says so
    }
    let terms: Vec<(i8, Located)> =
        first.iter().map(|f| (1, f.and_then(|i| t.rows.get(i)).map_or(nowhere(None), |r| at(t, r, col)))).collect();
    sink.identity(Target::cell(t, r, col), &terms, what);
}

/// The index of the first row of each of the 行次 `parts` (as
/// `Table::by_line` finds it), all found in one pass over the rows, not in
/// three passes per part (TBL-010 sums 26 of them).
fn first_rows(rows: &[crate::model::Row], parts: &[u32]) -> Vec<Option<usize>> {
    let mut first: Vec<Option<usize>> = vec![None; parts.len()];
    for (i, row) in rows.iter().enumerate() {
        let Some(l) = row.line else { continue };
        for (f, n) in first.iter_mut().zip(parts) {
            if *n == l && f.is_none() {
                *f = Some(i);
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
            let parts: Vec<u32> = (0..14).chain([3, 3]).collect();
            let by_line: Vec<Option<usize>> = parts.iter().map(|n| rows.iter().position(|r| r.line == Some(*n))).collect();
            assert_eq!(first_rows(&rows, &parts), by_line);
        }
    }
}
