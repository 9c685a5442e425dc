//! TBL-109 预算“三公”经费表：合计等于三项之和，公务用车费等于购置费加运行维护费
//!
//! ## 它检查什么
//!
//! 三公: 合计 = 出国 + 公务用车 + 接待; 公务用车 = 购置 + 运维.
//!
//! ## 为什么重要
//!
//! “三公”经费是因公出国（境）费、公务用车购置及运行维护费、公务接待费三项之和，公务用车费又分购置和运行维护两部分。这些是公众最关心的数字，每一年、每一类资金都必须各自加得上。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“203.90 13.30 41.60 41.60 149.00 275.60 10.00 8…” 改为 “213.90 13.30 41.60 0.00 41.60 149.00 275.60 10…”
//! - `qingdao-office-2023-budget.txt`：“7 三、公务接待费 280.00 280.00 0.00 0.00” 改为 “7 三、公务接待费 290.00 290.00 0.00 0.00”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-109.snap`，`cargo test TBL_109` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::{at, nowhere};
use crate::rules::support::budget::{settled, target};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::support::text::Holds;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-109",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "预算“三公”经费表：合计等于三项之和，公务用车费等于购置费加运行维护费",
    why: "“三公”经费是因公出国（境）费、公务用车购置及运行维护费、公务接待费三项之和，公务用车费又分购置和运行维护两部分。这些是公众最关心的数字，每一年、每一类资金都必须各自加得上。",
    applies_to: BUDGET,
    needs: &[TableKind::BSangong],
    check,
    fixtures: fixtures![
        // All twelve cells printed, so the line is placed and the sum checked.
        Fixture::fires(YB, &[("203.90 13.30 41.60 41.60 149.00 275.60 10.00 89.60 89.60 176.00", "213.90 13.30 41.60 0.00 41.60 149.00 275.60 10.00 89.60 0.00 89.60 176.00")]),
        Fixture::fires(QB, &[("7 三、公务接待费 280.00 280.00 0.00 0.00", "7 三、公务接待费 290.00 290.00 0.00 0.00")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
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
    let total = find(&|l| l.holds("三公"));
    let all = find(&|l| l == "合计");
    let abroad = find(&|l| l.holds("因公出国"));
    let cars = find(&|l| l.holds("购置及运行"));
    let buy = find(&|l| l.holds("购置费") && !l.holds("运行"));
    let run = find(&|l| l.holds("运行维护费") && !l.holds("购置"));
    let host = find(&|l| l.holds("公务接待"));
    let cell = |r: Option<_>, c: usize| r.map_or(nowhere(None), |r| at(t, r, c));
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
