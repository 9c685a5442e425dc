//! The PLA rules, 合理性 (PLA): one file per rule, each its `RULE`
//! and its `check`. They run in the order of the catalogue
//! (`CATALOGUE` in `src/rules/mod.rs`).

pub mod sangong_budget_equals_actual;
pub mod zero_base;
