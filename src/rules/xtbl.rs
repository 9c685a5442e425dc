//! Identities across the 决算 tables.

use super::identity::Target;
use super::identity::{at, Located};
use super::tbl01::FINAL;
use super::tbl04::line as line04;
use super::{Family, Fixture, Rule, Severity, Sink};
use crate::model::{Document, Row, Table, TableKind};
use crate::tables::layout::class_position;

const Y: &str = "yantai-office-2024-final.txt";
const Q: &str = "qingdao-office-2024-final.txt";
const B: &str = "yantai-bigdata-2023-final.txt";

fn line01(doc: &Document, n: u32) -> Option<&Row> {
    doc.table(TableKind::F01)?.by_line(n)
}

/// The located value of 01 row `n` (blank when the row is missing).
fn v01(doc: &Document, n: u32) -> Located {
    match (doc.table(TableKind::F01), line01(doc, n)) {
        (Some(t), Some(r)) => at(t, r, 0),
        _ => super::identity::nowhere(None),
    }
}

/// The 合计 row of a 科目 table, if placed.
fn total_row(t: &Table) -> Option<&Row> {
    let i = t.rows.iter().position(|r| r.code.is_none())?;
    (!t.unresolved.contains(&i)).then(|| &t.rows[i])
}

fn coded_row<'a>(t: &'a Table, code: &str) -> Option<&'a Row> {
    let i = t.rows.iter().position(|r| r.code.as_deref() == Some(code))?;
    (!t.unresolved.contains(&i)).then(|| &t.rows[i])
}

/// 01 income ↔ 02 合计.
pub const INCOME_01_02: Rule = Rule {
    id: "XTBL-001",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "收入决算表的合计与收入支出决算总表的各项收入一致",
    why: "收入支出决算总表列出各项收入，收入决算表再按科目细分。两张表说的是同一笔钱：总数、财政拨款收入和其他各类收入都应当一致，否则至少有一张表填错了。",
    applies_to: FINAL,
    needs: &[TableKind::F01, TableKind::F02],
    check: check_income_01_02,
    fixtures: &[
        Fixture::fires(Q, &[("合计 17,127.83 17,127.83 0.00 0.00 0.00 0.00 0.00", "合计 17,137.83 17,137.83 0.00 0.00 0.00 0.00 0.00")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_income_01_02(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t02) = doc.table(TableKind::F02) else { return };
    let Some(tot) = total_row(t02) else { return };
    if line01(doc, 27).is_some() {
        sink.identity(Target::cell(t02, tot, 0), &[(1, v01(doc, 27))], "公开01表本年收入合计（行次27）");
    }
    if [1, 2, 3].iter().all(|n| line01(doc, *n).is_some()) {
        sink.identity(
            Target::cell(t02, tot, 1),
            &[(1, v01(doc, 1)), (1, v01(doc, 2)), (1, v01(doc, 3))],
            "公开01表三类财政拨款收入（行次1—3）之和",
        );
    }
    for (col, n) in (2..7).zip(4..=8) {
        if let Some(r) = line01(doc, n) {
            sink.identity(Target::cell(t02, tot, col), &[(1, v01(doc, n))], &format!("公开01表“{}”（行次{n}）", r.label));
        }
    }
}

/// 01 expenditure ↔ 03 合计 and 类.
pub const EXPENDITURE_01_03: Rule = Rule {
    id: "XTBL-002",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "支出决算表与收入支出决算总表的支出一致（总数和每一类）",
    why: "收入支出决算总表按功能分类列出各类支出，支出决算表按科目再细分。本年支出合计和每一类支出在两张表里应当相同；一类支出只出现在一张表里，说明漏列或错列。",
    applies_to: FINAL,
    needs: &[TableKind::F01, TableKind::F03],
    check: check_expenditure_01_03,
    fixtures: &[
        Fixture::fires(Y, &[("八、社会保障和就业支出\t39\t625.49", "八、社会保障和就业支出\t39\t635.49")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_expenditure_01_03(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t03) = doc.table(TableKind::F03) else { return };
    if let (Some(tot), Some(_)) = (total_row(t03), line01(doc, 58)) {
        sink.identity(Target::cell(t03, tot, 0), &[(1, v01(doc, 58))], "公开01表本年支出合计（行次58）");
    }
    for (i, r) in t03.rows.iter().enumerate() {
        let Some(p) = r.code.as_deref().filter(|c| c.len() == 3).and_then(class_position) else { continue };
        if t03.unresolved.contains(&i) {
            continue;
        }
        if let Some(r01) = line01(doc, 32 + p) {
            sink.identity(Target::cell(t03, r, 0), &[(1, v01(doc, 32 + p))], &format!("公开01表“{}”（行次{}）", r01.label, 32 + p));
        }
    }
    // A class with money in 01 but no row in 03.
    if let Some(t01) = doc.table(TableKind::F01) {
        for (p, code) in crate::tables::layout::CLASSES.iter().enumerate() {
            let Some(r01) = t01.by_line(32 + p as u32) else { continue };
            if r01.value(0).is_some_and(|v| !v.is_zero()) && !t03.rows.iter().any(|r| r.code.as_deref() == Some(code)) {
                sink.note(
                    t01,
                    r01,
                    format!("公开01表“{}”有 {}，但公开03表没有 {code} 类科目的行。", r01.label, r01.value(0).unwrap_or_default()),
                );
            }
        }
    }
}

/// 01 fiscal income rows ↔ 04; 04 本年收入合计 ↔ 02 财政拨款收入.
pub const FISCAL_01_04: Rule = Rule {
    id: "XTBL-003",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "财政拨款收入支出决算总表的收入与总表、收入决算表一致",
    why: "三类财政拨款收入在收入支出决算总表和财政拨款收入支出决算总表里都会出现，本年财政拨款收入合计也应等于收入决算表的“财政拨款收入”。数字不同，说明同一笔财政拨款在不同表里说法不一。",
    applies_to: FINAL,
    needs: &[TableKind::F01, TableKind::F04],
    check: check_fiscal_01_04,
    fixtures: &[
        Fixture::fires(Y, &[("一、一般公共预算财政拨款\t1\t10,095.35\t一、一般公共服务支出\t33", "一、一般公共预算财政拨款\t1\t10,105.35\t一、一般公共服务支出\t33")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_fiscal_01_04(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t04) = doc.table(TableKind::F04) else { return };
    for n in 1..=3 {
        if let (Some(r04), Some(r01)) = (line04(doc, n), line01(doc, n)) {
            sink.identity(Target::cell(t04, r04, 0), &[(1, v01(doc, n))], &format!("公开01表“{}”（行次{n}）", r01.label));
        }
    }
    if let (Some(r27), Some(tot)) = (line04(doc, 27), doc.table(TableKind::F02).and_then(total_row)) {
        sink.identity(
            Target::cell(t04, r27, 0),
            &[(1, at(doc.table(TableKind::F02).expect("row came from it"), tot, 1))],
            "公开02表合计行的财政拨款收入",
        );
    }
}

/// 04 一般公共预算 column ↔ 05.
pub const GENERAL_04_05: Rule = Rule {
    id: "XTBL-004",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "一般公共预算财政拨款支出决算表与财政拨款收入支出决算总表一致",
    why: "一般公共预算财政拨款支出决算表是财政拨款总表中“一般公共预算财政拨款”一栏的明细：总数和每一类支出都应相同，否则说明同一笔一般公共预算资金在两张表中说法不一。",
    applies_to: FINAL,
    needs: &[TableKind::F04, TableKind::F05],
    check: check_general_04_05,
    fixtures: &[
        Fixture::fires(Y, &[("一、一般公共服务支出\t33\t8,602.95\t8,602.95", "一、一般公共服务支出\t33\t8,612.95\t8,612.95")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_general_04_05(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t05) = doc.table(TableKind::F05) else { return };
    let Some(t04) = doc.table(TableKind::F04) else { return };
    if let (Some(tot), Some(r59)) = (total_row(t05), line04(doc, 59)) {
        sink.identity(Target::cell(t05, tot, 0), &[(1, at(t04, r59, 1))], "公开04表本年支出合计（行次59）的一般公共预算财政拨款");
    }
    for p in 0..crate::tables::layout::CLASSES.len() as u32 {
        let code = crate::tables::layout::CLASSES[p as usize];
        let Some(r04) = line04(doc, 33 + p) else { continue };
        match coded_row(t05, code) {
            Some(r05) => {
                sink.identity(Target::cell(t05, r05, 0), &[(1, at(t04, r04, 1))], &format!("公开04表“{}”的一般公共预算财政拨款", r04.label))
            }
            None if t05.rows.iter().all(|r| r.code.as_deref() != Some(code)) => {
                if r04.value(1).is_some_and(|v| !v.is_zero()) {
                    sink.note(
                        t04,
                        r04,
                        format!(
                            "公开04表“{}”的一般公共预算财政拨款为 {}，但公开05表没有 {code} 类科目的行。",
                            r04.label,
                            r04.value(1).unwrap_or_default()
                        ),
                    );
                }
            }
            None => {}
        }
    }
}

/// 04 fund columns ↔ 07 and 08.
pub const FUNDS_04_07_08: Rule = Rule {
    id: "XTBL-005",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "政府性基金、国有资本经营预算两张表与财政拨款总表的对应栏一致",
    why: "财政拨款总表中“政府性基金”“国有资本经营”两栏的收入、支出和结转，应与政府性基金预算财政拨款表、国有资本经营预算财政拨款支出表一致。一张表说没有这类资金、另一张表却有数，就是矛盾。",
    applies_to: FINAL,
    needs: &[TableKind::F04],
    check: check_funds_04_07_08,
    fixtures: &[
        Fixture::fires(Q, &[("合计 0.00 0.00 0.00 0.00 0.00 0.00", "合计 0.00 0.00 5.00 5.00 0.00 -5.00")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_funds_04_07_08(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t04) = doc.table(TableKind::F04) else { return };
    match doc.table(TableKind::F07).and_then(total_row) {
        Some(t07) => {
            let t = doc.table(TableKind::F07).expect("checked above");
            for (col07, n, col04, what) in
                [(0, 30, 0, "年初结转和结余"), (1, 2, 0, "本年收入"), (2, 59, 2, "本年支出"), (5, 60, 2, "年末结转和结余")]
            {
                if let Some(r04) = line04(doc, n) {
                    sink.identity(Target::cell(t, t07, col07), &[(1, at(t04, r04, col04))], &format!("公开04表行次{n}的政府性基金{what}"));
                }
            }
        }
        None => sink.skip("公开07表未读取，政府性基金一栏未核对".to_string()),
    }
    match doc.table(TableKind::F08) {
        Some(t08) => {
            if let (Some(tot), Some(r59)) = (total_row(t08), line04(doc, 59)) {
                sink.identity(
                    Target::cell(t08, tot, 0),
                    &[(1, at(t04, r59, 3))],
                    "公开04表本年支出合计（行次59）的国有资本经营预算财政拨款",
                );
            }
        }
        None => sink.skip("公开08表未读取，国有资本经营一栏未核对".to_string()),
    }
}

/// Fiscal money is a part of all money: 05 ≤ 03 cell by cell; 04 class ≤ 01 class.
pub const SUBSETS: Rule = Rule {
    id: "XTBL-006",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "财政拨款支出不超过全部支出（逐科目、逐栏）",
    why: "一般公共预算财政拨款支出只是部门全部支出的一部分，所以在每个科目、每一栏上都不应大于支出决算表的对应数；财政拨款总表的每一类支出也不应大于收入支出决算总表的同一类。超过了就说明某张表多报或少报。",
    applies_to: FINAL,
    needs: &[TableKind::F03, TableKind::F05],
    check: check_subsets,
    fixtures: &[
        Fixture::fires(Y, &[("2010301\t行政运行\t2,934.14\t2,934.14", "2010301\t行政运行\t2,954.14\t2,954.14")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_subsets(doc: &crate::model::Document, sink: &mut super::Sink) {
    let (Some(t03), Some(t05)) = (doc.table(TableKind::F03), doc.table(TableKind::F05)) else { return };
    for (i, r05) in t05.rows.iter().enumerate() {
        if t05.unresolved.contains(&i) {
            continue;
        }
        let r03 = match &r05.code {
            Some(c) => coded_row(t03, c),
            None => total_row(t03),
        };
        let Some(r03) = r03 else {
            if r05.code.is_some() && t03.rows.iter().all(|r| r.code != r05.code) {
                sink.note(t05, r05, format!("公开05表有科目 {}，但公开03表没有这一科目。", super::identity::describe(r05)));
            }
            continue;
        };
        for c in 0..3 {
            sink.at_least(Target::cell(t03, r03, c), Target::cell(t05, r05, c), "财政拨款支出是全部支出的一部分");
        }
    }
    if let Some(t04) = doc.table(TableKind::F04) {
        for p in 0..26u32 {
            if let (Some(r04), Some(r01)) = (line04(doc, 33 + p), line01(doc, 32 + p)) {
                let t01 = doc.table(TableKind::F01).expect("row came from it");
                sink.at_least(Target::cell(t01, r01, 0), Target::cell(t04, r04, 0), "财政拨款支出是全部支出的一部分");
            }
        }
    }
}

/// 04 fiscal carry-overs ≤ 01 carry-overs.
pub const CARRY_OVER: Rule = Rule {
    id: "XTBL-007",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "财政拨款结转结余不超过全部结转结余",
    why: "财政拨款结转和结余是部门全部结转和结余的一部分，年初、年末都不应超过收入支出决算总表中的对应数。",
    applies_to: FINAL,
    needs: &[TableKind::F01, TableKind::F04],
    check: check_carry_over,
    fixtures: &[
        Fixture::fires(Y, &[("年初财政拨款结转和结余\t28\t141.34", "年初财政拨款结转和结余\t28\t151.34")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_carry_over(doc: &crate::model::Document, sink: &mut super::Sink) {
    let (Some(t01), Some(t04)) = (doc.table(TableKind::F01), doc.table(TableKind::F04)) else { return };
    for (n01, n04) in [(29, 28), (60, 60)] {
        if let (Some(r01), Some(r04)) = (line01(doc, n01), line04(doc, n04)) {
            sink.at_least(Target::cell(t01, r01, 0), Target::cell(t04, r04, 0), "财政拨款结转结余是全部结转结余的一部分");
        }
    }
}

/// Non-fiscal money rolls forward: (01 年初 − 04 年初) + 非财政收入 + 使用结余 −
/// (01 支出 − 04 支出) − 结余分配 = 01 年末 − 04 年末.
pub const NON_FISCAL_ROLL_FORWARD: Rule = Rule {
    id: "XTBL-008",
    family: Family::Xtbl,
    severity: Severity::Warning,
    title: "非财政拨款资金的年初、收入、支出与年末相互衔接",
    why: "把全部资金减去财政拨款，剩下的是非财政拨款资金（如其他收入）。它同样应满足“年初结转 + 本年收入 − 本年支出 − 结余分配 = 年末结转”。不衔接，往往说明结余分配或非财政收入填报有误。",
    applies_to: FINAL,
    needs: &[TableKind::F01, TableKind::F04],
    check: check_non_fiscal_roll_forward,
    fixtures: &[
        Fixture::fires(Y, &[("结余分配\t59\t10.81", "结余分配\t59\t20.81"), ("总计\t62\t10,261.39", "总计\t62\t10,271.39")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_non_fiscal_roll_forward(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t01) = doc.table(TableKind::F01) else { return };
    let (Some(end01), Some(b04), Some(e04), Some(s04)) = (line01(doc, 60), line04(doc, 28), line04(doc, 60), line04(doc, 59)) else {
        return;
    };
    let Some(t04) = doc.table(TableKind::F04) else { return };
    let mut terms: Vec<(i8, Located)> = vec![
        (1, v01(doc, 29)),
        (-1, at(t04, b04, 0)),
        (1, v01(doc, 28)),
        (-1, v01(doc, 58)),
        (1, at(t04, s04, 0)),
        (-1, v01(doc, 59)),
        (1, at(t04, e04, 0)),
    ];
    terms.extend((4..=8).map(|n| (1, v01(doc, n))));
    sink.identity(Target::cell(t01, end01, 0), &terms, "非财政拨款资金的年初结转加收入减支出、减结余分配，再加财政拨款年末结转");
}

/// 02 and 03 list the same 科目; 05's 科目 are among 03's.
pub const SAME_SUBJECTS: Rule = Rule {
    id: "XTBL-009",
    family: Family::Xtbl,
    severity: Severity::Warning,
    title: "收入决算表与支出决算表列出相同的科目",
    why: "收入决算表和支出决算表按同一套功能分类科目编制，通常列出相同的科目；一般公共预算财政拨款支出表的科目应都出现在支出决算表中。科目对不上，常见原因是漏行或科目编码写错。",
    applies_to: FINAL,
    needs: &[TableKind::F02, TableKind::F03],
    check: check_same_subjects,
    fixtures: &[
        Fixture::fires(Y, &[("2080801\t死亡抚恤\t48.29\t48.29\t\t\t\t\t\n", "2080899\t其他抚恤\t48.29\t48.29\t\t\t\t\t\n")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_same_subjects(doc: &crate::model::Document, sink: &mut super::Sink) {
    let (Some(t02), Some(t03)) = (doc.table(TableKind::F02), doc.table(TableKind::F03)) else { return };
    let has = |t: &Table, c: &str| t.rows.iter().any(|r| r.code.as_deref() == Some(c));
    for r in t02.rows.iter().filter(|r| r.code.as_deref().is_some_and(|c| !has(t03, c))) {
        sink.note(t02, r, format!("公开02表有科目 {}，公开03表却没有。", super::identity::describe(r)));
    }
    for r in t03.rows.iter().filter(|r| r.code.as_deref().is_some_and(|c| !has(t02, c))) {
        sink.note(t03, r, format!("公开03表有科目 {}，公开02表却没有。", super::identity::describe(r)));
    }
}

#[allow(dead_code)]
fn _unused(_: &mut Sink) {}
