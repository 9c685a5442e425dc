//! Layout text that lost its column positions: every run of spaces squeezed
//! to one (a viewer's copy of a layout) or turned into a TAB (an HTML
//! table's copy, some editors). Rows still print their label, then their
//! amounts in the order of the columns; the header's words are still there,
//! but not over their columns.
//!
//! Such a table is read by order only where nothing is left to guess: one
//! panel, every row printing as many amounts as the header names amount
//! columns, and the header naming them on one line below nothing but the
//! labels' own captions (a caption over several columns, or one wrapped onto
//! two lines, cannot be placed without positions). The reader
//! ([`super::read`]) then puts the amounts into the columns in order; a
//! row that prints fewer (its blank cells dropped) leaves the table unread.

use super::read::BodyLine;

/// The amount columns' captions, in order, of a header that names exactly
/// `k` of them on one line; `None` for any other header.
pub(super) fn captions(header: &[&BodyLine<'_>], k: usize) -> Option<Vec<String>> {
    if k == 0 {
        return None;
    }
    let mut found: Option<Vec<String>> = None;
    for h in header.iter().filter(|h| !h.data) {
        let words: Vec<String> = cells(h.text).filter(|c| !c.split_whitespace().all(names_labels)).map(|c| c.replace(' ', "")).collect();
        if words.is_empty() {
            continue;
        }
        // A second line of captions: a group over some columns, or a
        // caption wrapped; which columns it covers is lost with the spaces.
        if found.is_some() {
            return None;
        }
        found = Some(words);
    }
    found.filter(|w| w.len() == k)
}

/// A header line's cells: TAB-separated where TABs stand for the column
/// gaps (a caption keeps its inner spaces, "因公出国 (境)费"), else its words.
fn cells(line: &str) -> Box<dyn Iterator<Item = &str> + '_> {
    match line.contains('\t') {
        true => Box::new(line.split('\t').map(str::trim).filter(|c| !c.is_empty())),
        false => Box::new(line.split_whitespace()),
    }
}

/// A caption of the label columns, not of an amount: "项目", "功能科目代码",
/// "科目名称", "类 款 项".
pub(super) fn names_labels(word: &str) -> bool {
    ["名称", "代码", "编码", "科目"].iter().any(|e| word.ends_with(e)) || ["项目", "类", "款", "项", "序号"].contains(&word)
}

/// The header's words that name a side or a block ("收入", "功能分类"), as
/// [`super::read`] names a panel.
pub(super) fn panel_name(header: &[&BodyLine<'_>]) -> String {
    let words = header.iter().filter(|h| !h.data).flat_map(|h| cells(h.text));
    let named = words.filter(|w| ["收入", "支出", "功能分类", "支出用途", "经济分类"].iter().any(|n| w.contains(n)));
    named.collect::<Vec<_>>().join(" › ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::grid::spans::spans;

    fn header(text: &str) -> BodyLine<'_> {
        BodyLine { no: 1, page: 1, sq: "", text, spans: spans(text), data: false }
    }

    #[test]
    fn captions_by_order_come_from_one_header_line() {
        let leaves = header("科目名称 合计 基本支出 项目支出");
        assert_eq!(captions(&[&leaves], 3), Some(vec!["合计".to_string(), "基本支出".to_string(), "项目支出".to_string()]));
        assert_eq!(captions(&[&leaves], 2), None, "rows printing two amounts under three captions");
        // A caption over some of the columns: which ones, the spaces told.
        let group = header("项目 本年预算");
        assert_eq!(captions(&[&group, &leaves], 3), None);
        // Label captions above them name no column ("类 款 项").
        assert_eq!(captions(&[&header("功能分类科目编码"), &leaves, &header("类 款 项")], 3).map(|c| c.len()), Some(3));
    }

    #[test]
    fn a_tab_separated_caption_keeps_its_words_together() {
        let tabbed = header("项目名称\t合计\t因公出国 (境)费");
        assert_eq!(captions(&[&tabbed], 2), Some(vec!["合计".to_string(), "因公出国(境)费".to_string()]));
        // Squeezed, its words are apart: three captions for two amounts.
        assert_eq!(captions(&[&header("项目名称 合计 因公出国 (境)费")], 2), None);
    }
}
