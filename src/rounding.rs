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

    /// Interval sum. (Not `std::ops::Add`: an overflow gives [`Interval::ANY`],
    /// which callers test for, rather than a panic.)
    #[allow(clippy::should_implement_trait)]
    pub fn add(self, o: Interval) -> Interval {
        Interval::from_bounds(self.lo.checked_add(o.lo), self.hi.checked_add(o.hi))
    }

    /// Interval difference (see [`Interval::add`]).
    #[allow(clippy::should_implement_trait)]
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
    // Ordinary amounts: the interval test in integer units, as [`agrees`]
    // makes it, rather than an interval of Decimals widened and added per
    // term. Within the fast path no Decimal bound can overflow, so the
    // verdict is the one the intervals give; the point is still summed in
    // Decimal, whose scale the reports print.
    let fast = || Some((units(actual)?, unit_sum(terms.iter().copied())?));
    let Some((a, sum)) = fast() else { return compare_by_intervals(actual, terms) };
    let point = point_of(terms)?;
    let verdict = if actual.unwrap_or_default() == point {
        Verdict::Exact
    } else if units_agree(a, sum)? {
        Verdict::Rounding
    } else {
        Verdict::Mismatch
    };
    Some((verdict, point))
}

/// The terms summed as printed, a blank as 0 (None on overflow): the point
/// both comparisons report, in the scale the reports print.
fn point_of(terms: &[Term]) -> Option<Decimal> {
    terms.iter().try_fold(Decimal::ZERO, |p, (sign, v)| {
        let v = v.unwrap_or_default();
        if *sign >= 0 {
            p.checked_add(v)
        } else {
            p.checked_sub(v)
        }
    })
}

/// [`try_compare`] by intervals of Decimals: for any values, and the
/// definition its integer path is held to.
fn compare_by_intervals(actual: Option<Decimal>, terms: &[Term]) -> Option<(Verdict, Decimal)> {
    let mut iv = Interval { lo: Decimal::ZERO, hi: Decimal::ZERO };
    for (sign, v) in terms {
        let t = Interval::try_of(*v)?;
        iv = if *sign >= 0 { iv.add(t) } else { iv.sub(t) };
        if iv.is_any() {
            return None;
        }
    }
    let point = point_of(terms)?;
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

/// Fast-path scale: values of up to 8 decimals, and their half units, are
/// whole multiples of 10⁻⁹.
const FAST_SCALE: u32 = 9;

/// Fast-path bound on |sums| in units of 10⁻⁹: far inside Decimal's 96-bit
/// mantissa, so Decimal would add these exactly and the two paths agree.
pub(crate) const FAST_LIMIT: i128 = 1_000_000_000_000_000_000_000_000_000;

/// A printed value and half a unit of its last digit, in units of 10⁻⁹;
/// None when outside the fast path.
pub(crate) fn units(v: Option<Decimal>) -> Option<(i128, i128)> {
    let Some(v) = v else { return Some((0, 0)) };
    // By scale: the factor 10^(9 − scale) to units, and half of it (the
    // half unit of the last digit). Scales from FAST_SCALE up are off the path.
    const FACTOR: [(u64, u64); FAST_SCALE as usize] = [
        (1_000_000_000, 500_000_000),
        (100_000_000, 50_000_000),
        (10_000_000, 5_000_000),
        (1_000_000, 500_000),
        (100_000, 50_000),
        (10_000, 5_000),
        (1_000, 500),
        (100, 50),
        (10, 5),
    ];
    // The parts of the Decimal as stored, rather than its signed 128-bit
    // mantissa rebuilt and tested against i64 (units is asked of nearly
    // every amount every identity adds, about 0.3 M instructions a corpus).
    let d = v.unpack();
    let &(f, half) = FACTOR.get(d.scale as usize)?;
    // Nearly every amount's mantissa is at most 10¹⁸, so its high word is
    // clear: then |m × f| ≤ 10¹⁸ × 10⁹ = FAST_LIMIT, one widening multiply
    // that cannot overflow and needs no bound test. Unsigned operands make
    // it a single 64 × 64 → 128-bit multiply (a signed factor would also
    // have its high word multiplied), and the product, under 2¹²⁷, keeps its
    // value as an i128.
    let low = u64::from(d.mid) << 32 | u64::from(d.lo);
    if d.hi == 0 && low <= 1_000_000_000_000_000_000 {
        let x = u128::from(low).wrapping_mul(u128::from(f)).cast_signed(); // a u64 × u64 product never wraps
        return Some((if d.negative { x.wrapping_neg() } else { x }, i128::from(half)));
    }
    // |mantissa| × f in u128, then the sign: an unsigned multiplication is
    // inline code, a signed i128 one a library call.
    let m = v.mantissa();
    let magnitude = m.unsigned_abs().checked_mul(u128::from(f))?;
    if magnitude > FAST_LIMIT.unsigned_abs() {
        return None;
    }
    let x = i128::try_from(magnitude).ok()?;
    let x = if m < 0 { x.checked_neg()? } else { x };
    Some((x, i128::from(half)))
}

/// A signed interval sum in units of 10⁻⁹: (point, lower end, upper end).
pub(crate) type UnitSum = (i128, i128, i128);

/// What adding (sign ≥ 0) or subtracting a value of [`units`] `(x, h)` adds
/// to a [`UnitSum`].
pub(crate) fn delta(sign: i8, (x, h): (i128, i128)) -> Option<UnitSum> {
    let x = if sign >= 0 { x } else { x.checked_neg()? };
    Some((x, x.checked_sub(h)?, x.checked_add(h)?))
}

/// The signed sum of `terms`: (point, lower bound, upper bound) in units of
/// 10⁻⁹, or None when a value is outside the fast path.
fn unit_sum(terms: impl Iterator<Item = Term>) -> Option<UnitSum> {
    // Each term widens both ends by its half unit h ≥ 0, whatever its sign
    // (see [`delta`]): the sum is (P, P − H, P + H) with H = Σ h, and its
    // largest end in magnitude is |P| + H. Two running sums, not three.
    // No addition here can overflow: before each, |P| + H ≤ FAST_LIMIT, and
    // a term is at most FAST_LIMIT ([`units`]) with h under 10⁹, far inside
    // i128. So the sums wrap (they never do) rather than test for overflow,
    // and |P| + H ≤ FAST_LIMIT is one range test of P (none holds once H
    // alone is over the limit: the range is empty).
    let (mut p, mut half): (i128, i128) = (0, 0);
    for (sign, v) in terms {
        let (x, h) = units(v)?;
        p = if sign >= 0 { p.wrapping_add(x) } else { p.wrapping_sub(x) };
        half = half.wrapping_add(h);
        let room = FAST_LIMIT.wrapping_sub(half);
        if !(room.wrapping_neg()..=room).contains(&p) {
            return None;
        }
    }
    Some((p, p.checked_sub(half)?, p.checked_add(half)?))
}

/// Whether `compare(actual, terms)` is anything but [`Verdict::Mismatch`],
/// without allocating: the placement search asks this millions of times.
/// Sums of ordinary amounts are added exactly in i128 (the same result as
/// Decimal, which is exact there); anything else goes through [`compare`].
pub(crate) fn agrees<I: Iterator<Item = Term> + Clone>(actual: Option<Decimal>, terms: I) -> bool {
    let fast = || units_agree(units(actual)?, unit_sum(terms.clone())?);
    match fast() {
        Some(ok) => ok,
        None => compare(actual, &terms.collect::<Vec<_>>()).0 != Verdict::Mismatch,
    }
}

/// [`agrees`]'s integer test: whether a total of `a` units (± `h`) meets a
/// sum whose point is `p` and whose interval is `lo..=hi`, all in units
/// (None on an overflow). For callers that add the units themselves.
pub(crate) fn units_agree((a, h): (i128, i128), (p, lo, hi): UnitSum) -> Option<bool> {
    Some(a == p || (a.checked_add(h)? >= lo && hi >= a.checked_sub(h)?))
}

/// Whether `compare(actual, terms)` is [`Verdict::Exact`], when the fast path
/// can tell (None otherwise: ask [`compare`]). Most identities hold, and this
/// settles them in i128 without the interval sums [`compare`] builds in Decimal.
pub(crate) fn exact<I: Iterator<Item = Term>>(actual: Option<Decimal>, terms: I) -> Option<bool> {
    // Only the point sum: an equality needs no interval. Its bound keeps the
    // interval ends (the point ± the terms' half units, each under 10⁹
    // units) far inside Decimal's range too, so [`compare`] would say
    // Exact whenever this does.
    // As in [`unit_sum`], no addition can overflow (|P| ≤ FAST_LIMIT before
    // each, a term at most FAST_LIMIT): the sums wrap rather than test.
    let mut p: i128 = 0;
    for (sign, v) in terms {
        let (x, _) = units(v)?;
        p = if sign >= 0 { p.wrapping_add(x) } else { p.wrapping_sub(x) };
        if !(-FAST_LIMIT..=FAST_LIMIT).contains(&p) {
            return None;
        }
    }
    let (a, _) = units(actual)?;
    Some(a == p)
}

/// Whether `total`, widened by its rounding, reaches the lower end of the
/// interval sum of `terms` (an overflowing sum is [`Interval::ANY`], which
/// it always reaches): a total that must be at least its parts.
pub(crate) fn reaches<I: Iterator<Item = Term> + Clone>(total: Option<Decimal>, terms: I) -> bool {
    let fast = || {
        let (_, lo, _) = unit_sum(terms.clone())?;
        let (a, h) = units(total)?;
        Some(a.checked_add(h)? >= lo)
    };
    if let Some(ok) = fast() {
        return ok;
    }
    let mut iv = Interval::of(None);
    for (s, v) in terms {
        iv = if s >= 0 { iv.add(Interval::of(v)) } else { iv.sub(Interval::of(v)) };
    }
    Interval::of(total).hi >= iv.lo
}

/// Compares two printings of ONE quantity, each given as (value, half a unit of
/// its last printed digit), in the same unit: a narrative amount and the table
/// cell it names, or one item stated twice.
///
/// Both were rounded (half away from zero) from the same exact value x, so x
/// lies in the half-open [v − h, v + h) of each (mirrored for negatives). Two
/// such intervals share a point only when |a − b| ≤ max(ha, hb):
///
/// * at the same precision (ha = hb = h) both values sit on the grid of
///   2h, and the half-open intervals of two different grid points are
///   disjoint: 123.45 and 123.46 cannot come from one number, however close
///   their closed intervals look (they touch at 123.455, which rounds to
///   123.46 only). Only equal digits agree;
/// * at different precisions the finer grid holds the coarser one's
///   midpoints (decimals are powers of ten), so the finer value f agrees with
///   the coarser c exactly when round(f) = c, or f is c's midpoint c ± H (the
///   exact value may have been just below or just above it): |f − c| ≤ H.
///
/// The closed-interval test of [`Interval::gap`] is right for DERIVED values
/// (a sum of rounded parts against a rounded total), where many exact values
/// meet; used for two printings of one value it would pass a one-unit
/// misprint as 尾数误差. Returns `Exact` for equal values, `Rounding` when
/// only the coarser printing's rounding separates them, else `Mismatch`
/// (`TooLarge` when the difference cannot be computed).
pub fn same_quantity(a: (Decimal, Decimal), b: (Decimal, Decimal)) -> Verdict {
    let ((av, ah), (bv, bh)) = (a, b);
    if av == bv {
        return Verdict::Exact;
    }
    let Some(d) = av.checked_sub(bv) else { return Verdict::TooLarge };
    if d.abs() <= ah.abs().max(bh.abs()) {
        Verdict::Rounding
    } else {
        Verdict::Mismatch
    }
}

/// A printed value with half a unit of its last digit: what
/// [`same_quantity`] compares.
pub fn printed(v: Decimal) -> (Decimal, Decimal) {
    (v, half_ulp(v))
}

/// Shorthand: all terms added.
#[cfg(test)]
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
    fn one_quantity_printed_twice_must_print_the_same_digits() {
        let p = |s: &str| printed(d(s).unwrap());
        // Same precision: one unit apart is a real difference, not rounding,
        // although the closed intervals [123.445, 123.455] and [123.455, 123.465] touch.
        assert_eq!(same_quantity(p("123.45"), p("123.45")), Verdict::Exact);
        assert_eq!(same_quantity(p("123.45"), p("123.46")), Verdict::Mismatch);
        assert!(Interval::of(d("123.45")).gap(Interval::of(d("123.46"))).is_zero());
        // Different precisions: the finer rounds to the coarser, or is its midpoint.
        assert_eq!(same_quantity(p("2742.2"), p("2742.23")), Verdict::Rounding);
        assert_eq!(same_quantity(p("2742.2"), p("2742.25")), Verdict::Rounding);
        assert_eq!(same_quantity(p("2742.2"), p("2742.15")), Verdict::Rounding);
        assert_eq!(same_quantity(p("2742.2"), p("2742.26")), Verdict::Mismatch);
        assert_eq!(same_quantity(p("2742.3"), p("2742.23")), Verdict::Mismatch);
        assert_eq!(same_quantity(p("100"), p("100.00")), Verdict::Exact);
        assert_eq!(same_quantity(p("-5.00"), p("-5.01")), Verdict::Mismatch);
    }

    /// Every verdict boundary: equal, within rounding, one unit beyond,
    /// mixed precisions and signs, blanks, and values beyond the fast path;
    /// `f` gets a total, two terms, and the case written out.
    fn each_sum(mut f: impl FnMut(Option<Decimal>, [Term; 2], &str)) {
        let vals = ["10.00", "10.01", "10.02", "9.99", "5", "5.0", "5.00", "-5.00", "0.005", "", "1e-9", "123456789012345678901234567"];
        let v = |s: &str| if s.is_empty() { None } else { Decimal::from_str(s).or_else(|_| Decimal::from_scientific(s)).ok() };
        for a in vals {
            for b in vals {
                for c in vals {
                    for sign in [1i8, -1] {
                        f(v(a), [(1i8, v(b)), (sign, v(c))], &format!("{a} vs {b} {sign} {c}"));
                    }
                }
            }
        }
    }

    #[test]
    fn the_fast_agreement_is_compare() {
        each_sum(|a, terms, case| {
            let slow = compare(a, &terms).0 != Verdict::Mismatch;
            assert_eq!(agrees(a, terms.iter().copied()), slow, "{case}");
            let mut iv = Interval::of(None);
            for (s, x) in terms {
                iv = if s >= 0 { iv.add(Interval::of(x)) } else { iv.sub(Interval::of(x)) };
            }
            assert_eq!(reaches(a, terms.iter().copied()), Interval::of(a).hi >= iv.lo);
        });
    }

    /// A total reaches one bound (the test of `Sink::at_least`) when its
    /// interval's upper end is at least the bound's lower end.
    #[test]
    fn a_total_reaches_a_bound_when_its_interval_does() {
        each_sum(|a, [(_, b), _], case| {
            assert_eq!(reaches(a, std::iter::once((1, b))), Interval::of(a).hi >= Interval::of(b).lo, "{case}");
        });
    }

    /// [`compare`] (its integer path for ordinary amounts) is
    /// [`compare_by_intervals`], to the point's representation: over every
    /// verdict boundary, and sums of more terms.
    #[test]
    fn the_fast_compare_is_the_interval_compare() {
        let exact = |r: Option<(Verdict, Decimal)>| r.map(|(v, p)| (v, p.serialize()));
        each_sum(|a, terms, case| {
            assert_eq!(exact(try_compare(a, &terms)), exact(compare_by_intervals(a, &terms)), "{case}");
        });
        let vals = ["10,116.83", "8,666.60", "0.00", "-0.07", "1,450.23", "0.01", "171278300", "99.995"];
        let v = |s: &str| crate::amount::parse_prose_number(s);
        for (k, total) in vals.iter().enumerate() {
            let terms: Vec<Term> =
                vals.iter().cycle().skip(k).take(k + 3).enumerate().map(|(i, s)| (if i % 3 == 2 { -1 } else { 1 }, v(s))).collect();
            let sum = compare_by_intervals(None, &terms).map(|r| r.1);
            for a in [v(total), sum, sum.zip(v("0.01")).and_then(|(s, cent)| s.checked_add(cent))] {
                assert_eq!(exact(try_compare(a, &terms)), exact(compare_by_intervals(a, &terms)), "{a:?} {terms:?}");
            }
        }
    }

    #[test]
    fn the_fast_exact_is_compare() {
        each_sum(|a, terms, case| {
            if let Some(fast) = exact(a, terms.iter().copied()) {
                assert_eq!(fast, compare(a, &terms).0 == Verdict::Exact, "{case}");
            }
        });
    }

    /// [`units`] with its i64 shortcut is its u128 definition, at the
    /// edges of i64 and of the fast path, at every scale.
    #[test]
    fn units_is_its_u128_definition() {
        let old = |v: Option<Decimal>| -> Option<(i128, i128)> {
            let Some(v) = v else { return Some((0, 0)) };
            let k = FAST_SCALE.checked_sub(v.scale()).filter(|k| *k > 0)?;
            let f = 10i128.pow(k);
            let magnitude = v.mantissa().unsigned_abs().checked_mul(f.unsigned_abs())?;
            if magnitude > FAST_LIMIT.unsigned_abs() {
                return None;
            }
            let x = i128::try_from(magnitude).ok()?;
            Some((if v.mantissa() < 0 { -x } else { x }, f / 2))
        };
        let big = i128::from(i64::MAX);
        let e18 = 1_000_000_000_000_000_000i128;
        let edges = [e18 - 1, e18, e18 + 1, -e18 + 1, -e18, -e18 - 1, e18 * 10, big - 1, big, big + 1, -big, -big - 1, -big - 2];
        // Around the words the stored mantissa is read by: 2³², 2⁶⁴ (the
        // high word set) and 2⁹⁶.
        let words = [1i128 << 32, 1 << 64, (1 << 96) - 1].into_iter().flat_map(|w| [w - 1, w, w + 1, -w + 1, -w, -w - 1]);
        let ms = [0, 1, -1, 12345, -98765, FAST_LIMIT / 10, FAST_LIMIT / 1000 + 7, (1 << 95) - 1, -(1 << 95) + 1]
            .into_iter()
            .chain(edges)
            .chain(words.filter(|m| m.unsigned_abs() < 1 << 96));
        assert_eq!(units(None), old(None));
        for m in ms {
            for scale in 0..=28 {
                let v = Decimal::try_from_i128_with_scale(m, scale).unwrap();
                assert_eq!(units(Some(v)), old(Some(v)), "{m} e-{scale}");
            }
        }
        // A negative zero (what a sum that cancels may leave) is zero.
        let mut negative_zero = Decimal::try_from_i128_with_scale(0, 2).unwrap();
        negative_zero.set_sign_negative(true);
        assert!(negative_zero.is_sign_negative());
        assert_eq!(units(Some(negative_zero)), Some((0, 5_000_000)));
        assert_eq!(units(Some(negative_zero)), old(Some(negative_zero)));
    }

    /// [`unit_sum`] and [`exact`] add in i128 without overflow tests; they
    /// are their checked definitions, leaving the fast path exactly where
    /// those did: sums around FAST_LIMIT, of terms at it and of every sign.
    #[test]
    fn the_unit_sums_are_their_checked_definitions() {
        let checked_sum = |terms: &[Term]| -> Option<UnitSum> {
            let (mut p, mut half): (i128, i128) = (0, 0);
            for (sign, v) in terms {
                let (x, h) = units(*v)?;
                p = if *sign >= 0 { p.checked_add(x)? } else { p.checked_sub(x)? };
                half = half.checked_add(h)?;
                if p.unsigned_abs().checked_add(half.unsigned_abs())? > FAST_LIMIT.unsigned_abs() {
                    return None;
                }
            }
            Some((p, p.checked_sub(half)?, p.checked_add(half)?))
        };
        let checked_exact = |a: Option<Decimal>, terms: &[Term]| -> Option<bool> {
            let mut p: i128 = 0;
            for (sign, v) in terms {
                let (x, _) = units(*v)?;
                p = if *sign >= 0 { p.checked_add(x)? } else { p.checked_sub(x)? };
                if p.unsigned_abs() > FAST_LIMIT.unsigned_abs() {
                    return None;
                }
            }
            Some(units(a)?.0 == p)
        };
        // In units of 10⁻⁹: FAST_LIMIT is 10¹⁸ at no decimals; amounts at
        // it, just under and over, halves of it, with 0 to 8 decimals.
        let e18 = 1_000_000_000_000_000_000i128;
        let mantissas = [e18, e18 - 1, e18 / 2, e18 / 2 + 1, 1, 0, 7, e18 * 100, e18 * 100 - 1];
        let mut vals: Vec<Option<Decimal>> = vec![None];
        for m in mantissas {
            for scale in [0, 1, 2, 8] {
                for m in [m, -m] {
                    vals.push(Some(Decimal::try_from_i128_with_scale(m * 10i128.pow(scale), scale).unwrap()));
                }
            }
        }
        let mut n = 0;
        for (i, a) in vals.iter().enumerate() {
            for (j, b) in vals.iter().enumerate() {
                for c in [vals[(i + j) % vals.len()], vals[(i * 7 + j * 3) % vals.len()]] {
                    for signs in [[1, 1, 1], [1, -1, 1], [-1, 1, -1], [1, 1, -1]] {
                        let terms: Vec<Term> = signs.iter().zip([*a, *b, c]).map(|(s, v)| (*s, v)).collect();
                        assert_eq!(unit_sum(terms.iter().copied()), checked_sum(&terms), "{terms:?}");
                        for total in [*a, *b, c, None] {
                            assert_eq!(exact(total, terms.iter().copied()), checked_exact(total, &terms), "{total:?} {terms:?}");
                        }
                        n += usize::from(checked_sum(&terms).is_none());
                    }
                }
            }
        }
        assert!(n > 100, "sums off the path: {n}");
    }

    #[test]
    fn blanks_are_exact_zeros() {
        assert_eq!(compare(None, &sum_terms(&[None, None])).0, Verdict::Exact);
        assert_eq!(compare(d("0.01"), &sum_terms(&[None])).0, Verdict::Mismatch);
    }
}
