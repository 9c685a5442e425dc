//! XTBL-008 非财政拨款资金的年初、收入、支出与年末相互衔接
//!
//! ## 它检查什么
//!
//! Non-fiscal money rolls forward: (01 年初 − 04 年初) + 非财政收入 + 使用结余 −
//! (01 支出 − 04 支出) − 结余分配 = 01 年末 − 04 年末.
//!
//! ## 为什么重要
//!
//! 把全部资金减去财政拨款，剩下的是非财政拨款资金（如其他收入）。它同样应满足“年初结转 + 本年收入 − 本年支出 − 结余分配 = 年末结转”。不衔接，往往说明结余分配或非财政收入填报有误。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“结余分配\t59\t10.81” 改为 “结余分配\t59\t20.81”；“总计\t62\t10,261.39” 改为 “总计\t62\t10,271.39”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-008.snap`，`cargo test XTBL_008` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::{at, Located, Target};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::final_xtbl::{line01, v01};
use crate::rules::support::fiscal04::line as line04;
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-008",
    family: Family::Xtbl,
    severity: Severity::Warning,
    title: "非财政拨款资金的年初、收入、支出与年末相互衔接",
    why: "把全部资金减去财政拨款，剩下的是非财政拨款资金（如其他收入）。它同样应满足“年初结转 + 本年收入 − 本年支出 − 结余分配 = 年末结转”。不衔接，往往说明结余分配或非财政收入填报有误。",
    applies_to: FINAL,
    needs: &[TableKind::F01, TableKind::F04],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("结余分配\t59\t10.81", "结余分配\t59\t20.81"), ("总计\t62\t10,261.39", "总计\t62\t10,271.39")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t01) = doc.table(TableKind::F01) else { return };
    let (Some(end01), Some(b04), Some(e04), Some(s04)) = (line01(doc, 60), line04(doc, 28), line04(doc, 60), line04(doc, 59)) else {
        return;
    };
    let Some(t04) = doc.table(TableKind::F04) else { return };
    let mut terms: Vec<(i8, Located)> = vec![
        (1, v01(doc, 29)),
        (-1, at(t04, b04, 0)),
        (1, v01(doc, 28)),
        (-1, v01(doc, 58)),
        (1, at(t04, s04, 0)),
        (-1, v01(doc, 59)),
        (1, at(t04, e04, 0)),
    ];
    terms.extend((4..=8).map(|n| (1, v01(doc, n))));
    sink.identity(Target::cell(t01, end01, 0), &terms, "非财政拨款资金的年初结转加收入减支出、减结余分配，再加财政拨款年末结转");
}
