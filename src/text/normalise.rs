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

/// The non-blank chars of a text in order, white space dropped, each with
/// its source line: a defect split by a line wrap is still one run of chars.
#[derive(Debug, Clone, Default)]
pub(crate) struct Stream {
    /// The chars.
    pub(crate) chars: Vec<char>,
    /// The source line of each char.
    pub(crate) lines: Vec<usize>,
}

impl Stream {
    /// The stream of `lines`.
    pub(crate) fn of(lines: &[Line]) -> Stream {
        let mut s = Stream::default();
        for l in lines {
            for c in l.text.chars().filter(|c| !c.is_whitespace()) {
                s.chars.push(c);
                s.lines.push(l.no);
            }
        }
        s
    }
}

/// Splits text into normalised lines (CRLF, CR and LF all end a line). Page
/// footers such as "第1页，共102页", "— 12 —" and "- 36 -" become blank lines so
/// that they never land inside a table or a paragraph.
pub fn normalise(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut no = 0;
    for raw in text.split('\n') {
        no += 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        // A lone CR (old Mac files) also ends a line.
        for (i, piece) in raw.split('\r').enumerate() {
            if i > 0 {
                no += 1;
            }
            let text = fold(piece);
            let text = if is_page_footer(&text) { String::new() } else { text };
            out.push(Line::new(no, text));
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
pub fn fold(s: &str) -> String {
    let s = s.trim_end();
    let mut out = String::with_capacity(s.len());
    // Runs of unchanged characters (all of ASCII, most CJK) are copied whole.
    let mut copied = 0;
    for (i, c) in s.char_indices() {
        if c < '\u{A0}' {
            continue;
        }
        let f = fold_char(c);
        if f != c {
            out.push_str(&s[copied..i]);
            out.push(f);
            copied = i + c.len_utf8();
        }
    }
    out.push_str(&s[copied..]);
    out.truncate(out.trim_end().len());
    out
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
    let mut out = String::with_capacity(s.len());
    for piece in s.split(char::is_whitespace) {
        out.push_str(piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn dash_placeholders_are_not_page_footers() {
        assert!(!is_page_footer("—"));
        assert!(!is_page_footer("- 1,234.00 -"));
        assert!(is_page_footer("- 36 -"));
    }
}
