//! PERF-102 项目绩效目标表与项目支出预算表的项目一一对应
//!
//! ## 它检查什么
//!
//! Every 项目绩效目标表 names a project of the 项目支出预算表 with the same amount,
//! and every project there has its 绩效目标表 (a project row's label is
//! "名称（类型）").
//!
//! ## 为什么重要
//!
//! 项目支出预算表列出部门的每一个项目，绩效目标表为每个项目写明要达到的目标。两边的项目名称和金额应当一一对应：有项目没有绩效目标，或绩效目标表里的项目在预算表中找不到、金额不同，读者就无法把钱和要办的事对上。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“项目名称 驻外机构工作保障经费” 改为 “项目名称 驻外机构保障经费”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/PERF-102.snap`，`cargo test PERF_102` 只运行本条。

use crate::model::{Document, Row, TableKind};
use crate::rules::identity::describe;
use crate::rules::support::budget::settled;
use crate::rules::support::budget_narrative::target_finding;
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// Every 项目绩效目标表 names a project of the 项目支出预算表, and back.
pub const RULE: Rule = Rule {
    id: "PERF-102",
    family: Family::Perf,
    severity: Severity::Warning,
    title: "项目绩效目标表与项目支出预算表的项目一一对应",
    why: "项目支出预算表列出部门的每一个项目，绩效目标表为每个项目写明要达到的目标。两边的项目名称和金额应当一一对应：有项目没有绩效目标，或绩效目标表里的项目在预算表中找不到、金额不同，读者就无法把钱和要办的事对上。",
    applies_to: BUDGET,
    needs: &[TableKind::BProjects],
    check,
    fixtures: fixtures![
        Fixture::fires(YB, &[("项目名称 驻外机构工作保障经费", "项目名称 驻外机构保障经费")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t) = doc.table(TableKind::BProjects) else { return };
    let perf = &doc.narrative.stated.performance;
    if perf.is_empty() {
        return;
    }
    // A project row's label is "名称（类型）".
    let name_of = |r: &Row| -> String {
        match r.label.rfind('（') {
            Some(i) if r.label.ends_with("类）") => r.label[..i].to_string(),
            _ => r.label.clone(),
        }
    };
    let mut used = vec![false; t.rows.len()];
    for p in perf {
        match t.rows.iter().enumerate().find(|(i, r)| !used[*i] && name_of(r) == p.name) {
            Some((i, r)) => {
                used[i] = true;
                // 烟台 prints 绩效 amounts as integers ("3300"): compare values, not scales.
                if settled(t, i) && r.value(0).is_some_and(|v| v != p.total) {
                    let mut f = target_finding(
                        "PERF-102",
                        format!(
                            "第{}行起的绩效目标表（{}）年度预算资金为 {}，但公开表{}中该项目为 {}。",
                            p.line,
                            p.name,
                            p.total,
                            t.no(),
                            r.value(0).unwrap_or_default()
                        ),
                        Some(t),
                        (r.value(0), Some(p.total)),
                        p.line,
                    );
                    f.severity = Severity::Warning;
                    f.row = Some(describe(r));
                    sink.push(f);
                }
            }
            None => {
                let mut f = target_finding(
                    "PERF-102",
                    format!("第{}行起的绩效目标表所列项目“{}”在公开表{}（{}）中找不到同名项目。", p.line, p.name, t.no(), t.title),
                    Some(t),
                    (None, Some(p.total)),
                    p.line,
                );
                f.severity = Severity::Warning;
                sink.push(f);
            }
        }
    }
    for (_, r) in t.rows.iter().enumerate().filter(|(i, _)| !used[*i]) {
        let mut f = target_finding(
            "PERF-102",
            format!("公开表{}的项目“{}”没有对应的绩效目标表。", t.no(), name_of(r)),
            Some(t),
            (None, r.value(0)),
            r.source_line,
        );
        f.severity = Severity::Warning;
        f.row = Some(describe(r));
        sink.push(f);
    }
}
