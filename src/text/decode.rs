//! Bytes to text: detects UTF-8, UTF-16 (with or without BOM) and GBK/GB18030.
//!
//! Published disclosures are saved from portals by many tools; Windows machines
//! still write GBK. Detection is deliberately simple and explainable: a BOM wins,
//! then valid UTF-8, then the UTF-16 NUL pattern, then GB18030 (a superset of GBK).

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// The encoding a text was decoded from, as shown to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16 little-endian.
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
    /// GBK or GB18030 (GB18030 is decoded, which covers GBK and GB2312).
    Gb18030,
}

impl TextEncoding {
    /// A short name for the user interface.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Gb18030 => "GBK/GB18030",
        }
    }
}

/// Decoded text and how it was decoded.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, with any BOM removed.
    pub text: String,
    /// The encoding used.
    pub encoding: TextEncoding,
    /// Whether some bytes were not valid in that encoding (replaced by U+FFFD).
    pub had_errors: bool,
}

/// Decodes bytes into text. Never fails: undecodable bytes become U+FFFD and
/// `had_errors` is set; deciding whether the result is a disclosure is left to
/// recognition.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (text, encoding, had_errors) = decode_borrowed(bytes);
    Decoded { text: text.into_owned(), encoding, had_errors }
}

/// [`decode`]'s text, encoding and `had_errors`, the text borrowed from
/// `bytes` where they are valid UTF-8 (most input): a check reads it in
/// place, not from a copy.
pub(crate) fn decode_borrowed(bytes: &[u8]) -> (Cow<'_, str>, TextEncoding, bool) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return run(enc, bytes.get(bom_len..).unwrap_or_default());
    }
    if let Some(enc) = utf16_by_nuls(bytes) {
        return run(enc, bytes);
    }
    // encoding_rs validates UTF-8 faster than `str::from_utf8` where most
    // characters take three bytes (CJK text).
    if let Some(text) = encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        // Already valid: borrowed, not decoded (and validated) a second time.
        return (text, TextEncoding::Utf8, false);
    }
    if let Some(enc) = utf16_by_range(bytes) {
        return run(enc, bytes);
    }
    run(GB18030, bytes)
}

/// How many chars of `text` are U+FFFD or control characters other than
/// line breaks, tab and form feed: a text with many (against its chars) is
/// binary data, not a disclosure.
pub(crate) fn unreadable_chars(text: &str) -> usize {
    // A char is counted at its lead byte. The three kinds of bad char are
    // disjoint and each is found without a look at every char: C0 controls
    // and DEL (one byte each) are counted in one pass the compiler
    // vectorises; C1 controls (C2 80…C2 9F) and U+FFFD (EF BF BD) are found
    // by memchr and memmem, their bytes being rare. The chars themselves
    // are counted only when there is a bad one (seldom).
    let bytes = text.as_bytes();
    // Counted in byte-wide lanes, 128 bytes at a time (a u8 cannot overflow),
    // sixteen or more to a register: a whole number of registers, so no
    // chunk ends in bytes counted one at a time (as 255 would). Chunks of a
    // fixed size, the few bytes after the last counted apart: a chunk of
    // unknown length took a third more instructions a byte (1.6 against
    // 1.1, with the test below).
    let mut blocks = bytes.chunks_exact(128);
    let mut controls = 0usize;
    for block in &mut blocks {
        let block: &[u8; 128] = block.try_into().unwrap_or(&[0; 128]);
        let k = block.iter().fold(0u8, |k, &b| k.wrapping_add(u8::from(is_control(b))));
        controls = controls.saturating_add(usize::from(k));
    }
    controls = controls.saturating_add(blocks.remainder().iter().filter(|&&b| is_control(b)).count());
    let c1 =
        memchr::memchr_iter(0xC2, bytes).filter(|&i| bytes.get(i.saturating_add(1)).is_some_and(|n| (0x80..=0x9F).contains(n))).count();
    let replacement = memchr::memmem::find_iter(bytes, "\u{FFFD}".as_bytes()).count();
    controls.saturating_add(c1).saturating_add(replacement)
}

/// Whether a byte is a C0 control other than tab, line feed, form feed and
/// carriage return, or DEL: a bad char of one byte.
fn is_control(b: u8) -> bool {
    // Tab, line feed, form feed and carriage return are 9…13 but 11: one
    // range and one compare, fewer vector operations than four compares.
    let kept = (b.wrapping_sub(0x09) <= 0x0D - 0x09) & (b != 0x0B);
    ((b < 0x20) & !kept) | (b == 0x7F)
}

fn run<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> (Cow<'a, str>, TextEncoding, bool) {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let encoding = if enc == UTF_16LE {
        TextEncoding::Utf16Le
    } else if enc == UTF_16BE {
        TextEncoding::Utf16Be
    } else if enc == UTF_8 {
        TextEncoding::Utf8
    } else {
        TextEncoding::Gb18030
    };
    (text, encoding, had_errors)
}

/// UTF-16 without a BOM, ASCII-heavy: a NUL in every other byte.
fn utf16_by_nuls(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = utf16_sample(bytes)?;
    // Both tests need a NUL: a sample without one (any UTF-8 or GBK text)
    // is passed by one memchr, not counted twice byte by byte.
    memchr::memchr(0, sample)?;
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nuls = sample.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd_nuls * 4 > pairs && even_nuls * 20 < pairs {
        return Some(UTF_16LE);
    }
    if even_nuls * 4 > pairs && odd_nuls * 20 < pairs {
        return Some(UTF_16BE);
    }
    None
}

fn utf16_sample(bytes: &[u8]) -> Option<&[u8]> {
    (bytes.len() >= 4 && bytes.len().is_multiple_of(2)).then(|| &bytes[..bytes.len().min(4096)])
}

/// UTF-16 without a BOM, CJK-heavy: nearly every code unit is CJK, CJK
/// punctuation, full-width forms, ASCII or a line break.
fn utf16_by_range(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = utf16_sample(bytes)?;
    let pairs = sample.len() / 2;
    let plausible = |hi: u8, lo: u8| {
        let u = u16::from_be_bytes([hi, lo]);
        (0x4E00..=0x9FFF).contains(&u)
            || (0x20..=0x7E).contains(&u)
            || u == 0x0A
            || u == 0x0D
            || (0x3000..=0x303F).contains(&u)
            || (0xFF00..=0xFFEF).contains(&u)
    };
    let le = sample.chunks_exact(2).filter(|c| plausible(c[1], c[0])).count();
    let be = sample.chunks_exact(2).filter(|c| plausible(c[0], c[1])).count();
    if le * 10 >= pairs * 9 {
        Some(UTF_16LE)
    } else if be * 10 >= pairs * 9 {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // decode takes encoding_rs's UTF-8 validation for str's own: they must
        // accept the same bytes (surrogates, overlongs, truncations, > U+10FFFF).
        #[test]
        fn utf8_validation_is_strs(bytes in proptest::collection::vec(prop_oneof![
            Just(0x41u8), Just(0xE5), Just(0x85), Just(0xAC), Just(0xED), Just(0xA0), Just(0x80),
            Just(0xBF), Just(0xC0), Just(0xC2), Just(0xE0), Just(0xF0), Just(0xF4), Just(0x90), Just(0xF5), Just(0xFF),
        ], 0..12)) {
            let ours = encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(&bytes);
            prop_assert_eq!(ours.as_deref(), std::str::from_utf8(&bytes).ok());
        }
    }

    #[test]
    fn utf8_gbk_and_utf16_decode_to_the_same_text() {
        let text = "收入支出决算总表\n金额单位：万元\n";
        let (gbk, _, _) = GB18030.encode(text);
        let utf16le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let mut utf16be_bom = vec![0xFE, 0xFF];
        utf16be_bom.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
        let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
        utf8_bom.extend_from_slice(text.as_bytes());

        assert_eq!(decode(text.as_bytes()).encoding, TextEncoding::Utf8);
        assert!(matches!(decode_borrowed(text.as_bytes()), (Cow::Borrowed(t), TextEncoding::Utf8, false) if t == text));
        assert_eq!(decode(&utf8_bom).text, text);
        let d = decode(&gbk);
        assert_eq!((d.text.as_str(), d.encoding), (text, TextEncoding::Gb18030));
        let d = decode(&utf16le);
        assert_eq!((d.text.as_str(), d.encoding), (text, TextEncoding::Utf16Le));
        let d = decode(&utf16be_bom);
        assert_eq!((d.text.as_str(), d.encoding), (text, TextEncoding::Utf16Be));
    }

    #[test]
    fn is_control_is_a_c0_control_but_the_line_breaks_tab_and_form_feed_or_del() {
        for b in 0..=255u8 {
            let want = ((b < 0x20) & !matches!(b, 0x09 | 0x0A | 0x0C | 0x0D)) | (b == 0x7F);
            assert_eq!(is_control(b), want, "{b:#04x}");
        }
    }

    #[test]
    fn unreadable_chars_counts_as_char_methods_do() {
        let text: String = (0u32..0x3000).chain(0xFFF0..0x10010).filter_map(char::from_u32).collect();
        let total = text.chars().count();
        let bad = text.chars().filter(|c| *c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))).count();
        assert_eq!(unreadable_chars(&text), bad);
        assert!(total > bad);
    }

    /// Bad chars at every offset of a block, among CJK, punctuation that
    /// shares their lead byte (EF) and ASCII.
    #[test]
    fn unreadable_chars_are_found_at_every_offset() {
        for bad in ['\u{FFFD}', '\u{1}', '\u{7F}', '\u{85}', '\u{9F}'] {
            for pad in 0..140 {
                let text = format!("{}{bad}，预算\n\t{}", "a".repeat(pad), "，支出".repeat(pad % 7));
                let want = text.chars().filter(|c| *c == bad).count();
                assert_eq!(unreadable_chars(&text), want, "{bad:?} after {pad}");
            }
        }
        let clean = "，：（）￥全角".repeat(50);
        assert_eq!(unreadable_chars(&clean), 0);
    }

    /// ASCII-heavy UTF-16 without a BOM is told by its NULs (the memchr
    /// that passes samples without one lets it through).
    #[test]
    fn ascii_utf16_is_told_by_its_nuls() {
        let text = "Budget 2024: 17,187.83\n".repeat(20);
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(utf16_by_nuls(&le), Some(UTF_16LE));
        assert_eq!(utf16_by_nuls(&be), Some(UTF_16BE));
        assert_eq!(utf16_by_nuls(text.as_bytes()), None);
        let d = decode(&le);
        assert_eq!((d.text.as_str(), d.encoding), (text.as_str(), TextEncoding::Utf16Le));
    }

    #[test]
    fn arbitrary_bytes_decode_without_panicking() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
        let d = decode(&bytes);
        assert!(d.had_errors || !d.text.is_empty());
    }
}
