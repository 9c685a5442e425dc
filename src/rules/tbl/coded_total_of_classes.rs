//! TBL-006 科目表：合计行等于各类（3位科目）之和
//!
//! ## 它检查什么
//!
//! 合计 row = Σ 类 rows, per column.
//!
//! ## 为什么重要
//!
//! 表格最上面的“合计”应当等于各个类级科目（如一般公共服务支出、社会保障和就业支出）之和。不相等，说明有支出或收入没有归到任何科目，或者合计算错了。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：“1 合计 17,332.62 8,723.41 8,609.21 0.00” 改为 “1 合计 17,342.62 8,733.41 8,609.21 0.00”
//! - `yantai-office-2024-final.txt`：“合 计\t\t10,041.99\t4,930.51” 改为 “合 计\t\t10,051.99\t4,940.51”
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
//! `tests/snapshots/rules/TBL-006.snap`，`cargo test TBL_006` 只运行本条。

use crate::model::Document;
use crate::rules::identity::{at, holds_exactly, Located, Target};
use crate::rules::support::coded::for_each_table;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-006",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "科目表：合计行等于各类（3位科目）之和",
    why: "表格最上面的“合计”应当等于各个类级科目（如一般公共服务支出、社会保障和就业支出）之和。不相等，说明有支出或收入没有归到任何科目，或者合计算错了。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(QB, &[("1 合计 17,332.62 8,723.41 8,609.21 0.00", "1 合计 17,342.62 8,733.41 8,609.21 0.00")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
        Fixture::fires(Y, &[("合 计\t\t10,041.99\t4,930.51", "合 计\t\t10,051.99\t4,940.51")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    for_each_table(doc, sink, |t, sink| {
        let Some(ti) = t.rows.iter().position(|r| r.code.is_none()) else { return };
        let classes: Vec<usize> = (0..t.rows.len()).filter(|i| t.rows[*i].code.as_deref().is_some_and(|c| c.len() == 3)).collect();
        if t.unresolved.contains(&ti) || classes.iter().any(|i| t.unresolved.contains(i)) {
            return;
        }
        for c in 0..t.columns.len() {
            // Most totals hold: settled on the printed values, before the
            // terms are located.
            let total = t.rows.get(ti).and_then(|r| r.value(c));
            if holds_exactly(total, classes.iter().map(|i| (1, t.rows.get(*i).and_then(|r| r.value(c))))) {
                continue;
            }
            let terms: Vec<(i8, Located)> = classes.iter().map(|i| (1, at(t, &t.rows[*i], c))).collect();
            sink.identity(Target::cell(t, &t.rows[ti], c), &terms, "各类级科目之和");
        }
    });
}
