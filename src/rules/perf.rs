//! 绩效自评表: the arithmetic of project self-evaluations.

use rust_decimal::Decimal;

use super::tbl01::FINAL;
use super::{Family, Finding, Fixture, Rule, Severity, Sink};
use crate::perf::{Funds, SelfEvaluation};
use crate::rounding::Interval;

const Y: &str = "yantai-office-2024-final.txt";
const Q: &str = "qingdao-office-2024-final.txt";
const B: &str = "yantai-bigdata-2023-final.txt";

fn iv(v: Decimal) -> Interval {
    Interval::of(Some(v))
}

/// The interval of B / A given the printed A and B.
fn ratio(f: &Funds) -> Option<Interval> {
    let (a, b) = (iv(f.budget), iv(f.executed));
    if a.lo <= Decimal::ZERO {
        return None;
    }
    Some(Interval { lo: b.lo.checked_div(a.hi)?, hi: b.hi.checked_div(a.lo)? })
}

// Overflowing bounds make an interval that meets everything: no finding.
fn rate_iv(f: &Funds) -> Interval {
    match (f.rate.fraction.checked_sub(f.rate.half_ulp), f.rate.fraction.checked_add(f.rate.half_ulp)) {
        (Some(lo), Some(hi)) => Interval { lo, hi },
        _ => Interval::ANY,
    }
}

fn capped_times(weight: Decimal, r: Interval) -> Interval {
    let one = Decimal::ONE;
    match (weight.checked_mul(r.lo.min(one)), weight.checked_mul(r.hi.min(one))) {
        (Some(lo), Some(hi)) => Interval { lo: lo.min(hi), hi: lo.max(hi) },
        _ => Interval::ANY,
    }
}

fn name(e: &SelfEvaluation) -> String {
    e.name.as_ref().map(|n| format!("“{n}”")).unwrap_or_else(|| format!("第{}行", e.funds.line))
}

fn finding(sink: &Sink, message: String, expected: Decimal, actual: Decimal, line: usize) -> Finding {
    Finding {
        expected: Some(expected),
        actual: Some(actual),
        difference: actual.checked_sub(expected),
        source_line: Some(line),
        ..sink.finding(message)
    }
}

fn for_each(doc: &crate::model::Document, sink: &mut Sink, mut f: impl FnMut(&SelfEvaluation, &mut Sink)) {
    if doc.evaluations.is_empty() {
        sink.skip("没有找到项目绩效自评表（以“年度资金总额”一行识别）".to_string());
    }
    for e in &doc.evaluations {
        f(e, sink);
    }
}

/// 执行率 = 全年执行数 / 全年预算数.
pub const EXECUTION_RATE: Rule = Rule {
    id: "PERF-001",
    family: Family::Perf,
    severity: Severity::Error,
    title: "绩效自评表：预算执行率等于全年执行数除以全年预算数",
    why: "预算执行率反映项目的钱花了多少。自评表上写的执行率应当就是“全年执行数 ÷ 全年预算数”；对不上，说明执行情况的说法与实际金额矛盾。",
    applies_to: FINAL,
    needs: &[],
    check: check_execution_rate,
    fixtures: &[
        Fixture::fires(Y, &[("736.85\t10\t82.79%", "736.85\t10\t72.79%")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_execution_rate(doc: &crate::model::Document, sink: &mut super::Sink) {
    for_each(doc, sink, |e, sink| {
        let f = &e.funds;
        let Some(r) = ratio(f) else { return };
        if rate_iv(f).gap(r).is_zero() {
            return;
        }
        let hundred = Decimal::ONE_HUNDRED;
        let exact = f.executed.checked_div(f.budget).and_then(|x| x.checked_mul(hundred));
        let (Some(exact), Some(printed)) = (exact, f.rate.fraction.checked_mul(hundred)) else {
            sink.skip(format!("项目{}的预算执行率：{}", name(e), crate::checked::TOO_LARGE));
            return;
        };
        let exact = exact.round_dp(2);
        let x = finding(
            sink,
            format!(
                "项目{}的自评表写预算执行率 {}，但全年执行数 {} ÷ 全年预算数 {} = {}%。",
                name(e),
                f.rate.printed,
                f.executed,
                f.budget,
                exact
            ),
            exact,
            printed,
            f.line,
        );
        sink.push(x);
    });
}

/// 预算执行得分 = 分值 × min(执行率, 1).
pub const EXECUTION_SCORE: Rule = Rule {
    id: "PERF-002",
    family: Family::Perf,
    severity: Severity::Error,
    title: "绩效自评表：预算执行得分等于分值乘以执行率",
    why: "预算执行一项的得分按“分值 × 预算执行率”计算（执行率最高按100%计）。例如分值10分、执行率82.79%，得分应为8.28分。得分多算，项目的自评总分和等级就被抬高了。",
    applies_to: FINAL,
    needs: &[],
    check: check_execution_score,
    fixtures: &[Fixture::fires(Y, &[]), Fixture::quiet(Q), Fixture::quiet(B)],
};

fn check_execution_score(doc: &crate::model::Document, sink: &mut super::Sink) {
    for_each(doc, sink, |e, sink| {
        let f = &e.funds;
        let printed = iv(f.score);
        let by_rate = capped_times(f.weight, rate_iv(f));
        let by_amounts = ratio(f).map(|r| capped_times(f.weight, r));
        if printed.gap(by_rate).is_zero() || by_amounts.is_some_and(|a| printed.gap(a).is_zero()) {
            return;
        }
        let Some(expected) = f.weight.checked_mul(f.rate.fraction.min(Decimal::ONE)) else {
            sink.skip(format!("项目{}的预算执行得分：{}", name(e), crate::checked::TOO_LARGE));
            return;
        };
        let expected = expected.round_dp(f.score.scale().max(2));
        let x = finding(
            sink,
            format!(
                "项目{}的自评表预算执行得分写为 {}，但分值 {} × 执行率 {} = {}，得分多算或少算了 {}；自评总分也随之不准。",
                name(e),
                f.score,
                f.weight,
                f.rate.printed,
                expected,
                f.score.checked_sub(expected).unwrap_or(Decimal::MAX).abs()
            ),
            expected,
            f.score,
            f.line,
        );
        sink.push(x);
    });
}

/// 一级指标 "(N分)" = Σ 分值 of its indicators.
pub const BLOCK_WEIGHTS: Rule = Rule {
    id: "PERF-003",
    family: Family::Perf,
    severity: Severity::Warning,
    title: "绩效自评表：一级指标标注的分值等于其下各指标分值之和",
    why: "自评表把指标分为成本、产出、效益、满意度等一级指标，并注明每类的分值（如“产出指标（40分）”）。其下各指标的分值加起来应当正好等于这个数；不等，说明指标分值设置或填写有误，得分也就失去了可比性。",
    applies_to: FINAL,
    needs: &[],
    check: check_block_weights,
    fixtures: &[Fixture::fires(Y, &[]), Fixture::quiet(Q), Fixture::quiet(B)],
};

fn check_block_weights(doc: &crate::model::Document, sink: &mut super::Sink) {
    for_each(doc, sink, |e, sink| {
        for b in &e.blocks {
            let Some(stated) = b.stated else { continue };
            if !b.complete {
                sink.skip(format!("项目{}的“{}”一栏有未能识别的指标行，未核对其分值", name(e), b.label));
                continue;
            }
            let Some(sum) = crate::checked::sum(b.items.iter().map(|i| i.0)) else {
                sink.skip(format!("项目{}的“{}”一栏分值合计：{}", name(e), b.label, crate::checked::TOO_LARGE));
                continue;
            };
            if sum != stated {
                let x = finding(
                    sink,
                    format!(
                        "项目{}的自评表“{}（{}分）”下各指标分值合计为 {} 分，与标注的 {} 分不符。",
                        name(e),
                        b.label,
                        stated,
                        sum,
                        stated
                    ),
                    stated,
                    sum,
                    b.line,
                );
                sink.push(x);
            }
        }
        if e.blocks.is_empty() {
            sink.skip(format!("项目{}的自评表未能识别一级指标分组（标签可能被拆成单字）", name(e)));
        } else if e.blocks.iter().all(|b| b.stated.is_none()) {
            sink.skip(format!("项目{}的自评表一级指标没有标注分值，无从核对", name(e)));
        }
    });
}

/// 总分 = 预算执行得分 + Σ indicator 得分.
pub const TOTAL_SCORE: Rule = Rule {
    id: "PERF-004",
    family: Family::Perf,
    severity: Severity::Error,
    title: "绩效自评表：总分等于预算执行得分加各指标得分",
    why: "自评总分是预算执行得分与各项指标得分之和，它决定项目的自评等级（优、良、中、差）。总分与各项得分加不上，等级就没有依据。",
    applies_to: FINAL,
    needs: &[],
    check: check_total_score,
    fixtures: &[Fixture::fires(Y, &[("总分\t\t98.38", "总分\t\t97.38")]), Fixture::quiet(Y), Fixture::quiet(Q), Fixture::quiet(B)],
};

fn check_total_score(doc: &crate::model::Document, sink: &mut super::Sink) {
    for_each(doc, sink, |e, sink| {
        let Some((total, line)) = e.total else { return };
        if e.blocks.is_empty() || e.blocks.iter().any(|b| !b.complete) {
            return;
        }
        let sum = crate::checked::sum(std::iter::once(e.funds.score).chain(e.blocks.iter().flat_map(|b| b.items.iter().map(|i| i.1))));
        let Some(sum) = sum else {
            sink.skip(format!("项目{}的自评总分：{}", name(e), crate::checked::TOO_LARGE));
            return;
        };
        if iv(total).gap(iv(sum)).is_zero() {
            return;
        }
        let x =
            finding(sink, format!("项目{}的自评总分写为 {}，但预算执行得分与各指标得分之和为 {}。", name(e), total, sum), sum, total, line);
        sink.push(x);
    });
}

/// 得分 ≤ 分值 for every indicator.
pub const SCORE_WITHIN_WEIGHT: Rule = Rule {
    id: "PERF-005",
    family: Family::Perf,
    severity: Severity::Error,
    title: "绩效自评表：每项指标得分不超过其分值",
    why: "每项指标的得分最高只能等于它的分值（自评表注释也这样规定）。得分超过分值，自评总分就被虚增了。",
    applies_to: FINAL,
    needs: &[],
    check: check_score_within_weight,
    fixtures: &[
        Fixture::fires(Y, &[("≤150万元\t134.31万元\t4\t4", "≤150万元\t134.31万元\t4\t5")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_score_within_weight(doc: &crate::model::Document, sink: &mut super::Sink) {
    for_each(doc, sink, |e, sink| {
        for b in &e.blocks {
            for (w, s, line) in &b.items {
                if s > w {
                    let x = finding(sink, format!("项目{}的自评表第{line}行指标得分 {s} 超过了它的分值 {w}。", name(e)), *w, *s, *line);
                    sink.push(x);
                }
            }
        }
    });
}
