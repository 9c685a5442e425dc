//! Getting bytes into the checker: files (picker or drag-and-drop) and the
//! bundled samples (same-origin, relative URLs only, or inline in the
//! single-file build).

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::{Checker, Notice};

/// A disclosure bundled with the app under `samples/`.
pub struct Sample {
    /// File name under `samples/`.
    pub file: &'static str,
    /// What the chooser shows.
    pub label: &'static str,
}

/// The bundled samples: the five real disclosures of the test corpus.
pub const SAMPLES: &[Sample] = &[
    Sample { file: "yantai-office-2024-final.txt", label: "烟台市人民政府办公室 2024年度部门决算" },
    Sample { file: "qingdao-office-2024-final.txt", label: "青岛市人民政府办公厅 2024年度部门决算" },
    Sample { file: "yantai-bigdata-2023-final.txt", label: "烟台市大数据局 2023年度部门决算" },
    Sample { file: "yantai-office-2023-budget.txt", label: "烟台市人民政府办公室 2023年部门预算" },
    Sample { file: "qingdao-office-2023-budget.txt", label: "青岛市人民政府办公厅（本级）2023年单位预算" },
];

/// Reads a user's file and hands its bytes to the worker, which reads it
/// (a PDF page by page, with the progress shown) and checks it; errors
/// become a notice. The bytes stay in this browser: nothing is sent
/// anywhere.
pub fn load_file(checker: Checker, file: web_sys::File) {
    let name = file.name();
    let token = next_load();
    checker.notice.set(Some(Notice::Busy(format!("正在读取“{name}”…"))));
    spawn_local(async move {
        let bytes = match JsFuture::from(file.array_buffer()).await {
            Ok(buf) => js_sys::Uint8Array::new(&buf),
            Err(e) => {
                checker.notice.set(Some(Notice::Error(format!("无法读取文件“{name}”：{}", describe(&e)))));
                return;
            }
        };
        if !is_current(token) {
            return;
        }
        checker.load_bytes(&name, bytes);
    });
}

thread_local! {
    /// Counts files chosen or dropped, so a slow read can tell it was superseded.
    static LOADS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn next_load() -> u32 {
    LOADS.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    })
}

fn is_current(token: u32) -> bool {
    LOADS.with(|n| n.get() == token)
}

/// Loads a bundled sample: from the page itself when the single-file build
/// (gongkai-offline.html) carries it inline, else by its relative URL.
pub fn load_sample(checker: Checker, sample: &'static Sample) {
    // A file still being read must not replace the sample when it is done.
    let token = next_load();
    if let Some(text) = inline_sample(sample) {
        checker.load_bytes(sample.label, js_sys::Uint8Array::from(text.as_bytes()));
        return;
    }
    checker.notice.set(Some(Notice::Busy(format!("正在载入示例“{}”…", sample.label))));
    spawn_local(async move {
        match fetch_bytes(&format!("samples/{}", sample.file)).await {
            Ok(_) if !is_current(token) => {}
            Ok(bytes) => checker.load_bytes(sample.label, bytes),
            Err(e) => checker.notice.set(Some(Notice::Error(format!("无法载入示例：{e}")))),
        }
    });
}

/// The text of a sample the page carries inline (in a hidden element with
/// the id `sample-FILE`), if it does. A file:// page cannot fetch anything.
fn inline_sample(sample: &Sample) -> Option<String> {
    web_sys::window()?.document()?.get_element_by_id(&format!("sample-{}", sample.file))?.text_content()
}

async fn fetch_bytes(url: &str) -> Result<js_sys::Uint8Array, String> {
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    let resp = JsFuture::from(window.fetch_with_str(url)).await.map_err(|e| describe(&e))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "服务器的回应不正确".to_string())?;
    if !resp.ok() {
        return Err(format!("服务器返回 {}", resp.status()));
    }
    let buf = resp.array_buffer().map_err(|e| describe(&e))?;
    let buf = JsFuture::from(buf).await.map_err(|e| describe(&e))?;
    Ok(js_sys::Uint8Array::new(&buf))
}

fn describe(e: &JsValue) -> String {
    e.as_string().or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()))).unwrap_or_else(|| "未知错误".to_string())
}

/// Lets a file be dropped anywhere on the page; `dragging` drives the overlay.
pub fn listen_for_drops(checker: Checker, dragging: RwSignal<bool>) {
    // The listeners live as long as the page, so their handles are not kept.
    let _ = window_event_listener(ev::dragover, move |e| {
        // Without preventDefault the browser would open the file itself.
        e.prevent_default();
        if carries_files(&e) {
            dragging.set(true);
        }
    });
    let _ = window_event_listener(ev::dragleave, move |e| {
        // related_target is null only when the pointer leaves the window.
        if e.related_target().is_none() {
            dragging.set(false);
        }
    });
    let _ = window_event_listener(ev::drop, move |e| {
        e.prevent_default();
        dragging.set(false);
        let file = e.data_transfer().and_then(|dt| dt.files()).and_then(|files| files.get(0));
        if let Some(file) = file {
            load_file(checker, file);
        }
    });
}

fn carries_files(e: &web_sys::DragEvent) -> bool {
    e.data_transfer().map(|dt| dt.types().iter().any(|t| t.as_string().as_deref() == Some("Files"))).unwrap_or(false)
}
