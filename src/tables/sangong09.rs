//! 公开09表 财政拨款"三公"经费支出决算表: one data line of twelve cells,
//! 预算数 (1–6) then 决算数 (7–12).
//!
//! TAB and full SPACE layouts print every cell, so positions are certain. The
//! PDF text layout drops blank cells ("5.35 1.58 1.58 3.77 5.35 1.58 1.58 3.77"
//! for twelve columns), so the order-preserving placements are enumerated and
//! pruned by evidence, strongest first:
//! 1. the two identities on each half, within rounding (hard);
//! 2. 06 basic items ≤ 决算数, since 06 is the basic-expenditure part of it (hard);
//! 3. the figures the narrative states for each category (the document's own
//!    words; skipped if they fit no placement);
//! 4. 决算数 ≤ 预算数 per column: 预算法 art. 13 forbids spending outside the
//!    budget (skipped if it fits no placement).
//!
//! A row is placed when every surviving placement agrees on it; otherwise its
//! cells stay blank and a problem says so. Nothing is guessed.

use rust_decimal::Decimal;

use super::econ;
use super::tokens::{tokenize, Tok};
use crate::model::{Cell, ReadProblem, Row, Table};
use crate::rounding::{agrees, Interval};
use crate::segment::is_note;
use crate::text::search;
use crate::text::Line;

/// The six value columns of each row.
pub const COLUMNS: [&str; 6] = crate::domain::SANGONG_COLUMNS;
/// The two row labels, in printed order.
pub const ROWS: [&str; 2] = ["预算数", "决算数"];
/// 06 basic items bounded by a 决算数 column (0..12): 因公出国, 公务用车购置,
/// 公务用车运行维护, 公务接待.
const BASIC_ITEMS: [(&str, usize); 4] = [("30212", 7), ("31013", 9), ("30231", 10), ("30217", 11)];

/// Twelve cells (None = blank).
pub(crate) type Line12 = [Option<(Decimal, usize)>; 12];
/// A named piece of soft evidence: keeps the placements it agrees with.
type Evidence<'a> = (&'a str, &'a dyn Fn(&Line12) -> bool);

/// What the 09 reader produced.
#[derive(Debug, Clone, Default)]
pub struct Read09 {
    /// 预算数 and 决算数 (none when no data line was found).
    pub rows: Vec<Row>,
    /// What could not be read, and which evidence beyond the identities placed
    /// dropped cells.
    pub problems: Vec<ReadProblem>,
    /// Rows (0 预算数, 1 决算数) left blank because their cells could not be
    /// placed uniquely.
    pub unresolved: Vec<usize>,
    /// True when no placement fits the identities at all (both rows unresolved).
    pub contradicted: bool,
}

/// Reads the 09 body. `f06` is the 06 table if it was read; `narrative` the
/// (column, value) pairs the narrative's 三公 section states. `yuan`: the
/// table is in 元, whose amounts may be integers; its dropped cells are not
/// placed, the evidence (06, the narrative) being in 万元.
pub fn read(body: &[Line], f06: Option<&Table>, narrative: &[(usize, Decimal)], table: &str, yuan: bool) -> Read09 {
    let problem = |msg: String, line: Option<usize>| ReadProblem { table: Some(table.to_string()), message: msg, source_line: line };
    let Some(data) = data_cells(body, yuan) else {
        // No rows: the caller reports the table as found but unread.
        return Read09::default();
    };
    let at = data.line;
    let explicit = data.cells.len();
    let cells: Line12 = if explicit == 12 {
        // Every cell printed (a tab-empty cell or a dash is an explicit blank).
        let mut out: Line12 = [None; 12];
        for (o, c) in out.iter_mut().zip(data.cells) {
            *o = c;
        }
        out
    } else {
        let amounts: Vec<(Decimal, usize)> = data.cells.iter().flatten().copied().collect();
        if yuan {
            let msg = format!(
                "公开{table}表以元为单位，数据行省略了空白栏（{}个数字），无法与以万元为单位的06表和说明对照确定栏目，未读取",
                amounts.len()
            );
            return Read09 { problems: vec![problem(msg, Some(at))], ..Read09::default() };
        }
        if amounts.len() > 12 {
            let msg = format!("公开{table}表数据行有{}个数字，多于12栏，无法读取", amounts.len());
            return Read09 { rows: blank_rows(at), problems: vec![problem(msg, Some(at))], unresolved: vec![0, 1], contradicted: false };
        }
        return solve(&amounts, f06, narrative, table, at);
    };
    Read09 { rows: to_rows(&cells, [true, true], at), ..Read09::default() }
}

/// The data line's cells in reading order: amounts, and None for a blank the
/// line states explicitly (an empty tab cell, a dash).
struct Data {
    cells: Vec<Option<(Decimal, usize)>>,
    line: usize,
}

/// Finds the line(s) of amounts under the header: amounts (and blanks) with no
/// 栏次 integers, after any leading label text. In 元 (`yuan`) an integer is
/// an amount, but on a line that counts the columns ("1 2 … 12").
fn data_cells(body: &[Line], yuan: bool) -> Option<Data> {
    let mut found: Option<Data> = None;
    for l in body {
        let sq = l.squeezed.as_str();
        if sq.is_empty() || ["单位：", "部门：", "单位:", "部门:"].iter().any(|k| search::contains(sq, k)) {
            continue;
        }
        if is_note(sq) {
            // Some templates print the note above the table (bigdata 07/08).
            if found.is_some() {
                break;
            }
            continue;
        }
        let tl = tokenize(&l.text);
        // A leading label ("决算数") is not a cell.
        let toks: Vec<&Tok> = tl.toks.iter().skip_while(|t| matches!(t, Tok::Text(_))).collect();
        let amount = |t: &Tok| match t {
            Tok::Amount(d) => Some(*d),
            Tok::Int(n) if yuan => Some(Decimal::from(*n)),
            _ => None,
        };
        let counts = yuan && super::counts_columns(toks.iter().map(|t| if let Tok::Int(n) = t { Some(*n) } else { None }));
        let is_data =
            !counts && toks.iter().any(|t| amount(t).is_some()) && toks.iter().all(|t| amount(t).is_some() || matches!(t, Tok::Blank));
        if !is_data {
            continue;
        }
        let mut cells: Vec<Option<(Decimal, usize)>> = toks.iter().map(|t| amount(t).map(|d| (d, l.no))).collect();
        if tl.tabbed {
            // Trailing (then leading) empty tab cells beyond twelve are padding.
            while cells.len() > 12 && cells.last() == Some(&None) {
                cells.pop();
            }
            while cells.len() > 12 && cells.first() == Some(&None) {
                cells.remove(0);
            }
        }
        match &mut found {
            // 预算数 and 决算数 on two lines: cells continue in order.
            Some(f) => f.cells.extend(cells),
            None => found = Some(Data { cells, line: l.no }),
        }
    }
    found
}

/// Places dropped-cell amounts (see the module doc).
fn solve(amounts: &[(Decimal, usize)], f06: Option<&Table>, facts: &[(usize, Decimal)], table: &str, at: usize) -> Read09 {
    let problem = |msg: String| ReadProblem { table: Some(table.to_string()), message: msg, source_line: Some(at) };
    let items = basic_items(f06);
    let hard: Vec<Line12> = holding_placements(amounts).into_iter().filter(|c| basic_items_fit(c, &items)).collect();
    if hard.is_empty() {
        let with_06 = if f06.is_some() { "，也不满足“06表的基本支出项目不超过决算数”" } else { "" };
        let msg = format!(
            "公开{table}表数据行省略了空白栏，而{}个数字的任何一种栏目归属都不满足“合计=因公出国（境）费+公务用车购置及运行维护费+公务接待费”和“公务用车购置及运行维护费=购置费+运行维护费”{with_06}，无法读取，两行已留空",
            amounts.len()
        );
        return Read09 { rows: blank_rows(at), problems: vec![problem(msg)], unresolved: vec![0, 1], contradicted: true };
    }
    let mut survivors = hard;
    let mut problems = Vec::new();
    let soft: [Evidence; 2] = [
        ("第三部分“三公”经费支出决算情况说明中所述的金额", &|c: &Line12| {
            facts.iter().all(|(i, v)| c.get(*i).copied().flatten().map_or(Decimal::ZERO, |x| x.0) == *v)
        }),
        ("“决算数不超过预算数”", &|c: &Line12| {
            (0..6).all(|i| Interval::of(c[i + 6].map(|x| x.0)).lo <= Interval::of(c[i].map(|x| x.0)).hi)
        }),
    ];
    for (name, keep) in soft {
        let before = settled(&survivors);
        if before == [true, true] {
            break;
        }
        let next: Vec<Line12> = survivors.iter().filter(|c| keep(c)).copied().collect();
        // Evidence that fits no placement is itself wrong somewhere: ignore it.
        if next.is_empty() {
            continue;
        }
        survivors = next;
        let after = settled(&survivors);
        for (r, label) in ROWS.iter().enumerate() {
            if after[r] && !before[r] {
                problems.push(problem(format!(
                    "公开{table}表数据行省略了空白栏，{label}一行的数字按勾稽关系有多种栏目归属，依据{name}才唯一确定"
                )));
            }
        }
    }
    let ok = settled(&survivors);
    for (r, label) in ROWS.iter().enumerate() {
        if !ok[r] {
            let k = distinct_halves(&survivors, r);
            problems.push(problem(format!(
                "公开{table}表数据行省略了空白栏，{label}一行的数字有{k}种符合勾稽关系的栏目归属，无法唯一确定，该行已留空"
            )));
        }
    }
    let first = survivors.first().copied().unwrap_or([None; 12]);
    let unresolved = (0..2).filter(|r| !ok[*r]).collect();
    Read09 { rows: to_rows(&first, ok, at), problems, unresolved, contradicted: false }
}

/// Every order-preserving placement of the amounts into twelve columns: the
/// definition [`holding_placements`] is held to.
#[cfg(test)]
pub(crate) fn placements(amounts: &[(Decimal, usize)]) -> Vec<Line12> {
    let k = amounts.len();
    if k > 12 {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Column indexes of the amounts, increasing; advanced like an odometer.
    let mut idx: Vec<usize> = (0..k).collect();
    loop {
        let mut c: Line12 = [None; 12];
        for (a, &i) in amounts.iter().zip(&idx) {
            c[i] = Some(*a);
        }
        out.push(c);
        let Some(p) = (0..k).rev().find(|&p| idx[p] < 12 - k + p) else { return out };
        idx[p] += 1;
        for q in p + 1..k {
            idx[q] = idx[q - 1] + 1;
        }
    }
}

/// 合计 = 出国 + 车小计 + 接待 and 车小计 = 购置 + 运维, on both halves, within rounding.
#[cfg(test)]
pub(crate) fn halves_hold(c: &Line12) -> bool {
    half_holds(c, 0) && half_holds(c, 6)
}

/// The two identities of the half of `c` that starts at column `h`.
fn half_holds(c: &Line12, h: usize) -> bool {
    let v = |i: usize| c.get(i).copied().flatten().map(|x| x.0);
    agrees(v(h), [(1, v(h + 1)), (1, v(h + 2)), (1, v(h + 5))].into_iter()) && agrees(v(h + 2), [(1, v(h + 3)), (1, v(h + 4))].into_iter())
}

/// The placements of `placements` whose halves both hold (`halves_hold`),
/// in the same order. Each half's identities read only its own six cells,
/// so the halves are enumerated apart, for each count of amounts the first
/// takes, and only the halves that hold are combined: a few dozen half
/// checks instead of a check of each of up to 924 placements (each copied
/// into a list first).
pub(crate) fn holding_placements(amounts: &[(Decimal, usize)]) -> Vec<Line12> {
    let k = amounts.len();
    if k > 12 {
        return Vec::new();
    }
    // (the columns taken, column 0 the highest bit; the placement)
    let mut out: Vec<(u16, Line12)> = Vec::new();
    for k0 in k.saturating_sub(6)..=k.min(6) {
        let (a, b) = amounts.split_at(k0);
        let first = holding_halves(a, 0);
        if first.is_empty() {
            continue;
        }
        let second = holding_halves(b, 6);
        for (m1, c1) in &first {
            for (m2, c2) in &second {
                let mut c = *c1;
                c[6..].copy_from_slice(&c2[6..]);
                out.push((m1 | m2, c));
            }
        }
    }
    // [`placements`] advances the columns like an odometer: lexicographic
    // in the columns taken, which is the descending order of the mask (the
    // smallest column where two placements differ is taken by the earlier).
    out.sort_unstable_by_key(|(m, _)| std::cmp::Reverse(*m));
    out.into_iter().map(|(_, c)| c).collect()
}

/// Every order-preserving placement of `amounts` (at most six) into the six
/// columns from `h` whose half holds, with the mask of its columns.
fn holding_halves(amounts: &[(Decimal, usize)], h: usize) -> Vec<(u16, Line12)> {
    let k = amounts.len();
    let mut out = Vec::new();
    if k > 6 {
        return out;
    }
    let mut idx: [usize; 6] = [0, 1, 2, 3, 4, 5];
    loop {
        let mut c: Line12 = [None; 12];
        let mut mask = 0u16;
        for (a, &i) in amounts.iter().zip(&idx) {
            if let Some(cell) = c.get_mut(h + i) {
                *cell = Some(*a);
            }
            mask |= 1 << (11 - (h + i));
        }
        if half_holds(&c, h) {
            out.push((mask, c));
        }
        let Some(p) = (0..k).rev().find(|&p| idx[p] < 6 - k + p) else { return out };
        idx[p] += 1;
        for q in p + 1..k {
            idx[q] = idx[q - 1] + 1;
        }
    }
}

/// The 06 basic items 06 lists, as (the column they are part of, the
/// lower end of their interval): looked up in 06 once, not per placement.
fn basic_items(f06: Option<&Table>) -> Vec<(usize, Decimal)> {
    let Some(t) = f06 else { return Vec::new() };
    BASIC_ITEMS.iter().filter_map(|(code, col)| econ::value_of(t, code).map(|item| (*col, Interval::of(item).lo))).collect()
}

/// 06 basic items (their [`basic_items`]) never exceed the 决算数 they are
/// part of (within rounding).
fn basic_items_fit(c: &Line12, items: &[(usize, Decimal)]) -> bool {
    items.iter().all(|(col, lo)| *lo <= Interval::of(c[*col].map(|x| x.0)).hi)
}

/// Per row: do all candidates agree on its six cells?
pub(crate) fn settled(cands: &[Line12]) -> [bool; 2] {
    [distinct_halves(cands, 0) == 1, distinct_halves(cands, 1) == 1]
}

/// How many different value sets row `r` has among the candidates.
pub(crate) fn distinct_halves<'a>(cands: impl IntoIterator<Item = &'a Line12>, r: usize) -> usize {
    cands
        .into_iter()
        .map(|c| c[r * 6..r * 6 + 6].iter().map(|x| x.map(|y| y.0)).collect::<Vec<_>>())
        .collect::<std::collections::BTreeSet<_>>()
        .len()
}

/// The two rows; a row not `ok` is left blank.
fn to_rows(c: &Line12, ok: [bool; 2], at: usize) -> Vec<Row> {
    rows_labelled(&ROWS, c, ok, at)
}

/// The two rows of a candidate line, labelled `labels`; a row not `ok` is
/// left blank.
pub(crate) fn rows_labelled<S: AsRef<str>>(labels: &[S], c: &Line12, ok: [bool; 2], at: usize) -> Vec<Row> {
    labels
        .iter()
        .enumerate()
        .map(|(r, label)| Row {
            code: None,
            label: label.as_ref().to_string(),
            line: None,
            cells: (0..COLUMNS.len())
                .map(|i| match c[r * 6 + i] {
                    Some((d, ln)) if ok[r] => Cell { value: Some(d), source_line: ln },
                    _ => Cell::blank(at),
                })
                .collect(),
            source_line: at,
        })
        .collect()
}

fn blank_rows(at: usize) -> Vec<Row> {
    to_rows(&[None; 12], [false, false], at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn am(s: &str) -> Vec<(Decimal, usize)> {
        s.split_whitespace().map(|x| (Decimal::from_str(x).unwrap(), 1)).collect()
    }

    #[test]
    fn placements_count_is_the_binomial() {
        assert_eq!(placements(&am("1.00 2.00 3.00 4.00 5.00 6.00 7.00 8.00")).len(), 495);
        assert_eq!(placements(&am("")).len(), 1);
        assert_eq!(placements(&am("1.00 1.00 1.00 1.00 1.00 1.00 1.00 1.00 1.00 1.00 1.00 1.00")).len(), 1);
    }

    #[test]
    fn holding_placements_are_the_placements_whose_halves_hold() {
        // Amounts of every count, with sums that hold in some halves (the
        // bigdata line and its parts) and repeated values.
        let pool = ["5.35", "1.58", "1.58", "3.77", "5.35", "1.58", "1.58", "3.77", "2.19", "2.19", "0.00", "7.54"];
        for k in 0..=13 {
            for shift in 0..pool.len() {
                let s: Vec<&str> = (0..k).map(|i| pool[(i + shift) % pool.len()]).collect();
                let a = am(&s.join(" "));
                let want: Vec<Line12> = placements(&a).into_iter().filter(halves_hold).collect();
                assert_eq!(holding_placements(&a), want, "{s:?}");
            }
        }
        let a = am("5.35 1.58 1.58 3.77 5.35 1.58 1.58 3.77");
        assert_eq!(holding_placements(&a).len(), 4);
    }

    #[test]
    fn identities_alone_leave_four_placements_for_bigdata() {
        let c: Vec<Line12> = placements(&am("5.35 1.58 1.58 3.77 5.35 1.58 1.58 3.77")).into_iter().filter(halves_hold).collect();
        assert_eq!(c.len(), 4);
        assert_eq!(settled(&c), [false, false]);
    }

    /// 06 and 09 bodies cut after every line, and in the middle of the next
    /// one, read without panicking into rows of the right width.
    #[test]
    fn truncated_06_and_09_bodies_never_panic() {
        use crate::model::TableKind;
        use crate::tables::econ;
        for (name, lo, hi) in [
            ("yantai-office-2024-final.txt", 315, 400),
            ("qingdao-office-2024-final.txt", 455, 605),
            ("yantai-bigdata-2023-final.txt", 570, 774),
        ] {
            let doc = crate::read(&crate::fixture(name));
            let f06 = doc.table(TableKind::F06);
            let lines = &doc.lines;
            for cut in lo..=hi {
                let mut body: Vec<Line> = lines[lo..cut].to_vec();
                for half in [false, true] {
                    if half {
                        let Some(next) = lines.get(cut) else { continue };
                        let n = next.text.char_indices().nth(next.text.chars().count() / 2).map_or(0, |c| c.0);
                        body.push(Line::new(next.no, next.text[..n].to_string()));
                    }
                    let (rows, ..) = econ::read(&body, "06", false);
                    assert!(rows.iter().all(|r| r.cells.len() == 1));
                    for anchor in [f06, None] {
                        let r = read(&body, anchor, &[], "09", false);
                        assert!(r.rows.is_empty() || (r.rows.len() == 2 && r.rows.iter().all(|r| r.cells.len() == 6)));
                    }
                }
            }
        }
    }
    /// A 09表 in 元 printing integers (青岛办公厅 2024's, ×10000): its twelve
    /// cells read under the 栏次 line, which is not taken for amounts; with
    /// blank cells dropped it is not read, the evidence that would place them
    /// (06表, the narrative) being in 万元.
    #[test]
    fn integers_in_yuan_are_read_when_every_cell_is_printed() {
        let full = "1 2 3 4 5 6 7 8 9 10 11 12\n4483800 876000 613600 179800 433800 2994200 4483800 876000 613600 179800 433800 2994200\n";
        let r = read(&crate::text::normalise(full), None, &[], "09", true);
        let got: Vec<Vec<Option<Decimal>>> = r.rows.iter().map(|row| (0..6).map(|c| row.value(c)).collect()).collect();
        let half = [4483800, 876000, 613600, 179800, 433800, 2994200].map(|v| Some(Decimal::from(v))).to_vec();
        assert_eq!(got, vec![half.clone(), half], "{:?}", r.problems);
        let dropped = "1 2 3 4 5 6 7 8 9 10 11 12\n53500 15800 15800 37700 53500 15800 15800 37700\n";
        let r = read(&crate::text::normalise(dropped), None, &[], "09", true);
        assert!(r.rows.is_empty());
        assert!(r.problems.iter().any(|p| p.message.contains("未读取")), "{:?}", r.problems);
    }
}
