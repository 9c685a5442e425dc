//! TBL-204 “三公”经费表（按表头读取）：合计等于各项之和
//!
//! ## 它检查什么
//!
//! The “三公” table: 合计 = 出国 + 接待 + 公务用车; 公务用车 = 购置 + 运行;
//! with 会议费、培训费, 合计 = 三公小计 + 会议费 + 培训费. A 公开09表 printing
//! each item's 预算数 and 决算数 side by side is held to them in each; one
//! whose captions cannot be matched to the items says so in coverage.
//!
//! ## 为什么重要
//!
//! “三公”经费合计等于因公出国（境）费、公务接待费和公务用车购置及运行费之和，公务用车费又等于购置费与运行费之和；表中同时列会议费、培训费的，总合计还要加上这两项。对不上，说明三公经费的某个数有误。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `layout-budget-sample.txt`：“    100.00       60.00” 改为 “    100.00       70.00”
//!
//! 本条不报告的样例：
//!
//! - `layout-budget-sample.txt`（原样）
//! - `yantai-office-2023-budget.txt`（原样）
//! - `yantai-office-2024-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-204.snap`，`cargo test TBL_204` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::{at, Target};
use crate::rules::support::corpus::{fixtures, L, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-204",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "“三公”经费表（按表头读取）：合计等于各项之和",
    why: "“三公”经费合计等于因公出国（境）费、公务接待费和公务用车购置及运行费之和，公务用车费又等于购置费与运行费之和；表中同时列会议费、培训费的，总合计还要加上这两项。对不上，说明三公经费的某个数有误。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(L, &[("    100.00       60.00", "    100.00       70.00")]);
        quiet L, YB, Y
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    for (t, g) in doc.grid_tables().filter(|(t, _)| matches!(t.kind, TableKind::BSangong | TableKind::F09)) {
        // One row of figures under a many-level header: only when every
        // caption pairs with its column in order is the column certain.
        if !g.exact {
            sink.skip(format!("{}的表头与数字不能一一对应（有空白栏或折行的栏名），表内各项之和未核对", t.no()));
            continue;
        }
        // One set of columns, or a 预算数 set and a 决算数 set side by side.
        let sets: Vec<crate::model::SangongCols> =
            g.sangong.into_iter().chain(g.sangong_pairs.into_iter().flat_map(|(b, a)| [b, a])).collect();
        if sets.is_empty() && !t.rows.is_empty() {
            sink.skip(format!("{}的栏名无法一一对应到各项“三公”经费，表内各项之和未核对", t.no()));
        }
        for (c, r) in sets.iter().flat_map(|c| t.rows.iter().map(move |r| (*c, r))) {
            if let (Some(v), Some(b), Some(o)) = (c.vehicle, c.purchase, c.operation) {
                if r.value(v).is_some() {
                    sink.identity(Target::cell(t, r, v), &[(1, at(t, r, b)), (1, at(t, r, o))], "公务用车购置费与运行费之和");
                }
            }
            let vehicle: Vec<usize> = match (c.vehicle, c.purchase, c.operation) {
                (Some(v), _, _) => vec![v],
                (None, Some(b), Some(o)) => vec![b, o],
                _ => continue,
            };
            let (Some(abroad), Some(reception)) = (c.abroad, c.reception) else { continue };
            let mut three: Vec<usize> = vec![abroad, reception];
            three.extend(vehicle);
            let target = c.subtotal.or(if c.meeting.is_none() && c.training.is_none() { Some(c.total) } else { None });
            if let Some(s) = target.filter(|s| r.value(*s).is_some()) {
                let terms: Vec<(i8, _)> = three.iter().map(|k| (1, at(t, r, *k))).collect();
                sink.identity(Target::cell(t, r, s), &terms, "因公出国（境）费、公务接待费与公务用车购置及运行费之和");
            }
            if let (Some(s), Some(m), Some(tr)) = (c.subtotal, c.meeting, c.training) {
                if r.value(c.total).is_some() {
                    sink.identity(
                        Target::cell(t, r, c.total),
                        &[(1, at(t, r, s)), (1, at(t, r, m)), (1, at(t, r, tr))],
                        "“三公”经费小计、会议费与培训费之和",
                    );
                }
            }
        }
    }
}
