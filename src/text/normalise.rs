//! Text normalisation that keeps a map back to source lines.
//!
//! Every later stage works on [`Line`]s: the normalised text of one physical
//! line and its 1-based number in the user's text, so findings can point at the
//! source. Normalisation never joins or splits lines; joining wrapped paragraphs
//! is the narrative reader's job.

use crate::text::stream::{kind_of, MarkKind, MarkSet};
use crate::text::{window, words};

/// One physical line after normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the user's text.
    pub no: usize,
    /// Normalised text: full-width ASCII folded, U+3000 as a space, radical
    /// look-alikes folded, a full-width comma that separates thousands made
    /// ',', trailing white space removed. Tabs are kept because
    /// they separate table cells.
    pub text: String,
    /// `text` with all white space removed (`squeeze`), made once: the
    /// readers compare labels this way line after line.
    pub squeezed: String,
    /// Whether `squeezed` holds a colon (： or :), as normalisation saw on
    /// its way: a line without one names no unit nor key ("单位：万元"), so
    /// the readers skip their searches for those on it.
    pub colon: bool,
}

impl Line {
    /// A line from its number and normalised text.
    pub fn new(no: usize, text: String) -> Line {
        let squeezed = squeeze(&text);
        let colon = squeezed.contains(['：', ':']);
        Line { no, text, squeezed, colon }
    }

    /// A line numbered `no` whose text is `text` and squeezes to nothing
    /// (empty, white space or form feeds only).
    pub(crate) fn blank(no: usize, text: String) -> Line {
        Line { no, text, squeezed: String::new(), colon: false }
    }

    /// True when the line holds nothing but white space.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// [`normalise_marking`]'s lines: how the tests normalise a text.
#[cfg(test)]
pub fn normalise(text: &str) -> Vec<Line> {
    normalise_marking(text).lines
}

/// [`normalise_marking`]'s lines and what it saw: how the tests that need
/// no marks normalise a text.
#[cfg(test)]
pub(crate) fn normalise_seeing(text: &str) -> (Vec<Line>, Seen) {
    let n = normalise_marking(text);
    (n.lines, n.seen)
}

/// What [`normalise_marking`] saw of a text on its way through it, which a
/// later look would have to find again line by line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Seen {
    /// Whether a TAB is followed by a space (typed, or a char that folds to
    /// one) somewhere: never false where a line's text holds "\t " (see
    /// [`super::lost_positions`], which looks for TAB padding only then).
    pub(crate) tab_space: bool,
    /// Whether the text holds a form feed: where it holds none, every line
    /// is on page 1, which [`crate::tables::grid`] then need not count.
    pub(crate) form_feeds: bool,
    /// The lines that are indented, and those that may hold a gap, as
    /// [`super::lost_positions`] counts them to tell a trimmed layout text:
    /// counted as each line is made (an empty one adds nothing), not in a
    /// pass over every line after.
    pub(crate) gaps: super::lost_positions::GapLines,
    /// The bytes of every line's squeezed text, summed as the lines are
    /// made: what the document's joined text is sized by, not summed again.
    pub(crate) squeezed_bytes: usize,
    /// Whether a line prints every char twice (fake bold,
    /// [`super::bold::undouble`]): the text is then normalised again, read once.
    pub(crate) doubled: bool,
}

/// What [`normalise_marking`] makes of a text.
pub(crate) struct Normalised {
    /// The lines.
    pub(crate) lines: Vec<Line>,
    /// What it saw on the way.
    pub(crate) seen: Seen,
    /// The marked chars of the lines' squeezed texts joined.
    pub(crate) marks: MarkSet,
    /// The indexes of the lines whose squeezed text holds a colon (： or :).
    pub(crate) colon_lines: Vec<usize>,
    /// The indexes of the lines whose squeezed text
    /// [`may_be_heading`](super::headings::may_be_heading).
    pub(crate) heading_lines: Vec<usize>,
    /// The indexes of the lines whose squeezed text opens like a narrative
    /// head ([`crate::narrative::stated::opens`]: an ordinal, "（" or "第").
    pub(crate) head_lines: Vec<usize>,
}

/// Splits text into normalised lines (CRLF, CR and LF all end a line). Page
/// footers such as "第1页，共102页", "— 12 —" and "- 36 -" become blank lines so
/// that they never land inside a table or a paragraph. Also says what it
/// [`Seen`] on the way, and where the marked chars of the lines' squeezed
/// texts (see [`super::stream::marked`]) stand in those texts joined with
/// nothing between: found as the lines are made, whose scan looks at every
/// byte already, not by a second scan of the joined text (the document's
/// stream takes its marks from these). Last, the indexes of the lines whose
/// squeezed text holds a colon (： or :), which recognition reads for its
/// keys: noted as the scan passes the colons, not searched for after; and
/// of those that may be a heading, which two text rules read: told as each
/// line is made, not by a walk of every line after.
pub(crate) fn normalise_marking(text: &str) -> Normalised {
    let bytes = text.as_bytes();
    // A CR at the very end is dropped, not taken as a line end: lines are
    // the pieces between LFs, each without one trailing CR, then cut at any
    // CR left (the tests' `by_definition`).
    let body = match bytes.last() {
        Some(b'\n') => bytes.len(),
        Some(b'\r') => bytes.len() - 1,
        _ => bytes.len(),
    };
    let mut lines = Lines::new(text);
    // Only line ends, white space, the chars that may fold and the marked
    // chars need a look: found 64 bytes at a time ([`window::scan`]), every
    // other byte is copied as it is, in runs.
    window::scan(bytes.get(..body).unwrap_or_default(), may_change_or_mark, |at, mask| {
        for p in window::positions(at, mask) {
            lines.at(p);
        }
    });
    // A final newline does not start a line of its own.
    if bytes.last() != Some(&b'\n') {
        lines.end_line(body, body);
    }
    let Lines { out, tab_space, form_feeds, gaps, squeezed_bytes, doubled, marks, colon_lines, heading_lines, head_lines, .. } = lines;
    Normalised {
        lines: out,
        seen: Seen { tab_space, form_feeds, gaps, squeezed_bytes, doubled },
        marks,
        colon_lines,
        heading_lines,
        head_lines,
    }
}

/// True at the first byte of every char that [`normalise_marking`] must look
/// at: a line end (LF, CR), ASCII white space, a char that may fold or be white
/// space (then decoded), a marked char ([`super::stream::marked`]) and a
/// colon (： is led by EF; ':' is tested with ';').
/// It lets through more than those, but never misses one, which a test
/// checks for every char: all chars led by C2, C3, E1, E2, E3 or EF, and
/// those led by E5 B9 (年's) or E6 94 (支's), are looked at; what passes
/// needlessly (收, 政, 平, 《》) is told in [`Lines::at`] by its bytes, or
/// decoded (CJK punctuation, rare). No lead byte appears inside a char,
/// so the test holds only at a char's first byte.
#[inline(always)]
fn may_change_or_mark([a, b, _]: [u8; 3]) -> bool {
    // Tab … space.
    let ascii_space = a.wrapping_sub(b'\t') <= b' ' - b'\t';
    // ( ) : ; X x: pairs that differ in one bit tested as one, the bit set
    // or cleared ('(' ')' are 0x28 0x29, ':' ';' 0x3A 0x3B, 'X' 'x' 0x58
    // 0x78).
    let ascii_mark = ((a & 0xFE) == b'(') | ((a & 0xFE) == b':') | ((a | 0x20) == b'x');
    // U+0085 and U+00A0 (led by C2), × (C3).
    let c2_c3 = (a & 0xFE) == 0xC2;
    // U+1680 (led by E1), U+2000… (E2: the spaces, the radicals U+2E80…),
    // U+3000… (E3: the ideographic space, U+30FC, 、。).
    let e1_e3 = a.wrapping_sub(0xE1) <= 0xE3 - 0xE1;
    // U+F000…U+FFFF: the full-width forms, （），；, the compatibility
    // ideographs.
    let ef = a == 0xEF;
    // 年 (E5 B9 B4), 支 (E6 94 AF).
    let nian = (a == 0xE5) & (b == 0xB9);
    let zhi = (a == 0xE6) & (b == 0x94);
    ascii_space | ascii_mark | c2_c3 | e1_e3 | ef | nian | zhi
}

/// The lines of one text as [`normalise_marking`] builds them: it is told each
/// position [`may_change_or_mark`] holds at, in order, and copies the runs
/// between.
struct Lines<'a> {
    s: &'a str,
    out: Vec<Line>,
    /// Positions before this are handled (a CRLF's LF).
    next: usize,
    /// The end of the last run of digit groups [`digit_groups`] read, and
    /// whether its full-width commas fold: each run is read once, at its
    /// first full-width comma (a run of a million groups stays linear).
    groups_end: usize,
    groups_fold: bool,
    /// The current line so far: normalised text and squeezed text, each
    /// with a pending run of unchanged bytes from `t` and `q` (a buffer is
    /// empty while nothing was folded or dropped: then the line's text is
    /// the input's from `t` or `q`).
    text: String,
    squeezed: String,
    t: usize,
    q: usize,
    /// A form feed alone on a blank line (a page break some exports give a
    /// line of its own), carried to the next line with text, where
    /// `pdftotext` prints it: the blank line stays blank, and the page
    /// still turns.
    form_feed: bool,
    /// A TAB was followed by a space or by a char that folds to one.
    tab_space: bool,
    /// A form feed was seen (anywhere, not only alone on a line).
    form_feeds: bool,
    /// The lines' [`Seen::gaps`] so far.
    gaps: super::lost_positions::GapLines,
    /// [`Seen::squeezed_bytes`] so far: where the current line's squeezed
    /// text starts in the lines' squeezed texts joined.
    squeezed_bytes: usize,
    /// [`Seen::doubled`] so far.
    doubled: bool,
    /// The marked chars so far, at their offsets in the squeezed texts
    /// joined (see [`normalise_marking`]).
    marks: MarkSet,
    /// The current line holds a colon (： or :, neither folds nor is white
    /// space, so its squeezed text holds it too).
    colon: bool,
    /// The indexes of the lines with text that hold a colon.
    colon_lines: Vec<usize>,
    /// The indexes of the lines that may be a heading.
    heading_lines: Vec<usize>,
    /// The indexes of the lines that open like a narrative head.
    head_lines: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(s: &'a str) -> Lines<'a> {
        // One line a newline (a lone CR's lines grow the vector).
        let lines = memchr::memchr_iter(b'\n', s.as_bytes()).count().saturating_add(1);
        Lines {
            s,
            out: Vec::with_capacity(lines),
            next: 0,
            groups_end: 0,
            groups_fold: false,
            text: String::new(),
            squeezed: String::new(),
            t: 0,
            q: 0,
            form_feed: false,
            tab_space: false,
            form_feeds: false,
            gaps: super::lost_positions::GapLines::default(),
            squeezed_bytes: 0,
            doubled: false,
            // About one char in six is marked in these texts, a char mostly
            // 3 bytes long: sized once, the vector seldom grows.
            marks: MarkSet::with_capacity(s.len() / 20),
            colon: false,
            colon_lines: Vec::new(),
            heading_lines: Vec::new(),
            head_lines: Vec::new(),
        }
    }

    /// Handles the char at `p`, one [`may_change_or_mark`] holds at.
    fn at(&mut self, p: usize) {
        if p < self.next {
            return;
        }
        let bytes = self.s.as_bytes();
        match bytes.get(p).copied().unwrap_or(0) {
            b'\n' => self.end_line(p, p + 1),
            // CRLF is one line end; a lone CR (old Mac files) is one too.
            b'\r' => self.end_line(p, if bytes.get(p + 1) == Some(&b'\n') { p + 2 } else { p + 1 }),
            // Kept in the text (tabs separate cells), dropped when squeezed;
            // a TAB before a space is noted (one folded to a space is, below).
            b'\t' => {
                self.tab_space |= bytes.get(p + 1) == Some(&b' ');
                self.squeezed.push_str(self.s.get(self.q..p).unwrap_or_default());
                self.q = p + 1;
            }
            // A form feed is noted: it is the only byte that turns a page.
            0x0C => {
                self.form_feeds = true;
                self.squeezed.push_str(self.s.get(self.q..p).unwrap_or_default());
                self.q = p + 1;
            }
            0x0B | b' ' => {
                self.squeezed.push_str(self.s.get(self.q..p).unwrap_or_default());
                self.q = p + 1;
            }
            // A full-width comma: kept, unless it separates thousands.
            0xEF if bytes.get(p + 1..p + 3) == Some(&[0xBC, 0x8C]) => {
                let end = p + 3;
                self.next = end;
                if p >= self.groups_end {
                    (self.groups_end, self.groups_fold) = digit_groups(bytes, p);
                }
                if self.groups_fold {
                    self.text.push_str(self.s.get(self.t..p).unwrap_or_default());
                    self.text.push(',');
                    self.t = end;
                    self.squeezed.push_str(self.s.get(self.q..p).unwrap_or_default());
                    self.squeezed.push(',');
                    self.q = end;
                } else {
                    self.mark(p, '，', MarkKind::Other as usize);
                }
            }
            // The marked chars that are no white space and do not fold, told
            // by their bytes and kept as they are; a char that passed for its
            // lead alone (收, 政, 平, Latin-1 letters) neither folds nor is
            // white space: passed over.
            b @ (b'(' | b')') => self.mark(p, char::from(b), MarkKind::Bracket as usize),
            b';' => self.mark(p, ';', MarkKind::End as usize),
            b':' => self.colon = true,
            // ：, led by EF like the chars that fold: told here, not decoded.
            0xEF if bytes.get(p + 1..p + 3) == Some(&[0xBC, 0x9A]) => self.colon = true,
            b @ (b'X' | b'x') => self.mark(p, char::from(b), MarkKind::Ex as usize),
            0xC3 => {
                if bytes.get(p + 1) == Some(&0x97) {
                    self.mark(p, '×', MarkKind::Ex as usize);
                }
            }
            0xE5 => {
                if bytes.get(p + 1..p + 3) == Some(&[0xB9, 0xB4]) {
                    self.mark(p, '年', MarkKind::Nian as usize);
                }
            }
            0xE6 => {
                if bytes.get(p + 1..p + 3) == Some(&[0x94, 0xAF]) {
                    self.mark(p, '支', MarkKind::Zhi as usize);
                }
            }
            _ => {
                // 、。（）；, led by E3 and EF like chars that fold.
                if let Some(c) = super::stream::mark_at(bytes, p) {
                    self.mark(p, c, kind_of(c));
                    return;
                }
                let Some(c) = self.s.get(p..).and_then(|rest| rest.chars().next()) else { return };
                let end = p.saturating_add(c.len_utf8());
                let f = fold_char(c);
                if f != c {
                    self.text.push_str(self.s.get(self.t..p).unwrap_or_default());
                    self.text.push(f);
                    self.t = end;
                }
                if f.is_whitespace() {
                    self.tab_space |= (f == ' ') & (bytes.get(p.wrapping_sub(1)) == Some(&b'\t'));
                    self.squeezed.push_str(self.s.get(self.q..p).unwrap_or_default());
                    self.q = end;
                } else if f != c {
                    // A char that folds to a marked one (Ｘ, ⽀): marked
                    // where its fold stands.
                    if super::stream::marked(f) {
                        self.mark(p, f, kind_of(f));
                    }
                    self.squeezed.push_str(self.s.get(self.q..p).unwrap_or_default());
                    self.squeezed.push(f);
                    self.q = end;
                }
                self.next = end;
            }
        }
    }

    /// Notes the marked char `c` at `p`, where it stands in the squeezed
    /// texts joined: after the lines before, the current line's squeezed
    /// buffer and the bytes pending since `q` (which are copied unchanged).
    #[inline(always)]
    fn mark(&mut self, p: usize, c: char, kind: usize) {
        let at = self.squeezed_bytes.saturating_add(self.squeezed.len()).saturating_add(p.saturating_sub(self.q));
        self.marks.push(at, c, kind);
    }

    /// A blank line numbered `no` where the current line had text (a page
    /// footer): the marks found in it go with its text.
    fn blank(&mut self, no: usize) -> Line {
        self.marks.truncate_from(self.squeezed_bytes);
        Line::blank(no, String::new())
    }

    /// Ends the current line at `end` (exclusive) and starts the next at
    /// `next`.
    #[inline(always)]
    fn end_line(&mut self, end: usize, next: usize) {
        // Nearly half the lines of these PDFs are empty: pushed here, inline,
        // not through the call of `end_text_line`, whose frame (it saves
        // every register it uses) cost more than the empty line. Nothing
        // was folded (the buffer is empty) and no byte is pending (`t` is
        // at the end): then the line has no byte, so no white space either,
        // and its squeezed buffer is empty too.
        if self.text.is_empty() && self.t == end {
            self.out.push(Line::blank(self.out.len() + 1, String::new()));
            (self.next, self.t, self.q) = (next, next, next);
            return;
        }
        self.end_text_line(end, next);
    }

    /// [`Lines::end_line`] for a line with a byte.
    #[inline(never)]
    fn end_text_line(&mut self, end: usize, next: usize) {
        // A line's two strings are made at their final size, in one
        // allocation each: the folded and squeezed parts are built in the two
        // buffers, kept from line to line, and copied out. A line with nothing
        // folded (or no white space) is its own text, copied from the input.
        let rest = |from: usize| self.s.get(from..end).unwrap_or_default();
        let text = if self.text.is_empty() {
            rest(self.t)
        } else {
            self.text.push_str(rest(self.t));
            &self.text
        };
        let no = self.out.len() + 1;
        // The empty lines were told apart in `end_line` (this test is kept
        // for safety: a fold never leaves a line empty), so every test after
        // this one (the trim's, the footer's, the copies') sees text and is
        // not misled by the empty lines that alternate with it.
        let line = if text.is_empty() {
            self.blank(no)
        } else {
            // Trailing white space goes; what folds to it too (U+200B). Most
            // lines end in a CJK char or a digit: no char decoded then.
            let raw = text;
            let text = trim_end_fast(raw);
            let squeezed = if self.squeezed.is_empty() {
                rest(self.q)
            } else {
                self.squeezed.push_str(rest(self.q));
                &self.squeezed
            };
            // Told by its squeezed text's first two chars, which most lines differ in.
            if !self.doubled && super::bold::squeezed_starts_doubled(squeezed) {
                self.doubled = super::bold::is_doubled(text);
            }
            if is_page_footer(text) || is_continuation_mark(squeezed) {
                // Its form feed (a page's first line) is carried on.
                self.form_feed |= raw.contains('\u{c}');
                self.blank(no)
            } else if text.is_empty() {
                // White space only: a form feed among it is carried on.
                self.form_feed |= raw.contains('\u{c}');
                self.blank(no)
            } else if std::mem::take(&mut self.form_feed) && !text.starts_with('\u{c}') {
                Line { no, text: format!("\u{c}{text}"), squeezed: squeezed.to_owned(), colon: self.colon }
            } else {
                Line { no, text: text.to_owned(), squeezed: squeezed.to_owned(), colon: self.colon }
            }
        };
        // Counted here, as the line is made (an empty line adds nothing).
        self.gaps.count(&line);
        // A blank line (a page footer's) was made without the colon its
        // text had.
        self.colon = false;
        if line.colon {
            self.colon_lines.push(self.out.len());
        }
        if super::headings::may_be_heading(&line.squeezed) {
            self.heading_lines.push(self.out.len());
        }
        if crate::narrative::stated::opens(&line.squeezed) {
            self.head_lines.push(self.out.len());
        }
        self.squeezed_bytes = self.squeezed_bytes.saturating_add(line.squeezed.len());
        self.out.push(line);
        self.text.clear();
        self.squeezed.clear();
        (self.next, self.t, self.q) = (next, next, next);
    }
}

/// A full-width comma at `p` between digits (ASCII or full-width) is a
/// thousands separator only where it can be nothing else: in a run of digit
/// groups joined by commas (either kind) whose first group has 1–3 digits
/// and does not open with 0, whose other groups have exactly three, and
/// which does not follow a decimal point. "8，265.43" and "1，234，567万元"
/// fold; the lists "2019，2020", "1，2，3", "第3，4项", "1.5，250" and the
/// broken "1，234，56" do not (a comma there is prose, and "a table not read
/// is better than a table misread"). Returns where the run ends and whether
/// its full-width commas fold; a comma with no digit on a side is a run of
/// its own that does not fold.
fn digit_groups(b: &[u8], p: usize) -> (usize, bool) {
    let after = p + 3;
    if digit_before(b, p) == 0 || digit_at(b, after) == 0 {
        return (after, false);
    }
    // Backward to the first group: every group but it has three digits.
    let mut start = p;
    let mut inner = true;
    let first = loop {
        let mut n = 0;
        while let w @ 1.. = digit_before(b, start) {
            start -= w;
            n += 1;
        }
        let c = comma_before(b, start);
        if c > 0 && digit_before(b, start - c) > 0 {
            inner &= n == 3;
            start -= c;
        } else {
            break n;
        }
    };
    // Forward to the last group, which ends at no digit.
    let mut end = after;
    loop {
        let mut n = 0;
        while let w @ 1.. = digit_at(b, end) {
            end += w;
            n += 1;
        }
        inner &= n == 3;
        let c = comma_at(b, end);
        if c > 0 && digit_at(b, end + c) > 0 {
            end += c;
        } else {
            break;
        }
    }
    let leading_zero = matches!(b.get(start..), Some([b'0', ..] | [0xEF, 0xBC, 0x90, ..]));
    let after_point = matches!(b.get(..start), Some([.., b'.'] | [.., 0xEF, 0xBC, 0x8E]));
    (end, inner && (1..=3).contains(&first) && !leading_zero && !after_point)
}

/// The width of the digit (ASCII or full-width) at `i`; 0 for none.
fn digit_at(b: &[u8], i: usize) -> usize {
    match b.get(i..) {
        Some([b'0'..=b'9', ..]) => 1,
        Some([0xEF, 0xBC, 0x90..=0x99, ..]) => 3,
        _ => 0,
    }
}

/// The width of the digit that ends just before `i`; 0 for none.
fn digit_before(b: &[u8], i: usize) -> usize {
    match b.get(..i) {
        Some([.., b'0'..=b'9']) => 1,
        Some([.., 0xEF, 0xBC, 0x90..=0x99]) => 3,
        _ => 0,
    }
}

/// The width of the comma ("," or "，") at `i`; 0 for none.
fn comma_at(b: &[u8], i: usize) -> usize {
    match b.get(i..) {
        Some([b',', ..]) => 1,
        Some([0xEF, 0xBC, 0x8C, ..]) => 3,
        _ => 0,
    }
}

/// The width of the comma that ends just before `i`; 0 for none.
fn comma_before(b: &[u8], i: usize) -> usize {
    match b.get(..i) {
        Some([.., b',']) => 1,
        Some([.., 0xEF, 0xBC, 0x8C]) => 3,
        _ => 0,
    }
}

/// Folds one line's characters: full-width ASCII (digits, letters, ．％－＋,
/// etc.) to ASCII except the Chinese punctuation that labels keep
/// (（）：，、；), ideographic space to a space, minus look-alikes to '-', and
/// CJK radicals that bad PDF font maps emit to their ordinary characters; a
/// full-width comma that separates thousands to ','
/// ([`commas_by_definition`]). [`normalise_marking`] folds and squeezes the whole
/// text in one pass; this is the plain definition the tests hold that pass
/// to.
#[cfg(test)]
fn fold(s: &str) -> String {
    let folded = commas_by_definition(s);
    let s = folded.trim_end();
    let mut out = String::with_capacity(s.len());
    // Runs of unchanged characters (all of ASCII, most CJK) are copied whole.
    // Only characters whose UTF-8 lead byte is C2, E2, E3 or EF can fold
    // (U+00A0…U+00FF, U+2000…U+2FFF, U+3000…U+3FFF, U+F000…U+FFFF), so the
    // scan looks at lead bytes and decodes nothing else.
    let bytes = s.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let width = utf8_width(b);
        if matches!(b, 0xC2 | 0xE2 | 0xE3 | 0xEF) {
            if let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) {
                let f = fold_char(c);
                if f != c {
                    out.push_str(&s[copied..i]);
                    out.push(f);
                    copied = i.saturating_add(width);
                }
            }
        }
        i = i.saturating_add(width);
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    out.truncate(out.trim_end().len());
    out
}

/// The thousands separators of [`digit_groups`], said plainly on chars:
/// each maximal run of digits joined by single commas ("，" or ","), with a
/// "，" in it, its first group of 1–3 digits not opening with 0 and not
/// after a point, every other group of three, has its "，" made ','.
#[cfg(test)]
fn commas_by_definition(s: &str) -> String {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let comma = |c: char| c == ',' || c == '，';
    let mut cs: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        if !digit(cs[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut groups = vec![0usize];
        while i < cs.len() {
            if digit(cs[i]) {
                *groups.last_mut().unwrap() += 1;
                i += 1;
            } else if comma(cs[i]) && cs.get(i + 1).copied().is_some_and(digit) {
                groups.push(0);
                i += 1;
            } else {
                break;
            }
        }
        let ok = (1..=3).contains(&groups[0])
            && groups[1..].iter().all(|&n| n == 3)
            && !matches!(cs[start], '0' | '０')
            && !(start > 0 && matches!(cs[start - 1], '.' | '．'));
        if ok {
            for c in &mut cs[start..i] {
                if *c == '，' {
                    *c = ',';
                }
            }
        }
    }
    cs.into_iter().collect()
}

/// The length of the UTF-8 sequence a lead byte starts (1 for a
/// continuation byte, which a valid `str` never starts a char with).
fn utf8_width(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// The 214 Kangxi radicals (U+2F00…U+2FD5), as Unicode's compatibility
/// mapping (NFKC) gives their ideographs: PDF producers (WPS above all) map
/// common characters (⽀⼊⽬ for 支入目) to these look-alikes.
const KANGXI: [char; 214] = [
    '一', '丨', '丶', '丿', '乙', '亅', '二', '亠', '人', '儿', '入', '八', '冂', '冖', '冫', '几', '凵', '刀', '力', '勹', '匕', '匚',
    '匸', '十', '卜', '卩', '厂', '厶', '又', '口', '囗', '土', '士', '夂', '夊', '夕', '大', '女', '子', '宀', '寸', '小', '尢', '尸',
    '屮', '山', '巛', '工', '己', '巾', '干', '幺', '广', '廴', '廾', '弋', '弓', '彐', '彡', '彳', '心', '戈', '戶', '手', '支', '攴',
    '文', '斗', '斤', '方', '无', '日', '曰', '月', '木', '欠', '止', '歹', '殳', '毋', '比', '毛', '氏', '气', '水', '火', '爪', '父',
    '爻', '爿', '片', '牙', '牛', '犬', '玄', '玉', '瓜', '瓦', '甘', '生', '用', '田', '疋', '疒', '癶', '白', '皮', '皿', '目', '矛',
    '矢', '石', '示', '禸', '禾', '穴', '立', '竹', '米', '糸', '缶', '网', '羊', '羽', '老', '而', '耒', '耳', '聿', '肉', '臣', '自',
    '至', '臼', '舌', '舛', '舟', '艮', '色', '艸', '虍', '虫', '血', '行', '衣', '襾', '見', '角', '言', '谷', '豆', '豕', '豸', '貝',
    '赤', '走', '足', '身', '車', '辛', '辰', '辵', '邑', '酉', '釆', '里', '金', '長', '門', '阜', '隶', '隹', '雨', '靑', '非', '面',
    '革', '韋', '韭', '音', '頁', '風', '飛', '食', '首', '香', '馬', '骨', '高', '髟', '鬥', '鬯', '鬲', '鬼', '魚', '鳥', '鹵', '鹿',
    '麥', '麻', '黃', '黍', '黑', '黹', '黽', '鼎', '鼓', '鼠', '鼻', '齊', '齒', '龍', '龜', '龠',
];

/// The CJK Compatibility Ideographs (U+F900…U+FAD9) as NFKC maps them (a
/// code point it keeps maps to itself): some fonts' ToUnicode maps give
/// 年 or 金 as U+F98E or U+F90A.
const COMPATIBILITY: [char; 474] = [
    '豈', '更', '車', '賈', '滑', '串', '句', '龜', '龜', '契', '金', '喇', '奈', '懶', '癩', '羅', '蘿', '螺', '裸', '邏', '樂', '洛',
    '烙', '珞', '落', '酪', '駱', '亂', '卵', '欄', '爛', '蘭', '鸞', '嵐', '濫', '藍', '襤', '拉', '臘', '蠟', '廊', '朗', '浪', '狼',
    '郎', '來', '冷', '勞', '擄', '櫓', '爐', '盧', '老', '蘆', '虜', '路', '露', '魯', '鷺', '碌', '祿', '綠', '菉', '錄', '鹿', '論',
    '壟', '弄', '籠', '聾', '牢', '磊', '賂', '雷', '壘', '屢', '樓', '淚', '漏', '累', '縷', '陋', '勒', '肋', '凜', '凌', '稜', '綾',
    '菱', '陵', '讀', '拏', '樂', '諾', '丹', '寧', '怒', '率', '異', '北', '磻', '便', '復', '不', '泌', '數', '索', '參', '塞', '省',
    '葉', '說', '殺', '辰', '沈', '拾', '若', '掠', '略', '亮', '兩', '凉', '梁', '糧', '良', '諒', '量', '勵', '呂', '女', '廬', '旅',
    '濾', '礪', '閭', '驪', '麗', '黎', '力', '曆', '歷', '轢', '年', '憐', '戀', '撚', '漣', '煉', '璉', '秊', '練', '聯', '輦', '蓮',
    '連', '鍊', '列', '劣', '咽', '烈', '裂', '說', '廉', '念', '捻', '殮', '簾', '獵', '令', '囹', '寧', '嶺', '怜', '玲', '瑩', '羚',
    '聆', '鈴', '零', '靈', '領', '例', '禮', '醴', '隸', '惡', '了', '僚', '寮', '尿', '料', '樂', '燎', '療', '蓼', '遼', '龍', '暈',
    '阮', '劉', '杻', '柳', '流', '溜', '琉', '留', '硫', '紐', '類', '六', '戮', '陸', '倫', '崙', '淪', '輪', '律', '慄', '栗', '率',
    '隆', '利', '吏', '履', '易', '李', '梨', '泥', '理', '痢', '罹', '裏', '裡', '里', '離', '匿', '溺', '吝', '燐', '璘', '藺', '隣',
    '鱗', '麟', '林', '淋', '臨', '立', '笠', '粒', '狀', '炙', '識', '什', '茶', '刺', '切', '度', '拓', '糖', '宅', '洞', '暴', '輻',
    '行', '降', '見', '廓', '兀', '嗀', '﨎', '﨏', '塚', '﨑', '晴', '﨓', '﨔', '凞', '猪', '益', '礼', '神', '祥', '福', '靖', '精',
    '羽', '﨟', '蘒', '﨡', '諸', '﨣', '﨤', '逸', '都', '﨧', '﨨', '﨩', '飯', '飼', '館', '鶴', '郞', '隷', '侮', '僧', '免', '勉',
    '勤', '卑', '喝', '嘆', '器', '塀', '墨', '層', '屮', '悔', '慨', '憎', '懲', '敏', '既', '暑', '梅', '海', '渚', '漢', '煮', '爫',
    '琢', '碑', '社', '祉', '祈', '祐', '祖', '祝', '禍', '禎', '穀', '突', '節', '練', '縉', '繁', '署', '者', '臭', '艹', '艹', '著',
    '褐', '視', '謁', '謹', '賓', '贈', '辶', '逸', '難', '響', '頻', '恵', '𤋮', '舘', '﩮', '﩯', '並', '况', '全', '侀', '充', '冀',
    '勇', '勺', '喝', '啕', '喙', '嗢', '塚', '墳', '奄', '奔', '婢', '嬨', '廒', '廙', '彩', '徭', '惘', '慎', '愈', '憎', '慠', '懲',
    '戴', '揄', '搜', '摒', '敖', '晴', '朗', '望', '杖', '歹', '殺', '流', '滛', '滋', '漢', '瀞', '煮', '瞧', '爵', '犯', '猪', '瑱',
    '甆', '画', '瘝', '瘟', '益', '盛', '直', '睊', '着', '磌', '窱', '節', '类', '絛', '練', '缾', '者', '荒', '華', '蝹', '襁', '覆',
    '視', '調', '諸', '請', '謁', '諾', '諭', '謹', '變', '贈', '輸', '遲', '醙', '鉶', '陼', '難', '靖', '韛', '響', '頋', '頻', '鬒',
    '龜', '𢡊', '𢡄', '𣏕', '㮝', '䀘', '䀹', '𥉉', '𥳐', '𧻓', '齃', '龎',
];

fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' => ' ',
        '\u{200B}' | '\u{FEFF}' => ' ',
        // Chinese punctuation is kept: labels are printed with it.
        '（' | '）' | '：' | '，' | '、' | '；' | '“' | '”' => c,
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{2212}' | '\u{30FC}' | '\u{FE63}' => '-',
        // The simplified forms of the CJK Radicals Supplement that are
        // characters of their own (Unicode maps only 母 and 龟).
        '\u{2E9F}' => '母',
        '\u{2EA0}' => '民',
        '\u{2EC4}' => '西',
        '\u{2EC5}' => '见',
        '\u{2EC6}' => '角',
        '\u{2EC9}' => '贝',
        '\u{2ECB}' => '车',
        '\u{2ED3}' => '长',
        '\u{2ED4}' => '门',
        '\u{2ED7}' => '雨',
        '\u{2ED8}' => '青',
        '\u{2ED9}' => '韦',
        '\u{2EDA}' => '页',
        '\u{2EDB}' => '风',
        '\u{2EDC}' => '飞',
        '\u{2EDD}' => '食',
        '\u{2EE2}' => '马',
        '\u{2EE3}' => '骨',
        '\u{2EE4}' => '鬼',
        '\u{2EE5}' => '鱼',
        '\u{2EE6}' => '鸟',
        '\u{2EE7}' => '卤',
        '\u{2EE8}' => '麦',
        '\u{2EE9}' => '黄',
        '\u{2EEA}' => '黾',
        '\u{2EEC}' => '齐',
        '\u{2EEE}' => '齿',
        '\u{2EF0}' => '龙',
        '\u{2EF3}' => '龟',
        // Unicode maps these two to old variants (靑 U+9751, 戶 U+6236) that
        // simplified documents never print.
        '\u{2FAD}' => '青',
        '\u{2F3E}' => '户',
        '\u{2F00}'..='\u{2FD5}' => KANGXI.get((c as usize).wrapping_sub(0x2F00)).copied().unwrap_or(c),
        '\u{F900}'..='\u{FAD9}' => COMPATIBILITY.get((c as usize).wrapping_sub(0xF900)).copied().unwrap_or(c),
        _ => c,
    }
}

/// `s.trim_end()`, without decoding the last char when its bytes show it
/// is no white space (a CJK char's or a digit, mostly).
pub(crate) fn trim_end_fast(s: &str) -> &str {
    if words::may_end_white_space(s) {
        s.trim_end()
    } else {
        s
    }
}

/// `s.trim()`, without decoding the first and last chars when their lead
/// bytes show they are no white space.
pub(crate) fn trim_fast(s: &str) -> &str {
    let s = if s.as_bytes().first().is_some_and(|&b| words::may_start_white_space(b)) { s.trim_start() } else { s };
    trim_end_fast(s)
}

/// Whether a line whose first three bytes are `w` (zero past its end) may
/// open a page footer: with white space (ASCII or led by C2, E1, E2, E3,
/// which takes in — and –), '-', 第 or －. Whole chars are compared, not
/// lead bytes: E7 and EF lead many chars lines open with (（ above all),
/// which [`may_lead_footer`] lets through, and half of which would go on
/// to the footer's full test. Tested without a branch per byte value.
fn may_open_footer([a, b, c]: [u8; 3]) -> bool {
    let di = (a == 0xE7) & (b == 0xAC) & (c == 0xAC);
    let full_minus = (a == 0xEF) & (b == 0xBC) & (c == 0x8D);
    (a == b'-') | di | full_minus | words::may_start_white_space(a)
}

/// Whether a line whose first byte is `a` may open a page footer: the
/// lead bytes [`may_open_footer`] passes (white space's, '-', 第's E7,
/// －'s EF). Three lines in four open with another lead (a CJK char's, a
/// digit): then one look at one byte, not the three compares of
/// [`may_open_footer`] (fewer instructions, at the cost of a branch that
/// the lines opening with E7 or EF take).
fn may_lead_footer(a: u8) -> bool {
    words::may_start_white_space(a) || a == b'-' || a == 0xE7 || a == 0xEF
}

/// Page numbers that PDF extraction leaves between the lines of a table.
fn is_page_footer(line: &str) -> bool {
    // Most lines start otherwise, which their first bytes show: then
    // decided without copying the line.
    let b = line.as_bytes();
    let byte = |k: usize| b.get(k).copied().unwrap_or(0);
    if !may_lead_footer(byte(0)) || !may_open_footer([byte(0), byte(1), byte(2)]) {
        return false;
    }
    if !line.trim_start().starts_with(['第', '—', '-', '–', '－']) {
        return false;
    }
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return false;
    }
    // "第5页，共102页" / "第 5 页 共 102 页"
    if let Some(rest) = t.strip_prefix('第') {
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if !digits.is_empty() {
            let rest = &rest[digits.len()..];
            if rest == "页" {
                return true;
            }
            if let Some(r) = rest.strip_prefix("页").map(|r| r.trim_start_matches(['，', ','])) {
                if let Some(r) = r.strip_prefix('共') {
                    let d2: String = r.chars().take_while(|c| c.is_ascii_digit()).collect();
                    return !d2.is_empty() && &r[d2.len()..] == "页";
                }
            }
        }
        return false;
    }
    // "— 12 —", "- 36 -", "—12—"
    let dashes = ['—', '-', '–', '－'];
    let inner = t.trim_matches(|c| dashes.contains(&c));
    inner.len() < t.len()
        && t.starts_with(|c| dashes.contains(&c))
        && t.ends_with(|c| dashes.contains(&c))
        && !inner.is_empty()
        && inner.len() <= 4
        && inner.chars().all(|c| c.is_ascii_digit())
}

/// "续表", "（续表）", "续上表", "（续）" alone on a line: the head of a
/// table's next page, no row of it. Left in, a reader took it for the tail
/// of the label above ("一、基本支出续表"), and that row no longer matched
/// its name. A bare "续" is not one: it may end a wrapped label ("手" / "续").
fn is_continuation_mark(squeezed: &str) -> bool {
    // Every mark is at most 5 chars of 3 bytes; most lines are longer.
    if squeezed.len() > 15 {
        return false;
    }
    let bare = |s: &str| matches!(s, "续表" | "续上表" | "接上表");
    let inner = ["（", "("].iter().find_map(|o| squeezed.strip_prefix(o)).and_then(|s| ["）", ")"].iter().find_map(|c| s.strip_suffix(c)));
    bare(squeezed.trim_end_matches(['：', ':'])) || inner.is_some_and(|s| bare(s) || s == "续")
}

/// Removes all white space: how labels are compared ("合 计" = "合计").
pub fn squeeze(s: &str) -> String {
    // Runs of text copied whole: every rule squeezes lines, so this is hot.
    // White space is ASCII or a char whose UTF-8 lead byte may start white
    // space (`words::may_start_white_space`): other bytes are passed over
    // without decoding.
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let width = utf8_width(b);
        let space = words::may_start_white_space(b)
            && (b.is_ascii() || s.get(i..).and_then(|rest| rest.chars().next()).is_some_and(char::is_whitespace));
        if space {
            out.push_str(&s[copied..i]);
            copied = i.saturating_add(width);
        }
        i = i.saturating_add(width);
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain definition of [`normalise`]: lines as `str::split` cuts
    /// them, each folded, then squeezed (a page footer blank).
    fn by_definition(text: &str) -> Vec<Line> {
        let mut out = Vec::new();
        let mut no = 0;
        // A form feed on a line of white space, carried to the next line
        // with text.
        let mut form_feed = false;
        for raw in text.split('\n') {
            no += 1;
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            for (i, piece) in raw.split('\r').enumerate() {
                if i > 0 {
                    no += 1;
                }
                let folded = fold(piece);
                let text = match (is_page_footer(&folded) || is_continuation_mark(&squeeze(&folded)), folded.is_empty()) {
                    (true, _) => {
                        form_feed |= piece.contains('\u{c}');
                        String::new()
                    }
                    (false, true) => {
                        form_feed |= piece.contains('\u{c}');
                        String::new()
                    }
                    (false, false) if std::mem::take(&mut form_feed) && !folded.starts_with('\u{c}') => format!("\u{c}{folded}"),
                    (false, false) => folded,
                };
                out.push(Line::new(no, text));
            }
        }
        if text.ends_with('\n') {
            out.pop();
        }
        out
    }

    proptest! {
        #[test]
        fn lines_are_cut_folded_and_squeezed_as_defined(
            text in "[a合1第页续表（—\\-\r\n\t\u{c} \u{3000}\u{A0}\u{200B}\u{FEFF}\u{2ED4}\u{30FC}\u{FF11}\u{FF0C}“”]{0,24}"
        ) {
            prop_assert_eq!(normalise(&text), by_definition(&text));
        }
    }

    proptest! {
        /// Digits, points and commas of both widths, in every order: one
        /// pass folds the thousands separators the definition folds.
        #[test]
        fn thousands_commas_fold_in_one_pass_as_defined(text in "[0１1２3,，.．年万 \n]{0,40}") {
            prop_assert_eq!(normalise(&text), by_definition(&text));
        }
    }

    /// A full-width comma that can only be a thousands separator is one; the
    /// reader then sees "8,265.43万元", not 265.43.
    #[test]
    fn a_full_width_comma_between_digit_groups_is_a_thousands_separator() {
        for (printed, read) in [
            ("８，２６５．４３万元", "8,265.43万元"),
            ("8，265.43", "8,265.43"),
            ("1，234，567.00", "1,234,567.00"),
            ("1,234，567元", "1,234,567元"),
            ("增长12.5%，达到4，520万元", "增长12.5%，达到4,520万元"),
            ("合计\t10，116.83\t-1，000.00", "合计\t10,116.83\t-1,000.00"),
            ("增长100，200%", "增长100,200%"),
            ("987，654", "987,654"),
        ] {
            assert_eq!(normalise(printed)[0].text, read, "{printed}");
            assert_eq!(normalise(printed)[0].squeezed, squeeze(read), "{printed}");
        }
    }

    /// Where the comma may be prose (a list of years or of numbers, a group
    /// cut short or too long, a first group of four digits, a decimal part)
    /// it is kept.
    #[test]
    fn a_full_width_comma_that_may_be_prose_is_kept() {
        for prose in [
            "2019，2020年",
            "2019，202",
            "2018，2019，2020年",
            "１，２，３",
            "第3，4项",
            "1，23",
            "1，2345",
            "1234，567",
            "1，234，56",
            "12，345，6789",
            "1.5，250",
            "０，１２３",
            "，123",
            "123，",
            "共3，（一）",
        ] {
            let want: String = prose.chars().map(|c| if c == '，' { c } else { fold_char(c) }).collect();
            assert_eq!(normalise(prose)[0].text, want, "{prose}");
        }
    }

    /// A run of a million groups is read once, not once a comma.
    #[test]
    fn a_long_run_of_groups_is_read_in_linear_time() {
        let text = format!("1{}", "，234".repeat(1_000_000));
        assert_eq!(normalise(&text)[0].text, format!("1{}", ",234".repeat(1_000_000)));
        let text = format!("1{}", "，234".repeat(1_000_000)) + "5";
        assert!(!normalise(&text)[0].text.contains(','));
    }

    /// Every char `may_change_or_mark` must see, with what a text may hold
    /// after it; and no byte inside a char passes.
    #[test]
    fn may_change_or_mark_holds_at_every_char_that_ends_a_line_folds_is_white_space_or_is_marked() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let enc = c.encode_utf8(&mut buf).as_bytes();
            for next in [0u8, b'a', 0xE5, 0x80, 0xB9, 0x94] {
                let w = |i: usize| {
                    let b = |k: usize| enc.get(i + k).copied().unwrap_or(if i + k == enc.len() { next } else { 0 });
                    [b(0), b(1), b(2)]
                };
                if fold_char(c) != c || c.is_whitespace() || super::super::stream::marked(c) || matches!(c, '：' | ':') {
                    assert!(may_change_or_mark(w(0)), "{c:?} U+{:04X}", u32::from(c));
                }
                for i in 1..enc.len() {
                    assert!(!may_change_or_mark(w(i)), "{c:?} byte {i}");
                }
            }
        }
    }

    /// What [`Lines::at`] passes over unread: a char led by C3, E5 or E6
    /// that is not marked never folds and is no white space.
    #[test]
    fn the_chars_of_the_mark_leads_need_no_fold() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            if matches!(c.encode_utf8(&mut buf).as_bytes()[0], 0xC3 | 0xE5 | 0xE6) {
                assert!(fold_char(c) == c && !c.is_whitespace(), "{c:?}");
            }
        }
    }

    /// The marks of [`normalise_marking`] are the marked chars of its lines'
    /// squeezed texts joined, char by char, at their offsets there.
    fn assert_marks_as_defined(text: &str) {
        let Normalised { lines, marks, .. } = normalise_marking(text);
        let joined: String = lines.iter().map(|l| l.squeezed.as_str()).collect();
        assert_eq!(marks, MarkSet::by_chars(&joined), "{text:?}");
    }

    #[test]
    fn marks_are_the_marked_chars_of_the_squeezed_lines() {
        let pieces = [
            "（",
            "）",
            "(",
            ")",
            "X",
            "x",
            "×",
            "。",
            "，",
            "；",
            "、",
            ";",
            "：",
            "年",
            "支",
            "收",
            "政",
            "平",
            "⽀",
            "\u{F98E}",
            "Ｘ",
            "ｘ",
            "１",
            "1",
            "，234",
            "第1页，共2页",
            "— 12 —",
            " ",
            "\t",
            "\u{3000}",
            "\r",
            "\r\n",
            "\u{c}",
            "é",
            "😀",
            "字",
            "《",
            "》",
        ];
        for text in crate::text::stream::sample_texts(&pieces, 2000) {
            assert_marks_as_defined(&text);
        }
        for name in crate::FIXTURES {
            for ends in ["\n", "\r\n", "\r"] {
                assert_marks_as_defined(&crate::fixture(name).replace('\n', ends));
            }
        }
    }

    /// A line's `colon` says whether its squeezed text holds ： or :, as
    /// [`Line::new`] makes it too, and the colon lines noted are those
    /// lines (what recognition is told: `recognise::colon_lines`): in texts
    /// of colons, look-alikes, white space, line ends, page footers and
    /// chars that fold, and in every fixture.
    #[test]
    fn a_lines_colon_says_whether_its_squeezed_text_holds_one() {
        let pieces = [
            "单位：",
            "单位:",
            "：",
            ":",
            "：:",
            "Ｘ",
            "第1页，共2页",
            "— 12 —",
            " ",
            "\u{3000}",
            "\t",
            "\u{c}",
            "\r",
            "\r\n",
            "\n",
            "\n\n",
            "﹕",
            "︰",
            "字",
            "1.00",
            "部门：",
            "合",
            "a",
            ";",
            "；",
            "，",
        ];
        let texts = crate::text::stream::sample_texts(&pieces, 2000);
        let fixtures = crate::FIXTURES.iter().map(|name| crate::fixture(name));
        let mut colons = 0;
        for text in texts.into_iter().chain(fixtures) {
            let n = normalise_marking(&text);
            assert_eq!(n.colon_lines, crate::recognise::colon_lines(&n.lines), "{text:?}");
            for l in n.lines {
                let holds = l.squeezed.contains(['：', ':']);
                assert_eq!(l.colon, holds, "{:?} in {text:?}", l.text);
                assert_eq!(Line::new(l.no, l.text.clone()).colon, holds, "{:?}", l.text);
                colons += usize::from(holds);
            }
        }
        assert!(colons > 1000, "{colons}");
    }

    /// The head lines noted are the lines whose squeezed text opens like a
    /// narrative head, in texts of openers, white space, line ends, page
    /// footers and chars that fold, and in every fixture.
    #[test]
    fn the_head_lines_noted_are_the_lines_that_open_like_a_head() {
        let pieces = [
            "一、",
            "（二）",
            "(三)",
            "第三部分",
            "第1页，共2页",
            "十",
            "（",
            "字",
            " ",
            "\u{3000}",
            "\t",
            "\u{c}",
            "\r\n",
            "\n",
            "\n\n",
            "Ｘ",
        ];
        let texts = crate::text::stream::sample_texts(&pieces, 2000);
        let fixtures = crate::FIXTURES.iter().map(|name| crate::fixture(name));
        let mut heads = 0;
        for text in texts.into_iter().chain(fixtures) {
            let n = normalise_marking(&text);
            let want: Vec<usize> =
                n.lines.iter().enumerate().filter(|(_, l)| crate::narrative::stated::opens(&l.squeezed)).map(|(i, _)| i).collect();
            assert_eq!(n.head_lines, want, "{text:?}");
            heads += want.len();
        }
        assert!(heads > 1000, "{heads}");
    }

    #[test]
    fn lines_keep_their_source_numbers_across_crlf_and_footers() {
        let lines = normalise("收入\r\n第1页，共102页\r\n\r\n— 12 —\n１２３．４５　万元\n");
        let got: Vec<(usize, &str)> = lines.iter().map(|l| (l.no, l.text.as_str())).collect();
        assert_eq!(got, vec![(1, "收入"), (2, ""), (3, ""), (4, ""), (5, "123.45 万元")]);
    }

    /// A continued table's page head ("续表", "（续表）") is blanked like a
    /// footer; a "续" ending a wrapped label, or a title, is kept.
    #[test]
    fn continuation_marks_are_blank_lines() {
        let text = "一、基本支出  12,308.48\n\u{c}            续表\n（续表）\n 续上表：\n(续)\n续\n收支预算总表（续）\n";
        let got: Vec<String> = normalise(text).iter().map(|l| l.text.clone()).collect();
        assert_eq!(got, ["一、基本支出  12,308.48", "", "", "", "", "\u{c}续", "收支预算总表（续）"]);
    }

    #[test]
    fn radicals_and_minus_lookalikes_fold() {
        assert_eq!(fold("部⻔ 公务⽤⻋ −0.07"), "部门 公务用车 -0.07");
        // Every Kangxi radical, as Unicode maps it (⽼ is 老, ⾃ is 自), but
        // 靑 and 戶, whose simplified forms documents print.
        assert_eq!(fold("⽀⼊⽬ ⽼⾃⾄⽿ ⾭⻘⼾ ⿕"), "支入目 老自至耳 青青户 龠");
        assert_eq!(fold("⾼⾦⻓⻛⻜⻢⻥⻦"), "高金长风飞马鱼鸟");
        // CJK Compatibility Ideographs: 年 and 金 as some fonts map them.
        assert_eq!(fold("2024\u{F98E}\u{F90A}额"), "2024年金额");
        assert_eq!(fold("（类）：，"), "（类）：，");
    }

    #[test]
    fn squeeze_drops_every_unicode_space_and_nothing_else() {
        let spaced = "合\t计 \u{85}收\u{A0}入\u{1680}支\u{2003}出\u{2028}\u{202F}\u{205F}决\u{3000}算\r\n";
        let expected: String = spaced.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(squeeze(spaced), expected);
        assert_eq!(squeeze("部⻔ 公务⽤⻋ −0.07 ￥"), "部⻔公务⽤⻋−0.07￥");
    }

    #[test]
    fn fold_agrees_with_folding_every_char() {
        let text: String = (0x20u32..0x3100).chain(0xFE00..0x10000).filter_map(char::from_u32).collect();
        let by_char: String = text.trim_end().chars().map(fold_char).collect();
        assert_eq!(fold(&text), by_char.trim_end());
    }

    /// Every code point that folds or is white space, among CJK and ASCII,
    /// alone and in runs, at the ends and inside, between every kind of line
    /// end: one pass gives what the definition gives.
    #[test]
    fn a_text_folds_and_squeezes_in_one_pass_as_defined() {
        let special: Vec<char> = (0x09u32..0x3100).chain(0xFE00..0x10000).filter_map(char::from_u32).collect();
        let all: String = special.iter().collect();
        let mut cases =
            vec![all.clone(), format!("  合 计\t{all}　 "), String::new(), "   ".into(), "— 12 —".into(), "第5页，共102页".into()];
        for w in special.chunks(7) {
            let run: String = w.iter().collect();
            cases.push(format!("{run}部门  {run}１２３．４５\u{3000}万元{run}"));
        }
        for ends in ["\n", "\r\n", "\r", "\n\r", "\r\r\n"] {
            let text = cases.join(ends);
            assert_eq!(normalise(&text), by_definition(&text), "{ends:?}");
            let ended = format!("{text}{ends}");
            assert_eq!(normalise(&ended), by_definition(&ended), "{ends:?} at the end");
        }
        for piece in &cases {
            assert_eq!(normalise(piece), by_definition(piece), "{piece:?}");
        }
    }

    /// Every corpus fixture, as it is and with its line ends made CRLF or
    /// CR: one pass gives what the definition gives, the empty lines that
    /// `end_line` pushes inline among them.
    #[test]
    fn every_fixture_normalises_as_defined() {
        for name in crate::FIXTURES {
            let text = crate::fixture(name);
            for ends in ["\n", "\r\n", "\r"] {
                let text = text.replace('\n', ends);
                assert_eq!(normalise(&text), by_definition(&text), "{name} {ends:?}");
            }
        }
    }

    /// The indented and gapped lines normalisation counts on its way, and
    /// the bytes of their squeezed texts, are those of the lines it gives,
    /// in every fixture (as it is, with CRLF or CR line ends) and in texts
    /// of spaces, TABs, form feeds and footers.
    #[test]
    fn the_gap_lines_seen_are_the_lines_counted() {
        let mut texts: Vec<String> =
            crate::FIXTURES.iter().flat_map(|name| ["\n", "\r\n", "\r"].map(|ends| crate::fixture(name).replace('\n', ends))).collect();
        let pieces = ["合计", "  ", " ", "\t", "\u{3000}", "\u{c}", "— 12 —", "1,234.00", "\r"];
        texts.extend(crate::text::stream::sample_texts(&pieces, 400));
        for text in &texts {
            let (lines, seen) = normalise_seeing(text);
            assert_eq!(seen.gaps, crate::text::lost_positions::GapLines::of(&lines), "{text:?}");
            assert_eq!(seen.squeezed_bytes, lines.iter().fold(0usize, |n, l| n.saturating_add(l.squeezed.len())), "{text:?}");
        }
    }

    /// The first-byte test of [`is_page_footer`] lets through every char a
    /// footer may open with (white space, then 第 or a dash).
    #[test]
    fn a_footer_s_first_byte_passes_the_gate() {
        for c in (0..0x11_0000).filter_map(char::from_u32).filter(|c| c.is_whitespace() || ['第', '—', '-', '–', '－'].contains(c)) {
            let mut buf = [0u8; 4];
            let enc = c.encode_utf8(&mut buf).as_bytes();
            for next in [0u8, b'1', 0xE5] {
                let w = [enc[0], enc.get(1).copied().unwrap_or(next), enc.get(2).copied().unwrap_or(next)];
                assert!(may_lead_footer(enc[0]) && may_open_footer(w), "{c:?}");
            }
        }
        assert!(!may_open_footer("（一）".as_bytes()[..3].try_into().unwrap()));
        assert!(!may_open_footer("经费".as_bytes()[..3].try_into().unwrap()));
        assert!(is_page_footer("\u{3000}— 12 —") && is_page_footer(" 第1页") && is_page_footer("\u{85}- 3 -"));
    }

    #[test]
    fn fast_trims_trim_as_trim_does() {
        let pieces = [
            "收入", "a", "1", " ", "\t", "\u{3000}", "\u{a0}", "\u{85}", "\u{2003}", "\u{2028}", "\u{1680}", "—", "…", "①", "\u{c2}", "é",
            "😀",
        ];
        for text in crate::text::stream::sample_texts(&pieces, 400) {
            for s in text.split('\n') {
                assert_eq!(trim_fast(s), s.trim(), "{s:?}");
                assert_eq!(trim_end_fast(s), s.trim_end(), "{s:?}");
            }
        }
        // Every white space char, alone and after text: its last bytes pass
        // the end test, its lead the start test.
        for c in (0..0x11_0000).filter_map(char::from_u32).filter(|c| c.is_whitespace()) {
            for s in [c.to_string(), format!("收入{c}"), format!("a{c}")] {
                assert!(words::may_end_white_space(&s), "{c:?}");
                assert_eq!(trim_end_fast(&s), s.trim_end(), "{c:?}");
            }
            assert!(words::may_start_white_space(c.to_string().as_bytes()[0]), "{c:?}");
        }
    }

    #[test]
    fn dash_placeholders_are_not_page_footers() {
        assert!(!is_page_footer("—"));
        assert!(!is_page_footer("- 1,234.00 -"));
        assert!(is_page_footer("- 36 -"));
    }
}
