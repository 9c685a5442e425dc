//! XTBL-105 基本支出表的人员经费、公用经费与一般公共预算支出表一致
//!
//! ## 它检查什么
//!
//! 基本支出 economic tables = 一般公共预算支出表 基本/人员/公用.
//!
//! ## 为什么重要
//!
//! 一般公共预算支出表里的“基本支出”分人员经费和公用经费；基本支出表再按经济分类（工资福利、商品和服务等）展开同一笔钱。两张表的基本支出、人员经费、公用经费合计必须分别相等。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：“1 合计 8,723.41 8,152.72 570.69” 改为 “1 合计 8,733.41 8,162.72 570.69”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-105.snap`，`cargo test XTBL_105` 只运行本条。

use crate::model::{Document, Source, TableKind};
use crate::rules::support::budget::{sums_equal, total_rows, total_terms};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-105",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "基本支出表的人员经费、公用经费与一般公共预算支出表一致",
    why: "一般公共预算支出表里的“基本支出”分人员经费和公用经费；基本支出表再按经济分类（工资福利、商品和服务等）展开同一笔钱。两张表的基本支出、人员经费、公用经费合计必须分别相等。",
    applies_to: BUDGET,
    needs: &[TableKind::BGeneral],
    check,
    fixtures: fixtures![
        Fixture::fires(QB, &[("1 合计 8,723.41 8,152.72 570.69", "1 合计 8,733.41 8,162.72 570.69")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(g) = doc.table(TableKind::BGeneral) else { return };
    let Some(grows) = total_rows(g) else { return };
    for e in [TableKind::BBasicEcon, TableKind::BBasicGovEcon].iter().filter_map(|k| doc.table(*k)) {
        for src in [Source::Basic, Source::Personnel, Source::Public] {
            let (Some(gc), Some(ec)) = (g.column(src), e.column(src)) else { continue };
            let Some(eterms) = total_terms(e, ec) else { continue };
            sums_equal(sink, g, &grows, gc, eterms, || format!("公开表{}的合计", e.no()));
        }
    }
}
