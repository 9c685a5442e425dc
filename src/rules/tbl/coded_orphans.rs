//! TBL-008 科目表：每个项、款都列出了它的上级科目
//!
//! ## 它检查什么
//!
//! Every 项 has its 款 and every 款 its 类.
//!
//! ## 为什么重要
//!
//! 每个7位的“项”都应在它所属的5位“款”和3位“类”之下列出。缺了上级科目，读者无法核对分级合计，也可能是表格漏行。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：删去 “10 22102 住房改革支出 654.87 654.87 654.87 0.00 0.00…”
//! - `yantai-office-2024-final.txt`：删去 “20808\t抚恤\t48.29\t48.29\t\t\t\t\t\n”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-008.snap`，`cargo test TBL_008` 只运行本条。

use crate::model::Document;
use crate::rules::support::coded::for_each_table;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-008",
    family: Family::Tbl,
    severity: Severity::Warning,
    title: "科目表：每个项、款都列出了它的上级科目",
    why: "每个7位的“项”都应在它所属的5位“款”和3位“类”之下列出。缺了上级科目，读者无法核对分级合计，也可能是表格漏行。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
            Fixture::fires(QB, &[("10 22102 住房改革支出 654.87 654.87 654.87 0.00 0.00 0.00 0.00 0.00 0.00 0.00\n", "")]),
            Fixture::quiet(YB),
            Fixture::quiet(QB),
            Fixture::fires(Y, &[("20808\t抚恤\t48.29\t48.29\t\t\t\t\t\n", "")]);
     quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    for_each_table(doc, sink, |t, sink| {
        for r in &t.rows {
            let Some(code) = r.code.as_deref() else { continue };
            if code.len() < 5 {
                continue;
            }
            let parent = &code[..code.len() - 2];
            if !t.rows.iter().any(|p| p.code.as_deref() == Some(parent)) {
                sink.note(
                    t,
                    r,
                    format!(
                        "{}的科目 {code} {} 没有列出上级科目 {parent}，无法核对分级合计，可能漏了一行。",
                        crate::rules::identity::table_name(&t.no()),
                        r.label
                    ),
                );
            }
        }
    });
}
