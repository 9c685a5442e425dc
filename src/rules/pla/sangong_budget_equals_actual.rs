//! PLA-001 “三公”经费预算数与决算数完全相同
//!
//! ## 它检查什么
//!
//! 09: 预算数 equal to 决算数 in every category.
//!
//! ## 为什么重要
//!
//! “三公”经费表中的预算数是按规定程序调整后的预算。如果每一项预算数都与决算数分毫不差，往往说明预算是按实际支出倒推调整的。这本身不违规，但读者应当知道：此时“没有超预算”并不说明控制得好。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`（原样）
//!
//! 本条不报告的样例：
//!
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/PLA-001.snap`，`cargo test PLA_001` 只运行本条。

use crate::domain::SANGONG_COLUMNS;
use crate::model::Document;
use crate::rules::support::corpus::{fixtures, B, Y};
use crate::rules::support::final_cells::{sangong_cell, sangong_table};
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "PLA-001",
    family: Family::Pla,
    severity: Severity::Info,
    title: "“三公”经费预算数与决算数完全相同",
    why: "“三公”经费表中的预算数是按规定程序调整后的预算。如果每一项预算数都与决算数分毫不差，往往说明预算是按实际支出倒推调整的。这本身不违规，但读者应当知道：此时“没有超预算”并不说明控制得好。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[]);
        quiet B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    // In Shandong's layout (two rows), or by its headings (pairs of columns).
    let t = match sangong_table(doc) {
        Ok(t) => t,
        Err(why) => return sink.skip(why),
    };
    let value = |budget: bool, c: usize| sangong_cell(doc, budget, c).and_then(|l| l.value);
    let all_equal = (0..SANGONG_COLUMNS.len()).all(|c| value(true, c).unwrap_or_default() == value(false, c).unwrap_or_default());
    let Some(a) = t.rows.iter().find(|r| r.label == "决算数").or_else(|| t.rows.last()) else { return };
    if all_equal && value(true, 0).is_some_and(|v| !v.is_zero()) {
        sink.note(
            t,
            a,
            "“三公”经费每一项的决算数都与预算数完全相同。预算数是调整后的预算，可能是按实际支出调整的；“未超预算”不能说明控制成效。"
                .to_string(),
        );
    }
}
