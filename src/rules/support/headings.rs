//! What TXT-008 and TXT-009 share: the lines that may be a heading.
//!
//! Both read only headings, told by how a line starts (第…部分) or ends
//! (…情况说明, …决算表, …公开). Each walked every line to find them;
//! normalisation now tells them as it makes the lines
//! ([`crate::text::headings`], `Document::heading_lines`), and each rule
//! reads the few lines it keeps. Here is the walk that list is held to.

#[cfg(test)]
use crate::text::{headings::may_be_heading, Line};

/// The indexes (in `lines`) of the lines that [`may_be_heading`], ascending:
/// the definition the document's, told by normalisation, is held to.
#[cfg(test)]
pub(crate) fn heading_lines(lines: &[Line]) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if may_be_heading(&l.squeezed) {
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The heading lines normalisation tells are the lines of the read
    /// document that [`may_be_heading`], in order: in every corpus document
    /// and in texts of headings, running headers, page footers and white
    /// space.
    #[test]
    fn heading_lines_are_the_lines_that_may_be_headings() {
        for text in crate::FIXTURES.iter().map(|name| crate::fixture(name)) {
            let doc = crate::read(&text);
            let expected: Vec<usize> = (0..doc.lines.len()).filter(|&i| may_be_heading(&doc.lines[i].squeezed)).collect();
            assert_eq!(heading_lines(&doc.lines), expected);
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
