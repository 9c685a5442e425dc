//! XTBL-103 收入总表与收支总表的收入一致（总数和每一种来源）
//!
//! ## 它检查什么
//!
//! 收入总表 = 收支总表 income, in total and by source.
//!
//! ## 为什么重要
//!
//! 收入总表按科目列出部门的全部收入，收支总表按来源列出同样的钱：收入总表的合计应等于收支总表的收入总计，财政拨款、事业收入、上年结转等每一栏也应等于收支总表中对应的一项。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：“1 合计 17,332.62 17,332.62 17,332.62 0.00 0.00 0…” 改为 “1 合计 17,342.62 17,342.62 17,342.62 0.00 0.00 0…”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-103.snap`，`cargo test XTBL_103` 只运行本条。

use crate::model::{Document, Row, Source, TableKind};
use crate::rules::identity::at;
use crate::rules::support::budget::{labelled, sides, sums_equal, total_rows};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-103",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "收入总表与收支总表的收入一致（总数和每一种来源）",
    why: "收入总表按科目列出部门的全部收入，收支总表按来源列出同样的钱：收入总表的合计应等于收支总表的收入总计，财政拨款、事业收入、上年结转等每一栏也应等于收支总表中对应的一项。",
    applies_to: BUDGET,
    needs: &[TableKind::BIncome, TableKind::BSummary],
    check,
    fixtures: fixtures![
        Fixture::fires(QB, &[("1 合计 17,332.62 17,332.62 17,332.62 0.00 0.00 0.00 0.00 0.00 0.00 0.00", "1 合计 17,342.62 17,342.62 17,342.62 0.00 0.00 0.00 0.00 0.00 0.00 0.00")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let (Some(t), Some(s)) = (doc.table(TableKind::BIncome), doc.table(TableKind::BSummary)) else { return };
    // Only a table read by a template layout knows what its columns hold.
    if t.sources.is_empty() {
        return;
    }
    let Some(rows) = total_rows(t) else { return };
    let (si, _) = sides(s);
    if let Some((_, grand)) = labelled(&si, "收入总计") {
        sums_equal(sink, t, &rows, 0, vec![at(s, grand, 0)], || format!("公开表{}的收入总计", s.no()));
    }
    for (c, src) in t.sources.iter().enumerate() {
        if matches!(src, Source::None) {
            continue;
        }
        let stated: Vec<&Row> = si.iter().filter(|(i, _)| s.stated(*i) == Some(*src)).map(|(_, r)| *r).collect();
        // Only a source stated by exactly one row anchors its column.
        if let [r] = stated.as_slice() {
            sums_equal(sink, t, &rows, c, vec![at(s, r, 0)], || format!("公开表{}“{}”", s.no(), r.label));
        }
    }
}
