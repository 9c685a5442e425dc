//! Re-laid-out variants of the corpus parse to the same cells.
//!
//! Each case takes a real document and applies a random mix of what real
//! portals do to the same tables: TABs turned into single spaces with the
//! blank cells dropped, zeros dropped or blanks printed as 0.00, CRLF, a blank
//! line after every line, full-width digits, page footers, and the header of
//! a 科目 table repeated after an arbitrary row (a page break). The cells must
//! not change (blank and 0.00 count as equal only when the variant changed how
//! blanks are printed).

mod common;
use gongkai::report::DocumentReport;
use proptest::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Blanks {
    AsPublished,
    /// TAB document → SPACE document with the empty cells dropped.
    TabsToSpacesDropped,
    /// SPACE document with 0.00 printed → the zeros dropped.
    ZerosDropped,
    /// SPACE document → TAB-separated (one tab per space).
    SpacesToTabs,
    /// TAB document → blank value cells of 科目 rows printed as 0.00.
    PrintedZeros,
}

#[derive(Debug, Clone)]
struct Variant {
    doc: &'static str,
    blanks: Blanks,
    crlf: bool,
    blank_lines: bool,
    fullwidth: bool,
    footers: Vec<usize>,
    header_after: Option<(usize, usize)>,
}

fn original(doc: &str) -> (String, DocumentReport) {
    let text = std::fs::read_to_string(common::fixture(doc)).unwrap();
    let r = gongkai::check_text(doc, &text);
    (text, r)
}

/// Line ranges (0-based, inclusive) of the tables part, where layout edits apply.
fn table_part(r: &DocumentReport) -> (usize, usize) {
    let lo = r.tables.iter().flat_map(|t| t.rows.iter().map(|x| x.source_line)).min().unwrap_or(1);
    let hi = r.tables.iter().flat_map(|t| t.rows.iter().map(|x| x.source_line)).max().unwrap_or(1);
    (lo.saturating_sub(30), hi + 5)
}

fn apply(v: &Variant) -> String {
    let (text, r) = original(v.doc);
    let (lo, hi) = table_part(&r);
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();

    // A repeated header before a 科目 row (line numbers are 1-based).
    if let Some((t, k)) = v.header_after {
        let coded: Vec<_> = r.tables.iter().filter(|t| ["02", "03", "05"].contains(&t.number.as_deref().unwrap_or(""))).collect();
        let table = coded[t % coded.len()];
        let first = table.rows[0].source_line;
        // The header: the lines after the marker up to the first row.
        let marker = (1..first).rev().find(|i| lines[i - 1].contains("公开")).unwrap_or(first - 1);
        let header: Vec<String> = lines[marker..first - 1].iter().filter(|l| !l.contains("单位") && !l.contains("部门")).cloned().collect();
        assert!(header.iter().any(|h| h.contains("栏") || h.contains("项")), "header {header:?}");
        let rows: Vec<usize> = table.rows.iter().filter(|x| x.code.is_some()).map(|x| x.source_line).collect();
        let at = rows[k % rows.len()] - 1;
        for (i, h) in header.into_iter().enumerate() {
            lines.insert(at + i, h);
        }
    }
    let hi = hi + 40;
    for (i, l) in lines.iter_mut().enumerate() {
        if i < lo || i > hi {
            continue;
        }
        match v.blanks {
            Blanks::TabsToSpacesDropped if l.contains('\t') => {
                *l = l.split('\t').map(str::trim).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" ");
            }
            Blanks::ZerosDropped => {
                *l = l.split(' ').filter(|c| *c != "0.00").collect::<Vec<_>>().join(" ");
            }
            Blanks::SpacesToTabs if !l.contains('\t') && !l.trim().is_empty() => {
                *l = l.split_whitespace().collect::<Vec<_>>().join("\t");
            }
            Blanks::PrintedZeros if l.contains('\t') => {
                let cells: Vec<&str> = l.split('\t').collect();
                let first = cells[0].replace(' ', "");
                let coded = first == "合计"
                    || (matches!(first.len(), 3 | 5 | 7) && first.bytes().all(|b| b.is_ascii_digit()) && first.starts_with('2'));
                if coded && cells.len() > 3 {
                    *l = cells
                        .iter()
                        .enumerate()
                        .map(|(i, c)| if i >= 2 && c.trim().is_empty() { "0.00" } else { c })
                        .collect::<Vec<_>>()
                        .join("\t");
                }
            }
            _ => {}
        }
        if v.fullwidth {
            *l = l.chars().map(|c| if c.is_ascii_digit() || c == '.' { char::from_u32(c as u32 + 0xFEE0).unwrap() } else { c }).collect();
        }
    }
    for (n, at) in v.footers.iter().enumerate() {
        let at = at % lines.len();
        lines.insert(at, if n % 2 == 0 { format!("第{}页，共99页", n + 1) } else { format!("— {} —", n + 1) });
    }
    if v.blank_lines {
        lines = lines.into_iter().flat_map(|l| [l, String::new()]).collect();
    }
    lines.join(if v.crlf { "\r\n" } else { "\n" })
}

type Cells = Vec<(String, Vec<(Option<u32>, Option<String>, String, Vec<Option<String>>)>)>;

fn cells(r: &DocumentReport, zero_is_blank: bool) -> Cells {
    r.tables
        .iter()
        .map(|t| {
            let rows = t
                .rows
                .iter()
                .map(|x| {
                    let vals = x.values.iter().map(|v| v.filter(|d| !(zero_is_blank && d.is_zero())).map(|d| d.to_string())).collect();
                    (x.line, x.code.clone(), x.label.clone(), vals)
                })
                .collect();
            (t.number.clone().unwrap_or_default(), rows)
        })
        .collect()
}

fn variant() -> impl Strategy<Value = Variant> {
    (
        0..3usize,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        proptest::collection::vec(0..3000usize, 0..4),
        proptest::option::of((0..3usize, 0..40usize)),
    )
        .prop_map(|(d, relayout, crlf, blank_lines, fullwidth, footers, header_after)| {
            let doc = ["yantai-office-2024-final.txt", "qingdao-office-2024-final.txt", "yantai-bigdata-2023-final.txt"][d];
            let blanks = match (d, relayout, crlf ^ fullwidth) {
                (0, true, false) => Blanks::TabsToSpacesDropped,
                (0, true, true) => Blanks::PrintedZeros,
                (1, true, false) => Blanks::ZerosDropped,
                (1, true, true) => Blanks::SpacesToTabs,
                _ => Blanks::AsPublished,
            };
            Variant { doc, blanks, crlf, blank_lines, fullwidth, footers, header_after }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn variants_parse_to_the_same_cells(v in variant()) {
        let (_, base) = original(v.doc);
        let text = apply(&v);
        let got = gongkai::check_text("variant", &text);
        let zero_is_blank = !matches!(v.blanks, Blanks::AsPublished | Blanks::SpacesToTabs);
        prop_assert_eq!(cells(&got, zero_is_blank), cells(&base, zero_is_blank), "{:?}", v);
        let table_errors: Vec<_> = got.findings.iter().filter(|f| f.severity == gongkai::rules::Severity::Error && f.table.is_some()).collect();
        prop_assert!(table_errors.is_empty(), "{:?}: {:#?}", v, table_errors);
    }
}

#[test]
fn the_tab_document_as_a_dropped_cell_space_document() {
    let v = Variant {
        doc: "yantai-office-2024-final.txt",
        blanks: Blanks::TabsToSpacesDropped,
        crlf: false,
        blank_lines: true,
        fullwidth: false,
        footers: vec![],
        header_after: None,
    };
    let (_, base) = original(v.doc);
    let got = gongkai::check_text("variant", &apply(&v));
    assert_eq!(cells(&got, true), cells(&base, true));
}

#[test]
fn the_space_document_as_tabs_and_the_tab_document_with_zeros() {
    for (doc, blanks) in [("qingdao-office-2024-final.txt", Blanks::SpacesToTabs), ("yantai-office-2024-final.txt", Blanks::PrintedZeros)] {
        let v = Variant { doc, blanks, crlf: false, blank_lines: false, fullwidth: false, footers: vec![], header_after: None };
        let (_, base) = original(v.doc);
        let got = gongkai::check_text("variant", &apply(&v));
        let zero_is_blank = blanks == Blanks::PrintedZeros;
        assert_eq!(cells(&got, zero_is_blank), cells(&base, zero_is_blank), "{blanks:?}");
    }
}
