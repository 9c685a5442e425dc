//! TXT-005 没有重复的标点符号
//!
//! ## 它检查什么
//!
//! Text defects an inspector ticks off without any arithmetic: doubled
//! punctuation (TXT-005), sentences that stop where the content should be
//! (TXT-006), placeholders and fill-in instructions left from the template
//! (TXT-007), a heading or date with another year than the document's
//! (TXT-008), and a 单位 disclosure calling itself 部门 or the reverse (TXT-009).
//!
//! They read the whole text, not only the narrative: a placeholder in a part
//! heading or a doubled "。。" in the 名词解释 is as visible to a reader.
//!
//! ## 为什么重要
//!
//! “。。”“，，”这样重复的标点，说明文字在复制、删改之后没有校对。公开文件代表部门的形象，这类差错虽小，却是检查清单上的必查项。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“增长 5.04%。” 改为 “增长 5.04%。。”
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
//! `tests/snapshots/rules/TXT-005.snap`，`cargo test TXT_005` 只运行本条。

use crate::model::Document;
use crate::rules::percent::narrative_finding;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// The doubled marks, as [`punct`] tells them (the tests' definition).
#[cfg(test)]
const PUNCT: [char; 4] = ['。', '，', '；', '、'];

pub const RULE: Rule = Rule {
    id: "TXT-005",
    family: Family::Txt,
    severity: Severity::Warning,
    title: "没有重复的标点符号",
    why: "“。。”“，，”这样重复的标点，说明文字在复制、删改之后没有校对。公开文件代表部门的形象，这类差错虽小，却是检查清单上的必查项。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("增长 5.04%。", "增长 5.04%。。")]);
        quiet Y, Q, B, YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let s = doc.stream();
    let text = s.text.as_str();
    // Every mark is among the stream's marked chars (a test says so), so a
    // run of marks is a run of marked chars at consecutive offsets, and a
    // run of exactly two is a pair of marks, the second starting where the
    // first ends, with no mark ending where the pair starts or starting
    // where it ends. Marks that touch are few: that is tested first, and
    // the chars only then (most marks are not these four, but which are
    // cannot be foreseen).
    let marks = &s.marks;
    // Each mark beside the next, zipped (no window indexed).
    for (j, (&(start, first), &(second, last))) in marks.iter().zip(marks.get(1..).unwrap_or_default()).enumerate() {
        // Every doubled mark is 3 bytes long (a test says so): the first's
        // width is not worked out at every mark.
        if second.wrapping_sub(start) != 3 || !(punct(first) & punct(last)) {
            continue;
        }
        let end = second + last.len_utf8();
        // Three or more ("。。。。。1") are leader dots or an ellipsis, not a slip.
        let touches_before = j.checked_sub(1).and_then(|b| marks.get(b)).is_some_and(|&(m, c)| m + c.len_utf8() == start && punct(c));
        let touches_after = marks.get(j + 2).is_some_and(|&(m, c)| m == end && punct(c));
        if touches_before || touches_after {
            continue;
        }
        let before = text.get(..start).unwrap_or_default();
        let from = before.char_indices().rev().take(12).last().map_or(start, |(i, _)| i);
        let (pair, context) = (text.get(start..end).unwrap_or_default(), before.get(from..).unwrap_or_default());
        sink.push(narrative_finding("TXT-005", Severity::Warning, format!("“…{context}{pair}”：标点“{pair}”重复。"), s.line_at(second)));
    }
}

/// Whether `c` is one of the marks whose doubling is a slip: 。，；、.
fn punct(c: char) -> bool {
    matches!(c, '。' | '，' | '；' | '、')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mark_is_a_marked_char_of_the_stream() {
        assert!(PUNCT.iter().all(|c| crate::text::stream::marked(*c) && c.len_utf8() == 3));
        // And `punct` tells them from the other marked chars.
        for c in ['。', '，', '；', '、', ';', '（', '）', '(', ')', 'X', 'x', '×', '支', '年', '：', ','] {
            assert_eq!(punct(c), PUNCT.contains(&c), "{c}");
        }
    }

    /// The rule as it was first written: a scan over every char of the stream.
    fn char_by_char(doc: &Document, sink: &mut Sink) {
        let (chars, lines) = crate::text::stream::chars_and_lines(&doc.lines);
        let mut k = 0;
        while k + 1 < chars.len() {
            if !PUNCT.contains(&chars[k + 1]) {
                k += 2;
                continue;
            }
            if !PUNCT.contains(&chars[k]) {
                k += 1;
                continue;
            }
            let run = chars[k..].iter().take_while(|c| PUNCT.contains(c)).count();
            if run == 2 {
                let pair: String = chars[k..k + 2].iter().collect();
                let context: String = chars[k.saturating_sub(12)..k].iter().collect();
                sink.push(narrative_finding("TXT-005", Severity::Warning, format!("“…{context}{pair}”：标点“{pair}”重复。"), lines[k + 1]));
            }
            k += run;
        }
    }

    #[test]
    fn agrees_with_the_char_by_char_scan() {
        let pieces = ["。", "，", "；", "、", "：", "（", "）", "字", "ab", "1", "X", "增长5.04%"];
        let texts = crate::text::stream::sample_texts(&pieces, 400);
        let fired = crate::rules::testing::same_as_definition("TXT-005", check, char_by_char, texts);
        assert!(fired > 50, "{fired}");
    }
}
