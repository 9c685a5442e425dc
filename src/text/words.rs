//! The words of a line between white space, found by bytes: what the
//! table readers and the 绩效 reader split cells by.

/// Whether `b` is an ASCII white space char (TAB … CR, space). What the
/// fast tests below know of white space, in one place: it is this byte, or
/// a char led by [`SPACE_LEAD_2`] (two bytes) or by a byte for which
/// [`space_lead_3`] holds (three bytes); a test checks every white space
/// char against them.
#[inline(always)]
pub(crate) const fn is_ascii_space(b: u8) -> bool {
    (b == b' ') | (b.wrapping_sub(b'\t') <= b'\r' - b'\t')
}

/// The lead byte of the two-byte white space chars (U+0085, U+00A0).
pub(crate) const SPACE_LEAD_2: u8 = 0xC2;

/// Whether `b` leads a three-byte char that may be white space: E1
/// (U+1680), E2 (U+2000…U+205F) or E3 (U+3000). A range, one compare.
#[inline(always)]
pub(crate) const fn space_lead_3(b: u8) -> bool {
    b.wrapping_sub(0xE1) <= 0xE3 - 0xE1
}

/// Per byte: 1 if it is an ASCII white space char, 2 if it leads a
/// non-ASCII char that may be white space, else 0 (continuation bytes
/// included: no char starts there).
const SPACE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        t[b] = if is_ascii_space(byte) {
            1
        } else if byte == SPACE_LEAD_2 || space_lead_3(byte) {
            2
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Whether a char whose UTF-8 lead byte is `b` may be white space: an
/// ASCII one (tab … CR, space) or a char led by C2, E1, E2 or E3.
pub(crate) fn may_start_white_space(b: u8) -> bool {
    SPACE[usize::from(b)] != 0
}

/// Whether `s` may end in white space, by its last three bytes: it ends in
/// an ASCII white space byte, or its second last byte is [`SPACE_LEAD_2`],
/// or its third last leads a three-byte one. A CJK char's bytes (led by
/// E4…E9) pass none of these. Tested with `|`, not `matches!`, which the
/// compiler turns into a branch per byte value, unpredictable at the ends
/// of lines of CJK, digits and punctuation.
#[inline(always)]
pub(crate) fn may_end_white_space(s: &str) -> bool {
    let b = s.as_bytes();
    let back = |k: usize| b.len().checked_sub(k).and_then(|i| b.get(i)).copied().unwrap_or(0);
    is_ascii_space(back(1)) | (back(2) == SPACE_LEAD_2) | space_lead_3(back(3))
}

/// Whether a white space char (`char::is_whitespace`) starts with the bytes
/// `[a, b, c]`: ASCII TAB … CR and space, U+0085, U+00A0, U+1680,
/// U+2000…U+200A, U+2028, U+2029, U+202F, U+205F, U+3000. Tested without a
/// branch, so it runs on many positions at once.
#[inline(always)]
pub(crate) fn white_space_at([a, b, c]: [u8; 3]) -> bool {
    let ascii = is_ascii_space(a);
    let c2 = (a == 0xC2) & ((b == 0x85) | (b == 0xA0));
    let e1 = (a == 0xE1) & (b == 0x9A) & (c == 0x80);
    let e2_80 = (b == 0x80) & ((c.wrapping_sub(0x80) < 0x0B) | (c == 0xA8) | (c == 0xA9) | (c == 0xAF));
    let e2 = (a == 0xE2) & (e2_80 | ((b == 0x81) & (c == 0x9F)));
    let e3 = (a == 0xE3) & (b == 0x80) & (c == 0x80);
    ascii | c2 | e1 | e2 | e3
}

/// The byte length of the white space char at byte `i` of `s` (a char
/// boundary or a continuation byte), 0 if there is none there.
fn space_at(s: &str, i: usize) -> usize {
    match s.as_bytes().get(i).map_or(0, |b| SPACE[usize::from(*b)]) {
        0 => 0,
        1 => 1,
        // Rare: decoded and tested as `char::is_whitespace` has it.
        _ => s.get(i..).and_then(|r| r.chars().next()).filter(|c| c.is_whitespace()).map_or(0, char::len_utf8),
    }
}

/// The words of `s` between white space, as [`str::split_whitespace`] gives
/// them, found by bytes: a table lookup per byte, which on mixed CJK and
/// ASCII text mispredicts far less than decoding every char to test it.
pub(crate) fn words(s: &str) -> Words<'_> {
    Words { s, at: 0 }
}

/// See [`words`].
pub(crate) struct Words<'a> {
    s: &'a str,
    /// Where the search goes on (a char boundary).
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let len = self.s.len();
        let mut i = self.at;
        loop {
            let w = space_at(self.s, i);
            if w == 0 {
                break;
            }
            i += w;
        }
        if i >= len {
            self.at = len;
            return None;
        }
        let start = i;
        // The word's first byte is no space; its next bytes may continue it.
        i += 1;
        while i < len && space_at(self.s, i) == 0 {
            i += 1;
        }
        self.at = i;
        self.s.get(start..i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_at_is_is_whitespace_at_every_char_and_nowhere_inside_one() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let at = |i: usize| [0, 1, 2].map(|k| bytes.get(i + k).copied().unwrap_or(0));
            assert_eq!(white_space_at(at(0)), c.is_whitespace(), "{c:?}");
            for i in 1..bytes.len() {
                assert!(!white_space_at(at(i)), "{c:?} byte {i}");
            }
        }
    }

    #[test]
    fn words_by_bytes_are_split_whitespace() {
        let pieces: Vec<&str> = "合计|1.00|一、| |  |\t|\r|\x0b|\x0c|\u{85}|\u{a0}|\u{1680}|\u{2000}|\u{200a}|\u{200b}|\u{2028}|\u{202f}|\u{205f}|\u{3000}|\u{3001}|。|\u{e1}|\u{1681}|é|𝄞|5"
            .split('|')
            .collect();
        for t in crate::text::stream::sample_texts(&pieces, 400) {
            assert_eq!(words(&t).collect::<Vec<_>>(), t.split_whitespace().collect::<Vec<_>>(), "{t:?}");
        }
    }
}
