//! The lines that may be a heading, told by their first and last bytes:
//! what TXT-008 and TXT-009 read (`Document::heading_lines`), found as
//! normalisation makes the lines.

/// Whether `b` is the last byte of a word a heading may end with: 明
/// (说明), 算 (决算, 预算), 表, 开 (公开) or 告 (报告). TXT-008's and
/// TXT-009's heading ends each end with one (their tests say so).
pub(crate) fn ends_a_heading(b: u8) -> bool {
    matches!(b, 0x8E | 0x97 | 0xA8 | 0x80 | 0x8A)
}

/// The last chars of the words a heading may end with (see
/// [`ends_a_heading`]).
const LAST_CHARS: [char; 5] = ['明', '算', '表', '开', '告'];

/// Whether a line's squeezed text may be a heading: its first byte is that
/// of 第 (E7, which some other chars share), or it ends with one of
/// [`LAST_CHARS`]. The first and last bytes are looked at, and only where
/// the last byte is one of theirs ([`ends_a_heading`]) the last char: most
/// lines are neither.
pub(crate) fn may_be_heading(t: &str) -> bool {
    let b = t.as_bytes();
    b.first() == Some(&0xE7) || b.last().is_some_and(|&x| ends_a_heading(x)) && t.ends_with(LAST_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The heading words end with bytes [`ends_a_heading`] knows, and 第
    /// starts with the first byte [`may_be_heading`] looks for.
    #[test]
    fn the_heading_words_end_with_the_bytes_looked_for() {
        for w in ["说明", "决算", "预算", "表", "公开", "报告"] {
            assert!(w.as_bytes().last().is_some_and(|&b| ends_a_heading(b)) && w.ends_with(LAST_CHARS), "{w}");
            assert!(may_be_heading(w) && may_be_heading(&format!("2024年度部门{w}")), "{w}");
        }
        assert!(may_be_heading("第三部分") && may_be_heading("第"));
        assert!(!may_be_heading("") && !may_be_heading("收入。") && !may_be_heading("2024年") && !may_be_heading("三第"));
        // 于 ends with 明's last byte, 用 with 表's.
        assert!(!may_be_heading("关于") && !may_be_heading("使用"));
    }

    /// The definition: the indexes of the lines that [`may_be_heading`],
    /// ascending, walked for line by line.
    fn heading_lines(lines: &[crate::text::Line]) -> Vec<usize> {
        (0..lines.len()).filter(|&i| may_be_heading(&lines[i].squeezed)).collect()
    }

    /// The heading lines normalisation tells are the lines of the read
    /// document that [`may_be_heading`], in order: in every corpus document
    /// and in texts of headings, running headers, page footers and white
    /// space.
    #[test]
    fn heading_lines_are_the_lines_that_may_be_headings() {
        for text in crate::FIXTURES.iter().map(|name| crate::fixture(name)) {
            let doc = crate::read(&text);
            let expected = heading_lines(&doc.lines);
            assert_eq!(doc.heading_lines, expected);
            assert!(!expected.is_empty());
        }
        let pieces = [
            "第一部分",
            "第",
            "情况说明",
            "部门决算",
            "收支总表",
            "信息公开",
            "报告",
            "关于",
            "使用",
            "示例市某某局",
            "2024年度部门预算",
            "第1页，共2页",
            "- 3 -",
            " ",
            "\u{3000}",
            "\t",
            "\u{c}",
            "\r\n",
            "\n",
            "1",
        ];
        for text in crate::text::stream::sample_texts(&pieces, 600) {
            let doc = crate::read(&text);
            assert_eq!(doc.heading_lines, heading_lines(&doc.lines), "{text:?}");
        }
    }
}
