//! NAR-101 “三公”经费情况说明中的金额和增减额与“三公”经费表一致
//!
//! ## 它检查什么
//!
//! A budget's 三公 amounts and year-on-year changes in the 情况说明 against the
//! 三公 table, however it was read (years as rows; one row with a column per
//! category, Jiangsu and Shanghai, with 会议费 and 培训费): each amount is the
//! table's current-year cell, digit for digit at the coarser precision; each
//! change is current minus prior when the table prints both years. Without the
//! prior year in the table, the prior-year amounts the changes imply must add
//! up like the table's own identities. A blank cell prints no amount: only a
//! stated zero agrees with it, and a change with a blank year is left
//! unchecked (a coverage note), never worked out from an assumed zero. A table
//! printed in 元 is compared in 万元, converted exactly. A table found but not
//! read (a viewer's copy) leaves the whole check undone, said in coverage.
//!
//! ## 为什么重要
//!
//! 情况说明会写“三公”经费预算共多少、比上年增加或减少多少。这些数应当与“三公”经费表一致：金额等于表中本年预算数，增减额等于本年减上年。表里没有上年数时，由各项所述增减额推算出的上年数也应当自相吻合（合计等于各项之和）。江苏等地的表在“三公”经费旁还列出会议费、培训费，说明中所述的这两项同样与表核对。按四舍五入只差最后一位以内的不算不符。表中空白的单元格没有印出金额，只与所述的0相符；有一年为空白的项目不核对增减额（在覆盖情况中说明）。增减幅度与增减额是否相符由 NAR-008 核对。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“比上年增加71.70万元” 改为 “比上年增加70.70万元”
//! - `qingdao-office-2023-budget.txt`：“因公出国（境）经费91.00万” 改为 “因公出国（境）经费81.00万”
//! - `qingdao-office-2023-budget.txt`：“公务接待费280.00万元，与上一年相比，减少5.00万元” 改为 “公务接待费280.00万元，与上一年相比，减少15.00万元”
//! - `yantai-office-2023-budget.txt`：“置费0.00万元，与上年持平” 改为 “置费5.00万元，与上年持平”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-101.snap`，`cargo test NAR_101` 只运行本条。

use rust_decimal::Decimal;

use crate::model::{Document, TableKind};
use crate::narrative::stated::SangongClaim;
use crate::rules::support::budget::table_name;
use crate::rules::support::budget_narrative::{claim_finding, sangong_in, unit_in_wan, value};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// Names of the 三公 columns, for messages: the six 三公 categories, then the
/// 会议费 and 培训费 a Jiangsu table prints beside them.
const NAMES: [&str; 8] = [
    "“三公”经费合计",
    "因公出国（境）费",
    "公务用车购置及运行维护费",
    "公务用车购置费",
    "公务用车运行维护费",
    "公务接待费",
    "会议费",
    "培训费",
];

/// 三公 amounts and changes stated in the narrative = the table.
pub const RULE: Rule = Rule {
    id: "NAR-101",
    family: Family::Nar,
    severity: Severity::Error,
    title: "“三公”经费情况说明中的金额和增减额与“三公”经费表一致",
    why: "情况说明会写“三公”经费预算共多少、比上年增加或减少多少。这些数应当与“三公”经费表一致：金额等于表中本年预算数，增减额等于本年减上年。表里没有上年数时，由各项所述增减额推算出的上年数也应当自相吻合（合计等于各项之和）。江苏等地的表在“三公”经费旁还列出会议费、培训费，说明中所述的这两项同样与表核对。按四舍五入只差最后一位以内的不算不符。表中空白的单元格没有印出金额，只与所述的0相符；有一年为空白的项目不核对增减额（在覆盖情况中说明）。增减幅度与增减额是否相符由 NAR-008 核对。",
    applies_to: BUDGET,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(YB, &[("比上年增加71.70万元", "比上年增加70.70万元")]),
        Fixture::fires(QB, &[("因公出国（境）经费91.00万", "因公出国（境）经费81.00万")]),
        Fixture::fires(QB, &[("公务接待费280.00万元，与上一年相比，减少5.00万元", "公务接待费280.00万元，与上一年相比，减少15.00万元")]),
        // 公开表7 leaves 公务用车购置费 blank: only a stated zero agrees with it.
        Fixture::fires(YB, &[("置费0.00万元，与上年持平", "置费5.00万元，与上年持平")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    // However the table was read: a Jiangsu or Shanghai one-row table is read
    // by its headings.
    let Some(s) = doc.found(TableKind::BSangong).and_then(|t| sangong_in(doc, t)) else {
        sink.skip("缺少“三公”经费预算表，未核对".to_string());
        return;
    };
    // A table found but not read (a viewer's copy), or read without a cell
    // of any category: nothing to hold the narrative against.
    if s.current.iter().all(Option::is_none) {
        sink.skip(format!("{}未能读出各项“三公”经费的金额，未核对", table_name(s.t)));
        return;
    }
    let claims = &doc.narrative.stated.sangong;
    if claims.is_empty() {
        sink.skip("情况说明中没有找到“三公”经费的金额，未核对".to_string());
        return;
    }
    let rule = "NAR-101";
    // The narrative states 万元; a table printed in 元 is converted exactly
    // (a 元 cell's half unit becomes a 万元 value's half unit, 4 places down).
    let (u, unit) = unit_in_wan(s.t, doc);
    let wan = |v: Decimal| v.checked_mul(u);
    for c in claims.iter().chain(&doc.narrative.stated.meetings_training) {
        let Some(cur) = s.current.get(c.column).copied().flatten() else { continue };
        let Some(name) = NAMES.get(c.column) else { continue };
        let printed = value(Some(cur));
        let cell = match printed.map(wan) {
            Some(None) => continue, // beyond Decimal in 万元: left unchecked
            converted => converted.flatten(),
        };
        // One quantity printed twice: the digits agree at the coarser
        // precision ("80" and "80.00"); a difference rounding allows is none.
        // A blank cell prints no amount, which only a stated zero matches.
        let agrees = match cell {
            Some(have) => {
                crate::rounding::same_quantity(crate::rounding::printed(c.amount), crate::rounding::printed(have))
                    != crate::rounding::Verdict::Mismatch
            }
            None => c.amount.is_zero(),
        };
        if !agrees {
            let shown = printed.map_or_else(|| "空白".to_string(), |have| format!(" {have} {unit}"));
            sink.push(claim_finding(
                rule,
                Severity::Error,
                format!("情况说明（第{}行）称{name}为 {} 万元，但{}中为{shown}。", c.line, c.amount, table_name(s.t)),
                s.t,
                Some(cur),
                (Some(c.amount), cell),
                c.line,
            ));
            continue;
        }
        let prior = s.prior.get(c.column).copied().flatten();
        if let (Some(change), Some(p)) = (c.change, prior) {
            // A change needs both years' amounts: a blank year leaves it unchecked.
            let (Some(now), Some(then)) = (printed, value(Some(p))) else {
                sink.skip(format!("{}中{name}有一年为空白，情况说明（第{}行）所称增减额未核对", table_name(s.t), c.line));
                continue;
            };
            // The table's change in its own unit (for the message), and in 万元.
            let Some((step, delta)) = now.checked_sub(then).and_then(|d| Some((d, wan(d)?))) else { continue };
            // Cells in 万元 give the change exactly; cells in 元 give it to
            // four places, which the stated change agrees with when rounded.
            let differs = if u == Decimal::ONE {
                delta != change
            } else {
                crate::rounding::same_quantity(crate::rounding::printed(change), crate::rounding::printed(delta))
                    == crate::rounding::Verdict::Mismatch
            };
            if differs {
                sink.push(claim_finding(
                    rule,
                    Severity::Error,
                    format!(
                        "情况说明（第{}行）称{name}比上年{} {} 万元，但{}中本年 {now} 减上年 {then} 为 {step} {unit}。",
                        c.line,
                        verb(change),
                        change.abs(),
                        table_name(s.t),
                    ),
                    s.t,
                    Some(cur),
                    (Some(delta), Some(change)),
                    c.line,
                ));
                continue;
            }
        }
    }
    // Without the previous year in the table: the implied previous-year
    // parts must add up like the table's own identities.
    if s.prior.iter().all(Option::is_none) {
        let implied = |col: usize| claims.iter().find(|c| c.column == col).and_then(SangongClaim::prior);
        for (total, parts, what) in
            [(0, &[1, 2, 5][..], "因公出国（境）费、公务用车购置及运行费、公务接待费"), (2, &[3, 4][..], "公务用车购置费与运行维护费")]
        {
            let (Some(t), Some(ps)) = (implied(total), parts.iter().map(|p| implied(*p)).collect::<Option<Vec<_>>>()) else { continue };
            let Some(sum) = crate::checked::sum(ps.iter().copied()) else { continue };
            if sum != t {
                let line = claims.iter().find(|c| c.column == total).map_or(0, |c| c.line);
                sink.push(claim_finding(
                    rule,
                    Severity::Error,
                    format!("按情况说明所述增减额推算，上年{}为 {t} 万元，而上年{what}推算之和为 {sum} 万元，两者应当相等。", NAMES[total]),
                    s.t,
                    None,
                    (Some(sum), Some(t)),
                    line,
                ));
            }
        }
    }
}

fn verb(d: Decimal) -> &'static str {
    if d.is_sign_negative() {
        "减少"
    } else {
        "增加"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::support::corpus::yb_sangong_in_yuan;

    fn yantai_budget() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/yantai-office-2023-budget.txt")).expect("fixture")
    }

    /// 公开表7 prints no 公务用车购置费 in either year (ten amounts for twelve
    /// columns); the narrative says “公务用车购置费0.00万元，与上年持平”.
    #[test]
    fn a_blank_cell_agrees_with_a_stated_zero_but_leaves_the_change_unchecked() {
        let text = yantai_budget();
        assert!(RULE.found(&text).is_empty(), "{:#?}", RULE.found(&text));
        let skipped = RULE.skipped(&text);
        assert!(
            skipped.iter().any(|s| s.contains("公务用车购置费有一年为空白") && s.contains("第1034行")),
            "the change on a blank cell is reported as not checked: {skipped:#?}"
        );
    }

    #[test]
    fn a_blank_cell_against_a_stated_amount_is_an_error() {
        let text = yantai_budget().replacen("置费0.00万元，与上年持平", "置费5.00万元，与上年持平", 1);
        let got = RULE.found(&text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!((got[0].0, got[0].1), (Severity::Error, 1034));
        assert!(got[0].2.contains("公务用车购置费为 5.00 万元，但公开表7中为空白"), "{}", got[0].2);
    }

    #[test]
    fn a_table_in_yuan_is_compared_in_wan() {
        let text = yb_sangong_in_yuan();
        let doc = crate::read(&text);
        let t = doc.found(TableKind::BSangong).expect("the 三公 table is read");
        assert_eq!(t.unit.as_deref(), Some("元"));
        assert!(RULE.found(&text).is_empty(), "{:#?}", RULE.found(&text));
    }

    #[test]
    fn a_table_in_yuan_still_disagrees_with_a_wrong_amount_or_change() {
        let got = RULE.found(&yb_sangong_in_yuan().replacen("因公出国（境）费10.00万元", "因公出国（境）费11.00万元", 1));
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(got[0].2.contains("因公出国（境）费为 11.00 万元，但公开表7中为 100000.00 元"), "{}", got[0].2);
        let got = RULE.found(&yb_sangong_in_yuan().replacen("比上年增加71.70万元", "比上年增加70.70万元", 1));
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(got[0].2.contains("本年 2756000.00 减上年 2039000.00 为 717000.00 元"), "{}", got[0].2);
    }
}
