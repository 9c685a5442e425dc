//! XTBL-102 财政拨款收支总表的收入与收支总表的财政拨款收入一致
//!
//! ## 它检查什么
//!
//! 财政拨款收支总表 income = the 收支总表's 财政拨款 income.
//!
//! ## 为什么重要
//!
//! 一般公共预算、政府性基金、国有资本经营三类财政拨款收入，在收支总表和财政拨款收支总表里都要列出，两处数字应当相同；否则同一笔财政拨款在不同表里说法不一。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“一、一般公共预算收入 8666.60一、一般公共服务支出 8299.58 8299.58” 改为 “一、一般公共预算收入 8676.60一、一般公共服务支出 8299.58 8299.58”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-102.snap`，`cargo test XTBL_102` 只运行本条。

use crate::model::{Document, Row, Source, Table, TableKind};
use crate::rules::identity::at;
use crate::rules::support::budget::{labelled, sides, target};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-102",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "财政拨款收支总表的收入与收支总表的财政拨款收入一致",
    why: "一般公共预算、政府性基金、国有资本经营三类财政拨款收入，在收支总表和财政拨款收支总表里都要列出，两处数字应当相同；否则同一笔财政拨款在不同表里说法不一。",
    applies_to: BUDGET,
    needs: &[TableKind::BFiscal, TableKind::BSummary],
    check,
    fixtures: fixtures![
        Fixture::fires(YB, &[("一、一般公共预算收入 8666.60一、一般公共服务支出 8299.58 8299.58", "一、一般公共预算收入 8676.60一、一般公共服务支出 8299.58 8299.58")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let (Some(f), Some(s)) = (doc.table(TableKind::BFiscal), doc.table(TableKind::BSummary)) else { return };
    let (fi, _) = sides(f);
    let (si, _) = sides(s);
    let Some((k, _)) = labelled(&fi, "本年收入合计") else { return };
    for src in [Source::Gpb, Source::Fund, Source::Capital] {
        fn pick<'a>(t: &Table, rows: &[(usize, &'a Row)], before: usize, src: Source) -> Option<(usize, &'a Row)> {
            rows.iter().find(|(i, _)| *i < before && t.stated(*i) == Some(src)).copied()
        }
        let s_end = labelled(&si, "本年收入合计").map_or(usize::MAX, |x| x.0);
        if let (Some((_, fr)), Some((_, sr))) = (pick(f, &fi, k, src), pick(s, &si, s_end, src)) {
            sink.identity(target(f, fr, 0), &[(1, at(s, sr, 0))], &format!("公开表{}“{}”", s.no(), sr.label));
        }
    }
}
