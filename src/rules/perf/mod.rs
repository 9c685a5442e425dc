//! The PERF rules, 绩效 (PERF): one file per rule, each its `RULE`
//! and its `check`. They run in the order of the catalogue
//! (`CATALOGUE` in `src/rules/mod.rs`).

pub mod block_weights;
pub mod execution_rate;
pub mod execution_score;
pub mod score_within_weight;
pub mod target_projects;
pub mod target_totals;
pub mod total_score;
