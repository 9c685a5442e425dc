//! The narrative (第三部分 情况说明): sections, joined paragraphs, numeric claims.
//!
//! Read once, before the tables, from the normalised lines only, into
//! [`crate::model::Document::narrative`]: the table readers take what it
//! states as evidence (the 三公 amounts, [`Stated`]), rules check what the
//! text says about itself and tie claims to table cells by their subjects.
//!
//! Steps: find the part (`part`), classify lines into headings and text
//! (`section`), join wrapped lines into paragraphs and repair PDF artefacts
//! with a per-character source-line map (`join`), extract claims (`claim`).

pub(crate) mod claim;
pub(crate) mod join;
pub(crate) mod part;
pub(crate) mod procurement;
pub(crate) mod sangong;
pub(crate) mod sangong_amounts;
pub(crate) mod section;
pub(crate) mod stated;
pub(crate) mod yoy;

use std::borrow::Cow;

use serde::Serialize;

pub use claim::{Claim, ClaimKind, Direction, Money, Unit};
pub use join::{Repair, RepairKind};
pub use section::Topic;
pub use stated::{Performance, SangongClaim, Stated};

pub(crate) use crate::text::normalise::{trim_end_fast, trim_fast};
use crate::text::Line;
use join::Ch;
use section::LineStart;

/// A joined paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// The joined, repaired text.
    pub text: String,
    /// (byte offset in `text`, 1-based source line) where each source
    /// line's part of the text starts, ascending from 0: a char's line is
    /// that of the last start at or before it ([`Paragraph::line_at`]),
    /// kept per line, not repeated over every char.
    #[serde(skip)]
    line_starts: Vec<(usize, usize)>,
    /// The claims in this paragraph, in order (at most
    /// [`crate::limits::MAX_CLAIMS_PER_PARAGRAPH`]).
    pub claims: Vec<Claim>,
    /// Claims beyond the cap, not checked (coverage says so).
    pub claims_dropped: usize,
    /// Byte offset in `text` of each char, and of the end: slices in O(1).
    #[serde(skip)]
    offsets: Vec<usize>,
    /// The chars of `text`, decoded once for the claim reader and kept for
    /// the rules that read the paragraph char by char.
    #[serde(skip)]
    chars: Vec<char>,
}

impl Paragraph {
    /// The paragraph of `text` with its chars, their lines and offsets;
    /// `scratch` holds the sentence ends and marks of the chars.
    fn of(text: &str, d: Decoded, scratch: &mut claim::Scratch) -> Paragraph {
        let text = text.to_owned();
        debug_assert!(text.chars().eq(d.chars.iter().copied()), "the text is the chars");
        let Decoded { chars, line_starts, offsets } = d;
        let mut claims = claim::extract_noted(&claim::Chars { chars: &chars, text: &text, offsets: &offsets }, &line_starts, scratch);
        let claims_dropped = claims.len().saturating_sub(crate::limits::MAX_CLAIMS_PER_PARAGRAPH);
        claims.truncate(crate::limits::MAX_CLAIMS_PER_PARAGRAPH);
        Paragraph { text, line_starts, claims, claims_dropped, offsets, chars }
    }

    /// The chars of the paragraph's text.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The source line of the paragraph's first character.
    pub fn first_line(&self) -> usize {
        self.line_starts.first().map_or(0, |s| s.1)
    }

    /// The source line of the paragraph's last character.
    pub fn last_line(&self) -> usize {
        self.line_starts.last().map_or(0, |s| s.1)
    }

    /// The source line of char `k` (the last line when out of range).
    pub fn line_at(&self, k: usize) -> usize {
        claim::line_of(&self.line_starts, &self.offsets, k)
    }

    /// The text from char `k` on ("" past the end): a slice, not a copy.
    pub(crate) fn text_from(&self, k: usize) -> &str {
        self.offsets.get(k).and_then(|&at| self.text.get(at..)).unwrap_or("")
    }

    /// The text before char `k` (all of it when `k` is past the end): a
    /// slice ended at the char's offset, not found by decoding up to it.
    pub(crate) fn text_to(&self, k: usize) -> &str {
        self.offsets.get(k).and_then(|&at| self.text.get(..at)).unwrap_or(&self.text)
    }

    /// The text between two char offsets.
    pub fn slice(&self, start: usize, end: usize) -> String {
        let last = self.offsets.len().saturating_sub(1);
        let (s, e) = (start.min(last), end.min(last));
        match (self.offsets.get(s), self.offsets.get(e.max(s))) {
            (Some(&a), Some(&b)) => self.text[a..b].to_string(),
            _ => String::new(),
        }
    }
}

/// A section of the narrative, from one heading to the next heading that
/// changes the topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// What the section is about.
    pub topic: Topic,
    /// The heading text without its ordinal ("" for the preamble).
    pub heading: String,
    /// 1-based source line of the heading.
    pub source_line: usize,
    /// The sub-headings inside the section that kept its topic.
    pub subheadings: Vec<(usize, String)>,
    /// The paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
}

impl Section {
    /// Every claim of the section with its paragraph, in order.
    pub fn claims(&self) -> impl Iterator<Item = (&Paragraph, &Claim)> {
        self.paragraphs.iter().flat_map(|p| p.claims.iter().map(move |c| (p, c)))
    }
}

/// The narrative part of a disclosure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Narrative {
    /// Source lines (first, last) of the part; None when no "第三部分" heading
    /// was found and the whole text was read as narrative.
    pub span: Option<(usize, usize)>,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// Normalisations applied (spaced digits, LaTeX).
    pub repairs: Vec<Repair>,
    /// The figures the table readers and the budget rules look up by keyword.
    #[serde(skip)]
    pub stated: Stated,
}

impl Narrative {
    /// Every claim with its section and paragraph, in document order.
    pub fn claims(&self) -> impl Iterator<Item = (&Section, &Paragraph, &Claim)> {
        self.sections.iter().flat_map(|s| s.claims().map(move |(p, c)| (s, p, c)))
    }

    /// Every paragraph with its section.
    pub fn paragraphs(&self) -> impl Iterator<Item = (&Section, &Paragraph)> {
        self.sections.iter().flat_map(|s| s.paragraphs.iter().map(move |p| (s, p)))
    }

    /// The sections about a topic.
    pub fn sections_about(&self, topic: Topic) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(move |s| s.topic == topic)
    }
}

/// [`claims_in`] of lines alone: the tests' way in.
#[cfg(test)]
pub(crate) fn claims(lines: &[Line]) -> Narrative {
    let every: Vec<usize> = (0..lines.len()).collect();
    claims_in(lines, &crate::text::joined::Joined::squeezed(lines), &every)
}

/// Reads the narrative of a document: finds 第三部分 (or takes the whole text
/// when there is none), splits it into sections and paragraphs and extracts
/// every numeric claim. `joined` is the lines' squeezed texts joined (the
/// document's own), searched instead of the lines one by one; `opening` a
/// superset of the indexes of the lines that open like a heading (as
/// [`Stated::read`] is told). Never panics.
pub(crate) fn claims_in(lines: &[Line], joined: &crate::text::joined::Joined, opening: &[usize]) -> Narrative {
    let (range, span) = match part::locate(lines) {
        Some(r) => {
            let first = lines.get(r.start).map_or(0, |l| l.no);
            let last = lines.get(r.end.saturating_sub(1)).map_or(first, |l| l.no);
            (r, Some((first, last)))
        }
        None => (0..lines.len(), None),
    };
    let mut out = Narrative { span, sections: Vec::new(), repairs: Vec::new(), stated: Stated::read(lines, joined, opening) };
    let mut current = Section {
        topic: Topic::Preamble,
        heading: String::new(),
        source_line: lines.get(range.start).map_or(0, |l| l.no),
        subheadings: Vec::new(),
        paragraphs: Vec::new(),
    };
    let mut buf = Joining::default();
    let mut last_text: &str = "";
    let body = lines.get(range).unwrap_or(&[]);
    for (i, line) in body.iter().enumerate() {
        let t = trim_fast(without_indent(&line.text));
        if t.is_empty() || is_page_number(body, i) {
            continue;
        }
        let mut start = section::line_start(t);
        if start == LineStart::Text {
            // "十 、 一 般 公 共 预 算 …": a heading spread over its line reads as itself.
            if let Some(spread) = section::spaced_heading(t, &line.squeezed) {
                start = spread;
            }
        }
        match &start {
            LineStart::Caption => {
                flush(&mut buf, &mut current, &mut out.repairs);
                last_text = "";
                continue;
            }
            LineStart::Heading(level, h) => {
                flush(&mut buf, &mut current, &mut out.repairs);
                last_text = "";
                open(&mut out, &mut current, *level, h, line.no);
                continue;
            }
            LineStart::InlineHeading(level, h) => {
                flush(&mut buf, &mut current, &mut out.repairs);
                open(&mut out, &mut current, *level, h, line.no);
            }
            LineStart::ListItem => flush(&mut buf, &mut current, &mut out.repairs),
            LineStart::Text => {
                if !buf.text.is_empty() && join::ends_paragraph(last_text) {
                    flush(&mut buf, &mut current, &mut out.repairs);
                }
            }
        }
        buf.append(&closed(t), line.no);
        last_text = t;
    }
    flush(&mut buf, &mut current, &mut out.repairs);
    out.sections.push(current);
    out.sections.retain(|s| !(s.topic == Topic::Preamble && s.paragraphs.is_empty()));
    out.repairs.sort_by_key(|r| r.line);
    out
}

/// `s` without the ASCII spaces that open it (a layout's indent, often
/// dozens): passed over eight at a time, not decoded char by char as
/// `trim_start` decodes them. What remains trims as `s` does.
fn without_indent(s: &str) -> &str {
    let b = s.as_bytes();
    // Most narrative lines are not indented: left as they are at one compare.
    if b.first() != Some(&b' ') {
        return s;
    }
    // Each eight bytes compared as one word.
    let spaces8 = u64::from_ne_bytes([b' '; 8]);
    let eights =
        b.chunks_exact(8).take_while(|&chunk| <[u8; 8]>::try_from(chunk).is_ok_and(|w| u64::from_ne_bytes(w) == spaces8)).count() * 8;
    let spaces = eights + b.get(eights..).map_or(0, |r| r.iter().take_while(|&&c| c == b' ').count());
    // Spaces are ASCII: the index is a char boundary.
    s.get(spaces..).unwrap_or("")
}

/// A page number printed alone on its line at a page break ("27" before the
/// form feed that opens the next page): not part of the paragraph it
/// interrupts ("因公出国（境）费安排 185.4 ⏎ 31 ⏎ ␌万元" is 185.4 万元).
#[inline]
pub(crate) fn is_page_number(lines: &[Line], i: usize) -> bool {
    // Most lines are rejected here, in the caller's loop over lines, by
    // their squeezed text's length or first byte, without a call or a walk
    // over the indent.
    lines.get(i).is_some_and(|l| may_be_page_number(&l.squeezed)) && page_number_at(lines, i)
}

/// Whether a line whose squeezed text is `sq` may be a page number: a
/// page number's text trims to one to four ASCII digits, and so squeezes
/// to them (squeezing removes the white space trimming does, and more).
/// A line whose text was taken out while the narrative is read (its page
/// number hidden, its squeezed text kept) is no page number either way.
fn may_be_page_number(sq: &str) -> bool {
    (1..=4).contains(&sq.len()) && sq.bytes().all(|b| b.is_ascii_digit())
}

/// [`is_page_number`] without its quick rejection: the definition. Kept
/// out of line, so that the quick rejection is made in the callers' loops.
#[inline(never)]
fn page_number_at(lines: &[Line], i: usize) -> bool {
    let t = lines[i].text.trim();
    if t.is_empty() || t.len() > 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let opens_page = |l: &Line| l.text.starts_with('\u{c}');
    // A running header blanked at the top of the page keeps its form feed.
    let next = lines[i + 1..].iter().find(|l| !l.text.trim().is_empty() || opens_page(l));
    // Without form feeds (`pdftotext -nopgbrk`, a viewer's copy): centred
    // (as pdftotext -layout prints a page's number), or between blank lines
    // (as plain pdftotext does).
    let centred = lines[i].text.len() - lines[i].text.trim_start().len() >= 8;
    let blank = |j: usize| lines.get(j).is_some_and(|l| l.text.trim().is_empty());
    // A viewer's copy may draw the page's number before its last line
    // ("22 ⏎ ⏎ 267.8 万元，与 ⏎ ⏎ ␌上年预算数一致"): a block of its own, and
    // the page turns within a few lines.
    let turns_soon = || lines[i + 1..].iter().take(4).any(opens_page);
    // A number alone on its line with a number next is no piece of that
    // number (a number wraps at a full line's end, never alone): without
    // its blank lines and form feeds, that is all that shows the page's.
    let figure_next = next.is_some_and(|l| l.text.trim_start().starts_with(|c: char| c.is_ascii_digit()));
    opens_page(&lines[i])
        || next.is_some_and(opens_page)
        || centred
        || figure_next
        || blank(i + 1) && (i > 0 && blank(i - 1) || turns_soon())
}

/// Handles a heading: a level-1 heading always opens a section; a deeper one
/// opens a section only when it names a different topic ("十、其他重要事项" →
/// "（一）机关运行经费"), otherwise it is a sub-heading of the current one.
fn open(out: &mut Narrative, current: &mut Section, level: u8, heading: &str, line: usize) {
    let topic = section::topic_of(heading);
    let new_topic = match (level, topic) {
        (1, t) => Some(t.unwrap_or(Topic::Other)),
        (_, Some(t)) if t != current.topic => Some(t),
        _ => None,
    };
    match new_topic {
        Some(t) => {
            let next =
                Section { topic: t, heading: heading.to_string(), source_line: line, subheadings: Vec::new(), paragraphs: Vec::new() };
            out.sections.push(std::mem::replace(current, next));
        }
        None => current.subheadings.push((line, heading.to_string())),
    }
}

/// The paragraph being joined: its text, copied line by line, and where
/// each line starts in it. Its chars, their lines and their offsets are made
/// from these once, when the paragraph ends ([`Joining::decode`]), not char by
/// char as each line comes (decoding each line into (char, line) pairs cost
/// about 28 instructions a char, and the paragraph copied them out again).
#[derive(Default)]
struct Joining {
    text: String,
    /// (byte offset in `text`, source line) where each appended line starts;
    /// a space put between two lines belongs to the line before it.
    starts: Vec<(usize, usize)>,
    /// The claim reader's buffers, reused paragraph after paragraph.
    scratch: claim::Scratch,
}

impl Joining {
    /// Appends a trimmed line as `join::append` does: a space between two
    /// ASCII alphanumerics meeting at the join. The last char of the text
    /// (the first of the line) is one exactly when its last (first) byte is:
    /// every byte of a longer char is at least 0x80.
    fn append(&mut self, t: &str, line: usize) {
        let alphanumeric = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
        if alphanumeric(self.text.as_bytes().last()) && alphanumeric(t.as_bytes().first()) {
            self.text.push(' ');
        }
        self.starts.push((self.text.len(), line));
        self.text.push_str(t);
    }

    /// The text decoded: its chars, the source line and the byte offset
    /// of each; each char is [noted](claim::Scratch::note) in the scratch
    /// on the way (its sentence ends and marks, not found in a second pass).
    fn decode(&mut self) -> Decoded {
        // One decoding for the chars and their offsets (the char indices),
        // into vectors sized first and written in place: a push per char
        // checks the capacity each time.
        let n = self.text.chars().count();
        let mut chars = vec!['\0'; n];
        let mut offsets = vec![0usize; n + 1];
        let scratch = &mut self.scratch;
        scratch.clear_marks();
        for (k, ((slot, o), (at, c))) in chars.iter_mut().zip(offsets.iter_mut()).zip(self.text.char_indices()).enumerate() {
            *slot = c;
            *o = at;
            scratch.note(k, c);
        }
        if let Some(end) = offsets.last_mut() {
            *end = self.text.len();
        }
        // Where each line starts, as appended: a char's line is found from
        // its offset when asked for (a claim's, a rule's), not written out
        // for every char.
        let line_starts = self.starts.to_vec();
        Decoded { chars, line_starts, offsets }
    }
}

/// A paragraph's text decoded: its chars, where each source line's part
/// of it starts ([`Paragraph::line_starts`]), and the byte offset of each
/// char (and of the end).
struct Decoded {
    chars: Vec<char>,
    line_starts: Vec<(usize, usize)>,
    offsets: Vec<usize>,
}

fn flush(buf: &mut Joining, current: &mut Section, repairs: &mut Vec<Repair>) {
    if buf.text.is_empty() {
        return;
    }
    let mut d = buf.decode();
    // Neither repair can apply to a text without its marker, noted as the
    // chars were decoded (no search of the text): a LaTeX fragment opens
    // with '$', and spaced digits are runs of number chars with only spaces
    // between them (runs are maximal, so a gap of spaces is not empty): a
    // number char, spaces and a number char, looked for at the spaces only.
    let dollar = buf.scratch.dollar();
    let may_be_spaced = join::spaced_digits_among(&d.chars, buf.scratch.spaces());
    if dollar || may_be_spaced {
        // Each char with its line (as `claim::line_of` finds it), the line
        // starts passed over once.
        let mut s = 0;
        let mut chars: Vec<Ch> = (d.chars.iter().zip(&d.offsets))
            .map(|(&c, &at)| {
                while d.line_starts.get(s + 1).is_some_and(|next| next.0 <= at) {
                    s += 1;
                }
                (c, d.line_starts.get(s).map_or(0, |start| start.1))
            })
            .collect();
        let latex = dollar && join::repair_latex(&mut chars, repairs);
        let spaced = (latex || may_be_spaced) && join::repair_spaced_digits(&mut chars, repairs);
        if latex || spaced {
            buf.text.clear();
            buf.text.extend(chars.iter().map(|c| c.0));
            let offsets: Vec<usize> = buf.text.char_indices().map(|(at, _)| at).chain([buf.text.len()]).collect();
            // A start where the line changes from the char before.
            let mut line_starts: Vec<(usize, usize)> = Vec::new();
            for (&at, &(_, line)) in offsets.iter().zip(&chars) {
                if line_starts.last().is_none_or(|s| s.1 != line) {
                    line_starts.push((at, line));
                }
            }
            d = Decoded { chars: chars.iter().map(|c| c.0).collect(), line_starts, offsets };
            claim::Sentences::and_marks(&d.chars, &mut buf.scratch);
        }
    }
    current.paragraphs.push(Paragraph::of(&buf.text, d, &mut buf.scratch));
    // Cleared, not taken: the next paragraph reuses the capacity instead of
    // growing new buffers from nothing.
    buf.text.clear();
    buf.starts.clear();
}

/// `t` without the spaces (one or two) that stand between two chars other
/// than ASCII: a justified line of prose spreads its chars ("本 年 收 入 预
/// 算 合 计 增 加 5 万 元 。"), and "增 加" is not the word a claim is read by.
/// Spaces beside a number or a Latin word stay. Borrowed when none goes.
fn closed(t: &str) -> Cow<'_, str> {
    let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace());
    let b = t.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;
    while let Some(i) = memchr::memchr(b' ', &b[at..]).map(|i| at + i) {
        let run = b[i..].iter().take_while(|&&x| x == b' ').count();
        let end = i + run;
        if run <= 2 && wide(t[..i].chars().next_back()) && wide(t[end..].chars().next()) {
            let o = out.get_or_insert_with(|| String::with_capacity(t.len()));
            o.push_str(&t[copied..i]);
            copied = end;
        }
        at = end;
    }
    match out {
        Some(mut o) => {
            o.push_str(&t[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(t),
    }
}

#[cfg(test)]
mod tests {
    /// A justified line's spread chars close up; spaces beside a number or
    /// a Latin word, and wider gaps, stay.
    #[test]
    fn spaces_between_chars_of_prose_close_up() {
        let closed = |t: &str| super::closed(t).into_owned();
        assert_eq!(closed("本 年 收 入 增 加 5 万 元 ， 增 长 3 % 。"), "本年收入增加 5 万元，增长 3 % 。");
        assert_eq!(closed("各增加   1463.8   万元"), "各增加   1463.8   万元");
        assert_eq!(closed("项目   金额  合计"), "项目   金额合计");
        assert_eq!(closed("PDF 文件 与 Excel"), "PDF 文件与 Excel");
        assert_eq!(closed("没有空格"), "没有空格");
    }

    use super::*;
    use crate::text::normalise;

    #[test]
    fn wrapped_paragraphs_join_and_keep_lines() {
        let text = "第三部分\n\n一、收入支出决算总体情况\n\n2024年度收、支总计17,187.83万元。与2023年度相比，收、\n\n支总计各减少1,594.06万元，下降8.49%，大通关补助专项资金减少了1244\n\n万元。\n二、收入决算情况\n\n本年收入合计17,12 7 . 8 3万元，其中：财政拨款收入\n\n17,127.83万元，占100%。\n第四部分\n名词解释\n";
        let n = claims(&normalise(text));
        assert_eq!(n.span, Some((2, 14)));
        let topics: Vec<Topic> = n.sections.iter().map(|s| s.topic).collect();
        assert_eq!(topics, vec![Topic::Overall, Topic::Income]);
        let p = &n.sections[0].paragraphs[0];
        assert!(p.text.contains("收、支总计各减少1,594.06万元"), "{}", p.text);
        let c: Vec<(String, usize)> = p.claims.iter().map(|c| (c.printed.clone(), c.source_line)).collect();
        assert_eq!(c, vec![("17,187.83".into(), 5), ("1,594.06".into(), 7), ("8.49".into(), 7), ("1244".into(), 7)]);
        let inc = &n.sections[1].paragraphs[0].claims;
        assert_eq!((inc[0].value.map(|v| v.to_string()), inc[0].source_line), (Some("17127.83".into()), 12));
        assert_eq!(n.repairs.len(), 1);
    }

    #[test]
    fn a_paragraph_text_is_its_chars_after_repairs_and_joins() {
        let text = "一、收入\n本年收入合计17,12 7 . 8 3万元，\n增长 $\\geq 95\\%$ ，减少了1244\n万元，合计12\n345.6万元。\n新段落 A\nB。";
        let n = claims(&normalise(text));
        let ps: Vec<&str> = n.sections[0].paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(ps, vec!["本年收入合计17,127.83万元，增长 ≥95% ，减少了1244万元，合计12 345.6万元。", "新段落 A B。"]);
        for p in &n.sections[0].paragraphs {
            assert_eq!(p.text.chars().count(), p.chars().len());
            assert_eq!(p.slice(0, p.chars().len()), p.text);
        }
    }

    #[test]
    fn the_joined_text_decodes_to_the_chars_and_lines_join_gives() {
        let pieces = ["12", "a", "万元", "。", " ", "3.5", "é", "😀", "无", "?", "$", "\n"];
        for (k, text) in crate::text::stream::sample_texts(&pieces, 200).into_iter().enumerate() {
            let (mut joining, mut want) = (Joining::default(), Vec::new());
            for (no, t) in text.split('\n').map(str::trim).filter(|t| !t.is_empty()).enumerate() {
                joining.append(t, no + k);
                join::append(&mut want, t, no + k);
            }
            let d = joining.decode();
            // Each char's line, found from the line starts, is the line of
            // the char as join gives it (the last line's past the end).
            for k in 0..d.chars.len() + 3 {
                let line = want.get(k).or(want.last()).map_or(0, |c| c.1);
                assert_eq!(claim::line_of(&d.line_starts, &d.offsets, k), line, "{k} {text:?}");
            }
            assert_eq!(d.chars, want.iter().map(|c| c.0).collect::<Vec<_>>(), "{text:?}");
            // The sentence ends and marks noted on the way are those of the chars.
            let mut marks = claim::Scratch::default();
            claim::Sentences::and_marks(&d.chars, &mut marks);
            assert_eq!(joining.scratch, marks, "{text:?}");
            // The repairs' markers noted on the way are those of the text.
            let spaces: Vec<usize> = d.chars.iter().enumerate().filter(|(_, &c)| c == ' ').map(|(k, _)| k).collect();
            assert_eq!(joining.scratch.spaces(), spaces, "{text:?}");
            assert_eq!(joining.scratch.dollar(), joining.text.contains('$'), "{text:?}");
            let offsets: Vec<usize> = joining.text.char_indices().map(|(at, _)| at).chain([joining.text.len()]).collect();
            assert_eq!(d.offsets, offsets);
        }
    }

    /// A paragraph's chars keep the lines the per-char join and repairs
    /// give them (read from its line starts, the last line's past the
    /// end), and each claim is on its number's line, on made-up texts with
    /// spaced digits and LaTeX to repair.
    #[test]
    fn each_char_of_a_repaired_paragraph_keeps_its_line() {
        let pieces = ["12", " ", "3", ".", "5", ",", "万元", "$\\geq 95\\%$", "$", "收入", "。", "\n"];
        let mut repaired = 0;
        for (k, text) in crate::text::stream::sample_texts(&pieces, 400).into_iter().enumerate() {
            let (mut joining, mut want) = (Joining::default(), Vec::new());
            for (no, t) in text.split('\n').map(str::trim).filter(|t| !t.is_empty()).enumerate() {
                joining.append(t, no + k);
                join::append(&mut want, t, no + k);
            }
            let before = want.clone();
            let (mut want_repairs, mut repairs) = (Vec::new(), Vec::new());
            join::repair_latex(&mut want, &mut want_repairs);
            join::repair_spaced_digits(&mut want, &mut want_repairs);
            repaired += usize::from(want != before);
            let mut section =
                Section { topic: Topic::Preamble, heading: String::new(), source_line: 0, subheadings: Vec::new(), paragraphs: Vec::new() };
            flush(&mut joining, &mut section, &mut repairs);
            let Some(p) = section.paragraphs.first() else {
                assert!(want.is_empty(), "{text:?}");
                continue;
            };
            assert_eq!(p.chars(), want.iter().map(|c| c.0).collect::<Vec<_>>(), "{text:?}");
            for j in 0..want.len() + 3 {
                assert_eq!(p.line_at(j), want.get(j).or(want.last()).map_or(0, |c| c.1), "{j} {text:?}");
            }
            assert_eq!((p.first_line(), p.last_line()), (want.first().map_or(0, |c| c.1), want.last().map_or(0, |c| c.1)));
            for c in &p.claims {
                assert_eq!(c.source_line, p.line_at(c.start), "{text:?}");
            }
        }
        assert!(repaired > 20, "{repaired}");
    }

    /// Every claim of every corpus paragraph is on the line of its first
    /// char ([`Paragraph::line_at`]): the claims' lines, found as the
    /// numbers are read, are the lines the paragraph gives.
    #[test]
    fn every_corpus_claim_is_on_the_line_of_its_first_char() {
        for name in crate::FIXTURES {
            for (_, p) in crate::read(&crate::fixture(name)).narrative.paragraphs() {
                for c in &p.claims {
                    assert_eq!(c.source_line, p.line_at(c.start), "{name} {c:?}");
                }
            }
        }
    }

    /// [`Paragraph::text_to`] is the text up to the `k`th char's index (all
    /// of it past the end), on every paragraph of every corpus fixture.
    #[test]
    fn the_text_to_a_char_is_the_text_before_its_index() {
        for name in crate::FIXTURES {
            for (_, p) in crate::read(&crate::fixture(name)).narrative.paragraphs() {
                for k in (0..=p.chars().len() + 1).chain([usize::MAX]) {
                    let end = p.text.char_indices().nth(k).map_or(p.text.len(), |(i, _)| i);
                    assert_eq!(p.text_to(k), &p.text[..end], "{name} {k}");
                }
            }
        }
    }

    #[test]
    fn a_page_number_at_a_page_break_is_not_read() {
        // The shape of 07-renda-2018 L868-872 (made-up amounts and page number).
        let text = "一、三公\n“三公”经费预算中，因公出国（境）费安排 185.4\n\n\n                31\n\u{c}万元，占“三公”经费的 24.12%。";
        let n = claims(&normalise(text));
        let c = &n.sections[0].paragraphs[0].claims;
        assert_eq!(c[0].printed, "185.4");
        assert_eq!(c[0].kind, ClaimKind::Amount);
        assert_eq!(c.len(), 2, "{c:#?}");
    }

    #[test]
    fn a_page_number_indented_by_any_white_space_is_read_as_one() {
        let lines = normalise("\u{3000}27\n\u{c}正文\n正文\n27\n");
        assert!(is_page_number(&lines, 0) && !is_page_number(&lines, 1));
        // Whatever white space stands about it, as the definition reads it.
        for c in ('\0'..='\u{ffff}').filter(|c| c.is_whitespace()) {
            let lines = normalise(&format!("正文\n\n{c}{c}27{c}\n\n正文\n        {c}27\n\u{c}正文"));
            for i in 0..lines.len() {
                assert_eq!(is_page_number(&lines, i), page_number_at(&lines, i), "{c:?} {i}");
            }
        }
    }

    /// The indent skipped eight spaces at a time leaves what `trim_start`
    /// leaves once trimmed, on sampled texts and every corpus line.
    #[test]
    fn a_line_without_its_indent_trims_as_the_line_does() {
        let pieces = [" ", "        ", "\u{3000}", "\t", "\u{c}", "收入", "27", "a", "é"];
        let texts = crate::text::stream::sample_texts(&pieces, 400).into_iter().chain(crate::FIXTURES.iter().map(|n| crate::fixture(n)));
        for text in texts {
            for line in text.lines() {
                assert_eq!(trim_fast(without_indent(line)), line.trim(), "{line:?}");
            }
        }
    }

    #[test]
    fn the_quick_page_number_test_is_the_definition() {
        let pieces = [
            "27", " ", "   ", "\u{3000}", "\t", "\u{c}", "\u{a0}", "\u{85}", "\u{2003}", "\u{2028}", "\u{1680}", "\u{200b}", "收入",
            "12345", "a", "\n", "\n\n",
        ];
        let texts = crate::text::stream::sample_texts(&pieces, 400).into_iter().chain(crate::FIXTURES.iter().map(|n| crate::fixture(n)));
        for text in texts {
            let lines = normalise(&text);
            for i in 0..lines.len() {
                assert_eq!(is_page_number(&lines, i), page_number_at(&lines, i), "{i} in {text:?}");
            }
        }
    }

    #[test]
    fn a_centred_number_or_one_between_blank_lines_is_a_page_number_without_a_form_feed() {
        // A paste without form feeds: the page break shows only as the number.
        let lines = normalise("因公出国（境）费支出 222.5\n\n                27\n万元，占“三公”经费的 26.69%；\n");
        assert!(is_page_number(&lines, 2));
        let values: Vec<_> = claims(&lines).claims().filter_map(|(_, _, c)| c.value).collect();
        assert!(!values.contains(&rust_decimal::Decimal::from(27)), "{values:?}");
        // Plain pdftotext: a blank line on either side.
        let lines = normalise("因公出国（境）费支出 222.5\n\n27\n\n万元，占“三公”经费的 26.69%；\n");
        assert!(is_page_number(&lines, 2));
        // Centred, with no blank line about it (blank lines dropped too).
        let lines = normalise("因公出国（境）费支出 222.5\n                27\n万元\n");
        assert!(is_page_number(&lines, 1));
        // Neither centred nor between blank lines: a number of the text.
        let lines = normalise("支出\n\n27\n万元\n支出\n27\n\n万元\n");
        assert!(!is_page_number(&lines, 2) && !is_page_number(&lines, 5));
    }

    #[test]
    fn a_page_number_a_viewer_drew_before_its_pages_last_line_is_not_read() {
        // 10-jiangsu-jianchayuan-2017 in a viewer's copy (its page 22): the
        // number, a blank line, the page's last line, then the next page.
        let lines = normalise("（2）公务用车运行维护费预算支出\n22\n\n267.8 万元，与\n\n\u{c}上年预算数一致。\n");
        assert!(is_page_number(&lines, 1));
        let values: Vec<_> = claims(&lines).claims().filter_map(|(_, _, c)| c.value).collect();
        assert!(values.iter().any(|v| v.to_string() == "267.8") && values.iter().all(|v| v.to_string() != "22267.8"), "{values:?}");
        // With no blank line or form feed left: the figure after it tells.
        let lines = normalise("（2）公务用车运行维护费预算支出\n22\n267.8 万元，与\n上年预算数一致。\n");
        assert!(is_page_number(&lines, 1));
        // A number the text goes on from, or one far from a page's end: the text's.
        let lines = normalise("预算支出\n22\n万元\n\n\u{c}正文\n");
        assert!(!is_page_number(&lines, 1));
        let lines = normalise("预算支出\n22\n\n万元\n\n正文\n正文\n\u{c}正文\n");
        assert!(!is_page_number(&lines, 1));
    }

    #[test]
    fn a_path_line_joins_its_amounts() {
        let text = "一、一般公共预算财政拨款支出情况\n8、社会保障和就业支出（类）抚恤（款）死亡抚恤（项）。\n\n年初预算为 0 万元，支出决算为 48.29 万元，年初无预算。\n9、卫生健康支出（类）。\n";
        let n = claims(&normalise(text));
        assert_eq!(n.span, None);
        assert_eq!(n.sections[0].paragraphs.len(), 2);
        assert!(n.sections[0].paragraphs[0].text.starts_with("8、社会保障"));
    }

    #[test]
    fn nested_headings_open_sections_only_for_new_topics() {
        let text = "九、财政拨款“三公”经费支出决算情况\n（一）“三公”经费支出决算总体情况\n正文。\n十、其他重要事项情况说明\n（一）机关运行经费支出情况\n正文。\n（二）政府采购支出情况\n正文。";
        let n = claims(&normalise(text));
        let topics: Vec<(Topic, usize)> = n.sections.iter().map(|s| (s.topic, s.paragraphs.len())).collect();
        assert_eq!(topics, vec![(Topic::Sangong, 1), (Topic::Other, 0), (Topic::Operating, 1), (Topic::Procurement, 1)]);
        assert_eq!(n.sections[0].subheadings.len(), 1);
    }
}
