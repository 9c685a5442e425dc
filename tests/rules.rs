//! One test per rule of the catalogue, named by its id: `cargo test DOC_001`
//! runs that rule alone. (cargo's filter matches substrings, so `cargo test
//! TBL_001` also runs XTBL_001; `cargo test --test rules TBL_001 -- --exact`
//! runs only TBL-001.)
//!
//! Each test runs the rule's fixtures (a corpus document from tests/fixtures,
//! with the fixture's edits applied) through the whole checker, asserts what
//! the fixture declares (the rule fires, or stays quiet), and compares the
//! rule's findings on every fixture with the snapshot file
//! `tests/snapshots/rules/<ID>.snap`, so that a change in what a rule reports
//! shows up in review as a diff of that file.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test --test rules` rewrites the snapshots (of
//! the rules selected, e.g. `UPDATE_SNAPSHOTS=1 cargo test --test rules TBL_001`).
//!
//! Adding a rule: its file, its line in the catalogue, and its id in the
//! [`rules!`] list below (the test `the_rules_list_is_the_catalogue` fails
//! until then).

mod common;

use std::fmt::Write as _;
use std::path::PathBuf;

use gongkai::rules::{catalogue, Expect, Finding, Rule, Severity};

/// One `#[test]` per id (the id with `_` for `-`), and the list of them.
macro_rules! rules {
    ($($id:ident),* $(,)?) => {
        $(
            #[test]
            #[allow(non_snake_case)]
            fn $id() {
                check_rule(&stringify!($id).replace('_', "-"));
            }
        )*
        /// The ids the tests above are generated for, in catalogue order.
        const IDS: &[&str] = &[$(stringify!($id)),*];
    };
}

rules! {
    DOC_001, DOC_002, DOC_003, TBL_001, TBL_002, TBL_003, TBL_004, TBL_005, TBL_006, TBL_007, TBL_008, TBL_012, TBL_009, TBL_010,
    TBL_011, TBL_013, TBL_014, TBL_015, TBL_016, XTBL_001, XTBL_002, XTBL_003, XTBL_004, XTBL_005, XTBL_006, XTBL_007,
    XTBL_008, XTBL_009, XTBL_010, XTBL_011, PLA_001, PERF_001, PERF_002, PERF_003, PERF_004, PERF_005, NAR_001, NAR_002,
    NAR_003, NAR_019, NAR_009, NAR_010, NAR_013, NAR_015, NAR_016, SG_002, NAR_008, NAR_004, NAR_005, NAR_006, NAR_007,
    NAR_011, NAR_012, NAR_021, NAR_022, NAR_017, NAR_020, NAR_014, NAR_018, SG_001, PLA_002, TXT_001, TXT_003, TXT_004,
    TXT_010, TXT_002, TXT_005, TXT_006, TXT_007, TXT_008, TXT_009, DOC_101, TBL_101, TBL_102, TBL_103, TBL_104, TBL_105,
    TBL_106, TBL_107, TBL_108, TBL_109, TBL_110, XTBL_101, XTBL_102, XTBL_103, XTBL_104, XTBL_105, XTBL_106, XTBL_107,
    XTBL_108, XTBL_109, XTBL_110, NAR_101, NAR_102, NAR_103, NAR_104, NAR_105, PERF_101, PERF_102, TBL_201, TBL_202, TBL_203,
    TBL_204, TBL_205, XTBL_201, SG_101,
}

#[test]
fn the_rules_list_is_the_catalogue() {
    let listed: Vec<String> = IDS.iter().map(|id| id.replace('_', "-")).collect();
    let catalogue: Vec<&str> = catalogue().iter().map(|r| r.id).collect();
    assert_eq!(listed, catalogue, "tests/rules.rs: the rules! list must name every rule of the catalogue, in its order");
}

#[test]
fn no_snapshot_without_a_rule() {
    let dir = snapshot_dir();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let id = name.strip_suffix(".snap").unwrap_or_else(|| panic!("{name}: not a .snap file"));
        assert!(catalogue().iter().any(|r| r.id == id), "{name}: no rule {id} in the catalogue");
    }
}

fn snapshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/rules")
}

/// The fixture's document with its edits applied (each `find` must occur).
fn apply(rule: &str, doc: &str, edits: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string(common::fixture(doc)).unwrap();
    for (find, replace) in edits {
        assert!(text.contains(find), "{rule}: fixture edit {find:?} not found in {doc}");
        text = text.replacen(find, replace, 1);
    }
    text
}

/// Runs the rule's fixtures; checks what each declares and the snapshot.
fn check_rule(id: &str) {
    let rule = catalogue().iter().find(|r| r.id == id).unwrap_or_else(|| panic!("no rule {id} in the catalogue"));
    let mut failures: Vec<String> = Vec::new();
    let mut snap = String::new();
    writeln!(snap, "# {} {}", rule.id, rule.title).unwrap();
    writeln!(snap, "# The findings of {} on each of its fixtures (tests/rules.rs).", rule.id).unwrap();
    for (k, fx) in rule.fixtures.iter().enumerate() {
        let n = k + 1;
        let text = apply(rule.id, fx.document, fx.edits);
        let report = gongkai::check_text(fx.document, &text);
        let own: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == rule.id).collect();
        // A failure folded into another finding of the same root cause counts.
        let prefix = format!("{}：", rule.id);
        let folded: Vec<(&Finding, &String)> =
            report.findings.iter().flat_map(|f| f.also.iter().filter(|a| a.starts_with(&prefix)).map(move |a| (f, a))).collect();
        match fx.expect {
            Expect::Fires if folded.is_empty() && !own.iter().any(|f| f.severity == rule.severity) => failures.push(format!(
                "fixture {n}: {} should fire at {:?} on {} with {:?}; got {own:#?}",
                rule.id, rule.severity, fx.document, fx.edits
            )),
            Expect::Quiet if !folded.is_empty() || own.iter().any(|f| f.severity != Severity::Info) => {
                failures.push(format!("fixture {n}: {} must stay quiet on {} with {:?}; got {own:#?}", rule.id, fx.document, fx.edits))
            }
            _ => {}
        }
        write_fixture(&mut snap, n, rule, fx, &own, &folded);
    }
    let path = snapshot_dir().join(format!("{}.snap", rule.id));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(snapshot_dir()).unwrap();
        let old = std::fs::read_to_string(&path).ok();
        if old.as_deref() != Some(snap.as_str()) {
            std::fs::write(&path, &snap).unwrap();
        }
    } else {
        match std::fs::read_to_string(&path) {
            Ok(old) if old == snap => {}
            Ok(old) => failures.push(format!(
                "the findings differ from {} (- snapshot, + now); if the change is intended, run\n  UPDATE_SNAPSHOTS=1 cargo test --test rules {}\nand review the diff of the file:\n{}",
                path.display(),
                rule.id.replace('-', "_"),
                diff(&old, &snap)
            )),
            Err(_) => failures.push(format!(
                "no snapshot {}; write it with\n  UPDATE_SNAPSHOTS=1 cargo test --test rules {}",
                path.display(),
                rule.id.replace('-', "_")
            )),
        }
    }
    assert!(failures.is_empty(), "{}:\n{}", rule.id, failures.join("\n\n"));
}

fn write_fixture(snap: &mut String, n: usize, rule: &Rule, fx: &gongkai::rules::Fixture, own: &[&Finding], folded: &[(&Finding, &String)]) {
    let expect = match fx.expect {
        Expect::Fires => "fires",
        Expect::Quiet => "quiet",
    };
    writeln!(snap, "\n## fixture {n}: {expect}").unwrap();
    writeln!(snap, "document: {}", fx.document).unwrap();
    for (find, replace) in fx.edits {
        writeln!(snap, "edit: {find:?} -> {replace:?}").unwrap();
    }
    writeln!(snap, "findings of {}: {}", rule.id, own.len()).unwrap();
    for f in own {
        writeln!(snap, "- {}", line(f)).unwrap();
    }
    for (into, also) in folded {
        writeln!(snap, "- folded into {} at {}: {also}", into.rule, place(into)).unwrap();
    }
}

/// One finding on one line: severity, table, row, column, expected, actual,
/// difference, source line, message.
fn line(f: &Finding) -> String {
    let opt = |v: Option<String>| v.unwrap_or_else(|| "-".to_string());
    format!(
        "{} | table {} | row {} | column {} | expected {} | actual {} | difference {} | line {} | {}",
        match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        },
        opt(f.table.clone()),
        opt(f.row.clone()),
        opt(f.column.clone()),
        opt(f.expected.map(|d| d.to_string())),
        opt(f.actual.map(|d| d.to_string())),
        opt(f.difference.map(|d| d.to_string())),
        opt(f.source_line.map(|n| n.to_string())),
        f.message.replace('\n', "\\n")
    )
}

fn place(f: &Finding) -> String {
    format!(
        "table {} row {} column {} line {}",
        f.table.as_deref().unwrap_or("-"),
        f.row.as_deref().unwrap_or("-"),
        f.column.as_deref().unwrap_or("-"),
        f.source_line.map_or("-".to_string(), |n| n.to_string())
    )
}

/// A line diff (longest common subsequence): "-" lines only in `old`, "+"
/// lines only in `new`, unchanged lines around them as context.
fn diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut ops: Vec<(char, &str)> = Vec::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            ops.push(('+', b[j]));
            j += 1;
        } else {
            ops.push(('-', a[i]));
            i += 1;
        }
    }
    let near = |k: usize| ops[k.saturating_sub(2)..(k + 3).min(ops.len())].iter().any(|(c, _)| *c != ' ');
    let mut out = String::new();
    for (k, (c, l)) in ops.iter().enumerate() {
        if *c != ' ' || near(k) {
            writeln!(out, "{c} {l}").unwrap();
        }
    }
    out
}
