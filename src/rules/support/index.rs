//! Per-table indexes, so that a rule visiting every parent row does not scan
//! every row again for its children (a table repeated 64 times made that
//! quadratic).

use std::collections::{HashMap, HashSet};

use crate::model::Table;

/// The rows of a 科目 table by their parent's code: a 5-digit 款 under its
/// 3-digit 类, a 7-digit 项 under its 5-digit 款; plus the unresolved rows.
pub struct Codes<'a> {
    by_parent: HashMap<&'a str, Vec<usize>>,
    unresolved: HashSet<usize>,
    seen: HashMap<&'a str, usize>,
}

impl<'a> Codes<'a> {
    /// Indexes `t` (one pass over its rows).
    pub fn of(t: &'a Table) -> Codes<'a> {
        // Sized for every row up front: growing a map hashes its keys again
        // at every doubling.
        let mut by_parent: HashMap<&'a str, Vec<usize>> = HashMap::with_capacity(t.rows.len());
        let mut seen: HashMap<&'a str, usize> = HashMap::with_capacity(t.rows.len());
        for (i, r) in t.rows.iter().enumerate() {
            let Some(c) = r.code.as_deref() else { continue };
            *seen.entry(c).or_default() += 1;
            if matches!(c.len(), 5 | 7) {
                if let Some(parent) = c.get(..c.len() - 2) {
                    by_parent.entry(parent).or_default().push(i);
                }
            }
        }
        Codes { by_parent, unresolved: t.unresolved.iter().copied().collect(), seen }
    }

    /// How many rows print `code`: more than one makes "its children"
    /// ambiguous (and summing all of them per occurrence quadratic).
    pub fn count(&self, code: &str) -> usize {
        self.seen.get(code).copied().unwrap_or(0)
    }

    /// The rows one level below `code` (3 → 5 digits, 5 → 7), in table order.
    pub fn children(&self, code: &str) -> &[usize] {
        self.by_parent.get(code).map_or(&[], Vec::as_slice)
    }

    /// Whether row `i` could not be placed.
    pub fn unresolved(&self, i: usize) -> bool {
        self.unresolved.contains(&i)
    }
}
