//! The CLI contract: `gongkai check [--format text|json] FILE...`, exit codes
//! 0 / 1 / 2, JSON schema 1.

mod common;
use std::io::Write;
use std::process::{Command, Stdio};

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
