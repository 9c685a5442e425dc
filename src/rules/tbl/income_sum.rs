//! TBL-001 收入支出决算总表：本年收入合计等于各项收入之和
//!
//! ## 它检查什么
//!
//! 本年收入合计 (行次27) = Σ 行次1–8.
//!
//! ## 为什么重要
//!
//! 本年收入合计是部门一年里各种来源收入的总数。它如果不等于财政拨款、事业收入、其他收入等各项之和，说明表中至少有一个数填错或漏填，读者就无法相信这个部门到底收到了多少钱。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“八、其他收入\t8\t21.48” 改为 “八、其他收入\t8\t31.48”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-001.snap`，`cargo test TBL_001` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::final_summary::side_sum;
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

const NEEDS: &[TableKind] = &[TableKind::F01];

pub const RULE: Rule = Rule {
    id: "TBL-001",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "收入支出决算总表：本年收入合计等于各项收入之和",
    why: "本年收入合计是部门一年里各种来源收入的总数。它如果不等于财政拨款、事业收入、其他收入等各项之和，说明表中至少有一个数填错或漏填，读者就无法相信这个部门到底收到了多少钱。",
    applies_to: FINAL,
    needs: NEEDS,
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("八、其他收入\t8\t21.48", "八、其他收入\t8\t31.48")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    side_sum(doc, sink, 27, 1..=8, "各项收入（行次1—8）之和");
}
