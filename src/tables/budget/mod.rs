//! Budget documents (部门预算 / 单位预算): their tables, read exactly.
//!
//! Budgets are laid out differently from 决算 and from each other: 烟台 prints
//! only "公开表N" with no titles, no 合计 rows and no blank cells; 青岛 prints
//! titles, a 序号 column, 栏次 and every zero. So a table's kind comes from its
//! title or, failing that, its header signature ([`kinds`]); its columns from
//! the known layout that header matches ([`schema`]); its rows from the reader
//! of that layout; and dropped blank cells are placed jointly across all
//! tables ([`joint`]), the 三公 line last, with the 基本支出 tables and the
//! narrative as evidence ([`sangong`]).
//!
//! JSON shapes follow the 决算 conventions: two-sided tables list income
//! entries then expenditure entries (`line` = 序号 where printed); 科目 tables
//! one row per code plus 合计 when printed; economic tables keyed by code pair
//! put it in `code` as "30101/50101" (部门/政府) with the label
//! "基本工资/工资奖金津补贴"; 政府采购 item rows are keyed "2010301/C23120302"
//! (功能科目/品目) with the category in the label, "其他服务（服务）"; 项目 rows
//! carry their type the same way, "驻外机构工作保障经费（其他运转类）".

pub mod functions;
pub mod items;
pub mod joint;
pub mod kinds;
pub mod pairs;
pub mod sangong;
pub mod schema;
pub mod sides;

use crate::model::{Cell, Document, ReadProblem, Row, RowSum, Table, TableKind};
use crate::segment::{find_tables, is_note, Segment};
use crate::tables::coded;
use crate::tables::tokens::{pieces, Tok};
use crate::text::{squeeze, Line};
use joint::Part;
use schema::Reader;

/// What a reader produced for one table.
#[derive(Debug, Default)]
pub struct Read {
    /// Rows in printed order (open rows blank).
    pub rows: Vec<Row>,
    /// Rows whose blank cells were dropped: (row index, candidate cells).
    pub open: Vec<(usize, Vec<Vec<Cell>>)>,
    /// What could not be read.
    pub problems: Vec<ReadProblem>,
    /// Two-sided tables: the number of income rows (listed first).
    pub sides: Option<usize>,
}

/// A 三公 table of year blocks, read after the others.
struct Deferred {
    table: Table,
    body: std::ops::Range<usize>,
    header: String,
}

/// Finds, identifies and reads every budget table; what cannot be read goes
/// to `doc.problems`.
pub fn read_all(doc: &mut Document) {
    let found = find_tables(&doc.lines);
    doc.markers = found.iter().map(|s| (s.number.clone(), doc.lines[s.marker].no)).collect();
    let mut parts: Vec<Part> = Vec::new();
    let mut deferred: Vec<Deferred> = Vec::new();
    for seg in merge_pages(found) {
        let no = seg.number.clone();
        let at = doc.lines[seg.marker].no;
        let problem = |m: String| ReadProblem { table: Some(no.clone()), message: m, source_line: Some(at) };
        let body = &doc.lines[seg.body.clone()];
        let header = header_text(body);
        let notes = crate::tables::notes(doc, &seg);
        let note_texts: Vec<String> = notes.iter().map(|n| n.1.clone()).collect();
        let title = seg.title.as_ref().map(|t| t.1.as_str());
        let Some((kind, titled)) = kinds::classify(title, &header, &note_texts) else {
            doc.problems.push(problem(format!("公开表{no}：没有认出这是哪一张预算表（标题和表头都不是已知的格式），未读取")));
            continue;
        };
        let taken = parts.iter().map(|p| &p.table).chain(deferred.iter().map(|d| &d.table)).find(|t| t.kind == kind);
        if let Some(t) = taken {
            doc.problems.push(problem(format!(
                "公开表{no}与公开表{}都像是{}，只读取了前一张",
                t.no(),
                kind.title()
            )));
            continue;
        }
        let Some(schema) = schema::pick(kind, &header) else {
            doc.problems.push(problem(format!("公开表{no}（{}）：表头的栏目与已知的格式都不相符，暂不能读取", kind.title())));
            continue;
        };
        let table = Table {
            kind,
            number: Some(no.clone()),
            title: match (titled, title) {
                (true, Some(t)) => t.to_string(),
                _ => kind.title().to_string(),
            },
            unit: seg.unit.clone(),
            columns: schema.columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
            notes,
            source_line: at,
            unresolved: Vec::new(),
            contradicted: Vec::new(),
            printed: Vec::new(),
            sides: None,
            row_sums: schema.row_sums.iter().map(|(t, p)| RowSum { total: *t, parts: p.to_vec() }).collect(),
            grid: None,
        };
        let ncols = schema.columns.len();
        let read = match schema.reader {
            Reader::TwoSided { income } => sides::read(body, income, ncols, &no),
            Reader::Coded(first) => read_coded(body, first, ncols, header.contains("序号"), &no),
            Reader::EconPair => pairs::read(body, ncols, &no),
            Reader::Projects => items::read_projects(body, ncols, &no),
            Reader::Procurement => items::read_procurement(body, ncols, &no),
            Reader::Labelled => items::read_labelled(body, ncols, &no),
            Reader::SangongYears => {
                deferred.push(Deferred { table, body: seg.body.clone(), header });
                continue;
            }
        };
        doc.problems.extend(read.problems);
        if read.rows.is_empty() && table.notes.is_empty() {
            doc.problems.push(problem(format!("公开表{no}（{}）：找到了表号，但没有读出任何数据行（表格可能被截断或格式无法识别）", table.title)));
            continue;
        }
        let table = Table { rows: read.rows, sides: read.sides, ..table };
        parts.push(Part { table, schema, open: read.open });
    }
    joint::place(&mut parts, &mut doc.problems);
    let mut tables: Vec<Table> = parts.into_iter().map(|p| p.table).collect();
    let claims = &doc.narrative.stated.sangong;
    for d in deferred {
        let econ: Vec<&Table> = tables.iter().filter(|t| matches!(t.kind, TableKind::BBasicEcon | TableKind::BBasicGovEcon)).collect();
        let no = d.table.no();
        let r = sangong::read(&doc.lines[d.body], &d.header, doc.info.year, &econ, claims, &no);
        doc.problems.extend(r.problems);
        if r.rows.is_empty() {
            doc.problems.push(ReadProblem {
                table: Some(no.clone()),
                message: format!("公开表{no}（{}）：找到了表号，但没有读出数据行", d.table.title),
                source_line: Some(d.table.source_line),
            });
            continue;
        }
        let printed: Vec<(usize, Vec<Cell>)> = r.unresolved.iter().map(|i| (*i, r.printed.clone())).collect();
        let contradicted = if r.contradicted { r.unresolved.clone() } else { Vec::new() };
        tables.push(Table { rows: r.rows, unresolved: r.unresolved, contradicted, printed, ..d.table });
    }
    tables.sort_by_key(|t| t.source_line);
    doc.tables = tables;
}

/// Joins a table continued on the next page under a repeated marker
/// ("公开表6" twice) into one segment.
fn merge_pages(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for s in segments {
        match out.last_mut() {
            Some(prev) if prev.number == s.number => {
                prev.body = prev.body.start..s.body.end;
                if prev.title.is_none() {
                    prev.title = s.title;
                }
            }
            _ => out.push(s),
        }
    }
    out
}

/// The header: the squeezed text of the body up to its first line with an
/// amount (all of it for an empty table), notes left out.
fn header_text(body: &[Line]) -> String {
    let mut out = String::new();
    for l in body {
        if pieces(&l.text).iter().any(|t| matches!(t, Tok::Amount(_))) {
            break;
        }
        let sq = squeeze(&l.text);
        if !is_note(&sq) {
            out.push_str(&sq);
        }
    }
    out
}

/// 科目 rows, after removing a leading 序号 ("2 201 一般公共服务支出 …").
fn read_coded(body: &[Line], first: &[char], ncols: usize, serial: bool, no: &str) -> Read {
    let lines: Vec<Line> = if serial { body.iter().map(strip_serial).collect() } else { body.to_vec() };
    // Rows start at the first line led by a code or holding an amount: a
    // header cell "合计" on a line of its own is a caption, not the 合计 row.
    let start = lines
        .iter()
        .position(|l| {
            let toks = pieces(&coded::join_split_codes(&l.text));
            matches!(toks.first(), Some(Tok::Int(n)) if coded::is_code(&n.to_string(), first)) || toks.iter().any(|t| matches!(t, Tok::Amount(_)))
        })
        .unwrap_or(lines.len());
    let (raw, problems) = coded::read_rows(&lines[start..], first, no);
    let mut read = Read { problems, ..Read::default() };
    for r in raw {
        let cells = match coded::place_certain(&r, ncols) {
            Some(cells) => cells,
            None => {
                read.open.push((read.rows.len(), coded::candidates(&r, ncols)));
                vec![Cell::blank(r.source_line); ncols]
            }
        };
        if r.amount_count() > ncols {
            read.problems.push(ReadProblem {
                table: Some(no.to_string()),
                message: format!("第{}行的数字比栏目多，多出的数字已忽略", r.source_line),
                source_line: Some(r.source_line),
            });
        }
        read.rows.push(Row { code: r.code, label: r.label, line: None, cells, source_line: r.source_line });
    }
    read
}

/// A line without its leading 序号 (a short integer before more text); a
/// line that is only "序号" becomes empty.
fn strip_serial(l: &Line) -> Line {
    let t = l.text.trim_start();
    let mut it = t.splitn(2, char::is_whitespace);
    let first = it.next().unwrap_or("");
    let rest = it.next().unwrap_or("").trim_start();
    let text = if squeeze(t) == "序号" {
        String::new()
    } else if !first.is_empty() && first.len() <= 3 && first.bytes().all(|b| b.is_ascii_digit()) && !rest.is_empty() {
        rest.to_string()
    } else {
        l.text.clone()
    };
    Line { no: l.no, text }
}
