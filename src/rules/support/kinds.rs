//! The document kinds a rule applies to.

use crate::model::DocumentKind;

/// 部门决算.
pub const FINAL: &[DocumentKind] = &[DocumentKind::FinalAccounts];
/// 部门预算.
pub const BUDGET: &[DocumentKind] = &[DocumentKind::Budget];
/// Both.
pub const BOTH: &[DocumentKind] = &[DocumentKind::FinalAccounts, DocumentKind::Budget];
