//! TXT-007 没有残留模板占位符和填写说明
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
//! 公开文件由模板填写而成。“XX局”“XXX万元”、二选一的“增加（减少）”、括号里的“（按……填写）”都是模板中给填写人看的内容，发布前应当替换或删除。留下它们，说明文件没有填写完整，读者也不知道真实情况是哪一种。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“与 2023 年度相比，收、支总计各增加 492.55 万元” 改为 “与 2023 年度相比，收、支总计各增加（减少）492.55 万元”
//! - `yantai-office-2024-final.txt`：“2024 年度收、支总计均为” 改为 “XX局2024 年度收、支总计均为”
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
//! `tests/snapshots/rules/TXT-007.snap`，`cargo test TXT_007` 只运行本条。

use crate::model::Document;
use crate::rules::percent::narrative_finding;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::support::text::starts_at;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// Two alternatives printed side by side for the writer to choose from.
const ALTERNATIVES: [&str; 8] =
    ["增加（减少）", "减少（增加）", "增长（下降）", "下降（增长）", "增长（减少）", "增加（下降）", "大于（小于）", "小于（大于）"];

/// Words that make a bracketed text an instruction to the writer.
const INSTRUCTIONS: [&str; 7] = ["填写", "填列", "表述）", "不涉及的不列", "请根据", "为必填项", "如无"];

/// Beyond this many lines a template is reported in one summary finding.
const PLACEHOLDER_LINES: usize = 20;

pub const RULE: Rule = Rule {
    id: "TXT-007",
    family: Family::Txt,
    severity: Severity::Warning,
    title: "没有残留模板占位符和填写说明",
    why: "公开文件由模板填写而成。“XX局”“XXX万元”、二选一的“增加（减少）”、括号里的“（按……填写）”都是模板中给填写人看的内容，发布前应当替换或删除。留下它们，说明文件没有填写完整，读者也不知道真实情况是哪一种。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("与 2023 年度相比，收、支总计各增加 492.55 万元", "与 2023 年度相比，收、支总计各增加（减少）492.55 万元")]),
        Fixture::fires(Y, &[("2024 年度收、支总计均为", "XX局2024 年度收、支总计均为")]);
        quiet Y, Q, B, YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let mut found: Vec<(usize, String)> = Vec::new(); // (line, what)
    for line in &doc.lines {
        let t = line.squeezed.as_str();
        if let Some(x) = letter_placeholder(t) {
            found.push((line.no, format!("占位符“{x}”")));
        }
    }
    // Alternatives and bracketed instructions may be wrapped over two lines.
    let s = doc.stream();
    let chars: Vec<char> = s
        .chars
        .iter()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => *c,
        })
        .collect();
    // One pass over the text, trying the alternatives only where one could
    // start (a pass per alternative was a large share of a whole check).
    let mut alternatives: Vec<(usize, usize, &str)> = Vec::new(); // (k, which, text)
    for (k, c) in chars.iter().enumerate() {
        // The first chars of the alternatives (a test says so).
        if !matches!(c, '增' | '减' | '下' | '大' | '小') {
            continue;
        }
        for (which, a) in ALTERNATIVES.iter().enumerate() {
            if starts_at(&chars, k, a) {
                alternatives.push((k, which, a));
            }
        }
    }
    // Listed alternative by alternative, as before.
    alternatives.sort_by_key(|(k, which, _)| (*which, *k));
    for (k, _, a) in alternatives {
        let n = a.chars().count();
        found.push((s.lines[k + n - 1], format!("未选定的“{a}”")));
    }
    for (open, close) in brackets(&chars) {
        // Every instruction starts with one of these chars: most brackets
        // ("（类）") hold none and are not copied.
        if close - open >= 80 || !chars[open..=close].iter().any(|c| matches!(c, '填' | '表' | '不' | '请' | '为' | '如')) {
            continue;
        }
        let b: String = chars[open..=close].iter().collect();
        if INSTRUCTIONS.iter().any(|w| b.contains(w)) {
            found.push((s.lines[close], format!("填写说明“{b}”")));
        }
    }
    // "注：“科目编码”和“科目名称”为必填项。" is an instruction without brackets.
    for line in doc.lines.iter().filter(|l| l.text.contains("为必填项")) {
        if !found.iter().any(|(l, w)| *l == line.no && w.contains("为必填项")) {
            found.push((line.no, "填写说明“……为必填项”".to_string()));
        }
    }
    found.sort_by_key(|f| f.0);
    let mut lines: Vec<(usize, Vec<String>)> = Vec::new();
    for (l, w) in found {
        match lines.last_mut() {
            Some((last, ws)) if *last == l => {
                if !ws.contains(&w) {
                    ws.push(w);
                }
            }
            _ => lines.push((l, vec![w])),
        }
    }
    let total = lines.len();
    for (l, ws) in lines.iter().take(PLACEHOLDER_LINES) {
        sink.push(narrative_finding("TXT-007", Severity::Warning, format!("{}：模板内容没有替换或删除。", ws.join("、")), *l));
    }
    if total > PLACEHOLDER_LINES {
        let first = lines[PLACEHOLDER_LINES].0;
        sink.push(narrative_finding(
            "TXT-007",
            Severity::Warning,
            format!("此后还有{}行留有模板占位符或填写说明（第{}行起），这份文件看来是未填写的模板。", total - PLACEHOLDER_LINES, first),
            first,
        ));
    }
}

/// A run of two or more X / x / × standing alone ("XX局", "XXX万元", "XX%"),
/// not part of a Latin word or code.
fn letter_placeholder(t: &str) -> Option<String> {
    if !t.contains(['X', 'x', '×']) {
        return None;
    }
    let chars: Vec<char> = t.chars().collect();
    let is_x = |c: char| matches!(c, 'X' | 'x' | '×');
    let mut k = 0;
    while k < chars.len() {
        if !is_x(chars[k]) {
            k += 1;
            continue;
        }
        let run = chars[k..].iter().take_while(|c| is_x(**c)).count();
        let before = k.checked_sub(1).and_then(|i| chars.get(i)).copied();
        let after = chars.get(k + run).copied();
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() && !c.is_ascii_digit());
        if run >= 2 && !latin(before) && !latin(after) {
            return Some(chars[k..k + run].iter().collect());
        }
        k += run;
    }
    None
}

/// The char spans (open, close) of the outermost full-width brackets.
fn brackets(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut open = 0;
    for (k, c) in chars.iter().enumerate() {
        match c {
            '（' => {
                if depth == 0 {
                    open = k;
                }
                depth += 1;
            }
            '）' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push((open, k));
                }
            }
            _ => {}
        }
        // An unclosed bracket does not swallow the rest of the document.
        if depth > 0 && k - open > 120 {
            depth = 0;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alternative_starts_with_a_tested_char() {
        assert!(ALTERNATIVES.iter().all(|w| w.starts_with(['增', '减', '下', '大', '小'])));
    }

    #[test]
    fn every_instruction_starts_with_a_tested_char() {
        assert!(INSTRUCTIONS.iter().all(|w| w.starts_with(['填', '表', '不', '请', '为', '如'])));
    }
}
