//! The headline sorts findings by what they are about (数字不符, 文字与表述问题,
//! 其他提示, 尾数误差), not by severity. These tests pin that sorting down on
//! the five corpus documents.

mod common;
use gongkai::report::FindingKind;
use gongkai::rules::Severity;

const CORPUS: [&str; 5] = [
    "yantai-office-2024-final.txt",
    "qingdao-office-2024-final.txt",
    "yantai-bigdata-2023-final.txt",
    "yantai-office-2023-budget.txt",
    "qingdao-office-2023-budget.txt",
];

/// (数字不符, 文字与表述问题, 其他提示, 尾数误差) of a corpus document.
fn counts(doc: &str) -> [usize; 4] {
    let r = common::check_fixture(doc);
    FindingKind::ALL.map(|k| r.count_of(k))
}

#[test]
fn every_finding_has_exactly_one_kind() {
    for doc in CORPUS {
        let r = common::check_fixture(doc);
        assert_eq!(counts(doc).iter().copied().fold(0, usize::saturating_add), r.findings.len(), "{doc}");
    }
}

#[test]
fn rounding_is_exactly_the_infos_that_say_so() {
    for doc in CORPUS {
        for f in common::check_fixture(doc).findings {
            let rounding = FindingKind::of(&f) == FindingKind::Rounding;
            // A rate cut off rather than rounded (截尾) is a rounding style too.
            assert_eq!(rounding, f.message.contains("尾数") || f.message.contains("截尾"), "{doc}: {f:#?}");
            if rounding {
                assert_eq!(f.severity, Severity::Info, "{f:#?}");
            }
        }
    }
}

#[test]
fn yantai_2024_final_wrong_words_are_not_wrong_numbers() {
    // The three errors: PERF-002 (a score computed wrongly) is a number; the
    // two TXT-001 (an invented 类 name) are wording.
    let r = common::check_fixture("yantai-office-2024-final.txt");
    let kind_of = |rule: &str| {
        let mut kinds: Vec<_> = r.findings.iter().filter(|f| f.rule == rule).map(FindingKind::of).collect();
        kinds.dedup();
        kinds
    };
    assert_eq!(kind_of("PERF-002"), [FindingKind::Numbers]);
    assert_eq!(kind_of("TXT-001"), [FindingKind::Wording]);
    assert_eq!(kind_of("PLA-001"), [FindingKind::Note]);
    // 27 findings: 4 numbers, 4 wording, 1 note, 18 within rounding.
    assert_eq!(counts("yantai-office-2024-final.txt"), [4, 4, 1, 18]);
}

#[test]
fn a_contradiction_in_the_text_is_wording_and_a_count_that_cannot_be_is_a_number() {
    let r = common::check_fixture("yantai-bigdata-2023-final.txt");
    let f = r.findings.iter().find(|f| f.rule == "NAR-018").expect("NAR-018 on the 大数据局 决算");
    assert_eq!(FindingKind::of(f), FindingKind::Wording);
    let r = common::check_fixture("qingdao-office-2024-final.txt");
    let f = r.findings.iter().find(|f| f.rule == "SG-001").expect("SG-001 on the 青岛 决算");
    assert_eq!(FindingKind::of(f), FindingKind::Numbers);
}
