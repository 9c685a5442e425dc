//! Percentages under the rounding-interval model, and the finding shape the
//! narrative rules share.
//!
//! A printed percentage p with d decimals is right when the exact ratio of the
//! printed amounts rounds half-up to p at d decimals. When it does not, the
//! printed amounts themselves stand for intervals (±½·10⁻ᵈ); if some values in
//! those intervals give p, the difference is 尾数误差, otherwise an error.

use rust_decimal::{Decimal, RoundingStrategy};

use super::rounding::{Interval, Verdict};
use super::{Finding, Severity};

/// Rounds half away from zero ("四舍五入") to `dp` decimals.
pub fn round_half_up(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// 100 · num / den for non-negative intervals, as (lo, hi); None when the
/// denominator can be zero or negative.
pub fn ratio_range(num: Interval, den: Interval) -> Option<(Decimal, Decimal)> {
    if den.lo <= Decimal::ZERO {
        return None;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let lo = num.lo.max(Decimal::ZERO).checked_mul(hundred)?.checked_div(den.hi)?;
    let hi = num.hi.max(Decimal::ZERO).checked_mul(hundred)?.checked_div(den.lo)?;
    Some((lo, hi))
}

/// Judges a printed percentage against the exact value `point` of the printed
/// amounts and the range [lo, hi] their rounding allows.
pub fn judge(printed: Decimal, point: Decimal, lo: Decimal, hi: Decimal) -> Verdict {
    if round_half_up(point, printed.scale()) == printed {
        return Verdict::Exact;
    }
    let p = Interval::of(Some(printed));
    if p.gap(Interval { lo, hi }).is_zero() {
        Verdict::Rounding
    } else {
        Verdict::Mismatch
    }
}

/// A finding about the narrative: no table, row or column (the message says
/// which sentence), just the source line.
pub fn narrative_finding(rule: &'static str, severity: Severity, message: String, source_line: usize) -> Finding {
    Finding { source_line: Some(source_line), ..Finding::new(rule, severity, message) }
}

/// A sink for a rule's unit tests.
#[cfg(test)]
pub(super) fn test_sink(rule: &'static str) -> super::Sink {
    super::Sink { findings: Vec::new(), skipped: Vec::new(), rule, severity: Severity::Error }
}

/// A decimal as Chinese documents print it: thousands separators, the printed decimals.
pub fn show(d: Decimal) -> String {
    let s = d.abs().to_string();
    let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    let n = int.len();
    for (k, ch) in int.chars().enumerate() {
        if k > 0 && (n - k) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if d.is_sign_negative() && !d.is_zero() { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn half_up_and_boundaries() {
        assert_eq!(round_half_up(d("97.124968"), 2), d("97.12"));
        assert_eq!(round_half_up(d("3.13497"), 2), d("3.13"));
        assert_eq!(round_half_up(d("0.005"), 2), d("0.01"));
    }

    #[test]
    fn judging() {
        // 492.55 / 9,768.84 = 5.0421 %.
        let num = Interval::of(Some(d("492.55")));
        let den = Interval::of(Some(d("9768.84")));
        let (lo, hi) = ratio_range(num, den).unwrap();
        let point = d("492.55") * d("100") / d("9768.84");
        assert_eq!(judge(d("5.04"), point, lo, hi), Verdict::Exact);
        assert_eq!(judge(d("5.05"), point, lo, hi), Verdict::Mismatch);
        assert_eq!(judge(d("5.0"), point, lo, hi), Verdict::Exact);
        assert!(ratio_range(num, Interval::of(Some(d("0.00")))).is_none());
    }

    #[test]
    fn shows_like_the_documents() {
        assert_eq!(show(d("17127.83")), "17,127.83");
        assert_eq!(show(d("1244")), "1,244");
        assert_eq!(show(d("-0.07")), "-0.07");
        assert_eq!(show(d("100")), "100");
    }
}
