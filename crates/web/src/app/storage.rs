//! Keeping the pasted text across a reload: opt-in, in this browser's local
//! storage only, and removed as soon as the user says so.
//!
//! Nothing is written unless the user ticked 在本机保存粘贴的文本; unticking it
//! or pressing the clear button deletes what was saved.

use leptos::prelude::*;

use super::{Checker, Notice, Source};

/// "1" while the user has opted in.
const KEEP: &str = "gongkai.keep";
/// The editor's text.
const TEXT: &str = "gongkai.text";
/// Where it came from: name, then U+001F, then the encoding label if any.
const SOURCE: &str = "gongkai.source";

fn local() -> Option<web_sys::Storage> {
    // local_storage() throws where storage is disabled; then nothing is kept.
    web_sys::window()?.local_storage().ok()?
}

/// Whether the user opted in on an earlier visit.
pub fn opted_in() -> bool {
    local().and_then(|s| s.get_item(KEEP).ok().flatten()).is_some_and(|v| v == "1")
}

/// Deletes everything this app stored.
pub fn forget() {
    if let Some(s) = local() {
        for key in [KEEP, TEXT, SOURCE] {
            let _ = s.remove_item(key);
        }
    }
}

fn save(text: &str, source: &Source) -> Result<(), ()> {
    let s = local().ok_or(())?;
    let src = format!("{}\u{1f}{}", source.name, source.encoding.as_deref().unwrap_or(""));
    s.set_item(KEEP, "1").map_err(|_| ())?;
    s.set_item(SOURCE, &src).map_err(|_| ())?;
    s.set_item(TEXT, text).map_err(|_| ())
}

fn load() -> Option<(String, Source)> {
    let s = local()?;
    let text = s.get_item(TEXT).ok()??;
    let src = s.get_item(SOURCE).ok().flatten().unwrap_or_default();
    let (name, encoding) = src.split_once('\u{1f}').unwrap_or((src.as_str(), ""));
    let source = Source {
        name: if name.is_empty() { Source::pasted().name } else { name.to_string() },
        encoding: (!encoding.is_empty()).then(|| encoding.to_string()),
        had_errors: false,
        edited: false,
        file: None,
        layout: false,
    };
    Some((text, source))
}

/// On start: puts a saved text back into the editor and checks it; then,
/// while the user keeps the box ticked, saves every change of the text.
pub fn restore_and_keep(checker: Checker) {
    if checker.keep.get_untracked() {
        if let Some((text, source)) = load() {
            if !text.trim().is_empty() {
                checker.draft.set(text);
                checker.source.set(source);
                checker.submit();
            }
        }
    }
    Effect::new(move |_| {
        if !checker.keep.get() {
            return;
        }
        let saved = checker.draft.with(|text| checker.source.with(|source| save(text, source)));
        if saved.is_err() {
            // Full (a few MB) or refused: say so rather than pretend.
            checker.notice.set(Some(Notice::Error("无法在本机保存文本（浏览器存储空间已满或被禁用）。文本仍在输入框中。".to_string())));
        }
    });
}
