//! TBL-003 收入支出决算总表：收入、支出两侧总计等于本年数加结转结余
//!
//! ## 它检查什么
//!
//! 总计 = 本年合计 + carry-ins (income side) / + 结余分配 + 年末结转 (expenditure side).
//!
//! ## 为什么重要
//!
//! 收入总计 = 本年收入 + 使用非财政拨款结余 + 年初结转和结余；支出总计 = 本年支出 + 结余分配 + 年末结转和结余。这两个等式说明钱从哪里来、到哪里去，不成立就意味着有一笔钱去向不明。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-bigdata-2023-final.txt`：“年初结转和结余 29 0.66” 改为 “年初结转和结余 29 0.76”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-003.snap`，`cargo test TBL_003` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::final_summary::side_sum;
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

const NEEDS: &[TableKind] = &[TableKind::F01];

pub const RULE: Rule = Rule {
    id: "TBL-003",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "收入支出决算总表：收入、支出两侧总计等于本年数加结转结余",
    why: "收入总计 = 本年收入 + 使用非财政拨款结余 + 年初结转和结余；支出总计 = 本年支出 + 结余分配 + 年末结转和结余。这两个等式说明钱从哪里来、到哪里去，不成立就意味着有一笔钱去向不明。",
    applies_to: FINAL,
    needs: NEEDS,
    check,
    fixtures: fixtures![
        Fixture::fires(B, &[("年初结转和结余 29 0.66", "年初结转和结余 29 0.76")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    side_sum(doc, sink, 31, [27, 28, 29], "本年收入合计、使用非财政拨款结余、年初结转和结余之和");
    side_sum(doc, sink, 62, [58, 59, 60], "本年支出合计、结余分配、年末结转和结余之和");
}
