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
pub mod read;
pub mod sangong;
pub mod spans;

use crate::model::Document;

/// Finds and reads every table the corpus-layout readers left unread.
pub fn read_all(doc: &mut Document) {
    let pages = locate::page_index(&doc.lines);
    let blocks = locate::blocks(&doc.lines, &doc.joined, &pages, doc.info.kind);
    let legacy = !doc.tables.is_empty();
    for b in blocks {
        let from = doc.lines[b.first].no;
        let to = b.body.end.checked_sub(1).map_or(from, |i| doc.lines[i].no);
        let to = b.more.last().and_then(|r| r.end.checked_sub(1)).map_or(to, |i| doc.lines[i].no);
        let within = |l: usize| (from..=to).contains(&l);
        if doc.tables.iter().any(|t| within(t.source_line)) {
            continue;
        }
        // Where the marker-based readers read the document, a block they set
        // aside (a repeat, a garbled or unknown layout, a 绩效目标表, a list
        // of tables in the narrative) stays theirs unless its text keeps the
        // page layout, which only this reader can use.
        if legacy && !aligned(&doc.lines[b.first..b.body.end]) {
            continue;
        }
        let (table, problems) = read::read(&doc.lines, &pages, &b, doc.lost);
        // What the marker-based readers said of this table is superseded.
        doc.problems.retain(|p| !p.source_line.is_some_and(within));
        doc.problems.extend(problems);
        doc.tables.push(table);
    }
    doc.tables.sort_by_key(|t| t.source_line);
}

/// Text that aligns its columns with runs of spaces (layout text).
fn aligned(lines: &[crate::text::Line]) -> bool {
    lines.iter().any(|l| crate::text::search::contains(l.text.trim(), "   "))
}
