//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

pub mod mutation;
pub mod stress;

use gongkai::report::{DocumentReport, TableOut};

/// A corpus fixture's path.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Checks a fixture through the public byte API.
pub fn check_fixture(name: &str) -> DocumentReport {
    let bytes = std::fs::read(fixture(name)).expect("fixture");
    gongkai::check_bytes(name, &bytes).expect("a readable disclosure")
}

/// The table with a printed number.
pub fn table<'a>(r: &'a DocumentReport, number: &str) -> &'a TableOut {
    r.tables.iter().find(|t| t.number.as_deref() == Some(number)).unwrap_or_else(|| panic!("table {number} not read"))
}

/// A table's rows as (行次 or code, label, values as strings) for compact assertions.
pub fn rows(t: &TableOut) -> Vec<(String, String, Vec<String>)> {
    t.rows
        .iter()
        .map(|r| {
            let key = r.line.map(|n| n.to_string()).or_else(|| r.code.clone()).unwrap_or_default();
            let vals = r.values.iter().map(|v| v.map(|d| d.to_string()).unwrap_or_default()).collect();
            (key, r.label.clone(), vals)
        })
        .collect()
}

/// Parses a compact expectation: one row per line, "key|label|v1|v2…"; an
/// empty value is a blank cell.
pub fn expect(spec: &str) -> Vec<(String, String, Vec<String>)> {
    spec.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut parts = l.split('|');
            let key = parts.next().unwrap().to_string();
            let label = parts.next().unwrap_or("").to_string();
            (key, label, parts.map(str::to_string).collect())
        })
        .collect()
}

/// Asserts every row of a table, reporting the first differing row.
pub fn assert_rows(t: &TableOut, spec: &str) {
    let got = rows(t);
    let want = expect(spec);
    for (i, (g, w)) in got.iter().zip(want.iter()).enumerate() {
        assert_eq!(g, w, "table {:?} row {i}", t.number);
    }
    assert_eq!(got.len(), want.len(), "table {:?} row count", t.number);
}

/// Text escaped for HTML element content.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A corpus text's blocks, as the tests that make files from it need them:
/// runs of tab-separated lines (its tables) as rows of cells (`Err`), other
/// lines as paragraphs (`Ok`).
pub fn blocks(text: &str) -> Vec<Result<&str, Vec<Vec<&str>>>> {
    let mut out: Vec<Result<&str, Vec<Vec<&str>>>> = Vec::new();
    for l in text.lines() {
        if l.contains('\t') {
            let row: Vec<&str> = l.split('\t').collect();
            match out.last_mut() {
                Some(Err(rows)) => rows.push(row),
                _ => out.push(Err(vec![row])),
            }
        } else {
            out.push(Ok(l));
        }
    }
    out
}

/// A table's rows as the expected files under tests/expected write them:
/// "key|label|v1|v2…@source_line" (key: 行次 or code; a blank cell is empty).
pub fn row_lines(t: &TableOut) -> Vec<String> {
    t.rows
        .iter()
        .map(|r| {
            let key = r.line.map(|n| n.to_string()).or_else(|| r.code.clone()).unwrap_or_default();
            let mut parts = vec![key, r.label.clone()];
            parts.extend(r.values.iter().map(|v| v.map(|d| d.to_string()).unwrap_or_default()));
            format!("{}@{}", parts.join("|"), r.source_line)
        })
        .collect()
}

/// ../shared/real beside the checkout (read in place, never copied), or
/// None after saying the test is skipped.
pub fn real_dir() -> Option<PathBuf> {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/real");
    if d.join("MANIFEST.json").exists() {
        Some(d)
    } else {
        eprintln!("skipped: {} is absent (../shared/real is not beside the checkout)", d.display());
        None
    }
}
