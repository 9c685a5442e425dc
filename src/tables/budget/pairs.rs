//! Economic-classification tables keyed by (部门经济分类, 政府经济分类) code
//! pairs: "301 01 基本工资 501 01 工资奖金津补贴 532.41 532.41".
//!
//! A 部门 code (3xx) starts a row; the 政府 code (5xx) that follows and then
//! the amounts complete it. A row may wrap between the two code systems
//! ("301 08" / name fragments / "501 02 社会保障缴费 156.44 156.44"). The same
//! 部门 code appears in several groups (301 under 501 机关 and under 505 对事业
//! 单位补助), so the row key is the pair, written "30101/50101", and a class
//! row's items are the rows after it up to the next class row.

use std::borrow::Cow;

use super::sides::candidates;
use super::Read;
use rust_decimal::Decimal;

use crate::model::{Cell, ReadProblem, Row};
use crate::tables::coded::{is_code_int, join_split_codes};
use crate::tables::tokens::{tokenize_into, Tok};
use crate::text::Line;

struct Pair {
    dept: String,
    dept_name: String,
    gov: Option<String>,
    gov_name: String,
    amounts: Vec<Cell>,
    line: usize,
}

/// Reads the rows of a code-pair table with `ncols` value columns. `yuan`:
/// the table is in 元, whose amounts may be integers shaped like a code
/// ("5324100", "300"): an integer is then a code only where a label follows
/// it, or where it stands alone on its line as the next code a row needs (a
/// 部门 code while no row waits for its amounts, a 政府 code while the row
/// has none); otherwise it is an amount. 栏次 lines are skipped.
pub fn read(body: &[Line], ncols: usize, table: &str, yuan: bool) -> Read {
    let mut pairs: Vec<Pair> = Vec::new();
    let mut problems = Vec::new();
    let mut set_aside = 0usize;
    let problem = |m: String, line: usize| ReadProblem { table: Some(table.to_string()), message: m, source_line: Some(line) };
    // One token buffer for the lines that need no join (most: they borrow
    // the line); a joined line has a vector of its own.
    let mut buf: Vec<Tok> = Vec::new();
    let skip: &[&str] = if yuan { &["栏次"] } else { &[] };
    for l in super::body_lines(body, skip) {
        let joined = join_split_codes(&l.text);
        let mut own = Vec::new();
        let toks = match &joined {
            Cow::Borrowed(line) => {
                tokenize_into(line, &mut buf);
                counts_off(&mut buf, yuan);
                buf.drain(..)
            }
            Cow::Owned(line) => {
                tokenize_into(line, &mut own);
                counts_off(&mut own, yuan);
                own.drain(..)
            }
        };
        let mut toks = toks.peekable();
        let mut first_on_line = true;
        while let Some(tok) = toks.next() {
            let alone = first_on_line && toks.peek().is_none();
            first_on_line = false;
            let (dept_here, gov_here) = match (yuan, toks.peek()) {
                (false, _) | (true, Some(Tok::Text(_))) => (true, true),
                _ => {
                    let waiting = pairs.last().filter(|p| p.amounts.is_empty());
                    (alone && waiting.is_none(), alone && waiting.is_some_and(|p| p.gov.is_none()))
                }
            };
            let open = pairs.last_mut().filter(|p| p.amounts.is_empty());
            match tok {
                Tok::Int(n) if dept_here && is_code_int(n, &['3']) => pairs.push(Pair {
                    dept: n.to_string(),
                    dept_name: String::new(),
                    gov: None,
                    gov_name: String::new(),
                    amounts: Vec::new(),
                    line: l.no,
                }),
                Tok::Int(n) if gov_here && is_code_int(n, &['5']) => match open {
                    Some(p) if p.gov.is_none() => p.gov = Some(n.to_string()),
                    _ => problems.push(problem(format!("第{}行的政府经济分类编码 {n} 前面没有部门经济分类编码，已忽略", l.no), l.no)),
                },
                Tok::Text(t) => {
                    // Captions repeated after a page break follow a complete row: ignored.
                    if let Some(p) = open {
                        if p.gov.is_some() {
                            p.gov_name.push_str(&t);
                        } else {
                            p.dept_name.push_str(&t);
                        }
                    }
                }
                Tok::Amount(d) => match pairs.last_mut() {
                    Some(p) if p.gov.is_some() => p.amounts.push(Cell { value: Some(d), source_line: l.no }),
                    _ => {
                        set_aside = set_aside.saturating_add(1);
                        problems.push(problem(format!("第{}行的金额 {d} 前面没有完整的经济分类编码，已忽略", l.no), l.no));
                    }
                },
                // Before the first row: a header's number, not an amount.
                Tok::Int(n) if yuan && !pairs.is_empty() => match pairs.last_mut() {
                    Some(p) if p.gov.is_some() => p.amounts.push(Cell { value: Some(Decimal::from(n)), source_line: l.no }),
                    _ => problems.push(problem(format!("第{}行的金额 {n} 前面没有完整的经济分类编码，已忽略", l.no), l.no)),
                },
                Tok::Int(_) | Tok::Blank => {}
            }
        }
    }
    let mut rows = Vec::new();
    let mut open = Vec::new();
    for p in pairs {
        let Some(gov) = &p.gov else {
            set_aside = set_aside.saturating_add(p.amounts.len());
            problems.push(problem(format!("第{}行的部门经济分类 {} 没有对应的政府经济分类编码，已忽略", p.line, p.dept), p.line));
            continue;
        };
        let n = p.amounts.len();
        if n > ncols {
            set_aside = set_aside.saturating_add(n - ncols);
            problems.push(problem(format!("第{}行经济分类 {}/{gov} 的数字比栏目多，多出的数字已忽略", p.line, p.dept), p.line));
        }
        // The amounts become the cells, moved rather than copied.
        let mut cells = p.amounts;
        cells.truncate(ncols);
        if n == 0 || n >= ncols {
            cells.resize(ncols, Cell::blank(p.line));
        } else {
            open.push((rows.len(), candidates(&cells, ncols, p.line)));
            cells = vec![Cell::blank(p.line); ncols];
        }
        rows.push(Row {
            // "a/b" by concat: sized once, not through format!'s machinery.
            code: Some([p.dept.as_str(), "/", gov].concat()),
            label: [p.dept_name.as_str(), "/", p.gov_name.as_str()].concat(),
            line: None,
            cells,
            source_line: p.line,
        });
    }
    Read { rows, open, problems, sides: None, set_aside }
}

/// Empties a line of a table in 元 (`yuan`) that counts 1, 2, 3 … (a 栏次
/// line without its word): its integers are no amounts.
fn counts_off(toks: &mut Vec<Tok<'_>>, yuan: bool) {
    if yuan && toks.len() > 1 && toks.iter().zip(1u64..).all(|(t, k)| *t == Tok::Int(k)) {
        toks.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise;

    #[test]
    fn wrapped_pairs_and_repeated_groups() {
        let text = "类 款 类 款 小计 人员支出 日常公用支出\n301 工资福利支出 501 机关工资福利支出 2225.10 2225.10\n301 08\n\n机关事业单位基本养老保\n\n险缴费\n\n501 02 社会保障缴费 156.44 156.44\n公开表6\n类 款 类 款 小计\n301 工资福利支出 505 对事业单位经常性补助 460.11 460.11\n";
        let r = read(&normalise(text), 3, "6", false);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let keys: Vec<(String, String)> = r.rows.iter().map(|x| (x.code.clone().unwrap_or_default(), x.label.clone())).collect();
        assert_eq!(
            keys,
            vec![
                ("301/501".to_string(), "工资福利支出/机关工资福利支出".to_string()),
                ("30108/50102".to_string(), "机关事业单位基本养老保险缴费/社会保障缴费".to_string()),
                ("301/505".to_string(), "工资福利支出/对事业单位经常性补助".to_string()),
            ]
        );
        assert_eq!(r.open.len(), 3);
        let codes: Vec<Option<&str>> = r.rows.iter().map(|x| x.code.as_deref()).collect();
        assert_eq!(crate::domain::pair_groups(&codes), vec![(0, vec![1]), (2, vec![])]);
    }

    /// A pair table in 元 printing integers, some shaped like codes (a 7-digit
    /// "5324100" like a 政府 项 code, "300" like a 部门 类, "30900" like a 款):
    /// a code is an integer a label follows, or one alone on its line that
    /// the row needs next; every other integer is an amount; a 栏次 count is
    /// none.
    #[test]
    fn integers_in_yuan_are_amounts_unless_a_label_or_the_row_needs_a_code() {
        let text = "类 款 类 款 小计 人员支出 日常公用支出\n栏次 1 2 3\n\
                    301 工资福利支出 501 机关工资福利支出 5324400 5324100 300\n\
                    301 08\n基本养老保险缴费\n501 02\n社会保障缴费 300 300\n1 2 3\n\
                    301 09 职业年金缴费 501 02 社会保障缴费 30900 30900\n";
        let r = read(&normalise(text), 3, "6", true);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let rows: Vec<(Option<&str>, &str)> = r.rows.iter().map(|x| (x.code.as_deref(), x.label.as_str())).collect();
        assert_eq!(
            rows,
            [
                (Some("301/501"), "工资福利支出/机关工资福利支出"),
                (Some("30108/50102"), "基本养老保险缴费/社会保障缴费"),
                (Some("30109/50102"), "职业年金缴费/社会保障缴费")
            ]
        );
        let n = |v: u64| Some(Decimal::from(v));
        assert_eq!(r.rows[0].cells.iter().map(|c| c.value).collect::<Vec<_>>(), [n(5_324_400), n(5_324_100), n(300)]);
        // Two amounts for three columns: open, with their amounts.
        let open: Vec<(usize, Vec<Decimal>)> = r.open.iter().map(|(i, c)| (*i, c.amounts().iter().map(|a| a.0).collect())).collect();
        assert_eq!(open, [(1, vec![300.into(), 300.into()]), (2, vec![30_900.into(), 30_900.into()])]);
        // The same text in 万元: its integers are codes or nothing, never amounts.
        assert!(read(&normalise(text), 3, "6", false).rows.iter().all(|x| x.cells.iter().all(|c| c.value.is_none())));
    }
}
