//! XTBL-107 基本支出表中的“三公”科目不超过当年“三公”经费预算
//!
//! ## 它检查什么
//!
//! 三公 (current year) ≥ the 基本支出 economic items of the same kind, in
//! either layout: a Shandong 三公 table, or the one-row table of Jiangsu and
//! Shanghai (the 三公 series of [`crate::sangong::series`]) against the
//! 基本支出 table's total column.
//!
//! ## 为什么重要
//!
//! 基本支出表里的因公出国（境）费用、公务用车运行维护费、公务接待费、公务用车购置，只是当年“三公”经费预算中用基本支出安排的部分（“三公”经费还包括项目支出），所以前者不应大于后者。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：“17 30231 公务用车运行维护费 67.50 0.00 67.50” 改为 “17 30231 公务用车运行维护费 77.50 0.00 77.50”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-107.snap`，`cargo test XTBL_107` 只运行本条。

use rust_decimal::Decimal;

use crate::model::{Document, Row, Table, TableKind};
use crate::rounding::Interval;
use crate::rules::support::budget::{absent, readable, table_name, total_first, unreadable};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::support::units::{self, Common};
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-107",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "基本支出表中的“三公”科目不超过当年“三公”经费预算",
    why: "基本支出表里的因公出国（境）费用、公务用车运行维护费、公务接待费、公务用车购置，只是当年“三公”经费预算中用基本支出安排的部分（“三公”经费还包括项目支出），所以前者不应大于后者。",
    applies_to: BUDGET,
    // (Either layout: the 三公 table is looked for in `check`.)
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(QB, &[("17 30231 公务用车运行维护费 67.50 0.00 67.50", "17 30231 公务用车运行维护费 77.50 0.00 77.50")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    // Either layout: a Shandong table, or one the general reader read (its
    // one row, a column per item, as the 三公 series gives it).
    let Some(t) = readable(doc, TableKind::BSangong) else {
        sink.skip(unreadable(doc, TableKind::BSangong));
        return;
    };
    let Some(current) = crate::sangong::series(doc).and_then(|s| s.last().cloned()) else {
        sink.skip(format!("{}没有读出本年“三公”经费预算数，无法核对", table_name(t)));
        return;
    };
    // The 基本支出 table's first column is its total.
    let econ: Vec<&Table> =
        [TableKind::BBasicEcon, TableKind::BBasicGovEcon].iter().filter_map(|k| readable(doc, *k)).filter(|e| total_first(e)).collect();
    let Some(e) = econ.first() else {
        sink.skip(absent(&[TableKind::BBasicEcon]));
        return;
    };
    let six = current.six();
    // The 三公 table and the 基本支出 table may be printed in different units
    // (Shanghai: 万元 and 元): compared in the larger, by `units`.
    let (ft, fe, to) = match units::common(doc.info.unit.as_deref(), [t, *e].into_iter()) {
        Common::Same => (0, 0, 0),
        Common::To(to) => (units::of(t, to), units::of(e, to), to),
        Common::Unknown => {
            sink.skip(format!("{}与{}：{}", table_name(t), table_name(e), units::UNKNOWN));
            return;
        }
    };
    for (codes, col, name) in [
        (&["30212", "50207"][..], 1, "因公出国（境）费"),
        (&["31013", "50303", "50403", "5060113"][..], 3, "公务用车购置费"),
        (&["30231", "50208"][..], 4, "公务用车运行维护费"),
        (&["30217", "50206"][..], 5, "公务接待费"),
    ] {
        let items: Vec<&Row> =
            e.rows.iter().filter(|r| r.code.as_deref().is_some_and(|c| c.split('/').any(|x| codes.contains(&x)))).collect();
        if items.is_empty() {
            continue;
        }
        let Some(sum) = crate::checked::sum(items.iter().filter_map(|r| r.value(0))) else {
            sink.skip(format!("{}的各项之和：{}", table_name(e), crate::checked::TOO_LARGE));
            continue;
        };
        let of = |v: Option<Decimal>, from: u32| units::shift_cell(v, from, to).map(Interval::of);
        let have = of(six[col], ft);
        let need = items.iter().try_fold(Interval::of(None), |a, r| Some(a.add(of(r.value(0), fe)?)));
        // The sum in the 三公 table's unit.
        let here = if ft == fe {
            Some(sum)
        } else {
            units::shift(sum, fe, to).and_then(|s| units::back(s, ft, to, six[col].map_or(0, |v| v.scale())))
        };
        let (Some(have), Some(need), Some(here)) = (have, need, here) else {
            sink.skip(format!("{}的各项之和：{}", table_name(e), crate::checked::TOO_LARGE));
            continue;
        };
        if have.hi >= need.lo {
            continue;
        }
        let mut shown = six[col].map_or("空白".to_string(), |v| v.to_string());
        if ft != fe && six[col].is_some() {
            shown.push_str(units::name(ft));
        }
        let sum_shown = if ft == fe { sum.to_string() } else { format!("{sum}{}（合 {here}{}）", units::name(fe), units::name(ft)) };
        sink.push(crate::rules::Finding {
            rule: "XTBL-107",
            severity: Severity::Error,
            message: format!(
                "{}的{}{name}为 {shown}，小于{}中同类经济科目之和 {sum_shown}（基本支出中的三公科目是三公经费预算的一部分）。",
                table_name(t),
                current.label,
                table_name(e)
            ),
            table: Some(t.no()),
            row: Some(current.label.clone()),
            column: Some(name.to_string()),
            expected: Some(here),
            actual: six[col],
            difference: six[col].unwrap_or_default().checked_sub(here),
            source_line: Some(t.source_line),
            page: None,
            related: items
                .iter()
                .map(|r| crate::rules::identity::CellRef {
                    table: e.no(),
                    row: crate::rules::identity::describe(r),
                    column: e.columns.first().cloned(),
                    source_line: r.source_line,
                    place: None,
                })
                .collect(),
            also: Vec::new(),
            place: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::corpus_edits::table_in_yuan;

    /// 青岛's budget with its “三公” table (公开表9) in 元, its 基本支出
    /// table (公开表6) still in 万元.
    fn qingdao() -> String {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/qingdao-office-2023-budget.txt"))
            .expect("fixture");
        table_in_yuan(&text, "公开表9")
    }

    /// Its 675000.00 元 of 公务用车运行维护费 cover the 67.50 万元 of 30231.
    #[test]
    fn a_sangong_table_in_yuan_covers_the_items_in_wan() {
        assert!(qingdao().contains("6 　　公务用车运行维护费 675000.00 675000.00 0.00 0.00"));
        assert_eq!(RULE.found(&qingdao()), vec![]);
    }

    /// With 30231 printed 77.50 万元, more than the 675000.00 元 budgeted.
    #[test]
    fn an_item_in_wan_beyond_the_sangong_in_yuan_is_found() {
        let text = qingdao().replacen("17 30231 公务用车运行维护费 67.50 0.00 67.50", "17 30231 公务用车运行维护费 77.50 0.00 77.50", 1);
        let got = RULE.found(&text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].2.contains("公务用车运行维护费为 675000.00元，小于公开表6中同类经济科目之和 77.50万元（合 775000.00元）"),
            "{}",
            got[0].2
        );
    }
}
