//! Rounding as intervals (the XBRL Calculations 1.1 model).
//!
//! A value printed with d decimals stands for every number within ±½·10⁻ᵈ of
//! it. An identity total = Σ parts holds *within rounding* when the total's
//! interval meets the interval sum of the parts. Blank cells are exact zeros.

use rust_decimal::Decimal;

/// Half a unit in the last printed place of `v`.
pub fn half_ulp(v: Decimal) -> Decimal {
    crate::checked::half_unit(v.scale())
}

/// A closed interval of real values.
///
/// Bounds that would leave Decimal's range make the interval "anything"
/// ([`Interval::ANY`]), which meets every other interval: a sum too large to
/// compute can never be reported as a mismatch. `ANY` absorbs further sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// Lower bound.
    pub lo: Decimal,
    /// Upper bound.
    pub hi: Decimal,
}

impl Interval {
    /// Every representable value: what an overflowing computation stands for.
    pub const ANY: Interval = Interval { lo: Decimal::MIN, hi: Decimal::MAX };

    fn from_bounds(lo: Option<Decimal>, hi: Option<Decimal>) -> Interval {
        match (lo, hi) {
            (Some(lo), Some(hi)) => Interval { lo, hi },
            _ => Interval::ANY,
        }
    }

    /// The interval a printed value stands for; a blank is an exact zero.
    pub fn of(v: Option<Decimal>) -> Interval {
        Interval::try_of(v).unwrap_or(Interval::ANY)
    }

    /// Like [`Interval::of`], None when the value is too close to Decimal's
    /// limits to widen by its rounding.
    pub fn try_of(v: Option<Decimal>) -> Option<Interval> {
        match v {
            Some(v) => Some(Interval { lo: v.checked_sub(half_ulp(v))?, hi: v.checked_add(half_ulp(v))? }),
            None => Some(Interval { lo: Decimal::ZERO, hi: Decimal::ZERO }),
        }
    }

    /// True when an overflow made this interval meaningless.
    pub fn is_any(self) -> bool {
        self == Interval::ANY
    }

    /// Interval sum.
    pub fn add(self, o: Interval) -> Interval {
        Interval::from_bounds(self.lo.checked_add(o.lo), self.hi.checked_add(o.hi))
    }

    /// Interval difference.
    pub fn sub(self, o: Interval) -> Interval {
        Interval::from_bounds(self.lo.checked_sub(o.hi), self.hi.checked_sub(o.lo))
    }

    /// The interval scaled by `f` (e.g. 元 to 万元), None when it overflows.
    pub fn times(self, f: Decimal) -> Option<Interval> {
        let (a, b) = (self.lo.checked_mul(f)?, self.hi.checked_mul(f)?);
        Some(Interval { lo: a.min(b), hi: a.max(b) })
    }

    /// The gap between two intervals; zero when they meet (a gap too large to
    /// compute is the largest Decimal).
    pub fn gap(self, o: Interval) -> Decimal {
        if self.hi < o.lo {
            o.lo.checked_sub(self.hi).unwrap_or(Decimal::MAX)
        } else if o.hi < self.lo {
            self.lo.checked_sub(o.hi).unwrap_or(Decimal::MAX)
        } else {
            Decimal::ZERO
        }
    }
}

/// The outcome of comparing a printed value with what an identity implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The printed figures agree exactly.
    Exact,
    /// They differ, but only by what rounding of the printed figures allows (尾数误差).
    Rounding,
    /// They differ beyond rounding.
    Mismatch,
    /// The figures are too large to add up within Decimal's range: nothing can
    /// be said (the caller records the check as skipped).
    TooLarge,
}

/// A signed sum term: (+1 or −1, value).
pub type Term = (i8, Option<Decimal>);

/// Compares `actual` with the signed sum of `terms`. Returns the verdict and the
/// point value the terms imply (blanks as zero; zero when the verdict is
/// [`Verdict::TooLarge`]).
pub fn compare(actual: Option<Decimal>, terms: &[Term]) -> (Verdict, Decimal) {
    match try_compare(actual, terms) {
        Some(r) => r,
        None => (Verdict::TooLarge, Decimal::ZERO),
    }
}

fn try_compare(actual: Option<Decimal>, terms: &[Term]) -> Option<(Verdict, Decimal)> {
    let mut point = Decimal::ZERO;
    let mut iv = Interval { lo: Decimal::ZERO, hi: Decimal::ZERO };
    for (sign, v) in terms {
        let t = Interval::try_of(*v)?;
        if *sign >= 0 {
            point = point.checked_add(v.unwrap_or_default())?;
            iv = iv.add(t);
        } else {
            point = point.checked_sub(v.unwrap_or_default())?;
            iv = iv.sub(t);
        }
        if iv.is_any() {
            return None;
        }
    }
    let a = actual.unwrap_or_default();
    let verdict = if a == point {
        Verdict::Exact
    } else if Interval::try_of(actual)?.gap(iv).is_zero() {
        Verdict::Rounding
    } else {
        Verdict::Mismatch
    };
    Some((verdict, point))
}

/// Shorthand: all terms added.
pub fn sum_terms(values: &[Option<Decimal>]) -> Vec<Term> {
    values.iter().map(|v| (1, *v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Option<Decimal> {
        Some(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn one_fen_over_five_parts_is_tail_rounding() {
        // 01 row 58 of the Yantai 2024 final accounts.
        let parts = [d("8614.95"), d("625.49"), d("208.93"), d("323.93"), d("280.68")];
        let (v, p) = compare(d("10053.99"), &sum_terms(&parts));
        assert_eq!((v, p), (Verdict::Rounding, Decimal::from_str("10053.98").unwrap()));
    }

    #[test]
    fn beyond_the_intervals_is_a_mismatch() {
        let (v, _) = compare(d("10.05"), &sum_terms(&[d("5.00"), d("5.00")]));
        assert_eq!(v, Verdict::Mismatch);
        // Two parts allow at most 0.015: 0.01 is rounding, 0.02 is not.
        assert_eq!(compare(d("10.01"), &sum_terms(&[d("5.00"), d("5.00")])).0, Verdict::Rounding);
        assert_eq!(compare(d("10.02"), &sum_terms(&[d("5.00"), d("5.00")])).0, Verdict::Mismatch);
    }

    #[test]
    fn sums_beyond_decimal_range_are_too_large_not_a_panic() {
        // 8,000 rows of 25-digit amounts under one 款 (issue 13).
        let huge = d("9999999999999999999999999.9");
        let (v, _) = compare(huge, &sum_terms(&vec![huge; 8000]));
        assert_eq!(v, Verdict::TooLarge);
        assert!(Interval::of(Some(Decimal::MAX)).is_any());
        assert_eq!(Interval::ANY.add(Interval::of(d("-5.00"))), Interval::ANY);
    }

    #[test]
    fn blanks_are_exact_zeros() {
        assert_eq!(compare(None, &sum_terms(&[None, None])).0, Verdict::Exact);
        assert_eq!(compare(d("0.01"), &sum_terms(&[None])).0, Verdict::Mismatch);
    }
}
