//! 绩效自评表: read from all three layouts, and the real defects are found.

mod common;
use gongkai::rules::Severity;

#[test]
fn every_self_evaluation_table_is_found() {
    for (doc, n) in [("yantai-office-2024-final.txt", 6), ("qingdao-office-2024-final.txt", 4), ("yantai-bigdata-2023-final.txt", 9)] {
        let d = gongkai::read(&std::fs::read_to_string(common::fixture(doc)).unwrap());
        assert_eq!(d.evaluations.len(), n, "{doc}");
    }
}

#[test]
fn yantai_project_1_score_8_38_where_10_times_82_79_percent_is_8_28() {
    let r = common::check_fixture("yantai-office-2024-final.txt");
    let f: Vec<_> = r.findings.iter().filter(|f| f.rule == "PERF-002").collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].source_line, Some(711));
    assert_eq!(f[0].expected.unwrap().to_string(), "8.28");
    assert_eq!(f[0].actual.unwrap().to_string(), "8.38");
    assert!(f[0].message.contains("办公室政务运行保障经费项目"));
}

#[test]
fn yantai_project_1_block_weights_39_and_21() {
    let r = common::check_fixture("yantai-office-2024-final.txt");
    let mut f: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "PERF-003")
        .map(|f| (f.severity, f.source_line.unwrap(), f.actual.unwrap().to_string(), f.expected.unwrap().to_string()))
        .collect();
    f.sort();
    assert_eq!(f, vec![(Severity::Warning, 723, "39".into(), "40".into()), (Severity::Warning, 746, "21".into(), "20".into())]);
}

#[test]
fn rates_printed_as_fraction_percent_or_bare_number_all_check_out() {
    // "87.04" (no %), "62%" (rounded from 62.008%), "1" (a fraction) are all consistent.
    for doc in ["qingdao-office-2024-final.txt", "yantai-bigdata-2023-final.txt"] {
        let r = common::check_fixture(doc);
        assert!(r.findings.iter().all(|f| !f.rule.starts_with("PERF") || f.severity == Severity::Info), "{doc}");
    }
    let r = common::check_fixture("yantai-office-2024-final.txt");
    assert!(r.findings.iter().all(|f| f.rule != "PERF-001"));
}

#[test]
fn tables_whose_groups_cannot_be_read_are_reported_as_not_checked() {
    let r = common::check_fixture("qingdao-office-2024-final.txt");
    assert_eq!(r.coverage.rules_skipped.iter().filter(|s| s.rule == "PERF-003").count(), 4);
}
