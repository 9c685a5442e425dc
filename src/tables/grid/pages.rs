//! Page breaks that text without form feeds no longer marks.
//!
//! `pdftotext -layout -nopgbrk`, a PDF viewer's copy or a paste that lost
//! its form feeds runs a table's pages together, and each page may print the
//! table's columns at other positions (its own scale): read as one page, the
//! numbers of the second fall into columns of their own, or under another
//! column's caption. The break still shows: at one line every column of
//! numbers moves, and so do the labels. Each piece then is a page of its own,
//! read as if the form feed were there (its columns mapped onto the first
//! page's by order, or the piece not read).
//!
//! The columns change where no column has numbers on both sides of a line;
//! that is a page break when most label cells after it start where no
//! column of labels before it did. Where the columns change and the labels
//! stay (numbers drifting after long labels, a page whose rows fill other
//! columns in its second half, a page break that moved only the numbers),
//! the reader merges one column printed at two offsets as it does on any
//! page; what it cannot merge is refused ([`cuts`]), never read into the
//! wrong columns.

use super::read::{layout_of, BodyLine};
use super::spans::What;

/// Gives the lines of every piece after a break a page of its own (the page
/// of a line without numbers is that of the next line with numbers). Lines
/// already on pages of their own (a page number between them) are split
/// page by page.
pub(super) fn split(body: &mut [BodyLine<'_>]) {
    let data: Vec<&BodyLine> = body.iter().filter(|b| b.data).collect();
    let n = data.len();
    // Where a page begins, as indexes of the lines with numbers.
    let mut breaks: Vec<usize> = Vec::new();
    let mut run = 0;
    while run < n {
        let end = (run..n).find(|&k| data[k].page != data[run].page).unwrap_or(n);
        if run > 0 {
            breaks.push(run);
        }
        breaks.extend(breaks_in(&data[run..end]).into_iter().map(|k| run + k));
        run = end;
    }
    let Some(first) = data.first().map(|d| d.page) else { return };
    // Pages by data line, then every line takes the next data line's page.
    let mut page_of_data = Vec::with_capacity(n);
    let mut ahead = breaks.iter().peekable();
    let mut page = first;
    for k in 0..n {
        if ahead.next_if(|b| **b == k).is_some() {
            page += 1;
        }
        page_of_data.push(page);
    }
    let mut next = 0;
    for b in body.iter_mut() {
        b.page = page_of_data.get(next).copied().unwrap_or(page);
        if b.data {
            next += 1;
        }
    }
}

/// The breaks (indexes of `data`) where the columns move and the labels too.
fn breaks_in(data: &[&BodyLine<'_>]) -> Vec<usize> {
    let n = data.len();
    let Some(layout) = layout_of(data) else { return Vec::new() };
    let cuts = cuts(&layout.lines);
    let mut breaks: Vec<usize> = Vec::new();
    let mut from = 0;
    for (j, &k) in cuts.iter().enumerate() {
        let to = cuts.get(j + 1).copied().unwrap_or(n);
        if labels_move(&data[from..k], &data[k..to]) {
            breaks.push(k);
            from = k;
        }
    }
    breaks
}

/// The lines with numbers (0-based) at which the columns change: no column
/// has numbers both before and at or after them. `cols` holds, per column,
/// the lines with a number in it (every line with numbers is in one).
pub(super) fn cuts(cols: &[Vec<usize>]) -> Vec<usize> {
    let n = cols.iter().flatten().max().map_or(0, |m| m + 1);
    // A difference array over each column's first and last line.
    let mut delta = vec![0i64; n + 1];
    for lines in cols {
        let (Some(lo), Some(hi)) = (lines.iter().min(), lines.iter().max()) else { continue };
        delta[lo + 1] += 1;
        delta[hi + 1] -= 1;
    }
    let mut out = Vec::new();
    let mut crossing = 0i64;
    for (k, d) in delta.iter().enumerate().take(n) {
        crossing += d;
        if k > 0 && crossing == 0 {
            out.push(k);
        }
    }
    out
}

/// Whether most label cells of `after` start where `before` has no column
/// of labels: no two of its label cells start there (a column ±1; a
/// centred 合计 alone is no column).
fn labels_move(before: &[&BodyLine<'_>], after: &[&BodyLine<'_>]) -> bool {
    let mut starts: Vec<usize> = before.iter().flat_map(|b| b.spans.iter().filter(|s| s.what == What::Text).map(|s| s.start)).collect();
    starts.sort_unstable();
    let placed = |x: usize| starts.partition_point(|s| *s <= x + 1) - starts.partition_point(|s| *s + 1 < x) >= 2;
    let (mut moved, mut all) = (0usize, 0usize);
    for s in after.iter().flat_map(|b| b.spans.iter().filter(|s| s.what == What::Text)) {
        all += 1;
        if !placed(s.start) {
            moved += 1;
        }
    }
    all > 0 && moved * 2 > all
}

#[cfg(test)]
mod tests {
    use crate::model::{Table, TableKind};
    use rust_decimal::Decimal;

    fn sample() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/layout-budget-sample.txt")).expect("fixture")
    }

    /// The sample with 公开表七's rows from 208 on printed as the next page
    /// at its own scale, as pdftotext -layout prints a page: the labels
    /// `labels` columns further left, the amounts `amounts` further left;
    /// `feed` before the first of them. With `full`, only the rows that
    /// print all three amounts are kept.
    fn paged(labels: usize, amounts: usize, feed: &str, full: bool) -> String {
        let text = sample();
        let mut out: Vec<String> = Vec::new();
        let (mut in_table, mut on_page_two) = (false, false);
        for line in text.split('\n') {
            if line.contains("功能科目）") {
                in_table = true;
            } else if line.contains("基本支出预算表") {
                (in_table, on_page_two) = (false, false);
            }
            if in_table && full && line.contains('.') && line.split_whitespace().filter(|w| w.contains('.')).count() < 3 {
                continue;
            }
            if line.starts_with("208 ") {
                on_page_two = true;
                out.push(feed.to_string());
            }
            if !on_page_two || line.trim().is_empty() {
                out.push(line.to_string());
                continue;
            }
            // Code, then the label nearer, then the amounts nearer than on
            // the first page (the same gaps between them).
            let code_end = line.find(' ').expect("a code");
            let label_at = code_end + line[code_end..].find(|c| c != ' ').expect("a label");
            let amounts_at = label_at + line[label_at..].find("  ").expect("amounts after the label");
            let first_amount = amounts_at + line[amounts_at..].find(|c| c != ' ').expect("an amount");
            let mut l = String::new();
            l.push_str(&line[..label_at - labels]);
            l.push_str(&line[label_at..amounts_at]);
            l.push_str(&line[amounts_at..first_amount - (amounts - labels)]);
            l.push_str(&line[first_amount..]);
            out.push(l);
        }
        out.join("\n")
    }

    fn cells(t: &Table) -> Vec<(Option<String>, String, Vec<Option<Decimal>>)> {
        t.rows.iter().map(|r| (r.code.clone(), r.label.clone(), r.cells.iter().map(|c| c.value).collect())).collect()
    }

    #[test]
    fn a_page_break_without_its_form_feed_is_where_the_columns_and_the_labels_move() {
        let want = crate::read(&sample());
        let want = cells(want.found(TableKind::BGeneral).expect("公开表七 is read"));
        // With the form feed, and without it (deleted, or a line break): the same cells.
        for feed in ["\u{c}", "", "\n"] {
            let doc = crate::read(&paged(3, 8, feed, false));
            let t = doc.found(TableKind::BGeneral).expect("公开表七");
            assert_eq!(cells(t), want, "{feed:?}");
        }
        let doc = crate::read(&paged(3, 8, "", false));
        let row = doc.found(TableKind::BGeneral).and_then(|t| t.rows.iter().find(|r| r.code.as_deref() == Some("2080599")));
        let values: Vec<Option<Decimal>> = row.expect("2080599").cells.iter().map(|c| c.value).collect();
        assert_eq!(values, [Some(Decimal::from(50)), None, Some(Decimal::from(50))], "合计 and 项目支出, 基本支出 blank");
    }

    #[test]
    fn columns_that_move_where_the_labels_do_not_are_not_read_into_other_columns() {
        // Only the amounts moved: nothing shows a page break, and the rows
        // align to no one set of columns.
        let doc = crate::read(&paged(0, 8, "", false));
        let t = doc.found(TableKind::BGeneral).expect("公开表七 is found");
        assert!(t.rows.is_empty(), "not read: {:?}", cells(t));
        assert!(doc.problems.iter().any(|p| p.message.contains("本表未读取") && p.message.contains("功能科目")), "{:?}", doc.problems);
    }

    #[test]
    fn rows_that_print_every_column_are_read_in_order_where_two_pages_columns_overlap() {
        // Every row prints its three amounts; the second page's stand 5
        // columns left, the labels in place: the columns of the two pages
        // overlap and only their order tells them apart.
        let want = crate::read(&paged(0, 0, "", true));
        let want = cells(want.found(TableKind::BGeneral).expect("公开表七 is read"));
        assert_eq!(want.len(), 8, "合计 and the seven rows that print every amount");
        for feed in ["", "\n", "\u{c}"] {
            let doc = crate::read(&paged(0, 5, feed, true));
            assert_eq!(cells(doc.found(TableKind::BGeneral).expect("公开表七")), want, "{feed:?}");
        }
    }
}
