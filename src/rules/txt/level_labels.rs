//! TXT-003 情况说明：款级科目没有标成“（类）”
//!
//! ## 它检查什么
//!
//! A 款 called "（类）".
//!
//! ## 为什么重要
//!
//! 支出功能分类分“类、款、项”三级，情况说明用“（类）（款）（项）”标明层级，读者据此在表格中找到对应的行。把“住房改革支出”这样的款级科目写成“住房改革支出（类）”，层级就对不上表格，也说明文字套用模板时没有核对。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“住房保障支出（类）住房改革支出（款）” 改为 “住房保障支出（类）住房改革支出（类）”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TXT-003.snap`，`cargo test TXT_003` 只运行本条。

use crate::model::{Document, DocumentKind};
use crate::rules::percent::narrative_finding;
use crate::rules::support::classes::{kuan_of, matches_list, CLASSES};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TXT-003",
    family: Family::Txt,
    severity: Severity::Warning,
    title: "情况说明：款级科目没有标成“（类）”",
    why: "支出功能分类分“类、款、项”三级，情况说明用“（类）（款）（项）”标明层级，读者据此在表格中找到对应的行。把“住房改革支出”这样的款级科目写成“住房改革支出（类）”，层级就对不上表格，也说明文字套用模板时没有核对。",
    applies_to: &[DocumentKind::FinalAccounts, DocumentKind::Budget],
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("住房保障支出（类）住房改革支出（款）", "住房保障支出（类）住房改革支出（类）")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let old = doc.info.year.is_some_and(|y| y < 2019);
    // (Searched for once per run, shared with TXT-001 and TXT-010.)
    for (p, at, name) in sink.class_mentions(doc) {
        if matches_list(&name, &CLASSES) {
            continue;
        }
        let Some((_, class)) = kuan_of(&name) else { continue };
        let class = if old && class == "卫生健康支出" { "医疗卫生与计划生育支出" } else { class };
        sink.push(narrative_finding(
            "TXT-003",
            Severity::Warning,
            format!("“{name}”是“{class}”类下的款级科目，文中标为“（类）”，层级标注有误。"),
            p.line_at(at),
        ));
    }
}
