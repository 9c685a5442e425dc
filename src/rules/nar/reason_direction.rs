//! NAR-007 情况说明：增减原因与增减方向一致
//!
//! ## 它检查什么
//!
//! The reason that follows a stated rate ("下降1.75%，主要原因是：……") must not
//! point the other way: a reason of increases only after a decrease, or of
//! decreases only after an increase. Several reasons ("一是……二是……") and a
//! reason that runs into the next change are left alone.
//!
//! ## 为什么重要
//!
//! “比上年减少2.96%，主要原因是经费增加”这样的句子自相矛盾：原因解释的是相反的变化。通常是套用了别的科目的原因，读者因此得不到真正的解释。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“增长 3.53%。主要是人员经费的增加所导致。” 改为 “增长 3.53%。主要原因是人员经费减少。”
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
//! `tests/snapshots/rules/NAR-007.snap`，`cargo test NAR_007` 只运行本条。

use crate::model::Document;
use crate::narrative::claim::MAX_SENTENCE_CHARS;
use crate::narrative::{ClaimKind, Direction, Unit};
use crate::rules::percent::narrative_finding;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::support::text::Holds;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// The rule.
pub const RULE: Rule = Rule {
    id: "NAR-007",
    family: Family::Nar,
    severity: Severity::Warning,
    title: "情况说明：增减原因与增减方向一致",
    why: "“比上年减少2.96%，主要原因是经费增加”这样的句子自相矛盾：原因解释的是相反的变化。通常是套用了别的科目的原因，读者因此得不到真正的解释。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("增长 3.53%。主要是人员经费的增加所导致。", "增长 3.53%。主要原因是人员经费减少。")]);
        quiet Y, Q, B, YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for (_, p) in n.paragraphs() {
        let chars = p.chars();
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
            // Every reason word starts with 主要: a sentence that does not is
            // neither looked for to its end nor copied (per rate of a long
            // numeric sentence, that was up to 1,500 chars of work).
            let mut head = chars[rs.min(ceil)..ceil].iter().filter(|c| !c.is_whitespace());
            if head.next() != Some(&'主') || head.next() != Some(&'要') {
                continue;
            }
            let re = (rs..ceil).find(|&k| matches!(chars[k], '。' | '；')).map_or(ceil, |k| k + 1);
            let reason: String = chars[rs.min(re)..re].iter().filter(|c| !c.is_whitespace()).collect();
            let Some(body) = ["主要原因是", "主要原因为", "主要原因", "主要是"].iter().find_map(|w| reason.strip_prefix(w))
            else {
                continue;
            };
            // "一是……；二是……": several reasons pulling both ways, not one to check.
            if body.holds("一是") {
                continue;
            }
            // The reason ends where the next change is stated.
            if p.claims.iter().any(|o| o.start > rs && o.start < re && matches!(o.kind, ClaimKind::ChangePercent(_) | ClaimKind::Change(_)))
            {
                continue;
            }
            let up = UP_WORDS.iter().any(|w| body.holds(w));
            let down = DOWN_WORDS.iter().any(|w| body.holds(w));
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

const UP_WORDS: [&str; 7] = ["增加", "增长", "新增", "提高", "调增", "上升", "增多"];

const DOWN_WORDS: [&str; 10] = ["减少", "下降", "压减", "调减", "降低", "节约", "缩减", "取消", "不再", "减支"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_that_points_the_other_way() {
        // The shape of 01-wanli item 4 (made-up amounts and reason).
        let text = "2024年度部门预算\n一、预算编制说明\n2023年当年预算执行数为125.00万元，2024年预算安排121.30万元，比2023年预算执行数减少2.96%。主要原因是：会务一般行政管理事务经费增加。";
        let got = RULE.found(text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(RULE.found(&text.replace("经费增加", "经费减少")).is_empty());
        assert!(RULE.found(&text.replace("经费增加", "人员增加、项目经费压减")).is_empty());
    }
}
