//! TBL-010 财政拨款收入支出决算总表：支出一侧各栏、合计与总计，以及收支平衡
//!
//! ## 它检查什么
//!
//! Expenditure side: rows 合计 = Σ funds; \[59\] = Σ\[33..58\]; \[64\] = \[59\]+\[60\]; \[64\] = \[32\].
//!
//! ## 为什么重要
//!
//! 每一类支出的“合计”应等于三类财政拨款之和；本年支出合计应等于各功能分类之和；支出总计应等于本年支出加年末结转结余，并与收入总计相等。这些关系保证财政拨款的每一分钱都有去处。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2024-final.txt`：“本年收入合计 27 17,127.83 本年支出合计 59 17,127.83 17,127…” 改为 “本年收入合计 27 17,127.83 本年支出合计 59 17,137.83 17,127…”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-010.snap`，`cargo test TBL_010` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::{at, Target};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::fiscal04::{line_sum, row};
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

const NEEDS: &[TableKind] = &[TableKind::F04];

pub const RULE: Rule = Rule {
    id: "TBL-010",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "财政拨款收入支出决算总表：支出一侧各栏、合计与总计，以及收支平衡",
    why: "每一类支出的“合计”应等于三类财政拨款之和；本年支出合计应等于各功能分类之和；支出总计应等于本年支出加年末结转结余，并与收入总计相等。这些关系保证财政拨款的每一分钱都有去处。",
    applies_to: FINAL,
    needs: NEEDS,
    check,
    fixtures: fixtures![
        Fixture::fires(Q, &[("本年收入合计 27 17,127.83 本年支出合计 59 17,127.83 17,127.83", "本年收入合计 27 17,127.83 本年支出合计 59 17,137.83 17,127.83")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t) = doc.table(TableKind::F04) else { return };
    for n in 33..=64 {
        if let Some(r) = row(t, n) {
            sink.identity(Target::cell(t, r, 0), &[(1, at(t, r, 1)), (1, at(t, r, 2)), (1, at(t, r, 3))], "三类财政拨款之和");
        }
    }
    let classes: Vec<u32> = (33..=58).collect();
    // Each sum's rows found once for its four columns.
    let spent = line_sum(t, 59, &classes, "各功能分类支出（行次33—58）之和");
    let total = line_sum(t, 64, &[59, 60], "本年支出合计与年末结转和结余之和");
    for c in 0..4 {
        for sum in [&spent, &total].into_iter().flatten() {
            sum.check(sink, c);
        }
    }
    if let (Some(r64), Some(r32)) = (row(t, 64), row(t, 32)) {
        sink.identity(Target::cell(t, r64, 0), &[(1, at(t, r32, 0))], "收入总计（行次32）");
    }
}
