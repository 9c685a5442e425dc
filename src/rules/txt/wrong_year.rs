//! TXT-008 标题和日期的年度与文件年度一致
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
//! 2024年度决算的情况说明却写“2023年度部门决算情况说明”，或者资产情况写“截至2023年12月31日”，通常是照搬上一年文件没有改年份。读者会怀疑其中的数字是不是也是上一年的。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“2024 年度收、支总计均为” 改为 “截至2023年12月31日，2024 年度收、支总计均为”
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
//! `tests/snapshots/rules/TXT-008.snap`，`cargo test TXT_008` 只运行本条。

use crate::model::{Document, DocumentKind, MarkKind};
use crate::rules::percent::narrative_finding;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::support::text::Holds;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};
use crate::text::search;

pub const RULE: Rule = Rule {
    id: "TXT-008",
    family: Family::Txt,
    severity: Severity::Warning,
    title: "标题和日期的年度与文件年度一致",
    why: "2024年度决算的情况说明却写“2023年度部门决算情况说明”，或者资产情况写“截至2023年12月31日”，通常是照搬上一年文件没有改年份。读者会怀疑其中的数字是不是也是上一年的。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("2024 年度收、支总计均为", "截至2023年12月31日，2024 年度收、支总计均为")]);
        quiet Y, Q, B, YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let lines = stream_lines(doc);
    read(doc, sink, lines);
}

/// The rule, reading `stream_lines` (lines of the stream with whether each
/// may hold a date) and the running headers.
fn read(doc: &Document, sink: &mut Sink, stream_lines: Vec<(&crate::text::Line, bool)>) {
    let Some(year) = doc.info.year else {
        sink.skip("没有识别出文件年度，无法核对标题和日期中的年度".into());
        return;
    };
    let final_accounts = doc.info.kind == DocumentKind::FinalAccounts;
    let kind_word = if final_accounts { "决算" } else { "预算" };
    // The running headers are left out of the stream (they would split a
    // sentence), but are headings all the same; they are searched for a 截.
    let headers = doc.furniture_lines().map(|l| (l, search::has_char(&l.squeezed, '截')));
    for (line, dated) in stream_lines.into_iter().chain(headers) {
        let t = line.squeezed.as_str();
        // Only a heading or a "截至/截止" date (`dated`: the line may hold
        // one) can be reported: most lines are neither and are not copied
        // into chars.
        // A heading: short, no sentence punctuation, names the document kind
        // and ends like a title ("2024年度部门决算情况说明", "…部门决算表").
        // (Cheapest test first: the last byte, then the words.)
        let heading = may_end_a_heading(t)
            && HEADING_ENDS.iter().any(|w| t.ends_with(w))
            && t.chars().count() <= 45
            && !t.contains(['，', '。', '；', ','])
            && !["与", "比", "较", "执行", "调整"].iter().any(|w| t.holds(w))
            && ["部门决算", "单位决算", "部门预算", "单位预算"].iter().any(|w| t.holds(w) && w.ends_with(kind_word));
        if !heading && !dated {
            continue;
        }
        let chars: Vec<char> = t.chars().collect();
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
        if !dated {
            continue;
        }
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

/// The lines of the stream (all but the running headers) that `check`
/// reads, in order, each with whether it may hold a date ([`dated_lines`]):
/// those of `doc.heading_lines` (the lines that
/// [`may_be_heading`](crate::text::headings::may_be_heading), told by
/// normalisation and shared with TXT-009) that end like a heading
/// and hold a 年, and those that may hold a date. A heading or a date
/// names its year before a 年, so these are all the lines of
/// `doc.lines_with(年)` (the rule's first definition, a test holds it to)
/// that can be reported: every line holding a 年 is not walked for.
fn stream_lines(doc: &Document) -> Vec<(&crate::text::Line, bool)> {
    let mut dated = doc.numbered(dated_lines(doc)).peekable();
    // The running headers, ascending as the headings are, are left out.
    let mut furniture = doc.furniture.iter().peekable();
    let mut heads = doc
        .heading_lines
        .iter()
        .filter(|&&i| {
            while furniture.next_if(|&&f| f < i).is_some() {}
            furniture.peek() != Some(&&i)
        })
        .filter_map(|&i| doc.lines.get(i))
        // (The last byte first: most lines that may be headings start with
        // a char led by E7 and end otherwise.)
        .filter(|l| may_end_a_heading(&l.squeezed) && search::has_char(&l.squeezed, '年'))
        .peekable();
    let mut out = Vec::new();
    loop {
        let next = match (heads.peek().map(|l| l.no), dated.peek().map(|l| l.no)) {
            (None, None) => break,
            (Some(h), Some(d)) if d < h => dated.next().map(|l| (l, true)),
            (Some(h), Some(d)) if d == h => {
                heads.next();
                dated.next().map(|l| (l, true))
            }
            (Some(_), _) => heads.next().map(|l| (l, false)),
            (None, Some(_)) => dated.next().map(|l| (l, true)),
        };
        out.extend(next);
    }
    out
}

/// The words a heading ends with.
const HEADING_ENDS: [&str; 7] = ["情况说明", "决算", "预算", "决算表", "预算表", "公开", "报告"];

/// Whether `t` may end with one of [`HEADING_ENDS`], by its last byte (that
/// of 明, 算, 表, 开 or 告; a test says these are all): most lines end
/// otherwise and are not compared with the seven words.
fn may_end_a_heading(t: &str) -> bool {
    t.as_bytes().last().is_some_and(|&b| crate::text::headings::ends_a_heading(b))
}

/// The numbers of the stream's lines that may hold a date `check` reads, a
/// 4-digit year right after "截至" or "截止" ("截至2023年12月31日"): those
/// where a 年 of the stream's marks stands ten bytes after a 截至 or 截止
/// (two 3-byte chars, then four ASCII digits), in order. Every line holding
/// such a date is among them (a test says so), and few others (a date
/// wrapped over two lines marks the second, where `check` finds none): no
/// line is searched for a 截.
fn dated_lines(doc: &Document) -> Vec<usize> {
    let s = doc.stream();
    let text = s.text.as_bytes();
    let mut out: Vec<usize> = Vec::new();
    for &(at, _) in doc.marks(MarkKind::Nian) {
        let before = at.checked_sub(10).and_then(|from| text.get(from..from + 6));
        if before.is_some_and(|b| b == "截至".as_bytes() || b == "截止".as_bytes()) {
            let no = s.line_at(at);
            if out.last() != Some(&no) {
                out.push(no);
            }
        }
    }
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::headings::may_be_heading;

    /// The rule as it was before [`stream_lines`]: every line of the stream
    /// holding a 年 is read.
    fn every_line_with_a_nian(doc: &Document, sink: &mut Sink) {
        let dated = dated_lines(doc);
        let lines = doc.lines_with(MarkKind::Nian).into_iter().map(|l| (l, dated.contains(&l.no))).collect();
        read(doc, sink, lines);
    }

    /// Reading only the lines that may be a heading or hold a date finds
    /// what reading every line with a 年 finds: in the corpus documents,
    /// in them with headings and dates of other years (in the text and in
    /// running headers), and in texts made of heading and date pieces.
    #[test]
    fn agrees_with_reading_every_line_with_a_nian() {
        let edits = [
            ("第三部分 2024 年度部门决算情况说明", "第三部分 2023 年度部门决算情况说明"),
            ("2024 年度收、支总计均为", "截至2023年12月31日，2024 年度收、支总计均为"),
            ("2024 年度收、支总计均为", "2022年度部门决算表\n截止2025年12月31日\n2021年度部门决算公开\n"),
        ];
        let mut texts: Vec<String> = crate::FIXTURES.iter().map(|name| crate::fixture(name)).collect();
        for (from, to) in edits {
            texts.push(crate::fixture(Y).replacen(from, to, 1));
        }
        let pieces = [
            "2023年",
            "2024年",
            "2025 年",
            "度",
            "部门决算",
            "单位预算",
            "情况说明",
            "决算表",
            "公开",
            "报告",
            "截至",
            "截止",
            "12月31日",
            "第三部分",
            "，",
            "与",
            "字",
            " ",
            "2024年度部门决算情况说明",
        ];
        for header in ["2024年度部门决算\n", "2024年单位预算\n"] {
            texts.extend(crate::text::stream::sample_texts(&pieces, 300).into_iter().map(|t| format!("{header}{t}")));
        }
        let fired = crate::rules::testing::same_as_definition("TXT-008", check, every_line_with_a_nian, texts);
        assert!(fired > 20, "{fired}");
    }

    /// Every heading TXT-008 reads [`may_be_heading`]: its words end with
    /// one of the shared heading ends.
    #[test]
    fn a_heading_here_may_be_a_heading() {
        for w in HEADING_ENDS {
            assert!(may_be_heading(w) && may_be_heading(&format!("2024年度部门{w}")), "{w}");
        }
    }

    #[test]
    fn lines_with_a_nian_are_marked_in_the_stream() {
        assert!(crate::text::stream::marked('年'));
    }

    /// [`may_end_a_heading`] holds for every line that ends with one of
    /// [`HEADING_ENDS`]: it knows each word's last byte.
    #[test]
    fn a_heading_end_is_told_by_its_last_byte() {
        for w in HEADING_ENDS {
            assert!(may_end_a_heading(w), "{w}");
            assert!(may_end_a_heading(&format!("2024年度部门{w}")), "{w}");
        }
        assert!(!may_end_a_heading("") && !may_end_a_heading("收入。") && !may_end_a_heading("2024年"));
    }

    /// The dates `check` reads in a line: the years [`years`] finds right
    /// after "截至" or "截止" (its definition of a date).
    fn dates(t: &str) -> usize {
        let chars: Vec<char> = t.chars().collect();
        years(&chars)
            .into_iter()
            .filter(|(_, at)| {
                let before: String = chars[at.saturating_sub(2)..*at].iter().collect();
                before == "截至" || before == "截止"
            })
            .count()
    }

    /// Every line of the stream holding a date is among [`dated_lines`],
    /// in every corpus document and in edited ones (dates at a line's start
    /// and end, wrapped over two lines, after a running header).
    #[test]
    fn every_line_with_a_date_is_a_dated_line() {
        let edits = [
            ("2024 年度收、支总计均为", "截至2023年12月31日，2024 年度收、支总计均为"),
            ("2024 年度收、支总计均为", "截止2024年12月31日\n截至\n2023年，截至 2022 年末，截至\n"),
        ];
        let mut texts: Vec<String> = crate::FIXTURES.iter().map(|name| crate::fixture(name)).collect();
        for (from, to) in edits {
            texts.push(crate::fixture(Y).replacen(from, to, 1));
        }
        let mut seen = 0;
        for text in &texts {
            let doc = crate::read(text);
            let dated = dated_lines(&doc);
            assert!(dated.windows(2).all(|w| w[0] < w[1]), "{dated:?}");
            for line in doc.lines_with(MarkKind::Nian) {
                if dates(&line.squeezed) > 0 {
                    assert!(dated.contains(&line.no), "{}: {}", line.no, line.squeezed);
                    seen += 1;
                }
            }
        }
        assert!(seen >= 5, "{seen}");
    }
}
