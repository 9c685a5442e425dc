//! Budget (预算) tables: helpers shared by the budget rules, the structure
//! rule, and the identities inside one table.
//!
//! Budget tables have no 行次, so rows are found by their words (本年收入合计,
//! 收入总计 …) and by the side they are on; columns by their layout.

use super::identity::{at, nowhere, Located, Target};
use super::{Family, Finding, Fixture, Rule, Severity};
use crate::model::{DocumentKind, Row, Table, TableKind};
use crate::tables::budget::functions::class_code;
use crate::tables::budget::sides::starts_with_ordinal;

pub(super) const BUDGET: &[DocumentKind] = &[DocumentKind::Budget];
pub(super) const YB: &str = "yantai-office-2023-budget.txt";
pub(super) const QB: &str = "qingdao-office-2023-budget.txt";

/// Row `i` was placed (not left blank for want of a unique placement).
pub(super) fn settled(t: &Table, i: usize) -> bool {
    !t.unresolved.contains(&i)
}

/// Rows with their indexes.
pub(super) type Rows<'a> = Vec<(usize, &'a Row)>;

/// The income rows (first) and the expenditure rows of a two-sided table,
/// with their indexes.
pub(super) fn sides(t: &Table) -> (Rows<'_>, Rows<'_>) {
    let split = t.sides.unwrap_or(0).min(t.rows.len());
    (t.rows.iter().enumerate().take(split).collect(), t.rows.iter().enumerate().skip(split).collect())
}

/// The first row of `rows` whose label contains `word`.
pub(super) fn labelled<'a>(rows: &[(usize, &'a Row)], word: &str) -> Option<(usize, &'a Row)> {
    rows.iter().find(|(_, r)| r.label.contains(word)).copied()
}

/// The rows whose sum is a 科目 table's total: its 合计 row, else its 类 rows
/// (3-digit codes, or 3-digit 部门 codes of a code pair). None when one of
/// them was not placed.
pub(super) fn total_rows(t: &Table) -> Option<Vec<usize>> {
    if let Some(i) = t.rows.iter().position(|r| r.code.is_none() && matches!(r.label.as_str(), "合计" | "总计")) {
        return settled(t, i).then(|| vec![i]);
    }
    let classes: Vec<usize> = (0..t.rows.len()).filter(|i| t.rows[*i].code.as_deref().is_some_and(is_class)).collect();
    if classes.is_empty() || classes.iter().any(|i| !settled(t, *i)) {
        return None;
    }
    Some(classes)
}

/// The cells of [`total_rows`] in column `c`.
pub(super) fn total_terms(t: &Table, c: usize) -> Option<Vec<Located>> {
    Some(total_rows(t)?.iter().map(|i| at(t, &t.rows[*i], c)).collect())
}

/// Checks Σ (rows of `t` in column `c`) = Σ `right`, reported on the first
/// row (the other rows move to the right-hand side with a minus sign).
pub(super) fn sums_equal(sink: &mut super::Sink, t: &Table, rows: &[usize], c: usize, right: Vec<Located>, what: &str) {
    let Some((first, rest)) = rows.split_first() else { return };
    let Some(row) = t.rows.get(*first) else { return };
    let mut parts: Vec<(i8, Located)> = right.into_iter().map(|x| (1, x)).collect();
    parts.extend(rest.iter().filter_map(|i| t.rows.get(*i)).map(|r| (-1, at(t, r, c))));
    let what = if rest.is_empty() { what.to_string() } else { format!("{what}减去本表其余各行") };
    sink.identity(Target::cell(t, row, c), &parts, &what);
}

/// A 类 code: 3 digits, or a pair whose 部门 code has 3.
pub(super) fn is_class(code: &str) -> bool {
    code.split('/').next().is_some_and(|c| c.len() == 3)
}

/// The same target, as a value (for `Sink::identity` on the left-hand side).
pub(super) fn target(t: &Table, r: &Row, c: usize) -> Target {
    Target::cell(t, r, c)
}

fn finding(rule: &'static str, severity: Severity, message: String, table: Option<String>, line: Option<usize>) -> Finding {
    Finding {
        rule,
        severity,
        message,
        table,
        row: None,
        column: None,
        expected: None,
        actual: None,
        difference: None,
        source_line: line,
        page: None,
        related: Vec::new(),
        also: Vec::new(),
        place: None,
    }
}

/// The standard budget tables are published.
pub const TABLES_PRESENT: Rule = Rule {
    id: "DOC-101",
    family: Family::Doc,
    severity: Severity::Warning,
    title: "部门预算应公开收支总表、收入总表、支出总表、财政拨款收支总表等八张基本表",
    why: "部门预算公开的统一格式要求至少公开收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表、一般公共预算基本支出表、“三公”经费支出表和政府性基金预算支出表；没有数据的表也应公开并说明原因。少了其中一张，公众就看不到那一部分预算。国有资本经营预算、项目支出和政府采购表各地要求不一，这里不作要求。",
    applies_to: BUDGET,
    needs: &[],
    check: check_tables_present,
    fixtures: &[
        Fixture::fires(QB, &[("单位一般公共预算“三公”经费支出情况表", "单位一般公共预算经费支出情况表")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_tables_present(doc: &crate::model::Document, sink: &mut super::Sink) {
    if doc.tables.is_empty() {
        // A narrative published apart from its tables: say so once.
        let message = "这份文本中没有公开表（可能另行发布）；只核对了情况说明，与表格有关的核对未进行。".to_string();
        sink.push(finding("DOC-101", Severity::Info, message, None, None));
        return;
    }
    for (kinds, name) in crate::tables::budget::kinds::REQUIRED {
        if kinds.iter().any(|k| doc.found(*k).is_some()) {
            continue;
        }
        let unread = doc.problems.iter().any(|p| p.message.contains("没有认出") || p.message.contains("暂不能读取"));
        let hint = if unread { "（文中有未能识别的表，可能就是它，但格式无法确认）" } else { "" };
        sink.push(finding(
            "DOC-101",
            Severity::Warning,
            format!("没有找到《{name}》{hint}。部门预算应公开这张表；本部门没有相应数据时也应公开空表并注明原因。"),
            None,
            None,
        ));
    }
}

/// 收支总表: 本年收入合计 = Σ income items.
pub const SUMMARY_INCOME: Rule = Rule {
    id: "TBL-101",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "预算收支总表：本年收入合计等于各项收入之和",
    why: "本年收入合计是部门这一年预计收到的全部钱，应当等于财政拨款、事业收入、其他收入等各项之和。对不上，说明至少有一项收入填错或漏填。",
    applies_to: BUDGET,
    needs: &[TableKind::BSummary],
    check: check_summary_income,
    fixtures: &[
        Fixture::fires(QB, &[("9 九、其他收入 0.00 九、社会保险基金支出 0.00", "9 九、其他收入 10.00 九、社会保险基金支出 0.00")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_summary_income(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t) = doc.table(TableKind::BSummary) else { return };
    let (income, _) = sides(t);
    let Some((k, total)) = labelled(&income, "本年收入合计") else { return };
    let items: Vec<(i8, Located)> =
        income.iter().filter(|(i, r)| *i < k && starts_with_ordinal(&r.label)).map(|(_, r)| (1, at(t, r, 0))).collect();
    if !items.is_empty() {
        sink.identity(target(t, total, 0), &items, "各项收入（一、二、三……）之和");
    }
}

/// 收支总表: 本年支出合计 = Σ 功能分类 classes.
pub const SUMMARY_EXPENDITURE: Rule = Rule {
    id: "TBL-102",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "预算收支总表：本年支出合计等于各功能分类支出之和",
    why: "本年支出合计应当等于一般公共服务、社会保障和就业、卫生健康等各类支出之和。对不上，说明钱打算花在哪些方面的说明与总数不一致。",
    applies_to: BUDGET,
    needs: &[TableKind::BSummary],
    check: check_summary_expenditure,
    fixtures: &[Fixture::fires(QB, &[("10 十、卫生健康支出 0.00", "10 十、卫生健康支出 10.00")]), Fixture::quiet(YB), Fixture::quiet(QB)],
};

fn check_summary_expenditure(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t) = doc.table(TableKind::BSummary) else { return };
    let (_, exp) = sides(t);
    let Some((k, total)) = labelled(&exp, "本年支出合计") else { return };
    let items: Vec<(i8, Located)> =
        exp.iter().filter(|(i, r)| *i < k && class_code(&r.label).is_some()).map(|(_, r)| (1, at(t, r, 0))).collect();
    if !items.is_empty() {
        sink.identity(target(t, total, 0), &items, "各功能分类支出之和");
    }
}

/// 收入总计 / 支出总计 = 本年合计 + the rows between.
pub const SUMMARY_TOTALS: Rule = Rule {
    id: "TBL-103",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "预算收支总表：收入总计、支出总计等于本年合计加结转等各项",
    why: "收入总计 = 本年收入 + 上年结转、上级补助、使用结余等；支出总计 = 本年支出 + 结转下年、上缴上级等。这两个等式说明钱从哪里来、到哪里去，不成立就意味着有一笔钱说不清。",
    applies_to: BUDGET,
    needs: &[TableKind::BSummary],
    check: check_summary_totals,
    fixtures: &[
        Fixture::fires(YB, &[("上年结转 结转下年", "上年结转 10.00 结转下年")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_summary_totals(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t) = doc.table(TableKind::BSummary) else { return };
    let (income, exp) = sides(t);
    for (rows, year, grand, what) in [
        (&income, "本年收入合计", "收入总计", "本年收入合计与其后各项收入之和"),
        (&exp, "本年支出合计", "支出总计", "本年支出合计与其后各项支出之和"),
    ] {
        let (Some((a, year_row)), Some((b, total))) = (labelled(rows, year), labelled(rows, grand)) else { continue };
        let mut terms = vec![(1, at(t, year_row, 0))];
        // Rows from "其中：" on break an item down; they are not added again.
        for (_, r) in rows.iter().filter(|(i, _)| *i > a && *i < b) {
            if r.label.starts_with("其中") {
                break;
            }
            terms.push((1, at(t, r, 0)));
        }
        sink.identity(target(t, total, 0), &terms, what);
    }
}

/// 收入总计 = 支出总计.
pub const SUMMARY_BALANCE: Rule = Rule {
    id: "TBL-104",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "预算收支总表：收入总计等于支出总计",
    why: "预算必须收支平衡：收入一方的总计与支出一方的总计应当相等。不相等说明表格本身算错了。",
    applies_to: BUDGET,
    needs: &[TableKind::BSummary],
    check: check_summary_balance,
    fixtures: &[
        Fixture::fires(QB, &[("33 收入总计 17,332.62 支出总计 17,332.62", "33 收入总计 17,342.62 支出总计 17,332.62")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_summary_balance(doc: &crate::model::Document, sink: &mut super::Sink) {
    for kind in [TableKind::BSummary, TableKind::BFiscal] {
        let Some(t) = doc.table(kind) else { continue };
        let (income, exp) = sides(t);
        if let (Some((_, i)), Some((_, e))) = (labelled(&income, "收入总计"), labelled(&exp, "支出总计")) {
            sink.identity(target(t, e, 0), &[(1, at(t, i, 0))], "收入总计");
        }
    }
}

/// Every row of a budget table meets its layout's identities.
pub const ROW_IDENTITIES: Rule = Rule {
    id: "TBL-105",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "预算各表：每一行的合计、小计等于其组成部分之和",
    why: "预算表的每一行，合计等于各组成部分之和：例如一般公共预算支出表中“合计 = 基本支出 + 项目支出”“基本支出 = 人员经费 + 公用经费”，收入总表中“合计 = 财政拨款 + 其他各项收入”。某一行对不上，说明这个科目的数字自相矛盾。",
    applies_to: BUDGET,
    needs: &[],
    check: check_row_identities,
    fixtures: &[
        Fixture::fires(QB, &[("2 201 一般公共服务支出 15,882.24 7,273.03 8,609.21", "2 201 一般公共服务支出 15,882.24 7,273.03 8,619.21")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_row_identities(doc: &crate::model::Document, sink: &mut super::Sink) {
    for t in doc.legacy_tables().filter(|t| t.kind.is_budget() && t.kind != TableKind::BSangong) {
        for (i, r) in t.rows.iter().enumerate() {
            if !settled(t, i) {
                continue;
            }
            for s in &t.row_sums {
                if s.total >= r.cells.len() || s.parts.iter().any(|p| *p >= r.cells.len()) {
                    continue; // an income entry of a two-sided table has one cell
                }
                let terms: Vec<(i8, Located)> = s.parts.iter().map(|p| (1, at(t, r, *p))).collect();
                let names: Vec<&str> = s.parts.iter().filter_map(|p| t.columns.get(*p).map(String::as_str)).collect();
                sink.identity(target(t, r, s.total), &terms, &format!("本行{}之和", names.join("、")));
            }
        }
    }
}

/// Economic tables keyed by code pairs: each class row = Σ its items.
pub const PAIR_GROUPS: Rule = Rule {
    id: "TBL-106",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "按部门、政府经济分类成对列示的基本支出表：每一类等于其下各款之和",
    why: "有的预算把部门经济分类（如301工资福利支出）和政府经济分类（如501机关工资福利支出）并列，同一类会按机关和事业单位分组出现两次。每一组的类级金额应当等于紧随其后的各款之和；对不上，说明人员经费或公用经费的某一项有误。",
    applies_to: BUDGET,
    needs: &[],
    check: check_pair_groups,
    fixtures: &[
        Fixture::fires(YB, &[("301 01 基本工资 501 01 工资奖金津补贴 532.41 532.41 532.41", "301 01 基本工资 501 01 工资奖金津补贴 542.41 542.41 542.41")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_pair_groups(doc: &crate::model::Document, sink: &mut super::Sink) {
    for t in doc.legacy_tables().filter(|t| {
        t.rows
            .iter()
            .any(|r| r.code.as_deref().is_some_and(|c| c.contains('/')) && matches!(t.kind, TableKind::BBasicEcon | TableKind::BBasicAll))
    }) {
        let codes: Vec<Option<&str>> = t.rows.iter().map(|r| r.code.as_deref()).collect();
        for (class, items) in crate::tables::budget::pairs::groups(&codes) {
            if items.is_empty() || !settled(t, class) || items.iter().any(|i| !settled(t, *i)) {
                continue;
            }
            for c in 0..t.columns.len() {
                let terms: Vec<(i8, Located)> = items.iter().map(|i| (1, at(t, &t.rows[*i], c))).collect();
                sink.identity(target(t, &t.rows[class], c), &terms, "紧随其后的各款之和");
            }
        }
    }
}

/// 财政拨款收支总表: the income side adds up.
pub const FISCAL_INCOME: Rule = Rule {
    id: "TBL-107",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "财政拨款收支总表：本年收入合计、上年结转与收入总计",
    why: "财政拨款收入分一般公共预算、政府性基金、国有资本经营三类：本年收入合计应等于三者之和，收入总计应等于本年收入加上年结转，上年结转又应等于其下各类结转之和。任何一处对不上，财政拨款的来源就说不清。",
    applies_to: BUDGET,
    needs: &[TableKind::BFiscal],
    check: check_fiscal_income,
    fixtures: &[
        Fixture::fires(QB, &[("33 一、一般公共预算拨款 0.00", "33 一、一般公共预算拨款 10.00")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_fiscal_income(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t) = doc.table(TableKind::BFiscal) else { return };
    let (income, _) = sides(t);
    let Some((a, year)) = labelled(&income, "本年收入合计") else { return };
    let items: Vec<(i8, Located)> =
        income.iter().filter(|(i, r)| *i < a && starts_with_ordinal(&r.label)).map(|(_, r)| (1, at(t, r, 0))).collect();
    if !items.is_empty() {
        sink.identity(target(t, year, 0), &items, "三类财政拨款收入之和");
    }
    let Some((b, total)) = labelled(&income, "收入总计") else { return };
    let between: Vec<(usize, &Row)> = income.iter().filter(|(i, _)| *i > a && *i < b).copied().collect();
    let Some((_, carry)) = between.first().copied() else {
        sink.identity(target(t, total, 0), &[(1, at(t, year, 0))], "本年收入合计");
        return;
    };
    sink.identity(target(t, total, 0), &[(1, at(t, year, 0)), (1, at(t, carry, 0))], &format!("本年收入合计与“{}”之和", carry.label));
    let parts: Vec<(i8, Located)> = between.iter().skip(1).map(|(_, r)| (1, at(t, r, 0))).collect();
    if !parts.is_empty() {
        sink.identity(target(t, carry, 0), &parts, "其下各类结转之和");
    }
}

/// 财政拨款收支总表: the expenditure side adds up, column by column.
pub const FISCAL_EXPENDITURE: Rule = Rule {
    id: "TBL-108",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "财政拨款收支总表：本年支出合计等于各类支出之和，支出总计等于本年支出加结转下年",
    why: "财政拨款安排的支出，按功能分类各类相加应等于本年支出合计，再加上结转下年的部分等于支出总计；一般公共预算、政府性基金、国有资本经营三栏各自都应如此。否则财政拨款的每一分钱就没有对应的去处。",
    applies_to: BUDGET,
    needs: &[TableKind::BFiscal],
    check: check_fiscal_expenditure,
    fixtures: &[
        Fixture::fires(QB, &[("10 十、卫生健康支出 0.00 0.00 0.00 0.00", "10 十、卫生健康支出 10.00 10.00 0.00 0.00")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_fiscal_expenditure(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t) = doc.table(TableKind::BFiscal) else { return };
    let (_, exp) = sides(t);
    let Some((a, year)) = labelled(&exp, "本年支出合计") else { return };
    let classes: Vec<(usize, &Row)> = exp.iter().filter(|(i, r)| *i < a && class_code(&r.label).is_some()).copied().collect();
    let ok = |rows: &[(usize, &Row)]| rows.iter().all(|(i, _)| settled(t, *i));
    let total = labelled(&exp, "支出总计");
    for c in 0..t.columns.len() {
        if ok(&classes) && settled(t, a) {
            let terms: Vec<(i8, Located)> = classes.iter().map(|(_, r)| (1, at(t, r, c))).collect();
            sink.identity(target(t, year, c), &terms, "各功能分类支出之和");
        }
        if let Some((b, tot)) = total {
            let between: Vec<(usize, &Row)> = exp.iter().filter(|(i, _)| *i > a && *i < b).copied().collect();
            if ok(&between) && settled(t, b) && settled(t, a) {
                let mut terms = vec![(1, at(t, year, c))];
                terms.extend(between.iter().map(|(_, r)| (1, at(t, r, c))));
                sink.identity(target(t, tot, c), &terms, "本年支出合计与结转下年之和");
            }
        }
    }
}

/// 三公: 合计 = 出国 + 公务用车 + 接待; 公务用车 = 购置 + 运维.
pub const SANGONG_SUMS: Rule = Rule {
    id: "TBL-109",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "预算“三公”经费表：合计等于三项之和，公务用车费等于购置费加运行维护费",
    why: "“三公”经费是因公出国（境）费、公务用车购置及运行维护费、公务接待费三项之和，公务用车费又分购置和运行维护两部分。这些是公众最关心的数字，每一年、每一类资金都必须各自加得上。",
    applies_to: BUDGET,
    needs: &[TableKind::BSangong],
    check: check_sangong_sums,
    fixtures: &[
        // All twelve cells printed, so the line is placed and the sum checked.
        Fixture::fires(YB, &[("203.90 13.30 41.60 41.60 149.00 275.60 10.00 89.60 89.60 176.00", "213.90 13.30 41.60 0.00 41.60 149.00 275.60 10.00 89.60 0.00 89.60 176.00")]),
        Fixture::fires(QB, &[("7 三、公务接待费 280.00 280.00 0.00 0.00", "7 三、公务接待费 290.00 290.00 0.00 0.00")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_sangong_sums(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t) = doc.table(TableKind::BSangong) else { return };
    if t.columns.len() == 6 {
        // One row per year, categories across.
        for (_, r) in t.rows.iter().enumerate().filter(|(i, _)| settled(t, *i)) {
            sink.identity(
                target(t, r, 0),
                &[(1, at(t, r, 1)), (1, at(t, r, 2)), (1, at(t, r, 5))],
                "因公出国（境）费、公务用车购置及运行维护费、公务接待费之和",
            );
            sink.identity(target(t, r, 2), &[(1, at(t, r, 3)), (1, at(t, r, 4))], "公务用车购置费与运行维护费之和");
        }
        return;
    }
    // One row per category, funds across.
    let find = |p: &dyn Fn(&str) -> bool| t.rows.iter().find(|r| p(&r.label));
    let total = find(&|l| l.contains("三公"));
    let all = find(&|l| l == "合计");
    let abroad = find(&|l| l.contains("因公出国"));
    let cars = find(&|l| l.contains("购置及运行"));
    let buy = find(&|l| l.contains("购置费") && !l.contains("运行"));
    let run = find(&|l| l.contains("运行维护费") && !l.contains("购置"));
    let host = find(&|l| l.contains("公务接待"));
    let cell = |r: Option<&Row>, c: usize| r.map_or(nowhere(None), |r| at(t, r, c));
    for c in 0..t.columns.len() {
        if let Some(tr) = total {
            sink.identity(
                target(t, tr, c),
                &[(1, cell(abroad, c)), (1, cell(cars, c)), (1, cell(host, c))],
                "因公出国（境）费、公务用车购置及运行费、公务接待费之和",
            );
        }
        if let Some(cr) = cars {
            sink.identity(target(t, cr, c), &[(1, cell(buy, c)), (1, cell(run, c))], "公务用车购置费与运行维护费之和");
        }
        if let (Some(a), Some(tr)) = (all, total) {
            sink.identity(target(t, a, c), &[(1, at(t, tr, c))], "“三公”经费合计");
        }
    }
    for r in t.rows.iter() {
        sink.identity(target(t, r, 0), &(1..t.columns.len()).map(|c| (1, at(t, r, c))).collect::<Vec<_>>(), "各类资金之和");
    }
}

/// 政府采购 item table: 合计 = Σ items; 中小微预留 ≤ 合计.
pub const PROCUREMENT_ITEMS: Rule = Rule {
    id: "TBL-110",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "政府采购预算表：合计行等于各采购项目之和，中小微企业预留份额不超过采购金额",
    why: "政府采购预算表逐项列出要买的货物、工程和服务，第一行“合计”应等于各项之和；为中小微企业预留的份额是采购金额的一部分，不能超过它。对不上，说明采购预算的总数或某一项有误。",
    applies_to: BUDGET,
    needs: &[TableKind::BProcurement],
    check: check_procurement_items,
    fixtures: &[
        Fixture::fires(QB, &[("服务 30.00 30.00 30.00", "服务 40.00 40.00 40.00")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_procurement_items(doc: &crate::model::Document, sink: &mut super::Sink) {
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
    if let Some(sme) = t.columns.iter().position(|c| c.contains("中小微")) {
        for r in &t.rows {
            sink.at_least(target(t, r, 0), target(t, r, sme), "中小微企业预留份额是采购金额的一部分");
        }
    }
}
