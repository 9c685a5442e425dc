//! Issue 13: adversarial inputs (made in `common/stress.rs` from the corpus)
//! give a report with what could not be checked, never a panic, a hang or a
//! flood of output.

mod common;
use common::stress;

use gongkai::report::DocumentReport;
use gongkai::rules::Severity;

fn check(text: &str) -> DocumentReport {
    gongkai::check_bytes("stress", text.as_bytes()).expect("a readable disclosure")
}

fn skipped(r: &DocumentReport, rule: &str) -> Vec<String> {
    r.coverage.rules_skipped.iter().filter(|s| s.rule == rule).map(|s| s.reason.clone()).collect()
}

#[test]
fn an_absurd_procurement_amount_and_share_skip_the_check_instead_of_panicking() {
    // 政府采购货物支出 10¹⁸ 万元 at 10¹¹ %: the product leaves Decimal's range.
    let r = check(&stress::mul_overflow());
    let reasons = skipped(&r, "NAR-014");
    assert!(reasons.iter().any(|s| s.contains("数额过大")), "NAR-014 skips with a reason: {reasons:?}");
}

#[test]
fn eight_thousand_25_digit_rows_under_one_kuan_skip_the_sum_instead_of_panicking() {
    let r = check(&stress::add_overflow(8000));
    let reasons = skipped(&r, "TBL-007");
    assert!(reasons.iter().any(|s| s.contains("20103") && s.contains("数额过大")), "TBL-007 names the 款 it could not add up: {reasons:?}");
    // The overflow is not an error about the document.
    assert!(!r.findings.iter().any(|f| f.rule == "TBL-007" && f.severity == Severity::Error && f.row.as_deref().is_some_and(|x| x.starts_with("20103 "))));
}
