//! Two-sided budget tables (收支总表, 财政拨款收支总表): each printed line holds
//! an income entry and an expenditure entry, "label amounts… label amounts…".
//!
//! Without 行次 there is no anchor but the words: either side may be missing
//! from a line, a line may hold two labels and no number, and a number may be
//! glued to the next label ("8666.60二、外交支出"). Every amount belongs to the
//! label right before it, and the side of a label is told by its vocabulary
//! (…收入, 上年结转 are income; …支出, 结转下年 are expenditure), with its place
//! on the line deciding when the words do not. A leading 序号 is kept as the
//! row's `line`.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::Read;
use crate::domain::{class_code, starts_with_ordinal};
use crate::model::{Cell, ReadProblem, Row, Side};
use crate::tables::candidates::Candidates;
use crate::tables::tokens::{pieces_into, Tok};
use crate::text::search;
use crate::text::Line;

/// The side a label belongs to by its words, if they tell.
pub fn side_of(label: &str) -> Option<Side> {
    let l = label;
    if search::contains(l, "支出")
        || search::contains(l, "结转下年")
        || l.starts_with("年终")
        || l.starts_with("年末")
        || class_code(l).is_some()
    {
        return Some(Side::Expenditure);
    }
    if search::contains(l, "收入") || search::contains(l, "结转") || search::contains(l, "结余") || search::contains(l, "拨款") {
        return Some(Side::Income);
    }
    None
}

/// One entry as read.
struct Entry {
    label: String,
    /// As cells, which its row's become.
    amounts: Vec<Cell>,
    serial: Option<u32>,
    side: Option<Side>,
    line: usize,
}

/// Reads a two-sided table body; income entries get `income` value columns,
/// expenditure entries `expenditure`. `yuan`: the table is in 元, whose
/// amounts may be printed as integers ("86666000"): an integer after a label
/// is then its amount (the first integer of a line stays a 序号), and one
/// glued to the next label ("86666000一、一般公共服务支出") is cut from it.
pub fn read(body: &[Line], income: usize, expenditure: usize, table: &str, yuan: bool) -> Read {
    let mut problems = Vec::new();
    let mut set_aside = 0usize;
    let mut entries: Vec<Entry> = Vec::new();
    let mut started = false;
    // One buffer for every line's tokens, and one for its entries.
    let mut toks: Vec<Tok> = Vec::new();
    let mut line_entries: Vec<Entry> = Vec::new();
    for l in super::body_lines(body, &[]) {
        let sq = l.squeezed.as_str();
        pieces_into(&l.text, &mut toks);
        if yuan {
            unglue_integers(&mut toks);
        }
        let has_amount = toks.iter().enumerate().any(|(k, t)| matches!(t, Tok::Amount(_)) || yuan && k > 0 && matches!(t, Tok::Int(_)));
        // Header lines come before the first row; the first row is the first
        // line with an amount or an ordinal label ("一、…").
        if !started {
            let ordinal = toks.iter().any(|t| matches!(t, Tok::Text(s) if starts_with_ordinal(s)));
            if !(has_amount || ordinal) {
                continue;
            }
            started = true;
        }
        if is_header_line(sq) {
            continue;
        }
        line_entries.clear();
        let mut serial = None;
        for (k, tok) in toks.drain(..).enumerate() {
            match tok {
                Tok::Int(n) if k == 0 => serial = u32::try_from(n).ok(),
                Tok::Text(t) => match line_entries.last_mut() {
                    // A label broken by a space ("合 计", "上年 结转") continues
                    // until its words tell its side; a new ordinal starts a new label.
                    Some(e) if e.amounts.is_empty() && side_of(&e.label).is_none() && !starts_with_ordinal(&t) => e.label.push_str(&t),
                    _ => line_entries.push(Entry { label: t.into_owned(), amounts: Vec::new(), serial, side: None, line: l.no }),
                },
                Tok::Amount(d) => match line_entries.last_mut() {
                    Some(e) => e.amounts.push(Cell { value: Some(d), source_line: l.no }),
                    None => {
                        set_aside = set_aside.saturating_add(1);
                        problems.push(problem(
                            table,
                            format!("第{}行的金额 {d} 前面没有项目名称，无法确定它属于哪一项，已忽略", l.no),
                            l.no,
                        ));
                    }
                },
                Tok::Int(n) => match line_entries.last_mut() {
                    Some(e) if yuan => e.amounts.push(Cell { value: Some(Decimal::from(n)), source_line: l.no }),
                    _ => problems.push(problem(table, format!("第{}行的数字 {n} 不是金额，已忽略", l.no), l.no)),
                },
                Tok::Blank => {}
            }
        }
        assign_sides(&mut line_entries);
        for e in line_entries.drain(..) {
            if e.side.is_none() {
                set_aside = set_aside.saturating_add(e.amounts.len());
                problems.push(problem(table, format!("第{}行的“{}”无法判断属于收入还是支出，已忽略", e.line, e.label), e.line));
                continue;
            }
            entries.push(e);
        }
    }
    let mut rows = Vec::new();
    let mut open = Vec::new();
    for side in [Side::Income, Side::Expenditure] {
        let ncols = if side == Side::Income { income } else { expenditure };
        // Each entry is on one side: its label and amounts move into its row.
        for e in entries.iter_mut().filter(|e| e.side == Some(side)) {
            let n = e.amounts.len();
            if n > ncols {
                set_aside = set_aside.saturating_add(n - ncols);
                problems.push(problem(table, format!("第{}行“{}”的数字比栏目多，多出的数字已忽略", e.line, e.label), e.line));
            }
            // The amounts become the cells, moved rather than copied.
            let mut cells = std::mem::take(&mut e.amounts);
            cells.truncate(ncols);
            if n == 0 || n >= ncols {
                cells.resize(ncols, Cell::blank(e.line));
            } else {
                // Blank cells were dropped: the first amount is the row total,
                // the others could be in any later column.
                open.push((rows.len(), candidates(&cells, ncols, e.line)));
                cells = vec![Cell::blank(e.line); ncols];
            }
            rows.push(Row { code: None, label: std::mem::take(&mut e.label), line: e.serial, cells, source_line: e.line });
        }
    }
    let sides = entries.iter().filter(|e| e.side == Some(Side::Income)).count();
    Read { rows, open, problems, sides: Some(sides), set_aside }
}

/// In a table in 元, each label that starts with an integer glued to an
/// ordinal label ("86666000一、一般公共服务支出", "86666000二、外交支出") is
/// cut into the integer and the label. Only before an ordinal: "2024年…",
/// "12345政务热线…" stay labels.
pub(crate) fn unglue_integers(toks: &mut Vec<Tok<'_>>) {
    let glued = |t: &Tok<'_>| match t {
        Tok::Text(s) => {
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            let rest = s.get(digits..).unwrap_or_default();
            (digits > 0 && starts_with_ordinal(rest))
                .then(|| s.get(..digits).and_then(|d| d.parse::<u64>().ok()))
                .flatten()
                .map(|n| (n, digits))
        }
        _ => None,
    };
    if !toks.iter().any(|t| glued(t).is_some()) {
        return;
    }
    let mut out = Vec::with_capacity(toks.len() + 2);
    for t in toks.drain(..) {
        match (glued(&t), t) {
            (Some((n, digits)), Tok::Text(s)) => {
                out.push(Tok::Int(n));
                out.push(Tok::Text(match s {
                    Cow::Borrowed(b) => Cow::Borrowed(b.get(digits..).unwrap_or_default()),
                    Cow::Owned(o) => Cow::Owned(o.get(digits..).unwrap_or_default().to_string()),
                }));
            }
            (_, t) => out.push(t),
        }
    }
    *toks = out;
}

/// Order-preserving placements of printed cells (the first being column 0).
pub fn candidates(printed: &[Cell], ncols: usize, line: usize) -> Candidates {
    Candidates::new(printed.iter().filter_map(|c| c.value.map(|v| (v, c.source_line))).collect(), ncols, line)
}

/// Decides each entry's side: its words, else its place relative to entries
/// whose side is known (income is printed left of expenditure), else its
/// place on a line of two.
fn assign_sides(entries: &mut [Entry]) {
    for e in entries.iter_mut() {
        e.side = side_of(&e.label);
    }
    let n = entries.len();
    for i in 0..n {
        if entries[i].side.is_some() {
            continue;
        }
        let later_income = entries[i + 1..].iter().any(|e| e.side == Some(Side::Income));
        let earlier_exp = entries[..i].iter().any(|e| e.side == Some(Side::Expenditure));
        entries[i].side = if later_income {
            Some(Side::Income)
        } else if earlier_exp {
            Some(Side::Expenditure)
        } else if n == 2 {
            Some(if i == 0 { Side::Income } else { Side::Expenditure })
        } else {
            None
        };
    }
}

/// A repeated header line inside the body ("序号", "收入 支出", "项目 预算数 …", "栏次 1 2 3 4").
fn is_header_line(sq: &str) -> bool {
    sq == "序号" || search::contains(sq, "栏次") || sq.starts_with("项目") || sq.starts_with("收入支出") || sq.starts_with("序号收入")
}

fn problem(table: &str, message: String, line: usize) -> ReadProblem {
    ReadProblem { table: Some(table.to_string()), message, source_line: Some(line) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise;

    fn rows(text: &str, income: usize, exp: usize) -> Vec<String> {
        let r = read(&normalise(text), income, exp, "1", false);
        let mut out: Vec<String> = r
            .rows
            .iter()
            .map(|r| {
                let v: Vec<String> = r.cells.iter().map(|c| c.value.map(|d| d.to_string()).unwrap_or_default()).collect();
                format!("{}|{}|{}", r.line.map(|n| n.to_string()).unwrap_or_default(), r.label, v.join(","))
            })
            .collect();
        out.push(format!("sides={:?} open={}", r.sides, r.open.len()));
        out
    }

    #[test]
    fn glued_amounts_missing_sides_and_label_only_lines() {
        let got = rows(
            "收入 支出\n项目 预算数 项目 预算数\n一、财政拨款收入 8666.60一、一般公共服务支出 8299.58\n一般公共预算收入 8666.60二、外交支出\n政府性基金预算收入 三、公共安全支出\n四、事业单位经营收入 七、社会保障和就业支出 202.49\n九、节能环保支出\n上级补助收入\n上年结转 结转下年\n",
            1,
            1,
        );
        assert_eq!(
            got,
            vec![
                "|一、财政拨款收入|8666.60",
                "|一般公共预算收入|8666.60",
                "|政府性基金预算收入|",
                "|四、事业单位经营收入|",
                "|上级补助收入|",
                "|上年结转|",
                "|一、一般公共服务支出|8299.58",
                "|二、外交支出|",
                "|三、公共安全支出|",
                "|七、社会保障和就业支出|202.49",
                "|九、节能环保支出|",
                "|结转下年|",
                "sides=Some(6) open=0",
            ]
        );
    }

    #[test]
    fn serial_numbers_and_dropped_fund_cells() {
        let got = rows("序号\n栏次 1 2 3 4\n1 一、一般公共预算拨款收入 17,332.62 一、一般公共服务支出 15,882.24 15,882.24\n10 十、卫生健康支出 0.00 0.00 0.00 0.00\n", 1, 4);
        assert_eq!(got[0], "1|一、一般公共预算拨款收入|17332.62");
        assert_eq!(got[1], "1|一、一般公共服务支出|,,,");
        assert_eq!(got[2], "10|十、卫生健康支出|0.00,0.00,0.00,0.00");
        assert_eq!(got[3], "sides=Some(1) open=1");
    }

    /// A table's rows as (序号, label, values) with its values in 元.
    fn in_yuan(t: &crate::model::Table, times: Decimal) -> Vec<(Option<u32>, String, Vec<Option<Decimal>>)> {
        t.rows
            .iter()
            .map(|r| {
                (
                    r.line,
                    r.label.clone(),
                    (0..r.cells.len()).map(|c| r.value(c).and_then(|v| v.checked_mul(times)).map(|v| v.normalize())).collect(),
                )
            })
            .collect()
    }

    /// 烟台's and 青岛's 收支总表 (公开表1) and 财政拨款收支总表 (公开表4)
    /// printed in 元 as integers ("86666000一、一般公共服务支出 82995800",
    /// "1 一、一般公共预算拨款收入 173326200 一、一般公共服务支出 158822400")
    /// read as their 万元 do, ×10000: the same kind, rows and 序号, the
    /// integers as amounts and the 序号 not.
    #[test]
    fn two_sided_tables_printed_in_yuan_integers_read_as_in_wan() {
        for file in ["yantai-office-2023-budget.txt", "qingdao-office-2023-budget.txt"] {
            let text = std::fs::read_to_string(format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"))).expect("fixture");
            let base = crate::read(&text);
            for n in ["1", "4"] {
                let doc = crate::read(&crate::corpus_edits::table_in_yuan_as(&text, &format!("公开表{n}"), 0));
                let table =
                    |d: &crate::model::Document| d.tables.iter().find(|t| t.number.as_deref() == Some(n)).cloned().expect("the table");
                let (want, got) = (table(&base), table(&doc));
                assert_eq!((got.kind, got.unit.as_deref()), (want.kind, Some("元")), "{file} 公开表{n}");
                assert_eq!(in_yuan(&got, Decimal::ONE), in_yuan(&want, Decimal::from(10_000)), "{file} 公开表{n}");
            }
        }
    }

    /// Glued to an ordinal label, an integer is cut from it; before any other
    /// text ("2024年", "12345政务热线") it stays part of the label.
    #[test]
    fn an_integer_is_cut_from_an_ordinal_label_only() {
        let mut toks = Vec::new();
        pieces_into("一般公共预算收入 86666000二、外交支出 2024年预算 12345政务热线", &mut toks);
        unglue_integers(&mut toks);
        assert_eq!(
            toks,
            vec![
                Tok::Text("一般公共预算收入".into()),
                Tok::Int(86666000),
                Tok::Text("二、外交支出".into()),
                Tok::Text("2024年预算".into()),
                Tok::Text("12345政务热线".into())
            ]
        );
    }

    /// A summary printed in three panels (收入 · 支出 by 功能分类 · 支出 by
    /// 用途; made-up amounts) read as two sides: the income label a line
    /// starts with whose side neither its words nor its place tell
    /// ("1.一般公共预算", before two expenditure labels) is left out with its
    /// amount, and the reader counts that amount as set aside, in 万元 and
    /// in 元 printed as integers alike: every printed amount is in a cell
    /// or set aside.
    #[test]
    fn amounts_no_row_takes_are_counted_as_set_aside() {
        let wan = "收入 支出\n项目 预算数 项目 预算数 项目 预算数\n\
                   一、财政拨款 100.00 一、一般公共服务支出 80.00 一、基本支出 60.00\n\
                   1.一般公共预算 100.00 二、外交支出 二、项目支出 40.00\n\
                   二、住房保障支出 20.00\n\
                   收入合计 100.00 支出合计 100.00\n";
        let yuan = wan.replace(".00", "0000");
        for (text, in_yuan) in [(wan, false), (yuan.as_str(), true)] {
            let r = read(&crate::text::normalise(text), 1, 1, "1", in_yuan);
            let in_cells = r.rows.iter().flat_map(|x| &x.cells).filter(|c| c.value.is_some()).count();
            // Eight amounts printed: seven in cells, one set aside.
            assert_eq!((r.set_aside, in_cells), (1, 7), "{text}");
            assert!(r.problems.iter().any(|p| p.message.contains("1.一般公共预算")), "{:?}", r.problems);
        }
    }
}
