//! Export buttons: the report as JSON and CSV files, made in the page and
//! handed to the browser as a download (Blob + object URL; no network), and
//! a print button (the stylesheet's @media print hides the controls).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::summary::kind_zh;
use super::{Checker, Outcome};
use gongkai::export;
use gongkai::DocumentReport;

/// Which file to make.
#[derive(Clone, Copy)]
enum Kind {
    Json,
    FindingsCsv,
    TablesCsv,
}

impl Kind {
    fn build(self, report: &DocumentReport) -> (String, &'static str, &'static str) {
        match self {
            Kind::Json => (export::report_json(report), "application/json", ".json"),
            Kind::FindingsCsv => (export::findings_csv(report), "text/csv;charset=utf-8", "-发现.csv"),
            Kind::TablesCsv => (export::tables_csv(report), "text/csv;charset=utf-8", "-表格.csv"),
        }
    }
}

/// "公开核对-烟台市人民政府办公室-2024年度决算", safe as a file name.
fn base_name(report: &DocumentReport) -> String {
    let info = &report.document;
    let mut name = String::from("公开核对");
    if let Some(d) = &info.department {
        name.push('-');
        name.push_str(d);
    }
    name.push('-');
    if let Some(y) = info.year {
        name.push_str(&format!("{y}年度"));
    }
    name.push_str(kind_zh(info.kind));
    name.chars().map(|c| if r#"/\:*?"<>|"#.contains(c) || c.is_control() { '_' } else { c }).collect()
}

/// Offers `content` as a file download.
fn download(file: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(file);
    a.click();
    // Revoking at once can cancel the download in some browsers; a minute
    // later the browser has long since read the blob.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Ok(())
}

/// The export and print buttons for the current report.
#[component]
pub fn Export(checker: Checker) -> impl IntoView {
    let save = move |kind: Kind| {
        checker.outcome.with_untracked(|o| {
            if let Outcome::Checked { report, .. } = &**o {
                let (content, mime, suffix) = kind.build(report);
                let file = format!("{}{suffix}", base_name(report));
                if download(&file, mime, &content).is_err() {
                    checker.notice.set(Some(super::Notice::Error("浏览器未能生成下载文件。".to_string())));
                }
            }
        })
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <div class="export" role="group" aria-labelledby="export-label">
            <span id="export-label" class="label">"导出结果："</span>
            <button type="button" class="secondary" data-export="json" on:click=move |_| save(Kind::Json)>
                "JSON"
            </button>
            <button type="button" class="secondary" data-export="findings-csv" on:click=move |_| save(Kind::FindingsCsv)>
                "发现（CSV）"
            </button>
            <button type="button" class="secondary" data-export="tables-csv" on:click=move |_| save(Kind::TablesCsv)>
                "表格（CSV）"
            </button>
            <button type="button" class="secondary" on:click=print>"打印报告"</button>
            <p class="hint">
                "JSON 与命令行 gongkai check --format json 的输出格式相同；CSV 为 UTF-8（带 BOM），可直接用 Excel 打开：发现每条一行，表格每个单元格一行。文件在本机生成，不经网络。"
            </p>
        </div>
    }
}
