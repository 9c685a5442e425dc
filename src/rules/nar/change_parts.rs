//! NAR-009 变化原因中列出的各项增减之和等于总的增减额
//!
//! ## 它检查什么
//!
//! A stated change explained part by part ("减少1,594.06万元，下降8.49%，主要原因
//! 是：甲增加354.68万元，乙减少1,244万元……"): the money changes listed after
//! "原因" add up to the headline change. With a catch-all part ("其他……",
//! "……等") a difference beyond rounding is an error; with only the main reasons
//! listed, a warning.
//!
//! ## 为什么重要
//!
//! 情况说明常写“减少1,594.06万元，主要原因是：甲增加354.68万元，乙减少1,244万元，其他支出减少704.74万元”。列出的各项增减加起来应当等于总的增减额；列出了“其他……等”兜底项而仍对不上，说明其中有数字写错。只列主要原因、没有兜底项时，对不上只作提醒。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2024-final.txt`：“专项业务费增加了354.68万元” 改为 “专项业务费增加了364.68万元”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-009.snap`，`cargo test NAR_009` 只运行本条。

use rust_decimal::Decimal;

use crate::model::Document;
use crate::narrative::{self, Claim, ClaimKind};
use crate::rounding::Verdict;
use crate::rules::percent::{narrative_values, show};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// A stated change explained part by part: the parts add up to the change.
pub const RULE: Rule = Rule {
    id: "NAR-009",
    family: Family::Nar,
    severity: Severity::Error,
    title: "变化原因中列出的各项增减之和等于总的增减额",
    why: "情况说明常写“减少1,594.06万元，主要原因是：甲增加354.68万元，乙减少1,244万元，其他支出减少704.74万元”。列出的各项增减加起来应当等于总的增减额；列出了“其他……等”兜底项而仍对不上，说明其中有数字写错。只列主要原因、没有兜底项时，对不上只作提醒。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Q, &[("专项业务费增加了354.68万元", "专项业务费增加了364.68万元")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for p in n.sections.iter().flat_map(|s| s.paragraphs.iter()) {
        // The headline: a change of money followed by its rate.
        let Some(k) = p.claims.windows(2).position(|w| {
            matches!(w[0].kind, ClaimKind::Change(_)) && w[0].is_money_change() && matches!(w[1].kind, ClaimKind::ChangePercent(_))
        }) else {
            continue;
        };
        let head = &p.claims[k];
        // Char offset of "原因" after the rate.
        let after: Vec<char> = p.text.chars().skip(p.claims[k + 1].end).collect();
        let Some(reason_at) = after.windows(2).position(|w| w == ['原', '因']).map(|i| p.claims[k + 1].end + i) else { continue };
        // The parts: the money changes after "原因", up to the next headline rate.
        let parts: Vec<&Claim> = p.claims[k + 2..]
            .iter()
            .filter(|c| c.start > reason_at)
            .take_while(|c| !matches!(c.kind, ClaimKind::ChangePercent(_)))
            .filter(|c| c.is_money_change())
            .collect();
        if parts.len() < 2 {
            continue;
        }
        let signed = |c: &Claim| -> Option<(i8, Option<Decimal>)> {
            let sign = match c.kind {
                ClaimKind::Change(narrative::Direction::Up) => 1,
                ClaimKind::Change(narrative::Direction::Down) => -1,
                _ => return None,
            };
            Some((sign, c.wan()))
        };
        let Some((hs, hv)) = signed(head) else { continue };
        let terms: Option<Vec<(i8, Option<Decimal>)>> = parts.iter().map(|c| signed(c).map(|(s, v)| (s * hs, v))).collect();
        let Some(terms) = terms else { continue };
        let (verdict, expected) = crate::rounding::compare(hv, &terms);
        if verdict != Verdict::Mismatch {
            continue;
        }
        let complete = parts.iter().any(|c| c.subject.contains("其他") || c.subject.ends_with('等'));
        let severity = if complete { Severity::Error } else { Severity::Warning };
        let listed: Vec<String> =
            parts.iter().map(|c| format!("{}{}", c.subject.trim_end_matches(['了', '为']), show(c.wan().unwrap_or_default()))).collect();
        let message = format!(
            "情况说明第{}行说总额变化 {} 万元，其后列出的原因（{}）合计为 {} 万元，两者不符。",
            head.source_line,
            show(hv.unwrap_or_default()),
            listed.join("；"),
            show(expected.abs())
        );
        sink.push(narrative_values("NAR-009", severity, message, head.source_line, (Some(expected.abs()), hv)));
    }
}

trait MoneyChange {
    fn is_money_change(&self) -> bool;
}

impl MoneyChange for Claim {
    /// A change of money ("增加354.68万元").
    fn is_money_change(&self) -> bool {
        matches!(self.kind, ClaimKind::Change(_)) && matches!(self.unit, narrative::Unit::Money(_))
    }
}
