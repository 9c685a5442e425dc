//! The DOC rules, 文档结构 (DOC): one file per rule, each its `RULE`
//! and its `check`. They run in the order of the catalogue
//! (`CATALOGUE` in `src/rules/mod.rs`).

pub mod budget_tables_present;
pub mod empty_table_note;
pub mod note_says_empty;
pub mod tables_present;
