//! NAR-014 政府采购：总额、分类金额与授予中小企业的金额和比例相互一致
//!
//! ## 它检查什么
//!
//! The 政府采购 paragraph's figures agree with each other: 总额 = 货物 + 工程 +
//! 服务; the 中小企业 and 小微企业 shares of the total; 小微 ≤ 中小 ≤ 总额; and
//! the per-category 中小企业 shares, applied to the category amounts, add up to
//! the 中小企业 amount.
//!
//! ## 为什么重要
//!
//! 政府采购情况要说明采购总额、货物/工程/服务各多少，以及授予中小企业、小微企业的合同金额和比例，这是国家支持中小企业政策的落实情况。各类采购按所说比例授予中小企业的金额加起来，应当等于授予中小企业的总金额；比例也应当能由金额算出。对不上，说明至少有一个数字是错的，政策落实情况就无从判断。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-014.snap`，`cargo test NAR_014` 只运行本条。

use rust_decimal::Decimal;

use crate::checked::TOO_LARGE;
use crate::model::Document;
use crate::narrative::procurement::{facts, ProcurementFacts};
use crate::narrative::Claim;
use crate::rounding::{compare, Term};
use crate::rounding::{Interval, Verdict};
use crate::rules::percent::{is_exact, judge_percent, narrative_values, ratio_range, round_half_up, show, PercentVerdict};
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

const ID: &str = "NAR-014";

/// The rule.
pub const RULE: Rule = Rule {
    id: ID,
    family: Family::Nar,
    severity: Severity::Error,
    title: "政府采购：总额、分类金额与授予中小企业的金额和比例相互一致",
    why: "政府采购情况要说明采购总额、货物/工程/服务各多少，以及授予中小企业、小微企业的合同金额和比例，这是国家支持中小企业政策的落实情况。各类采购按所说比例授予中小企业的金额加起来，应当等于授予中小企业的总金额；比例也应当能由金额算出。对不上，说明至少有一个数字是错的，政策落实情况就无从判断。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(B, &[]);
        quiet Y, Q, YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    let f = facts(n);
    kinds_sum(&f, sink);
    shares_of_total(&f, sink);
    ordering(&f, sink);
    kind_shares(&f, sink);
}

fn iv(c: &Claim) -> Option<(Decimal, Interval)> {
    let w = c.wan()?;
    let v = c.value?;
    let f = if v.is_zero() { Decimal::ONE } else { w.checked_div(v)? };
    Some((w, Interval::try_of(Some(v))?.times(f)?))
}

fn err(sink: &mut Sink, severity: Severity, c: &Claim, message: String, expected: Option<Decimal>, actual: Option<Decimal>) {
    sink.push(narrative_values(ID, severity, message, c.source_line, (expected, actual)));
}

/// 总额 = 货物 + 工程 + 服务 (when all three are stated).
fn kinds_sum(f: &ProcurementFacts<'_>, sink: &mut Sink) {
    let Some(total) = f.total else { return };
    if f.by_kind.len() != 3 {
        return;
    }
    let terms: Vec<Term> = f.by_kind.iter().map(|(_, c)| (1, c.wan())).collect();
    let (verdict, expected) = compare(total.wan(), &terms);
    if verdict == Verdict::Exact {
        return;
    }
    // Named only now: most sums hold.
    let parts = f.by_kind.iter().map(|(k, c)| format!("{}{}", k.zh(), c.said())).collect::<Vec<_>>().join("、");
    let msg = |tail: &str| format!("政府采购总额{}，{parts}之和为{}万元，{tail}", total.said(), show(expected));
    match verdict {
        Verdict::Exact => {}
        Verdict::Rounding => err(sink, Severity::Info, total, msg("差异在尾数误差范围内。"), Some(expected), total.wan()),
        Verdict::Mismatch => err(sink, Severity::Error, total, msg("两者不符。"), Some(expected), total.wan()),
        Verdict::TooLarge => sink.skip(format!("第{}行政府采购总额与分类金额之和：{}", total.source_line, TOO_LARGE)),
    }
}

/// "占政府采购支出总额的X%" for 中小企业 and 小微企业.
fn shares_of_total(f: &ProcurementFacts<'_>, sink: &mut Sink) {
    let Some((total_w, total_iv)) = f.total.and_then(iv) else { return };
    for (who, entry) in [("中小企业", f.sme), ("小微企业", f.small)] {
        let Some((amount, Some(share))) = entry else { continue };
        let (Some((w, a_iv)), Some(p)) = (iv(amount), share.value) else { continue };
        let Some(point) = w.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(total_w)) else { continue };
        // An exact share (most) needs no range.
        if is_exact(p, point) {
            continue;
        }
        let Some((lo, hi)) = ratio_range(a_iv, total_iv) else { continue };
        let expected = round_half_up(point, p.scale());
        let verdict = judge_percent(p, point, lo, hi);
        if verdict == PercentVerdict::Exact {
            continue;
        }
        // Written only now: most shares hold.
        let base =
            format!("授予{who}合同金额{}占采购总额{}万元的比例应为{}%，文中为{}%", amount.said(), show(total_w), expected, share.printed);
        match verdict {
            PercentVerdict::Exact => {}
            PercentVerdict::Rounding => {
                err(sink, Severity::Info, share, format!("{base}，差异在尾数误差范围内。"), Some(expected), Some(p))
            }
            PercentVerdict::Truncated => {
                err(sink, Severity::Info, share, format!("{base}，是截尾（舍去）而非四舍五入，不是矛盾。"), Some(expected), Some(p))
            }
            PercentVerdict::Mismatch => err(sink, Severity::Error, share, format!("{base}。"), Some(expected), Some(p)),
        }
    }
}

/// 小微 ≤ 中小 ≤ 总额, beyond rounding.
fn ordering(f: &ProcurementFacts<'_>, sink: &mut Sink) {
    let total = f.total.and_then(iv);
    let sme = f.sme.and_then(|(c, _)| iv(c).map(|x| (c, x)));
    let small = f.small.and_then(|(c, _)| iv(c).map(|x| (c, x)));
    if let (Some((c, (w, i))), Some((t, ti))) = (sme, total) {
        if i.lo > ti.hi {
            err(
                sink,
                Severity::Error,
                c,
                format!("授予中小企业合同金额{}万元大于政府采购总额{}万元。", show(w), show(t)),
                Some(t),
                Some(w),
            );
        }
    }
    if let (Some((c, (w, i))), Some((_, (s, si)))) = (small, sme) {
        if i.lo > si.hi {
            err(
                sink,
                Severity::Error,
                c,
                format!("授予小微企业合同金额{}万元大于授予中小企业合同金额{}万元，小微企业本是中小企业的一部分。", show(w), show(s)),
                Some(s),
                Some(w),
            );
        }
    }
}

/// Σ category amount × its 中小企业 share ≈ the 中小企业 amount, when every
/// category with money has a stated share.
fn kind_shares(f: &ProcurementFacts<'_>, sink: &mut Sink) {
    let Some((sme, _)) = f.sme else { return };
    let Some((sme_w, sme_iv)) = iv(sme) else { return };
    if f.sme_share_by_kind.is_empty() {
        return;
    }
    let Some(sums) = share_sums(f) else {
        sink.skip(format!("第{}行按各类采购金额和比例计算授予中小企业的金额：{}", sme.source_line, TOO_LARGE));
        return;
    };
    let Some((lo, hi, point, used)) = sums else { return };
    if used.is_empty() || sme_iv.gap(Interval { lo, hi }).is_zero() {
        return;
    }
    let expected = point.round_dp(2);
    let mut message = format!(
        "按各类采购金额和文中所说授予中小企业的比例计算（{}），授予中小企业的合同金额应约为{}万元，文中为{}万元，相差{}万元。",
        used.join(" + "),
        show(expected),
        sme.printed,
        show(sme_w.checked_sub(expected).unwrap_or(Decimal::MAX).abs())
    );
    if let Some((small, _)) = f.small {
        if let Some((sw, si)) = iv(small) {
            if si.gap(Interval { lo, hi }).is_zero() {
                message.push_str(&format!("这个结果与授予小微企业合同金额{}万元相符，分类比例可能是按小微企业金额计算的。", show(sw)));
            }
        }
    }
    err(sink, Severity::Error, sme, message, Some(expected), Some(sme_w));
}

/// The interval and point of Σ category amount × its share, with the terms as
/// shown; `Some(None)` when the sum cannot be formed (a category without a
/// share), `None` when it overflows.
type ShareSums = Option<(Decimal, Decimal, Decimal, Vec<String>)>;

fn share_sums(f: &ProcurementFacts<'_>) -> Option<ShareSums> {
    let hundred = Decimal::ONE_HUNDRED;
    let (mut lo, mut hi, mut point) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let mut used = Vec::new();
    for (kind, amount) in &f.by_kind {
        let Some((w, a)) = iv(amount) else { return Some(None) };
        let share = f.sme_share_by_kind.iter().find(|(k, _)| k == kind).map(|(_, s)| *s);
        let Some(share) = share else {
            if w.is_zero() {
                continue;
            }
            return Some(None); // A category with money but no stated share: cannot add up.
        };
        let Some(p) = share.value else { return Some(None) };
        let s = Interval::try_of(Some(p))?;
        let (s_lo, s_hi) = (s.lo.max(Decimal::ZERO).checked_div(hundred)?, s.hi.min(hundred).checked_div(hundred)?);
        lo = lo.checked_add(a.lo.max(Decimal::ZERO).checked_mul(s_lo)?)?;
        hi = hi.checked_add(a.hi.checked_mul(s_hi)?)?;
        point = point.checked_add(w.checked_mul(p)?.checked_div(hundred)?)?;
        used.push(format!("{}{}×{}%", kind.zh(), amount.said(), share.printed));
    }
    Some(Some((lo, hi, point, used)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fires_when_category_shares_do_not_add_up() {
        let text = "十一、政府采购支出情况\n2023 年度政府采购支出总额 8,281.83 万元，其中：政府采购货物支出 14.43 万元、政府采购工程支出 0万元、政府采购服务支出 8,267.4 万元。授予中小企业合同金额\n\n1,839.9 万元，占政府采购支出总额的 22.22%，其中：授予小微企业合同金额 492.19 万元，占政府采购支出总额的 5.94%。货物采购授予中小企业合同金额占货物支出金额的 100%，服务采购授予中小企业合同金额占服务支出金额的 5.78%。";
        let got = RULE.found(text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!((got[0].0, got[0].1), (Severity::Error, 4));
        assert!(got[0].2.contains("小微企业合同金额492.19"), "{}", got[0].2);
    }

    #[test]
    fn silent_when_everything_agrees() {
        let text = "十一、政府采购支出情况\n2024 年度政府采购支出总额 405.49 万元,其中:政府采购货物支出 43.44 万元、政府采购工程支出 0 万元、政府采购服务支出 362.05 万元。授予中小企业合同金额 308.4 万元,占政府采购支出总额的 76.06%,其中:授予小微企业合同金额 286.99 万元,占政府采购支出总额的 70.78%。货物采购授予中小企业合同金额占货物支出金额的 88.37%,服务采购授予中小企业合同金额占服务支出金额的 74.58%。";
        assert!(RULE.found(text).is_empty(), "{:#?}", RULE.found(text));
    }

    #[test]
    fn fires_on_a_wrong_total_and_a_wrong_share() {
        let text = "（二）政府采购支出情况\n政府采购支出总额500.00万元，其中：政府采购货物支出44.48万元、政府采购工程支出0万元、政府采购服务支出400.00万元。授予中小企业合同金额100.00万元，占政府采购支出总额的25%。";
        let got = RULE.found(text);
        let sev: Vec<Severity> = got.iter().map(|g| g.0).collect();
        assert_eq!(sev, vec![Severity::Error, Severity::Error], "{got:#?}");
    }
}
