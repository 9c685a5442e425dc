//! Reports written out as files: what `gongkai check --format json|csv|tables-csv`
//! prints and what the app's export buttons download.
//!
//! - JSON: `{"schema":1,"documents":[report…]}` (pretty-printed, trailing newline).
//! - Findings CSV: one finding a line: 严重程度, 规则, 规则类别, 规则名称, 表, 行,
//!   列, 应为, 实为, 差额, 原文行, 说明, 同源问题.
//! - Tables CSV: every table cell a line, so tables of different widths fit
//!   one sheet: 表号, 表名, 单位, 行序号, 编码, 项目, 行次, 栏目, 金额, 原文行.
//!   A blank cell has an empty 金额; a printed 0.00 stays "0.00".
//!
//! A CSV of several documents (the CLI given several files) has one more
//! column first, 文件, the name each was checked under; one document's CSV
//! is the same with or without it being one of many.
//!
//! CSV files are UTF-8 with a byte-order mark (Excel needs it to read Chinese),
//! CRLF line ends, fields quoted when they hold a comma, quote or line break.
//! Amounts are plain decimals without thousands separators. Text that would
//! start a spreadsheet formula (=, +, -, @) gets a leading apostrophe, since
//! labels and messages come from the user's text.

use rust_decimal::Decimal;

use crate::report::{DocumentReport, Report, SCHEMA};
use crate::rules::catalogue;

/// The UTF-8 byte-order mark that starts every CSV file.
pub const BOM: char = '\u{feff}';

/// The JSON the CLI prints for this one document.
pub fn report_json(report: &DocumentReport) -> String {
    reports_json(std::slice::from_ref(report))
}

/// The JSON the CLI prints for these documents.
pub fn reports_json(reports: &[DocumentReport]) -> String {
    let all = Report { schema: SCHEMA, documents: reports.to_vec() };
    let mut out = serde_json::to_string_pretty(&all).unwrap_or_default();
    out.push('\n');
    out
}

const FINDINGS: [&str; 13] =
    ["严重程度", "规则", "规则类别", "规则名称", "表", "行", "列", "应为", "实为", "差额", "原文行", "说明", "同源问题"];
const CELLS: [&str; 10] = ["表号", "表名", "单位", "行序号", "编码", "项目", "行次", "栏目", "金额", "原文行"];

/// One document's findings, one a line.
pub fn findings_csv(report: &DocumentReport) -> String {
    let mut out = Csv::new(None, &FINDINGS);
    finding_rows(&mut out, report);
    out.finish()
}

/// Several documents' findings in one sheet, each line led by its 文件.
pub fn findings_csv_all(reports: &[DocumentReport]) -> String {
    let mut out = Csv::new(Some("文件"), &FINDINGS);
    for r in reports {
        out.file = Some(text(&r.source));
        finding_rows(&mut out, r);
    }
    out.finish()
}

fn finding_rows(out: &mut Csv, report: &DocumentReport) {
    for f in &report.findings {
        let rule = catalogue().iter().find(|r| r.id == f.rule);
        out.row([
            text(f.severity.zh()),
            text(f.rule),
            text(rule.map_or("", |r| r.family.zh())),
            text(rule.map_or("", |r| r.title)),
            text(f.table.as_deref().unwrap_or("")),
            text(f.row.as_deref().unwrap_or("")),
            text(f.column.as_deref().unwrap_or("")),
            number(f.expected),
            number(f.actual),
            number(f.difference),
            f.source_line.map(|n| n.to_string()).unwrap_or_default(),
            text(&f.message),
            text(&f.also.join("\n")),
        ]);
    }
}

/// One document's table cells, one a line.
pub fn tables_csv(report: &DocumentReport) -> String {
    let mut out = Csv::new(None, &CELLS);
    cell_rows(&mut out, report);
    out.finish()
}

/// Several documents' table cells in one sheet, each line led by its 文件.
pub fn tables_csv_all(reports: &[DocumentReport]) -> String {
    let mut out = Csv::new(Some("文件"), &CELLS);
    for r in reports {
        out.file = Some(text(&r.source));
        cell_rows(&mut out, r);
    }
    out.finish()
}

fn cell_rows(out: &mut Csv, report: &DocumentReport) {
    for t in &report.tables {
        for (i, r) in t.rows.iter().enumerate() {
            for (c, caption) in t.columns.iter().enumerate() {
                out.row([
                    text(t.number.as_deref().unwrap_or("")),
                    text(&t.title),
                    text(t.unit.as_deref().unwrap_or("")),
                    (i + 1).to_string(),
                    text(r.code.as_deref().unwrap_or("")),
                    text(&r.label),
                    r.line.map(|n| n.to_string()).unwrap_or_default(),
                    text(caption),
                    number(r.values.get(c).copied().flatten()),
                    r.source_line.to_string(),
                ]);
            }
        }
    }
}

/// A CSV document being written; `file` leads every line when set.
struct Csv {
    out: String,
    file: Option<String>,
}

impl Csv {
    fn new(first: Option<&str>, header: &[&str]) -> Csv {
        let mut csv = Csv { out: String::from(BOM), file: first.map(str::to_string) };
        csv.row(header.iter().map(|h| h.to_string()));
        csv
    }

    fn row(&mut self, fields: impl IntoIterator<Item = String>) {
        let lead = self.file.clone();
        for (i, f) in lead.into_iter().chain(fields).enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.out.push_str(&quote(&f));
        }
        self.out.push_str("\r\n");
    }

    fn finish(self) -> String {
        self.out
    }
}

/// A text field, defused if a spreadsheet would take it for a formula.
fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// An amount as a plain decimal ("-1234.50"), or empty when blank.
fn number(v: Option<Decimal>) -> String {
    v.map(|d| d.to_string()).unwrap_or_default()
}

/// Quotes a field when it needs it (RFC 4180).
fn quote(f: &str) -> String {
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(quote("合计"), "合计");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("他说\"对\""), "\"他说\"\"对\"\"\"");
        assert_eq!(quote("一\n二"), "\"一\n二\"");
    }

    #[test]
    fn defuses_formulas_but_not_amounts() {
        assert_eq!(text("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(text("-"), "'-");
        assert_eq!(text("合计"), "合计");
        assert_eq!(number(Some(Decimal::new(-150, 2))), "-1.50");
        assert_eq!(number(None), "");
    }

    #[test]
    fn a_real_report_exports() {
        let text = include_str!("../tests/fixtures/yantai-office-2024-final.txt");
        let report = crate::check_text("烟台.txt", text);
        let findings = findings_csv(&report);
        assert!(findings.starts_with("\u{feff}严重程度,规则,"));
        assert_eq!(findings.matches("\r\n").count(), report.findings.len() + 1);
        let tables = tables_csv(&report);
        let cells: usize = report.tables.iter().map(|t| t.rows.len() * t.columns.len()).sum();
        assert_eq!(tables.split("\r\n").filter(|l| !l.is_empty()).count(), cells + 1);
        assert!(tables.contains(",本年收入合计,"));
        let json: serde_json::Value = serde_json::from_str(&report_json(&report)).unwrap();
        assert_eq!(json["schema"], 1);
        assert_eq!(json["documents"][0]["findings"].as_array().unwrap().len(), report.findings.len());
    }

    #[test]
    fn several_documents_share_one_sheet_led_by_their_file() {
        let a = crate::check_text("烟台.txt", include_str!("../tests/fixtures/yantai-office-2024-final.txt"));
        let b = crate::check_text("青岛.txt", include_str!("../tests/fixtures/qingdao-office-2024-final.txt"));
        let both = findings_csv_all(&[a.clone(), b.clone()]);
        assert!(both.starts_with("\u{feff}文件,严重程度,规则,"));
        assert_eq!(both.matches("\r\n烟台.txt,").count(), a.findings.len());
        assert_eq!(both.matches("\r\n青岛.txt,").count(), b.findings.len());
        // One document's lines are its own CSV's lines behind the file name.
        let own: Vec<String> = findings_csv(&a).split("\r\n").skip(1).filter(|l| !l.is_empty()).map(|l| format!("烟台.txt,{l}")).collect();
        let led: Vec<&str> = both.split("\r\n").filter(|l| l.starts_with("烟台.txt,")).collect();
        assert_eq!(own, led);
        let cells = tables_csv_all(&[a, b]);
        assert!(cells.starts_with("\u{feff}文件,表号,"));
    }
}
