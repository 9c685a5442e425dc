//! Text normalisation that keeps a map back to source lines.
//!
//! Every later stage works on [`Line`]s: the normalised text of one physical
//! line and its 1-based number in the user's text, so findings can point at the
//! source. Normalisation never joins or splits lines; joining wrapped paragraphs
//! is the narrative reader's job.

/// One physical line after normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the user's text.
    pub no: usize,
    /// Normalised text: full-width ASCII folded, U+3000 as a space, radical
    /// look-alikes folded, trailing white space removed. Tabs are kept because
    /// they separate table cells.
    pub text: String,
    /// `text` with all white space removed (`squeeze`), made once: the
    /// readers compare labels this way line after line.
    pub squeezed: String,
}

impl Line {
    /// A line from its number and normalised text.
    pub fn new(no: usize, text: String) -> Line {
        let squeezed = squeeze(&text);
        Line { no, text, squeezed }
    }

    /// True when the line holds nothing but white space.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Splits text into normalised lines (CRLF, CR and LF all end a line). Page
/// footers such as "第1页，共102页", "— 12 —" and "- 36 -" become blank lines so
/// that they never land inside a table or a paragraph.
pub fn normalise(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut no = 0;
    // The pieces of `text.split('\n')`, their ends found by memchr over the
    // whole text rather than a search set up per line.
    let bytes = text.as_bytes();
    // Lone CRs are rare: one look at the whole text spares a look per line.
    let any_cr = memchr::memchr(b'\r', bytes).is_some();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
        let raw = text.get(start..end).unwrap_or_default();
        start = end.saturating_add(1);
        no += 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        // A lone CR (old Mac files) also ends a line.
        if !any_cr || memchr::memchr(b'\r', raw.as_bytes()).is_none() {
            out.push(folded_line(no, raw));
            continue;
        }
        for (i, piece) in raw.split('\r').enumerate() {
            if i > 0 {
                no += 1;
            }
            out.push(folded_line(no, piece));
        }
    }
    // A final newline does not start a line of its own.
    if text.ends_with('\n') {
        out.pop();
    }
    out
}

/// Folds one line's characters: full-width ASCII (digits, letters, ．％－＋，
/// etc.) to ASCII except the Chinese punctuation that labels keep
/// (（）：，、；), ideographic space to a space, minus look-alikes to '-', and
/// CJK radicals that bad PDF font maps emit to their ordinary characters.
/// The reader folds and squeezes in one pass ([`folded_line`]); this is the
/// plain definition the tests hold that pass to.
#[cfg(test)]
fn fold(s: &str) -> String {
    let s = s.trim_end();
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

/// One line of the user's text, folded and squeezed in a single pass: the
/// same as `Line::new(no, fold(piece))` (a page footer becomes blank), which
/// a test checks, without reading the line twice.
fn folded_line(no: usize, piece: &str) -> Line {
    let s = piece.trim_end();
    let bytes = s.as_bytes();
    let mut text = String::with_capacity(s.len());
    let mut squeezed = String::with_capacity(s.len());
    // Pending runs of unchanged bytes, copied whole: from `t` into `text`,
    // from `q` into `squeezed`.
    let (mut t, mut q) = (0, 0);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match BYTE[usize::from(b)] {
            // A byte of a char that neither folds nor is white space. Stepped
            // over one byte at a time, not a char's width at once: then the
            // next step does not wait on this byte's table look-up, and the
            // branch is the same for every byte of a CJK char. A continuation
            // byte is always Plain, so `i` is on a char boundary whenever a
            // Space or Lead is seen (`s` being valid UTF-8).
            Byte::Plain => i += 1,
            Byte::Space => {
                // Kept in the text (tabs separate cells), dropped when squeezed.
                squeezed.push_str(&s[q..i]);
                i += 1;
                while bytes.get(i).is_some_and(|&b| matches!(BYTE[usize::from(b)], Byte::Space)) {
                    i += 1;
                }
                q = i;
            }
            Byte::Lead => {
                let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else { break };
                let end = i.saturating_add(c.len_utf8());
                let f = fold_char(c);
                if f != c {
                    text.push_str(&s[t..i]);
                    text.push(f);
                    t = end;
                }
                if f.is_whitespace() {
                    squeezed.push_str(&s[q..i]);
                    q = end;
                } else if f != c {
                    squeezed.push_str(&s[q..i]);
                    squeezed.push(f);
                    q = end;
                }
                i = end;
            }
        }
    }
    text.push_str(s.get(t..).unwrap_or(""));
    squeezed.push_str(s.get(q..).unwrap_or(""));
    text.truncate(text.trim_end().len());
    if is_page_footer(&text) {
        return Line { no, text: String::new(), squeezed: String::new() };
    }
    Line { no, text, squeezed }
}

/// What a byte can be, for [`folded_line`].
#[derive(Clone, Copy)]
enum Byte {
    /// A byte of a char copied as it is (every continuation byte).
    Plain,
    /// ASCII white space: tab … CR, space.
    Space,
    /// The lead byte of a char that may fold or be white space: C2, E1, E2,
    /// E3, EF (U+0080…U+00FF, U+1000…U+3FFF, U+F000…U+FFFF).
    Lead,
}

const BYTE: [Byte; 256] = {
    let mut t = [Byte::Plain; 256];
    let mut b = 0x09;
    while b <= 0x0D {
        t[b] = Byte::Space;
        b += 1;
    }
    t[0x20] = Byte::Space;
    t[0xC2] = Byte::Lead;
    t[0xE1] = Byte::Lead;
    t[0xE2] = Byte::Lead;
    t[0xE3] = Byte::Lead;
    t[0xEF] = Byte::Lead;
    t
};

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

fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' => ' ',
        '\u{200B}' | '\u{FEFF}' => ' ',
        // Chinese punctuation is kept: labels are printed with it.
        '（' | '）' | '：' | '，' | '、' | '；' | '“' | '”' => c,
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{2212}' | '\u{30FC}' | '\u{FE63}' => '-',
        '\u{2ED4}' => '门',
        '\u{2ECB}' => '车',
        '\u{2EC4}' => '西',
        '\u{2ED7}' => '雨',
        '\u{2EA0}' => '民',
        '\u{2F08}' => '人',
        '\u{2F00}' => '一',
        '\u{2F47}' => '日',
        '\u{2F49}' => '月',
        '\u{2F54}' => '水',
        '\u{2F64}' => '用',
        '\u{2FA6}' => '金',
        '\u{2F8F}' => '行',
        '\u{2F1D}' => '口',
        '\u{2F2F}' => '工',
        '\u{2F3C}' => '心',
        '\u{2F45}' => '方',
        '\u{2F69}' => '白',
        '\u{2F6C}' => '目',
        '\u{2F7C}' => '耳',
        '\u{2F83}' => '至',
        '\u{2F9E}' => '車',
        '\u{2EDA}' => '页',
        '\u{2EE2}' => '马',
        _ => c,
    }
}

/// Page numbers that PDF extraction leaves between the lines of a table.
fn is_page_footer(line: &str) -> bool {
    // Most lines start otherwise: decided without copying the line.
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

/// Removes all white space: how labels are compared ("合 计" = "合计").
pub fn squeeze(s: &str) -> String {
    // Runs of text copied whole: every rule squeezes lines, so this is hot.
    // White space is ASCII (tab … CR, space) or a char whose UTF-8 lead byte
    // is C2, E1, E2 or E3 (U+0085, U+00A0, U+1680, U+2000…, U+3000): other
    // bytes are passed over without decoding.
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let width = utf8_width(b);
        let space = match b {
            b'\t'..=b'\r' | b' ' => true,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => s.get(i..).and_then(|rest| rest.chars().next()).is_some_and(char::is_whitespace),
            _ => false,
        };
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

    /// Lines as `str::split` cuts them: what `normalise` finds with memchr.
    fn normalise_by_split(text: &str) -> Vec<Line> {
        let mut out = Vec::new();
        let mut no = 0;
        for raw in text.split('\n') {
            no += 1;
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            for (i, piece) in raw.split('\r').enumerate() {
                if i > 0 {
                    no += 1;
                }
                out.push(folded_line(no, piece));
            }
        }
        if text.ends_with('\n') {
            out.pop();
        }
        out
    }

    proptest! {
        #[test]
        fn lines_are_cut_as_split_cuts_them(text in "[a合\r\n 　]{0,24}") {
            prop_assert_eq!(normalise(&text), normalise_by_split(&text));
        }
    }

    #[test]
    fn lines_keep_their_source_numbers_across_crlf_and_footers() {
        let lines = normalise("收入\r\n第1页，共102页\r\n\r\n— 12 —\n１２３．４５　万元\n");
        let got: Vec<(usize, &str)> = lines.iter().map(|l| (l.no, l.text.as_str())).collect();
        assert_eq!(got, vec![(1, "收入"), (2, ""), (3, ""), (4, ""), (5, "123.45 万元")]);
    }

    #[test]
    fn radicals_and_minus_lookalikes_fold() {
        assert_eq!(fold("部⻔ 公务⽤⻋ −0.07"), "部门 公务用车 -0.07");
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
    /// alone and in runs, at the ends and inside: one pass gives what fold
    /// then squeeze give.
    #[test]
    fn a_line_folds_and_squeezes_in_one_pass_as_in_two() {
        let special: Vec<char> = (0x09u32..0x3100).chain(0xFE00..0x10000).filter_map(char::from_u32).collect();
        let all: String = special.iter().collect();
        let mut cases =
            vec![all.clone(), format!("  合 计\t{all}　 "), String::new(), "   ".into(), "— 12 —".into(), "第5页，共102页".into()];
        for w in special.chunks(7) {
            let run: String = w.iter().collect();
            cases.push(format!("{run}部门  {run}１２３．４５\u{3000}万元{run}"));
        }
        for piece in cases {
            let two = Line::new(1, if is_page_footer(&fold(&piece)) { String::new() } else { fold(&piece) });
            let one = folded_line(1, &piece);
            assert_eq!((one.text.as_str(), one.squeezed.as_str()), (two.text.as_str(), two.squeezed.as_str()), "{piece:?}");
        }
    }

    #[test]
    fn dash_placeholders_are_not_page_footers() {
        assert!(!is_page_footer("—"));
        assert!(!is_page_footer("- 1,234.00 -"));
        assert!(is_page_footer("- 36 -"));
    }
}
