//! What TBL-001, TBL-002, TBL-003, TBL-004 share (formerly in
//! `src/rules/tbl01.rs`).
//!
//! 公开01表 收入支出决算总表: its own identities.

use crate::model::{Document, TableKind};
use crate::rules::identity::{at, nowhere, Located, Target};
use crate::rules::Sink;

pub(crate) fn side_sum(doc: &Document, sink: &mut Sink, target: u32, parts: impl IntoIterator<Item = u32>, what: &str) {
    let Some(t) = doc.table(TableKind::F01) else { return };
    let Some(row) = t.by_line(target) else { return };
    let terms: Vec<(i8, Located)> = parts.into_iter().map(|n| (1, t.by_line(n).map_or(nowhere(None), |r| at(t, r, 0)))).collect();
    sink.identity(Target::cell(t, row, 0), &terms, what);
}
