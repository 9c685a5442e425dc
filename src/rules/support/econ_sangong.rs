//! What TBL-013, TBL-014, TBL-015, TBL-016, XTBL-010, XTBL-011 share (formerly
//! in `src/rules/tbl06_09.rs`).
//!
//! 公开06表 (basic expenditure by economic classification) and 公开09表 (三公).

use crate::model::{Row, Table};

pub(crate) fn labelled<'a>(t: &'a Table, label: &str) -> Option<&'a Row> {
    t.rows.iter().find(|r| r.code.is_none() && r.label == label)
}

pub(crate) fn groups(t: &Table) -> impl Iterator<Item = &Row> {
    t.rows.iter().filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 3))
}

pub(crate) fn sangong_rows(t: &Table) -> impl Iterator<Item = (usize, &Row)> {
    t.rows.iter().enumerate().filter(move |(i, _)| !t.unresolved.contains(i))
}
