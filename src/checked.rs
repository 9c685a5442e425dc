//! Checked money and percentage arithmetic.
//!
//! `Decimal`'s operators panic when a result leaves its 96-bit range (about
//! 7.9×10²⁸) or a divisor is zero, and a garbled or hostile disclosure reaches
//! both with a single absurd figure. Rules and readers therefore compute with
//! `checked_*` or the helpers here and treat `None` as "cannot be computed":
//! the check is skipped with [`TOO_LARGE`] as its reason, never a panic.
//! Clippy keeps it so: lib.rs denies `arithmetic_side_effects` (operators on
//! `Decimal`; primitive integers are allowed in clippy.toml) and
//! `disallowed_methods` (`Iterator::sum`, `Decimal::new`) on those modules.

use rust_decimal::Decimal;

/// Why a check was skipped when its figures are too large to compute with.
pub const TOO_LARGE: &str = "数额过大，超出可精确计算的范围（约 7.9×10²⁸），未核对";

/// Σ values, or None when the sum overflows.
pub fn sum<I: IntoIterator<Item = Decimal>>(values: I) -> Option<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, |a, v| a.checked_add(v))
}

/// One unit in the `scale`-th decimal place (10⁻ˢᶜᵃˡᵉ), or None beyond 28 places.
pub fn unit(scale: u32) -> Option<Decimal> {
    Decimal::try_new(1, scale).ok()
}

/// Half a unit in the `scale`-th decimal place (½·10⁻ˢᶜᵃˡᵉ): what rounding to
/// `scale` places may have hidden. Beyond 28 places it is below what Decimal
/// can hold and is taken as zero.
pub fn half_unit(scale: u32) -> Decimal {
    scale.checked_add(1).and_then(|s| Decimal::try_new(5, s).ok()).unwrap_or(Decimal::ZERO)
}

/// −v. A sign flip of a sign-and-magnitude number cannot overflow.
pub fn neg(v: Decimal) -> Decimal {
    Decimal::ZERO.checked_sub(v).unwrap_or(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sum_past_decimal_range_is_none_not_a_panic() {
        assert_eq!(sum([Decimal::MAX, Decimal::ONE]), None);
        assert_eq!(sum([Decimal::ONE, Decimal::TWO]), Some(Decimal::from(3)));
    }

    #[test]
    fn units_beyond_28_places_do_not_panic() {
        assert_eq!(unit(2), "0.01".parse().ok());
        assert_eq!(unit(29), None);
        assert_eq!(half_unit(2).to_string(), "0.005");
        assert_eq!(half_unit(28), Decimal::ZERO);
        assert_eq!(neg(Decimal::MIN), Decimal::MAX);
    }
}
