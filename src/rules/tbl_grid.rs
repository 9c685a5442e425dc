//! Identities of the tables the general reader read, by column meaning and
//! row role, so that one rule runs on every region's layout:
//! a row's 合计 column against its parts (TBL-201), 类/款/项 and 合计 rows
//! (TBL-202), the items and totals of each panel of a 收支总表 (TBL-203), the
//! “三公” table's columns (TBL-204), and the same totals across tables (XTBL-201).

use super::identity::{at, Target};
use super::{Family, Fixture, Rule, Severity, Sink};
use crate::model::{DocumentKind, Grid, Meaning, Row, Table, TableKind};
use crate::tables::grid::sangong::SangongCols;

const BOTH: &[DocumentKind] = &[DocumentKind::FinalAccounts, DocumentKind::Budget];
const YB: &str = "yantai-office-2023-budget.txt";
const Y: &str = "yantai-office-2024-final.txt";
/// A made-up budget in layout text (tests/fixtures), the form these rules read.
const L: &str = "layout-budget-sample.txt";

/// A label that names a total of its panel ("合计", "收入总计", "支出合计").
pub fn is_total(label: &str) -> bool {
    (label.contains("合计") || label.contains("总计")) && !label.contains("小计")
}

/// "一、…", "十二、…": a top-level item of a summary panel.
fn is_item(label: &str) -> bool {
    let n: String = label.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).collect();
    !n.is_empty() && label[n.len()..].starts_with('、')
}

/// "1.…", "（1）…": an item under the item above it.
fn is_sub_item(label: &str) -> bool {
    let n: String = label.chars().take_while(|c| c.is_ascii_digit()).collect();
    !n.is_empty() && label[n.len()..].starts_with(['.', '．', '、'])
}

/// Each row: the 合计 column equals its parts.
pub const ROW_SUM: Rule = Rule {
    id: "TBL-201",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "各表（按表头读取）：每一行的合计栏等于其各组成栏之和",
    why: "收入总表、支出总表、一般公共预算支出表等，每一行的“合计”栏应等于其后各栏之和（如合计 = 基本支出 + 项目支出，合计 = 人员经费 + 公用经费，合计 = 财政拨款 + 事业收入 + 其他收入）。某一行对不上，说明这个科目的数字自相矛盾。",
    applies_to: BOTH,
    needs: &[],
    check: |doc, sink| {
        for (t, g) in doc.grid_tables().filter(|(t, _)| !matches!(t.kind, TableKind::BSangong | TableKind::F09)) {
            for p in &g.panels {
                let cols: Vec<usize> = p.columns.clone().collect();
                let totals: Vec<usize> = cols.iter().copied().filter(|c| g.meanings[*c] == Meaning::Total).collect();
                let [total] = totals[..] else { continue };
                if cols.first() != Some(&total) || cols.len() < 3 {
                    continue;
                }
                let has_basic = cols.iter().any(|c| g.meanings[*c] == Meaning::Basic);
                let parts: Vec<usize> = cols[1..]
                    .iter()
                    .copied()
                    .filter(|c| !(has_basic && matches!(g.meanings[*c], Meaning::Personnel | Meaning::Public)))
                    .collect();
                for r in &t.rows[p.rows.clone()] {
                    if r.value(total).is_none() {
                        continue;
                    }
                    let terms: Vec<(i8, _)> = parts.iter().map(|c| (1, at(t, r, *c))).collect();
                    sink.identity(Target::cell(t, r, total), &terms, "本行其余各栏之和");
                }
            }
        }
    },
    fixtures: &[Fixture::fires(L, &[("2010101     行政运行                              800.00", "2010101     行政运行                              810.00")]), Fixture::quiet(L), Fixture::quiet(YB), Fixture::quiet(Y)],
};

/// 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类, per column.
pub const HIERARCHY: Rule = Rule {
    id: "TBL-202",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "各科目表（按表头读取）：合计等于各类之和，类等于各款之和，款等于各项之和",
    why: "政府收支分类科目分级列示：功能分类的类（3位）、款（5位）、项（7位），经济分类的类（3位）、款（5位）。上一级的金额必须等于下一级之和，表上的合计必须等于各类之和。对不上，说明某一项的钱数或归类有误。",
    applies_to: BOTH,
    needs: &[],
    check: |doc, sink| {
        for (t, g) in doc.grid_tables() {
            for p in &g.panels {
                let rows = &t.rows[p.rows.clone()];
                check_hierarchy(t, rows, p.columns.clone(), sink);
            }
        }
    },
    fixtures: &[Fixture::fires(L, &[("30101       基本工资                              500.00        500.00", "30101       基本工资                              510.00        510.00")]), Fixture::quiet(L), Fixture::quiet(YB), Fixture::quiet(Y)],
};

fn check_hierarchy(t: &Table, rows: &[Row], cols: std::ops::Range<usize>, sink: &mut Sink) {
    fn code(r: &Row) -> Option<&str> {
        r.code.as_deref().filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
    }
    let count = |c: &str| rows.iter().filter(|r| code(r) == Some(c)).count();
    for parent in rows {
        let Some(pc) = code(parent) else { continue };
        let child_len = match pc.len() {
            3 => 5,
            5 => 7,
            _ => continue,
        };
        if count(pc) != 1 {
            continue; // printed twice: which is the parent is not clear
        }
        let kids: Vec<&Row> = rows.iter().filter(|r| code(r).is_some_and(|c| c.len() == child_len && c.starts_with(pc))).collect();
        if kids.is_empty() {
            continue;
        }
        let level = if child_len == 5 { "所属各款" } else { "所属各项" };
        for c in cols.clone() {
            if parent.value(c).is_none() {
                continue;
            }
            let terms: Vec<(i8, _)> = kids.iter().map(|k| (1, at(t, k, c))).collect();
            sink.identity(Target::cell(t, parent, c), &terms, &format!("{level}之和"));
        }
    }
    // The 合计 row: the sum of the 类 rows.
    let classes: Vec<&Row> = rows.iter().filter(|r| code(r).is_some_and(|c| c.len() == 3)).collect();
    let totals: Vec<&Row> = rows.iter().filter(|r| r.code.is_none() && is_total(&r.label)).collect();
    if let ([total], false) = (&totals[..], classes.is_empty()) {
        for c in cols {
            if total.value(c).is_none() {
                continue;
            }
            let terms: Vec<(i8, _)> = classes.iter().map(|k| (1, at(t, k, c))).collect();
            sink.identity(Target::cell(t, total, c), &terms, "各类级科目之和");
        }
    }
}

/// Each panel of a 收支总表: items add up to the subtotal and total; the
/// income and expenditure totals agree.
pub const PANEL_TOTALS: Rule = Rule {
    id: "TBL-203",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "收支总表（按表头读取）：各项收入、支出之和等于小计和总计，收入总计等于支出总计",
    why: "收支总表左边列收入、右边列支出：各项收入（一、二、三……）之和应等于本年收入小计，加上上年结转等于收入总计；支出同理；收入总计与支出总计必须相等。对不上，说明总表本身算错或漏列了某一项。",
    applies_to: BOTH,
    needs: &[],
    check: |doc, sink| {
        for (t, g) in doc.grid_tables() {
            let mut grand: Vec<(&Row, usize)> = Vec::new();
            for p in &g.panels {
                let [col] = p.columns.clone().collect::<Vec<_>>()[..] else { continue };
                let rows = &t.rows[p.rows.clone()];
                panel_sums(t, rows, col, sink);
                if let Some(r) = rows.iter().rev().find(|r| is_total(&r.label) && r.value(col).is_some()) {
                    grand.push((r, col));
                }
            }
            let income = grand.iter().find(|(r, _)| r.label.contains("收入"));
            let spend = grand.iter().find(|(r, _)| r.label.contains("支出"));
            if let (Some((ri, ci)), Some((rs, cs))) = (income, spend) {
                sink.identity(Target::cell(t, rs, *cs), &[(1, at(t, ri, *ci))], "收入总计");
            }
        }
    },
    fixtures: &[Fixture::fires(L, &[("当年收入小计              1,520.00", "当年收入小计              1,530.00")]), Fixture::quiet(L), Fixture::quiet(YB), Fixture::quiet(Y)],
};

fn panel_sums(t: &Table, rows: &[Row], col: usize, sink: &mut Sink) {
    // An item with sub-items directly under it is their sum.
    for (i, r) in rows.iter().enumerate() {
        if !is_item(&r.label) || r.value(col).is_none() {
            continue;
        }
        let subs: Vec<&Row> = rows[i + 1..].iter().take_while(|s| is_sub_item(&s.label)).collect();
        if subs.is_empty() || subs.iter().all(|s| s.value(col).is_none()) {
            continue;
        }
        let terms: Vec<(i8, _)> = subs.iter().map(|s| (1, at(t, s, col))).collect();
        sink.identity(Target::cell(t, r, col), &terms, "其下各分项之和");
    }
    let sub = rows.iter().position(|r| r.label.contains("小计"));
    let total = rows.iter().position(|r| is_total(&r.label));
    // The items a subtotal or total adds up are those printed above it.
    let items_before = |end: usize| -> Vec<&Row> { rows[..end].iter().filter(|r| is_item(&r.label)).collect() };
    match (sub, total) {
        (Some(s), _) if rows[s].value(col).is_some() && !items_before(s).is_empty() => {
            let terms: Vec<(i8, _)> = items_before(s).iter().map(|r| (1, at(t, r, col))).collect();
            sink.identity(Target::cell(t, &rows[s], col), &terms, "各项之和");
            if let Some(tt) = total.filter(|tt| *tt > s && rows[*tt].value(col).is_some()) {
                let terms: Vec<(i8, _)> = rows[s..tt].iter().map(|r| (1, at(t, r, col))).collect();
                sink.identity(Target::cell(t, &rows[tt], col), &terms, "小计与其后各项之和");
            }
        }
        (None, Some(tt)) if rows[tt].value(col).is_some() && !items_before(tt).is_empty() => {
            let terms: Vec<(i8, _)> = items_before(tt).iter().map(|r| (1, at(t, r, col))).collect();
            sink.identity(Target::cell(t, &rows[tt], col), &terms, "各项之和");
        }
        _ => {}
    }
}

/// The “三公” table: 合计 = 出国 + 接待 + 公务用车; 公务用车 = 购置 + 运行;
/// with 会议费、培训费, 合计 = 三公小计 + 会议费 + 培训费.
pub const SANGONG: Rule = Rule {
    id: "TBL-204",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "“三公”经费表（按表头读取）：合计等于各项之和",
    why: "“三公”经费合计等于因公出国（境）费、公务接待费和公务用车购置及运行费之和，公务用车费又等于购置费与运行费之和；表中同时列会议费、培训费的，总合计还要加上这两项。对不上，说明三公经费的某个数有误。",
    applies_to: BOTH,
    needs: &[],
    check: |doc, sink| {
        for (t, g) in doc.grid_tables().filter(|(t, _)| matches!(t.kind, TableKind::BSangong | TableKind::F09)) {
            // One row of figures under a many-level header: only when every
            // caption pairs with its column in order is the column certain.
            if !g.exact {
                sink.skip(format!("{}的表头与数字不能一一对应（有空白栏或折行的栏名），表内各项之和未核对", t.no()));
                continue;
            }
            let Some(c) = SangongCols::of(g) else { continue };
            for r in &t.rows {
                if let (Some(v), Some(b), Some(o)) = (c.vehicle, c.purchase, c.operation) {
                    if r.value(v).is_some() {
                        sink.identity(Target::cell(t, r, v), &[(1, at(t, r, b)), (1, at(t, r, o))], "公务用车购置费与运行费之和");
                    }
                }
                let vehicle: Vec<usize> = match (c.vehicle, c.purchase, c.operation) {
                    (Some(v), _, _) => vec![v],
                    (None, Some(b), Some(o)) => vec![b, o],
                    _ => continue,
                };
                let (Some(abroad), Some(reception)) = (c.abroad, c.reception) else { continue };
                let mut three: Vec<usize> = vec![abroad, reception];
                three.extend(vehicle);
                let target = c.subtotal.or(if c.meeting.is_none() && c.training.is_none() { Some(c.total) } else { None });
                if let Some(s) = target.filter(|s| r.value(*s).is_some()) {
                    let terms: Vec<(i8, _)> = three.iter().map(|k| (1, at(t, r, *k))).collect();
                    sink.identity(Target::cell(t, r, s), &terms, "因公出国（境）费、公务接待费与公务用车购置及运行费之和");
                }
                if let (Some(s), Some(m), Some(tr)) = (c.subtotal, c.meeting, c.training) {
                    if r.value(c.total).is_some() {
                        sink.identity(Target::cell(t, r, c.total), &[(1, at(t, r, s)), (1, at(t, r, m)), (1, at(t, r, tr))], "“三公”经费小计、会议费与培训费之和");
                    }
                }
            }
        }
    },
    fixtures: &[Fixture::fires(L, &[("    100.00       60.00", "    100.00       70.00")]), Fixture::quiet(L), Fixture::quiet(YB), Fixture::quiet(Y)],
};

/// The grand total of a table: its 合计/总计 row in the first column, or
/// the first cell of a one-row table whose first column is a total.
fn grand_total(t: &Table, g: &Grid, label: Option<&str>) -> Option<(usize, usize)> {
    let panel = g.panels.iter().find(|p| label.is_none_or(|l| t.rows[p.rows.clone()].iter().any(|r| r.label.contains(l))))?;
    let col = panel.columns.start;
    if panel.columns.is_empty() {
        return None;
    }
    let rows = panel.rows.clone();
    if let Some(i) = rows.clone().find(|i| {
        let r = &t.rows[*i];
        r.code.is_none()
            && is_total(&r.label)
            && label.is_none_or(|l| r.label.contains(l) || !r.label.contains(['收', '支']))
            && r.value(col).is_some()
    }) {
        return Some((i, col));
    }
    (rows.len() == 1 && g.meanings[col] == Meaning::Total && t.rows[rows.start].value(col).is_some()).then_some((rows.start, col))
}

/// The same total printed in two tables agrees.
pub const TOTALS_ACROSS: Rule = Rule {
    id: "XTBL-201",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "表间（按表头读取）：收支总表的收入、支出总计与收入总表、支出总表的合计一致",
    why: "收支总表的收入总计应等于收入总表的合计，支出总计应等于支出总表的合计；一般公共预算基本支出表的合计应等于一般公共预算支出表的基本支出合计。同一个数在两张表上不一样，至少有一张表印错了。",
    applies_to: BOTH,
    needs: &[],
    check: |doc, sink| {
        let grid = |k: TableKind| doc.grid_tables().find(|(t, _)| t.kind == k);
        let pairs: [(TableKind, Option<&str>, TableKind, Option<&str>, &str); 2] = [
            (TableKind::BIncome, None, TableKind::BSummary, Some("收入"), "收支总表的收入总计"),
            (TableKind::BExpenditure, None, TableKind::BSummary, Some("支出"), "收支总表的支出总计"),
        ];
        for (ka, la, kb, lb, what) in pairs {
            let (Some((ta, ga)), Some((tb, gb))) = (grid(ka), grid(kb)) else { continue };
            let (Some((ra, ca)), Some((rb, cb))) = (grand_total(ta, ga, la), grand_total(tb, gb, lb)) else {
                sink.skip(format!("《{}》或《{}》没有可辨认的合计，未比较", ta.title, tb.title));
                continue;
            };
            sink.identity(Target::cell(ta, &ta.rows[ra], ca), &[(1, at(tb, &tb.rows[rb], cb))], what);
        }
        // 一般公共预算基本支出表 合计 = 一般公共预算支出表 基本支出 合计.
        if let (Some((te, ge)), Some((tg, gg))) = (grid(TableKind::BBasicEcon), grid(TableKind::BGeneral)) {
            let basic = gg.meanings.iter().position(|m| *m == Meaning::Basic);
            if let (Some((re, ce)), Some((rg, _)), Some(b)) = (grand_total(te, ge, None), grand_total(tg, gg, None), basic) {
                sink.identity(Target::cell(te, &te.rows[re], ce), &[(1, at(tg, &tg.rows[rg], b))], "一般公共预算支出表的基本支出合计");
            }
        }
    },
    fixtures: &[Fixture::fires(L, &[("    1,520.00        1,000.00          520.00", "    1,530.00        1,010.00          520.00")]), Fixture::quiet(L), Fixture::quiet(YB), Fixture::quiet(Y)],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_roles_from_labels() {
        assert!(is_total("收入总计") && is_total("合计") && !is_total("当年收入小计"));
        assert!(is_item("一、财政拨款") && is_item("十二、农林水支出") && !is_item("1.一般公共预算"));
        assert!(is_sub_item("1.一般公共预算") && is_sub_item("2．政府性基金") && !is_sub_item("一、财政拨款"));
    }
}
