//! TBL-002 收入支出决算总表：本年支出合计等于各功能分类支出之和
//!
//! ## 它检查什么
//!
//! 本年支出合计 (行次58) = Σ 行次32–57.
//!
//! ## 为什么重要
//!
//! 本年支出合计应当等于按功能分类（一般公共服务、社会保障和就业等）列出的各类支出之和。对不上，说明钱花在哪些方面的说明与总数不一致。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2024-final.txt`：“八、社会保障和就业支出 39 998.66” 改为 “八、社会保障和就业支出 39 988.66”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-002.snap`，`cargo test TBL_002` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::final_summary::side_sum;
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

const NEEDS: &[TableKind] = &[TableKind::F01];

pub const RULE: Rule = Rule {
    id: "TBL-002",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "收入支出决算总表：本年支出合计等于各功能分类支出之和",
    why:
        "本年支出合计应当等于按功能分类（一般公共服务、社会保障和就业等）列出的各类支出之和。对不上，说明钱花在哪些方面的说明与总数不一致。",
    applies_to: FINAL,
    needs: NEEDS,
    check,
    fixtures: fixtures![
            Fixture::fires(Q, &[("八、社会保障和就业支出 39 998.66", "八、社会保障和就业支出 39 988.66")]);
     quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    side_sum(doc, sink, 58, 32..=57, "各功能分类支出（行次32—57）之和");
}
