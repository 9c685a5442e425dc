//! Where the narrative part is: after the "第三部分" heading, up to "第四部分"
//! (名词解释) or "第五部分" (附件).

use std::ops::Range;

use crate::text::{squeeze, Line};

/// True for a part heading line "第N部分 …" (letter-spaced or not), never for a
/// cross-reference such as "详见“第五部分 附件”".
#[inline]
fn is_part(line: &Line, numerals: &[char]) -> bool {
    // Cheap test first, inline at every line of the document (a call per
    // line cost more than the test): most lines do not start with "第" (the
    // squeezed line opens with the text's first char that is not white space).
    line.squeezed.as_bytes().starts_with("第".as_bytes()) && is_part_heading(line, numerals)
}

/// [`is_part`] of a line that opens with "第".
fn is_part_heading(line: &Line, numerals: &[char]) -> bool {
    let s = squeeze(&line.text);
    let mut c = s.chars();
    c.next() == Some('第')
        && c.next().is_some_and(|n| numerals.contains(&n))
        && c.as_str().starts_with("部分")
        && !s.contains("详见")
        && s.chars().count() <= 40
}

/// The line indexes of the narrative, without its heading line: after the
/// last "第三部分" heading whose part holds a sentence, so that a 目录
/// entry is skipped; None when there is no such heading. (Where the body's
/// heading is printed otherwise, the 目录's entry is the last: its part,
/// up to the 目录's "第四部分", is a line or two of titles, and taken, it
/// left no narrative at all.)
pub fn locate(lines: &[Line]) -> Option<Range<usize>> {
    // One pass from the end: the next "第四/五部分" after each line, and
    // whether a sentence stands between them (a candidate each looking
    // ahead to its part's end was quadratic in a text of many headings).
    let (mut end, mut sentence) = (lines.len(), false);
    for (j, l) in lines.iter().enumerate().rev() {
        if is_part(l, &['四', '五']) {
            (end, sentence) = (j, false);
            continue;
        }
        if sentence && is_part(l, &['三']) {
            return Some(j + 1..end);
        }
        sentence = sentence || l.squeezed.contains('。');
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise;

    #[test]
    fn the_body_heading_wins_over_the_table_of_contents() {
        let lines = normalise(
            "目录\n第三部分 2024 年度部门决算情况说明\n第四部分 名词解释\n表格\n 第 三 部 分\n说明\n详见“第五部分 附件”。\n第四部分\n名词",
        );
        assert_eq!(locate(&lines), Some(5..7));
        assert_eq!(locate(&normalise("无")), None);
    }

    /// A body whose narrative heading is printed otherwise ("三、…情况说明")
    /// is not taken to be the 目录's entry, whose part is a title or two:
    /// the whole text is read instead.
    /// Many part headings cost one pass: each no longer looks ahead to
    /// its part's end.
    #[test]
    fn many_part_headings_are_read_in_one_pass() {
        let lines = normalise(&"第三部分 说明\n".repeat(200_000));
        assert_eq!(locate(&lines), None);
        let lines = normalise(&format!("{}收入100万元。\n", "第三部分 说明\n".repeat(200_000)));
        assert_eq!(locate(&lines), Some(200_000..200_001));
    }

    #[test]
    fn a_contents_entry_alone_is_no_narrative() {
        let lines = normalise(
            "目录\n第三部分 2019年度部门预算情况说明\n第四部分 名词解释\n表格\n三、2019年度部门预算情况说明\n收入预算100万元。\n",
        );
        assert_eq!(locate(&lines), None);
    }
}
