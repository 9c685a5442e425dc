//! NAR-102 “三公”经费增减原因与表中数字相符
//!
//! ## 它检查什么
//!
//! A reason the 情况说明 gives for the 三公 change that cites an item's increase
//! (or decrease) while the table shows it did not change that way (or the
//! narrative's own stated change of the item, when the table prints one year or
//! leaves the item blank: a blank cell prints no amount to subtract). A
//! Jiangsu or Shanghai budget's one-row 三公 table, read by its captions,
//! prints this year alone: its changes are the narrative's own.
//!
//! ## 为什么重要
//!
//! 情况说明解释“三公”经费为什么增减，例如“新旧公务用车替换，相关购置及运维费增加”。如果表中某一项其实没有增加（例如公务用车购置费两年都是0），这个解释就与数字不符：要么原因写得不准确，要么数字有误。这不一定是错误，但值得追问。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//!
//! 本条不报告的样例：
//!
//! - `qingdao-office-2023-budget.txt`（原样）
//! - `yantai-office-2023-budget.txt`：“相关购置及运维费增加” 改为 “相关运维费增加”；“相关购置及运维费增加” 改为 “相关运维费增加”
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-102.snap`，`cargo test NAR_102` 只运行本条。

use rust_decimal::Decimal;

use crate::model::{Document, TableKind};
use crate::rules::support::budget::{absent, table_name};
use crate::rules::support::budget_narrative::{claim_finding, sangong_in, unit_in_wan, value};
use crate::rules::support::corpus::{QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::support::text::Holds;
use crate::rules::{Expect, Family, Fixture, Rule, Severity, Sink};

/// Category words a reason may cite, with their 三公 column.
const REASON_WORDS: [(&[&str], usize, &str); 4] = [
    (&["购置"], 3, "公务用车购置费"),
    (&["运维", "运行维护"], 4, "公务用车运行维护费"),
    (&["接待"], 5, "公务接待费"),
    (&["出国"], 1, "因公出国（境）费"),
];

/// A reason that cites an item's increase (or decrease) while the table shows
/// it did not change that way.
pub const RULE: Rule = Rule {
    id: "NAR-102",
    family: Family::Nar,
    severity: Severity::Warning,
    title: "“三公”经费增减原因与表中数字相符",
    why: "情况说明解释“三公”经费为什么增减，例如“新旧公务用车替换，相关购置及运维费增加”。如果表中某一项其实没有增加（例如公务用车购置费两年都是0），这个解释就与数字不符：要么原因写得不准确，要么数字有误。这不一定是错误，但值得追问。",
    applies_to: BUDGET,
    // (Either layout: the table is looked for in `check`.)
    needs: &[],
    check,
    fixtures: &[
        // As published: "相关购置及运维费增加" while 购置费 is 0.00 in both years.
        Fixture::fires(YB, &[]),
        Fixture::quiet(QB),
        // The same reason without 购置 fits the numbers (运维 rose by 48.00).
        Fixture {
            document: YB,
            edits: &[("相关购置及运维费增加", "相关运维费增加"), ("相关购置及运维费增加", "相关运维费增加")],
            expect: Expect::Quiet,
        },
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    // However the table was read: a Jiangsu or Shanghai one-row table prints
    // this year's figures only, and a change is then the narrative's own.
    let Some(s) = doc.found(TableKind::BSangong).and_then(|t| sangong_in(doc, t)) else {
        sink.skip(absent(&[TableKind::BSangong]));
        return;
    };
    if s.current.iter().all(Option::is_none) {
        sink.skip(format!("{}未能读出各项“三公”经费的金额，未核对", table_name(s.t)));
        return;
    }
    let claims = &doc.narrative.stated.sangong;
    let stated = |col: usize| claims.iter().find(|c| c.column == col);
    let cell = |side: &[Option<(&crate::model::Row, usize)>], col: usize| value(side.get(col).copied().flatten());
    // The change of a column, and whether the table gives it: from the table
    // when it prints an amount for both years, else as the narrative states
    // it (a blank cell prints no amount to subtract).
    let change = |col: usize| -> Option<(Decimal, bool)> {
        match (cell(&s.current, col), cell(&s.prior, col)) {
            (Some(c), Some(p)) => c.checked_sub(p).map(|d| (d, true)),
            _ => stated(col).and_then(|c| c.change).map(|d| (d, false)),
        }
    };
    // A change from the table is in the table's unit (元 on some portals),
    // one the narrative states in 万元: only its sign is compared.
    let (_, table_unit) = unit_in_wan(s.t, doc);
    let mut seen: Vec<(usize, String)> = Vec::new();
    for c in claims {
        let Some((reason, line)) = &c.reason else { continue };
        for clause in reason.split(['；', '，', '、', '。']) {
            let up = ["增加", "增长", "上升"].iter().any(|w| clause.holds(w));
            let down = ["减少", "下降", "压减"].iter().any(|w| clause.holds(w));
            if up == down {
                continue;
            }
            for (words, col, name) in REASON_WORDS {
                if !words.iter().any(|w| clause.holds(w)) {
                    continue;
                }
                let Some((d, from_table)) = change(col) else { continue };
                let contradicts = if up { d <= Decimal::ZERO } else { d >= Decimal::ZERO };
                if !contradicts || seen.iter().any(|(k, r)| *k == col && r == clause) {
                    continue;
                }
                let lines: Vec<String> = claims
                    .iter()
                    .filter_map(|x| x.reason.as_ref())
                    .filter(|(r, _)| r.split(['；', '，', '、', '。']).any(|cl| cl == clause))
                    .map(|(_, l)| format!("第{l}行"))
                    .collect();
                seen.push((col, clause.to_string()));
                let cur = s.current.get(col).copied().flatten();
                let said = if up { "增加" } else { "减少" };
                let unit = if from_table { table_unit } else { "万元" };
                let actual = match d.cmp(&Decimal::ZERO) {
                    std::cmp::Ordering::Equal => "与上年持平".to_string(),
                    std::cmp::Ordering::Greater => format!("比上年增加 {d} {unit}"),
                    std::cmp::Ordering::Less => format!("比上年减少 {} {unit}", d.abs()),
                };
                // Where the numbers come from, as the reader should look them up.
                let shown = if from_table {
                    let both_zero = d.is_zero() && value(cur).is_some_and(|v| v.is_zero());
                    format!("{}中{name}{}{actual}", table_name(s.t), if both_zero { "两年均为0，" } else { "" })
                } else {
                    let amount = stated(col).map_or(String::new(), |c| format!("为 {} 万元，", c.amount));
                    // A cell the table has, printed blank (not a year it leaves out).
                    let blank_at = |side: &[Option<(&crate::model::Row, usize)>]| {
                        side.get(col).copied().flatten().is_some_and(|(r, c)| r.value(c).is_none())
                    };
                    let blank = if blank_at(&s.current) || blank_at(&s.prior) {
                        format!("{}中{name}为空白，", table_name(s.t))
                    } else {
                        String::new()
                    };
                    format!("{blank}情况说明称{name}{amount}{actual}")
                };
                sink.push(claim_finding(
                    "NAR-102",
                    Severity::Warning,
                    format!(
                        "情况说明（{}）以“{clause}”解释“三公”经费的变化，说{name}{said}，但{shown}。原因说明与数字不符。",
                        lines.join("、"),
                    ),
                    s.t,
                    cur,
                    (None, Some(d)),
                    *line,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 公开表7 prints no 公务用车购置费 in either year; the narrative's own
    /// “0.00万元，与上年持平” is what contradicts “相关购置及运维费增加”, and the
    /// finding says so instead of reading the blanks as zeros.
    #[test]
    fn a_blank_item_is_judged_by_the_narratives_own_change() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/yantai-office-2023-budget.txt")).expect("fixture");
        let got = RULE.found(&text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(got[0].2.contains("公开表7中公务用车购置费为空白，情况说明称公务用车购置费为 0.00 万元，与上年持平"), "{}", got[0].2);
    }

    /// A reason against the table's own change: the change is given in the
    /// table's unit, 元 where the table prints 元.
    #[test]
    fn a_change_from_the_table_is_given_in_its_unit() {
        let edit = |t: String| t.replace("相关购置及运维费增加", "相关出国及运维费增加");
        let wan = edit(
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/yantai-office-2023-budget.txt")).expect("fixture"),
        );
        let got = RULE.found(&wan);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(got[0].2.contains("公开表7中因公出国（境）费比上年减少 3.30 万元"), "{}", got[0].2);
        let got = RULE.found(&edit(crate::rules::support::corpus::yb_sangong_in_yuan()));
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(got[0].2.contains("公开表7中因公出国（境）费比上年减少 33000.00 元"), "{}", got[0].2);
    }
}
