//! Rounding as intervals (the XBRL Calculations 1.1 model).
//!
//! A value printed with d decimals stands for every number within ±½·10⁻ᵈ of
//! it. An identity total = Σ parts holds *within rounding* when the total's
//! interval meets the interval sum of the parts. Blank cells are exact zeros.

use rust_decimal::Decimal;

/// Half a unit in the last printed place of `v`.
pub fn half_ulp(v: Decimal) -> Decimal {
    Decimal::new(5, v.scale() + 1)
}

/// A closed interval of real values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// Lower bound.
    pub lo: Decimal,
    /// Upper bound.
    pub hi: Decimal,
}

impl Interval {
    /// The interval a printed value stands for; a blank is an exact zero.
    pub fn of(v: Option<Decimal>) -> Interval {
        match v {
            Some(v) => Interval { lo: v - half_ulp(v), hi: v + half_ulp(v) },
            None => Interval { lo: Decimal::ZERO, hi: Decimal::ZERO },
        }
    }

    /// Interval sum.
    pub fn add(self, o: Interval) -> Interval {
        Interval { lo: self.lo + o.lo, hi: self.hi + o.hi }
    }

    /// Interval difference.
    pub fn sub(self, o: Interval) -> Interval {
        Interval { lo: self.lo - o.hi, hi: self.hi - o.lo }
    }

    /// The gap between two intervals; zero when they meet.
    pub fn gap(self, o: Interval) -> Decimal {
        if self.hi < o.lo {
            o.lo - self.hi
        } else if o.hi < self.lo {
            self.lo - o.hi
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
}

/// A signed sum term: (+1 or −1, value).
pub type Term = (i8, Option<Decimal>);

/// Compares `actual` with the signed sum of `terms`. Returns the verdict and the
/// point value the terms imply (blanks as zero).
pub fn compare(actual: Option<Decimal>, terms: &[Term]) -> (Verdict, Decimal) {
    let mut point = Decimal::ZERO;
    let mut iv = Interval { lo: Decimal::ZERO, hi: Decimal::ZERO };
    for (sign, v) in terms {
        let t = Interval::of(*v);
        if *sign >= 0 {
            point += v.unwrap_or_default();
            iv = iv.add(t);
        } else {
            point -= v.unwrap_or_default();
            iv = iv.sub(t);
        }
    }
    let a = actual.unwrap_or_default();
    let verdict = if a == point {
        Verdict::Exact
    } else if Interval::of(actual).gap(iv).is_zero() {
        Verdict::Rounding
    } else {
        Verdict::Mismatch
    };
    (verdict, point)
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
    fn blanks_are_exact_zeros() {
        assert_eq!(compare(None, &sum_terms(&[None, None])).0, Verdict::Exact);
        assert_eq!(compare(d("0.01"), &sum_terms(&[None])).0, Verdict::Mismatch);
    }
}
