//! TBL-205 收入预算总表（按表头读取）：收入总计等于各小计之和，各小计等于其下各项之和
//!
//! ## 它检查什么
//!
//! A 收入预算总表 printed as one column of sources (Jiangsu's): 收入总计
//! first, then groups (一般公共预算资金, 政府性基金, 财政专户管理资金, 其他资金,
//! 上年结转和结余资金), each led by its 小计 and followed by its items. Each
//! 小计 equals the sum of the items under it (a "其中：" row is part of the
//! item above, not added); 收入总计 equals the sum of the 小计.
//!
//! ## 为什么重要
//!
//! 收入预算总表按资金来源分组列示：每组先列小计，再列组内各项（如一般公共预算资金下的公共财政拨款、专项收入）。每组小计应等于组内各项之和，收入总计应等于各组小计之和。对不上，说明某一项来源的金额或分组有误。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `layout-budget-sample.txt`：加入一张江苏样式的收入预算总表（公开表二），其中“其他收入”印为 30.00，而其小计为 20.00
//!
//! 本条不报告的样例：
//!
//! - `layout-budget-sample.txt`：加入同一张表，各数相符
//! - `layout-budget-sample.txt`（原样）
//! - `yantai-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-205.snap`，`cargo test TBL_205` 只运行本条。

use crate::model::{Document, Row, TableKind};
use crate::rules::identity::{at, Target};
use crate::rules::support::corpus::{fixtures, L, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::support::text::{reads, unspaced, Holds};
use crate::rules::{Expect, Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-205",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "收入预算总表（按表头读取）：收入总计等于各小计之和，各小计等于其下各项之和",
    why: "收入预算总表按资金来源分组列示：每组先列小计，再列组内各项（如一般公共预算资金下的公共财政拨款、专项收入）。每组小计应等于组内各项之和，收入总计应等于各组小计之和。对不上，说明某一项来源的金额或分组有误。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(L, &[(PUBLIC_03, RIGHT), ("其他收入                    20.00", "其他收入                    30.00")]),
        Fixture { document: L, edits: &[(PUBLIC_03, RIGHT)], expect: Expect::Quiet };
        quiet L, YB
    ],
};

/// Where the fixtures insert a 收入预算总表: before the sample's 公开表三.
const PUBLIC_03: &str = "                              支出预算总表\n公开表三";

/// A Jiangsu-style 收入预算总表 (made up, in the sample's figures: 1,500.00
/// of 一般公共预算 and 20.00 of 其他收入), then the 公开表三 it goes before.
const RIGHT: &str = "                      收入预算总表
公开表二
部门：            示例市某某局           单位：万元
               项目名称             金额
               收入总计                  1,520.00
               小计                    1,500.00
  一般公共预算资金     公共财政拨款(补助)资金          1,500.00
               专项收入
       政府性基金   小计
               小计
  财政专户管理资金     专户管理教育收费
               其他非税收入
               小计                       20.00
               事业收入
       其他资金
               经营收入
               其他收入                    20.00
               小计
 上年结转和结余资金
               其中：动用上年结转和结余资金
                              支出预算总表
公开表三";

fn check(doc: &Document, sink: &mut Sink) {
    for (t, g) in doc.grid_tables().filter(|(t, _)| t.kind == TableKind::BIncome) {
        // One column of amounts; 收入总计 first; groups led by their 小计.
        if g.paths.len() != 1 {
            continue;
        }
        let rows = &t.rows;
        let Some(grand) = rows.first().filter(|r| reads(&r.label, "收入总计")) else { continue };
        let leads: Vec<usize> = (1..rows.len()).filter(|i| rows[*i].label.trim_end().ends_with("小计")).collect();
        if leads.len() < 2 || leads.first() != Some(&1) {
            continue;
        }
        // 债务资金 (2017's forms) is printed among 其他资金's items, its group
        // unsaid: with an amount, which sum it belongs to cannot be told.
        if rows.iter().any(|r| r.label.holds("债务") && r.value(0).is_some()) {
            sink.skip(format!("《{}》的债务资金印有金额，不能确定它计入哪一组小计，本条未核对", t.title));
            continue;
        }
        let mut subtotals: Vec<(i8, _)> = Vec::with_capacity(leads.len());
        for (k, &lead) in leads.iter().enumerate() {
            let end = leads.get(k + 1).copied().unwrap_or(rows.len());
            let sub = &rows[lead];
            subtotals.push((1, at(t, sub, 0)));
            let items: Vec<&Row> = rows[lead + 1..end].iter().filter(|r| !unspaced(&r.label).take(2).eq("其中".chars())).collect();
            if sub.value(0).is_none() || items.is_empty() {
                continue;
            }
            let terms: Vec<(i8, _)> = items.iter().map(|r| (1, at(t, r, 0))).collect();
            sink.identity(Target::cell(t, sub, 0), &terms, "其下各项之和");
        }
        if grand.value(0).is_some() {
            sink.identity(Target::cell(t, grand, 0), &subtotals, "各组小计之和");
        }
    }
}
