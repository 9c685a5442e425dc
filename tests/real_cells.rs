//! Every cell of one real disclosure per region (../shared/real, read in
//! place), against the expectations in tests/expected/*.digest. A table is
//! written out as "key kind unit read=…" and then one line per row, "code or
//! label | value | …" with "-" for a blank cell; the expectation keeps, per
//! table, its kind, unit, rows, number of amounts and a digest (FNV-1a) of
//! those lines: the documents' text stays in ../shared, never in the
//! project, and a failure prints what was read.
//!
//! The expectations were checked three ways before they were written down:
//! every amount is printed on its row's source line; the tables' identities
//! hold (no TBL-201..204 / XTBL-201 error); and the PDF beside the layout text,
//! read through gongkai's own PDF text layer (a different extraction), gives
//! the same cells — which `the_pdf_gives_the_same_cells_as_its_layout_text`
//! keeps true.
//!
//! And the totals of every table read in every real document with tables
//! (tests/expected/totals.digest: "NN || digest of the table's key || row ||
//! digest of its values"), from the layout text and from the PDF.
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

/// FNV-1a (64 bits): a digest of expected text, so that the text itself is
/// not kept in the project.
fn fnv(s: &str) -> String {
    let h = s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{h:016x}")
}

/// The tables as `cells` writes them, each as its digest line: "kind unit
/// read=… rows=N amounts=M cells=DIGEST", with the lines it stands for.
fn digests(lines: &[String]) -> Vec<(String, Vec<String>)> {
    let mut tables: Vec<Vec<String>> = Vec::new();
    for l in lines {
        match tables.last_mut() {
            Some(t) if !l.contains(" read=") => t.push(l.clone()),
            _ => tables.push(vec![l.clone()]),
        }
    }
    tables
        .into_iter()
        .map(|t| {
            let head: Vec<&str> = t[0].rsplitn(4, ' ').collect();
            let (read, unit, kind) = (head[0], head[1], head[2]);
            let amounts = t[1..].iter().flat_map(|r| r.split(" | ").skip(1)).filter(|v| *v != "-").count();
            (format!("{kind} {unit} {read} rows={} amounts={amounts} cells={}", t.len() - 1, fnv(&t.join("\n"))), t)
        })
        .collect()
}

fn expected(name: &str) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/expected").join(format!("{name}.digest"));
    std::fs::read_to_string(path).expect("expectation file").lines().map(str::to_string).collect()
}

/// The same tables as expected; a difference names the first table that
/// differs and prints what was read of it.
fn assert_same(got: &[String], want: &[String], what: &str) {
    let got = digests(got);
    if let Some(i) = (0..got.len().max(want.len())).find(|i| got.get(*i).map(|g| &g.0) != want.get(*i)) {
        panic!(
            "{what}: table {} differs\n  expected: {}\n  read:     {}\n{}\n({} tables expected, {} read)",
            i + 1,
            want.get(i).map_or("(end)", String::as_str),
            got.get(i).map_or("(end)", |g| g.0.as_str()),
            got.get(i).map_or(String::new(), |g| g.1.join("\n")),
            want.len(),
            got.len()
        );
    }
}

/// The number of amounts the expectation lists.
fn amounts(want: &[String]) -> usize {
    want.iter().filter_map(|l| l.split(" amounts=").nth(1)?.split(' ').next()?.parse::<usize>().ok()).fold(0, usize::saturating_add)
}

#[test]
fn shanghai_wanli_2024_budget_every_cell_of_its_nine_tables() {
    let Some(dir) = common::real_dir() else { return };
    let want = expected(SHANGHAI);
    assert_eq!(want.len(), 9);
    // 875 amounts in 元 and, in the 三公 table, 万元.
    assert_eq!(amounts(&want), 875);
    assert_same(&cells(&dir, &format!("{SHANGHAI}.layout.txt")), &want, SHANGHAI);
}

#[test]
fn jiangsu_renda_2019_budget_every_cell_of_its_twelve_tables() {
    let Some(dir) = common::real_dir() else { return };
    let want = expected(JIANGSU);
    assert_eq!(want.len(), 12);
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

/// The values of each row labelled `label` in the table whose key has the
/// digest `key` (a two-sided table has a 总计 on each side), "-" for blank,
/// trailing blank columns dropped (a PDF may show one empty column fewer).
fn total_rows(report: &Value, key: &str, label: &str) -> Vec<String> {
    let Some(t) = report["tables"].as_array().and_then(|ts| ts.iter().find(|t| t["key"].as_str().is_some_and(|k| fnv(k) == key))) else {
        return Vec::new();
    };
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
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/expected/totals.digest");
    let want: Vec<Vec<String>> =
        std::fs::read_to_string(path).expect("totals").lines().map(|l| l.split(" || ").map(str::to_string).collect()).collect();
    // 03, a blank template, has no total: its tables print no amount.
    assert_eq!(want.len(), 159);
    let mut reports: std::collections::HashMap<(String, &str), Value> = std::collections::HashMap::new();
    for w in &want {
        let [nn, key, label, values] = &w[..] else { panic!("bad line {w:?}") };
        for ext in ["layout.txt", "pdf"] {
            let r = reports.entry((nn.clone(), ext)).or_insert_with(|| report_of(&dir, nn, ext));
            let got = total_rows(r, key, label);
            assert!(
                got.iter().any(|g| fnv(g) == *values),
                "{nn}.{ext} table {key} {label}: expected values with digest {values}, read {got:?}"
            );
        }
    }
}
