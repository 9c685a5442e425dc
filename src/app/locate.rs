//! Where a finding points in the rendered tables: which table, row and cell,
//! and the DOM id that cell carries so a link can jump to it.
//!
//! Kept free of web types so the native test build of `gongkai-web` can
//! include and test it.

use crate::report::{DocumentReport, RowOut, TableOut};
use crate::rules::Finding;

/// A place in the report's tables: a cell, a row (its label cell) or a whole
/// table (its heading), by position in `report.tables`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellTarget {
    /// Index into `report.tables`.
    pub table: usize,
    /// Index into that table's rows; None when only the table is known.
    pub row: Option<usize>,
    /// Index into its value columns; None for the row as a whole.
    pub column: Option<usize>,
}

impl CellTarget {
    /// The DOM id of the element the target is drawn as: `t2-r5-c1` for a
    /// value cell, `t2-r5` for a row's label cell, `t2` for a table.
    pub fn dom_id(&self) -> String {
        match (self.row, self.column) {
            (Some(r), Some(c)) => format!("t{}-r{r}-c{c}", self.table),
            (Some(r), None) => format!("t{}-r{r}", self.table),
            (None, _) => format!("t{}", self.table),
        }
    }
}

/// Where finding `f` points, if its table was read.
pub fn finding_target(report: &DocumentReport, f: &Finding) -> Option<CellTarget> {
    target(report, f.table.as_deref()?, f.row.as_deref(), f.column.as_deref(), f.source_line)
}

/// Where one of a finding's related cells is; only a placed row counts.
pub fn related_target(report: &DocumentReport, c: &crate::rules::identity::CellRef) -> Option<CellTarget> {
    target(report, &c.table, Some(&c.row), c.column.as_deref(), Some(c.source_line)).filter(|t| t.row.is_some())
}

/// Where a (table number, row text, column caption, source line) reference
/// points. The row must be named and, when the line is known, printed on it:
/// both sides of a two-sided table share their source lines.
pub fn target(report: &DocumentReport, table: &str, row: Option<&str>, column: Option<&str>, line: Option<usize>) -> Option<CellTarget> {
    let ti = report.tables.iter().position(|t| t.key == table)?;
    let t = &report.tables[ti];
    let ri = row.and_then(|text| t.rows.iter().position(|r| line.is_none_or(|l| l == r.source_line) && names_row(text, r)));
    let ci = ri.and(column).and_then(|c| column_index(t, c));
    Some(CellTarget { table: ti, row: ri, column: ci })
}

fn column_index(t: &TableOut, caption: &str) -> Option<usize> {
    t.columns.iter().position(|x| x == caption)
}

/// Whether a finding's row text ("本年支出合计（行次58）", "2010350 事业运行",
/// "合计") names this row.
pub fn names_row(text: &str, r: &RowOut) -> bool {
    if let Some((name, rest)) = text.split_once("（行次") {
        let n = rest.trim_end_matches('）').parse::<u32>().ok();
        return n.is_some() && n == r.line && (name.is_empty() || name == r.label);
    }
    match &r.code {
        Some(code) => text == code || text == format!("{code} {}", r.label) || text == r.label,
        None => text == r.label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: Option<&str>, label: &str, line: Option<u32>, source_line: usize) -> RowOut {
        RowOut {
            code: code.map(str::to_string),
            label: label.to_string(),
            line,
            values: vec![None, None],
            source_line,
            page: None,
            role: crate::report::RowRole::Detail,
        }
    }

    #[test]
    fn ids_name_cell_row_and_table() {
        let t = |row, column| CellTarget { table: 2, row, column };
        assert_eq!(t(Some(5), Some(1)).dom_id(), "t2-r5-c1");
        assert_eq!(t(Some(5), None).dom_id(), "t2-r5");
        assert_eq!(t(None, None).dom_id(), "t2");
    }

    #[test]
    fn rows_are_named_by_label_code_or_line_number() {
        let r = row(Some("2010350"), "事业运行", None, 40);
        assert!(names_row("2010350", &r));
        assert!(names_row("2010350 事业运行", &r));
        assert!(names_row("事业运行", &r));
        assert!(!names_row("行政运行", &r));
        let two = row(None, "本年支出合计", Some(58), 90);
        assert!(names_row("本年支出合计（行次58）", &two));
        assert!(names_row("（行次58）", &two));
        assert!(!names_row("本年收入合计（行次58）", &two));
        assert!(!names_row("本年支出合计（行次59）", &two));
    }
}
