//! NAR-022 预算情况说明中的占比与金额相符
//!
//! ## 它检查什么
//!
//! Every share of a budget's 情况说明 against its amounts: the money amount just
//! before it over its base (the amount the printed base names; for a named base
//! with no amount of its own, the parts its sentence lists when their shares
//! make 100%; for "占X%" alone, the total the paragraph opens with). Rounding,
//! cut-off and a one-unit nudge that makes the shares 100% are info.
//!
//! ## 为什么重要
//!
//! 预算说明常写“本年支出预算合计A万元，其中：基本支出B万元，占X%”或“因公出国（境）费支出C万元，占“三公”经费的Y%”。X应当等于B÷A；占比写明了基数的，按所写的基数（没有单独印出时，就是同一句列出的各部分之和）计算。按公布的位数四舍五入比较，只差尾数或截尾的只作提示。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“3.收支预算增加的主要原因，项目经费增加。” 改为 “3.收支预算增加的主要原因，项目经费增加。本年支出预算合计100.00万元，其中：基本支出4…”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-022.snap`，`cargo test NAR_022` 只运行本条。

use rust_decimal::Decimal;

use crate::model::Document;
use crate::narrative::{Claim, ClaimKind};
use crate::rounding::Interval;
use crate::rules::percent::{is_exact, judge_percent, narrative_values, ratio_range, round_half_up, show, PercentVerdict};
use crate::rules::support::claims::claim_interval;
use crate::rules::support::corpus::{fixtures, QB, YB, YB_ANCHOR};
use crate::rules::support::kinds::BUDGET;
use crate::rules::support::text::plain;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// The rule.
pub const RULE: Rule = Rule {
    id: "NAR-022",
    family: Family::Nar,
    severity: Severity::Error,
    title: "预算情况说明中的占比与金额相符",
    why: "预算说明常写“本年支出预算合计A万元，其中：基本支出B万元，占X%”或“因公出国（境）费支出C万元，占“三公”经费的Y%”。X应当等于B÷A；占比写明了基数的，按所写的基数（没有单独印出时，就是同一句列出的各部分之和）计算。按公布的位数四舍五入比较，只差尾数或截尾的只作提示。",
    applies_to: BUDGET,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(YB, &[(YB_ANCHOR, "3.收支预算增加的主要原因，项目经费增加。本年支出预算合计100.00万元，其中：基本支出42.00万元，占40.00%。")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for s in &n.sections {
        let all: Vec<&Claim> = s.claims().map(|(_, c)| c).collect();
        for p in &s.paragraphs {
            for (k, c) in p.claims.iter().enumerate() {
                let ClaimKind::Share { base } = &c.kind else { continue };
                let Some(printed) = c.value else { continue };
                // The part: the money amount just before the share, in its sentence.
                // (The claim's sentence as read: `sentence_bounds` at its start.)
                let (ss, _) = c.sentence;
                let Some(part) =
                    p.claims[..k].iter().rev().take_while(|x| x.start >= ss || x.is_money_amount()).find(|x| x.is_money_amount())
                else {
                    continue;
                };
                // "占⏎项目支出⏎4210 万元，占⏎61.35 %": a text whose cells were
                // serialised out of order puts a "占" before the part; the share is not its own.
                if part.subject.contains('占') {
                    continue;
                }
                let Some(base_amount) = base_of(&all, p, k, part, base.as_deref()) else { continue };
                let (Some(pv), Some(pi)) = (part.wan(), claim_interval(part)) else { continue };
                let (bv, bi, what) = base_amount;
                if bv.is_zero() || pv > bv {
                    continue; // PLA-002 and NAR-012 speak to these
                }
                let Some(point) = pv.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(bv)) else { continue };
                // An exact share (most) needs no range.
                if is_exact(printed, point) {
                    continue;
                }
                let Some((lo, hi)) = ratio_range(pi, bi) else { continue };
                let expected = round_half_up(point, printed.scale());
                let last_place = crate::checked::unit(printed.scale()).unwrap_or(Decimal::ZERO);
                let shares: Vec<Decimal> =
                    p.claims.iter().filter(|x| matches!(x.kind, ClaimKind::Share { .. })).filter_map(|x| x.value).collect();
                let make_100 = shares.len() >= 2 && crate::checked::sum(shares.iter().copied()) == Some(Decimal::ONE_HUNDRED);
                let (severity, tail) = match judge_percent(printed, point, lo, hi) {
                    PercentVerdict::Exact => continue,
                    PercentVerdict::Rounding => (Severity::Info, "差在四舍五入的尾数范围内（尾数误差）。"),
                    PercentVerdict::Truncated => (Severity::Info, "是截尾（舍去）而非四舍五入，不是矛盾。"),
                    PercentVerdict::Mismatch if printed.checked_sub(expected).is_some_and(|d| d.abs() <= last_place) && make_100 => {
                        (Severity::Info, "只差最后一位，且各项占比合计恰为100%，是为凑足100%而作的尾数调整。")
                    }
                    PercentVerdict::Mismatch => (Severity::Error, "超出了四舍五入可能造成的误差。"),
                };
                sink.push(narrative_values(
                    "NAR-022",
                    severity,
                    format!(
                        "“{}”占 {}%，但 {} ÷ {}（{}）= {}%，{}",
                        part.subject.trim_end_matches('为'),
                        c.printed,
                        show(pv),
                        show(bv),
                        what,
                        expected,
                        tail
                    ),
                    c.source_line,
                    (Some(expected), Some(printed)),
                ));
            }
        }
    }
}

/// The base of a share, as (value in 万元, interval, description): the amount
/// the printed base names (the nearest earlier one in the section); for a
/// named base with no amount of its own, the sum of the parts its sentence
/// lists when their shares make 100%; for "占X%" alone, the total the
/// paragraph opens with.
fn base_of(
    all: &[&Claim],
    p: &crate::narrative::Paragraph,
    k: usize,
    part: &Claim,
    base: Option<&str>,
) -> Option<(Decimal, Interval, String)> {
    let share = &p.claims[k];
    match base {
        Some(b) => {
            let core = plain(b);
            let core = core.trim_end_matches("总额").trim_end_matches("金额").trim_end_matches("合计").to_string();
            if core.chars().count() < 2 {
                return None;
            }
            // "因公出国（境）费0.00" is a part of 三公, never its base: the base's subject names the base and no part.
            let before = all.iter().take_while(|x| !std::ptr::eq(**x, share));
            let named = before.filter(|x| x.is_money_amount() && !std::ptr::eq(**x, part) && plain(&x.subject).contains(&core)).last();
            if let Some(x) = named {
                return Some((x.wan()?, claim_interval(x)?, format!("第{}行所说的{}", x.source_line, x.subject.trim_end_matches('为'))));
            }
            // No amount of its own: the parts listed in the sentence, if their shares make 100%.
            // (The share's sentence as read: `sentence_bounds` at its start.)
            let (ss, se) = share.sentence;
            let group: Vec<&Claim> = p.claims.iter().filter(|x| x.start >= ss && x.start < se).collect();
            let shares: Vec<Decimal> = group
                .iter()
                .filter(|x| matches!(&x.kind, ClaimKind::Share { base: Some(o) } if plain(o) == plain(b)))
                .filter_map(|x| x.value)
                .collect();
            let sum = crate::checked::sum(shares.iter().copied())?;
            // Shares that make about 100% say the parts are the whole; one
            // misprinted share still leaves the list recognisable.
            if shares.len() < 2 || sum.checked_sub(Decimal::ONE_HUNDRED).is_none_or(|d| d.abs() > Decimal::ONE) {
                return None;
            }
            let parts: Vec<&Claim> = group.iter().copied().filter(|x| x.is_money_amount()).collect();
            // One amount per share, or the sum is not the whole: an item whose
            // amount was not read (a page footer inside "156.6 万⏎- 15 -⏎元")
            // would leave it short, and an extra amount (a change) would pad it.
            if parts.len() != shares.len() {
                return None;
            }
            let total = parts.iter().try_fold(Decimal::ZERO, |a, x| a.checked_add(x.wan()?))?;
            let iv = parts.iter().try_fold(Interval { lo: Decimal::ZERO, hi: Decimal::ZERO }, |a, x| Some(a.add(claim_interval(x)?)))?;
            Some((total, iv, format!("同句所列各项之和，即{b}")))
        }
        None => {
            let first = p.claims.iter().find(|x| x.is_money_amount())?;
            if std::ptr::eq(first, part) || first.start >= share.start {
                return None;
            }
            let s = plain(&first.subject);
            if !["合计", "总计", "总额", "总预算"].iter().any(|w| s.contains(w)) {
                return None;
            }
            Some((first.wan()?, claim_interval(first)?, format!("第{}行所说的{}", first.source_line, first.subject.trim_end_matches('为'))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::nar::shares_sum;

    #[test]
    fn budget_shares_of_a_named_or_opening_total() {
        let year = "2019年度部门预算\n";
        // As Jiangsu narratives state them (made-up amounts): 7722.00 ÷ 18000.00 = 42.90%.
        let text = format!("{year}三、支出预算情况说明\n示例省某某办公厅本年支出预算合计18000.00万元，其中：基本支出7722.00万元，占42.90%；项目支出8406.00万元，占46.70%；单位预留机动经费1872.00万元，占10.40%。");
        assert!(RULE.found(&text).iter().all(|f| f.0 == Severity::Info), "{:#?}", RULE.found(&text));
        let got = RULE.found(&text.replace("42.90", "43.00"));
        assert_eq!(got.iter().filter(|f| f.0 == Severity::Error).count(), 1, "{got:#?}");
        // The three 三公 items, their total not printed: 305 ÷ 379 = 80.47%, printed 80.48% so that the shares make 100%.
        let sg = format!("{year}九、一般公共预算“三公”经费支出预算情况说明\n“三公”经费预算支出中，因公出国（境）费支出40万元，占“三公”经费的10.55%；公务用车购置及运行费支出305万元，占“三公”经费的80.48%；公务接待费支出34万元，占“三公”经费的8.97 %。");
        assert!(RULE.found(&sg).iter().all(|f| f.0 == Severity::Info), "{:#?}", RULE.found(&sg));
        assert_eq!(RULE.found(&sg.replace("10.55", "11.55")).iter().filter(|f| f.0 == Severity::Error).count(), 1);
        // One share quoting ‘三公’ and the next “三公” still name one base.
        let mixed = sg.replacen("占“三公”经费的10.55%", "占‘三公’经费的11.55%", 1);
        assert_eq!(RULE.found(&mixed).iter().filter(|f| f.0 == Severity::Error).count(), 1, "{:#?}", RULE.found(&mixed));
        // An item whose amount was not read leaves no whole to divide by: no error.
        let cut = sg.replace("305万元", "305万- 15 -元");
        assert_eq!(RULE.found(&cut).iter().filter(|f| f.0 == Severity::Error).count(), 0, "{:#?}", RULE.found(&cut));
        // Shares 1.5 points away from 100% are not read as the parts of one total.
        assert_eq!(RULE.found(&sg.replace("10.55", "12.05")).iter().filter(|f| f.0 == Severity::Error).count(), 0);
        // Their sum above 100% is NAR-021's.
        assert_eq!(shares_sum::RULE.found(&sg.replace("10.55", "10.65")).len(), 1);
    }
}
