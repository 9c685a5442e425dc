//! The browser app (wasm32 only): a Leptos CSR front end over [`gongkai::check_text`].
//!
//! Everything runs in the browser; the only requests are same-origin fetches
//! of the glue (once, for the worker) and of the bundled samples. Checks run
//! in a Web Worker ([`worker`], the same wasm; [`job`] is what it does), so
//! the page stays responsive; the page only renders the report it gets back.
//! State lives in [`App`] and flows down: the text being edited, the last
//! submitted snapshot, and the check [`Outcome`] the worker sent for that
//! snapshot, so no component keeps its own copy of a report. User text is
//! only ever rendered as text nodes.

mod chart;
mod export;
mod findings;
mod input;
mod load;
mod rule_list;
mod sangong;
mod scroll;
mod storage;
mod summary;
mod tables;
mod worker;

use std::sync::Arc;

use leptos::html::Textarea;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::{format, job, locate};
use gongkai::{DocumentReport, InputError};
use job::{Job, Loaded, Reply};

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
    pub file: Option<Arc<gongkai::input::Extracted>>,
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
        self.file.as_deref().map(|x| x.kind.summary(x.pages, &x.hidden_sheets))
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
        /// The text that was checked.
        text: Arc<str>,
        /// Where the text came from.
        source: Source,
        /// The submission's sequence number.
        seq: u32,
        /// How long the check took in the browser, in milliseconds.
        millis: f64,
    },
}

impl Outcome {
    /// The report, when a text was checked and recognised as a disclosure:
    /// only such a report has findings and tables to show.
    pub fn recognised(&self) -> Option<&DocumentReport> {
        match self {
            Outcome::Checked { report, .. } if report.document.kind != gongkai::model::DocumentKind::Unknown => Some(report),
            _ => None,
        }
    }
}

/// A message about loading input (a file that is not text, a failed fetch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Something is being read.
    Busy(String),
    /// Loading failed; the editor was left as it was.
    Error(String),
}

/// What a job's caller is handed: its progress and result, or why it
/// failed; shared between the worker's reply and the in-page fallback.
type Done = std::rc::Rc<std::cell::RefCell<dyn FnMut(Result<Reply, String>)>>;

/// The shared state, all `Copy` handles, passed down to the components.
#[derive(Clone, Copy)]
pub struct Checker {
    /// The editor's text.
    pub draft: RwSignal<String>,
    /// Where the editor's text came from.
    pub source: RwSignal<Source>,
    /// The snapshot last handed to the checker.
    pub submission: RwSignal<Option<Submission>>,
    /// The check result of `submission`, set when the worker replies.
    pub outcome: RwSignal<Arc<Outcome>>,
    /// Whether a check is running (the busy indicator).
    pub checking: RwSignal<bool>,
    /// Why checks run in the page rather than in a worker, once a worker
    /// failed to start.
    pub fallback: RwSignal<Option<String>>,
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
    /// The check waiting for typing to pause, if any.
    pub pending: StoredValue<Option<TimeoutHandle>>,
}

impl Checker {
    fn new() -> Checker {
        Checker {
            draft: RwSignal::new(String::new()),
            source: RwSignal::new(Source::pasted()),
            submission: RwSignal::new(None),
            outcome: RwSignal::new(Arc::new(Outcome::Idle)),
            checking: RwSignal::new(false),
            fallback: RwSignal::new(None),
            notice: RwSignal::new(None),
            editor: NodeRef::new(),
            jump: RwSignal::new(None),
            keep: RwSignal::new(storage::opted_in()),
            replaced: RwSignal::new(None),
            pending: StoredValue::new(None),
        }
    }

    /// Checks the editor's text once `delay` passes without another change
    /// (the caller cancels the previous wait first).
    pub fn submit_after(&self, delay: std::time::Duration) {
        let checker = *self;
        let handle = set_timeout_with_handle(
            move || {
                checker.pending.set_value(None);
                checker.submit_quietly();
            },
            delay,
        );
        self.pending.set_value(handle.ok());
    }

    /// Forgets the check waiting for typing to pause: something else (a
    /// button, a file, a paste) checks now.
    pub fn cancel_pending(&self) {
        if let Some(h) = self.pending.get_value() {
            h.clear();
        }
        self.pending.set_value(None);
    }

    /// Hands the editor's current text to the checker (the worker); a check
    /// still running is stopped.
    pub fn submit(&self) {
        let text: Arc<str> = self.draft.with_untracked(|t| Arc::from(t.as_str()));
        let source = self.source.get_untracked();
        let seq = self.next_seq();
        // A jump target belongs to the previous report's cells.
        self.jump.set(None);
        self.submission.set(Some(Submission { seq, source: source.clone(), text: text.clone() }));
        if text.trim().is_empty() {
            self.stop();
            self.outcome.set(Arc::new(Outcome::Refused(InputError::Empty.zh())));
            return;
        }
        let job = match source.file.as_deref() {
            // The text as read from the file: checked as the CLI checks a
            // file, so the report names each finding's page or sheet.
            Some(x) if *x.text == *text => Job::Extracted { name: source.name.clone(), extracted: x.clone() },
            // Typed, pasted, decoded, or edited since it was read (then the
            // pages of its lines are no longer known).
            _ => Job::Text { name: source.name.clone(), text: text.to_string(), encoding: source.encoding.clone() },
        };
        let checker = *self;
        let sub = Submission { seq, source, text };
        self.run(job, None, move |reply| match reply {
            Ok(Reply::Checked { report, millis, .. }) => checker.show(&sub, *report, millis),
            Ok(Reply::Refused { message }) => checker.outcome.set(Arc::new(Outcome::Refused(message))),
            Ok(Reply::Progress { .. }) => {}
            Err(why) => checker.outcome.set(Arc::new(Outcome::Refused(crashed(&why)))),
        });
    }

    fn next_seq(&self) -> u32 {
        let last = self.outcome.with_untracked(|o| if let Outcome::Checked { seq, .. } = &**o { *seq } else { 0 });
        self.submission.with_untracked(|s| s.as_ref().map_or(0, |s| s.seq)).max(last) + 1
    }

    /// Stops the check or file read in progress, if any.
    pub fn stop(&self) {
        worker::cancel();
        self.checking.set(false);
        if matches!(self.notice.get_untracked(), Some(Notice::Busy(_))) {
            self.notice.set(None);
        }
    }

    /// Stops the check in progress at the user's request. The result shown
    /// before was not this text's, so the page says the check was stopped
    /// instead; the text stays in the editor.
    pub fn stop_by_user(&self) {
        self.stop();
        self.outcome.set(Arc::new(Outcome::Refused("已停止核对。文字仍在输入框中；点“检查”可重新核对。".to_string())));
    }

    /// Runs a job in the worker (or, when none can start, in the page) and
    /// hands `done` its progress and result, or why it failed. The busy
    /// indicator shows meanwhile; a newer job makes this one's result moot.
    fn run(&self, job: Job, bytes: Option<js_sys::Uint8Array>, done: impl FnMut(Result<Reply, String>) + 'static) {
        let checker = *self;
        if matches!(self.notice.get_untracked(), Some(Notice::Busy(_))) && !matches!(job, Job::Bytes { .. }) {
            self.notice.set(None);
        }
        self.checking.set(true);
        let done = std::rc::Rc::new(std::cell::RefCell::new(done));
        let fallback_job = job.clone();
        let fallback_bytes = bytes.clone();
        worker::send(&job, bytes, move |event| {
            let result = match event {
                worker::Event::Reply(reply @ Reply::Progress { .. }) => return (done.borrow_mut())(Ok(reply)),
                worker::Event::Reply(reply) => Ok(reply),
                worker::Event::Crashed(why) => Err(why),
                worker::Event::Unavailable(why) => {
                    checker.fallback.set(Some(why));
                    return checker.run_here(fallback_job.clone(), fallback_bytes.clone(), done.clone());
                }
            };
            checker.checking.set(false);
            (done.borrow_mut())(result);
        });
    }

    /// Runs a job in the page, after letting it paint the busy indicator:
    /// the fallback when no worker can start.
    fn run_here(&self, job: Job, bytes: Option<js_sys::Uint8Array>, done: Done) {
        let checker = *self;
        // A newer job (or a stop) supersedes this one, as in the worker.
        let token = worker::current_job();
        set_timeout(
            move || {
                if worker::current_job() != token {
                    return;
                }
                let bytes = bytes.map(|b| b.to_vec());
                let reply = job::run(job, bytes.as_deref(), &now, &mut |_, _| {});
                if worker::current_job() != token {
                    return;
                }
                worker::cancel();
                checker.checking.set(false);
                (done.borrow_mut())(Ok(reply));
            },
            std::time::Duration::from_millis(30),
        );
    }

    /// Shows the report the worker sent for a submission.
    fn show(&self, sub: &Submission, report: DocumentReport, millis: f64) {
        self.outcome.set(Arc::new(Outcome::Checked {
            report: Box::new(report),
            text: sub.text.clone(),
            source: sub.source.clone(),
            seq: sub.seq,
            millis,
        }));
    }

    /// Submits unless the editor is blank (then shows nothing rather than
    /// scolding someone who is still typing).
    pub fn submit_quietly(&self) {
        if self.draft.with_untracked(|t| t.trim().is_empty()) {
            self.stop();
            self.submission.set(None);
            self.outcome.set(Arc::new(Outcome::Idle));
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

    /// Loads bytes from a file or sample into the editor and checks them,
    /// both in the worker: a PDF, workbook, .docx or HTML file (told by
    /// content) is read into layout text first, as the CLI does; anything
    /// else is decoded as text. On failure the editor keeps what it had and
    /// the reason is shown.
    pub fn load_bytes(&self, name: &str, bytes: js_sys::Uint8Array) {
        let checker = *self;
        let name = name.to_string();
        self.notice.set(Some(Notice::Busy(format!("正在读取“{name}”…"))));
        let job = Job::Bytes { name: name.clone() };
        self.run(job, Some(bytes), move |reply| match reply {
            Ok(Reply::Progress { done, pages }) => {
                checker.notice.set(Some(Notice::Busy(format!("正在读取“{name}”：第 {done} 页，共 {pages} 页…"))));
            }
            Ok(Reply::Checked { report, millis, loaded: Some(loaded) }) => checker.show_loaded(&name, loaded, *report, millis),
            Ok(Reply::Checked { loaded: None, .. }) => checker.notice.set(Some(Notice::Error(format!("“{name}”：没有读到文本")))),
            Ok(Reply::Refused { message }) => checker.notice.set(Some(Notice::Error(format!("“{name}”：{message}")))),
            Err(why) => checker.notice.set(Some(Notice::Error(format!("“{name}”：{}", crashed(&why))))),
        });
    }

    /// Puts a file's or sample's text in the editor with the report the
    /// worker made of it.
    fn show_loaded(&self, name: &str, loaded: Loaded, report: DocumentReport, millis: f64) {
        let (text, source) = match loaded {
            Loaded::File { extracted } => (
                extracted.text.clone(),
                Source {
                    name: name.to_string(),
                    encoding: None,
                    had_errors: false,
                    edited: false,
                    file: Some(Arc::new(extracted)),
                    layout: false,
                },
            ),
            Loaded::Text { text, encoding, had_errors } => {
                (text, Source { name: name.to_string(), encoding: Some(encoding), had_errors, edited: false, file: None, layout: false })
            }
        };
        // Only the user's own text is worth offering back; an unedited file
        // can simply be loaded again.
        let previous = self.draft.get_untracked();
        let before = self.source.get_untracked();
        let own = !previous.trim().is_empty() && (!before.loaded() || before.edited);
        self.replaced.set(own.then_some((previous, before)));
        let sub = Submission { seq: self.next_seq(), source: source.clone(), text: Arc::from(text.as_str()) };
        self.draft.set(text);
        self.source.set(source);
        self.notice.set(None);
        self.jump.set(None);
        self.submission.set(Some(sub.clone()));
        self.show(&sub, report, millis);
        reveal_result();
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

/// What the page says when the checker died on a text (a panic, or out of
/// memory): the text is kept.
fn crashed(why: &str) -> String {
    format!("核对程序出错，没有得到结果（{why}）。您的文字仍在输入框中：可以点“检查”重试，或只粘贴需要核对的部分。")
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
    storage::restore_and_keep(checker);

    view! {
        <input::DropZone checker=checker />
        <SiteHeader />
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

/// The page's title, what it does, and links to its panels.
#[component]
fn SiteHeader() -> impl IntoView {
    view! {
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
    }
}

/// The wasm's entry point: in the page, mounts the app; in the checking
/// worker (the same wasm, see [`worker`]), serves checks instead.
pub fn start() {
    if worker::in_worker() {
        worker::serve();
    } else {
        worker::prepare();
        mount();
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
