//! NAR-018 预算绩效：是否开展部门评价的说法前后一致
//!
//! ## 它检查什么
//!
//! The 绩效 part must not both claim a 部门评价 ("组织对……项目开展了部门评价") and
//! deny having one ("本部门无部门评价项目"). A claim of nothing ("对0个项目开展了
//! 部门评价") is no claim.
//!
//! ## 为什么重要
//!
//! 部门评价是部门对自己重点项目绩效的深入评价，结果应当公开。如果情况说明前面说“组织对某项目开展了部门评价”，后面又说“本部门无部门评价项目”，读者就无法知道评价到底做了没有，评价结果也可能被隐去了。
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
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-018.snap`，`cargo test NAR_018` 只运行本条。

use crate::model::Document;
use crate::narrative::claim::sentence_bounds;
use crate::narrative::{Narrative, Paragraph};
use crate::rules::percent::narrative_finding;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::kinds::BOTH;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

const ID: &str = "NAR-018";

/// The rule.
pub const RULE: Rule = Rule {
    id: ID,
    family: Family::Nar,
    severity: Severity::Error,
    title: "预算绩效：是否开展部门评价的说法前后一致",
    why: "部门评价是部门对自己重点项目绩效的深入评价，结果应当公开。如果情况说明前面说“组织对某项目开展了部门评价”，后面又说“本部门无部门评价项目”，读者就无法知道评价到底做了没有，评价结果也可能被隐去了。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(B, &[]);
        quiet Y, Q
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    let (yes, no) = statements(n);
    let Some((yes_line, yes_text)) = yes.first() else { return };
    for (line, text) in &no {
        sink.push(narrative_finding(
            ID,
            Severity::Error,
            format!("第{yes_line}行说“{yes_text}”，这里却说“{text}”：是否开展了部门评价，前后说法相互矛盾。"),
            *line,
        ));
    }
}

const DENIALS: [&str; 5] = ["无部门评价", "未开展部门评价", "没有部门评价", "未组织部门评价", "没有开展部门评价"];

/// A sentence and its source line.
type Statement = (usize, String);

/// (source line, sentence) of every sentence that says a 部门评价 was carried
/// out, and of every sentence that says there was none.
fn statements(n: &Narrative) -> (Vec<Statement>, Vec<Statement>) {
    let (mut yes, mut no) = (Vec::new(), Vec::new());
    for (_, p) in n.paragraphs() {
        // A sentence is a part of the paragraph: most paragraphs mention no 部门评价.
        if !p.text.contains("部门评价") {
            continue;
        }
        let chars = p.chars();
        let mut k = 0;
        while k < chars.len() {
            let (s, e) = sentence_bounds(chars, k);
            let sentence: String = chars[s..e].iter().collect();
            if let Some(at) = sentence.find("部门评价") {
                // Char offset of the mention, for its source line.
                let off = s + sentence[..at].chars().count();
                let line = p.line_at(off);
                let before = &sentence[..at];
                if DENIALS.iter().any(|d| sentence.contains(d)) {
                    no.push((line, sentence.trim().to_string()));
                } else if before.contains("开展") && !before.contains(['无', '未', '没']) && !zero_scope(p, s, e) {
                    yes.push((line, sentence.trim().to_string()));
                }
            }
            k = e.max(k + 1);
        }
    }
    (yes, no)
}

/// "对0个项目开展了部门评价" / "涉及预算资金0万元": a claim of nothing.
fn zero_scope(p: &Paragraph, s: usize, e: usize) -> bool {
    p.claims.iter().any(|c| c.start >= s && c.start < e && c.value.is_some_and(|v| v.is_zero()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<usize> {
        crate::rules::testing::findings_of(ID, check, text).into_iter().map(|f| f.source_line.unwrap_or(0)).collect()
    }

    #[test]
    fn fires_when_claimed_and_denied() {
        let text = "十三、预算绩效情况说明\n组织对爱山东烟台分厅优化升级等 1个项目开展了部门\n\n评价，涉及预算资金 189.57 万元。\n（四）部门评价结果。本部门无部门评价项目。";
        assert_eq!(run(text), vec![5]);
    }

    #[test]
    fn silent_when_consistent() {
        assert!(run("十三、预算绩效情况说明\n本部门无部门评价项目。\n（四）部门评价结果。本部门无部门评价项目。").is_empty());
        assert!(run(
            "十三、预算绩效情况说明\n组织对0个项目开展了部门评价，涉及预算资金0万元。\n（四）部门评价结果。本部门无部门评价项目。"
        )
        .is_empty());
        assert!(run("十一、预算绩效情况说明\n组织对“青岛政务网”项目开展了部门评价，涉及预算资金49.8万元。\n（五）部门评价结果\n“青岛政务网”项目，绩效评价得分为“100”分。").is_empty());
    }
}
