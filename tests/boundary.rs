//! The boundary between the readers and the rules (issue 14): the rules read
//! only the document model (`model`, plus the shared facts in `domain`,
//! `rounding` …), never a reader's internals; the readers never import from
//! the rules. Checked on the source text, so a new import across the line
//! fails here rather than in review.

use std::fs;
use std::path::{Path, PathBuf};

/// What a rule may not import: the readers and the solver they use.
const READER_PATHS: &[&str] = &["crate::tables", "crate::input", "crate::segment", "crate::solve"];

/// The readers (and what they share) that may not import from the rules.
const READERS: &[&str] = &[
    "src/tables",
    "src/input",
    "src/narrative",
    "src/text",
    "src/segment.rs",
    "src/solve.rs",
    "src/limits.rs",
    "src/recognise.rs",
    "src/model.rs",
    "src/domain.rs",
    "src/rounding.rs",
    "src/units.rs",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every .rs file under `p` (or `p` itself).
fn rust_files(p: &Path) -> Vec<PathBuf> {
    if p.is_file() {
        return vec![p.to_path_buf()];
    }
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())).map(|e| e.unwrap().path()).collect();
    entries.sort();
    for e in entries {
        if e.is_dir() {
            out.extend(rust_files(&e));
        } else if e.extension().is_some_and(|x| x == "rs") {
            out.push(e);
        }
    }
    out
}

/// The code of a line: what comes before a `//` comment (doc comments and
/// comments may name other modules).
fn code(line: &str) -> &str {
    match line.find("//") {
        Some(i) => &line[..i],
        None => line,
    }
}

/// (file:line, text) of every code line of `files` containing one of `words`.
fn hits(files: &[PathBuf], words: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        let text = fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for (n, line) in text.lines().enumerate() {
            let c = code(line);
            if words.iter().any(|w| c.contains(w)) {
                let rel = f.strip_prefix(root()).unwrap_or(f);
                out.push(format!("{}:{}: {}", rel.display(), n + 1, line.trim()));
            }
        }
    }
    out
}

#[test]
fn rules_import_no_reader_internals() {
    let rules = root().join("src/rules");
    let files = rust_files(&rules);
    assert!(files.len() > 50, "the rules were not found under {}", rules.display());
    let found = hits(&files, READER_PATHS);
    assert!(
        found.is_empty(),
        "rules must read only the document model (src/model.rs) and shared facts (src/domain.rs), not a reader's internals; \
         put what they need into the model when the table is read:\n{}",
        found.join("\n")
    );
}

#[test]
fn readers_import_nothing_from_the_rules() {
    let files: Vec<PathBuf> = READERS.iter().flat_map(|p| rust_files(&root().join(p))).collect();
    assert!(files.len() > 20, "the readers were not found");
    let found = hits(&files, &["crate::rules", "rules::"]);
    assert!(found.is_empty(), "readers (and the model) must not depend on the rules:\n{}", found.join("\n"));
}
