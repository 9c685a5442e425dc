//! TBL-012 省略空白栏的行：数字无论放在哪一栏都与勾稽关系矛盾
//!
//! ## 它检查什么
//!
//! Rows whose dropped cells no placement fits.
//!
//! ## 为什么重要
//!
//! 有些公开文本把空白单元格直接省略，只剩下有数的格子。核对工具会尝试每一种可能的栏目归属；如果没有任何一种能同时满足行合计、科目分级合计和其他表的对应数，说明这一行（或与它相关的行）本身有错。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“201 03 01 行政运行 2678.40 2678.40 2070.13 608.27” 改为 “201 03 01 行政运行 2678.40 2678.40 2070.13 618.27”
//! - `yantai-bigdata-2023-final.txt`：“2101101 行政单位医疗 15.56 15.56” 改为 “2101101 行政单位医疗 25.56 25.56”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-012.snap`，`cargo test TBL_012` 只运行本条。

use crate::model::Document;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-012",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "省略空白栏的行：数字无论放在哪一栏都与勾稽关系矛盾",
    why: "有些公开文本把空白单元格直接省略，只剩下有数的格子。核对工具会尝试每一种可能的栏目归属；如果没有任何一种能同时满足行合计、科目分级合计和其他表的对应数，说明这一行（或与它相关的行）本身有错。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(YB, &[("201 03 01 行政运行 2678.40 2678.40 2070.13 608.27", "201 03 01 行政运行 2678.40 2678.40 2070.13 618.27")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
        Fixture::fires(B, &[("2101101 行政单位医疗 15.56 15.56", "2101101 行政单位医疗 25.56 25.56")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    for t in &doc.tables {
        for i in &t.contradicted {
            let Some(r) = t.rows.get(*i) else { continue };
            let shown: Vec<String> = t
                .printed
                .iter()
                .find(|(j, _)| j == i)
                .map(|(_, c)| c.iter().filter_map(|c| c.value.map(|v| v.to_string())).collect())
                .unwrap_or_default();
            sink.note(
                t,
                r,
                format!(
                    "{}“{}”一行印有 {}，但无论把这些数放在哪几栏，都无法同时满足本行合计、上下级科目合计和其他表的对应数。",
                    crate::rules::identity::table_name(&t.no()),
                    crate::rules::identity::describe(r),
                    shown.join("、")
                ),
            );
        }
    }
}
