//! What the checking worker does, as plain functions without any browser
//! API: a [`Job`] in, a [`Reply`] out, both sent as JSON between the page and
//! its Web Worker (the app's `worker` module). The page only renders the report it
//! gets back; it never checks anything itself unless no worker could start.
//! Tested natively through the `gongkai-web` binary.

use serde::{Deserialize, Serialize};

use gongkai::input::Extracted;
use gongkai::report::DocumentReport;
use gongkai::InputError;

/// One thing to check.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "snake_case")]
pub enum Job {
    /// Text typed or pasted, a decoded text file, or a file's text edited
    /// since it was read: checked as text.
    Text {
        /// The source's name ("粘贴的文本", a file or sample name).
        name: String,
        /// The text.
        text: String,
        /// The encoding it was decoded from, for the report.
        encoding: Option<String>,
    },
    /// A file's text as it was read (checked again, e.g. by the 检查
    /// button): checked as the CLI checks a file, so findings keep their
    /// pages.
    Extracted {
        /// The file's name.
        name: String,
        /// What was read from it.
        extracted: Extracted,
    },
    /// A file's or sample's bytes (sent beside the JSON): read by content
    /// (PDF, workbook, .docx, HTML, else text), then checked.
    Bytes {
        /// The file's or sample's name.
        name: String,
    },
}

/// What a [`Job::Bytes`] gave: the text that goes into the editor, and
/// where it came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Loaded {
    /// A PDF, workbook, .docx or HTML file, read into layout text.
    File {
        /// What was read.
        extracted: Extracted,
    },
    /// Text, decoded.
    Text {
        /// The text.
        text: String,
        /// The encoding it was decoded from ("GBK/GB18030").
        encoding: String,
        /// Whether some bytes could not be decoded.
        had_errors: bool,
    },
}

/// What the worker sends back.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum Reply {
    /// Reading a PDF: `done` of `pages` pages read so far.
    Progress {
        /// Pages read.
        done: usize,
        /// Pages in the file.
        pages: usize,
    },
    /// The report.
    Checked {
        /// What the core returned.
        report: Box<DocumentReport>,
        /// How long the check took (not counting reading a file), in ms.
        millis: f64,
        /// For [`Job::Bytes`]: the text read and where it came from.
        loaded: Option<Loaded>,
    },
    /// The input could not be read or checked: why, in Chinese.
    Refused {
        /// The message ([`InputError::zh`]).
        message: String,
    },
}

/// Appended to the glue to make the worker's script: the first message is
/// the wasm module; instantiating it runs the start function, which sees a
/// worker and installs the handler for the jobs that follow
/// (`app::worker::serve`). `{dead}` if it cannot start.
const BOOT: &str = r#"
self.onmessage = (e) => {
  self.onmessage = null;
  try {
    initSync({ module: e.data });
  } catch (err) {
    self.postMessage({ dead: String((err && err.message) || err) });
  }
};
"#;

/// The checking worker's script, from the text of wasm-bindgen's glue (an ES
/// module): the same code as a classic script (its `export`s dropped, and
/// `import.meta.url`, which only the page reads, made the worker's own
/// address), then [`BOOT`]. A classic script, because Chromium starts no
/// module worker in a page opened from a file:// URL.
pub fn worker_script(glue: &str) -> String {
    let mut out = String::with_capacity(glue.len() + BOOT.len());
    let mut in_list = false;
    for line in glue.lines() {
        if in_list {
            // The rest of a multi-line `export { … };`.
            in_list = !line.contains('}');
            continue;
        }
        if line.starts_with("export {") || line.starts_with("export default ") {
            in_list = !line.contains('}') && line.starts_with("export {");
            continue;
        }
        out.push_str(line.strip_prefix("export ").unwrap_or(line).replace("import.meta.url", "self.location.href").as_str());
        out.push('\n');
    }
    out.push_str(BOOT);
    out
}

/// How often a PDF read reports its progress (milliseconds).
pub const PROGRESS_MS: f64 = 50.0;

/// Runs a job. `bytes` are a [`Job::Bytes`]'s; `now` is a clock in
/// milliseconds; `progress` is called while a PDF is read.
pub fn run(job: Job, bytes: Option<&[u8]>, now: &dyn Fn() -> f64, progress: &mut dyn FnMut(usize, usize)) -> Reply {
    match job {
        Job::Text { name, text, encoding } => {
            if text.trim().is_empty() {
                return Reply::Refused { message: InputError::Empty.zh() };
            }
            let started = now();
            let mut report = gongkai::check_text(&name, &text);
            report.encoding = encoding;
            Reply::Checked { report: Box::new(report), millis: now() - started, loaded: None }
        }
        Job::Extracted { name, extracted } => checked_file(&name, extracted, now, false),
        Job::Bytes { name } => {
            let bytes = bytes.unwrap_or_default();
            match read(bytes, now, progress) {
                Ok(Some(x)) => checked_file(&name, x, now, true),
                Ok(None) => match gongkai::decode_input(bytes) {
                    Ok(decoded) => {
                        let encoding = decoded.encoding.label().to_string();
                        let started = now();
                        let mut report = gongkai::check_text(&name, &decoded.text);
                        report.encoding = Some(encoding.clone());
                        let millis = now() - started;
                        let loaded = Loaded::Text { text: decoded.text, encoding, had_errors: decoded.had_errors };
                        Reply::Checked { report: Box::new(report), millis, loaded: Some(loaded) }
                    }
                    Err(e) => Reply::Refused { message: e.zh() },
                },
                Err(e) => Reply::Refused { message: e.zh() },
            }
        }
    }
}

/// Checks a file's text (refused when the file held no text).
fn checked_file(name: &str, x: Extracted, now: &dyn Fn() -> f64, send_back: bool) -> Reply {
    if x.text.trim().is_empty() {
        return Reply::Refused { message: InputError::Empty.zh() };
    }
    let started = now();
    let report = gongkai::check_extracted(name, &x);
    let millis = now() - started;
    Reply::Checked { report: Box::new(report), millis, loaded: send_back.then_some(Loaded::File { extracted: x }) }
}

/// Reads a file's bytes as [`gongkai::input::extract`] does; a PDF page by
/// page, calling `progress` every [`PROGRESS_MS`].
fn read(bytes: &[u8], now: &dyn Fn() -> f64, progress: &mut dyn FnMut(usize, usize)) -> Result<Option<Extracted>, InputError> {
    if gongkai::input::detect(bytes) == gongkai::input::InputKind::Pdf {
        let mut reader = gongkai::input::PdfReader::open(bytes)?;
        let pages = reader.pages();
        let mut last = now();
        progress(0, pages);
        while reader.step() {
            if now() - last > PROGRESS_MS {
                progress(reader.done(), pages);
                last = now();
            }
        }
        return reader.finish().map(Some);
    }
    gongkai::input::extract(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    fn clock() -> f64 {
        0.0
    }

    /// A job and its reply as they cross to and from the worker: JSON.
    fn through_json(job: Job, bytes: Option<&[u8]>) -> Reply {
        let job: Job = serde_json::from_str(&serde_json::to_string(&job).unwrap()).unwrap();
        let reply = run(job, bytes, &clock, &mut |_, _| {});
        serde_json::from_str(&serde_json::to_string(&reply).unwrap()).unwrap()
    }

    #[test]
    fn a_text_job_gives_the_report_check_text_gives() {
        for name in ["yantai-office-2024-final.txt", "qingdao-office-2023-budget.txt"] {
            let text = fixture(name);
            let Reply::Checked { report, loaded: None, .. } =
                through_json(Job::Text { name: name.into(), text: text.clone(), encoding: None }, None)
            else {
                panic!("{name}: not checked")
            };
            let want = gongkai::check_text(name, &text);
            assert_eq!(serde_json::to_value(&*report).unwrap(), serde_json::to_value(&want).unwrap(), "{name}");
            assert!(!report.findings.is_empty());
        }
    }

    #[test]
    fn bytes_are_decoded_and_sent_back_with_their_encoding() {
        let bytes = std::fs::read(format!("{}/../../tests/browser/fixtures/qingdao-office-2024-final.gbk.txt", env!("CARGO_MANIFEST_DIR")))
            .unwrap();
        let Reply::Checked { report, loaded: Some(Loaded::Text { text, encoding, had_errors }), .. } =
            through_json(Job::Bytes { name: "q.txt".into() }, Some(&bytes))
        else {
            panic!("not checked as text")
        };
        assert_eq!(encoding, "GBK/GB18030");
        assert!(!had_errors);
        assert!(text.contains("青岛市人民政府办公厅"));
        assert_eq!(report.encoding.as_deref(), Some("GBK/GB18030"));
    }

    #[test]
    fn blank_text_and_binary_bytes_are_refused_in_chinese() {
        let Reply::Refused { message } = through_json(Job::Text { name: "x".into(), text: " \n".into(), encoding: None }, None) else {
            panic!()
        };
        assert_eq!(message, InputError::Empty.zh());
        let Reply::Refused { message } = through_json(Job::Bytes { name: "x".into() }, Some(&[0u8, 1, 2, 3, 0, 0, 7, 8][..])) else {
            panic!()
        };
        assert_eq!(message, InputError::NotText.zh());
    }

    #[test]
    fn the_worker_script_is_the_glue_without_module_syntax() {
        let glue = "export class A {\n}\nexport function initSync(module) {\n    const ret = import.meta.url;\n}\n\
                    async function __wbg_init(m) {}\nexport {\n  initSync,\n  __wbg_init as default\n};\nexport default __wbg_init;\n";
        let script = worker_script(glue);
        assert!(script.starts_with(
            "class A {\n}\nfunction initSync(module) {\n    const ret = self.location.href;\n}\nasync function __wbg_init(m) {}\n"
        ));
        assert!(!script.contains("export") && !script.contains("import"), "{script}");
        assert!(script.contains("initSync({ module: e.data })"));
        let one_line = worker_script("function initSync() {}\nexport { initSync, __wbg_init as default };\n");
        assert_eq!(one_line, format!("function initSync() {{}}\n{BOOT}"));
    }

    #[test]
    fn a_files_text_checked_again_keeps_its_kind() {
        let x = Extracted {
            text: fixture("yantai-office-2024-final.txt"),
            kind: gongkai::input::InputKind::Html,
            pages: 1,
            page_of_line: Vec::new(),
            sheet_names: Vec::new(),
            hidden_sheets: Vec::new(),
        };
        let Reply::Checked { report, .. } = through_json(Job::Extracted { name: "a.html".into(), extracted: x }, None) else { panic!() };
        assert_eq!(report.input.as_ref().map(|i| i.kind), Some(gongkai::input::InputKind::Html));
    }
}
