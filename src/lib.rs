//! gongkai (公开核对): checks a Chinese government department's published budget
//! or final-account disclosure, entirely offline.
//!
//! # Public API
//!
//! - Checking: [`check_bytes`] (any file, told by content), [`check_file`]
//!   (also returns what was extracted, as [`Checked`]), [`check_text`],
//!   [`check_extracted`]; [`decode_input`] decodes text input
//!   ([`Decoded`], [`TextEncoding`]); [`read`] gives the document model
//!   without running the rules. Unreadable input is an [`InputError`].
//! - [`report`]: what a check gives ([`DocumentReport`], [`Report`] for many
//!   inputs), the JSON the CLI prints and the app renders; [`export`] writes
//!   reports as JSON and CSV files.
//! - [`model`]: what was read ([`model::Document`], its tables, rows and
//!   cells) and what the report names ([`model::DocumentKind`],
//!   [`model::Place`]); [`narrative`]: the 情况说明 as sections, paragraphs
//!   and claims ([`model::Document::narrative`]).
//! - [`rules`]: the catalogue of checks ([`rules::catalogue`], [`rules::Rule`],
//!   its [`rules::Finding`]s and [`rules::Severity`]).
//! - [`input`]: files as layout text (PDF, workbooks, .docx, HTML, a
//!   clipboard paste); [`limits`]: the bounds on what is read;
//!   [`amount`]: how amounts are parsed and shown.
//!
//! # Inside
//!
//! bytes → `input` (layout text) → `text` (decode, normalise) → `recognise`
//! (what the document is) → `narrative` (sections, claims, stated figures) →
//! `segment` and `tables` (exact decimal cells, compared within `rounding`) →
//! `rules` (findings) → `report`. Each stage runs once into
//! [`model::Document`]; the rules and the report read only that model (and
//! the facts in `domain` that readers and rules share), never a reader's
//! internals.
//!
//! This crate knows nothing of the web. Two thin front ends sit over
//! [`check_file`] and [`check_text`]: the CLI (crates/cli) and the Leptos app
//! (crates/web).

// Money and percentages are computed with checked arithmetic only (see
// `checked`): an absurd figure must skip a check, never panic. Clippy enforces
// it on the whole crate (clippy.toml: Decimal only; index and count arithmetic
// on primitive integers is left to the fuzzer and debug builds).
#![deny(clippy::arithmetic_side_effects, clippy::disallowed_methods)]

pub mod amount;
mod checked;
#[cfg(test)]
mod corpus_edits;
#[deny(clippy::arithmetic_side_effects, clippy::disallowed_methods)]
mod domain;
mod error;
pub mod export;
mod furniture;
pub mod input;
pub mod limits;
pub mod model;
pub mod narrative;
mod perf;
mod recognise;
pub mod report;
mod rounding;
pub mod rules;
mod sangong;
mod segment;
mod solve;
mod tables;
mod text;
mod units;

pub use error::InputError;
pub use report::{DocumentReport, Report};
pub use text::{Decoded, TextEncoding};

/// Reads a text into the document model (recognition and tables, no rules).
pub fn read(text: &str) -> model::Document {
    read_from(text, Origin::User)
}

/// Where a text's layout comes from, which says whether its line starts
/// can have been trimmed away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// Pasted or read from a text file: it may have lost its column
    /// positions on the way ([`text::lost_positions`]).
    User,
    /// Laid out by [`input::extract`] from a PDF, workbook, .docx or HTML
    /// file: each line starts where its page or row puts it.
    Extracted,
}

/// [`read_from`] of a text its fake bold was taken out of: apart, so that
/// the common reading keeps one normalisation, inlined.
#[cold]
#[inline(never)]
fn read_undoubled(text: &str, origin: Origin) -> model::Document {
    read_from(text, origin)
}

/// [`read`], told where the text's layout comes from.
fn read_from(text: &str, origin: Origin) -> model::Document {
    let normalised = text::normalise::normalise_marking(text);
    // Lines of fake bold ("收收支支预预算算总总表表") are read once: the text
    // so mended is read instead (few texts have any; each reading halves
    // the doubled lines, so this ends).
    if normalised.seen.doubled {
        if let Some(once) = text::bold::undouble(text) {
            return read_undoubled(&once, origin);
        }
    }
    let text::normalise::Normalised { mut lines, seen, marks: line_marks, colon_lines, heading_lines, head_lines } = normalised;
    // A layout text that lost its positions is read by order.
    let lost = if origin == Origin::User { text::lost_positions::lost_seen(text, &lines, seen) } else { None };
    if lost.is_some() {
        text::lost_positions::squeeze_gaps(&mut lines);
    }
    // squeeze_gaps changes only the lines' texts: their squeezed bytes stand.
    let joined = text::joined::Joined::squeezed_sized(&lines, seen.squeezed_bytes);
    let (info, found) = recognise::recognise_in(&lines, &joined, &colon_lines);
    let mut doc = model::Document {
        info,
        lines,
        tables: Vec::new(),
        problems: Vec::new(),
        markers: Vec::new(),
        evaluations: Vec::new(),
        narrative: narrative::Narrative::default(),
        stream: Default::default(),
        sangong: Default::default(),
        line_marks,
        heading_lines,
        joined,
        furniture: Vec::new(),
        lost,
        form_feeds: seen.form_feeds,
    };
    // The running page headers, told once the department is recognised, are
    // blanked for the narrative and the table readers (a header inside a
    // sentence or a table is neither), and put back for the rules, which
    // read every printed line.
    let hidden = furniture::hide(&mut doc, &found);
    // The narrative first: the table readers use what it states as evidence.
    // Read even when the text was not recognised, so that a rule run on a
    // fragment sees what the fragment says.
    let page_numbers = if lost.is_some() { text::lost_positions::hide_page_numbers(&mut doc.lines) } else { Vec::new() };
    // The lines blanked since normalisation open like no heading any more:
    // the ones it noted stay a superset.
    doc.narrative = narrative::claims_in(&doc.lines, &doc.joined, &head_lines);
    text::lost_positions::restore(&mut doc.lines, page_numbers);
    if doc.info.kind != model::DocumentKind::Unknown {
        solve::reset_budget();
        tables::read_all(&mut doc);
        limits::cap_rows(&mut doc);
        if let Some(lost) = lost {
            doc.problems.push(model::ReadProblem { table: None, message: lost.message().into(), source_line: None });
        }
    }
    furniture::restore(&mut doc, hidden);
    if doc.info.kind != model::DocumentKind::Unknown {
        doc.evaluations = perf::self_evaluations(&doc.lines, &doc.joined);
    }
    doc
}

/// The corpus documents under tests/fixtures, for unit tests that hold a
/// fast path to its definition on every one.
#[cfg(test)]
pub(crate) const FIXTURES: [&str; 6] = [
    "layout-budget-sample.txt",
    "qingdao-office-2023-budget.txt",
    "qingdao-office-2024-final.txt",
    "yantai-bigdata-2023-final.txt",
    "yantai-office-2023-budget.txt",
    "yantai-office-2024-final.txt",
];

/// The text of a corpus document under tests/fixtures, for unit tests.
#[cfg(test)]
pub(crate) fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

/// Checks a text: reads it and runs every rule. Never panics; a text that is not
/// a disclosure gives `document.kind == Unknown` with a reason.
/// Text beyond [`limits::MAX_TEXT_BYTES`] is not checked, and coverage says so.
pub fn check_text(source: &str, text: &str) -> DocumentReport {
    check_from(source, text, Origin::User)
}

/// [`check_text`], told where the text's layout comes from.
fn check_from(source: &str, text: &str, origin: Origin) -> DocumentReport {
    let (text, cut) = limits::cap_text(text);
    let mut doc = read_from(text, origin);
    doc.problems.extend(cut);
    let dropped = limits::claim_problems(&doc);
    doc.problems.extend(dropped);
    let run = rules::run(&doc);
    // After the rules, which may look at what could not be read.
    doc.problems = limits::summarise_problems(std::mem::take(&mut doc.problems));
    report::build(source, None, doc, run)
}

/// Checks raw bytes: a PDF, workbook, .docx or HTML file (told by content) is
/// first turned into layout text by [`input::extract`]; anything else is
/// decoded as text. Then [`check_text`]. Fails only when nothing can be read.
pub fn check_bytes(source: &str, bytes: &[u8]) -> Result<DocumentReport, InputError> {
    check_file(source, bytes).map(|c| c.report)
}

/// A checked file: the report and, for a PDF/workbook/.docx/HTML, what was extracted
/// (its kind, pages, and the page or sheet of every line, for 第N页).
#[derive(Debug, Clone)]
pub struct Checked {
    /// The report, as [`check_text`] gives it.
    pub report: DocumentReport,
    /// The extracted text and its origin; `None` for plain text input.
    pub input: Option<input::Extracted>,
}

/// [`check_bytes`], also returning what was extracted from a non-text file.
pub fn check_file(source: &str, bytes: &[u8]) -> Result<Checked, InputError> {
    if let Some(x) = input::extract(bytes)? {
        if x.text.trim().is_empty() {
            return Err(InputError::Empty);
        }
        let report = check_extracted(source, &x);
        return Ok(Checked { report, input: Some(x) });
    }
    // Read in place when the bytes are UTF-8, not from a copy.
    let (text, encoding, _) = decode_checked(bytes)?;
    let mut report = check_text(source, &text);
    report.encoding = Some(encoding.label().to_string());
    Ok(Checked { report, input: None })
}

/// Checks the text extracted from a file: [`check_text`] on `x.text`, and
/// the report says what the file was (`input`, `encoding` = its kind's
/// label) and on which page or sheet each finding and row is (`page`).
/// The CLI (through [`check_file`]) and the app both check files this way.
pub fn check_extracted(source: &str, x: &input::Extracted) -> DocumentReport {
    let mut report = check_from(source, &x.text, Origin::Extracted);
    report.encoding = Some(x.kind.label().to_string());
    report.place_in(x);
    report
}

/// Decodes input bytes, refusing empty input and binary data.
pub fn decode_input(bytes: &[u8]) -> Result<text::Decoded, InputError> {
    let (text, encoding, had_errors) = decode_checked(bytes)?;
    Ok(text::Decoded { text: text.into_owned(), encoding, had_errors })
}

/// [`decode_input`]'s text (borrowed from `bytes` when they are UTF-8),
/// encoding and whether some bytes were not valid in it.
fn decode_checked(bytes: &[u8]) -> Result<(std::borrow::Cow<'_, str>, TextEncoding, bool), InputError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError::Empty);
    }
    let (text, encoding, had_errors) = text::decode::decode_borrowed(bytes);
    // Binary data: more than one char in twenty unreadable (the chars are
    // counted only when one is).
    let bad = text::unreadable_chars(&text);
    if bad > 0 && bad * 20 > text.chars().count().max(1) {
        return Err(InputError::NotText);
    }
    Ok((text, encoding, had_errors))
}
