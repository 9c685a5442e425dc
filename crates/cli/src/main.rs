//! `gongkai`: the command-line front end.
//!
//! ```text
//! gongkai check [--format text|json|csv|tables-csv] FILE...   (- = standard input; text, PDF, XLSX/XLS, DOCX or HTML, told by content)
//! gongkai rules [--format text|json]
//! ```
//! `csv` is the findings, `tables-csv` every table cell, of all files in one
//! sheet led by a 文件 column ([`gongkai::export`]).
//! Exit status: 0 no error finding; 1 at least one error finding; 2 an input
//! could not be read or is not a disclosure.

use std::io::{Read, Write};
use std::process::ExitCode;

use gongkai::export;
use gongkai::model::DocumentKind;
use gongkai::report::DocumentReport;
use gongkai::rules::{catalogue, Severity};
use gongkai::InputError;

mod alloc;

/// mimalloc rather than the system allocator: a check allocates many small
/// short-lived blocks (lines, cells, claims), and glibc's malloc/free were
/// about a fifth of a corpus check's time; mimalloc cuts a check by about 15%
/// (`make bench`, README). Asked through its plain entry points (alloc.rs).
/// Native only: the browser build keeps Rust's own.
#[global_allocator]
static ALLOCATOR: alloc::Mimalloc = alloc::Mimalloc;

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Json,
    /// Findings, one a line ([`export::findings_csv_all`]).
    Csv,
    /// Table cells, one a line ([`export::tables_csv_all`]).
    TablesCsv,
}

const USAGE: &str = "用法 / usage:
  gongkai check [--format text|json|csv|tables-csv] FILE...
                                               核对公开文本（- 表示标准输入）；FILE 可以是文本、PDF、
                                               Excel（.xlsx/.xls）、Word（.docx）或 HTML，按内容识别；
                                               csv：发现清单，tables-csv：全部表格数据（UTF-8，首列为文件）
  gongkai rules [--format text|json]           列出全部核对规则
退出码 / exit: 0 无错误; 1 有错误; 2 输入无法读取或不是预决算公开文本";

fn main() -> ExitCode {
    match run() {
        Ok(code) => ExitCode::from(code),
        Err(msg) => {
            eprintln!("{msg}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<u8, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let mut command: Option<String> = None;
    let mut format = Format::Text;
    let mut files: Vec<String> = Vec::new();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('f') | Long("format") => {
                let v = parser.value().map_err(|e| e.to_string())?.string().map_err(|_| "bad --format")?;
                format = match v.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    "tables-csv" => Format::TablesCsv,
                    other => return Err(format!("未知的输出格式 / unknown format: {other}")),
                };
            }
            Short('h') | Long("help") => {
                return emit(|out| writeln!(out, "{USAGE}")).map(|()| 0);
            }
            Value(v) => {
                let v = v.string().map_err(|_| "参数不是有效的 UTF-8 / argument is not UTF-8")?;
                if command.is_none() {
                    command = Some(v);
                } else {
                    files.push(v);
                }
            }
            Short('-') => files.push("-".into()),
            other => return Err(other.unexpected().to_string()),
        }
    }
    match command.as_deref() {
        Some("check") => check(&files, format),
        Some("rules") => emit(|out| rules(out, format)).map(|()| 0),
        Some(other) => Err(format!("未知命令 / unknown command: {other}")),
        None => Err("缺少命令 / missing command".into()),
    }
}

fn read_input(path: &str) -> Result<Vec<u8>, InputError> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| InputError::Io(e.to_string()))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| InputError::Io(format!("{path}: {e}")))
    }
}

fn check(files: &[String], format: Format) -> Result<u8, String> {
    if files.is_empty() {
        return Err("缺少要核对的文件 / no input file".into());
    }
    let mut reports = Vec::new();
    let mut unreadable = false;
    for path in files {
        let checked = read_input(path).and_then(|bytes| {
            // Last line of defence: a parser bug must not lose the batch.
            std::panic::catch_unwind(|| gongkai::check_file(path, &bytes))
                .unwrap_or_else(|_| Err(InputError::Io("内部错误：解析时出现异常 (internal error while parsing)".into())))
        });
        match checked {
            Ok(gongkai::Checked { report: r, .. }) => {
                if r.document.kind == DocumentKind::Unknown {
                    eprintln!(
                        "{path}: {} (not a budget or final-account disclosure)",
                        r.document.reason.as_deref().unwrap_or("未识别为预决算公开文本")
                    );
                    unreadable = true;
                }
                reports.push(r);
            }
            Err(e) => {
                eprintln!("{path}: {} ({})", e.zh(), e.en());
                unreadable = true;
            }
        }
    }
    let any_error = reports.iter().any(DocumentReport::has_errors);
    emit(|out| match format {
        Format::Json => out.write_all(export::reports_json(&reports).as_bytes()),
        Format::Csv => out.write_all(export::findings_csv_all(&reports).as_bytes()),
        Format::TablesCsv => out.write_all(export::tables_csv_all(&reports).as_bytes()),
        Format::Text => reports.iter().try_for_each(|r| write_text(out, r)),
    })?;
    Ok(if unreadable {
        2
    } else if any_error {
        1
    } else {
        0
    })
}

fn write_text(out: &mut impl Write, r: &DocumentReport) -> std::io::Result<()> {
    let d = &r.document;
    let kind = match d.kind {
        DocumentKind::FinalAccounts => "决算",
        DocumentKind::Budget => "预算",
        DocumentKind::Unknown => "未识别",
    };
    writeln!(
        out,
        "== {} — {} {} {}",
        r.source,
        d.department.as_deref().unwrap_or("（部门未知）"),
        d.year.map(|y| format!("{y}年度")).unwrap_or_default(),
        kind
    )?;
    if let Some(doubt) = &d.year_doubt {
        writeln!(out, "年度：{doubt}")?;
    }
    if let Some(x) = &r.input {
        let unit = if x.sheet_names.is_empty() { "页" } else { "个工作表" };
        writeln!(out, "文件：{}，已读取 {} {}", x.kind.label(), x.pages, unit)?;
        if !x.hidden_sheets.is_empty() {
            writeln!(out, "隐藏的工作表未读取：{}", x.hidden_sheets.join("、"))?;
        }
    }
    let (e, w, i) = r.counts();
    let c = &r.coverage;
    let unread = match c.tables_unread.is_empty() {
        true => String::new(),
        false => format!("；未能读取 {}（原因见末尾）", join(&c.tables_unread)),
    };
    writeln!(out, "表格：已读取 {}{unread}；缺少 {}", join(&c.tables_found), join(&c.tables_missing))?;
    writeln!(out, "结果：错误 {e}，警告 {w}，提示 {i}")?;
    for f in &r.findings {
        // "第3页（第120行） " for a PDF, "工作表“表1”（第12行） " for a workbook.
        let line = match (f.source_line, r.place_of(f.page)) {
            (Some(n), Some(place)) => format!("{place}（第{n}行） "),
            (Some(n), None) => format!("第{n}行 "),
            _ => String::new(),
        };
        writeln!(out, "[{}] {} {}{}", f.severity.zh(), f.rule, line, f.message)?;
    }
    for s in &r.coverage.rules_skipped {
        writeln!(out, "[未核对] {} {}", s.rule, s.reason)?;
    }
    for p in &r.coverage.problems {
        writeln!(out, "[未读取] {}", p.message)?;
    }
    Ok(())
}

fn join(v: &[String]) -> String {
    if v.is_empty() {
        "无".into()
    } else {
        v.join("、")
    }
}

/// Writes to standard output. A reader that stops early (`gongkai rules | head`)
/// closes the pipe: that ends the output quietly, where `println!` would panic.
fn emit(write: impl FnOnce(&mut std::io::StdoutLock<'static>) -> std::io::Result<()>) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.to_string()),
        _ => Ok(()),
    }
}

fn rules(out: &mut impl Write, format: Format) -> std::io::Result<()> {
    let rules = catalogue();
    if format == Format::Json {
        let list: Vec<serde_json::Value> = rules
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id, "family": r.family.prefix(), "severity": r.severity,
                    "title": r.title, "why": r.why,
                    // 决算 tables by number ("01"); budget tables, numbered differently by region, by name.
                    "needs": r.needs.iter().map(|k| if k.is_budget() { k.name() } else { k.number().to_string() }).collect::<Vec<_>>(),
                })
            })
            .collect();
        return writeln!(out, "{}", serde_json::to_string_pretty(&list).unwrap_or_default());
    }
    for r in rules {
        let sev = match r.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        };
        writeln!(out, "{}  [{}·{}]  {}\n    {}\n", r.id, r.family.zh(), sev, r.title, r.why)?;
    }
    Ok(())
}
