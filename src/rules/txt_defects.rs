//! Text defects an inspector ticks off without any arithmetic: doubled
//! punctuation (TXT-005), sentences that stop where the content should be
//! (TXT-006), placeholders and fill-in instructions left from the template
//! (TXT-007), a heading or date with another year than the document's
//! (TXT-008), and a 单位 disclosure calling itself 部门 or the reverse (TXT-009).
//!
//! They read the whole text, not only the narrative: a placeholder in a part
//! heading or a doubled "。。" in the 名词解释 is as visible to a reader.

use super::percent::narrative_finding;
use super::{Family, Fixture, Rule, Severity, Sink};
use crate::model::{Document, DocumentKind, Scope};
use crate::text::Line;

const Y: &str = "yantai-office-2024-final.txt";
const Q: &str = "qingdao-office-2024-final.txt";
const B: &str = "yantai-bigdata-2023-final.txt";
const YB: &str = "yantai-office-2023-budget.txt";
const QB: &str = "qingdao-office-2023-budget.txt";

const ALL: &[DocumentKind] = &[DocumentKind::FinalAccounts, DocumentKind::Budget];

/// Every non-blank char of the document with its source line, white space
/// dropped, so that a defect split by a line wrap is still one defect.
fn stream(lines: &[Line]) -> Vec<(char, usize)> {
    lines.iter().flat_map(|l| l.text.chars().filter(|c| !c.is_whitespace()).map(move |c| (c, l.no))).collect()
}

/// The rule.
pub const DOUBLED_PUNCTUATION: Rule = Rule {
    id: "TXT-005",
    family: Family::Txt,
    severity: Severity::Warning,
    title: "没有重复的标点符号",
    why: "“。。”“，，”这样重复的标点，说明文字在复制、删改之后没有校对。公开文件代表部门的形象，这类差错虽小，却是检查清单上的必查项。",
    applies_to: ALL,
    needs: &[],
    check: check_doubled,
    fixtures: &[
        Fixture::fires(Y, &[("增长 5.04%。", "增长 5.04%。。")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

const PUNCT: [char; 4] = ['。', '，', '；', '、'];

fn check_doubled(doc: &Document, sink: &mut Sink) {
    let s = stream(&doc.lines);
    let mut k = 0;
    while k + 1 < s.len() {
        if !PUNCT.contains(&s[k].0) || !PUNCT.contains(&s[k + 1].0) {
            k += 1;
            continue;
        }
        let run = s[k..].iter().take_while(|(c, _)| PUNCT.contains(c)).count();
        // Three or more ("。。。。。1") are leader dots or an ellipsis, not a slip.
        if run == 2 {
            let pair: String = [s[k].0, s[k + 1].0].iter().collect();
            let context: String = s[k.saturating_sub(12)..k].iter().map(|(c, _)| *c).collect();
            sink.push(narrative_finding("TXT-005", Severity::Warning, format!("“…{context}{pair}”：标点“{pair}”重复。"), s[k + 1].1));
        }
        k += run;
    }
}

/// The rule.
pub const TRUNCATED: Rule = Rule {
    id: "TXT-006",
    family: Family::Txt,
    severity: Severity::Warning,
    title: "说明性句子没有在要写内容的地方中断",
    why: "“主要原因是。”“主要用于：。”这样的句子只剩下模板的开头，该写的原因、用途被漏掉了。检查时这类情况会被认定为说明不完整：读者得不到文件承诺给出的解释。",
    applies_to: ALL,
    needs: &[],
    check: check_truncated,
    fixtures: &[
        Fixture::fires(Y, &[("主要是人员经费的增加所导致。", "主要原因是。")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

/// Lead-ins that promise content.
const LEAD_INS: [&str; 10] =
    ["主要原因是", "主要原因为", "主要原因", "原因是", "主要用于", "主要包括", "主要是", "具体包括", "用于", "包括"];

fn check_truncated(doc: &Document, sink: &mut Sink) {
    let s = stream(&doc.lines);
    let chars: Vec<char> = s.iter().map(|(c, _)| *c).collect();
    let mut k = 0;
    while k < chars.len() {
        let Some(w) = LEAD_INS.iter().find(|w| starts_at(&chars, k, w)) else {
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
            sink.push(narrative_finding("TXT-006", Severity::Warning, format!("“{said}”：句子在应写明内容的地方就结束了。"), s[e].1));
        }
        k = e.max(k + 1);
    }
}

fn starts_at(chars: &[char], k: usize, w: &str) -> bool {
    let mut i = k;
    for c in w.chars() {
        if chars.get(i) != Some(&c) {
            return false;
        }
        i += 1;
    }
    true
}

/// The rule.
pub const PLACEHOLDERS: Rule = Rule {
    id: "TXT-007",
    family: Family::Txt,
    severity: Severity::Warning,
    title: "没有残留模板占位符和填写说明",
    why: "公开文件由模板填写而成。“XX局”“XXX万元”、二选一的“增加（减少）”、括号里的“（按……填写）”都是模板中给填写人看的内容，发布前应当替换或删除。留下它们，说明文件没有填写完整，读者也不知道真实情况是哪一种。",
    applies_to: ALL,
    needs: &[],
    check: check_placeholders,
    fixtures: &[
        Fixture::fires(Y, &[("与 2023 年度相比，收、支总计各增加 492.55 万元", "与 2023 年度相比，收、支总计各增加（减少）492.55 万元")]),
        Fixture::fires(Y, &[("2024 年度收、支总计均为", "XX局2024 年度收、支总计均为")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

/// Two alternatives printed side by side for the writer to choose from.
const ALTERNATIVES: [&str; 8] =
    ["增加（减少）", "减少（增加）", "增长（下降）", "下降（增长）", "增长（减少）", "增加（下降）", "大于（小于）", "小于（大于）"];

/// Words that make a bracketed text an instruction to the writer.
const INSTRUCTIONS: [&str; 7] = ["填写", "填列", "表述）", "不涉及的不列", "请根据", "为必填项", "如无"];

/// Beyond this many lines a template is reported in one summary finding.
const PLACEHOLDER_LINES: usize = 20;

fn check_placeholders(doc: &Document, sink: &mut Sink) {
    let mut found: Vec<(usize, String)> = Vec::new(); // (line, what)
    for line in &doc.lines {
        let t = line.squeezed.as_str();
        if let Some(x) = letter_placeholder(&t) {
            found.push((line.no, format!("占位符“{x}”")));
        }
    }
    // Alternatives and bracketed instructions may be wrapped over two lines.
    let s: Vec<(char, usize)> = stream(&doc.lines)
        .into_iter()
        .map(|(c, l)| {
            (
                if c == '(' {
                    '（'
                } else if c == ')' {
                    '）'
                } else {
                    c
                },
                l,
            )
        })
        .collect();
    let chars: Vec<char> = s.iter().map(|(c, _)| *c).collect();
    // One pass over the text, trying the alternatives only where one could
    // start (a pass per alternative was a large share of a whole check).
    let firsts: Vec<char> = ALTERNATIVES.iter().filter_map(|a| a.chars().next()).collect();
    let mut alternatives: Vec<(usize, usize, &str)> = Vec::new(); // (k, which, text)
    for (k, c) in chars.iter().enumerate() {
        if !firsts.contains(c) {
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
        found.push((s[k + n - 1].1, format!("未选定的“{a}”")));
    }
    for (open, close) in brackets(&chars) {
        let b: String = chars[open..=close].iter().collect();
        if INSTRUCTIONS.iter().any(|w| b.contains(w)) && b.chars().count() <= 80 {
            found.push((s[close].1, format!("填写说明“{b}”")));
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

/// The rule.
pub const WRONG_YEAR: Rule = Rule {
    id: "TXT-008",
    family: Family::Txt,
    severity: Severity::Warning,
    title: "标题和日期的年度与文件年度一致",
    why: "2024年度决算的情况说明却写“2023年度部门决算情况说明”，或者资产情况写“截至2023年12月31日”，通常是照搬上一年文件没有改年份。读者会怀疑其中的数字是不是也是上一年的。",
    applies_to: ALL,
    needs: &[],
    check: check_years,
    fixtures: &[
        Fixture::fires(Y, &[("2024 年度收、支总计均为", "截至2023年12月31日，2024 年度收、支总计均为")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

/// The 4-digit years of a squeezed text followed by "年", with their char offsets.
fn years(chars: &[char]) -> Vec<(u16, usize)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k + 4 < chars.len() {
        let digits = chars[k..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 4 && chars.get(k + 4) == Some(&'年') && (k == 0 || !chars[k - 1].is_ascii_digit()) {
            let y: String = chars[k..k + 4].iter().collect();
            if let Ok(y) = y.parse::<u16>() {
                out.push((y, k));
            }
        }
        k += digits.max(1);
    }
    out
}

fn check_years(doc: &Document, sink: &mut Sink) {
    let Some(year) = doc.info.year else {
        sink.skip("没有识别出文件年度，无法核对标题和日期中的年度".into());
        return;
    };
    let final_accounts = doc.info.kind == DocumentKind::FinalAccounts;
    let kind_word = if final_accounts { "决算" } else { "预算" };
    for line in &doc.lines {
        let t = line.squeezed.as_str();
        if t.is_empty() || !t.contains('年') {
            continue;
        }
        let chars: Vec<char> = t.chars().collect();
        // A heading: short, no sentence punctuation, names the document kind
        // and ends like a title ("2024年度部门决算情况说明", "…部门决算表").
        let heading = chars.len() <= 45
            && !t.contains(['，', '。', '；', ','])
            && !["与", "比", "较", "执行", "调整"].iter().any(|w| t.contains(w))
            && ["部门决算", "单位决算", "部门预算", "单位预算"].iter().any(|w| t.contains(w) && w.ends_with(kind_word))
            && ["情况说明", "决算", "预算", "决算表", "预算表", "公开", "报告"].iter().any(|w| t.ends_with(w));
        if heading {
            if let Some((y, _)) = years(&chars).into_iter().find(|(y, _)| *y != year) {
                sink.push(narrative_finding(
                    "TXT-008",
                    Severity::Warning,
                    format!("标题“{t}”写的是{y}年度，而本文件是{year}年度的{kind_word}。"),
                    line.no,
                ));
                continue;
            }
        }
        // "截至2023年12月31日" in a 决算 must be the year's own end; a budget
        // may state the position at the end of the year before, or earlier in it.
        for (y, at) in years(&chars) {
            let before: String = chars[at.saturating_sub(2)..at].iter().collect();
            if before != "截至" && before != "截止" {
                continue;
            }
            let rest: String = chars[at + 5..].iter().take(6).collect();
            let year_end = rest.starts_with("12月31日");
            let wrong = if final_accounts { year_end && y != year } else { y > year || y + 1 < year };
            if wrong {
                sink.push(narrative_finding(
                    "TXT-008",
                    Severity::Warning,
                    format!(
                        "“{before}{y}年{}”：本文件是{year}年度的{kind_word}，日期的年度对不上。",
                        rest.chars().take_while(|c| *c != '，' && *c != ',').collect::<String>()
                    ),
                    line.no,
                ));
            }
        }
    }
}

/// The rule.
pub const SCOPE_WORDS: Rule = Rule {
    id: "TXT-009",
    family: Family::Txt,
    severity: Severity::Warning,
    title: "单位预算（决算）与部门预算（决算）的称谓与文件一致",
    why: "部门预算（决算）汇总一个部门及其所属全部单位，单位预算（决算）只反映一个单位，两者公开的表格和口径不同。一个单位的文件在标题里自称“部门预算”（或者反过来），读者就会按错误的口径理解其中的数字，通常也说明是套用了别的模板。",
    applies_to: ALL,
    needs: &[],
    check: check_scope,
    fixtures: &[
        Fixture::fires(Y, &[("第三部分 2024 年度部门决算情况说明", "第三部分 2024 年度单位决算情况说明")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_scope(doc: &Document, sink: &mut Sink) {
    let Some(scope) = doc.info.scope else { return };
    let (own, other) = match scope {
        Scope::Department => ("部门", "单位"),
        Scope::Unit => ("单位", "部门"),
    };
    for line in &doc.lines {
        let t = line.squeezed.as_str();
        // Titles and part headings only: prose may name the other kind legitimately
        // ("本部门预算包括所属单位预算").
        let heading = t.chars().count() <= 40
            && !t.contains(['，', '。', '；', '：', '、'])
            && (t.starts_with('第') && t.contains("部分") || t.ends_with("情况说明"));
        if !heading {
            continue;
        }
        for kind in ["预算", "决算"] {
            let wrong = format!("{other}{kind}");
            if t.contains(&wrong) && !t.contains(&format!("{own}{kind}")) && !t.contains(&format!("所属{wrong}")) {
                sink.push(narrative_finding(
                    "TXT-009",
                    Severity::Warning,
                    format!("标题“{t}”称“{wrong}”，而本文件是{own}{kind}。"),
                    line.no,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(rule: &Rule, text: &str) -> Vec<(usize, String)> {
        let doc = crate::read(text);
        let mut sink = super::super::percent::test_sink(rule.id);
        (rule.check)(&doc, &mut sink);
        sink.findings.into_iter().map(|f| (f.source_line.unwrap_or(0), f.message)).collect()
    }

    const DOC: &str =
        "收入支出决算总表\n2024 年度部门决算\n第三部分 上海市普陀区财政局 2024 年度部门决算情况说明\n一、收入支出决算总体情况说明\n";

    #[test]
    fn doubled_punctuation_even_across_a_wrap() {
        // 02-caizhengju L496 (planted) and 07-renda L810 ("支出。 。").
        let got = run(&DOUBLED_PUNCTUATION, &format!("{DOC}一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款。。\n不再列入本部门预算中，减少了该项支出。\n 。\n目录。。。。。。1"));
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![5, 7], "{got:#?}");
    }

    #[test]
    fn sentences_that_stop_at_the_lead_in() {
        let got = run(
            &TRUNCATED,
            &format!("{DOC}减少56.95万元，下降1.87%。主要原因是。\n主要用于：。\n主要原因是：人员变化。主要包括：\n1、基本工资"),
        );
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![5, 6], "{got:#?}");
    }

    #[test]
    fn placeholders_and_instructions() {
        let got = run(&PLACEHOLDERS, &format!("{DOC}第二部分 上海市普陀区XX局 2024 年度部门决算表\n与上年相比增加（减少）0万元，增长（减少）0%。\n（按“部门预算公开06表 财政拨款基本\n支出预算表”中实际发生经济分类支出事项填写）\n收入 XXX 万元，占 XX%。\n采用 XML 格式，Xbox，2×3，（财库[2013]189 号）规定品目名称填写。"));
        // The wrapped instruction is reported on the line where it ends.
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![5, 6, 8, 9], "{got:#?}");
        assert!(got[0].1.contains("“XX”"), "{}", got[0].1);
    }

    #[test]
    fn a_heading_or_date_of_another_year() {
        // 02-caizhengju L337 and L486 (planted).
        let got = run(&WRONG_YEAR, &format!("{DOC} 第三部分上海市普陀区财政局 2023年度部门决算情况说明\n截至 2023年 12 月 31 日，共有车辆 0 辆。\n截至 2024 年 12 月 31 日，共有车辆 0 辆。\n与 2023 年度相比，收入支出总计减少 56.95 万元。"));
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![5, 6], "{got:#?}");
        // A budget states vehicles at an earlier date (01-wanli: 截至2023年8月31日).
        let budget = "2024年部门预算\n第三部分 2024年度部门预算情况说明\n截至2023年8月31日，共有车辆7辆。";
        assert!(run(&WRONG_YEAR, budget).is_empty());
    }

    #[test]
    fn a_unit_heading_in_a_department_disclosure() {
        let got = run(&SCOPE_WORDS, &format!("{DOC}第四部分 2024年度单位决算情况说明\n本部门决算包括所属单位决算。"));
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(got[0].0, 5);
    }
}
