//! Money units and exact conversion between them, shared by the readers
//! (placing dropped cells across tables printed in different units) and the
//! rules (comparing cells across such tables).
//!
//! A value is brought to a larger unit by moving its decimal point, which is
//! exact and keeps the rounding-interval model (`crate::rounding`) right:
//! 12345678 元 becomes 1234.5678 万元, whose half unit in the last place,
//! 0.00005 万元, is the 0.5 元 the integer stood for; a 万元 value printed
//! with 2 decimals keeps its ±0.005 万元 (±50 元).

use rust_decimal::Decimal;

/// How many places of ten a unit is above 元: 元 0, 千元 3, 万元 4, 亿元 8;
/// `None` for a unit not known here.
pub(crate) fn exponent(unit: &str) -> Option<u32> {
    match unit {
        "元" => Some(0),
        "千元" => Some(3),
        "万元" => Some(4),
        "亿元" => Some(8),
        _ => None,
    }
}

/// The unit of a given exponent, for messages (万元 for one not known here).
pub(crate) fn name(exponent: u32) -> &'static str {
    match exponent {
        0 => "元",
        3 => "千元",
        8 => "亿元",
        _ => "万元",
    }
}

/// Whether a table's unit is 元: its amounts may be printed as integers,
/// which its readers must then take for amounts, not 行次 or codes.
pub(crate) fn is_yuan(unit: Option<&str>) -> bool {
    unit.and_then(exponent) == Some(0)
}

/// `v`, printed in a unit of exponent `from`, in the unit of exponent `to`
/// (≥ `from`): the decimal point moved left, exactly. `None` when Decimal
/// cannot hold so many places.
pub(crate) fn shift(v: Decimal, from: u32, to: u32) -> Option<Decimal> {
    let scale = v.scale().checked_add(to.checked_sub(from)?)?;
    Decimal::try_from_i128_with_scale(v.mantissa(), scale).ok()
}

/// [`shift`] for a cell that may be blank (a blank stays blank).
pub(crate) fn shift_cell(v: Option<Decimal>, from: u32, to: u32) -> Option<Option<Decimal>> {
    v.map_or(Some(None), |v| shift(v, from, to).map(Some))
}

/// `v`, shifted by [`shift`] from the unit of exponent `from` to that of
/// `to`, back in the unit of exponent `from`: the decimal point moved right
/// again, the value as printed. `None` for a value [`shift`] did not give
/// (fewer places than the shift added).
pub(crate) fn unshift(v: Decimal, from: u32, to: u32) -> Option<Decimal> {
    let scale = v.scale().checked_sub(to.checked_sub(from)?)?;
    Decimal::try_from_i128_with_scale(v.mantissa(), scale).ok()
}

/// The factor that takes a value in the unit of exponent `from` to the unit
/// of exponent `to`, either way: 10000 from 万元 to 元, 0.0001 back (exact;
/// an interval times it keeps what it stands for: ±0.005 万元 is ±50 元).
/// `None` beyond what Decimal holds.
pub(crate) fn factor(from: u32, to: u32) -> Option<Decimal> {
    if from >= to {
        Some(Decimal::from(10u64.checked_pow(from.checked_sub(to)?)?))
    } else {
        Decimal::try_from_i128_with_scale(1, to.checked_sub(from)?).ok()
    }
}

/// [`unshift`] for a cell that may be blank (a blank stays blank).
pub(crate) fn unshift_cell(v: Option<Decimal>, from: u32, to: u32) -> Option<Option<Decimal>> {
    v.map_or(Some(None), |v| unshift(v, from, to).map(Some))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rounding::Interval;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn yuan_become_wan_by_moving_the_point_and_keep_their_rounding() {
        // 12345678 元 = 1234.5678 万元, standing for ±0.5 元.
        let v = shift(d("12345678"), 0, 4).unwrap();
        assert_eq!(v.to_string(), "1234.5678");
        assert_eq!(Interval::of(Some(v)), Interval { lo: d("1234.56775"), hi: d("1234.56785") });
        // 1234.56 万元 stays as printed: ±0.005 万元, i.e. ±50 元.
        assert_eq!(shift(d("1234.56"), 4, 4), Some(d("1234.56")));
        assert_eq!(Interval::of(Some(d("1234.56"))), Interval { lo: d("1234.555"), hi: d("1234.565") });
        // 2 decimals in 元 are 6 in 万元.
        assert_eq!(shift(d("12345678.90"), 0, 4).unwrap().to_string(), "1234.567890");
        // Beyond what Decimal holds: no value, not a wrong one.
        assert_eq!(shift(Decimal::try_new(1, 27).unwrap(), 0, 4), None);
    }

    #[test]
    fn a_factor_moves_an_interval_between_units() {
        let wan = Interval::of(Some(d("1234.56")));
        let yuan = wan.times(factor(4, 0).unwrap()).unwrap();
        assert_eq!(yuan, Interval { lo: d("12345550"), hi: d("12345650") });
        assert_eq!(yuan.times(factor(0, 4).unwrap()), Some(wan));
        assert_eq!(factor(4, 4), Some(Decimal::ONE));
        assert_eq!(factor(40, 0), None);
    }

    #[test]
    fn a_shifted_value_goes_back_as_printed() {
        for s in ["12345678", "0", "12345678.90", "1234.56", "-7"] {
            let v = d(s);
            let there = shift(v, 0, 4).unwrap();
            assert_eq!(unshift(there, 0, 4).map(|x| x.to_string()), Some(s.to_string()));
        }
        // Fewer places than a shift adds: not a shifted value.
        assert_eq!(unshift(d("1234.5"), 0, 4), None);
    }
}
