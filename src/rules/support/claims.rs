//! What the narrative rules share about a printed money claim: its value and
//! the interval it stands for, in 万元 (NAR-001 to NAR-006, NAR-011, NAR-017,
//! NAR-020, NAR-022, NAR-105).

use rust_decimal::Decimal;

use crate::narrative::Claim;
use crate::rounding::Interval;

/// A printed money claim as (value, half a unit of its last digit), in 万元.
pub fn claim_point(c: &Claim) -> Option<(Decimal, Decimal)> {
    let iv = claim_interval(c)?;
    let half = iv.hi.checked_sub(iv.lo)?.checked_div(Decimal::TWO)?;
    Some((c.wan()?, half))
}

/// The interval a printed money claim stands for, in 万元.
pub fn claim_interval(c: &Claim) -> Option<Interval> {
    let v = c.value?;
    let wan = c.wan()?;
    let factor = if v.is_zero() { Decimal::ONE } else { wan.checked_div(v)? };
    let half = crate::checked::half_unit(v.scale()).checked_mul(factor)?.abs();
    Some(Interval { lo: wan.checked_sub(half)?, hi: wan.checked_add(half)? })
}
