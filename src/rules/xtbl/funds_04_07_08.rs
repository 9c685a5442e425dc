//! XTBL-005 政府性基金、国有资本经营预算两张表与财政拨款总表的对应栏一致
//!
//! ## 它检查什么
//!
//! 04 fund columns ↔ 07 and 08.
//!
//! ## 为什么重要
//!
//! 财政拨款总表中“政府性基金”“国有资本经营”两栏的收入、支出和结转，应与政府性基金预算财政拨款表、国有资本经营预算财政拨款支出表一致。一张表说没有这类资金、另一张表却有数，就是矛盾。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2024-final.txt`：“合计 0.00 0.00 0.00 0.00 0.00 0.00” 改为 “合计 0.00 0.00 5.00 5.00 0.00 -5.00”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-005.snap`，`cargo test XTBL_005` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::{at, Target};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::final_xtbl::total_row;
use crate::rules::support::fiscal04::line as line04;
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-005",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "政府性基金、国有资本经营预算两张表与财政拨款总表的对应栏一致",
    why: "财政拨款总表中“政府性基金”“国有资本经营”两栏的收入、支出和结转，应与政府性基金预算财政拨款表、国有资本经营预算财政拨款支出表一致。一张表说没有这类资金、另一张表却有数，就是矛盾。",
    applies_to: FINAL,
    needs: &[TableKind::F04],
    check,
    fixtures: fixtures![
        Fixture::fires(Q, &[("合计 0.00 0.00 0.00 0.00 0.00 0.00", "合计 0.00 0.00 5.00 5.00 0.00 -5.00")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t04) = doc.table(TableKind::F04) else { return };
    match doc.table(TableKind::F07).and_then(total_row) {
        Some(t07) => {
            let t = doc.table(TableKind::F07).expect("checked above");
            for (col07, n, col04, what) in
                [(0, 30, 0, "年初结转和结余"), (1, 2, 0, "本年收入"), (2, 59, 2, "本年支出"), (5, 60, 2, "年末结转和结余")]
            {
                if let Some(r04) = line04(doc, n) {
                    sink.identity_named(Target::cell(t, t07, col07), &[(1, at(t04, r04, col04))], || {
                        format!("公开04表行次{n}的政府性基金{what}")
                    });
                }
            }
        }
        None => sink.skip("公开07表未读取，政府性基金一栏未核对".to_string()),
    }
    match doc.table(TableKind::F08) {
        Some(t08) => {
            if let (Some(tot), Some(r59)) = (total_row(t08), line04(doc, 59)) {
                sink.identity(
                    Target::cell(t08, tot, 0),
                    &[(1, at(t04, r59, 3))],
                    "公开04表本年支出合计（行次59）的国有资本经营预算财政拨款",
                );
            }
        }
        None => sink.skip("公开08表未读取，国有资本经营一栏未核对".to_string()),
    }
}
