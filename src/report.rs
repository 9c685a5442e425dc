//! The report: what the CLI prints and the app renders (JSON schema 1).
//!
//! Keys are never missing; unknown values are `null`. Amounts are decimal
//! strings without thousands separators that keep the document's decimals.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A row's role, as the report gives it.
pub use crate::model::RowRole;

use crate::model::{Document, DocumentInfo, Table};
use crate::rules::{catalogue, Family, Finding, Severity, Skipped};
pub use crate::sangong::{Count, SangongCounts, SangongSeries};

/// The JSON schema version.
pub const SCHEMA: u32 = 1;

/// Everything checked in one run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: u32,
    /// One entry per input.
    pub documents: Vec<DocumentReport>,
}

/// The result for one input.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentReport {
    /// The file path, or "-" for standard input.
    pub source: String,
    /// The encoding the input was decoded from ("UTF-8", "GBK/GB18030", …).
    pub encoding: Option<String>,
    /// What the document is.
    pub document: DocumentInfo,
    /// The tables read, in normalised form.
    pub tables: Vec<TableOut>,
    /// What the rules found.
    pub findings: Vec<Finding>,
    /// What was read and what was checked.
    pub coverage: Coverage,
    /// 三公 figures, one series per year and kind (预算数 / 决算数), or null.
    pub sangong: Option<Vec<SangongSeries>>,
    /// The counts the narrative states with the 三公 amounts (团组, 人次,
    /// 车辆, 批次), each with its source line; null without a 三公 series.
    pub sangong_counts: Option<SangongCounts>,
    /// The file the text was extracted from (PDF, workbook, .docx, HTML);
    /// null for text input.
    pub input: Option<InputOut>,
}

/// The file a checked text was extracted from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputOut {
    /// What it was: "pdf", "xlsx", "xls", "docx" or "html".
    pub kind: crate::input::InputKind,
    /// Pages (PDF, or HTML whose text is placed by CSS) or sheets (workbook)
    /// read; 1 for .docx and other HTML.
    pub pages: u32,
    /// The sheets' names in order (workbooks); empty otherwise.
    pub sheet_names: Vec<String>,
    /// The names of a workbook's hidden sheets, which were not read;
    /// absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden_sheets: Vec<String>,
}

impl InputOut {
    /// Where page (or sheet) `page` is, for the user: "第3页", "工作表“表1”";
    /// None for a file without pages.
    pub fn place(&self, page: u32) -> Option<String> {
        self.kind.place(page, &self.sheet_names)
    }

    /// What was read, for the user ([`InputKind::summary`](crate::input::InputKind::summary)).
    pub fn summary(&self) -> String {
        self.kind.summary(self.pages, &self.hidden_sheets)
    }
}

impl DocumentReport {
    /// Counts of findings by severity: (errors, warnings, infos).
    pub fn counts(&self) -> (usize, usize, usize) {
        use crate::rules::Severity::*;
        let n = |s| self.findings.iter().filter(|f| f.severity == s).count();
        (n(Error), n(Warning), n(Info))
    }

    /// Records the file the checked text was extracted from (`input`) and,
    /// for a PDF or workbook (or an HTML page of pages), the page or sheet
    /// of every finding's and row's source line (`page`), from the page of
    /// every extracted line. The text checked must be `x.text`, unchanged,
    /// or the pages would be wrong.
    pub fn place_in(&mut self, x: &crate::input::Extracted) {
        self.input =
            Some(InputOut { kind: x.kind, pages: x.pages, sheet_names: x.sheet_names.clone(), hidden_sheets: x.hidden_sheets.clone() });
        let paged = x.kind == crate::input::InputKind::Html && x.pages > 1;
        if !x.kind.has_pages() && !paged {
            return;
        }
        for f in &mut self.findings {
            f.page = f.source_line.and_then(|n| x.page_of(n));
        }
        for r in self.tables.iter_mut().flat_map(|t| t.rows.iter_mut()) {
            r.page = x.page_of(r.source_line);
        }
    }

    /// Where a page of the input file is, for the user ("第3页",
    /// "工作表“表1”"); None for text input.
    pub fn place_of(&self, page: Option<u32>) -> Option<String> {
        self.input.as_ref()?.place(page?)
    }

    /// True when at least one finding is an error.
    pub fn has_errors(&self) -> bool {
        self.counts().0 > 0
    }

    /// How many findings there are of `kind`.
    pub fn count_of(&self, kind: FindingKind) -> usize {
        self.findings.iter().filter(|f| FindingKind::of(f) == kind).count()
    }
}

/// What a finding is about, as a reader sorts them: the headline counts
/// these, not severities, because an error in the wording is not a wrong
/// number and a 0.01 rounding difference is neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Printed numbers that disagree beyond rounding (数字不符).
    Numbers,
    /// Wording, names and statements that do not fit the tables or
    /// themselves (文字与表述问题).
    Wording,
    /// Something worth knowing that is not a defect (其他提示).
    Note,
    /// A difference within rounding (尾数误差): not a defect.
    Rounding,
}

impl FindingKind {
    /// Every kind, in the order the page lists them.
    pub const ALL: [FindingKind; 4] = [FindingKind::Numbers, FindingKind::Wording, FindingKind::Note, FindingKind::Rounding];

    /// The kind of a finding, from what it carries: its severity, its rule's
    /// family, and whether the rule computed a value to compare with.
    pub fn of(f: &Finding) -> FindingKind {
        let computed = f.expected.is_some();
        match (f.severity, family_of(f.rule)) {
            // Text quality is wording at any severity.
            (_, Some(Family::Txt | Family::Doc)) => FindingKind::Wording,
            // Infos with a computed value are the differences within rounding.
            (Severity::Info, _) if computed => FindingKind::Rounding,
            (Severity::Info, _) => FindingKind::Note,
            // Identities between printed numbers.
            (_, Some(Family::Tbl | Family::Xtbl | Family::Perf | Family::Sg)) => FindingKind::Numbers,
            // Narrative and plausibility rules: a number only when they
            // computed one; otherwise what the text says does not fit.
            _ if computed => FindingKind::Numbers,
            _ => FindingKind::Wording,
        }
    }

    /// The Chinese name the page shows.
    pub fn zh(self) -> &'static str {
        match self {
            FindingKind::Numbers => "数字不符",
            FindingKind::Wording => "文字与表述问题",
            FindingKind::Note => "其他提示",
            FindingKind::Rounding => "尾数误差",
        }
    }

    /// A short stable name for CSS and tests ("numbers").
    pub fn key(self) -> &'static str {
        match self {
            FindingKind::Numbers => "numbers",
            FindingKind::Wording => "wording",
            FindingKind::Note => "note",
            FindingKind::Rounding => "rounding",
        }
    }
}

/// The family of a rule id: from the catalogue, else from its prefix.
pub fn family_of(rule: &str) -> Option<Family> {
    const FAMILIES: [Family; 8] = [Family::Doc, Family::Tbl, Family::Xtbl, Family::Nar, Family::Sg, Family::Perf, Family::Txt, Family::Pla];
    catalogue().iter().find(|r| r.id == rule).map(|r| r.family).or_else(|| {
        let prefix = rule.split('-').next()?;
        FAMILIES.into_iter().find(|f| f.prefix() == prefix)
    })
}

/// Each table's rows as (source line, row index), sorted: by line, then in
/// table order.
fn rows_by_line(tables: &[TableOut]) -> Vec<Vec<(usize, usize)>> {
    tables
        .iter()
        .map(|t| {
            let mut by_line: Vec<(usize, usize)> = t.rows.iter().enumerate().map(|(i, r)| (r.source_line, i)).collect();
            // The rows are in line order, or in a few runs of it (a
            // two-sided table's sides): merged as runs (no two pairs are
            // equal, so any sort gives this order), not quicksorted.
            by_line.sort();
            by_line
        })
        .collect()
}

/// Where a finding's (table key, row, column, source line) is in `tables`.
/// The row must be the one the rules described (see
/// [`crate::rules::identity::describe`]) and, when the line is known, be
/// printed on it: both sides of a two-sided table share their source lines.
///
/// `lines` holds each table's rows by source line (see [`rows_by_line`]): a
/// row of a known line is looked for among the rows of that line, not in a
/// pass over the table for every finding and related cell.
fn place(
    tables: &[TableOut],
    lines: &[Vec<(usize, usize)>],
    table: &str,
    row: Option<&str>,
    column: Option<&str>,
    line: Option<usize>,
) -> Option<crate::model::Place> {
    let ti = table_index(tables, table)?;
    let t = &tables[ti];
    let ri = row.map(RowName::of).and_then(|name| match (line, lines.get(ti)) {
        (Some(l), Some(by_line)) => {
            // The rows of line l, in table order: the first that is named.
            let from = by_line.partition_point(|(x, _)| *x < l);
            by_line
                .get(from..)?
                .iter()
                .take_while(|(x, _)| *x == l)
                .map(|(_, i)| *i)
                .find(|&i| t.rows.get(i).is_some_and(|r| name.names(r)))
        }
        _ => t.rows.iter().position(|r| line.is_none_or(|l| l == r.source_line) && name.names(r)),
    });
    let ci = ri.and(column).and_then(|c| t.columns.iter().position(|x| x == c));
    Some(crate::model::Place { table: ti, row: ri, column: ci })
}

/// The first of `tables` keyed `key`. Keys are short ("01", "1",
/// "《…》"): told apart by their length and last byte before any memcmp.
/// Not `position(|t| t.key == key)`: most keys have one length ("01" …
/// "09"), so `==` calls a memcmp per table, and that measured 43K more
/// instructions over the six corpus texts (callgrind, profile_loop 2).
fn table_index(tables: &[TableOut], key: &str) -> Option<usize> {
    let last = key.as_bytes().last();
    tables.iter().position(|t| t.key.len() == key.len() && t.key.as_bytes().last() == last && t.key == key)
}

/// Where the first "（行次" of `text` starts: `search::find(text, "（行次")`,
/// looked for at the bytes 0xEF its "（" starts with (which only full-width
/// marks start with), not at each byte equal to its last (0xA1, a
/// continuation byte CJK text holds every few dozen bytes).
fn line_mark(text: &str) -> Option<usize> {
    const MARK: &[u8] = "（行次".as_bytes();
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(j) = memchr::memchr(MARK[0], b.get(from..)?) {
        let i = from + j;
        if b.get(i..).is_some_and(|r| r.starts_with(MARK)) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// A row description ("本年支出合计（行次58）", "2010350 事业运行", "合计"),
/// as the rules write it, read once per finding rather than once per row
/// it is compared with.
enum RowName<'a> {
    /// "name（行次n）": the label before the 行次 (may be empty) and the
    /// number, if it reads as one.
    Line(&'a str, Option<u32>),
    /// A code, a label, or "code label".
    Text(&'a str),
}

impl<'a> RowName<'a> {
    fn of(text: &'a str) -> RowName<'a> {
        // Most descriptions ("2010301 行政运行") hold no full-width char,
        // whose lead byte 0xEF "（行次" starts with: told by a test of every
        // byte (no branch per byte), not a search set up per description.
        if !text.bytes().fold(false, |any, b| any | (b == 0xEF)) {
            return RowName::Text(text);
        }
        // By a byte search: a str searcher set up per finding and related
        // cell cost more than the search.
        match line_mark(text) {
            Some(i) => RowName::Line(&text[..i], text[i + "（行次".len()..].trim_end_matches('）').parse::<u32>().ok()),
            None => RowName::Text(text),
        }
    }

    /// Whether the description names this row.
    fn names(&self, r: &RowOut) -> bool {
        match *self {
            RowName::Line(name, n) => n.is_some() && n == r.line && (name.is_empty() || name == r.label),
            RowName::Text(text) => match &r.code {
                // "code label" is matched in parts: no string is built per row.
                Some(code) => {
                    text == code
                        || text.strip_prefix(code.as_str()).and_then(|t| t.strip_prefix(' ')) == Some(r.label.as_str())
                        || text == r.label
                }
                None => text == r.label,
            },
        }
    }
}

/// Whether a row description, as the rules write it, names this row.
#[cfg(test)]
fn names_row(text: &str, r: &RowOut) -> bool {
    RowName::of(text).names(r)
}

/// A table in normalised form.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TableOut {
    /// What the table is (the catalogue's kind: "F01" … "F09" for 决算,
    /// "BSummary", "BGeneral" … for 预算), whatever its printed name.
    pub kind: crate::model::TableKind,
    /// How findings name this table in their `table` field: "01" (公开01表),
    /// "1" (公开表1), or "《收支预算总表》" for a table read by its title.
    pub key: String,
    /// How messages and the page name it: "公开01表", "公开表1", or the
    /// title in 《》 for a table read by its title.
    #[serde(default)]
    pub name: String,
    /// How the page heads the table: the marker as printed and the title
    /// ("公开表一 收支总表"), else the standard name and the title ("公开01表
    /// 收入支出决算总表"), or the title alone for a table read by its title.
    #[serde(default)]
    pub heading: String,
    /// The number as printed ("01"), or null.
    pub number: Option<String>,
    /// The marker as printed ("公开表一", "表三", "一、"), or null.
    pub marker: Option<String>,
    /// 1-based page of the title, when the text has page breaks, or null.
    pub page: Option<usize>,
    /// False when the table was found but its cells could not be read (the
    /// reason is in coverage.problems); its rows are then empty.
    pub read: bool,
    /// Per column: what it holds ("total", "basic", "project", …), from its
    /// header; empty for tables read by the corpus-layout readers.
    pub meanings: Vec<crate::model::Meaning>,
    /// The title.
    pub title: String,
    /// The money unit.
    pub unit: Option<String>,
    /// The table prints no unit: `unit` is the one the narrative's amounts
    /// tell, and coverage says so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unit_told: bool,
    /// Captions of the value columns.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<RowOut>,
}

/// A row in normalised form.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RowOut {
    /// 科目编码 / economic code, or null.
    pub code: Option<String>,
    /// The label (white space removed).
    pub label: String,
    /// 行次 for two-sided tables, or null.
    pub line: Option<u32>,
    /// One value per column; null for a blank cell.
    pub values: Vec<Option<Decimal>>,
    /// 1-based source line.
    pub source_line: usize,
    /// The page (PDF) or sheet (workbook) of the file that holds the source
    /// line; null for text input.
    pub page: Option<u32>,
    /// What the row is: total, subtotal, class/section/item (类/款/项 by its
    /// code), or detail.
    pub role: crate::model::RowRole,
    /// Depth in the table's hierarchy, for indentation: 0 for a 类 or an
    /// unnumbered row, 1 a 款, 2 a 项, one more for a "其中：" row; at most 3.
    #[serde(default)]
    pub level: u8,
}

/// What was found and what could be checked.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Coverage {
    /// Tables read ("01", …).
    pub tables_found: Vec<String>,
    /// Tables found but not read, each with its reason in `problems`: a
    /// table is never listed as read when its cells were left out.
    #[serde(default)]
    pub tables_unread: Vec<String>,
    /// Standard tables not found: numbers for 决算 ("09"), names for budgets
    /// ("《政府性基金预算支出表》").
    pub tables_missing: Vec<String>,
    /// Rules that could not run, and why.
    pub rules_skipped: Vec<Skipped>,
    /// Parts of the input that could not be read, and why.
    pub problems: Vec<crate::model::ReadProblem>,
}

impl TableOut {
    /// The normalised form of a model table.
    pub fn from_table(t: Table) -> TableOut {
        let g = t.grid.as_deref();
        let marker = g.and_then(|g| g.marker.clone());
        let page = g.and_then(|g| g.page);
        let read = g.is_none_or(|g| g.read);
        let key = t.no();
        let name = crate::model::table_name(&key);
        let heading = match (&marker, &t.number) {
            (Some(m), _) => format!("{m} {}", t.title),
            // A table read by its title is named by it: the name would repeat it.
            (None, Some(_)) if t.grid.is_none() => format!("{name} {}", t.title),
            _ => t.title.clone(),
        };
        let meanings = t.meanings();
        let rows = t
            .rows
            .into_iter()
            .map(|r| {
                // The role once: the level is read from it.
                let role = r.role();
                let level = r.level_in(role);
                RowOut {
                    values: r.cells.iter().map(|c| c.value).collect(),
                    code: r.code,
                    label: r.label,
                    line: r.line,
                    source_line: r.source_line,
                    page: None,
                    role,
                    level,
                }
            })
            .collect();
        // The table is the report's now: its strings move, not copied.
        TableOut {
            key,
            name,
            heading,
            kind: t.kind,
            number: t.number,
            marker,
            page,
            read,
            meanings,
            title: t.title,
            unit: t.unit,
            unit_told: t.unit_told,
            columns: t.columns,
            rows,
        }
    }
}

/// Builds the report for a read document and its findings.
pub(crate) fn build(source: &str, encoding: Option<&str>, doc: Document, run: crate::rules::RunResult) -> DocumentReport {
    let sangong = crate::sangong::series(&doc);
    let sangong_counts = sangong.as_ref().map(|_| crate::sangong::counts(&doc));
    let expected: &[crate::model::TableKind] = match doc.info.kind {
        crate::model::DocumentKind::FinalAccounts => &crate::model::TableKind::FINAL,
        _ => &[],
    };
    let (found, unread): (Vec<&Table>, Vec<&Table>) = doc.tables.iter().partition(|t| t.grid.as_deref().is_none_or(|g| g.read));
    let (found, unread): (Vec<String>, Vec<String>) = (found.iter().map(|t| t.no()).collect(), unread.iter().map(|t| t.no()).collect());
    let mut missing: Vec<String> = expected.iter().filter(|k| doc.found(**k).is_none()).map(|k| k.number().to_string()).collect();
    if doc.info.kind == crate::model::DocumentKind::Budget {
        // Budgets number their tables differently: a missing one is named.
        for (kinds, name) in crate::domain::REQUIRED_BUDGET_TABLES {
            if !kinds.iter().any(|k| doc.found(*k).is_some()) {
                missing.push(format!("《{name}》"));
            }
        }
    }
    let tables: Vec<TableOut> = doc.tables.into_iter().map(TableOut::from_table).collect();
    let mut findings = run.findings;
    let lines = if findings.is_empty() { Vec::new() } else { rows_by_line(&tables) };
    for f in &mut findings {
        f.place = f.table.as_deref().and_then(|t| place(&tables, &lines, t, f.row.as_deref(), f.column.as_deref(), f.source_line));
        for c in &mut f.related {
            // A related cell counts only where its row is found.
            c.place = place(&tables, &lines, &c.table, Some(&c.row), c.column.as_deref(), Some(c.source_line)).filter(|p| p.row.is_some());
        }
    }
    DocumentReport {
        source: source.to_string(),
        encoding: encoding.map(str::to_string),
        document: doc.info,
        tables,
        findings,
        coverage: Coverage {
            tables_found: found,
            tables_unread: unread,
            tables_missing: missing,
            rules_skipped: run.skipped,
            problems: doc.problems,
        },
        sangong_counts,
        sangong,
        input: None,
    }
}

#[cfg(test)]
mod place_tests {
    use super::*;
    use crate::model::RowRole;

    fn row(code: Option<&str>, label: &str, line: Option<u32>, source_line: usize) -> RowOut {
        RowOut {
            code: code.map(str::to_string),
            label: label.to_string(),
            line,
            values: vec![None, None],
            source_line,
            page: None,
            role: RowRole::Detail,
            level: 0,
        }
    }

    #[test]
    fn a_row_found_among_its_lines_rows_is_the_one_a_pass_finds() {
        // Rows printed on shared lines (two-sided tables), out of line order,
        // with repeated names.
        let labels = ["合计", "行政运行", "事业运行", "合计（行次3）", ""];
        let rows: Vec<RowOut> = (0..40usize)
            .map(|i| {
                let code = (i % 3 == 0).then(|| format!("20103{:02}", i % 5));
                row(code.as_deref(), labels[i * 7 % labels.len()], u32::try_from(i % 4).ok(), 10 + (i * 13) % 9)
            })
            .collect();
        let t = TableOut {
            kind: crate::model::TableKind::F01,
            key: "01".into(),
            name: String::new(),
            heading: String::new(),
            number: None,
            marker: None,
            page: None,
            read: true,
            meanings: Vec::new(),
            title: String::new(),
            unit: None,
            unit_told: false,
            columns: vec!["a".into(), "b".into()],
            rows,
        };
        let tables = [t];
        let lines = rows_by_line(&tables);
        let names: Vec<String> =
            tables[0].rows.iter().flat_map(|r| [r.label.clone(), format!("{} {}", r.code.clone().unwrap_or_default(), r.label)]).collect();
        for name in names.iter().map(String::as_str).chain(["（行次2）", "合计（行次3）", "无"]) {
            for line in (8..21).map(Some).chain([None]) {
                for column in [None, Some("b")] {
                    assert_eq!(
                        place(&tables, &lines, "01", Some(name), column, line),
                        place(&tables, &[], "01", Some(name), column, line),
                        "{name} {line:?}"
                    );
                }
            }
        }
    }

    /// Every place a report gives a finding or a related cell, over the
    /// corpus, is the one a pass over its table finds.
    #[test]
    fn a_reports_places_are_those_a_pass_finds() {
        let mut placed = 0;
        for name in crate::FIXTURES {
            let report = crate::check_text(name, &crate::fixture(name));
            for f in &report.findings {
                let pass =
                    f.table.as_deref().and_then(|t| place(&report.tables, &[], t, f.row.as_deref(), f.column.as_deref(), f.source_line));
                assert_eq!(f.place, pass, "{name}: {}", f.message);
                for c in &f.related {
                    let pass = place(&report.tables, &[], &c.table, Some(&c.row), c.column.as_deref(), Some(c.source_line))
                        .filter(|p| p.row.is_some());
                    assert_eq!(c.place, pass, "{name}: {}", f.message);
                    placed += usize::from(pass.is_some());
                }
            }
        }
        assert!(placed > 50, "{placed}");
    }

    /// [`line_mark`] finds the first "（行次" as a substring search does.
    #[test]
    fn line_mark_is_the_first_match() {
        let pieces = ["（行次", "（", "行次", "次", "）", "合计", "a", "1", "（行", "，"];
        for text in crate::text::stream::sample_texts(&pieces, 1000) {
            assert_eq!(line_mark(&text), crate::text::search::find(&text, "（行次"), "{text:?}");
        }
    }

    #[test]
    fn rows_are_named_by_label_code_or_line_number() {
        let r = row(Some("2010350"), "事业运行", None, 40);
        assert!(names_row("2010350", &r));
        assert!(names_row("2010350 事业运行", &r));
        assert!(names_row("事业运行", &r));
        assert!(!names_row("行政运行", &r));
        let two = row(None, "本年支出合计（行次58）".trim_end_matches("（行次58）"), Some(58), 90);
        assert!(names_row("本年支出合计（行次58）", &two));
        assert!(names_row("（行次58）", &two));
        assert!(!names_row("本年收入合计（行次58）", &two));
        assert!(!names_row("本年支出合计（行次59）", &two));
    }
}
