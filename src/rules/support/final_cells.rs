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

/// The table of `kind` as read: in Shandong's layout, else by its headings
/// (another region's); or, for coverage, why there is none.
pub fn read_table(doc: &Document, kind: TableKind) -> Result<&Table, String> {
    let grid = || doc.found(kind).filter(|t| t.grid.as_deref().is_some_and(|g| g.read));
    doc.table(kind).or_else(grid).ok_or_else(|| match doc.found(kind) {
        Some(t) => format!("《{}》未能读出，无法核对", t.title),
        None => format!("缺少公开{}表，无法核对", kind.number()),
    })
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
pub fn norm(subject: &str) -> String {
    let squeezed: String;
    let subject = match subject.contains(char::is_whitespace) {
        true => {
            squeezed = subject.chars().filter(|c| !c.is_whitespace()).collect();
            squeezed.as_str()
        }
        false => subject,
    };
    let mut s = subject.trim_end_matches('为');
    // strip_suffix in a loop, as trim_end_matches("决算") would, without a
    // substring searcher set up per subject; one copy, at the end.
    while let Some(r) = s.strip_suffix("决算") {
        s = r;
    }
    for p in ["本年度", "本年", "全年", "年度"] {
        if let Some(r) = s.strip_prefix(p) {
            s = r;
        }
    }
    s.to_string()
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
