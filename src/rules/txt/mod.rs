//! The TXT rules, 文字质量 (TXT): one file per rule, each its `RULE`
//! and its `check`. They run in the order of the catalogue
//! (`CATALOGUE` in `src/rules/mod.rs`).

pub mod class_as_tables;
pub mod class_names;
pub mod class_years;
pub mod doubled_punctuation;
pub mod latin;
pub mod level_labels;
pub mod placeholders;
pub mod scope_words;
pub mod truncated;
pub mod wrong_year;
