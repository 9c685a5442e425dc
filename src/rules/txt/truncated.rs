//! TXT-006 说明性句子没有在要写内容的地方中断
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
//! “主要原因是。”“主要用于：。”这样的句子只剩下模板的开头，该写的原因、用途被漏掉了。检查时这类情况会被认定为说明不完整：读者得不到文件承诺给出的解释。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“主要是人员经费的增加所导致。” 改为 “主要原因是。”
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
//! `tests/snapshots/rules/TXT-006.snap`，`cargo test TXT_006` 只运行本条。

use crate::model::{Document, MarkKind};
use crate::rules::percent::narrative_finding;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// Lead-ins that promise content.
const LEAD_INS: [&str; 10] =
    ["主要原因是", "主要原因为", "主要原因", "原因是", "主要用于", "主要包括", "主要是", "具体包括", "用于", "包括"];

pub const RULE: Rule = Rule {
    id: "TXT-006",
    family: Family::Txt,
    severity: Severity::Warning,
    title: "说明性句子没有在要写内容的地方中断",
    why: "“主要原因是。”“主要用于：。”这样的句子只剩下模板的开头，该写的原因、用途被漏掉了。检查时这类情况会被认定为说明不完整：读者得不到文件承诺给出的解释。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("主要是人员经费的增加所导致。", "主要原因是。")]);
        quiet Y, Q, B, YB, QB
    ],
};

/// The chars a lead-in's match runs over after its first: the lead-ins' later
/// chars and the colons after them (a test says so).
fn inner(c: char) -> bool {
    matches!(c, '：' | ':' | '要' | '原' | '因' | '是' | '为' | '用' | '于' | '包' | '括' | '体')
}

/// Whether `b` may be the last byte of an [`inner`] char: it is that of
/// one of them (a test says every inner char's is here). Other chars end
/// with these bytes too; they are told apart by the scan.
fn may_end_inner(b: u8) -> bool {
    // ':', then the last bytes of ： 要 原 因 是 为 用 于 包 括 体.
    matches!(b, b':' | 0x9A | 0x81 | 0x9F | 0xA0 | 0xAF | 0xBA | 0xA8 | 0x8E | 0x85 | 0xAC | 0x93)
}

fn check(doc: &Document, sink: &mut Sink) {
    // A finding ends at a sentence end: each is looked at, the whole text is
    // not read. The scan the rule defines (from the start, a lead-in at a
    // char taking the scan past it and its colons) passes through every char
    // that no match can run over, whatever came before: so the scan is
    // repeated only from the last such char before each sentence end.
    let s = doc.stream();
    let text = s.text.as_str();
    // The sentence ends are kept apart from the other marks (see
    // `Document::marks`): no pass over every mark.
    for &(e, end) in doc.marks(MarkKind::End) {
        // A finding needs an inner char right before the end (a lead-in's
        // last char or a colon): after any other char the scan below is at
        // the end at once. Told by the byte before the end, that char's last
        // ([`may_end_inner`]): most ends are passed over on it, no char
        // decoded.
        if !e.checked_sub(1).and_then(|i| text.as_bytes().get(i)).is_some_and(|&b| may_end_inner(b)) {
            continue;
        }
        let before = text.get(..e).unwrap_or_default();
        let mut k = before.char_indices().rev().find(|(_, c)| !inner(*c)).map_or(0, |(i, _)| i);
        while k < e {
            let rest = text.get(k..).unwrap_or_default();
            let Some(c) = rest.chars().next() else { break };
            // Every lead-in starts with one of these: most chars try none.
            let Some(w) = matches!(c, '主' | '原' | '用' | '具' | '包').then(|| LEAD_INS.iter().find(|w| rest.starts_with(**w))).flatten()
            else {
                k += c.len_utf8();
                continue;
            };
            let mut after = k + w.len();
            while let Some(colon) = text.get(after..).and_then(|r| r.chars().next()).filter(|c| matches!(c, '：' | ':')) {
                after += colon.len_utf8();
            }
            // "主要原因，项目经费增加。" goes on after the comma; "主要原因是。" does not.
            if after == e {
                let said = text.get(k..e + end.len_utf8()).unwrap_or_default();
                sink.push(narrative_finding(
                    "TXT-006",
                    Severity::Warning,
                    format!("“{said}”：句子在应写明内容的地方就结束了。"),
                    s.line_at(e),
                ));
            }
            k = after;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::support::text::starts_at;

    #[test]
    fn every_lead_in_starts_with_a_tested_char() {
        assert!(LEAD_INS.iter().all(|w| w.starts_with(['主', '原', '用', '具', '包'])));
    }

    #[test]
    fn inner_chars_are_the_later_chars_of_lead_ins_and_sentence_ends_are_marked() {
        assert!(LEAD_INS.iter().all(|w| w.chars().skip(1).all(inner)));
        assert!(['。', '；', ';'].iter().all(|c| !inner(*c) && crate::text::stream::marked(*c)));
    }

    /// Every [`inner`] char's last byte is one [`may_end_inner`] passes.
    #[test]
    fn the_last_byte_of_every_inner_char_may_end_one() {
        let inner_chars: Vec<char> = (0..0x11_0000).filter_map(char::from_u32).filter(|c| inner(*c)).collect();
        assert_eq!(inner_chars.len(), 12);
        for c in inner_chars {
            assert!(c.to_string().as_bytes().last().is_some_and(|&b| may_end_inner(b)), "{c}");
        }
    }

    /// The rule as it was first written: a scan over every char of the stream.
    fn char_by_char(doc: &Document, sink: &mut Sink) {
        let (chars, lines) = crate::text::stream::chars_and_lines(&doc.lines);
        let mut k = 0;
        while k < chars.len() {
            let Some(w) =
                matches!(chars[k], '主' | '原' | '用' | '具' | '包').then(|| LEAD_INS.iter().find(|w| starts_at(&chars, k, w))).flatten()
            else {
                k += 1;
                continue;
            };
            let mut e = k + w.chars().count();
            while chars.get(e).is_some_and(|c| matches!(c, '：' | ':')) {
                e += 1;
            }
            if chars.get(e).is_some_and(|c| matches!(c, '。' | '；' | ';')) {
                let said: String = chars[k..=e].iter().collect();
                sink.push(narrative_finding("TXT-006", Severity::Warning, format!("“{said}”：句子在应写明内容的地方就结束了。"), lines[e]));
            }
            k = e.max(k + 1);
        }
    }

    #[test]
    fn agrees_with_the_char_by_char_scan() {
        let pieces = [
            "主要",
            "原因",
            "是",
            "为",
            "主要原因",
            "用于",
            "包括",
            "具体",
            "：",
            ":",
            "。",
            "；",
            ";",
            "，",
            "的",
            "a",
            "主",
            "原",
            "用",
            "包",
            // 明 ends with the byte 于 ends with, and is not inner.
            "明",
            "主要原因是：",
        ];
        let texts = crate::text::stream::sample_texts(&pieces, 400);
        let fired = crate::rules::testing::same_as_definition("TXT-006", check, char_by_char, texts);
        assert!(fired > 50, "{fired}");
    }
}
