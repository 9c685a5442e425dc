//! PDF text layer → positioned glyphs → `pdftotext -layout`-shaped lines.
//!
//! lopdf parses the file (cross-reference repair, decryption with the empty
//! password, bounded decompression); everything that turns content streams
//! into text is here because no pure-Rust crate gives glyph positions with
//! CJK-safe decoding and survives hostile input without panicking (see
//! docs/input.md for the measurement that chose this).
//!
//! Stages: [`content`] tokenises a content stream, [`fonts`] decodes codes to
//! Unicode and widths, [`interp`] runs the text operators into [`Glyph`]s in
//! display space (page rotation applied), and [`layout`] rebuilds lines.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::{Extracted, InputKind};
use crate::InputError;

mod cmap;
mod content;
mod fonts;
mod interp;
mod sfnt_cmap;

use crate::input::layout;
use crate::input::layout::PageGlyphs;

/// Bounds that keep a hostile or huge PDF from freezing the page.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Decompressed content bytes per page.
    pub page_content_bytes: usize,
    /// Glyphs per page (beyond it the page is cut; real pages hold < 20 000).
    pub page_glyphs: usize,
    /// Content-stream operators per page, forms included.
    pub page_ops: usize,
    /// Pages read.
    pub pages: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { page_content_bytes: 32 << 20, page_glyphs: 200_000, page_ops: 2_000_000, pages: 5_000 }
    }
}

/// An opened PDF, read page by page so that a caller (the app) can show
/// progress and yield to the browser between pages of a large file.
pub struct Pdf {
    doc: Document,
    pages: Vec<ObjectId>,
    limits: Limits,
    fonts: HashMap<ObjectId, std::rc::Rc<fonts::Font>>,
}

impl Pdf {
    /// Opens a PDF. Errors: encrypted with a password, or nothing readable.
    pub fn open(bytes: &[u8]) -> Result<Pdf, InputError> {
        Pdf::open_with(bytes, Limits::default())
    }

    /// [`Pdf::open`] with other bounds.
    pub fn open_with(bytes: &[u8], limits: Limits) -> Result<Pdf, InputError> {
        let doc = load(bytes)?;
        let pages: Vec<ObjectId> = doc.get_pages().into_values().take(limits.pages).collect();
        if pages.is_empty() {
            return Err(InputError::PdfDamaged);
        }
        Ok(Pdf { doc, pages, limits, fonts: HashMap::new() })
    }

    /// The number of pages.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The glyphs of page `i` (0-based); an unreadable page is empty.
    pub fn page_glyphs(&mut self, i: usize) -> PageGlyphs {
        match self.pages.get(i) {
            Some(&id) => page(&self.doc, id, self.limits, &mut self.fonts),
            None => PageGlyphs::default(),
        }
    }
}

/// Reads a PDF into layout text; see [`super::extract`].
pub fn extract(bytes: &[u8]) -> Result<Extracted, InputError> {
    let mut reader = Reader::open(bytes)?;
    while reader.step() {}
    reader.finish()
}

/// [`extract`](crate::input::extract) of a PDF one page at a time, so that a
/// caller (the app) can show progress and yield to the browser between the
/// pages of a large file. The result is the same as `extract`'s, which is this loop.
pub struct Reader {
    pdf: Pdf,
    next: usize,
    text: String,
    page_of_line: Vec<u32>,
    has_text: bool,
}

impl Reader {
    /// Opens a PDF. Errors: encrypted with a password, or nothing readable.
    pub fn open(bytes: &[u8]) -> Result<Reader, InputError> {
        Ok(Reader { pdf: Pdf::open(bytes)?, next: 0, text: String::new(), page_of_line: Vec::new(), has_text: false })
    }

    /// The number of pages.
    pub fn pages(&self) -> usize {
        self.pdf.page_count()
    }

    /// How many pages have been read.
    pub fn done(&self) -> usize {
        self.next
    }

    /// Reads the next page; false when every page has been read.
    pub fn step(&mut self) -> bool {
        let i = self.next;
        if i >= self.pdf.page_count() {
            return false;
        }
        self.next = i + 1;
        let glyphs = self.pdf.page_glyphs(i);
        // A scan has images and no text layer; a few stray glyphs per page (a
        // page number stamped on each scanned page) do not make it readable.
        self.has_text |= glyphs.glyphs.iter().filter(|g| !g.ch.is_whitespace()).take(10).count() >= 10;
        if i > 0 {
            // pdftotext ends every page with \f; the next page's first line starts after it.
            self.text.push('\u{c}');
        }
        for line in layout::lines(&glyphs) {
            self.text.push_str(&line);
            self.text.push('\n');
            self.page_of_line.push(i as u32 + 1);
        }
        true
    }

    /// The text of the pages read. Error: no page had a text layer (a scan).
    pub fn finish(self) -> Result<Extracted, InputError> {
        if !self.has_text {
            return Err(InputError::PdfNoText);
        }
        Ok(Extracted {
            text: self.text,
            kind: InputKind::Pdf,
            pages: self.next as u32,
            page_of_line: self.page_of_line,
            sheet_names: Vec::new(),
            hidden_sheets: Vec::new(),
        })
    }
}

fn load(bytes: &[u8]) -> Result<Document, InputError> {
    let first = load_as_is(bytes);
    match &first {
        Ok(doc) if !doc.get_pages().is_empty() => return first,
        Err(InputError::PdfEncrypted) => return first,
        _ => {}
    }
    // A truncated file loses its page tree (it is often written last): give
    // the page objects that survive a new one and read those.
    match repair(bytes).map(|b| load_as_is(&b)) {
        Some(Ok(doc)) if !doc.get_pages().is_empty() => Ok(doc),
        _ => first,
    }
}

/// The file with a new catalog and page tree appended, listing every
/// `/Type /Page` object found by scanning; `None` when there is none.
fn repair(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut pages = Vec::new();
    let mut max_id = 0u32;
    let mut i = 0;
    while let Some(k) = find_from(bytes, b" obj", i) {
        i = k + 4;
        // Read "<id> <gen>" backwards from " obj".
        let head = &bytes[k.saturating_sub(24)..k];
        let text = String::from_utf8_lossy(head);
        let mut nums = text.split(|c: char| !c.is_ascii_digit()).filter(|t| !t.is_empty()).rev();
        let (Some(gen), Some(id)) = (nums.next(), nums.next()) else { continue };
        let (Ok(id), Ok(gen)) = (id.parse::<u32>(), gen.parse::<u16>()) else { continue };
        max_id = max_id.max(id);
        // Only the object's first 4 KiB: keeps the scan linear on hostile input.
        let window = &bytes[i..bytes.len().min(i + 4096)];
        let body = &window[..find_from(window, b"endobj", 0).unwrap_or(window.len())];
        if is_page_dict(body) {
            pages.push((id, gen));
        }
    }
    if pages.is_empty() || pages.len() > 100_000 {
        return None;
    }
    let (cat, tree) = (max_id + 1, max_id + 2);
    let kids: Vec<String> = pages.iter().map(|(id, g)| format!("{id} {g} R")).collect();
    let mut out = bytes.to_vec();
    out.extend_from_slice(
        format!(
            "\nendstream\nendobj\n{cat} 0 obj\n<< /Type /Catalog /Pages {tree} 0 R >>\nendobj\n{tree} 0 obj\n<< /Type /Pages /Kids [{}] /Count {} >>\nendobj\ntrailer\n<< /Size {} /Root {cat} 0 R >>\n%%EOF\n",
            kids.join(" "),
            pages.len(),
            tree + 1
        )
        .as_bytes(),
    );
    Some(out)
}

/// `/Type /Page` (not `/Pages`) in an object's first bytes.
fn is_page_dict(body: &[u8]) -> bool {
    let mut i = 0;
    while let Some(k) = find_from(body, b"/Type", i) {
        let rest = &body[k + 5..];
        let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        if rest.starts_with(b"/Page") && !rest.starts_with(b"/Pages") {
            return true;
        }
        i = k + 5;
    }
    false
}

fn find_from(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

fn load_as_is(bytes: &[u8]) -> Result<Document, InputError> {
    match Document::load_mem(bytes) {
        Ok(doc) => {
            if doc.is_encrypted() {
                // lopdf decrypts with the empty user password when it can; still
                // encrypted means a password is needed.
                return Err(InputError::PdfEncrypted);
            }
            Ok(doc)
        }
        Err(lopdf::Error::Decryption(_)) | Err(lopdf::Error::InvalidPassword) => Err(InputError::PdfEncrypted),
        Err(_) => {
            if looks_encrypted(bytes) {
                Err(InputError::PdfEncrypted)
            } else {
                Err(InputError::PdfDamaged)
            }
        }
    }
}

/// An /Encrypt entry in a trailer: the load failed because of the password.
fn looks_encrypted(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1 << 16)..];
    tail.windows(8).any(|w| w == b"/Encrypt")
}

/// Follows references (bounded: a reference cycle must not hang).
pub(crate) fn deref<'a>(doc: &'a Document, mut o: &'a Object) -> &'a Object {
    for _ in 0..16 {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(next) => o = next,
                Err(_) => return &Object::Null,
            },
            _ => return o,
        }
    }
    &Object::Null
}

pub(crate) fn dict_get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> &'a Object {
    match d.get(key) {
        Ok(o) => deref(doc, o),
        Err(_) => &Object::Null,
    }
}

pub(crate) fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// A page attribute that may be inherited from the page tree (MediaBox, Rotate, Resources).
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> &'a Object {
    let mut node = page;
    for _ in 0..32 {
        let v = dict_get(doc, node, key);
        if !matches!(v, Object::Null) {
            return v;
        }
        match dict_get(doc, node, b"Parent") {
            Object::Dictionary(p) => node = p,
            _ => break,
        }
    }
    &Object::Null
}

fn page(doc: &Document, page_id: ObjectId, limits: Limits, font_cache: &mut HashMap<ObjectId, std::rc::Rc<fonts::Font>>) -> PageGlyphs {
    let Ok(page) = doc.get_dictionary(page_id) else { return PageGlyphs::default() };
    let bbox = match inherited(doc, page, b"CropBox") {
        Object::Array(a) if a.len() == 4 => a.clone(),
        _ => match inherited(doc, page, b"MediaBox") {
            Object::Array(a) if a.len() == 4 => a.clone(),
            _ => Vec::new(),
        },
    };
    let b: Vec<f32> = bbox.iter().map(|o| num(deref(doc, o)).unwrap_or(0.0)).collect();
    let (x0, y0, x1, y1) =
        if b.len() == 4 { (b[0].min(b[2]), b[1].min(b[3]), b[0].max(b[2]), b[1].max(b[3])) } else { (0.0, 0.0, 595.0, 842.0) };
    let rotate = num(inherited(doc, page, b"Rotate")).unwrap_or(0.0) as i64;
    let rotate = rotate.rem_euclid(360) / 90 * 90;
    // Display transform: media box to an upright page with its origin at 0,0.
    let (w, h) = (x1 - x0, y1 - y0);
    let display = match rotate {
        90 => [0.0, -1.0, 1.0, 0.0, -y0, x1],
        180 => [-1.0, 0.0, 0.0, -1.0, x1, y1],
        270 => [0.0, 1.0, -1.0, 0.0, y1, -x0],
        _ => [1.0, 0.0, 0.0, 1.0, -x0, -y0],
    };
    let (width, height) = if rotate % 180 == 90 { (h, w) } else { (w, h) };
    let content = doc.get_page_content_with_limit(page_id, limits.page_content_bytes).unwrap_or_default();
    let resources = match inherited(doc, page, b"Resources") {
        Object::Dictionary(d) => Some(d),
        _ => None,
    };
    let mut run = interp::Interp::new(doc, limits, font_cache, display);
    run.run(&content, resources, 0);
    let mut glyphs = run.glyphs;
    // Text placed off the page is not shown by viewers and pdftotext drops it;
    // generators leave such leftovers (a second 单位：万元 beyond the right edge).
    glyphs.retain(|g| g.x >= -1.0 && g.x < width + 1.0 && g.y >= -1.0 && g.y < height + 1.0);
    PageGlyphs { glyphs }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    /// A one-page PDF (Helvetica, "Total 16,482.53"), encrypted by lopdf with these passwords.
    fn encrypted(user: &str) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let font = doc.add_object(lopdf::dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
        let content = doc.add_object(lopdf::Stream::new(
            lopdf::dictionary! {},
            b"BT /F1 10 Tf 72 700 Td (Total 16,482.53 general public services) Tj ET".to_vec(),
        ));
        let pages = doc.new_object_id();
        let page = doc.add_object(lopdf::dictionary! {
            "Type" => "Page", "Parent" => pages, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => lopdf::dictionary! { "Font" => lopdf::dictionary! { "F1" => font } },
        });
        doc.objects.insert(pages, Object::Dictionary(lopdf::dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }));
        let catalog = doc.add_object(lopdf::dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        let id = Object::string_literal(b"0123456789abcdef".to_vec());
        doc.trailer.set("ID", vec![id.clone(), id]);
        let state = lopdf::EncryptionState::try_from(lopdf::EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password: user,
            key_length: 128,
            permissions: lopdf::Permissions::all(),
        })
        .unwrap();
        doc.encrypt(&state).unwrap();
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn empty_user_password_is_read() {
        // Portals often "protect" PDFs against printing only: no password to open.
        let x = extract(&encrypted("")).unwrap();
        assert!(x.text.contains("Total 16,482.53"), "{:?}", x.text);
    }

    #[test]
    fn user_password_is_refused() {
        assert_eq!(extract(&encrypted("secret")).unwrap_err(), InputError::PdfEncrypted);
    }
}
