//! Chars read from their UTF-8 bytes without decoding: for tests run on
//! every line or every claim, where `chars().next()` branches on the lead
//! byte and mispredicts on text mixing ASCII and CJK.

/// The first char of `s` when it takes three UTF-8 bytes (every CJK
/// numeral, 第 and the full-width brackets do), as a code point, else 0:
/// assembled from three bytes without branching on the lead byte. Tested on
/// the first char of every line before a line is read as a heading, with
/// `CharSet::has_code`.
pub(crate) fn first_three_byte_char(s: &str) -> u32 {
    let [b0, b1, b2, ..] = *s.as_bytes() else { return 0 };
    three_byte_code(b0, b1, b2)
}

/// The code point of a three-byte UTF-8 char, 0 when `b0` does not open one,
/// without a branch: a lead byte 1110xxxx opens a three-byte char, whose two
/// continuation bytes follow in valid UTF-8.
pub(crate) fn three_byte_code(b0: u8, b1: u8, b2: u8) -> u32 {
    let (b0, b1, b2) = (u32::from(b0), u32::from(b1), u32::from(b2));
    let three = u32::from(b0 >> 4 == 0xE);
    (((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F)) * three
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_three_byte_char_is_the_first_char_when_three_bytes_long() {
        let pieces = ["一", "（", "第", "a", "1", " ", "é", "😀", "\u{800}", "\u{ffff}", "\u{e000}", "4x@", "收入", "、"];
        let firsts =
            crate::text::stream::sample_texts(&pieces, 400).into_iter().flat_map(|t| t.split('\n').map(str::to_string).collect::<Vec<_>>());
        let singles = ('\0'..='\u{ffff}').chain(['\u{10000}', '\u{10ffff}']).map(|c| format!("{c}x"));
        for s in firsts.chain(singles).chain([String::new()]) {
            let want = s.chars().next().filter(|c| c.len_utf8() == 3).map_or(0, u32::from);
            assert_eq!(first_three_byte_char(&s), want, "{s:?}");
        }
    }
}
