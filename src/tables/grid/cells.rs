//! Text copied from a PDF viewer (plain `pdftotext`, a browser's copy of a
//! PDF): each cell on a line of its own, in reading order, with no column
//! positions left. Most tables come out scrambled so (columns serialised one
//! after another, header words between the amounts) and stay unread; one
//! shape still reads without a guess: a table of 科目 rows with one amount
//! column, where every row prints its code, its name and then its amount.
//!
//! The reading is a grammar over the lines, and anything outside it leaves
//! the table unread: the header names exactly one amount column; a 合计 may
//! stand in the header with its amount or after the last row; each row is a
//! code (3, 5 or 7 digits, each under the code before it), a name (perhaps
//! wrapped), and its amount printed with decimals or separators (a bare
//! integer could be a code). The viewer's order is not the page's
//! everywhere (an amount can move to the end of the table), so the rows read
//! must also add up: each 类 and 款 to the sum of its rows below it within
//! the rounding of the printed figures, and the 合计 to its 类. A table whose
//! amounts do not is left unread, since a moved amount cannot be told from an
//! error in the document.

use crate::model::{Cell, Row};
use rust_decimal::Decimal;

/// A table read from one cell per line: its rows and its amount column's
/// caption.
#[derive(Debug)]
pub(super) struct Read {
    /// The rows in printed order, one cell each.
    pub(super) rows: Vec<Row>,
    /// The header's caption of the amount column ("金额", "机关运行经费支出").
    pub(super) caption: String,
}

/// Why a table printed one cell per line was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refusal {
    /// Not a one-amount 科目 table in row order: columns serialised, several
    /// amount columns, rows without codes.
    Shape,
    /// Read in order, its rows do not add up: a cell may have moved.
    Sums,
}

/// One line's cell.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token<'a> {
    Code(&'a str),
    Amount(Decimal),
    Text(&'a str),
}

fn token(t: &str) -> Token<'_> {
    if matches!(t.len(), 3 | 5 | 7) && t.bytes().all(|c| c.is_ascii_digit()) {
        return Token::Code(t);
    }
    match super::spans::number(t) {
        // With decimals or separators: a bare integer may be a code or a 行次.
        Some(d) if t.contains(['.', ',']) => Token::Amount(d),
        _ => Token::Text(t),
    }
}

/// Reads a table printed one cell per line from its lines (number, text
/// with spaces squeezed), header first.
pub(super) fn read(lines: &[(usize, &str)]) -> Result<Read, Refusal> {
    let tokens: Vec<(Token, usize)> = lines.iter().map(|(no, t)| (token(t), *no)).collect();
    let first_code = tokens.iter().position(|(t, _)| matches!(t, Token::Code(_))).ok_or(Refusal::Shape)?;
    let (head, rest) = tokens.split_at(first_code);

    // The header: the label columns' captions, then the amount's; a 合计 and
    // its amount may stand among them. Words before the first caption are
    // the department's name and the like.
    let mut caption: Option<&str> = None;
    let mut total: Option<(usize, Option<(Decimal, usize)>)> = None;
    let mut in_captions = false;
    // "合计" printed in a cell too narrow for it comes out in two pieces,
    // the amount's caption between them ("合", "金额", "计").
    let split_total = head.iter().any(|(t, _)| *t == Token::Text("合")) && head.iter().any(|(t, _)| *t == Token::Text("计"));
    for (t, no) in head {
        match *t {
            Token::Text("计") if split_total => {}
            Token::Text("合") if split_total && total.is_none() => total = Some((*no, None)),
            Token::Text(w) if super::order::names_labels(w) => in_captions = true,
            Token::Text(w) if super::read::is_total_label(w) => {
                if total.is_some() {
                    return Err(Refusal::Shape);
                }
                total = Some((*no, None));
            }
            Token::Text(_) if !in_captions => {}
            Token::Text(w) => {
                if caption.replace(w).is_some() {
                    return Err(Refusal::Shape); // a second amount column
                }
            }
            Token::Amount(d) => match total.as_mut() {
                Some((_, v @ None)) => *v = Some((d, *no)),
                _ => return Err(Refusal::Shape),
            },
            Token::Code(_) => return Err(Refusal::Shape),
        }
    }
    // A 合计 without an amount is the amount column's caption.
    let (caption, total) = match (caption, total) {
        (None, Some((_, None))) => ("合计", None),
        (Some(_), Some((_, None))) | (None, _) => return Err(Refusal::Shape),
        (Some(c), Some((no, Some(v)))) => (c, Some((no, v))),
        (Some(c), None) => (c, None),
    };
    let caption = caption.to_string();

    let mut rows: Vec<Row> = Vec::with_capacity(rest.len() / 3 + 2);
    if let Some((no, v)) = total {
        rows.push(one_cell(None, "合计".to_string(), no, Some(v)));
    }
    let mut i = 0;
    while let Some((t, no)) = rest.get(i) {
        let code = match *t {
            Token::Code(c) => c,
            // A 合计 after the last row, with its amount.
            Token::Text(w) if super::read::is_total_label(w) && total.is_none() && i + 2 == rest.len() => {
                let Some((Token::Amount(d), at)) = rest.get(i + 1) else { return Err(Refusal::Shape) };
                rows.push(one_cell(None, "合计".to_string(), *no, Some((*d, *at))));
                break;
            }
            _ => return Err(Refusal::Shape),
        };
        // Under the code before it: a 款 under its 类, a 项 under its 款.
        let parent = rows.iter().rev().find_map(|r| r.code.as_deref().filter(|c| c.len() < code.len()));
        let fits = match code.len() {
            3 => true,
            n => parent.is_some_and(|p| p.len() == n - 2 && code.starts_with(p)),
        };
        if !fits {
            return Err(Refusal::Shape);
        }
        i += 1;
        let mut label = String::new();
        while let Some((Token::Text(w), _)) = rest.get(i) {
            if super::read::is_total_label(w) {
                break;
            }
            label.push_str(w);
            i += 1;
        }
        if label.is_empty() {
            return Err(Refusal::Shape);
        }
        // Every row prints its amount: a row without one had it moved
        // (after a wrapped label, to the table's end), and where to cannot
        // be told for certain.
        let Some((Token::Amount(d), at)) = rest.get(i) else { return Err(Refusal::Shape) };
        i += 1;
        rows.push(one_cell(Some(code.to_string()), label, *no, Some((*d, *at))));
    }
    if !adds_up(&rows) {
        return Err(Refusal::Sums);
    }
    Ok(Read { rows, caption })
}

fn one_cell(code: Option<String>, label: String, no: usize, value: Option<(Decimal, usize)>) -> Row {
    let cell = match value {
        Some((d, at)) => Cell { value: Some(d), source_line: at },
        None => Cell::blank(no),
    };
    Row { code, label, line: None, cells: vec![cell], source_line: no }
}

/// Each coded row with rows below it equals their sum, and a 合计 its 类,
/// within half a unit of the last printed decimal per figure (尾数误差).
fn adds_up(rows: &[Row]) -> bool {
    let value = |r: &Row| r.cells.first().and_then(|c| c.value);
    let holds = |whole: Option<Decimal>, parts: &mut dyn Iterator<Item = &Row>| -> bool {
        let mut sum = Decimal::ZERO;
        let mut slack = half_unit(whole);
        let mut any = false;
        for p in parts {
            let Some(v) = value(p) else { continue };
            any = true;
            match (sum.checked_add(v), slack.checked_add(half_unit(Some(v)))) {
                (Some(s), Some(e)) => (sum, slack) = (s, e),
                _ => return false,
            }
        }
        match whole {
            // A row printed blank over rows with amounts: one of them moved.
            None => !any,
            Some(w) => !any || w.checked_sub(sum).is_some_and(|d| d.abs() <= slack),
        }
    };
    for (k, r) in rows.iter().enumerate() {
        let Some(code) = r.code.as_deref() else { continue };
        let below = rows[k + 1..].iter().take_while(|x| x.code.as_deref().is_some_and(|c| c.len() > code.len() && c.starts_with(code)));
        let children = below.filter(|x| x.code.as_deref().is_some_and(|c| c.len() == code.len() + 2));
        if !holds(value(r), &mut children.into_iter()) {
            return false;
        }
    }
    match rows.iter().find(|r| r.code.is_none()) {
        Some(t) => holds(value(t), &mut rows.iter().filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 3))),
        None => true,
    }
}

/// Half a unit of a figure's last printed decimal: 0.005 for "7,448.20".
fn half_unit(v: Option<Decimal>) -> Decimal {
    v.map_or(Decimal::ZERO, crate::rounding::half_ulp)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up 示例局 table as a viewer copies it: one cell per line, the
    /// 合计 and its amount among the header's words (its 部门： and 单位：
    /// lines are set aside before, by [`super::super::read`]).
    const COPIED: &str = "示例局\n科目编码\n科目名称\n合计\n金额\n1,250.50\n\n201\n一般公共服务支出\n1,000.50\n20101\n人大事务\n1,000.50\n2010101\n行政运行\n600.25\n2010102\n一般行政管理\n事务\n400.25\n221\n住房保障支出\n250.00\n22102\n住房改革支出\n250.00";

    fn lines(text: &str) -> Vec<(usize, &str)> {
        text.split('\n').enumerate().map(|(i, l)| (i + 1, l.trim())).filter(|(_, l)| !l.is_empty()).collect()
    }

    fn read_text(text: &str) -> Result<Read, Refusal> {
        read(&lines(text))
    }

    #[test]
    fn a_coded_table_of_one_amount_column_reads_row_by_row() {
        let r = read_text(COPIED).expect("read");
        assert_eq!(r.caption, "金额");
        let got: Vec<(Option<&str>, &str, Option<Decimal>)> =
            r.rows.iter().map(|x| (x.code.as_deref(), x.label.as_str(), x.cells[0].value)).collect();
        let d = |s: &str| s.parse::<Decimal>().ok();
        assert_eq!(
            got,
            vec![
                (None, "合计", d("1250.50")),
                (Some("201"), "一般公共服务支出", d("1000.50")),
                (Some("20101"), "人大事务", d("1000.50")),
                (Some("2010101"), "行政运行", d("600.25")),
                // A name wrapped onto two lines is one.
                (Some("2010102"), "一般行政管理事务", d("400.25")),
                (Some("221"), "住房保障支出", d("250.00")),
                (Some("22102"), "住房改革支出", d("250.00")),
            ]
        );
        // Each cell points at the line its amount is printed on.
        assert_eq!(r.rows[0].source_line, 4);
        assert_eq!(r.rows[0].cells[0].source_line, 6);
        assert_eq!(r.rows[3].source_line, 14);
        assert_eq!(r.rows[3].cells[0].source_line, 16);
    }

    #[test]
    fn a_total_printed_last_or_split_in_two_reads_too() {
        let last = COPIED.replacen("合计\n", "", 1).replacen("1,250.50\n", "", 1) + "\n合计\n1,250.50";
        let r = read_text(&last).expect("合计 last");
        assert_eq!(r.rows.last().map(|x| (x.label.as_str(), x.cells[0].value)), Some(("合计", "1250.50".parse().ok())));
        // "合计" in a narrow cell: "合", the caption, "计".
        let split = COPIED.replacen("合计\n金额\n", "合\n金额\n计\n", 1);
        assert_eq!(read_text(&split).map(|r| r.rows.len()), Ok(7));
        // A lone 合计 with no amount names the column.
        let caption = COPIED.replacen("金额\n1,250.50\n", "", 1);
        assert_eq!(read_text(&caption).map(|r| (r.caption, r.rows.len())), Ok(("合计".to_string(), 6)));
    }

    #[test]
    fn anything_not_placed_for_certain_leaves_the_table_unread() {
        // Two amount columns: a row printing one amount is not placed.
        assert_eq!(read_text(&COPIED.replacen("金额", "基本支出\n项目支出", 1)).err(), Some(Refusal::Shape));
        // An amount moved from its row to the table's end (seen after a
        // wrapped label): which row lost it is not told by the order.
        let moved = COPIED.replacen("600.25\n", "", 1) + "\n600.25";
        assert_eq!(read_text(&moved).err(), Some(Refusal::Shape));
        // Moved one row down: two amounts after a row.
        let down = COPIED.replacen("600.25\n2010102\n一般行政管理\n事务\n", "2010102\n一般行政管理\n事务\n600.25\n", 1);
        assert_eq!(read_text(&down).err(), Some(Refusal::Shape));
        // A 款 under no 类, a 项 under another 款.
        assert_eq!(read_text(&COPIED.replacen("20101\n", "20201\n", 1)).err(), Some(Refusal::Shape));
        // A bare integer could be a code or an amount.
        assert_eq!(read_text(&COPIED.replacen("250.00\n22102", "250\n22102", 1)).err(), Some(Refusal::Shape));
        // Columns serialised: codes first, then names, then amounts.
        let serial = "科目编码\n科目名称\n金额\n201\n20101\n一般公共服务支出\n人大事务\n1,000.50\n1,000.50";
        assert_eq!(read_text(serial).err(), Some(Refusal::Shape));
    }

    #[test]
    fn rows_read_in_order_must_add_up() {
        // Two amounts of one 款 swapped by the copy would pass the order; the
        // sums catch a swap across levels.
        let swapped = COPIED.replacen("1,000.50\n20101", "600.25\n20101", 1).replacen("600.25\n2010102", "1,000.50\n2010102", 1);
        assert_eq!(read_text(&swapped).err(), Some(Refusal::Sums));
        // Tail rounding is not a misplacement: 600.25 + 400.26 against 1,000.50.
        let rounded = COPIED.replacen("400.25", "400.26", 1);
        assert!(read_text(&rounded).is_ok());
        // A 合计 that is not the sum of its 类.
        assert_eq!(read_text(&COPIED.replacen("1,250.50", "1,350.50", 1)).err(), Some(Refusal::Sums));
    }
}
