//! Identities across a budget's tables.

use super::budget::{labelled, settled, sides, sums_equal, target, total_rows, total_terms, BUDGET, QB, YB};
use super::identity::{at, Located};
use super::{Family, Fixture, Rule, Severity};
use crate::model::{Row, Table, TableKind};
use crate::tables::budget::functions::class_code;
use crate::tables::budget::joint::label_source;
use crate::tables::budget::schema::{column, Source};
use crate::tables::budget::sides::Side;

fn coded<'a>(t: &'a Table, code: &str) -> Option<(usize, &'a Row)> {
    t.rows.iter().enumerate().find(|(_, r)| r.code.as_deref() == Some(code))
}

/// The 一般公共预算 column of the 财政拨款收支总表 = the 一般公共预算支出表.
pub const FISCAL_GENERAL: Rule = Rule {
    id: "XTBL-101",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "财政拨款收支总表的一般公共预算支出与一般公共预算支出表一致",
    why: "一般公共预算支出表是财政拨款收支总表中“一般公共预算”一栏的明细：每一类支出和总数都应相同，否则同一笔一般公共预算资金在两张表里说法不一。",
    applies_to: BUDGET,
    needs: &[TableKind::BFiscal, TableKind::BGeneral],
    check: check_fiscal_general,
    fixtures: &[
        Fixture::fires(QB, &[("20 二十、住房保障支出 654.87 654.87 0.00 0.00", "20 二十、住房保障支出 664.87 664.87 0.00 0.00")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_fiscal_general(doc: &crate::model::Document, sink: &mut super::Sink) {
    let (Some(f), Some(g)) = (doc.table(TableKind::BFiscal), doc.table(TableKind::BGeneral)) else { return };
    let Some(fc) = column(f, Source::Gpb) else { return };
    let (_, exp) = sides(f);
    for (i, r) in &exp {
        let Some(code) = class_code(&r.label) else { continue };
        if !settled(f, *i) {
            continue;
        }
        match coded(g, code) {
            Some((j, gr)) if settled(g, j) => {
                sink.identity(target(f, r, fc), &[(1, at(g, gr, 0))], &format!("公开表{}“{code} {}”的合计", g.no(), gr.label))
            }
            Some(_) => {}
            None => {
                if r.value(fc).is_some_and(|v| !v.is_zero()) {
                    sink.identity(target(f, r, fc), &[], &format!("公开表{}（没有 {code} 类科目的行）", g.no()));
                }
            }
        }
    }
    if let (Some((i, year)), Some(terms)) = (labelled(&exp, "本年支出合计"), total_terms(g, 0)) {
        if settled(f, i) {
            sink.identity(target(f, year, fc), &terms.into_iter().map(|c| (1, c)).collect::<Vec<_>>(), &format!("公开表{}的合计", g.no()));
        }
    }
}

/// 财政拨款收支总表 income = the 收支总表's 财政拨款 income.
pub const FISCAL_SUMMARY: Rule = Rule {
    id: "XTBL-102",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "财政拨款收支总表的收入与收支总表的财政拨款收入一致",
    why: "一般公共预算、政府性基金、国有资本经营三类财政拨款收入，在收支总表和财政拨款收支总表里都要列出，两处数字应当相同；否则同一笔财政拨款在不同表里说法不一。",
    applies_to: BUDGET,
    needs: &[TableKind::BFiscal, TableKind::BSummary],
    check: check_fiscal_summary,
    fixtures: &[
        Fixture::fires(YB, &[("一、一般公共预算收入 8666.60一、一般公共服务支出 8299.58 8299.58", "一、一般公共预算收入 8676.60一、一般公共服务支出 8299.58 8299.58")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_fiscal_summary(doc: &crate::model::Document, sink: &mut super::Sink) {
    let (Some(f), Some(s)) = (doc.table(TableKind::BFiscal), doc.table(TableKind::BSummary)) else { return };
    let (fi, _) = sides(f);
    let (si, _) = sides(s);
    let Some((k, _)) = labelled(&fi, "本年收入合计") else { return };
    for src in [Source::Gpb, Source::Fund, Source::Capital] {
        fn pick<'a>(rows: &[(usize, &'a Row)], before: usize, src: Source) -> Option<(usize, &'a Row)> {
            rows.iter().find(|(i, r)| *i < before && label_source(&r.label, Side::Income) == Some(src)).copied()
        }
        let s_end = labelled(&si, "本年收入合计").map_or(usize::MAX, |x| x.0);
        if let (Some((_, fr)), Some((_, sr))) = (pick(&fi, k, src), pick(&si, s_end, src)) {
            sink.identity(target(f, fr, 0), &[(1, at(s, sr, 0))], &format!("公开表{}“{}”", s.no(), sr.label));
        }
    }
}

/// 收入总表 = 收支总表 income, in total and by source.
pub const INCOME_SUMMARY: Rule = Rule {
    id: "XTBL-103",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "收入总表与收支总表的收入一致（总数和每一种来源）",
    why: "收入总表按科目列出部门的全部收入，收支总表按来源列出同样的钱：收入总表的合计应等于收支总表的收入总计，财政拨款、事业收入、上年结转等每一栏也应等于收支总表中对应的一项。",
    applies_to: BUDGET,
    needs: &[TableKind::BIncome, TableKind::BSummary],
    check: check_income_summary,
    fixtures: &[
        Fixture::fires(QB, &[("1 合计 17,332.62 17,332.62 17,332.62 0.00 0.00 0.00 0.00 0.00 0.00 0.00", "1 合计 17,342.62 17,342.62 17,342.62 0.00 0.00 0.00 0.00 0.00 0.00 0.00")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_income_summary(doc: &crate::model::Document, sink: &mut super::Sink) {
    let (Some(t), Some(s)) = (doc.table(TableKind::BIncome), doc.table(TableKind::BSummary)) else { return };
    let Some(schema) = crate::tables::budget::schema::of(t) else { return };
    let Some(rows) = total_rows(t) else { return };
    let (si, _) = sides(s);
    if let Some((_, grand)) = labelled(&si, "收入总计") {
        sums_equal(sink, t, &rows, 0, vec![at(s, grand, 0)], &format!("公开表{}的收入总计", s.no()));
    }
    for (c, src) in schema.sources.iter().enumerate() {
        if matches!(src, Source::None) {
            continue;
        }
        let stated: Vec<&Row> = si.iter().filter(|(_, r)| label_source(&r.label, Side::Income) == Some(*src)).map(|(_, r)| *r).collect();
        // Only a source stated by exactly one row anchors its column.
        if let [r] = stated.as_slice() {
            sums_equal(sink, t, &rows, c, vec![at(s, r, 0)], &format!("公开表{}“{}”", s.no(), r.label));
        }
    }
}

/// 支出总表 = 收支总表 expenditure, in total and by class.
pub const EXPENDITURE_SUMMARY: Rule = Rule {
    id: "XTBL-104",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "支出总表与收支总表的支出一致（总数和每一类）",
    why: "收支总表按功能分类列出各类支出，支出总表按科目再细分：本年支出合计和每一类支出在两张表里应当相同。一类支出只出现在一张表里，说明漏列或错列。",
    applies_to: BUDGET,
    needs: &[TableKind::BExpenditure, TableKind::BSummary],
    check: check_expenditure_summary,
    fixtures: &[
        Fixture::fires(YB, &[("七、社会保障和就业支出 202.49\n", "七、社会保障和就业支出 212.49\n")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_expenditure_summary(doc: &crate::model::Document, sink: &mut super::Sink) {
    let (Some(t), Some(s)) = (doc.table(TableKind::BExpenditure), doc.table(TableKind::BSummary)) else { return };
    let (_, se) = sides(s);
    if let (Some((_, year)), Some(terms)) = (labelled(&se, "本年支出合计"), total_terms(t, 0)) {
        let parts: Vec<(i8, Located)> = terms.into_iter().map(|c| (1, c)).collect();
        sink.identity(target(s, year, 0), &parts, &format!("公开表{}的合计", t.no()));
    }
    for (_, r) in &se {
        let Some(code) = class_code(&r.label) else { continue };
        match coded(t, code) {
            Some((j, tr)) if settled(t, j) => {
                sink.identity(target(t, tr, 0), &[(1, at(s, r, 0))], &format!("公开表{}“{}”", s.no(), r.label))
            }
            Some(_) => {}
            None if r.value(0).is_some_and(|v| !v.is_zero()) => {
                sink.identity(target(s, r, 0), &[], &format!("公开表{}中 {code} 类科目的合计（该表没有这一类）", t.no()));
            }
            None => {}
        }
    }
}

/// 基本支出 economic tables = 一般公共预算支出表 基本/人员/公用.
pub const BASIC_GENERAL: Rule = Rule {
    id: "XTBL-105",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "基本支出表的人员经费、公用经费与一般公共预算支出表一致",
    why: "一般公共预算支出表里的“基本支出”分人员经费和公用经费；基本支出表再按经济分类（工资福利、商品和服务等）展开同一笔钱。两张表的基本支出、人员经费、公用经费合计必须分别相等。",
    applies_to: BUDGET,
    needs: &[TableKind::BGeneral],
    check: check_basic_general,
    fixtures: &[
        Fixture::fires(QB, &[("1 合计 8,723.41 8,152.72 570.69", "1 合计 8,733.41 8,162.72 570.69")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_basic_general(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(g) = doc.table(TableKind::BGeneral) else { return };
    let Some(grows) = total_rows(g) else { return };
    for e in [TableKind::BBasicEcon, TableKind::BBasicGovEcon].iter().filter_map(|k| doc.table(*k)) {
        for src in [Source::Basic, Source::Personnel, Source::Public] {
            let (Some(gc), Some(ec)) = (column(g, src), column(e, src)) else { continue };
            let Some(eterms) = total_terms(e, ec) else { continue };
            sums_equal(sink, g, &grows, gc, eterms, &format!("公开表{}的合计", e.no()));
        }
    }
}

/// 全口径基本支出表 (all funds): its 一般公共预算 column = 基本支出表 per row;
/// its total = 支出总表 基本支出.
pub const BASIC_ALL_FUNDS: Rule = Rule {
    id: "XTBL-106",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "部门基本支出预算表与一般公共预算基本支出表、支出总表一致",
    why: "部门基本支出预算表按经济分类列出全部资金来源的基本支出，其中“一般公共预算”一栏就是一般公共预算基本支出表的内容，逐行应当相同；全表合计应等于支出总表的基本支出。",
    applies_to: BUDGET,
    needs: &[TableKind::BBasicAll],
    check: check_basic_all_funds,
    fixtures: &[
        Fixture::fires(YB, &[("301 01 基本工资 501 01 工资奖金津补贴 532.41 532.41 532.41", "301 01 基本工资 501 01 工资奖金津补贴 542.41 542.41 542.41")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_basic_all_funds(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(a) = doc.table(TableKind::BBasicAll) else { return };
    if let (Some(e), Some(ac)) = (doc.table(TableKind::BBasicEcon), column(a, Source::Gpb)) {
        for (i, r) in a.rows.iter().enumerate() {
            let (Some(code), true) = (r.code.as_deref(), settled(a, i)) else { continue };
            if let Some((j, er)) = coded(e, code) {
                if settled(e, j) {
                    sink.identity(target(a, r, ac), &[(1, at(e, er, 0))], &format!("公开表{}“{code}”的小计", e.no()));
                }
            }
        }
    }
    let (Some(x), Some(rows)) = (doc.table(TableKind::BExpenditure), total_rows(a)) else { return };
    let Some(xterms) = column(x, Source::Basic).and_then(|xc| total_terms(x, xc)) else { return };
    sums_equal(sink, a, &rows, 0, xterms, &format!("公开表{}的基本支出合计", x.no()));
}

/// 三公 (current year) ≥ the 基本支出 economic items of the same kind.
pub const SANGONG_ITEMS: Rule = Rule {
    id: "XTBL-107",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "基本支出表中的“三公”科目不超过当年“三公”经费预算",
    why: "基本支出表里的因公出国（境）费用、公务用车运行维护费、公务接待费、公务用车购置，只是当年“三公”经费预算中用基本支出安排的部分（“三公”经费还包括项目支出），所以前者不应大于后者。",
    applies_to: BUDGET,
    needs: &[TableKind::BSangong],
    check: check_sangong_items,
    fixtures: &[
        Fixture::fires(QB, &[("17 30231 公务用车运行维护费 67.50 0.00 67.50", "17 30231 公务用车运行维护费 77.50 0.00 77.50")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_sangong_items(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t) = doc.table(TableKind::BSangong) else { return };
    let Some(series) = crate::sangong::series(doc) else { return };
    let Some(current) = series.last() else { return };
    let econ: Vec<&Table> = [TableKind::BBasicEcon, TableKind::BBasicGovEcon].iter().filter_map(|k| doc.table(*k)).collect();
    let Some(e) = econ.first() else { return };
    let six = current.six();
    for (codes, col, name) in [
        (&["30212", "50207"][..], 1, "因公出国（境）费"),
        (&["31013", "50303", "50403", "5060113"][..], 3, "公务用车购置费"),
        (&["30231", "50208"][..], 4, "公务用车运行维护费"),
        (&["30217", "50206"][..], 5, "公务接待费"),
    ] {
        let items: Vec<&Row> =
            e.rows.iter().filter(|r| r.code.as_deref().is_some_and(|c| c.split('/').any(|x| codes.contains(&x)))).collect();
        if items.is_empty() {
            continue;
        }
        let Some(sum) = crate::checked::sum(items.iter().filter_map(|r| r.value(0))) else {
            sink.skip(format!("公开表{}的各项之和：{}", e.no(), crate::checked::TOO_LARGE));
            continue;
        };
        let have = crate::rounding::Interval::of(six[col]);
        let need = items.iter().fold(crate::rounding::Interval::of(None), |a, r| a.add(crate::rounding::Interval::of(r.value(0))));
        if have.hi >= need.lo {
            continue;
        }
        let shown = six[col].map_or("空白".to_string(), |v| v.to_string());
        sink.push(super::Finding {
            rule: "XTBL-107",
            severity: Severity::Error,
            message: format!(
                "公开表{}的{}{name}为 {shown}，小于公开表{}中同类经济科目之和 {sum}（基本支出中的三公科目是三公经费预算的一部分）。",
                t.no(),
                current.label,
                e.no()
            ),
            table: Some(t.no()),
            row: Some(current.label.clone()),
            column: Some(name.to_string()),
            expected: Some(sum),
            actual: six[col],
            difference: six[col].unwrap_or_default().checked_sub(sum),
            source_line: Some(t.source_line),
            page: None,
            related: items
                .iter()
                .map(|r| super::identity::CellRef {
                    table: e.no(),
                    row: super::identity::describe(r),
                    column: e.columns.first().cloned(),
                    source_line: r.source_line,
                    place: None,
                })
                .collect(),
            also: Vec::new(),
            place: None,
        });
    }
}

/// 项目支出表 Σ = 支出总表 项目; its 一般公共预算 part = 一般公共预算支出表 项目.
pub const PROJECTS: Rule = Rule {
    id: "XTBL-108",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "项目支出预算表的合计与支出总表、一般公共预算支出表的项目支出一致",
    why: "项目支出预算表逐个列出部门的项目，所有项目加起来应等于支出总表的项目支出；其中一般公共预算安排的部分应等于一般公共预算支出表的项目支出。对不上，说明有项目漏列，或项目金额与汇总数不符。",
    applies_to: BUDGET,
    needs: &[TableKind::BProjects],
    check: check_projects,
    fixtures: &[
        Fixture::fires(YB, &[("驻外机构工作保障经费 其他运转类 303.00 303.00 303.00", "驻外机构工作保障经费 其他运转类 313.00 313.00 313.00")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_projects(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(p) = doc.table(TableKind::BProjects) else { return };
    if p.rows.is_empty() || (0..p.rows.len()).any(|i| !settled(p, i)) {
        return;
    }
    let all: Vec<usize> = (0..p.rows.len()).collect();
    for (kind, pc) in [(TableKind::BExpenditure, Some(0)), (TableKind::BGeneral, column(p, Source::Gpb))] {
        let (Some(x), Some(pc)) = (doc.table(kind), pc) else { continue };
        let Some(xterms) = column(x, Source::Project).and_then(|xc| total_terms(x, xc)) else { continue };
        sums_equal(sink, p, &all, pc, xterms, &format!("公开表{}的项目支出合计", x.no()));
    }
}

/// 部门经济分类 ↔ 政府经济分类 (when printed as two tables).
pub const CROSSWALK: Rule = Rule {
    id: "XTBL-109",
    family: Family::Xtbl,
    severity: Severity::Warning,
    title: "部门经济分类与政府经济分类两张基本支出表的对应科目一致",
    why: "同一笔基本支出，按部门经济分类和按政府经济分类各列一张表。两种分类有固定的对应关系，例如工资福利支出（301）= 机关工资福利支出（501）+ 对事业单位补助中的工资福利（50501），对个人和家庭的补助（303）= 对个人和家庭的补助（509），离休费与退休费之和 = 离退休费（50905）。对不上，说明两张表中至少一张的分类有误。对应关系可能随年度调整，所以只作提醒。",
    applies_to: BUDGET,
    needs: &[TableKind::BBasicEcon, TableKind::BBasicGovEcon],
    check: check_crosswalk,
    fixtures: &[
        Fixture::fires(QB, &[("21 30301 离休费 127.95 127.95 0.00", "21 30301 离休费 137.95 137.95 0.00")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_crosswalk(doc: &crate::model::Document, sink: &mut super::Sink) {
    let (Some(d), Some(g)) = (doc.table(TableKind::BBasicEcon), doc.table(TableKind::BBasicGovEcon)) else { return };
    if d.rows.iter().any(|r| r.code.as_deref().is_some_and(|c| c.contains('/'))) {
        return; // pairs: each row is its own crosswalk
    }
    const MAP: [(&[&str], &[&str]); 5] = [
        (&["501", "50501"], &["301"]),
        (&["502", "50502"], &["302"]),
        (&["509"], &["303"]),
        (&["503", "504", "506"], &["310"]),
        (&["50905"], &["30301", "30302"]),
    ];
    for (gov, dept) in MAP {
        let gov_rows: Vec<(usize, &Row)> = gov.iter().filter_map(|c| coded(g, c)).collect();
        let dept_rows: Vec<(usize, &Row)> = dept.iter().filter_map(|c| coded(d, c)).collect();
        if gov_rows.is_empty()
            || dept_rows.is_empty()
            || gov_rows.iter().any(|(i, _)| !settled(g, *i))
            || dept_rows.iter().any(|(i, _)| !settled(d, *i))
        {
            continue;
        }
        let (first, rest) = gov_rows.split_first().map(|(f, r)| (*f, r.to_vec())).unwrap_or((gov_rows[0], Vec::new()));
        let mut parts: Vec<(i8, Located)> = dept_rows.iter().map(|(_, r)| (1, at(d, r, 0))).collect();
        parts.extend(rest.iter().map(|(_, r)| (-1, at(g, r, 0))));
        let what = format!(
            "公开表{}中 {} 之和{}",
            d.no(),
            dept.join("、"),
            if rest.is_empty() { String::new() } else { format!("减去本表 {}", gov[1..].join("、")) }
        );
        sink.identity(target(g, first.1, 0), &parts, &what);
    }
}

/// An empty 政府性基金 / 国有资本经营 table ⇔ no such money in the 收支总表
/// and the 财政拨款收支总表; a non-empty one matches the 财政拨款收支总表 column.
pub const FUND_TABLES: Rule = Rule {
    id: "XTBL-110",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "政府性基金、国有资本经营预算支出表与财政拨款收支总表一致",
    why: "政府性基金预算支出表、国有资本经营预算支出表是财政拨款收支总表中相应一栏的明细。表是空的，总表里这一栏就应为零；表里有数，总数就应等于总表这一栏的本年支出合计。否则同一笔资金在两张表里说法不一。",
    applies_to: BUDGET,
    needs: &[TableKind::BFiscal],
    check: check_fund_tables,
    fixtures: &[
        Fixture::fires(QB, &[("1 合计 0.00 0.00 0.00\n", "1 合计 10.00 0.00 10.00\n")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_fund_tables(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(f) = doc.table(TableKind::BFiscal) else { return };
    let (_, exp) = sides(f);
    let Some((yi, year)) = labelled(&exp, "本年支出合计") else { return };
    if !settled(f, yi) {
        return;
    }
    for (kind, src) in [(TableKind::BFund, Source::Fund), (TableKind::BCapital, Source::Capital)] {
        let (Some(t), Some(fc)) = (doc.table(kind), column(f, src)) else { continue };
        let empty = t.rows.iter().all(|r| r.cells.iter().all(|c| c.value.is_none_or(|v| v.is_zero())));
        if empty {
            sink.identity(target(f, year, fc), &[], &format!("公开表{}（{}为空表）", t.no(), t.title));
        } else if let Some(terms) = total_terms(t, 0) {
            sink.identity(target(f, year, fc), &terms.into_iter().map(|c| (1, c)).collect::<Vec<_>>(), &format!("公开表{}的合计", t.no()));
        }
    }
}
