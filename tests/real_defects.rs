//! Every real defect the domain analyses list for the corpus is found, at the
//! stated severity (issue 5's list), and the documents have no other errors.

mod common;
use gongkai::rules::Severity::{self, Error, Warning};

fn has(doc: &str, rule: &str, severity: Severity, line: usize) -> bool {
    let r = common::check_fixture(doc);
    r.findings.iter().any(|f| f.rule == rule && f.severity == severity && f.source_line == Some(line))
}

const Y: &str = "yantai-office-2024-final.txt";
const Q: &str = "qingdao-office-2024-final.txt";
const B: &str = "yantai-bigdata-2023-final.txt";

#[test]
fn yantai_wrong_class_name_at_l495_and_l497() {
    assert!(has(Y, "TXT-001", Error, 495));
    assert!(has(Y, "TXT-001", Error, 497));
}

#[test]
fn yantai_project_1_score() {
    assert!(has(Y, "PERF-002", Error, 711));
}

#[test]
fn yantai_100_percent_coverage_claim() {
    assert!(has(Y, "NAR-016", Warning, 579));
}

#[test]
fn qingdao_zero_groups_with_15_trips() {
    assert!(has(Q, "SG-001", Error, 752));
}

#[test]
fn qingdao_lists_a_zero_fee() {
    assert!(has(Q, "NAR-010", Warning, 723));
}

#[test]
fn qingdao_share_of_a_zero_base() {
    assert!(has(Q, "PLA-002", Warning, 805));
}

#[test]
fn bigdata_sme_figures_contradict_each_other() {
    assert!(has(B, "NAR-014", Error, 1045));
}

#[test]
fn bigdata_claims_and_denies_a_department_evaluation() {
    assert!(has(B, "NAR-018", Error, 1250));
}

#[test]
fn no_other_errors_on_the_corpus() {
    let expected: &[(&str, &[(&str, usize)])] = &[
        (Y, &[("TXT-001", 495), ("TXT-001", 497), ("PERF-002", 711)]),
        (Q, &[("SG-001", 752)]),
        (B, &[("NAR-014", 1045), ("NAR-018", 1250)]),
        ("yantai-office-2023-budget.txt", &[]),
        ("qingdao-office-2023-budget.txt", &[]),
    ];
    for (doc, want) in expected {
        let r = common::check_fixture(doc);
        let mut got: Vec<(&str, usize)> =
            r.findings.iter().filter(|f| f.severity == Error).map(|f| (f.rule, f.source_line.unwrap_or(0))).collect();
        got.sort();
        let mut want = want.to_vec();
        want.sort();
        assert_eq!(got, want, "{doc}");
    }
}
