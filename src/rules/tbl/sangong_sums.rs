//! TBL-015 “三公”经费表：合计等于三项之和，公务用车费等于购置费加运行维护费
//!
//! ## 它检查什么
//!
//! 09: 合计 = 出国 + 车小计 + 接待; 车小计 = 购置 + 运维, for 预算数 and 决算数.
//!
//! ## 为什么重要
//!
//! “三公”经费是因公出国（境）费、公务用车购置及运行维护费、公务接待费三项之和，公务用车费又分购置和运行维护两部分。这些数字是公众最关心的，预算数和决算数都必须各自加得上。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2024-final.txt`：“448.38 87.60 61.36 17.98 43.38 299.42 448.38” 改为 “448.38 87.60 61.36 17.98 43.38 299.42 458.38”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-015.snap`，`cargo test TBL_015` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::{at, Target};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::econ_sangong::sangong_rows;
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-015",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "“三公”经费表：合计等于三项之和，公务用车费等于购置费加运行维护费",
    why: "“三公”经费是因公出国（境）费、公务用车购置及运行维护费、公务接待费三项之和，公务用车费又分购置和运行维护两部分。这些数字是公众最关心的，预算数和决算数都必须各自加得上。",
    applies_to: FINAL,
    needs: &[TableKind::F09],
    check,
    fixtures: fixtures![
        Fixture::fires(Q, &[("448.38 87.60 61.36 17.98 43.38 299.42 448.38", "448.38 87.60 61.36 17.98 43.38 299.42 458.38")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t) = doc.table(TableKind::F09) else { return };
    for (_, r) in sangong_rows(t) {
        sink.identity(
            Target::cell(t, r, 0),
            &[(1, at(t, r, 1)), (1, at(t, r, 2)), (1, at(t, r, 5))],
            "因公出国（境）费、公务用车购置及运行维护费、公务接待费之和",
        );
        sink.identity(Target::cell(t, r, 2), &[(1, at(t, r, 3)), (1, at(t, r, 4))], "公务用车购置费与运行维护费之和");
    }
}
