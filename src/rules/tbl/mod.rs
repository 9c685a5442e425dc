//! The TBL rules, 表内勾稽 (TBL): one file per rule, each its `RULE`
//! and its `check`. They run in the order of the catalogue
//! (`CATALOGUE` in `src/rules/mod.rs`).

pub mod balance;
pub mod coded_hierarchy;
pub mod coded_orphans;
pub mod coded_row_sum;
pub mod coded_total_of_classes;
pub mod coded_unplaceable;
pub mod econ_groups;
pub mod econ_totals;
pub mod expenditure_sum;
pub mod fiscal_expenditure_side;
pub mod fiscal_income_side;
pub mod fiscal_roll_forward;
pub mod income_sum;
pub mod sangong_sums;
pub mod sangong_within_budget;
pub mod totals;
