//! TBL-105 预算各表：每一行的合计、小计等于其组成部分之和
//!
//! ## 它检查什么
//!
//! Every row of a budget table meets its layout's identities.
//!
//! ## 为什么重要
//!
//! 预算表的每一行，合计等于各组成部分之和：例如一般公共预算支出表中“合计 = 基本支出 + 项目支出”“基本支出 = 人员经费 + 公用经费”，收入总表中“合计 = 财政拨款 + 其他各项收入”。某一行对不上，说明这个科目的数字自相矛盾。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：“2 201 一般公共服务支出 15,882.24 7,273.03 8,609.21” 改为 “2 201 一般公共服务支出 15,882.24 7,273.03 8,619.21”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-105.snap`，`cargo test TBL_105` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::{at, holds_exactly, Located};
use crate::rules::support::budget::{settled, target};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-105",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "预算各表：每一行的合计、小计等于其组成部分之和",
    why: "预算表的每一行，合计等于各组成部分之和：例如一般公共预算支出表中“合计 = 基本支出 + 项目支出”“基本支出 = 人员经费 + 公用经费”，收入总表中“合计 = 财政拨款 + 其他各项收入”。某一行对不上，说明这个科目的数字自相矛盾。",
    applies_to: BUDGET,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(QB, &[("2 201 一般公共服务支出 15,882.24 7,273.03 8,609.21", "2 201 一般公共服务支出 15,882.24 7,273.03 8,619.21")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    // One buffer for every row's terms, not a Vec per row and sum.
    let mut terms: Vec<(i8, Located)> = Vec::new();
    for t in doc.legacy_tables().filter(|t| t.kind.is_budget() && t.kind != TableKind::BSangong) {
        for (i, r) in t.rows.iter().enumerate() {
            if !settled(t, i) {
                continue;
            }
            for s in &t.row_sums {
                if s.total >= r.cells.len() || s.parts.iter().any(|p| *p >= r.cells.len()) {
                    continue; // an income entry of a two-sided table has one cell
                }
                // Most rows add up: settled on the printed values, before
                // their terms are located.
                if holds_exactly(r.value(s.total), s.parts.iter().map(|p| (1, r.value(*p)))) {
                    continue;
                }
                terms.clear();
                terms.extend(s.parts.iter().map(|p| (1, at(t, r, *p))));
                sink.identity_named(target(t, r, s.total), &terms, || {
                    let names: Vec<&str> = s.parts.iter().filter_map(|p| t.columns.get(*p).map(String::as_str)).collect();
                    format!("本行{}之和", names.join("、"))
                });
            }
        }
    }
}
