//! TXT-009 单位预算（决算）与部门预算（决算）的称谓与文件一致
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
//! 部门预算（决算）汇总一个部门及其所属全部单位，单位预算（决算）只反映一个单位，两者公开的表格和口径不同。一个单位的文件在标题里自称“部门预算”（或者反过来），读者就会按错误的口径理解其中的数字，通常也说明是套用了别的模板。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“第三部分 2024 年度部门决算情况说明” 改为 “第三部分 2024 年度单位决算情况说明”
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
//! `tests/snapshots/rules/TXT-009.snap`，`cargo test TXT_009` 只运行本条。

use crate::model::{Document, Scope};
use crate::rules::percent::narrative_finding;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::support::text::Holds;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TXT-009",
    family: Family::Txt,
    severity: Severity::Warning,
    title: "单位预算（决算）与部门预算（决算）的称谓与文件一致",
    why: "部门预算（决算）汇总一个部门及其所属全部单位，单位预算（决算）只反映一个单位，两者公开的表格和口径不同。一个单位的文件在标题里自称“部门预算”（或者反过来），读者就会按错误的口径理解其中的数字，通常也说明是套用了别的模板。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("第三部分 2024 年度部门决算情况说明", "第三部分 2024 年度单位决算情况说明")]);
        quiet Y, Q, B, YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    // A heading starts with 第 or ends with 情况说明: only the lines that
    // may be a heading are read (told by normalisation, shared with
    // TXT-008), not every line.
    read(doc, sink, &doc.heading_lines);
}

/// The rule over the lines at `lines` (indexes in `doc.lines`): the
/// heading lines, or, for the tests' definition, every line.
fn read(doc: &Document, sink: &mut Sink, lines: &[usize]) {
    let Some(scope) = doc.info.scope else { return };
    let (own, other) = match scope {
        Scope::Department => ("部门", "单位"),
        Scope::Unit => ("单位", "部门"),
    };
    // The words looked for, made once, not on every heading line.
    // (Joined, not `format!`ted: its machinery cost more than the copies.)
    let words = ["预算", "决算"].map(|kind| (kind, [other, kind].concat(), [own, kind].concat(), ["所属", other, kind].concat()));
    for line in lines.iter().filter_map(|&i| doc.lines.get(i)) {
        let t = line.squeezed.as_str();
        // Titles and part headings only: prose may name the other kind legitimately
        // ("本部门预算包括所属单位预算").
        // (Cheapest test first.)
        let heading = (t.starts_with('第') && t.holds("部分") || t.ends_with("情况说明"))
            && t.chars().count() <= 40
            && !t.contains(['，', '。', '；', '：', '、']);
        if !heading {
            continue;
        }
        for (kind, wrong, right, within) in &words {
            if t.holds(wrong) && !t.holds(right) && !t.holds(within) {
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

    /// The rule reading every line's words.
    fn every_line(doc: &Document, sink: &mut Sink) {
        read(doc, sink, &(0..doc.lines.len()).collect::<Vec<_>>());
    }

    #[test]
    fn agrees_with_reading_every_line() {
        let pieces =
            ["第", "三", "部分", "部门决算", "单位决算", "部门预算", "单位预算", "情况说明", "所属", "，", "字", "明", "说明", "第三部分"];
        let mut fired = 0;
        for header in ["2024年度部门决算\n", "2024年度单位决算\n", "2024年部门预算\n", "2024年单位预算\n"] {
            let texts = crate::text::stream::sample_texts(&pieces, 200).into_iter().map(|t| format!("{header}{t}"));
            fired += crate::rules::testing::same_as_definition("TXT-009", check, every_line, texts);
        }
        assert!(fired > 20, "{fired}");
    }
}
