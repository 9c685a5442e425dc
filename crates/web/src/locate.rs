//! Where a finding points in the rendered tables. The core says where, as
//! indexes ([`Place`]: a finding's `place`, each related cell's `place`);
//! this module only names the element a place is drawn as, so a link can
//! jump to it.

use gongkai::model::Place;

/// A place in the report's tables: a cell, a row (its label cell) or a
/// whole table (its heading).
pub type CellTarget = Place;

/// The DOM id of the element a place is drawn as: `t2-r5-c1` for a value
/// cell, `t2-r5` for a row's label cell, `t2` for a table.
pub fn dom_id(p: &Place) -> String {
    match (p.row, p.column) {
        (Some(r), Some(c)) => format!("t{}-r{r}-c{c}", p.table),
        (Some(r), None) => format!("t{}-r{r}", p.table),
        (None, _) => format!("t{}", p.table),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_name_cell_row_and_table() {
        let t = |row, column| Place { table: 2, row, column };
        assert_eq!(dom_id(&t(Some(5), Some(1))), "t2-r5-c1");
        assert_eq!(dom_id(&t(Some(5), None)), "t2-r5");
        assert_eq!(dom_id(&t(None, None)), "t2");
    }

    #[test]
    fn a_corpus_finding_points_at_its_cell() {
        // 烟台 2024 决算 as published: every finding about a read table row
        // carries the place of that row, and its id names a rendered cell.
        let text = include_str!("../../../tests/fixtures/yantai-office-2024-final.txt");
        let report = gongkai::check_text("烟台.txt", text);
        let placed: Vec<_> = report.findings.iter().filter_map(|f| f.place.map(|p| (f, p))).collect();
        assert!(!placed.is_empty());
        for (f, p) in placed {
            let t = &report.tables[p.table];
            assert_eq!(Some(&t.key), f.table.as_ref());
            if let Some(r) = p.row {
                assert!(t.rows[r].source_line == f.source_line.unwrap_or(t.rows[r].source_line), "{f:?}");
            }
            if let Some(c) = p.column {
                assert_eq!(Some(&t.columns[c]), f.column.as_ref());
            }
        }
    }
}
