//! Joining hard-wrapped lines into paragraphs, and repairing PDF artefacts
//! inside them, while every character keeps its source line.
//!
//! PDF text wraps every ~30 characters with blank lines in between, even
//! between a number and its unit ("减少了1244" / "万元"), so blank lines never
//! end a paragraph here: sentence-final punctuation, headings and list
//! ordinals do.

use serde::Serialize;

use crate::amount::parse_prose_number;

/// A character of a joined paragraph and the 1-based source line it came from.
pub type Ch = (char, usize);

/// What a repair fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RepairKind {
    /// Spaces inside a number ("17,12 7 . 8 3" → "17,127.83").
    SpacedDigits,
    /// A LaTeX fragment left by the PDF converter ("$\geq 95\%$" → "≥95%").
    Latex,
}

/// One normalisation applied to the narrative text (for the coverage report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repair {
    /// What kind of repair.
    pub kind: RepairKind,
    /// 1-based source line of the repaired text.
    pub line: usize,
    /// The text as printed.
    pub before: String,
    /// The text as read.
    pub after: String,
}

/// Appends a physical line (already trimmed) to a paragraph under construction
/// (the definition the narrative's own joining is held to).
/// Two ASCII alphanumerics meeting at the join get a space between them, so
/// that a number wrapped across lines is judged by [`repair_spaced_digits`]
/// rather than glued blindly. Returns whether it put that space.
#[cfg(test)]
pub fn append(buf: &mut Vec<Ch>, text: &str, line: usize) -> bool {
    let first = text.chars().next();
    let mut spaced = false;
    if let (Some((last, last_line)), Some(first)) = (buf.last().copied(), first) {
        if last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric() {
            buf.push((' ', last_line));
            spaced = true;
        }
    }
    buf.extend(text.chars().map(|c| (c, line)));
    spaced
}

/// True when a line ends a paragraph: it ends a sentence ("。", "！", "？"),
/// possibly followed by closing brackets or quotes. A line that ends in a
/// 类/款/项 path ("…死亡抚恤（项）。") does not: its amounts follow on the next
/// line.
pub fn ends_paragraph(text: &str) -> bool {
    // Most lines are wrapped inside a sentence and end on a byte that ends
    // no sentence end, closer or white space: rejected before the trimming
    // (a backward decoding) and the compares, about 90 instructions a line.
    if !text.as_bytes().last().is_some_and(|&b| MAY_END_PARAGRAPH[usize::from(b)]) {
        return false;
    }
    let t = text.trim_end();
    if t.ends_with("（项）。") || t.ends_with("(项)。") {
        return false;
    }
    let t = t.trim_end_matches(CLOSERS);
    t.ends_with(SENTENCE_ENDS)
}

/// What ends a sentence, and so a paragraph ([`ends_paragraph`]).
const SENTENCE_ENDS: [char; 5] = ['。', '！', '？', '!', '?'];
/// Closing brackets and quotes, which may follow a sentence end.
const CLOSERS: [char; 7] = ['）', ')', '”', '’', '"', '」', '』'];
/// Every white space char (`char::is_whitespace`, which a test holds this to).
const WHITE_SPACE: [char; 25] = [
    '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}',
    '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}',
];

/// Whether a text ending with each byte may end a paragraph: the last
/// UTF-8 byte of each char [`ends_paragraph`] reads at the end (a sentence
/// end, a closer, white space).
const MAY_END_PARAGRAPH: [bool; 256] = {
    let mut table = [false; 256];
    let sets: [&[char]; 3] = [&SENTENCE_ENDS, &CLOSERS, &WHITE_SPACE];
    let mut s = 0;
    while s < sets.len() {
        let mut k = 0;
        while k < sets[s].len() {
            let c = sets[s][k] as u32;
            // The last byte of the char's UTF-8: the char itself when ASCII,
            // else a continuation byte holding its low six bits.
            let last = if c < 0x80 { c } else { 0x80 | (c & 0x3F) };
            table[last as usize] = true;
            k += 1;
        }
        s += 1;
    }
    table
};

/// Replaces LaTeX fragments "$…\…$" by what they print ("$\geq 95\%$" → "≥95%").
/// Returns whether it replaced any.
pub fn repair_latex(buf: &mut Vec<Ch>, repairs: &mut Vec<Repair>) -> bool {
    let mut changed = false;
    let mut i = 0;
    while i < buf.len() {
        if buf[i].0 != '$' {
            i += 1;
            continue;
        }
        let Some(j) = (i + 1..buf.len().min(i + 60)).find(|&j| buf[j].0 == '$') else {
            i += 1;
            continue;
        };
        let inner: Vec<char> = buf[i + 1..j].iter().map(|c| c.0).collect();
        if !inner.contains(&'\\') {
            i = j;
            continue;
        }
        let line = buf[i].1;
        let out = render_latex(&inner);
        let before: String = buf[i..=j].iter().map(|c| c.0).collect();
        repairs.push(Repair { kind: RepairKind::Latex, line, before, after: out.clone() });
        let replacement: Vec<Ch> = out.chars().map(|c| (c, line)).collect();
        let n = replacement.len();
        buf.splice(i..=j, replacement);
        changed = true;
        i += n.max(1);
    }
    changed
}

/// What a LaTeX fragment prints: known commands become their symbols, escaped
/// characters themselves; white space, braces and unknown commands vanish.
fn render_latex(inner: &[char]) -> String {
    let mut out = String::new();
    let mut k = 0;
    while k < inner.len() {
        let c = inner[k];
        if c == '\\' {
            let start = k + 1;
            let mut e = start;
            while e < inner.len() && inner[e].is_ascii_alphabetic() {
                e += 1;
            }
            if e == start {
                // An escaped character such as "\%".
                if let Some(&ch) = inner.get(start) {
                    out.push(ch);
                }
                k = start + 1;
                continue;
            }
            let name: String = inner[start..e].iter().collect();
            let sym = match name.as_str() {
                "geq" | "ge" | "geqslant" => Some('≥'),
                "leq" | "le" | "leqslant" => Some('≤'),
                "times" => Some('×'),
                "pm" => Some('±'),
                "approx" => Some('≈'),
                "neq" | "ne" => Some('≠'),
                "cdot" => Some('·'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "sim" => Some('~'),
                _ => None,
            };
            if let Some(s) = sym {
                out.push(s);
            }
            k = e;
        } else {
            if !c.is_whitespace() && c != '{' && c != '}' {
                out.push(c);
            }
            k += 1;
        }
    }
    out
}

fn is_num_char(c: char) -> bool {
    c.is_ascii_digit() || c == ',' || c == '.'
}

/// Whether `text` has number chars on both sides of a run of spaces: the
/// only place [`repair_spaced_digits`] joins anything (its runs of number
/// chars are maximal, so two of them separated only by spaces have one
/// space at least between them). The definition [`spaced_digits_among`]
/// is held to.
#[cfg(test)]
pub fn may_have_spaced_digits(text: &str) -> bool {
    let b = text.as_bytes();
    let num = |c: u8| c.is_ascii_digit() || c == b',' || c == b'.';
    memchr::memchr_iter(b' ', b).any(|at| {
        // The first space of a run after a number char; then the first
        // byte after the run.
        at.checked_sub(1).and_then(|p| b.get(p)).is_some_and(|&c| num(c))
            && b.get(at..).and_then(|r| r.iter().find(|&&c| c != b' ')).is_some_and(|&c| num(c))
    })
}

/// `may_have_spaced_digits` of the text of `chars`, given the indexes
/// of its ASCII spaces (all of them, in order), noted as the paragraph was
/// decoded: a look at the chars about each, with no search of the text.
pub fn spaced_digits_among(chars: &[char], spaces: &[usize]) -> bool {
    let num = |c: Option<&char>| c.is_some_and(|&c| is_num_char(c));
    spaces
        .iter()
        .any(|&at| num(at.checked_sub(1).and_then(|p| chars.get(p))) && num(chars.get(at..).and_then(|r| r.iter().find(|&&c| c != ' '))))
}

/// The longest number a spaced-out run may join into: 28 digits (the most a
/// Decimal holds), their thousands commas and a decimal point.
const MAX_NUMBER_CHARS: usize = 40;

/// Removes spaces inside a number ("17,12 7 . 8 3" → "17,127.83"), only where
/// the pieces separated by spaces are runs of digits, commas and dots, at least
/// one piece is not a number by itself, and the joined text is a well-formed
/// number. "2023 2024" stays two numbers. Returns whether it joined any.
pub fn repair_spaced_digits(buf: &mut Vec<Ch>, repairs: &mut Vec<Repair>) -> bool {
    // Maximal runs of number characters: (start, end).
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < buf.len() {
        if is_num_char(buf[i].0) {
            let s = i;
            while i < buf.len() && is_num_char(buf[i].0) {
                i += 1;
            }
            runs.push((s, i));
        } else {
            i += 1;
        }
    }
    let text_of = |buf: &[Ch], s: usize, e: usize| -> String { buf[s..e].iter().map(|c| c.0).collect() };
    // Whether each run is a number by itself, decided at most once per run
    // and only for runs spaced from another (most runs stand alone).
    let mut whole: Vec<Option<bool>> = vec![None; runs.len()];
    // Groups of runs separated only by spaces.
    let mut joins: Vec<(usize, usize)> = Vec::new(); // (first run, last run) to join
    let mut k = 0;
    while k < runs.len() {
        let mut last = k;
        while last + 1 < runs.len()
            && buf[runs[last].1..runs[last + 1].0].iter().all(|c| c.0 == ' ')
            && !(runs[last].0 > 0 && buf[runs[last].0 - 1].0.is_ascii_alphabetic())
        {
            last += 1;
        }
        let mut s = k;
        // A list ordinal "1." at the start of a paragraph is not part of a number.
        if s < last && s == 0 && runs[s].0 == 0 && text_of(buf, runs[s].0, runs[s].1).ends_with('.') {
            s += 1;
        }
        while s < last {
            // The longest prefix of runs s..=e that joins into a number and
            // contains a piece that is not a number by itself.
            let mut best = None;
            // No number is longer than MAX_NUMBER_CHARS: a megabyte of spaced
            // digits on one line must not try every run against every other
            // (cubic time, issue 13).
            // Nor does one hold two decimal points, or a comma after its
            // point: no longer join can be well formed once either appears.
            let mut reach = s;
            let mut len = runs[s].1.saturating_sub(runs[s].0);
            let mut point = buf[runs[s].0..runs[s].1].iter().any(|c| c.0 == '.');
            while reach < last {
                let next = &buf[runs[reach + 1].0..runs[reach + 1].1];
                len = len.saturating_add(next.len());
                let dots = next.iter().filter(|c| c.0 == '.').count();
                let comma_after_point =
                    point && next.iter().any(|c| c.0 == ',') || next.iter().skip_while(|c| c.0 != '.').any(|c| c.0 == ',');
                if len > MAX_NUMBER_CHARS || dots > 1 || (point && dots > 0) || comma_after_point {
                    break;
                }
                point |= dots > 0;
                reach += 1;
            }
            // The runs s..=reach joined once; each candidate is a prefix.
            let mut joined = String::new();
            let mut ends = Vec::with_capacity(reach.saturating_sub(s).saturating_add(1));
            for r in s..=reach {
                joined.extend(buf[runs[r].0..runs[r].1].iter().map(|c| c.0));
                ends.push(joined.len());
            }
            let mut first_broken = None;
            for r in s..=reach {
                let (rs, re) = runs[r];
                if !*whole[r].get_or_insert_with(|| parse_prose_number(&text_of(buf, rs, re)).is_some()) {
                    first_broken = Some(r);
                    break;
                }
            }
            for e in (s + 1..=reach).rev() {
                let broken = first_broken.is_some_and(|b| b <= e);
                if broken && well_formed(&joined[..ends[e - s]]) {
                    best = Some(e);
                    break;
                }
            }
            match best {
                Some(e) => {
                    joins.push((s, e));
                    s = e + 1;
                }
                None => s += 1,
            }
        }
        k = last + 1;
    }
    if joins.is_empty() {
        return false;
    }
    // One pass that copies the text with the joined numbers' spaces left out
    // (splicing each join in place would move the rest of the paragraph once
    // per join: quadratic on a long line of spaced digits).
    let mut out: Vec<Ch> = Vec::with_capacity(buf.len());
    let mut copied = 0;
    let mut made = Vec::with_capacity(joins.len());
    for &(s, e) in &joins {
        let (from, to) = (runs[s].0, runs[e].1);
        out.extend_from_slice(&buf[copied..from]);
        let before = text_of(buf, from, to);
        let line = buf[from].1;
        let kept: Vec<Ch> = buf[from..to].iter().copied().filter(|c| c.0 != ' ').collect();
        let after: String = kept.iter().map(|c| c.0).collect();
        out.extend_from_slice(&kept);
        copied = to;
        made.push(Repair { kind: RepairKind::SpacedDigits, line, before, after });
    }
    out.extend_from_slice(&buf[copied..]);
    *buf = out;
    // Last join first, as they were always listed.
    repairs.extend(made.into_iter().rev());
    repairs.sort_by_key(|r| r.line);
    true
}

/// A number with valid thousands groups, not starting or ending in a separator.
fn well_formed(s: &str) -> bool {
    !s.starts_with([',', '.']) && !s.ends_with([',', '.']) && parse_prose_number(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, f: fn(&mut Vec<Ch>, &mut Vec<Repair>) -> bool) -> (String, Vec<Repair>) {
        let mut buf: Vec<Ch> = s.chars().map(|c| (c, 7)).collect();
        let mut rep = Vec::new();
        let changed = f(&mut buf, &mut rep);
        let out: String = buf.iter().map(|c| c.0).collect();
        // What the paragraph reader relies on to keep its copy of the text.
        assert_eq!(changed, out != s, "{s:?}");
        (out, rep)
    }

    #[test]
    fn spaced_digits_join_only_when_a_piece_is_broken() {
        assert_eq!(run("本年收入合计17,12 7 . 8 3万元", repair_spaced_digits).0, "本年收入合计17,127.83万元");
        assert_eq!(run("占 5 . 5 4%", repair_spaced_digits).0, "占 5.54%");
        assert_eq!(run("2023 2024 年", repair_spaced_digits).0, "2023 2024 年");
        assert_eq!(run("1. 2024 年度", repair_spaced_digits).0, "1. 2024 年度");
        assert_eq!(run("10,261.39 万元, 比", repair_spaced_digits).0, "10,261.39 万元, 比");
        let (_, rep) = run("合计17,12 7 . 8 3万元", repair_spaced_digits);
        assert_eq!(rep.len(), 1);
        assert_eq!((rep[0].line, rep[0].after.as_str()), (7, "17,127.83"));
    }

    #[test]
    fn no_repair_without_its_marker() {
        // The paragraph reader skips repair_latex without a '$' and
        // repair_spaced_digits without a ' '.
        for s in ["17,12\t7.8\u{3000}3万元", "1.2.3,4,,5..6", "\\geq95\\%", "17,127.83万元，占100%", ""] {
            assert_eq!(run(s, repair_latex).0, s);
            assert_eq!(run(s, repair_spaced_digits).0, s);
        }
        assert_ne!(run("17,12 7", repair_spaced_digits).0, "17,12 7");
    }

    #[test]
    fn the_spaced_digits_test_passes_every_text_the_repair_changes() {
        let pieces = ["1", "2", "12", "123", ",", ".", " ", "  ", "万元", "a", "年", "17,12 7 . 8 3", "\t", "\u{3000}", "é"];
        for text in crate::text::stream::sample_texts(&pieces, 2000) {
            let (out, rep) = run(&text, repair_spaced_digits);
            if !may_have_spaced_digits(&text) {
                assert_eq!((out.as_str(), rep.len()), (text.as_str(), 0), "{text:?}");
            }
        }
        assert!(may_have_spaced_digits("17,12 7") && may_have_spaced_digits("1.  2"));
        assert!(!may_have_spaced_digits("2024 年 1") && !may_have_spaced_digits("a 1") && !may_have_spaced_digits("1 "));
    }

    /// The test on the chars about the noted spaces is the test on the text.
    #[test]
    fn the_spaced_digits_test_among_the_spaces_is_the_test_on_the_text() {
        let pieces = ["1", "2", "12", "123", ",", ".", " ", "  ", "万元", "a", "年", "17,12 7 . 8 3", "\t", "\u{3000}", "é", "😀", "\n"];
        for text in crate::text::stream::sample_texts(&pieces, 2000).into_iter().chain(["".into(), " ".into(), "1 ".into(), " 1".into()]) {
            let chars: Vec<char> = text.chars().collect();
            let spaces: Vec<usize> = (0..chars.len()).filter(|&k| chars[k] == ' ').collect();
            assert_eq!(spaced_digits_among(&chars, &spaces), may_have_spaced_digits(&text), "{text:?}");
        }
    }

    #[test]
    fn latex_becomes_what_it_prints() {
        assert_eq!(run("参与率 $\\geq 95\\%$ ，满意度", repair_latex).0, "参与率 ≥95% ，满意度");
        assert_eq!(run("价格$5 和 $6", repair_latex).0, "价格$5 和 $6");
        assert_eq!(run("$\\", repair_latex).0, "$\\");
    }

    #[test]
    fn the_last_byte_test_passes_every_paragraph_end() {
        // Every char a paragraph's text can end with is let through.
        for c in ('\0'..='\u{10ffff}').filter(|&c| c.is_whitespace() || SENTENCE_ENDS.contains(&c) || CLOSERS.contains(&c)) {
            let mut b = [0; 4];
            let last = c.encode_utf8(&mut b).as_bytes().last().copied().unwrap_or(0);
            assert!(MAY_END_PARAGRAPH[usize::from(last)], "{c:?}");
            assert!(WHITE_SPACE.contains(&c) || !c.is_whitespace(), "{c:?}");
        }
        let definition = |text: &str| {
            let t = text.trim_end();
            !(t.ends_with("（项）。") || t.ends_with("(项)。")) && t.trim_end_matches(CLOSERS).ends_with(SENTENCE_ENDS)
        };
        let pieces = ["。", "！", "?", "）", "”", "」", " ", "\u{3000}", "（项）。", "支出", "1", "a", "、", "\n"];
        for text in crate::text::stream::sample_texts(&pieces, 600) {
            assert_eq!(ends_paragraph(&text), definition(&text), "{text:?}");
        }
    }

    #[test]
    fn paragraph_ends() {
        assert!(ends_paragraph("…占3.7%。（金额单位转换时，存在尾数误差。）"));
        assert!(!ends_paragraph("8、社会保障和就业支出（类）抚恤（款）死亡抚恤（项）。"));
        assert!(!ends_paragraph("减少了1244"));
        assert!(!ends_paragraph("其中："));
    }

    #[test]
    fn wrapped_numbers_get_a_space_for_the_repair_to_judge() {
        let mut buf = Vec::new();
        append(&mut buf, "减少了1244", 1);
        append(&mut buf, "万元", 3);
        let s: String = buf.iter().map(|c| c.0).collect();
        assert_eq!(s, "减少了1244万元");
        assert_eq!(buf.last().map(|c| c.1), Some(3));
        let mut buf = Vec::new();
        append(&mut buf, "合计17,12", 1);
        append(&mut buf, "7.83万元", 2);
        let mut rep = Vec::new();
        repair_spaced_digits(&mut buf, &mut rep);
        assert_eq!(buf.iter().map(|c| c.0).collect::<String>(), "合计17,127.83万元");
    }
}
