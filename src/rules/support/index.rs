//! Per-table indexes, so that a rule visiting every parent row does not scan
//! every row again for its children (a table repeated 64 times made that
//! quadratic).

use crate::model::Table;

/// The rows of a 科目 table by their parent's code: a 5-digit 款 under its
/// 3-digit 类, a 7-digit 项 under its 5-digit 款; plus the unresolved rows.
///
/// Sorted vectors of packed codes ([`key`]), not hash maps: a code is a few
/// digits, and hashing each with the default hasher cost more than the rest
/// of indexing a table. Looked up by binary search, so an adversarial table
/// stays O(n log n).
pub struct Codes<'a> {
    /// The key of every row's code of at most 7 bytes, sorted.
    short: Vec<u64>,
    /// Every longer code, sorted.
    long: Vec<&'a str>,
    /// The parent key of every 5- and 7-byte code, sorted, with its row in
    /// `rows`: a parent's children are a run, in table order.
    parents: Vec<u64>,
    rows: Vec<usize>,
    /// The unresolved rows, sorted.
    unresolved: Vec<usize>,
}

/// A code of at most 7 bytes packed into a u64: its bytes, then its length
/// in the low byte (so that no two codes share a key). None for a longer one.
fn key(code: &str) -> Option<u64> {
    let b = code.as_bytes();
    if b.len() > 7 {
        return None;
    }
    let packed = b.iter().fold(0u64, |k, &x| (k << 8) | u64::from(x));
    Some((packed << 8) | b.len() as u64)
}

/// The run of `x` in the sorted `v`.
fn run_of<T: Ord>(v: &[T], x: &T) -> std::ops::Range<usize> {
    v.partition_point(|y| y < x)..v.partition_point(|y| y <= x)
}

impl<'a> Codes<'a> {
    /// Indexes `t` (one pass over its rows, then a sort).
    pub fn of(t: &'a Table) -> Codes<'a> {
        let mut short: Vec<u64> = Vec::with_capacity(t.rows.len());
        let mut long: Vec<&'a str> = Vec::new();
        let mut by_parent: Vec<(u64, usize)> = Vec::with_capacity(t.rows.len());
        for (i, r) in t.rows.iter().enumerate() {
            let Some(c) = r.code.as_deref() else { continue };
            match key(c) {
                Some(k) => short.push(k),
                None => long.push(c),
            }
            if matches!(c.len(), 5 | 7) {
                if let Some(parent) = c.get(..c.len() - 2).and_then(key) {
                    by_parent.push((parent, i));
                }
            }
        }
        short.sort_unstable();
        long.sort_unstable();
        // (Rows are distinct: sorted by parent, each parent's rows stay in table order.)
        by_parent.sort_unstable();
        let (parents, rows) = by_parent.into_iter().unzip();
        let mut unresolved = t.unresolved.clone();
        unresolved.sort_unstable();
        Codes { short, long, parents, rows, unresolved }
    }

    /// How many rows print `code`: more than one makes "its children"
    /// ambiguous (and summing all of them per occurrence quadratic).
    pub fn count(&self, code: &str) -> usize {
        match key(code) {
            Some(k) => run_of(&self.short, &k).len(),
            None => run_of(&self.long, &code).len(),
        }
    }

    /// The rows one level below `code` (3 → 5 digits, 5 → 7), in table order.
    pub fn children(&self, code: &str) -> &[usize] {
        // Only a 3- or 5-byte code has children, and it packs.
        let Some(k) = key(code) else { return &[] };
        self.rows.get(run_of(&self.parents, &k)).unwrap_or_default()
    }

    /// Whether row `i` could not be placed.
    pub fn unresolved(&self, i: usize) -> bool {
        self.unresolved.binary_search(&i).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    /// [`Codes`] answers as its first definition, hash maps of the codes.
    #[test]
    fn codes_answer_as_maps_of_the_codes_do() {
        let codes = [
            "201", "20101", "2010101", "2010102", "20102", "201", "2010201", "202", "20201", "", "abcdefgh", "abcdefgh", "abcdef", "2019",
            "20101", "1",
        ];
        let mut t = crate::model::Table::empty(crate::model::TableKind::F02, 1);
        for (n, c) in codes.iter().enumerate() {
            t.rows.push(crate::model::Row {
                code: Some(c.to_string()),
                label: String::new(),
                line: None,
                cells: Vec::new(),
                source_line: n + 1,
            });
            if n % 4 == 1 {
                // Unresolved, out of order.
                t.unresolved.insert(0, n);
            }
        }
        t.rows.push(crate::model::Row { code: None, label: String::new(), line: None, cells: Vec::new(), source_line: 99 });
        let index = Codes::of(&t);
        let mut by_parent: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, r) in t.rows.iter().enumerate() {
            let Some(c) = r.code.as_deref() else { continue };
            *seen.entry(c).or_default() += 1;
            if matches!(c.len(), 5 | 7) {
                by_parent.entry(&c[..c.len() - 2]).or_default().push(i);
            }
        }
        let unresolved: HashSet<usize> = t.unresolved.iter().copied().collect();
        for q in codes.iter().copied().chain(["2", "20", "2010", "999", "abcdefghi", "abcdefg"]) {
            assert_eq!(index.count(q), seen.get(q).copied().unwrap_or(0), "{q:?}");
            assert_eq!(index.children(q), by_parent.get(q).map_or(&[][..], Vec::as_slice), "{q:?}");
        }
        for i in 0..t.rows.len() + 2 {
            assert_eq!(index.unresolved(i), unresolved.contains(&i), "{i}");
        }
        assert_eq!(index.children("201"), &[1, 4, 14]);
        assert_eq!(index.count("abcdefgh"), 2);
    }
}
