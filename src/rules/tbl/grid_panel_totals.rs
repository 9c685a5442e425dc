//! TBL-203 收支总表（按表头读取）：各项收入、支出之和等于小计和总计，收入总计等于支出总计
//!
//! ## 它检查什么
//!
//! Each panel of a 收支总表: items add up to the subtotal and total; the
//! income and expenditure totals agree. In the national 决算 form (no 小计,
//! "总计" on both sides): 本年收入合计 (本年支出合计) and the rows after it add
//! up to 总计, a carry row over "一、…" funds is their sum, and the two 总计
//! agree; a side of several columns (04's 支出) by its 合计 column. A panel
//! of items with no total of its own (Jiangsu's 支出 by purpose) adds up to
//! the 支出 subtotal of the panel on its left.
//!
//! ## 为什么重要
//!
//! 收支总表左边列收入、右边列支出：各项收入（一、二、三……）之和应等于本年收入小计，加上上年结转等于收入总计；支出同理；收入总计与支出总计必须相等。对不上，说明总表本身算错或漏列了某一项。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `layout-budget-sample.txt`：“当年收入小计              1,520.00” 改为 “当年收入小计              1,530.00”
//!
//! 本条不报告的样例：
//!
//! - `layout-budget-sample.txt`（原样）
//! - `yantai-office-2023-budget.txt`（原样）
//! - `yantai-office-2024-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-203.snap`，`cargo test TBL_203` 只运行本条。

use crate::model::{Document, Meaning, Row, Table};
use crate::rules::identity::{at, Target};
use crate::rules::support::corpus::{fixtures, L, Y, YB};
use crate::rules::support::grid::is_total;
use crate::rules::support::kinds::BOTH;
use crate::rules::support::text::{reads, unspaced, Holds};
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-203",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "收支总表（按表头读取）：各项收入、支出之和等于小计和总计，收入总计等于支出总计",
    why: "收支总表左边列收入、右边列支出：各项收入（一、二、三……）之和应等于本年收入小计，加上上年结转等于收入总计；支出同理；收入总计与支出总计必须相等。对不上，说明总表本身算错或漏列了某一项。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(L, &[("当年收入小计              1,520.00", "当年收入小计              1,530.00")]);
        quiet L, YB, Y
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    for (t, g) in doc.grid_tables() {
        let mut grand: Vec<(&Row, usize)> = Vec::new();
        // The 总计 rows of a 决算's 收支总表, named alike on both sides.
        let mut bare_totals: Vec<(&Row, usize)> = Vec::new();
        for p in &g.panels {
            let rows = &t.rows[p.rows.clone()];
            let cols: Vec<usize> = p.columns.clone().collect();
            let col = match cols[..] {
                [col] => {
                    panel_sums(t, rows, col, sink);
                    col
                }
                // A side of several columns (04's 支出: 合计 and each fund):
                // its 合计 column carries the side's totals.
                [first, ..] if g.meanings.get(first) == Some(&Meaning::Total) => first,
                _ => continue,
            };
            carry_sums(t, rows, col, sink);
            if let Some(r) = rows.iter().rev().find(|r| is_total(&r.label) && r.value(col).is_some()) {
                grand.push((r, col));
                if reads(&r.label, "总计") {
                    bare_totals.push((r, col));
                }
            }
        }
        purpose_panel(t, g, sink);
        let income = grand.iter().find(|(r, _)| r.label.holds("收入"));
        let spend = grand.iter().find(|(r, _)| r.label.holds("支出"));
        match (income, spend, &bare_totals[..]) {
            (Some((ri, ci)), Some((rs, cs)), _) => sink.identity(Target::cell(t, rs, *cs), &[(1, at(t, ri, *ci))], "收入总计"),
            // "总计" on both sides (the national 决算 form): 收入 left, 支出 right.
            (None, None, [(ri, ci), (rs, cs)]) if g.panels.len() == 2 => {
                sink.identity(Target::cell(t, rs, *cs), &[(1, at(t, ri, *ci))], "收入方的总计")
            }
            _ => {}
        }
    }
}

/// A panel of items with no total row of its own, right of a panel whose
/// 支出 subtotal it divides another way (Jiangsu's 收支预算总表: 一、基本支出
/// 二、项目支出 三、单位预留机动经费 beside the functional classes, their
/// total on the classes' 当年支出小计 line): its items add up to that subtotal.
fn purpose_panel(t: &Table, g: &crate::model::Grid, sink: &mut Sink) {
    for w in g.panels.windows(2) {
        let (left, right) = (&w[0], &w[1]);
        let ([lc], [rc]) = (&left.columns.clone().collect::<Vec<_>>()[..], &right.columns.clone().collect::<Vec<_>>()[..]) else {
            continue;
        };
        let rows = &t.rows[right.rows.clone()];
        if rows.iter().any(|r| is_total(&r.label) || r.label.holds("小计")) || !rows.iter().all(|r| is_item(&r.label)) {
            continue;
        }
        let lrows = &t.rows[left.rows.clone()];
        let Some(sub) = lrows.iter().find(|r| r.label.holds("支出") && (r.label.holds("小计") || is_total(&r.label))) else { continue };
        if sub.value(*lc).is_none() || rows.iter().all(|r| r.value(*rc).is_none()) {
            continue;
        }
        let terms: Vec<(i8, _)> = rows.iter().map(|r| (1, at(t, r, *rc))).collect();
        sink.identity(Target::cell(t, sub, *lc), &terms, "支出用途所列各项之和");
    }
}

/// The national 决算 form's side of a 收支总表: "本年收入合计" (or 本年支出合计)
/// then the rows before "总计" (使用结余, 年初结转和结余; 结余分配, 年末结转
/// 和结余), which add up to it; a row those rows name by "一、…" items under
/// it (04's 年初财政拨款结转和结余 by fund) is their sum, and counts once.
fn carry_sums(t: &Table, rows: &[Row], col: usize, sink: &mut Sink) {
    if rows.iter().any(|r| r.label.holds("小计")) {
        return; // panel_sums' subtotal and total.
    }
    let Some(s) = rows.iter().position(|r| unspaced(&r.label).take(2).eq("本年".chars()) && is_total(&r.label)) else { return };
    let Some(tt) = rows.iter().rposition(|r| reads(&r.label, "总计")).filter(|tt| *tt > s + 1) else { return };
    if rows[tt].value(col).is_none() || rows[s].value(col).is_none() {
        return;
    }
    let mut terms = vec![(1, at(t, &rows[s], col))];
    let mut i = s + 1;
    while i < tt {
        let r = &rows[i];
        let items: Vec<&Row> = rows[i + 1..tt].iter().take_while(|x| is_item(&x.label)).collect();
        if is_item(&r.label) || is_sub_item(&r.label) {
            // Items not under a carry row: not this form; leave it.
            return;
        }
        if !items.is_empty() && r.value(col).is_some() && items.iter().any(|x| x.value(col).is_some()) {
            let parts: Vec<(i8, _)> = items.iter().map(|x| (1, at(t, x, col))).collect();
            sink.identity(Target::cell(t, r, col), &parts, "其下各分项之和");
        }
        terms.push((1, at(t, r, col)));
        i += 1 + items.len();
    }
    sink.identity(Target::cell(t, &rows[tt], col), &terms, "本年合计与其后各项之和");
}

/// "一、…", "十二、…": a top-level item of a summary panel.
fn is_item(label: &str) -> bool {
    // Asked of every row in several passes: a slice, no copy of the numeral.
    let rest = label.trim_start_matches(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']);
    rest.len() < label.len() && rest.starts_with('、')
}

/// "1.…", "（1）…": an item under the item above it.
fn is_sub_item(label: &str) -> bool {
    let rest = label.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < label.len() && rest.starts_with(['.', '．', '、'])
}

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
    let sub = rows.iter().position(|r| r.label.holds("小计"));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_roles_from_labels() {
        assert!(is_total("收入总计") && is_total("合计") && !is_total("当年收入小计"));
        assert!(is_item("一、财政拨款") && is_item("十二、农林水支出") && !is_item("1.一般公共预算"));
        assert!(is_sub_item("1.一般公共预算") && is_sub_item("2．政府性基金") && !is_sub_item("一、财政拨款"));
        assert!(!is_item("、") && !is_item("一二") && !is_item("") && !is_item("第一、"));
        assert!(!is_sub_item(".5") && !is_sub_item("12") && is_sub_item("12、其他"));
        assert!(reads("总 计", "总计") && reads("总计", "总计") && !reads("收入总计", "总计"));
    }
}
