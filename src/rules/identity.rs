//! The shared mechanism for identity rules: compare a printed cell with a sum
//! of other printed cells under the rounding-interval model and report it.

use rust_decimal::Decimal;

use super::rounding::{compare, Term, Verdict};
use super::{Finding, Severity, Sink};

/// Where the checked (printed) value sits.
#[derive(Debug, Clone)]
pub struct Target<'a> {
    /// Table number ("01").
    pub table: &'a str,
    /// Row description (label, code or 行次).
    pub row: String,
    /// Column caption.
    pub column: Option<String>,
    /// The printed value.
    pub actual: Option<Decimal>,
    /// Its source line.
    pub source_line: usize,
}

/// Checks `target = Σ terms`. Exact → nothing; within rounding → an info
/// "尾数误差" finding; beyond → a finding at `severity`. `what` describes the
/// identity in Chinese ("本年收入合计应等于各项收入之和").
pub fn check(sink: &mut Sink, rule: &'static str, severity: Severity, target: Target<'_>, terms: &[Term], what: &str) {
    let (verdict, expected) = compare(target.actual, terms);
    if verdict == Verdict::Exact {
        return;
    }
    let actual = target.actual.unwrap_or_default();
    let diff = actual - expected;
    let place = match &target.column {
        Some(c) => format!("公开{}表“{}”的“{}”", target.table, target.row, c),
        None => format!("公开{}表“{}”", target.table, target.row),
    };
    let (severity, message) = match verdict {
        Verdict::Rounding => (
            Severity::Info,
            format!(
                "{place}印为 {}，按{what}计算为 {}，相差 {}。差额在各数四舍五入的允许范围内，属于尾数误差，不是错误。",
                show(target.actual),
                expected,
                signed(diff)
            ),
        ),
        _ => (
            severity,
            format!(
                "{place}印为 {}，但按{what}计算应为 {}，相差 {}，超出四舍五入可能造成的误差。",
                show(target.actual),
                expected,
                signed(diff)
            ),
        ),
    };
    sink.push(Finding {
        rule,
        severity,
        message,
        table: Some(target.table.to_string()),
        row: Some(target.row),
        column: target.column,
        expected: Some(expected),
        actual: target.actual,
        difference: Some(diff),
        source_line: Some(target.source_line),
    });
}

fn show(v: Option<Decimal>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "空白".to_string())
}

fn signed(d: Decimal) -> String {
    if d > Decimal::ZERO {
        format!("+{d}")
    } else {
        d.to_string()
    }
}
