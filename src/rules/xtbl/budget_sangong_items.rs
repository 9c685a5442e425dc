//! XTBL-107 基本支出表中的“三公”科目不超过当年“三公”经费预算
//!
//! ## 它检查什么
//!
//! 三公 (current year) ≥ the 基本支出 economic items of the same kind.
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

use crate::model::{Document, Row, Table, TableKind};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-107",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "基本支出表中的“三公”科目不超过当年“三公”经费预算",
    why: "基本支出表里的因公出国（境）费用、公务用车运行维护费、公务接待费、公务用车购置，只是当年“三公”经费预算中用基本支出安排的部分（“三公”经费还包括项目支出），所以前者不应大于后者。",
    applies_to: BUDGET,
    needs: &[TableKind::BSangong],
    check,
    fixtures: fixtures![
        Fixture::fires(QB, &[("17 30231 公务用车运行维护费 67.50 0.00 67.50", "17 30231 公务用车运行维护费 77.50 0.00 77.50")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t) = doc.table(TableKind::BSangong) else { return };
    let Some(series) = crate::sangong::series(doc) else { return };
    let Some(current) = series.last() else { return };
    let econ: Vec<&Table> = [TableKind::BBasicEcon, TableKind::BBasicGovEcon].iter().filter_map(|k| doc.table(*k)).collect();
    let Some(e) = econ.first() else { return };
    let six = current.six();
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
            sink.skip(format!("公开表{}的各项之和：{}", e.no(), crate::checked::TOO_LARGE));
            continue;
        };
        let have = crate::rounding::Interval::of(six[col]);
        let need = items.iter().fold(crate::rounding::Interval::of(None), |a, r| a.add(crate::rounding::Interval::of(r.value(0))));
        if have.hi >= need.lo {
            continue;
        }
        let shown = six[col].map_or("空白".to_string(), |v| v.to_string());
        sink.push(crate::rules::Finding {
            rule: "XTBL-107",
            severity: Severity::Error,
            message: format!(
                "公开表{}的{}{name}为 {shown}，小于公开表{}中同类经济科目之和 {sum}（基本支出中的三公科目是三公经费预算的一部分）。",
                t.no(),
                current.label,
                e.no()
            ),
            table: Some(t.no()),
            row: Some(current.label.clone()),
            column: Some(name.to_string()),
            expected: Some(sum),
            actual: six[col],
            difference: six[col].unwrap_or_default().checked_sub(sum),
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
