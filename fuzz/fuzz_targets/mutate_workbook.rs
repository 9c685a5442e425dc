//! Structure-aware: a valid workbook whose inside is mutated and then
//! packaged again validly, so that calamine's XML and BIFF record readers
//! (and our layout of sheets) see damage a finance office's export could
//! make. check_bytes' byte flips mostly stop at the container: a zip entry's
//! CRC or a compound file's sector table.
//!
//! The bases: a .xlsx made here from a corpus text (one line per row, amounts
//! as numbers), and, when ../shared/real is beside the checkout, its official
//! .xlsx and .xls forms, read at run time (they are not the project's files).
//! The fuzzer's first bytes pick the base and the part; the rest are edits.
#![no_main]

use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "common/edit.rs"]
mod edit;

/// One workbook as its parts: the entries of an .xlsx, or the records of an
/// .xls's workbook stream.
enum Base {
    Xlsx(Vec<(String, Vec<u8>)>),
    Xls(Vec<Record>),
}

/// A BIFF record, with where it came from so that sheet offsets can follow
/// records that moved.
#[derive(Clone)]
struct Record {
    typ: u16,
    data: Vec<u8>,
    /// Index in the base stream (copies share it).
    id: usize,
    /// For a BoundSheet8: the id of the BOF record its offset names, while no
    /// edit has written over the offset itself.
    sheet_at: Option<usize>,
}

/// Markup an edit may insert into an .xlsx part: the places calamine sizes
/// or indexes something by what the file says.
const FRAGMENTS: [&str; 16] = [
    "<row r=\"1048576\">",
    "</row>",
    "<c r=\"XFD1048576\"><v>1</v></c>",
    "<c r=\"A1\" t=\"s\"><v>4294967295</v></c>",
    "<c r=\"B2\" s=\"4294967295\"><v>1e308</v></c>",
    "<mergeCell ref=\"XFD1048576:A1\"/>",
    "<mergeCells count=\"1\"><mergeCell ref=\"A1:C3\"/></mergeCells>",
    "<dimension ref=\"A1:XFD1048576\"/>",
    "<si><t>财政拨款</t></si>",
    "<c r=\"A1\" t=\"inlineStr\"><is><t>合计</t></is></c>",
    "&#xFFFF;&amp;&lt;",
    "<![CDATA[",
    "]]>",
    "<v>-1</v>",
    "<numFmt numFmtId=\"4294967295\" formatCode=\"0.00%\"/>",
    "<sheet name=\"x\" sheetId=\"2\" r:id=\"rId9\"/>",
];

/// Record types an edit may turn a record into: those calamine reads.
const TYPES: [u16; 20] = [
    0x0809, 0x000A, 0x0200, 0x0208, 0x0203, 0x00FD, 0x00FC, 0x003C, 0x00E5, 0x0085, 0x0006, 0x027E, 0x00BD, 0x0201, 0x041E, 0x00E0, 0x0042,
    0x0207, 0x0204, 0x0022,
];

/// A corpus text as an .xlsx of one sheet (as tests/input_office.rs makes
/// it): amounts as numbers, the rest inline strings.
fn corpus_xlsx() -> Vec<(String, Vec<u8>)> {
    let text = include_str!("../../tests/fixtures/yantai-office-2023-budget.txt");
    let mut rows = String::new();
    for (r, line) in text.lines().enumerate() {
        rows.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, cell) in line.split_whitespace().enumerate().take(26) {
            let at = format!("{}{}", char::from(b'A' + c as u8), r + 1);
            let plain = cell.replace(',', "");
            if plain.contains('.') && plain.parse::<f64>().is_ok() {
                rows.push_str(&format!("<c r=\"{at}\" s=\"1\"><v>{plain}</v></c>"));
            } else {
                let esc = cell.replace('&', "&amp;").replace('<', "&lt;");
                rows.push_str(&format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{esc}</t></is></c>"));
            }
        }
        rows.push_str("</row>");
    }
    let sheet = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"A1:Z9999\"/><sheetData>{rows}</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:F1\"/></mergeCells></worksheet>"
    );
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rels = "http://schemas.openxmlformats.org/package/2006/relationships";
    let doc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    vec![
        ("[Content_Types].xml".into(), b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>".to_vec()),
        ("_rels/.rels".into(), format!("<?xml version=\"1.0\"?><Relationships xmlns=\"{rels}\"><Relationship Id=\"rId1\" Type=\"{doc}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>").into_bytes()),
        ("xl/workbook.xml".into(), format!("<?xml version=\"1.0\"?><workbook xmlns=\"{main}\" xmlns:r=\"{doc}\"><sheets><sheet name=\"预算\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>").into_bytes()),
        ("xl/_rels/workbook.xml.rels".into(), format!("<?xml version=\"1.0\"?><Relationships xmlns=\"{rels}\"><Relationship Id=\"rId1\" Type=\"{doc}/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"{doc}/styles\" Target=\"styles.xml\"/></Relationships>").into_bytes()),
        ("xl/styles.xml".into(), format!("<?xml version=\"1.0\"?><styleSheet xmlns=\"{main}\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"#,##0.00\"/></numFmts><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>").into_bytes()),
        ("xl/worksheets/sheet1.xml".into(), sheet.into_bytes()),
    ]
}

/// An .xlsx's entries, inflated.
fn unzip(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).ok()?;
        let mut data = Vec::new();
        entry.read_to_end(&mut data).ok()?;
        out.push((entry.name().ok()?.to_string(), data));
    }
    Some(out)
}

/// An .xls's workbook stream, as records.
fn records(bytes: &[u8]) -> Option<Vec<Record>> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    let mut stream = Vec::new();
    file.open_stream("/Workbook").ok()?.read_to_end(&mut stream).ok()?;
    let mut out = Vec::new();
    let mut starts = Vec::new();
    let mut at = 0;
    while at + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        let data = stream.get(at + 4..at + 4 + len)?.to_vec();
        starts.push(at);
        out.push(Record { typ, data, id: out.len(), sheet_at: None });
        at += 4 + len;
    }
    for r in out.iter_mut().filter(|r| r.typ == 0x0085 && r.data.len() >= 4) {
        let pos = u32::from_le_bytes([r.data[0], r.data[1], r.data[2], r.data[3]]) as usize;
        r.sheet_at = starts.iter().position(|&s| s == pos);
    }
    Some(out)
}

/// The bases: the corpus workbook, then ../shared/real's forms in name order.
fn bases() -> &'static [Base] {
    static ALL: OnceLock<Vec<Base>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all = vec![Base::Xlsx(corpus_xlsx())];
        if let Ok(dir) = std::fs::read_dir("../shared/real") {
            let mut paths: Vec<_> = dir.filter_map(|e| Some(e.ok()?.path())).collect();
            paths.sort();
            for p in paths {
                let Ok(bytes) = std::fs::read(&p) else { continue };
                match p.extension().and_then(|x| x.to_str()) {
                    Some("xlsx") => all.extend(unzip(&bytes).map(Base::Xlsx)),
                    Some("xls") => all.extend(records(&bytes).map(Base::Xls)),
                    _ => {}
                }
            }
        }
        all
    })
}

/// Applies 4-byte edits (what, where ×2, argument) to one part of an .xlsx.
fn edit_part(part: &mut Vec<u8>, mut edits: &[u8]) {
    while let [what, hi, lo, arg, rest @ ..] = edits {
        edits = rest;
        if part.len() > 8 << 20 {
            break;
        }
        edit::edit(part, *what, usize::from(*hi) << 8 | usize::from(*lo), *arg, &FRAGMENTS);
    }
}

/// Applies 5-byte edits (what, which record ×2, two arguments) to an .xls's
/// records.
fn edit_records(recs: &mut Vec<Record>, mut edits: &[u8]) {
    while let [what, hi, lo, a, b, rest @ ..] = edits {
        edits = rest;
        if recs.is_empty() || recs.len() > 200_000 {
            break;
        }
        let i = (usize::from(*hi) << 8 | usize::from(*lo)) % recs.len();
        let (a, b) = (usize::from(*a), *b);
        let r = &mut recs[i];
        let len = r.data.len();
        match what % 8 {
            0 if len > 0 => {
                r.data[a % len] = b;
                if r.typ == 0x0085 && a % len < 4 {
                    r.sheet_at = None;
                }
            }
            // A large row, column, index or count.
            1 if len > 1 => {
                let at = a % (len - 1);
                r.data[at..at + 2].copy_from_slice(&[b, 0xFF]);
            }
            2 => {
                let copy = r.clone();
                for _ in 0..usize::from(what / 8) % 64 + 1 {
                    recs.insert(i + 1, copy.clone());
                }
            }
            3 => drop(recs.remove(i)),
            4 => r.typ = TYPES[usize::from(b) % TYPES.len()],
            5 => r.data.truncate(a % (len + 1)),
            6 => r.data.extend(std::iter::repeat_n(b, a)),
            7 if len > 3 => {
                let at = a % (len - 3);
                r.data[at..at + 4].copy_from_slice(&[0xFF, 0xFF, 0xFF, b]);
            }
            _ => {}
        }
    }
}

/// The records as a stream, sheet offsets following the BOF they named,
/// inside a compound file as Excel writes one.
fn xls(recs: &[Record]) -> Vec<u8> {
    let mut starts = std::collections::HashMap::new();
    let mut at = 0usize;
    for r in recs {
        starts.entry(r.id).or_insert(at);
        at += 4 + r.data.len().min(8224);
    }
    let mut stream = Vec::with_capacity(at);
    for r in recs {
        let mut data = r.data[..r.data.len().min(8224)].to_vec();
        if let Some(&pos) = r.sheet_at.and_then(|id| starts.get(&id)) {
            if data.len() >= 4 {
                data[..4].copy_from_slice(&(pos as u32).to_le_bytes());
            }
        }
        stream.extend(r.typ.to_le_bytes());
        stream.extend((data.len() as u16).to_le_bytes());
        stream.extend(data);
    }
    let Ok(mut file) = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())) else {
        return Vec::new();
    };
    if let Ok(mut s) = file.create_stream("Workbook") {
        let _ = s.write_all(&stream);
    }
    let _ = file.flush();
    file.into_inner().into_inner()
}

/// The entries as an .xlsx (stored: the fuzzer's time goes to the parts).
fn xlsx(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored).large_file(false);
    for (name, data) in parts {
        if zip.start_file(name.as_str(), stored).is_ok() {
            let _ = zip.write_all(data);
        }
    }
    zip.finish().map(Cursor::into_inner).unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    // As in check_bytes: calamine's panics are caught around calamine alone,
    // and libfuzzer-sys's hook would abort on those too.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| drop(std::panic::take_hook()));
    let [pick, part, edits @ ..] = data else { return };
    let bases = bases();
    let bytes = match &bases[usize::from(*pick) % bases.len()] {
        Base::Xlsx(parts) => {
            let mut parts = parts.clone();
            // Mostly the sheets, where the cells are.
            let sheets: Vec<usize> = (0..parts.len()).filter(|&i| parts[i].0.starts_with("xl/worksheets/")).collect();
            let i = match (*part % 4, sheets.is_empty()) {
                (0, _) | (_, true) => usize::from(*part / 4) % parts.len(),
                _ => sheets[usize::from(*part / 4) % sheets.len()],
            };
            edit_part(&mut parts[i].1, edits);
            xlsx(&parts)
        }
        Base::Xls(recs) => {
            let mut recs = recs.clone();
            edit_records(&mut recs, edits);
            xls(&recs)
        }
    };
    if let Ok(report) = gongkai::check_bytes("fuzz", &bytes) {
        serde_json::to_string(&report).expect("a report always serialises");
    }
});
