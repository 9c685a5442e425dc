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

use crate::model::Document;
use crate::rules::percent::narrative_finding;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::support::text::starts_at;
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

fn check(doc: &Document, sink: &mut Sink) {
    let s = doc.stream();
    let (chars, lines) = (&s.chars, &s.lines);
    let mut k = 0;
    while k < chars.len() {
        // Every lead-in starts with one of these: most chars try none.
        let Some(w) =
            matches!(chars[k], '主' | '原' | '用' | '具' | '包').then(|| LEAD_INS.iter().find(|w| starts_at(chars, k, w))).flatten()
        else {
            k += 1;
            continue;
        };
        let mut e = k + w.chars().count();
        while chars.get(e).is_some_and(|c| matches!(c, '：' | ':')) {
            e += 1;
        }
        // "主要原因，项目经费增加。" goes on after the comma; "主要原因是。" does not.
        if chars.get(e).is_some_and(|c| matches!(c, '。' | '；' | ';')) {
            let said: String = chars[k..=e].iter().collect();
            sink.push(narrative_finding("TXT-006", Severity::Warning, format!("“{said}”：句子在应写明内容的地方就结束了。"), lines[e]));
        }
        k = e.max(k + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lead_in_starts_with_a_tested_char() {
        assert!(LEAD_INS.iter().all(|w| w.starts_with(['主', '原', '用', '具', '包'])));
    }
}
