//! TBL-013 基本支出明细表：每一类经济科目等于其下各款之和
//!
//! ## 它检查什么
//!
//! 06: each group (301, 302, …) = Σ its items.
//!
//! ## 为什么重要
//!
//! 基本支出按经济分类列出，例如“工资福利支出”等于基本工资、津贴补贴、奖金等各款之和。对不上，说明人员经费或公用经费的某一项填错了。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“30101\t基本工资\t708.07” 改为 “30101\t基本工资\t718.07”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-013.snap`，`cargo test TBL_013` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::{at, Located, Target};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::econ_sangong::groups;
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-013",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "基本支出明细表：每一类经济科目等于其下各款之和",
    why: "基本支出按经济分类列出，例如“工资福利支出”等于基本工资、津贴补贴、奖金等各款之和。对不上，说明人员经费或公用经费的某一项填错了。",
    applies_to: FINAL,
    needs: &[TableKind::F06],
    check,
    fixtures: fixtures![
            Fixture::fires(Y, &[("30101\t基本工资\t708.07", "30101\t基本工资\t718.07")]);
     quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t) = doc.table(TableKind::F06) else { return };
    let index = crate::rules::index::Codes::of(t);
    let mut skipped: Vec<&str> = Vec::new();
    for g in groups(t) {
        let code = g.code.as_deref().unwrap_or_default();
        if index.count(code) > 1 {
            if !skipped.contains(&code) {
                skipped.push(code);
                sink.skip(format!("公开06表的经济分类 {code} 出现了不止一次，无法确定其下各款属于哪一次，未核对"));
            }
            continue;
        }
        let items: Vec<(i8, Located)> = if code.len() == 3 {
            index.children(code).iter().map(|i| (1, at(t, &t.rows[*i], 0))).collect()
        } else {
            t.rows
                .iter()
                .filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 5 && c.starts_with(code)))
                .map(|r| (1, at(t, r, 0)))
                .collect()
        };
        if !items.is_empty() {
            sink.identity(Target::cell(t, g, 0), &items, "其下各款之和");
        }
    }
}
