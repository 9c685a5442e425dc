//! XTBL-108 项目支出预算表的合计与支出总表、一般公共预算支出表的项目支出一致
//!
//! ## 它检查什么
//!
//! 项目支出表 Σ = 支出总表 项目; its 一般公共预算 part = 一般公共预算支出表 项目.
//!
//! ## 为什么重要
//!
//! 项目支出预算表逐个列出部门的项目，所有项目加起来应等于支出总表的项目支出；其中一般公共预算安排的部分应等于一般公共预算支出表的项目支出。对不上，说明有项目漏列，或项目金额与汇总数不符。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“驻外机构工作保障经费 其他运转类 303.00 303.00 303.00” 改为 “驻外机构工作保障经费 其他运转类 313.00 313.00 313.00”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-108.snap`，`cargo test XTBL_108` 只运行本条。

use crate::model::{Document, Source, TableKind};
use crate::rules::support::budget::{settled, sums_equal, total_terms};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-108",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "项目支出预算表的合计与支出总表、一般公共预算支出表的项目支出一致",
    why: "项目支出预算表逐个列出部门的项目，所有项目加起来应等于支出总表的项目支出；其中一般公共预算安排的部分应等于一般公共预算支出表的项目支出。对不上，说明有项目漏列，或项目金额与汇总数不符。",
    applies_to: BUDGET,
    needs: &[TableKind::BProjects],
    check,
    fixtures: fixtures![
        Fixture::fires(YB, &[("驻外机构工作保障经费 其他运转类 303.00 303.00 303.00", "驻外机构工作保障经费 其他运转类 313.00 313.00 313.00")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(p) = doc.table(TableKind::BProjects) else { return };
    if p.rows.is_empty() || (0..p.rows.len()).any(|i| !settled(p, i)) {
        return;
    }
    let all: Vec<usize> = (0..p.rows.len()).collect();
    for (kind, pc) in [(TableKind::BExpenditure, Some(0)), (TableKind::BGeneral, p.column(Source::Gpb))] {
        let (Some(x), Some(pc)) = (doc.table(kind), pc) else { continue };
        let Some(xterms) = x.column(Source::Project).and_then(|xc| total_terms(x, xc)) else { continue };
        sums_equal(sink, p, &all, pc, xterms, || format!("公开表{}的项目支出合计", x.no()));
    }
}
