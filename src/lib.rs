//! gongkai (公开核对): checks a Chinese government department's published budget
//! or final-account disclosure, entirely offline.
//!
//! The pipeline, one module per stage:
//! bytes → [`text`] (decode, normalise) → [`recognise`] (what the document is)
//! → [`segment`] (where the tables are) → [`tables`] (exact decimal cells)
//! → [`rules`] (findings) → [`report`] (JSON for the CLI and the app).
//!
//! This crate knows nothing of the web; the Leptos app (`app`, wasm32 only) and
//! the CLI are thin layers over [`check_bytes`] and [`check_text`].

// Money and percentages are computed with checked arithmetic only (see
// `checked`): an absurd figure must skip a check, never panic. Clippy enforces
// it on every module that reads or checks figures.
#[deny(clippy::arithmetic_side_effects, clippy::disallowed_methods)]
pub mod amount;
#[deny(clippy::arithmetic_side_effects, clippy::disallowed_methods)]
pub mod checked;
pub mod error;
pub mod limits;
#[deny(clippy::arithmetic_side_effects, clippy::disallowed_methods)]
pub mod model;
#[deny(clippy::arithmetic_side_effects, clippy::disallowed_methods)]
pub mod narrative;
#[deny(clippy::arithmetic_side_effects, clippy::disallowed_methods)]
pub mod perf;
#[deny(clippy::arithmetic_side_effects, clippy::disallowed_methods)]
pub mod recognise;
pub mod report;
#[deny(clippy::arithmetic_side_effects, clippy::disallowed_methods)]
pub mod rules;
#[deny(clippy::arithmetic_side_effects, clippy::disallowed_methods)]
pub mod sangong;
#[deny(clippy::arithmetic_side_effects, clippy::disallowed_methods)]
pub mod segment;
#[deny(clippy::arithmetic_side_effects, clippy::disallowed_methods)]
pub mod solve;
#[deny(clippy::arithmetic_side_effects, clippy::disallowed_methods)]
pub mod tables;
#[deny(clippy::arithmetic_side_effects, clippy::disallowed_methods)]
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod app;

pub use error::InputError;
pub use report::{DocumentReport, Report};

/// Reads a text into the document model (recognition and tables, no rules).
pub fn read(text: &str) -> model::Document {
    let lines = text::normalise(text);
    let info = recognise::recognise(&lines);
    let mut doc = model::Document {
        info,
        lines,
        tables: Vec::new(),
        problems: Vec::new(),
        markers: Vec::new(),
        evaluations: Vec::new(),
    };
    if doc.info.kind != model::DocumentKind::Unknown {
        solve::reset_budget();
        tables::read_all(&mut doc);
        limits::cap_rows(&mut doc);
        doc.evaluations = perf::self_evaluations(&doc.lines);
    }
    doc
}

/// Checks a text: reads it and runs every rule. Never panics; a text that is not
/// a disclosure gives `document.kind == Unknown` with a reason.
/// Text beyond [`limits::MAX_TEXT_BYTES`] is not checked, and coverage says so.
pub fn check_text(source: &str, text: &str) -> DocumentReport {
    let (text, cut) = limits::cap_text(text);
    let mut doc = read(text);
    doc.problems.extend(cut);
    let dropped = limits::claim_problems(&doc);
    doc.problems.extend(dropped);
    let run = rules::run(&doc);
    // After the rules, which may look at what could not be read.
    doc.problems = limits::summarise_problems(std::mem::take(&mut doc.problems));
    report::build(source, None, &doc, run)
}

/// Checks raw bytes: detects the encoding, then [`check_text`]. Fails only when
/// the bytes are empty or are not text at all.
pub fn check_bytes(source: &str, bytes: &[u8]) -> Result<DocumentReport, InputError> {
    let decoded = decode_input(bytes)?;
    let mut report = check_text(source, &decoded.text);
    report.encoding = Some(decoded.encoding.label().to_string());
    Ok(report)
}

/// Decodes input bytes, refusing empty input and binary data.
pub fn decode_input(bytes: &[u8]) -> Result<text::Decoded, InputError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError::Empty);
    }
    let decoded = text::decode(bytes);
    let total = decoded.text.chars().count().max(1);
    let bad = decoded
        .text
        .chars()
        .filter(|c| *c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')))
        .count();
    if bad * 20 > total {
        return Err(InputError::NotText);
    }
    Ok(decoded)
}
