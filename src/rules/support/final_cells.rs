//! The cells of a 决算's tables the narrative names, and the words it names
//! them by (NAR-001, NAR-002, NAR-019).

use crate::model::{Document, Row, Table, TableKind};
use crate::rules::identity::{at, Located};
use crate::rules::support::text::Holds;

fn row_at(t: &Table, pick: impl Fn(&Row) -> bool) -> Option<&Row> {
    let i = t.rows.iter().position(pick)?;
    (!t.unresolved.contains(&i)).then(|| &t.rows[i])
}

/// The located cell in column `col` of the first row of table `kind` that
/// `pick` selects, when that row was placed with certainty.
pub fn cell(doc: &Document, kind: TableKind, pick: impl Fn(&Row) -> bool, col: usize) -> Option<Located<'_>> {
    let t = doc.table(kind)?;
    Some(at(t, row_at(t, pick)?, col))
}

/// A 决算 table read by its headings (another region's layout), where no
/// table of the kind was read in Shandong's: its rows have no 行次, so it is
/// looked up by row names and column captions instead.
pub fn grid_table(doc: &Document, kind: TableKind) -> Option<&Table> {
    if doc.table(kind).is_some() {
        return None;
    }
    doc.found(kind).filter(|t| t.grid.as_deref().is_some_and(|g| g.read))
}

/// The one column of a table read by its headings whose caption (the last
/// part of its path, "支出 › 基本支出" → "基本支出") `accept` takes; None
/// for none or several.
pub fn caption_col(t: &Table, accept: impl Fn(&str) -> bool) -> Option<usize> {
    let mut cols = t.columns.iter().enumerate().filter(|(_, h)| accept(last_caption(h)));
    match (cols.next(), cols.next()) {
        (Some((c, _)), None) => Some(c),
        _ => None,
    }
}

/// The last part of a column's caption path ("支出 › 基本支出" → "基本支出").
pub fn last_caption(h: &str) -> &str {
    h.rsplit('›').next().unwrap_or(h).trim()
}

/// The table of `kind` as read: in Shandong's layout, else by its headings
/// (another region's); or, for coverage, why there is none.
pub fn read_table(doc: &Document, kind: TableKind) -> Result<&Table, String> {
    doc.table(kind).or_else(|| grid_table(doc, kind)).ok_or_else(|| match doc.found(kind) {
        Some(t) => format!("《{}》未能读出，无法核对", t.title),
        None => format!("缺少公开{}表，无法核对", kind.number()),
    })
}

/// A 公开09表 cell: item `col` (0 合计, 1 因公出国（境）费, 2 公务用车购置及
/// 运行费, 3 购置费, 4 运行费, 5 公务接待费) of its 预算数 (`budget`) or 决算数.
/// In Shandong's layout the two are rows; read by its headings (the national
/// 2024 form) they are the pairs of columns of its one row.
pub fn sangong_cell(doc: &Document, budget: bool, col: usize) -> Option<Located<'_>> {
    let label = if budget { "预算数" } else { "决算数" };
    if doc.table(TableKind::F09).is_some() {
        return cell(doc, TableKind::F09, |r: &Row| r.label == label, col);
    }
    let t = grid_table(doc, TableKind::F09)?;
    let (b, a) = t.grid.as_deref()?.sangong_pairs?;
    let set = if budget { b } else { a };
    let c = match col {
        0 => Some(set.total),
        1 => set.abroad,
        2 => set.vehicle,
        3 => set.purchase,
        4 => set.operation,
        _ => set.reception,
    }?;
    let [r] = t.rows.as_slice() else { return None };
    Some(at(t, r, c))
}

/// A 公开09表 that [`sangong_cell`] can read: in Shandong's layout, or by its
/// headings with 预算数/决算数 pairs; else why not, for coverage.
pub fn sangong_table(doc: &Document) -> Result<&Table, String> {
    if let Some(t) = doc.table(TableKind::F09) {
        return Ok(t);
    }
    match doc.found(TableKind::F09) {
        Some(t) if t.grid.as_deref().is_some_and(|g| g.read && g.sangong_pairs.is_some()) => Ok(t),
        Some(t) if t.rows.is_empty() && t.grid.as_deref().is_some_and(|g| g.read) => Err(format!("《{}》没有印数字，无法核对", t.title)),
        Some(t) => Err(format!("《{}》的栏目无法按预算数、决算数一一对应，无法核对", t.title)),
        None => Err("缺少公开09表，无法核对".to_string()),
    }
}

/// The column of a row's amount in a one-amount table: the first in
/// Shandong's layout; read by its headings, the row's printed one (a table
/// of two panels prints each row under its panel's column).
pub fn amount_col(t: &Table, r: &Row) -> usize {
    match t.grid {
        Some(_) => r.cells.iter().position(|c| c.value.is_some()).unwrap_or(0),
        None => 0,
    }
}

/// Selects the row of 行次 `n`.
pub fn line(n: u32) -> impl Fn(&Row) -> bool {
    move |r: &Row| r.line == Some(n)
}

/// Selects the 合计 row (no code, no 行次).
pub fn total(r: &Row) -> bool {
    r.code.is_none() && r.line.is_none() && r.label == "合计"
}

/// "本年收入合计为" → "收入合计": the words that name a figure, without the
/// filler that varies between documents, nor the spaces a justified line
/// puts between characters ("本 年 收 入 合 计").
///
/// Lent, a slice of `subject`, unless it holds white space (most subjects
/// are CJK words, which hold none): no copy per claim.
pub fn norm(subject: &str) -> std::borrow::Cow<'_, str> {
    // Decoded only at a byte that may start white space: `contains(char::is_whitespace)`.
    let spaced = subject.bytes().any(crate::text::words::may_start_white_space) && subject.contains(char::is_whitespace);
    if spaced {
        let squeezed: String = subject.chars().filter(|c| !c.is_whitespace()).collect();
        return std::borrow::Cow::Owned(cut(&squeezed).to_string());
    }
    std::borrow::Cow::Borrowed(cut(subject))
}

/// [`norm`]'s cuts of a subject without white space: a trailing 为 and
/// 决算s, a leading 本年度, 本年, 全年, 年度.
fn cut(subject: &str) -> &str {
    let mut s = subject.trim_end_matches('为');
    // strip_suffix in a loop, as trim_end_matches("决算") would, without a
    // substring searcher set up per subject.
    while let Some(r) = s.strip_suffix("决算") {
        s = r;
    }
    for p in ["本年度", "本年", "全年", "年度"] {
        if let Some(r) = s.strip_prefix(p) {
            s = r;
        }
    }
    s
}

/// The 三公 column a subject names (0 合计 … 5 接待), if any.
pub fn sangong_item(subject: &str) -> Option<Option<usize>> {
    if subject.holds("国内接待") || subject.holds("外接待") || subject.holds("外事接待") {
        return Some(None); // a part of 公务接待费: no column of its own
    }
    let col = if subject.holds("购置及运行") {
        2
    } else if subject.holds("购置费") {
        3
    } else if subject.holds("运行维护费") {
        4
    } else if subject.holds("因公出国") {
        1
    } else if subject.holds("公务接待") {
        5
    } else if subject.holds("三公") {
        0
    } else {
        return None;
    };
    Some(Some(col))
}

#[cfg(test)]
mod tests {
    use super::norm;

    #[test]
    fn norm_strips_as_trim_end_matches_did() {
        let old = |subject: &str| {
            let subject: String = subject.chars().filter(|c| !c.is_whitespace()).collect();
            let mut s = subject.trim_end_matches('为').trim_end_matches("决算").to_string();
            for p in ["本年度", "本年", "全年", "年度"] {
                if let Some(r) = s.strip_prefix(p) {
                    s = r.to_string();
                }
            }
            s
        };
        let pieces = ["本年", "度", "全年", "年度", "决算", "决", "算", "为", "收入合计", "支出", " ", "\u{3000}"];
        for subject in crate::text::stream::sample_texts(&pieces, 300) {
            assert_eq!(norm(&subject), old(&subject), "{subject:?}");
        }
    }
}
