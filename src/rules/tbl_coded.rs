//! 科目 tables (公开02/03/05/07/08表): row identities and the 类/款/项 hierarchy.

use super::identity::Target;
use super::identity::{at, nowhere, Located};
use super::tbl01::FINAL;
use super::{Family, Fixture, Rule, Severity, Sink};
use crate::model::{Document, Table, TableKind};

const Y: &str = "yantai-office-2024-final.txt";
const Q: &str = "qingdao-office-2024-final.txt";
const B: &str = "yantai-bigdata-2023-final.txt";
const CODED: [TableKind; 5] = [TableKind::F02, TableKind::F03, TableKind::F05, TableKind::F07, TableKind::F08];
/// Budget tables keyed by plain 科目 codes (功能 or 经济分类).
const BUDGET_CODED: [TableKind; 8] = [
    TableKind::BIncome,
    TableKind::BExpenditure,
    TableKind::BGeneral,
    TableKind::BFund,
    TableKind::BCapital,
    TableKind::BBasicEcon,
    TableKind::BBasicGovEcon,
    TableKind::BProcurement,
];
const BOTH: &[crate::model::DocumentKind] = &[crate::model::DocumentKind::FinalAccounts, crate::model::DocumentKind::Budget];
const YB: &str = "yantai-office-2023-budget.txt";
const QB: &str = "qingdao-office-2023-budget.txt";

/// Each row: 合计栏 = Σ the other columns (07: 小计 = 基本 + 项目, 年末 = 年初 + 收入 − 支出).
pub const ROW_SUM: Rule = Rule {
    id: "TBL-005",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "收入、支出决算表等科目表：每一行的合计等于各栏之和",
    why: "收入决算表、支出决算表等按科目列出的表，每一行第一栏是合计，后面各栏是它的组成部分（如基本支出和项目支出）。某一行合计与各栏之和对不上，说明这个科目的钱数自相矛盾。",
    applies_to: FINAL,
    needs: &[],
    check: check_row_sum,
    fixtures: &[
        Fixture::fires(Y, &[("2010301\t行政运行\t2,934.81", "2010301\t行政运行\t2,944.81")]),
        Fixture::fires(B, &[("2101101 行政单位医疗 15.56 15.56", "2101101 行政单位医疗 15.56 15.66")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_row_sum(doc: &crate::model::Document, sink: &mut super::Sink) {
    for_each_table(doc, sink, |t, sink| {
        // Looked up, not scanned: a table of thousands of unplaced rows.
        let unresolved: std::collections::HashSet<usize> = t.unresolved.iter().copied().collect();
        let printed: std::collections::HashMap<usize, &Vec<crate::model::Cell>> = t.printed.iter().map(|(j, c)| (*j, c)).collect();
        for (i, r) in t.rows.iter().enumerate() {
            if unresolved.contains(&i) {
                // Unplaced, but total = Σ parts holds for every placement:
                // check it on the printed amounts.
                if let Some(cells) = printed.get(&i).copied().filter(|_| t.kind != TableKind::F07) {
                    if let Some((first, rest)) = cells.split_first() {
                        let target = Target {
                            table: t.no(),
                            row: super::identity::describe(r),
                            column: t.columns.first().cloned(),
                            actual: first.value,
                            source_line: first.source_line,
                        };
                        let terms: Vec<(i8, Located)> = rest.iter().map(|c| (1, nowhere(c.value))).collect();
                        sink.identity(target, &terms, "本行其余各数之和");
                    }
                }
                continue;
            }
            if t.kind == TableKind::F07 {
                sink.identity(Target::cell(t, r, 2), &[(1, at(t, r, 3)), (1, at(t, r, 4))], "基本支出与项目支出之和");
                sink.identity(
                    Target::cell(t, r, 5),
                    &[(1, at(t, r, 0)), (1, at(t, r, 1)), (-1, at(t, r, 2))],
                    "年初结转和结余加本年收入减本年支出",
                );
            } else {
                let terms: Vec<(i8, Located)> = (1..t.columns.len()).map(|c| (1, at(t, r, c))).collect();
                sink.identity(Target::cell(t, r, 0), &terms, "本行其余各栏之和");
            }
        }
    });
}

/// 合计 row = Σ 类 rows, per column.
pub const TOTAL_OF_CLASSES: Rule = Rule {
    id: "TBL-006",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "科目表：合计行等于各类（3位科目）之和",
    why: "表格最上面的“合计”应当等于各个类级科目（如一般公共服务支出、社会保障和就业支出）之和。不相等，说明有支出或收入没有归到任何科目，或者合计算错了。",
    applies_to: BOTH,
    needs: &[],
    check: check_total_of_classes,
    fixtures: &[
        Fixture::fires(QB, &[("1 合计 17,332.62 8,723.41 8,609.21 0.00", "1 合计 17,342.62 8,733.41 8,609.21 0.00")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
        Fixture::fires(Y, &[("合 计\t\t10,041.99\t4,930.51", "合 计\t\t10,051.99\t4,940.51")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_total_of_classes(doc: &crate::model::Document, sink: &mut super::Sink) {
    for_each_table(doc, sink, |t, sink| {
        let Some(ti) = t.rows.iter().position(|r| r.code.is_none()) else { return };
        let classes: Vec<usize> = (0..t.rows.len()).filter(|i| t.rows[*i].code.as_deref().is_some_and(|c| c.len() == 3)).collect();
        if t.unresolved.contains(&ti) || classes.iter().any(|i| t.unresolved.contains(i)) {
            return;
        }
        for c in 0..t.columns.len() {
            let terms: Vec<(i8, Located)> = classes.iter().map(|i| (1, at(t, &t.rows[*i], c))).collect();
            sink.identity(Target::cell(t, &t.rows[ti], c), &terms, "各类级科目之和");
        }
    });
}

/// 类 = Σ 款, 款 = Σ 项, per column; every 项 has its 款 and 类.
pub const HIERARCHY: Rule = Rule {
    id: "TBL-007",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "科目表：类等于所属各款之和，款等于所属各项之和",
    why: "政府收支分类科目分三级：类（3位）、款（5位）、项（7位）。上一级的金额必须等于下一级之和。对不上，说明某一项的钱数或归类有误，公众据此了解的资金用途就不可靠。",
    applies_to: BOTH,
    needs: &[],
    check: check_hierarchy,
    fixtures: &[
        Fixture::fires(QB, &[("8 30108 机关事业单位基本养老保险缴费 530.34 530.34 0.00", "8 30108 机关事业单位基本养老保险缴费 540.34 540.34 0.00")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
        Fixture::fires(Y, &[("2010302\t一般行政管理事务\t4,646.70\t4,646.70", "2010302\t一般行政管理事务\t4,656.70\t4,656.70")]),
        Fixture::fires(Q, &[("2080506 机关事业单位职业年金缴费支出 377.25 377.25", "2080506 机关事业单位职业年金缴费支出 387.25 387.25")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_hierarchy(doc: &crate::model::Document, sink: &mut super::Sink) {
    for_each_table(doc, sink, |t, sink| {
        let index = super::index::Codes::of(t);
        let mut skipped = std::collections::HashSet::new();
        for (pi, parent) in t.rows.iter().enumerate() {
            let Some(code) = parent.code.as_deref() else { continue };
            let child_len = match code.len() {
                3 => 5,
                5 => 7,
                _ => continue,
            };
            let kids = index.children(code);
            if kids.is_empty() || index.unresolved(pi) || kids.iter().any(|k| index.unresolved(*k)) {
                continue;
            }
            if index.count(code) > 1 {
                // Once per code: which rows belong to which occurrence is unknown.
                if skipped.insert(code) {
                    sink.skip(format!(
                        "{}的科目编码 {code} 出现了不止一次，无法确定其下各级科目属于哪一次，未核对其分级合计",
                        super::identity::table_name(&t.no())
                    ));
                }
                continue;
            }
            let level = if child_len == 5 { "所属各款" } else { "所属各项" };
            for c in 0..t.columns.len() {
                let terms: Vec<(i8, Located)> = kids.iter().map(|k| (1, at(t, &t.rows[*k], c))).collect();
                sink.identity(Target::cell(t, parent, c), &terms, &format!("{level}之和"));
            }
        }
    });
}

/// Every 项 has its 款 and every 款 its 类.
pub const ORPHANS: Rule = Rule {
    id: "TBL-008",
    family: Family::Tbl,
    severity: Severity::Warning,
    title: "科目表：每个项、款都列出了它的上级科目",
    why: "每个7位的“项”都应在它所属的5位“款”和3位“类”之下列出。缺了上级科目，读者无法核对分级合计，也可能是表格漏行。",
    applies_to: BOTH,
    needs: &[],
    check: check_orphans,
    fixtures: &[
        Fixture::fires(QB, &[("10 22102 住房改革支出 654.87 654.87 654.87 0.00 0.00 0.00 0.00 0.00 0.00 0.00\n", "")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
        Fixture::fires(Y, &[("20808\t抚恤\t48.29\t48.29\t\t\t\t\t\n", "")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_orphans(doc: &crate::model::Document, sink: &mut super::Sink) {
    for_each_table(doc, sink, |t, sink| {
        for r in &t.rows {
            let Some(code) = r.code.as_deref() else { continue };
            if code.len() < 5 {
                continue;
            }
            let parent = &code[..code.len() - 2];
            if !t.rows.iter().any(|p| p.code.as_deref() == Some(parent)) {
                sink.note(
                    t,
                    r,
                    format!(
                        "{}的科目 {code} {} 没有列出上级科目 {parent}，无法核对分级合计，可能漏了一行。",
                        super::identity::table_name(&t.no()),
                        r.label
                    ),
                );
            }
        }
    });
}

/// Rows whose dropped cells no placement fits.
pub const UNPLACEABLE: Rule = Rule {
    id: "TBL-012",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "省略空白栏的行：数字无论放在哪一栏都与勾稽关系矛盾",
    why: "有些公开文本把空白单元格直接省略，只剩下有数的格子。核对工具会尝试每一种可能的栏目归属；如果没有任何一种能同时满足行合计、科目分级合计和其他表的对应数，说明这一行（或与它相关的行）本身有错。",
    applies_to: BOTH,
    needs: &[],
    check: check_unplaceable,
    fixtures: &[
        Fixture::fires(YB, &[("201 03 01 行政运行 2678.40 2678.40 2070.13 608.27", "201 03 01 行政运行 2678.40 2678.40 2070.13 618.27")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
        Fixture::fires(B, &[("2101101 行政单位医疗 15.56 15.56", "2101101 行政单位医疗 25.56 25.56")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_unplaceable(doc: &crate::model::Document, sink: &mut super::Sink) {
    for t in &doc.tables {
        for i in &t.contradicted {
            let Some(r) = t.rows.get(*i) else { continue };
            let shown: Vec<String> = t
                .printed
                .iter()
                .find(|(j, _)| j == i)
                .map(|(_, c)| c.iter().filter_map(|c| c.value.map(|v| v.to_string())).collect())
                .unwrap_or_default();
            sink.note(
                t,
                r,
                format!(
                    "{}“{}”一行印有 {}，但无论把这些数放在哪几栏，都无法同时满足本行合计、上下级科目合计和其他表的对应数。",
                    super::identity::table_name(&t.no()),
                    super::identity::describe(r),
                    shown.join("、")
                ),
            );
        }
    }
}

/// Runs `f` on every 科目 table that was read, and records the ones that were not.
/// In a budget: every table keyed by plain codes (not code pairs or items).
fn for_each_table(doc: &Document, sink: &mut Sink, mut f: impl FnMut(&Table, &mut Sink)) {
    if doc.info.kind == crate::model::DocumentKind::Budget {
        for t in doc.legacy_tables().filter(|t| BUDGET_CODED.contains(&t.kind)) {
            if t.rows.iter().all(|r| r.code.as_deref().is_none_or(|c| !c.contains('/'))) {
                f(t, sink);
            }
        }
        return;
    }
    for kind in CODED {
        match doc.table(kind) {
            Some(t) => f(t, sink),
            None => sink.skip(format!("公开{}表未读取，其表内核对未进行", kind.number())),
        }
    }
}
