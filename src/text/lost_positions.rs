//! Layout text whose column positions were lost on the way.
//!
//! Two ways a layout text keeps its gaps but not where its words stand:
//!
//! - **Trimmed lines.** A tool that trims every line (some editors, web
//!   forms, a paste through a chat or a spreadsheet) drops each line's
//!   indent: a row that began under the second column now begins under the
//!   first, and every amount on it moved left by as much.
//! - **Tab padding.** An editor or `unexpand` that turns runs of spaces
//!   into TABs up to each tab stop, then spaces: where a TAB ends depends
//!   on the tool's tab width and on how it counts a CJK char (one column,
//!   two, or three bytes), which the text does not say. Such a TAB is
//!   padding, not the cell separator of a spreadsheet's copy.
//!
//! Read by position, such a text's amounts land in other columns (the total
//! of a 功能科目 table under 科目名称, a two-sided table's income under its
//! expenditure), and the sums then fail: errors that are not in the
//! document. The text is told by its lines, and its gaps are squeezed to
//! one space, so that the table readers read its tables by order, as they
//! read a viewer's copy of a layout: the same, or not at all.

use crate::text::normalise::Seen;
use crate::text::{search, Line};

/// Lines with a gap it takes, at least, before a text is judged: a short
/// fragment with a table of a few rows says too little.
const MIN_GAP_LINES: usize = 20;

/// At most one indented line per this many lines with a gap. A layout
/// text centres its titles and units and indents its paragraphs and
/// captions: the real layout texts indent 45 or more lines per 100 with a
/// gap; trimmed, none.
const GAP_LINES_PER_INDENTED: usize = 10;

/// How a text's positions were lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lost {
    /// Its lines were trimmed of their leading white space.
    Trimmed,
    /// Its gaps were padded with TABs up to tab stops.
    TabPadded,
}

impl Lost {
    /// What the coverage says of the text, in Chinese.
    pub fn message(self) -> &'static str {
        match self {
            Lost::Trimmed => "文本各行行首的空格已被删去（排版文本经过了修剪），各列的位置不再可靠：表格按数字的先后顺序读取，顺序不能确定各数所在列的表格不予读取。如有原始PDF或未经修剪的文本，请改用它们。",
            Lost::TabPadded => "文本中的空格被换成了制表符加空格（按制表位补齐的排版文本），各列的位置已无法还原：表格按数字的先后顺序读取，顺序不能确定各数所在列的表格不予读取。如有原始PDF或未经转换的文本，请改用它们。",
        }
    }

    /// How a table refused by order names the text's state.
    pub fn refusal(self) -> &'static str {
        match self {
            Lost::Trimmed => "这段文字各行行首的空格已被删去，各栏的位置不再可靠",
            Lost::TabPadded => "这段文字的空格被换成了制表符，各栏的位置已无法还原",
        }
    }
}

/// How `lines`, normalised from `text`, lost their positions, if they
/// did: [`tab_padded`] or [`trimmed`]. For tests: [`lost_seen`] with
/// nothing known of what normalisation saw.
#[cfg(test)]
pub fn lost(text: &str, lines: &[Line]) -> Option<Lost> {
    lost_seen(text, lines, Seen { tab_space: true, form_feeds: true, gaps: GapLines::of(lines), squeezed_bytes: 0, doubled: false })
}

/// How `lines`, normalised from `text`, lost their positions, if they
/// did: [`tab_padded`] or [`trimmed`]; `seen` is what normalisation saw. A
/// text where it saw no TAB before a space has no line with a padded
/// amount, and is not looked at line by line for one (a spreadsheet's
/// copy, the text with TABs most often met).
pub(crate) fn lost_seen(text: &str, lines: &[Line], seen: Seen) -> Option<Lost> {
    // Most texts hold no TAB: one search of the whole text says so.
    if seen.tab_space && memchr::memchr(b'\t', text.as_bytes()).is_some() && tab_padded(text, lines) {
        Some(Lost::TabPadded)
    } else if trimmed(lines, seen.gaps) {
        Some(Lost::Trimmed)
    } else {
        None
    }
}

/// Lines with an amount padded to its place by TABs and spaces it takes,
/// at least, to call a text tab-padded.
const MIN_PADDED_LINES: usize = 20;

/// Whether `lines`, normalised from `text`, are a layout text whose gaps
/// were padded with TABs: at least [`MIN_PADDED_LINES`] lines hold a TAB
/// followed by spaces and a digit (a right-aligned amount: the tab stop
/// reached, the padding goes on in spaces), and fewer than one line in ten
/// of those, as typed, holds a space before a TAB or at its end (padding
/// never ends in a space before a tab stop, nor a layout line in a space).
/// A spreadsheet's or a web table's copy puts one TAB between cells: an
/// indented label ("\t  其中：…") has no digit after its spaces, and an
/// amount in an accounting format (" 9,146.79 ") a space after it.
fn tab_padded(text: &str, lines: &[Line]) -> bool {
    let padded = lines.iter().filter(|l| amount_padded(&l.text)).count();
    // The lines as typed are looked at only when enough are padded: a
    // spreadsheet's copy, the text with TABs most often met, has none, and
    // is decided without a second pass over the text.
    padded >= MIN_PADDED_LINES && spaced_tab_lines(text).saturating_mul(10) < padded
}

/// The lines of `text` as typed (cut at LF, trailing CRs dropped) that hold
/// a TAB and either a space before a TAB or a space at their end. Each
/// line is found by memchr, and looked into only when it holds a TAB.
fn spaced_tab_lines(text: &str) -> usize {
    let b = text.as_bytes();
    let mut count = 0usize;
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', b).chain([b.len()]) {
        let line = b.get(start..end).unwrap_or_default();
        start = end.saturating_add(1);
        if memchr::memchr(b'\t', line).is_none() {
            continue;
        }
        let mut line = line;
        while let [rest @ .., b'\r'] = line {
            line = rest;
        }
        let spaced = line.ends_with(b" ") || memchr::memchr_iter(b'\t', line).any(|i| i > 0 && line.get(i - 1) == Some(&b' '));
        count += usize::from(spaced);
    }
    count
}

/// Whether `text` holds a TAB, one or more spaces, then a digit: each TAB
/// found by memchr, and the bytes after it looked at. A line with no space
/// after its first TAB (most lines of a spreadsheet's copy) is passed over
/// by one more memchr, not looked into at every TAB.
fn amount_padded(text: &str) -> bool {
    let Some(first) = memchr::memchr(b'\t', text.as_bytes()) else { return false };
    let b = text.as_bytes().get(first..).unwrap_or_default();
    if memchr::memchr(b' ', b).is_none() {
        return false;
    }
    memchr::memchr_iter(b'\t', b).any(|i| {
        let rest = b.get(i + 1..).unwrap_or_default();
        let spaces = rest.iter().take_while(|&&c| c == b' ').count();
        spaces > 0 && rest.get(spaces).is_some_and(u8::is_ascii_digit)
    })
}

/// Whether `lines` are a layout text trimmed of its leading white space:
/// at least [`MIN_GAP_LINES`] lines hold a gap of two spaces after their
/// first word, and fewer than one line in [`GAP_LINES_PER_INDENTED`] of
/// those starts with white space. A page's first line, after its form
/// feed, is not counted: a tool that trims only spaces leaves the form
/// feed and the spaces after it.
fn trimmed(lines: &[Line], gaps: GapLines) -> bool {
    // The indented lines and those that may hold a gap (two white-space
    // bytes: the squeezed text is the text without them) were counted by
    // normalisation; only when enough may is any searched. A layout text
    // with its indents, prose, or a text of single spaces is decided
    // without a search.
    let needed = gaps.indented.saturating_mul(GAP_LINES_PER_INDENTED).saturating_add(1).max(MIN_GAP_LINES);
    gaps.may >= needed && lines.iter().filter(|l| may_have_gap(l) && has_gap(&l.text)).take(needed).count() == needed
}

/// How many lines are indented ([`is_indented`]) and how many may hold a
/// gap ([`may_have_gap`]): what [`trimmed`] weighs before it searches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct GapLines {
    /// Lines whose first char is a space or a TAB.
    pub(crate) indented: usize,
    /// Lines with two white-space bytes.
    pub(crate) may: usize,
}

impl GapLines {
    /// Counts `line` in.
    #[inline(always)]
    pub(crate) fn count(&mut self, line: &Line) {
        self.indented += usize::from(is_indented(&line.text));
        self.may += usize::from(may_have_gap(line));
    }

    /// The counts of `lines`: the definition normalisation's are held to.
    #[cfg(test)]
    pub(crate) fn of(lines: &[Line]) -> GapLines {
        let mut gaps = GapLines::default();
        for l in lines {
            gaps.count(l);
        }
        gaps
    }
}

/// Whether `line` has two white-space bytes, which a gap needs.
fn may_have_gap(line: &Line) -> bool {
    line.text.len() >= line.squeezed.len().saturating_add(2)
}

/// Squeezes every run of white space in `lines` that holds a TAB or two
/// spaces to one space, so that no column is read from a position: see
/// the module's text.
pub fn squeeze_gaps(lines: &mut [Line]) {
    for line in lines.iter_mut().filter(|l| search::contains(&l.text, "  ") || search::has_char(&l.text, '\t')) {
        let mut out = String::with_capacity(line.text.len());
        let mut gap = false;
        for c in line.text.chars() {
            if c == ' ' || c == '\t' {
                gap = true;
                continue;
            }
            if gap {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        }
        line.text = out;
    }
}

/// In such a text a page's number no longer stands centred, which is
/// how the narrative tells it from a number of the text where no form feed
/// follows it ("支出 222.5 ⏎ ⏎ 27 ⏎ 万元"). A number of up to four digits
/// alone on its line after a blank line is one (a paragraph has no blank
/// line but at a page break): its text is taken out, and returned with its
/// index for [`restore`], while the narrative is read. The tables keep it:
/// a 类 code alone on its line looks the same there.
pub fn hide_page_numbers(lines: &mut [Line]) -> Vec<(usize, String)> {
    let mut hidden = Vec::new();
    for i in 1..lines.len() {
        let after_blank = lines.get(i - 1).is_some_and(|l| l.text.trim().is_empty());
        let t = lines[i].text.trim_start_matches('\u{c}');
        if after_blank && (1..=4).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()) {
            let keep = if lines[i].text.starts_with('\u{c}') { "\u{c}" } else { "" };
            hidden.push((i, std::mem::replace(&mut lines[i].text, keep.to_string())));
        }
    }
    hidden
}

/// Puts back what [`hide_page_numbers`] took out.
pub fn restore(lines: &mut [Line], hidden: Vec<(usize, String)>) {
    for (i, text) in hidden {
        if let Some(l) = lines.get_mut(i) {
            l.text = text;
        }
    }
}

/// A line's first char is white space (not a form feed: see [`trimmed`]).
fn is_indented(text: &str) -> bool {
    matches!(text.as_bytes().first(), Some(b' ' | b'\t'))
}

/// Two spaces stand between words of the line (the text is trimmed at its
/// end, so any two spaces after the first word stand before another), and
/// no TAB: in a line of TAB-separated cells, spaces are a cell's own (an
/// indented label in a spreadsheet's copy), not a gap between columns.
fn has_gap(text: &str) -> bool {
    let body = text.trim_start_matches(['\u{c}', ' ']);
    search::contains(body, "  ") && !search::has_char(body, '\t')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise;

    /// [`trimmed`], its lines counted here.
    fn trimmed_lines(lines: &[Line]) -> bool {
        trimmed(lines, GapLines::of(lines))
    }

    /// A layout table's lines: the title centred, the unit to the right,
    /// captions and rows under their columns.
    fn layout(rows: usize) -> String {
        let mut t = String::from("                一般公共预算支出预算表\n部门：某局                              单位：万元\n");
        t.push_str("   科目编码      科目名称            金额\n");
        for k in 0..rows {
            t.push_str(&format!("   2010{k:03}       项目{k}              {k}.00\n"));
        }
        t
    }

    fn trim_each(text: &str) -> String {
        text.split('\n').map(|l| l.trim_start_matches(' ')).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn a_layout_text_keeps_its_positions() {
        let text = layout(40);
        assert_eq!(lost(&text, &normalise(&text)), None);
    }

    #[test]
    fn the_same_text_trimmed_has_lost_them() {
        let text = trim_each(&layout(40));
        assert_eq!(lost(&text, &normalise(&text)), Some(Lost::Trimmed));
    }

    #[test]
    fn a_short_trimmed_fragment_says_too_little() {
        assert!(!trimmed_lines(&normalise(&trim_each(&layout(10)))));
    }

    #[test]
    fn prose_and_a_viewers_copy_have_no_gaps_to_lose() {
        let prose = "一、部门职责\n本部门主要负责某项工作。\n".repeat(50);
        assert!(!trimmed_lines(&normalise(&prose)));
        let cells = "201\n一般公共服务支出\n100.00\n".repeat(50);
        assert!(!trimmed_lines(&normalise(&cells)));
    }

    /// The plain definitions [`amount_padded`] and [`spaced_tab_lines`]
    /// are held to: cut by `str::split`, searched by `str`.
    fn amount_padded_by_definition(text: &str) -> bool {
        text.split('\t').skip(1).any(|cell| {
            let rest = cell.trim_start_matches(' ');
            rest.len() < cell.len() && rest.as_bytes().first().is_some_and(u8::is_ascii_digit)
        })
    }

    fn spaced_by_definition(text: &str) -> usize {
        text.split('\n').map(|l| l.trim_end_matches('\r')).filter(|l| l.contains('\t') && (l.contains(" \t") || l.ends_with(' '))).count()
    }

    /// Normalisation sees a TAB before a space wherever a line's text
    /// holds one: typed, or a char folded to a space after the TAB.
    #[test]
    fn a_tab_before_a_space_is_seen_wherever_a_line_holds_one() {
        let pieces = ["\t", " ", "1", "合", "\n", "\r", "\u{3000}", "\u{a0}", "\u{2003}", "\u{200b}", "\u{feff}", "（", "\t\u{3000}"];
        let mut with = 0;
        for text in crate::text::stream::sample_texts(&pieces, 3000) {
            let (lines, seen) = crate::text::normalise::normalise_seeing(&text);
            assert_eq!(lines, normalise(&text));
            if lines.iter().any(|l| l.text.contains("\t ")) {
                with += 1;
                assert!(seen.tab_space, "{text:?}");
            }
        }
        assert!(with > 100);
    }

    #[test]
    fn tab_tests_agree_with_their_definitions() {
        let pieces = ["\t", " ", "  ", "1", "a", "合", "\r", "\n", "\r\n", "\t ", " \t", "\t 1"];
        for text in crate::text::stream::sample_texts(&pieces, 2000) {
            assert_eq!(spaced_tab_lines(&text), spaced_by_definition(&text), "{text:?}");
            for line in text.split('\n') {
                assert_eq!(amount_padded(line), amount_padded_by_definition(line), "{line:?}");
            }
        }
    }

    #[test]
    fn tabs_that_pad_to_a_tab_stop_lose_the_positions_and_cell_separators_do_not() {
        // `unexpand -a`: runs of spaces up to each tab stop as TABs, the
        // rest as spaces.
        let padded: String = layout(40).split('\n').map(|l| l.replace("        ", "\t") + "\n").collect();
        assert_eq!(lost(&padded, &normalise(&padded)), Some(Lost::TabPadded));
        // A spreadsheet's copy: one TAB between cells, labels indented,
        // amounts in an accounting format padded on both sides.
        let cells = "科目编码\t科目名称\t金额\n".to_string() + &"2010101\t  行政运行\t12.00\n".repeat(40);
        assert_eq!(lost(&cells, &normalise(&cells)), None);
        let accounting = "科目编码\t科目名称\t金额\n".to_string() + &"2010101\t行政运行\t 12.00 \t\n".repeat(40);
        assert_eq!(lost(&accounting, &normalise(&accounting)), None);
    }

    #[test]
    fn a_pages_first_line_is_not_counted_as_indented() {
        assert!(is_indented("   收支预算总表"));
        assert!(!is_indented("\u{c}   收支预算总表"));
        assert!(has_gap("\u{c}   合计   1.00"));
        assert!(!has_gap("   合计 1.00"));
    }

    #[test]
    fn a_number_alone_after_a_blank_line_is_hidden_and_restored() {
        let mut lines = normalise("费支出 222.5\n\n27\n万元，占 26.69%\n201\n一般公共服务支出\n");
        let hidden = hide_page_numbers(&mut lines);
        assert_eq!(hidden, vec![(2, "27".to_string())]);
        assert_eq!(lines[2].text, "");
        assert_eq!(lines[4].text, "201", "a number after a line of text stays");
        restore(&mut lines, hidden);
        assert_eq!(lines[2].text, "27");
    }

    #[test]
    fn gaps_squeeze_to_one_space_and_single_spaces_stay() {
        let mut lines = normalise("合计      1,234.00   5.00\n一、 一般公共服务支出\n\t\t 合计\t  9.00\n");
        squeeze_gaps(&mut lines);
        assert_eq!(lines[0].text, "合计 1,234.00 5.00");
        assert_eq!(lines[2].text, " 合计 9.00");
        assert_eq!(lines[1].text, "一、 一般公共服务支出");
        assert_eq!(lines[0].squeezed, "合计1,234.005.00");
    }
}
