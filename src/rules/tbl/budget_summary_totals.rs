//! TBL-103 预算收支总表：收入总计、支出总计等于本年合计加结转等各项
//!
//! ## 它检查什么
//!
//! 收入总计 / 支出总计 = 本年合计 + the rows between.
//!
//! ## 为什么重要
//!
//! 收入总计 = 本年收入 + 上年结转、上级补助、使用结余等；支出总计 = 本年支出 + 结转下年、上缴上级等。这两个等式说明钱从哪里来、到哪里去，不成立就意味着有一笔钱说不清。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“上年结转 结转下年” 改为 “上年结转 10.00 结转下年”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-103.snap`，`cargo test TBL_103` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::at;
use crate::rules::support::budget::{labelled, sides, target};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-103",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "预算收支总表：收入总计、支出总计等于本年合计加结转等各项",
    why: "收入总计 = 本年收入 + 上年结转、上级补助、使用结余等；支出总计 = 本年支出 + 结转下年、上缴上级等。这两个等式说明钱从哪里来、到哪里去，不成立就意味着有一笔钱说不清。",
    applies_to: BUDGET,
    needs: &[TableKind::BSummary],
    check,
    fixtures: fixtures![
        Fixture::fires(YB, &[("上年结转 结转下年", "上年结转 10.00 结转下年")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
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
