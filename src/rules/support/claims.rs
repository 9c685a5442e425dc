//! What the narrative rules share about a printed money claim: its value and
//! the interval it stands for, in 万元 (NAR-001 to NAR-006, NAR-011, NAR-017,
//! NAR-020, NAR-022, NAR-105).

use rust_decimal::Decimal;

use crate::narrative::{Claim, Money, Unit};
use crate::rounding::Interval;

/// A printed money claim as (value, half a unit of its last digit), in 万元.
pub fn claim_point(c: &Claim) -> Option<(Decimal, Decimal)> {
    if let Some(v) = plain_wan(c) {
        // Its interval is v ± half a unit (whose bounds such a v always has):
        // half its width is that half unit.
        return Some((v, crate::checked::half_unit(v.scale())));
    }
    let iv = claim_interval(c)?;
    let half = iv.hi.checked_sub(iv.lo)?.checked_div(Decimal::TWO)?;
    Some((c.wan()?, half))
}

/// The interval a printed money claim stands for, in 万元.
pub fn claim_interval(c: &Claim) -> Option<Interval> {
    if let Some(v) = plain_wan(c) {
        let half = crate::checked::half_unit(v.scale());
        return Some(Interval { lo: v.checked_sub(half)?, hi: v.checked_add(half)? });
    }
    any_unit_interval(c)
}

/// [`claim_interval`] by unit arithmetic, for a claim in any money unit:
/// the definition the 万元 shortcut ([`plain_wan`]) is held to.
fn any_unit_interval(c: &Claim) -> Option<Interval> {
    let v = c.value?;
    let wan = c.wan()?;
    // A zero says nothing of its unit's size (0 ÷ 0): the unit's own factor
    // then, or "0.00元" would stand for ±50 元.
    let factor = match c.unit {
        Unit::Money(m) if v.is_zero() => m.in_wan(),
        _ => wan.checked_div(v)?,
    };
    let half = crate::checked::half_unit(v.scale()).checked_mul(factor)?.abs();
    Some(Interval { lo: wan.checked_sub(half)?, hi: wan.checked_add(half)? })
}

/// The value of a claim in 万元 (nearly all) that is not zero, of at most 20
/// decimals and at most 18 digits: for it the general path's arithmetic
/// changes nothing, each result to its scale (a test says so), and is
/// skipped. Its value in 万元 is itself (× 1), the factor from its unit to
/// 万元 is 1 (v ÷ v), and half a unit of its last digit times 1 is that half
/// unit; the half width of v ± h is h. Saved per claim: three
/// multiplications and two divisions (claim_point), two and one
/// (claim_interval). Zero is left out: × 1 may change its scale.
fn plain_wan(c: &Claim) -> Option<Decimal> {
    let v = c.value.filter(|v| !v.is_zero() && v.scale() <= 20 && v.mantissa().unsigned_abs() < 1_000_000_000_000_000_000)?;
    matches!(c.unit, Unit::Money(Money::Wan)).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::narrative::ClaimKind;

    /// A claim's `sentence` is `sentence_bounds` at its start in its
    /// paragraph's chars, for every claim of the corpus and of long
    /// sentences (past the bound of a sentence's chars): the rules that need
    /// the sentence a claim stands in read it there, not scan for it.
    #[test]
    fn a_claims_sentence_is_the_sentence_at_its_start() {
        let long = format!("支出{}万元。", "收入100万元，占比10%，".repeat(400));
        let mut texts: Vec<String> = crate::FIXTURES.iter().map(|name| crate::fixture(name)).collect();
        texts.push(crate::fixture(crate::rules::support::corpus::Y).replacen("收、支总计", &long, 1));
        let mut claims = 0;
        for text in &texts {
            let doc = crate::read(text);
            for (_, p) in doc.narrative.paragraphs() {
                for c in &p.claims {
                    assert_eq!(c.sentence, crate::narrative::claim::sentence_bounds(p.chars(), c.start), "{}", p.text);
                    claims += 1;
                }
            }
        }
        assert!(claims > 1000, "{claims}");
    }

    /// [`claim_point`] as first written, by the interval's general path.
    fn point_by_definition(c: &Claim) -> Option<(Decimal, Decimal)> {
        let iv = any_unit_interval(c)?;
        let half = iv.hi.checked_sub(iv.lo)?.checked_div(Decimal::TWO)?;
        Some((c.wan()?, half))
    }

    /// A zero stands for half a unit of its last digit in its own unit:
    /// "0.00元" for ±0.005 元 (±0.0000005 万元), not ±0.005 万元 (±50 元).
    #[test]
    fn a_zero_stands_for_half_a_unit_of_its_own_unit() {
        let zero = |scale, unit| claim(Decimal::try_from_i128_with_scale(0, scale).ok(), Unit::Money(unit));
        let half = |iv: Option<Interval>| iv.and_then(|iv| iv.hi.checked_sub(iv.lo)).map(|w| w / Decimal::TWO);
        let d = |s: &str| s.parse::<Decimal>().ok();
        assert_eq!(half(claim_interval(&zero(2, Money::Yuan))), d("0.0000005"));
        assert_eq!(half(claim_interval(&zero(0, Money::Yuan))), d("0.00005"));
        assert_eq!(half(claim_interval(&zero(1, Money::Qian))), d("0.005"));
        assert_eq!(half(claim_interval(&zero(2, Money::Wan))), d("0.005"));
        assert_eq!(half(claim_interval(&zero(2, Money::Yi))), d("50"));
        assert_eq!(claim_point(&zero(2, Money::Yuan)).map(|p| p.1), d("0.0000005"));
    }

    /// Both ways agree to the bit (value and scale: a message prints them).
    fn assert_same(c: &Claim) {
        let bits = |d: Decimal| d.serialize();
        let interval = |iv: Option<Interval>| iv.map(|i| (bits(i.lo), bits(i.hi)));
        assert_eq!(interval(claim_interval(c)), interval(any_unit_interval(c)), "{c:?}");
        let point = |p: Option<(Decimal, Decimal)>| p.map(|(a, b)| (bits(a), bits(b)));
        assert_eq!(point(claim_point(c)), point(point_by_definition(c)), "{c:?}");
    }

    fn claim(value: Option<Decimal>, unit: Unit) -> Claim {
        Claim {
            kind: ClaimKind::Amount,
            value,
            unit,
            printed: String::new(),
            subject: String::new(),
            sentence: (0, 0),
            source_line: 1,
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn the_wan_path_is_the_general_one() {
        let mantissas: [i128; 16] = [
            0,
            1,
            5,
            9,
            10,
            123,
            464_670,
            866_661,
            999_999_999,
            1_000_000_000_000,
            999_999_999_999_999_999,
            1_000_000_000_000_000_000,
            79_228_162_514_264_337_593_543_950_335,
            -1,
            -866_661,
            -999_999_999_999_999_999,
        ];
        let units = [Unit::Money(Money::Wan), Unit::Money(Money::Yuan), Unit::Money(Money::Qian), Unit::Money(Money::Yi), Unit::None];
        for m in mantissas {
            for scale in 0..=28 {
                let Ok(v) = Decimal::try_from_i128_with_scale(m, scale) else { continue };
                for unit in &units {
                    assert_same(&claim(Some(v), unit.clone()));
                }
            }
        }
        assert_same(&claim(None, Unit::Money(Money::Wan)));
        assert_same(&claim(Some(Decimal::MAX), Unit::Money(Money::Wan)));
        assert_same(&claim(Some(Decimal::MIN), Unit::Money(Money::Wan)));
    }

    #[test]
    fn the_wan_path_is_the_general_one_on_every_corpus_claim() {
        let mut wan = 0;
        for name in crate::FIXTURES {
            let doc = crate::read(&crate::fixture(name));
            for c in doc.narrative.sections.iter().flat_map(|s| &s.paragraphs).flat_map(|p| &p.claims) {
                wan += usize::from(plain_wan(c).is_some());
                assert_same(c);
            }
        }
        assert!(wan > 100, "{wan}");
    }
}
