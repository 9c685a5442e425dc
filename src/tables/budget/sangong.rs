//! A budget's 三公 table printed as one line for two years ("2022年预算数 |
//! 2023年预算数", six columns each), with blank cells dropped:烟台 prints 10
//! numbers for 12 columns.
//!
//! Placements are enumerated (order kept) and pruned by evidence, strongest
//! first: the identities of each year (hard); the 基本支出 economic items of
//! the current year (因公出国, 公务用车购置/运维, 公务接待), which are part of
//! its 三公 budget (hard); then the amounts and year-on-year changes the
//! narrative states (soft: ignored if they fit no placement). A year is placed
//! only when every surviving placement agrees on it; nothing is guessed.

use rust_decimal::Decimal;

use crate::domain::split_pair;
use crate::model::{Cell, ReadProblem, Row, Table};
use crate::narrative::stated::SangongClaim;
use crate::rounding::Interval;
use crate::segment::is_note;
use crate::tables::counts_columns;
use crate::tables::sangong09::{distinct_halves, holding_placements, rows_labelled, settled, Line12};
use crate::tables::tokens::{tokenize, Tok};
use crate::text::Line;
use crate::units;

/// Economic items (部门 and 政府 codes) bounded by a 三公 column (0..6:
/// 合计, 因公出国（境）费, 公务用车小计, 购置费, 运行费, 公务接待费).
pub(crate) const ITEMS: [(&[&str], usize); 4] =
    [(&["30212", "50207"], 1), (&["31013", "50303", "50403", "5060113"], 3), (&["30231", "50208"], 4), (&["30217", "50206"], 5)];

/// What was read.
#[derive(Debug, Default)]
pub struct ReadYears {
    /// One row per year block.
    pub rows: Vec<Row>,
    /// Problems and the evidence that placed dropped cells.
    pub problems: Vec<ReadProblem>,
    /// Rows left blank because their cells could not be placed.
    pub unresolved: Vec<usize>,
    /// True when no placement fits the identities at all.
    pub contradicted: bool,
    /// The amounts as printed, for unresolved rows.
    pub printed: Vec<Cell>,
}

/// Reads the year blocks. `header` is the squeezed header text (for the years),
/// `econ` the 基本支出 tables read, `claims` the narrative's 三公 claims,
/// `unit` the table's unit: in 元 its amounts may be integers, and in a
/// unit other than the 基本支出 tables' the items are compared in the larger.
pub fn read(
    body: &[Line],
    header: &str,
    year: Option<u16>,
    econ: &[&Table],
    claims: &[SangongClaim],
    table: &str,
    unit: Option<&str>,
) -> ReadYears {
    let yuan = crate::units::is_yuan(unit);
    let mut years: Vec<String> = Vec::new();
    for (i, _) in header.match_indices("年预算数") {
        if i >= 4 && header.is_char_boundary(i - 4) && header[i - 4..i].bytes().all(|b| b.is_ascii_digit()) {
            years.push(format!("{}年预算数", &header[i - 4..i]));
        }
    }
    if years.len() != 2 {
        years = vec!["上年预算数".to_string(), "本年预算数".to_string()];
    }
    // The block of the document's year is the current one; else the later.
    let current = years.iter().position(|y| year.is_some_and(|yr| y.starts_with(&yr.to_string()))).unwrap_or(1);
    let Some((amounts, at)) = data(body, yuan) else { return ReadYears::default() };
    let problem = |m: String| ReadProblem { table: Some(table.to_string()), message: m, source_line: Some(at) };
    if amounts.len() > 12 {
        return ReadYears {
            rows: rows_labelled(&years, &[None; 12], [false, false], at),
            problems: vec![problem(format!("公开表{table}数据行有{}个数字，多于12栏，无法读取", amounts.len()))],
            unresolved: vec![0, 1],
            contradicted: false,
            printed: amounts.iter().map(|(d, l)| Cell { value: Some(*d), source_line: *l }).collect(),
        };
    }
    let printed: Vec<Cell> = amounts.iter().map(|(d, l)| Cell { value: Some(*d), source_line: *l }).collect();
    if amounts.len() == 12 {
        // Every cell printed: positions are certain; the rules check the sums.
        let mut c: Line12 = [None; 12];
        for (o, a) in c.iter_mut().zip(&amounts) {
            *o = Some(*a);
        }
        return ReadYears { rows: rows_labelled(&years, &c, [true, true], at), ..ReadYears::default() };
    }
    // The placements the identities allow, once: the basic items then prune
    // them, and the message below asks whether those alone would have settled a row.
    let holding = holding_placements(&amounts);
    let bounds = item_bounds(econ, unit);
    let hard: Vec<Line12> = holding.iter().filter(|c| items_fit(c, current, &bounds)).copied().collect();
    if hard.is_empty() {
        return ReadYears {
            rows: rows_labelled(&years, &[None; 12], [false, false], at),
            problems: vec![problem(format!(
                "公开表{table}数据行省略了空白栏，而{}个数字的任何一种栏目归属都不满足“合计=因公出国（境）费+公务用车购置及运行维护费+公务接待费”“公务用车购置及运行维护费=购置费+运行维护费”和“基本支出中的三公科目不超过本年预算”，两行已留空",
                amounts.len()
            ))],
            unresolved: vec![0, 1],
            contradicted: true,
            printed,
        };
    }
    let mut survivors = hard;
    let mut problems = Vec::new();
    let before = settled(&survivors);
    // Basic economic items decided some rows already; say so.
    for r in 0..2 {
        if before[r] && distinct_halves(&holding, r) > 1 {
            problems.push(problem(format!(
                "公开表{table}数据行省略了空白栏，{}一行的数字按勾稽关系有多种栏目归属，依据基本支出表中的“三公”经济科目（不超过本年预算）才唯一确定",
                years[r]
            )));
        }
    }
    if settled(&survivors) != [true, true] {
        let prior = 1 - current;
        let was = settled(&survivors);
        // Each stated figure is a separate piece of evidence; one that fits no
        // remaining placement is itself wrong (a rule reports it) and is ignored.
        let facts: Vec<(usize, Decimal)> = claims
            .iter()
            .flat_map(|cl| [Some((current * 6 + cl.column, cl.amount)), cl.prior().map(|p| (prior * 6 + cl.column, p))])
            .flatten()
            .collect();
        for (col, v) in facts {
            let next: Vec<Line12> = survivors.iter().filter(|c| c[col].map_or(Decimal::ZERO, |x| x.0) == v).copied().collect();
            if !next.is_empty() {
                survivors = next;
            }
        }
        let now = settled(&survivors);
        for r in 0..2 {
            if now[r] && !was[r] {
                problems.push(problem(format!(
                    "公开表{table}数据行省略了空白栏，{}一行的数字按勾稽关系有多种栏目归属，依据第三部分“三公”经费情况说明中所述的金额和增减额才唯一确定",
                    years[r]
                )));
            }
        }
    }
    let ok = settled(&survivors);
    for r in 0..2 {
        if !ok[r] {
            let k = distinct_halves(&survivors, r);
            problems.push(problem(format!(
                "公开表{table}数据行省略了空白栏，{}一行的数字有{k}种符合勾稽关系的栏目归属，无法唯一确定，该行已留空",
                years[r]
            )));
        }
    }
    let first = survivors.first().copied().unwrap_or([None; 12]);
    ReadYears {
        rows: rows_labelled(&years, &first, ok, at),
        problems,
        unresolved: (0..2).filter(|r| !ok[*r]).collect(),
        contradicted: false,
        printed,
    }
}

/// The amounts of the data line(s): lines of amounts only, after the header.
/// In 元 an integer is an amount ("2039000 133000 …"), unless the line
/// counts the columns, 1, 2, 3 … (栏次, [`counts_columns`]).
fn data(body: &[Line], yuan: bool) -> Option<(Vec<(Decimal, usize)>, usize)> {
    let mut out: Vec<(Decimal, usize)> = Vec::new();
    let mut at = None;
    for l in body {
        let sq = l.squeezed.as_str();
        if sq.is_empty() {
            continue;
        }
        if is_note(sq) {
            if at.is_some() {
                break;
            }
            continue;
        }
        let toks = tokenize(&l.text).toks;
        let toks: Vec<&Tok> = toks.iter().skip_while(|t| matches!(t, Tok::Text(_))).collect();
        let counts = counts_columns(toks.iter().map(|t| if let Tok::Int(n) = t { Some(*n) } else { None }));
        let amount = |t: &Tok| matches!(t, Tok::Amount(_) | Tok::Blank) || yuan && !counts && matches!(t, Tok::Int(_));
        if toks.is_empty() || !toks.iter().copied().all(amount) {
            continue;
        }
        at.get_or_insert(l.no);
        out.extend(toks.iter().filter_map(|t| match t {
            Tok::Amount(d) => Some((*d, l.no)),
            Tok::Int(n) if yuan => Some((Decimal::from(*n), l.no)),
            _ => None,
        }));
    }
    at.map(|a| (out, a))
}

/// What the 基本支出 tables bound a 三公 column (0..6) with: the interval
/// of their items of that column added up, and the units to move the
/// column's amount between (its table's exponent, the larger), from the
/// first table that lists any of those items; None for a column no table
/// bounds. The same for every placement, so added up once, not per
/// placement (烟台's budget tries about a hundred).
pub(crate) type ItemBound = Option<(Interval, u32, u32)>;

/// The bound of each of [`ITEMS`], in order: in the larger unit where the
/// 三公 table (in `unit`) and the 基本支出 table are printed in different
/// ones ([`units::shift`], exact: 2225100 元 is 222.5100 万元, ±0.5 元); as
/// printed where either states none.
pub(crate) fn item_bounds(econ: &[&Table], unit: Option<&str>) -> [ItemBound; 4] {
    let mine = unit.and_then(units::exponent);
    ITEMS.map(|(codes, _)| {
        let mut total = Interval::of(None);
        for t in econ {
            // Both units known and different: both sides in the larger.
            let (from, to) = match (mine, t.unit.as_deref().and_then(units::exponent)) {
                (Some(a), Some(b)) if a != b => ((a, b), a.max(b)),
                _ => ((0, 0), 0),
            };
            let mut any = false;
            for r in &t.rows {
                let Some(code) = r.code.as_deref() else { continue };
                if codes.contains(&split_pair(code).0) || codes.contains(&split_pair(code).1) {
                    // A value too fine to move is no evidence.
                    let Some(v) = units::shift_cell(r.value(0), from.1, to) else { continue };
                    total = total.add(Interval::of(v));
                    any = true;
                }
            }
            if any {
                // One table is enough: 部门 and 政府 tables list the same money.
                return Some((total, from.0, to));
            }
        }
        None
    })
}

/// The current block's items are within its columns (within rounding), by
/// their [`item_bounds`]: each column moved as the table it is held against
/// (too fine to move: no evidence).
fn items_fit(c: &Line12, current: usize, bounds: &[ItemBound; 4]) -> bool {
    ITEMS.iter().zip(bounds).all(|((_, col), bound)| item_fits(bound, c[current * 6 + col].map(|x| x.0)))
}

/// A 三公 column's amount (blank: none) is at least the 基本支出 items it
/// holds, within rounding ([`item_bounds`]; no bound, or too fine to move:
/// no evidence).
pub(crate) fn item_fits(bound: &ItemBound, column: Option<Decimal>) -> bool {
    let Some((total, from, to)) = bound else { return true };
    units::shift_cell(column, *from, *to).is_none_or(|moved| total.lo <= Interval::of(moved).hi)
}

#[cfg(test)]
mod tests {
    use super::data;
    use crate::corpus_edits::yb_sangong_in_yuan_as as yb_sangong_in_yuan;
    use crate::model::TableKind;
    use crate::text::normalise::normalise;

    const YUAN: [&str; 10] = ["2039000", "133000", "416000", "416000", "1490000", "2756000", "100000", "896000", "896000", "1760000"];

    #[test]
    fn integer_amounts_of_a_table_in_yuan_read_as_their_decimals_do() {
        let values = |text: &str| {
            let doc = crate::read(text);
            let t = doc.found(TableKind::BSangong).expect("the 三公 table is read");
            assert_eq!(t.unit.as_deref(), Some("元"));
            t.rows
                .iter()
                .map(|r| (r.label.clone(), r.cells.iter().map(|c| c.value.map(|d| d.normalize())).collect::<Vec<_>>()))
                .collect::<Vec<_>>()
        };
        let read = values(&yb_sangong_in_yuan(&YUAN));
        let decimals: Vec<String> = YUAN.iter().map(|a| format!("{a}.00")).collect();
        assert_eq!(read, values(&yb_sangong_in_yuan(&decimals.iter().map(String::as_str).collect::<Vec<_>>())));
        assert_eq!(read[1].0, "2023年预算数");
        assert_eq!(read[1].1[0], Some(2_756_000.into()));
    }

    #[test]
    fn integers_are_amounts_only_in_yuan_and_never_a_column_count() {
        let lines = normalise("合计 因公出国（境）费\n1 2 3 4 5 6 7 8 9 10 11 12\n2039000 133000 0 416000\n");
        let (amounts, at) = data(&lines, true).expect("the amounts line");
        assert_eq!(at, 3);
        let amounts: Vec<_> = amounts.iter().map(|(d, _)| *d).collect();
        assert_eq!(amounts, [2_039_000.into(), 133_000.into(), 0.into(), 416_000.into()]);
        // Nor is the count of a table continued on another page.
        let continued = normalise("合计 因公出国（境）费\n7 8 9 10 11 12\n2039000 133000 0 416000\n");
        assert_eq!(data(&continued, true).map(|(_, at)| at), Some(3));
        // In 万元 an integer is a 行次 or a code, never an amount.
        assert!(data(&lines, false).is_none());
    }
}
