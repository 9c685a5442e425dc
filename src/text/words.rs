//! The words of a line between white space, found by bytes: what the
//! table readers and the 绩效 reader split cells by.

/// Per byte: 1 if it is an ASCII white space char, 2 if it leads a
/// non-ASCII char that may be white space (U+0085 and U+00A0 lead with C2,
/// U+1680 with E1, U+2000–U+205F with E2, U+3000 with E3), else 0
/// (continuation bytes included: no char starts there).
const SPACE: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'\t' as usize] = 1;
    t[b'\n' as usize] = 1;
    t[0x0B] = 1;
    t[0x0C] = 1;
    t[b'\r' as usize] = 1;
    t[b' ' as usize] = 1;
    t[0xC2] = 2;
    t[0xE1] = 2;
    t[0xE2] = 2;
    t[0xE3] = 2;
    t
};

/// Whether a char whose UTF-8 lead byte is `b` may be white space: an
/// ASCII one (tab … CR, space) or a char led by C2, E1, E2 or E3.
pub(crate) fn may_start_white_space(b: u8) -> bool {
    SPACE[usize::from(b)] != 0
}

/// Whether a white space char (`char::is_whitespace`) starts with the bytes
/// `[a, b, c]`: ASCII TAB … CR and space, U+0085, U+00A0, U+1680,
/// U+2000…U+200A, U+2028, U+2029, U+202F, U+205F, U+3000. Tested without a
/// branch, so it runs on many positions at once.
#[inline(always)]
pub(crate) fn white_space_at([a, b, c]: [u8; 3]) -> bool {
    let ascii = (a == b' ') | (a.wrapping_sub(b'\t') < 5);
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
