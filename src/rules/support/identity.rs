//! The shared mechanism for identity rules: compare a printed cell with a sum
//! of other printed cells under the rounding-interval model and report it.

use rust_decimal::Decimal;

use serde::{Deserialize, Serialize};

use crate::model::{push_table_name, Row, Table};
use crate::rounding::{compare, Term, Verdict};
use crate::rules::support::units::{self, Common};
use crate::rules::{Finding, Severity, Sink};

/// Where a printed value sits: a cell of a table.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CellRef {
    /// Table number ("01").
    pub table: String,
    /// Row description.
    pub row: String,
    /// Column caption, if the table has several value columns.
    pub column: Option<String>,
    /// 1-based source line.
    pub source_line: usize,
    /// Where the cell is in the report's tables, by index; set by the
    /// report, only for a row it finds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<crate::model::Place>,
}

/// A value that takes part in an identity, with its place when it has one.
///
/// The place is kept as references and named (table number, row description,
/// column caption) only when a finding is written: most identities hold, and
/// building those strings for every term was a large share of the rules' time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Located<'a> {
    /// The printed value (None = blank).
    pub value: Option<Decimal>,
    /// The cell it was printed in.
    pub at: Option<Target<'a>>,
}

impl Located<'_> {
    /// The cell it was printed in, named for a finding.
    pub(crate) fn cell(&self) -> Option<CellRef> {
        self.at.as_ref().map(Target::cell_ref)
    }
}

/// The value at column `col` of `row` in `t`, located.
pub(crate) fn at<'a>(t: &'a Table, row: &'a Row, col: usize) -> Located<'a> {
    let target = Target::cell(t, row, col);
    Located { value: target.actual, at: Some(target) }
}

/// A value with no cell (a missing row counts as blank).
pub(crate) fn nowhere<'a>(value: Option<Decimal>) -> Located<'a> {
    Located { value, at: None }
}

/// Where the checked (printed) value sits. Borrowed, not named: see [`Located`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target<'a> {
    /// The table (named "01" by [`Table::no`]).
    pub table: &'a Table,
    /// The row (named "2010301 行政运行" by [`describe`]).
    pub row: &'a Row,
    /// Column caption.
    pub column: Option<&'a str>,
    /// The printed value.
    pub actual: Option<Decimal>,
    /// Its source line.
    pub source_line: usize,
}

impl<'a> Target<'a> {
    /// The cell at column `col` of `row` in `t`.
    pub(crate) fn cell(t: &'a Table, row: &'a Row, col: usize) -> Target<'a> {
        Target {
            table: t,
            row,
            // One-value rows (01, the income side of 04) need no column name.
            // A caption left blank (a panel whose header names no column) names nothing.
            column: t.columns.get(col).filter(|c| row.cells.len() > 1 && !c.is_empty()).map(String::as_str),
            actual: row.value(col),
            source_line: row.cells.get(col).map_or(row.source_line, |c| c.source_line),
        }
    }

    /// The cell, named for a finding.
    pub(crate) fn cell_ref(&self) -> CellRef {
        CellRef {
            table: self.table.no(),
            row: describe(self.row),
            column: self.column.map(str::to_string),
            source_line: self.source_line,
            place: None,
        }
    }
}

/// How a table is named in messages ("公开01表"): the model's, here too for
/// the rules and the app that name it by this path.
pub use crate::model::table_name;

/// How a row is named in messages: "2010301 行政运行", "本年收入合计（行次27）".
///
/// Built by `push_str` into a string sized once: every cell a finding names
/// is described, and `format!`'s machinery cost several times the copying.
pub(crate) fn describe(row: &Row) -> String {
    let label = row.label.as_str();
    match (&row.code, row.line) {
        (Some(c), _) => {
            let mut s = String::with_capacity(c.len() + 1 + label.len());
            s.push_str(c);
            s.push(' ');
            s.push_str(label);
            s
        }
        (None, Some(n)) => {
            // "label（行次n）", or "行次n" for a blank label.
            let mut s = String::with_capacity(label.len() + "（行次".len() + 10 + "）".len());
            if label.is_empty() {
                s.push_str("行次");
                push_number(&mut s, n);
            } else {
                s.push_str(label);
                s.push_str("（行次");
                push_number(&mut s, n);
                s.push('）');
            }
            s
        }
        (None, None) => label.to_string(),
    }
}

/// Appends `n` in decimal digits, as `{n}` would.
fn push_number(s: &mut String, n: u32) {
    let mut buf = [b'0'; 10]; // u32::MAX has 10 digits
    let from = digits_into(&mut buf, u64::from(n)).unwrap_or(buf.len());
    // ASCII digits, pushed as chars: no UTF-8 check of the buffer.
    s.extend(buf.get(from..).unwrap_or_default().iter().copied().map(char::from));
}

/// Writes `m`'s decimal digits (at least one) at the end of `buf`, right to
/// left, and returns where they start; None if `buf` is too short.
fn digits_into(buf: &mut [u8], mut m: u64) -> Option<usize> {
    let mut from = buf.len();
    loop {
        from = from.checked_sub(1)?;
        *buf.get_mut(from)? = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            return Some(from);
        }
    }
}

/// Whether `total = Σ parts` holds exactly on the printed values alone:
/// what [`Sink::identity`] settles first when the target and its terms are
/// cells of one table (one unit), and then reports nothing. Asked by a rule
/// before it locates the terms ([`at`] for each): most sums hold, and
/// locating the terms and passing them cost several times the sum.
pub(crate) fn holds_exactly(total: Option<Decimal>, parts: impl Iterator<Item = (i8, Option<Decimal>)>) -> bool {
    crate::rounding::exact(total, parts) == Some(true)
}

impl Sink {
    /// Checks `target = Σ terms` for the rule being run. Exact → nothing;
    /// within rounding → an info "尾数误差" finding; beyond → a finding at the
    /// rule's severity. `what` names the right-hand side in Chinese
    /// ("各项收入（行次1—8）之和").
    ///
    /// Cells of tables printed in different units (元 and 万元) are compared
    /// in the larger, exactly and with each cell's own rounding (see
    /// [`units`]); when a table states no unit and the others disagree with
    /// the document's, nothing is compared and the skip says why.
    pub(crate) fn identity(&mut self, target: Target<'_>, parts: &[(i8, Located<'_>)], what: &str) {
        self.identity_named(target, parts, || what.to_string());
    }

    /// [`Sink::identity`] with the right-hand side named by `what` only when
    /// a finding or skip is written: most identities hold, and some names
    /// are built from several column captions.
    pub(crate) fn identity_named(&mut self, target: Target<'_>, parts: &[(i8, Located<'_>)], what: impl FnOnce() -> String) {
        let tables = std::iter::once(target.table).chain(parts.iter().filter_map(|(_, l)| l.at.map(|a| a.table)));
        let to = match units::common(self.unit.as_deref(), tables) {
            Common::Same => None,
            Common::To(to) => Some(to),
            Common::Unknown => {
                let place = placed(&target.cell_ref());
                self.skip(format!("{place}与{}：{}", what(), units::UNKNOWN));
                return;
            }
        };
        let Some(to) = to else {
            // Most identities hold exactly: settled in i128, with no Vec of terms.
            if crate::rounding::exact(target.actual, parts.iter().map(|(s, l)| (*s, l.value))) == Some(true) {
                return;
            }
            let terms: Vec<Term> = parts.iter().map(|(s, l)| (*s, l.value)).collect();
            let (verdict, expected) = compare(target.actual, &terms);
            if verdict != Verdict::Exact {
                // Named only now: most identities hold.
                self.report_identity(target, parts, verdict, expected, what());
            }
            return;
        };
        // Tables in different units: every value in the largest, compared
        // there, and what they imply stated in the unit of the target's cell.
        let from = units::of(target.table, to);
        let unit_of = |l: &Located<'_>| l.at.map_or(from, |a| units::of(a.table, to));
        let actual = units::shift_cell(target.actual, from, to);
        let terms: Option<Vec<Term>> = parts.iter().map(|(s, l)| Some((*s, units::shift_cell(l.value, unit_of(l), to)?))).collect();
        let (verdict, expected) = match (actual, terms) {
            (Some(actual), Some(terms)) => compare(actual, &terms),
            _ => (Verdict::TooLarge, Decimal::ZERO),
        };
        if verdict == Verdict::Exact {
            return;
        }
        let places = target.actual.map_or(0, |v| v.scale());
        let (verdict, expected) = match units::back(expected, from, to, places) {
            Some(e) => (verdict, e),
            None => (Verdict::TooLarge, Decimal::ZERO),
        };
        let mut others: Vec<u32> = parts.iter().map(|(_, l)| unit_of(l)).filter(|e| *e != from).collect();
        others.dedup();
        let what = match others.as_slice() {
            [one] => format!("{}（由{}换算为{}）", what(), units::name(*one), units::name(from)),
            _ => format!("{}（各数换算为{}）", what(), units::name(from)),
        };
        self.report_identity(target, parts, verdict, expected, what);
    }

    /// The finding (or skip) of an identity that does not hold exactly:
    /// `expected` is what the parts imply, in the unit of the target's cell.
    ///
    /// The message is written piece by piece into one string: a `format!`
    /// of the whole (on top of the cell's name and each number made apart)
    /// was most of a finding's cost, and some documents have dozens.
    fn report_identity(&mut self, target: Target<'_>, parts: &[(i8, Located<'_>)], verdict: Verdict, expected: Decimal, what: String) {
        let actual = target.actual;
        let target = target.cell_ref();
        let diff = actual.unwrap_or_default().checked_sub(expected);
        let (Some(diff), false) = (diff, verdict == Verdict::TooLarge) else {
            self.skip(format!("{}与{what}：{}", placed(&target), crate::checked::TOO_LARGE));
            return;
        };
        // The cell's name, the fixed wording (under 200 bytes) and three numbers.
        let mut message = String::with_capacity(placed_len(&target) + what.len() + 320);
        push_placed(&mut message, &target);
        message.push_str("印为 ");
        match actual {
            Some(v) => push_decimal(&mut message, v),
            None => message.push_str("空白"),
        }
        // Within rounding it is 尾数误差 (info); beyond, the rule's severity.
        let (lead, computed, close, severity) = match verdict {
            Verdict::Rounding => ("，按", "计算为 ", "。差额在各数四舍五入的允许范围内，属于尾数误差，不是错误。", Severity::Info),
            _ => ("，但按", "计算应为 ", "，超出四舍五入可能造成的误差。", self.severity),
        };
        message.push_str(lead);
        message.push_str(&what);
        message.push_str(computed);
        push_decimal(&mut message, expected);
        message.push_str("，相差 ");
        push_signed(&mut message, diff);
        message.push_str(close);
        // Sized once: a sum has up to 26 parts, each a cell.
        let mut related = Vec::with_capacity(parts.len());
        related.extend(parts.iter().filter_map(|(_, l)| l.cell()));
        self.push(Finding {
            rule: self.rule,
            severity,
            message,
            table: Some(target.table),
            row: Some(target.row),
            column: target.column,
            expected: Some(expected),
            actual,
            difference: Some(diff),
            source_line: Some(target.source_line),
            page: None,
            related,
            also: Vec::new(),
            place: None,
        });
    }

    /// Checks `target ≥ bound` (e.g. a fiscal subset against the whole).
    /// Within rounding passes silently; beyond is reported at the rule's severity.
    /// Units as in [`Sink::identity`].
    pub(crate) fn at_least(&mut self, target: Target<'_>, bound: Target<'_>, what: &str) {
        // Whether the target, widened by its rounding, reaches the bound's
        // lower end: `reaches` with the bound as its one term, which settles
        // ordinary amounts in integers rather than widening both in Decimal.
        let reaches = |have: Option<Decimal>, need: Option<Decimal>| crate::rounding::reaches(have, std::iter::once((1, need)));
        let (actual, bound_actual) = (target.actual, bound.actual);
        // The two compared in one unit (the larger, see `units`); the bound
        // stated in the target's unit too, and the units when they differ.
        let (holds, bound_here, convert) = match units::common(self.unit.as_deref(), [target.table, bound.table].into_iter()) {
            Common::Same => (reaches(actual, bound_actual), bound_actual, None),
            Common::To(to) => {
                let (ft, fb) = (units::of(target.table, to), units::of(bound.table, to));
                let places = actual.map_or(0, |v| v.scale());
                let converted = (units::shift_cell(actual, ft, to), units::shift_cell(bound_actual, fb, to));
                let (Some(a), Some(b)) = converted else {
                    self.skip(format!("{}与{}：{}", placed(&target.cell_ref()), placed(&bound.cell_ref()), crate::checked::TOO_LARGE));
                    return;
                };
                let Some(here) = b.map_or(Some(None), |b| units::back(b, ft, to, places).map(Some)) else {
                    self.skip(format!("{}与{}：{}", placed(&target.cell_ref()), placed(&bound.cell_ref()), crate::checked::TOO_LARGE));
                    return;
                };
                (reaches(a, b), here, Some((fb, ft)))
            }
            Common::Unknown => {
                self.skip(format!("{}与{}：{}", placed(&target.cell_ref()), placed(&bound.cell_ref()), units::UNKNOWN));
                return;
            }
        };
        if holds {
            return;
        }
        let (target, bound) = (target.cell_ref(), bound.cell_ref());
        let (place, other) = (placed(&target), placed(&bound));
        let Some(diff) = actual.unwrap_or_default().checked_sub(bound_here.unwrap_or_default()) else {
            self.skip(format!("{place}与{other}：{}", crate::checked::TOO_LARGE));
            return;
        };
        let shown = |v: Option<Decimal>| v.map(|v| v.to_string()).unwrap_or_else(|| "空白".to_string());
        let message = match convert {
            None => format!("{place}为 {}，小于{other}的 {}（{what}），相差 {}。", shown(actual), shown(bound_actual), signed(diff)),
            Some((fb, ft)) => format!(
                "{place}为 {}{}，小于{other}的 {}{}（合 {}{}；{what}），相差 {}{}。",
                shown(actual),
                units::name(ft),
                shown(bound_actual),
                units::name(fb),
                shown(bound_here),
                units::name(ft),
                signed(diff),
                units::name(ft)
            ),
        };
        self.push(Finding {
            rule: self.rule,
            severity: self.severity,
            message,
            table: Some(target.table),
            row: Some(target.row),
            column: target.column,
            expected: bound_here,
            actual,
            difference: Some(diff),
            source_line: Some(target.source_line),
            page: None,
            related: vec![bound],
            also: Vec::new(),
            place: None,
        });
    }
}

/// How a cell is named in messages: 公开01表“本年收入合计（行次27）”的“金额”.
/// A row without a name (a table of one row of figures, 支出总表) names
/// only the column: 《支出总表》“基本支出”.
fn placed(cell: &CellRef) -> String {
    let mut s = String::with_capacity(placed_len(cell));
    push_placed(&mut s, cell);
    s
}

/// Room for [`placed`]'s name of `cell`: the table's name is at most
/// "公开表" (9 bytes) around its number, and the quotes and 的 15 bytes.
fn placed_len(cell: &CellRef) -> usize {
    cell.table.len() + 9 + cell.row.len() + cell.column.as_ref().map_or(0, String::len) + 15
}

/// Appends [`placed`]'s name of `cell`, by `push_str`: every finding of an
/// identity names its cell, and `format!` cost more than the copying.
fn push_placed(s: &mut String, cell: &CellRef) {
    push_table_name(s, &cell.table);
    let quote = |s: &mut String, w: &str| {
        s.push('“');
        s.push_str(w);
        s.push('”');
    };
    match &cell.column {
        Some(c) if cell.row.is_empty() => quote(s, c),
        Some(c) => {
            quote(s, &cell.row);
            s.push('的');
            quote(s, c);
        }
        None => quote(s, &cell.row),
    }
}

/// Appends `d` as `{d}` shows it: a "-" when negative (even a negative
/// zero), the whole digits (at least "0"), and a "." before the `scale`
/// fraction digits if there are any. Digits of a mantissa within u64 (every
/// printed amount) are made here: `Decimal`'s `Display` divides its 96 bits
/// by ten for each digit and costs several times as much.
fn push_decimal(s: &mut String, d: Decimal) {
    let scale = d.scale() as usize;
    // Right to left: a u64's 20 digits at most, then zeros up to one more
    // than the scale (28 at most), so that there is a whole digit.
    let mut buf = [b'0'; 30];
    let digits = u64::try_from(d.mantissa().unsigned_abs()).ok().and_then(|m| {
        let from = digits_into(&mut buf, m)?.min(buf.len().checked_sub(scale + 1)?);
        buf.get(from..)?.split_at_checked(buf.len() - from - scale)
    });
    let Some((whole, fraction)) = digits else {
        use std::fmt::Write;
        // Writing to a String cannot fail.
        let _ = write!(s, "{d}");
        return;
    };
    s.reserve(whole.len() + fraction.len() + 2);
    if d.is_sign_negative() {
        s.push('-');
    }
    // ASCII digits, pushed as chars: no UTF-8 check of the buffer.
    s.extend(whole.iter().copied().map(char::from));
    if !fraction.is_empty() {
        s.push('.');
        s.extend(fraction.iter().copied().map(char::from));
    }
}

/// `d` with its sign, "+" for a positive one: `format!("+{d}")`.
fn signed(d: Decimal) -> String {
    let mut s = String::new();
    push_signed(&mut s, d);
    s
}

/// Appends [`signed`]`(d)`.
fn push_signed(s: &mut String, d: Decimal) {
    if d > Decimal::ZERO {
        s.push('+');
    }
    push_decimal(s, d);
}

#[cfg(test)]
mod describe_tests {
    use super::*;

    /// [`signed`] is its `format!` definition.
    #[test]
    fn signed_is_its_format_definition() {
        for d in ["0", "0.00", "-0.01", "0.01", "12345.678", "-7", "79228162514264337593543950335"] {
            let d: Decimal = d.parse().expect("a decimal");
            let old = if d > Decimal::ZERO { format!("+{d}") } else { d.to_string() };
            assert_eq!(signed(d), old, "{d}");
        }
    }

    /// [`placed`] by `push_str` is its `format!` definition.
    #[test]
    fn placed_is_its_format_definition() {
        let old = |cell: &CellRef| match &cell.column {
            Some(c) if cell.row.is_empty() => format!("{}“{}”", table_name(&cell.table), c),
            Some(c) => format!("{}“{}”的“{}”", table_name(&cell.table), cell.row, c),
            None => format!("{}“{}”", table_name(&cell.table), cell.row),
        };
        for table in ["01", "05", "《收支总表》", "B3", ""] {
            for row in ["", "2010301 行政运行", "本年收入合计（行次27）"] {
                for column in [None, Some(String::new()), Some("基本支出".to_string())] {
                    let cell = CellRef { table: table.to_string(), row: row.to_string(), column, source_line: 1, place: None };
                    assert_eq!(placed(&cell), old(&cell), "{cell:?}");
                }
            }
        }
    }

    /// [`push_decimal`] appends what `Display` (`{d}`) makes: for every
    /// scale, of mantissas around each power of ten (u64's largest and
    /// beyond included), positive, negative and negative zero.
    #[test]
    fn push_decimal_is_display() {
        let mut mantissas =
            vec![0i128, 1, 5, 9, 42, 12345678, i128::from(u64::MAX), i128::from(u64::MAX) + 1, 79228162514264337593543950335];
        let mut p = 1i128;
        while p <= 7922816251426433759354395033 {
            mantissas.extend([p - 1, p, p + 1, p * 7 + 3]);
            p *= 10;
        }
        let mut tried = 0;
        for m in mantissas {
            for scale in 0..=28 {
                for m in [m, -m] {
                    let Ok(d) = Decimal::try_from_i128_with_scale(m, scale) else { continue };
                    let mut s = "前".to_string();
                    push_decimal(&mut s, d);
                    assert_eq!(s, format!("前{d}"), "{m} {scale}");
                    tried += 1;
                }
            }
        }
        let negative_zero = -Decimal::ZERO.trunc_with_scale(2);
        assert!(negative_zero.is_sign_negative());
        let mut s = String::new();
        push_decimal(&mut s, negative_zero);
        assert_eq!(s, format!("{negative_zero}"));
        assert!(tried > 4000, "{tried}");
    }

    /// [`describe`] by `push_str` is its `format!` definition.
    #[test]
    fn describe_is_its_format_definition() {
        let old = |row: &Row| match (&row.code, row.line) {
            (Some(c), _) => format!("{c} {}", row.label),
            (None, Some(n)) if row.label.is_empty() => format!("行次{n}"),
            (None, Some(n)) => format!("{}（行次{n}）", row.label),
            (None, None) => row.label.clone(),
        };
        for code in [None, Some("2010301".to_string()), Some(String::new())] {
            for line in [None, Some(0), Some(7), Some(10), Some(58), Some(1_000_000_009), Some(u32::MAX)] {
                for label in ["", "行政运行", "本年收入合计", "a b"] {
                    let row = Row { code: code.clone(), label: label.to_string(), line, cells: Vec::new(), source_line: 1 };
                    assert_eq!(describe(&row), old(&row), "{row:?}");
                }
            }
        }
    }
}

/// A 02 table of rows 合计 | a | b, every pair of `values` as (a, b) with
/// a total drawn from them too: sums that hold exactly, within rounding and
/// beyond it, with blanks. The identity tests' table.
#[cfg(test)]
fn sums_table(values: &[Option<Decimal>], code: Option<&str>, unit: Option<&str>) -> Table {
    use crate::model::{Cell, TableKind};
    let mut t = Table::empty(TableKind::F02, 1);
    t.unit = unit.map(str::to_string);
    t.columns = vec!["合计".to_string(), "a".to_string(), "b".to_string()];
    for (k, a) in values.iter().enumerate() {
        for b in values {
            let total = values.get((k * 7 + 3) % values.len()).copied().flatten();
            let cells = [total, *a, *b].iter().map(|v| Cell { value: *v, source_line: 1 }).collect();
            t.rows.push(Row { code: code.map(str::to_string), label: "行".to_string(), line: None, cells, source_line: 1 });
        }
    }
    t
}

/// An empty sink of a test rule at error severity, its figures in `unit`.
#[cfg(test)]
fn test_sink(unit: Option<&str>) -> Sink {
    Sink {
        findings: Vec::new(),
        skipped: Vec::new(),
        rule: "TEST",
        severity: Severity::Error,
        two_amounts: None,
        class_mentions: None,
        unit: unit.map(str::to_string),
    }
}

#[cfg(test)]
mod report_tests {
    use super::*;

    /// A finding's message, written piece by piece, is its `format!`
    /// definition: the cell's name, the printed value (or 空白), what the
    /// parts imply and the signed difference, in the wording of its verdict.
    #[test]
    fn a_findings_message_is_its_format_definition() {
        let d = |s: &str| s.parse::<Decimal>().ok();
        let values = [None, d("0"), d("1.5"), d("1.50"), d("2"), d("3.6"), d("-1.5"), d("0.01"), d("99999999999999999999")];
        let t = sums_table(&values, Some("201"), None);
        let mut sink = test_sink(None);
        for r in &t.rows {
            sink.identity(Target::cell(&t, r, 0), &[(1, at(&t, r, 1)), (1, at(&t, r, 2))], "各项之和");
        }
        let (mut info, mut error) = (0, 0);
        for f in &sink.findings {
            let cell = CellRef {
                table: f.table.clone().unwrap_or_default(),
                row: f.row.clone().unwrap_or_default(),
                column: f.column.clone(),
                source_line: 1,
                place: None,
            };
            let place = placed(&cell);
            let shown = f.actual.map(|v| v.to_string()).unwrap_or_else(|| "空白".to_string());
            let (expected, diff) = (f.expected.unwrap_or_default(), f.difference.unwrap_or_default());
            let diff = if diff > Decimal::ZERO { format!("+{diff}") } else { diff.to_string() };
            let what = "各项之和";
            let old = match f.severity {
                Severity::Info => {
                    info += 1;
                    format!("{place}印为 {shown}，按{what}计算为 {expected}，相差 {diff}。差额在各数四舍五入的允许范围内，属于尾数误差，不是错误。")
                }
                _ => {
                    error += 1;
                    format!("{place}印为 {shown}，但按{what}计算应为 {expected}，相差 {diff}，超出四舍五入可能造成的误差。")
                }
            };
            assert_eq!(f.message, old);
            assert_eq!(f.related.len(), 2);
        }
        assert!(info > 0 && error > 0, "both wordings are tried: {info} {error}");
    }
}

#[cfg(test)]
mod holds_exactly_tests {
    use super::*;

    /// [`holds_exactly`], the rules' test before they locate the terms, says
    /// a sum of one table's cells holds only where [`Sink::identity`] would
    /// report nothing (not even a rounding note, nor a skip).
    #[test]
    fn a_sum_that_holds_exactly_is_one_identity_reports_nothing_of() {
        let d = |s: &str| s.parse::<Decimal>().ok();
        let values = [None, d("0"), d("1.5"), d("1.50"), d("2"), d("3.5"), d("3.6"), d("-1.5"), d("0.01"), d("99999999999999999999")];
        let mut held = 0;
        for unit in [None, Some("万元")] {
            let t = sums_table(&values, None, unit);
            for r in &t.rows {
                let mut sink = test_sink(Some("元"));
                let holds = holds_exactly(r.value(0), [(1, r.value(1)), (-1, r.value(2))].into_iter());
                sink.identity(Target::cell(&t, r, 0), &[(1, at(&t, r, 1)), (-1, at(&t, r, 2))], "和");
                if holds {
                    held += 1;
                    assert!(sink.findings.is_empty() && sink.skipped.is_empty(), "{r:?}");
                }
            }
        }
        assert!(held > 0);
    }
}
