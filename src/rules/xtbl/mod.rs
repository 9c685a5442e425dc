//! The XTBL rules, 表间勾稽 (XTBL): one file per rule, each its `RULE`
//! and its `check`. They run in the order of the catalogue
//! (`CATALOGUE` in `src/rules/mod.rs`).

pub mod basic_05_06;
pub mod budget_basic_all_funds;
pub mod budget_basic_general;
pub mod budget_crosswalk;
pub mod budget_expenditure_summary;
pub mod budget_fiscal_general;
pub mod budget_fiscal_summary;
pub mod budget_fund_tables;
pub mod budget_income_summary;
pub mod budget_projects;
pub mod budget_sangong_items;
pub mod carry_over;
pub mod expenditure_01_03;
pub mod fiscal_01_04;
pub mod funds_04_07_08;
pub mod general_04_05;
pub mod grid_totals_across;
pub mod income_01_02;
pub mod non_fiscal_roll_forward;
pub mod same_subjects;
pub mod sangong_06_09;
pub mod subsets;
