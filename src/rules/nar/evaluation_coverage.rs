//! NAR-016 绩效自评覆盖的资金占项目支出的比例能由表格算出
//!
//! ## 它检查什么
//!
//! "涉及预算资金X万元，占项目支出总额的Y%" in the 绩效 section: Y must be X over
//! 公开03表's 项目支出 (合计 row), rounded as printed.
//!
//! ## 为什么重要
//!
//! 情况说明常说绩效自评“涉及预算资金X万元，占项目支出总额的100%”。这个比例应能由所说金额和支出决算表中的项目支出算出；算不出，说明自评范围或口径说得不清楚，读者无法判断是否真的全部评价了。
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
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-016.snap`，`cargo test NAR_016` 只运行本条。

use rust_decimal::Decimal;

use crate::model::{Document, TableKind};
use crate::narrative::{ClaimKind, Topic};
use crate::rules::identity::at;
use crate::rules::percent::{narrative_values, round_half_up, show};
use crate::rules::support::corpus::{fixtures, Q, Y};
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Finding, Fixture, Rule, Severity, Sink};

/// "涉及预算资金X万元，占…项目支出总额的Y%" must be reproducible from 03.
pub const RULE: Rule = Rule {
    id: "NAR-016",
    family: Family::Nar,
    severity: Severity::Warning,
    title: "绩效自评覆盖的资金占项目支出的比例能由表格算出",
    why: "情况说明常说绩效自评“涉及预算资金X万元，占项目支出总额的100%”。这个比例应能由所说金额和支出决算表中的项目支出算出；算不出，说明自评范围或口径说得不清楚，读者无法判断是否真的全部评价了。",
    applies_to: FINAL,
    needs: &[TableKind::F03],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[]);
        quiet Q
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t03) = doc.table(TableKind::F03) else { return };
    let Some(total) = t03.rows.iter().find(|r| r.code.is_none()) else { return };
    let Some(projects) = total.value(2).filter(|v| !v.is_zero()) else { return };
    let n = &doc.narrative;
    for s in n.sections_about(Topic::Performance) {
        for p in &s.paragraphs {
            for (k, c) in p.claims.iter().enumerate() {
                let ClaimKind::Share { base: Some(base) } = &c.kind else { continue };
                if !base.contains("项目支出") {
                    continue;
                }
                let (Some(printed), Some(amount)) = (c.value, p.claims[..k].iter().rev().find(|x| x.is_money_amount())) else { continue };
                let Some(a) = amount.wan() else { continue };
                let Some(exact) = a.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(projects)) else { continue };
                let expected = round_half_up(exact, printed.scale().max(2));
                if round_half_up(exact, printed.scale()) == printed {
                    continue;
                }
                let message = format!(
                    "情况说明第{}行说绩效自评涉及资金 {} 万元，占项目支出总额的 {}%；但公开03表项目支出为 {} 万元，{} 万元只占 {}%。自评范围或口径不清楚。",
                    c.source_line,
                    show(a),
                    printed,
                    show(projects),
                    show(a),
                    expected
                );
                sink.push(Finding {
                    related: at(t03, total, 2).cell().into_iter().collect(),
                    ..narrative_values("NAR-016", Severity::Warning, message, c.source_line, (Some(expected), Some(printed)))
                });
            }
        }
    }
}
