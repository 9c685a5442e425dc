//! The TBL rules, 表内勾稽 (TBL): one file per rule, each its `RULE`
//! and its `check`. They run in the order of the catalogue
//! (`CATALOGUE` in `src/rules/mod.rs`).

pub mod balance;
pub mod budget_fiscal_expenditure;
pub mod budget_fiscal_income;
pub mod budget_pair_groups;
pub mod budget_procurement_items;
pub mod budget_row_identities;
pub mod budget_sangong_sums;
pub mod budget_summary_balance;
pub mod budget_summary_expenditure;
pub mod budget_summary_income;
pub mod budget_summary_totals;
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
pub mod grid_hierarchy;
pub mod grid_income_groups;
pub mod grid_panel_totals;
pub mod grid_row_sum;
pub mod grid_sangong;
pub mod income_sum;
pub mod sangong_sums;
pub mod sangong_within_budget;
pub mod totals;
