//! Changes the narrative states from two printed amounts: "决算数大于预算数"
//! against the 年初预算 and 决算 it follows (NAR-004); "上年执行数为X万元，本年
//! 预算安排Y万元，比上年增加p%" (NAR-005); an item whose heading amount and
//! body amount differ (NAR-006); a reason that points the other way (NAR-007).
//!
//! Every comparison works on the printed amounts as intervals (±½ unit of the
//! last printed digit): a difference within them is 尾数误差 (info), never an
//! error.

use rust_decimal::Decimal;

use super::percent::{judge_percent, narrative_finding, ratio_range, round_half_up, show, PercentVerdict};
use super::{Family, Fixture, Rule, Severity, Sink};
use crate::model::{Document, DocumentKind};
use crate::narrative::claim::{sentence_bounds, MAX_SENTENCE_CHARS};
use crate::narrative::{Claim, ClaimKind, Direction, Paragraph, Unit};
use crate::rounding::{Interval, Verdict};

const Y: &str = "yantai-office-2024-final.txt";
const Q: &str = "qingdao-office-2024-final.txt";
const B: &str = "yantai-bigdata-2023-final.txt";
const YB: &str = "yantai-office-2023-budget.txt";
const QB: &str = "qingdao-office-2023-budget.txt";

use super::nar_tables::claim_interval as interval;
use super::nar_tables::claim_point;

/// The raw words before a claim back to the previous "，。；：" (the claim's
/// subject keeps no dates; here the year is what matters).
fn raw_lead(chars: &[char], c: &Claim) -> String {
    let end = c.start.min(chars.len());
    let floor = end.saturating_sub(MAX_SENTENCE_CHARS);
    let start = (floor..end).rev().find(|&k| matches!(chars[k], '，' | '。' | '；' | '：' | ',' | ';' | ':')).map_or(floor, |k| k + 1);
    chars[start..end].iter().filter(|c| !c.is_whitespace()).collect()
}

/// The text with white space removed, with each kept char's offset in `text`.
fn squeezed(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut chars = Vec::new();
    let mut at = Vec::new();
    for (k, c) in text.chars().enumerate() {
        if !c.is_whitespace() {
            chars.push(c);
            at.push(k);
        }
    }
    (chars, at)
}

fn find_all(hay: &[char], needle: &str) -> Vec<usize> {
    let n: Vec<char> = needle.chars().collect();
    if n.is_empty() || hay.len() < n.len() {
        return Vec::new();
    }
    (0..=hay.len() - n.len()).filter(|&i| hay[i..i + n.len()] == n[..]).collect()
}

/// The relation a sentence claims between 决算 and 预算.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    Greater,
    Less,
    Equal,
}

impl Relation {
    fn zh(self) -> &'static str {
        match self {
            Relation::Greater => "大于",
            Relation::Less => "小于",
            Relation::Equal => "等于",
        }
    }
}

/// "决算数大于预算数", "决算数与年初预算数持平", "与年初预算持平": the
/// relation and its char offset in the paragraph text. "基本持平" says too
/// little to check and is skipped.
fn relations(text: &str) -> Vec<(Relation, usize)> {
    let (chars, at) = squeezed(text);
    let mut out = Vec::new();
    for k in find_all(&chars, "决算数").into_iter().chain(find_all(&chars, "决算")) {
        let rest: String = chars[k..].iter().take(16).collect();
        let rest = rest.strip_prefix("决算数").or_else(|| rest.strip_prefix("决算")).unwrap_or("");
        let rel = [
            ("大于", Relation::Greater),
            ("高于", Relation::Greater),
            ("超过", Relation::Greater),
            ("多于", Relation::Greater),
            ("小于", Relation::Less),
            ("低于", Relation::Less),
            ("少于", Relation::Less),
            ("等于", Relation::Equal),
        ]
        .iter()
        .find(|(w, _)| rest.starts_with(w) && rest[w.len()..].trim_start_matches("年初").starts_with("预算"))
        .map(|(_, r)| *r);
        if let Some(r) = rel {
            out.push((r, at[k]));
        }
    }
    // "与（年初）预算（数）持平/一致", not "基本持平".
    for word in ["持平", "一致"] {
        for k in find_all(&chars, word) {
            let before: String = chars[k.saturating_sub(10)..k].iter().collect();
            let Some(yu) = before.rfind('与') else { continue };
            let between = &before[yu + '与'.len_utf8()..];
            if between.contains("预算") && !between.contains("决算") && !between.ends_with("基本") && !between.contains("上年") {
                out.push((Relation::Equal, at[k]));
            }
        }
    }
    out.sort_by_key(|r| r.1);
    out.dedup_by_key(|r| r.1);
    out
}

/// The rule.
pub const BUDGET_DIRECTION: Rule = Rule {
    id: "NAR-004",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：“决算数大于（小于、等于）预算数”与所列金额相符",
    why: "决算情况说明对每个科目先列年初预算数和决算数，再说“决算数大于（小于）预算数的主要原因是……”。如果金额显示决算比预算少，文字却说“大于”，或者两者明明不同却说“等于”“持平”，后面解释的原因就是针对一个不存在的情况，读者无法相信这段说明。",
    applies_to: &[DocumentKind::FinalAccounts],
    needs: &[],
    check: check_direction,
    fixtures: &[
        Fixture::fires(Y, &[("决算数大于年初预算数的主要原因是年中人员经费追加导致", "决算数小于年初预算数的主要原因是年中人员经费追加导致")]),
        Fixture::fires(Y, &[("完成年初预算的 99.03%。与年初预算基本持平", "完成年初预算的 99.03%。与年初预算持平")]),
        // "持平" makes the two amounts one value: one unit apart at one precision is not rounding.
        Fixture::fires(Y, &[("支出决算为 35.42 万元，完成年初预算的 100%。与年初预算持平", "支出决算为 35.43 万元，完成年初预算的 100%。与年初预算持平")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_direction(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for (_, p) in n.paragraphs() {
        for (rel, at) in relations(&p.text) {
            let before: Vec<&Claim> = p.claims.iter().filter(|c| c.start < at && c.is_money_amount()).collect();
            // The nearest 决算 amount and the 预算 amount before it.
            let Some(actual) = before.iter().rev().find(|c| c.subject.contains("决算") && !c.subject.contains("预算")) else {
                continue;
            };
            let Some(budget) =
                before.iter().rev().filter(|c| c.start < actual.start).find(|c| c.subject.contains("预算") && !c.subject.contains("决算"))
            else {
                continue;
            };
            // Only the sentence just before the relation: the pair must be the last amounts.
            if before.last().map(|c| c.start) != Some(actual.start) {
                continue;
            }
            let (Some(a), Some(b), Some(ai), Some(bi)) = (actual.wan(), budget.wan(), interval(actual), interval(budget)) else { continue };
            // "决算数等于（持平于）预算数" says the two are one value: printed at
            // one precision they must print the same digits
            // (rounding::same_quantity). "大于/小于" with equal printed
            // amounts is within rounding: the exact values may differ.
            let overlap = match (claim_point(actual), claim_point(budget)) {
                (Some(x), Some(y)) if rel == Relation::Equal => crate::rounding::same_quantity(x, y) != Verdict::Mismatch,
                _ => ai.gap(bi).is_zero(),
            };
            let holds = match rel {
                Relation::Greater => a > b,
                Relation::Less => a < b,
                Relation::Equal => a == b,
            };
            if holds {
                continue;
            }
            let line = p.line_at(at);
            let what = if a > b {
                "大于"
            } else if a < b {
                "小于"
            } else {
                "等于"
            };
            let base =
                format!("文中说决算数{}预算数，但所列预算数为{}万元、决算数为{}万元，决算数{}预算数", rel.zh(), show(b), show(a), what);
            // Different only within rounding of the printed amounts: not a contradiction.
            let (severity, tail) = if overlap && (rel == Relation::Equal || a == b) {
                (Severity::Info, "，差异在尾数误差范围内。")
            } else {
                (Severity::Error, "，文字与金额相反。")
            };
            let mut f = narrative_finding("NAR-004", severity, format!("{base}{tail}"), line);
            f.expected = Some(b);
            f.actual = Some(a);
            f.difference = a.checked_sub(b);
            sink.push(f);
        }
    }
}

/// Words that mark the prior year's amount and the current year's, given the
/// document's year.
fn year_words(year: Option<u16>) -> (Vec<String>, Vec<String>) {
    let mut prior: Vec<String> = ["上年", "上一年", "去年"].iter().map(|s| s.to_string()).collect();
    let mut current: Vec<String> = ["本年", "今年"].iter().map(|s| s.to_string()).collect();
    if let Some(y) = year {
        prior.push(format!("{}年", y.saturating_sub(1)));
        current.push(format!("{y}年"));
    }
    (prior, current)
}

/// A two-amount change: the prior and current amounts and what is said of them.
struct TwoAmounts<'a> {
    prior: &'a Claim,
    current: &'a Claim,
    /// The rate, or None for "持平".
    rate: Option<&'a Claim>,
    /// Char offset of the statement (the rate or the 持平 word).
    at: usize,
    /// The direction stated.
    dir: Option<Direction>,
}

/// "2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数
/// 减少57.14%": both amounts in the sentence of the rate (or of "持平"), the
/// prior one named by the prior year, the current by the current year.
fn two_amounts<'a>(p: &'a Paragraph, year: Option<u16>) -> Vec<TwoAmounts<'a>> {
    let (prior_w, current_w) = year_words(year);
    let chars: Vec<char> = p.text.chars().collect();
    let mut out = Vec::new();
    let mut statements: Vec<(usize, Option<&Claim>, Option<Direction>)> = Vec::new();
    for c in &p.claims {
        if let ClaimKind::ChangePercent(d) = c.kind {
            statements.push((c.start, Some(c), Some(d)));
        }
    }
    let (sq, at) = squeezed(&p.text);
    for k in find_all(&sq, "持平") {
        let before: String = sq[k.saturating_sub(3)..k].iter().collect();
        if !before.ends_with("基本") && !before.contains("预算") {
            statements.push((at[k], None, None));
        }
    }
    for (pos, rate, dir) in statements {
        let (s, _) = sentence_bounds(&chars, pos);
        let amounts: Vec<&Claim> = p.claims.iter().filter(|c| c.start >= s && c.start < pos && c.is_money_amount()).collect();
        // The paragraph's chars are split once: a long paragraph must not be
        // re-read for every amount.
        let names = |c: &Claim, words: &[String]| words.iter().any(|w| raw_lead(&chars, c).contains(w.as_str()));
        let prior = amounts.iter().rev().find(|c| names(c, &prior_w) && !names(c, &current_w));
        let current = amounts.iter().rev().find(|c| names(c, &current_w) && !names(c, &prior_w));
        if let (Some(prior), Some(current)) = (prior, current) {
            // The comparison must name the prior year: "比2023年预算执行数", "较上年".
            let lead: String = chars[s..pos].iter().collect();
            if !prior_w
                .iter()
                .any(|w| lead.contains(&format!("比{w}")) || lead.contains(&format!("较{w}")) || lead.contains(&format!("与{w}")))
            {
                continue;
            }
            out.push(TwoAmounts { prior, current, rate, at: pos, dir });
        }
    }
    out
}

/// The rule.
pub const TWO_AMOUNT_CHANGES: Rule = Rule {
    id: "NAR-005",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：由上年数和本年数说明的增减幅度与两数相符",
    why: "预算说明常写“上年执行数为X万元，本年预算安排Y万元，比上年增加（减少）p%”或“与上年持平”。两个金额都印在同一句里，增减方向和幅度就由它们唯一确定：幅度等于（Y−X）÷X。方向说反、幅度算错，或者两数不同却说“持平”，读者就不知道这项支出究竟是增是减、变了多少。",
    applies_to: &[DocumentKind::FinalAccounts, DocumentKind::Budget],
    needs: &[],
    check: check_two_amounts,
    fixtures: &[
        Fixture::fires(Y, &[("1、基本支出 4,942.51 万元。", "1、2024年基本支出 4,942.51 万元，上年基本支出 4,773.95 万元，比上年增加 3.35%。")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_two_amounts(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for (_, p) in n.paragraphs() {
        for t in two_amounts(p, doc.info.year) {
            // A paragraph whose heading amount disagrees with the body is NAR-006's;
            // a rate that fits the heading amount is not a second error.
            let heading = heading_amount(p, t.current);
            check_one(&t, heading, p, sink);
        }
    }
}

fn check_one(t: &TwoAmounts<'_>, heading: Option<&Claim>, p: &Paragraph, sink: &mut Sink) {
    let (Some(x), Some(y), Some(xi), Some(yi)) = (t.prior.wan(), t.current.wan(), interval(t.prior), interval(t.current)) else { return };
    let line = p.line_at(t.at);
    let said = format!("上年数{}万元、本年数{}万元", t.prior.printed, t.current.printed);
    let mut push = |severity: Severity, message: String, expected: Option<Decimal>, actual: Option<Decimal>| {
        let mut f = narrative_finding("NAR-005", severity, message, line);
        f.expected = expected;
        f.actual = actual;
        f.difference = expected.zip(actual).and_then(|(e, a)| a.checked_sub(e));
        sink.push(f);
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

/// The amount a paragraph opens with for its item ("“……（项）”350.35万元"),
/// when it is a different claim from `current` and comes before it.
fn heading_amount<'a>(p: &'a Paragraph, current: &Claim) -> Option<&'a Claim> {
    let first = p.claims.iter().find(|c| c.is_money_amount())?;
    if first.start >= current.start {
        return None;
    }
    // Only the text before the paragraph's first amount: cheap however long the paragraph.
    let chars: Vec<char> = p.text.chars().take(first.start).collect();
    let lead = raw_lead(&chars, first);
    (lead.ends_with('”') || lead.ends_with("（项）") || lead.ends_with("(项)")).then_some(first)
}

/// The rule.
pub const STATED_TWICE: Rule = Rule {
    id: "NAR-006",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：同一科目的本年金额前后一致",
    why: "预算说明常在科目名称后先写本年金额，再在正文中写“本年预算安排X万元”。这是同一个数，两处必须相同。写成两个不同的数，至少有一处是错的；表格能说明哪一个对。",
    applies_to: &[DocumentKind::FinalAccounts, DocumentKind::Budget],
    needs: &[],
    check: check_twice,
    fixtures: &[
        Fixture::fires(Y, &[("1、基本支出 4,942.51 万元。", "1、“基本支出（项）”4,942.51万元，2023年支出4,773.95万元，2024年支出4,924.51万元，比2023年增加3.15%。")]),
        // One unit of the last digit apart: the same item, so not rounding.
        Fixture::fires(Y, &[("1、基本支出 4,942.51 万元。", "1、“基本支出（项）”4,942.51万元，2023年支出4,773.95万元，2024年支出4,942.52万元，比2023年增加3.53%。")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_twice(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for (_, p) in n.paragraphs() {
        for t in two_amounts(p, doc.info.year) {
            let Some(h) = heading_amount(p, t.current) else { continue };
            let (Some(hw), Some(cw), Some(hi), Some(ci)) = (h.wan(), t.current.wan(), interval(h), interval(t.current)) else { continue };
            if hw == cw {
                continue;
            }
            // One item's amount stated twice: the digits must agree (rounding::same_quantity).
            let rounding = match (claim_point(h), claim_point(t.current)) {
                (Some(x), Some(y)) => crate::rounding::same_quantity(x, y) != Verdict::Mismatch,
                _ => hi.gap(ci).is_zero(),
            };
            // Which one the rate was computed from, if the rate tells.
            let from = t.rate.and_then(|r| r.value).zip(t.prior.wan()).and_then(|(pv, x)| {
                let r = |v: Decimal| {
                    v.checked_sub(x)
                        .map(|d| d.abs())
                        .and_then(|d| d.checked_mul(Decimal::ONE_HUNDRED))
                        .and_then(|d| d.checked_div(x))
                        .map(|r| round_half_up(r, pv.scale()))
                };
                if x.is_zero() {
                    None
                } else if r(hw) == Some(pv) {
                    Some(format!("文中幅度{pv}%是按{}万元算得的，正文的{}万元很可能有误。", h.printed, t.current.printed))
                } else if r(cw) == Some(pv) {
                    Some(format!("文中幅度{pv}%是按{}万元算得的，标题处的{}万元很可能有误。", t.current.printed, h.printed))
                } else {
                    None
                }
            });
            let (severity, tail) = if rounding {
                (Severity::Info, "差异在尾数误差范围内。".to_string())
            } else {
                (Severity::Error, from.unwrap_or_default())
            };
            let mut f = narrative_finding(
                "NAR-006",
                severity,
                format!("同一科目前面写{}万元，后面又写本年{}万元，前后不一致。{tail}", h.printed, t.current.printed),
                t.current.source_line,
            );
            f.expected = Some(hw);
            f.actual = Some(cw);
            f.difference = cw.checked_sub(hw);
            sink.push(f);
        }
    }
}

/// The rule.
pub const REASON_DIRECTION: Rule = Rule {
    id: "NAR-007",
    family: Family::Nar,
    severity: Severity::Warning,
    title: "情况说明：增减原因与增减方向一致",
    why: "“比上年减少2.98%，主要原因是经费增加”这样的句子自相矛盾：原因解释的是相反的变化。通常是套用了别的科目的原因，读者因此得不到真正的解释。",
    applies_to: &[DocumentKind::FinalAccounts, DocumentKind::Budget],
    needs: &[],
    check: check_reasons,
    fixtures: &[
        Fixture::fires(Y, &[("增长 3.53%。主要是人员经费的增加所导致。", "增长 3.53%。主要原因是人员经费减少。")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

const UP_WORDS: [&str; 7] = ["增加", "增长", "新增", "提高", "调增", "上升", "增多"];
const DOWN_WORDS: [&str; 10] = ["减少", "下降", "压减", "调减", "降低", "节约", "缩减", "取消", "不再", "减支"];

fn check_reasons(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for (_, p) in n.paragraphs() {
        let chars: Vec<char> = p.text.chars().collect();
        // The direction of each stated rate; "增加0%" says nothing.
        for c in &p.claims {
            let ClaimKind::ChangePercent(dir) = c.kind else { continue };
            if c.value.is_none_or(|v| v.is_zero()) || c.unit != Unit::Percent {
                continue;
            }
            // The reason follows the rate: "下降1.75%，主要原因是：……。"
            let mut rs = c.end;
            while chars.get(rs).is_some_and(|ch| ch.is_whitespace() || matches!(ch, '，' | '。' | ',' | '；')) {
                rs += 1;
            }
            let ceil = rs.saturating_add(MAX_SENTENCE_CHARS).min(chars.len());
            let re = (rs..ceil).find(|&k| matches!(chars[k], '。' | '；')).map_or(ceil, |k| k + 1);
            let reason: String = chars[rs.min(re)..re].iter().filter(|c| !c.is_whitespace()).collect();
            let Some(body) = ["主要原因是", "主要原因为", "主要原因", "主要是"].iter().find_map(|w| reason.strip_prefix(w))
            else {
                continue;
            };
            // "一是……；二是……": several reasons pulling both ways, not one to check.
            if body.contains("一是") {
                continue;
            }
            // The reason ends where the next change is stated.
            if p.claims.iter().any(|o| o.start > rs && o.start < re && matches!(o.kind, ClaimKind::ChangePercent(_) | ClaimKind::Change(_)))
            {
                continue;
            }
            let up = UP_WORDS.iter().any(|w| body.contains(w));
            let down = DOWN_WORDS.iter().any(|w| body.contains(w));
            let contrary = match dir {
                Direction::Up => down && !up,
                Direction::Down => up && !down,
            };
            if contrary {
                let (_, verb) = dir.verbs();
                sink.push(narrative_finding(
                    "NAR-007",
                    Severity::Warning,
                    format!("文中说{verb}{}%，随后的原因“{}”讲的却是相反方向的变化。", c.printed, reason.trim_end_matches('。')),
                    p.line_at(rs),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(rule: &Rule, text: &str) -> Vec<(Severity, usize, String)> {
        let doc = crate::read(text);
        let mut sink = super::super::percent::test_sink(rule.id);
        (rule.check)(&doc, &mut sink);
        sink.findings.into_iter().map(|f| (f.severity, f.source_line.unwrap_or(0), f.message)).collect()
    }

    const HEAD: &str = "2024年度部门决算\n第三部分 2024年度部门决算情况说明\n五、一般公共预算财政拨款支出决算情况说明\n";

    #[test]
    fn budget_direction_words_follow_the_amounts() {
        // 02-caizhengju L378-379, L406-407, L414-415 (planted).
        let text = format!("{HEAD}1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为 1560.05 万元，支出决算为 1511.89 万元。 决算数大于预算数的主要原因：人员变化。\n2、行政单位医疗（项）。年初预算为 62.29 万元，支出决算为 60.99 万元。 决算数等于预算数的主要原因：预算按周全保障测算。\n3、信息化建设（项）。年初预算为 135.90 万元，支出决算为 135.25 万元。决算数小于预算数的主要原因：调减。\n4、一般行政管理事务（项）。年初预算为 10.00 万元，支出决算为 10.00 万元。决算数与预算数基本持平。");
        let got = run(&BUDGET_DIRECTION, &text);
        let lines: Vec<(Severity, usize)> = got.iter().map(|g| (g.0, g.1)).collect();
        assert_eq!(lines, vec![(Severity::Error, 4), (Severity::Error, 5)], "{got:#?}");
        assert!(got[0].2.contains("决算数小于预算数"), "{}", got[0].2);
    }

    #[test]
    fn two_amount_changes_follow_the_amounts() {
        let year = "2024年度部门预算\n一、预算编制说明\n";
        // 01-wanli item 1: 60.13 → 25.77 is −57.14%.
        assert!(run(&TWO_AMOUNT_CHANGES, &format!("{year}“专项普查活动（项）”25.77万元，主要用于专项普查活动。2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%。主要原因是：项目调整。")).is_empty());
        let got = run(
            &TWO_AMOUNT_CHANGES,
            &format!("{year}2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.41%。"),
        );
        assert_eq!(got.len(), 1);
        assert!(got[0].2.contains("57.14%"), "{}", got[0].2);
        let got = run(
            &TWO_AMOUNT_CHANGES,
            &format!("{year}2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数增加57.14%。"),
        );
        assert!(got[0].2.contains("方向相反"), "{}", got[0].2);
        let got =
            run(&TWO_AMOUNT_CHANGES, &format!("{year}2023年当年预算执行数为10.00万元，2024年预算安排10.50万元，比2023年预算执行数持平。"));
        assert_eq!(got[0].0, Severity::Error);
        assert!(run(
            &TWO_AMOUNT_CHANGES,
            &format!("{year}2023年当年预算执行数为10.00万元，2024年预算安排10.00万元，比2023年预算执行数持平。")
        )
        .is_empty());
        // New this year: "增加100%" from zero is how documents say so.
        assert!(run(
            &TWO_AMOUNT_CHANGES,
            &format!("{year}2023年当年预算执行数为0.00万元，2024年预算安排25.00万元，比2023年预算执行数增加100.00%。")
        )
        .is_empty());
    }

    #[test]
    fn an_item_stated_with_two_amounts() {
        // 01-wanli item 31: heading 350.35, body 352.67; 0.53% fits 350.35 (and the table's 3,503,499 元).
        let text = "2024年度部门预算\n一、预算编制说明\n31. “住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，主要用于住房公积金。2023年当年预算执行数为348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加0.53%。主要原因是：住房公积金经费增加。";
        let got = run(&STATED_TWICE, text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(got[0].0, Severity::Error);
        assert!(got[0].2.contains("正文的352.67万元很可能有误"), "{}", got[0].2);
        // The rate is not a second error: it fits the heading amount.
        assert!(run(&TWO_AMOUNT_CHANGES, text).is_empty());
    }

    #[test]
    fn a_reason_that_points_the_other_way() {
        // 01-wanli item 4.
        let text = "2024年度部门预算\n一、预算编制说明\n2023年当年预算执行数为114.00万元，2024年预算安排110.60万元，比2023年预算执行数减少2.98%。主要原因是：宣传事务一般行政管理事务经费增加。";
        let got = run(&REASON_DIRECTION, text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(run(&REASON_DIRECTION, &text.replace("经费增加", "经费减少")).is_empty());
        assert!(run(&REASON_DIRECTION, &text.replace("经费增加", "人员增加、项目经费压减")).is_empty());
    }
}
