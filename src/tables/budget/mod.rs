//! Budget documents (部门预算 / 单位预算): their tables, read exactly.
//!
//! Budgets are laid out differently from 决算 and from each other: 烟台 prints
//! only "公开表N" with no titles, no 合计 rows and no blank cells; 青岛 prints
//! titles, a 序号 column, 栏次 and every zero. So, within the shared
//! [`super::engine`], a table's kind comes from its title or, failing that,
//! its header signature ([`kinds`]); its columns from the known layout that
//! header matches ([`schema`]); its rows from the reader of that layout; and
//! dropped blank cells are placed jointly across all tables ([`joint`]), the
//! 三公 line last, with the 基本支出 tables and the narrative as evidence
//! ([`sangong`]).
//!
//! JSON shapes follow the 决算 conventions: two-sided tables list income
//! entries then expenditure entries (`line` = 序号 where printed); 科目 tables
//! one row per code plus 合计 when printed; economic tables keyed by code pair
//! put it in `code` as "30101/50101" (部门/政府) with the label
//! "基本工资/工资奖金津补贴"; 政府采购 item rows are keyed "2010301/C23120302"
//! (功能科目/品目) with the category in the label, "其他服务（服务）"; 项目 rows
//! carry their type the same way, "驻外机构工作保障经费（其他运转类）".

pub mod items;
pub mod joint;
pub mod kinds;
pub mod pairs;
pub mod sangong;
pub mod schema;
pub mod sides;

use std::borrow::Cow;

use crate::model::{Cell, ReadProblem, Row};
use crate::recognise::table_marker_number;
use crate::segment::{is_note, Segment};
use crate::tables::candidates::Candidates;
use crate::tables::coded::{self, LineView};
use crate::tables::tokens::{first_int, has_amount, Tok};
use crate::text::search;
use crate::text::Line;

/// What a reader produced for one table.
#[derive(Debug, Default)]
pub struct Read {
    /// Rows in printed order (open rows blank).
    pub rows: Vec<Row>,
    /// Rows whose blank cells were dropped: (row index, candidate cells).
    pub open: Vec<(usize, Candidates)>,
    /// What could not be read.
    pub problems: Vec<ReadProblem>,
    /// Two-sided tables: the number of income rows (listed first).
    pub sides: Option<usize>,
    /// How many printed amounts no row or column took (each reported in
    /// `problems`): a table that sets any aside is not read whole.
    pub set_aside: usize,
}

/// Joins a table continued on the next page under a repeated marker
/// ("公开表6" twice) into one segment.
pub(crate) fn merge_pages(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for s in segments {
        match out.last_mut() {
            Some(prev) if prev.number == s.number => {
                prev.body = prev.body.start..s.body.end;
                if prev.title.is_none() {
                    prev.title = s.title;
                }
            }
            _ => out.push(s),
        }
    }
    out
}

/// The body without the heads its continuation pages print (the title
/// marked （续） or （续表）, or 续表 alone): no row's label, nor the head of
/// the next row's. None when it has none.
pub(crate) fn without_continuation_heads(body: &[Line]) -> Option<Vec<Line>> {
    let head = |l: &Line| crate::tables::catalogue::is_continuation_head(&l.squeezed);
    if !body.iter().any(head) {
        return None;
    }
    Some(
        body.iter()
            .map(|l| {
                if head(l) {
                    // A form feed stays: it says where the page breaks.
                    Line::blank(l.no, l.text.chars().filter(|&c| c == '\u{c}').collect())
                } else {
                    l.clone()
                }
            })
            .collect(),
    )
}

/// The lines of a body that can hold rows: up to its note, without empty,
/// marker (公开表N) and unit (单位：) lines, nor lines containing a word of
/// `also_skip`.
pub(crate) fn body_lines<'a>(body: &'a [Line], also_skip: &'a [&str]) -> impl Iterator<Item = &'a Line> + 'a {
    body.iter()
        .filter(move |l| {
            let sq = l.squeezed.as_str();
            !(sq.is_empty()
                || table_marker_number(sq).is_some()
                || l.colon && crate::tables::names_unit(sq)
                || also_skip.iter().any(|w| search::contains(sq, w)))
        })
        .take_while(|l| !is_note(&l.squeezed))
}

/// The header: the squeezed text of the body up to its first line with an
/// amount (all of it for an empty table), notes left out. In a table in 元
/// (`yuan`) an amount may be an integer ([`integer_amounts`]).
pub(crate) fn header_text(body: &[Line], yuan: bool) -> String {
    let mut out = String::new();
    for l in body {
        let sq = l.squeezed.as_str();
        // A line of white space only (every other line in some exports)
        // holds no amount and adds nothing: not read for one.
        if sq.is_empty() {
            continue;
        }
        if has_amount(&l.text) || yuan && integer_amounts(&l.text) {
            break;
        }
        if is_note(sq) {
            continue;
        }
        // "2023年度预算数", as some regions word the column: "2023年预算数".
        if search::contains(sq, "年度预算数") || search::contains(sq, "年度决算数") {
            out.push_str(&sq.replace("年度预算数", "年预算数").replace("年度决算数", "年决算数"));
        } else {
            out.push_str(sq);
        }
    }
    out
}

/// The body with the header's lines blanked where a later page prints them
/// again ("print titles" of a table exported over several pages), or
/// `None` when none is: a repeated caption line would otherwise be read as
/// a row (a blank "合计", a label of captions) or as a wrapped label. A line
/// is a repeat when it squeezes to a line of the header ([`header_text`]'s
/// lines) and holds no amount; and when it is a 栏次 line or one of two or
/// more such lines in a row (blank lines apart). A caption alone may also
/// be a row's label ("合计", "国有资本经营预算财政拨款" in 公开04表).
pub(crate) fn without_repeated_header(body: &[Line], yuan: bool) -> Option<Vec<Line>> {
    let amounts = |l: &Line| has_amount(&l.text) || yuan && integer_amounts(&l.text);
    // A header is a few lines: a body whose first amount comes later (a
    // table of text, a 绩效目标表) is not looked through line by line.
    const HEADER_LINES: usize = 30;
    let (first_data, _) = body.iter().enumerate().filter(|(_, l)| !l.squeezed.is_empty()).take(HEADER_LINES).find(|(_, l)| amounts(l))?;
    let header: Vec<&str> = body[..first_data].iter().map(|l| l.squeezed.as_str()).filter(|sq| !sq.is_empty() && !is_note(sq)).collect();
    if header.is_empty() {
        return None;
    }
    let repeat = |l: &Line| header.contains(&l.squeezed.as_str()) && !amounts(l);
    if !body[first_data..].iter().any(|l| header.contains(&l.squeezed.as_str())) {
        return None;
    }
    // The printed lines after the first row, and whether each repeats.
    let printed: Vec<(usize, bool)> =
        (first_data..body.len()).filter(|&i| !body[i].squeezed.is_empty()).map(|i| (i, repeat(&body[i]))).collect();
    let blank: Vec<usize> = printed
        .iter()
        .enumerate()
        .filter(|(k, (i, r))| {
            let beside = |j: Option<usize>| j.and_then(|j| printed.get(j)).is_some_and(|x| x.1);
            *r && (search::contains(&body[*i].squeezed, "栏次") || beside(k.checked_sub(1)) || beside(Some(k + 1)))
        })
        .map(|(_, (i, _))| *i)
        .collect();
    if blank.is_empty() {
        return None;
    }
    let mut out = body.to_vec();
    for i in blank {
        let l = &mut out[i];
        // A form feed stays: it says where the page breaks.
        let feeds: String = l.text.chars().filter(|&c| c == '\u{c}').collect();
        *l = Line::blank(l.no, feeds);
    }
    Some(out)
}

/// Whether a line of a table in 元 prints amounts as integers after its
/// first piece ("一、财政拨款收入 86666000一、一般公共服务支出 82995800"; the
/// first piece may be a 序号): not a 栏次 line counting 1, 2, 3 …, and no
/// year ("2023 年预算数") taken for one.
pub(crate) fn integer_amounts(text: &str) -> bool {
    let mut toks = crate::tables::tokens::pieces(text);
    sides::unglue_integers(&mut toks);
    let ints: Vec<u64> = toks.iter().skip(1).filter_map(|t| if let Tok::Int(n) = t { Some(*n) } else { None }).collect();
    let counting = ints.iter().zip(1u64..).all(|(n, k)| *n == k);
    !ints.is_empty() && !counting && !ints.iter().any(|n| (1900..=2100).contains(n))
}

/// 科目 rows, after removing a leading 序号 ("2 201 一般公共服务支出 …");
/// `yuan` as for [`coded::read_rows`].
pub(crate) fn read_coded(body: &[Line], first: &[char], ncols: usize, serial: bool, no: &str, yuan: bool) -> Read {
    // Views of the lines, the 序号 cut off where there is one: no copy of
    // every line.
    let lines: Vec<LineView> = body.iter().map(|l| if serial { strip_serial(l) } else { LineView::of(l) }).collect();
    // Rows start at the first line led by a code or holding an amount: a
    // header cell "合计" on a line of its own is a caption, not the 合计 row.
    // A line of white space only has no words: it starts nothing.
    let start = lines.iter().position(|l| !l.squeezed.is_empty() && starts_rows(l.text, first, yuan)).unwrap_or(lines.len());
    let (raw, problems) = coded::read_views(lines.get(start..).unwrap_or_default(), first, no, yuan);
    // Each problem `read_rows` reports is one amount it set aside.
    let mut read = Read { set_aside: problems.len(), problems, ..Read::default() };
    for r in raw {
        if r.amount_count() > ncols {
            read.set_aside = read.set_aside.saturating_add(r.amount_count() - ncols);
            read.problems.push(ReadProblem {
                table: Some(no.to_string()),
                message: format!("第{}行的数字比栏目多，多出的数字已忽略", r.source_line),
                source_line: Some(r.source_line),
            });
        }
        push_coded(&mut read, r, ncols);
    }
    read
}

/// Whether a line of a 科目 table starts its rows: led by a code of `first`,
/// or holding an amount (in 元, `yuan`, maybe an integer), split codes
/// joined ([`coded::join_split_codes`]).
fn starts_rows(text: &str, first: &[char], yuan: bool) -> bool {
    // A join only merges digit words, the first with the next only when it
    // is a 3-digit 类 code (an integer under 1000): the join, which scans
    // the line, is made only for such a line or in 元 (whose integers are
    // all read), not for every header line.
    let int = first_int(text);
    let text = if yuan || int.is_some_and(|n| n < 1000) { coded::join_split_codes(text) } else { Cow::Borrowed(text) };
    let int = if matches!(text, Cow::Owned(_)) { first_int(&text) } else { int };
    int.is_some_and(|n| coded::is_code_int(n, first)) || has_amount(&text) || yuan && integer_amounts(&text)
}

/// Adds a 科目 row: its cells where their columns are certain, otherwise
/// blank and open, with the candidate placements for the solver.
pub(crate) fn push_coded(read: &mut Read, r: coded::RawRow, ncols: usize) {
    let cells = match coded::place_certain(&r, ncols) {
        Some(cells) => cells,
        None => {
            read.open.push((read.rows.len(), coded::candidates(&r, ncols)));
            vec![Cell::blank(r.source_line); ncols]
        }
    };
    read.rows.push(Row { code: r.code, label: r.label, line: None, cells, source_line: r.source_line });
}

/// A line without its leading 序号 (a short integer before more text); a
/// line that is only "序号" becomes empty.
fn strip_serial(l: &Line) -> LineView<'_> {
    if l.squeezed == "序号" {
        return LineView { no: l.no, text: "", squeezed: "", colon: false };
    }
    // A serial is the line's first word when that is one to three ASCII
    // digits and more text follows: told from the digits it starts with and
    // the char after them, rather than by splitting off its first word (on
    // most lines a code or a name, read char by char).
    let t = l.text.trim_start();
    let digits = t.bytes().take(4).take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = t.get(digits..).filter(|after| after.starts_with(char::is_whitespace)).map(str::trim_start);
        if let Some(rest) = rest.filter(|r| !r.is_empty()) {
            // The squeezed line is the serial's digits, then the rest squeezed:
            // cut, not squeezed again; the digits cut are no colon.
            let squeezed = l.squeezed.get(digits..).unwrap_or_default();
            return LineView { no: l.no, text: rest, squeezed, colon: l.colon };
        }
    }
    LineView::of(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`starts_rows`] is its definition, the line joined first, on every
    /// line of the fixtures and of sample texts of codes and their parts.
    #[test]
    fn a_line_starts_rows_as_its_joined_line_does() {
        let pieces: Vec<&str> =
            "201|03|01|2|12|007|999|2010301|301|1.00|86666000|行政运行|合计|栏次| |\t|  |\u{3000}|一、".split('|').collect();
        let mut texts = crate::text::stream::sample_texts(&pieces, 600);
        texts.extend(crate::FIXTURES.iter().map(|f| crate::fixture(f)));
        let (mut lines, mut starts) = (0, 0);
        for text in &texts {
            for line in text.lines() {
                for first in [&['2'][..], &['3'], &['3', '5']] {
                    for yuan in [false, true] {
                        let joined = coded::join_split_codes(line);
                        let want = first_int(&joined).is_some_and(|n| coded::is_code_int(n, first))
                            || has_amount(&joined)
                            || yuan && integer_amounts(&joined);
                        assert_eq!(starts_rows(line, first, yuan), want, "{line:?} {first:?} {yuan}");
                        starts += usize::from(want);
                    }
                }
                lines += 1;
            }
        }
        assert!(lines > 5000 && starts > 1000, "{lines} {starts}");
    }

    /// [`strip_serial`] as it was: the stripped text squeezed again.
    fn strip_serial_by_squeezing(l: &Line) -> Line {
        let t = l.text.trim_start();
        let mut it = t.splitn(2, char::is_whitespace);
        let first = it.next().unwrap_or("");
        let rest = it.next().unwrap_or("").trim_start();
        let text = if l.squeezed == "序号" {
            String::new()
        } else if !first.is_empty() && first.len() <= 3 && first.bytes().all(|b| b.is_ascii_digit()) && !rest.is_empty() {
            rest.to_string()
        } else {
            l.text.clone()
        };
        Line::new(l.no, text)
    }

    /// Over generated lines and every line of the fixtures (青岛's budget
    /// prints a 序号 on its rows).
    #[test]
    fn a_stripped_serial_leaves_the_line_squeezed_as_before() {
        let pieces = ["2", "12", "123", "1234", "201", " ", "  ", "\t", "\u{3000}", "\u{a0}", "一般公共服务支出", "1.00", "序号", "x"];
        let mut texts = crate::text::stream::sample_texts(&pieces, 600);
        texts.extend(crate::FIXTURES.iter().map(|name| crate::fixture(name)));
        let mut stripped = 0;
        for text in texts {
            for l in crate::text::normalise(&text) {
                let want = strip_serial_by_squeezing(&l);
                assert_eq!(strip_serial(&l), LineView::of(&want), "{:?}", l.text);
                stripped += usize::from(want.text != l.text);
            }
        }
        assert!(stripped > 300, "{stripped}");
    }

    use crate::corpus_edits::tables_in_wan;

    /// 烟台's and 青岛's 科目 tables printed in 元 as integers, whose amounts
    /// include 7-digit ones shaped like a 项 code ("208 社会保障和就业支出
    /// 2024900 2024900 2024900"): the document reads as in 万元, every table
    /// the same rows with the same amounts (the one in 元 ×10000) — no row
    /// gained from an amount taken for a code, none lost.
    #[test]
    fn coded_tables_printed_in_yuan_integers_read_as_in_wan() {
        for (file, tables) in
            [("yantai-office-2023-budget.txt", &["2", "3"][..]), ("qingdao-office-2023-budget.txt", &["2", "3", "5", "6", "7", "8"])]
        {
            let text = std::fs::read_to_string(format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"))).expect("fixture");
            let want = tables_in_wan(&crate::read(&text));
            for n in tables {
                let doc = crate::read(&crate::corpus_edits::table_in_yuan_as(&text, &format!("公开表{n}"), 0));
                assert_eq!(doc.tables.iter().find(|t| t.number.as_deref() == Some(n)).and_then(|t| t.unit.as_deref()), Some("元"));
                assert_eq!(tables_in_wan(&doc), want, "{file} 公开表{n}");
            }
        }
    }
}
