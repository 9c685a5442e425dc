//! 公开06表 一般公共预算财政拨款基本支出决算明细表: economic classification.
//!
//! Each printed line holds up to three (科目编码, 科目名称, 金额) triples side by
//! side (人员经费 | 公用经费 | 公用经费). Empty amounts are tab-empty (TAB layout)
//! or dropped (PDF text), names wrap over lines, and panels run out at
//! different heights, so column positions mean nothing. What survives every
//! layout is the token order: an amount belongs to the code+name right before
//! it, and a code+name followed by another code is blank. The panel (and so
//! 人员/公用 membership) comes from the code prefix.

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
/// amounts may be integers, which this reader cannot tell from codes: such a
/// table is not read (no rows, one problem saying why).
pub fn read(lines: &[Line], table: &str, yuan: bool) -> (Vec<Row>, Vec<ReadProblem>) {
    let mut entries: Vec<Entry> = Vec::new();
    let mut problems = Vec::new();
    // The first integer not a code: in 元, an amount.
    let mut integer: Option<(usize, u64)> = None;
    let problem = |msg: String, line: usize| ReadProblem { table: Some(table.to_string()), message: msg, source_line: Some(line) };
    // Two token buffers for every line: as tokenised, and with codes split off.
    let (mut toks, mut split): (Vec<Tok>, Vec<Tok>) = (Vec::new(), Vec::new());
    for l in lines {
        let sq = l.squeezed.as_str();
        if sq.is_empty() || super::names_unit_or_department(sq) || search::contains(sq, "单位:") || is_header_line(sq) {
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
        for tok in split.drain(..) {
            match tok {
                // is_code of the digits, without writing them out for every integer.
                Tok::Int(n) if matches!(n, 100..=999 | 10_000..=99_999) && super::coded::is_code_int(n, &['3']) => {
                    entries.push(Entry { code: Some(n.to_string()), label: String::new(), amount: None, source_line: l.no });
                }
                Tok::Int(n) => {
                    integer = integer.or(Some((l.no, n)));
                    problems.push(problem(format!("第{}行的数字 {n} 不是经济分类科目编码，已忽略", l.no), l.no))
                }
                Tok::Text(t) => {
                    for piece in split_totals(&t) {
                        match piece {
                            Piece::Total(label) => {
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
                        problems.push(problem(format!("第{}行的金额 {d} 前面没有科目编码和名称，无法确定它属于哪一项，已忽略", l.no), l.no))
                    }
                },
                // An empty tab cell says nothing about which entry is blank.
                Tok::Blank => {}
            }
        }
        let totals = entries.iter().filter(|e| e.code.is_none()).count();
        if totals >= 2 {
            // The footer ends the table; what follows belongs to the next one.
            break;
        }
    }
    if let (true, Some((line, n))) = (yuan, integer) {
        return (Vec::new(), vec![super::two_sided::integers_in_yuan(table, line, n)]);
    }
    (to_rows(entries, table, &mut problems), problems)
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
    let (mut coded, mut totals): (Vec<Entry>, Vec<Entry>) = entries.into_iter().partition(|e| e.code.is_some());
    if coded.is_empty() {
        return Vec::new();
    }
    // Stable: reading order is kept inside each panel.
    coded.sort_by_key(|e| panel(e.code.as_deref().unwrap_or_default()));
    let mut seen = std::collections::HashSet::new();
    for e in &coded {
        if let Some(c) = &e.code {
            if !seen.insert(c.as_str()) {
                problems.push(ReadProblem {
                    table: Some(table.to_string()),
                    message: format!("公开{table}表的科目编码 {c} 出现了不止一次，各次都已保留"),
                    source_line: Some(e.source_line),
                });
            }
        }
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
        let (rows, problems) = read(&normalise(s), "06", false);
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
}
