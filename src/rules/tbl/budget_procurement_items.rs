//! TBL-110 政府采购预算表：合计行等于各采购项目之和，中小微企业预留份额不超过采购金额
//!
//! ## 它检查什么
//!
//! 政府采购 item table: 合计 = Σ items; 中小微预留 ≤ 合计.
//!
//! ## 为什么重要
//!
//! 政府采购预算表逐项列出要买的货物、工程和服务，第一行“合计”应等于各项之和；为中小微企业预留的份额是采购金额的一部分，不能超过它。对不上，说明采购预算的总数或某一项有误。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：“服务 30.00 30.00 30.00” 改为 “服务 40.00 40.00 40.00”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-110.snap`，`cargo test TBL_110` 只运行本条。

use crate::model::{Document, Source, TableKind};
use crate::rules::identity::{at, Located};
use crate::rules::support::budget::{settled, target};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-110",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "政府采购预算表：合计行等于各采购项目之和，中小微企业预留份额不超过采购金额",
    why: "政府采购预算表逐项列出要买的货物、工程和服务，第一行“合计”应等于各项之和；为中小微企业预留的份额是采购金额的一部分，不能超过它。对不上，说明采购预算的总数或某一项有误。",
    applies_to: BUDGET,
    needs: &[TableKind::BProcurement],
    check,
    fixtures: fixtures![
        Fixture::fires(QB, &[("服务 30.00 30.00 30.00", "服务 40.00 40.00 40.00")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t) = doc.table(TableKind::BProcurement) else { return };
    let items: Vec<usize> = (0..t.rows.len()).filter(|i| t.rows[*i].code.as_deref().is_some_and(|c| c.contains('/'))).collect();
    if items.is_empty() {
        return; // a 科目 table: TBL-006/007 check it
    }
    let Some(ti) = t.rows.iter().position(|r| r.code.is_none()) else { return };
    if items.iter().any(|i| !settled(t, *i)) || !settled(t, ti) {
        return;
    }
    for c in 0..t.columns.len() {
        let terms: Vec<(i8, Located)> = items.iter().map(|i| (1, at(t, &t.rows[*i], c))).collect();
        sink.identity(target(t, &t.rows[ti], c), &terms, "各采购项目之和");
    }
    if let Some(sme) = t.column(Source::SmeShare) {
        for r in &t.rows {
            sink.at_least(target(t, r, 0), target(t, r, sme), "中小微企业预留份额是采购金额的一部分");
        }
    }
}
