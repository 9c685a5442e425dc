//! TBL-004 收入支出决算总表：收入总计等于支出总计
//!
//! ## 它检查什么
//!
//! 收入总计 (31) = 支出总计 (62).
//!
//! ## 为什么重要
//!
//! 决算总表必须收支平衡：收入一方的总计与支出一方的总计应当相等。不相等说明表格本身算错了。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“总计\t62\t10,261.39” 改为 “总计\t62\t10,271.39”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-004.snap`，`cargo test TBL_004` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::final_summary::side_sum;
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

const NEEDS: &[TableKind] = &[TableKind::F01];

pub const RULE: Rule = Rule {
    id: "TBL-004",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "收入支出决算总表：收入总计等于支出总计",
    why: "决算总表必须收支平衡：收入一方的总计与支出一方的总计应当相等。不相等说明表格本身算错了。",
    applies_to: FINAL,
    needs: NEEDS,
    check,
    fixtures: fixtures![
            Fixture::fires(Y, &[("总计\t62\t10,261.39", "总计\t62\t10,271.39")]);
     quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    side_sum(doc, sink, 62, [31], "收入总计（行次31）");
}
