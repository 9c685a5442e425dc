//! The whole text as one string, for the rules that read across line wraps.

use super::Line;

/// The squeezed lines of a text joined into one string, with the source
/// line of each part: a defect split by a line wrap is still one run of
/// chars. Also the offsets of the few chars the text rules look for
/// ([`marked`]), found in one pass so that no rule scans the whole text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Stream {
    /// The lines' squeezed texts, joined with nothing between.
    pub(crate) text: String,
    /// (byte offset in `text`, line number) where each line with text starts.
    starts: Vec<(usize, usize)>,
    /// The [`marked`] chars with their byte offsets in `text`, in order.
    pub(crate) marks: Vec<(usize, char)>,
}

/// The chars whose offsets the stream keeps: the doubled marks of TXT-005,
/// the sentence ends of TXT-006, the brackets and X's of TXT-007, and the
/// chars whose lines TXT-004 and TXT-008 read ([`Stream::lines_with`]; each
/// rule has a test that its chars are here).
pub(crate) fn marked(c: char) -> bool {
    matches!(c, '。' | '，' | '；' | '、' | ';' | '（' | '）' | '(' | ')' | 'X' | 'x' | '×' | '支' | '年')
}

/// Whether `b` is the UTF-8 lead byte of a [`marked`] char (a test checks
/// every char).
const fn lead(b: u8) -> bool {
    matches!(b, b'(' | b')' | b';' | b'X' | b'x' | 0xC3 | 0xE3 | 0xE5 | 0xE6 | 0xEF)
}

/// For each lead byte, the UTF-8 width of its char, with 0x80 added when it
/// leads a [`marked`] char: the text is read char by char without decoding.
const STEP: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut b = 0;
    while b < 256 {
        let width = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xFF => 4,
            _ => 1,
        };
        t[b] = if lead(b as u8) { width | 0x80 } else { width };
        b += 1;
    }
    t
};

impl Stream {
    /// The stream of `lines`.
    pub(crate) fn of(lines: &[Line]) -> Stream {
        let len = lines.iter().map(|l| l.squeezed.len()).fold(0usize, usize::saturating_add);
        let mut text = String::with_capacity(len);
        let mut starts = Vec::with_capacity(lines.len());
        for l in lines.iter().filter(|l| !l.squeezed.is_empty()) {
            starts.push((text.len(), l.no));
            text.push_str(&l.squeezed);
        }
        // Char by char, by the width its lead byte gives: only the chars led
        // by a marked char's lead byte are decoded.
        // About one char in six is marked in these texts (a char is mostly 3
        // bytes): sized once, the vector seldom grows.
        let mut marks = Vec::with_capacity(text.len() / 16);
        let mut i = 0;
        let bytes = text.as_bytes();
        while let Some(&b) = bytes.get(i) {
            let step = STEP[usize::from(b)];
            if step & 0x80 != 0 {
                // 年 and 支 share their lead bytes with a third of all CJK
                // chars: they are told by their other bytes, not decoded.
                let c = match (b, bytes.get(i + 1..i + 3)) {
                    (0xE5, Some([0xB9, 0xB4])) => Some('年'),
                    (0xE6, Some([0x94, 0xAF])) => Some('支'),
                    (0xE5 | 0xE6, _) => None,
                    _ => text.get(i..).and_then(|r| r.chars().next()).filter(|c| marked(*c)),
                };
                if let Some(c) = c {
                    marks.push((i, c));
                }
            }
            i += usize::from(step & 7);
        }
        Stream { text, starts, marks }
    }

    /// The numbers of the lines whose squeezed text holds `c`, a [`marked`]
    /// char, in order: read from the marks, not searched for line by line.
    pub(crate) fn lines_with(&self, c: char) -> Vec<usize> {
        debug_assert!(marked(c));
        let mut out = Vec::new();
        // Where the last line found ends: marks before it are in that line.
        let mut end = 0;
        for &(at, _) in self.marks.iter().filter(|(_, m)| *m == c) {
            if at < end {
                continue;
            }
            let (no, next) = self.line_of(at);
            out.extend(no);
            end = next;
        }
        out
    }

    /// The numbers of the lines whose squeezed text holds an ASCII letter, in
    /// order. Few do: the text is tested 64 bytes at a time without an early
    /// exit (so the test runs vectorised), and only blocks with a letter are
    /// looked into.
    pub(crate) fn lines_with_ascii_letters(&self) -> Vec<usize> {
        let mut out = Vec::new();
        // Where the last line found ends: letters before it are in that line.
        let mut end = 0;
        for (k, block) in self.text.as_bytes().chunks(64).enumerate() {
            if !block.iter().fold(false, |seen, b| seen | b.is_ascii_alphabetic()) {
                continue;
            }
            for (j, b) in block.iter().enumerate() {
                let at = k * 64 + j;
                if at < end || !b.is_ascii_alphabetic() {
                    continue;
                }
                let (no, next) = self.line_of(at);
                out.extend(no);
                end = next;
            }
        }
        out
    }

    /// The source line of the char at byte offset `i` of `text`.
    pub(crate) fn line_at(&self, i: usize) -> usize {
        self.line_of(i).0.unwrap_or(0)
    }

    /// The source line holding byte offset `at` of `text` (None before the
    /// first line), and the offset where the next line starts.
    fn line_of(&self, at: usize) -> (Option<usize>, usize) {
        let n = self.starts.partition_point(|&(s, _)| s <= at);
        let no = n.checked_sub(1).and_then(|n| self.starts.get(n)).map(|&(_, no)| no);
        (no, self.starts.get(n).map_or(usize::MAX, |&(next, _)| next))
    }
}

/// The chars of `lines` in stream order with their source lines, one by
/// one: how the stream was read before it was a string, kept for tests that
/// hold the text rules to their earlier char-by-char definitions.
#[cfg(test)]
pub(crate) fn chars_and_lines(lines: &[Line]) -> (Vec<char>, Vec<usize>) {
    lines.iter().flat_map(|l| l.squeezed.chars().map(move |c| (c, l.no))).unzip()
}

/// Texts made of `pieces` in a pseudo-random order and count, some pieces
/// on new lines (a fixed seed: the same texts every run).
#[cfg(test)]
pub(crate) fn sample_texts(pieces: &[&str], count: usize) -> Vec<String> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(state >> 33).unwrap_or(0) % n.max(1)
    };
    (0..count)
        .map(|_| {
            let len = next(60);
            let mut t = String::new();
            for _ in 0..len {
                if next(8) == 0 {
                    t.push_str(if next(3) == 0 { "\n\n" } else { "\n " });
                }
                t.push_str(pieces[next(pieces.len())]);
            }
            t
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_marked_char_has_its_lead_byte_listed() {
        for c in (0..0x11_0000).filter_map(char::from_u32).filter(|c| marked(*c)) {
            let mut buf = [0u8; 4];
            assert!(lead(c.encode_utf8(&mut buf).as_bytes()[0]), "{c}");
        }
        // Never a byte inside a char.
        assert!((0x80..0xC0).all(|b| !lead(b)));
        // The only marked chars led by 0xE5 and 0xE6, told by their bytes.
        let led_by = |b: u8| {
            (0..0x11_0000)
                .filter_map(char::from_u32)
                .filter(|c| marked(*c) && c.encode_utf8(&mut [0; 4]).as_bytes()[0] == b)
                .collect::<Vec<_>>()
        };
        assert_eq!(led_by(0xE5), ['年']);
        assert_eq!(led_by(0xE6), ['支']);
        assert_eq!('年'.encode_utf8(&mut [0; 4]).as_bytes(), [0xE5, 0xB9, 0xB4]);
        assert_eq!('支'.encode_utf8(&mut [0; 4]).as_bytes(), [0xE6, 0x94, 0xAF]);
    }

    #[test]
    fn every_char_steps_by_its_width() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            assert_eq!(usize::from(STEP[usize::from(first)] & 7), c.len_utf8(), "{c}");
            assert_eq!(STEP[usize::from(first)] & 0x80 != 0, lead(first));
        }
    }

    #[test]
    fn marks_and_lines_agree_with_the_chars() {
        let pieces =
            ["（", "）", "(", ")", "X", "x", "×", "。", "，", "；", "、", ";", "：", "《", "》", "字", "a", "1", "é", "😀", "\u{3000}"];
        let mut texts = crate::text::stream::sample_texts(&pieces, 300);
        texts.push(format!("{}a\n{}\nb{}Z", "字".repeat(30), "字".repeat(50), "1".repeat(70)));
        texts.push("第一行（X）。\n\n  增加(减少)；x×、，;\n普通文字《》「」：\n。一二三四五六七八九十（一二三四五六七八九十）X十一二三四五六七八九十、".into());
        for text in texts {
            let lines = crate::text::normalise(&text);
            let s = Stream::of(&lines);
            let mut expected_marks = Vec::new();
            let mut expected_lines = Vec::new();
            let mut at = 0;
            for l in &lines {
                for (i, c) in l.squeezed.char_indices() {
                    if marked(c) {
                        expected_marks.push((at + i, c));
                    }
                    expected_lines.push((at + i, l.no));
                }
                at += l.squeezed.len();
            }
            assert_eq!(s.marks, expected_marks, "{text}");
            let expected: Vec<usize> = lines.iter().filter(|l| l.squeezed.bytes().any(|b| b.is_ascii_alphabetic())).map(|l| l.no).collect();
            assert_eq!(s.lines_with_ascii_letters(), expected, "{text}");
            for c in ['X', '。', '支', '年'] {
                let expected: Vec<usize> = lines.iter().filter(|l| l.squeezed.contains(c)).map(|l| l.no).collect();
                assert_eq!(s.lines_with(c), expected, "{text}");
            }
            for (i, no) in expected_lines {
                assert_eq!(s.line_at(i), no);
            }
        }
    }
}
