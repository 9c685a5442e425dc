//! The browser app (wasm32 only): a Leptos CSR front end over [`crate::check_text`].
//!
//! Everything runs in the page; the only requests are same-origin fetches of
//! the bundled samples. State lives in [`App`] and flows down: the text being
//! edited, the last submitted snapshot, and the check [`Outcome`] derived from
//! that snapshot by a memo, so no component keeps its own copy of a report.
//! User text is only ever rendered as text nodes.

mod chart;
pub mod csv;
mod export;
mod findings;
pub mod format;
mod input;
mod load;
pub mod locate;
mod rule_list;
mod sangong;
mod scroll;
mod storage;
mod summary;
mod tables;

use std::sync::Arc;

use leptos::html::Textarea;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::{DocumentReport, InputError};

/// Where the text in the editor came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// A file or sample name, or "粘贴的文本".
    pub name: String,
    /// The encoding it was decoded from ("GBK/GB18030"); None for pasted text.
    pub encoding: Option<String>,
    /// Whether some bytes could not be decoded.
    pub had_errors: bool,
    /// Whether the user changed the text after loading it.
    pub edited: bool,
    /// The file the text was extracted from (PDF, workbook, .docx, HTML),
    /// with the page or sheet of every line; None for text. Its bytes are
    /// not kept: the original never leaves the user's machine, nor this page.
    pub file: Option<Arc<crate::input::Extracted>>,
    /// Whether the text holds tables laid out from a pasted text/html (a
    /// table copied from a web page or a spreadsheet): shown unwrapped, as a
    /// file's layout text is.
    pub layout: bool,
}

impl Source {
    /// Text the user typed or pasted.
    pub fn pasted() -> Source {
        Source { name: "粘贴的文本".to_string(), encoding: None, had_errors: false, edited: false, file: None, layout: false }
    }

    /// Text pasted from a web page or spreadsheet whose tables were laid out
    /// from the clipboard's text/html.
    pub fn pasted_tables() -> Source {
        Source { layout: true, ..Source::pasted() }
    }

    /// Whether the text came from a file or sample rather than the keyboard.
    pub fn loaded(&self) -> bool {
        self.encoding.is_some() || self.file.is_some()
    }

    /// What was read from the file: "PDF，13 页", "Excel (.xlsx)，17 个工作表",
    /// "Word (.docx)"; None for text.
    pub fn file_summary(&self) -> Option<String> {
        self.file.as_deref().map(|x| x.kind.summary(x.pages))
    }
}

/// A snapshot of the editor handed to the checker.
#[derive(Debug, Clone)]
pub struct Submission {
    /// Counts submissions, so tests and the bench can tell results apart.
    pub seq: u32,
    /// Where the text came from.
    pub source: Source,
    /// The text as it was when submitted (shared with the outcome, which
    /// shows source lines from it even after the editor changes).
    pub text: Arc<str>,
}

/// The result of checking the latest submission.
// One outcome lives at a time, behind an Arc: the variants' sizes don't matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Outcome {
    /// Nothing submitted yet (or the editor was cleared).
    Idle,
    /// The input could not be checked at all; the message is in Chinese.
    Refused(String),
    /// The text was checked. The report may still say it is not a disclosure.
    Checked {
        /// What the core returned.
        report: Box<DocumentReport>,
        /// Where each finding points in the tables, parallel to
        /// `report.findings` (computed once here, used by findings and tables).
        targets: Vec<Option<locate::CellTarget>>,
        /// Where each finding's related cells are, parallel to their
        /// `related` lists.
        related: Vec<Vec<Option<locate::CellTarget>>>,
        /// The text that was checked.
        text: Arc<str>,
        /// The 三公 counts the narrative states (read only when there is a
        /// 三公 table to show them with).
        counts: crate::sangong::SangongCounts,
        /// Where the text came from.
        source: Source,
        /// The submission's sequence number.
        seq: u32,
        /// How long the check took in the browser, in milliseconds.
        millis: f64,
    },
}

/// A message about loading input (a file that is not text, a failed fetch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Something is being read.
    Busy(String),
    /// Loading failed; the editor was left as it was.
    Error(String),
}

/// The shared state, all `Copy` handles, passed down to the components.
#[derive(Clone, Copy)]
pub struct Checker {
    /// The editor's text.
    pub draft: RwSignal<String>,
    /// Where the editor's text came from.
    pub source: RwSignal<Source>,
    /// The snapshot last handed to the checker.
    pub submission: RwSignal<Option<Submission>>,
    /// The check result, derived from `submission`.
    pub outcome: Memo<Arc<Outcome>>,
    /// A loading message, if any.
    pub notice: RwSignal<Option<Notice>>,
    /// The editor element, so findings can point into the text.
    pub editor: NodeRef<Textarea>,
    /// The DOM id of the table cell a finding link jumped to (highlighted).
    pub jump: RwSignal<Option<String>>,
    /// Whether the user opted in to keeping the text in local storage.
    pub keep: RwSignal<bool>,
    /// Text a file or sample replaced in the editor, kept so it can be put
    /// back: a paste must never be lost to a misclick on a sample.
    pub replaced: RwSignal<Option<(String, Source)>>,
}

impl Checker {
    fn new() -> Checker {
        let submission = RwSignal::new(None::<Submission>);
        // Every new submission is a new result; reports are not compared.
        let outcome = Memo::new_with_compare(move |_| Arc::new(submission.with(|s| check(s.as_ref()))), |_, _| true);
        Checker {
            draft: RwSignal::new(String::new()),
            source: RwSignal::new(Source::pasted()),
            submission,
            outcome,
            notice: RwSignal::new(None),
            editor: NodeRef::new(),
            jump: RwSignal::new(None),
            keep: RwSignal::new(storage::opted_in()),
            replaced: RwSignal::new(None),
        }
    }

    /// Hands the editor's current text to the checker.
    pub fn submit(&self) {
        let text: Arc<str> = self.draft.with_untracked(|t| Arc::from(t.as_str()));
        let source = self.source.get_untracked();
        let seq = self.submission.with_untracked(|s| s.as_ref().map_or(1, |s| s.seq + 1));
        // A jump target belongs to the previous report's cells.
        self.jump.set(None);
        self.submission.set(Some(Submission { seq, source, text }));
    }

    /// Submits unless the editor is blank (then shows nothing rather than
    /// scolding someone who is still typing).
    pub fn submit_quietly(&self) {
        if self.draft.with_untracked(|t| t.trim().is_empty()) {
            self.submission.set(None);
        } else {
            self.submit();
        }
    }

    /// Submits, then brings the result into view: for explicit actions (the
    /// button, a file, a sample), not for checks while typing.
    pub fn submit_and_reveal(&self) {
        self.submit();
        reveal_result();
    }

    /// Submits a whole pasted or dropped text and brings its result into
    /// view, unless the editor is blank.
    pub fn submit_pasted(&self) {
        self.submit_quietly();
        if self.submission.with_untracked(Option::is_some) {
            reveal_result();
        }
    }

    /// Loads bytes from a file or sample into the editor and checks them: a
    /// PDF, workbook, .docx or HTML file (told by content) is read into
    /// layout text first, as the CLI does; anything else is decoded as text.
    /// On failure the editor keeps what it had and the reason is shown.
    pub fn load_bytes(&self, name: &str, bytes: &[u8]) {
        match crate::input::extract(bytes) {
            Ok(Some(x)) => self.load_extracted(name, x),
            Ok(None) => match crate::decode_input(bytes) {
                Ok(decoded) => self.load_text(
                    decoded.text,
                    Source {
                        name: name.to_string(),
                        encoding: Some(decoded.encoding.label().to_string()),
                        had_errors: decoded.had_errors,
                        edited: false,
                        file: None,
                        layout: false,
                    },
                ),
                Err(e) => self.refuse(name, &e),
            },
            Err(e) => self.refuse(name, &e),
        }
    }

    /// Loads the text read from a file (see [`crate::input::extract`]).
    pub fn load_extracted(&self, name: &str, x: crate::input::Extracted) {
        if x.text.trim().is_empty() {
            return self.refuse(name, &InputError::Empty);
        }
        let text = x.text.clone();
        self.load_text(
            text,
            Source { name: name.to_string(), encoding: None, had_errors: false, edited: false, file: Some(Arc::new(x)), layout: false },
        );
    }

    /// Shows why a file could not be loaded; the editor keeps its text.
    pub fn refuse(&self, name: &str, e: &InputError) {
        self.notice.set(Some(Notice::Error(format!("“{name}”：{}", e.zh()))));
    }

    fn load_text(&self, text: String, source: Source) {
        // Only the user's own text is worth offering back; an unedited file
        // can simply be loaded again.
        let previous = self.draft.get_untracked();
        let before = self.source.get_untracked();
        let own = !previous.trim().is_empty() && (!before.loaded() || before.edited);
        self.replaced.set(own.then_some((previous, before)));
        self.draft.set(text);
        self.source.set(source);
        self.notice.set(None);
        self.submit_and_reveal();
    }

    /// Puts back the text a file or sample replaced, and checks it.
    pub fn restore_replaced(&self) {
        if let Some((text, source)) = self.replaced.get_untracked() {
            self.replaced.set(None);
            self.draft.set(text);
            self.source.set(source);
            self.submit_and_reveal();
        }
    }

    /// Selects 1-based source line `line` in the editor and scrolls to it.
    pub fn show_line(&self, line: usize) {
        let Some(area) = self.editor.get_untracked() else {
            return;
        };
        let value = area.value();
        let Some((start, end)) = format::line_range_utf16(&value, line) else {
            return;
        };
        // Blur first: Chromium scrolls a textarea to its selection on focus.
        let _ = area.blur();
        let _ = area.set_selection_range(start, end);
        let _ = area.focus();
        area.scroll_into_view();
    }

    /// Highlights the table cell with DOM id `id`, opens its table if it was
    /// folded, scrolls it to the middle of the screen and focuses it (so the
    /// keyboard continues from there).
    pub fn jump_to(&self, id: String) {
        let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id)) else {
            return;
        };
        if let Ok(Some(details)) = el.closest("details") {
            let _ = details.set_attribute("open", "");
        }
        self.jump.set(Some(id));
        if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        opts.set_inline(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// Runs the core on a submission.
fn check(submission: Option<&Submission>) -> Outcome {
    let Some(sub) = submission else {
        return Outcome::Idle;
    };
    if sub.text.trim().is_empty() {
        return Outcome::Refused(InputError::Empty.zh());
    }
    let started = now();
    let report = match sub.source.file.as_deref() {
        // The text as read from the file: checked as the CLI checks a file,
        // so the report names each finding's page or sheet.
        Some(x) if *x.text == *sub.text => crate::check_extracted(&sub.source.name, x),
        // Typed, pasted, decoded, or edited since it was read (then the
        // pages of its lines are no longer known).
        _ => {
            let mut report = crate::check_text(&sub.source.name, &sub.text);
            report.encoding = sub.source.encoding.clone();
            report
        }
    };
    let targets = report.findings.iter().map(|f| locate::finding_target(&report, f)).collect();
    let related = report.findings.iter().map(|f| f.related.iter().map(|c| locate::related_target(&report, c)).collect()).collect();
    let counts = report.sangong_counts.clone().unwrap_or_default();
    let millis = now() - started;
    Outcome::Checked {
        report: Box::new(report),
        targets,
        related,
        counts,
        text: sub.text.clone(),
        source: sub.source.clone(),
        seq: sub.seq,
        millis,
    }
}

/// Scrolls the result summary to the top of the window. The result renders
/// on the next tick, so this waits for the next frame.
fn reveal_result() {
    request_animation_frame(|| {
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("summary")) {
            el.scroll_into_view();
        }
    });
}

pub(crate) fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let checker = Checker::new();
    let dragging = RwSignal::new(false);
    load::listen_for_drops(checker, dragging);
    storage::restore_and_keep(checker);

    view! {
        <div class="drop-overlay" class:shown=move || dragging.get() aria-hidden="true">
            <p>"松开鼠标即可载入文件"</p>
        </div>
        <header class="site">
            <h1>"公开核对"</h1>
            <p class="tagline">
                "核对部门预算、决算公开文本中的表格数字是否自洽。全部在本机浏览器中完成，文本不会上传。"
            </p>
            <nav aria-label="页内导航">
                <a href="#input">"输入"</a>
                <a href="#summary">"结果"</a>
                <a href="#findings">"发现"</a>
                <a href="#tables">"表格"</a>
                <a href="#rules">"规则"</a>
            </nav>
        </header>
        <main>
            <input::InputPanel checker=checker />
            <summary::Summary checker=checker />
            <findings::Findings checker=checker />
            <sangong::Sangong checker=checker />
            <tables::Tables checker=checker />
            <rule_list::RuleList />
        </main>
        <footer class="site">
            <p>"公开核对 · 开源软件 · 结果仅供参考，以原文为准。"</p>
        </footer>
    }
}

/// Installs the panic hook and mounts [`App`] into `#app`.
pub fn mount() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        // The app is dead after a panic; say so instead of looking frozen.
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("fatal")) {
            let _ = el.remove_attribute("hidden");
        }
    }));
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match root {
        Some(root) => {
            // Drop the "loading" placeholder.
            root.set_text_content(None);
            leptos::mount::mount_to(root, App).forget();
        }
        None => leptos::mount::mount_to_body(App),
    }
}
