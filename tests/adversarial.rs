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
    // 8,000 × 10²⁵ passes Decimal's 7.9×10²⁸ (and stays under the row cap).
    const { assert!(8000 <= gongkai::limits::MAX_ROWS_PER_TABLE) };
    let r = check(&stress::add_overflow(8000));
    let reasons = skipped(&r, "TBL-007");
    assert!(reasons.iter().any(|s| s.contains("20103") && s.contains("数额过大")), "TBL-007 names the 款 it could not add up: {reasons:?}");
    // The overflow is not an error about the document.
    assert!(!r
        .findings
        .iter()
        .any(|f| f.rule == "TBL-007" && f.severity == Severity::Error && f.row.as_deref().is_some_and(|x| x.starts_with("20103 "))));
}

/// (rule, severity, message) of every finding, in order.
/// `text` with its first line starting with `prefix` repeated `n` more
/// times in place (how the mutate_document fuzz target grows a table or a
/// section).
fn with_line_repeated(text: &str, prefix: &str, n: usize) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    let at = lines.iter().position(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("a line starting {prefix}"));
    let line = lines[at];
    lines.splice(at..at, std::iter::repeat_n(line, n));
    lines.join("\n")
}

fn findings(r: &DocumentReport) -> Vec<(&'static str, Severity, String)> {
    r.findings.iter().map(|f| (f.rule, f.severity, f.message.clone())).collect()
}

#[test]
fn a_budget_whose_runs_of_spaces_became_tabs_reads_as_the_original() {
    // Tabs that merely replace spaces carry no column positions: the table
    // has no blank cell between tabs, so short rows are placed by the solver
    // as in the original, and "201\t03\t01" is still code 2010301.
    let original = check(&stress::budget());
    let tabbed = check(&stress::budget_tabs());
    assert_eq!(findings(&tabbed), findings(&original));
    assert_eq!(tabbed.coverage.problems.len(), original.coverage.problems.len());
}

#[test]
fn a_numeric_paragraph_without_a_full_stop_is_read_up_to_the_claim_cap() {
    let r = check(&stress::numeric_paragraph(256 << 10));
    let cap = r.coverage.problems.iter().find(|p| p.message.contains("每段")).expect("coverage names the paragraph cut at the cap");
    assert!(cap.message.contains(&gongkai::limits::MAX_CLAIMS_PER_PARAGRAPH.to_string()), "{}", cap.message);
}

#[test]
fn one_rule_on_one_table_reports_at_most_the_cap_and_counts_the_rest() {
    // The table's coded rows repeated 64 times: every repeated 类 breaks the
    // 合计 and the hierarchy again and again.
    let r = check(&stress::table_repeated(64));
    let cap = gongkai::limits::MAX_FINDINGS_PER_RULE_AND_TABLE;
    let mut per: std::collections::HashMap<(&str, Option<String>, Severity), usize> = std::collections::HashMap::new();
    for f in &r.findings {
        *per.entry((f.rule, f.table.clone(), f.severity)).or_default() += 1;
    }
    assert!(per.values().all(|n| *n <= cap + 1), "{per:?}");
    if per.values().any(|n| *n == cap + 1) {
        assert!(r.findings.iter().any(|f| f.message.contains("同类问题")));
    }
}

#[test]
fn many_inserted_total_rows_give_a_report_of_bounded_size() {
    // Issue 13: 100,000 such rows made 93 MB of JSON. Past the row cap the
    // rows are left out, and repeated findings and problems are counted.
    let text = stress::total_rows(gongkai::limits::MAX_ROWS_PER_TABLE + 2_000);
    let r = check(&text);
    let json = serde_json::to_string(&r).expect("json");
    assert!(json.len() < 4 * text.len(), "{} bytes of JSON for {} bytes of text", json.len(), text.len());
    assert!(r.coverage.problems.iter().any(|p| p.message.contains("上限")), "coverage names the row cap");
}

#[test]
fn a_row_repeated_a_thousand_times_is_read_instead_of_searched_for_minutes() {
    // Found by the mutate_document fuzz target: one space-separated 款 row of
    // the bigdata final accounts (two numbers under more columns) repeated
    // 1,312 times. Every placement check added up all the copies; the solver
    // now bounds the cells it adds up, and its running sums cut a branch as
    // soon as no completion can fit (a few nodes here), so this finishes and
    // the rows it could not place are reported as such.
    let text = std::fs::read_to_string(common::fixture("yantai-bigdata-2023-final.txt")).expect("fixture");
    let r = check(&with_line_repeated(&text, "20805 行政事业单位养老支出 112.81 112.81", 1312));
    assert!(!r.tables.is_empty());
}

#[test]
fn an_economic_row_repeated_a_thousand_times_stays_within_the_document_work_budget() {
    // Found by the mutate_document fuzz target: the Yantai budget's "301 03
    // 奖金 501 01 …" row (two numbers under more columns) repeated 1,056
    // times. Each search stopped at its own bound but there were many; all
    // searches of one document now share one work budget.
    let r = check(&with_line_repeated(&stress::budget(), "301 03 奖金 501 01 工资奖金津补贴 41.96 41.96", 1056));
    assert!(!r.tables.is_empty());
}

#[test]
fn a_row_no_placement_fits_makes_its_table_contradict_without_a_search() {
    // Found by the mutate_document fuzz target: the Yantai budget's 公开03表
    // "201 03 01 行政运行" row repeated 4,750 times, the code of one copy
    // printed "(1,000.00)" and 公开05表's "201 03 02" printed "0.00". The
    // last of the 4,752 open rows, in all 9,502 constraints, had no
    // placement left; the search tried 200,000 assignments of the rows
    // before it, each undoing those 9,502 sums (20 s in release). A row
    // without a placement now ends the search before it starts.
    let mut lines: Vec<String> = stress::budget().lines().map(str::to_string).collect();
    let at = lines.iter().position(|l| l == "201 03 01 行政运行 2678.40 2678.40").expect("公开03表's 行政运行 row");
    let copy = lines[at].clone();
    lines.splice(at + 1..at + 1, std::iter::repeat_n(copy, 4749).chain(["201 03 (1,000.00) 行政运行 2678.40 2678.40".to_string()]));
    // The first such line is 公开03表's, just after the copies.
    let other = lines.iter().rposition(|l| l == "201 03 02 一般行政管理事务 4792.00 4792.00").expect("公开05表's row");
    lines[other] = "0.00 03 02 一般行政管理事务 4792.00 4792.00".to_string();
    let r = check(&lines.join("\n"));
    // The copies are no placement at all, and are reported as one row.
    let contradictions: Vec<_> = r.findings.iter().filter(|f| f.rule == "TBL-012").filter_map(|f| f.row.as_deref()).collect();
    assert!(contradictions.contains(&"2010301 行政运行"), "{contradictions:?}");
    assert!(contradictions.len() < 10, "{contradictions:?}");
}

#[test]
fn items_listed_thousands_of_times_are_matched_to_rows_without_a_pass_per_item() {
    // Found by the mutate_document fuzz target: the Yantai final accounts'
    // 公开06表 line "30303 退职（役）费 … 30218 专用材料费 … 31021 …"
    // repeated 12,975 times and the 公用经费 paragraph (主要包括：办公费、
    // 印刷费……) 6,605 times. NAR-010 compared every listed item with every
    // 款 row: 1.4 s in release on 3.5 MB. It now looks each up in the rows
    // sorted by label. Here 3,000 and 1,500 copies (0.9 MB): 0.40 s before,
    // 0.03 s after, in release. (The benchmark's "listed items" group
    // shows the time growing linearly.)
    let r = check(&stress::listed_items(1500));
    // A label printed on thousands of rows names no one row: nothing to hold
    // a listed item to, as in the original, where nothing fires either.
    assert!(r.tables.len() > 5, "the tables are read");
    assert!(!r.findings.iter().any(|f| f.rule == "NAR-010"), "NAR-010 stays quiet");
    assert!(skipped(&r, "NAR-010").is_empty(), "NAR-010 ran");
}

#[test]
fn a_parent_code_printed_thousands_of_times_is_held_to_no_sum() {
    // Which rows are a repeated 类/款's children is not known, so the solver
    // makes no sum of them (it gave every copy all the children: 49 s and
    // 5 GB at 1 MB). The rows whose columns stay open are named, boundedly.
    let r = check(&stress::duplicated_parents(10_000));
    assert_eq!(r.tables.len(), 1, "the 05 table is read");
    let problem = r.coverage.problems.iter().find(|p| p.message.contains("公开05表")).expect("open rows named");
    assert!(problem.message.len() < 20_000, "the list of rows is bounded: {} bytes", problem.message.len());
}

#[test]
fn a_long_line_of_spaced_digit_groups_is_read_in_one_pass() {
    // Each candidate number was joined afresh and every repair moved the rest
    // of the paragraph (45 s at 1 MB). Not a disclosure, so nothing to check.
    let r = gongkai::check_bytes("stress", stress::spaced_digits(200 << 10).as_bytes()).expect("text");
    assert_eq!(r.document.kind, gongkai::model::DocumentKind::Unknown);
    assert!(r.findings.is_empty());
}

#[test]
fn a_procurement_paragraph_repeated_ten_thousand_times_is_checked_without_a_search_per_pair() {
    // Found by the mutate_document fuzz target: the Yantai final accounts'
    // 政府采购 line (four shares of named bases: "占政府采购支出总额的76.06%"…)
    // repeated 10,313 times in one section. PLA-002 looked for each share's
    // base among every amount before it in the section, shares × amounts
    // substring searches (45 s); it now looks back from the share, the
    // nearest first and at most a bounded number of amounts.
    let text = std::fs::read_to_string(common::fixture("yantai-office-2024-final.txt")).expect("fixture");
    let r = check(&with_line_repeated(&text, "2024 年度政府采购支出总额 405.49 万元", 10_313));
    assert!(!r.tables.is_empty());
    // The shares are of real (non-zero) bases: nothing to report.
    assert!(r.findings.iter().all(|f| f.rule != "PLA-002"));
}

#[test]
fn a_viewer_copy_table_beyond_the_row_cap_is_cut_and_said_not_a_panic() {
    // Read by order, then cut at the cap: the rows kept and the panels that
    // hold them by index must agree (a table read by its headings indexed
    // rows past the cut).
    let r = check(&stress::viewer_copy_table(gongkai::limits::MAX_ROWS_PER_TABLE + 2_000));
    let t = r.tables.iter().find(|t| t.title.contains("财政拨款支出预算表")).expect("the table");
    assert_eq!(t.rows.len(), gongkai::limits::MAX_ROWS_PER_TABLE);
    assert!(r.coverage.problems.iter().any(|p| p.message.contains("超过每表")), "coverage names the rows left out");
    // Small, the same table reads every row.
    let r = check(&stress::viewer_copy_table(3));
    let t = r.tables.iter().find(|t| t.title.contains("财政拨款支出预算表")).expect("the table");
    assert_eq!(
        t.rows.iter().map(|x| x.code.as_deref().unwrap_or(&x.label)).collect::<Vec<_>>(),
        ["合计", "201", "20101", "2010101", "2010102", "2010103"]
    );
}

#[test]
fn a_header_line_of_ten_thousand_captions_refuses_its_table_at_once() {
    // Found reading the national 决算 form's 三公 header: placing each caption
    // among the others is quadratic in the header's words, and a garbled
    // export can print thousands on one line (8,000 pairs took 2 s). A table
    // whose header holds more than MAX_HEADER_WORDS is found, not read, said.
    let text = std::fs::read_to_string(common::fixture("layout-budget-sample.txt")).expect("fixture");
    let header = "          合计            基本支出            项目支出";
    assert!(text.contains(header));
    let wide = format!("{header}{}", "   预算数   金额".repeat(5_000));
    let r = check(&text.replacen(header, &wide, 1));
    let spending = r.tables.iter().find(|t| t.name.contains("支出预算总表")).expect("found");
    assert!(!spending.read && spending.rows.is_empty());
    assert!(r.coverage.problems.iter().any(|p| p.message.contains("表头有10003个词语")), "{:?}", r.coverage.problems);
    // The other tables are read as before.
    let before = check(&text);
    let read = |r: &DocumentReport| r.tables.iter().filter(|t| t.read).count();
    assert_eq!(read(&r), read(&before) - 1);
}
