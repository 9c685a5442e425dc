//! Layout text whose lines lost their leading spaces.
//!
//! A tool that trims every line (some editors, web forms, a paste through
//! a chat or a spreadsheet) keeps a layout text's column gaps but not where
//! each line's first word stood: a row that began under the second column
//! now begins under the first, and every amount on it moved left by as much.
//! Read by position, its amounts land in other columns (the total of a
//! 功能科目 table under 科目名称, a two-sided table's income under its
//! expenditure), and the sums then fail: errors that are not in the
//! document. Such a text is told by its lines (many with a gap of two or
//! more spaces, almost none indented) and its gaps are squeezed to one
//! space, so that the table readers read its tables by order, as they read
//! a viewer's copy of a layout: the same, or not at all.

use crate::text::Line;

/// Lines with a gap it takes, at least, before a text is judged: a short
/// fragment with a table of a few rows says too little.
const MIN_GAP_LINES: usize = 20;

/// At most one indented line per this many lines with a gap. A layout
/// text centres its titles and units and indents its paragraphs and
/// captions: the real layout texts indent 45 or more lines per 100 with a
/// gap; trimmed, none.
const GAP_LINES_PER_INDENTED: usize = 10;

/// Whether `lines` are a layout text trimmed of its leading white space:
/// at least [`MIN_GAP_LINES`] lines hold a gap of two spaces after their
/// first word, and fewer than one line in [`GAP_LINES_PER_INDENTED`] of
/// those starts with white space. A page's first line, after its form
/// feed, is not counted: a tool that trims only spaces leaves the form
/// feed and the spaces after it.
pub fn trimmed(lines: &[Line]) -> bool {
    // One pass of a few compares per line counts the indented lines and
    // those that may hold a gap (two white-space bytes: the squeezed text
    // is the text without them); only when enough may is any searched. A
    // layout text with its indents, prose, or a text of single spaces is
    // decided without a search.
    let (mut indented, mut may) = (0usize, 0usize);
    for l in lines {
        indented += usize::from(is_indented(&l.text));
        may += usize::from(may_have_gap(l));
    }
    let needed = indented.saturating_mul(GAP_LINES_PER_INDENTED).saturating_add(1).max(MIN_GAP_LINES);
    may >= needed && lines.iter().filter(|l| may_have_gap(l) && has_gap(&l.text)).take(needed).count() == needed
}

/// Whether `line` has two white-space bytes, which a gap needs.
fn may_have_gap(line: &Line) -> bool {
    line.text.len() >= line.squeezed.len().saturating_add(2)
}

/// Squeezes every run of two or more spaces in `lines` to one space, so
/// that no column is read from a position: see the module's text.
pub fn squeeze_gaps(lines: &mut [Line]) {
    for line in lines.iter_mut().filter(|l| l.text.contains("  ")) {
        let mut out = String::with_capacity(line.text.len());
        let mut spaces = 0;
        for c in line.text.chars() {
            if c == ' ' {
                spaces += 1;
                continue;
            }
            if spaces > 0 {
                out.push(' ');
            }
            spaces = 0;
            out.push(c);
        }
        line.text = out;
    }
}

/// In a trimmed text a page's number no longer stands centred, which is
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
/// end, so any two spaces after the first word stand before another).
fn has_gap(text: &str) -> bool {
    let body = text.trim_start_matches(['\u{c}', ' ', '\t']);
    crate::text::search::contains(body, "  ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise;

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
        assert!(!trimmed(&normalise(&layout(40))));
    }

    #[test]
    fn the_same_text_trimmed_has_lost_them() {
        assert!(trimmed(&normalise(&trim_each(&layout(40)))));
    }

    #[test]
    fn a_short_trimmed_fragment_says_too_little() {
        assert!(!trimmed(&normalise(&trim_each(&layout(10)))));
    }

    #[test]
    fn prose_and_a_viewers_copy_have_no_gaps_to_lose() {
        let prose = "一、部门职责\n本部门主要负责某项工作。\n".repeat(50);
        assert!(!trimmed(&normalise(&prose)));
        let cells = "201\n一般公共服务支出\n100.00\n".repeat(50);
        assert!(!trimmed(&normalise(&cells)));
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
        let mut lines = normalise("合计      1,234.00   5.00\n一、 一般公共服务支出\n");
        squeeze_gaps(&mut lines);
        assert_eq!(lines[0].text, "合计 1,234.00 5.00");
        assert_eq!(lines[1].text, "一、 一般公共服务支出");
        assert_eq!(lines[0].squeezed, "合计1,234.005.00");
    }
}
