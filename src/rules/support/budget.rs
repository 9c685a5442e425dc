//! What TBL-101, TBL-102, TBL-103, TBL-104, TBL-105, TBL-106, TBL-107, TBL-108,
//! TBL-109, TBL-110, XTBL-101, XTBL-102, XTBL-103, XTBL-104, XTBL-105,
//! XTBL-106, XTBL-108, XTBL-109, XTBL-110, the narrative rules of budget_nar.rs
//! and budget_amounts.rs share (formerly in `src/rules/budget.rs`).
//!
//! Budget (预算) tables: helpers shared by the budget rules, the structure
//! rule, and the identities inside one table.
//!
//! Budget tables have no 行次, so rows are found by their words (本年收入合计,
//! 收入总计 …) and by the side they are on; columns by their layout.

use crate::model::{Row, Table};
use crate::rules::identity::{at, Located, Target};
use crate::rules::support::text::Holds;

/// A table as messages name it: 公开表N for one read by the corpus-layout
/// readers, its 《title》 for one the general reader read (which prints no
/// number to go by).
pub(crate) fn table_name(t: &Table) -> String {
    if t.grid.is_some() {
        t.no()
    } else {
        format!("公开表{}", t.no())
    }
}

/// The table of `kind` a rule can read, in either layout: one read by the
/// corpus-layout readers, or one whose cells the general reader read.
pub(crate) fn readable(doc: &crate::model::Document, kind: crate::model::TableKind) -> Option<&Table> {
    doc.table(kind).or_else(|| doc.found(kind).filter(|t| t.grid.as_deref().is_some_and(|g| g.read)))
}

/// Why a rule could not use the table of `kind` ([`readable`] gave none):
/// found but not read, or missing.
pub(crate) fn unreadable(doc: &crate::model::Document, kind: crate::model::TableKind) -> String {
    match doc.found(kind) {
        Some(t) => format!("{}未能读出，无法核对", table_name(t)),
        None => absent(&[kind]),
    }
}

/// Why a rule could not run on a budget without the tables of `kinds`: they
/// are missing, or, where none is a table every budget prints (Shandong's
/// 部门基本支出预算表, 项目支出预算表), the rule does not apply.
pub(crate) fn absent(kinds: &[crate::model::TableKind]) -> String {
    let names: Vec<String> = kinds.iter().map(|k| k.name()).collect();
    if kinds.iter().any(|k| crate::domain::required_in_budget(*k)) {
        format!("缺少{}，无法核对", names.join("、"))
    } else {
        format!("本文件没有{}（不在必须公开的预算表之列，许多地区不单独公开），本条不适用", names.join("、"))
    }
}

/// The first column of `t` is its total: by its place in a corpus-layout
/// table, by its caption's meaning (or as the only column) in one the
/// general reader read.
pub(crate) fn total_first(t: &Table) -> bool {
    t.grid.as_deref().is_none_or(|g| g.meanings.len() == 1 || g.meanings.first() == Some(&crate::model::Meaning::Total))
}

/// The table's 合计 (or 总计) row: a row of that label and no code.
pub(crate) fn total_row(t: &Table) -> Option<(usize, &Row)> {
    t.rows.iter().enumerate().find(|(_, r)| r.code.is_none() && matches!(r.label.as_str(), "合计" | "总计"))
}

/// Row `i` was placed (not left blank for want of a unique placement).
pub(crate) fn settled(t: &Table, i: usize) -> bool {
    !t.unresolved.contains(&i)
}

/// Rows with their indexes.
pub(crate) type Rows<'a> = Vec<(usize, &'a Row)>;

/// The income rows (first) and the expenditure rows of a two-sided table,
/// with their indexes.
pub(crate) fn sides(t: &Table) -> (Rows<'_>, Rows<'_>) {
    let split = t.sides.unwrap_or(0).min(t.rows.len());
    (t.rows.iter().enumerate().take(split).collect(), t.rows.iter().enumerate().skip(split).collect())
}

/// The first row of `rows` whose label contains `word`.
pub(crate) fn labelled<'a>(rows: &[(usize, &'a Row)], word: &str) -> Option<(usize, &'a Row)> {
    rows.iter().find(|(_, r)| r.label.holds(word)).copied()
}

/// The rows whose sum is a 科目 table's total: its 合计 row, else its 类 rows
/// (3-digit codes, or 3-digit 部门 codes of a code pair). None when one of
/// them was not placed.
pub(crate) fn total_rows(t: &Table) -> Option<Vec<usize>> {
    if let Some((i, _)) = total_row(t) {
        return settled(t, i).then(|| vec![i]);
    }
    let classes: Vec<usize> = (0..t.rows.len()).filter(|i| t.rows[*i].code.as_deref().is_some_and(is_class)).collect();
    if classes.is_empty() || classes.iter().any(|i| !settled(t, *i)) {
        return None;
    }
    Some(classes)
}

/// The cells of [`total_rows`] in column `c`.
pub(crate) fn total_terms(t: &Table, c: usize) -> Option<Vec<Located<'_>>> {
    Some(total_rows(t)?.iter().map(|i| at(t, &t.rows[*i], c)).collect())
}

/// Checks Σ (rows of `t` in column `c`) = Σ `right`, reported on the first
/// row (the other rows move to the right-hand side with a minus sign).
/// `what` names `right`, called only when a finding is written.
pub(crate) fn sums_equal(
    sink: &mut crate::rules::Sink,
    t: &Table,
    rows: &[usize],
    c: usize,
    right: Vec<Located>,
    what: impl FnOnce() -> String,
) {
    let Some((first, rest)) = rows.split_first() else { return };
    let Some(row) = t.rows.get(*first) else { return };
    let mut parts: Vec<(i8, Located)> = right.into_iter().map(|x| (1, x)).collect();
    parts.extend(rest.iter().filter_map(|i| t.rows.get(*i)).map(|r| (-1, at(t, r, c))));
    // Named only for a finding: most sums hold.
    sink.identity_named(Target::cell(t, row, c), &parts, || {
        let what = what();
        if rest.is_empty() {
            what
        } else {
            format!("{what}减去本表其余各行")
        }
    });
}

/// A 类 code: 3 digits, or a pair whose 部门 code has 3.
pub(crate) fn is_class(code: &str) -> bool {
    code.split('/').next().is_some_and(|c| c.len() == 3)
}

/// The same target, as a value (for `Sink::identity` on the left-hand side).
pub(crate) fn target<'a>(t: &'a Table, r: &'a Row, c: usize) -> Target<'a> {
    Target::cell(t, r, c)
}

#[cfg(test)]
mod tests {
    use super::absent;
    use crate::model::TableKind;

    /// A required table is missing; a table only some regions print is not,
    /// and the rule that needs it does not apply.
    #[test]
    fn a_table_only_some_regions_print_is_not_called_missing() {
        assert_eq!(absent(&[TableKind::BSangong]), format!("缺少{}，无法核对", TableKind::BSangong.name()));
        let project = absent(&[TableKind::BProjects]);
        assert!(project.starts_with(&format!("本文件没有{}", TableKind::BProjects.name())) && project.ends_with("本条不适用"), "{project}");
        // With one required table among them, they are missing.
        assert!(absent(&[TableKind::BProjects, TableKind::BGeneral]).starts_with("缺少"));
    }
}
