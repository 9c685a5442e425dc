//! Table readers: one per table kind, over a shared row/cell model.
//!
//! Reading runs in two phases. First every table is read on its own; rows whose
//! blank cells were dropped keep their candidate placements. Then the solver
//! places them using identities inside the table and anchors from the other
//! tables, in dependency order (05 → 03 → 02 → 04). 09 is read after every
//! other table, because placing its dropped cells uses 06.

pub mod budget;
pub mod catalogue;
pub mod coded;
pub mod econ;
pub mod grid;
pub mod layout;
pub mod sangong09;
pub mod tokens;
pub mod two_sided;

use crate::model::{Cell, Document, DocumentKind, ReadProblem, Row, Table, TableKind};
use crate::segment::{find_tables, is_note, Segment};
use crate::solve;
use crate::text::squeeze;
use layout::{columns_for, Layout};
use two_sided::Side;

/// Rows waiting for the solver: (table kind, row index, candidate cells).
#[derive(Debug, Default)]
pub struct Pending {
    rows: Vec<(TableKind, usize, Vec<Vec<Cell>>)>,
}

/// Finds and reads every table it can; what it cannot read goes to
/// `doc.problems` (and so to the coverage report).
pub fn read_all(doc: &mut Document) {
    if doc.info.kind == DocumentKind::Budget {
        budget::read_all(doc);
    } else {
        read_final(doc);
    }
    grid::read_all(doc);
}

/// The corpus 决算 layout: tables by their 公开NN表 marker.
fn read_final(doc: &mut Document) {
    let segments = find_tables(&doc.lines);
    doc.markers = segments.iter().map(|s| (s.number.clone(), doc.lines[s.marker].no)).collect();
    let mut pending = Pending::default();
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
        match read_table(doc, seg, kind, &mut pending) {
            Some(t) => doc.tables.push(t),
            None => doc.problems.push(ReadProblem {
                table: Some(seg.number.clone()),
                message: match columns_for(kind) {
                    Layout::Unsupported => format!("公开{}表（{}）：本版本尚不能读取其数据", seg.number, kind.title()),
                    _ => format!("公开{}表（{}）：找到了表号，但没有读出任何数据行（表格可能被截断或格式无法识别）", seg.number, kind.title()),
                },
                source_line: Some(doc.lines[seg.marker].no),
            }),
        }
    }
    place_pending(doc, pending);
}

fn read_table(doc: &mut Document, seg: &Segment, kind: TableKind, pending: &mut Pending) -> Option<Table> {
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
        unresolved: Vec::new(),
        contradicted: Vec::new(),
        printed: Vec::new(),
        sides: None,
        row_sums: Vec::new(),
        grid: None,
    };
    let n = kind.number();
    match columns_for(kind) {
        Layout::TwoSided { left, right, columns } => {
            let (entries, mut problems) = two_sided::read_entries(body, left, right, n);
            let (mut rows, p1, amb_l) = two_sided::place(&entries, left, n);
            let (rows_r, p2, amb_r) = two_sided::place(&entries, right, n);
            let offset = rows.len();
            rows.extend(rows_r);
            problems.extend(p1);
            problems.extend(p2);
            for (side, amb, base) in [(left, amb_l, 0), (right, amb_r, offset)] {
                for e in amb {
                    if let Some(i) = rows[base..].iter().position(|r| r.line == Some(e.line)) {
                        pending.rows.push((kind, base + i, two_sided::candidates(&e, side.ncols)));
                    }
                }
            }
            table.columns = columns.iter().map(|c| c.to_string()).collect();
            table.rows = rows;
            doc.problems.extend(problems);
        }
        Layout::Coded { columns } => {
            let (raw, problems) = coded::read_rows(body, &['2'], n);
            doc.problems.extend(problems);
            table.columns = columns.iter().map(|c| c.to_string()).collect();
            for r in raw {
                let cells = match coded::place_certain(&r, columns.len()) {
                    Some(cells) => cells,
                    None => {
                        pending.rows.push((kind, table.rows.len(), coded::candidates(&r, columns.len())));
                        vec![Cell::blank(r.source_line); columns.len()]
                    }
                };
                table.rows.push(Row { code: r.code, label: r.label, line: None, cells, source_line: r.source_line });
            }
        }
        Layout::Economic => {
            let (rows, problems) = econ::read(body, n);
            table.columns = vec!["金额".to_string()];
            table.rows = rows;
            doc.problems.extend(problems);
        }
        Layout::Sangong => {
            let read = sangong09::read(body, doc.table(TableKind::F06), &doc.narrative.stated.sangong_final, n);
            table.columns = sangong09::COLUMNS.iter().map(|c| c.to_string()).collect();
            table.rows = read.rows;
            table.unresolved = read.unresolved.clone();
            if read.contradicted {
                table.contradicted = read.unresolved;
            }
            doc.problems.extend(read.problems);
        }
        Layout::Unsupported => return None,
    }
    (!table.rows.is_empty()).then_some(table)
}

/// Runs the solver over the rows whose positions were not certain.
fn place_pending(doc: &mut Document, mut pending: Pending) {
    for kind in [TableKind::F05, TableKind::F03, TableKind::F02, TableKind::F04, TableKind::F07, TableKind::F08] {
        let mine: Vec<(usize, Vec<Vec<Cell>>)> = {
            let (a, rest): (Vec<_>, Vec<_>) = pending.rows.into_iter().partition(|(k, _, _)| *k == kind);
            pending.rows = rest;
            a.into_iter().map(|(_, i, c)| (i, c)).collect()
        };
        if mine.is_empty() {
            continue;
        }
        let Some(problem) = layout::problem_for(doc, kind, &mine) else { continue };
        let results = solve::solve(&problem);
        let Some(ti) = doc.tables.iter().position(|t| t.kind == kind) else { continue };
        let (mut ambiguous, mut contradicted) = (Vec::new(), Vec::new());
        for (row, placement) in results {
            let Some((_, cands)) = mine.iter().find(|(i, _)| *i == row) else { continue };
            let table = &mut doc.tables[ti];
            let r = &table.rows[row];
            let name = r.code.clone().unwrap_or_else(|| r.line.map(|l| format!("行次{l}")).unwrap_or_else(|| r.label.clone()));
            match placement {
                solve::Placement::Unique(values) => {
                    if let Some(cells) = cands.iter().find(|c| c.iter().map(|x| x.value).eq(values.iter().copied())) {
                        table.rows[row].cells = cells.clone();
                    }
                }
                solve::Placement::Ambiguous(k) => {
                    table.unresolved.push(row);
                    table.printed.push((row, printed_amounts(cands)));
                    ambiguous.push((format!("{name}（{k}种）"), r.source_line));
                }
                solve::Placement::Contradiction => {
                    table.unresolved.push(row);
                    table.contradicted.push(row);
                    table.printed.push((row, printed_amounts(cands)));
                    contradicted.push((name, r.source_line));
                }
            }
        }
        let n = kind.number();
        if !ambiguous.is_empty() {
            doc.problems.push(ReadProblem {
                table: Some(n.to_string()),
                message: format!(
                    "公开{n}表有{}行省略了空白栏，其数字的栏目归属无法唯一确定：{}。这些行暂按空白显示，依赖它们的核对已跳过",
                    ambiguous.len(),
                    list(&ambiguous)
                ),
                source_line: ambiguous.first().map(|a| a.1),
            });
        }
        if !contradicted.is_empty() {
            doc.problems.push(ReadProblem {
                table: Some(n.to_string()),
                message: format!(
                    "公开{n}表有{}行省略了空白栏，而任何一种栏目归属都与表内或表间的勾稽关系矛盾：{}。这些行暂按空白显示",
                    contradicted.len(),
                    list(&contradicted)
                ),
                source_line: contradicted.first().map(|a| a.1),
            });
        }
    }
}

/// The printed amounts of a row, in order, recovered from any candidate.
pub(crate) fn printed_amounts(cands: &[Vec<Cell>]) -> Vec<Cell> {
    cands.first().map(|c| c.iter().filter(|x| x.value.is_some()).cloned().collect()).unwrap_or_default()
}

pub(crate) fn list(rows: &[(String, usize)]) -> String {
    let mut s: Vec<String> = rows.iter().take(8).map(|(n, l)| format!("{n}（第{l}行）")).collect();
    if rows.len() > 8 {
        s.push(format!("等{}行", rows.len()));
    }
    s.join("、")
}

/// The "注：…" lines under a table, joined per note.
pub(crate) fn notes(doc: &Document, seg: &Segment) -> Vec<(usize, String)> {
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

/// The standard shape of a 决算 side; used by [`layout`].
pub(crate) const fn side(first: u32, last: u32, ncols: usize) -> Side {
    Side { first, last, ncols }
}
