//! NAR-013 机关运行经费不超过基本支出中的公用经费
//!
//! ## 它检查什么
//!
//! The 机关运行经费 the 情况说明 states is at most 公开06表's 公用经费合计, beyond
//! rounding of the two printed amounts.
//!
//! ## 为什么重要
//!
//! 机关运行经费是行政单位和参公事业单位用于日常运转的公用经费，是基本支出明细表中公用经费的一部分（纯行政单位两者相等），因此不应大于公用经费合计。超过了，说明口径或数字有误。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“机关运行经费支出 620.98 万元” 改为 “机关运行经费支出 720.98 万元”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-013.snap`，`cargo test NAR_013` 只运行本条。

use crate::model::{Document, TableKind};
use crate::narrative::Topic;
use crate::rounding::Interval;
use crate::rules::identity::at;
use crate::rules::percent::{narrative_values, show};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::final_cells::{amount_col, read_table};
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Finding, Fixture, Rule, Severity, Sink};

/// 机关运行经费 ≤ 06 公用经费合计.
pub const RULE: Rule = Rule {
    id: "NAR-013",
    family: Family::Nar,
    severity: Severity::Warning,
    title: "机关运行经费不超过基本支出中的公用经费",
    why: "机关运行经费是行政单位和参公事业单位用于日常运转的公用经费，是基本支出明细表中公用经费的一部分（纯行政单位两者相等），因此不应大于公用经费合计。超过了，说明口径或数字有误。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("机关运行经费支出 620.98 万元", "机关运行经费支出 720.98 万元")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    // In Shandong's layout or by its headings (a row's amount in its panel's column).
    let t06 = match read_table(doc, TableKind::F06) {
        Ok(t) => t,
        Err(why) => return sink.skip(why),
    };
    let Some(public) = t06.rows.iter().find(|r| r.code.is_none() && r.label == "公用经费合计") else { return };
    let col = amount_col(t06, public);
    let n = &doc.narrative;
    for s in n.sections_about(Topic::Operating) {
        let Some(c) = s.claims().map(|(_, c)| c).find(|c| c.is_money_amount() && c.subject.contains("机关运行经费")) else {
            continue;
        };
        // The table's unit moved to the narrative's 万元, exactly.
        let (u, _) = crate::rules::support::budget_narrative::unit_in_wan(t06, doc);
        let (Some(v), Some(limit)) = (c.wan(), public.value(col).and_then(|x| x.checked_mul(u))) else { continue };
        if Interval::of(Some(v)).lo > Interval::of(Some(limit)).hi {
            let message =
                format!("情况说明第{}行机关运行经费为 {} 万元，超过公开06表公用经费合计 {} 万元。", c.source_line, show(v), show(limit));
            sink.push(Finding {
                related: at(t06, public, col).cell().into_iter().collect(),
                ..narrative_values("NAR-013", Severity::Warning, message, c.source_line, (Some(limit), Some(v)))
            });
        }
    }
}
