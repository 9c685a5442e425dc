//! TXT-001 情况说明：“（类）”科目名称是规范的支出功能分类类级名称
//!
//! ## 它检查什么
//!
//! Every "…（类）" the narrative names must be a 支出功能分类 类.
//!
//! ## 为什么重要
//!
//! 政府支出按功能分为“一般公共服务支出”“社会保障和就业支出”等二十多个“类”，名称由财政部统一规定，表格里也用同样的名称。情况说明里写出一个不存在的类名（例如把“一般公共服务支出”写成“一般公共预算服务支出”），读者就无法把文字和表格对上，也说明这段文字没有经过认真核对。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`（原样）
//!
//! 本条不报告的样例：
//!
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TXT-001.snap`，`cargo test TXT_001` 只运行本条。

use crate::model::{Document, DocumentKind};
use crate::rules::percent::narrative_finding;
#[cfg(test)]
use crate::rules::support::classes::class_mentions;
use crate::rules::support::classes::{kuan_of, matches_list, same_name, CLASSES, FORMER};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

const ID: &str = "TXT-001";

/// 类 of the 支出经济分类 (部门经济分类 301–399 and 政府经济分类 501–599):
/// a narrative about 基本支出 by economic class rightly calls them 类.
const ECONOMIC: [&str; 21] = [
    "工资福利支出",
    "商品和服务支出",
    "对个人和家庭的补助",
    "对企业补助",
    "对企事业单位的补贴",
    "债务利息及费用支出",
    "资本性支出",
    "资本性支出（基本建设）",
    "基本建设支出",
    "其他资本性支出",
    "对社会保障基金补助",
    "机关工资福利支出",
    "机关商品和服务支出",
    "机关资本性支出（一）",
    "机关资本性支出（二）",
    "对事业单位经常性补助",
    "对事业单位资本性补助",
    "对企业资本性支出",
    "转移性支出",
    "预备费及预留",
    "其他支出",
];

pub const RULE: Rule = Rule {
    id: ID,
    family: Family::Txt,
    severity: Severity::Error,
    title: "情况说明：“（类）”科目名称是规范的支出功能分类类级名称",
    why: "政府支出按功能分为“一般公共服务支出”“社会保障和就业支出”等二十多个“类”，名称由财政部统一规定，表格里也用同样的名称。情况说明里写出一个不存在的类名（例如把“一般公共服务支出”写成“一般公共预算服务支出”），读者就无法把文字和表格对上，也说明这段文字没有经过认真核对。",
    applies_to: &[DocumentKind::FinalAccounts, DocumentKind::Budget],
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[]);
        quiet Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    // (Searched for once per run, shared with TXT-003 and TXT-010.)
    for (p, at, name) in sink.class_mentions(doc) {
        // Current, economic, former (TXT-004) and 款 names (TXT-003) are not invented.
        if matches_list(&name, &CLASSES) || matches_list(&name, &ECONOMIC) || former_of(&name).is_some() || kuan_of(&name).is_some() {
            continue;
        }
        let line = p.line_at(at);
        let hint = suggestion(&name).map(|s| format!("，可能应为“{s}（类）”")).unwrap_or_default();
        sink.push(narrative_finding(ID, Severity::Error, format!("“{name}（类）”不是支出功能分类中的类级科目名称{hint}。"), line));
    }
}

/// A former class name, with its last year and code.
pub fn former_of(name: &str) -> Option<(&'static str, Option<u16>, &'static str)> {
    FORMER.iter().copied().find(|(k, _, _)| same_name(k, name))
}

/// The longest common subsequence length of `a` and `b`, for suggesting the
/// intended name: one row of the table, kept in `row` (reused from class to
/// class, not made for each), walked with `b` (no index tested per cell).
fn lcs(a: &[char], b: &[char], row: &mut Vec<usize>) -> usize {
    row.clear();
    row.resize(b.len(), 0);
    for &x in a {
        // The cells up-left and left of the current one.
        let (mut diagonal, mut left) = (0, 0);
        for (cell, &y) in row.iter_mut().zip(b) {
            let up = *cell;
            *cell = if x == y { diagonal + 1 } else { up.max(left) };
            (diagonal, left) = (up, *cell);
        }
    }
    row.last().copied().unwrap_or(0)
}

/// The class whose name shares the most chars in order with `name`, among
/// those sharing at least 70 % of theirs (the last of equals).
fn suggestion(name: &str) -> Option<&'static str> {
    let a: Vec<char> = name.chars().collect();
    // Made once, refilled for each class compared.
    let (mut b, mut row) = (Vec::new(), Vec::new());
    let mut best: Option<(usize, &'static str)> = None;
    for k in CLASSES {
        let n = k.chars().count();
        // The subsequence is no longer than either name: a class that cannot
        // reach 70 %, nor equal the best so far (the last of equals is kept),
        // is not compared (most are not: one table per class was the cost).
        let bound = a.len().min(n);
        if bound * 10 < n * 7 || best.is_some_and(|(l, _)| bound < l) {
            continue;
        }
        b.clear();
        b.extend(k.chars());
        let l = lcs(&a, &b, &mut row);
        if l * 10 >= n * 7 && best.is_none_or(|(m, _)| l >= m) {
            best = Some((l, k));
        }
    }
    best.map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(usize, String)> {
        crate::rules::testing::findings_of(ID, check, text).into_iter().map(|f| (f.source_line.unwrap_or(0), f.message)).collect()
    }

    #[test]
    fn fires_on_an_invented_class_name() {
        let got = run("五、一般公共预算财政拨款支出决算情况说明\n1、一般公共预算服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。年初预算为 2,333.44 万元。");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, 2);
        assert!(got[0].1.contains("可能应为“一般公共服务支出（类）”"), "{}", got[0].1);
    }

    #[test]
    fn accepts_canonical_names_with_or_without_zhichu_and_wrapped() {
        let text = "五、一般公共预算财政拨款支出决算情况\n主要用于以下方面：一般公共服务(类)支出 8,602.95 万元，占 85.66%；住房\n\n保障（类）支出634.45万元；资源\n勘探工业信息等（类）支出 8,772.92 万元；其他(类)支出 280.68 万元。\n1.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）。";
        assert!(run(text).is_empty(), "{:?}", run(text));
    }

    /// [`suggestion`] as first written: every class compared, the last of
    /// the longest kept.
    fn suggestion_of_every_class(name: &str) -> Option<&'static str> {
        let a: Vec<char> = name.chars().collect();
        let lcs = |b: &[char]| {
            let mut row = vec![0usize; b.len() + 1];
            for &x in &a {
                let mut prev = 0;
                for (j, &y) in b.iter().enumerate() {
                    let keep = row[j + 1];
                    row[j + 1] = if x == y { prev + 1 } else { row[j + 1].max(row[j]) };
                    prev = keep;
                }
            }
            row[b.len()]
        };
        CLASSES
            .iter()
            .map(|k| {
                let b: Vec<char> = k.chars().collect();
                (lcs(&b), b.len(), *k)
            })
            .filter(|(l, n, _)| *l * 10 >= *n * 7)
            .max_by_key(|(l, _, _)| *l)
            .map(|(_, _, k)| k)
    }

    #[test]
    fn suggestion_is_the_best_of_every_class() {
        // Names near one class, near several (ties), near none, short and long.
        let pieces = [
            "一般公共",
            "预算",
            "服务",
            "支出",
            "债务",
            "付息",
            "还本",
            "卫生",
            "健康",
            "其他",
            "社会保障",
            "和",
            "就业",
            "文化",
            "旅游",
            "等",
            "字",
            "",
        ];
        let mut suggested = 0;
        for text in crate::text::stream::sample_texts(&pieces, 300) {
            let name: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            let got = suggestion(&name);
            assert_eq!(got, suggestion_of_every_class(&name), "{name:?}");
            suggested += usize::from(got.is_some());
        }
        for name in CLASSES.iter().chain(ECONOMIC.iter()).map(|k| k.to_string()).chain(["一般公共预算服务支出".into(), "债务支出".into()])
        {
            assert_eq!(suggestion(&name), suggestion_of_every_class(&name), "{name:?}");
        }
        assert!(suggested > 50, "{suggested}");
    }

    #[test]
    fn mentions_skip_fillers() {
        assert_eq!(class_mentions("其中一般公共服务（类）"), vec![(2, "一般公共服务".to_string())]);
        assert!(class_mentions("（其他运转类和特定目标类）").is_empty());
    }
}
