//! 公开06表 (basic expenditure by economic classification) and 公开09表 (三公).

use super::identity::{at, Located, Target};
use super::tbl01::FINAL;
use super::{Family, Fixture, Rule, Severity};
use crate::model::{Document, Row, Table, TableKind};

const Y: &str = "yantai-office-2024-final.txt";
const Q: &str = "qingdao-office-2024-final.txt";
const B: &str = "yantai-bigdata-2023-final.txt";

/// 人员经费 groups of the economic classification in 决算 06; the rest are 公用经费.
const PERSONNEL: [&str; 2] = ["301", "303"];

fn labelled<'a>(t: &'a Table, label: &str) -> Option<&'a Row> {
    t.rows.iter().find(|r| r.code.is_none() && r.label == label)
}

fn groups(t: &Table) -> impl Iterator<Item = &Row> {
    t.rows.iter().filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 3))
}

/// 06: each group (301, 302, …) = Σ its items.
pub const ECON_GROUPS: Rule = Rule {
    id: "TBL-013",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "基本支出明细表：每一类经济科目等于其下各款之和",
    why: "基本支出按经济分类列出，例如“工资福利支出”等于基本工资、津贴补贴、奖金等各款之和。对不上，说明人员经费或公用经费的某一项填错了。",
    applies_to: FINAL,
    needs: &[TableKind::F06],
    check: check_econ_groups,
    fixtures: &[
        Fixture::fires(Y, &[("30101\t基本工资\t708.07", "30101\t基本工资\t718.07")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_econ_groups(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t) = doc.table(TableKind::F06) else { return };
    let index = super::index::Codes::of(t);
    let mut skipped: Vec<&str> = Vec::new();
    for g in groups(t) {
        let code = g.code.as_deref().unwrap_or_default();
        if index.count(code) > 1 {
            if !skipped.contains(&code) {
                skipped.push(code);
                sink.skip(format!("公开06表的经济分类 {code} 出现了不止一次，无法确定其下各款属于哪一次，未核对"));
            }
            continue;
        }
        let items: Vec<(i8, Located)> = if code.len() == 3 {
            index.children(code).iter().map(|i| (1, at(t, &t.rows[*i], 0))).collect()
        } else {
            t.rows
                .iter()
                .filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 5 && c.starts_with(code)))
                .map(|r| (1, at(t, r, 0)))
                .collect()
        };
        if !items.is_empty() {
            sink.identity(Target::cell(t, g, 0), &items, "其下各款之和");
        }
    }
}

/// 06: 人员经费合计 = 301 + 303; 公用经费合计 = the other groups.
pub const ECON_TOTALS: Rule = Rule {
    id: "TBL-014",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "基本支出明细表：人员经费合计、公用经费合计等于各类之和",
    why: "人员经费是工资福利支出与对个人和家庭的补助之和，公用经费是商品和服务支出、资本性支出等其余各类之和。两个合计与各类对不上，人员和办公开支的说法就不一致。",
    applies_to: FINAL,
    needs: &[TableKind::F06],
    check: check_econ_totals,
    fixtures: &[
        Fixture::fires(Q, &[("人员经费合计 8,642.32", "人员经费合计 8,652.32")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_econ_totals(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t) = doc.table(TableKind::F06) else { return };
    let (personnel, public): (Vec<&Row>, Vec<&Row>) = groups(t).partition(|g| PERSONNEL.contains(&g.code.as_deref().unwrap_or_default()));
    for (label, parts, what) in
        [("人员经费合计", personnel, "工资福利支出与对个人和家庭的补助之和"), ("公用经费合计", public, "其余各类经济科目之和")]
    {
        if let Some(total) = labelled(t, label) {
            let terms: Vec<(i8, Located)> = parts.iter().map(|r| (1, at(t, r, 0))).collect();
            sink.identity(Target::cell(t, total, 0), &terms, what);
        }
    }
}

/// 05 合计 基本支出 = 06 人员经费合计 + 公用经费合计.
pub const BASIC_05_06: Rule = Rule {
    id: "XTBL-010",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "一般公共预算基本支出与基本支出明细表一致",
    why: "一般公共预算财政拨款支出表里的“基本支出”，在基本支出明细表中按人员经费和公用经费展开；两者之和必须等于前者，否则基本支出的总数与明细说法不一。",
    applies_to: FINAL,
    needs: &[TableKind::F05, TableKind::F06],
    check: check_basic_05_06,
    fixtures: &[
        Fixture::fires(Y, &[("人员经费合计\t4,244.74", "人员经费合计\t4,254.74"), ("301\t工资福利支出\t3,755.44", "301\t工资福利支出\t3,765.44"), ("30101\t基本工资\t708.07", "30101\t基本工资\t718.07")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_basic_05_06(doc: &crate::model::Document, sink: &mut super::Sink) {
    let (Some(t05), Some(t06)) = (doc.table(TableKind::F05), doc.table(TableKind::F06)) else { return };
    let Some(i) = t05.rows.iter().position(|r| r.code.is_none()) else { return };
    if t05.unresolved.contains(&i) {
        return;
    }
    let (Some(p), Some(g)) = (labelled(t06, "人员经费合计"), labelled(t06, "公用经费合计")) else { return };
    sink.identity(Target::cell(t05, &t05.rows[i], 1), &[(1, at(t06, p, 0)), (1, at(t06, g, 0))], "公开06表人员经费合计与公用经费合计之和");
}

/// 09 columns: 合计, 出国, 车小计, 购置, 运维, 接待.
const SANGONG: [&str; 6] =
    ["合计", "因公出国（境）费", "公务用车购置及运行维护费小计", "公务用车购置费", "公务用车运行维护费", "公务接待费"];

fn sangong_rows(t: &Table) -> impl Iterator<Item = (usize, &Row)> {
    t.rows.iter().enumerate().filter(move |(i, _)| !t.unresolved.contains(i))
}

/// 09: 合计 = 出国 + 车小计 + 接待; 车小计 = 购置 + 运维, for 预算数 and 决算数.
pub const SANGONG_SUMS: Rule = Rule {
    id: "TBL-015",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "“三公”经费表：合计等于三项之和，公务用车费等于购置费加运行维护费",
    why: "“三公”经费是因公出国（境）费、公务用车购置及运行维护费、公务接待费三项之和，公务用车费又分购置和运行维护两部分。这些数字是公众最关心的，预算数和决算数都必须各自加得上。",
    applies_to: FINAL,
    needs: &[TableKind::F09],
    check: check_sangong_sums,
    fixtures: &[
        Fixture::fires(Q, &[("448.38 87.60 61.36 17.98 43.38 299.42 448.38", "448.38 87.60 61.36 17.98 43.38 299.42 458.38")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_sangong_sums(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t) = doc.table(TableKind::F09) else { return };
    for (_, r) in sangong_rows(t) {
        sink.identity(
            Target::cell(t, r, 0),
            &[(1, at(t, r, 1)), (1, at(t, r, 2)), (1, at(t, r, 5))],
            "因公出国（境）费、公务用车购置及运行维护费、公务接待费之和",
        );
        sink.identity(Target::cell(t, r, 2), &[(1, at(t, r, 3)), (1, at(t, r, 4))], "公务用车购置费与运行维护费之和");
    }
}

/// 09: 决算数 ≤ 预算数, column by column.
pub const SANGONG_WITHIN_BUDGET: Rule = Rule {
    id: "TBL-016",
    family: Family::Tbl,
    severity: Severity::Warning,
    title: "“三公”经费决算数不超过预算数",
    why: "“三公”经费实行预算控制，决算数一般不应超过预算数。超过了，部门应在情况说明中解释原因；没有解释，就需要进一步核实。",
    applies_to: FINAL,
    needs: &[TableKind::F09],
    check: check_sangong_within_budget,
    fixtures: &[
        Fixture::fires(
            Y,
            &[(
                "417.53\t131.89\t95.40\t17.95\t77.45\t190.24\t417.53\t131.89",
                "417.53\t131.89\t95.40\t17.95\t77.45\t190.24\t427.53\t141.89",
            )],
        ),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_sangong_within_budget(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t) = doc.table(TableKind::F09) else { return };
    let row = |label: &str| sangong_rows(t).map(|(_, r)| r).find(|r| r.label == label);
    let (Some(budget), Some(actual)) = (row("预算数"), row("决算数")) else { return };
    for c in 0..SANGONG.len() {
        sink.at_least(Target::cell(t, budget, c), Target::cell(t, actual, c), "决算数一般不应超过预算数");
    }
}

/// 06 三公 items (basic spending only) ≤ 09 决算数.
pub const SANGONG_06_09: Rule = Rule {
    id: "XTBL-011",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "基本支出中的“三公”科目不超过“三公”经费决算数",
    why: "基本支出明细表中的因公出国（境）费、公务接待费、公务用车运行维护费、公务用车购置只是“三公”经费里用基本支出安排的部分，“三公”经费表还包括项目支出，所以前者不应大于后者。",
    applies_to: FINAL,
    needs: &[TableKind::F06, TableKind::F09],
    check: check_sangong_06_09,
    fixtures: &[
        Fixture::fires(Y, &[("30212\t因公出国（境）费用\t40.00", "30212\t因公出国（境）费用\t140.00"), ("302\t商品和服务支出\t652.97", "302\t商品和服务支出\t752.97"), ("公用经费合计\t\t\t\t\t685.77", "公用经费合计\t\t\t\t\t785.77")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_sangong_06_09(doc: &crate::model::Document, sink: &mut super::Sink) {
    let (Some(t06), Some(t09)) = (doc.table(TableKind::F06), doc.table(TableKind::F09)) else { return };
    let Some(actual) = sangong_rows(t09).map(|(_, r)| r).find(|r| r.label == "决算数") else { return };
    for (code, col) in [("30212", 1), ("31013", 3), ("30231", 4), ("30217", 5)] {
        if let Some(item) = t06.rows.iter().find(|r| r.code.as_deref() == Some(code)) {
            sink.at_least(Target::cell(t09, actual, col), Target::cell(t06, item, 0), "基本支出中的三公科目是三公经费的一部分");
        }
    }
}

/// 09: 预算数 equal to 决算数 in every category.
pub const SANGONG_BUDGET_EQUALS_ACTUAL: Rule = Rule {
    id: "PLA-001",
    family: Family::Pla,
    severity: Severity::Info,
    title: "“三公”经费预算数与决算数完全相同",
    why: "“三公”经费表中的预算数是按规定程序调整后的预算。如果每一项预算数都与决算数分毫不差，往往说明预算是按实际支出倒推调整的。这本身不违规，但读者应当知道：此时“没有超预算”并不说明控制得好。",
    applies_to: FINAL,
    needs: &[TableKind::F09],
    check: check_sangong_budget_equals_actual,
    fixtures: &[
        Fixture::fires(Y, &[]),
        Fixture::quiet(B),
    ],
};

fn check_sangong_budget_equals_actual(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t) = doc.table(TableKind::F09) else { return };
    let row = |label: &str| t.rows.iter().find(|r| r.label == label);
    let (Some(b), Some(a)) = (row("预算数"), row("决算数")) else { return };
    let all_equal = (0..SANGONG.len()).all(|c| b.value(c).unwrap_or_default() == a.value(c).unwrap_or_default());
    if all_equal && b.value(0).is_some_and(|v| !v.is_zero()) {
        sink.note(
            t,
            a,
            "“三公”经费每一项的决算数都与预算数完全相同。预算数是调整后的预算，可能是按实际支出调整的；“未超预算”不能说明控制成效。"
                .to_string(),
        );
    }
}

#[allow(dead_code)]
fn unused(_: &Document) {}
