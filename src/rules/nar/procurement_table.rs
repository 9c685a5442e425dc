//! NAR-103 政府采购情况说明与政府采购预算表一致（总额和货物、工程、服务各类）
//!
//! ## 它检查什么
//!
//! The 政府采购 total the budget's 情况说明 states against the 政府采购预算表's
//! 合计; where the table lists a category (货物, 工程, 服务) per item, each
//! category the narrative states against the sum of its items. 货物 + 工程 +
//! 服务 = 总额 within the narrative is NAR-014's.
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
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-103.snap`，`cargo test NAR_103` 只运行本条。

use crate::model::{Document, Row, TableKind};
use crate::narrative::stated::CATEGORIES;
use crate::rules::identity::{describe, nowhere, CellRef};
use crate::rules::percent::narrative_values;
use crate::rules::support::budget::{settled, sums_equal, total_rows};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Finding, Fixture, Rule, Severity, Sink};

/// 政府采购 in the narrative = the 政府采购预算表.
pub const RULE: Rule = Rule {
    id: "NAR-103",
    family: Family::Nar,
    severity: Severity::Error,
    title: "政府采购情况说明与政府采购预算表一致（总额和货物、工程、服务各类）",
    why: "情况说明会写政府采购预算总额，以及其中货物、工程、服务各多少。总额应等于政府采购预算表的合计；表中列出采购类别时，每一类也应等于表中该类各项之和。对不上，说明说明文字或采购表至少有一处写错。",
    applies_to: BUDGET,
    needs: &[TableKind::BProcurement],
    check,
    fixtures: fixtures![
        Fixture::fires(YB, &[("2023年政府采购预算917.60万元", "2023年政府采购预算927.60万元")]),
        Fixture::fires(QB, &[("政府采购货物\n\n预算82.25万元", "政府采购货物\n\n预算72.25万元"), ("政府采购服务预算\n\n5,887.84万元", "政府采购服务预算\n\n5,897.84万元")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t) = doc.table(TableKind::BProcurement) else { return };
    let said = &doc.narrative.stated;
    let Some((total, line)) = said.procurement_total else {
        sink.skip("情况说明中没有找到政府采购预算总额，未核对".to_string());
        return;
    };
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
