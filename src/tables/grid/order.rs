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
        let words: Vec<String> = h.text.split_whitespace().filter(|w| !names_labels(w)).map(str::to_string).collect();
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

/// A caption of the label columns, not of an amount: "项目", "功能科目代码",
/// "科目名称", "类 款 项".
fn names_labels(word: &str) -> bool {
    ["名称", "代码", "编码", "科目"].iter().any(|e| word.ends_with(e)) || ["项目", "类", "款", "项", "序号"].contains(&word)
}

/// The header's words that name a side or a block ("收入", "功能分类"), as
/// [`super::read`] names a panel.
pub(super) fn panel_name(header: &[&BodyLine<'_>]) -> String {
    let words = header.iter().filter(|h| !h.data).flat_map(|h| h.text.split_whitespace());
    let named = words.filter(|w| ["收入", "支出", "功能分类", "支出用途", "经济分类"].iter().any(|n| w.contains(n)));
    named.collect::<Vec<_>>().join(" › ")
}
