//! The general reader: any region's tables, found by title and read by
//! position and header (see `../shared/design.md`, "Reading any layout").
//!
//! [`locate`] finds tables by what their titles say ([`super::catalogue`]),
//! [`spans`] turns a line of layout text into positioned cells, and [`read`]
//! places each number under its header. The corpus-layout readers run first;
//! this reader takes every table they did not read.

mod cells;
mod collapsed;
pub mod locate;
mod order;
mod pages;
mod panels_cells;
pub mod read;
pub mod sangong;
pub mod sangong_cells;
pub mod spans;

use crate::model::{Document, TableKind};

/// Finds and reads every table the corpus-layout readers left unread.
pub fn read_all(doc: &mut Document) {
    let pages = locate::pages(&doc.lines, doc.form_feeds);
    let starts = starts(doc);
    let read_at = |j: usize| starts.get(starts.partition_point(|s| *s < j)).copied();
    let (blocks, unlisted) = locate::find(&doc.lines, &pages, doc.info.kind, read_at);
    let legacy = !doc.tables.is_empty();
    // The lines each table read so far spans, first row to last: a title
    // among them is the table's own, printed again on its next page.
    let spans: Vec<(usize, usize)> = doc
        .tables
        .iter()
        .filter_map(|t| Some((t.rows.iter().map(|r| r.source_line).min()?, t.rows.iter().map(|r| r.source_line).max()?)))
        .collect();
    // The 三公 tables last: the 基本支出 tables are evidence for them
    // ([`sangong_cells`]).
    let mut blocks = blocks;
    blocks.sort_by_key(|b| b.kind == TableKind::BSangong);
    for b in blocks {
        let lines = line_numbers(doc, &b);
        let within = |l: usize| lines.contains(&l);
        if doc.tables.iter().any(|t| within(t.source_line)) {
            continue;
        }
        let title = doc.lines[b.title_line].no;
        if spans.iter().any(|(lo, hi)| *lo < title && title < *hi) {
            continue;
        }
        // Where the marker-based readers read the document, a block they set
        // aside (a repeat, a garbled or unknown layout, a 绩效目标表, a list
        // of tables in the narrative) stays theirs unless its text keeps the
        // page layout, which only this reader can use.
        if legacy && !aligned(&doc.lines[b.first..b.body.end]) {
            continue;
        }
        // Asked for by a 三公 table only.
        let econ = match b.kind {
            TableKind::BSangong => {
                doc.tables.iter().filter(|t| matches!(t.kind, TableKind::BBasicEcon | TableKind::BBasicGovEcon)).collect()
            }
            _ => Vec::new(),
        };
        let evidence = sangong_cells::Evidence { econ, claims: &doc.narrative.stated.sangong };
        let (table, problems) = read::read(&doc.lines, &pages, &b, doc.lost, &evidence);
        // What the marker-based readers said of this table is superseded: of
        // its lines, or of its marker left at the foot of the page before.
        let marker = marker_above(doc, b.first);
        doc.problems.retain(|p| !p.source_line.is_some_and(|l| within(l) || p.table.is_some() && Some(l) == marker));
        doc.problems.extend(problems);
        doc.tables.push(table);
    }
    // A table the catalogue does not list is said to be unread, so that
    // its numbers are not taken as checked; one inside a table already read
    // (a title printed in its notes) is not a table.
    for u in unlisted {
        let line = doc.lines[u.title_line].no;
        if spans.iter().any(|(lo, hi)| *lo <= line && line <= *hi) {
            continue;
        }
        doc.problems.push(crate::model::ReadProblem {
            table: None,
            message: format!("《{}》不在本工具认识的公开表之列，未读取，表中数字未核对。", u.title),
            source_line: Some(line),
        });
    }
    doc.tables.sort_by_key(|t| t.source_line);
}

/// The lines where the document's tables read so far start (by index),
/// ascending: a block whose lines reach one is skipped by [`read_all`].
fn starts(doc: &Document) -> Vec<usize> {
    let mut starts: Vec<usize> = doc
        .tables
        .iter()
        .filter_map(|t| {
            let j = doc.lines.partition_point(|l| l.no < t.source_line);
            doc.lines.get(j).is_some_and(|l| l.no == t.source_line).then_some(j)
        })
        .collect();
    starts.sort_unstable();
    starts
}

/// The line number of a table marker printed above line `first` with
/// nothing but blank lines and a page number between ("公开 06 表" at the
/// foot of a page, "16", a form feed, then the table's title): the marker
/// of the table that starts there.
fn marker_above(doc: &Document, first: usize) -> Option<usize> {
    let above = doc.lines.get(..first)?;
    let k = above.iter().rposition(|l| !l.is_blank() && !read::is_page_number(&l.squeezed))?;
    let gap = above.len() - k - 1;
    (gap <= 4 && crate::recognise::is_table_marker(&above[k].squeezed)).then(|| above[k].no)
}

/// The source line numbers a block spans, from its first line to the end
/// of its last part.
fn line_numbers(doc: &Document, b: &locate::Block) -> std::ops::RangeInclusive<usize> {
    let from = doc.lines[b.first].no;
    let to = b.body.end.checked_sub(1).map_or(from, |i| doc.lines[i].no);
    let to = b.more.last().and_then(|r| r.end.checked_sub(1)).map_or(to, |i| doc.lines[i].no);
    from..=to
}

/// Text that aligns its columns with runs of spaces (layout text).
fn aligned(lines: &[crate::text::Line]) -> bool {
    lines.iter().any(|l| crate::text::search::contains(l.text.trim(), "   "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The blocks found knowing where the tables already read start are
    /// those found without, but for the ones [`read_all`] skips as theirs
    /// (which it skips either way).
    #[test]
    fn blocks_found_knowing_the_tables_read_are_those_found_without() {
        for file in std::fs::read_dir(format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"))).expect("fixtures") {
            let path = file.expect("fixture").path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            // Every table read, by the marker-based readers and this one.
            let doc = crate::read(&text);
            let pages = locate::page_index(&doc.lines);
            let starts = starts(&doc);
            let read_at = |j: usize| starts.get(starts.partition_point(|s| *s < j)).copied();
            let theirs = |b: &locate::Block| {
                let lines = line_numbers(&doc, b);
                doc.tables.iter().any(|t| lines.contains(&t.source_line))
            };
            let known = locate::blocks(&doc.lines, &pages, doc.info.kind, read_at);
            let all = locate::blocks(&doc.lines, &pages, doc.info.kind, |_| None);
            assert_eq!(known.len(), all.len(), "{path:?}");
            for (k, a) in known.iter().zip(&all) {
                assert_eq!(theirs(k), theirs(a), "{path:?}");
                if !theirs(a) {
                    assert_eq!(k, a, "{path:?}");
                }
            }
        }
    }
}
