//! What TBL-005, TBL-006, TBL-007, TBL-008 share (formerly in
//! `src/rules/tbl_coded.rs`).
//!
//! 科目 tables (公开02/03/05/07/08表): row identities and the 类/款/项 hierarchy.

use crate::model::{Document, Table, TableKind};
use crate::rules::Sink;

pub(crate) const CODED: [TableKind; 5] = [TableKind::F02, TableKind::F03, TableKind::F05, TableKind::F07, TableKind::F08];

/// Budget tables keyed by plain 科目 codes (功能 or 经济分类).
pub(crate) const BUDGET_CODED: [TableKind; 8] = [
    TableKind::BIncome,
    TableKind::BExpenditure,
    TableKind::BGeneral,
    TableKind::BFund,
    TableKind::BCapital,
    TableKind::BBasicEcon,
    TableKind::BBasicGovEcon,
    TableKind::BProcurement,
];

/// Runs `f` on every 科目 table that was read, and records the ones that were not.
/// In a budget: every table keyed by plain codes (not code pairs or items).
pub(crate) fn for_each_table(doc: &Document, sink: &mut Sink, mut f: impl FnMut(&Table, &mut Sink)) {
    if doc.info.kind == crate::model::DocumentKind::Budget {
        for t in doc.legacy_tables().filter(|t| BUDGET_CODED.contains(&t.kind)) {
            if t.rows.iter().all(|r| r.code.as_deref().is_none_or(|c| !c.contains('/'))) {
                f(t, sink);
            }
        }
        return;
    }
    for kind in CODED {
        match doc.table(kind) {
            Some(t) => f(t, sink),
            None => sink.skip(match doc.found(kind) {
                // Read by its headings (another region's layout): its 科目
                // sums are the general rules' (not "unread", which it is not).
                Some(t) if t.grid.as_deref().is_some_and(|g| g.read) => {
                    format!("《{}》按表头读取，本条按固定栏目核对的规则不适用；其各级科目之和由 TBL-201、TBL-202 核对", t.title)
                }
                Some(t) => format!("《{}》未能读取，其表内核对未进行", t.title),
                None => format!("缺少公开{}表，其表内核对未进行", kind.number()),
            }),
        }
    }
}
