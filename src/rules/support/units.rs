//! Money units across tables: what a comparison of cells from several
//! tables needs when they are not printed in one unit (Shanghai prints its
//! tables in 元 and its “三公” table in 万元).
//!
//! Values are brought to the largest unit of the comparison by moving the
//! decimal point ([`crate::units`], shared with the readers), which is exact
//! and keeps the rounding-interval model right.

use rust_decimal::Decimal;

use crate::model::Table;

/// Why a comparison of [`Common::Unknown`] tables was not made (coverage).
pub(crate) const UNKNOWN: &str = "有的表未注明金额单位，另一张表的单位与全文不同，无法确定两者能否直接比较，未比较";

pub(crate) use crate::units::{exponent, name, shift, shift_cell};

/// How the tables of one comparison stand to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Common {
    /// One unit (or none stated anywhere): compare the printed values.
    Same,
    /// Different units, all known: bring every value to the unit of exponent
    /// `to`, the largest.
    To(u32),
    /// A table states no unit and another states one other than the
    /// document's, or a unit is not known here: the values cannot be put in
    /// one unit without guessing, so they are not compared.
    Unknown,
}

/// The common unit of `tables`, given the document's unit. A table that
/// states no unit is taken to be in the document's (as the reading of the
/// document does everywhere else) only when every table that states one
/// states that one: otherwise which of them it follows is a guess.
pub(crate) fn common<'a>(doc_unit: Option<&str>, tables: impl Iterator<Item = &'a Table> + Clone) -> Common {
    // Most comparisons are of cells of one table (row sums, 类/款/项
    // hierarchies, coded totals), which is in one unit: told by the tables'
    // addresses, not by reading and comparing every unit three times over.
    let mut all = tables.clone();
    if let Some(one) = all.next() {
        if all.all(|t| std::ptr::eq(t, one)) {
            return Common::Same;
        }
    }
    let mut stated = tables.clone().filter_map(|t| t.unit.as_deref());
    let Some(first) = stated.next() else { return Common::Same };
    // Nearly always: one stated unit.
    if stated.all(|u| u == first) {
        return if tables.clone().all(|t| t.unit.is_some()) || doc_unit == Some(first) { Common::Same } else { Common::Unknown };
    }
    if tables.clone().any(|t| t.unit.is_none()) {
        return Common::Unknown;
    }
    let mut to = 0;
    for t in tables {
        match t.unit.as_deref().and_then(exponent) {
            Some(e) => to = to.max(e),
            None => return Common::Unknown,
        }
    }
    Common::To(to)
}

/// The exponent of `t`'s unit (see [`exponent`]); the unit of exponent `to`
/// when the table states none (for [`Common::To`] every table states one).
pub(crate) fn of(t: &Table, to: u32) -> u32 {
    t.unit.as_deref().and_then(exponent).unwrap_or(to)
}

/// `v`, in the unit of exponent `to`, back in the unit of exponent `from`
/// (≤ `to`), with no more decimals than it needs but at least `places`: an
/// expected value stated in the unit of the cell it is held against.
pub(crate) fn back(v: Decimal, from: u32, to: u32, places: u32) -> Option<Decimal> {
    let k = to.checked_sub(from)?;
    let mut x = v.checked_mul(Decimal::from(10u64.checked_pow(k)?))?.normalize();
    if x.scale() < places {
        x.rescale(places);
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn table(unit: Option<&str>) -> Table {
        let mut t = Table::empty(crate::model::TableKind::BSummary, 1);
        t.unit = unit.map(str::to_string);
        t
    }

    #[test]
    fn an_expected_value_goes_back_to_the_unit_of_its_cell() {
        assert_eq!(back(d("1234.5600"), 0, 4, 0).unwrap().to_string(), "12345600");
        assert_eq!(back(d("1234.5678"), 0, 4, 2).unwrap().to_string(), "12345678.00");
        assert_eq!(back(d("1234.56785"), 0, 4, 2).unwrap().to_string(), "12345678.50");
        assert_eq!(back(d("1234.56"), 4, 4, 2).unwrap().to_string(), "1234.56");
    }

    #[test]
    fn a_table_without_a_unit_follows_the_document_only_when_no_other_table_says_otherwise() {
        let (yuan, wan, none) = (table(Some("元")), table(Some("万元")), table(None));
        assert_eq!(common(Some("元"), [&yuan, &yuan].into_iter()), Common::Same);
        assert_eq!(common(Some("元"), [&yuan, &wan].into_iter()), Common::To(4));
        assert_eq!(common(None, [&wan, &yuan].into_iter()), Common::To(4));
        assert_eq!(common(Some("万元"), [&none, &wan].into_iter()), Common::Same);
        assert_eq!(common(None, [&none, &none].into_iter()), Common::Same);
        // Unstated beside a unit the document does not use, or beside two units.
        assert_eq!(common(Some("万元"), [&none, &yuan].into_iter()), Common::Unknown);
        assert_eq!(common(None, [&none, &yuan].into_iter()), Common::Unknown);
        assert_eq!(common(Some("元"), [&none, &yuan, &wan].into_iter()), Common::Unknown);
    }

    /// One table (however often it is named) is in one unit, whatever the
    /// document's: what [`common`] answers from the tables' addresses alone.
    /// Two tables that state the same unit (or none) are compared by their
    /// units, and agree.
    #[test]
    fn one_table_is_always_in_one_unit() {
        for unit in [None, Some("元"), Some("万元"), Some("千克")] {
            let t = table(unit);
            let twin = table(unit);
            for doc in [None, Some("元"), Some("万元"), Some("亿元")] {
                for n in 1..4 {
                    assert_eq!(common(doc, std::iter::repeat_n(&t, n)), Common::Same, "{unit:?} {doc:?} {n}");
                }
                assert_eq!(common(doc, [&t, &twin].into_iter()), Common::Same, "{unit:?} {doc:?}");
            }
        }
    }
}
