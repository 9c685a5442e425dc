//! NAR-010 基本支出说明中列举的经费项目在明细表中确有支出
//!
//! ## 它检查什么
//!
//! Items named after "主要包括：" in a 基本支出 paragraph of the 情况说明 must be
//! non-zero in 公开06表 (matched to one 款 row by label, ASCII and full-width
//! brackets unified), read in Shandong's layout or by its headings.
//!
//! ## 为什么重要
//!
//! 情况说明常写“公用经费主要包括：办公费、手续费、邮电费……”。列举的应当是确实花了钱的项目；如果列出的某一项在基本支出明细表中是0，说明文字是照搬模板，没有如实反映支出。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2024-final.txt`（原样）
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-010.snap`，`cargo test NAR_010` 只运行本条。

use crate::model::{Document, Row, TableKind};
use crate::narrative::Topic;
use crate::rules::identity::at;
use crate::rules::percent::narrative_finding;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::final_cells::{amount_col, read_table};
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Finding, Fixture, Rule, Severity, Sink};

/// Labels compared with ASCII and full-width brackets unified. Borrowed when
/// there is no ASCII bracket (most labels and items): no copy to compare.
fn unified(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| matches!(b, b'(' | b')')) {
        s.replace('(', "（").replace(')', "）").into()
    } else {
        s.into()
    }
}

/// Items named after "主要包括：" in a 基本支出 paragraph must be non-zero in 06.
pub const RULE: Rule = Rule {
    id: "NAR-010",
    family: Family::Nar,
    severity: Severity::Warning,
    title: "基本支出说明中列举的经费项目在明细表中确有支出",
    why: "情况说明常写“公用经费主要包括：办公费、手续费、邮电费……”。列举的应当是确实花了钱的项目；如果列出的某一项在基本支出明细表中是0，说明文字是照搬模板，没有如实反映支出。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Q, &[]);
        quiet Y, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    // Read in Shandong's layout, or by its headings (Shanghai's prints two
    // panels, 301/303 | 302/310: a row's amount is in its panel's column).
    let t06 = match read_table(doc, TableKind::F06) {
        Ok(t) => t,
        Err(why) => return sink.skip(why),
    };
    let n = &doc.narrative;
    // The 款 rows with their labels unified once, not once per listed item,
    // and sorted by label: each item finds its rows by binary search, not by
    // a pass over the table (a fuzzed document listing 130,000 items against
    // 39,000 rows spent 1.4 s comparing them pair by pair; issue 13).
    let mut labelled: Vec<(std::borrow::Cow<'_, str>, &Row)> =
        t06.rows.iter().filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 5)).map(|r| (unified(&r.label), r)).collect();
    labelled.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for s in n.sections_about(Topic::Basic) {
        for p in &s.paragraphs {
            let Some(i) = crate::text::search::find(&p.text, "主要包括") else { continue };
            let list: String = p.text[i..]
                .chars()
                .skip("主要包括".chars().count())
                .skip_while(|c| matches!(c, '：' | ':'))
                .take_while(|c| !matches!(c, '。' | '；'))
                .collect();
            let list = list.trim_end_matches('等');
            let offset = p.text[..i].chars().count();
            for item in list.split('、').map(str::trim).filter(|x| !x.is_empty()) {
                let item_label = unified(item);
                // Exactly one row of that label (no Vec of them).
                let from = labelled.partition_point(|(l, _)| l.as_ref() < item_label.as_ref());
                let mut rows = labelled[from..].iter().take_while(|(l, _)| l.as_ref() == item_label.as_ref()).map(|(_, r)| *r);
                let (Some(row), None) = (rows.next(), rows.next()) else { continue };
                let col = amount_col(t06, row);
                if row.value(col).is_none_or(|v| v.is_zero()) {
                    let shown = row.value(col).map(|v| v.to_string()).unwrap_or_else(|| "空白".into());
                    let line = p.line_at(offset);
                    let message = format!(
                        "情况说明第{line}行在“主要包括”中列出了“{item}”，但公开06表 {} {} 为 {shown}，并没有这项支出。",
                        row.code.as_deref().unwrap_or_default(),
                        row.label
                    );
                    sink.push(Finding {
                        related: at(t06, row, col).cell().into_iter().collect(),
                        ..narrative_finding("NAR-010", Severity::Warning, message, line)
                    });
                }
            }
        }
    }
}
