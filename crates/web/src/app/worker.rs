//! The checking worker: the page's own wasm module, instantiated a second
//! time in a dedicated Web Worker, so that a long check never freezes the
//! page.
//!
//! One binary serves both. The page posts its compiled
//! `WebAssembly.Module` ([`wasm_bindgen::module`]) to a worker whose script
//! is the wasm-bindgen glue made a classic script, plus a few lines
//! ([`job::worker_script`]), from a `blob:` URL: a file:// page can start no
//! other worker (Chromium refuses a module worker there, even from a
//! `blob:`), and the glue's file name changes with every build. The glue's text comes from the page's inline script in
//! the single-file build, else from the glue's own URL, fetched once when the
//! page starts. The wasm's start function sees the worker's global scope and
//! calls [`serve`] instead of mounting the app.
//!
//! Jobs and replies are JSON ([`super::job`]). A new job while one runs
//! terminates the worker (the only way to stop a runaway check) and starts a
//! fresh one; so does [`cancel`]. A worker is started when the page starts,
//! so no check waits for one (and none makes a request). When no worker can start (no `Worker`, a CSP that
//! forbids it, a browser without module workers), the caller gets
//! [`Event::Unavailable`] and checks in the page.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::job::{self, Job, Reply};

/// Ends the glue in the single-file page's inline script (written by
/// scripts/offline-html.mjs); what follows it starts the page.
const GLUE_END: &str = "\n//# gongkai: end of glue\n";

/// The id of the single-file page's inline script.
const INLINE_SCRIPT: &str = "gongkai-script";

#[wasm_bindgen]
extern "C" {
    /// The glue's own URL (`import.meta.url` in the glue module).
    #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
    static GLUE_URL: String;
}

/// Whether this instance runs in a dedicated worker (then it must not touch
/// a document it does not have).
pub fn in_worker() -> bool {
    js_sys::global().has_type::<web_sys::DedicatedWorkerGlobalScope>()
}

// ---- in the worker --------------------------------------------------------

/// Serves jobs: `[id, job JSON, bytes or null]` in, `[id, reply JSON]` out
/// (progress replies first, for a PDF), `[id, reply JSON, text]` for a
/// file's reply whose text was taken out of the JSON. `[0, "ready"]` says
/// it started.
pub fn serve() {
    // A panic kills this instance; the page sees the worker's error event.
    std::panic::set_hook(Box::new(console_error_panic_hook::hook));
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post_scope = scope.clone();
    let on = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let data = Array::from(&e.data());
        let id = data.get(0);
        let post = |reply: &Reply| {
            let json = serde_json::to_string(reply).unwrap_or_default();
            let _ = post_scope.post_message(&Array::of2(&id, &JsValue::from_str(&json)));
        };
        // A file's text (megabytes for a large PDF) goes beside the JSON,
        // not escaped inside it and parsed again.
        let post_final = |mut reply: Reply| {
            let text = match &mut reply {
                Reply::Checked { loaded: Some(job::Loaded::File { extracted }), .. } => std::mem::take(&mut extracted.text),
                _ => return post(&reply),
            };
            let json = serde_json::to_string(&reply).unwrap_or_default();
            let _ = post_scope.post_message(&Array::of3(&id, &JsValue::from_str(&json), &JsValue::from_str(&text)));
        };
        let bytes = data.get(2).dyn_into::<Uint8Array>().ok().map(|b| b.to_vec());
        let reply = match serde_json::from_str::<Job>(&data.get(1).as_string().unwrap_or_default()) {
            Ok(job) => job::run(job, bytes.as_deref(), &js_sys::Date::now, &mut |done, pages| post(&Reply::Progress { done, pages })),
            Err(e) => Reply::Refused { message: format!("核对程序无法识别这项任务：{e}") },
        };
        post_final(reply);
    });
    scope.set_onmessage(Some(on.as_ref().unchecked_ref()));
    on.forget();
    let _ = scope.post_message(&Array::of2(&JsValue::from(0), &JsValue::from_str("ready")));
}

// ---- in the page ----------------------------------------------------------

/// What becomes of a job.
pub enum Event {
    /// A reply: progress (more follows) or the result.
    Reply(Reply),
    /// The worker died during the job (a panic, out of memory): what it said.
    Crashed(String),
    /// No worker could be started: why. The caller checks in the page.
    Unavailable(String),
}

type Handler = Rc<RefCell<dyn FnMut(Event)>>;

/// The page's side: at most one worker, at most one job.
#[derive(Default)]
struct Client {
    /// Resolves to the worker script's blob: URL (see [`prepare`]).
    script: Option<js_sys::Promise>,
    /// Why workers cannot be used here, once that is known.
    broken: Option<String>,
    worker: Option<web_sys::Worker>,
    /// Counts workers started, so a dead one's events are ignored.
    generation: u32,
    /// Whether the current worker said it started.
    ready: bool,
    /// The job being run, if any, and who wants its events.
    job: u32,
    handler: Option<Handler>,
    /// The current worker's listeners (kept alive with it).
    listeners: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

impl Client {
    /// Stops the worker (and whatever it was doing).
    fn terminate(&mut self) {
        if let Some(w) = self.worker.take() {
            w.set_onmessage(None);
            w.set_onerror(None);
            w.terminate();
        }
        self.listeners.clear();
        self.ready = false;
    }
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::new(Client::default());
}

/// Gets the worker's script ready when the page starts (so that a job does
/// not wait for it, and no request is made while checking): the glue's text
/// from the single-file page itself, else fetched once from its URL.
pub fn prepare() {
    if !js_sys::global().has_type::<web_sys::Window>() {
        return;
    }
    let promise = wasm_bindgen_futures::future_to_promise(async {
        let glue = match inline_glue() {
            Some(glue) => glue,
            None => fetch_glue().await?,
        };
        let parts = Array::of1(&JsValue::from_str(&job::worker_script(&glue)));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type("text/javascript");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
        Ok(JsValue::from_str(&web_sys::Url::create_object_url_with_blob(&blob)?))
    });
    CLIENT.with_borrow_mut(|c| c.script = Some(promise));
    // Started now, so that the first check need not wait for it.
    respawn();
}

/// Starts a worker, unless there is one or workers cannot be used here:
/// after a job was stopped, the next one finds a fresh worker ready.
fn respawn() {
    wasm_bindgen_futures::spawn_local(async {
        if let Err(why) = worker().await {
            CLIENT.with_borrow_mut(|c| c.broken = Some(why));
        }
    });
}

/// The glue, from the single-file page's inline script.
fn inline_glue() -> Option<String> {
    let text = web_sys::window()?.document()?.get_element_by_id(INLINE_SCRIPT)?.text_content()?;
    text.find(GLUE_END).map(|end| text[..end].to_string())
}

async fn fetch_glue() -> Result<String, JsValue> {
    let url = GLUE_URL.with(Clone::clone);
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("没有浏览器窗口"))?;
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_str(&url)).await?.dyn_into()?;
    if !resp.ok() {
        return Err(JsValue::from_str(&format!("服务器返回 {}", resp.status())));
    }
    JsFuture::from(resp.text()?).await?.as_string().ok_or_else(|| JsValue::from_str("核对程序不是文本"))
}

/// Runs `job` in the worker (`bytes` beside it, for [`Job::Bytes`]);
/// `handler` gets its progress and its result, unless another job is sent
/// or [`cancel`] is called first. A job still running is stopped.
pub fn send(job: &Job, bytes: Option<Uint8Array>, handler: impl FnMut(Event) + 'static) {
    let json = serde_json::to_string(job).unwrap_or_default();
    let handler: Handler = Rc::new(RefCell::new(handler));
    let id = CLIENT.with_borrow_mut(|c| {
        if c.handler.is_some() {
            c.terminate();
        }
        c.job = c.job.wrapping_add(1).max(1);
        c.handler = Some(handler);
        c.job
    });
    wasm_bindgen_futures::spawn_local(async move {
        let worker = match worker().await {
            Ok(w) => w,
            Err(why) => {
                CLIENT.with_borrow_mut(|c| c.broken = Some(why.clone()));
                return finish(id, Event::Unavailable(why));
            }
        };
        if !is_current(id) {
            return;
        }
        let msg = Array::of3(&JsValue::from(id), &JsValue::from_str(&json), &bytes.map_or(JsValue::NULL, JsValue::from));
        // Copied, not transferred: the bytes must stay here in case the
        // worker fails to start and the page checks them itself.
        if let Err(e) = worker.post_message(&msg) {
            finish(id, Event::Crashed(describe(&e)));
        }
    });
}

/// Stops the job being run, if any: its handler hears nothing more.
pub fn cancel() {
    let stopped = CLIENT.with_borrow_mut(|c| {
        c.job = c.job.wrapping_add(1).max(1);
        let running = c.handler.take().is_some() && c.worker.is_some();
        if running {
            c.terminate();
        }
        running
    });
    if stopped {
        respawn();
    }
}

/// The id of the latest job sent (or cancelled): a job run in the page
/// checks it to know whether it was superseded.
pub fn current_job() -> u32 {
    CLIENT.with_borrow(|c| c.job)
}

fn is_current(id: u32) -> bool {
    CLIENT.with_borrow(|c| c.job == id && c.handler.is_some())
}

/// Hands an event to job `id`'s handler (if it is still the current job);
/// the job ends unless it is progress.
fn finish(id: u32, event: Event) {
    let last = !matches!(event, Event::Reply(Reply::Progress { .. }));
    let handler = CLIENT.with_borrow_mut(|c| {
        if c.job != id {
            return None;
        }
        if last {
            c.handler.take()
        } else {
            c.handler.clone()
        }
    });
    if let Some(h) = handler {
        (h.borrow_mut())(event);
    }
}

/// The worker, started if there is none.
async fn worker() -> Result<web_sys::Worker, String> {
    let (existing, broken, script) = CLIENT.with_borrow(|c| (c.worker.clone(), c.broken.clone(), c.script.clone()));
    if let Some(w) = existing {
        return Ok(w);
    }
    if let Some(why) = broken {
        return Err(why);
    }
    if !js_sys::global().has_type::<web_sys::Window>() || !Reflect::has(&js_sys::global(), &"Worker".into()).unwrap_or(false) {
        return Err("浏览器不支持后台线程（Web Worker）".to_string());
    }
    let script = script.ok_or("核对程序未准备好")?;
    let url = JsFuture::from(script).await.map_err(|e| describe(&e))?.as_string().unwrap_or_default();
    // Another call may have started one meanwhile.
    if let Some(w) = CLIENT.with_borrow(|c| c.worker.clone()) {
        return Ok(w);
    }
    let worker = web_sys::Worker::new(&url).map_err(|e| describe(&e))?;
    let generation = CLIENT.with_borrow_mut(|c| {
        c.generation = c.generation.wrapping_add(1);
        c.generation
    });
    let on_message = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        if let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() {
            on_message(generation, e.data());
        }
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        e.prevent_default();
        let message = e.dyn_ref::<web_sys::ErrorEvent>().map(|e| e.message()).filter(|m| !m.is_empty());
        on_error(generation, message.unwrap_or_else(|| "后台线程无法运行".to_string()));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    worker.post_message(&wasm_bindgen::module()).map_err(|e| describe(&e))?;
    CLIENT.with_borrow_mut(|c| {
        c.terminate();
        c.worker = Some(worker.clone());
        c.listeners = vec![on_message, on_error];
    });
    Ok(worker)
}

fn on_message(generation: u32, data: JsValue) {
    if CLIENT.with_borrow(|c| c.generation != generation) {
        return;
    }
    if let Some(dead) = Reflect::get(&data, &"dead".into()).ok().and_then(|d| d.as_string()) {
        return on_error(generation, dead);
    }
    let data = Array::from(&data);
    let id = data.get(0).as_f64().unwrap_or(0.0) as u32;
    let text = data.get(1).as_string().unwrap_or_default();
    if id == 0 {
        CLIENT.with_borrow_mut(|c| c.ready = true);
        return;
    }
    let event = match serde_json::from_str::<Reply>(&text) {
        Ok(mut reply) => {
            if let (Reply::Checked { loaded: Some(job::Loaded::File { extracted }), .. }, Some(text)) =
                (&mut reply, data.get(2).as_string())
            {
                extracted.text = text;
            }
            Event::Reply(reply)
        }
        Err(e) => Event::Crashed(format!("结果无法读取：{e}")),
    };
    finish(id, event);
}

/// The worker failed: before it started, workers cannot be used here; after,
/// the job it was running crashed it. Either way it is gone.
fn on_error(generation: u32, message: String) {
    let (id, started) = CLIENT.with_borrow_mut(|c| {
        if c.generation != generation {
            return (None, false);
        }
        let started = c.ready;
        if !started {
            c.broken = Some(message.clone());
        }
        c.terminate();
        (c.handler.is_some().then_some(c.job), started)
    });
    if let Some(id) = id {
        finish(id, if started { Event::Crashed(message) } else { Event::Unavailable(message) });
    }
    if started {
        respawn();
    }
}

fn describe(e: &JsValue) -> String {
    e.as_string().or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()))).unwrap_or_else(|| "未知错误".to_string())
}
