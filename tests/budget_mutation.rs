//! Mutation test for the two budgets: every printed table cell is perturbed,
//! one at a time, by 10.00 (far beyond rounding), and the checker must raise
//! an error finding that names the mutated table (as the cell it points at,
//! or among the related cells). Recall must be at least 99%; the survivors
//! are printed. To keep the run short, only every fifth printed 0.00 of 青岛
//! (710 of its 1032 cells, most in all-zero rows of 表7) is mutated.

mod common;
use gongkai::rules::Severity;
use gongkai::tables::tokens::{tokenize, Tok};

struct Site {
    table: String,
    row_index: usize,
    col: usize,
    row: String,
    line: usize,
    nth: usize,
    value: rust_decimal::Decimal,
}

/// Every printed cell of the read tables, with its position among the amounts
/// printed on its source line.
fn sites(r: &gongkai::DocumentReport) -> Vec<Site> {
    let mut per_line: std::collections::BTreeMap<usize, usize> = Default::default();
    let mut out = Vec::new();
    // Cells in reading order: tables in order, rows in order, columns in order.
    // (Rows of two-sided tables are left side first, which is also the order on
    // a shared line.)
    let doc = gongkai::read(&std::fs::read_to_string(common::fixture(&r.source)).unwrap());
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
fn mutate(text: &str, s: &Site) -> Option<String> {
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

#[test]
fn budget_table_cell_mutations_are_caught() {
    let mut total = 0;
    let mut caught = 0;
    let mut survivors = Vec::new();
    for doc in ["yantai-office-2023-budget.txt", "qingdao-office-2023-budget.txt"] {
        let text = std::fs::read_to_string(common::fixture(doc)).unwrap();
        let base = common::check_fixture(doc);
        assert!(!base.has_errors());
        let mut zeros = 0usize;
        for s in sites(&base) {
            if s.value.is_zero() {
                zeros += 1;
                if zeros % 5 != 1 {
                    continue;
                }
            }
            let Some(m) = mutate(&text, &s) else { panic!("{doc} L{}: cannot find amount #{} ({})", s.line, s.nth, s.value) };
            total += 1;
            let r = gongkai::check_text(doc, &m);
            // The mutation landed on the intended cell (where blanks are printed,
            // placement cannot move it).
            if doc == "qingdao-office-2023-budget.txt" {
                let t = r.tables.iter().find(|t| t.number.as_deref() == Some(s.table.as_str())).unwrap();
                let got = t.rows[s.row_index].values[s.col];
                assert_eq!(got, Some(s.value + rust_decimal::Decimal::new(1000, 2)), "{doc} L{} #{}", s.line, s.nth);
            }
            let hit = r.findings.iter().any(|f| {
                f.severity == Severity::Error
                    && (f.table.as_deref() == Some(s.table.as_str()) || f.related.iter().any(|c| c.table == s.table))
            });
            if hit {
                caught += 1;
            } else {
                survivors.push(format!("{doc} 公开表{} {} L{} {}", s.table, s.row, s.line, s.value));
            }
        }
    }
    let recall = caught as f64 / total as f64 * 100.0;
    println!("budget table mutations: {caught}/{total} caught, recall {recall:.2}%");
    for s in &survivors {
        println!("  survivor: {s}");
    }
    assert!(recall >= 99.0, "recall {recall:.2}% < 99%: {survivors:#?}");
}
