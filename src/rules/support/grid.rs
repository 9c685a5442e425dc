//! What TBL-202, TBL-203, XTBL-201 share (formerly in `src/rules/tbl_grid.rs`).
//!
//! Identities of the tables the general reader read, by column meaning and
//! row role, so that one rule runs on every region's layout:
//! a row's 合计 column against its parts (TBL-201), 类/款/项 and 合计 rows
//! (TBL-202), the items and totals of each panel of a 收支总表 (TBL-203), the
//! “三公” table's columns (TBL-204), the groups of a one-column 收入预算总表
//! (TBL-205), and the same totals across tables (XTBL-201).

/// A label that names a total of its panel ("合计", "收入总计", "支出合计").
pub fn is_total(label: &str) -> bool {
    (label.contains("合计") || label.contains("总计")) && !label.contains("小计")
}
