//! Table readers: one per table kind, over a shared row/cell model.

pub mod econ;
pub mod sangong09;
pub mod sangong_narrative;
pub mod tokens;
pub mod two_sided;

use crate::model::{Document, DocumentKind, ReadProblem, Table, TableKind};
use crate::segment::{find_tables, is_note, Segment};
use crate::text::squeeze;
use two_sided::Side;

/// Finds and reads every table it can; what it cannot read goes to
/// `doc.problems` (and so to the coverage report).
pub fn read_all(doc: &mut Document) {
    let segments = find_tables(&doc.lines);
    // 09 is read last: placing its dropped cells uses 06.
    let is_09 = |s: &&Segment| s.number.parse::<u32>().ok() == Some(9);
    let ordered = segments.iter().filter(|s| !is_09(s)).chain(segments.iter().filter(is_09));
    for seg in ordered {
        let kind = match doc.info.kind {
            DocumentKind::FinalAccounts => seg.number.parse().ok().and_then(TableKind::final_by_number),
            _ => None,
        };
        let Some(kind) = kind else {
            doc.problems.push(ReadProblem {
                table: Some(seg.number.clone()),
                message: format!("公开{}表：暂不能识别这张表", seg.number),
                source_line: Some(doc.lines[seg.marker].no),
            });
            continue;
        };
        if doc.table(kind).is_some() {
            doc.problems.push(ReadProblem {
                table: Some(seg.number.clone()),
                message: format!("公开{}表出现了不止一次，只读取了第一次出现的", seg.number),
                source_line: Some(doc.lines[seg.marker].no),
            });
            continue;
        }
        match read_table(doc, seg, kind) {
            Some(t) => doc.tables.push(t),
            None => doc.problems.push(ReadProblem {
                table: Some(seg.number.clone()),
                message: format!("公开{}表（{}）：本版本尚不能读取其数据", seg.number, kind.title()),
                source_line: Some(doc.lines[seg.marker].no),
            }),
        }
    }
}

fn read_table(doc: &mut Document, seg: &Segment, kind: TableKind) -> Option<Table> {
    let body = &doc.lines[seg.body.clone()];
    let mut table = Table {
        kind,
        number: Some(seg.number.clone()),
        title: seg.title.as_ref().map(|t| t.1.clone()).unwrap_or_else(|| kind.title().to_string()),
        unit: seg.unit.clone(),
        columns: Vec::new(),
        rows: Vec::new(),
        notes: notes(doc, seg),
        source_line: doc.lines[seg.marker].no,
    };
    match kind {
        TableKind::F01 => {
            let (left, right) = (Side { first: 1, last: 31, ncols: 1 }, Side { first: 32, last: 62, ncols: 1 });
            let (entries, mut problems) = two_sided::read_entries(body, left, right, kind.number());
            let (mut rows, p1, _) = two_sided::place(&entries, left, kind.number());
            let (rows_r, p2, _) = two_sided::place(&entries, right, kind.number());
            rows.extend(rows_r);
            problems.extend(p1);
            problems.extend(p2);
            table.columns = vec!["金额".to_string()];
            table.rows = rows;
            doc.problems.extend(problems);
        }
        TableKind::F06 => {
            let (rows, problems) = econ::read(body, kind.number());
            table.columns = vec!["金额".to_string()];
            table.rows = rows;
            doc.problems.extend(problems);
        }
        TableKind::F09 => {
            let (rows, problems) = sangong09::read(body, doc.table(TableKind::F06), &doc.lines, kind.number());
            table.columns = sangong09::COLUMNS.iter().map(|c| c.to_string()).collect();
            table.rows = rows;
            doc.problems.extend(problems);
        }
        _ => return None,
    }
    (!table.rows.is_empty()).then_some(table)
}

/// The "注：…" lines under a table, joined per note.
fn notes(doc: &Document, seg: &Segment) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut in_note = false;
    for l in &doc.lines[seg.body.clone()] {
        let sq = squeeze(&l.text);
        if is_note(&sq) {
            in_note = true;
            out.push((l.no, sq));
        } else if in_note && !sq.is_empty() && sq.starts_with(|c: char| c.is_ascii_digit()) {
            if let Some(last) = out.last_mut() {
                last.1.push_str(&sq);
            }
        } else if in_note && !sq.is_empty() {
            in_note = false;
        }
    }
    out
}
