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

use crate::model::{Document, MarkKind};
use crate::rules::percent::narrative_finding;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::support::text::Holds;
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
    // (line, what)
    let mut found: Vec<(usize, String)> = Vec::new();
    // The whole text is read as the document's stream (its lines' squeezed
    // text joined): alternatives and bracketed instructions may be wrapped
    // over two lines. Only the stream's marked chars (brackets, X's) are
    // visited, not every char.
    let s = doc.stream();
    let text = s.text.as_str();
    // ASCII brackets read as full-width ones; mapped as read, not copied.
    let read = |c: char| match c {
        '(' => '（',
        ')' => '）',
        c => c,
    };
    // (offset, which, text, offset of its last char)
    let mut alternatives: Vec<(usize, usize, &str, usize)> = Vec::new();
    // The outermost brackets, full-width or ASCII (read as full-width), as
    // (open, close, end) byte offsets and whether they are 80 chars or more
    // apart.
    let mut spans: Vec<(usize, usize, usize, bool)> = Vec::new();
    let mut depth = 0usize;
    // The outermost open bracket's byte offset.
    let mut open = 0usize;
    // The document's X marks and its brackets are kept apart (see
    // `Document::marks`): no pass over every mark, no guess at each which it is.
    // Lines whose squeezed text holds an X, x or ×: the only lines read on
    // their own below.
    let x_lines = doc.lines_at(doc.marks(MarkKind::Ex).iter().map(|&(m, _)| m));
    for &(m, c) in doc.marks(MarkKind::Bracket) {
        // The chars from the open bracket to this one matter only from 80 on
        // (a span's limit; past 121 the bracket is dropped). There are never
        // more chars than bytes: they are counted only past 80 bytes, which
        // few brackets are (outside brackets they are not needed).
        let k = match text.get(open..m) {
            Some(t) if depth > 0 && t.len() >= 80 => t.chars().count(),
            _ => 0,
        };
        // An unclosed bracket does not swallow the rest of the document: it
        // is dropped after the 121st char after it (which may be a bracket
        // itself), seen here at the next bracket after that.
        if depth > 0 && k > 121 {
            depth = 0;
        }
        match c {
            '（' | '(' => {
                // Every alternative is two 3-byte chars and its bracket, and
                // starts with one of these (a test says so): most brackets
                // ("支出（类）") try none, and no char is decoded.
                let a = m.saturating_sub(6);
                // (One char decoded and compared, not five words.)
                if text.get(a..).is_some_and(|t| t.starts_with(['增', '减', '下', '大', '小'])) {
                    for (which, w) in ALTERNATIVES.iter().enumerate() {
                        if let Some(last) = alternative_at(text, a, m, c, w) {
                            alternatives.push((a, which, w, last));
                        }
                    }
                }
                if depth == 0 {
                    open = m;
                }
                depth += 1;
            }
            _ if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    spans.push((open, m, m + c.len_utf8(), k >= 80));
                }
            }
            _ => {}
        }
    }
    // Lines where "为必填项" starts: the whole text is searched once (by
    // memmem: SIMD over the whole text; the needle cannot overlap itself,
    // so its matches are match_indices').
    let required_lines = doc.lines_at(memchr::memmem::find_iter(text.as_bytes(), "为必填项"));
    for line in x_lines {
        if let Some(x) = letter_placeholder(&line.squeezed) {
            found.push((line.no, format!("占位符“{x}”")));
        }
    }
    // Listed alternative by alternative, as before.
    alternatives.sort_by_key(|(k, which, _, _)| (*which, *k));
    for (_, _, a, last) in alternatives {
        found.push((s.line_at(last), format!("未选定的“{a}”")));
    }
    for (open, close, end, long) in spans {
        // An instruction holds two 3-byte chars between the brackets (a test
        // says so): most brackets ("（类）", "（A）") are too short, and the
        // rest hold none of the chars every instruction starts with and are
        // not copied.
        let inside = text.get(open..end).unwrap_or_default();
        if long || close.saturating_sub(open) < 7 || !inside.contains(['填', '表', '不', '请', '为', '如']) {
            continue;
        }
        let b: String = inside.chars().map(read).collect();
        // (`holds`: no `str` searcher set up per instruction.)
        if INSTRUCTIONS.iter().any(|w| b.holds(w)) {
            found.push((s.line_at(close), format!("填写说明“{b}”")));
        }
    }
    // "注：“科目编码”和“科目名称”为必填项。" is an instruction without brackets.
    for line in required_lines.into_iter().filter(|l| l.text.holds("为必填项")) {
        if !found.iter().any(|(l, w)| *l == line.no && w.holds("为必填项")) {
            found.push((line.no, "填写说明“……为必填项”".to_string()));
        }
    }
    report(found, sink);
}

/// The findings, one per line, and a summary beyond [`PLACEHOLDER_LINES`].
fn report(mut found: Vec<(usize, String)>, sink: &mut Sink) {
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

/// The byte offset of the closing bracket when alternative `w` ("增加（减少）")
/// stands in `text` from byte `a`, its opening bracket `open` at byte `m`.
/// Compared as bytes, the brackets of the text in either form (a test says
/// the alternatives hold no other brackets).
fn alternative_at(text: &str, a: usize, m: usize, open: char, w: &str) -> Option<usize> {
    let (before, rest) = w.split_once('（')?;
    let inside = rest.strip_suffix('）')?;
    let from = m + open.len_utf8();
    let close = from + inside.len();
    (text.get(a..m)? == before && text.get(from..)?.starts_with(inside) && text.get(close..)?.starts_with(['）', ')'])).then_some(close)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alternative_has_its_bracket_third() {
        assert!(ALTERNATIVES.iter().all(|w| w.chars().nth(2) == Some('（')));
        // …and its other bracket last, with none else.
        let brackets = |w: &str| w.chars().filter(|c| matches!(c, '（' | '）' | '(' | ')')).count();
        assert!(ALTERNATIVES.iter().all(|w| w.ends_with('）') && brackets(w) == 2));
        assert!(ALTERNATIVES.iter().all(|w| w.starts_with(['增', '减', '下', '大', '小'])));
        // …and its two chars before its bracket are 6 bytes.
        assert!(ALTERNATIVES.iter().all(|w| w.find('（') == Some(6)));
    }

    #[test]
    fn every_instruction_starts_with_a_tested_char() {
        assert!(INSTRUCTIONS.iter().all(|w| w.starts_with(['填', '表', '不', '请', '为', '如'])));
        // …and holds two 3-byte chars before any bracket.
        assert!(INSTRUCTIONS.iter().all(|w| w.split(['（', '）']).next().is_some_and(|i| i.len() >= 6)));
    }

    #[test]
    fn brackets_and_xs_are_marked_chars_of_the_stream() {
        assert!(['（', '）', '(', ')', 'X', 'x', '×'].iter().all(|c| crate::text::stream::marked(*c)));
    }

    /// Whether the chars of `w` stand at offset `k` of a text of `len` chars
    /// read through `at`.
    fn starts_at_mapped(len: usize, at: &impl Fn(usize) -> char, k: usize, w: &str) -> bool {
        let mut i = k;
        w.chars().all(|c| {
            let ok = i < len && at(i) == c;
            i += 1;
            ok
        })
    }

    /// The rule as it was first written: a scan over every char of the stream.
    fn char_by_char(doc: &Document, sink: &mut Sink) {
        let mut found: Vec<(usize, String)> = Vec::new(); // (line, what)
                                                          // The whole text is read once, as the document's stream (its lines'
                                                          // squeezed chars in order): a search per line cost more than the rule's
                                                          // own work. Alternatives and bracketed instructions may be wrapped over
                                                          // two lines.
        let (chars, stream_lines) = crate::text::stream::chars_and_lines(&doc.lines);
        let chars = &chars;
        let at = |k: usize| match chars[k] {
            '(' => '（',
            ')' => '）',
            c => c,
        };
        let mut alternatives: Vec<(usize, usize, &str)> = Vec::new(); // (k, which, text)
                                                                      // Lines whose squeezed text holds an X, x or ×, and lines where "为必填项"
                                                                      // may stand: the only lines read on their own below.
        let mut x_lines: Vec<usize> = Vec::new();
        let mut required_lines: Vec<usize> = Vec::new();
        // The char spans (open, close) of the outermost brackets, full-width or
        // ASCII (read as full-width), found in the same pass.
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let (mut depth, mut open) = (0usize, 0usize);
        for (k, c) in chars.iter().enumerate() {
            match c {
                '（' | '(' => {
                    // Every alternative has its bracket third (a test says so).
                    if k >= 2 {
                        for (which, a) in ALTERNATIVES.iter().enumerate() {
                            if starts_at_mapped(chars.len(), &at, k - 2, a) {
                                alternatives.push((k - 2, which, a));
                            }
                        }
                    }
                    if depth == 0 {
                        open = k;
                    }
                    depth += 1;
                }
                '）' | ')' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        spans.push((open, k));
                    }
                }
                'X' | 'x' | '×' if x_lines.last() != Some(&stream_lines[k]) => x_lines.push(stream_lines[k]),
                '为' if starts_at_mapped(chars.len(), &at, k, "为必填项") && required_lines.last() != Some(&stream_lines[k]) => {
                    required_lines.push(stream_lines[k]);
                }
                _ => {}
            }
            // An unclosed bracket does not swallow the rest of the document.
            if depth > 0 && k - open > 120 {
                depth = 0;
            }
        }
        // (The stream's line numbers never decrease: both lists are sorted.)
        for line in doc.lines.iter().filter(|l| x_lines.binary_search(&l.no).is_ok()) {
            if let Some(x) = letter_placeholder(&line.squeezed) {
                found.push((line.no, format!("占位符“{x}”")));
            }
        }
        // Listed alternative by alternative, as before.
        alternatives.sort_by_key(|(k, which, _)| (*which, *k));
        for (k, _, a) in alternatives {
            let n = a.chars().count();
            found.push((stream_lines[k + n - 1], format!("未选定的“{a}”")));
        }
        for (open, close) in spans {
            if close - open >= 80 || !chars[open..=close].iter().any(|c| matches!(c, '填' | '表' | '不' | '请' | '为' | '如')) {
                continue;
            }
            let b: String = (open..=close).map(at).collect();
            if INSTRUCTIONS.iter().any(|w| b.contains(w)) {
                found.push((stream_lines[close], format!("填写说明“{b}”")));
            }
        }
        let required = |l: &&crate::text::Line| required_lines.binary_search(&l.no).is_ok() && l.text.contains("为必填项");
        for line in doc.lines.iter().filter(required) {
            if !found.iter().any(|(l, w)| *l == line.no && w.contains("为必填项")) {
                found.push((line.no, "填写说明“……为必填项”".to_string()));
            }
        }
        report(found, sink);
    }

    #[test]
    fn agrees_with_the_char_by_char_scan() {
        let pieces = [
            "增加",
            "减少",
            "（",
            "）",
            "(",
            ")",
            "增长",
            "下降",
            "按",
            "填写",
            "表述",
            "请根据",
            "为必填项",
            "如无",
            "XX",
            "x",
            "×",
            "ab",
            "局",
            "万元",
            "（类）",
            "填",
            "，",
            "。",
        ];
        // And long unclosed brackets, and a bracket closed just at the limit
        // (in chars of 3 bytes, 1, or both: chars are counted past 80 bytes).
        let fills = [24, 25, 26, 27, 28, 38, 39, 40, 41, 76, 77, 78, 79, 80, 81, 100, 117, 118, 119, 120, 121, 122, 123, 200]
            .into_iter()
            .flat_map(|n| ["字", "a", "字a"].map(|unit| unit.repeat(n)));
        let brackets = fills.flat_map(|f| {
            [
                format!("（{f}请填写）（填写）"),
                format!("（{f}）（填写）增加（减少）"),
                format!("（（{f}）请填写）"),
                format!("（{f}（填写）"),
                format!("({f}请填写)(填写)"),
            ]
        });
        let texts = crate::text::stream::sample_texts(&pieces, 400).into_iter().chain(brackets);
        let fired = crate::rules::testing::same_as_definition("TXT-007", check, char_by_char, texts);
        assert!(fired > 50, "{fired}");
    }
}
