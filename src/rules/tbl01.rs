//! 公开01表 收入支出决算总表: its own identities.

use super::identity::Target;
use super::identity::{at, nowhere, Located};
use super::{Family, Fixture, Rule, Severity, Sink};
use crate::model::{Document, DocumentKind, TableKind};

const NEEDS: &[TableKind] = &[TableKind::F01];
pub(super) const FINAL: &[DocumentKind] = &[DocumentKind::FinalAccounts];
const Y: &str = "yantai-office-2024-final.txt";
const Q: &str = "qingdao-office-2024-final.txt";
const B: &str = "yantai-bigdata-2023-final.txt";

/// 本年收入合计 (行次27) = Σ 行次1–8.
pub const INCOME_SUM: Rule = Rule {
    id: "TBL-001",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "收入支出决算总表：本年收入合计等于各项收入之和",
    why: "本年收入合计是部门一年里各种来源收入的总数。它如果不等于财政拨款、事业收入、其他收入等各项之和，说明表中至少有一个数填错或漏填，读者就无法相信这个部门到底收到了多少钱。",
    applies_to: FINAL,
    needs: NEEDS,
    check: |doc, sink| side_sum(doc, sink, 27, 1..=8, "各项收入（行次1—8）之和"),
    fixtures: &[
        Fixture::fires(Y, &[("八、其他收入\t8\t21.48", "八、其他收入\t8\t31.48")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

/// 本年支出合计 (行次58) = Σ 行次32–57.
pub const EXPENDITURE_SUM: Rule = Rule {
    id: "TBL-002",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "收入支出决算总表：本年支出合计等于各功能分类支出之和",
    why:
        "本年支出合计应当等于按功能分类（一般公共服务、社会保障和就业等）列出的各类支出之和。对不上，说明钱花在哪些方面的说明与总数不一致。",
    applies_to: FINAL,
    needs: NEEDS,
    check: |doc, sink| side_sum(doc, sink, 58, 32..=57, "各功能分类支出（行次32—57）之和"),
    fixtures: &[
        Fixture::fires(Q, &[("八、社会保障和就业支出 39 998.66", "八、社会保障和就业支出 39 988.66")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
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
    check: check_totals,
    fixtures: &[
        Fixture::fires(B, &[("年初结转和结余 29 0.66", "年初结转和结余 29 0.76")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_totals(doc: &crate::model::Document, sink: &mut super::Sink) {
    side_sum(doc, sink, 31, [27, 28, 29], "本年收入合计、使用非财政拨款结余、年初结转和结余之和");
    side_sum(doc, sink, 62, [58, 59, 60], "本年支出合计、结余分配、年末结转和结余之和");
}

/// 收入总计 (31) = 支出总计 (62).
pub const BALANCE: Rule = Rule {
    id: "TBL-004",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "收入支出决算总表：收入总计等于支出总计",
    why: "决算总表必须收支平衡：收入一方的总计与支出一方的总计应当相等。不相等说明表格本身算错了。",
    applies_to: FINAL,
    needs: NEEDS,
    check: |doc, sink| side_sum(doc, sink, 62, [31], "收入总计（行次31）"),
    fixtures: &[
        Fixture::fires(Y, &[("总计\t62\t10,261.39", "总计\t62\t10,271.39")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn side_sum(doc: &Document, sink: &mut Sink, target: u32, parts: impl IntoIterator<Item = u32>, what: &str) {
    let Some(t) = doc.table(TableKind::F01) else { return };
    let Some(row) = t.by_line(target) else { return };
    let terms: Vec<(i8, Located)> = parts.into_iter().map(|n| (1, t.by_line(n).map_or(nowhere(None), |r| at(t, r, 0)))).collect();
    sink.identity(Target::cell(t, row, 0), &terms, what);
}
