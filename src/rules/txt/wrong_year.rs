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
    let Some(year) = doc.info.year else {
        sink.skip("没有识别出文件年度，无法核对标题和日期中的年度".into());
        return;
    };
    let final_accounts = doc.info.kind == DocumentKind::FinalAccounts;
    let kind_word = if final_accounts { "决算" } else { "预算" };
    // Only lines with a 年: found by one search of the text, not one per line.
    // The running headers are left out of the stream (they would split a
    // sentence), but are headings all the same.
    for line in doc.lines_with(MarkKind::Nian).into_iter().chain(doc.furniture_lines()) {
        let t = line.squeezed.as_str();
        // Only a heading or a "截至/截止" date can be reported: most lines are
        // neither and are not copied into chars.
        let dated = search::has_char(t, '截');
        // A heading: short, no sentence punctuation, names the document kind
        // and ends like a title ("2024年度部门决算情况说明", "…部门决算表").
        // (Cheapest test first.)
        let heading = ["情况说明", "决算", "预算", "决算表", "预算表", "公开", "报告"].iter().any(|w| t.ends_with(w))
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
    #[test]
    fn lines_with_a_nian_are_marked_in_the_stream() {
        assert!(crate::text::stream::marked('年'));
    }
}
