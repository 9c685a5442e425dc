//! 公开06表 一般公共预算财政拨款基本支出决算明细表: economic classification.
//!
//! Each printed line holds up to three (科目编码, 科目名称, 金额) triples side by
//! side (人员经费 | 公用经费 | 公用经费). Empty amounts are tab-empty (TAB layout)
//! or dropped (PDF text), names wrap over lines, and panels run out at
//! different heights, so column positions mean nothing. What survives every
//! layout is the token order: an amount belongs to the code+name right before
//! it, and a code+name followed by another code is blank. The panel (and so
//! 人员/公用 membership) comes from the code prefix.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::tokens::{tokenize_into, Tok};
use crate::model::{Cell, ReadProblem, Row, Table};
use crate::segment::is_note;
use crate::text::search;
use crate::text::Line;

/// Label of the 人员经费 total on the footer line.
pub const PERSONNEL_TOTAL: &str = "人员经费合计";
/// Label of the 公用经费 total on the footer line.
pub const PUBLIC_TOTAL: &str = "公用经费合计";

/// One code+name (or total label) as read, with its amount if one followed.
#[derive(Debug, Clone)]
struct Entry {
    /// The economic code; None for the two totals.
    code: Option<String>,
    label: String,
    amount: Option<(Decimal, usize)>,
    source_line: usize,
}

/// Reads the body of a 06 table into rows: one per economic code (panel 1
/// codes top to bottom, then panel 2, then panel 3), then 人员经费合计 and
/// 公用经费合计. One column, "金额". `yuan`: the table is in 元, whose
/// amounts may be integers: where an integer is not a code, the table is read
/// again taking integers as amounts where they cannot be codes
/// ([`read_with`]); where even that cannot tell them apart, it is not read
/// (no rows, one problem saying why) rather than read with its amounts blank.
/// Also returns how many amounts no entry could hold (set aside).
pub fn read(lines: &[Line], table: &str, yuan: bool) -> (Vec<Row>, Vec<ReadProblem>, usize) {
    let first = read_with(lines, table, None);
    // In 元 a code printed twice may be an amount printed like a code.
    let twice = || {
        let mut seen = std::collections::HashSet::new();
        first
            .entries
            .iter()
            .find(|e| e.code.as_deref().is_some_and(|c| !seen.insert(c)))
            .map(|e| (e.source_line, e.code.as_deref().and_then(|c| c.parse().ok()).unwrap_or(0)))
    };
    let unknown = first.unknown.or_else(|| if yuan { twice() } else { None });
    match (first, unknown) {
        (_, Some((line, n))) if yuan => match read_with(lines, table, Some(&integers_of(lines))) {
            Pass { entries, mut problems, unknown: None, set_aside } => (to_rows(entries, table, &mut problems), problems, set_aside),
            _ => (Vec::new(), vec![super::two_sided::integers_in_yuan(table, line, n)], 0),
        },
        (Pass { entries, mut problems, set_aside, .. }, _) => (to_rows(entries, table, &mut problems), problems, set_aside),
    }
}

/// What one reading of a 06 body gives.
struct Pass {
    entries: Vec<Entry>,
    problems: Vec<ReadProblem>,
    /// The first integer neither a code nor (in 元) an amount: (line, value).
    unknown: Option<(usize, u64)>,
    /// Amounts no entry could hold.
    set_aside: usize,
}

/// How many times each integer is printed in a table body (codes split off
/// their names as the reader splits them).
fn integers_of(lines: &[Line]) -> HashMap<u64, u32> {
    let mut counts: HashMap<u64, u32> = HashMap::new();
    let (mut toks, mut split): (Vec<Tok>, Vec<Tok>) = (Vec::new(), Vec::new());
    for l in lines {
        tokenize_into(&l.text, &mut toks);
        split_codes(toks.drain(..), &mut split);
        for t in split.drain(..) {
            if let Tok::Int(n) = t {
                let c = counts.entry(n).or_default();
                *c = c.saturating_add(1);
            }
        }
    }
    counts
}

/// Reads the entries; the third value is the first integer that was neither
/// a code nor (with `integers`, the table in 元, counted) an amount. In 元
/// an integer after a name is its amount unless it is shaped as a code, later
/// in its panel than the last one, and a name follows it (a code ending its
/// line is named on the next); one that could be
/// either and is printed more than once, or a code left without a name, is
/// unknown.
fn read_with(lines: &[Line], table: &str, integers: Option<&HashMap<u64, u32>>) -> Pass {
    let mut entries: Vec<Entry> = Vec::new();
    let mut problems = Vec::new();
    // Amounts no entry could hold.
    let mut set_aside = 0usize;
    let mut integer: Option<(usize, u64)> = None;
    // In 元, the last code of each panel: codes run upward in a panel.
    let mut last_code: [Option<String>; 3] = [None, None, None];
    let problem = |msg: String, line: usize| ReadProblem { table: Some(table.to_string()), message: msg, source_line: Some(line) };
    // Two token buffers for every line: as tokenised, and with codes split off.
    let (mut toks, mut split): (Vec<Tok>, Vec<Tok>) = (Vec::new(), Vec::new());
    // The entries without a code (人员经费合计, 公用经费合计), counted as
    // they are pushed: counting them per line would be quadratic.
    let mut totals = 0usize;
    for l in lines {
        let sq = l.squeezed.as_str();
        // Both unit tests need a colon.
        let names_unit = l.colon && (super::names_unit_or_department(sq) || search::contains(sq, "单位:"));
        if sq.is_empty() || names_unit || is_header_line(sq) {
            continue;
        }
        if is_note(sq) {
            // Some templates print the note above the table (bigdata 07/08).
            if entries.is_empty() {
                continue;
            }
            break;
        }
        tokenize_into(&l.text, &mut toks);
        split_codes(toks.drain(..), &mut split);
        let mut toks_of_line = split.drain(..).peekable();
        while let Some(tok) = toks_of_line.next() {
            // In 元 a code is told from an amount by the name after it (or
            // on the next line, a code ending its line).
            let named = matches!(toks_of_line.peek(), Some(Tok::Text(_)) | None);
            match tok {
                // is_code of the digits, without writing them out for every integer.
                Tok::Int(n) if integers.is_none() && matches!(n, 100..=999 | 10_000..=99_999) && super::coded::is_code_int(n, &['3']) => {
                    entries.push(Entry { code: Some(n.to_string()), label: String::new(), amount: None, source_line: l.no });
                }
                Tok::Int(n) if integers.is_some() => {
                    let shaped = matches!(n, 100..=999 | 10_000..=99_999) && super::coded::is_code_int(n, &['3']);
                    let code = n.to_string();
                    let k = usize::from(panel(&code)).min(2);
                    let later = shaped && named && last_code[k].as_deref().is_none_or(|c| code.as_str() > c);
                    // A name printed, its amount not yet: an integer may be the amount.
                    let awaiting = entries.last().is_some_and(|e| e.amount.is_none() && (e.code.is_none() || !e.label.is_empty()));
                    let once = integers.is_some_and(|c| c.get(&n).copied().unwrap_or(0) <= 1);
                    if later && (!awaiting || once) {
                        last_code[k] = Some(code.clone());
                        entries.push(Entry { code: Some(code), label: String::new(), amount: None, source_line: l.no });
                    } else if awaiting && !later {
                        if let Some(e) = entries.last_mut() {
                            e.amount = Some((Decimal::from(n), l.no));
                        }
                    } else {
                        integer = integer.or(Some((l.no, n)));
                    }
                }
                Tok::Int(n) => {
                    integer = integer.or(Some((l.no, n)));
                    problems.push(problem(format!("第{}行的数字 {n} 不是经济分类科目编码，已忽略", l.no), l.no))
                }
                Tok::Text(t) => {
                    for piece in split_totals(&t) {
                        match piece {
                            Piece::Total(label) => {
                                totals = totals.saturating_add(1);
                                entries.push(Entry { code: None, label: label.to_string(), amount: None, source_line: l.no })
                            }
                            Piece::Text(s) => match entries.last_mut() {
                                // A name (or its wrapped rest) before the amount.
                                Some(e) if e.code.is_some() && e.amount.is_none() => e.label.push_str(s),
                                // Titles and captions before the first code.
                                None => {}
                                Some(_) => problems.push(problem(format!("第{}行的文字“{s}”不属于任何科目，已忽略", l.no), l.no)),
                            },
                        }
                    }
                }
                Tok::Amount(d) => match entries.last_mut() {
                    Some(e) if e.amount.is_none() => e.amount = Some((d, l.no)),
                    _ => {
                        set_aside = set_aside.saturating_add(1);
                        problems.push(problem(format!("第{}行的金额 {d} 前面没有科目编码和名称，无法确定它属于哪一项，已忽略", l.no), l.no))
                    }
                },
                // An empty tab cell says nothing about which entry is blank.
                Tok::Blank => {}
            }
        }
        if totals >= 2 {
            // The footer ends the table; what follows belongs to the next one.
            break;
        }
    }
    // In 元 a code without a name may be an amount taken for a code.
    if integers.is_some() {
        if let Some(e) = entries.iter().find(|e| e.code.is_some() && e.label.is_empty()) {
            integer = integer.or(Some((e.source_line, 0)));
        }
    }
    Pass { entries, problems, unknown: integer, set_aside }
}

/// Orders the entries into the normalised rows and checks the totals.
fn to_rows(entries: Vec<Entry>, table: &str, problems: &mut Vec<ReadProblem>) -> Vec<Row> {
    let row = |e: Entry| Row {
        code: e.code,
        label: e.label,
        line: None,
        cells: vec![match e.amount {
            Some((d, ln)) => Cell { value: Some(d), source_line: ln },
            None => Cell::blank(e.source_line),
        }],
        source_line: e.source_line,
    };
    // The entries are moved into the rows, not copied: coded ones in panel
    // order, the totals (the rest, in reading order) looked up by label.
    let (coded, mut totals) = by_panel(entries);
    if coded.is_empty() {
        return Vec::new();
    }
    // One problem per code printed more than once (at its second line),
    // with its count: a table repeated in place would otherwise give one
    // per row, most of a check's time spent writing them.
    for (c, n, line) in repeated_codes(&coded) {
        let times = if n == 2 { "两".to_string() } else { n.to_string() };
        problems.push(ReadProblem {
            table: Some(table.to_string()),
            message: format!("公开{table}表的科目编码 {c} 出现了{times}次，各次都已保留"),
            source_line: Some(line),
        });
    }
    let mut rows: Vec<Row> = Vec::with_capacity(coded.len() + 2);
    rows.extend(coded.into_iter().map(row));
    for label in [PERSONNEL_TOTAL, PUBLIC_TOTAL] {
        let mut found = totals.iter_mut().filter(|e| e.label == label);
        match found.next() {
            // Each label's first entry is taken once (the labels differ).
            Some(e) => rows.push(row(Entry { code: None, label: std::mem::take(&mut e.label), ..*e })),
            None => {
                let last = rows.last().map_or(0, |r| r.source_line);
                problems.push(ReadProblem {
                    table: Some(table.to_string()),
                    message: format!("公开{table}表没有找到“{label}”"),
                    source_line: None,
                });
                rows.push(Row { code: None, label: label.to_string(), line: None, cells: vec![Cell::blank(last)], source_line: last });
            }
        }
        if let Some(e) = found.next() {
            problems.push(ReadProblem {
                table: Some(table.to_string()),
                message: format!("公开{table}表的“{label}”出现了不止一次，只用了第一次"),
                source_line: Some(e.source_line),
            });
        }
    }
    rows
}

/// The coded entries in [`panel`] order, reading order kept inside each
/// panel (a stable sort by panel), and the others in reading order: one
/// pass into a list per panel, where a sort moved each entry about log n
/// times (the panels are printed side by side, so their entries interleave).
fn by_panel(entries: Vec<Entry>) -> (Vec<Entry>, Vec<Entry>) {
    let mut panels: [Vec<Entry>; 3] = Default::default();
    let mut others = Vec::new();
    for e in entries {
        let [first, second, third] = &mut panels;
        match e.code.as_deref().map(panel) {
            Some(0) => first.push(e),
            Some(1) => second.push(e),
            Some(_) => third.push(e),
            None => others.push(e),
        }
    }
    let [mut coded, second, third] = panels;
    coded.reserve(second.len().saturating_add(third.len()));
    coded.extend(second);
    coded.extend(third);
    (coded, others)
}

/// The codes of `coded` (in [`by_panel`] order) printed more than once, in
/// the order of their second printing: (code, times printed, line of the
/// second printing).
fn repeated_codes(coded: &[Entry]) -> Vec<(&str, u32, usize)> {
    // A code's panel is fixed by its prefix, so equal codes share a panel;
    // codes that run upward within each panel, as the template prints
    // them, are then all different: told by one look at each neighbour,
    // without counting every code in a map.
    let upward = coded.windows(2).all(|w| match w {
        [a, b] => a.code.as_deref().map(panel) != b.code.as_deref().map(panel) || a.code < b.code,
        _ => true,
    });
    if upward {
        return Vec::new();
    }
    repeated_codes_by_map(coded)
}

/// [`repeated_codes`] by counting every code: for any order, and the
/// definition its look at neighbours is held to.
fn repeated_codes_by_map(coded: &[Entry]) -> Vec<(&str, u32, usize)> {
    let mut seen: HashMap<&str, (u32, usize)> = HashMap::with_capacity(coded.len());
    let mut repeated: Vec<&str> = Vec::new();
    for e in coded {
        if let Some(c) = &e.code {
            let (n, line) = seen.entry(c.as_str()).or_insert((0, e.source_line));
            *n = n.saturating_add(1);
            if *n == 2 {
                *line = e.source_line;
                repeated.push(c.as_str());
            }
        }
    }
    repeated.into_iter().map(|c| seen.get(c).map_or((c, 0, 0), |(n, line)| (c, *n, *line))).collect()
}

/// The value printed for an economic code in a read 06 table: None when the
/// code is not listed, Some(None) when it is listed blank.
pub fn value_of(t: &Table, code: &str) -> Option<Option<Decimal>> {
    t.rows.iter().find(|r| r.code.as_deref() == Some(code)).map(|r| r.value(0))
}

/// An economic classification code: 类 (3 digits) or 款 (5 digits), 3xx.
pub fn is_code(s: &str) -> bool {
    (s.len() == 3 || s.len() == 5) && s.starts_with('3') && s.bytes().all(|b| b.is_ascii_digit())
}

/// The panel a code is printed in: 0 人员经费 (301, 303), 1 公用经费 302,
/// 2 the other 公用经费 groups (307, 310, 312, 399, …).
pub fn panel(code: &str) -> u8 {
    match code.get(..3) {
        Some("301") | Some("303") => 0,
        Some("302") => 1,
        _ => 2,
    }
}

/// A caption line ("人员经费 公用经费", "科目编码 科目名称 金额" ×3, and the
/// bigdata split "科目" / "编码" / "科目名称 金额"), repeated after page breaks.
fn is_header_line(sq: &str) -> bool {
    // Removing the words leaves every other character in place: a line with
    // one character none of them holds (a digit, most rows) is not a caption,
    // decided without the copies below.
    let in_words =
        |c| matches!(c, '人' | '员' | '经' | '费' | '公' | '用' | '科' | '目' | '编' | '码' | '代' | '名' | '称' | '金' | '额' | '项');
    if !sq.chars().all(in_words) {
        return false;
    }
    let mut rest = sq.to_string();
    for w in ["人员经费", "公用经费", "科目编码", "科目代码", "科目名称", "科目", "编码", "代码", "名称", "金额", "项目"]
    {
        // A word the caption lacks leaves it as it is: no copy.
        if search::contains(&rest, w) {
            rest = rest.replace(w, "");
        }
    }
    rest.is_empty()
}

/// A piece of a text token: plain text or one of the two total labels.
enum Piece<'a> {
    Text(&'a str),
    Total(&'static str),
}

/// Splits text at the total labels, which may be glued to each other when an
/// amount is missing ("人员经费合计公用经费合计").
fn split_totals(t: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = t;
    loop {
        // search::find, not str::find: no searcher set up per token.
        let next = [PERSONNEL_TOTAL, PUBLIC_TOTAL].into_iter().filter_map(|l| search::find(rest, l).map(|i| (i, l))).min();
        match next {
            Some((i, label)) => {
                if i > 0 {
                    out.push(Piece::Text(&rest[..i]));
                }
                out.push(Piece::Total(label));
                rest = &rest[i + label.len()..];
            }
            None => {
                if !rest.is_empty() {
                    out.push(Piece::Text(rest));
                }
                return out;
            }
        }
    }
}

/// Splits a code glued to its name ("301工资福利支出", as a TAB cell holding
/// "301 工资福利支出" is tokenised) into the code and the name: `toks` into
/// `out`, which it only appends to.
fn split_codes<'a>(toks: impl Iterator<Item = Tok<'a>>, out: &mut Vec<Tok<'a>>) {
    for t in toks {
        match t {
            Tok::Text(s) => {
                let digits = s.bytes().take_while(u8::is_ascii_digit).count();
                let code = &s[..digits];
                let name = &s[digits..];
                let starts_name = name.chars().next().is_some_and(|c| !c.is_ascii());
                match (is_code(code) && starts_name, code.parse::<u64>()) {
                    (true, Ok(n)) => {
                        out.push(Tok::Int(n));
                        out.push(Tok::Text(name.to_string().into()));
                    }
                    _ => out.push(Tok::Text(s)),
                }
            }
            other => out.push(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise;

    fn read_text(s: &str) -> (Vec<(String, String, String)>, Vec<ReadProblem>) {
        let (rows, problems, _) = read(&normalise(s), "06", false);
        let rows = rows
            .iter()
            .map(|r| (r.code.clone().unwrap_or_default(), r.label.clone(), r.value(0).map(|d| d.to_string()).unwrap_or_default()))
            .collect();
        (rows, problems)
    }

    fn r(c: &str, l: &str, v: &str) -> (String, String, String) {
        (c.into(), l.into(), v.into())
    }

    #[test]
    fn dropped_amounts_stay_with_the_code_before_them() {
        let (rows, p) = read_text("30106 伙食补助费 30204 手续费 0.01 30704 国外债务发行费用\n人员经费合计 1.00 公用经费合计 0.01");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(
            rows,
            vec![
                r("30106", "伙食补助费", ""),
                r("30204", "手续费", "0.01"),
                r("30704", "国外债务发行费用", ""),
                r("", "人员经费合计", "1.00"),
                r("", "公用经费合计", "0.01"),
            ]
        );
    }

    #[test]
    fn a_code_printed_again_is_one_problem_with_its_count() {
        let (rows, p) = read_text(
            "30101 基本工资 1.00 30101 基本工资 1.00 30101 基本工资 1.00 30201 办公费 0.50 30201 办公费 0.50\n人员经费合计 3.00 公用经费合计 1.00",
        );
        assert_eq!(rows.len(), 7, "every row is kept");
        let messages: Vec<(&str, Option<usize>)> = p.iter().map(|p| (p.message.as_str(), p.source_line)).collect();
        assert_eq!(
            messages,
            vec![
                ("公开06表的科目编码 30101 出现了3次，各次都已保留", Some(1)),
                ("公开06表的科目编码 30201 出现了两次，各次都已保留", Some(1)),
            ]
        );
    }

    /// [`by_panel`] is the partition into coded entries and others, then a
    /// stable sort of the coded ones by [`panel`]: over entries of every
    /// panel and none, in sampled orders.
    #[test]
    fn entries_by_panel_are_a_stable_sort_by_panel() {
        // Each piece ends in a space: a text splits into its pieces.
        let codes = ["301 ", "30101 ", "302 ", "30201 ", "303 ", "307 ", "310 ", "31002 ", "399 ", "3 ", "30 ", " "];
        for text in crate::text::stream::sample_texts(&codes, 400) {
            let entries: Vec<Entry> = text
                .split([' ', '\n'])
                .enumerate()
                .map(|(i, c)| Entry { code: (!c.is_empty()).then(|| c.to_string()), label: i.to_string(), amount: None, source_line: i })
                .collect();
            let key = |e: &Entry| (e.code.clone(), e.label.clone());
            let (mut want, want_others): (Vec<Entry>, Vec<Entry>) = entries.clone().into_iter().partition(|e| e.code.is_some());
            want.sort_by_key(|e| panel(e.code.as_deref().unwrap_or_default()));
            let (got, others) = by_panel(entries);
            assert_eq!(got.iter().map(key).collect::<Vec<_>>(), want.iter().map(key).collect::<Vec<_>>(), "{text:?}");
            assert_eq!(others.iter().map(key).collect::<Vec<_>>(), want_others.iter().map(key).collect::<Vec<_>>(), "{text:?}");
        }
    }

    /// [`repeated_codes`] is [`repeated_codes_by_map`]: over entries in
    /// panel order, codes upward, repeated, and out of order.
    #[test]
    fn repeated_codes_are_those_the_map_counts() {
        // Each piece ends in a space: a text splits into its pieces.
        let codes = ["301 ", "30101 ", "30102 ", "302 ", "30201 ", "303 ", "307 ", "310 ", "31002 ", "399 ", "3 "];
        let mut upward = 0;
        for text in crate::text::stream::sample_texts(&codes, 1500) {
            let entries: Vec<Entry> = text
                .split([' ', '\n'])
                .filter(|c| !c.is_empty())
                .enumerate()
                .map(|(i, c)| Entry { code: Some(c.to_string()), label: String::new(), amount: None, source_line: i })
                .collect();
            let (coded, _) = by_panel(entries);
            let want = repeated_codes_by_map(&coded);
            assert_eq!(repeated_codes(&coded), want, "{text:?}");
            upward += usize::from(want.is_empty());
        }
        // Sorted within each panel: the neighbours' look decides.
        for k in 1..codes.len() {
            let mut sorted: Vec<&str> = codes.iter().take(k).map(|c| c.trim()).collect();
            sorted.sort_unstable();
            let entries =
                sorted.iter().map(|c| Entry { code: Some(c.to_string()), label: String::new(), amount: None, source_line: 0 }).collect();
            let (coded, _) = by_panel(entries);
            assert_eq!(repeated_codes(&coded), Vec::new());
        }
        assert!(upward > 10, "{upward}");
    }

    #[test]
    fn panels_come_from_the_code_prefix() {
        let (rows, _) = read_text("30299 其他 1.00 31299 其他对企业补助\n399 其他支出\n30301 离休费 2.00");
        let codes: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(codes, vec!["30301", "30299", "31299", "399", "", ""]);
    }

    #[test]
    fn tab_footer_value_far_from_its_label() {
        let (rows, p) = read_text("30299\t其他商品和服务支出\t175.68\n\t人员经费合计\t4,244.74\t公用经费合计\t\t\t\t\t685.77");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(rows[1], r("", "人员经费合计", "4244.74"));
        assert_eq!(rows[2], r("", "公用经费合计", "685.77"));
    }

    #[test]
    fn glued_code_and_name_in_a_tab_cell() {
        let (rows, _) = read_text("301 工资福利支出\t3,755.44\t302 商品和服务支出\t\t307\t债务利息及费用支出\t");
        assert_eq!(rows[0], r("301", "工资福利支出", "3755.44"));
        assert_eq!(rows[1], r("302", "商品和服务支出", ""));
        assert_eq!(rows[2], r("307", "债务利息及费用支出", ""));
    }

    #[test]
    fn missing_totals_and_stray_amounts_are_problems() {
        let (rows, p) = read_text("30101 基本工资 1.00 2.00");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1], r("", "人员经费合计", ""));
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].message.contains("2.00"));
    }

    #[test]
    fn a_note_above_the_table_does_not_end_it() {
        let (rows, _) =
            read_text("注：本表反映基本支出。\n30101 基本工资 1.00\n人员经费合计 1.00 公用经费合计\n注：完\n30102 津贴补贴 2.00");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0], r("30101", "基本工资", "1.00"));
    }

    #[test]
    fn headers_are_recognised() {
        for h in ["人员经费公用经费", "科目代码科目名称金额科目代码科目名称金额", "科目", "编码", "科目名称金额"]
        {
            assert!(is_header_line(h), "{h}");
        }
        assert!(!is_header_line("人员经费合计"));
        assert!(!is_header_line("30101基本工资"));
    }
    /// A 06表 in 元 printing integers (示例市, made up; 烟台办公厅 2024 prints
    /// 劳务费 3.87 万元, 38700 元, shaped like a code): an integer after a
    /// name is its amount, a code is one later in its panel with a name after
    /// it; where an integer printed more than once could be either, the table
    /// is not read.
    #[test]
    fn integers_in_yuan_are_amounts_unless_named_as_codes() {
        let clear = "301 工资福利支出 120000 302 商品和服务支出 38700 399 其他支出 0\n30101 基本工资 120000 30226 劳务费 38700\n人员经费合计 120000 公用经费合计 38700\n";
        let (rows, problems, _) = read(&normalise(clear), "06", true);
        let got: Vec<_> = rows
            .iter()
            .map(|r| (r.code.clone().unwrap_or_default(), r.label.clone(), r.value(0).map(|d| d.to_string()).unwrap_or_default()))
            .collect();
        let want = [
            r("301", "工资福利支出", "120000"),
            r("30101", "基本工资", "120000"),
            r("302", "商品和服务支出", "38700"),
            r("30226", "劳务费", "38700"),
            r("399", "其他支出", "0"),
            r("", PERSONNEL_TOTAL, "120000"),
            r("", PUBLIC_TOTAL, "38700"),
        ];
        assert_eq!(got, want, "{problems:?}");
        // Every amount shaped as a code (30201 元), read first as codes: a code
        // printed twice sends it to be read in 元, where 30201 at a line's end
        // could be either.
        let shaped = "301 工资福利支出 30201 302 商品和服务支出 30201 399 其他支出 30201\n30101 基本工资 30201 30201 办公费 30201\n人员经费合计 30201 公用经费合计 30201\n";
        let (rows, problems, _) = read(&normalise(shaped), "06", true);
        assert!(rows.is_empty() && problems.len() == 1, "{rows:?} {problems:?}");
        // 302's amount printed as 30201 元 at the end of its line, and 办公费
        // 30201 below it: 30201 could be the amount or the code.
        let unclear = "301 工资福利支出 120000 302 商品和服务支出 30201\n30101 基本工资 120000 30201 办公费 30201\n人员经费合计 120000 公用经费合计 30201\n";
        let (rows, problems, _) = read(&normalise(unclear), "06", true);
        assert!(rows.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("本表未读取"), "{}", problems[0].message);
    }
}
