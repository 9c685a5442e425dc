//! Rows whose columns collapsed: placed by the table's own sums.
//!
//! `pdftotext -layout` prints a short line (often the last rows of a page,
//! "221 02 01 住房公积金   187.19   187.19") with the spaces between its
//! columns squeezed, so its numbers stand under no caption and their
//! positions say nothing. Such a row is placed where the table's sums put
//! it: its 合计 against its other columns, its parent against the sum of
//! its siblings, its own children against it. Rows under one parent are
//! placed together, and only when exactly one order-keeping placement of
//! all their numbers keeps every sum, within rounding, that involves the
//! parent or the children; otherwise the numbers stay unplaced and the
//! table is not read (a table not read is better than a table misread).

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::model::{Cell, Row};
use crate::rounding::agrees;

/// A row of one panel, read with its cells blank, and the numbers it
/// printed, in order.
#[derive(Debug, Clone)]
pub(super) struct Unplaced {
    /// The row's index in its panel's rows.
    pub row: usize,
    /// Its numbers, left to right.
    pub values: Vec<Cell>,
}

/// A row's code, when it is a 类, 款 or 项 code (3, 5 or 7 digits).
fn digits(r: &Row) -> Option<&str> {
    r.code.as_deref().filter(|c| matches!(c.len(), 3 | 5 | 7) && c.bytes().all(|b| b.is_ascii_digit()))
}

/// The code a 款 or 项 code is under ("2210201" → "22102"); "" for a 类,
/// which is under the 合计 row.
fn parent_code(c: &str) -> &str {
    match c.len() {
        5 | 7 => c.get(..c.len() - 2).unwrap_or(""),
        _ => "",
    }
}

/// At most this many placements of one parent's unplaced rows are tried;
/// beyond, they stay unplaced (a table misaligned that badly is not read).
const CAP: usize = 4_096;

/// At most this many cells are read to place one parent's unplaced rows,
/// over all the placements tried.
const WORK: usize = 2_000_000;

/// At most this many for all the rows of one panel: past it, the rest stay
/// unplaced (and the table unread), so that the time stays in proportion.
const TOTAL_WORK: usize = 20_000_000;

/// Places the `unplaced` rows of one panel's `rows` in the panel's columns
/// with numbers (`data`), `sum` its row sum ([`crate::model::Meaning::row_sum`]).
/// Returns how many numbers could not be placed.
pub(super) fn settle(rows: &mut [Row], unplaced: &[Unplaced], data: &[usize], sum: Option<&(usize, Vec<usize>)>) -> usize {
    // Rows by code, and the rows under each parent (the 类 under the 合计
    // row, keyed ""), indexed once.
    let mut by_code: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut under: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut total_rows = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        match digits(r) {
            Some(c) => {
                by_code.entry(c).or_default().push(i);
                under.entry(parent_code(c)).or_default().push(i);
            }
            None if r.code.is_none() && super::read::is_total_label(&r.label) => total_rows.push(i),
            None => {}
        }
    }
    let parent_key = |i: usize| digits(&rows[i]).map(parent_code);
    let parent_of = |key: &str| -> Option<usize> {
        match key {
            "" => match total_rows[..] {
                [t] => Some(t),
                _ => None,
            },
            k => match by_code.get(k).map(Vec::as_slice) {
                Some([p]) => Some(*p),
                _ => None,
            },
        }
    };
    let children_of = |i: usize| -> Option<&Vec<usize>> {
        match digits(&rows[i]) {
            Some(c) if c.len() < 7 => under.get(c),
            Some(_) => None,
            None if total_rows == [i] => under.get(""),
            None => None,
        }
    };
    let is_unplaced: Vec<bool> = {
        let mut v = vec![false; rows.len()];
        for u in unplaced {
            if let Some(x) = v.get_mut(u.row) {
                *x = true;
            }
        }
        v
    };

    // The unplaced rows grouped by parent; a row without a code alone.
    let mut groups: Vec<(Option<&str>, Vec<&Unplaced>)> = Vec::new();
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    for u in unplaced {
        let key = parent_key(u.row);
        match key.and_then(|k| group_of.get(k)).and_then(|g| groups.get_mut(*g)) {
            Some((_, g)) => g.push(u),
            None => {
                if let Some(k) = key {
                    group_of.insert(k, groups.len());
                }
                groups.push((key, vec![u]));
            }
        }
    }

    let mut left = 0usize;
    // Cells read so far, against [`TOTAL_WORK`].
    let mut spent = 0usize;
    let mut placed: Vec<(usize, usize, Cell)> = Vec::new(); // (row, column, cell)
    for (key, group) in &groups {
        let count = group.iter().map(|u| u.values.len()).fold(0usize, usize::saturating_add);
        let parent = key.and_then(parent_of).filter(|p| !is_unplaced[*p]);
        // Each row's candidate placements (column indexes into `data`).
        let options: Option<Vec<Vec<Vec<usize>>>> =
            group.iter().map(|u| super::sangong::placements(data.len(), u.values.len(), CAP)).collect();
        // The placements to try, and the cells each reads: the parent's
        // children and each row's own, in every column. Past a budget the
        // rows stay unplaced: a check must not take time out of proportion
        // to the text (a parent of many thousand children, say).
        let combinations = options.as_ref().and_then(|o| o.iter().try_fold(1usize, |n, x| n.checked_mul(x.len()).filter(|n| *n <= CAP)));
        let reads = group
            .iter()
            .filter_map(|u| children_of(u.row).map(Vec::len))
            .chain(key.and_then(|k| under.get(k)).map(Vec::len))
            .fold(group.len(), usize::saturating_add)
            .saturating_mul(data.len().max(1));
        let work = combinations.map(|n| n.saturating_mul(reads)).filter(|w| *w <= WORK && spent.saturating_add(*w) <= TOTAL_WORK);
        let (Some(options), Some(work)) = (options, work) else {
            left = left.saturating_add(count);
            continue;
        };
        spent = spent.saturating_add(work);
        // The values a placement gives each row of the group, by column.
        let values_of = |choice: &[usize]| -> Vec<Vec<Option<Decimal>>> {
            group
                .iter()
                .zip(choice)
                .zip(&options)
                .map(|((u, k), opts)| {
                    let mut v = vec![None; rows[u.row].cells.len()];
                    for (j, at) in opts[*k].iter().enumerate() {
                        if let (Some(c), Some(cell)) = (data.get(*at), u.values.get(j)) {
                            if let Some(slot) = v.get_mut(*c) {
                                *slot = cell.value;
                            }
                        }
                    }
                    v
                })
                .collect()
        };
        let holds = |vals: &[Vec<Option<Decimal>>]| -> bool {
            let value = |i: usize, c: usize| -> Option<Decimal> {
                match group.iter().position(|u| u.row == i) {
                    Some(g) => vals[g].get(c).copied().flatten(),
                    None => rows[i].cells.get(c).and_then(|x| x.value),
                }
            };
            // Row sums.
            if let Some((t, parts)) = sum {
                for v in vals {
                    let Some(total) = v.get(*t).copied().flatten() else { continue };
                    if !agrees(Some(total), parts.iter().map(|p| (1, v.get(*p).copied().flatten()))) {
                        return false;
                    }
                }
            }
            let mut tied = false;
            // The parent against its children, these rows among them.
            if let (Some(p), Some(k)) = (parent, *key) {
                let kids = under.get(k).map(Vec::as_slice).unwrap_or(&[]);
                for &c in data {
                    let Some(pv) = value(p, c) else { continue };
                    tied = true;
                    if !agrees(Some(pv), kids.iter().map(|k| (1, value(*k, c)))) {
                        return false;
                    }
                }
            }
            // Each row against its own children, when all are placed.
            for u in group.iter() {
                let Some(kids) = children_of(u.row).filter(|k| !k.iter().any(|k| is_unplaced[*k])) else { continue };
                for &c in data {
                    let Some(v) = value(u.row, c) else { continue };
                    tied = true;
                    if !agrees(Some(v), kids.iter().map(|k| (1, value(*k, c)))) {
                        return false;
                    }
                }
            }
            tied
        };
        // Every combination of the rows' placements, as mixed-radix digits.
        let mut choice = vec![0usize; group.len()];
        let mut found: Option<Vec<usize>> = None;
        let mut ambiguous = false;
        loop {
            if holds(&values_of(&choice)) {
                if found.is_some() {
                    ambiguous = true;
                    break;
                }
                found = Some(choice.clone());
            }
            let mut k = 0;
            while k < choice.len() {
                choice[k] += 1;
                if choice[k] < options[k].len() {
                    break;
                }
                choice[k] = 0;
                k += 1;
            }
            if k == choice.len() {
                break;
            }
        }
        match found.filter(|_| !ambiguous) {
            Some(choice) => {
                for ((u, k), opts) in group.iter().zip(&choice).zip(&options) {
                    for (j, at) in opts[*k].iter().enumerate() {
                        if let (Some(c), Some(cell)) = (data.get(*at), u.values.get(j)) {
                            placed.push((u.row, *c, *cell));
                        }
                    }
                }
            }
            None => left = left.saturating_add(count),
        }
    }
    for (r, c, cell) in placed {
        if let Some(slot) = rows.get_mut(r).and_then(|r| r.cells.get_mut(c)) {
            *slot = cell;
        }
    }
    left
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: Option<&str>, label: &str, cells: &[Option<&str>]) -> Row {
        Row {
            code: code.map(str::to_string),
            label: label.to_string(),
            line: None,
            cells: cells.iter().map(|v| Cell { value: v.map(|v| v.parse().expect("decimal")), source_line: 1 }).collect(),
            source_line: 1,
        }
    }

    fn values(v: &[&str]) -> Vec<Cell> {
        v.iter().map(|v| Cell { value: Some(v.parse().expect("decimal")), source_line: 9 }).collect()
    }

    fn shown(r: &Row) -> Vec<Option<String>> {
        r.cells.iter().map(|c| c.value.map(|d| d.to_string())).collect()
    }

    /// 合计 | 财政拨款收入 | 其他收入, as in a national 收入决算表.
    fn table() -> Vec<Row> {
        vec![
            row(None, "合计", &[Some("445.69"), Some("445.69"), None]),
            row(Some("221"), "住房保障支出", &[Some("445.69"), Some("445.69"), None]),
            row(Some("22102"), "住房改革支出", &[Some("445.69"), Some("445.69"), None]),
            row(Some("2210201"), "住房公积金", &[None, None, None]),
            row(Some("2210203"), "购房补贴", &[None, None, None]),
        ]
    }

    #[test]
    fn collapsed_siblings_go_where_their_parent_sums_them() {
        let mut rows = table();
        let unplaced =
            [Unplaced { row: 3, values: values(&["187.19", "187.19"]) }, Unplaced { row: 4, values: values(&["258.50", "258.50"]) }];
        let left = settle(&mut rows, &unplaced, &[0, 1, 2], Some(&(0, vec![1, 2])));
        assert_eq!(left, 0);
        let some = |s: &str| Some(s.to_string());
        assert_eq!(shown(&rows[3]), vec![some("187.19"), some("187.19"), None]);
        assert_eq!(shown(&rows[4]), vec![some("258.50"), some("258.50"), None]);
        assert_eq!(rows[3].cells[0].source_line, 9, "a placed cell keeps its own line");
    }

    #[test]
    fn a_row_nothing_ties_or_two_placements_fit_stays_unplaced() {
        // No parent printed: the row sum alone fits 合计+财政 and 合计+其他.
        let mut rows = table();
        rows.truncate(3);
        rows.push(row(Some("2080501"), "行政单位离退休", &[None, None, None]));
        let unplaced = [Unplaced { row: 3, values: values(&["84.65", "84.65"]) }];
        assert_eq!(settle(&mut rows, &unplaced, &[0, 1, 2], Some(&(0, vec![1, 2]))), 2);
        assert!(rows[3].cells.iter().all(|c| c.value.is_none()), "nothing is guessed");

        // The parent's sums broken by every placement: unplaced too.
        let mut rows = table();
        let unplaced =
            [Unplaced { row: 3, values: values(&["187.19", "187.19"]) }, Unplaced { row: 4, values: values(&["258.60", "258.60"]) }];
        assert_eq!(settle(&mut rows, &unplaced, &[0, 1, 2], Some(&(0, vec![1, 2]))), 4);
    }

    #[test]
    fn the_work_of_placing_is_bounded_whatever_the_table() {
        // 3,000 款, each with three 项 whose two numbers could stand in any
        // two of six columns (15 placements each, 3,375 together): placing
        // them all would read billions of cells. The budget places some and
        // leaves the rest unplaced (the table then unread), in bounded time.
        let mut rows = Vec::new();
        let mut unplaced = Vec::new();
        for k in 0..3_000 {
            let code = format!("2{:02}{:02}", k / 100, k % 100);
            rows.push(row(Some(&code), "款", &[Some("3.00"), Some("3.00"), None, None, None, None]));
            for j in 1..=3 {
                unplaced.push(Unplaced { row: rows.len(), values: values(&["1.00", "1.00"]) });
                rows.push(row(Some(&format!("{code}{j:02}")), "项", &[None; 6]));
            }
        }
        let left = settle(&mut rows, &unplaced, &[0, 1, 2, 3, 4, 5], None);
        assert!(left > 0 && left < 2 * unplaced.len(), "{left} of {} numbers left unplaced", 2 * unplaced.len());
    }

    #[test]
    fn a_collapsed_parent_is_placed_by_its_children() {
        let mut rows = table();
        rows[2].cells = vec![Cell::blank(1); 3];
        rows[3].cells = values(&["187.19", "187.19"]).into_iter().chain([Cell::blank(1)]).collect();
        rows[4].cells = values(&["258.50", "258.50"]).into_iter().chain([Cell::blank(1)]).collect();
        let unplaced = [Unplaced { row: 2, values: values(&["445.69", "445.69"]) }];
        assert_eq!(settle(&mut rows, &unplaced, &[0, 1, 2], Some(&(0, vec![1, 2]))), 0);
        assert_eq!(shown(&rows[2])[..2], [Some("445.69".to_string()), Some("445.69".to_string())]);
    }
}
