//! TBL-007 科目表：类等于所属各款之和，款等于所属各项之和
//!
//! ## 它检查什么
//!
//! 类 = Σ 款, 款 = Σ 项, per column; every 项 has its 款 and 类.
//!
//! ## 为什么重要
//!
//! 政府收支分类科目分三级：类（3位）、款（5位）、项（7位）。上一级的金额必须等于下一级之和。对不上，说明某一项的钱数或归类有误，公众据此了解的资金用途就不可靠。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：“8 30108 机关事业单位基本养老保险缴费 530.34 530.34 0.00” 改为 “8 30108 机关事业单位基本养老保险缴费 540.34 540.34 0.00”
//! - `yantai-office-2024-final.txt`：“2010302\t一般行政管理事务\t4,646.70\t4,646.70” 改为 “2010302\t一般行政管理事务\t4,656.70\t4,656.70”
//! - `qingdao-office-2024-final.txt`：“2080506 机关事业单位职业年金缴费支出 377.25 377.25” 改为 “2080506 机关事业单位职业年金缴费支出 387.25 387.25”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-007.snap`，`cargo test TBL_007` 只运行本条。

use crate::model::Document;
use crate::rules::identity::{at, holds_exactly, Located, Target};
use crate::rules::support::coded::for_each_table;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-007",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "科目表：类等于所属各款之和，款等于所属各项之和",
    why: "政府收支分类科目分三级：类（3位）、款（5位）、项（7位）。上一级的金额必须等于下一级之和。对不上，说明某一项的钱数或归类有误，公众据此了解的资金用途就不可靠。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(QB, &[("8 30108 机关事业单位基本养老保险缴费 530.34 530.34 0.00", "8 30108 机关事业单位基本养老保险缴费 540.34 540.34 0.00")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
        Fixture::fires(Y, &[("2010302\t一般行政管理事务\t4,646.70\t4,646.70", "2010302\t一般行政管理事务\t4,656.70\t4,656.70")]),
        Fixture::fires(Q, &[("2080506 机关事业单位职业年金缴费支出 377.25 377.25", "2080506 机关事业单位职业年金缴费支出 387.25 387.25")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    for_each_table(doc, sink, |t, sink| {
        let index = crate::rules::index::Codes::of(t);
        let mut skipped = std::collections::HashSet::new();
        // One buffer for every parent's terms, not a Vec per parent and column.
        let mut terms: Vec<(i8, Located)> = Vec::new();
        for (pi, parent) in t.rows.iter().enumerate() {
            let Some(code) = parent.code.as_deref() else { continue };
            let child_len = match code.len() {
                3 => 5,
                5 => 7,
                _ => continue,
            };
            let kids = index.children(code);
            if kids.is_empty() || index.unresolved(pi) || kids.iter().any(|k| index.unresolved(*k)) {
                continue;
            }
            if index.count(code) > 1 {
                // Once per code: which rows belong to which occurrence is unknown.
                if skipped.insert(code) {
                    sink.skip(format!(
                        "{}的科目编码 {code} 出现了不止一次，无法确定其下各级科目属于哪一次，未核对其分级合计",
                        crate::rules::identity::table_name(&t.no())
                    ));
                }
                continue;
            }
            let what = if child_len == 5 { "所属各款之和" } else { "所属各项之和" };
            for c in 0..t.columns.len() {
                // Most sums hold: settled on the printed values, before the
                // terms are located.
                if holds_exactly(parent.value(c), kids.iter().map(|k| (1, t.rows.get(*k).and_then(|r| r.value(c))))) {
                    continue;
                }
                terms.clear();
                terms.extend(kids.iter().map(|k| (1, at(t, &t.rows[*k], c))));
                sink.identity(Target::cell(t, parent, c), &terms, what);
            }
        }
    });
}
