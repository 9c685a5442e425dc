//! PERF-101 项目绩效目标表的资金与项目支出一致
//!
//! ## 它检查什么
//!
//! Each 项目绩效目标表 of a budget adds up (财政拨款 + 其他资金 = 年度预算资金);
//! the 情况说明's count and amount of projects agree with the tables; and when
//! the department says it sets targets for every project, the tables add up to
//! the 项目支出 of the 项目支出预算表 (or of the 支出总表).
//!
//! ## 为什么重要
//!
//! 部门要为每个预算项目编制绩效目标表，写明年度预算资金及其中财政拨款和其他资金。每张表的资金应当加得上；部门说“全面实施绩效目标管理”时，各表资金之和应等于项目支出总额，情况说明所说的项目个数和金额也应与这些表一致。对不上，说明有项目没有绩效目标，或金额写错了。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“其中：财政拨款 3300” 改为 “其中：财政拨款 3200”
//! - `qingdao-office-2023-budget.txt`：“预算数 7104.00” 改为 “预算数 7204.00”；“7104.00 其他资金” 改为 “7204.00 其他资金”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/PERF-101.snap`，`cargo test PERF_101` 只运行本条。

use rust_decimal::Decimal;

use crate::model::{Document, Source, Table, TableKind};
use crate::rules::support::budget::{settled, total_rows};
use crate::rules::support::budget_narrative::target_finding;
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// 项目绩效目标表: each adds up, and together they cover the 项目支出.
pub const RULE: Rule = Rule {
    id: "PERF-101",
    family: Family::Perf,
    severity: Severity::Error,
    title: "项目绩效目标表的资金与项目支出一致",
    why: "部门要为每个预算项目编制绩效目标表，写明年度预算资金及其中财政拨款和其他资金。每张表的资金应当加得上；部门说“全面实施绩效目标管理”时，各表资金之和应等于项目支出总额，情况说明所说的项目个数和金额也应与这些表一致。对不上，说明有项目没有绩效目标，或金额写错了。",
    applies_to: BUDGET,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(YB, &[("其中：财政拨款 3300", "其中：财政拨款 3200")]),
        Fixture::fires(QB, &[("预算数 7104.00", "预算数 7204.00"), ("7104.00 其他资金", "7204.00 其他资金")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let tables = &doc.narrative.stated.performance;
    if tables.is_empty() {
        sink.skip("没有找到项目绩效目标表，未核对".to_string());
        return;
    }
    for p in tables {
        let Some(fiscal) = p.fiscal else { continue };
        let Some(sum) = fiscal.checked_add(p.other.unwrap_or_default()) else { continue };
        if sum != p.total {
            sink.push(target_finding(
                "PERF-101",
                format!(
                    "第{}行起的绩效目标表（{}）年度预算资金为 {}，但财政拨款 {fiscal} 与其他资金 {} 之和为 {sum}。",
                    p.line,
                    p.name,
                    p.total,
                    p.other.map_or("空白".to_string(), |v| v.to_string())
                ),
                None,
                (Some(sum), Some(p.total)),
                p.line,
            ));
        }
    }
    let Some(sum) = crate::checked::sum(tables.iter().map(|p| p.total)) else {
        sink.skip(format!("项目绩效目标表的资金之和：{}", crate::checked::TOO_LARGE));
        return;
    };
    let first = tables[0].line;
    if let Some((count, amount, line)) = doc.narrative.stated.performance_summary {
        let n = Decimal::from(tables.len());
        if count.is_some_and(|c| c != n) {
            sink.push(target_finding(
                "PERF-101",
                format!("情况说明（第{line}行）称涉及项目支出{}个，但文中有{}张项目绩效目标表。", count.unwrap_or_default(), tables.len()),
                None,
                (Some(n), count),
                line,
            ));
        }
        if amount.is_some_and(|a| a != sum) {
            sink.push(target_finding(
                "PERF-101",
                format!(
                    "情况说明（第{line}行）称项目预算资金 {} 万元，但各项目绩效目标表的资金之和为 {sum} 万元。",
                    amount.unwrap_or_default()
                ),
                None,
                (Some(sum), amount),
                line,
            ));
        }
    }
    // Full coverage claimed: the tables add up to the 项目支出 of the tables.
    if !doc.narrative.stated.performance_everywhere {
        return;
    }
    let project_total = |t: &Table, c: usize| -> Option<Decimal> {
        let rows = if t.kind == TableKind::BProjects { Some((0..t.rows.len()).collect::<Vec<_>>()) } else { total_rows(t) };
        let rows = rows?;
        if !rows.iter().all(|i| settled(t, *i)) {
            return None;
        }
        crate::checked::sum(rows.iter().filter_map(|i| t.rows[*i].value(c)))
    };
    let source = doc.table(TableKind::BProjects).and_then(|t| project_total(t, 0).map(|v| (t, v))).or_else(|| {
        doc.table(TableKind::BExpenditure).and_then(|t| t.column(Source::Project).and_then(|c| project_total(t, c)).map(|v| (t, v)))
    });
    if let Some((t, v)) = source {
        // The targets state 万元; the table may print 元.
        let (u, _) = crate::rules::support::budget_narrative::unit_in_wan(t, doc);
        let Some(v) = v.checked_mul(u) else { return };
        if v != sum {
            sink.push(target_finding(
                "PERF-101",
                format!(
                    "部门称全面实施绩效目标管理，但{}张项目绩效目标表的资金之和为 {} 万元，而公开表{}的项目支出为 {} 万元。",
                    tables.len(),
                    crate::rules::percent::show(sum),
                    t.no(),
                    crate::rules::percent::show(v)
                ),
                Some(t),
                (Some(v), Some(sum)),
                first,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus_edits::table_in_yuan;

    #[test]
    fn a_project_table_printed_in_yuan_is_held_against_the_targets_in_wan() {
        // 烟台's targets (万元) add up to its 公开表11's 项目支出; with that
        // table reprinted in 元 they still do.
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/yantai-office-2023-budget.txt")).expect("fixture");
        assert!(crate::read(&text).narrative.stated.performance_everywhere, "the full-coverage claim this checks");
        for text in [text.clone(), table_in_yuan(&text, "公开表11")] {
            let got = RULE.found(&text);
            assert!(got.iter().all(|f| f.0 != Severity::Error), "{got:#?}");
        }
    }
}
