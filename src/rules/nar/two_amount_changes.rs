//! NAR-005 情况说明：由上年数和本年数说明的增减幅度与两数相符
//!
//! ## 它检查什么
//!
//! "上年执行数为X万元，本年预算安排Y万元，比上年增加（减少）p%" or "…持平": both
//! amounts in the sentence of the rate, named by the prior and the current year,
//! fix the direction and the rate (|Y − X| ÷ X). Every comparison works on the
//! printed amounts as intervals: a difference within them is 尾数误差 (info). A
//! rate that fits the paragraph's heading amount instead is NAR-006's.
//!
//! ## 为什么重要
//!
//! 预算说明常写“上年执行数为X万元，本年预算安排Y万元，比上年增加（减少）p%”或“与上年持平”。两个金额都印在同一句里，增减方向和幅度就由它们唯一确定：幅度等于（Y−X）÷X。方向说反、幅度算错，或者两数不同却说“持平”，读者就不知道这项支出究竟是增是减、变了多少。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“1、基本支出 4,942.51 万元。” 改为 “1、2024年基本支出 4,942.51 万元，上年基本支出 4,773.95 万元，比上年…”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-005.snap`，`cargo test NAR_005` 只运行本条。

use rust_decimal::Decimal;

use crate::model::Document;
use crate::narrative::{Claim, Direction, Paragraph};
use crate::rounding::Interval;
use crate::rules::percent::{is_exact, judge_percent, narrative_values, ratio_range, round_half_up, show, PercentVerdict};
use crate::rules::support::claims::claim_interval;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::support::two_amounts::{heading_amount, TwoAmounts};
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// The rule.
pub const RULE: Rule = Rule {
    id: "NAR-005",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：由上年数和本年数说明的增减幅度与两数相符",
    why: "预算说明常写“上年执行数为X万元，本年预算安排Y万元，比上年增加（减少）p%”或“与上年持平”。两个金额都印在同一句里，增减方向和幅度就由它们唯一确定：幅度等于（Y−X）÷X。方向说反、幅度算错，或者两数不同却说“持平”，读者就不知道这项支出究竟是增是减、变了多少。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("1、基本支出 4,942.51 万元。", "1、2024年基本支出 4,942.51 万元，上年基本支出 4,773.95 万元，比上年增加 3.35%。")]);
        quiet Y, Q, B, YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    for (p, t) in sink.two_amounts(doc) {
        // A paragraph whose heading amount disagrees with the body is NAR-006's;
        // a rate that fits the heading amount is not a second error.
        let heading = heading_amount(p, t.current);
        check_one(&t, heading, p, sink);
    }
}

fn check_one(t: &TwoAmounts<'_>, heading: Option<&Claim>, p: &Paragraph, sink: &mut Sink) {
    let (Some(x), Some(y), Some(xi), Some(yi)) = (t.prior.wan(), t.current.wan(), claim_interval(t.prior), claim_interval(t.current))
    else {
        return;
    };
    let line = p.line_at(t.at);
    let said = format!("上年数{}、本年数{}", t.prior.said(), t.current.said());
    let mut push = |severity: Severity, message: String, expected: Option<Decimal>, actual: Option<Decimal>| {
        sink.push(narrative_values("NAR-005", severity, message, line, (expected, actual)));
    };
    let same = xi.gap(yi).is_zero();
    let Some(rate) = t.rate else {
        // "持平": the two amounts must be equal within rounding.
        if !same {
            push(Severity::Error, format!("{said}，两数不同，文中却说“持平”。"), Some(x), Some(y));
        } else if x != y {
            push(Severity::Info, format!("{said}，文中说“持平”，差异在尾数误差范围内。"), Some(x), Some(y));
        }
        return;
    };
    let (Some(p_val), Some(dir)) = (rate.value, t.dir) else { return };
    let actual_dir = if y > x {
        Some(Direction::Up)
    } else if y < x {
        Some(Direction::Down)
    } else {
        None
    };
    if x.is_zero() {
        // From nothing: "增加100%" is the usual way to say "new"; nothing else is checkable.
        if dir == Direction::Down {
            push(Severity::Error, format!("{said}，上年为零，文中却说减少{}%。", rate.printed), None, Some(p_val));
        }
        return;
    }
    if let Some(a) = actual_dir {
        if a != dir && !same {
            let (_, said_verb) = dir.verbs();
            let (_, real_verb) = a.verbs();
            push(Severity::Error, format!("{said}，应为{real_verb}，文中却说{said_verb}{}%，方向相反。", rate.printed), None, Some(p_val));
            return;
        }
    }
    let Some(diff) = y.checked_sub(x).map(|d| d.abs()) else { return };
    let Some(point) = diff.checked_mul(Decimal::ONE_HUNDRED).and_then(|v| v.checked_div(x)) else { return };
    // An exact rate (most) needs no range.
    if is_exact(p_val, point) {
        return;
    }
    // |y − x| over the two intervals; bounds past Decimal's range say nothing.
    let (Some(a), Some(b)) = (yi.lo.checked_sub(xi.hi).map(|d| d.abs()), yi.hi.checked_sub(xi.lo).map(|d| d.abs())) else { return };
    let num = Interval { lo: a.min(b), hi: b.max(a) };
    let num = if same { Interval { lo: Decimal::ZERO, hi: num.hi } } else { num };
    let Some((lo, hi)) = ratio_range(num, xi) else { return };
    let expected = round_half_up(point, p_val.scale());
    let (_, verb) = dir.verbs();
    let verdict = judge_percent(p_val, point, lo, hi);
    if verdict == PercentVerdict::Mismatch {
        if let Some(h) = heading.and_then(|h| h.wan().map(|w| (h, w))) {
            let (_, hw) = h;
            let fits = hw
                .checked_sub(x)
                .map(|d| d.abs())
                .and_then(|d| d.checked_mul(Decimal::ONE_HUNDRED))
                .and_then(|d| d.checked_div(x))
                .map(|r| round_half_up(r, p_val.scale()));
            if fits == Some(p_val) {
                return; // NAR-006 reports the two amounts of the item.
            }
        }
    }
    match verdict {
        PercentVerdict::Exact => {}
        PercentVerdict::Rounding => push(
            Severity::Info,
            format!("{said}，{verb}幅度应为{expected}%，文中为{}%，差异在尾数误差范围内。", rate.printed),
            Some(expected),
            Some(p_val),
        ),
        PercentVerdict::Truncated => push(
            Severity::Info,
            format!("{said}，{verb}幅度四舍五入应为{expected}%，文中为{}%，是截尾（舍去）而非四舍五入。", rate.printed),
            Some(expected),
            Some(p_val),
        ),
        PercentVerdict::Mismatch => push(
            Severity::Error,
            format!("{said}，{verb}幅度应为{expected}%（{}÷{}），文中为{}%。", show(diff), show(x), rate.printed),
            Some(expected),
            Some(p_val),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_amount_changes_follow_the_amounts() {
        let year = "2024年度部门预算\n一、预算编制说明\n";
        // As a Shanghai budget states a project (made-up amounts): 80.00 → 30.00 is −62.50%.
        assert!(RULE.found(&format!("{year}“某某专项（项）”30.00万元，主要用于某某专项。2023年当年预算执行数为80.00万元，2024年预算安排30.00万元，比2023年预算执行数减少62.50%。主要原因是：项目调整。")).is_empty());
        let got = RULE.found(&format!("{year}2023年当年预算执行数为80.00万元，2024年预算安排30.00万元，比2023年预算执行数减少62.05%。"));
        assert_eq!(got.len(), 1);
        assert!(got[0].2.contains("62.50%"), "{}", got[0].2);
        let got = RULE.found(&format!("{year}2023年当年预算执行数为80.00万元，2024年预算安排30.00万元，比2023年预算执行数增加62.50%。"));
        assert!(got[0].2.contains("方向相反"), "{}", got[0].2);
        let got = RULE.found(&format!("{year}2023年当年预算执行数为12.00万元，2024年预算安排12.60万元，比2023年预算执行数持平。"));
        assert_eq!(got[0].0, Severity::Error);
        assert!(RULE
            .found(&format!("{year}2023年当年预算执行数为12.00万元，2024年预算安排12.00万元，比2023年预算执行数持平。"))
            .is_empty());
        // New this year: "增加100%" from zero is how documents say so.
        assert!(RULE
            .found(&format!("{year}2023年当年预算执行数为0.00万元，2024年预算安排18.00万元，比2023年预算执行数增加100.00%。"))
            .is_empty());
    }
}
