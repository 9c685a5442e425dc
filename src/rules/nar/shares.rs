//! NAR-002 情况说明中的占比与金额相符
//!
//! ## 它检查什么
//!
//! Every share "占X%" of a 决算's narrative against the amounts it is computed
//! from: the money amount just before it over its base (the printed base, else
//! the total the paragraph opens with, else the table total of the section).
//! Within rounding of the printed figures is 尾数误差 (info); a share nudged by
//! one unit so that the shares of the paragraph make exactly 100% is info too.
//!
//! ## 为什么重要
//!
//! “财政拨款收入占99.79%”“基本支出占49.16%”这类占比，应当等于这一项金额除以总额。占比算错，会让人误解收支结构。按公布的两位小数四舍五入比较，只差尾数的算作提示。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“占 99.79%” 改为 “占 98.79%”
//! - `yantai-office-2024-final.txt`：“2024 年度一般公共预算财政拨款支出 10,041.99 万元，主要用于以下方面：一般公共…” 改为 “主要用于以下方面：一般公共服务(类)支出 8,602.95 万元，占 95.66%”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-002.snap`，`cargo test NAR_002` 只运行本条。

use rust_decimal::Decimal;

use crate::model::{Document, Row, TableKind};
use crate::narrative::{Claim, ClaimKind, Paragraph, Topic};
use crate::rounding::Interval;
use crate::rules::percent::{is_exact, judge_percent, narrative_values, ratio_range, round_half_up, show, PercentVerdict};
use crate::rules::support::claims::claim_interval;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::final_cells::{cell, line, norm, total};
use crate::rules::support::kinds::FINAL;
use crate::rules::support::text::Holds;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// Shares "占X%" equal the amounts they are computed from.
pub const RULE: Rule = Rule {
    id: "NAR-002",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明中的占比与金额相符",
    why: "“财政拨款收入占99.79%”“基本支出占49.16%”这类占比，应当等于这一项金额除以总额。占比算错，会让人误解收支结构。按公布的两位小数四舍五入比较，只差尾数的算作提示。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("占 99.79%", "占 98.79%")]),
        // No total before the share: the base is the section's table total (公开05表合计 10,041.99).
        Fixture::fires(Y, &[("2024 年度一般公共预算财政拨款支出 10,041.99 万元，主要用于以下方面：一般公共服务(类)支出 8,602.95 万元，占 85.66%", "主要用于以下方面：一般公共服务(类)支出 8,602.95 万元，占 95.66%")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for s in &n.sections {
        for p in &s.paragraphs {
            for (k, c) in p.claims.iter().enumerate() {
                if !matches!(c.kind, ClaimKind::Share { .. }) {
                    continue;
                }
                let Some(printed) = c.value else { continue };
                // The amount the share belongs to: the money amount just before it.
                let Some(part) = p.claims[..k].iter().rev().find(|x| x.is_money_amount()) else { continue };
                let Some((base_iv, base, base_name)) = share_base(doc, s.topic, p, c) else { continue };
                let (Some(part_iv), Some(part_v)) = (claim_interval(part), part.wan()) else { continue };
                if base.is_zero() {
                    continue;
                }
                let Some(point) = part_v.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(base)) else { continue };
                // An exact share (most) needs no range.
                if is_exact(printed, point) {
                    continue;
                }
                let Some((lo, hi)) = ratio_range(part_iv, base_iv) else { continue };
                let expected = round_half_up(point, printed.scale());
                let last_place = crate::checked::unit(printed.scale()).unwrap_or_default();
                let (severity, tail) = match judge_percent(printed, point, lo, hi) {
                    PercentVerdict::Exact => continue,
                    PercentVerdict::Rounding => (Severity::Info, "差在四舍五入的尾数范围内（尾数误差）。"),
                    PercentVerdict::Truncated => (Severity::Info, "是截尾（舍去）而非四舍五入，不是矛盾。"),
                    // A share nudged by one unit so that the printed shares add
                    // up to exactly 100%: only when they do.
                    PercentVerdict::Mismatch
                        if printed.checked_sub(expected).is_some_and(|d| d.abs() <= last_place) && shares_make_100(p) =>
                    {
                        (Severity::Info, "只差最后一位，且文中各项占比合计恰为100%，是为凑足100%而作的尾数调整。")
                    }
                    PercentVerdict::Mismatch => (Severity::Error, "超出了四舍五入可能造成的误差。"),
                };
                let message = format!(
                    "情况说明第{}行写“{}”占 {}%，但 {} ÷ {}（{}）= {}%，{}",
                    c.source_line,
                    part.subject.trim_end_matches('为'),
                    printed,
                    show(part_v),
                    show(base),
                    base_name,
                    expected,
                    tail
                );
                sink.push(narrative_values("NAR-002", severity, message, c.source_line, (Some(expected), Some(printed))));
            }
        }
    }
}

/// The base a share "占X%" is computed over in each section.
fn share_base(doc: &Document, topic: Topic, p: &Paragraph, c: &Claim) -> Option<(Interval, Decimal, String)> {
    if let ClaimKind::Share { base: Some(b) } = &c.kind {
        if b.holds("本年支出合计") && topic == Topic::GeneralBudget {
            let v = cell(doc, TableKind::F01, line(58), 0)?;
            return Some((Interval::of(v.value), v.value.unwrap_or_default(), "公开01表本年支出合计".into()));
        }
        return None;
    }
    // Without a printed base, the share is of the total the paragraph opens with.
    let first = p.claims.iter().find(|x| x.is_money_amount() && x.kind == ClaimKind::Amount)?;
    let ok = match topic {
        Topic::Income => norm(&first.subject).holds("收入合计"),
        Topic::Expenditure => norm(&first.subject).holds("支出合计"),
        Topic::GeneralBudget => norm(&first.subject) == "一般公共预算财政拨款支出",
        _ => false,
    };
    if ok && first.start < c.start {
        return Some((
            claim_interval(first)?,
            first.wan()?,
            format!("第{}行所说的{}", first.source_line, first.subject.trim_end_matches('为')),
        ));
    }
    // No total stated before it: the table total of the section's subject.
    let (kind, pick, what): (TableKind, fn(&Row) -> bool, &str) = match topic {
        Topic::Income => (TableKind::F01, |r: &Row| r.line == Some(27), "公开01表本年收入合计"),
        Topic::Expenditure => (TableKind::F03, total, "公开03表合计"),
        Topic::GeneralBudget => (TableKind::F05, total, "公开05表合计"),
        _ => return None,
    };
    let v = cell(doc, kind, pick, 0)?;
    Some((Interval::of(v.value), v.value?, what.to_string()))
}

/// True when the shares "占X%" of a paragraph add up to exactly 100.
fn shares_make_100(p: &Paragraph) -> bool {
    let shares: Vec<Decimal> = p.claims.iter().filter(|c| matches!(c.kind, ClaimKind::Share { .. })).filter_map(|c| c.value).collect();
    shares.len() >= 2 && crate::checked::sum(shares.iter().copied()) == Some(Decimal::ONE_HUNDRED)
}
