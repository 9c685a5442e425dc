//! NAR-015 国有资产中的车辆总数等于各类车辆之和
//!
//! ## 它检查什么
//!
//! The 国有资产 paragraph's total of vehicles equals the counts it lists by kind
//! (领导干部用车, 机要通信用车 …); the 公务用车保有量 the 三公 section states is
//! at most that total (a warning).
//!
//! ## 为什么重要
//!
//! 国有资产占用情况要列出车辆总数和按用途分的数量（领导干部用车、机要通信用车、应急保障用车等）。分项加起来必须等于总数；“三公”部分所说的公务用车保有量也不应多于车辆总数。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“其他用车 13 辆” 改为 “其他用车 14 辆”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-015.snap`，`cargo test NAR_015` 只运行本条。

use crate::model::Document;
use crate::narrative::{Claim, ClaimKind, Topic, Unit};
use crate::rules::percent::{narrative_finding, narrative_values};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::kinds::FINAL;
use crate::rules::support::text::Holds;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// 车辆总数 = Σ by kind; 三公 保有量 ≤ 车辆总数.
pub const RULE: Rule = Rule {
    id: "NAR-015",
    family: Family::Nar,
    severity: Severity::Error,
    title: "国有资产中的车辆总数等于各类车辆之和",
    why: "国有资产占用情况要列出车辆总数和按用途分的数量（领导干部用车、机要通信用车、应急保障用车等）。分项加起来必须等于总数；“三公”部分所说的公务用车保有量也不应多于车辆总数。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("其他用车 13 辆", "其他用车 14 辆")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    let kept = n
        .sections_about(Topic::Sangong)
        .flat_map(|s| s.claims())
        .map(|(_, c)| c)
        .find(|c| vehicles(c) && c.subject.holds("保有量"))
        .cloned();
    for s in n.sections_about(Topic::Assets) {
        for p in &s.paragraphs {
            let counts: Vec<&Claim> = p.claims.iter().filter(|c| c.kind == ClaimKind::Count && vehicles(c)).collect();
            let Some((total, kinds)) = counts.split_first() else { continue };
            if !total.subject.holds("车辆") {
                continue;
            }
            let Some(t) = total.value else { continue };
            if kinds.len() >= 2 {
                let Some(sum) = crate::checked::sum(kinds.iter().filter_map(|c| c.value)) else { continue };
                if sum != t {
                    let message = format!("情况说明第{}行说共有车辆 {} 辆，但按用途列出的各类车辆合计 {} 辆。", total.source_line, t, sum);
                    sink.push(narrative_values("NAR-015", Severity::Error, message, total.source_line, (Some(sum), Some(t))));
                }
            }
            if let Some(k) = kept.as_ref().and_then(|c| c.value.map(|v| (v, c.source_line))) {
                if k.0 > t {
                    let message =
                        format!("“三公”经费部分（第{}行）说公务用车保有量 {} 辆，多于国有资产部分所说的车辆总数 {} 辆。", k.1, k.0, t);
                    sink.push(narrative_finding("NAR-015", Severity::Warning, message, total.source_line));
                }
            }
        }
    }
}

fn vehicles(c: &Claim) -> bool {
    matches!(&c.unit, Unit::Count(u) if u == "辆")
}
