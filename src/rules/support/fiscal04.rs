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
    if parts.iter().any(|n| t.by_line(*n).is_some() && row(t, *n).is_none()) {
        return; // an unplaced row: the coverage report already says so
    }
    let terms: Vec<(i8, Located)> = parts.iter().map(|n| (1, t.by_line(*n).map_or(nowhere(None), |r| at(t, r, col)))).collect();
    sink.identity(Target::cell(t, r, col), &terms, what);
}

/// Used by the cross-table rules.
pub(crate) fn line(doc: &Document, n: u32) -> Option<&crate::model::Row> {
    doc.table(TableKind::F04).and_then(|t| row(t, n))
}
