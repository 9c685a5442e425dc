//! The shared machinery of the table mutation tests: where each printed
//! cell stands in the source text, and the text with one cell changed.

use gongkai::tables::tokens::{tokenize, Tok};

/// A printed cell to mutate.
pub struct Site {
    pub table: String,
    pub row_index: usize,
    pub col: usize,
    pub row: String,
    pub line: usize,
    pub nth: usize,
    pub value: rust_decimal::Decimal,
}

/// Every printed cell of the read tables, with its position among the amounts
/// printed on its source line.
pub fn sites(r: &gongkai::DocumentReport) -> Vec<Site> {
    let mut per_line: std::collections::BTreeMap<usize, usize> = Default::default();
    let mut out = Vec::new();
    // Cells in reading order: tables in order, rows in order, columns in order.
    // (Rows of two-sided tables are left side first, which is also the order on
    // a shared line.)
    let doc = gongkai::read(&std::fs::read_to_string(super::fixture(&r.source)).unwrap());
    for t in &doc.tables {
        for (i, row) in t.rows.iter().enumerate() {
            if t.unresolved.contains(&i) {
                continue;
            }
            for (col, c) in row.cells.iter().enumerate() {
                let Some(value) = c.value else { continue };
                let nth = per_line.entry(c.source_line).or_insert(0);
                out.push(Site {
                    table: t.no(),
                    row_index: i,
                    col,
                    row: row.code.clone().or(row.line.map(|n| format!("行次{n}"))).unwrap_or_else(|| row.label.clone()),
                    line: c.source_line,
                    nth: *nth,
                    value,
                });
                *nth += 1;
            }
        }
    }
    out
}

/// The text with the `nth` amount on `line` replaced by `value + 10`.
pub fn mutate(text: &str, s: &Site) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let line = lines.get(s.line - 1)?;
    // Find the nth amount token by scanning the raw line's whitespace/tab pieces.
    let mut k = 0;
    let mut out = String::new();
    let mut done = false;
    for (i, piece) in line.split_inclusive(['\t', ' ']).enumerate() {
        let _ = i;
        let core = piece.trim_end_matches(['\t', ' ']);
        let sep = &piece[core.len()..];
        // An amount, possibly glued to the next label ("8666.60二、外交支出").
        let num = core.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b',').count();
        let (head, tail) = core.split_at(num);
        let is_amount = matches!(tokenize(head).toks.as_slice(), [Tok::Amount(_)]) && (tail.is_empty() || !tail.is_ascii());
        if is_amount && !done {
            if k == s.nth {
                let bumped = s.value + rust_decimal::Decimal::new(1000, 2);
                out.push_str(&bumped.to_string());
                out.push_str(tail);
                out.push_str(sep);
                done = true;
                k += 1;
                continue;
            }
            k += 1;
        }
        out.push_str(piece);
    }
    if !done {
        return None;
    }
    let mut all: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    all[s.line - 1] = out;
    Some(all.join("\n"))
}
