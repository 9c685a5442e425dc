//! Budget tables whose rows are not 科目 codes: 项目支出 rows (name and type),
//! 政府采购 item rows (`"[2010301]行政运行 [C23120302]车辆加油… 服务 28.00 …"`)
//! and rows led by a 序号 and a label (三公 by fund).
//!
//! Text columns are kept in the label: a project's type and a procurement
//! item's category (货物/工程/服务) follow the name in full-width brackets,
//! "驻外机构工作保障经费（其他运转类）"; a procurement row's key is its
//! function code and item code, "2010301/C23120302".

use super::sides::candidates;
use super::Read;
use crate::model::{Cell, ReadProblem, Row};
use crate::tables::tokens::{pieces_into, Tok};
use crate::text::Line;

/// 采购类别 words, printed at the start of a procurement row's numbers line.
pub use crate::narrative::stated::CATEGORIES;

/// The lines of a body that hold rows: from the first line with an amount,
/// without markers, unit lines, empty lines and anything from a note on.
/// In a table in 元 (`yuan`) an amount may be an integer: the first row is
/// then also a line printing integers after its first piece
/// ([`super::integer_amounts`]), and every line's integers printed last
/// ([`integers_as_amounts`]) are its amounts.
///
/// The lines come one at a time from [`DataLines::next_line`], their tokens
/// in one buffer kept from line to line, not a vector per line.
fn data_lines(body: &[Line], yuan: bool) -> DataLines<'_, impl Iterator<Item = &Line>> {
    DataLines { lines: super::body_lines(body, &["栏次"]), yuan, started: false, toks: Vec::new() }
}

/// See [`data_lines`].
struct DataLines<'a, I> {
    lines: I,
    yuan: bool,
    /// Whether the first row's line has been met.
    started: bool,
    toks: Vec<Tok<'a>>,
}

impl<'a, I: Iterator<Item = &'a Line>> DataLines<'a, I> {
    /// The next line that holds rows, with its tokens.
    fn next_line(&mut self) -> Option<(&'a Line, &[Tok<'a>])> {
        for l in self.lines.by_ref() {
            pieces_into(&l.text, &mut self.toks);
            let first = self.toks.iter().any(|t| matches!(t, Tok::Amount(_))) || self.yuan && super::integer_amounts(&l.text);
            if !(self.started || first) {
                continue;
            }
            self.started = true;
            if self.yuan {
                integers_as_amounts(&mut self.toks);
            }
            return Some((l, &self.toks));
        }
        None
    }
}

/// A line of a table in 元 with the integers of its last run of numbers as
/// amounts ("服务 280000 280000 0 0": every piece after the label): an
/// integer followed by text stays one (a 序号, "1 合计 4385000 …"; a number
/// in a name). A line of integers counting 1, 2, 3 … (栏次 without its word)
/// is left as it is.
fn integers_as_amounts(toks: &mut [Tok<'_>]) {
    let numeric = |t: &Tok<'_>| matches!(t, Tok::Amount(_) | Tok::Int(_) | Tok::Blank);
    let start = toks.iter().rposition(|t| !numeric(t)).map_or(0, |i| i.saturating_add(1));
    let Some(run) = toks.get_mut(start..) else { return };
    let counting = start == 0 && run.len() > 1 && run.iter().zip(1u64..).all(|(t, k)| *t == Tok::Int(k));
    if counting {
        return;
    }
    for t in run.iter_mut() {
        if let Tok::Int(n) = *t {
            *t = Tok::Amount(rust_decimal::Decimal::from(n));
        }
    }
}

/// Rows being read, with their open rows and problems.
#[derive(Default)]
struct Acc {
    read: Read,
}

impl Acc {
    /// Adds a row; its cells are certain when every column (or none) is
    /// printed, else the row is open with its candidate placements. The
    /// row's cells are its `amounts`, moved rather than copied.
    fn push(&mut self, row: Row, amounts: Vec<Cell>, ncols: usize, table: &str) {
        let n = amounts.len();
        let line = row.source_line;
        if n > ncols {
            self.read.set_aside = self.read.set_aside.saturating_add(n - ncols);
            self.read.problems.push(ReadProblem {
                table: Some(table.to_string()),
                message: format!("第{line}行“{}”的数字比栏目多，多出的数字已忽略", row.label),
                source_line: Some(line),
            });
        }
        let mut cells = amounts;
        cells.truncate(ncols);
        if n == 0 || n >= ncols {
            cells.resize(ncols, Cell::blank(line));
        } else {
            self.read.open.push((self.read.rows.len(), candidates(&cells, ncols, line)));
            cells = vec![Cell::blank(line); ncols];
        }
        self.read.rows.push(Row { cells, ..row });
    }
}

/// 项目支出表: "项目名称 项目类型 amounts…", a row per line with amounts (a
/// name wrapped onto lines before it is joined to it); `yuan` as for
/// [`data_lines`].
pub fn read_projects(body: &[Line], ncols: usize, table: &str, yuan: bool) -> Read {
    let mut acc = Acc::default();
    let mut pending: Vec<String> = Vec::new();
    let mut lines = data_lines(body, yuan);
    while let Some((l, toks)) = lines.next_line() {
        let texts: Vec<String> = toks.iter().filter_map(|t| if let Tok::Text(s) = t { Some(s.to_string()) } else { None }).collect();
        let amounts: Vec<Cell> = toks
            .iter()
            .filter_map(|t| if let Tok::Amount(d) = t { Some(Cell { value: Some(*d), source_line: l.no }) } else { None })
            .collect();
        pending.extend(texts);
        if amounts.is_empty() {
            continue;
        }
        let mut parts = std::mem::take(&mut pending);
        // The type column is the last text piece when it names a class of project ("其他运转类").
        let kind = match parts.last() {
            Some(k) if parts.len() >= 2 && k.ends_with('类') && k.chars().count() <= 10 => parts.pop(),
            _ => None,
        };
        let name = parts.concat();
        let label = match kind {
            Some(k) => format!("{name}（{k}）"),
            None => name,
        };
        acc.push(Row { code: None, label, line: None, cells: Vec::new(), source_line: l.no }, amounts, ncols, table);
    }
    acc.read
}

/// 政府采购预算表 item rows and their 合计 row; `yuan` as for [`data_lines`].
pub fn read_procurement(body: &[Line], ncols: usize, table: &str, yuan: bool) -> Read {
    let mut acc = Acc::default();
    // The text of the lines since the row before (wrapped name lines, and
    // headers repeated after a page break, cut off below at the first "["),
    // then this line's: one buffer for every row, not a string per line.
    let mut text = String::new();
    let mut first_line: Option<usize> = None;
    let mut lines = data_lines(body, yuan);
    while let Some((l, toks)) = lines.next_line() {
        let from = text.len();
        let mut amounts = Vec::new();
        for t in toks {
            match t {
                Tok::Text(s) if amounts.is_empty() => text.push_str(s),
                Tok::Amount(d) => amounts.push(Cell { value: Some(*d), source_line: l.no }),
                _ => {}
            }
        }
        let this_line = text.get(from..).unwrap_or_default();
        if this_line.contains('[') && first_line.is_none() {
            first_line = Some(l.no);
        }
        if amounts.is_empty() {
            continue;
        }
        let start = first_line.take().unwrap_or(l.no);
        let (code, label) = match text.find('[') {
            Some(i) => parse_item(text.get(i..).unwrap_or_default()),
            None => (None, this_line.to_string()),
        };
        text.clear();
        let source_line = if code.is_some() { start } else { l.no };
        acc.push(Row { code, label, line: None, cells: Vec::new(), source_line }, amounts, ncols, table);
    }
    acc.read
}

/// `"[2010301]行政运行[C23120302]车辆加油、添加燃料服务服务"` →
/// ("2010301/C23120302", "车辆加油、添加燃料服务（服务）").
fn parse_item(s: &str) -> (Option<String>, String) {
    // The codes and the last name, borrowed: only the key and the label
    // are written out, not a string per piece.
    let mut codes: Vec<&str> = Vec::new();
    let mut name = "";
    for part in s.split('[').filter(|p| !p.is_empty()) {
        match part.split_once(']') {
            Some((c, n)) => {
                codes.push(c);
                name = n;
            }
            None => name = part,
        }
    }
    let category = CATEGORIES.iter().find(|c| name.ends_with(**c) && name.len() > c.len());
    let label = match category.and_then(|c| Some((name.get(..name.len() - c.len())?, c))) {
        Some((name, c)) => format!("{name}（{c}）"),
        None => name.to_string(),
    };
    ((!codes.is_empty()).then(|| codes.join("/")), label)
}

/// Rows led by a 序号 and a label: "3 一、因公出国（境）费 91.00 91.00 0.00 0.00";
/// `yuan` as for [`data_lines`].
pub fn read_labelled(body: &[Line], ncols: usize, table: &str, yuan: bool) -> Read {
    let mut acc = Acc::default();
    // The row being read and its amounts.
    let mut cur: Option<(Row, Vec<Cell>)> = None;
    let mut lines = data_lines(body, yuan);
    while let Some((l, toks)) = lines.next_line() {
        let serial = match toks.first() {
            Some(Tok::Int(n)) if toks.len() > 1 => u32::try_from(*n).ok(),
            _ => None,
        };
        let starts_row = serial.is_some() || cur.as_ref().is_none_or(|o| !o.1.is_empty());
        if starts_row {
            if let Some((row, amounts)) = cur.take() {
                acc.push(row, amounts, ncols, table);
            }
            cur = Some((Row { code: None, label: String::new(), line: serial, cells: Vec::new(), source_line: l.no }, Vec::new()));
        }
        let Some((row, amounts)) = cur.as_mut() else { continue };
        for t in toks.iter().skip(usize::from(serial.is_some())) {
            match t {
                Tok::Text(s) if amounts.is_empty() => row.label.push_str(s),
                Tok::Amount(d) => amounts.push(Cell { value: Some(*d), source_line: l.no }),
                _ => {}
            }
        }
    }
    if let Some((row, amounts)) = cur.take() {
        acc.push(row, amounts, ncols, table);
    }
    acc.read
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise;

    #[test]
    fn procurement_items_wrap_and_repeat_headers() {
        let text = "采购品目\n合计 5,970.09 5,970.09\n[2010301]行政\n运行\n[C23120302]车\n辆加油、添加燃\n料服务\n服务 28.00 28.00\n功能科目编码及\n名称\n[2010301]行政\n运行\n[C99000000]其\n他服务\n服务 5,581.64 5,581.64\n";
        let r = read_procurement(&normalise(text), 2, "10", false);
        let got: Vec<(Option<String>, String)> = r.rows.iter().map(|x| (x.code.clone(), x.label.clone())).collect();
        assert_eq!(
            got,
            vec![
                (None, "合计".to_string()),
                (Some("2010301/C23120302".to_string()), "车辆加油、添加燃料服务（服务）".to_string()),
                (Some("2010301/C99000000".to_string()), "其他服务（服务）".to_string()),
            ]
        );
    }

    #[test]
    fn projects_keep_their_type() {
        let r = read_projects(&normalise("项目名称 项目类型 合计\n驻外机构工作保障经费 其他运转类 303.00 303.00 303.00\n"), 9, "11", false);
        assert_eq!(r.rows[0].label, "驻外机构工作保障经费（其他运转类）");
        assert_eq!(r.open.len(), 1);
    }

    #[test]
    fn labelled_rows_keep_their_serial() {
        let r = read_labelled(
            &normalise("序号 项目\n1 合计 438.50 438.50 0.00 0.00\n5 　　其中:公务用车购置费 0.00 0.00 0.00 0.00\n"),
            4,
            "9",
            false,
        );
        assert_eq!(r.rows.len(), 2);
        assert_eq!((r.rows[1].line, r.rows[1].label.as_str()), (Some(5), "其中:公务用车购置费"));
    }

    /// 青岛's 三公 table (公开表9, "1 合计 4385000 4385000 0 0", a 序号 first) and
    /// 政府采购预算表 (公开表10, "服务 280000 280000 280000 0 …") and 烟台's
    /// 项目支出预算表 (公开表11, "12345政务热线平台运营项目经费 其他运转类
    /// 33000000 …") printed in 元 as integers: the document reads as in 万元,
    /// every table the same rows with the same amounts (the one in 元 ×10000),
    /// the 序号 kept as such.
    #[test]
    fn item_and_labelled_tables_printed_in_yuan_integers_read_as_in_wan() {
        use crate::corpus_edits::{table_in_yuan_as, tables_in_wan};
        for (file, tables) in [("qingdao-office-2023-budget.txt", &["9", "10"][..]), ("yantai-office-2023-budget.txt", &["11"])] {
            let text = std::fs::read_to_string(format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"))).expect("fixture");
            let want = tables_in_wan(&crate::read(&text));
            for n in tables {
                let doc = crate::read(&table_in_yuan_as(&text, &format!("公开表{n}"), 0));
                let table = doc.tables.iter().find(|t| t.number.as_deref() == Some(n));
                assert_eq!(table.and_then(|t| t.unit.as_deref()), Some("元"), "{file} 公开表{n}");
                assert_eq!(tables_in_wan(&doc), want, "{file} 公开表{n}");
            }
        }
    }

    /// Of a line in 元, the integers printed after its last text are amounts;
    /// a 序号 before the label, a number in a name and a 栏次 count are not.
    #[test]
    fn only_the_integers_after_the_label_are_amounts() {
        let amounts = |line: &str| {
            let mut toks = crate::tables::tokens::pieces(line);
            integers_as_amounts(&mut toks);
            toks.iter().filter(|t| matches!(t, Tok::Amount(_))).count()
        };
        assert_eq!(amounts("3 一、因公出国（境）费 910000 910000 0 0"), 4);
        assert_eq!(amounts("示例 12345 热线经费 其他运转类 150000 150000"), 2);
        assert_eq!(amounts("1 2 3 4 5"), 0);
        assert_eq!(amounts("150000 150000 0"), 3);
    }
}
