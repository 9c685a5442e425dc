//! The NAR rules, 文字与表格 (NAR): one file per rule, each its `RULE`
//! and its `check`. They run in the order of the catalogue
//! (`CATALOGUE` in `src/rules/mod.rs`).

pub mod actual_vs_budget;
pub mod amounts;
pub mod budget_amounts;
pub mod budget_shares;
pub mod change_parts;
pub mod class_paths;
pub mod completion;
pub mod department_evaluation;
pub mod evaluation_coverage;
pub mod execution_rate;
pub mod listed_items;
pub mod operating_costs;
pub mod procurement_figures;
pub mod procurement_table;
pub mod reason_direction;
pub mod running_costs;
pub mod same_item_twice;
pub mod sangong_claims;
pub mod sangong_completion;
pub mod sangong_reasons;
pub mod share_above_100;
pub mod shares;
pub mod shares_sum;
pub mod stated_twice;
pub mod two_amount_changes;
pub mod vehicles;
pub mod year_on_year;
