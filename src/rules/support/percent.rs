//! Percentages under the rounding-interval model, and the finding shape the
//! narrative rules share.
//!
//! A printed percentage p with d decimals is right when the exact ratio of the
//! printed amounts rounds half-up to p at d decimals. When it does not, the
//! printed amounts themselves stand for intervals (±½·10⁻ᵈ); if some values in
//! those intervals give p, the difference is 尾数误差, otherwise an error.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::rounding::{Interval, Verdict};
use crate::rules::{Finding, Severity};

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

/// Whether `printed` is `point` rounded half-up at its decimals: what
/// [`judge`] (and [`judge_percent`]) call exact whatever the range the
/// printed amounts allow. A rule asks it first and works that range out
/// ([`ratio_range`], two divisions) only for a rate that is not: most are.
pub fn is_exact(printed: Decimal, point: Decimal) -> bool {
    round_half_up(point, printed.scale()) == printed
}

/// Judges a printed percentage against the exact value `point` of the printed
/// amounts and the range [lo, hi] their rounding allows.
///
/// Closed intervals here, unlike [`crate::rounding::same_quantity`]: a rate
/// is DERIVED from rounded amounts. Strictly, the exact ratio lies in the open
/// (lo, hi) (an amount printed A stands for [A − h, A + h), so the extreme
/// ratios are not reached) and a printed rate R for [R − k, R + k); the two
/// meet iff lo < R + k and hi > R − k. The closed test differs only when a
/// bound lands exactly on a rounding boundary R ± k, a rational coincidence,
/// and then errs towards 尾数误差, never a false error. What the closed model
/// cannot do is lose a whole unit: a one-unit move of a rate is caught iff
/// the moved rate's interval misses the range the printed inputs allow (and
/// is not their truncation); narrative_mutation's one-unit test decides
/// "verifiable" by that same criterion from the printed figures.
pub fn judge(printed: Decimal, point: Decimal, lo: Decimal, hi: Decimal) -> Verdict {
    if is_exact(printed, point) {
        return Verdict::Exact;
    }
    let p = Interval::of(Some(printed));
    if p.gap(Interval { lo, hi }).is_zero() {
        Verdict::Rounding
    } else {
        Verdict::Mismatch
    }
}

/// How a printed percentage relates to the ratio of the printed amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PercentVerdict {
    /// It is the exact ratio rounded half-up at the printed decimals.
    Exact,
    /// Only the rounding of the printed amounts explains it (尾数误差).
    Rounding,
    /// It is the ratio cut off (not rounded) at the printed decimals: 95.457%
    /// printed 95.45% (截尾). A style of rounding, not a contradiction.
    Truncated,
    /// Beyond rounding and truncation.
    Mismatch,
}

/// [`judge`], telling truncation apart: a printed `p` with d decimals is a
/// truncation when some ratio in [lo, hi] lies in [p, p + 10⁻ᵈ) (for
/// non-negative ratios). Every narrative rule judges percentages with this, so
/// the same gap gets the same severity everywhere.
pub fn judge_percent(printed: Decimal, point: Decimal, lo: Decimal, hi: Decimal) -> PercentVerdict {
    match judge(printed, point, lo, hi) {
        Verdict::Exact => PercentVerdict::Exact,
        Verdict::Rounding => PercentVerdict::Rounding,
        // `judge` never says TooLarge (only sums can overflow); judged as a mismatch would be.
        Verdict::Mismatch | Verdict::TooLarge => {
            // A Decimal's scale is at most 28, so the unit always exists.
            let top = crate::checked::unit(printed.scale()).and_then(|ulp| printed.checked_add(ulp)).unwrap_or(printed);
            if printed >= Decimal::ZERO && printed <= hi && top > lo {
                PercentVerdict::Truncated
            } else {
                PercentVerdict::Mismatch
            }
        }
    }
}

/// A finding about the narrative: no table, row or column (the message says
/// which sentence), just the source line.
pub fn narrative_finding(rule: &'static str, severity: Severity, message: String, source_line: usize) -> Finding {
    Finding { source_line: Some(source_line), ..Finding::new(rule, severity, message) }
}

/// A finding about the narrative with the value the check expects and the
/// value printed, as (expected, actual), and their difference (actual −
/// expected) when both are known.
pub fn narrative_values(
    rule: &'static str,
    severity: Severity,
    message: String,
    source_line: usize,
    (expected, actual): (Option<Decimal>, Option<Decimal>),
) -> Finding {
    Finding {
        expected,
        actual,
        difference: expected.zip(actual).and_then(|(e, a)| a.checked_sub(e)),
        ..narrative_finding(rule, severity, message, source_line)
    }
}

/// A decimal as Chinese documents print it: thousands separators, the printed
/// decimals. Zeros past the second decimal are dropped: they come from a unit
/// conversion (15,600,500.00 元 is 1,560.050000 万元), not from the print.
pub fn show(d: Decimal) -> String {
    let mut d = d;
    if d.scale() > 2 {
        d = d.normalize();
        if d.scale() < 2 {
            d.rescale(2);
        }
    }
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

    /// A rate [`is_exact`] says is exact is judged exact whatever the range:
    /// a rule that skips it before working out the range misses nothing.
    #[test]
    fn an_exact_rate_is_exact_whatever_the_range() {
        let values = ["0", "0.5", "36.62", "36.6185", "36.61", "100", "99.995", "-1.5", "1584.3"].map(d);
        for printed in ["36.62", "36.6", "37", "100.00", "0", "-1.5"].map(d) {
            for point in values {
                for (lo, hi) in [(d("0"), d("0")), (d("36.6"), d("36.7")), (d("-5"), d("200")), (d("101"), d("100"))] {
                    let verdict = judge_percent(printed, point, lo, hi);
                    assert_eq!(is_exact(printed, point), verdict == PercentVerdict::Exact, "{printed} {point} {lo} {hi}");
                }
            }
        }
    }

    #[test]
    fn a_cut_off_percentage_is_truncation_not_a_mismatch() {
        // 1,584.3 ÷ 4,326.5 = 36.6185…%: 36.62 rounds, 36.61 cuts off, 36.60 and 36.63 are wrong.
        let num = Interval::of(Some(d("1584.3")));
        let den = Interval::of(Some(d("4326.5")));
        let (lo, hi) = ratio_range(num, den).unwrap();
        let point = d("1584.3") * d("100") / d("4326.5");
        assert_eq!(judge_percent(d("36.62"), point, lo, hi), PercentVerdict::Exact);
        assert_eq!(judge_percent(d("36.61"), point, lo, hi), PercentVerdict::Truncated);
        assert_eq!(judge_percent(d("36.60"), point, lo, hi), PercentVerdict::Mismatch);
        assert_eq!(judge_percent(d("36.63"), point, lo, hi), PercentVerdict::Mismatch);
        // 734.62 ÷ 2,520.08 = 29.15%: printed "30%" is neither rounded nor cut off.
        let (lo, hi) = ratio_range(Interval::of(Some(d("734.62"))), Interval::of(Some(d("2520.08")))).unwrap();
        assert_eq!(judge_percent(d("30"), d("29.15"), lo, hi), PercentVerdict::Mismatch);
        assert_eq!(judge_percent(d("29"), d("29.15"), lo, hi), PercentVerdict::Exact);
    }

    #[test]
    fn shows_like_the_documents() {
        assert_eq!(show(d("17127.83")), "17,127.83");
        assert_eq!(show(d("1244")), "1,244");
        assert_eq!(show(d("-0.07")), "-0.07");
        assert_eq!(show(d("100")), "100");
        // A value converted from 元 keeps no zeros past the printed cents.
        assert_eq!(show(d("1560.050000")), "1,560.05");
        assert_eq!(show(d("12.300000")), "12.30");
        assert_eq!(show(d("0.012300")), "0.0123");
    }
}
