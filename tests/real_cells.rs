//! Every cell of one real disclosure per region (../shared/real, read in
//! place), against the expectations in tests/expected/*.cells: each table as
//! "key kind unit read=…" and then one line per row, "code or label | value |
//! …" with "-" for a blank cell.
//!
//! The expectations were checked three ways before they were written down:
//! every amount is printed on its row's source line; the tables' identities
//! hold (no TBL-201..204 / XTBL-201 error); and the PDF beside the layout text,
//! read through gongkai's own PDF text layer (a different extraction), gives
//! the same cells — which `the_pdf_gives_the_same_cells_as_its_layout_text`
//! keeps true.
//!
//! And the totals of every table read in every real document with tables
//! (tests/expected/totals.txt: "NN || table || row || values"), from the layout
//! text and from the PDF.
//!
//! Skipped (with a message) where ../shared/real is absent.

use std::path::PathBuf;

mod common;

use serde_json::Value;

const SHANGHAI: &str = "01-shanghai-putuo-wanli-2024-department-budget";
const JIANGSU: &str = "09-jiangsu-renda-tables-2019-department-budget";

/// The tables of a file's report in the expectation format.
fn cells(dir: &std::path::Path, file: &str) -> Vec<String> {
    let bytes = std::fs::read(dir.join(file)).expect("real document");
    let report = gongkai::check_bytes(file, &bytes).expect("readable");
    let v = serde_json::to_value(&report).expect("serialisable");
    let text = |x: &Value| x.as_str().unwrap_or("-").to_string();
    let mut out = Vec::new();
    for t in v["tables"].as_array().expect("tables") {
        out.push(format!("{} {} {} read={}", text(&t["key"]), text(&t["kind"]), text(&t["unit"]), t["read"]));
        for r in t["rows"].as_array().expect("rows") {
            let key = [&r["code"], &r["label"]].into_iter().filter_map(|x| x.as_str()).find(|s| !s.is_empty()).unwrap_or("·").to_string();
            let values = r["values"].as_array().expect("values").iter().map(text);
            out.push(std::iter::once(key).chain(values).collect::<Vec<_>>().join(" | "));
        }
    }
    out
}

fn expected(name: &str) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/expected").join(format!("{name}.cells"));
    std::fs::read_to_string(path).expect("expectation file").lines().map(str::to_string).collect()
}

/// Equal line by line; a difference names the first line that differs.
fn assert_same(got: &[String], want: &[String], what: &str) {
    if let Some(i) = (0..got.len().max(want.len())).find(|i| got.get(*i) != want.get(*i)) {
        panic!(
            "{what}: line {} differs\n  expected: {}\n  read:     {}\n({} lines expected, {} read)",
            i + 1,
            want.get(i).map_or("(end)", String::as_str),
            got.get(i).map_or("(end)", String::as_str),
            want.len(),
            got.len()
        );
    }
}

#[test]
fn shanghai_wanli_2024_budget_every_cell_of_its_nine_tables() {
    let Some(dir) = common::real_dir() else { return };
    let want = expected(SHANGHAI);
    assert_eq!(want.iter().filter(|l| l.contains(" read=")).count(), 9);
    // 875 amounts in 元 and, in the 三公 table, 万元.
    let amounts = want.iter().filter(|l| !l.contains(" read=")).flat_map(|l| l.split(" | ").skip(1)).filter(|v| *v != "-").count();
    assert_eq!(amounts, 875);
    assert_same(&cells(&dir, &format!("{SHANGHAI}.layout.txt")), &want, SHANGHAI);
}

#[test]
fn jiangsu_renda_2019_budget_every_cell_of_its_twelve_tables() {
    let Some(dir) = common::real_dir() else { return };
    let want = expected(JIANGSU);
    assert_eq!(want.iter().filter(|l| l.contains(" read=")).count(), 12);
    assert_same(&cells(&dir, &format!("{JIANGSU}.layout.txt")), &want, JIANGSU);
}

#[test]
fn the_pdf_gives_the_same_cells_as_its_layout_text() {
    let Some(dir) = common::real_dir() else { return };
    for name in [SHANGHAI, JIANGSU] {
        assert_same(&cells(&dir, &format!("{name}.pdf")), &expected(name), &format!("{name}.pdf"));
    }
}

/// The report of a real document by its number and form ("layout.txt", "pdf").
fn report_of(dir: &std::path::Path, nn: &str, ext: &str) -> Value {
    let name = std::fs::read_dir(dir)
        .expect("real dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .find(|n| n.starts_with(&format!("{nn}-")) && n.ends_with(&format!(".{ext}")))
        .expect("document");
    let bytes = std::fs::read(dir.join(&name)).expect("real document");
    serde_json::to_value(gongkai::check_bytes(&name, &bytes).expect("readable")).expect("serialisable")
}

/// The values of each row labelled `label` in the table `key` (a two-sided
/// table has a 总计 on each side), "-" for blank, trailing blank columns
/// dropped (a PDF may show one empty column fewer).
fn total_rows(report: &Value, key: &str, label: &str) -> Vec<String> {
    let Some(t) = report["tables"].as_array().and_then(|ts| ts.iter().find(|t| t["key"] == key)) else { return Vec::new() };
    let rows = t["rows"].as_array().map(Vec::as_slice).unwrap_or_default();
    rows.iter()
        .filter(|r| r["label"].as_str().filter(|l| !l.is_empty()).unwrap_or("·") == label)
        .map(|r| {
            let mut v: Vec<String> = r["values"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .map(|x| x.as_str().unwrap_or("-").to_string())
                .collect();
            while v.last().is_some_and(|x| x == "-") {
                v.pop();
            }
            v.join(" | ")
        })
        .collect()
}

#[test]
fn every_table_read_in_every_real_document_has_its_totals() {
    let Some(dir) = common::real_dir() else { return };
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/expected/totals.txt");
    let want: Vec<Vec<String>> =
        std::fs::read_to_string(path).expect("totals").lines().map(|l| l.split(" || ").map(str::to_string).collect()).collect();
    assert_eq!(want.len(), 161);
    let mut reports: std::collections::HashMap<(String, &str), Value> = std::collections::HashMap::new();
    for w in &want {
        let [nn, key, label, values] = &w[..] else { panic!("bad line {w:?}") };
        let mut values: Vec<&str> = values.split(" | ").collect();
        while values.last() == Some(&"-") {
            values.pop();
        }
        let values = values.join(" | ");
        for ext in ["layout.txt", "pdf"] {
            let r = reports.entry((nn.clone(), ext)).or_insert_with(|| report_of(&dir, nn, ext));
            let got = total_rows(r, key, label);
            assert!(got.contains(&values), "{nn}.{ext} {key} {label}: expected {values}, read {got:?}");
        }
    }
}
