//! Two-sided tables (收入 | 支出) anchored on 行次: 公开01表 and 公开04表.
//!
//! Each physical row holds a left (income) entry and a right (expenditure)
//! entry, each "label 行次 values…". Labels may be empty, wrapped over lines
//! before the 行次, or split around a lone left 行次; the 行次 sequence is the
//! anchor that survives all of it.

use rust_decimal::Decimal;

use super::candidates::Candidates;
use super::tokens::{tokenize_into, Tok};
use crate::model::{Cell, ReadProblem, Row};
use crate::segment::is_note;
use crate::text::search;
use crate::text::Line;

/// The shape of one side.
#[derive(Debug, Clone, Copy)]
pub struct Side {
    /// First 行次.
    pub first: u32,
    /// Last 行次.
    pub last: u32,
    /// Number of value columns.
    pub ncols: usize,
}

/// One side-entry as read, before placement.
#[derive(Debug, Clone)]
pub struct Entry {
    /// 行次.
    pub line: u32,
    /// Label (may be empty).
    pub label: String,
    /// Values as read: `Some(cell)` or an explicit blank `None`.
    pub values: Vec<Option<(Decimal, usize)>>,
    /// Whether blank cells were explicit (TAB layout or full count), so
    /// positions are certain.
    pub positional: bool,
    /// Source line of the 行次.
    pub source_line: usize,
}

/// Reads the entries of both sides from a table body. `yuan`: the table is
/// in 元, whose amounts may be integers. Where an integer is neither a 行次
/// nor before one, the table is read again taking integers as amounts
/// ([`Integers`]); where even that cannot tell them from 行次, it is not read
/// (no entries, one problem saying why) rather than read with its amounts blank.
/// The third value counts the amounts set aside: printed before any 行次,
/// no entry could hold them.
pub fn read_entries(lines: &[Line], left: Side, right: Side, table: &str, yuan: bool) -> (Vec<Entry>, Vec<ReadProblem>, usize) {
    match read_with(lines, left, right, table, None) {
        Pass { integer: Some((line, n)), .. } if yuan => match read_with(lines, left, right, table, Some(&Integers::of(lines))) {
            Pass { entries, problems, integer: None, aside } => (entries, problems, aside),
            _ => (Vec::new(), vec![integers_in_yuan(table, line, n)], 0),
        },
        Pass { entries, problems, aside, .. } => (entries, problems, aside),
    }
}

/// The integers of a table body in 元, counted: an integer that could be the
/// next 行次 or an amount is the 行次 only if printed once in the table.
struct Integers(std::collections::HashMap<u64, u32>);

impl Integers {
    fn of(lines: &[Line]) -> Self {
        let mut counts = std::collections::HashMap::new();
        let mut toks: Vec<Tok> = Vec::new();
        for l in lines {
            tokenize_into(&l.text, &mut toks);
            for t in toks.drain(..) {
                if let Tok::Int(n) = t {
                    let c: &mut u32 = counts.entry(n).or_default();
                    *c = c.saturating_add(1);
                }
            }
        }
        Integers(counts)
    }
}

/// One reading of a table's entries.
struct Pass {
    entries: Vec<Entry>,
    problems: Vec<ReadProblem>,
    /// The first integer (its line, its value) that was neither a 行次 nor
    /// (with `integers`, in 元) an amount of an open entry.
    integer: Option<(usize, u64)>,
    /// The amounts printed before any 行次.
    aside: usize,
}

/// Reads the entries.
fn read_with(lines: &[Line], left: Side, right: Side, table: &str, integers: Option<&Integers>) -> Pass {
    let mut aside = 0usize;
    let mut entries: Vec<Entry> = Vec::new();
    let mut problems = Vec::new();
    let mut integer: Option<(usize, u64)> = None;
    let mut pending = String::new();
    let mut open: Option<usize> = None; // index into entries still taking values
    let (mut last_left, mut last_right) = (0u32, 0u32);
    // One token buffer for every line.
    let mut toks: Vec<Tok> = Vec::new();
    for l in lines {
        let sq = l.squeezed.as_str();
        if sq.is_empty() {
            continue;
        }
        if is_note(sq) {
            break;
        }
        if is_header_line(sq) || l.colon && super::names_unit_or_department(sq) {
            pending.clear();
            open = None;
            continue;
        }
        let tabbed = tokenize_into(&l.text, &mut toks);
        for tok in toks.drain(..) {
            match tok {
                Tok::Text(t) => {
                    if open.take().is_some() {
                        pending.clear();
                    }
                    pending.push_str(&t);
                }
                Tok::Int(int) => {
                    let n = u32::try_from(int).unwrap_or(u32::MAX);
                    let (is_left, is_right) = match integers {
                        None => (
                            (left.first..=left.last).contains(&n) && n > last_left,
                            (right.first..=right.last).contains(&n) && n > last_right,
                        ),
                        // In 元 the 行次 run one by one on each side: any
                        // other integer is an amount.
                        Some(_) => (n == next(last_left, left), n == next(last_right, right)),
                    };
                    // An open entry short of its cells may take an integer as an amount.
                    let taking = integers.is_some()
                        && open.and_then(|i| entries.get(i)).is_some_and(|e: &Entry| {
                            let side = if (left.first..=left.last).contains(&e.line) { left } else { right };
                            e.values.len() < side.ncols
                        });
                    let once = integers.is_some_and(|c| c.0.get(&int).copied().unwrap_or(0) <= 1);
                    if (is_left || is_right) && taking && !once {
                        // The next 行次, or an amount printed alike elsewhere: unknown.
                        integer = integer.or(Some((l.no, int)));
                    } else if is_left || is_right {
                        if is_left {
                            last_left = n;
                        } else {
                            last_right = n;
                        }
                        entries.push(Entry {
                            line: n,
                            label: std::mem::take(&mut pending),
                            values: Vec::new(),
                            positional: tabbed,
                            source_line: l.no,
                        });
                        open = Some(entries.len() - 1);
                    } else if let (true, Some(i)) = (taking, open) {
                        entries[i].values.push(Some((Decimal::from(int), l.no)));
                    } else {
                        integer = integer.or(Some((l.no, int)));
                        problems.push(ReadProblem {
                            table: Some(table.to_string()),
                            message: format!("第{}行的数字 {int} 不是预期的行次，已忽略", l.no),
                            source_line: Some(l.no),
                        });
                    }
                }
                Tok::Amount(d) => match open {
                    Some(i) => entries[i].values.push(Some((d, l.no))),
                    None => {
                        aside = aside.saturating_add(1);
                        problems.push(ReadProblem {
                            table: Some(table.to_string()),
                            message: format!("第{}行的金额 {d} 前面没有行次，无法确定它属于哪一行，已忽略", l.no),
                            source_line: Some(l.no),
                        });
                    }
                },
                Tok::Blank => {
                    if let Some(i) = open {
                        entries[i].values.push(None);
                    }
                }
            }
        }
        if tabbed {
            // In TAB layout a row never continues on the next line.
            open = None;
        }
    }
    // In 元 every 行次 must have been found: one taken for an amount, or an
    // amount for one, leaves the run short.
    if integers.is_some() && (last_left != left.last || last_right != right.last) {
        integer = integer.or(Some((0, 0)));
    }
    Pass { entries, problems, integer, aside }
}

/// The next 行次 of a side after `last`.
fn next(last: u32, side: Side) -> u32 {
    if last < side.first {
        side.first
    } else {
        last.saturating_add(1)
    }
}

/// Why a table in 元 printing integers (公开01表, 04表, 06表) is not read: its
/// reader cannot tell an integer from a 行次 or a code.
pub(crate) fn integers_in_yuan(table: &str, line: usize, n: u64) -> ReadProblem {
    ReadProblem {
        table: Some(table.to_string()),
        message: format!("公开{table}表以元为单位，金额印为整数（如第{line}行的 {n}），尚不能与行次或科目编码区分，本表未读取"),
        source_line: Some(line),
    }
}

/// A header line: captions, not data ("项目 行次 金额", "栏次 1 2", "收入 支出").
pub fn is_header_line(sq: &str) -> bool {
    search::contains(sq, "栏次")
        || sq.starts_with("项目")
        || (search::contains(sq, "行次") && (search::contains(sq, "项目") || search::contains(sq, "金额")))
        || sq == "收入支出"
        || sq.starts_with("收入支出") && sq.chars().count() <= 6
}

/// Places the entries of one side into rows of `side.ncols` cells, one row per
/// 行次 from `first` to `last`. Entries whose cells cannot be placed by
/// position alone are returned in the third element for the solver. The
/// label of each entry placed moves into its row (the two sides of a layout
/// hold different 行次, so no entry is placed twice).
pub fn place(entries: &mut [Entry], side: Side, table: &str) -> (Vec<Row>, Vec<ReadProblem>, Vec<Entry>) {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut ambiguous = Vec::new();
    let mut missing = Vec::new();
    // The first entry of each 行次 of the side, by one pass over the entries
    // rather than a search of them per 行次.
    let at = first_by_line(entries.iter().map(|e| e.line), side.first, side.last);
    for n in side.first..=side.last {
        let e =
            n.checked_sub(side.first).and_then(|k| at.get(usize::try_from(k).ok()?).copied().flatten()).and_then(|i| entries.get_mut(i));
        let Some(e) = e else {
            missing.push(n);
            continue;
        };
        let mut cells: Vec<Cell> = Vec::with_capacity(side.ncols);
        let printed: &[Option<(Decimal, usize)>] = &e.values;
        let amounts = printed.iter().filter(|v| v.is_some()).count();
        if e.positional || printed.len() >= side.ncols || amounts == 0 || side.ncols == 1 {
            if printed.len() > side.ncols && printed[side.ncols..].iter().any(|v| v.is_some()) {
                problems.push(ReadProblem {
                    table: Some(table.to_string()),
                    message: format!("公开{table}表行次{n}的数字比栏目多，多出的数字已忽略"),
                    source_line: Some(e.source_line),
                });
            }
            for i in 0..side.ncols {
                let cell = match printed.get(i) {
                    Some(Some((d, ln))) => Cell { value: Some(*d), source_line: *ln },
                    _ => Cell::blank(e.source_line),
                };
                cells.push(cell);
            }
        } else {
            // Dropped blank cells: positions unknown until the solver runs.
            ambiguous.push(e.clone());
            cells = (0..side.ncols).map(|_| Cell::blank(e.source_line)).collect();
        }
        rows.push(Row { code: None, label: std::mem::take(&mut e.label), line: Some(n), cells, source_line: e.source_line });
    }
    if !missing.is_empty() && !rows.is_empty() {
        problems.push(ReadProblem {
            table: Some(table.to_string()),
            message: format!("公开{table}表缺少行次{}", ranges(&missing)),
            source_line: None,
        });
    }
    (rows, problems, ambiguous)
}

/// For each line number `first..=last`, the index of the first of `lines`
/// equal to it: what `lines.position(|l| l == n)` finds for each `n`, in
/// one pass.
pub(crate) fn first_by_line(lines: impl Iterator<Item = u32>, first: u32, last: u32) -> Vec<Option<usize>> {
    let span = last.checked_sub(first).and_then(|d| usize::try_from(d).ok()).map_or(0, |d| d.saturating_add(1));
    let mut at = vec![None; span];
    for (i, n) in lines.enumerate() {
        let slot = n.checked_sub(first).and_then(|k| usize::try_from(k).ok()).and_then(|k| at.get_mut(k));
        if let Some(slot @ None) = slot {
            *slot = Some(i);
        }
    }
    at
}

/// Every order-preserving placement of an entry's amounts into `ncols`
/// columns, the first amount being the row total (column 0).
pub fn candidates(e: &Entry, ncols: usize) -> Candidates {
    Candidates::new(e.values.iter().flatten().copied().collect(), ncols, e.source_line)
}

/// "1—3、7" for [1, 2, 3, 7].
fn ranges(ns: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ns.len() {
        let mut j = i;
        while j + 1 < ns.len() && ns[j + 1] == ns[j] + 1 {
            j += 1;
        }
        out.push(if i == j { ns[i].to_string() } else { format!("{}—{}", ns[i], ns[j]) });
        i = j + 1;
    }
    out.join("、")
}

#[cfg(test)]
mod tests {
    #[test]
    fn first_by_line_is_the_position_of_each_line() {
        let lines: Vec<u32> = (0..400u32).map(|i| (i * 7919 + i / 3) % 70).collect();
        for (first, last) in [(1, 31), (32, 62), (33, 64), (0, 0), (5, 4), (60, 80)] {
            for len in [0, 1, 10, 64, 400] {
                let ls = &lines[..len];
                let at = super::first_by_line(ls.iter().copied(), first, last);
                assert_eq!(at.len(), (first..=last).count());
                for (k, n) in (first..=last).enumerate() {
                    assert_eq!(at[k], ls.iter().position(|l| *l == n), "{first} {last} {len} {n}");
                }
            }
        }
    }
    /// A 收入支出决算总表 in 元 printing integers (示例市, made up): each
    /// integer is the next 行次 of a side or an amount of the row before it;
    /// an amount printed like the next 行次 of the other side (4 元 of 收入
    /// beside 支出's 行次 4) cannot be told from it, and the table is not read.
    #[test]
    fn integers_in_yuan_are_read_by_the_run_of_line_numbers_or_not_at_all() {
        let side = |first, last| super::Side { first, last, ncols: 1 };
        let read = |s: &str| super::read_entries(&crate::text::normalise(s), side(1, 3), side(4, 6), "01", true);
        let clear =
            "一、财政拨款收入 1 120000 一、一般公共服务支出 4 120000\n二、其他收入 2 0 二、教育支出 5 0\n总计 3 120000 总计 6 120000\n";
        let (entries, problems, _) = read(clear);
        let got: Vec<(u32, Vec<Option<i64>>)> =
            entries.iter().map(|e| (e.line, e.values.iter().map(|v| v.and_then(|(d, _)| i64::try_from(d).ok())).collect())).collect();
        let want = [(1, 120000), (4, 120000), (2, 0), (5, 0), (3, 120000), (6, 120000)].map(|(n, v)| (n, vec![Some(v)]));
        assert_eq!(got, want, "{problems:?}");
        let unclear = clear.replace("120000", "4");
        let (entries, problems, _) = read(&unclear);
        assert!(entries.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("本表未读取"), "{}", problems[0].message);
    }
}
