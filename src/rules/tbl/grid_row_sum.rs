//! TBL-201 各表（按表头读取）：每一行的合计栏等于其各组成栏之和
//!
//! ## 它检查什么
//!
//! Each row: the 合计 column equals its parts.
//!
//! ## 为什么重要
//!
//! 收入总表、支出总表、一般公共预算支出表等，每一行的“合计”栏应等于其后各栏之和（如合计 = 基本支出 + 项目支出，合计 = 人员经费 + 公用经费，合计 = 财政拨款 + 事业收入 + 其他收入）。某一行对不上，说明这个科目的数字自相矛盾。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `layout-budget-sample.txt`：“2010101     行政运行                              …” 改为 “2010101     行政运行                              …”
//!
//! 本条不报告的样例：
//!
//! - `layout-budget-sample.txt`（原样）
//! - `yantai-office-2023-budget.txt`（原样）
//! - `yantai-office-2024-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-201.snap`，`cargo test TBL_201` 只运行本条。

use crate::model::{Document, Meaning, TableKind};
use crate::rules::identity::{at, Target};
use crate::rules::support::corpus::{fixtures, L, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-201",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "各表（按表头读取）：每一行的合计栏等于其各组成栏之和",
    why: "收入总表、支出总表、一般公共预算支出表等，每一行的“合计”栏应等于其后各栏之和（如合计 = 基本支出 + 项目支出，合计 = 人员经费 + 公用经费，合计 = 财政拨款 + 事业收入 + 其他收入）。某一行对不上，说明这个科目的数字自相矛盾。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(L, &[("2010101     行政运行                              800.00", "2010101     行政运行                              810.00")]);
        quiet L, YB, Y
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    for (t, g) in doc.grid_tables().filter(|(t, _)| !matches!(t.kind, TableKind::BSangong | TableKind::F09)) {
        for p in &g.panels {
            let Some((total, parts)) = Meaning::row_sum(&g.meanings, p.columns.clone()) else { continue };
            for r in &t.rows[p.rows.clone()] {
                if r.value(total).is_none() {
                    continue;
                }
                let terms: Vec<(i8, _)> = parts.iter().map(|c| (1, at(t, r, *c))).collect();
                sink.identity(Target::cell(t, r, total), &terms, "本行其余各栏之和");
            }
        }
    }
}
