//! The SG rules, 三公经费 (SG): one file per rule, each its `RULE`
//! and its `check`. They run in the order of the catalogue
//! (`CATALOGUE` in `src/rules/mod.rs`).

pub mod counts;
pub mod counts_disclosed;
pub mod empty_table;
