//! NAR-104 机关运行经费与一般公共预算支出表的公用经费相符
//!
//! ## 它检查什么
//!
//! The 机关运行经费 of a budget's 情况说明 equals one of the two ways regions
//! count it: the 公用经费 column of the 一般公共预算支出表's total, or of its
//! 行政运行 rows (the 01 项 of each 款).
//!
//! ## 为什么重要
//!
//! 机关运行经费是行政单位用于办公、水电、公务用车运行等的公用经费。各地口径有两种：一般公共预算的全部公用经费，或只算“行政运行”科目的公用经费。情况说明所述金额应当等于其中一种；两种都不符，就说不清这笔钱是怎么算出来的。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“机关运行经费安排608.27万元” 改为 “机关运行经费安排618.27万元”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-104.snap`，`cargo test NAR_104` 只运行本条。

use crate::model::{Document, Row, Source, TableKind};
use crate::rules::identity::{describe, CellRef};
use crate::rules::percent::narrative_values;
use crate::rules::support::budget::{settled, total_rows};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Finding, Fixture, Rule, Severity, Sink};

/// 机关运行经费 = total 公用经费, or 公用经费 of the 行政运行 rows.
pub const RULE: Rule = Rule {
    id: "NAR-104",
    family: Family::Nar,
    severity: Severity::Warning,
    title: "机关运行经费与一般公共预算支出表的公用经费相符",
    why: "机关运行经费是行政单位用于办公、水电、公务用车运行等的公用经费。各地口径有两种：一般公共预算的全部公用经费，或只算“行政运行”科目的公用经费。情况说明所述金额应当等于其中一种；两种都不符，就说不清这笔钱是怎么算出来的。",
    applies_to: BUDGET,
    needs: &[TableKind::BGeneral],
    check,
    fixtures: fixtures![
        Fixture::fires(YB, &[("机关运行经费安排608.27万元", "机关运行经费安排618.27万元")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(g) = doc.table(TableKind::BGeneral) else { return };
    let Some(pc) = g.column(Source::Public) else { return };
    let Some((v, line)) = doc.narrative.stated.running_costs else {
        sink.skip("情况说明中没有找到机关运行经费的金额，未核对".to_string());
        return;
    };
    let Some(rows) = total_rows(g) else { return };
    let Some(total) = crate::checked::sum(rows.iter().filter_map(|i| g.rows[*i].value(pc))) else {
        sink.skip(format!("机关运行经费的表内合计：{}", crate::checked::TOO_LARGE));
        return;
    };
    // 行政运行 is the 01 项 of each 款 ("2010301").
    let admin: Vec<&Row> = g
        .rows
        .iter()
        .enumerate()
        .filter(|(i, r)| settled(g, *i) && r.code.as_deref().is_some_and(|c| c.len() == 7 && c.ends_with("01")))
        .map(|(_, r)| r)
        .collect();
    let Some(admin_sum) = crate::checked::sum(admin.iter().filter_map(|r| r.value(pc))) else {
        sink.skip(format!("机关运行经费的行政运行合计：{}", crate::checked::TOO_LARGE));
        return;
    };
    if v == total || (!admin.is_empty() && v == admin_sum) {
        return;
    }
    let first = g.rows.get(rows[0]);
    let message = format!(
        "情况说明（第{line}行）称机关运行经费 {v} 万元，既不等于公开表{}的公用经费合计 {total} 万元，也不等于其中“行政运行”科目的公用经费 {admin_sum} 万元。",
        g.no()
    );
    sink.push(Finding {
        table: Some(g.no()),
        row: first.map(describe),
        column: g.columns.get(pc).cloned(),
        related: admin
            .iter()
            .map(|r| CellRef {
                table: g.no(),
                row: describe(r),
                column: g.columns.get(pc).cloned(),
                source_line: r.source_line,
                place: None,
            })
            .collect(),
        ..narrative_values("NAR-104", Severity::Warning, message, line, (Some(total), Some(v)))
    });
}
