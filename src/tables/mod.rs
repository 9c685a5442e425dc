//! Table readers over a shared row/cell model, driven by one engine
//! ([`engine`]) for 决算 and 预算 alike, then the general reader ([`grid`]).
//!
//! Reading runs in two phases. First every table is read on its own; rows whose
//! blank cells were dropped keep their candidate placements. Then the solver
//! places them using identities inside the table and anchors from the other
//! tables (决算 in dependency order 05 → 03 → 02 → 04). The 三公 table is read
//! after every other table, because placing its dropped cells uses 06 or the
//! 基本支出 tables and the narrative.

pub mod budget;
pub mod candidates;
pub mod catalogue;
pub mod coded;
pub mod econ;
pub mod engine;
pub mod grid;
pub mod layout;
pub mod sangong09;
pub mod tokens;
pub mod two_sided;
pub(crate) mod unit_told;

use crate::model::{Document, ReadProblem, TableKind};
use crate::segment::{is_note, Segment};
use crate::solve;
use crate::text::search;
use candidates::Candidates;
use two_sided::Side;

/// Rows waiting for the solver: (table kind, row index, candidate placements).
#[derive(Debug, Default)]
pub struct Pending {
    rows: Vec<(TableKind, usize, Candidates)>,
}

/// Finds and reads every table it can: the marked tables of the national
/// templates ([`engine`]), then every other table by its title and header
/// ([`grid`]); what cannot be read goes to `doc.problems` (and so to the
/// coverage report). The readers see the running page headers blanked
/// ([`crate::furniture`]), as they see the page footers.
pub fn read_all(doc: &mut Document) {
    engine::read_marked(doc);
    grid::read_all(doc);
    unit_told::settle(doc);
}

/// Runs the solver over the rows whose positions were not certain.
fn place_pending(doc: &mut Document, mut pending: Pending) {
    for kind in [TableKind::F05, TableKind::F03, TableKind::F02, TableKind::F04, TableKind::F07, TableKind::F08] {
        let mine: Vec<(usize, Candidates)> = {
            let (a, rest): (Vec<_>, Vec<_>) = pending.rows.into_iter().partition(|(k, _, _)| *k == kind);
            pending.rows = rest;
            a.into_iter().map(|(_, i, c)| (i, c)).collect()
        };
        if mine.is_empty() {
            continue;
        }
        // Rows beyond the cap on listed placements are left out of the problem.
        let mut budget = candidates::Budget::default();
        let (mine, unlisted): (Vec<_>, Vec<_>) = mine.into_iter().partition(|(_, c)| budget.take(c));
        let Some(mut problem) = layout::problem_for(doc, kind, &mine) else { continue };
        problem.leave_out(&unlisted.iter().map(|(i, _)| *i).collect::<Vec<_>>());
        let results = solve::solve(&problem);
        let Some(ti) = doc.tables.iter().position(|t| t.kind == kind) else { continue };
        let (mut ambiguous, mut contradicted, mut too_many) = (Vec::new(), Vec::new(), Vec::new());
        for (row, cands) in &unlisted {
            let table = &mut doc.tables[ti];
            let Some(r) = table.rows.get(*row) else { continue };
            too_many.push((row_name(r), r.source_line));
            table.unresolved.push(*row);
            table.printed.push((*row, cands.printed()));
        }
        // Each row's candidates, by row (the last entry, as a map collected
        // from `mine` would keep): a table, not a hash per result.
        let mut by_row: Vec<Option<&Candidates>> = vec![None; doc.tables[ti].rows.len()];
        for (i, c) in &mine {
            if let Some(slot) = by_row.get_mut(*i) {
                *slot = Some(c);
            }
        }
        for (row, placement) in results {
            let Some(cands) = by_row.get(row).copied().flatten() else { continue };
            let table = &mut doc.tables[ti];
            let r = &table.rows[row];
            let name = row_name(r);
            match placement {
                solve::Placement::Unique(values) => {
                    if let Some(cells) = cands.cells(&values) {
                        table.rows[row].cells = cells;
                    }
                }
                solve::Placement::Ambiguous(k) => {
                    table.unresolved.push(row);
                    table.printed.push((row, cands.printed()));
                    ambiguous.push((format!("{name}（{k}种）"), r.source_line));
                }
                solve::Placement::Contradiction => {
                    table.unresolved.push(row);
                    table.contradicted.push(row);
                    table.printed.push((row, cands.printed()));
                    contradicted.push((name, r.source_line));
                }
            }
        }
        let n = kind.number();
        if !too_many.is_empty() {
            doc.problems.push(ReadProblem {
                table: Some(n.to_string()),
                message: candidates::over_cap_message(&format!("公开{n}表"), &too_many),
                source_line: too_many.first().map(|a| a.1),
            });
        }
        if !ambiguous.is_empty() {
            doc.problems.push(ReadProblem {
                table: Some(n.to_string()),
                message: format!(
                    "公开{n}表有{}行省略了空白栏，其数字的栏目归属无法唯一确定：{}。这些行暂按空白显示，依赖它们的核对已跳过",
                    ambiguous.len(),
                    list(&ambiguous)
                ),
                source_line: ambiguous.first().map(|a| a.1),
            });
        }
        if !contradicted.is_empty() {
            doc.problems.push(ReadProblem {
                table: Some(n.to_string()),
                message: format!(
                    "公开{n}表有{}行省略了空白栏，而任何一种栏目归属都与表内或表间的勾稽关系矛盾：{}。这些行暂按空白显示",
                    contradicted.len(),
                    list(&contradicted)
                ),
                source_line: contradicted.first().map(|a| a.1),
            });
        }
    }
}

/// How a 决算 row is named in coverage messages: its code, else its 行次, else its label.
fn row_name(r: &crate::model::Row) -> String {
    r.code.clone().unwrap_or_else(|| r.line.map(|l| format!("行次{l}")).unwrap_or_else(|| r.label.clone()))
}

pub(crate) fn list(rows: &[(String, usize)]) -> String {
    let mut s: Vec<String> = rows.iter().take(8).map(|(n, l)| format!("{n}（第{l}行）")).collect();
    if rows.len() > 8 {
        s.push(format!("等{}行", rows.len()));
    }
    s.join("、")
}

/// The "注：…" lines under a table, joined per note.
pub(crate) fn notes(doc: &Document, seg: &Segment) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut in_note = false;
    for l in &doc.lines[seg.body.clone()] {
        let sq = l.squeezed.as_str();
        if is_note(sq) {
            in_note = true;
            out.push((l.no, sq.to_string()));
        } else if in_note && !sq.is_empty() && sq.starts_with(|c: char| c.is_ascii_digit()) {
            if let Some(last) = out.last_mut() {
                last.1.push_str(sq);
            }
        } else if in_note && !sq.is_empty() {
            in_note = false;
        }
    }
    out
}

/// Whether a line printed among a table's rows, not marked "注", says the
/// table is empty ("此表为空", "本表无数据"): a note all the same. Short, so
/// that no row label is taken for one.
pub(crate) fn is_empty_note(sq: &str) -> bool {
    sq.chars().count() <= 8 && ["为空", "空表", "无数据"].iter().any(|w| search::contains(sq, w))
}

/// Whether a squeezed line names the unit or the department ("金额单位：万元",
/// "部门：…"): `contains("单位：") || contains("部门：")`, by one search for
/// their shared full-width colon and a look at the two chars before each
/// one, rather than a search per word (the readers ask this of every line,
/// and most lines hold no colon).
pub(crate) fn names_unit_or_department(sq: &str) -> bool {
    let mut from = 0;
    while let Some(at) = sq.get(from..).and_then(|rest| search::find(rest, "：")).map(|i| from + i) {
        let before = sq.as_bytes().get(..at).unwrap_or_default();
        if before.ends_with("单位".as_bytes()) || before.ends_with("部门".as_bytes()) {
            return true;
        }
        from = at + "：".len();
    }
    false
}

/// Whether a squeezed line names the unit ("金额单位：万元", with a full-width
/// or an ASCII colon): `contains("单位：") || contains("单位:")`, by one
/// search for 单位 and a look at the char after each.
pub(crate) fn names_unit(sq: &str) -> bool {
    let mut from = 0;
    while let Some(at) = sq.get(from..).and_then(|rest| search::find(rest, "单位")).map(|i| from + i) {
        let after = sq.as_bytes().get(at + "单位".len()..).unwrap_or_default();
        if after.starts_with("：".as_bytes()) || after.starts_with(b":") {
            return true;
        }
        from = at + "单位".len();
    }
    false
}

/// Whether a line's values count its columns, "1 2 3 …" (栏次), rather than
/// state amounts: two or more, each a whole number one more than the one
/// before (a table continued on another page may count on from "7"). The
/// readers that tokenise a line their own way ask this alike: `values` are
/// the line's values in order, Some(n) for a whole number n, None for any
/// other (a decimal amount, a dash).
pub(crate) fn counts_columns(values: impl IntoIterator<Item = Option<u64>>) -> bool {
    let mut last: Option<u64> = None;
    let mut n = 0usize;
    for v in values {
        let Some(v) = v else { return false };
        if last.is_some_and(|l| l.checked_add(1) != Some(v)) {
            return false;
        }
        last = Some(v);
        n = n.saturating_add(1);
    }
    n >= 2
}

/// The standard shape of a 决算 side; used by [`layout`].
pub(crate) const fn side(first: u32, last: u32, ncols: usize) -> Side {
    Side { first, last, ncols }
}

#[cfg(test)]
mod tests {
    use super::candidates::MAX_LISTED;
    use super::counts_columns;
    use crate::model::TableKind;

    /// The notes that say why a table is empty, in Shandong's and Jiangsu's
    /// words; a note on something else does not.
    #[test]
    fn a_note_says_why_a_table_is_empty_in_any_regions_words() {
        for note in [
            "注：本部门没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。",
            "2.本单位2023年无政府性基金预算财政拨款安排的支出，故本表无数据。",
            "注：本部门无相关收支项目",
            "注：我单位无2017年政府性基金支出安排。",
            "注：本部门无该项目",
            "此表为空",
        ] {
            assert!(crate::model::says_none(note), "{note}");
        }
        assert!(!crate::model::says_none("注：“科目编码”和“科目名称”为必填项"));
        // Unmarked, only a short line that says so is a note.
        assert!(super::is_empty_note("此表为空") && super::is_empty_note("本表无数据"));
        assert!(!super::is_empty_note("合计") && !super::is_empty_note("其他为空调维修等支出的项目经费"));
    }

    /// Each colon test is `contains` of its words, over generated lines.
    #[test]
    fn the_colon_tests_are_contains_of_their_words() {
        let cases = [(super::names_unit as fn(&str) -> bool, ["单位：", "单位:"]), (super::names_unit_or_department, ["单位：", "部门："])];
        let pieces = ["单位", "单位单位", "部门", "：", ":", "单", "位", "部", "门", "金额", "万元", "x", "1.00", "：："];
        let texts = crate::text::stream::sample_texts(&pieces, 3000);
        for (test, words) in cases {
            let mut hits = 0;
            for t in texts.iter().flat_map(|t| t.split('\n')) {
                let want = words.iter().any(|w| t.contains(w));
                assert_eq!(test(t), want, "{words:?} in {t:?}");
                hits += usize::from(want);
            }
            assert!(hits > 100, "{words:?}: {hits}");
        }
    }

    /// A line that names a unit or a department holds a colon: the readers
    /// that ask only lines with one ([`crate::text::normalise::Line::colon`])
    /// miss none. Over generated lines and every line of the fixtures.
    #[test]
    fn a_line_without_a_colon_names_no_unit() {
        let pieces = ["单位", "部门", "：", ":", "金额", "万元", " ", "\t", "\n", "﹕", "1.00"];
        let texts = crate::text::stream::sample_texts(&pieces, 2000);
        let fixtures = crate::FIXTURES.iter().map(|name| crate::fixture(name));
        let mut named = 0;
        for text in texts.into_iter().chain(fixtures) {
            for l in crate::text::normalise::normalise(&text) {
                let sq = l.squeezed.as_str();
                let names = super::names_unit(sq) || super::names_unit_or_department(sq) || sq.contains("单位:");
                assert!(l.colon || !names, "{sq:?}");
                named += usize::from(names);
            }
        }
        assert!(named > 100, "{named}");
    }

    #[test]
    fn placements_beyond_the_cap_are_not_listed_and_are_reported() {
        // A 公开02表 (seven columns) of rows printing four amounts each: 20
        // placements a row, so the cap lists MAX_LISTED / 20 rows.
        let rows = MAX_LISTED / 20 + 5;
        let mut text = String::from("2024年度部门决算\n收入决算表\n公开02表\n金额单位：万元\n");
        for i in 0..rows {
            text.push_str(&format!("{} 行政运行 4.00 1.00 1.00 2.00\n", 2_010_101 + i));
        }
        let doc = crate::read(&text);
        let t = doc.table(TableKind::F02).expect("公开02表 is read");
        assert_eq!(t.rows.len(), rows);
        // Every row stays blank and unresolved: ambiguous, or not tried.
        assert_eq!(t.unresolved.len(), rows);
        assert!(t.rows.iter().all(|r| r.cells.iter().all(|c| c.value.is_none())));
        let over: Vec<&str> =
            doc.problems.iter().map(|p| p.message.as_str()).filter(|m| m.contains(&format!("超过 {MAX_LISTED} 种的上限"))).collect();
        assert_eq!(over.len(), 1, "{:?}", doc.problems);
        assert!(over[0].starts_with("公开02表有5行"), "{}", over[0]);
    }

    /// A 栏次 line counts on by one, from 1 or, continued, from further on;
    /// amounts, a lone number or a gap are no count.
    #[test]
    fn a_column_count_is_two_or_more_numbers_each_one_more() {
        let line = |v: &[Option<u64>]| counts_columns(v.iter().copied());
        assert!(line(&[Some(1), Some(2), Some(3)]));
        assert!(line(&[Some(7), Some(8), Some(9), Some(10)]));
        assert!(!line(&[Some(1)]));
        assert!(!line(&[]));
        assert!(!line(&[Some(1), Some(3)]));
        assert!(!line(&[Some(1), None, Some(3)]));
        assert!(!line(&[Some(2039000), Some(133000)]));
        assert!(!line(&[Some(u64::MAX), Some(0)]));
    }
}
