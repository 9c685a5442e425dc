//! Files as published (PDF, XLS/XLSX, DOCX, HTML) → layout text for the readers.
//!
//! Every format becomes the same thing the table readers already take: text
//! lines shaped like `pdftotext -layout` output (cells separated by runs of at
//! least two spaces, pages separated by `\f`), plus where each line came from
//! (page or sheet), so findings can say 第N页. The kind is told by content
//! (magic bytes), never by the file name.
//!
//! Entry point: [`extract`]. Plain text is not handled here; [`crate::decode_input`]
//! does that, and [`crate::check_bytes`] routes between the two.

use serde::{Deserialize, Serialize};

use crate::InputError;

#[cfg(feature = "office")]
mod docx;
mod grid;
mod html;
mod layout;
#[cfg(feature = "pdf")]
mod pdf;
#[cfg(feature = "office")]
mod sheet;
#[cfg(feature = "office")]
mod xls_bounds;

pub use html::clipboard;
#[cfg(feature = "pdf")]
pub use pdf::Reader as PdfReader;

/// What kind of file the bytes are, by content. In the JSON report:
/// "pdf", "xlsx", "xls", "docx", "html" (or "text").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// `%PDF-` within the first KiB.
    Pdf,
    /// A zip with `xl/` entries (Office Open XML workbook).
    Xlsx,
    /// An OLE2 compound file (legacy Excel .xls; also old .doc, refused later).
    Xls,
    /// A zip with `word/` entries.
    Docx,
    /// An HTML page (a `<html`, `<table` or `<!doctype html` near the start).
    Html,
    /// Anything else: handled as plain text.
    #[default]
    Text,
}

impl InputKind {
    /// A short label for the user interface.
    pub fn label(self) -> &'static str {
        match self {
            InputKind::Pdf => "PDF",
            InputKind::Xlsx => "Excel (.xlsx)",
            InputKind::Xls => "Excel (.xls)",
            InputKind::Docx => "Word (.docx)",
            InputKind::Html => "HTML",
            InputKind::Text => "文本",
        }
    }

    /// What was read, for the user: "PDF，13 页", "Excel (.xlsx)，17 个工作表",
    /// "Word (.docx)", and a workbook's hidden sheets, not read
    /// ("Excel (.xlsx)，15 个工作表，另有 2 个隐藏的工作表未读取：数据源、Sheet3").
    pub fn summary(self, pages: u32, hidden_sheets: &[String]) -> String {
        let mut s = match self {
            InputKind::Pdf => format!("{}，{pages} 页", self.label()),
            InputKind::Xlsx | InputKind::Xls => format!("{}，{pages} 个工作表", self.label()),
            InputKind::Html if pages > 1 => format!("{}，{pages} 页", self.label()),
            _ => self.label().to_string(),
        };
        if !hidden_sheets.is_empty() {
            s.push_str(&format!("，另有 {} 个隐藏的工作表未读取：{}", hidden_sheets.len(), hidden_sheets.join("、")));
        }
        s
    }

    /// Whether the file's lines have a page (PDF) or sheet (workbook) worth
    /// naming; a .docx or HTML page is read as one page.
    pub fn has_pages(self) -> bool {
        matches!(self, InputKind::Pdf | InputKind::Xlsx | InputKind::Xls)
    }

    /// Where a line is, for the user: "第3页" (PDF, or an HTML page of
    /// pages, text placed by CSS), "工作表“表1”" (a workbook's sheet, by
    /// its 1-based number, from `sheet_names`); None for kinds without pages.
    pub fn place(self, page: u32, sheet_names: &[String]) -> Option<String> {
        match self {
            InputKind::Pdf | InputKind::Html => Some(format!("第{page}页")),
            InputKind::Xlsx | InputKind::Xls => Some(match page.checked_sub(1).and_then(|i| sheet_names.get(i as usize)) {
                Some(name) => format!("工作表“{name}”"),
                None => format!("第{page}个工作表"),
            }),
            _ => None,
        }
    }
}

/// Text extracted from a file, ready for [`crate::check_extracted`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extracted {
    /// Layout text: one line per row, cells separated by ≥2 spaces, `\f` between pages/sheets.
    pub text: String,
    /// What the file was.
    pub kind: InputKind,
    /// Pages (PDF) or sheets (workbooks) read.
    pub pages: u32,
    /// For each line of `text` (split on `\n`), its 1-based page or sheet number.
    pub page_of_line: Vec<u32>,
    /// Sheet names, in order (workbooks only).
    pub sheet_names: Vec<String>,
    /// The names of a workbook's hidden sheets, which are not read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden_sheets: Vec<String>,
}

impl Extracted {
    /// The 1-based page (or sheet) of a 1-based line number, if known.
    pub fn page_of(&self, line_no: usize) -> Option<u32> {
        line_no.checked_sub(1).and_then(|i| self.page_of_line.get(i)).copied()
    }
}

/// Tells the kind of a file from its first bytes.
pub fn detect(bytes: &[u8]) -> InputKind {
    let head = &bytes[..bytes.len().min(1024)];
    // `contains` of one byte is a fast memchr: most text has no '%' or '<'
    // in its first KiB, and then no search is needed.
    if head.contains(&b'%') && find(head, b"%PDF-").is_some() {
        return InputKind::Pdf;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return InputKind::Xls;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // Entry names are stored in clear in local headers and the central
        // directory, so a byte search finds them without unzipping.
        if find(bytes, b"xl/").is_some() {
            return InputKind::Xlsx;
        }
        if find(bytes, b"word/").is_some() {
            return InputKind::Docx;
        }
        return InputKind::Text;
    }
    // Markup tags in any letter case; all start with '<', so only the '<'
    // of the first 4 KiB are tried.
    let start = &bytes[..bytes.len().min(4096)];
    let tags: [&[u8]; 3] = [b"<html", b"<!doctype html", b"<table"];
    let tag_at = |i: usize| tags.iter().any(|t| start[i..].get(..t.len()).is_some_and(|w| w.eq_ignore_ascii_case(t)));
    if start.contains(&b'<') && (0..start.len()).any(|i| start[i] == b'<' && tag_at(i)) {
        return InputKind::Html;
    }
    InputKind::Text
}

/// The `N` bytes of `b` at `at`, None where they run past its end: what the
/// binary readers (fonts, .xls) read their fixed-width numbers from.
fn bytes_at<const N: usize>(b: &[u8], at: usize) -> Option<[u8; N]> {
    b.get(at..at.checked_add(N)?)?.try_into().ok()
}

/// The first place `needle` (not empty) occurs in `hay`: candidates are the
/// places of its first byte, so most of the bytes are looked at once.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (first, rest) = needle.split_first()?;
    (0..hay.len()).find(|&i| hay[i] == *first && hay[i + 1..].starts_with(rest))
}

/// Extracts layout text from a PDF, workbook, Word or HTML file.
///
/// Returns `Ok(None)` for anything else (plain text), which the caller decodes
/// as text. Never panics on any bytes; a damaged file reads what it can.
pub fn extract(bytes: &[u8]) -> Result<Option<Extracted>, InputError> {
    match detect(bytes) {
        #[cfg(feature = "pdf")]
        InputKind::Pdf => pdf::extract(bytes).map(Some),
        #[cfg(feature = "office")]
        InputKind::Xlsx | InputKind::Xls => sheet::extract(bytes).map(Some),
        #[cfg(feature = "office")]
        InputKind::Docx => docx::extract(bytes).map(Some),
        InputKind::Html => html::extract(bytes).map(Some),
        InputKind::Text => Ok(None),
        #[allow(unreachable_patterns)]
        _ => Err(InputError::NotText),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_by_content() {
        assert_eq!(detect(b"%PDF-1.7\n"), InputKind::Pdf);
        assert_eq!(detect(b"\xEF\xBB\xBF%PDF-1.4"), InputKind::Pdf);
        assert_eq!(detect(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), InputKind::Xls);
        assert_eq!(detect(b"PK\x03\x04....xl/workbook.xml"), InputKind::Xlsx);
        assert_eq!(detect(b"PK\x03\x04....word/document.xml"), InputKind::Docx);
        assert_eq!(detect(b"<!DOCTYPE html><html>"), InputKind::Html);
        assert_eq!(detect("收支预算总表".as_bytes()), InputKind::Text);
        assert_eq!(detect(b""), InputKind::Text);
        assert_eq!(detect(b"text <p> <TaBlE border=1>"), InputKind::Html);
        assert_eq!(detect(b"<!DOCTYPE HTML>"), InputKind::Html);
        assert_eq!(detect(b"a <tabl"), InputKind::Text);
        assert_eq!(detect(b"xx%PDF"), InputKind::Text);
        assert_eq!(find(b"abcabd", b"abd"), Some(3));
    }
}
