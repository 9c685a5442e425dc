//! SG-002 “三公”经费说明写明团组数和人次、车辆购置数和保有量、接待批次和人次
//!
//! ## 它检查什么
//!
//! The 三公 section of a 决算's 情况说明 states the counts the inspection rules
//! require: 因公出国（境）团组数 and 人次, 公务用车购置数 and 保有量, 国内公务接待
//! 批次 and 人次 (a count whose subject names the item; 人次 in the same paragraph).
//! An item the section says nothing was spent on ("因公出国（境）费决算为 0.00
//! 万元") has nothing to count: its counts are not asked for.
//!
//! ## 为什么重要
//!
//! 财政部对决算公开的检查要求：因公出国（境）要写团组数和人次，公务用车要写购置数和保有量，国内公务接待要写批次和人次。没有这些数字，公众无法判断“三公”经费花得是否合理。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“保有量为 19 辆” 改为 “保有量为若干”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`：因公出国（境）费 “131.89 万元” 改为 “0 万元”，并删去团组数和人次
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/SG-002.snap`，`cargo test SG_002` 只运行本条。

use crate::model::Document;
use crate::narrative::{self, Claim, ClaimKind, Topic, Unit};
use crate::rules::percent::narrative_finding;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::kinds::FINAL;
use crate::rules::{Expect, Family, Fixture, Rule, Severity, Sink};

/// The 三公 section states the counts the rules require.
pub const RULE: Rule = Rule {
    id: "SG-002",
    family: Family::Sg,
    severity: Severity::Warning,
    title: "“三公”经费说明写明团组数和人次、车辆购置数和保有量、接待批次和人次",
    why: "财政部对决算公开的检查要求：因公出国（境）要写团组数和人次，公务用车要写购置数和保有量，国内公务接待要写批次和人次。没有这些数字，公众无法判断“三公”经费花得是否合理。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("保有量为 19 辆", "保有量为若干")]),
        // Nothing spent abroad: no 团组 or 人次 to state.
        Fixture { document: Y, edits: NOTHING_ABROAD, expect: Expect::Quiet };
        quiet Y, Q, B
    ],
};

/// The 烟台 final with nothing spent abroad, and so no 团组 or 人次 stated.
const NOTHING_ABROAD: &[(&str, &str)] = &[
    ("因公出国（境）费全年预算为 131.89 万元，支出决算为 131.89 万元", "因公出国（境）费全年预算为 0 万元，支出决算为 0 万元"),
    ("全年支出涉及因公出国（境）团组 22 个，累计 32 人次。", ""),
];

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    let Some(first) = n.sections_about(Topic::Sangong).next() else {
        sink.skip("没有找到“三公”经费情况说明".to_string());
        return;
    };
    let paragraphs: Vec<&narrative::Paragraph> = n.sections_about(Topic::Sangong).flat_map(|s| s.paragraphs.iter()).collect();
    let count = |c: &Claim, unit: &str| c.kind == ClaimKind::Count && matches!(&c.unit, Unit::Count(u) if u == unit);
    // A count whose subject names the item, and (for 人次) a 人次 count in the same paragraph.
    let named = |unit: &str, word: &str| paragraphs.iter().any(|p| p.claims.iter().any(|c| count(c, unit) && c.subject.contains(word)));
    let with_trips = |unit: &str, word: &str| {
        paragraphs
            .iter()
            .any(|p| p.claims.iter().any(|c| count(c, unit) && c.subject.contains(word)) && p.claims.iter().any(|c| count(c, "人次")))
    };
    // An item the section says nothing was spent on has nothing to count
    // ("因公出国（境）费决算为 0.00 万元"): its counts are not asked for.
    let f = doc.sangong_facts();
    let nil = |x: Option<crate::narrative::sangong::Fact>| x.is_some_and(|x| x.value.is_zero());
    let no_vehicles = nil(f.vehicles_spent) || nil(f.purchase_spent) && nil(f.operation_spent);
    let asked = [
        (nil(f.abroad_spent), named("个", "团组"), "因公出国（境）团组数"),
        (nil(f.abroad_spent), with_trips("个", "团组"), "因公出国（境）人次"),
        (no_vehicles || nil(f.purchase_spent), named("辆", "购置"), "公务用车购置数"),
        (no_vehicles, named("辆", "保有量"), "公务用车保有量"),
        (nil(f.reception_spent), named("批次", "接待"), "国内公务接待批次"),
        (nil(f.reception_spent), with_trips("批次", "接待"), "国内公务接待人次"),
    ];
    let missing: Vec<&str> = asked.iter().filter(|(spared, stated, _)| !spared && !stated).map(|a| a.2).collect();
    if !missing.is_empty() {
        let message = format!("“三公”经费情况说明没有写明：{}。", missing.join("、"));
        sink.push(narrative_finding("SG-002", Severity::Warning, message, first.source_line));
    }
}
