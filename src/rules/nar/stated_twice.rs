//! NAR-006 情况说明：同一科目的本年金额前后一致
//!
//! ## 它检查什么
//!
//! An item whose heading amount ("“……（项）”268.40万元") and the current amount
//! of its two-amount sentence differ: one quantity stated twice, so the digits
//! must agree. When the stated rate fits one of the two, the other is named as
//! the likely error.
//!
//! ## 为什么重要
//!
//! 预算说明常在科目名称后先写本年金额，再在正文中写“本年预算安排X万元”。这是同一个数，两处必须相同。写成两个不同的数，至少有一处是错的；表格能说明哪一个对。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“1、基本支出 4,942.51 万元。” 改为 “1、“基本支出（项）”4,942.51万元，2023年支出4,773.95万元，2024年支…”
//! - `yantai-office-2024-final.txt`：“1、基本支出 4,942.51 万元。” 改为 “1、“基本支出（项）”4,942.51万元，2023年支出4,773.95万元，2024年支…”
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
//! `tests/snapshots/rules/NAR-006.snap`，`cargo test NAR_006` 只运行本条。

use rust_decimal::Decimal;

use crate::model::Document;
use crate::rounding::Verdict;
use crate::rules::percent::{narrative_values, round_half_up};
use crate::rules::support::claims::{claim_interval, claim_point};
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::support::two_amounts::heading_amount;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// The rule.
pub const RULE: Rule = Rule {
    id: "NAR-006",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：同一科目的本年金额前后一致",
    why: "预算说明常在科目名称后先写本年金额，再在正文中写“本年预算安排X万元”。这是同一个数，两处必须相同。写成两个不同的数，至少有一处是错的；表格能说明哪一个对。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("1、基本支出 4,942.51 万元。", "1、“基本支出（项）”4,942.51万元，2023年支出4,773.95万元，2024年支出4,924.51万元，比2023年增加3.15%。")]),
        // One unit of the last digit apart: the same item, so not rounding.
        Fixture::fires(Y, &[("1、基本支出 4,942.51 万元。", "1、“基本支出（项）”4,942.51万元，2023年支出4,773.95万元，2024年支出4,942.52万元，比2023年增加3.53%。")]);
        quiet Y, Q, B, YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    for (p, t) in sink.two_amounts(doc) {
        let Some(h) = heading_amount(p, t.current) else { continue };
        let (Some(hw), Some(cw), Some(hi), Some(ci)) = (h.wan(), t.current.wan(), claim_interval(h), claim_interval(t.current)) else {
            continue;
        };
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
                Some(format!("文中幅度{pv}%是按{}算得的，正文的{}很可能有误。", h.said(), t.current.said()))
            } else if r(cw) == Some(pv) {
                Some(format!("文中幅度{pv}%是按{}算得的，标题处的{}很可能有误。", t.current.said(), h.said()))
            } else {
                None
            }
        });
        let (severity, tail) = if rounding {
            (Severity::Info, "差异在尾数误差范围内。".to_string())
        } else {
            (Severity::Error, from.unwrap_or_default())
        };
        sink.push(narrative_values(
            "NAR-006",
            severity,
            format!("同一科目前面写{}，后面又写本年{}，前后不一致。{tail}", h.said(), t.current.said()),
            t.current.source_line,
            (Some(hw), Some(cw)),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::nar::two_amount_changes;

    #[test]
    fn an_item_stated_with_two_amounts() {
        // The shape of 01-wanli item 31 (made-up amounts): heading 268.40, body 270.72; 0.54% fits 268.40.
        let text = "2024年度部门预算\n一、预算编制说明\n31. “住房保障支出（类）住房改革支出（款）住房公积金（项）”268.40万元，主要用于住房公积金。2023年当年预算执行数为266.95万元，2024年预算安排270.72万元，比2023年预算执行数增加0.54%。主要原因是：缴存人数增加。";
        let got = RULE.found(text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(got[0].0, Severity::Error);
        assert!(got[0].2.contains("正文的270.72万元很可能有误"), "{}", got[0].2);
        // The rate is not a second error: it fits the heading amount.
        assert!(two_amount_changes::RULE.found(text).is_empty());
        // The same with the ASCII quotes many PDFs print.
        let ascii = text.replace(['“', '”'], "\"");
        let got = RULE.found(&ascii);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(got[0].2.contains("正文的270.72万元很可能有误"), "{}", got[0].2);
        assert!(two_amount_changes::RULE.found(&ascii).is_empty());
        // And with single quotes (‘…（项）’), as some texts quote.
        let single = text.replace('“', "‘").replace('”', "’");
        let got = RULE.found(&single);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(got[0].2.contains("正文的270.72万元很可能有误"), "{}", got[0].2);
        assert!(two_amount_changes::RULE.found(&single).is_empty());
        // A narrative in 元 is quoted in 元, not as so many 万元.
        let yuan =
            text.replace("268.40万元", "2,684,000.00元").replace("266.95万元", "2,669,500.00元").replace("270.72万元", "2,707,200.00元");
        let got = RULE.found(&yuan);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(got[0].2.contains("前面写2,684,000.00元，后面又写本年2,707,200.00元"), "{}", got[0].2);
        assert!(!got[0].2.contains("万元"), "{}", got[0].2);
    }
}
