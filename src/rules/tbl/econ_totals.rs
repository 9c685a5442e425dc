//! TBL-014 基本支出明细表：人员经费合计、公用经费合计等于各类之和
//!
//! ## 它检查什么
//!
//! 06: 人员经费合计 = 301 + 303; 公用经费合计 = the other groups; read in
//! Shandong's layout or by its headings.
//!
//! ## 为什么重要
//!
//! 人员经费是工资福利支出与对个人和家庭的补助之和，公用经费是商品和服务支出、资本性支出等其余各类之和。两个合计与各类对不上，人员和办公开支的说法就不一致。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2024-final.txt`：“人员经费合计 8,642.32” 改为 “人员经费合计 8,652.32”
//!
//! 本条不报告的样例：
//!
//! - `qingdao-office-2024-final.txt`：“301 工资福利支出” 改为 “399 工资福利支出”（30101 等款级科目没有所属的类级行，本条跳过并说明原因）
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-014.snap`，`cargo test TBL_014` 只运行本条。

use crate::model::{Document, Row, TableKind};
use crate::rules::identity::{at, Located, Target};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::econ_sangong::{groups, labelled};
use crate::rules::support::final_cells::{amount_col, read_table};
use crate::rules::support::kinds::FINAL;
use crate::rules::{Expect, Family, Fixture, Rule, Severity, Sink};

/// 人员经费 groups of the economic classification in 决算 06; the rest are 公用经费.
const PERSONNEL: [&str; 2] = ["301", "303"];

pub const RULE: Rule = Rule {
    id: "TBL-014",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "基本支出明细表：人员经费合计、公用经费合计等于各类之和",
    why: "人员经费是工资福利支出与对个人和家庭的补助之和，公用经费是商品和服务支出、资本性支出等其余各类之和。两个合计与各类对不上，人员和办公开支的说法就不一致。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Q, &[("人员经费合计 8,642.32", "人员经费合计 8,652.32")]),
        // 301 printed as 399: its 款 (30101 …) have no 类 row; skipped.
        Fixture { document: Q, edits: &[("301 工资福利支出", "399 工资福利支出")], expect: Expect::Quiet };
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    // In Shandong's layout, or by its headings (Shanghai's two panels: each
    // row's amount, and each total's, in its panel's column).
    let t = match read_table(doc, TableKind::F06) {
        Ok(t) => t,
        Err(why) => return sink.skip(why),
    };
    // A 款 whose 类 row was not read (printed without its code, say): the
    // sums of the 类 rows would leave it out. Not checked, with the reason.
    let classes: Vec<&str> = groups(t).filter_map(|g| g.code.as_deref()).collect();
    let mut items = t.rows.iter().filter_map(|r| r.code.as_deref().filter(|c| c.len() == 5));
    if let Some(item) = items.find(|c| !classes.contains(&c.get(..3).unwrap_or_default())) {
        let class = item.get(..3).unwrap_or_default();
        return sink.skip(format!(
            "公开06表有 {item} 这样的款级科目，却没有读出其所属的 {class} 类一行，无法按各类之和核对人员经费合计和公用经费合计"
        ));
    }
    let (personnel, public): (Vec<&Row>, Vec<&Row>) = groups(t).partition(|g| PERSONNEL.contains(&g.code.as_deref().unwrap_or_default()));
    for (label, parts, what) in
        [("人员经费合计", personnel, "工资福利支出与对个人和家庭的补助之和"), ("公用经费合计", public, "其余各类经济科目之和")]
    {
        if let Some(total) = labelled(t, label) {
            let terms: Vec<(i8, Located)> = parts.iter().map(|r| (1, at(t, r, amount_col(t, r)))).collect();
            sink.identity(Target::cell(t, total, amount_col(t, total)), &terms, what);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 301's row printed under another code: its 款 (30101 …) belong to no
    /// 类 read, so the 类 sums would leave them out. Skipped with the reason,
    /// rather than 人员经费合计 reported wrong by 7,745.11.
    #[test]
    fn a_kuan_without_its_lei_row_skips_the_check_and_says_why() {
        let text =
            include_str!("../../../tests/fixtures/qingdao-office-2024-final.txt").replacen("301 工资福利支出", "399 工资福利支出", 1);
        assert_eq!(RULE.found(&text), vec![]);
        let skipped = RULE.skipped(&text);
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert!(skipped[0].contains("30101") && skipped[0].contains("301 类"), "{skipped:?}");
    }
}
