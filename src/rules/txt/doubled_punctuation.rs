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
use crate::text::stream::MarkKind;

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
    let bytes = text.as_bytes();
    // Whether one of the four marks starts at byte `i`, told by its bytes:
    // each is 3 bytes long and led by a lead byte (a test says so), which
    // never stands inside a char, so the bytes before a char are a mark
    // just when the char before is one.
    let punct_at = |i: usize| matches!(bytes.get(i..i.saturating_add(3)), Some(&[a, b, c]) if punct_bytes([a, b, c]));
    // Every mark is a marked char of kind End (。；) or Other (，、) (a
    // test says so): a run of exactly two starts at one of those, with a
    // mark after it and none before it or after the second. Most marks are
    // followed by no mark: that is tested first. The kinds are walked
    // apart and the pairs found put in order (they are few).
    let mut pairs: Vec<usize> = Vec::new();
    for kind in [MarkKind::End, MarkKind::Other] {
        for &(start, first) in doc.marks(kind) {
            // Three or more ("。。。。。1") are leader dots or an ellipsis, not a slip.
            if punct_at(start + 3) && punct(first) && !start.checked_sub(3).is_some_and(punct_at) && !punct_at(start + 6) {
                pairs.push(start);
            }
        }
    }
    pairs.sort_unstable();
    for start in pairs {
        let (second, end) = (start + 3, start + 6);
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

/// Whether the three bytes `b` are the encoding of a [`punct`] mark.
fn punct_bytes(b: [u8; 3]) -> bool {
    matches!(b, [0xE3, 0x80, 0x82] | [0xEF, 0xBC, 0x8C] | [0xEF, 0xBC, 0x9B] | [0xE3, 0x80, 0x81])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mark_is_a_marked_char_of_the_stream() {
        assert!(PUNCT.iter().all(|c| crate::text::stream::marked(*c) && c.len_utf8() == 3));
        // Of the kinds the rule walks, and led by a lead byte.
        let kinds = [crate::text::stream::MarkKind::End as usize, crate::text::stream::MarkKind::Other as usize];
        assert!(PUNCT
            .iter()
            .all(|c| kinds.contains(&crate::text::stream::kind_of(*c)) && (0xC2..0xF5).contains(&c.to_string().as_bytes()[0])));
        // Told by their bytes as by the char: every char's encoding (padded)
        // is a mark's just when the char is one.
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let mut b = [0u8; 4];
            c.encode_utf8(&mut b);
            assert_eq!(punct_bytes([b[0], b[1], b[2]]), punct(c), "{c}");
        }
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
