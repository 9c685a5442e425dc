//! What several rules share: locating cells and checking identities
//! ([`identity`]), percentages and findings about the narrative
//! ([`percent`]), per-table indexes ([`index`]), the corpus documents the
//! fixtures use ([`corpus`]), the document kinds rules apply to ([`kinds`]),
//! money units across tables ([`units`]),
//! and the helpers shared by one group of rules each (one module per group).
//! A helper only one rule uses lives in that rule's file.

pub mod budget;
pub mod budget_narrative;
pub mod budget_xtbl;
pub mod claims;
pub mod classes;
pub mod coded;
pub mod corpus;
pub mod econ_sangong;
pub mod final_cells;
pub mod final_summary;
pub mod final_xtbl;
pub mod fiscal04;
pub mod grid;
pub mod identity;
pub mod index;
pub mod kinds;
pub mod percent;
pub mod perf;
pub mod text;
pub mod two_amounts;
pub mod units;
