//! SG-101 “三公”经费表没有数字，情况说明却给出了三公经费金额
//!
//! ## 它检查什么
//!
//! The 三公 table has no figure at all, yet the 情况说明 gives a nonzero
//! 三公 amount: one of the two is wrong or incomplete.
//!
//! ## 为什么重要
//!
//! “三公”经费表应列出预算数和决算（预算）数，没有这类支出时也应填0并说明。表上一个数也没有，情况说明却写了三公经费的年初预算或支出金额，读者无法核对，两处至少有一处有误或遗漏。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `layout-budget-sample.txt`：删去 “    100.00       60.00           10.00       4…”
//!
//! 本条不报告的样例：
//!
//! - `layout-budget-sample.txt`（原样）
//! - `yantai-office-2024-final.txt`（原样）
//! - `yantai-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/SG-101.snap`，`cargo test SG_101` 只运行本条。

use crate::model::{Document, DocumentKind, TableKind};
use crate::narrative::{ClaimKind, Topic};
use crate::rules::{Family, Finding, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "SG-101",
    family: Family::Sg,
    severity: Severity::Error,
    title: "“三公”经费表没有数字，情况说明却给出了三公经费金额",
    why: "“三公”经费表应列出预算数和决算（预算）数，没有这类支出时也应填0并说明。表上一个数也没有，情况说明却写了三公经费的年初预算或支出金额，读者无法核对，两处至少有一处有误或遗漏。",
    applies_to: &[DocumentKind::FinalAccounts, DocumentKind::Budget],
    needs: &[],
    check,
    fixtures: &[
        Fixture::fires("layout-budget-sample.txt", &[("    100.00       60.00           10.00       40.00      0.00     40.00         10.00       25.00       15.00", "")]),
        Fixture::quiet("layout-budget-sample.txt"),
        Fixture::quiet("yantai-office-2024-final.txt"),
        Fixture::quiet("yantai-office-2023-budget.txt"),
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t) =
        doc.tables.iter().find(|t| matches!(t.kind, TableKind::F09 | TableKind::BSangong) && t.grid.as_deref().is_none_or(|g| g.read))
    else {
        return;
    };
    if t.rows.iter().any(|r| r.cells.iter().any(|c| c.value.is_some())) {
        return;
    }
    let n = &doc.narrative;
    let stated = n
        .sections_about(Topic::Sangong)
        .flat_map(|s| s.claims())
        .find_map(|(_, c)| Some((c, c.wan().filter(|v| c.kind == ClaimKind::Amount && *v > rust_decimal::Decimal::ZERO)?)));
    if let Some((c, wan)) = stated {
        let message = format!(
            "{}没有任何数字，但情况说明（第{}行）写明了三公经费金额 {} 万元。表中应列出这些金额（没有支出的填0），表与说明至少有一处有误或遗漏。",
            crate::rules::identity::table_name(&t.no()),
            c.source_line,
            crate::rules::percent::show(wan)
        );
        sink.push(Finding { table: Some(t.no()), source_line: Some(t.source_line), related: Vec::new(), ..sink.finding(message) });
    }
}
