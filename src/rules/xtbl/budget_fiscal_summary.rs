//! XTBL-102 财政拨款收支总表的收入与收支总表的财政拨款收入一致
//!
//! ## 它检查什么
//!
//! 财政拨款收支总表 income = the 收支总表's 财政拨款 income.
//!
//! ## 为什么重要
//!
//! 一般公共预算、政府性基金、国有资本经营三类财政拨款收入，在收支总表和财政拨款收支总表里都要列出，两处数字应当相同；否则同一笔财政拨款在不同表里说法不一。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“一、一般公共预算收入 8666.60一、一般公共服务支出 8299.58 8299.58” 改为 “一、一般公共预算收入 8676.60一、一般公共服务支出 8299.58 8299.58”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-102.snap`，`cargo test XTBL_102` 只运行本条。

use crate::model::{Document, Row, Source, Table, TableKind};
use crate::rules::identity::at;
use crate::rules::support::budget::{labelled, sides, target};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-102",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "财政拨款收支总表的收入与收支总表的财政拨款收入一致",
    why: "一般公共预算、政府性基金、国有资本经营三类财政拨款收入，在收支总表和财政拨款收支总表里都要列出，两处数字应当相同；否则同一笔财政拨款在不同表里说法不一。",
    applies_to: BUDGET,
    needs: &[TableKind::BFiscal, TableKind::BSummary],
    check,
    fixtures: fixtures![
        Fixture::fires(YB, &[("一、一般公共预算收入 8666.60一、一般公共服务支出 8299.58 8299.58", "一、一般公共预算收入 8676.60一、一般公共服务支出 8299.58 8299.58")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let (Some(f), Some(s)) = (doc.table(TableKind::BFiscal), doc.table(TableKind::BSummary)) else { return };
    let (fi, _) = sides(f);
    let (si, _) = sides(s);
    let Some((k, _)) = labelled(&fi, "本年收入合计") else { return };
    for src in [Source::Gpb, Source::Fund, Source::Capital] {
        fn pick<'a>(t: &Table, rows: &[(usize, &'a Row)], before: usize, src: Source) -> Option<(usize, &'a Row)> {
            rows.iter().find(|(i, _)| *i < before && t.stated(*i) == Some(src)).copied()
        }
        let s_end = labelled(&si, "本年收入合计").map_or(usize::MAX, |x| x.0);
        if let (Some((_, fr)), Some((_, sr))) = (pick(f, &fi, k, src), pick(s, &si, s_end, src)) {
            sink.identity_named(target(f, fr, 0), &[(1, at(s, sr, 0))], || format!("公开表{}“{}”", s.no(), sr.label));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::corpus_edits::table_in_yuan;
    use crate::rules::Severity;

    fn yantai() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/yantai-office-2023-budget.txt")).expect("fixture")
    }

    /// 烟台's 收支总表 (公开表1) reprinted in 元: its 86666000.00 元 of
    /// 一般公共预算收入 are the 8666.60 万元 of the 财政拨款收支总表 (公开表4).
    #[test]
    fn a_summary_in_yuan_agrees_with_the_fiscal_table_in_wan() {
        let text = table_in_yuan(&yantai(), "公开表1");
        assert!(text.contains("一般公共预算收入 86666000.00"));
        assert_eq!(RULE.found(&text), vec![]);
    }

    /// The same with the 财政拨款收支总表's income printed 10 万元 larger:
    /// found, in the 万元 of the cell it is on.
    #[test]
    fn a_fiscal_income_that_differs_is_found_across_units() {
        let text = table_in_yuan(&yantai(), "公开表1").replacen(
            "一、一般公共预算收入 8666.60一、一般公共服务支出 8299.58 8299.58",
            "一、一般公共预算收入 8676.60一、一般公共服务支出 8299.58 8299.58",
            1,
        );
        let got = RULE.found(&text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, Severity::Error);
        assert!(
            got[0].2.contains("印为 8676.60，但按公开表1“一般公共预算收入”（由元换算为万元）计算应为 8666.60，相差 +10.00"),
            "{}",
            got[0].2
        );
    }

    /// With no unit printed over the 财政拨款收支总表, whether its 8666.60 are
    /// 万元 (the document's unit) or 元 (the 收支总表's) is a guess: not
    /// compared, and the coverage says why.
    #[test]
    fn a_table_without_a_unit_is_not_compared_with_one_in_another_unit_than_the_documents() {
        let text = table_in_yuan(&yantai(), "公开表1").replacen("公开表4\n\n单位：万元\n", "公开表4\n\n", 1);
        assert_eq!(RULE.found(&text), vec![]);
        let skipped = RULE.skipped(&text);
        assert!(!skipped.is_empty() && skipped.iter().all(|s| s.ends_with(crate::rules::support::units::UNKNOWN)), "{skipped:?}");
    }
}
