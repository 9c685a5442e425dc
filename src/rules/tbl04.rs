//! 公开04表 财政拨款收入支出决算总表: its own identities.

use super::identity::Target;
use super::identity::{at, nowhere, Located};
use super::tbl01::FINAL;
use super::{Family, Fixture, Rule, Severity, Sink};
use crate::model::{Document, Table, TableKind};

const Y: &str = "yantai-office-2024-final.txt";
const Q: &str = "qingdao-office-2024-final.txt";
const B: &str = "yantai-bigdata-2023-final.txt";
const NEEDS: &[TableKind] = &[TableKind::F04];
const FUNDS: [&str; 3] = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"];

/// Income side: [27] = [1]+[2]+[3]; [28] = [29]+[30]+[31]; [32] = [27]+[28].
pub const INCOME_SIDE: Rule = Rule {
    id: "TBL-009",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "财政拨款收入支出决算总表：收入一侧的合计与总计",
    why: "财政拨款收入分一般公共预算、政府性基金、国有资本经营三类；本年收入合计应等于三者之和，年初结转结余应等于三类结转之和，收入总计应等于本年收入加年初结转。任何一处对不上，财政拨款的来源就说不清。",
    applies_to: FINAL,
    needs: NEEDS,
    check: check_income_side,
    fixtures: &[
        Fixture::fires(Y, &[("一般公共预算财政拨款\t29\t141.34", "一般公共预算财政拨款\t29\t151.34")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_income_side(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t) = doc.table(TableKind::F04) else { return };
    sum_lines(t, sink, 27, 0, &[1, 2, 3], "三类财政拨款收入（行次1—3）之和");
    sum_lines(t, sink, 28, 0, &[29, 30, 31], "三类年初结转和结余（行次29—31）之和");
    sum_lines(t, sink, 32, 0, &[27, 28], "本年收入合计与年初结转和结余之和");
}

/// Expenditure side: rows 合计 = Σ funds; [59] = Σ[33..58]; [64] = [59]+[60]; [64] = [32].
pub const EXPENDITURE_SIDE: Rule = Rule {
    id: "TBL-010",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "财政拨款收入支出决算总表：支出一侧各栏、合计与总计，以及收支平衡",
    why: "每一类支出的“合计”应等于三类财政拨款之和；本年支出合计应等于各功能分类之和；支出总计应等于本年支出加年末结转结余，并与收入总计相等。这些关系保证财政拨款的每一分钱都有去处。",
    applies_to: FINAL,
    needs: NEEDS,
    check: check_expenditure_side,
    fixtures: &[
        Fixture::fires(Q, &[("本年收入合计 27 17,127.83 本年支出合计 59 17,127.83 17,127.83", "本年收入合计 27 17,127.83 本年支出合计 59 17,137.83 17,127.83")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_expenditure_side(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t) = doc.table(TableKind::F04) else { return };
    for n in 33..=64 {
        if let Some(r) = row(t, n) {
            sink.identity(Target::cell(t, r, 0), &[(1, at(t, r, 1)), (1, at(t, r, 2)), (1, at(t, r, 3))], "三类财政拨款之和");
        }
    }
    let classes: Vec<u32> = (33..=58).collect();
    for c in 0..4 {
        sum_lines(t, sink, 59, c, &classes, "各功能分类支出（行次33—58）之和");
        sum_lines(t, sink, 64, c, &[59, 60], "本年支出合计与年末结转和结余之和");
    }
    if let (Some(r64), Some(r32)) = (row(t, 64), row(t, 32)) {
        sink.identity(Target::cell(t, r64, 0), &[(1, at(t, r32, 0))], "收入总计（行次32）");
    }
}

/// Per fund: 年初 + 本年收入 − 本年支出 = 年末.
pub const ROLL_FORWARD: Rule = Rule {
    id: "TBL-011",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "财政拨款收入支出决算总表：每类财政拨款的年初结转加本年收入减本年支出等于年末结转",
    why: "对每一类财政拨款，年初结转结余加上本年收到的钱、减去本年花掉的钱，应当等于年末结转结余。这是最基本的“期初+收入−支出=期末”关系，不成立就说明有钱没有记账或记错了类别。",
    applies_to: FINAL,
    needs: NEEDS,
    check: check_roll_forward,
    fixtures: &[
        Fixture::fires(Y, &[("年末财政拨款结转和结余\t60\t194.71\t194.71", "年末财政拨款结转和结余\t60\t204.71\t204.71")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_roll_forward(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t) = doc.table(TableKind::F04) else { return };
    for (i, fund) in FUNDS.iter().enumerate() {
        let (Some(begin), Some(income), Some(spent), Some(end)) = (row(t, 29 + i as u32), row(t, 1 + i as u32), row(t, 59), row(t, 60))
        else {
            continue;
        };
        let col = 1 + i;
        sink.identity(
            Target::cell(t, end, col),
            &[(1, at(t, begin, 0)), (1, at(t, income, 0)), (-1, at(t, spent, col))],
            &format!("{fund}的年初结转和结余加本年收入减本年支出"),
        );
    }
}

fn row(t: &Table, n: u32) -> Option<&crate::model::Row> {
    let i = t.rows.iter().position(|r| r.line == Some(n))?;
    (!t.unresolved.contains(&i)).then(|| &t.rows[i])
}

fn sum_lines(t: &Table, sink: &mut Sink, target: u32, col: usize, parts: &[u32], what: &str) {
    let Some(r) = row(t, target) else { return };
    if parts.iter().any(|n| t.by_line(*n).is_some() && row(t, *n).is_none()) {
        return; // an unplaced row: the coverage report already says so
    }
    let terms: Vec<(i8, Located)> = parts.iter().map(|n| (1, t.by_line(*n).map_or(nowhere(None), |r| at(t, r, col)))).collect();
    sink.identity(Target::cell(t, r, col), &terms, what);
}

/// Used by the cross-table rules.
pub(super) fn line(doc: &Document, n: u32) -> Option<&crate::model::Row> {
    doc.table(TableKind::F04).and_then(|t| row(t, n))
}
