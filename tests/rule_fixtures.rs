//! Every rule in the catalogue carries fixtures: at least one document on which
//! it fires and one on which it must stay quiet; each behaves as declared.

mod common;
use gongkai::rules::{catalogue, Expect, Severity};

fn apply(rule: &str, doc: &str, edits: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string(common::fixture(doc)).unwrap();
    for (find, replace) in edits {
        assert!(text.contains(find), "{rule}: fixture edit {find:?} not found in {doc}");
        text = text.replacen(find, replace, 1);
    }
    text
}

#[test]
fn every_rule_has_a_firing_and_a_quiet_fixture() {
    for rule in catalogue() {
        assert!(rule.fixtures.iter().any(|f| f.expect == Expect::Fires), "{} has no firing fixture", rule.id);
        assert!(rule.fixtures.iter().any(|f| f.expect == Expect::Quiet), "{} has no quiet fixture", rule.id);
        assert!(!rule.why.is_empty() && !rule.title.is_empty(), "{} lacks its explanation", rule.id);
    }
}

#[test]
fn rule_ids_are_unique_and_well_formed() {
    let mut ids: Vec<&str> = catalogue().iter().map(|r| r.id).collect();
    for id in &ids {
        let (family, n) = id.rsplit_once('-').unwrap();
        assert!(["DOC", "TBL", "XTBL", "NAR", "SG", "PERF", "TXT", "PLA"].contains(&family), "{id}");
        assert!(n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()), "{id}");
    }
    ids.sort();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate rule ids");
}

#[test]
fn every_fixture_behaves_as_declared() {
    for rule in catalogue() {
        for fx in rule.fixtures {
            let text = apply(rule.id, fx.document, fx.edits);
            let report = gongkai::check_text(fx.document, &text);
            let own: Vec<_> = report.findings.iter().filter(|f| f.rule == rule.id).collect();
            // A failure folded into another finding of the same root cause counts.
            let folded = report.findings.iter().any(|f| f.also.iter().any(|a| a.starts_with(&format!("{}：", rule.id))));
            match fx.expect {
                Expect::Fires => assert!(
                    folded || own.iter().any(|f| f.severity == rule.severity),
                    "{} should fire at {:?} on {} with {:?}; got {own:#?}",
                    rule.id,
                    rule.severity,
                    fx.document,
                    fx.edits
                ),
                Expect::Quiet => assert!(
                    !folded && own.iter().all(|f| f.severity == Severity::Info),
                    "{} must stay quiet on {} with {:?}; got {own:#?}",
                    rule.id,
                    fx.document,
                    fx.edits
                ),
            }
        }
    }
}
