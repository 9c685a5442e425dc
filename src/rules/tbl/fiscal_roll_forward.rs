//! TBL-011 财政拨款收入支出决算总表：每类财政拨款的年初结转加本年收入减本年支出等于年末结转
//!
//! ## 它检查什么
//!
//! Per fund: 年初 + 本年收入 − 本年支出 = 年末.
//!
//! ## 为什么重要
//!
//! 对每一类财政拨款，年初结转结余加上本年收到的钱、减去本年花掉的钱，应当等于年末结转结余。这是最基本的“期初+收入−支出=期末”关系，不成立就说明有钱没有记账或记错了类别。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“年末财政拨款结转和结余\t60\t194.71\t194.71” 改为 “年末财政拨款结转和结余\t60\t204.71\t204.71”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-011.snap`，`cargo test TBL_011` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::{at, Target};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::fiscal04::row;
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

const NEEDS: &[TableKind] = &[TableKind::F04];

const FUNDS: [&str; 3] = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"];

pub const RULE: Rule = Rule {
    id: "TBL-011",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "财政拨款收入支出决算总表：每类财政拨款的年初结转加本年收入减本年支出等于年末结转",
    why: "对每一类财政拨款，年初结转结余加上本年收到的钱、减去本年花掉的钱，应当等于年末结转结余。这是最基本的“期初+收入−支出=期末”关系，不成立就说明有钱没有记账或记错了类别。",
    applies_to: FINAL,
    needs: NEEDS,
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("年末财政拨款结转和结余\t60\t194.71\t194.71", "年末财政拨款结转和结余\t60\t204.71\t204.71")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t) = doc.table(TableKind::F04) else { return };
    for (i, fund) in FUNDS.iter().enumerate() {
        let (Some(begin), Some(income), Some(spent), Some(end)) = (row(t, 29 + i as u32), row(t, 1 + i as u32), row(t, 59), row(t, 60))
        else {
            continue;
        };
        let col = 1 + i;
        sink.identity_named(Target::cell(t, end, col), &[(1, at(t, begin, 0)), (1, at(t, income, 0)), (-1, at(t, spent, col))], || {
            format!("{fund}的年初结转和结余加本年收入减本年支出")
        });
    }
}
