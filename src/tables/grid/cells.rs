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
//! everywhere: an amount can move from its row to after a later row's (seen
//! after a wrapped label, and at the table's end). Such an amount is put
//! back only where one placement alone makes the rows add up (each 类 and
//! 款 the sum of its rows below, the 合计 of its 类, within the rounding of
//! the printed figures); and rows read in order must add up too, since a
//! moved amount cannot be told from an error in the document.

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
    /// Its rows do not add up as read, or add up under more than one
    /// placement of the amounts the copy moved.
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
    match super::spans::printed_amount(t) {
        Some(d) => Token::Amount(d),
        None => Token::Text(t),
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

    // Rows as printed: code, name, and the amounts that follow the name.
    let mut printed: Vec<Printed> = Vec::with_capacity(rest.len() / 3 + 2);
    if let Some((no, v)) = total {
        printed.push(Printed { code: None, label: "合计".to_string(), no, amounts: vec![v] });
    }
    let mut i = 0;
    let (mut class, mut section): (Option<&str>, Option<&str>) = (None, None);
    while let Some((t, no)) = rest.get(i) {
        let code = match *t {
            Token::Code(c) => c,
            // A 合计 after the last row, with its amount.
            Token::Text(w) if super::read::is_total_label(w) && total.is_none() && i + 2 == rest.len() => {
                let Some((Token::Amount(d), at)) = rest.get(i + 1) else { return Err(Refusal::Shape) };
                printed.push(Printed { code: None, label: "合计".to_string(), no: *no, amounts: vec![(*d, *at)] });
                break;
            }
            _ => return Err(Refusal::Shape),
        };
        // Under the code before it: a 款 under its 类, a 项 under its 款
        // (the last of each kept, not searched for: a 款 of many 项).
        let fits = match code.len() {
            3 => true,
            5 => class.is_some_and(|p| code.starts_with(p)),
            _ => section.is_some_and(|p| code.starts_with(p)),
        };
        if !fits {
            return Err(Refusal::Shape);
        }
        match code.len() {
            3 => (class, section) = (Some(code), None),
            5 => section = Some(code),
            _ => {}
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
        let mut amounts = Vec::with_capacity(1);
        while let Some((Token::Amount(d), at)) = rest.get(i) {
            amounts.push((*d, *at));
            i += 1;
        }
        printed.push(Printed { code: Some(code.to_string()), label, no: *no, amounts });
    }
    let rows = place(printed)?;
    Ok(Read { rows, caption })
}

/// A row as the copy printed it: the amounts after its name (none where
/// its amount moved away, two or more where another's moved to it).
struct Printed {
    code: Option<String>,
    label: String,
    no: usize,
    amounts: Vec<(Decimal, usize)>,
}

/// At most this many amounts moved from their rows: placements are tried
/// one by one (with three, at most 3! orders times the choices of which
/// amount after a row is its own).
const MOVED_MAX: usize = 3;

/// Gives every row one amount. Where each row printed its own, that is it.
/// Where the copy moved some (rows with none, as many spare amounts after
/// other rows), every placement of the spare amounts into the rows left
/// without is tried, and the one under which the rows add up is taken if
/// it is the only one: two 项 of one 款 swapped add up the same, and then
/// the table is not read.
fn place(printed: Vec<Printed>) -> Result<Vec<Row>, Refusal> {
    let holes: Vec<usize> = (0..printed.len()).filter(|k| printed[*k].amounts.is_empty()).collect();
    let spare: usize = printed.iter().fold(0, |n, r| n.saturating_add(r.amounts.len().saturating_sub(1)));
    if holes.len() != spare || spare > MOVED_MAX {
        return Err(Refusal::Shape);
    }
    let rows_with = |own: &[Option<(Decimal, usize)>]| -> Vec<Row> {
        printed.iter().zip(own).map(|(r, v)| one_cell(r.code.clone(), r.label.clone(), r.no, *v)).collect()
    };
    if spare == 0 {
        let rows = rows_with(&printed.iter().map(|r| r.amounts.first().copied()).collect::<Vec<_>>());
        return if adds_up(&rows) { Ok(rows) } else { Err(Refusal::Sums) };
    }
    // Rows printing more than one amount: which of them is the row's own.
    let crowded: Vec<usize> = (0..printed.len()).filter(|k| printed[*k].amounts.len() > 1).collect();
    let mut choice = vec![0usize; crowded.len()];
    let mut found: Option<Vec<Row>> = None;
    loop {
        let mut own: Vec<Option<(Decimal, usize)>> = printed.iter().map(|r| r.amounts.first().copied()).collect();
        let mut moved: Vec<(Decimal, usize)> = Vec::with_capacity(spare);
        for (c, k) in choice.iter().zip(&crowded) {
            own[*k] = printed[*k].amounts.get(*c).copied();
            moved.extend(printed[*k].amounts.iter().enumerate().filter(|(j, _)| j != c).map(|(_, a)| *a));
        }
        for order in orders(spare).iter().copied() {
            for (h, m) in holes.iter().zip(order) {
                own[*h] = moved.get(*m).copied();
            }
            let rows = rows_with(&own);
            if adds_up(&rows) {
                let value = |rs: &[Row]| rs.iter().map(|r| r.cells.first().and_then(|c| c.value)).collect::<Vec<_>>();
                match &found {
                    Some(f) if value(f) != value(&rows) => return Err(Refusal::Sums), // two placements add up
                    Some(_) => {}
                    None => found = Some(rows),
                }
            }
        }
        // The next choice, as a mixed-radix counter.
        let mut k = 0;
        loop {
            let Some(c) = choice.get_mut(k) else { return found.ok_or(Refusal::Sums) };
            *c += 1;
            if *c < printed[crowded[k]].amounts.len() {
                break;
            }
            *c = 0;
            k += 1;
        }
    }
}

/// Every order of `n` ≤ [`MOVED_MAX`] items.
fn orders(n: usize) -> &'static [&'static [usize]] {
    match n {
        0 => &[&[]],
        1 => &[&[0]],
        2 => &[&[0, 1], &[1, 0]],
        _ => &[&[0, 1, 2], &[0, 2, 1], &[1, 0, 2], &[1, 2, 0], &[2, 0, 1], &[2, 1, 0]],
    }
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
    // The rounding intervals every identity is judged by ([`crate::rounding`]).
    let holds = |whole: Option<Decimal>, parts: &mut dyn Iterator<Item = &Row>| -> bool {
        let printed: Vec<Decimal> = parts.filter_map(value).collect();
        match whole {
            // A row printed blank over rows with amounts: one of them moved.
            None => printed.is_empty(),
            Some(_) => printed.is_empty() || crate::rounding::agrees(whole, printed.iter().map(|v| (1, Some(*v)))),
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
        // More amounts missing from their rows than spare ones printed.
        assert_eq!(read_text(&COPIED.replacen("600.25\n", "", 1)).err(), Some(Refusal::Shape));
        // A 款 under no 类, a 项 under another 款.
        assert_eq!(read_text(&COPIED.replacen("20101\n", "20201\n", 1)).err(), Some(Refusal::Shape));
        // A bare integer could be a code or an amount.
        assert_eq!(read_text(&COPIED.replacen("250.00\n22102", "250\n22102", 1)).err(), Some(Refusal::Shape));
        // Columns serialised: codes first, then names, then amounts.
        let serial = "科目编码\n科目名称\n金额\n201\n20101\n一般公共服务支出\n人大事务\n1,000.50\n1,000.50";
        assert_eq!(read_text(serial).err(), Some(Refusal::Shape));
    }

    #[test]
    fn an_amount_the_copy_moved_is_put_back_where_only_one_placement_adds_up() {
        // 221's amount moved to the table's end (seen after a wrapped label):
        // 221 must be 250.00 for 22102 and the 合计 to add up.
        let moved = COPIED.replacen("住房保障支出\n250.00\n", "住房保障支出\n", 1) + "\n250.00";
        let r = read_text(&moved).expect("placed");
        let row = r.rows.iter().find(|x| x.code.as_deref() == Some("221")).expect("221");
        assert_eq!(row.cells[0].value, "250.00".parse().ok());
        // The cell points at the line the amount is printed on.
        assert_eq!(row.cells[0].source_line, moved.split('\n').count());
        // A 项's amount moved down past its sibling's name: either order of
        // the two adds up to their 款, so neither is taken.
        let down = COPIED.replacen("600.25\n2010102\n一般行政管理\n事务\n", "2010102\n一般行政管理\n事务\n600.25\n", 1);
        assert_eq!(read_text(&down).err(), Some(Refusal::Sums));
        // Across a 类 the sums tell: 20101's amount after 221's.
        let across = COPIED.replacen("人大事务\n1,000.50\n", "人大事务\n", 1).replacen(
            "住房保障支出\n250.00\n",
            "住房保障支出\n250.00\n1,000.50\n",
            1,
        );
        let r = read_text(&across).expect("placed");
        let value = |code: &str| r.rows.iter().find(|x| x.code.as_deref() == Some(code)).and_then(|x| x.cells[0].value);
        assert_eq!((value("20101"), value("221")), ("1000.50".parse().ok(), "250.00".parse().ok()));
        // Four moved: more placements than are tried.
        let many = COPIED.replacen("600.25\n", "", 1).replacen("400.25\n", "", 1).replacen("1,000.50\n20101", "20101", 1).replacen(
            "250.00\n22102",
            "22102",
            1,
        );
        assert_eq!(read_text(&(many + "\n600.25\n400.25\n1,000.50\n250.00")).err(), Some(Refusal::Shape));
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
