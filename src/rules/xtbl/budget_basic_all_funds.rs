//! XTBL-106 部门基本支出预算表与一般公共预算基本支出表、支出总表一致
//!
//! ## 它检查什么
//!
//! 全口径基本支出表 (all funds): its 一般公共预算 column = 基本支出表 per row;
//! its total = 支出总表 基本支出.
//!
//! ## 为什么重要
//!
//! 部门基本支出预算表按经济分类列出全部资金来源的基本支出，其中“一般公共预算”一栏就是一般公共预算基本支出表的内容，逐行应当相同；全表合计应等于支出总表的基本支出。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“301 01 基本工资 501 01 工资奖金津补贴 532.41 532.41 532.41” 改为 “301 01 基本工资 501 01 工资奖金津补贴 542.41 542.41 542.41”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-106.snap`，`cargo test XTBL_106` 只运行本条。

use crate::model::{Document, Source, TableKind};
use crate::rules::identity::at;
use crate::rules::support::budget::{settled, sums_equal, target, total_rows, total_terms};
use crate::rules::support::budget_xtbl::coded;
use crate::rules::support::corpus::BASIC_SALARY_RAISED;
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-106",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "部门基本支出预算表与一般公共预算基本支出表、支出总表一致",
    why: "部门基本支出预算表按经济分类列出全部资金来源的基本支出，其中“一般公共预算”一栏就是一般公共预算基本支出表的内容，逐行应当相同；全表合计应等于支出总表的基本支出。",
    applies_to: BUDGET,
    needs: &[TableKind::BBasicAll],
    check,
    fixtures: BASIC_SALARY_RAISED,
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(a) = doc.table(TableKind::BBasicAll) else { return };
    if let (Some(e), Some(ac)) = (doc.table(TableKind::BBasicEcon), a.column(Source::Gpb)) {
        for (i, r) in a.rows.iter().enumerate() {
            let (Some(code), true) = (r.code.as_deref(), settled(a, i)) else { continue };
            if let Some((j, er)) = coded(e, code) {
                if settled(e, j) {
                    sink.identity_named(target(a, r, ac), &[(1, at(e, er, 0))], || format!("公开表{}“{code}”的小计", e.no()));
                }
            }
        }
    }
    let (Some(x), Some(rows)) = (doc.table(TableKind::BExpenditure), total_rows(a)) else { return };
    let Some(xterms) = x.column(Source::Basic).and_then(|xc| total_terms(x, xc)) else { return };
    sums_equal(sink, a, &rows, 0, xterms, || format!("公开表{}的基本支出合计", x.no()));
}
