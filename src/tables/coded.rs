//! 科目 tables keyed by 功能分类 codes (公开02/03/05/07/08表): a 合计 row, then
//! 类/款/项 rows with 3/5/7-digit codes, each with n value columns.
//!
//! Rows are recognised by their anchor (a code, or 合计), not by line: a code
//! may stand alone with its name wrapped over the next lines and its numbers
//! on a line of their own, and headers repeat after page breaks.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::candidates::Candidates;
use super::tokens::{tokenize_into, Tok};
use crate::model::{Cell, ReadProblem};
use crate::segment::is_note;
use crate::text::Line;
use crate::text::{search, window};

/// A row as read, before its numbers are placed in columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// The code ("2010301"), None for the 合计 row.
    pub code: Option<String>,
    /// The label: name, or "合计".
    pub label: String,
    /// The printed cells in order; `None` is an explicit blank (TAB layout).
    pub printed: Vec<Option<(Decimal, usize)>>,
    /// True when blank cells were explicit, so positions are certain.
    pub positional: bool,
    /// Source line of the anchor.
    pub source_line: usize,
}

impl RawRow {
    /// How many amounts were printed.
    pub fn amount_count(&self) -> usize {
        self.printed.iter().filter(|p| p.is_some()).count()
    }

    /// The printed amounts in order (blank cells skipped).
    pub fn amounts(&self) -> Vec<(Decimal, usize)> {
        self.printed.iter().flatten().copied().collect()
    }
}

/// Whether a digit string is a 功能分类 (2xx) or 经济分类 (3xx/5xx) code of a
/// 类 (3), 款 (5) or 项 (7) level: the definition the readers' test of an
/// integer's value ([`is_code_int`]) is held to.
#[cfg(test)]
pub fn is_code(s: &str, first: &[char]) -> bool {
    matches!(s.len(), 3 | 5 | 7) && s.bytes().all(|b| b.is_ascii_digit()) && s.starts_with(first)
}

/// The code an integer token prints, when it is one ([`is_code_int`]): only
/// a code is written out (行次 and years are integers too).
pub fn code_of(n: u64, first: &[char]) -> Option<String> {
    is_code_int(n, first).then(|| n.to_string())
}

/// Whether an integer's digits are a 功能分类 (2xx) or 经济分类 (3xx/5xx) code
/// of a 类 (3), 款 (5) or 项 (7) level, the first digit in `first`: told from
/// its value, without writing the digits out.
pub fn is_code_int(n: u64, first: &[char]) -> bool {
    let lead = match n {
        100..=999 => n / 100,
        10_000..=99_999 => n / 10_000,
        1_000_000..=9_999_999 => n / 1_000_000,
        _ => return false,
    };
    u32::try_from(lead).is_ok_and(|d| first.iter().any(|c| c.to_digit(10) == Some(d)))
}

/// Joins codes split by spaces or tabs ("201 03 01" → "2010301", "201\t03" →
/// "20103"); every other separator is kept as it was (a tab still separates
/// cells).
pub fn join_split_codes(line: &str) -> std::borrow::Cow<'_, str> {
    let b = line.as_bytes();
    let sep = |x: u8| (x == b' ') | (x == b'\t');
    // A token of `n` digits ending at `end`: a separator or the line's
    // start before it.
    let token = |end: usize, n: usize| {
        end.checked_sub(n).is_some_and(|start| {
            b.get(start..end).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                // (or a form feed: a page's first line keeps it, "\u{c}208 05 06")
                && start.checked_sub(1).is_none_or(|k| b.get(k).is_some_and(|x| sep(*x) | (*x == 0x0c)))
        })
    };
    let mut cuts: Vec<usize> = Vec::new();
    window::scan(
        b,
        |[s, x, y]| sep(s) & x.is_ascii_digit() & y.is_ascii_digit(),
        |at, mask| {
            for i in window::positions(at, mask) {
                let alone = b.get(i + 3).is_none_or(|x| sep(*x));
                if alone && (token(i, 3) || token(i, 2) && i.checked_sub(3).is_some_and(|k| token(k, 3))) {
                    cuts.push(i);
                }
            }
        },
    );
    if cuts.is_empty() {
        return Cow::Borrowed(line);
    }
    // The separators are ASCII: cut by bytes, the runs are whole chars.
    let mut out = String::with_capacity(line.len());
    let mut from = 0;
    for c in cuts {
        out.push_str(line.get(from..c).unwrap_or_default());
        from = c + 1;
    }
    out.push_str(line.get(from..).unwrap_or_default());
    Cow::Owned(out)
}

/// A header line of a 科目 table (captions, 栏次, 科目编码 …).
// Inlined into each reader of `read_views`: called on every line, and an
// outlined call measured dearer than the search it makes.
#[inline(always)]
pub fn is_header_line(sq: &str) -> bool {
    sq.starts_with("项目")
        || search::contains(sq, "栏次")
        // The three 科目 captions are looked for only where 科目 is: one
        // search on most lines rather than three.
        || search::contains(sq, "科目")
            && (search::contains(sq, "科目编码") || search::contains(sq, "科目代码") || search::contains(sq, "科目名称"))
        || sq.starts_with("功能分类")
}

fn is_total_label(s: &str) -> bool {
    matches!(s, "合计" | "总计")
}

/// Reads the rows of a 科目 table body. `first` lists the allowed first digits
/// of codes ('2' for 功能分类). `yuan`: the table is in 元, whose amounts may
/// be integers of a code's shape ("2024900"): an integer is then a code only
/// where a label follows it, or where it stands alone on its line while no
/// row waits for its amounts (a code over a label wrapped onto the next
/// line); otherwise it is an amount of the open row. Each problem reported
/// is one amount that belongs to no row, set aside.
pub fn read_rows(lines: &[Line], first: &[char], table: &str, yuan: bool) -> (Vec<RawRow>, Vec<ReadProblem>) {
    read_views(lines, first, table, yuan)
}

/// A line as [`read_views`] reads it, borrowed: a reader that cuts
/// something off each line (a 序号) gives views of the lines rather than
/// copies of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineView<'a> {
    /// As [`Line::no`].
    pub no: usize,
    /// As [`Line::text`].
    pub text: &'a str,
    /// As [`Line::squeezed`].
    pub squeezed: &'a str,
    /// As [`Line::colon`]: whether `squeezed` holds a colon.
    pub colon: bool,
}

impl<'a> LineView<'a> {
    /// A whole line.
    pub fn of(l: &'a Line) -> Self {
        LineView { no: l.no, text: &l.text, squeezed: &l.squeezed, colon: l.colon }
    }
}

/// What [`read_views`] reads a line as: a [`Line`] whole, or a view.
pub trait AsView {
    /// The line as a view.
    fn view(&self) -> LineView<'_>;
}

impl AsView for Line {
    fn view(&self) -> LineView<'_> {
        LineView::of(self)
    }
}

impl AsView for LineView<'_> {
    fn view(&self) -> LineView<'_> {
        *self
    }
}

/// [`read_rows`] of lines given as [`Line`]s or views.
pub fn read_views<L: AsView>(lines: &[L], first: &[char], table: &str, yuan: bool) -> (Vec<RawRow>, Vec<ReadProblem>) {
    let mut rows: Vec<RawRow> = Vec::new();
    let mut problems = Vec::new();
    let mut open = false; // the last row may still take name text / numbers
    let mut name_slot = false; // the cell after the anchor is the name (TAB layout)
    let mut buf: Vec<Tok> = Vec::new();
    for l in lines {
        let l = l.view();
        let sq = l.squeezed;
        if sq.is_empty() {
            continue;
        }
        if is_note(sq) {
            // 07/08 print their note before the header; the table goes on.
            open = false;
            continue;
        }
        if is_header_line(sq) || l.colon && super::names_unit_or_department(sq) {
            open = false;
            continue;
        }
        let joined = join_split_codes(l.text);
        // Most lines need no join and borrow the line: their tokens go into
        // the one buffer; a joined line (rare) has a vector of its own.
        let mut own = Vec::new();
        let (tabbed, toks) = match &joined {
            Cow::Borrowed(line) => (tokenize_into(line, &mut buf), buf.drain(..)),
            Cow::Owned(line) => (tokenize_into(line, &mut own), own.drain(..)),
        };
        let mut toks = toks.peekable();
        let mut first_on_line = true;
        while let Some(tok) = toks.next() {
            let code_here = !yuan || {
                let waiting = open && rows.last().is_some_and(|r| r.printed.is_empty());
                match toks.peek() {
                    Some(next) => matches!(next, Tok::Text(_)),
                    None => first_on_line && !waiting,
                }
            };
            first_on_line = false;
            let anchor = match &tok {
                Tok::Int(n) if code_here => code_of(*n, first).map(|c| (Some(c), String::new())),
                Tok::Text(t) if is_total_label(t) => Some((None, "合计".to_string())),
                _ => None,
            };
            if let Some((code, label)) = anchor {
                rows.push(RawRow { code, label, printed: Vec::new(), positional: tabbed, source_line: l.no });
                open = true;
                name_slot = true;
                continue;
            }
            let row = rows.last_mut().filter(|_| open);
            match (tok, row) {
                (Tok::Text(t), Some(r)) => {
                    if r.printed.is_empty() && r.code.is_some() {
                        r.label.push_str(&t);
                    }
                    name_slot = false;
                }
                (Tok::Amount(d), Some(r)) => {
                    r.printed.push(Some((d, l.no)));
                    name_slot = false;
                }
                (Tok::Int(n), Some(r)) if yuan => {
                    r.printed.push(Some((Decimal::from(n), l.no)));
                    name_slot = false;
                }
                (Tok::Amount(d), None) => problems.push(ReadProblem {
                    table: Some(table.to_string()),
                    message: format!("第{}行的金额 {d} 不属于任何科目行，已忽略", l.no),
                    source_line: Some(l.no),
                }),
                (Tok::Blank, Some(r)) => {
                    if name_slot && tabbed {
                        name_slot = false;
                    } else {
                        r.printed.push(None);
                    }
                }
                _ => {}
            }
        }
        if tabbed {
            open = false;
        }
    }
    // TAB positions are trusted only when the table shows a blank cell
    // between tabs somewhere: a text export that turned every run of spaces
    // into one tab has none, and its short rows dropped blanks like a
    // space-separated table (the solver places them).
    if !rows.iter().any(|r| r.positional && r.printed.iter().any(Option::is_none)) {
        for r in &mut rows {
            r.positional = false;
        }
    }
    (rows, problems)
}

/// Places printed numbers into `ncols` columns where positions are certain:
/// TAB layout, or as many numbers as columns, or no number at all. Returns
/// None when blanks were dropped and the placement must be solved.
pub fn place_certain(r: &RawRow, ncols: usize) -> Option<Vec<Cell>> {
    let n = r.amount_count();
    if r.positional || r.printed.len() == ncols || n == 0 {
        let mut cells: Vec<Cell> = r
            .printed
            .iter()
            .take(ncols)
            .map(|p| match p {
                Some((d, ln)) => Cell { value: Some(*d), source_line: *ln },
                None => Cell::blank(r.source_line),
            })
            .collect();
        cells.resize(ncols, Cell::blank(r.source_line));
        return Some(cells);
    }
    None
}

/// Every order-preserving placement of a row's printed amounts into `ncols`
/// columns where the first amount is the row total (column 0).
pub fn candidates(r: &RawRow, ncols: usize) -> Candidates {
    Candidates::new(r.amounts(), ncols, r.source_line)
}

#[cfg(test)]
mod tests {
    #[test]
    fn is_code_int_is_is_code_of_the_digits() {
        let firsts: [&[char]; 4] = [&['2'], &['3'], &['5'], &['3', '5']];
        let around = |p: u64| p.saturating_sub(3)..p.saturating_add(3);
        let ns = (0..120_000u64)
            .chain([1_000_000, 10_000_000, 100_000_000].into_iter().flat_map(around))
            .chain((0..20).map(|k| 2_000_000 + k * 499_999))
            .chain([u64::MAX]);
        for n in ns {
            for f in firsts {
                assert_eq!(super::is_code_int(n, f), super::is_code(&n.to_string(), f), "{n} {f:?}");
            }
            // As econ::read tests its codes.
            let econ = matches!(n, 100..=999 | 10_000..=99_999) && super::is_code_int(n, &['3']);
            assert_eq!(econ, crate::tables::econ::is_code(&n.to_string()), "{n}");
        }
    }

    use super::*;
    use crate::text::normalise;

    /// [`join_split_codes`] by its definition: the line's tokens listed
    /// first, then each 类 code joined to the one or two 2-digit parts after it.
    fn join_all_listed(line: &str) -> String {
        // (token, the separator after it or None at the end)
        // One token per separator, plus the last (a byte count, sized once).
        let seps = line.bytes().filter(|b| matches!(b, b' ' | b'\t')).count();
        let mut toks: Vec<(&str, Option<char>)> = Vec::with_capacity(seps.saturating_add(1));
        let mut start = 0;
        // The separators are ASCII: found by bytes, they cut at char boundaries.
        for (k, b) in line.bytes().enumerate().filter(|(_, b)| matches!(b, b' ' | b'\t')) {
            toks.push((line.get(start..k).unwrap_or_default(), Some(char::from(b))));
            start = k + 1;
        }
        toks.push((line.get(start..).unwrap_or_default(), None));
        let mut out = String::with_capacity(line.len());
        let mut i = 0;
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let two = |j: usize| toks.get(j).is_some_and(|n: &(&str, Option<char>)| digits(n.0, 2));
        while i < toks.len() {
            let (t, mut sep) = toks[i];
            out.push_str(t);
            if digits(t.trim_start_matches('\u{c}'), 3) && two(i + 1) {
                out.push_str(toks[i + 1].0);
                sep = toks[i + 1].1;
                i += 2;
                if two(i) {
                    out.push_str(toks[i].0);
                    sep = toks[i].1;
                    i += 1;
                }
            } else {
                i += 1;
            }
            out.extend(sep);
        }
        out
    }

    #[test]
    fn joined_codes_are_the_listed_join() {
        // Lines of codes, their parts and other tokens, cut by runs of spaces
        // and tabs (an empty token is two separators in a row).
        let toks = ["201", "03", "01", "2", "12", "123", "2010301", "1.00", "一般公共服务", "x", "", "2\u{3000}01"];
        let seps = [" ", "\t", "  "];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(seed >> 33).unwrap() % n
        };
        let mut joined = 0;
        for _ in 0..5000 {
            let mut line = String::new();
            for k in 0..next(9) {
                if k > 0 || next(4) == 0 {
                    line.push_str(seps[next(seps.len())]);
                }
                line.push_str(toks[next(toks.len())]);
            }
            if next(4) == 0 {
                line.push_str(seps[next(seps.len())]);
            }
            let got = join_split_codes(&line);
            assert_eq!(got, join_all_listed(&line), "{line:?}");
            joined += usize::from(got.len() < line.len());
        }
        assert!(joined > 300, "{joined}");
    }

    #[test]
    fn code_of_is_is_code_of_the_written_integer() {
        let edges = [0u64, 99_990, 999_990, 1_999_990, 2_999_990, 9_999_990, 19_999_990];
        for n in (0..12_000).chain(edges.iter().flat_map(|e| *e..e + 20)).chain([2010301, 3020199, u64::MAX]) {
            for first in [&['2'][..], &['3'], &['5'], &['3', '5']] {
                let s = n.to_string();
                assert_eq!(code_of(n, first), is_code(&s, first).then_some(s.clone()), "{n} {first:?}");
            }
        }
    }

    #[test]
    fn split_codes_are_joined() {
        // The fast path returns what the full join would.
        for s in
            ["201 03 01 行政运行 1.00", "栏次 1 2 3", "合计 12 34", "201 03", "2 01 03", "201 03x", "301 02 1.00 302 01 2.00", "12 03 01"]
        {
            assert_eq!(join_split_codes(s), join_all_listed(s), "{s}");
        }
        assert_eq!(join_split_codes("201 03 01 行政运行 1.00"), "2010301 行政运行 1.00");
        assert_eq!(join_split_codes("201 03 政府办公厅"), "20103 政府办公厅");
        assert_eq!(join_split_codes("\u{c}208 05 06 机关事业单位职业年金缴费支出"), "\u{c}2080506 机关事业单位职业年金缴费支出");
        assert_eq!(join_split_codes("栏次 1 2 3"), "栏次 1 2 3");
        // A text export may turn every run of spaces into a tab.
        assert_eq!(join_split_codes("201\t03\t01\t行政运行\t1.00"), "2010301\t行政运行\t1.00");
        assert_eq!(join_split_codes("201 03\t政府办公厅"), "20103\t政府办公厅");
        // Over generated lines, long ones included (64-byte blocks).
        let pieces = ["201", "03", "01", "1", "12", "123", " ", "\t", "  ", "行政运行", "1.00", "x"];
        for s in crate::text::stream::sample_texts(&pieces, 600) {
            assert_eq!(join_split_codes(&s), join_all_listed(&s), "{s:?}");
        }
    }

    #[test]
    fn wrapped_rows_are_joined_by_their_code_anchor() {
        let lines = normalise("合 计 8,979.28 8,979.10 0.18\n2080505\n\n机关事业单位基本养老保\n\n险缴费支出\n\n101.65 101.65\n 项 目\n栏次 1 2 3\n210 卫生健康支出 93.38 93.38\n");
        let (rows, problems) = read_rows(&lines, &['2'], "02", false);
        assert!(problems.is_empty());
        let got: Vec<(Option<&str>, &str, usize)> = rows.iter().map(|r| (r.code.as_deref(), r.label.as_str(), r.amount_count())).collect();
        assert_eq!(
            got,
            vec![(None, "合计", 3), (Some("2080505"), "机关事业单位基本养老保险缴费支出", 2), (Some("210"), "卫生健康支出", 2)]
        );
    }

    #[test]
    fn tab_rows_keep_positions() {
        let lines = normalise("合 计\t\t10,116.83\t10,095.35\t\t\t\t\t21.48\n2010302\t一般行政管理事务\t4,646.70\t4,646.70\t\t\t\t\t\n");
        let (rows, _) = read_rows(&lines, &['2'], "02", false);
        let c = place_certain(&rows[0], 7).unwrap();
        assert_eq!(c[6].value.map(|d| d.to_string()).as_deref(), Some("21.48"));
        assert_eq!(c[2].value, None);
        let c = place_certain(&rows[1], 7).unwrap();
        assert_eq!(c.iter().filter(|c| c.value.is_some()).count(), 2);
    }

    #[test]
    fn candidates_keep_order_and_put_the_total_first() {
        let lines = normalise("合计 3.00 1.00 2.00\n");
        let (rows, _) = read_rows(&lines, &['2'], "02", false);
        assert_eq!(candidates(&rows[0], 4).len(), 3);
        assert!(place_certain(&rows[0], 4).is_none());
    }
}
