//! PDF input: the real disclosures in ../shared/real (read in place, never
//! copied) against the `pdftotext -layout` text beside each, and made-up
//! PDFs for scans, encryption, truncation and size.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

mod common;

use gongkai::input::{self, InputKind};
use gongkai::InputError;

/// The real file whose name starts with `nn-` and ends with `ext`.
fn real(nn: &str, ext: &str) -> Option<(Vec<u8>, PathBuf)> {
    let dir = common::real_dir()?;
    let mut names: Vec<_> = std::fs::read_dir(&dir).ok()?.flatten().map(|e| e.path()).collect();
    names.sort();
    let p = names.into_iter().find(|p| {
        let n = p.file_name().unwrap().to_string_lossy().to_string();
        n.starts_with(&format!("{nn}-")) && n.ends_with(ext)
    })?;
    Some((std::fs::read(&p).ok()?, p))
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// An amount as printed: 16,482.53 / 1520.60 / 2,318 (a bare integer is not counted).
fn is_amount(t: &str) -> bool {
    let t = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    if int.is_empty() || !int.chars().all(|c| c.is_ascii_digit() || c == ',') || int.starts_with(',') {
        return false;
    }
    match frac {
        Some(f) => !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()),
        None => int.contains(','),
    }
}

/// (page, row label, amount) for every amount on a line with a Chinese label.
fn row_keys(text: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    for (p, page) in text.split('\u{c}').enumerate() {
        for line in page.split('\n') {
            let toks: Vec<&str> = line.split_whitespace().collect();
            let Some(label) = toks.iter().find(|t| t.chars().any(is_cjk)) else { continue };
            for t in &toks {
                if is_amount(t) {
                    out.push((p, label.to_string(), t.to_string()));
                }
            }
        }
    }
    out
}

/// How many of the .layout.txt's labelled amounts our text has on one line
/// with the same label on the same page.
fn rows_kept(layout: &str, ours: &str) -> (usize, usize) {
    let pages: Vec<Vec<Vec<&str>>> = ours.split('\u{c}').map(|p| p.split('\n').map(|l| l.split_whitespace().collect()).collect()).collect();
    let keys = row_keys(layout);
    let hit = keys
        .iter()
        .filter(|(p, label, amt)| {
            pages.get(*p).is_some_and(|lines| lines.iter().any(|l| l.contains(&label.as_str()) && l.contains(&amt.as_str())))
        })
        .count();
    (hit, keys.len())
}

/// The characters one text has more (+) or fewer (-) times than the other.
fn char_diff(a: &str, b: &str) -> Vec<(char, i64)> {
    let (ca, cb) = (char_counts(a), char_counts(b));
    let mut d: Vec<(char, i64)> = ca
        .keys()
        .chain(cb.keys())
        .map(|c| (*c, *ca.get(c).unwrap_or(&0) as i64 - *cb.get(c).unwrap_or(&0) as i64))
        .filter(|(_, n)| *n != 0)
        .collect();
    d.sort();
    d.dedup();
    d
}

fn char_counts(s: &str) -> HashMap<char, usize> {
    let mut m = HashMap::new();
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// Reads real PDF `nn` and checks it against its .layout.txt: the same
/// characters, and (nearly) every labelled amount on its row.
fn check_real(nn: &str, min_rows: f64) -> Option<input::Extracted> {
    let (bytes, path) = real(nn, ".pdf")?;
    let layout = std::fs::read_to_string(path.with_extension("layout.txt")).expect("layout text beside the PDF");
    let x = input::extract(&bytes).expect("reads").expect("a PDF");
    assert_eq!(x.kind, InputKind::Pdf);
    assert_eq!(x.pages as usize, layout.split('\u{c}').filter(|p| !p.trim().is_empty()).count().max(x.pages as usize));
    assert_eq!(x.page_of_line.len(), x.text.split('\n').count() - 1, "one page number per line");
    assert_eq!(char_diff(&x.text, &layout), vec![], "{nn}: the same characters as pdftotext");
    let (hit, n) = rows_kept(&layout, &x.text);
    eprintln!("{nn}: {hit}/{n} labelled amounts on their row");
    assert!(n > 0 && hit as f64 >= min_rows * n as f64, "{nn}: {hit}/{n}");
    Some(x)
}

/// The line (and its page) that holds all of `parts` as whitespace-separated tokens.
fn line_with<'a>(x: &'a input::Extracted, parts: &[&str]) -> Option<(u32, &'a str)> {
    x.text
        .split('\n')
        .enumerate()
        .find(|(_, l)| {
            let toks: Vec<&str> = l.split_whitespace().collect();
            parts.iter().all(|p| toks.contains(p))
        })
        .map(|(i, l)| (x.page_of_line[i], l))
}

#[test]
fn jiangsu_rotated_tables_09() {
    // /Rotate 90 on every page: the 收支预算总表 must read upright, a row per line.
    let Some(x) = check_real("09", 1.0) else { return };
    let (page, _) = line_with(&x, &["一、财政拨款", "18,330.37", "一、一般公共服务支出", "13,907.78", "一、基本支出", "9,312.90"])
        .expect("first row of 收支预算总表 on one line");
    assert_eq!(page, 1);
    let (_, l) = line_with(&x, &["八、社会保障和就业支出", "1,121.39"]).unwrap();
    assert!(l.contains("  1,121.39"), "cells separated by two spaces at least: {l}");
}

#[test]
fn jiangsu_rotated_mixed_15_17() {
    // 15 and 17 mix portrait and /Rotate 90 pages.
    if check_real("15", 1.0).is_none() {
        return;
    }
    check_real("17", 1.0);
}

#[test]
fn jiangsu_tables_13_21() {
    check_real("13", 1.0);
    check_real("21", 1.0);
}

#[test]
fn shanghai_budget_01() {
    let Some(x) = check_real("01", 1.0) else { return };
    assert_eq!(x.pages, 33);
    // Every page number is in range and never decreases.
    assert!(x.page_of_line.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(*x.page_of_line.last().unwrap(), 33);
}

#[test]
fn shanghai_final_02_gbk_euc_font() {
    // 02 has a FangSong font encoded GBK-EUC-H without a ToUnicode map.
    check_real("02", 0.99);
}

#[test]
fn every_real_pdf_reads_like_pdftotext() {
    let Some(dir) = common::real_dir() else { return };
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    names.sort();
    let (mut hit, mut n) = (0, 0);
    for p in names.iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")) {
        let layout = std::fs::read_to_string(p.with_extension("layout.txt")).unwrap();
        let x = input::extract(&std::fs::read(p).unwrap()).unwrap().unwrap();
        assert_eq!(char_diff(&x.text, &layout), vec![], "{}", p.display());
        let (h, k) = rows_kept(&layout, &x.text);
        hit += h;
        n += k;
    }
    eprintln!("all real PDFs: {hit}/{n} labelled amounts on their row");
    // The few misses are narrative sentences that pdftotext breaks in the middle.
    assert!(hit * 100 >= n * 99, "{hit}/{n}");
}

#[test]
fn cli_checks_a_pdf_like_its_layout_text() {
    let Some((bytes, path)) = real("09", ".pdf") else { return };
    let from_pdf = gongkai::check_file("x", &bytes).unwrap();
    let layout = std::fs::read(path.with_extension("layout.txt")).unwrap();
    let from_text = gongkai::check_bytes("x", &layout).unwrap();
    assert_eq!(from_pdf.report.document.kind, from_text.document.kind);
    assert_eq!(from_pdf.report.document.department, from_text.document.department);
    assert_eq!(from_pdf.report.document.year, from_text.document.year);
    assert_eq!(from_pdf.report.coverage.tables_found, from_text.coverage.tables_found);
    assert_eq!(from_pdf.report.encoding.as_deref(), Some("PDF"));
    assert_eq!(from_pdf.input.unwrap().pages, 13);
}

#[test]
fn report_says_the_page_of_each_finding_and_row() {
    let Some((bytes, path)) = real("09", ".pdf") else { return };
    let c = gongkai::check_file("09.pdf", &bytes).unwrap();
    let (r, x) = (&c.report, c.input.as_ref().unwrap());
    let info = r.input.as_ref().expect("the report says what the file was");
    assert_eq!((info.kind, info.pages), (InputKind::Pdf, 13));
    // The page of a line is the page the form feeds put it on, so rows,
    // findings and a table's title page (counted by form feeds) agree.
    let mut page = 1;
    for (i, l) in x.text.split('\n').enumerate().take(x.page_of_line.len()) {
        page += l.matches('\u{c}').count() as u32;
        assert_eq!(x.page_of_line[i], page, "line {}", i + 1);
    }
    assert!(!r.tables.is_empty());
    for t in &r.tables {
        for row in &t.rows {
            assert_eq!(row.page, x.page_of(row.source_line), "{} {}", t.title, row.label);
            assert!(row.page.is_some());
        }
    }
    // The empty 政府性基金 table (DOC-002) is on page 10.
    let doc002 = r.findings.iter().find(|f| f.rule == "DOC-002").expect("DOC-002");
    assert_eq!(doc002.page, Some(10));
    assert_eq!(r.place_of(doc002.page).as_deref(), Some("第10页"));
    for f in &r.findings {
        assert_eq!(f.page, f.source_line.and_then(|n| x.page_of(n)), "{}", f.rule);
    }
    // Additive JSON keys; text input has them as null.
    let json = serde_json::to_value(r).unwrap();
    assert_eq!(json["input"], serde_json::json!({ "kind": "pdf", "pages": 13, "sheet_names": [] }));
    assert_eq!(json["tables"][0]["rows"][0]["page"], 1);
    let f = r.findings.iter().position(|f| f.rule == "DOC-002").unwrap();
    assert_eq!(json["findings"][f]["page"], 10);
    let text = gongkai::check_bytes("t", &std::fs::read(path.with_extension("layout.txt")).unwrap()).unwrap();
    let json = serde_json::to_value(&text).unwrap();
    assert!(json["input"].is_null() && json["findings"][0]["page"].is_null());
    assert!(json["tables"][0]["rows"][0]["page"].is_null());
}

#[test]
fn page_reader_gives_what_extract_gives() {
    let Some((bytes, _)) = real("15", ".pdf") else { return };
    let mut r = input::PdfReader::open(&bytes).unwrap();
    assert_eq!((r.pages(), r.done()), (15, 0));
    let mut steps = 0;
    while r.step() {
        steps += 1;
        assert_eq!(r.done(), steps);
    }
    assert_eq!(steps, 15);
    assert_eq!(r.finish().unwrap(), input::extract(&bytes).unwrap().unwrap());
}

// ---- made-up PDFs -------------------------------------------------------

/// Writes a PDF from object bodies (object i+1 = objs[i]) with a correct xref.
fn pdf(objs: &[Vec<u8>], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n", objs.len() + 1).as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    o.extend_from_slice(data);
    o.extend_from_slice(b"\nendstream");
    o
}

/// One page per content stream, Helvetica as /F1 and a 2×2 image as /Im1.
fn pages_pdf(contents: &[Vec<u8>], trailer_extra: &str, extra_objs: &[Vec<u8>]) -> Vec<u8> {
    let n = contents.len();
    // 1 catalog, 2 pages, 3 font, 4 image, then (page, content) pairs, then extras.
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 5 + 2 * i)).collect();
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", &[0, 255, 255, 0]),
    ];
    for (i, c) in contents.iter().enumerate() {
        objs.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 7 0 R >> /XObject << /Im1 4 0 R >> >> /Contents {} 0 R >>",
                6 + 2 * i
            )
            .into_bytes(),
        );
        objs.push(stream("", c));
    }
    objs.extend_from_slice(extra_objs);
    pdf(&objs, trailer_extra)
}

fn text_page(rows: &[(&str, &str)]) -> Vec<u8> {
    let mut c = String::from("BT /F1 10 Tf\n");
    for (i, (label, amount)) in rows.iter().enumerate() {
        let y = 800 - 14 * i as i32;
        c.push_str(&format!("1 0 0 1 72 {y} Tm ({label}) Tj 1 0 0 1 400 {y} Tm ({amount}) Tj\n"));
    }
    c.push_str("ET");
    c.into_bytes()
}

#[test]
fn made_up_text_pdf_reads() {
    let b = pages_pdf(&[text_page(&[("Total", "16,482.53"), ("Basic", "8,106.25")])], "", &[]);
    let x = input::extract(&b).unwrap().unwrap();
    let lines: Vec<&str> = x.text.lines().collect();
    assert!(lines[0].starts_with("Total  ") && lines[0].ends_with("16,482.53"), "{lines:?}");
    assert!(lines[1].starts_with("Basic  ") && lines[1].ends_with("8,106.25"));
}

#[test]
fn cjk_font_without_tounicode_reads_through_adobe_gb1() {
    // A non-embedded SimSun-style Type0 font, Identity-H, CIDSystemInfo Adobe-GB1, no ToUnicode:
    // the CIDs are Adobe-GB1's (财政拨款合计 16,482.53).
    let content = b"BT /F2 10 Tf 72 700 Td <048D119F046D097B07860839> Tj 200 0 Td <00120017000D00150019001300 0F00160014> Tj ET".to_vec();
    let font = b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [8 0 R] >>".to_vec();
    let cid = b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 5 >> /DW 1000 /W [13 [500] 15 [500] 17 26 500] >>".to_vec();
    // One page: objects 5 (page) and 6 (content), then 7 (font, /F2) and 8.
    let b = pages_pdf(&[content], "", &[font, cid]);
    let x = input::extract(&b).unwrap().unwrap();
    assert_eq!(x.text.split_whitespace().collect::<Vec<_>>(), ["财政拨款合计", "16,482.53"], "{:?}", x.text);
    assert!(x.text.contains("合计  "), "two cells: {:?}", x.text);
}

#[test]
fn scan_without_text_layer_needs_ocr() {
    let b = pages_pdf(&[b"q 595 0 0 842 0 0 cm /Im1 Do Q".to_vec()], "", &[]);
    let e = input::extract(&b).unwrap_err();
    assert_eq!(e, InputError::PdfNoText);
    assert!(e.zh().contains("OCR") && e.zh().contains("文字识别"));
    // The whole check gives the same message, not a report about nothing.
    assert_eq!(gongkai::check_bytes("scan.pdf", &b).unwrap_err(), InputError::PdfNoText);
}

#[test]
fn encrypted_pdf_is_refused_with_a_message() {
    let hex32 = "7A".repeat(32);
    let enc = format!("<< /Filter /Standard /V 1 /R 2 /Length 40 /O <{hex32}> /U <{hex32}> /P -4 >>").into_bytes();
    let b = pages_pdf(
        &[text_page(&[("Total", "1.00")])],
        "/Encrypt 7 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]",
        &[enc],
    );
    let e = input::extract(&b).unwrap_err();
    assert_eq!(e, InputError::PdfEncrypted);
    assert!(e.zh().contains("文件已加密"));
}

#[test]
fn truncated_pdfs_read_what_they_can() {
    let Some((bytes, _)) = real("09", ".pdf") else { return };
    let mut pages_read = Vec::new();
    for pct in [1, 5, 20, 50, 80, 95, 99] {
        let cut = &bytes[..bytes.len() * pct / 100];
        match input::extract(cut) {
            Ok(Some(x)) => pages_read.push(x.pages),
            Ok(None) => panic!("still a PDF"),
            Err(e) => {
                assert!(matches!(e, InputError::PdfDamaged | InputError::PdfNoText), "{pct}%: {e:?}");
                assert!(e.zh().contains("不完整") || e.zh().contains("OCR"));
                pages_read.push(0);
            }
        }
    }
    eprintln!("pages read from 09 cut at 1..99%: {pages_read:?}");
    // The page tree is written last; the page objects before the cut are still read.
    assert!(pages_read[1] >= 1 && pages_read[4] >= 10, "{pages_read:?}");
    assert_eq!(input::extract(b"%PDF-1.4\n1 0 obj\n<<").unwrap_err(), InputError::PdfDamaged);
}

#[test]
fn damaged_bytes_never_panic() {
    let Some((bytes, _)) = real("15", ".pdf") else { return };
    // Deterministic corruption: overwrite a run of bytes every so often.
    for seed in 0..24u64 {
        let mut b = bytes.clone();
        let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        for _ in 0..8 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let at = (s as usize) % b.len();
            let end = (at + 1 + (s >> 40) as usize % 64).min(b.len());
            for (k, x) in b[at..end].iter_mut().enumerate() {
                *x = (s >> (k % 8 * 8)) as u8;
            }
        }
        let _ = input::extract(&b);
    }
}

#[test]
fn hostile_content_streams_are_bounded() {
    // A page that loops text operators many times and nests forms cannot run away.
    let mut c = b"BT /F1 10 Tf ".to_vec();
    for _ in 0..50_000 {
        c.extend_from_slice(b"(0123456789) Tj ");
    }
    c.extend_from_slice(b"ET");
    let junk: Vec<u8> = (0..200_000u32).map(|i| (i * 7919 % 251) as u8).collect();
    let b = pages_pdf(&[c, junk, b"[[[[[[ (((( <<<< ".to_vec()], "", &[]);
    let t = Instant::now();
    let x = input::extract(&b).unwrap().unwrap();
    assert_eq!(x.pages, 3);
    assert!(t.elapsed() < Duration::from_secs(30));
}

#[test]
fn twenty_megabyte_pdf_is_read_in_bounded_time() {
    // 20 MB: one text page and a large (uncompressed) image, the shape of a
    // disclosure with scanned attachments.
    let big = stream(
        "/Type /XObject /Subtype /Image /Width 4000 /Height 5000 /ColorSpace /DeviceGray /BitsPerComponent 8",
        &vec![128u8; 20_000_000],
    );
    let b = pages_pdf(&[text_page(&[("Total", "16,482.53")]), b"q 595 0 0 842 0 0 cm /Im2 Do Q".to_vec()], "", &[big]);
    assert!(b.len() > 20_000_000);
    let t = Instant::now();
    let x = input::extract(&b).unwrap().unwrap();
    assert_eq!(x.pages, 2);
    assert!(x.text.contains("16,482.53"));
    assert!(t.elapsed() < Duration::from_secs(30), "{:?}", t.elapsed());
}

// ---- any bytes ----------------------------------------------------------

mod any_bytes {
    use proptest::prelude::*;

    fn prefixed(prefix: &'static [u8]) -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(any::<u8>(), 0..4096).prop_map(move |tail| {
            let mut b = prefix.to_vec();
            b.extend(tail);
            b
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Whatever follows a format's magic bytes, reading gives text or an error, never a panic.
        #[test]
        fn never_panics(b in prop_oneof![
            prefixed(b"%PDF-1.7\n"),
            prefixed(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Contents 4 0 R >>\nendobj\n4 0 obj\n<< /Length 99 >>\nstream\nBT /F1 9 Tf "),
            prefixed(b"PK\x03\x04xl/"),
            prefixed(b"PK\x03\x04word/"),
            prefixed(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
            prefixed(b"<html><table><tr><td rowspan=9 colspan=70>"),
        ]) {
            let _ = gongkai::input::extract(&b);
            let _ = gongkai::check_file("x", &b);
        }
    }
}

#[test]
fn broken_cross_reference_reads_every_page() {
    let Some((bytes, _)) = real("09", ".pdf") else { return };
    let good = input::extract(&bytes).unwrap().unwrap();
    // startxref pointing nowhere: the cross-reference table is rebuilt by scanning.
    let at = bytes.windows(9).rposition(|w| w == b"startxref").unwrap();
    let mut bad = bytes[..at].to_vec();
    bad.extend_from_slice(b"startxref\n12345\n%%EOF\n");
    let x = input::extract(&bad).unwrap().unwrap();
    assert_eq!(x.pages, 13);
    assert_eq!(x.text, good.text);
}

/// `bytes` encrypted as portals "protect" a PDF against copying: an owner
/// password, an empty user password (or `user`), RC4-128 (V2) or AES-128 (V4).
fn encrypted(bytes: &[u8], aes: bool, user: &str) -> Vec<u8> {
    use lopdf::encryption::crypt_filters::{Aes128CryptFilter, CryptFilter};
    use lopdf::{EncryptionState, EncryptionVersion, Permissions};
    use std::collections::BTreeMap;
    use std::sync::Arc;
    let mut doc = lopdf::Document::load_mem(bytes).expect("real PDF loads");
    if doc.trailer.get(b"ID").is_err() {
        let id = lopdf::Object::String(b"0123456789abcdef".to_vec(), lopdf::StringFormat::Hexadecimal);
        doc.trailer.set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    }
    let permissions = Permissions::PRINTABLE;
    #[allow(deprecated)]
    let version = if aes {
        let aes128: Arc<dyn CryptFilter> = Arc::new(Aes128CryptFilter);
        EncryptionVersion::V4 {
            document: &doc,
            encrypt_metadata: true,
            crypt_filters: BTreeMap::from([(b"StdCF".to_vec(), aes128)]),
            stream_filter: b"StdCF".to_vec(),
            string_filter: b"StdCF".to_vec(),
            owner_password: "owner",
            user_password: user,
            permissions,
        }
    } else {
        EncryptionVersion::V2 { document: &doc, owner_password: "owner", user_password: user, key_length: 128, permissions }
    };
    let state = EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("encrypts");
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saves");
    out
}

/// Most portals publish their PDFs "protected": no copying, no editing, but
/// no password to open. Such a PDF reads exactly as the unprotected one;
/// one that needs a password to open is refused with a message.
#[test]
fn a_pdf_protected_with_an_owner_password_only_reads_as_the_original() {
    for nn in ["01", "09"] {
        let Some((bytes, _)) = real(nn, ".pdf") else { return };
        let plain = input::extract(&bytes).expect("reads").expect("a PDF").text;
        for aes in [false, true] {
            let protected = encrypted(&bytes, aes, "");
            assert!(protected.windows(8).any(|w| w == b"/Encrypt"), "{nn}: the copy is encrypted");
            let got = input::extract(&protected).expect("an owner password alone opens").expect("a PDF").text;
            assert!(got == plain, "{nn} ({}): the protected copy reads differently", if aes { "AES-128" } else { "RC4-128" });
            let locked = encrypted(&bytes, aes, "user");
            assert_eq!(input::extract(&locked).unwrap_err(), InputError::PdfEncrypted, "{nn}: a user password is needed");
        }
    }
}

/// `bytes` with the ToUnicode map taken out of every Type0 font, as some
/// PDF writers leave them: the codes are then only glyph numbers.
fn without_to_unicode(bytes: &[u8]) -> (Vec<u8>, usize) {
    let mut doc = lopdf::Document::load_mem(bytes).expect("real PDF loads");
    let mut removed = 0;
    for o in doc.objects.values_mut() {
        if let lopdf::Object::Dictionary(f) = o {
            if f.get(b"Subtype").ok().and_then(|t| t.as_name().ok()) == Some(b"Type0") && f.remove(b"ToUnicode").is_some() {
                removed += 1;
            }
        }
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saves");
    (out, removed)
}

/// A Type0 font of ordering Identity without ToUnicode reads through its
/// embedded TrueType font's own cmap (glyph → character): real PDFs whose
/// subsets keep one read the same text and give the same report. The one
/// difference found: a bracket pair that a ToUnicode map calls „‟ and the
/// font's cmap 〔〕 (what is drawn).
#[test]
fn identity_fonts_without_tounicode_read_through_the_embedded_fonts_cmap() {
    for nn in ["08", "13", "21", "22"] {
        let Some((bytes, _)) = real(nn, ".pdf") else { return };
        let (stripped, removed) = without_to_unicode(&bytes);
        assert!(removed > 0, "{nn}: has Type0 fonts with ToUnicode");
        let plain = input::extract(&bytes).expect("reads").expect("a PDF").text;
        let got = input::extract(&stripped).expect("reads").expect("a PDF").text;
        assert!(!got.contains('\u{FFFD}'), "{nn}: every glyph has its character");
        let unbracketed = |s: &str| s.replace(['„', '〔'], "(").replace(['‟', '〕'], ")");
        assert!(unbracketed(&got) == unbracketed(&plain), "{nn}: the text without ToUnicode differs");
        let report = |b: &[u8]| format!("{:?}", gongkai::check_bytes("x.pdf", b).expect("checks"));
        assert!(report(&stripped) == report(&bytes), "{nn}: the report without ToUnicode differs");
    }
}

/// A subset that dropped its cmap (as many do) still cannot say what its
/// glyphs are: they stay U+FFFD, counted as text, never guessed.
#[test]
fn identity_fonts_whose_subset_has_no_cmap_stay_unreadable() {
    let Some((bytes, _)) = real("09", ".pdf") else { return };
    let (stripped, _) = without_to_unicode(&bytes);
    let got = input::extract(&stripped).expect("reads").expect("a PDF").text;
    assert!(got.contains('\u{FFFD}') && !got.chars().any(is_cjk));
}

/// A TrueType font holding only a `cmap` table (Windows Unicode, format 4)
/// mapping each character to its glyph id, one segment per character.
fn truetype_with_cmap(chars: &[(char, u16)]) -> Vec<u8> {
    let mut segs: Vec<(u16, u16)> = chars.iter().map(|&(c, g)| (c as u16, g)).collect();
    segs.sort();
    segs.push((0xFFFF, 1));
    let n = segs.len() as u16;
    let mut sub = vec![0, 4, 0, 0, 0, 0];
    sub.extend((2 * n).to_be_bytes());
    sub.extend([0; 6]);
    segs.iter().for_each(|s| sub.extend(s.0.to_be_bytes()));
    sub.extend([0, 0]);
    segs.iter().for_each(|s| sub.extend(s.0.to_be_bytes()));
    segs.iter().for_each(|s| sub.extend(s.1.wrapping_sub(s.0).to_be_bytes()));
    segs.iter().for_each(|_| sub.extend([0, 0]));
    sfnt_with_cmap(1, sub)
}

/// A TrueType font holding only a `cmap` table with one Windows subtable
/// (encoding 1: BMP, 10: full Unicode).
fn sfnt_with_cmap(encoding: u8, subtable: Vec<u8>) -> Vec<u8> {
    let mut cmap = vec![0, 0, 0, 1, 0, 3, 0, encoding, 0, 0, 0, 12];
    cmap.extend(subtable);
    let mut font = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    font.extend(b"cmap");
    font.extend([0; 4]);
    font.extend(28u32.to_be_bytes());
    font.extend((cmap.len() as u32).to_be_bytes());
    font.extend(cmap);
    font
}

/// A made-up PDF as some writers make them: an Identity-H font without
/// ToUnicode, CIDs that are not the glyph ids (a CIDToGIDMap stream says
/// which glyph each CID draws) and an embedded TrueType subset whose cmap
/// names the glyphs' characters.
#[test]
fn identity_font_without_tounicode_reads_through_cidtogidmap_and_cmap() {
    let text: Vec<char> = "财政拨款合计16,482.53".chars().collect();
    let mut distinct: Vec<char> = text.clone();
    distinct.sort();
    distinct.dedup();
    // CID i+1 draws glyph 100-i: the reverse of the CID order.
    let gid = |i: usize| 100 - i as u16;
    let font_chars: Vec<(char, u16)> = distinct.iter().enumerate().map(|(i, &c)| (c, gid(i))).collect();
    let mut cid_to_gid = vec![0u8, 0];
    (0..distinct.len()).for_each(|i| cid_to_gid.extend(gid(i).to_be_bytes()));
    let cid = |c: char| format!("{:04X}", distinct.iter().position(|&d| d == c).unwrap() + 1);
    let hex = |s: &[char]| s.iter().map(|&c| cid(c)).collect::<String>();
    let content = format!("BT /F2 10 Tf 72 700 Td <{}> Tj 200 0 Td <{}> Tj ET", hex(&text[..6]), hex(&text[6..])).into_bytes();
    let font = b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEE+Song /Encoding /Identity-H /DescendantFonts [8 0 R] >>".to_vec();
    let cidfont = b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEE+Song /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 9 0 R /CIDToGIDMap 10 0 R /DW 1000 >>".to_vec();
    let descriptor = b"<< /Type /FontDescriptor /FontName /ABCDEE+Song /Flags 4 /FontFile2 11 0 R >>".to_vec();
    // One page: objects 5 (page) and 6 (content), then 7 (font, /F2) to 11.
    let b = pages_pdf(&[content], "", &[font, cidfont, descriptor, stream("", &cid_to_gid), stream("", &truetype_with_cmap(&font_chars))]);
    let x = input::extract(&b).unwrap().unwrap();
    assert_eq!(x.text.split_whitespace().collect::<Vec<_>>(), ["财政拨款合计", "16,482.53"], "{:?}", x.text);
}

/// A font dictionary written inline in the page's resources, its embedded
/// font's cmap as large as is read (2^17 code points), chosen by Tf 20 000
/// times: the font is read once for the page, not at every Tf.
#[test]
fn an_inline_font_with_an_embedded_cmap_is_read_once_per_page() {
    let mut sub = vec![0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    sub.extend(1u32.to_be_bytes());
    sub.extend([0x4E00u32, 0x4E00 + (1 << 17), 1].iter().flat_map(|v| v.to_be_bytes()));
    let sfnt = sfnt_with_cmap(10, sub);
    let mut content = String::from("BT 72 700 Td ");
    for _ in 0..20_000 {
        content.push_str("/F2 10 Tf ");
    }
    // CIDs 1–40 draw glyphs 1–40, which the cmap gives to U+4E00…U+4E27.
    content.push_str(&format!("<{}> Tj ET", (1..=40).map(|c| format!("{c:04X}")).collect::<String>()));
    let objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F2 << /Type /Font /Subtype /Type0 /BaseFont /ABCDEE+Song /Encoding /Identity-H /DescendantFonts [5 0 R] >> >> >> /Contents 4 0 R >>".to_vec(),
        stream("", content.as_bytes()),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEE+Song /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R >>".to_vec(),
        b"<< /Type /FontDescriptor /FontName /ABCDEE+Song /Flags 4 /FontFile2 7 0 R >>".to_vec(),
        stream("", &sfnt),
    ];
    let t = Instant::now();
    let x = input::extract(&pdf(&objs, "")).unwrap().unwrap();
    let expected: String = (0x4E00..0x4E28).filter_map(char::from_u32).collect();
    assert_eq!(x.text.trim(), expected);
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
}
