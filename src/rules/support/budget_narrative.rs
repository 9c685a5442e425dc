//! What the rules of a budget's 情况说明 share: the 三公 table's cell of each
//! category, however the table was read (NAR-101, NAR-102), and the findings
//! they build about a stated figure (NAR-101, NAR-102, PERF-101, PERF-102).

use rust_decimal::Decimal;

use crate::model::{Document, Row, Table};
use crate::rules::identity::{describe, CellRef};
use crate::rules::percent::narrative_values;
use crate::rules::support::budget::settled;
use crate::rules::support::text::Holds;
use crate::rules::{Finding, Severity};

/// The 三公 table's cell for a category: (row, column) of the current year,
/// and of the previous year when the table prints it.
pub struct Sangong<'a> {
    /// The table.
    pub t: &'a Table,
    /// Per category, the current year's cell.
    pub current: Vec<Option<(&'a Row, usize)>>,
    /// Per category, the previous year's cell.
    pub prior: Vec<Option<(&'a Row, usize)>>,
}

/// The cells of 三公 table `t`, by its layout.
pub fn sangong_in<'a>(doc: &'a Document, t: &'a Table) -> Option<Sangong<'a>> {
    if t.columns.len() == 6 {
        // Year blocks: the row of the document's year is current, the other prior.
        let cur = t
            .rows
            .iter()
            .position(|r| doc.info.year.is_some_and(|y| r.label.starts_with(&y.to_string())))
            .unwrap_or(t.rows.len().saturating_sub(1));
        let row = |i: usize| t.rows.get(i).filter(|_| settled(t, i));
        let current = (0..6).map(|c| row(cur).map(|r| (r, c))).collect();
        let prior = (0..6).map(|c| if cur >= 1 { row(cur - 1).map(|r| (r, c)) } else { None }).collect();
        return Some(Sangong { t, current, prior });
    }
    // One row, one column per category (Jiangsu, Shanghai): each category
    // by its column's caption.
    if let Some(cols) = crate::sangong::one_row_columns(t).filter(|_| settled(t, 0)) {
        let r = &t.rows[0];
        let current = cols.iter().map(|c| c.map(|c| (r, c))).collect();
        return Some(Sangong { t, current, prior: vec![None; 6] });
    }
    // One row per category, the 合计 column first.
    let find = |p: &dyn Fn(&str) -> bool| t.rows.iter().enumerate().find(|(i, r)| settled(t, *i) && p(&r.label)).map(|(_, r)| (r, 0));
    let current = vec![
        find(&|l| l.holds("三公")).or_else(|| find(&|l| l == "合计")),
        find(&|l| l.holds("因公出国")),
        find(&|l| l.holds("购置及运行")),
        find(&|l| l.holds("购置费") && !l.holds("运行")),
        find(&|l| l.holds("运行维护费") && !l.holds("购置")),
        find(&|l| l.holds("公务接待")),
    ];
    Some(Sangong { t, current, prior: vec![None; 6] })
}

/// The amount a cell prints; `None` when the cell is missing or blank. A
/// blank states no amount: the rules decide what it may be held against
/// (a stated zero agrees with it; a stated change cannot be worked out
/// from it).
pub fn value(cell: Option<(&Row, usize)>) -> Option<Decimal> {
    cell.and_then(|(r, c)| r.value(c))
}

/// How many 万元 one unit of `t` is, and the unit's name: a table's unit
/// (or, when it states none, the document's) as [`crate::units`] knows it
/// (元 is 0.0001 万元, 亿元 10000). A table the narrative told a unit for
/// has it as its own ([`crate::tables::unit_told`]); where nothing states
/// one it is taken as 万元, the unit the narrative's amounts are read in.
pub fn unit_in_wan(t: &Table, doc: &Document) -> (Decimal, &'static str) {
    const WAN: u32 = 4;
    let stated = t.unit.as_deref().or(doc.info.unit.as_deref());
    let e = stated.map_or(WAN, |u| crate::units::exponent(u).unwrap_or(WAN));
    (crate::units::factor(e, WAN).unwrap_or(Decimal::ONE), crate::rules::support::units::name(e))
}

/// A narrative amount (万元) held against one printed cell of `t`.
pub struct Held {
    /// Exact, within the cell's rounding (尾数误差), or not.
    pub verdict: crate::rounding::Verdict,
    /// The cell in 万元.
    pub wan: Decimal,
    /// The name of the table's unit, for the message.
    pub unit: &'static str,
}

/// How `said` (万元) compares with `cell` of `t`, converted to 万元 exactly;
/// None where either is beyond Decimal (the rule skips, saying so).
pub fn held(doc: &Document, t: &Table, cell: Decimal, said: Decimal) -> Option<Held> {
    use crate::rounding::{compare, Verdict};
    let (factor, unit) = unit_in_wan(t, doc);
    let wan = cell.checked_mul(factor)?;
    match compare(Some(said), &[(1, Some(wan))]).0 {
        Verdict::TooLarge => None,
        verdict => Some(Held { verdict, wan, unit }),
    }
}

/// A finding about a narrative claim, on the table's cell it is held
/// against: (expected, actual) as the rule sees them.
pub fn claim_finding(
    rule: &'static str,
    severity: Severity,
    message: String,
    t: &Table,
    cell: Option<(&Row, usize)>,
    values: (Option<Decimal>, Option<Decimal>),
    line: usize,
) -> Finding {
    Finding {
        table: Some(t.no()),
        row: cell.map(|(r, _)| describe(r)),
        column: cell.and_then(|(_, c)| t.columns.get(c).cloned()),
        related: cell
            .map(|(r, c)| CellRef {
                table: t.no(),
                row: describe(r),
                column: t.columns.get(c).cloned(),
                source_line: r.cells.get(c).map_or(r.source_line, |x| x.source_line),
                place: None,
            })
            .into_iter()
            .collect(),
        ..narrative_values(rule, severity, message, line, values)
    }
}

/// A finding with no table cell of its own (a 绩效目标表 of the narrative).
pub fn target_finding(
    rule: &'static str,
    message: String,
    table: Option<&Table>,
    values: (Option<Decimal>, Option<Decimal>),
    line: usize,
) -> Finding {
    Finding { table: table.map(Table::no), ..narrative_values(rule, Severity::Error, message, line, values) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TableKind;

    #[test]
    fn a_tables_unit_in_wan_follows_the_units_the_readers_know() {
        let doc = crate::read("2024年度部门预算\n");
        let of = |unit: Option<&str>| {
            let mut t = Table::empty(TableKind::BSummary, 1);
            t.unit = unit.map(str::to_string);
            let (f, name) = unit_in_wan(&t, &doc);
            (f.to_string(), name)
        };
        assert_eq!(of(Some("元")), ("0.0001".to_string(), "元"));
        assert_eq!(of(Some("千元")), ("0.1".to_string(), "千元"));
        assert_eq!(of(Some("万元")), ("1".to_string(), "万元"));
        assert_eq!(of(Some("亿元")), ("10000".to_string(), "亿元"));
        // Not stated (nor by the document), or not known: the narrative's 万元.
        assert_eq!(of(None), ("1".to_string(), "万元"));
        assert_eq!(of(Some("美元")), ("1".to_string(), "万元"));
    }
}
