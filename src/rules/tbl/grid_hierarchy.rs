//! TBL-202 各科目表（按表头读取）：合计等于各类之和，类等于各款之和，款等于各项之和
//!
//! ## 它检查什么
//!
//! 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类, per column.
//!
//! ## 为什么重要
//!
//! 政府收支分类科目分级列示：功能分类的类（3位）、款（5位）、项（7位），经济分类的类（3位）、款（5位）。上一级的金额必须等于下一级之和，表上的合计必须等于各类之和。对不上，说明某一项的钱数或归类有误。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `layout-budget-sample.txt`：“30101       基本工资                              …” 改为 “30101       基本工资                              …”
//!
//! 本条不报告的样例：
//!
//! - `layout-budget-sample.txt`（原样）
//! - `yantai-office-2023-budget.txt`（原样）
//! - `yantai-office-2024-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-202.snap`，`cargo test TBL_202` 只运行本条。

use std::collections::HashMap;

use crate::model::{Document, Row, Table};
use crate::rules::identity::{at, Target};
use crate::rules::support::corpus::{fixtures, L, Y, YB};
use crate::rules::support::grid::is_total;
use crate::rules::support::kinds::BOTH;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-202",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "各科目表（按表头读取）：合计等于各类之和，类等于各款之和，款等于各项之和",
    why: "政府收支分类科目分级列示：功能分类的类（3位）、款（5位）、项（7位），经济分类的类（3位）、款（5位）。上一级的金额必须等于下一级之和，表上的合计必须等于各类之和。对不上，说明某一项的钱数或归类有误。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(L, &[("30101       基本工资                              500.00        500.00", "30101       基本工资                              510.00        510.00")]);
        quiet L, YB, Y
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    for (t, g) in doc.grid_tables() {
        for p in &g.panels {
            let rows = &t.rows[p.rows.clone()];
            check_hierarchy(t, rows, p.columns.clone(), sink);
        }
    }
}

fn check_hierarchy(t: &Table, rows: &[Row], cols: std::ops::Range<usize>, sink: &mut Sink) {
    fn code(r: &Row) -> Option<&str> {
        r.code.as_deref().filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
    }
    // Each code's count, and the 款/项 rows under each 类/款 code in row
    // order, indexed once: scanning all rows per parent was quadratic.
    let mut count: HashMap<&str, usize> = HashMap::new();
    let mut under: HashMap<(&str, usize), Vec<&Row>> = HashMap::new();
    for r in rows {
        let Some(c) = code(r) else { continue };
        *count.entry(c).or_default() += 1;
        if matches!(c.len(), 5 | 7) {
            under.entry((&c[..c.len() - 2], c.len())).or_default().push(r);
        }
    }
    for parent in rows {
        let Some(pc) = code(parent) else { continue };
        let child_len = match pc.len() {
            3 => 5,
            5 => 7,
            _ => continue,
        };
        if count.get(pc) != Some(&1) {
            continue; // printed twice: which is the parent is not clear
        }
        let Some(kids) = under.get(&(pc, child_len)) else { continue };
        let what = if child_len == 5 { "所属各款之和" } else { "所属各项之和" };
        for c in cols.clone() {
            if parent.value(c).is_none() {
                continue;
            }
            let terms: Vec<(i8, _)> = kids.iter().map(|k| (1, at(t, k, c))).collect();
            sink.identity(Target::cell(t, parent, c), &terms, what);
        }
    }
    // The 合计 row: the sum of the 类 rows.
    let classes: Vec<&Row> = rows.iter().filter(|r| code(r).is_some_and(|c| c.len() == 3)).collect();
    let totals: Vec<&Row> = rows.iter().filter(|r| r.code.is_none() && is_total(&r.label)).collect();
    if let ([total], false) = (&totals[..], classes.is_empty()) {
        for c in cols {
            if total.value(c).is_none() {
                continue;
            }
            let terms: Vec<(i8, _)> = classes.iter().map(|k| (1, at(t, k, c))).collect();
            sink.identity(Target::cell(t, total, c), &terms, "各类级科目之和");
        }
    }
}
