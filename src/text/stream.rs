//! The whole text as one string, for the rules that read across line wraps.

use super::Line;

/// The squeezed lines of a text joined into one string, with the source
/// line of each part: a defect split by a line wrap is still one run of
/// chars. The offsets of the few chars the text rules look for (`marked`)
/// are made with it, each kind's apart ([`Stream::without`]), so that no
/// rule scans the whole text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Stream {
    /// The lines' squeezed texts, joined with nothing between.
    pub(crate) text: String,
    /// (byte offset in `text`, line number) where each line starts.
    starts: Vec<(usize, usize)>,
}

/// The chars whose offsets the stream keeps: the doubled marks of TXT-005,
/// the sentence ends of TXT-006, the brackets and X's of TXT-007, and the
/// chars whose lines TXT-004 and TXT-008 read (`Document::lines_with`; each
/// rule has a test that its chars are here). Normalisation finds them as it
/// makes the lines (`normalise_marking`), most by their bytes
/// ([`mark_at`]), a char that folds to one by its fold.
#[inline(always)]
pub(crate) fn marked(c: char) -> bool {
    matches!(c, '。' | '，' | '；' | '、' | ';' | '（' | '）' | '(' | ')' | 'X' | 'x' | '×' | '支' | '年')
}

/// The `marked` char whose encoding starts at byte `i` of `bytes`, if
/// one does: told by its bytes, not decoded and then compared (a third of
/// the marks scan's cost went to decoding the few thousand candidates). A
/// lead byte never appears inside a char, so bytes that spell a char's
/// whole encoding are that char wherever they stand.
#[inline(always)]
pub(crate) fn mark_at(bytes: &[u8], i: usize) -> Option<char> {
    let b = |k: usize| bytes.get(i.wrapping_add(k)).copied().unwrap_or(0);
    Some(match (b(0), b(1), b(2)) {
        (a @ (b'(' | b')' | b';' | b'X' | b'x'), _, _) => char::from(a),
        (0xC3, 0x97, _) => '×',
        (0xE3, 0x80, 0x81) => '、',
        (0xE3, 0x80, 0x82) => '。',
        (0xEF, 0xBC, 0x88) => '（',
        (0xEF, 0xBC, 0x89) => '）',
        (0xEF, 0xBC, 0x8C) => '，',
        (0xEF, 0xBC, 0x9B) => '；',
        (0xE5, 0xB9, 0xB4) => '年',
        (0xE6, 0x94, 0xAF) => '支',
        _ => return None,
    })
}

/// Marked chars with their byte offsets in a text, in order.
pub(crate) type Marks = Vec<(usize, char)>;

/// The marks of a text found char by char: the definition the marks found
/// by bytes are held to.
#[cfg(test)]
pub(crate) fn marks_by_chars(text: &str) -> Marks {
    text.char_indices().filter(|&(_, c)| marked(c)).collect()
}

/// The kinds of the stream's marked chars that the text rules read apart
/// (see `Document::marks`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MarkKind {
    /// The rest (，、): each mark has one kind.
    Other = 0,
    /// 支 (TXT-004).
    Zhi = 1,
    /// Sentence ends: 。；; (TXT-006).
    End = 2,
    /// Brackets: （）() (TXT-007).
    Bracket = 3,
    /// Placeholder letters: X x × (TXT-007).
    Ex = 4,
    /// 年 (TXT-008).
    Nian = 5,
}

/// How many [`MarkKind`]s there are.
pub(crate) const MARK_KINDS: usize = 6;

/// The [`MarkKind`] of a marked char, by the low byte of its code point:
/// the marked chars' low bytes all differ (a test says so), so a table
/// tells a mark's kind without a branch (which mark comes next cannot be
/// foreseen).
pub(crate) const MARK_KIND: [u8; 256] = {
    use MarkKind::*;
    let kinds = [
        ('支', Zhi),
        ('。', End),
        ('；', End),
        (';', End),
        ('（', Bracket),
        ('）', Bracket),
        ('(', Bracket),
        (')', Bracket),
        ('X', Ex),
        ('x', Ex),
        ('×', Ex),
        ('年', Nian),
    ];
    let mut t = [Other as u8; 256];
    let mut i = 0;
    while i < kinds.len() {
        t[(kinds[i].0 as u32 & 0xFF) as usize] = kinds[i].1 as u8;
        i += 1;
    }
    t
};

/// The index of the [`MarkKind`] of a marked char (see [`MARK_KIND`]).
#[inline(always)]
pub(crate) fn kind_of(c: char) -> usize {
    usize::from(MARK_KIND.get((u32::from(c) & 0xFF) as usize).copied().unwrap_or(0))
}

/// The marks of a text in order, each kind's apart: each put in its kind's
/// as it is found, not sorted by kind in a pass after. No rule reads all
/// the marks together, so they are not kept together too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct MarkSet {
    /// The marks of each kind (indexed by [`MarkKind`]), in order.
    pub(crate) by_kind: [Marks; MARK_KINDS],
}

impl MarkSet {
    /// An empty set with room for about `marks` marks.
    pub(crate) fn with_capacity(marks: usize) -> MarkSet {
        // No kind holds more than about a third of the marks: sized once,
        // the vectors seldom grow.
        MarkSet { by_kind: std::array::from_fn(|_| Vec::with_capacity(marks / 3)) }
    }

    /// Adds the mark `c`, of kind `kind` (see [`kind_of`]), at `at`: past
    /// every mark before.
    #[inline(always)]
    pub(crate) fn push(&mut self, at: usize, c: char, kind: usize) {
        if let Some(v) = self.by_kind.get_mut(kind) {
            v.push((at, c));
        }
    }

    /// Drops the marks at offsets `from` and after.
    pub(crate) fn truncate_from(&mut self, from: usize) {
        for v in &mut self.by_kind {
            let kept = v.partition_point(|&(at, _)| at < from);
            v.truncate(kept);
        }
    }

    /// The marks of `text` found char by char: the definition the marks
    /// found by bytes are held to.
    #[cfg(test)]
    pub(crate) fn by_chars(text: &str) -> MarkSet {
        let mut set = MarkSet::default();
        for (at, c) in marks_by_chars(text) {
            set.push(at, c, kind_of(c));
        }
        set
    }
}

/// `marks` (ascending) moved to a text without the byte ranges `cuts`
/// (ascending, apart): those inside a cut dropped, those after one moved
/// back by its length. Copied in runs between the cuts (a few running
/// headers), not tested one by one.
fn without_cuts(marks: &[(usize, char)], cuts: &[(usize, usize)]) -> Marks {
    let mut out = Vec::with_capacity(marks.len());
    // The first mark not yet copied, and the bytes cut before it.
    let (mut from, mut shift) = (0usize, 0usize);
    let first_at = |from: usize, at: usize| from.saturating_add(marks.get(from..).map_or(0, |rest| rest.partition_point(|m| m.0 < at)));
    // A run before any cut (every mark of a text with none) is copied as
    // it is, not moved one by one.
    let copy = |out: &mut Marks, run: &[(usize, char)], shift: usize| {
        if shift == 0 {
            out.extend_from_slice(run);
        } else {
            out.extend(run.iter().map(|&(at, c)| (at.saturating_sub(shift), c)));
        }
    };
    for &(start, end) in cuts {
        let before = first_at(from, start);
        copy(&mut out, marks.get(from..before).unwrap_or_default(), shift);
        from = first_at(before, end);
        shift = shift.saturating_add(end.saturating_sub(start));
    }
    copy(&mut out, marks.get(from..).unwrap_or_default(), shift);
    out
}

impl Stream {
    /// The stream of `lines` with those at `skip` (strictly ascending
    /// indexes) left empty: the running page headers, which would split a
    /// sentence. Its marks of each kind are taken from `marks`,
    /// those of all the lines' squeezed texts joined (as normalisation finds
    /// them), moved past the lines left empty. Its text is sized to `room`
    /// bytes, given (the lines' squeezed texts joined, which the document
    /// has made, are at least as long), not summed over every line.
    pub(crate) fn without(lines: &[Line], skip: &[usize], room: usize, marks: &MarkSet) -> (Stream, [Marks; MARK_KINDS]) {
        let mut text = String::with_capacity(room);
        let mut starts = Vec::with_capacity(lines.len());
        // Empty lines too get a start: an empty line starts where the next
        // line does, and a search of the starts takes the last that starts
        // at or before an offset: the line with text. Their texts are not
        // copied: nearly half the lines of these PDFs are empty, and a copy
        // of nothing still calls the copy.
        let copy = |run: &[Line], text: &mut String, starts: &mut Vec<(usize, usize)>| {
            // Sized at once (a slice's map knows its length), not a capacity
            // test per line.
            starts.extend(run.iter().map(|l| {
                let at = text.len();
                if !l.squeezed.is_empty() {
                    text.push_str(&l.squeezed);
                }
                (at, l.no)
            }));
        };
        // The lines between two skipped ones are copied as a run, not each
        // tested for a skip (the skipped are a few running headers).
        let mut from = 0;
        // Where each skipped line's squeezed text stands in all the lines'
        // joined: the bytes the marks lose.
        let mut cuts = Vec::with_capacity(skip.len());
        let mut cut = 0usize;
        for &k in skip {
            if let (Some(run), Some(skipped)) = (lines.get(from..k), lines.get(k)) {
                copy(run, &mut text, &mut starts);
                starts.push((text.len(), skipped.no));
                let start = text.len().saturating_add(cut);
                cut = cut.saturating_add(skipped.squeezed.len());
                cuts.push((start, start.saturating_add(skipped.squeezed.len())));
                from = k + 1;
            }
        }
        copy(lines.get(from..).unwrap_or_default(), &mut text, &mut starts);
        let by_kind = std::array::from_fn(|k| without_cuts(marks.by_kind.get(k).map_or(&[], Vec::as_slice), &cuts));
        (Stream { text, starts }, by_kind)
    }

    /// The numbers of the lines whose squeezed text holds `c`, a [`marked`]
    /// char, in order: read from the marks, not searched for line by line.
    /// The tests' definition of `Document::lines_with`, which walks one
    /// kind's marks instead.
    #[cfg(test)]
    pub(crate) fn lines_with(&self, c: char) -> Vec<usize> {
        debug_assert!(marked(c));
        self.lines_at(marks_by_chars(&self.text).into_iter().filter(|(_, m)| *m == c).map(|m| m.0))
    }

    /// The numbers of the lines holding these byte offsets of `text`
    /// (ascending), each once, in order. An offset in the line last found
    /// is passed over; any other is found by a binary search of the line
    /// starts: few offsets (a rule's marks, a word's matches) cost a few
    /// searches, not a walk over every line.
    pub(crate) fn lines_at(&self, offsets: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut out = Vec::new();
        // Where the last line found ends: offsets before it are in that line.
        let mut end = 0;
        for at in offsets {
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
    /// order. Few do: each line's first letter is found by
    /// [`next_ascii_letter`], and the rest of that line is passed over.
    pub(crate) fn lines_with_ascii_letters(&self) -> Vec<usize> {
        let bytes = self.text.as_bytes();
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(at) = next_ascii_letter(bytes, from) {
            let (no, next) = self.line_of(at);
            out.extend(no);
            // The rest of this line is passed over, not looked into.
            from = next;
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

/// The offset of the first ASCII letter of `bytes` at or after `from`. The
/// bytes are tested 64 at a time, each block by an OR of one-range tests
/// with no early exit (so it runs vectorised; `is_ascii_alphabetic` tests
/// two ranges, and with the case bit set one is left); only a block with a
/// letter is looked into byte by byte. The blocks are arrays, their length
/// known at compile time (no loop over a slice's length, with its tail, per
/// block); the last bytes, fewer than 64, are looked into byte by byte.
fn next_ascii_letter(bytes: &[u8], from: usize) -> Option<usize> {
    let (blocks, tail) = bytes.get(from..)?.as_chunks::<64>();
    let mut base = from;
    for block in blocks {
        let any = block.iter().fold(0u8, |seen, b| seen | u8::from((b | 0x20).wrapping_sub(b'a') < 26));
        if any != 0 {
            if let Some(j) = block.iter().position(u8::is_ascii_alphabetic) {
                return base.checked_add(j);
            }
        }
        base = base.saturating_add(64);
    }
    tail.iter().position(u8::is_ascii_alphabetic).and_then(|j| base.checked_add(j))
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

    /// Every char, followed by each byte a text may hold next: its bytes
    /// are told to be a mark exactly when it is [`marked`], and no byte
    /// inside a char is.
    #[test]
    fn mark_at_is_the_marked_char_at_a_position() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let len = c.encode_utf8(&mut buf).len();
            for next in [0u8, b'(', 0xE5, 0xE3, 0xEF, 0x80, 0xB4, 0x97] {
                let mut bytes = buf[..len].to_vec();
                bytes.extend([next, next]);
                assert_eq!(mark_at(&bytes, 0), Some(c).filter(|&c| marked(c)), "{c:?}");
                assert_eq!(mark_at(&bytes[..len], 0), Some(c).filter(|&c| marked(c)), "{c:?} at the end");
                for i in 1..len {
                    assert_eq!(mark_at(&bytes, i), None, "{c:?} byte {i}");
                }
            }
        }
    }

    /// The marks of the fixtures' lines, as normalisation finds them, moved
    /// to a stream without some lines: the marked chars of that stream, and
    /// each kind's those of its chars.
    #[test]
    fn the_marks_of_every_fixture_are_its_marked_chars() {
        for name in crate::FIXTURES {
            let text = crate::fixture(name);
            let crate::text::normalise::Normalised { lines, seen, marks: all, .. } = crate::text::normalise::normalise_marking(&text);
            // Every seventh line left out.
            let skip: Vec<usize> = (3..lines.len()).step_by(7).collect();
            let (stream, by_kind) = Stream::without(&lines, &skip, seen.squeezed_bytes, &all);
            let want = MarkSet::by_chars(&stream.text);
            assert_eq!(&by_kind, &want.by_kind, "{name}");
        }
    }

    #[test]
    fn without_some_lines_is_the_lines_joined_with_those_empty() {
        let pieces = ["（", "。", "字", "a", " ", "年", "\n", "X", "支", "，"];
        for (k, text) in sample_texts(&pieces, 300).into_iter().enumerate() {
            let lines = crate::text::normalise(&text);
            // Every k-th line from a varying first one, the first and the last included.
            let skip: Vec<usize> = (k % 3..lines.len())
                .step_by(k % 4 + 1)
                .chain([0, lines.len().saturating_sub(1)])
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let (mut want_text, mut want_starts) = (String::new(), Vec::new());
            for (i, l) in lines.iter().enumerate() {
                want_starts.push((want_text.len(), l.no));
                if !skip.contains(&i) {
                    want_text.push_str(&l.squeezed);
                }
            }
            let joined: String = lines.iter().map(|l| l.squeezed.as_str()).collect();
            let (s, by_kind) = Stream::without(&lines, &skip, 0, &MarkSet::by_chars(&joined));
            assert_eq!((s.text.as_str(), &s.starts), (want_text.as_str(), &want_starts), "{skip:?} of {text:?}");
            let want = MarkSet::by_chars(&want_text);
            assert_eq!(&by_kind, &want.by_kind);
        }
    }

    /// The first ASCII letter found from each offset of texts of every
    /// length around a block's (64) and of the fixtures' squeezed lines
    /// joined is the first one there.
    #[test]
    fn next_ascii_letter_is_the_first_letter_from_where_it_starts() {
        let pieces = ["字", "a", "Z", "1", "@", "[", "`", "{", "é", "😀", " "];
        let mut texts = sample_texts(&pieces, 300);
        texts.extend(crate::FIXTURES.iter().map(|name| {
            let lines = crate::text::normalise(&crate::fixture(name));
            lines.iter().map(|l| l.squeezed.as_str()).collect::<String>()
        }));
        for n in 0..200 {
            texts.push(format!("{}b", "字".repeat(n / 3)) + &"1".repeat(n % 3));
        }
        for text in &texts {
            let bytes = text.as_bytes();
            // Every offset of a short text, a hundred of a fixture.
            let step = (bytes.len() / 100).max(1);
            for from in (0..=bytes.len() + 1).step_by(step) {
                let want = bytes.get(from..).and_then(|rest| rest.iter().position(u8::is_ascii_alphabetic)).map(|j| from + j);
                assert_eq!(next_ascii_letter(bytes, from), want, "{from} of {text:?}");
            }
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
            // The marks as normalisation finds them, moved to the stream.
            let crate::text::normalise::Normalised { lines, seen, marks: found, .. } = crate::text::normalise::normalise_marking(&text);
            let (s, by_kind) = Stream::without(&lines, &[], seen.squeezed_bytes, &found);
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
            for (k, marks) in by_kind.iter().enumerate() {
                let expected: Marks = expected_marks.iter().copied().filter(|&(_, c)| kind_of(c) == k).collect();
                assert_eq!(marks, &expected, "{text}");
            }
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
