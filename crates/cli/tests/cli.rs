//! The CLI contract: `gongkai check [--format text|json|csv|tables-csv] FILE...`,
//! exit codes 0 / 1 / 2, JSON schema 1.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The corpus fixtures live with the core crate's tests.
mod common {
    use std::path::PathBuf;

    /// A corpus fixture's path.
    pub fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
    }
}

/// ../shared/real beside the checkout, read in place (never copied).
fn real_dir() -> Option<PathBuf> {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/real");
    if d.is_dir() {
        Some(d)
    } else {
        eprintln!("skipped: ../shared/real is absent");
        None
    }
}

fn gongkai(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn json_output_follows_schema_1() {
    let path = common::fixture("yantai-office-2024-final.txt");
    let (code, out, _) = gongkai(&["check", "--format", "json", path.to_str().unwrap()], None);
    // The published document has real defects (e.g. a self-evaluation score).
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], 1);
    let d = &v["documents"][0];
    assert_eq!(d["document"]["kind"], "final_accounts");
    assert_eq!(d["document"]["scope"], "department");
    assert_eq!(d["document"]["year"], 2024);
    assert_eq!(d["document"]["department"], "烟台市人民政府办公室");
    assert_eq!(d["document"]["unit"], "万元");
    let t01 = d["tables"].as_array().unwrap().iter().find(|t| t["number"] == "01").unwrap();
    assert_eq!(t01["rows"][0]["values"][0], "10095.35");
    assert_eq!(t01["rows"][0]["line"], 1);
    assert_eq!(t01["rows"][0]["code"], serde_json::Value::Null);
    assert_eq!(t01["rows"][1]["values"][0], serde_json::Value::Null);
    // Values keep the document's own decimals ("10,236.70" style trailing zeros).
    assert_eq!(t01["rows"][30]["values"][0], "10261.39");
    for key in ["source", "document", "tables", "findings", "coverage", "sangong", "sangong_counts", "input"] {
        assert!(d.get(key).is_some(), "missing key {key}");
    }
    // Text input: no file, so no page numbers.
    assert_eq!(d["input"], serde_json::Value::Null);
    assert_eq!(t01["rows"][0]["page"], serde_json::Value::Null);
    // The narrative's 三公 counts travel in the report, so the app never
    // reads the text a second time: "共计接待 1,230 批次、16,071 人次" (line 559).
    let counts = &d["sangong_counts"];
    assert_eq!(counts["reception_batches"]["value"], "1230");
    assert_eq!(counts["reception_persons"]["value"], "16071");
    assert_eq!(counts["reception_persons"]["line"], 559);
    assert_eq!(counts["vehicles_bought"]["value"], "1");
    assert_eq!(counts["fleet"]["value"], "19");
    // Every table carries its column meanings and its rows' roles, template
    // tables too: 公开05表 小计 | 基本支出 | 项目支出, rows by 类/款/项.
    let t05 = d["tables"].as_array().unwrap().iter().find(|t| t["number"] == "05").unwrap();
    assert_eq!(t05["meanings"], serde_json::json!(["total", "basic", "project"]));
    let roles: Vec<(&str, &str)> = t05["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["code"].as_str().unwrap_or(r["label"].as_str().unwrap()), r["role"].as_str().unwrap()))
        .collect();
    assert!(
        roles.contains(&("201", "class")) && roles.contains(&("20103", "section")) && roles.contains(&("2010301", "item")),
        "{roles:?}"
    );
    assert!(roles.iter().any(|(l, r)| l.contains("合计") && *r == "total"), "{roles:?}");
    let f = d["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "TBL-002").unwrap();
    for key in ["rule", "severity", "message", "table", "row", "column", "expected", "actual", "difference", "source_line", "page"] {
        assert!(f.get(key).is_some(), "finding lacks {key}");
    }
    assert_eq!(f["severity"], "info");
    assert_eq!(d["coverage"]["tables_found"][0], "01");
}

#[test]
fn standard_input_is_dash_and_a_clean_document_exits_0() {
    // The tables part alone (up to the narrative) holds together: exit 0.
    let text = std::fs::read_to_string(common::fixture("qingdao-office-2024-final.txt")).unwrap();
    let tables = &text[..text.find("第三部分").unwrap()];
    let (code, out, _) = gongkai(&["check", "-"], Some(tables.as_bytes()));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("青岛市人民政府办公厅"));
}

#[test]
fn an_error_finding_exits_1() {
    let text = std::fs::read_to_string(common::fixture("yantai-office-2024-final.txt")).unwrap();
    let broken = text.replacen("本年收入合计\t27\t10,116.83", "本年收入合计\t27\t10,216.83", 1);
    let (code, out, _) = gongkai(&["check", "-"], Some(broken.as_bytes()));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("[错误] TBL-001"));
}

#[test]
fn garbage_exits_2_with_a_chinese_and_english_message() {
    let novel = "话说天下大势，分久必合，合久必分。周末七国分争，并入于秦。".repeat(20);
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    for input in [novel.as_bytes(), &binary[..], b"", b"   \n"] {
        let (code, _, err) = gongkai(&["check", "--format", "json", "-"], Some(input));
        assert_eq!(code, 2, "{err}");
        assert!(err.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "no Chinese in {err}");
        assert!(err.chars().any(|c| c.is_ascii_alphabetic()), "no English in {err}");
    }
}

#[test]
fn a_missing_file_exits_2() {
    let (code, _, err) = gongkai(&["check", "/nonexistent/file.txt"], None);
    assert_eq!(code, 2);
    assert!(err.contains("无法读取"));
}

#[test]
fn rules_lists_the_catalogue() {
    let (code, out, _) = gongkai(&["rules"], None);
    assert_eq!(code, 0);
    assert!(out.contains("TBL-001"));
    assert!(out.contains("本年收入合计"));
}

/// `gongkai rules | head` and the like: the reader closes the pipe before the
/// output is written, and the CLI ends quietly rather than panicking.
#[test]
fn a_reader_that_closes_the_pipe_early_ends_the_output_quietly() {
    let doc = common::fixture("yantai-office-2023-budget.txt");
    let doc = doc.to_str().unwrap();
    for args in [&["rules"][..], &["rules", "--format", "json"], &["--help"], &["check", doc], &["check", "--format", "json", doc]] {
        let mut child =
            Command::new(env!("CARGO_BIN_EXE_gongkai")).args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        drop(child.stdout.take()); // closed before the child writes a byte
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}

#[test]
fn csv_lists_every_finding_of_every_file_led_by_its_name() {
    let y = common::fixture("yantai-office-2024-final.txt");
    let q = common::fixture("qingdao-office-2024-final.txt");
    let (y, q) = (y.to_str().unwrap(), q.to_str().unwrap());
    let (_, json, _) = gongkai(&["check", "--format", "json", y, q], None);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let (code, csv, _) = gongkai(&["check", "--format", "csv", y, q], None);
    assert_eq!(code, 1);
    assert!(csv.starts_with("\u{feff}文件,严重程度,规则,规则类别,规则名称,表,行,列,应为,实为,差额,原文行,说明,同源问题\r\n"), "{csv}");
    for (i, path) in [y, q].iter().enumerate() {
        let n = v["documents"][i]["findings"].as_array().unwrap().len();
        assert!(n > 0);
        assert_eq!(csv.matches(&format!("\r\n{path},")).count(), n, "{path}");
    }
    let (code, cells, _) = gongkai(&["check", "--format", "tables-csv", y], None);
    assert_eq!(code, 1);
    assert!(cells.starts_with("\u{feff}文件,表号,表名,单位,行序号,编码,项目,行次,栏目,金额,原文行\r\n"));
    // 烟台 2024 决算, 01 表: 本年收入合计 10,116.83 printed as a plain decimal.
    assert!(cells.lines().any(|l| l.contains(",本年收入合计,") && l.contains(",10116.83,")), "{}", &cells[..2000.min(cells.len())]);
}

/// A one-page PDF holding only an image: a scan, which needs OCR.
fn scan_pdf() -> Vec<u8> {
    let objs: [&[u8]; 4] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream",
    ];
    let content = b"q 595 0 0 842 0 0 cm /Im1 Do Q";
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let mut add = |out: &mut Vec<u8>, body: &[u8]| {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    for o in objs {
        add(&mut out, o);
    }
    let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(content);
    stream.extend_from_slice(b"\nendstream");
    add(&mut out, &stream);
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes());
    for off in &offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", offsets.len() + 1).as_bytes());
    out
}

#[test]
fn checks_pdf_and_workbook_together() {
    let Some(dir) = real_dir() else { return };
    let pdf = dir.join("09-jiangsu-renda-tables-2019-department-budget.pdf");
    let xlsx = dir.join("04-shanghai-putuo-dept-budget-form-2026-template.xlsx");
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai")).arg("check").arg(&pdf).arg(&xlsx).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("江苏省人大常委会办公厅 2019年度 预算"), "{stdout}");
    assert!(stdout.contains("文件：PDF，已读取 13 页"), "{stdout}");
    assert!(stdout.contains("文件：Excel (.xlsx)，已读取 17 个工作表"), "{stdout}");
    assert_ne!(out.status.code(), Some(2), "both files were read");

    // A scan: exit status 2 and the OCR message, the other file still checked.
    let scan = std::env::temp_dir().join(format!("gongkai-scan-{}.pdf", std::process::id()));
    std::fs::write(&scan, scan_pdf()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai")).arg("check").arg(&scan).arg(&pdf).output().unwrap();
    let _ = std::fs::remove_file(&scan);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("文字识别（OCR）"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("文件：PDF，已读取 13 页"));
}

#[test]
fn a_table_found_but_not_read_is_not_listed_as_read() {
    let Some(dir) = real_dir() else { return };
    // 13's plain text (a PDF viewer's copy): its 三公 table prints a cell
    // per line, its 购置费 or 运行费 blank, and nothing in the file tells
    // which, so its cells are left out.
    let file = dir.join("13-jiangsu-shengweiban-tables-2017-department-budget.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai")).arg("check").arg(&file).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().find(|l| l.starts_with("表格：")).expect("the tables line");
    let (read, rest) = line.split_once("；未能读取 ").expect("unread tables named apart");
    let sangong = "《“三公”经费、会议费、培训费支出预算表》";
    assert!(!read.contains(sangong) && rest.contains(sangong), "{line}");
    assert!(read.contains("《一般公共预算支出预算表》"), "{line}");
}

#[test]
fn a_layout_text_trimmed_of_its_indents_is_told_and_raises_no_error_its_original_does_not() {
    let Some(dir) = real_dir() else { return };
    // 19's layout text with every line's leading spaces trimmed, as an
    // editor or a web form leaves it, on standard input.
    let text = std::fs::read_to_string(dir.join("19-jiangsu-zhengxie-tables-2017-department-budget.layout.txt")).unwrap();
    let trimmed: String = text.split('\n').map(|l| l.trim_start_matches(' ')).collect::<Vec<_>>().join("\n");
    let (code, stdout, _) = gongkai(&["check", "-"], Some(trimmed.as_bytes()));
    assert_eq!(code, 0, "no error finding, as in the original:\n{stdout}");
    assert!(stdout.contains("文本各行行首的空格已被删去"), "{stdout}");
    let line = stdout.lines().find(|l| l.starts_with("表格：")).expect("the tables line");
    assert!(line.contains("已读取 《收入预算总表》"), "the one-column tables read by order: {line}");
}
