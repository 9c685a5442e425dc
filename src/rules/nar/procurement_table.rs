//! NAR-103 政府采购情况说明与政府采购预算表一致（总额和货物、工程、服务各类）
//!
//! ## 它检查什么
//!
//! The 政府采购 total the budget's 情况说明 states against the 政府采购预算表's
//! 合计; where the table lists a category (货物, 工程, 服务) per item, each
//! category the narrative states against the sum of its items. A table the
//! general reader read (Jiangsu's: a row per category, "一、货物A", over its
//! items) is held to the narrative by its 合计 row and category rows, in
//! 万元 within the rounding of both figures. 货物 + 工程 + 服务 = 总额 within
//! the narrative is NAR-014's.
//!
//! ## 为什么重要
//!
//! 情况说明会写政府采购预算总额，以及其中货物、工程、服务各多少。总额应等于政府采购预算表的合计；表中列出采购类别时，每一类也应等于表中该类各项之和。对不上，说明说明文字或采购表至少有一处写错。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“2023年政府采购预算917.60万元” 改为 “2023年政府采购预算927.60万元”
//! - `qingdao-office-2023-budget.txt`：“政府采购货物\n\n预算82.25万元” 改为 “政府采购货物\n\n预算72.25万元”；“政府采购服务预算\n\n5,887.84万元” 改为 “政府采购服务预算\n\n5,897.84万元”
//! - `layout-budget-sample.txt`：加入江苏样式的政府采购支出预算表（合计 80.00 万元）及其情况说明，说明中的总额改为 90.00 万元
//! - `layout-budget-sample.txt`：同上，说明中的服务类改为 60.00 万元（表中为 50.00）
//!
//! 本条不报告的样例：
//!
//! - `layout-budget-sample.txt`：加入同一张表和说明，各数相符
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-103.snap`，`cargo test NAR_103` 只运行本条。

use crate::model::{Document, Row, Table, TableKind};
use crate::narrative::stated::{Stated, CATEGORIES};
use crate::rounding::Verdict;
use crate::rules::identity::{describe, nowhere, CellRef};
use crate::rules::percent::narrative_values;
use crate::rules::support::budget::{readable, settled, sums_equal, table_name, total_first, total_row, total_rows, unreadable};
use crate::rules::support::budget_narrative::{claim_finding, held, Held};
use crate::rules::support::corpus::{fixtures, L, L_NARRATIVE, L_RUNNING_PROCUREMENT, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Expect, Family, Finding, Fixture, Rule, Severity, Sink};

/// 政府采购 in the narrative = the 政府采购预算表.
pub const RULE: Rule = Rule {
    id: "NAR-103",
    family: Family::Nar,
    severity: Severity::Error,
    title: "政府采购情况说明与政府采购预算表一致（总额和货物、工程、服务各类）",
    why: "情况说明会写政府采购预算总额，以及其中货物、工程、服务各多少。总额应等于政府采购预算表的合计；表中列出采购类别时，每一类也应等于表中该类各项之和。对不上，说明说明文字或采购表至少有一处写错。",
    applies_to: BUDGET,
    // (Either layout: the table is looked for in `check`.)
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(YB, &[("2023年政府采购预算917.60万元", "2023年政府采购预算927.60万元")]),
        Fixture::fires(QB, &[("政府采购货物\n\n预算82.25万元", "政府采购货物\n\n预算72.25万元"), ("政府采购服务预算\n\n5,887.84万元", "政府采购服务预算\n\n5,897.84万元")]),
        Fixture::fires(L, &[(L_NARRATIVE, L_RUNNING_PROCUREMENT), ("预算总额80.00万元", "预算总额90.00万元")]),
        Fixture::fires(L, &[(L_NARRATIVE, L_RUNNING_PROCUREMENT), ("拟购买服务支出50.00万元", "拟购买服务支出60.00万元")]),
        Fixture { document: L, edits: &[(L_NARRATIVE, L_RUNNING_PROCUREMENT)], expect: Expect::Quiet };
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    // Either layout: a Shandong table, or one the general reader read.
    let Some(t) = readable(doc, TableKind::BProcurement) else {
        sink.skip(unreadable(doc, TableKind::BProcurement));
        return;
    };
    let said = &doc.narrative.stated;
    let Some((total, line)) = said.procurement_total else {
        sink.skip("情况说明中没有找到政府采购预算总额，未核对".to_string());
        return;
    };
    if t.grid.is_some() {
        return by_caption(doc, t, said, sink);
    }
    if let Some(rows) = total_rows(t) {
        sums_equal(sink, t, &rows, 0, vec![nowhere(Some(total))], || format!("情况说明（第{line}行）所述政府采购预算总额"));
    }
    // 货物 + 工程 + 服务 = 总额 within the narrative is NAR-014's; here each
    // category is held against the table.
    let parts = CATEGORIES.iter().zip(said.procurement_parts);
    // Per category, where the table lists one per item.
    let items: Vec<&Row> = t.rows.iter().filter(|r| r.code.as_deref().is_some_and(|c| c.contains('/'))).collect();
    if items.is_empty() || (0..t.rows.len()).any(|i| !settled(t, i)) {
        return;
    }
    for (c, p) in parts {
        let Some((v, l)) = p else { continue };
        // The category's label suffix made once, not once per row.
        let suffix = format!("（{c}）");
        let mine: Vec<&Row> = items.iter().copied().filter(|r| r.label.ends_with(&suffix)).collect();
        let Some(sum) = crate::checked::sum(mine.iter().filter_map(|r| r.value(0))) else { continue };
        if sum != v {
            let message = format!(
                "情况说明（第{l}行）称政府采购{c}预算 {v} 万元，但公开表{}中采购类别为“{c}”的{}项之和为 {sum} 万元。",
                t.no(),
                mine.len()
            );
            let related = mine
                .iter()
                .map(|r| CellRef {
                    table: t.no(),
                    row: describe(r),
                    column: t.columns.first().cloned(),
                    source_line: r.source_line,
                    place: None,
                })
                .collect();
            sink.push(Finding {
                table: Some(t.no()),
                column: t.columns.first().cloned(),
                related,
                ..narrative_values("NAR-103", Severity::Error, message, l, (Some(sum), Some(v)))
            });
        }
    }
}

/// A table the general reader read (Jiangsu's 政府采购预算表: a 合计 row,
/// then each category's row, "一、货物A", with its items below, amounts in
/// one 总计 column): the narrative's total against the 合计 row, each
/// category it states against that category's row, compared in 万元 within
/// the rounding of both printed figures.
fn by_caption(doc: &Document, t: &Table, said: &Stated, sink: &mut Sink) {
    // The amounts: the table's first column when it is the total (by its
    // caption) or the only one.
    if !total_first(t) {
        sink.skip(format!("{}的第一栏不是合计，无法确定各类采购金额所在的栏，未核对", table_name(t)));
        return;
    }
    let rows: Vec<Option<&Row>> = std::iter::once(total_row(t).map(|(_, r)| r))
        .chain(CATEGORIES.iter().map(|c| t.rows.iter().find(|r| category_of(&r.label) == Some(*c))))
        .collect();
    let stated = std::iter::once(said.procurement_total).chain(said.procurement_parts);
    for (k, (said, row)) in stated.zip(&rows).enumerate() {
        let (Some((v, line)), Some(row)) = (said, row) else { continue };
        let Some(cell) = row.value(0) else { continue };
        let what = match k {
            0 => "政府采购预算总额".to_string(),
            _ => format!("政府采购{}预算", CATEGORIES[k - 1]),
        };
        let Some(Held { verdict, wan, unit }) = held(doc, t, cell, v) else {
            sink.skip(format!("第{line}行{what}：{}", crate::checked::TOO_LARGE));
            continue;
        };
        let severity = match verdict {
            Verdict::Exact => continue,
            Verdict::Rounding => Severity::Info,
            Verdict::Mismatch | Verdict::TooLarge => Severity::Error,
        };
        let tail = if severity == Severity::Info { "，差异在尾数误差范围内" } else { "，两者不符" };
        let message = format!("情况说明（第{line}行）称{what} {v} 万元，{}中“{}”为 {cell} {unit}{tail}。", table_name(t), describe(row));
        sink.push(claim_finding("NAR-103", severity, message, t, Some((row, 0)), (Some(wan), Some(v)), line));
    }
}

/// The category a row of the 政府采购预算表 heads: its label, past an ordinal
/// ("一、", "（一）", "1."), is the category alone, maybe with 类 and the
/// category's letter of the 品目 catalogue ("货物A", "服务类").
fn category_of(label: &str) -> Option<&'static str> {
    let bare = label
        .trim_start_matches(|c: char| "一二三四五六七八九十（）()、.．0123456789".contains(c))
        .trim_end_matches(|c: char| c.is_ascii_uppercase())
        .trim_end_matches('类');
    CATEGORIES.iter().find(|c| **c == bare).copied()
}

#[cfg(test)]
mod tests {
    use super::category_of;

    #[test]
    fn a_category_row_is_the_category_alone_after_its_ordinal() {
        for (label, c) in [("一、货物A", Some("货物")), ("二、工程B", Some("工程")), ("（三）服务类", Some("服务")), ("服务", Some("服务"))]
        {
            assert_eq!(category_of(label), c, "{label}");
        }
        for label in ["办公设备购置", "一、货物及服务", "信息网络及软件购置更新", "合计", "物业管理服务"] {
            assert_eq!(category_of(label), None, "{label}");
        }
    }
}
