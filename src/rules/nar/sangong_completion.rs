//! NAR-019 情况说明：“三公”经费预算完成率与公开09表相符
//!
//! ## 它检查什么
//!
//! "“三公”经费…完成全年预算的X%" with no amounts in the sentence: X against
//! 公开09表's 决算数 ÷ 预算数 of the item the sentence names. With the amounts
//! in the sentence NAR-003 checks it from the text; a rate of a zero budget is
//! PLA-002's.
//!
//! ## 为什么重要
//!
//! “三公”经费的说明常只写“完成全年预算的X%”而不列金额。公开09表印有每项“三公”经费的预算数和决算数，X应当等于决算数÷预算数；对不上，说明文字或表格有一处写错。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“支出全年预算为 417.53 万元，支出决算为 417.53 万元，与 2024 年全年预算…” 改为 “支出完成全年预算的 95%。”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-019.snap`，`cargo test NAR_019` 只运行本条。

use rust_decimal::Decimal;

use crate::model::Document;
use crate::narrative::{ClaimKind, Topic};
use crate::rounding::Interval;
use crate::rules::percent::{is_exact, judge_percent, narrative_values, ratio_range, round_half_up, show, PercentVerdict};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::final_cells::{sangong_cell, sangong_item, sangong_table};
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Finding, Fixture, Rule, Severity, Sink};

/// "“三公”经费…完成全年预算的X%" with no amounts in the sentence: X against
/// 公开09表's 决算数 ÷ 预算数 of the item the sentence names.
pub const RULE: Rule = Rule {
    id: "NAR-019",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：“三公”经费预算完成率与公开09表相符",
    why: "“三公”经费的说明常只写“完成全年预算的X%”而不列金额。公开09表印有每项“三公”经费的预算数和决算数，X应当等于决算数÷预算数；对不上，说明文字或表格有一处写错。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("支出全年预算为 417.53 万元，支出决算为 417.53 万元，与 2024 年全年预算基本持平。完成全年预算的 100%。", "支出完成全年预算的 95%。")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    // In Shandong's layout, or by its headings with 预算数/决算数 pairs.
    if let Err(why) = sangong_table(doc) {
        return sink.skip(why);
    }
    let n = &doc.narrative;
    for s in n.sections_about(Topic::Sangong) {
        for p in &s.paragraphs {
            let chars = p.chars();
            for c in p.claims.iter().filter(|c| c.kind == ClaimKind::Completion) {
                let Some(printed) = c.value else { continue };
                // (The claim's sentence as read: `sentence_bounds` at its start.)
                let (ss, _) = c.sentence;
                // With the amounts in the sentence NAR-003 checks it from the text.
                if p.claims.iter().any(|x| x.start >= ss && x.start < c.start && x.is_money_amount()) {
                    continue;
                }
                let Some(sentence) = chars.get(ss..c.start) else { continue };
                let sentence: String = sentence.iter().collect();
                let Some(Some(col)) = sangong_item(&sentence) else { continue };
                let (budget, actual) = (sangong_cell(doc, true, col), sangong_cell(doc, false, col));
                let (Some(b), Some(a)) = (budget, actual) else { continue };
                let (Some(bv), Some(av)) = (b.value, a.value) else { continue };
                if bv.is_zero() {
                    continue; // PLA-002's: a rate of a zero budget
                }
                let Some(point) = av.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(bv)) else { continue };
                // An exact rate (most) needs no range.
                if is_exact(printed, point) {
                    continue;
                }
                let Some((lo, hi)) = ratio_range(Interval::of(a.value), Interval::of(b.value)) else { continue };
                let expected = round_half_up(point, printed.scale());
                let (severity, tail) = match judge_percent(printed, point, lo, hi) {
                    PercentVerdict::Exact => continue,
                    PercentVerdict::Rounding => (Severity::Info, "差在四舍五入的尾数范围内（尾数误差）。"),
                    PercentVerdict::Truncated => (Severity::Info, "是截尾（舍去）而非四舍五入，不是矛盾。"),
                    PercentVerdict::Mismatch => (Severity::Error, "与表格不符。"),
                };
                let message = format!(
                    "情况说明第{}行写完成预算的 {}%，公开09表该项决算数 {} ÷ 预算数 {} = {}%，{}",
                    c.source_line,
                    c.printed,
                    show(av),
                    show(bv),
                    expected,
                    tail
                );
                let related = [b.cell(), a.cell()].into_iter().flatten().collect();
                sink.push(Finding {
                    related,
                    ..narrative_values("NAR-019", severity, message, c.source_line, (Some(expected), Some(printed)))
                });
            }
        }
    }
}
