//! What XTBL-101, XTBL-104, XTBL-106, XTBL-109 share (formerly in
//! `src/rules/budget_xtbl.rs`).
//!
//! Identities across a budget's tables.

use crate::model::{Row, Table};

pub(crate) fn coded<'a>(t: &'a Table, code: &str) -> Option<(usize, &'a Row)> {
    t.rows.iter().enumerate().find(|(_, r)| r.code.as_deref() == Some(code))
}
