//! 公开01表 收入支出决算总表: its own identities.

use super::identity::{check, Target};
use super::rounding::Term;
use super::{Family, Rule, Severity, Sink};
use crate::model::{Document, DocumentKind, Table, TableKind};

const NEEDS: &[TableKind] = &[TableKind::F01];
const FINAL: &[DocumentKind] = &[DocumentKind::FinalAccounts];

/// 本年收入合计 (行次27) = Σ 行次1–8.
pub const INCOME_SUM: Rule = Rule {
    id: "TBL-001",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "收入支出决算总表：本年收入合计等于各项收入之和",
    why: "本年收入合计是部门一年里各种来源收入的总数。它如果不等于财政拨款、事业收入、其他收入等各项之和，说明表中至少有一个数填错或漏填，读者就无法相信这个部门到底收到了多少钱。",
    applies_to: FINAL,
    needs: NEEDS,
    check: |doc, sink| side_sum(doc, sink, "TBL-001", 27, 1..=8, "各项收入（行次1—8）之和"),
};

/// 本年支出合计 (行次58) = Σ 行次32–57.
pub const EXPENDITURE_SUM: Rule = Rule {
    id: "TBL-002",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "收入支出决算总表：本年支出合计等于各功能分类支出之和",
    why: "本年支出合计应当等于按功能分类（一般公共服务、社会保障和就业等）列出的各类支出之和。对不上，说明钱花在哪些方面的说明与总数不一致。",
    applies_to: FINAL,
    needs: NEEDS,
    check: |doc, sink| side_sum(doc, sink, "TBL-002", 58, 32..=57, "各功能分类支出（行次32—57）之和"),
};

/// 总计 = 本年合计 + carry-ins (income side) / + 结余分配 + 年末结转 (expenditure side).
pub const TOTALS: Rule = Rule {
    id: "TBL-003",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "收入支出决算总表：收入、支出两侧总计等于本年数加结转结余",
    why: "收入总计 = 本年收入 + 使用非财政拨款结余 + 年初结转和结余；支出总计 = 本年支出 + 结余分配 + 年末结转和结余。这两个等式说明钱从哪里来、到哪里去，不成立就意味着有一笔钱去向不明。",
    applies_to: FINAL,
    needs: NEEDS,
    check: |doc, sink| {
        side_sum(doc, sink, "TBL-003", 31, [27, 28, 29], "本年收入合计、使用非财政拨款结余、年初结转和结余之和");
        side_sum(doc, sink, "TBL-003", 62, [58, 59, 60], "本年支出合计、结余分配、年末结转和结余之和");
    },
};

/// 收入总计 (31) = 支出总计 (62).
pub const BALANCE: Rule = Rule {
    id: "TBL-004",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "收入支出决算总表：收入总计等于支出总计",
    why: "决算总表必须收支平衡：收入一方的总计与支出一方的总计应当相等。不相等说明表格本身算错了。",
    applies_to: FINAL,
    needs: NEEDS,
    check: |doc, sink| side_sum(doc, sink, "TBL-004", 62, [31], "收入总计（行次31）"),
};

fn table01(doc: &Document) -> Option<&Table> {
    doc.table(TableKind::F01)
}

fn side_sum(
    doc: &Document,
    sink: &mut Sink,
    rule: &'static str,
    target: u32,
    parts: impl IntoIterator<Item = u32>,
    what: &str,
) {
    let Some(t) = table01(doc) else { return };
    let Some(row) = t.by_line(target) else { return };
    let terms: Vec<Term> = parts.into_iter().map(|n| (1, t.at_line(n, 0))).collect();
    let label = if row.label.is_empty() { format!("行次{target}") } else { format!("{}（行次{target}）", row.label) };
    let severity = super::catalogue().iter().find(|r| r.id == rule).map_or(Severity::Error, |r| r.severity);
    check(
        sink,
        rule,
        severity,
        Target { table: "01", row: label, column: None, actual: row.value(0), source_line: row.source_line },
        &terms,
        what,
    );
}
