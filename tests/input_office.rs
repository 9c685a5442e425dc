//! Workbook, .docx and HTML input: the official Shanghai forms in
//! ../shared/real (read in place), and files made here from a corpus text
//! (tests/fixtures) that must give the same report as the text itself.

use std::path::PathBuf;

mod common;

use gongkai::input::{self, InputKind};

fn real(nn: &str) -> Option<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/real");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: ../shared/real is absent");
        return None;
    };
    let p = rd.flatten().map(|e| e.path()).find(|p| p.file_name().unwrap().to_string_lossy().starts_with(&format!("{nn}-")))?;
    std::fs::read(p).ok()
}

fn line_with<'a>(x: &'a input::Extracted, parts: &[&str]) -> Option<(u32, &'a str)> {
    x.text.split('\n').enumerate().find(|(_, l)| parts.iter().all(|p| l.contains(p))).map(|(i, l)| (x.page_of_line[i], l))
}

/// Cells of a layout line: runs of two or more spaces separate them.
fn cells(l: &str) -> Vec<&str> {
    l.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect()
}

#[test]
fn shanghai_dept_budget_form_04_xlsx() {
    let Some(b) = real("04") else { return };
    assert_eq!(input::detect(&b), InputKind::Xlsx);
    let x = input::extract(&b).unwrap().unwrap();
    assert_eq!(x.kind, InputKind::Xlsx);
    assert_eq!(x.pages, 17);
    assert_eq!(x.sheet_names.len(), 17);
    // 财务收支预算总表: the two sides of a row stay on one line, one cell each.
    let (sheet, l) = line_with(&x, &["一、财政拨款收入", "一、一般公共服务支出"]).expect("two-sided row");
    assert_eq!(cells(l), vec!["一、财政拨款收入", "一、一般公共服务支出"]);
    // The table's title is on the same sheet (the contents sheet names it too).
    assert!(x.text.split('\n').zip(&x.page_of_line).any(|(l, s)| *s == sheet && l.trim() == "2026年部门财务收支预算总表"));
    let (_, head) = line_with(&x, &["功能分类科目编码", "功能分类科目名称", "合计", "财政拨款收入"]).unwrap();
    assert!(cells(head).len() >= 6, "{head}");
}

#[test]
fn shanghai_unit_budget_forms_05_xlsx_06_xls() {
    let (Some(a), Some(b)) = (real("05"), real("06")) else { return };
    assert_eq!(input::detect(&a), InputKind::Xlsx);
    assert_eq!(input::detect(&b), InputKind::Xls);
    let xa = input::extract(&a).unwrap().unwrap();
    let xb = input::extract(&b).unwrap().unwrap();
    assert_eq!(xb.kind, InputKind::Xls);
    assert_eq!(xb.pages, 16);
    for x in [&xa, &xb] {
        assert!(line_with(x, &["上海市普陀区2026年区级单位预算"]).is_some());
        assert!(line_with(x, &["2026年预算单位财务收支预算总表"]).is_some(), "{:?}", x.sheet_names);
        let (_, l) = line_with(x, &["一、财政拨款收入", "一、一般公共服务支出"]).expect("two-sided row");
        assert_eq!(cells(l)[0], "一、财政拨款收入");
    }
}

#[test]
fn the_three_official_forms_give_their_nine_tables_with_kinds_and_scope() {
    use gongkai::model::{Scope, TableKind::*};
    let want = [BSummary, BIncome, BExpenditure, BFiscal, BGeneral, BFund, BCapital, BBasicEcon, BSangong];
    for (nn, scope) in [("04", Scope::Department), ("05", Scope::Unit), ("06", Scope::Unit)] {
        let Some(b) = real(nn) else { return };
        let r = gongkai::check_bytes(nn, &b).unwrap();
        assert_eq!(r.document.kind, gongkai::model::DocumentKind::Budget, "{nn}");
        assert_eq!(r.document.scope, Some(scope), "{nn}");
        assert_eq!(r.document.year, Some(2026), "{nn}");
        let kinds: Vec<_> = r.tables.iter().map(|t| t.kind).collect();
        assert_eq!(kinds, want, "{nn}");
        // Templates: headers and example codes, no amounts; every table is
        // read, none reported missing.
        assert!(r.tables.iter().all(|t| t.read), "{nn}");
        assert!(r.coverage.tables_missing.is_empty(), "{nn}");
    }
}

// ---- files made from a corpus text --------------------------------------

const CORPUS: &str = include_str!("fixtures/yantai-office-2024-final.txt");
use common::{blocks, esc};

fn html_of(text: &str) -> String {
    let mut h = String::from("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>\n");
    for b in blocks(text) {
        match b {
            Ok(p) => h.push_str(&format!("<p>{}</p>\n", esc(p))),
            Err(rows) => {
                h.push_str("<table border=1>\n");
                for r in rows {
                    h.push_str("<tr>");
                    for c in r {
                        h.push_str(&format!("<td>{}</td>", esc(c)));
                    }
                    h.push_str("</tr>\n");
                }
                h.push_str("</table>\n");
            }
        }
    }
    h.push_str("</body></html>");
    h
}

fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c ^= b as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}

/// A zip archive with the files stored (no compression).
fn zip_store(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let off = out.len() as u32;
        let crc = crc32(data);
        let mut h = Vec::new();
        h.extend_from_slice(&[0x50, 0x4B, 3, 4, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        h.extend_from_slice(&crc.to_le_bytes());
        h.extend_from_slice(&(data.len() as u32).to_le_bytes());
        h.extend_from_slice(&(data.len() as u32).to_le_bytes());
        h.extend_from_slice(&(name.len() as u16).to_le_bytes());
        h.extend_from_slice(&[0, 0]);
        out.extend_from_slice(&h);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(&[0x50, 0x4B, 1, 2, 20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&(data.len() as u32).to_le_bytes());
        central.extend_from_slice(&(data.len() as u32).to_le_bytes());
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&off.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_off = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&[0x50, 0x4B, 5, 6, 0, 0, 0, 0]);
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_off.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

fn docx_of(text: &str) -> Vec<u8> {
    let p = |s: &str| format!("<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", esc(s));
    let mut body = String::new();
    for b in blocks(text) {
        match b {
            Ok(l) => body.push_str(&p(l)),
            Err(rows) => {
                body.push_str("<w:tbl>");
                for r in rows {
                    body.push_str("<w:tr>");
                    for c in r {
                        body.push_str(&format!("<w:tc>{}</w:tc>", p(c)));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    docx_package(&body, None)
}

/// A .docx of this document body, with a numbering part if given.
fn docx_package(body: &str, numbering: Option<String>) -> Vec<u8> {
    let doc = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut parts = vec![
        ("[Content_Types].xml", b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".to_vec()),
        ("word/document.xml", doc.into_bytes()),
    ];
    if let Some(n) = numbering {
        parts.push(("word/numbering.xml", n.into_bytes()));
    }
    zip_store(&parts)
}

/// A workbook with one sheet: the corpus text, one line per row, tab-separated cells in columns,
/// amounts as numbers with a #,##0.00 format (as a finance office's workbook has them).
fn xlsx_of(text: &str) -> Vec<u8> {
    let mut rows = String::new();
    for (r, line) in text.lines().enumerate() {
        rows.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, cell) in line.split('\t').enumerate() {
            if cell.is_empty() || c > 25 {
                continue;
            }
            let at = format!("{}{}", (b'A' + c as u8) as char, r + 1);
            let plain = cell.trim().replace(',', "");
            let is_amount = cell.trim().contains('.') && plain.parse::<f64>().is_ok() && !plain.starts_with('.');
            if is_amount {
                // Stored as a binary float, as Excel does: 0.1 + 0.2 style artefacts must not show.
                let v: f64 = plain.parse::<f64>().unwrap() * 3.0 / 3.0;
                rows.push_str(&format!("<c r=\"{at}\" s=\"1\"><v>{v:?}</v></c>"));
            } else {
                rows.push_str(&format!("<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>", esc(cell)));
            }
        }
        rows.push_str("</row>");
    }
    xlsx_with_rows(&rows)
}

/// A one-sheet workbook (sheet 决算) with these `<row>` elements and a #,##0.00 style as s="1".
fn xlsx_with_rows(rows: &str) -> Vec<u8> {
    xlsx_with_sheet(rows, "")
}

/// [`xlsx_with_rows`], with `after` (merges) after the sheet's data.
fn xlsx_with_sheet(rows: &str, after: &str) -> Vec<u8> {
    let sheet = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{rows}</sheetData>{after}</worksheet>"
    );
    let styles =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
        <numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"#,##0.00\"/></numFmts>\
        <fonts count=\"1\"><font/></fonts><fills count=\"1\"><fill/></fills><borders count=\"1\"><border/></borders>\
        <cellStyleXfs count=\"1\"><xf/></cellStyleXfs>\
        <cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>";
    zip_store(&[
        ("[Content_Types].xml", b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>".to_vec()),
        ("_rels/.rels", b"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_vec()),
        ("xl/workbook.xml", b"<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"\xE5\x86\xB3\xE7\xAE\x97\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".to_vec()),
        ("xl/_rels/workbook.xml.rels", b"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>".to_vec()),
        ("xl/styles.xml", styles.as_bytes().to_vec()),
        ("xl/worksheets/sheet1.xml", sheet.into_bytes()),
    ])
}

/// What a report says, minus where it came from.
fn summary(r: &gongkai::DocumentReport) -> (String, Vec<String>, Vec<String>) {
    // Line numbers differ (an HTML page has no blank lines); the findings must not.
    let unline = |m: &str| {
        let mut out = String::new();
        for (i, part) in m.split('第').enumerate() {
            if i > 0 {
                let digits = part.chars().take_while(char::is_ascii_digit).count();
                if digits > 0 && part[digits..].starts_with('行') {
                    out.push_str("第N");
                    out.push_str(&part[digits..]);
                    continue;
                }
                out.push('第');
            }
            out.push_str(part);
        }
        out
    };
    let mut f: Vec<String> = r.findings.iter().map(|f| format!("{} {}", f.rule, unline(&f.message))).collect();
    f.sort();
    (format!("{:?} {:?} {:?}", r.document.kind, r.document.department, r.document.year), r.coverage.tables_found.clone(), f)
}

#[test]
fn html_docx_xlsx_made_from_a_corpus_text_give_its_report() {
    let from_text = gongkai::check_bytes("t", CORPUS.as_bytes()).unwrap();
    let want = summary(&from_text);
    assert_eq!(want.1.len(), 9, "the text itself reads all nine tables: {:?}", want.1);

    let html = html_of(CORPUS);
    assert_eq!(input::detect(html.as_bytes()), InputKind::Html);
    let h = gongkai::check_file("t.html", html.as_bytes()).unwrap();
    assert_eq!(h.input.as_ref().unwrap().kind, InputKind::Html);
    assert_eq!(summary(&h.report), want, "HTML");

    let docx = docx_of(CORPUS);
    assert_eq!(input::detect(&docx), InputKind::Docx);
    let d = gongkai::check_file("t.docx", &docx).unwrap();
    assert_eq!(summary(&d.report), want, "DOCX");

    let xlsx = xlsx_of(CORPUS);
    assert_eq!(input::detect(&xlsx), InputKind::Xlsx);
    let x = gongkai::check_file("t.xlsx", &xlsx).unwrap();
    let xi = x.input.as_ref().unwrap();
    assert_eq!(xi.sheet_names, vec!["决算".to_string()]);
    assert_eq!(summary(&x.report).1, want.1, "XLSX: the same tables");
    assert_eq!(summary(&x.report), want, "XLSX");

    // Where findings are: the sheet of a workbook; nothing for HTML and .docx,
    // which have no pages of their own.
    let sheet = x.report.findings.iter().find(|f| f.source_line.is_some()).unwrap();
    assert_eq!(sheet.page, Some(1));
    assert_eq!(x.report.place_of(sheet.page).as_deref(), Some("工作表“决算”"));
    assert!(x.report.tables.iter().flat_map(|t| &t.rows).all(|r| r.page == Some(1)));
    let html = h.report.input.as_ref().unwrap();
    assert_eq!((html.kind, html.pages), (InputKind::Html, 1));
    assert!(h.report.findings.iter().all(|f| f.page.is_none()));
    assert_eq!(d.report.input.as_ref().unwrap().kind, InputKind::Docx);
}

#[test]
fn workbook_numbers_as_displayed_and_far_cells_bounded() {
    // 15532.59 * 3 / 3 is 15532.590000000002 as a float; Excel shows 15,532.59.
    let v = 15532.59f64 * 3.0 / 3.0;
    let rows = format!(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>合计</t></is></c><c r=\"B1\" s=\"1\"><v>{v:?}</v></c><c r=\"C1\"><v>0.30000000000000004</v></c></row>\
         <row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>"
    );
    let x = input::extract(&xlsx_with_rows(&rows)).unwrap().unwrap();
    let first = x.text.lines().next().unwrap();
    assert_eq!(cells(first), vec!["合计", "15,532.59", "0.3"]);
    // The stray far cell is outside the bounds and dropped; nothing huge was built.
    assert!(x.text.len() < 1000);
}

#[test]
fn the_real_xls_with_its_directory_chain_looped_is_refused_at_once() {
    // The damage a fuzzer found (issue 13): a sector chain that comes back on
    // itself. calamine follows the directory's chain to its end mark, with no
    // bound, and grew its buffer to 24 GB in two minutes.
    let Some(mut b) = real("06") else { return };
    let word = |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap()) as usize;
    let size = 1usize << u16::from_le_bytes([b[30], b[31]]);
    let dir = word(&b, 0x30);
    // The FAT sector that maps the directory's first sector (the header
    // lists the first 109 FAT sectors from 0x4C).
    let per_sector = size / 4;
    let fat_sector = word(&b, 0x4C + 4 * (dir / per_sector));
    let entry = (fat_sector + 1) * size + 4 * (dir % per_sector);
    b[entry..entry + 4].copy_from_slice(&(dir as u32).to_le_bytes());
    match gongkai::check_bytes("06.xls", &b) {
        Err(gongkai::InputError::Office(why)) => assert!(why.contains("首尾相接"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_sheet_with_a_stray_cell_far_out_in_every_row_is_read_compactly_or_refused() {
    // Columns no cell prints in take no room: 20,000 rows of a label in A
    // and an amount in AMJ (column 1,024) read as two cells a row, not as
    // lines padded across a thousand empty columns (117 MB of text before).
    let rows: String = (1..=20_000)
        .map(|r| format!("<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>合计</t></is></c><c r=\"AMJ{r}\"><v>{r}</v></c></row>"))
        .collect();
    let x = input::extract(&xlsx_with_rows(&rows)).unwrap().unwrap();
    assert_eq!(cells(x.text.lines().nth(9).unwrap()), vec!["合计", "10"]);
    assert!(x.text.len() < 20_000 * 20, "{}", x.text.len());
    // When the printed columns are many and every row reaches the last of
    // them, the grid itself would be dense (21 million empty strings here):
    // refused, not built.
    let first: String = (0..1024).map(|c| format!("<c r=\"{}1\"><v>1</v></c>", column(c))).collect();
    let rows: String = std::iter::once(format!("<row r=\"1\">{first}</row>"))
        .chain((2..=20_000).map(|r| format!("<row r=\"{r}\"><c r=\"AMJ{r}\"><v>1</v></c></row>")))
        .collect();
    match input::extract(&xlsx_with_rows(&rows)) {
        Err(gongkai::InputError::Office(why)) => assert!(why.contains("有效区域超过"), "{why}"),
        other => panic!("{other:?}"),
    }
}

/// A column's letters (0 → A, 25 → Z, 26 → AA).
fn column(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

#[test]
fn a_merge_whose_corners_are_reversed_reads_or_fails_but_never_panics() {
    // Found by fuzzing (the 2026 unit form with a byte changed): calamine
    // subtracts a merge's corners unchecked, which panics where overflow is
    // checked (tests, the fuzzer) and wraps in release builds. Either way
    // the check goes on: read, or a Chinese error, never a panic.
    let rows = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>合计</t></is></c><c r=\"B1\"><v>1</v></c></row>";
    let x = xlsx_with_sheet(rows, "<mergeCells count=\"1\"><mergeCell ref=\"B2:A1\"/></mergeCells>");
    match input::extract(&x) {
        Ok(Some(x)) => assert_eq!(cells(x.text.lines().next().unwrap()), vec!["合计", "1"]),
        Err(gongkai::InputError::Office(why)) => assert_eq!(why, "读取工作簿时出错"),
        other => panic!("{other:?}"),
    }
}

/// A cell to write into a form: an amount (a number, kept in the form's
/// own number format) or a text (empty to clear the form's example).
enum Fill<'a> {
    Amount(&'a str),
    Text(&'a str),
}

/// The real 05 form (the Putuo 2026 预算单位 workbook) as a unit fills it
/// in: each `(sheet, cell, value)` written into that sheet's XML (sheets by
/// their number in the workbook), every other part as the form has it.
/// None when ../shared/real is absent.
fn filled_05(fills: &[(u32, &str, Fill)]) -> Option<Vec<u8>> {
    use std::io::Read;
    let form = real("05")?;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(form)).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        parts.push((e.name().unwrap().to_string(), bytes));
    }
    for (sheet, at, fill) in fills {
        let name = format!("xl/worksheets/sheet{sheet}.xml");
        let part = parts.iter_mut().find(|p| p.0 == name).unwrap();
        let mut xml = String::from_utf8(part.1.clone()).unwrap();
        // The form's cell, empty (`<c r="B10" s="33"/>`) or holding an example.
        let open = format!("<c r=\"{at}\" ");
        let start = xml.find(&open).unwrap_or_else(|| panic!("{name} has no cell {at}"));
        let head_end = start + xml[start..].find('>').unwrap();
        let end = if xml[..head_end].ends_with('/') { head_end + 1 } else { head_end + xml[head_end..].find("</c>").unwrap() + 4 };
        let style = xml[start..head_end].split(" s=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("0").to_string();
        let cell = match fill {
            Fill::Amount(v) => format!("<c r=\"{at}\" s=\"{style}\"><v>{v}</v></c>"),
            Fill::Text("") => format!("<c r=\"{at}\" s=\"{style}\"/>"),
            Fill::Text(t) => format!("<c r=\"{at}\" s=\"{style}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>", esc(t)),
        };
        xml.replace_range(start..end, &cell);
        part.1 = xml.into_bytes();
    }
    let parts: Vec<(&str, Vec<u8>)> = parts.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    Some(zip_store(&parts))
}

/// 05 filled in with amounts that agree everywhere: its 财务收支预算总表,
/// whose header has three levels (预算数 over 合计, 基本支出 and 项目支出;
/// 基本支出 over 人员经费 and 公用经费), its “三公” table, and the
/// narrative of 其他相关情况说明, one cell of many lines.
fn agreeing_05() -> Vec<(u32, &'static str, Fill<'static>)> {
    use Fill::*;
    vec![
        (7, "B10", Amount("1300000")),
        (7, "B11", Amount("1300000")),
        (7, "B14", Amount("200000")),
        (7, "C10", Text("一、教育支出")),
        (7, "D10", Amount("1000000")),
        (7, "E10", Amount("500000")),
        (7, "F10", Amount("100000")),
        (7, "G10", Amount("400000")),
        (7, "C11", Text("二、文化旅游体育与传媒支出")),
        (7, "D11", Amount("500000")),
        (7, "G11", Amount("500000")),
        (7, "C12", Text("")),
        (7, "C13", Text("")),
        (7, "B21", Amount("1500000")),
        (7, "D21", Amount("1500000")),
        (7, "E21", Amount("500000")),
        (7, "F21", Amount("100000")),
        (7, "G21", Amount("900000")),
        (15, "A7", Amount("5")),
        (15, "B7", Amount("1")),
        (15, "C7", Amount("1")),
        (15, "D7", Amount("3")),
        (15, "E7", Amount("0")),
        (15, "F7", Amount("3")),
        (15, "G7", Amount("10")),
        (
            16,
            "A3",
            Text(
                "   一、2026年“三公”经费预算情况说明 \n      2026年“三公”经费预算数为5万元，比2025年预算持平。其中：\n     （一）因公出国（境）费1万元，比2025年预算持平。\n     （二）公务用车购置及运行费3万元，比2025年预算持平。\n     （三）公务接待费1万元，比2025年预算持平。\n  二、机关运行经费预算\n      2026年本单位机关运行经费预算为10万元。\n",
            ),
        ),
    ]
}

#[test]
fn a_filled_unit_form_reads_its_three_level_header_and_its_narrative_sheet_and_finds_no_error() {
    let Some(b) = filled_05(&agreeing_05()) else { return };
    let r = gongkai::check_bytes("05-filled.xlsx", &b).unwrap();
    let errors: Vec<&str> =
        r.findings.iter().filter(|f| f.severity == gongkai::rules::Severity::Error).map(|f| f.message.as_str()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The header's columns, in order: 基本支出's two columns are its
    // 人员经费 and 公用经费 (not a third column of its own, which made
    // "合计 = the others' sum" fail on every row).
    let t = r.tables.iter().find(|t| t.kind == gongkai::model::TableKind::BSummary).unwrap();
    assert_eq!(t.columns.len(), 5, "{:?}", t.columns);
    assert!(t.columns[2].ends_with("基本支出 › 人员经费") && t.columns[3].ends_with("基本支出 › 公用经费"), "{:?}", t.columns);
    let row = t.rows.iter().find(|r| r.label == "一、教育支出").unwrap();
    let d = |s: &str| Some(s.parse::<rust_decimal::Decimal>().unwrap());
    assert_eq!(row.values, [None, d("1000000"), d("500000"), d("100000"), d("400000")]);
    // The narrative sheet's headings open their sections, so its 三公 and
    // 机关运行经费 amounts are found and checked against the table.
    let skipped: Vec<&str> = r.coverage.rules_skipped.iter().map(|s| s.rule).collect();
    for rule in ["NAR-101", "NAR-104", "TBL-201"] {
        assert!(!skipped.contains(&rule), "{rule} skipped: {:?}", r.coverage.rules_skipped);
    }
}

#[test]
fn a_filled_unit_form_with_a_wrong_cell_or_narrative_amount_is_reported() {
    let wrong = |at: (u32, &'static str), fill: Fill<'static>| {
        let mut fills = agreeing_05();
        fills.retain(|f| (f.0, f.1) != at);
        fills.push((at.0, at.1, fill));
        let b = filled_05(&fills)?;
        let r = gongkai::check_bytes("05-filled.xlsx", &b).unwrap();
        Some(r.findings.iter().filter(|f| f.severity == gongkai::rules::Severity::Error).map(|f| f.rule.to_string()).collect::<Vec<_>>())
    };
    // 人员经费 510,000: the row's 合计 is no longer its columns' sum.
    let Some(errors) = wrong((7, "E10"), Fill::Amount("510000")) else { return };
    assert!(errors.iter().any(|r| r == "TBL-201"), "{errors:?}");
    // The narrative's 三公 total 6 万元 against the table's 5.
    let text = match &agreeing_05()[25].2 {
        Fill::Text(t) => t.replace("预算数为5万元", "预算数为6万元"),
        Fill::Amount(_) => unreachable!(),
    };
    let errors = wrong((16, "A3"), Fill::Text(Box::leak(text.into_boxed_str()))).unwrap();
    assert!(errors.iter().any(|r| r == "NAR-101"), "{errors:?}");
}

/// The parts of a zip (an .xlsx), by name, in order.
fn parts_of(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut e = zip.by_index(i).unwrap();
            let mut b = Vec::new();
            e.read_to_end(&mut b).unwrap();
            (e.name().unwrap().to_string(), b)
        })
        .collect()
}

/// A zip of `parts`.
fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let parts: Vec<(&str, Vec<u8>)> = parts.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    zip_store(&parts)
}

/// `parts` with the text of part `name` put through `f`.
fn edited(mut parts: Vec<(String, Vec<u8>)>, name: &str, f: impl Fn(String) -> String) -> Vec<(String, Vec<u8>)> {
    let part = parts.iter_mut().find(|p| p.0 == name).unwrap();
    part.1 = f(String::from_utf8(part.1.clone()).unwrap()).into_bytes();
    parts
}

/// `bytes` (an .xlsx) with one more sheet, hidden, named `name`: a copy of
/// sheet `of` with `edits` (cell, value) made in it.
fn with_hidden_copy(bytes: &[u8], of: u32, name: &str, edits: &[(&str, &str)]) -> Vec<u8> {
    let parts = parts_of(bytes);
    let sheet = format!("xl/worksheets/sheet{of}.xml");
    let mut copy = String::from_utf8(parts.iter().find(|p| p.0 == sheet).unwrap().1.clone()).unwrap();
    for (at, v) in edits {
        let start = copy.find(&format!("<c r=\"{at}\" ")).unwrap();
        let end = start + copy[start..].find("</c>").unwrap() + 4;
        copy.replace_range(start..end, &format!("<c r=\"{at}\"><v>{v}</v></c>"));
    }
    let parts = edited(parts, "xl/workbook.xml", |x| {
        x.replace("</sheets>", &format!("<sheet name=\"{name}\" sheetId=\"99\" state=\"hidden\" r:id=\"rId99\"/></sheets>"))
    });
    let mut parts = edited(parts, "xl/_rels/workbook.xml.rels", |x| {
        x.replace(
            "</Relationships>",
            "<Relationship Id=\"rId99\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet99.xml\"/></Relationships>",
        )
    });
    parts.push(("xl/worksheets/sheet99.xml".to_string(), copy.into_bytes()));
    zip_of(&parts)
}

/// What a workbook publishes is what opens in it: a hidden sheet (here a
/// draft of the 财务收支预算总表 whose 人员经费 disagrees) is not read, so
/// its copy of the table is not held to the published one, and the report
/// names it; a workbook of hidden sheets only says so.
#[test]
fn a_hidden_sheet_is_named_not_read() {
    let Some(filled) = filled_05(&agreeing_05()) else { return };
    let b = with_hidden_copy(&filled, 7, "底稿", &[("E10", "510000")]);
    let x = input::extract(&b).unwrap().unwrap();
    assert_eq!(x.hidden_sheets, vec!["底稿".to_string()]);
    assert_eq!(x.sheet_names.len(), 16);
    assert!(!x.text.contains("510,000"));
    let r = gongkai::check_bytes("05-filled.xlsx", &b).unwrap();
    let errors: Vec<&str> = r.findings.iter().filter(|f| f.severity == gongkai::rules::Severity::Error).map(|f| f.rule).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(r.tables.iter().filter(|t| t.kind == gongkai::model::TableKind::BSummary).count(), 1);
    let input = r.input.as_ref().unwrap();
    assert_eq!(input.summary(), "Excel (.xlsx)，16 个工作表，另有 1 个隐藏的工作表未读取：底稿");
    // The JSON names it; a workbook without hidden sheets has no such key.
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["input"]["hidden_sheets"], serde_json::json!(["底稿"]));
    let plain = serde_json::to_value(gongkai::check_bytes("05-filled.xlsx", &filled).unwrap()).unwrap();
    assert!(plain["input"].get("hidden_sheets").is_none());
    // Shown, the draft is read and its 人员经费 breaks the row's sum.
    let shown = zip_of(&edited(parts_of(&b), "xl/workbook.xml", |x| x.replace(" state=\"hidden\"", "")));
    let r = gongkai::check_bytes("05-filled.xlsx", &shown).unwrap();
    assert!(r.findings.iter().any(|f| f.rule == "TBL-201" && f.severity == gongkai::rules::Severity::Error));

    let one = xlsx_with_rows("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>合计</t></is></c></row>");
    let hidden = zip_of(&edited(parts_of(&one), "xl/workbook.xml", |x| x.replace("sheetId=\"1\"", "sheetId=\"1\" state=\"hidden\"")));
    match input::extract(&hidden) {
        Err(gongkai::InputError::Office(why)) => assert!(why.contains("都已隐藏（决算）"), "{why}"),
        other => panic!("{other:?}"),
    }
}

/// A Chinese numeral's value ("一" 1, "十一" 11, "二十" 20), below 100.
fn numeral(s: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".chars().position(|d| d == c).map(|i| i as u32 + 1);
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [d] => digit(*d).or((*d == '十').then_some(10)),
        ['十', o] => Some(10 + digit(*o)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', o] => Some(10 * digit(*t)? + digit(*o)?),
        _ => None,
    }
}

/// `text` as a .docx whose headings Word numbers itself, as an author's
/// heading lists do: each line opening with "一、" (level 0) or "（一）"
/// (level 1), short and holding no figure, is a numbered paragraph without
/// its ordinal, in list 1 ("%1、", "（%2）", chineseCounting). Where the
/// printed ordinals do not go on as Word counts (a new part starts at 一
/// again) a new list instance restarts that level there, as Word's
/// "restart numbering" does.
fn docx_numbered(text: &str) -> Vec<u8> {
    let p = |props: &str, s: &str| format!("<w:p><w:pPr>{props}</w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", esc(s));
    let (mut body, mut nums) = (String::new(), String::from("<w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/></w:num>"));
    let (mut num, mut counts) = (1u32, [None::<u32>; 2]);
    for line in text.lines() {
        let t = line.trim();
        let heading = if let Some((n, rest)) = t.split_once('、').filter(|(n, _)| !n.starts_with('（')) {
            numeral(n).map(|v| (0usize, v, rest))
        } else if let Some((n, rest)) = t.strip_prefix('（').and_then(|r| r.split_once('）')) {
            numeral(n).map(|v| (1usize, v, rest))
        } else {
            None
        };
        match heading.filter(|(_, _, rest)| rest.chars().count() < 40 && !rest.chars().any(|c| c.is_ascii_digit()) && !rest.is_empty()) {
            Some((level, value, rest)) => {
                let next = counts[level].map_or(1, |c| c + 1);
                if value != next {
                    num += 1;
                    nums.push_str(&format!(
                        "<w:num w:numId=\"{num}\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"{level}\"><w:startOverride w:val=\"{value}\"/></w:lvlOverride></w:num>"
                    ));
                }
                counts[level] = Some(value);
                if level == 0 {
                    counts[1] = None;
                }
                body.push_str(&p(&format!("<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr>"), rest));
            }
            None => body.push_str(&p("", line)),
        }
    }
    let numbering = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>\
         <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl></w:abstractNum>{nums}</w:numbering>"
    );
    docx_package(&body, Some(numbering))
}

/// A .docx whose headings Word numbers is read with its numbers: each
/// corpus document so written gives the report of its text (read without
/// them, its sections ran together: qingdao's 2024 final lost a real
/// error, SG-001, and the 三公 counts it rests on).
#[test]
fn a_docx_whose_headings_word_numbers_reads_as_its_text() {
    for name in ["qingdao-office-2024-final.txt", "yantai-bigdata-2023-final.txt", "qingdao-office-2023-budget.txt"] {
        let text = std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let want = summary(&gongkai::check_bytes("t", text.as_bytes()).unwrap());
        let docx = docx_numbered(&text);
        // The headings are numbered by Word, not typed.
        let xml = String::from_utf8_lossy(&docx);
        assert!(xml.matches("<w:numPr>").count() > 40, "{name}");
        assert!(!xml.contains(">一、部门主要职责") && !xml.contains(">一、部门职责"), "{name}");
        let got = summary(&gongkai::check_bytes("t.docx", &docx).unwrap());
        assert_eq!(got, want, "{name}");
    }
}
