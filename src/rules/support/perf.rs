//! What PERF-001, PERF-002, PERF-003, PERF-004, PERF-005 share (formerly in
//! `src/rules/perf.rs`).
//!
//! 绩效自评表: the arithmetic of project self-evaluations.

use crate::model::Document;
use crate::perf::{Funds, SelfEvaluation};
use crate::rounding::Interval;
use crate::rules::support::corpus::{B, Q, Y};
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Finding, Fixture, Rule, Severity, Sink};
use rust_decimal::Decimal;

/// A PERF rule of 决算s that Y's self-evaluation tables break as published
/// and Q's and B's keep: those are its fixtures.
pub(crate) const fn broken_in_y(
    id: &'static str,
    severity: Severity,
    title: &'static str,
    why: &'static str,
    check: fn(&Document, &mut Sink),
) -> Rule {
    Rule { id, family: Family::Perf, severity, title, why, applies_to: FINAL, needs: &[], check, fixtures: BROKEN_IN_Y }
}

/// The fixtures of [`broken_in_y`].
const BROKEN_IN_Y: &[Fixture] = &[Fixture::fires(Y, &[]), Fixture::quiet(Q), Fixture::quiet(B)];

pub(crate) fn iv(v: Decimal) -> Interval {
    Interval::of(Some(v))
}

/// The interval of B / A given the printed A and B.
pub(crate) fn ratio(f: &Funds) -> Option<Interval> {
    let (a, b) = (iv(f.budget), iv(f.executed));
    if a.lo <= Decimal::ZERO {
        return None;
    }
    Some(Interval { lo: b.lo.checked_div(a.hi)?, hi: b.hi.checked_div(a.lo)? })
}

// Overflowing bounds make an interval that meets everything: no finding.
pub(crate) fn rate_iv(f: &Funds) -> Interval {
    match (f.rate.fraction.checked_sub(f.rate.half_ulp), f.rate.fraction.checked_add(f.rate.half_ulp)) {
        (Some(lo), Some(hi)) => Interval { lo, hi },
        _ => Interval::ANY,
    }
}

pub(crate) fn name(e: &SelfEvaluation) -> String {
    e.name.as_ref().map(|n| format!("“{n}”")).unwrap_or_else(|| format!("第{}行", e.funds.line))
}

pub(crate) fn finding(sink: &Sink, message: String, expected: Decimal, actual: Decimal, line: usize) -> Finding {
    Finding {
        expected: Some(expected),
        actual: Some(actual),
        difference: actual.checked_sub(expected),
        source_line: Some(line),
        ..sink.finding(message)
    }
}

pub(crate) fn for_each(doc: &Document, sink: &mut Sink, mut f: impl FnMut(&SelfEvaluation, &mut Sink)) {
    if doc.evaluations.is_empty() {
        sink.skip("没有找到项目绩效自评表（以“年度资金总额”一行识别）".to_string());
    }
    for e in &doc.evaluations {
        f(e, sink);
    }
}
