//! NAR-021 情况说明：同一总额下列出的各项占比之和不超过100%
//!
//! ## 它检查什么
//!
//! The shares one sentence lists of one total (no printed base, or one 三公,
//! 合计 or 总计 base) add up to at most 100%, plus half a unit of the last
//! printed digit of each.
//!
//! ## 为什么重要
//!
//! “主要用于以下方面：甲占72.84%，乙占10.62%，丙占2.06%，丁占14.55%”——这些是同一个总额的组成部分，占比加起来最多是100%（只列主要项目时会少于100%）。合计超过100%又超出了四舍五入的范围，至少有一个占比算错了。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“占 85.66%” 改为 “占 85.86%”
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
//! `tests/snapshots/rules/NAR-021.snap`，`cargo test NAR_021` 只运行本条。

use rust_decimal::Decimal;

use crate::model::Document;
use crate::narrative::{Claim, ClaimKind};
use crate::rules::percent::narrative_values;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::support::text::plain;
use crate::rules::support::text::Holds;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// The rule.
pub const RULE: Rule = Rule {
    id: "NAR-021",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：同一总额下列出的各项占比之和不超过100%",
    why: "“主要用于以下方面：甲占72.84%，乙占10.62%，丙占2.06%，丁占14.55%”——这些是同一个总额的组成部分，占比加起来最多是100%（只列主要项目时会少于100%）。合计超过100%又超出了四舍五入的范围，至少有一个占比算错了。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("占 85.66%", "占 85.86%")]);
        quiet Y, Q, B, YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for (_, p) in n.paragraphs() {
        // Shares of one sentence with no printed base: the parts of the total it opens with.
        let mut groups: Vec<(usize, Vec<&Claim>)> = Vec::new();
        // Or shares of one named base ("占“三公”经费的…").
        let base_key = |c: &Claim| match &c.kind {
            ClaimKind::Share { base } => Some(base.as_deref().map(plain).unwrap_or_default()),
            _ => None,
        };
        let mut keys: Vec<String> = Vec::new();
        for c in p.claims.iter() {
            let Some(key) = base_key(c) else { continue };
            // Bases like "政府采购支出总额" name one total each, not a breakdown.
            if !key.is_empty() && !key.holds("三公") && !key.holds("合计") && !key.holds("总计") {
                continue;
            }
            // (The claim's sentence as read: `sentence_bounds` at its start.)
            let (s, _) = c.sentence;
            match groups.last_mut() {
                Some((gs, g)) if *gs == s && keys.last() == Some(&key) => g.push(c),
                _ => {
                    groups.push((s, vec![c]));
                    keys.push(key);
                }
            }
        }
        for (_, g) in groups.into_iter().filter(|(_, g)| g.len() >= 2) {
            let values: Vec<Decimal> = g.iter().filter_map(|c| c.value).collect();
            let Some(sum) = values.iter().try_fold(Decimal::ZERO, |a, v| a.checked_add(*v)) else { continue };
            // Each printed share may be up to half a unit of its last digit high.
            let Some(slack) = crate::checked::sum(values.iter().map(|v| crate::checked::half_unit(v.scale()))) else { continue };
            // A bound past Decimal's range: nothing can be said.
            if Decimal::ONE_HUNDRED.checked_add(slack).is_none_or(|bound| sum <= bound) {
                continue;
            }
            let Some(last) = g.last() else { continue };
            let listed: Vec<String> = g.iter().map(|c| format!("{}%", c.printed)).collect();
            sink.push(narrative_values(
                "NAR-021",
                Severity::Error,
                format!("同一总额下列出的占比{}合计为{}%，超过100%，超出了四舍五入可能造成的误差。", listed.join("、"), sum),
                last.source_line,
                (Some(Decimal::ONE_HUNDRED), Some(sum)),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_of_one_total_add_up_to_at_most_100() {
        // The shape of 02-caizhengju L366-369 (made-up amounts; one share printed 0.08 too
        // high, 72.84% for 72.76%): the four shares add up to 100.07%.
        let text = "五、一般公共预算财政拨款支出决算情况说明\n一般公共预算财政拨款支出 2662.23 万元，主要用于以下方面：一般公共服务支出（类）1937.02 万元，占 72.84%；社会保障和就业支出（类）282.86 万元，占 10.62%；卫生健康支出（类）54.92 万元，占 2.06%；住房保障支出（类）387.43 万元，占 14.55%。";
        let got = RULE.found(text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(got[0].2.contains("100.07%"), "{}", got[0].2);
        assert!(RULE.found(&text.replace("72.84", "72.76")).is_empty());
    }
}
