//! TBL-005 收入、支出决算表等科目表：每一行的合计等于各栏之和
//!
//! ## 它检查什么
//!
//! Each row: 合计栏 = Σ the other columns (07: 小计 = 基本 + 项目, 年末 = 年初 + 收入 − 支出).
//!
//! ## 为什么重要
//!
//! 收入决算表、支出决算表等按科目列出的表，每一行第一栏是合计，后面各栏是它的组成部分（如基本支出和项目支出）。某一行合计与各栏之和对不上，说明这个科目的钱数自相矛盾。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“2010301\t行政运行\t2,934.81” 改为 “2010301\t行政运行\t2,944.81”
//! - `yantai-bigdata-2023-final.txt`：“2101101 行政单位医疗 15.56 15.56” 改为 “2101101 行政单位医疗 15.56 15.66”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-005.snap`，`cargo test TBL_005` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::{at, holds_exactly, nowhere, Located, Target};
use crate::rules::support::coded::for_each_table;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-005",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "收入、支出决算表等科目表：每一行的合计等于各栏之和",
    why: "收入决算表、支出决算表等按科目列出的表，每一行第一栏是合计，后面各栏是它的组成部分（如基本支出和项目支出）。某一行合计与各栏之和对不上，说明这个科目的钱数自相矛盾。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("2010301\t行政运行\t2,934.81", "2010301\t行政运行\t2,944.81")]),
        Fixture::fires(B, &[("2101101 行政单位医疗 15.56 15.56", "2101101 行政单位医疗 15.56 15.66")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    for_each_table(doc, sink, |t, sink| {
        // Looked up, not scanned: a table of thousands of unplaced rows.
        let unresolved: std::collections::HashSet<usize> = t.unresolved.iter().copied().collect();
        let printed: std::collections::HashMap<usize, &Vec<crate::model::Cell>> = t.printed.iter().map(|(j, c)| (*j, c)).collect();
        for (i, r) in t.rows.iter().enumerate() {
            if unresolved.contains(&i) {
                // Unplaced, but total = Σ parts holds for every placement:
                // check it on the printed amounts.
                if let Some(cells) = printed.get(&i).copied().filter(|_| t.kind != TableKind::F07) {
                    if let Some((first, rest)) = cells.split_first() {
                        let target = Target {
                            table: t,
                            row: r,
                            column: t.columns.first().map(String::as_str),
                            actual: first.value,
                            source_line: first.source_line,
                        };
                        let terms: Vec<(i8, Located)> = rest.iter().map(|c| (1, nowhere(c.value))).collect();
                        sink.identity(target, &terms, "本行其余各数之和");
                    }
                }
                continue;
            }
            if t.kind == TableKind::F07 {
                sink.identity(Target::cell(t, r, 2), &[(1, at(t, r, 3)), (1, at(t, r, 4))], "基本支出与项目支出之和");
                sink.identity(
                    Target::cell(t, r, 5),
                    &[(1, at(t, r, 0)), (1, at(t, r, 1)), (-1, at(t, r, 2))],
                    "年初结转和结余加本年收入减本年支出",
                );
            } else {
                // Most rows add up: settled on the printed values, before
                // their terms are located.
                if holds_exactly(r.value(0), (1..t.columns.len()).map(|c| (1, r.value(c)))) {
                    continue;
                }
                let terms: Vec<(i8, Located)> = (1..t.columns.len()).map(|c| (1, at(t, r, c))).collect();
                sink.identity(Target::cell(t, r, 0), &terms, "本行其余各栏之和");
            }
        }
    });
}
