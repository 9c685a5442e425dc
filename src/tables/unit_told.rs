//! The unit of a table printed without one, as the narrative tells it.
//!
//! A table with no unit line is taken to be in the document's unit (the one
//! its other tables state), or in 万元 when no table states one. Either can
//! be wrong: Shanghai prints its tables in 元 and its “三公” table in 万元, so
//! a 三公 table whose unit line was lost read 47.91 万元 as 47.91 元, and every
//! narrative amount and cross-table comparison held to it was a false error.
//! The narrative, read before the tables, tells: its 万元 amounts are the
//! table's cells read as 万元 (47.91) or read as 元 (479,100 → 47.91).

use std::cmp::Ordering;
use std::collections::HashSet;

use rust_decimal::Decimal;

use crate::model::{Document, ReadProblem, Table};
use crate::narrative::claim::{Money, Unit};

/// Gives every table that states no unit the one the narrative tells, where
/// it tells one other than the table would be taken in, and says so in
/// coverage. Against the document's own unit the narrative must be
/// unanimous: two or more of its amounts for one reading, none for the other.
pub(crate) fn settle(doc: &mut Document) {
    if doc.tables.iter().all(|t| t.unit.is_some()) {
        return;
    }
    let said = said_in_wan(doc);
    if said.is_empty() {
        return;
    }
    let fallback = doc.info.unit.as_deref().and_then(crate::units::exponent);
    let mut told = Vec::new();
    for t in doc.tables.iter_mut().filter(|t| t.unit.is_none()) {
        let Some(e) = told_by(t, &said, fallback) else { continue };
        let unit = crate::units::name(e);
        t.unit = Some(unit.to_string());
        t.unit_told = true;
        let name = crate::model::in_title_marks(&t.title);
        told.push(ReadProblem {
            table: Some(t.no()),
            message: format!("{name}未印金额单位，情况说明中的金额与表中数字按“{unit}”读才对得上，本表按{unit}核对。"),
            source_line: Some(t.source_line),
        });
    }
    doc.problems.extend(told);
}

/// The narrative's nonzero 万元 amounts, normalised (25.00 is 25).
fn said_in_wan(doc: &Document) -> HashSet<Decimal> {
    doc.narrative
        .claims()
        .filter(|(_, _, c)| matches!(c.unit, Unit::Money(Money::Wan)))
        .filter_map(|(_, _, c)| c.value)
        .filter(|v| !v.is_zero())
        .map(|v| v.normalize())
        .collect()
}

/// The exponent of the unit the narrative tells for `t` (0 元, 4 万元), when
/// it differs from `fallback`, the one `t` would be taken in otherwise (万元
/// when the document states none).
fn told_by(t: &Table, said: &HashSet<Decimal>, fallback: Option<u32>) -> Option<u32> {
    let ten_thousand = Decimal::from(10_000);
    let (mut as_wan, mut as_yuan) = (0usize, 0usize);
    for v in t.rows.iter().flat_map(|r| r.cells.iter().filter_map(|c| c.value)).filter(|v| !v.is_zero()) {
        as_wan += usize::from(said.contains(&v.normalize()));
        let yuan = v.checked_div(ten_thousand).map(|w| w.round_dp(2).normalize());
        as_yuan += usize::from(yuan.is_some_and(|w| said.contains(&w)));
    }
    let (e, won, lost) = match as_yuan.cmp(&as_wan) {
        Ordering::Greater => (0, as_yuan, as_wan),
        Ordering::Less => (4, as_wan, as_yuan),
        Ordering::Equal => return None,
    };
    match fallback {
        // Against what the document states, only a unanimous narrative.
        Some(f) => (e != f && won >= 2 && lost == 0).then_some(e),
        None => Some(e),
    }
}
