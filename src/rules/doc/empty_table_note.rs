//! DOC-002 空表要说明原因
//!
//! ## 它检查什么
//!
//! An empty fund table (政府性基金, 国有资本经营) carries a note saying why, in
//! any region's words: "故本表无数据", "本部门没有……", "本部门无相关收支项目",
//! or "此表为空" among its rows. (A note calling a table empty over amounts is
//! DOC-003's.)
//!
//! ## 为什么重要
//!
//! 部门没有某类资金时（如政府性基金），相应的表仍要公开，并在表下注明“本部门没有……，故本表无数据”。只给一张空表而不说明，读者分不清是没有这笔钱还是漏填。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：删去 “2.本单位2023年无政府性基金预算财政拨款安排的支出，故本表无数据。”
//! - `yantai-office-2024-final.txt`：删去 “注：本部门没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//! - `yantai-office-2024-final.txt`：“注：本部门没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。” 改为 “注：本部门无相关收支项目”
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/DOC-002.snap`，`cargo test DOC_002` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::{Expect, Family, Finding, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "DOC-002",
    family: Family::Doc,
    severity: Severity::Warning,
    title: "空表要说明原因",
    why: "部门没有某类资金时（如政府性基金），相应的表仍要公开，并在表下注明“本部门没有……，故本表无数据”。只给一张空表而不说明，读者分不清是没有这笔钱还是漏填。",
    applies_to: &[crate::model::DocumentKind::FinalAccounts, crate::model::DocumentKind::Budget],
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires("qingdao-office-2023-budget.txt", &[("2.本单位2023年无政府性基金预算财政拨款安排的支出，故本表无数据。", "")]),
        Fixture::quiet("yantai-office-2023-budget.txt"),
        Fixture::quiet("qingdao-office-2023-budget.txt"),
        Fixture::fires(Y, &[("注：本部门没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。", "")]),
        // Jiangsu's words for it.
        Fixture {
            document: Y,
            edits: &[("注：本部门没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。", "注：本部门无相关收支项目")],
            expect: Expect::Quiet,
        };
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    for t in &doc.tables {
        if !matches!(t.kind, TableKind::F07 | TableKind::F08 | TableKind::BFund | TableKind::BCapital) {
            continue;
        }
        let empty = t.rows.iter().all(|r| r.cells.iter().all(|c| c.value.is_none_or(|v| v.is_zero())));
        let says_empty = t.notes_say_none();
        if empty && !says_empty {
            let message = format!(
                "{}（{}）没有任何数据，但表下没有说明原因（如“本部门没有……，故本表无数据”）。",
                crate::rules::identity::table_name(&t.no()),
                t.title
            );
            match t.rows.first() {
                Some(first) => sink.note(t, first, message),
                // A budget table printed as a header with no rows at all.
                None => sink.push(Finding { table: Some(t.no()), source_line: Some(t.source_line), ..sink.finding(message) }),
            }
        }
    }
}
