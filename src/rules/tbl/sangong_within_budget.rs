//! TBL-016 “三公”经费决算数不超过预算数
//!
//! ## 它检查什么
//!
//! 09: 决算数 ≤ 预算数, column by column (in Shandong's layout two rows; read
//! by its headings, the pairs of columns of its one row).
//!
//! ## 为什么重要
//!
//! “三公”经费实行预算控制，决算数一般不应超过预算数。超过了，部门应在情况说明中解释原因；没有解释，就需要进一步核实。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“417.53\t131.89\t95.40\t17.95\t77.45\t190.24\t4…” 改为 “417.53\t131.89\t95.40\t17.95\t77.45\t190.24\t4…”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-016.snap`，`cargo test TBL_016` 只运行本条。

use crate::domain::SANGONG_COLUMNS;
use crate::model::Document;
use crate::rules::identity::Target;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::econ_sangong::sangong_rows;
use crate::rules::support::final_cells::sangong_table;
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-016",
    family: Family::Tbl,
    severity: Severity::Warning,
    title: "“三公”经费决算数不超过预算数",
    why: "“三公”经费实行预算控制，决算数一般不应超过预算数。超过了，部门应在情况说明中解释原因；没有解释，就需要进一步核实。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
            Fixture::fires(
                Y,
                &[(
                    "417.53\t131.89\t95.40\t17.95\t77.45\t190.24\t417.53\t131.89",
                    "417.53\t131.89\t95.40\t17.95\t77.45\t190.24\t427.53\t141.89",
                )],
            );
     quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let t = match sangong_table(doc) {
        Ok(t) => t,
        Err(why) => return sink.skip(why),
    };
    // Read by its headings: one row, each item's 预算数 and 决算数 side by side.
    if let (Some((b, a)), [r]) = (t.grid.as_deref().and_then(|g| g.sangong_pairs), t.rows.as_slice()) {
        let pairs = [
            (Some(b.total), Some(a.total)),
            (b.abroad, a.abroad),
            (b.vehicle, a.vehicle),
            (b.purchase, a.purchase),
            (b.operation, a.operation),
            (b.reception, a.reception),
        ];
        for (bc, ac) in pairs.into_iter().filter_map(|(x, y)| x.zip(y)) {
            sink.at_least(Target::cell(t, r, bc), Target::cell(t, r, ac), "决算数一般不应超过预算数");
        }
        return;
    }
    // In Shandong's layout: a 预算数 row and a 决算数 row.
    let row = |label: &str| sangong_rows(t).map(|(_, r)| r).find(|r| r.label == label);
    let (Some(budget), Some(actual)) = (row("预算数"), row("决算数")) else { return };
    for c in 0..SANGONG_COLUMNS.len() {
        sink.at_least(Target::cell(t, budget, c), Target::cell(t, actual, c), "决算数一般不应超过预算数");
    }
}
