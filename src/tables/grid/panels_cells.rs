//! A viewer's copy of a summary printed as panels side by side (收入 |
//! 支出), each a list of enumerated rows closed by its 合计: Jiangsu's
//! 财政拨款收支预算总表 ("一、一般公共预算 / 二、政府性基金预算 / 收入合计"
//! beside "一、基本支出 / 二、项目支出 / 三、单位预留机动经费 / 支出合计").
//!
//! A viewer's copy keeps each cell whole but not where it stood: the two
//! panels' rows come out interleaved ("18,330.37 一、基本支出": the left
//! panel's amount, then the right panel's label), a blank cell prints
//! nothing, and an amount may come out after a later row's label (13's
//! 196.72 of 单位预留机动经费 after "支出合计"). What still tells the rows
//! apart:
//! - the enumerations: "一、" opens a panel, "二、" continues the panel whose
//!   last row was "一、", and so on; the panels' 合计 come in the panels'
//!   order;
//! - an amount comes after its row's label, and a panel's amounts come in
//!   its rows' order;
//! - each panel's 合计 is the sum of its rows, within the rounding of the
//!   printed figures.
//!
//! Every placement of the amounts that keeps these is tried; the table is
//! read only when every one gives each row the same amount. Any other word
//! than a row's label, a header caption, a page number or an amount leaves
//! the table unread: a row this grammar does not know (上年结转, a 小计)
//! would otherwise take an amount unchecked.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::model::{Cell, Row};

/// A summary read from one cell per line: its rows, panel by panel, each
/// row with one cell per panel.
#[derive(Debug)]
pub(super) struct Read {
    /// The rows in the layout text's order: each panel's rows, then its
    /// 合计, panel after panel.
    pub(super) rows: Vec<Row>,
    /// Per panel, its rows' range in `rows`.
    pub(super) panels: Vec<std::ops::Range<usize>>,
}

/// Why a summary printed one cell per line was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refusal {
    /// Not enumerated panels each closed by a 合计: a word the grammar does
    /// not know, enumerations that do not chain, a panel without its 合计.
    Shape,
    /// No placement of the amounts keeps every panel's sum.
    Sums,
    /// More than one placement does, giving some row different amounts.
    Ambiguous,
}

/// The header's captions, which stand among the rows in a viewer's copy.
const CAPTIONS: [&str; 10] = ["收入", "支出", "支出用途", "项目名称", "项目", "金额", "预算数", "功能分类", "科目名称", "功能科目名称"];

/// At most this many rows, and as many amounts, in a summary read so.
const MAX_ROWS: usize = 64;

/// At most this many placements are tried (a summary has a few rows).
const CAP: usize = 20_000;

/// One piece of a line.
#[derive(Debug, Clone, PartialEq)]
enum Piece<'a> {
    /// A row's label, enumerated: its number (一 = 1) and its text.
    Item(u32, Cow<'a, str>),
    /// A panel's 合计 ("收入合计", "支出合计").
    Total(Cow<'a, str>),
    /// A printed amount.
    Amount(Decimal),
    /// Any other word.
    Other,
}

/// The number an enumeration stands for: "一、" = 1, "十二、" = 12.
pub(super) fn enumeration(label: &str) -> Option<u32> {
    let (head, rest) = label.split_once('、')?;
    if rest.is_empty() {
        return None;
    }
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let cs: Vec<char> = head.chars().collect();
    match cs.as_slice() {
        ['十'] => Some(10),
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(10 * digit(*a)?),
        [a, '十', b] => Some(10 * digit(*a)? + digit(*b)?),
        _ => None,
    }
}

/// The pieces of a line, in order. A number without decimals or
/// separators alone on its line is a page number, left out; a label spread
/// a character a word ("一 、 基 本 支 出", a heading's letter-spacing) is
/// one word.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if let [w] = words.as_slice() {
        if w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()) {
            return Vec::new();
        }
    }
    // Runs of one-character words, each run as the span of the line it
    // covers with its spaces taken out.
    let mut joined: Vec<Cow<'_, str>> = Vec::new();
    let mut run = false;
    for w in words {
        let single = w.chars().count() == 1 && !w.bytes().all(|b| b.is_ascii_digit());
        match joined.last_mut() {
            Some(last) if single && run => last.to_mut().push_str(w),
            _ => joined.push(Cow::Borrowed(w)),
        }
        run = single;
    }
    let mut out = Vec::new();
    for w in joined {
        if let Some(n) = enumeration(&w) {
            out.push(Piece::Item(n, w));
        } else if w.ends_with("合计") || w.ends_with("总计") {
            out.push(Piece::Total(w));
        } else if CAPTIONS.contains(&&*w) {
            continue;
        } else {
            out.push(super::spans::printed_amount(&w).map_or(Piece::Other, Piece::Amount));
        }
    }
    out
}

/// A row's label where it stands in the copy.
struct Slot<'a> {
    label: &'a str,
    /// Its piece's index among all the pieces.
    at: usize,
    line: usize,
    panel: usize,
}

/// Reads a summary printed one cell per line from its lines (number,
/// text), header and all, the meta lines left out.
pub(super) fn read(lines: &[(usize, &str)]) -> Result<Read, Refusal> {
    let mut all: Vec<(Piece, usize)> = Vec::new();
    for (no, text) in lines {
        all.extend(pieces(text).into_iter().map(|p| (p, *no)));
    }
    let first = all.iter().position(|(p, _)| !matches!(p, Piece::Other)).ok_or(Refusal::Shape)?;
    if all[first..].iter().any(|(p, _)| *p == Piece::Other) {
        return Err(Refusal::Shape);
    }
    let all = &all[first..];
    // The rows, panel by panel: an enumeration's first opens a panel, the
    // next continues a panel whose last row was one less. Where two could
    // ("二、" when both panels stand at "一、"), each is tried.
    let mut labels: Vec<(u32, &str, usize, usize)> = Vec::new();
    let mut totals: Vec<(&str, usize, usize)> = Vec::new();
    let mut amounts: Vec<(Decimal, usize)> = Vec::new();
    for (at, (p, line)) in all.iter().enumerate() {
        match p {
            Piece::Item(n, label) => labels.push((*n, label, at, *line)),
            Piece::Total(label) => totals.push((label, at, *line)),
            Piece::Amount(d) => amounts.push((*d, at)),
            Piece::Other => {}
        }
    }
    // A summary of a few dozen rows at most: more is some other text, and
    // the placements recurse once per amount.
    if labels.len() > MAX_ROWS || amounts.len() > MAX_ROWS {
        return Err(Refusal::Shape);
    }
    let mut memberships: Vec<Vec<usize>> = Vec::new();
    if !panels_of(&labels, &mut Vec::new(), &mut Vec::new(), &mut memberships) {
        return Err(Refusal::Ambiguous);
    }
    let mut found: Option<Read> = None;
    let mut shaped = false;
    for panel_of in memberships {
        let r = match placed(&labels, &panel_of, &totals, &amounts)? {
            Placed::Unshaped => continue,
            Placed::Unsummed => {
                shaped = true;
                continue;
            }
            Placed::Read(r) => r,
        };
        shaped = true;
        match &found {
            Some(f) if !same(f, &r) => return Err(Refusal::Ambiguous),
            Some(_) => {}
            None => found = Some(r),
        }
    }
    match found {
        Some(r) => Ok(r),
        None if shaped => Err(Refusal::Sums),
        None => Err(Refusal::Shape),
    }
}

/// What one way of giving the labels their panels reads.
enum Placed {
    /// Not panels each closed by its 合计 after its rows.
    Unshaped,
    /// No placement of the amounts keeps the sums.
    Unsummed,
    /// The one reading.
    Read(Read),
}

/// Whether a row may stand in the panel its 合计 names: a 支出 row
/// ("二、项目支出") not under a 收入合计, a 收入 row ("二、政府性基金预算",
/// "二、财政专户管理资金") not under a 支出合计. Where the sums cannot tell
/// which panel a "二、" continues (10's blank 政府性基金预算 beside 项目支出),
/// the words do.
fn belongs(label: &str, total: &str) -> bool {
    let spending = label.ends_with("支出");
    let income = ["收入", "预算", "资金"].iter().any(|w| label.ends_with(w));
    !(spending && total.contains("收入") || income && total.contains("支出"))
}

/// Whether two readings give the same rows the same amounts.
fn same(a: &Read, b: &Read) -> bool {
    let key = |r: &Read| -> Vec<(String, Vec<Option<Decimal>>)> {
        r.rows.iter().map(|row| (row.label.clone(), row.cells.iter().map(|c| c.value).collect())).collect()
    };
    a.panels == b.panels && key(a) == key(b)
}

/// Every way of giving each enumerated label its panel (see [`read`]), into
/// `out`; false when there are more than a few dozen.
fn panels_of(labels: &[(u32, &str, usize, usize)], last: &mut Vec<u32>, cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) -> bool {
    let Some(((n, ..), rest)) = labels.split_first() else {
        out.push(cur.clone());
        return out.len() <= 64;
    };
    let open: Vec<usize> = match n {
        1 => vec![last.len()],
        _ => (0..last.len()).filter(|k| last[*k] + 1 == *n).collect(),
    };
    for p in open {
        let keep = last.get(p).copied();
        match keep {
            Some(_) => last[p] = *n,
            None => last.push(1),
        }
        cur.push(p);
        let ok = panels_of(rest, last, cur, out);
        cur.pop();
        match keep {
            Some(k) => last[p] = k,
            None => {
                last.pop();
            }
        }
        if !ok {
            return false;
        }
    }
    true
}

/// The one reading of the amounts with the labels in the panels given;
/// Err when several give different amounts.
fn placed(
    labels: &[(u32, &str, usize, usize)],
    panel_of: &[usize],
    totals: &[(&str, usize, usize)],
    amounts: &[(Decimal, usize)],
) -> Result<Placed, Refusal> {
    let n = panel_of.iter().max().map_or(0, |m| m + 1);
    // Two panels or more, each closed by its own 合计, after its rows.
    if n < 2 || totals.len() != n || labels.iter().zip(panel_of).any(|(l, p)| totals[*p].1 < l.2 || !belongs(l.1, totals[*p].0)) {
        return Ok(Placed::Unshaped);
    }
    // Slots in panel order, each panel's 合计 last: the rows as printed.
    let mut slots: Vec<Slot> = Vec::new();
    let mut panels = Vec::new();
    let mut ids: Vec<(usize, Vec<usize>)> = Vec::new();
    for (p, total) in totals.iter().enumerate() {
        let start = slots.len();
        let rows = labels.iter().zip(panel_of).filter(|(_, q)| **q == p);
        slots.extend(rows.map(|(l, _)| Slot { label: l.1, at: l.2, line: l.3, panel: p }));
        let parts: Vec<usize> = (start..slots.len()).collect();
        slots.push(Slot { label: total.0, at: total.1, line: total.2, panel: p });
        ids.push((slots.len() - 1, parts));
        panels.push(start..slots.len());
    }
    // Every placement: amounts in order, each after its label, each panel's
    // in its rows' order; a reading is the amounts the rows get.
    let mut readings: Vec<Vec<Option<Decimal>>> = Vec::new();
    let mut tried = 0usize;
    let mut values: Vec<Option<Decimal>> = vec![None; slots.len()];
    let mut next: Vec<usize> = panels.iter().map(|r| r.start).collect();
    if !place(amounts, &slots, &panels, &ids, &mut values, &mut next, &mut readings, &mut tried) {
        return Err(Refusal::Ambiguous);
    }
    let Some(first) = readings.first() else { return Ok(Placed::Unsummed) };
    if readings.iter().any(|r| r != first) {
        return Err(Refusal::Ambiguous);
    }
    let rows = slots
        .iter()
        .zip(first)
        .map(|(s, v)| {
            let mut cells = vec![Cell::blank(s.line); n];
            cells[s.panel] = Cell { value: *v, source_line: s.line };
            Row { code: None, label: s.label.to_string(), line: None, cells, source_line: s.line }
        })
        .collect();
    Ok(Placed::Read(Read { rows, panels }))
}

/// Places `amounts` from the first on (see [`read`]); false when more than
/// [`CAP`] placements were tried, or two readings that differ were found.
#[allow(clippy::too_many_arguments)]
fn place(
    amounts: &[(Decimal, usize)],
    slots: &[Slot],
    panels: &[std::ops::Range<usize>],
    ids: &[(usize, Vec<usize>)],
    placed: &mut Vec<Option<Decimal>>,
    next: &mut Vec<usize>,
    readings: &mut Vec<Vec<Option<Decimal>>>,
    tried: &mut usize,
) -> bool {
    *tried = tried.saturating_add(1);
    if *tried > CAP {
        return false;
    }
    let Some(((d, at), rest)) = amounts.split_first() else {
        // Every panel's 合计 printed and its rows' sum.
        let sums = ids.iter().all(|(t, _)| placed[*t].is_some()) && super::sangong::holds(placed, ids);
        if sums && !readings.contains(placed) {
            readings.push(placed.clone());
        }
        // (Two readings that differ: no need to look further.)
        return readings.len() < 2;
    };
    for (p, range) in panels.iter().enumerate() {
        for k in next[p]..range.end {
            if slots[k].at > *at {
                break;
            }
            let keep = next[p];
            placed[k] = Some(*d);
            next[p] = k + 1;
            let ok = place(rest, slots, panels, ids, placed, next, readings, tried);
            next[p] = keep;
            placed[k] = None;
            if !ok {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{enumeration, read, Refusal};
    use rust_decimal::Decimal;

    fn lines(cells: &str) -> Vec<(usize, &str)> {
        cells.split('|').enumerate().map(|(i, c)| (i + 1, c)).collect()
    }

    /// (label, amount in its panel's column) per row.
    fn rows(cells: &str) -> Result<Vec<(String, Option<String>)>, Refusal> {
        let r = read(&lines(cells))?;
        Ok(r.rows.iter().map(|row| (row.label.clone(), row.cells.iter().find_map(|c| c.value).map(|v| v.to_string()))).collect())
    }

    fn expect(v: &[(&str, &str)]) -> Vec<(String, Option<String>)> {
        v.iter().map(|(l, a)| (l.to_string(), (!a.is_empty()).then(|| a.to_string()))).collect()
    }

    /// 09's 财政拨款收支预算总表 as a viewer copies it (its figures).
    const INTERLEAVED: &str = "江苏省人大常委会办公厅|收入|支出|支出用途|项目名称|金额|项目名称|一、一般公共预算|18,330.37 一、基本支出|9,312.90|二、项目支出|6,459.58|三、单位预留机动经费|2,557.89|二、政府性基金预算|收入合计|金额|18,330.37|支出合计|18,330.37";

    #[test]
    fn enumerations_are_read_as_numbers() {
        assert_eq!(enumeration("一、一般公共预算"), Some(1));
        assert_eq!(enumeration("十、节能环保支出"), Some(10));
        assert_eq!(enumeration("二十一、其他支出"), Some(21));
        assert_eq!(enumeration("一般公共预算"), None);
        assert_eq!(enumeration("一、"), None);
    }

    #[test]
    fn panels_interleaved_row_by_row_are_read_by_their_enumerations_and_totals() {
        let got = rows(INTERLEAVED).expect("read");
        assert_eq!(
            got,
            expect(&[
                ("一、一般公共预算", "18330.37"),
                ("二、政府性基金预算", ""),
                ("收入合计", "18330.37"),
                ("一、基本支出", "9312.90"),
                ("二、项目支出", "6459.58"),
                ("三、单位预留机动经费", "2557.89"),
                ("支出合计", "18330.37"),
            ])
        );
        let r = read(&lines(INTERLEAVED)).expect("read");
        assert_eq!(r.panels, [0..3, 3..7]);
        assert!(r.rows.iter().all(|row| row.cells.len() == 2));
    }

    /// 07's copy prints the panels one after the other, a page number
    /// between.
    #[test]
    fn panels_printed_one_after_the_other_read_the_same() {
        let cells = "收入|支出|支出用途|项目名称|金额|项目名称|一、一般公共预算|15897.44|二、政府性基金预算|收入合计|15897.44|10|金额|一、基本支出|7877.76|二、项目支出|6333.96|三、单位预留机动经费|1685.72|支出合计|15897.44";
        let got = rows(cells).expect("read");
        assert_eq!(got[0], ("一、一般公共预算".to_string(), Some("15897.44".to_string())));
        assert_eq!(got[5], ("三、单位预留机动经费".to_string(), Some("1685.72".to_string())));
    }

    /// 13's copy prints 单位预留机动经费's amount after "支出合计": placed
    /// back by the sum, the only placement that keeps it.
    #[test]
    fn an_amount_printed_after_a_later_label_is_placed_by_the_sums() {
        let cells = "收入|支出|支出用途|项目名称|金额|项目名称|一、一般公共预算|20,702.25 一、基本支出|9,964.07|二、项目支出|10,541.46|二、政府性基金预算|三、单位预留机动经费|收入合计|金额|20,702.25|支出合计|196.72|20,702.25";
        let got = rows(cells).expect("read");
        assert_eq!(got[5], ("三、单位预留机动经费".to_string(), Some("196.72".to_string())));
        assert_eq!(got[6], ("支出合计".to_string(), Some("20702.25".to_string())));
    }

    /// Labels letter-spaced as headings are ("一 、 基 本 支 出") read whole.
    #[test]
    fn labels_spread_a_character_a_word_read_whole() {
        let spread =
            INTERLEAVED.replace("|三、单位预留机动经费|", "|三 、 单 位 预 留 机 动 经 费|").replace("|收入合计|", "|收 入 合 计|");
        assert_eq!(rows(&spread), rows(INTERLEAVED));
    }

    #[test]
    fn sums_no_placement_keeps_are_not_read() {
        let broken = INTERLEAVED.replace("2,557.89", "2,557.80");
        assert_eq!(rows(&broken).err(), Some(Refusal::Sums));
    }

    /// Two rows of one panel, one blank, whose amount could be either's:
    /// not read.
    #[test]
    fn an_amount_two_rows_could_take_is_not_read() {
        let cells = "一、一般公共预算|一、基本支出|二、政府性基金预算|100.00|二、项目支出|60.00|40.00|收入合计|100.00|支出合计|100.00";
        assert_eq!(rows(cells).err(), Some(Refusal::Ambiguous));
    }

    /// 10's copy: its table over two pages, 政府性基金预算 blank beside
    /// 项目支出. Either "二、" could continue either panel, and the sums hold
    /// both ways; the rows' words tell them apart.
    #[test]
    fn which_panel_a_row_continues_is_told_by_its_words_where_the_sums_cannot() {
        let cells = "一、一般公共预算|17,981.68 一、基本支出|11|金额|12,308.48|二、政府性基金预算|二、项目支出|5,533.00|三、单位预留机动经费|收入合计|17,981.68|140.20|支出合计|17,981.68";
        let got = rows(cells).expect("read");
        assert_eq!(got[1], ("二、政府性基金预算".to_string(), None));
        assert_eq!(got[4], ("二、项目支出".to_string(), Some("5533.00".to_string())));
        assert_eq!(got[5], ("三、单位预留机动经费".to_string(), Some("140.20".to_string())));
    }

    /// A row the grammar does not know (上年结转, unenumerated), a chain
    /// broken, or a panel without its 合计: not read.
    #[test]
    fn what_the_grammar_does_not_know_is_not_read() {
        assert_eq!(rows(&INTERLEAVED.replace("|收入合计|", "|上年结转资金|收入合计|")).err(), Some(Refusal::Shape));
        assert_eq!(rows(&INTERLEAVED.replace("三、单位预留", "四、单位预留")).err(), Some(Refusal::Shape));
        assert_eq!(rows(&INTERLEAVED.replace("|支出合计|", "|")).err(), Some(Refusal::Shape));
    }

    /// Thousands of rows are no summary: refused at once, without
    /// recursing once per amount.
    #[test]
    fn a_block_of_thousands_of_rows_is_refused_at_once() {
        let mut cells = String::from("一、一般公共预算|一、基本支出");
        for _ in 0..5_000 {
            cells.push_str("|1.00");
        }
        cells.push_str("|收入合计|支出合计");
        assert_eq!(rows(&cells).err(), Some(Refusal::Shape));
    }

    #[test]
    fn amounts_are_exact_decimals() {
        let r = read(&lines(INTERLEAVED)).expect("read");
        assert_eq!(r.rows[0].cells[0].value, Some(Decimal::from_str_exact("18330.37").expect("decimal")));
    }
}
