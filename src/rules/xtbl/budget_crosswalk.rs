//! XTBL-109 部门经济分类与政府经济分类两张基本支出表的对应科目一致
//!
//! ## 它检查什么
//!
//! 部门经济分类 ↔ 政府经济分类 (when printed as two tables).
//!
//! ## 为什么重要
//!
//! 同一笔基本支出，按部门经济分类和按政府经济分类各列一张表。两种分类有固定的对应关系，例如工资福利支出（301）= 机关工资福利支出（501）+ 对事业单位补助中的工资福利（50501），对个人和家庭的补助（303）= 对个人和家庭的补助（509），离休费与退休费之和 = 离退休费（50905）。对不上，说明两张表中至少一张的分类有误。对应关系可能随年度调整，所以只作提醒。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：“21 30301 离休费 127.95 127.95 0.00” 改为 “21 30301 离休费 137.95 137.95 0.00”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-109.snap`，`cargo test XTBL_109` 只运行本条。

use crate::model::{Document, Row, TableKind};
use crate::rules::identity::{at, Located};
use crate::rules::support::budget::{settled, target};
use crate::rules::support::budget_xtbl::coded;
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-109",
    family: Family::Xtbl,
    severity: Severity::Warning,
    title: "部门经济分类与政府经济分类两张基本支出表的对应科目一致",
    why: "同一笔基本支出，按部门经济分类和按政府经济分类各列一张表。两种分类有固定的对应关系，例如工资福利支出（301）= 机关工资福利支出（501）+ 对事业单位补助中的工资福利（50501），对个人和家庭的补助（303）= 对个人和家庭的补助（509），离休费与退休费之和 = 离退休费（50905）。对不上，说明两张表中至少一张的分类有误。对应关系可能随年度调整，所以只作提醒。",
    applies_to: BUDGET,
    needs: &[TableKind::BBasicEcon, TableKind::BBasicGovEcon],
    check,
    fixtures: fixtures![
        Fixture::fires(QB, &[("21 30301 离休费 127.95 127.95 0.00", "21 30301 离休费 137.95 137.95 0.00")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let (Some(d), Some(g)) = (doc.table(TableKind::BBasicEcon), doc.table(TableKind::BBasicGovEcon)) else { return };
    if d.rows.iter().any(|r| r.code.as_deref().is_some_and(|c| c.contains('/'))) {
        return; // pairs: each row is its own crosswalk
    }
    const MAP: [(&[&str], &[&str]); 5] = [
        (&["501", "50501"], &["301"]),
        (&["502", "50502"], &["302"]),
        (&["509"], &["303"]),
        (&["503", "504", "506"], &["310"]),
        (&["50905"], &["30301", "30302"]),
    ];
    for (gov, dept) in MAP {
        let gov_rows: Vec<(usize, &Row)> = gov.iter().filter_map(|c| coded(g, c)).collect();
        let dept_rows: Vec<(usize, &Row)> = dept.iter().filter_map(|c| coded(d, c)).collect();
        if gov_rows.is_empty()
            || dept_rows.is_empty()
            || gov_rows.iter().any(|(i, _)| !settled(g, *i))
            || dept_rows.iter().any(|(i, _)| !settled(d, *i))
        {
            continue;
        }
        let (first, rest) = gov_rows.split_first().map(|(f, r)| (*f, r.to_vec())).unwrap_or((gov_rows[0], Vec::new()));
        let mut parts: Vec<(i8, Located)> = dept_rows.iter().map(|(_, r)| (1, at(d, r, 0))).collect();
        parts.extend(rest.iter().map(|(_, r)| (-1, at(g, r, 0))));
        let what = || {
            format!(
                "公开表{}中 {} 之和{}",
                d.no(),
                dept.join("、"),
                if rest.is_empty() { String::new() } else { format!("减去本表 {}", gov[1..].join("、")) }
            )
        };
        sink.identity_named(target(g, first.1, 0), &parts, what);
    }
}
