//! The JSON report reads back as it was written: the web app's checking
//! worker sends reports to the page as JSON (crates/web/src/app/worker.rs), and the
//! page renders what it reads back.

use gongkai::report::DocumentReport;

#[test]
fn every_corpus_report_reads_back_unchanged() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let report = gongkai::check_text("x", &text);
        let json = serde_json::to_string(&report).unwrap();
        let back: DocumentReport = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_string(&back).unwrap(), json, "{}", path.display());
        // Rule ids come back as the catalogue's own strings.
        for f in &back.findings {
            assert!(gongkai::rules::catalogue().iter().any(|r| std::ptr::eq(r.id, f.rule)), "{}: {}", path.display(), f.rule);
        }
        n += 1;
    }
    assert!(n >= 5, "{n} corpus documents");
}

#[test]
fn an_unknown_rule_id_reads_back_too() {
    let json = r#"{"rule":"NEW-999","severity":"warning","message":"m","table":null,"row":null,"column":null,
        "expected":"1.50","actual":null,"difference":null,"source_line":3,"page":null,"related":[],"also":[]}"#;
    let f: gongkai::rules::Finding = serde_json::from_str(json).unwrap();
    let g: gongkai::rules::Finding = serde_json::from_str(json).unwrap();
    assert_eq!(f.rule, "NEW-999");
    assert!(std::ptr::eq(f.rule, g.rule), "kept once");
    assert_eq!(f.expected.map(|d| d.to_string()).as_deref(), Some("1.50"));
}
