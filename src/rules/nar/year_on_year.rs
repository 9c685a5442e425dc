//! NAR-008 情况说明：增减额与增减幅度相互一致
//!
//! ## 它检查什么
//!
//! "与上年相比增加/减少 Δ 万元，增长/下降 p%" must agree with itself: the prior
//! year is the current amount minus (plus) Δ, or the prior-year amount the
//! paragraph states, and p is Δ over it. The printed amounts stand for intervals,
//! so a rate within their rounding is 尾数误差 (info), a cut-off rate is info,
//! and a rate computed over this year's amount is named. A clause that states a
//! change and also "与上年持平" contradicts itself.
//!
//! ## 为什么重要
//!
//! 情况说明常写“与上年相比增加（减少）X万元，增长（下降）Y%”。本年数减去（加上）增减额就是上年数，增减额除以上年数就是增减幅度。三个数对不上，或者同一句话里既说“减少”又说“持平”，说明文字是套用模板或抄错了，读者就无法知道这项收支到底变了多少。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“增长 5.04%” 改为 “增长 5.14%”
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
//! `tests/snapshots/rules/NAR-008.snap`，`cargo test NAR_008` 只运行本条。

use rust_decimal::Decimal;

use crate::model::Document;
use crate::narrative::claim::clause_bounds;
use crate::narrative::yoy::{pairs, YearOnYear};
use crate::narrative::{Claim, ClaimKind, Direction, Narrative};
use crate::rounding::Interval;
use crate::rules::percent::{
    is_exact, judge_percent, narrative_finding, narrative_values, ratio_range, round_half_up, show, PercentVerdict,
};
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::support::text::Holds;
use crate::rules::{Family, Finding, Fixture, Rule, Severity, Sink};

const ID: &str = "NAR-008";

/// The rule.
pub const RULE: Rule = Rule {
    id: ID,
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：增减额与增减幅度相互一致",
    why: "情况说明常写“与上年相比增加（减少）X万元，增长（下降）Y%”。本年数减去（加上）增减额就是上年数，增减额除以上年数就是增减幅度。三个数对不上，或者同一句话里既说“减少”又说“持平”，说明文字是套用模板或抄错了，读者就无法知道这项收支到底变了多少。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("增长 5.04%", "增长 5.14%")]);
        quiet Y, Q, B, YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for pair in pairs(n) {
        let mut out = Vec::new();
        check_pair(&pair, doc.info.year, &mut out);
        out.into_iter().for_each(|f| sink.push(f));
    }
    flat_contradictions(n, sink);
}

/// The outcome of checking one pair, for tests and counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Δ and p agree exactly.
    Holds,
    /// They agree within rounding of the printed figures.
    Rounding,
    /// No current amount to derive the prior year from: not checkable.
    Unchecked,
    /// A finding at error or warning level.
    Fails,
}

/// Checks one pair, appends its finding (if any) to `out` and says what it found.
fn check_pair(pair: &YearOnYear<'_>, year: Option<u16>, out: &mut Vec<Finding>) -> Outcome {
    let (ClaimKind::Change(dir_a), ClaimKind::ChangePercent(dir_p)) = (&pair.change.kind, &pair.percent.kind) else {
        return Outcome::Unchecked;
    };
    let (Some(delta), Some(p)) = (pair.change.wan(), pair.percent.value) else { return Outcome::Unchecked };
    let line = pair.percent.source_line;
    let (va, _) = dir_a.verbs();
    let (_, vp) = dir_p.verbs();
    // Written only into a finding: most pairs hold.
    let quote = Quote { va, change: pair.change.said(), vp, percent: &pair.percent.printed };
    let mut push = |severity: Severity, message: String, expected: Option<Decimal>| {
        out.push(narrative_values(ID, severity, message, line, (expected, Some(p))));
    };
    // A zero change is flat whatever the verb; the rate must be zero too.
    if delta.is_zero() || p.is_zero() {
        if delta.is_zero() && p.is_zero() {
            return Outcome::Holds;
        }
        push(Severity::Error, format!("{quote}：增减额与增减幅度一个为零、一个不为零，相互矛盾。"), None);
        return Outcome::Fails;
    }
    if dir_a != dir_p {
        push(Severity::Error, format!("{quote}：同一项变化，金额说“{va}”，幅度却说“{vp}”，方向相反。"), None);
        return Outcome::Fails;
    }
    let Some(current) = pair.current.and_then(|c| c.wan().map(|w| (c, w))) else { return Outcome::Unchecked };
    let (cur_claim, cur) = current;
    // "上年支出100万元，…增加20万元", "与2016年度相比（2016年度…为
    // 8,648.07万元），增加498.72万元": the amount stated is the prior year's own.
    let stated_prior = ["上年", "上一年", "去年"].iter().any(|w| cur_claim.subject.holds(w)) || names_prior_year(&cur_claim.subject, year);
    if stated_prior {
        return prior_stated(pair, cur_claim, cur, delta, p, &quote, out);
    }
    let prior = match dir_a {
        Direction::Up => cur.checked_sub(delta),
        Direction::Down => cur.checked_add(delta),
    };
    let Some(prior) = prior else { return Outcome::Unchecked };
    let cur_quote = ThisYear(cur_claim);
    if prior < Decimal::ZERO {
        push(Severity::Error, format!("{quote}：按{cur_quote}推算，上年数为{}万元，是负数，这组数字不可能同时成立。", show(prior)), None);
        return Outcome::Fails;
    }
    if prior.is_zero() {
        // "增加X万元，增长100%" for an item new this year is the usual way to say
        // so (as NAR-005 accepts it); any other rate from zero is meaningless.
        if dir_p == &Direction::Up && p == Decimal::ONE_HUNDRED {
            push(
                Severity::Info,
                format!("{quote}：按{cur_quote}推算，上年数为零（本年新增），“增长100%”是惯用的写法，并非计算结果。"),
                None,
            );
            return Outcome::Unchecked;
        }
        push(Severity::Warning, format!("{quote}：按{cur_quote}推算，上年数为零，从零起算的增长幅度没有意义。"), None);
        return Outcome::Fails;
    }
    let Some(point) = delta.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(prior)) else {
        return Outcome::Unchecked;
    };
    // An exact rate (most) needs no range of the printed amounts.
    if is_exact(p, point) {
        return Outcome::Holds;
    }
    // The printed amounts stand for intervals. The rate rises with the change
    // and falls with the current amount, so its extremes pair the smallest
    // change with the largest current amount and vice versa.
    let (Some(d), Some(c)) = (scale_to_wan(pair.change.value, delta), scale_to_wan(cur_claim.value, cur)) else {
        return Outcome::Unchecked;
    };
    let den = match dir_a {
        Direction::Up => c.lo.checked_sub(d.hi).zip(c.hi.checked_sub(d.lo.max(Decimal::ZERO))),
        Direction::Down => c.lo.checked_add(d.hi).zip(c.hi.checked_add(d.lo.max(Decimal::ZERO))),
    };
    let Some((lo, hi)) = den else { return Outcome::Unchecked };
    let den = Interval { lo, hi };
    let Some((lo, hi)) = ratio_range(d, den) else { return Outcome::Unchecked };
    let expected = round_half_up(point, p.scale());
    match judge_percent(p, point, lo, hi) {
        PercentVerdict::Exact => Outcome::Holds,
        PercentVerdict::Rounding => {
            push(
                Severity::Info,
                format!(
                    "{quote}：按{cur_quote}推算上年数为{}万元，幅度应为{}%，文中为{}%，差异在尾数误差范围内。",
                    show(prior),
                    expected,
                    pair.percent.printed
                ),
                Some(expected),
            );
            Outcome::Rounding
        }
        PercentVerdict::Truncated => {
            push(
                Severity::Info,
                format!("{quote}：按{cur_quote}推算上年数为{}万元，幅度为{}%，四舍五入应为{}%，文中为{}%，是截尾（舍去）而非四舍五入，不是矛盾。", show(prior), round_half_up(point, p.scale() + 2), expected, pair.percent.printed),
                Some(expected),
            );
            Outcome::Rounding
        }
        PercentVerdict::Mismatch => {
            // A common slip: the change divided by this year's amount, not last year's.
            let on_current = delta.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(cur)).map(|r| round_half_up(r, p.scale()));
            let hint = if on_current == Some(p) {
                format!("文中幅度等于{}÷{}，似误以本年数为分母。", show(delta), show(cur))
            } else {
                String::new()
            };
            push(
                Severity::Error,
                format!(
                    "{quote}：按{cur_quote}推算，上年数为{}万元，{vp}幅度应为{}%（{}÷{}），文中为{}%。{hint}",
                    show(prior),
                    expected,
                    show(delta),
                    show(prior),
                    pair.percent.printed
                ),
                Some(expected),
            );
            Outcome::Fails
        }
    }
}

/// Whether a subject names the year before the document's ("2016年度…为"
/// in a 2017 budget) and not the document's own.
fn names_prior_year(subject: &str, year: Option<u16>) -> bool {
    let Some(year) = year else { return false };
    let flat: String = subject.chars().filter(|c| !c.is_whitespace()).collect();
    let names = |y: u16| flat.holds(&format!("{y}年"));
    year.checked_sub(1).is_some_and(names) && !names(year)
}

/// The pair as quoted in a message ("“增加20万元，增长10%”"), written out
/// only when a finding is made.
struct Quote<'a> {
    va: &'a str,
    /// The change as printed with its unit ("20万元").
    change: String,
    vp: &'a str,
    percent: &'a str,
}

impl std::fmt::Display for Quote<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "“{}{}，{}{}%”", self.va, self.change, self.vp, self.percent)
    }
}

/// "本年数X万元" in a message (the amount with its printed unit), written
/// out only when a finding is made.
struct ThisYear<'a>(&'a Claim);

impl std::fmt::Display for ThisYear<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "本年数{}", self.0.said())
    }
}

/// Checks p = Δ / prior when the paragraph states the prior-year amount itself.
fn prior_stated(
    pair: &YearOnYear<'_>,
    prior_claim: &Claim,
    prior: Decimal,
    delta: Decimal,
    p: Decimal,
    quote: &Quote<'_>,
    out: &mut Vec<Finding>,
) -> Outcome {
    let Some(point) = delta.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(prior)) else { return Outcome::Unchecked };
    if is_exact(p, point) {
        return Outcome::Holds;
    }
    let (Some(d), Some(b)) = (scale_to_wan(pair.change.value, delta), scale_to_wan(prior_claim.value, prior)) else {
        return Outcome::Unchecked;
    };
    let Some((lo, hi)) = ratio_range(d, b) else { return Outcome::Unchecked };
    let expected = round_half_up(point, p.scale());
    let (severity, outcome, tail) = match judge_percent(p, point, lo, hi) {
        PercentVerdict::Exact => return Outcome::Holds,
        PercentVerdict::Rounding => (Severity::Info, Outcome::Rounding, "，差异在尾数误差范围内。"),
        PercentVerdict::Truncated => (Severity::Info, Outcome::Rounding, "，是截尾（舍去）而非四舍五入，不是矛盾。"),
        PercentVerdict::Mismatch => (Severity::Error, Outcome::Fails, "。"),
    };
    out.push(narrative_values(
        ID,
        severity,
        format!("{quote}：上年数为{}，幅度应为{}%，文中为{}%{tail}", prior_claim.said(), expected, pair.percent.printed),
        pair.percent.source_line,
        (Some(expected), Some(p)),
    ));
    outcome
}

/// The interval of a printed money value, in 万元 (None when too large).
fn scale_to_wan(printed: Option<Decimal>, wan: Decimal) -> Option<Interval> {
    let Some(v) = printed.filter(|v| !v.is_zero()) else { return Interval::try_of(Some(wan)) };
    Interval::try_of(Some(v))?.times(wan.checked_div(v)?)
}

/// "减少为0.00万元，与上年持平": a clause that states a change (or a value
/// reached by one) and also that nothing changed.
fn flat_contradictions(n: &Narrative, sink: &mut Sink) {
    for (_, p) in n.paragraphs() {
        let chars = p.chars();
        for flat in p.claims.iter().filter(|c| matches!(c.kind, ClaimKind::Flat { basic: false })) {
            let (s, e) = clause_bounds(chars, flat.start);
            // "与上年统计口径一致" compares how a figure is counted, not the figure.
            if flat.subject.holds("口径") {
                continue;
            }
            let moved = p
                .claims
                .iter()
                .filter(|c| c.start >= s && c.start < e)
                .filter(|c| !in_other_scope(chars, c.start, flat.start) && !own_subject(chars, c.end, flat.start))
                .find(|c| match c.kind {
                    ClaimKind::Reached(_) => true,
                    ClaimKind::Change(_) | ClaimKind::ChangePercent(_) => c.value.is_some_and(|v| !v.is_zero()),
                    _ => false,
                });
            if let Some(m) = moved {
                let said = p.slice(m.start.saturating_sub(3), m.end);
                sink.push(narrative_finding(
                    ID,
                    Severity::Error,
                    format!("“{}”与“{}”在同一句中：既说有增减，又说与上年相同，自相矛盾。", said.trim(), flat.subject),
                    flat.source_line,
                ));
            }
        }
    }
}

/// True when what is said to be flat names its own subject after the
/// change: "基本支出增加498.72万元，项目支出、单位预留机动经费与上年数一致"
/// (but not "减少2万元，与上年持平"): after the last comma between the
/// change's end `moved_end` and the flat phrase at `flat_start`, words
/// stand before it.
fn own_subject(chars: &[char], moved_end: usize, flat_start: usize) -> bool {
    let Some(between) = chars.get(moved_end..flat_start) else { return false };
    let Some(comma) = between.iter().rposition(|c| matches!(c, '，' | ',')) else { return false };
    between[comma + 1..].iter().filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation()).count() >= 2
}

/// True when a scope word ("其中", "分别", "主要是") stands between two offsets
/// of a clause: "三公经费减少2万元，其中：接待费与上年持平" gives the two
/// statements different subjects.
fn in_other_scope(chars: &[char], a: usize, b: usize) -> bool {
    let (lo, hi) = (a.min(b), a.max(b).min(chars.len()));
    let between: String = chars[lo..hi].iter().collect();
    ["其中", "分别", "主要是", "主要原因", "包括"].iter().any(|w| between.holds(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fires_on_a_wrong_rate_a_wrong_direction_and_a_flat_change() {
        let text = "一、收入支出决算总体情况\n2024年度收、支总计10,261.39万元。与上年相比，增加492.55万元，增长5.24%。\n二、收入\n其他收入21.48万元，与上年相比，增加18.87万元，下降722.99%。\n三、三公\n购置费减少为0.00万元，与2023年持平。";
        let got = RULE.found(text);
        assert_eq!(got.len(), 3, "{got:#?}");
        assert_eq!((got[0].0, got[0].1), (Severity::Error, 2));
        assert!(got[0].2.contains("5.04%"), "{}", got[0].2);
        // Amounts stated in 元 are quoted in 元; the prior year, computed in 万元, says so.
        let yuan = RULE.found(&text.replace("10,261.39万元", "102,613,900.00元").replace("492.55万元", "4,925,500.00元"));
        assert!(yuan[0].2.contains("“增加4,925,500.00元，增长5.24%”：按本年数102,613,900.00元推算，上年数为9,768.84万元"), "{}", yuan[0].2);
        assert!(got[1].2.contains("方向相反"));
        assert_eq!((got[2].0, got[2].1), (Severity::Error, 6));
    }

    #[test]
    fn stays_silent_on_consistent_statements() {
        let text = "一、收入支出决算总体情况\n2024年度收、支总计17,187.83万元。与2023年度相比，收、\n\n支总计各减少1,594.06万元，下降8.49%。\n二、三公\n因公出国（境）经费91.00万元，与上一年相比，增加0.00万元，增长0.00%，主要原因是：与上年持平。\n机关运行经费570.69万元，与上一年相比，减少18.47万元，下降3.13%。\n上级补助收入 0 万元。与上年决算数一致。\n其他收入 0.18 万元。与 2022 年度相比，减少 0.18万元，下降 50%。";
        assert!(RULE.found(text).is_empty(), "{:#?}", RULE.found(text));
    }

    #[test]
    fn flat_belongs_to_its_own_clause() {
        // "在与上年统计口径一致的基础上，本年比上年减少88.40万元" (made-up, as
        // 22-gaoyuan-2017 words a 口径) — 一致 is about the 口径.
        assert!(RULE
            .found("一、机关运行经费\n在与上年统计口径一致的基础上，本年比上年减少 88.40 万元，下降了 3.25%，主要原因为差旅支出压减。")
            .iter()
            .all(|f| f.0 == Severity::Info));
        // 持平 after 其中 is about a part, not the total that fell.
        assert!(RULE.found("一、三公\n“三公”经费支出减少2.00万元，其中：公务接待费与上年持平。").is_empty());
        assert_eq!(RULE.found("一、三公\n公务接待费减少2.00万元，与上年持平。").len(), 1);
        // What is flat names its own subject after the change (the words of
        // 18-zhengxie-2017's 部门概况).
        assert!(RULE.found("一、支出\n基本支出增加 498.72 万元，项目支出、单位预留\n机动经费与上年数一致。").is_empty());
    }

    /// The amount in brackets is the year before's (a 2017 budget's "2016
    /// 年度…为8,648.07万元", as 18-zhengxie-2017 words it): the rate is
    /// the change over it, 498.72 ÷ 8,648.07 = 5.77%, not over a prior
    /// year worked out from it as if it were this year's.
    #[test]
    fn an_amount_of_the_year_before_is_the_base() {
        let text = "江苏省政协办公厅2017年度部门预算\n一、收支预算总体情况\n2017 年度部门支出预算安排与 2016 年度相比（2016 年度部门支出预算安排为 8,648.07 万元），增加 498.72 万元，增长 5.77%。";
        assert!(RULE.found(text).iter().all(|f| f.0 == Severity::Info), "{:#?}", RULE.found(text));
        let wrong = RULE.found(&text.replace("5.77%", "6.12%"));
        assert_eq!(wrong.len(), 1, "{wrong:#?}");
        assert!(wrong[0].2.contains("上年数为8,648.07万元，幅度应为5.77%"), "{}", wrong[0].2);
    }

    #[test]
    fn a_cut_off_rate_is_info_and_a_rate_over_this_year_is_named() {
        // The shape of 11-jianchayuan-2019 L866 (made-up amounts): 1,584.3 ÷ 4,326.5
        // = 36.618…%, printed 36.61%.
        let got = RULE.found("一、支出\n一般行政管理事务(项)支出 2742.2万元，与上年相比减少1584.3 万元，减少36.61 %。");
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(got[0].0, Severity::Info);
        assert!(got[0].2.contains("截尾"), "{}", got[0].2);
        // The shape of 12-shengweiban-2017 L197 (made-up amounts): 87.64 ÷ 5,160.66 = 1.70%,
        // but 87.64 ÷ 5,248.30 = 1.67%.
        let got = RULE.found("一、支出\n行政运行（项）支出 5248.30 万元，与上年相比增加 87.64 万元，增长 1.67%。");
        assert_eq!(got[0].0, Severity::Error);
        assert!(got[0].2.contains("1.70%") && got[0].2.contains("误以本年数为分母"), "{}", got[0].2);
    }

    #[test]
    fn a_new_item_said_to_grow_by_100_percent_is_info() {
        // The shape of 23-gaoyuan-2018 L650 (made-up amount).
        let got = RULE.found("一、支出\n事业单位医疗（项）支出 842.37 万元，与上年相比增加 842.37 万元，增长 100%。");
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![Severity::Info], "{got:#?}");
        let got = RULE.found("一、支出\n缴费支出 842.37 万元，与上年相比增加 842.37 万元，增长 50%。");
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![Severity::Warning], "{got:#?}");
    }

    #[test]
    fn a_stated_prior_year_amount_is_the_base() {
        assert!(RULE.found("一、收入支出总体情况\n本年支出120.00万元，上年支出100.00万元，增加20.00万元，增长20%。").is_empty());
        assert_eq!(RULE.found("一、收入支出总体情况\n本年支出120.00万元，上年支出100.00万元，增加20.00万元，增长25%。").len(), 1);
    }

    #[test]
    fn rounding_of_the_printed_amounts_is_info() {
        // 1244 printed without decimals: 1244 / (5000 − 1244) = 33.12 %, but
        // 1244.4 / (5000 − 1244.4) = 33.13 % is possible.
        let got = RULE.found("一、收入支出总体情况\n收、支总计5000万元，增加1244万元，增长33.13%。");
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(got[0].0, Severity::Info);
    }

    /// Every "增加/减少 Δ，增长/下降 p%" in the five corpus documents is
    /// checked, and every one holds exactly.
    #[test]
    fn every_year_on_year_statement_holds() {
        let mut per_doc = Vec::new();
        for name in [Y, Q, B, YB, QB] {
            let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(path).expect("fixture");
            let n = crate::narrative::claims(&crate::text::normalise(&text));
            let pairs = pairs(&n);
            for p in &pairs {
                let mut sink = Vec::new();
                assert_eq!(check_pair(p, None, &mut sink), Outcome::Holds, "{name} L{}", p.percent.source_line);
            }
            per_doc.push(pairs.len());
        }
        assert_eq!(per_doc, vec![8, 4, 8, 4, 9]);
    }
}
