//! Fonts: splitting strings into codes, codes into Unicode and glyph widths.
//!
//! Order of trust for the text of a code: the font's ToUnicode map; then, for
//! CJK fonts without one, the predefined Adobe-GB1 CMap the font names
//! (GBK-EUC-H and friends decode as GBK, UniGB-UCS2-H/UTF16-H as UTF-16);
//! for Identity fonts without one, the embedded TrueType font's own `cmap`
//! read backwards (glyph → character) through the CIDToGIDMap;
//! for simple fonts, the /Encoding (WinAnsi plus /Differences glyph names).

use std::collections::HashMap;

use encoding_rs::{GBK, WINDOWS_1252};
use lopdf::{Dictionary, Document, Object};

use super::cmap::{self, CMap};
use super::sfnt_cmap;
use super::{deref, dict_get, num};

/// How codes of a Type0 font without a ToUnicode map become text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum CidText {
    /// GBK-EUC-H, GB-EUC-H, GBpc-EUC-H, GBK2K-H: the code is GBK bytes.
    Gbk,
    /// UniGB-UCS2-H / UniGB-UTF16-H: the code is UTF-16.
    Ucs2,
    /// Identity-H and embedded CMaps: CIDs, which need a CID→Unicode table.
    Cid,
    /// CIDs of the Adobe-GB1 collection (CIDSystemInfo ordering GB1): Adobe's table.
    Gb1,
    /// CIDs of an embedded TrueType font whose `cmap` says which character
    /// each glyph draws.
    Glyph,
}

/// CID → glyph id → character, from an embedded TrueType font (FontFile2).
#[derive(Debug, Clone)]
struct GlyphText {
    /// The CIDToGIDMap stream's glyph ids (2 bytes per CID); None = Identity.
    cid_to_gid: Option<Vec<u8>>,
    chars: HashMap<u16, char>,
}

/// Bytes of an embedded font or CIDToGIDMap decompressed at most: real
/// CJK subsets are under 1 MB, a full CJK font about 16 MB.
const FONT_FILE_LIMIT: usize = 24 << 20;

/// Adobe-GB1 CID → Unicode (Adobe-GB1-UCS2, from Adobe's cmap-resources;
/// scripts/gen_adobe_gb1.py writes it): one little-endian u16 per CID, 0 =
/// none, stored as differences from the previous CID's value so that the
/// download (gzip) is 21 KB instead of 56 KB.
static ADOBE_GB1: &[u8] = include_bytes!("data/adobe-gb1.u16le");

/// The character Adobe-GB1 assigns to a CID.
pub fn gb1_char(cid: u32) -> Option<char> {
    static TABLE: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut acc = 0u16;
        ADOBE_GB1
            .chunks_exact(2)
            .map(|d| {
                acc = acc.wrapping_add(u16::from_le_bytes([d[0], d[1]]));
                acc
            })
            .collect()
    });
    let v = *table.get(cid as usize)?;
    if v == 0 {
        None
    } else {
        char::from_u32(v as u32)
    }
}

/// A decoded font.
#[derive(Debug, Clone)]
pub struct Font {
    /// Type0 (multi-byte codes).
    composite: bool,
    /// Vertical writing (…-V encodings): glyphs advance downwards.
    pub vertical: bool,
    /// Splits strings into codes.
    encoding_cmap: Option<CMap>,
    cid_text: CidText,
    two_byte: bool,
    to_unicode: Option<CMap>,
    /// CidText::Glyph fonts: the embedded font's glyph → character map.
    glyphs: Option<Box<GlyphText>>,
    /// Simple fonts: text for each byte.
    simple: Option<Box<[Option<char>; 256]>>,
    /// Width of each code in glyph space (1/1000 em).
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Type3 fonts scale widths by their FontMatrix.
    width_scale: f32,
}

/// One code of a shown string.
pub struct Code {
    /// Its text (may be empty for an unmapped code, or several characters for ligatures).
    pub text: String,
    /// Advance width in text space units per 1 point of font size.
    pub width: f32,
    /// A single-byte 32: word spacing (Tw) applies.
    pub is_space_byte: bool,
}

impl Font {
    /// The font used when a Tf names a font that cannot be found.
    pub fn fallback() -> Font {
        Font::simple(win_ansi(), None, HashMap::new(), 500.0, 0.001)
    }

    /// A simple (single-byte) font: the text of each byte, and its widths.
    fn simple(
        table: [Option<char>; 256],
        to_unicode: Option<CMap>,
        widths: HashMap<u32, f32>,
        default_width: f32,
        width_scale: f32,
    ) -> Font {
        Font {
            composite: false,
            vertical: false,
            encoding_cmap: None,
            cid_text: CidText::Cid,
            two_byte: false,
            to_unicode,
            glyphs: None,
            simple: Some(Box::new(table)),
            widths,
            default_width,
            width_scale,
        }
    }

    /// Reads a font dictionary. Never fails: missing parts get defaults.
    pub fn load(doc: &Document, d: &Dictionary) -> Font {
        let subtype = name(dict_get(doc, d, b"Subtype"));
        let to_unicode = match dict_get(doc, d, b"ToUnicode") {
            Object::Stream(s) => s.decompressed_content_with_limit(4 << 20).ok().map(|b| cmap::parse(&b)),
            _ => None,
        }
        .filter(|c| !c.uni.is_empty());
        if subtype == b"Type0" {
            let desc = match dict_get(doc, d, b"DescendantFonts") {
                Object::Array(a) => a.first().map(|o| deref(doc, o)),
                _ => None,
            };
            let desc = match desc {
                Some(Object::Dictionary(dd)) => Some(dd),
                _ => None,
            };
            let (enc_name, encoding_cmap) = match dict_get(doc, d, b"Encoding") {
                Object::Name(n) => (n.clone(), None),
                Object::Stream(s) => (
                    name(s.dict.get(b"CMapName").map(|o| deref(doc, o)).unwrap_or(&Object::Null)).to_vec(),
                    s.decompressed_content_with_limit(4 << 20).ok().map(|b| cmap::parse(&b)),
                ),
                _ => (b"Identity-H".to_vec(), None),
            };
            let en = String::from_utf8_lossy(&enc_name).to_string();
            let cid_text = if en.contains("UCS2") || en.contains("UTF16") {
                CidText::Ucs2
            } else if en.starts_with("GB") && en.contains("-H") || en.starts_with("GB") && en.contains("-V") {
                CidText::Gbk
            } else {
                CidText::Cid
            };
            let ordering = desc
                .map(|dd| match dict_get(doc, dd, b"CIDSystemInfo") {
                    Object::Dictionary(ci) => match dict_get(doc, ci, b"Ordering") {
                        Object::String(s, _) => s.clone(),
                        _ => Vec::new(),
                    },
                    _ => Vec::new(),
                })
                .unwrap_or_default();
            // Identity-H over an Adobe-GB1 font: the code is the CID, and the
            // collection says which character each CID is.
            let cid_text = if cid_text == CidText::Cid && ordering == b"GB1" { CidText::Gb1 } else { cid_text };
            // Without ToUnicode, an Identity font's CIDs name glyphs of the
            // embedded TrueType font, whose own cmap says what each draws.
            let glyphs = match desc {
                Some(dd) if cid_text == CidText::Cid && to_unicode.is_none() => glyph_text(doc, dd),
                _ => None,
            };
            let cid_text = if glyphs.is_some() { CidText::Glyph } else { cid_text };
            let two_byte = cid_text != CidText::Gbk;
            let mut widths = HashMap::new();
            let mut default_width = 1000.0;
            if let Some(dd) = desc {
                if let Some(w) = num(dict_get(doc, dd, b"DW")) {
                    default_width = w;
                }
                if let Object::Array(w) = dict_get(doc, dd, b"W") {
                    cid_widths(doc, w, &mut widths);
                }
            }
            return Font {
                composite: true,
                vertical: en.ends_with("-V"),
                encoding_cmap: encoding_cmap.filter(|c| !c.ranges.is_empty()),
                cid_text,
                two_byte,
                to_unicode,
                glyphs,
                simple: None,
                widths,
                default_width,
                width_scale: 0.001,
            };
        }
        // Simple font (Type1, TrueType, Type3, MMType1).
        let mut table = win_ansi();
        let enc = dict_get(doc, d, b"Encoding");
        let (base, diffs) = match enc {
            Object::Name(n) => (n.clone(), None),
            Object::Dictionary(ed) => (
                name(dict_get(doc, ed, b"BaseEncoding")).to_vec(),
                match dict_get(doc, ed, b"Differences") {
                    Object::Array(a) => Some(a.clone()),
                    _ => None,
                },
            ),
            _ => (Vec::new(), None),
        };
        if base == b"MacRomanEncoding" {
            // Only the ASCII half matters for disclosures; MacRoman agrees with it.
            for slot in table.iter_mut().skip(128) {
                *slot = None;
            }
        }
        if let Some(diffs) = diffs {
            let mut code = 0usize;
            for o in diffs.iter().map(|o| deref(doc, o)) {
                match o {
                    Object::Integer(i) => code = (*i).clamp(0, 255) as usize,
                    Object::Name(n) => {
                        if code < 256 {
                            table[code] = glyph_name(n);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
        let mut widths = HashMap::new();
        let first = num(dict_get(doc, d, b"FirstChar")).unwrap_or(0.0).max(0.0) as u32;
        if let Object::Array(w) = dict_get(doc, d, b"Widths") {
            for (i, o) in w.iter().enumerate().take(256) {
                if let Some(v) = num(deref(doc, o)) {
                    widths.insert(first.saturating_add(i as u32), v);
                }
            }
        }
        let mut default_width = 500.0;
        if let Object::Dictionary(fd) = dict_get(doc, d, b"FontDescriptor") {
            if let Some(m) = num(dict_get(doc, fd, b"MissingWidth")).filter(|m| *m > 0.0) {
                default_width = m;
            }
        }
        let width_scale = if subtype == b"Type3" {
            match dict_get(doc, d, b"FontMatrix") {
                Object::Array(m) if !m.is_empty() => num(deref(doc, &m[0])).unwrap_or(0.001),
                _ => 0.001,
            }
        } else {
            0.001
        };
        Font::simple(table, to_unicode, widths, default_width, width_scale)
    }

    /// Splits a shown string into codes with their text and widths.
    pub fn codes(&self, s: &[u8], out: &mut Vec<Code>) {
        out.clear();
        let mut i = 0;
        while i < s.len() {
            let len = if !self.composite {
                1
            } else if let Some(cm) = &self.encoding_cmap {
                cm.code_len(&s[i..]).unwrap_or(2)
            } else if self.two_byte {
                2
            } else if s[i] < 0x80 {
                1
            } else {
                2
            };
            let len = len.clamp(1, 4).min(s.len() - i);
            let bytes = &s[i..i + len];
            let code = bytes.iter().fold(0u32, |a, &b| a << 8 | b as u32);
            i += len;
            let text = self.text(code, bytes);
            let w = self.widths.get(&code).copied().unwrap_or(self.default_width) * self.width_scale;
            out.push(Code { text, width: w, is_space_byte: len == 1 && code == 32 });
        }
    }

    fn text(&self, code: u32, bytes: &[u8]) -> String {
        if let Some(tu) = &self.to_unicode {
            if let Some(t) = tu.uni.get(&code) {
                return t.clone();
            }
        }
        if let Some(table) = &self.simple {
            return table[(code & 0xFF) as usize].map(String::from).unwrap_or_default();
        }
        match self.cid_text {
            CidText::Gbk => {
                if bytes.len() == 1 {
                    return (bytes[0] as char).to_string();
                }
                let (t, _, bad) = GBK.decode(bytes);
                if bad {
                    String::new()
                } else {
                    t.into_owned()
                }
            }
            CidText::Ucs2 => char::from_u32(code).map(String::from).unwrap_or_default(),
            CidText::Gb1 => {
                let cid = match &self.encoding_cmap {
                    Some(cm) => cm.cid_of(code).unwrap_or(code),
                    None => code,
                };
                gb1_char(cid).map(String::from).unwrap_or_else(|| "\u{FFFD}".to_string())
            }
            CidText::Glyph => {
                let cid = match &self.encoding_cmap {
                    Some(cm) => cm.cid_of(code).unwrap_or(code),
                    None => code,
                };
                self.glyphs.as_deref().and_then(|g| g.char_of(cid)).map(String::from).unwrap_or_else(|| "\u{FFFD}".to_string())
            }
            // An Identity-H CID without ToUnicode: Adobe-GB1's CID→Unicode table
            // is not carried (about 30 000 entries); the glyph still counts for
            // layout and for telling a text PDF from a scan.
            CidText::Cid => "\u{FFFD}".to_string(),
        }
    }
}

impl GlyphText {
    fn char_of(&self, cid: u32) -> Option<char> {
        let gid = match &self.cid_to_gid {
            None => u16::try_from(cid).ok()?,
            Some(map) => {
                let at = usize::try_from(cid).ok()?.checked_mul(2)?;
                let b = map.get(at..at + 2)?;
                u16::from_be_bytes([b[0], b[1]])
            }
        };
        self.chars.get(&gid).copied()
    }
}

/// The glyph → character map of a CIDFont's embedded TrueType font, when
/// it keeps a usable `cmap` (many subsets drop it: then None).
fn glyph_text(doc: &Document, desc: &Dictionary) -> Option<Box<GlyphText>> {
    let Object::Dictionary(fd) = dict_get(doc, desc, b"FontDescriptor") else {
        return None;
    };
    let Object::Stream(ff) = dict_get(doc, fd, b"FontFile2") else {
        return None;
    };
    let chars = sfnt_cmap::glyph_chars(&ff.decompressed_content_with_limit(FONT_FILE_LIMIT).ok()?);
    if chars.is_empty() {
        return None;
    }
    let cid_to_gid = match dict_get(doc, desc, b"CIDToGIDMap") {
        Object::Stream(s) => Some(s.decompressed_content_with_limit(1 << 17).ok()?),
        _ => None,
    };
    Some(Box::new(GlyphText { cid_to_gid, chars }))
}

fn name(o: &Object) -> &[u8] {
    match o {
        Object::Name(n) => n,
        _ => b"",
    }
}

/// Reads a CIDFont /W array: `c [w1 w2 …]` or `c1 c2 w`.
fn cid_widths(doc: &Document, w: &[Object], out: &mut HashMap<u32, f32>) {
    let mut i = 0;
    while i < w.len() && out.len() < 1 << 17 {
        let Some(c) = num(deref(doc, &w[i])) else {
            i += 1;
            continue;
        };
        let c = c.max(0.0) as u32;
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, o) in ws.iter().enumerate().take(1 << 16) {
                    if let Some(v) = num(deref(doc, o)) {
                        out.insert(c.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(o2) => {
                let c2 = num(o2).unwrap_or(0.0).max(0.0) as u32;
                let v = w.get(i + 2).and_then(|o| num(deref(doc, o))).unwrap_or(1000.0);
                // Bounded and overflow-free: hostile ranges such as 0–4294967295 exist.
                for k in (c..=c2).take(1 << 16) {
                    out.insert(k, v);
                }
                i += 3;
            }
            None => break,
        }
    }
}

/// WinAnsiEncoding (Windows-1252), the default for these documents' simple fonts.
fn win_ansi() -> [Option<char>; 256] {
    let mut t = [None; 256];
    for (b, slot) in t.iter_mut().enumerate().skip(32) {
        let byte = [b as u8];
        let (s, _, bad) = WINDOWS_1252.decode(&byte);
        if !bad {
            *slot = s.chars().next();
        }
    }
    t
}

/// A glyph name from /Differences to its character: uniXXXX, uXXXX, single
/// letters, and the names of ASCII punctuation and digits.
fn glyph_name(n: &[u8]) -> Option<char> {
    let s = std::str::from_utf8(n).ok()?;
    if let Some(h) = s.strip_prefix("uni").or_else(|| s.strip_prefix('u')) {
        if (4..=6).contains(&h.len()) {
            if let Some(c) = u32::from_str_radix(h, 16).ok().and_then(char::from_u32) {
                return Some(c);
            }
        }
    }
    if s.len() == 1 && s.as_bytes()[0].is_ascii_alphabetic() {
        return s.chars().next();
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("exclam", '!'),
        ("quotedbl", '"'),
        ("numbersign", '#'),
        ("dollar", '$'),
        ("percent", '%'),
        ("ampersand", '&'),
        ("quotesingle", '\''),
        ("parenleft", '('),
        ("parenright", ')'),
        ("asterisk", '*'),
        ("plus", '+'),
        ("comma", ','),
        ("hyphen", '-'),
        ("period", '.'),
        ("slash", '/'),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("less", '<'),
        ("equal", '='),
        ("greater", '>'),
        ("question", '?'),
        ("at", '@'),
        ("bracketleft", '['),
        ("backslash", '\\'),
        ("bracketright", ']'),
        ("underscore", '_'),
        ("minus", '-'),
        ("endash", '–'),
        ("emdash", '—'),
        ("bullet", '•'),
        ("quoteleft", '‘'),
        ("quoteright", '’'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("periodcentered", '·'),
    ];
    NAMES.iter().find(|(k, _)| *k == s).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name(b"uni8D22"), Some('财'));
        assert_eq!(glyph_name(b"period"), Some('.'));
        assert_eq!(glyph_name(b"g123"), None);
    }

    #[test]
    fn adobe_gb1_cids() {
        // Adobe-GB1: CID 1 is the space, 17 the digit 0, 4040 a common hanzi.
        assert_eq!(gb1_char(1), Some(' '));
        assert_eq!(gb1_char(17), Some('0'));
        assert_eq!(gb1_char(34), Some('A'));
        assert!(gb1_char(4040).is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        assert_eq!(gb1_char(10_000_000), None);
    }

    #[test]
    fn gbk_euc_codes() {
        let mut f = Font::fallback();
        f.composite = true;
        f.simple = None;
        f.cid_text = CidText::Gbk;
        let mut out = Vec::new();
        // "财政 1" in GBK: two double-byte codes, a space, a digit.
        f.codes(&[0xB2, 0xC6, 0xD5, 0xFE, b' ', b'1'], &mut out);
        let t: String = out.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(t, "财政 1");
        assert!(out[2].is_space_byte);
    }
}
