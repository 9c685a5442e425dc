//! The shared machinery of the table mutation tests: where each printed
//! cell stands in the source text, and the text with one cell changed.

use gongkai::rules::identity::table_name;
use gongkai::rules::Severity;

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
        let is_amount = gongkai::amount::parse_amount(head).is_some() && (tail.is_empty() || !tail.is_ascii());
        if is_amount && !done {
            if k == s.nth {
                let bumped = s.value + ten();
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

/// What a mutation run found: how many cells were changed, how many of the
/// changes an error finding names the table of, and the ones none did.
pub struct Recall {
    pub caught: usize,
    pub total: usize,
    pub survivors: Vec<String>,
}

impl Recall {
    /// Prints the recall and the survivors under `title` and asserts at least 99%.
    pub fn assert_at_least_99(&self, title: &str) {
        let recall = self.caught as f64 / self.total as f64 * 100.0;
        println!("{title}: {}/{} caught, recall {recall:.2}%", self.caught, self.total);
        for s in &self.survivors {
            println!("  survivor: {s}");
        }
        assert!(recall >= 99.0, "recall {recall:.2}% < 99%: {:#?}", self.survivors);
    }
}

/// Mutates every site of each document's read tables that `keep` accepts, one at a
/// time, by 10.00 (far beyond rounding) and counts the changes an error
/// finding names the mutated table of (as the cell it points at, or among
/// the related cells). Where `placed` holds, the changed value must also be
/// read back in its own cell (blanks are printed, so placement cannot move it).
pub fn run(docs: &[&str], placed: impl Fn(&str) -> bool, mut keep: impl FnMut(&str, &Site) -> bool) -> Recall {
    let mut recall = Recall { caught: 0, total: 0, survivors: Vec::new() };
    for &doc in docs {
        let text = std::fs::read_to_string(super::fixture(doc)).unwrap();
        let base = super::check_fixture(doc);
        assert!(base.findings.iter().all(|f| f.severity != Severity::Error || f.table.is_none()), "{doc}: table errors before mutation");
        for s in sites(&base) {
            if !keep(doc, &s) {
                continue;
            }
            let Some(m) = mutate(&text, &s) else { panic!("{doc} L{}: cannot find amount #{} ({})", s.line, s.nth, s.value) };
            recall.total += 1;
            let r = gongkai::check_text(doc, &m);
            if placed(doc) {
                let t = r.tables.iter().find(|t| t.number.as_deref() == Some(s.table.as_str())).unwrap();
                let got = t.rows[s.row_index].values[s.col];
                assert_eq!(got, Some(s.value + ten()), "{doc} L{} #{}", s.line, s.nth);
            }
            let hit = r.findings.iter().any(|f| {
                f.severity == Severity::Error
                    && (f.table.as_deref() == Some(s.table.as_str()) || f.related.iter().any(|c| c.table == s.table))
            });
            if hit {
                recall.caught += 1;
            } else {
                recall.survivors.push(format!("{doc} {} {} L{} {}", table_name(&s.table), s.row, s.line, s.value));
            }
        }
    }
    recall
}

/// 10.00: with its two decimals, so that the changed cell still prints as
/// an amount ("10" would read as a bare integer, a 行次 or a code).
fn ten() -> rust_decimal::Decimal {
    "10.00".parse().expect("a decimal")
}
