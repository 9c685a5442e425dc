//! The input panel: a toolbar (sample chooser, file picker), the editor
//! (typing and paste handling), the 检查 button, the keep-the-text switch,
//! the notices, and the page-wide drop zone, each a small component over
//! the shared [`Checker`].

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::load::{listen_for_drops, load_file, load_sample, SAMPLES};
use super::{format, storage, Checker, Notice, Source};

/// What the file picker offers (any file can still be dropped: the kind is
/// told by content, not by this list).
const ACCEPT: &str = ".pdf,.xlsx,.xls,.docx,.html,.htm,.txt,.csv,text/plain,text/html,application/pdf";

/// How long typing must pause before the text is checked again.
const DEBOUNCE: Duration = Duration::from_millis(500);

/// A change that replaces the text with at least this many characters is a
/// new document (pasted, dropped, filled in), not typing: checked at once.
const BULK: usize = 200;

/// Whether an input event is a paste or drop rather than typing.
fn is_paste(ev: &leptos::ev::Event) -> bool {
    ev.dyn_ref::<web_sys::InputEvent>().is_some_and(|e| matches!(e.input_type().as_str(), "insertFromPaste" | "insertFromDrop"))
}

/// The layout text of a paste's tables, when the clipboard carries a
/// text/html with a table (copied from a web page, Excel, WPS or
/// LibreOffice): read by the same reader as a dropped .html file
/// ([`gongkai::input::clipboard`]), so the text is what that file would
/// give. None for anything else (prose from a web page, plain text): the
/// browser then pastes its plain text as always. The HTML is only read as a
/// string, never put into the page, so nothing in it is loaded or run.
fn clipboard_tables(ev: &web_sys::ClipboardEvent) -> Option<String> {
    let html = ev.clipboard_data()?.get_data("text/html").ok()?;
    if html.is_empty() {
        return None;
    }
    gongkai::input::clipboard(&html)
}

/// Puts `text` in place of the editor's selection and sends the `input`
/// event of a paste, which checks it. Not through the editing commands
/// (`execCommand("insertText")`), which keep 撤销 but take Chromium 4–7 s
/// for a whole document's 1 300 lines (setRangeText: 1 ms); the caller
/// offers the replaced text back instead. A table pasted in the middle of a
/// line starts on a line of its own.
fn insert_pasted(area: &web_sys::HtmlTextAreaElement, text: &str) {
    let value = area.value();
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(start).max(start);
    let before = (start as usize).checked_sub(1).and_then(|i| value.encode_utf16().nth(i));
    let text = if start > 0 && before != Some(u16::from(b'\n')) { format!("\n{text}") } else { text.to_string() };
    if area.set_range_text_with_start_and_end_and_mode(&text, start, end, "end").is_err() {
        return;
    }
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    init.set_input_type("insertFromPaste");
    if let Ok(ev) = web_sys::InputEvent::new_with_event_init_dict("input", &init) {
        let _ = area.dispatch_event(&ev);
    }
}

/// Where the text goes in, and how.
#[component]
pub fn InputPanel(checker: Checker) -> impl IntoView {
    view! {
        <section id="input" class="panel input" aria-labelledby="input-heading">
            <h2 id="input-heading" class="visually-hidden">"输入"</h2>
            <Toolbar checker=checker />
            <Editor checker=checker />
            <Actions checker=checker />
            <KeepText checker=checker />
            <Notices checker=checker />
        </section>
    }
}

/// The sample chooser and the file picker above the editor.
#[component]
fn Toolbar(checker: Checker) -> impl IntoView {
    view! {
        <div class="toolbar">
            <SampleChooser checker=checker />
            <FileChooser checker=checker />
            <span class="hint">"也可以把文件拖到页面任意位置。"</span>
        </div>
    }
}

/// A select of the bundled samples; choosing one loads and checks it.
#[component]
fn SampleChooser(checker: Checker) -> impl IntoView {
    let on_sample = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(sample) = SAMPLES.iter().find(|s| s.file == value) {
            checker.cancel_pending();
            load_sample(checker, sample);
        }
        // Back to the prompt: the source line says what is loaded, and the
        // same sample can be chosen again after editing.
        if let Some(select) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
            select.set_value("");
        }
    };
    view! {
        <label class="sample">
            <span>"载入示例"</span>
            <select on:change=on_sample>
                <option value="">"选择一份公开文本…"</option>
                {SAMPLES.iter().map(|s| view! { <option value=s.file>{s.label}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// The file picker, a button-like label over a hidden file input.
#[component]
fn FileChooser(checker: Checker) -> impl IntoView {
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            checker.cancel_pending();
            load_file(checker, file);
        }
        // Let the same file be chosen again after it has been edited.
        input.set_value("");
    };
    view! {
        <label class="file button-like">
            "选择文件（PDF、Excel、Word、网页或文本）"
            <input type="file" accept=ACCEPT class="visually-hidden" on:change=on_file />
        </label>
    }
}

/// The editor: its text is the draft; a paste or a pause in typing checks it.
#[component]
fn Editor(checker: Checker) -> impl IntoView {
    // Set while a paste's tables are being inserted: the input event that
    // follows is that paste's.
    let pasting_tables = StoredValue::new(false);
    view! {
        <label for="paste" class="paste-label">"粘贴公开文本"</label>
        <textarea
            id="paste"
            node_ref=checker.editor
            spellcheck="false"
            // A file's layout text keeps its columns only unwrapped.
            wrap=move || checker.source.with(|s| if s.file.is_some() || s.layout { "off" } else { "soft" })
            placeholder="把部门预算或决算公开文本（含“公开01表”等表格）整篇粘贴到这里，粘贴后会自动核对；手动修改后停顿片刻也会重新核对。"
            prop:value=move || checker.draft.get()
            on:input=move |ev| edited(checker, pasting_tables.get_value(), &ev)
            on:paste=move |ev| paste_tables(checker, pasting_tables, &ev)
        ></textarea>
    }
}

/// The editor's text changed (`tables`: by a paste of tables): it becomes
/// the draft, checked at once when a whole document arrived, else after a
/// pause in typing.
fn edited(checker: Checker, tables: bool, ev: &leptos::ev::Event) {
    let text = event_target_value(ev);
    let replaced = checker.draft.with_untracked(|old| format::mostly_replaced(old, &text));
    if text.trim().is_empty() || replaced {
        // Not the loaded file any more: a new paste, or a cleared editor.
        checker.source.set(if tables { Source::pasted_tables() } else { Source::pasted() });
    } else {
        checker.source.update(|s| {
            s.edited = true;
            s.layout |= tables;
        });
    }
    let bulk = replaced && text.len() >= BULK;
    // Typing makes this the text to keep; the offer to restore the
    // replaced one would now undo the user's edits.
    checker.replaced.set(None);
    checker.draft.set(text);
    checker.cancel_pending();
    if bulk || tables || is_paste(ev) {
        // A whole document arrived: no reason to wait for more typing,
        // and the reader wants its result, not the text they just pasted.
        checker.submit_pasted();
    } else {
        checker.submit_after(DEBOUNCE);
    }
}

/// A table copied from a web page or a spreadsheet: its rows laid out as a
/// dropped .html file's are, instead of the browser's plain text.
fn paste_tables(checker: Checker, pasting_tables: StoredValue<bool>, ev: &web_sys::ClipboardEvent) {
    let Some(text) = clipboard_tables(ev) else {
        return;
    };
    let Some(area) = checker.editor.get_untracked() else {
        return;
    };
    ev.prevent_default();
    let previous = checker.draft.get_untracked();
    let source = checker.source.get_untracked();
    pasting_tables.set_value(true);
    insert_pasted(&area, &text);
    pasting_tables.set_value(false);
    // The browser's 撤销 does not cover a text set by script: a paste that
    // replaced the user's own text offers it back, as a file does.
    let replaced = checker.draft.with_untracked(|now| format::mostly_replaced(&previous, now));
    let own = !previous.trim().is_empty() && (!source.loaded() || source.edited);
    if replaced && own {
        checker.replaced.set(Some((previous, source)));
    }
}

/// The 检查 button and where the text came from.
#[component]
fn Actions(checker: Checker) -> impl IntoView {
    let on_check = move |_| {
        checker.cancel_pending();
        checker.submit_and_reveal();
    };
    view! {
        <div class="actions">
            <button type="button" class="primary" on:click=on_check>"检查"</button>
            <span class="source">{move || checker.source.with(source_line)}</span>
        </div>
    }
}

/// "来源：…": the text's origin, what was read from it and whether it was
/// edited since.
fn source_line(s: &Source) -> String {
    let mut line = format!("来源：{}", s.name);
    if let Some(read) = s.file_summary() {
        line.push_str(&format!("（{read}）"));
    } else if let Some(enc) = &s.encoding {
        line.push_str(&format!("（按 {enc} 解码）"));
    }
    if s.layout && s.file.is_none() {
        line.push_str("（表格按复制来源的行列排好）");
    }
    if s.edited && s.loaded() {
        line.push_str("，已编辑");
    }
    line
}

/// The opt-in to keep the text in this browser, and the way to forget it.
#[component]
fn KeepText(checker: Checker) -> impl IntoView {
    let on_keep = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        if !on {
            storage::forget();
        }
        checker.keep.set(on);
    };
    let on_forget = move |_| {
        storage::forget();
        checker.keep.set(false);
    };
    let hint = move || {
        if checker.keep.get() {
            "文本保存在这台电脑的浏览器中，刷新或重新打开本页后会自动恢复；不会上传。"
        } else {
            "默认不保存：刷新页面后输入框为空。"
        }
    };
    view! {
        <div class="keep">
            <label>
                <input type="checkbox" prop:checked=move || checker.keep.get() on:change=on_keep />
                "在本机保存粘贴的文本"
            </label>
            <span class="hint">{hint}</span>
            <Show when=move || checker.keep.get()>
                <button type="button" class="secondary" on:click=on_forget>"清除本机保存的文本"</button>
            </Show>
        </div>
    }
}

/// What the input panel has to say: a replaced text to restore, bytes that
/// did not decode, a file being read or failing to.
#[component]
fn Notices(checker: Checker) -> impl IntoView {
    let notice = move || {
        checker.notice.get().map(|n| match n {
            Notice::Busy(msg) => view! { <p class="notice busy" role="status">{msg}</p> }.into_any(),
            Notice::Error(msg) => view! { <p class="notice error" role="alert">{msg}</p> }.into_any(),
        })
    };
    view! {
        <Show when=move || checker.replaced.with(Option::is_some)>
            <p class="notice busy replaced" role="status">
                "输入框中原来的文本已被替换。"
                <button type="button" class="secondary" on:click=move |_| checker.restore_replaced()>
                    "恢复原来的文本"
                </button>
            </p>
        </Show>
        <Show when=move || checker.source.with(|s| s.had_errors)>
            <p class="notice warn" role="status">
                "注意：文件中有部分字节无法按该编码解码，已显示为 �。数字可能受影响。"
            </p>
        </Show>
        {notice}
    }
}

/// Lets a file be dropped anywhere on the page, with an overlay that says
/// so while one is dragged over it.
#[component]
pub fn DropZone(checker: Checker) -> impl IntoView {
    let dragging = RwSignal::new(false);
    listen_for_drops(checker, dragging);
    view! {
        <div class="drop-overlay" class:shown=move || dragging.get() aria-hidden="true">
            <p>"松开鼠标即可载入文件"</p>
        </div>
    }
}
