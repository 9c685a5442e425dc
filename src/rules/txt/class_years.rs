//! TXT-004 支出功能分类类级名称与年度相符
//!
//! ## 它检查什么
//!
//! A 类 name that is not the one in force in the document's year.
//!
//! ## 为什么重要
//!
//! 政府收支分类科目每年由财政部修订。2019年起，210类“医疗卫生与计划生育支出”改为“卫生健康支出”，207类“文化体育与传媒支出”改为“文化旅游体育与传媒支出”，220类“国土海洋气象等支出”改为“自然资源海洋气象等支出”，并新设224类“灾害防治及应急管理支出”。公开文件用了已经废止的名称（或者用了当年还不存在的名称），说明表格或文字沿用了旧模板，科目可能没有按当年的分类填列。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）” 改为 “医疗卫生与计划生育支出（类）行政事业单位医疗（款）行政单位医疗（项）”
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
//! `tests/snapshots/rules/TXT-004.snap`，`cargo test TXT_004` 只运行本条。

use crate::model::{Document, MarkKind};
use crate::rules::percent::narrative_finding;
use crate::rules::support::classes::FORMER;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y, YB};
use crate::rules::support::kinds::BOTH;
use crate::rules::support::text::CharFinder;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

/// Current 类 names that did not exist before the 2019 classification, with
/// their first year and the name they replaced (None for a new class).
pub const INTRODUCED: [(&str, u16, &str); 4] = [
    ("卫生健康支出", 2019, "210"),
    ("文化旅游体育与传媒支出", 2019, "207"),
    ("自然资源海洋气象等支出", 2019, "220"),
    ("灾害防治及应急管理支出", 2019, "224"),
];

/// Where 支出 stands in a line: by memmem, not at every 支 (whose last byte,
/// the one `match_indices('支')` stops at, CJK lines hold every few dozen
/// bytes). 支出 cannot overlap itself: its matches are those of 支 followed
/// by 出.
static ZHICHU: CharFinder = CharFinder::new("支出");

/// The last chars of the names below without their 支出 (those of any
/// year: [`stem_ends_in`] gives one year's).
#[cfg(test)]
const STEM_ENDS: [char; 6] = ['育', '生', '媒', '等', '康', '理'];

pub const RULE: Rule = Rule {
    id: "TXT-004",
    family: Family::Txt,
    severity: Severity::Warning,
    title: "支出功能分类类级名称与年度相符",
    why: "政府收支分类科目每年由财政部修订。2019年起，210类“医疗卫生与计划生育支出”改为“卫生健康支出”，207类“文化体育与传媒支出”改为“文化旅游体育与传媒支出”，220类“国土海洋气象等支出”改为“自然资源海洋气象等支出”，并新设224类“灾害防治及应急管理支出”。公开文件用了已经废止的名称（或者用了当年还不存在的名称），说明表格或文字沿用了旧模板，科目可能没有按当年的分类填列。",
    applies_to: BOTH,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）", "医疗卫生与计划生育支出（类）行政事业单位医疗（款）行政单位医疗（项）")]);
        quiet Y, Q, B, YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(year) = doc.info.year else {
        sink.skip("没有识别出文件年度，无法核对科目名称是否为当年名称".into());
        return;
    };
    // Every line of the document: a table printed with the old template is as
    // much out of date as a sentence.
    // (name, first line, count)
    let mut seen: Vec<(String, usize, usize)> = Vec::new();
    // Only the names that can be out of date in this year are looked for:
    // a line whose 支出 follows none of their stems is not read (卫生健康支出
    // in a document of 2019 or later; 教育支出, which ends like 计划生育支出).
    let stems = stems_in(year);
    let ends = stem_ends(&stems);
    for line in candidate_lines(doc, &stems, &ends) {
        read_line(line, year, &ends, &mut seen);
    }
    report(year, seen, sink);
}

/// The stems (the names without their 支出) of the names [`read_line`]
/// notes in `year`: the former names out of use by then and the new ones
/// not yet in use.
fn stems_in(year: u16) -> Vec<&'static str> {
    let former = FORMER.iter().filter(|(_, last, _)| last.is_some_and(|l| year > l)).map(|f| f.0);
    let introduced = INTRODUCED.iter().filter(|(_, first, _)| year < *first).map(|i| i.0);
    former.chain(introduced).filter_map(|n| n.strip_suffix("支出")).collect()
}

/// The last chars of `stems`, sorted, once each.
fn stem_ends(stems: &[&str]) -> Vec<char> {
    let mut ends: Vec<char> = stems.iter().filter_map(|stem| stem.chars().next_back()).collect();
    ends.sort_unstable();
    ends.dedup();
    ends
}

/// The lines that can hold a name noted in the year: those whose squeezed
/// text has a 支出 right after one of its `stems` ([`stems_in`]; told
/// first by their last chars, `ends`). Squeezing only drops white space,
/// so a name in a line's text is in its squeezed text too, and so in the
/// stream. Its 支 are among the
/// stream's marks (a test says so), kept apart by `Document::marks`: read
/// from them, the text is not searched again, nor every line holding a 支
/// read (most lines of a budget table hold one); their lines are found as
/// `Document::lines_at` finds them.
fn candidate_lines<'d>(doc: &'d Document, stems: &[&str], ends: &[char]) -> Vec<&'d crate::text::Line> {
    let text = doc.stream().text.as_str();
    let at = doc.marks(MarkKind::Zhi).iter().map(|&(i, _)| i).filter(|&i| {
        let before = text.get(..i).unwrap_or_default();
        text.get(i + '支'.len_utf8()..).is_some_and(|r| r.starts_with('出'))
            && ends_with_one_of(before, ends)
            && stems.iter().any(|stem| before.ends_with(stem))
    });
    doc.lines_at(at)
}

/// `s.ends_with(chars)`, by its last char. Not the `&[char]` pattern: its
/// suffix test, then shared with the table reader's, was no longer inlined
/// there (59K more instructions on qingdao-office-2024-final).
fn ends_with_one_of(s: &str, chars: &[char]) -> bool {
    s.chars().next_back().is_some_and(|c| chars.contains(&c))
}

/// Notes the names in `line` that are out of date in `year`. `stem_ends`
/// holds the last char of every such name's stem ([`stem_ends`], or
/// those of every name).
fn read_line(line: &crate::text::Line, year: u16, stem_ends: &[char], seen: &mut Vec<(String, usize, usize)>) {
    // Every name below ends in 支出 (a test says so): a name is found by what
    // precedes each 支出 (one search per line, not one per name).
    let t = line.text.as_str();
    // Only a 支出 after a char some name's stem ends with can end a name
    // (a test says so): most lines keep none and allocate nothing.
    let ends: Vec<usize> = ZHICHU.in_text(t).filter(|&i| ends_with_one_of(&t[..i], stem_ends)).collect();
    if ends.is_empty() {
        return;
    }
    let has = |name: &str, after: &str| {
        let stem = name.strip_suffix("支出").unwrap_or(name);
        ends.iter().any(|&i| t[..i].ends_with(stem) && t[i + "支出".len()..].starts_with(after))
    };
    for (name, last, code) in FORMER.iter().filter_map(|(n, last, c)| last.map(|l| (*n, l, *c))) {
        // "医疗卫生支出" is also plain prose; only the marked form counts.
        let after = if name == "医疗卫生支出" { "（类）" } else { "" };
        if year > last && has(name, after) {
            note(seen, format!("{name}|{code}|{last}|old"), line.no);
        }
    }
    for (name, first, code) in INTRODUCED {
        if year < first && has(name, "") {
            note(seen, format!("{name}|{code}|{first}|new"), line.no);
        }
    }
}

/// One finding per name noted, at its first line.
fn report(year: u16, seen: Vec<(String, usize, usize)>, sink: &mut Sink) {
    for (key, line, count) in seen {
        let parts: Vec<&str> = key.split('|').collect();
        let [name, code, y, what] = parts[..] else { continue };
        let times = if count > 1 { format!("（共{count}处）") } else { String::new() };
        let message = if what == "old" {
            let now = INTRODUCED.iter().find(|(_, _, c)| *c == code).map_or(String::new(), |(n, f, _)| format!("，{f}年起为“{n}”"));
            format!("{year}年度的文件使用了{code}类的旧名称“{name}”{times}；该名称只用到{y}年{now}。")
        } else {
            format!("{year}年度的文件使用了{code}类名称“{name}”{times}，但该名称自{y}年起才启用，请核对文件年度或科目名称。")
        };
        sink.push(narrative_finding("TXT-004", Severity::Warning, message, line));
    }
}

fn note(seen: &mut Vec<(String, usize, usize)>, key: String, line: usize) {
    match seen.iter_mut().find(|(k, _, _)| *k == key) {
        Some(e) => e.2 += 1,
        None => seen.push((key, line, 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as it was before [`candidate_lines`]: every line whose
    /// squeezed text holds a 支 is read, for every name's stem end.
    fn by_lines_with_zhi(doc: &Document, sink: &mut Sink) {
        let Some(year) = doc.info.year else { return };
        let mut seen = Vec::new();
        for line in doc.lines_with(MarkKind::Zhi) {
            read_line(line, year, &STEM_ENDS, &mut seen);
        }
        report(year, seen, sink);
    }

    #[test]
    fn ends_with_one_of_is_ends_with() {
        let pieces = ["育", "生", "媒", "支出", "a", " ", "等", "康"];
        for text in crate::text::stream::sample_texts(&pieces, 300) {
            for chars in [&['育', '生'][..], &[], &STEM_ENDS] {
                assert_eq!(ends_with_one_of(&text, chars), text.ends_with(chars), "{text:?}");
            }
        }
    }

    /// The stems of a year are those of the names noted in it, and their
    /// ends are among [`STEM_ENDS`].
    #[test]
    fn a_years_stems_are_its_names() {
        for year in 2000..2030 {
            let stems = stems_in(year);
            let ends = stem_ends(&stems);
            assert!(!ends.is_empty() && ends.iter().all(|c| STEM_ENDS.contains(c)), "{year}");
            let noted = FORMER
                .iter()
                .filter(|f| f.1.is_some_and(|l| year > l))
                .map(|f| f.0)
                .chain(INTRODUCED.iter().filter(|i| year < i.1).map(|i| i.0));
            for n in noted {
                let stem = n.trim_end_matches("支出");
                assert!(stems.contains(&stem) && stem.ends_with(ends.as_slice()), "{year} {n}");
            }
        }
        assert_eq!(stem_ends(&stems_in(2024)), ['媒', '生', '等', '育']);
    }

    #[test]
    fn a_zhi_is_marked_in_the_stream() {
        assert!(crate::text::stream::marked('支'));
    }

    #[test]
    fn agrees_with_reading_every_line_with_a_zhi() {
        // Names whole, split by white space or a line wrap, and near misses.
        let pieces = [
            "卫生健康支出",
            "卫生 健康支出",
            "卫生健康 支出",
            "卫生健康支\n出",
            "医疗卫生与计划生育支出",
            "医疗卫生支出（类）",
            "医疗卫生支出",
            "文化体育与传媒支出",
            "国土海洋气象等支出",
            "灾害防治及应急管理支出",
            "自然资源海洋气象等支出",
            "文化旅游体育与传媒支出",
            "管理支出",
            "支出",
            "支",
            "出",
            "生",
            "（类）",
            " ",
            "字",
        ];
        let mut fired = 0;
        for header in ["2024年度部门决算\n", "2018年度部门决算\n", "2012年度部门决算\n"] {
            let texts = crate::text::stream::sample_texts(&pieces, 300).into_iter().map(|t| format!("{header}{t}"));
            fired += crate::rules::testing::same_as_definition("TXT-004", check, by_lines_with_zhi, texts);
        }
        assert!(fired > 50, "{fired}");
    }

    #[test]
    fn every_name_holds_the_tested_word() {
        assert!(FORMER.iter().map(|f| f.0).chain(INTRODUCED.iter().map(|i| i.0)).all(|n| n.ends_with("支出")));
        let stems = FORMER.iter().map(|f| f.0).chain(INTRODUCED.iter().map(|i| i.0)).map(|n| n.trim_end_matches("支出"));
        assert!(stems.into_iter().all(|s| s.ends_with(STEM_ENDS)));
    }
}
