//! What XTBL-001, XTBL-002, XTBL-003, XTBL-004, XTBL-005, XTBL-006, XTBL-007,
//! XTBL-008 share (formerly in `src/rules/xtbl.rs`).
//!
//! Identities across the 决算 tables.

use crate::model::{Document, Row, Table, TableKind};
use crate::rules::identity::{at, Located};

pub(crate) fn line01(doc: &Document, n: u32) -> Option<&Row> {
    doc.table(TableKind::F01)?.by_line(n)
}

/// The located value of 01 row `n` (blank when the row is missing).
pub(crate) fn v01(doc: &Document, n: u32) -> Located<'_> {
    match (doc.table(TableKind::F01), line01(doc, n)) {
        (Some(t), Some(r)) => at(t, r, 0),
        _ => crate::rules::identity::nowhere(None),
    }
}

/// The 合计 row of a 科目 table, if placed.
pub(crate) fn total_row(t: &Table) -> Option<&Row> {
    let i = t.rows.iter().position(|r| r.code.is_none())?;
    (!t.unresolved.contains(&i)).then(|| &t.rows[i])
}

pub(crate) fn coded_row<'a>(t: &'a Table, code: &str) -> Option<&'a Row> {
    let i = t.rows.iter().position(|r| r.code.as_deref() == Some(code))?;
    (!t.unresolved.contains(&i)).then(|| &t.rows[i])
}
