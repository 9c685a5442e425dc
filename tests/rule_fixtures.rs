//! Every rule in the catalogue carries fixtures: at least one document on which
//! it fires and one on which it must stay quiet. That each behaves as declared
//! is tested per rule, one test per rule id, in tests/rules.rs.

use gongkai::rules::{catalogue, Expect};

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
