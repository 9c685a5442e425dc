//! One reading engine for the marked tables of 决算 and 预算 alike.
//!
//! Every document goes through the same steps: find the tables by their
//! 公开NN表 / 公开表N marker ([`crate::segment`]); decide what each one is and
//! how its rows are printed (a [`Plan`]); read its rows, keeping the rows
//! whose blank cells were dropped open with their candidate placements; place
//! the open rows with the solver ([`crate::solve`]) under the identities that
//! hold between the tables; read the 三公 table last, because the other
//! tables and the narrative are its evidence. Only two things depend on
//! whether the document is a 决算 or a 预算 (its [`Family`]): how a table's
//! kind and layout are decided (决算 by the fixed number of the national
//! template, 预算 by title and header, [`super::budget::kinds`] and
//! [`super::budget::schema`]) and which cross-table identities place open
//! cells ([`super::layout::problem_for`] or [`super::budget::joint`]).
//!
//! Tables without a marker, or with layouts none of these plans knows, are
//! left to the general reader ([`super::grid`]), which runs afterwards.

use std::ops::Range;

use super::budget::{self, joint, kinds, schema, Read};
use super::candidates::Candidates;
use super::layout::{columns_for, Layout};
use super::two_sided::Side;
use super::{coded, econ, notes, place_pending, sangong09, two_sided, Pending};
use crate::model::{Cell, Document, DocumentKind, ReadProblem, RowSum, Table, TableKind};
use crate::segment::{find_tables_in, Segment};
use crate::text::search;

/// Which national template a document's marked tables follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// 部门决算: nine tables, kind fixed by number.
    Final,
    /// 部门/单位预算: kind by title and header, layout by header signature.
    Budget,
}

/// How a table's rows are printed.
#[derive(Debug, Clone, Copy)]
enum How {
    /// 决算 收入 | 支出 anchored on 行次.
    Sides { left: Side, right: Side },
    /// 决算 科目 rows.
    Coded,
    /// 决算 公开06表: (code, name, amount) triples in panels.
    Economic,
    /// A budget layout.
    Schema(&'static schema::Schema),
    /// A 三公 table: read after the others.
    Sangong,
}

/// What one found table is and how to read it.
struct Plan {
    table: Table,
    how: How,
    body: Range<usize>,
    /// The squeezed header (budget tables).
    header: String,
}

/// A table read, with its rows still to place.
struct Part {
    table: Table,
    schema: Option<&'static schema::Schema>,
    open: Vec<(usize, Candidates)>,
    /// How many printed amounts its reader took into no row or column.
    set_aside: usize,
}

/// Finds, identifies and reads every marked table; what cannot be read goes
/// to `doc.problems`.
pub fn read_marked(doc: &mut Document) {
    let family = if doc.info.kind == DocumentKind::Budget { Family::Budget } else { Family::Final };
    let found = find_tables_in(&doc.lines, &doc.joined);
    doc.markers = found.iter().map(|s| (s.number.clone(), doc.lines[s.marker].no)).collect();
    // A budget table continued on the next page repeats its marker; in a
    // 决算 a repeated marker is a table printed twice.
    let segments = match family {
        Family::Budget => budget::merge_pages(found),
        Family::Final => found,
    };
    let mut parts: Vec<Part> = Vec::new();
    let mut deferred: Vec<Plan> = Vec::new();
    for seg in &segments {
        let plan = match family {
            Family::Final => final_plan(doc, seg),
            Family::Budget => budget_plan(doc, seg),
        };
        let plan = match plan {
            Ok(p) => p,
            Err(problem) => {
                doc.problems.push(problem);
                continue;
            }
        };
        let kind = plan.table.kind;
        let taken = parts.iter().map(|p| &p.table).chain(deferred.iter().map(|d| &d.table)).find(|t| t.kind == kind);
        if let Some(t) = taken {
            let message = match family {
                Family::Final => format!("公开{}表出现了不止一次，只读取了第一次出现的", seg.number),
                Family::Budget => format!("公开表{}与公开表{}都像是{}，只读取了前一张", seg.number, t.no(), kind.title()),
            };
            doc.problems.push(problem_at(doc, seg, message));
            continue;
        }
        if let How::Sangong = plan.how {
            deferred.push(plan);
            continue;
        }
        let read = read_rows(doc, &plan);
        doc.problems.extend(read.problems);
        let Plan { table, how, .. } = plan;
        // A budget table may print only its notes ("本部门无…预算") and is read
        // as such; a 决算 table without rows was not read.
        if read.rows.is_empty() && (family == Family::Final || table.notes.is_empty()) {
            let name = match family {
                Family::Final => kind.title(),
                Family::Budget => table.title.as_str(),
            };
            let message =
                format!("{}（{name}）：找到了表号，但没有读出任何数据行（表格可能被截断或格式无法识别）", marker_name(family, &seg.number));
            doc.problems.push(problem_at(doc, seg, message));
            continue;
        }
        let schema = match how {
            How::Schema(s) => Some(s),
            _ => None,
        };
        // Two-sided budget tables: what each row states, by its words and side.
        let stated = match read.sides {
            Some(n) => read
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    joint::label_source(&r.label, if i < n { crate::model::Side::Income } else { crate::model::Side::Expenditure })
                })
                .collect(),
            None => Vec::new(),
        };
        parts.push(Part {
            table: Table { rows: read.rows, sides: read.sides, stated, ..table },
            schema,
            open: read.open,
            set_aside: read.set_aside,
        });
    }
    match family {
        Family::Final => {
            let mut pending = Pending::default();
            for p in parts {
                // Amounts its 科目 rows could not hold (rows printed without
                // their codes, say): the rows read are part of the table,
                // and its sums and the tables it must agree with would be
                // checked against that part. Not read instead.
                if p.set_aside > 0 {
                    let t = &p.table;
                    doc.problems.push(ReadProblem {
                        message: format!(
                            "公开{}表（{}）：有 {} 个金额不属于读出的任何行（例如行前没有科目编码或行次），只读出一部分会导致误判，本表未读取",
                            t.number.as_deref().unwrap_or_default(),
                            t.kind.title(),
                            p.set_aside
                        ),
                        table: t.number.clone(),
                        source_line: Some(t.source_line),
                    });
                    continue;
                }
                pending.rows.extend(p.open.into_iter().map(|(i, c)| (p.table.kind, i, c)));
                doc.tables.push(p.table);
            }
            place_pending(doc, pending);
        }
        Family::Budget => {
            let mut placed: Vec<joint::Part> = Vec::new();
            let mut set_aside = Vec::new();
            for p in parts {
                // Every budget part was planned from a schema.
                if let Some(schema) = p.schema {
                    placed.push(joint::Part { table: p.table, schema, open: p.open });
                    set_aside.push(p.set_aside);
                }
            }
            joint::place(&mut placed, &mut doc.problems);
            for (p, aside) in placed.into_iter().zip(set_aside) {
                // An amount the table prints that its reader set aside (no
                // row or column could hold it): the header did not fit this
                // layout, and the table is not read rather than shown with
                // blanks where it prints amounts ("a table not read is
                // better than a table misread"). Another reader may read it.
                // Amounts of rows left open (ambiguous, reported as such)
                // were not set aside.
                if aside > 0 {
                    let t = &p.table;
                    let in_cells =
                        t.rows.iter().fold(0usize, |n, r| n.saturating_add(r.cells.iter().filter(|c| c.value.is_some()).count()));
                    let open =
                        t.printed.iter().fold(0usize, |n, (_, cells)| n.saturating_add(cells.iter().filter(|c| c.value.is_some()).count()));
                    let held = in_cells.saturating_add(open);
                    let printed = held.saturating_add(aside);
                    let no = t.number.clone().unwrap_or_default();
                    doc.problems.push(ReadProblem {
                        message: format!("公开表{no}（{}）：表中印有 {printed} 个金额，只有 {held} 个对应到了栏目，未读取", t.title),
                        table: t.number.clone(),
                        source_line: Some(t.source_line),
                    });
                    continue;
                }
                doc.tables.push(p.table);
            }
        }
    }
    for d in deferred {
        if let Some(t) = read_sangong(doc, family, d) {
            doc.tables.push(t);
        }
    }
    doc.tables.sort_by_key(|t| t.source_line);
}

/// How a 决算 marker is named in messages ("公开09表") and a budget one ("公开表9").
fn marker_name(family: Family, number: &str) -> String {
    match family {
        Family::Final => format!("公开{number}表"),
        Family::Budget => format!("公开表{number}"),
    }
}

fn problem_at(doc: &Document, seg: &Segment, message: String) -> ReadProblem {
    ReadProblem { table: Some(seg.number.clone()), message, source_line: Some(doc.lines[seg.marker].no) }
}

/// An empty table of `kind` for a segment, to be filled by its reader,
/// with the segment's `notes` ([`notes`]).
fn blank_table(doc: &Document, seg: &Segment, kind: TableKind, title: String, columns: Vec<String>, notes: Vec<(usize, String)>) -> Table {
    Table {
        number: Some(seg.number.clone()),
        title,
        unit: seg.unit.clone(),
        columns,
        notes,
        ..Table::empty(kind, doc.lines[seg.marker].no)
    }
}

/// 决算: the kind is the template's number; the layout is the kind's.
fn final_plan(doc: &Document, seg: &Segment) -> Result<Plan, ReadProblem> {
    let kind = match doc.info.kind {
        DocumentKind::FinalAccounts => seg.number.parse().ok().and_then(TableKind::final_by_number),
        _ => None,
    };
    let Some(kind) = kind else {
        return Err(problem_at(doc, seg, format!("公开{}表：暂不能识别这张表", seg.number)));
    };
    let title = seg.title.as_ref().map(|t| t.1.clone()).unwrap_or_else(|| kind.title().to_string());
    let (how, columns): (How, Vec<String>) = match columns_for(kind) {
        Layout::TwoSided { left, right, columns } => (How::Sides { left, right }, captions(columns)),
        Layout::Coded { columns } => (How::Coded, captions(columns)),
        Layout::Economic => (How::Economic, vec!["金额".to_string()]),
        Layout::Sangong => (How::Sangong, captions(&sangong09::COLUMNS)),
        Layout::Unsupported => {
            return Err(problem_at(doc, seg, format!("公开{}表（{}）：本版本尚不能读取其数据", seg.number, kind.title())));
        }
    };
    let table = blank_table(doc, seg, kind, title, columns, notes(doc, seg));
    Ok(Plan { table, how, body: seg.body.clone(), header: String::new() })
}

/// 预算: the kind from the title or the header signature, the layout from
/// the header.
fn budget_plan(doc: &Document, seg: &Segment) -> Result<Plan, ReadProblem> {
    let no = &seg.number;
    let body = &doc.lines[seg.body.clone()];
    let header = budget::header_text(body, crate::units::is_yuan(seg.unit.as_deref()));
    let table_notes = notes(doc, seg);
    let title = seg.title.as_ref().map(|t| t.1.as_str());
    let Some((kind, titled)) = kinds::classify(title, &header, &table_notes) else {
        return Err(problem_at(doc, seg, format!("公开表{no}：没有认出这是哪一张预算表（标题和表头都不是已知的格式），未读取")));
    };
    let Some(schema) = schema::pick(kind, &header) else {
        return Err(problem_at(doc, seg, format!("公开表{no}（{}）：表头的栏目与已知的格式都不相符，暂不能读取", kind.title())));
    };
    let title = match (titled, title) {
        (true, Some(t)) => t.to_string(),
        _ => kind.title().to_string(),
    };
    // The notes read above for the kind are the table's: not read again.
    let mut table = blank_table(doc, seg, kind, title, captions(schema.columns), table_notes);
    table.row_sums = schema.row_sums.iter().map(|(t, p)| RowSum { total: *t, parts: p.to_vec() }).collect();
    table.sources = schema.sources.to_vec();
    let how = match schema.reader {
        schema::Reader::SangongYears => How::Sangong,
        _ => How::Schema(schema),
    };
    Ok(Plan { table, how, body: seg.body.clone(), header })
}

fn captions(columns: &[&str]) -> Vec<String> {
    columns.iter().map(|c| c.to_string()).collect()
}

/// Reads the rows of a planned table (not a 三公 one).
fn read_rows(doc: &Document, plan: &Plan) -> Read {
    let kind = plan.table.kind;
    let no = plan.table.number.clone().unwrap_or_default();
    let ncols = plan.table.columns.len();
    // A table in 元 may print its amounts as integers: its readers must know.
    let yuan = crate::units::is_yuan(plan.table.unit.as_deref());
    let body = &doc.lines[plan.body.clone()];
    let heads = budget::without_continuation_heads(body);
    let body = heads.as_deref().unwrap_or(body);
    // The 行次 readers clear a label at a header line, repeated or not.
    let cleaned = (!matches!(plan.how, How::Sides { .. })).then(|| budget::without_repeated_header(body, yuan)).flatten();
    let body = cleaned.as_deref().unwrap_or(body);
    match plan.how {
        How::Sides { left, right } => {
            let n = kind.number();
            let (mut entries, mut problems, before_any) = two_sided::read_entries(body, left, right, n, yuan);
            let amounts = |vs: &[Option<(rust_decimal::Decimal, usize)>]| vs.iter().filter(|v| v.is_some()).count();
            let printed = entries.iter().fold(before_any, |k, e| k.saturating_add(amounts(&e.values)));
            let (mut rows, p1, amb_l) = two_sided::place(&mut entries, left, n);
            let (rows_r, p2, amb_r) = two_sided::place(&mut entries, right, n);
            // What no row holds (past its columns, a 行次 printed twice, before
            // any 行次) was set aside: a 决算 table is then not read (`read_marked`).
            let held = rows.iter().chain(&rows_r).flat_map(|r| &r.cells).filter(|c| c.value.is_some()).count();
            let held = [&amb_l, &amb_r].into_iter().flatten().fold(held, |k, e| k.saturating_add(amounts(&e.values)));
            let offset = rows.len();
            rows.extend(rows_r);
            problems.extend(p1);
            problems.extend(p2);
            let mut open = Vec::new();
            for (side, amb, base) in [(left, amb_l, 0), (right, amb_r, offset)] {
                for e in amb {
                    if let Some(i) = rows[base..].iter().position(|r| r.line == Some(e.line)) {
                        open.push((base + i, two_sided::candidates(&e, side.ncols)));
                    }
                }
            }
            Read { rows, open, problems, set_aside: printed.saturating_sub(held), ..Read::default() }
        }
        How::Coded => {
            let (raw, problems) = coded::read_rows(body, &['2'], kind.number(), yuan);
            // Each problem `read_rows` reports is one amount it set aside;
            // so is each amount a row prints past the table's columns.
            let mut read = Read { set_aside: problems.len(), problems, ..Read::default() };
            for r in raw {
                read.set_aside = read.set_aside.saturating_add(r.amount_count().saturating_sub(ncols));
                budget::push_coded(&mut read, r, ncols);
            }
            read
        }
        How::Economic => {
            let (rows, problems, set_aside) = econ::read(body, kind.number(), yuan);
            Read { rows, problems, set_aside, ..Read::default() }
        }
        How::Schema(schema) => match schema.reader {
            schema::Reader::TwoSided { income } => budget::sides::read(body, income, ncols, &no, yuan),
            schema::Reader::Coded(first) => budget::read_coded(body, first, ncols, search::contains(&plan.header, "序号"), &no, yuan),
            schema::Reader::EconPair => budget::pairs::read(body, ncols, &no, yuan),
            schema::Reader::Projects => budget::items::read_projects(body, ncols, &no, yuan),
            schema::Reader::Procurement => budget::items::read_procurement(body, ncols, &no, yuan),
            schema::Reader::Labelled => budget::items::read_labelled(body, ncols, &no, yuan),
            // Planned as How::Sangong.
            schema::Reader::SangongYears => Read::default(),
        },
        How::Sangong => Read::default(),
    }
}

/// Reads a 三公 table after the others: 决算 places its dropped cells with 公开06表
/// and the narrative's figures, a budget's year blocks with the 基本支出
/// tables and the narrative's changes.
fn read_sangong(doc: &mut Document, family: Family, plan: Plan) -> Option<Table> {
    let no = plan.table.no();
    let body = &doc.lines[plan.body.clone()];
    let heads = budget::without_continuation_heads(body);
    let body = heads.as_deref().unwrap_or(body);
    let cleaned = budget::without_repeated_header(body, crate::units::is_yuan(plan.table.unit.as_deref()));
    let body = cleaned.as_deref().unwrap_or(body);
    let (rows, problems, unresolved, contradicted, printed) = match family {
        Family::Final => {
            let yuan = crate::units::is_yuan(plan.table.unit.as_deref());
            let r = sangong09::read(body, doc.table(TableKind::F06), &doc.narrative.stated.sangong_final, plan.table.kind.number(), yuan);
            let contradicted = if r.contradicted { r.unresolved.clone() } else { Vec::new() };
            (r.rows, r.problems, r.unresolved, contradicted, Vec::new())
        }
        Family::Budget => {
            let econ: Vec<&Table> =
                doc.tables.iter().filter(|t| matches!(t.kind, TableKind::BBasicEcon | TableKind::BBasicGovEcon)).collect();
            let r = budget::sangong::read(
                body,
                &plan.header,
                doc.info.year,
                &econ,
                &doc.narrative.stated.sangong,
                &no,
                plan.table.unit.as_deref(),
            );
            let printed: Vec<(usize, Vec<Cell>)> = r.unresolved.iter().map(|i| (*i, r.printed.clone())).collect();
            let contradicted = if r.contradicted { r.unresolved.clone() } else { Vec::new() };
            (r.rows, r.problems, r.unresolved, contradicted, printed)
        }
    };
    doc.problems.extend(problems);
    if rows.is_empty() {
        let message = match family {
            Family::Final => {
                format!("公开{no}表（{}）：找到了表号，但没有读出任何数据行（表格可能被截断或格式无法识别）", plan.table.kind.title())
            }
            Family::Budget => format!("公开表{no}（{}）：找到了表号，但没有读出数据行", plan.table.title),
        };
        doc.problems.push(ReadProblem { table: Some(no), message, source_line: Some(plan.table.source_line) });
        return None;
    }
    Some(Table { rows, unresolved, contradicted, printed, ..plan.table })
}

#[cfg(test)]
mod tests {
    use crate::corpus_edits::{table_in_yuan_as, tables_in_wan};

    /// [`super::two_sided::place`] moves each placed entry's label into its
    /// row: that needs every two-sided 决算 layout's sides to hold different
    /// 行次, so that no entry is placed by both.
    #[test]
    fn the_sides_of_a_two_sided_layout_share_no_line_number() {
        let mut two_sided = 0;
        for n in 1..=20 {
            let Some(kind) = crate::model::TableKind::final_by_number(n) else { continue };
            if let super::Layout::TwoSided { left, right, .. } = super::columns_for(kind) {
                assert!(left.last < right.first || right.last < left.first, "{kind:?}");
                two_sided += 1;
            }
        }
        assert!(two_sided >= 2, "{two_sided}");
    }

    /// A 决算's 科目 tables (收入决算表, 支出决算表, 公开05/07/08表) printed in 元
    /// as integers ("合计 171278300 171278300 0 0 0 0 0", "2080505
    /// 机关事业单位基本养老保险缴费支出 6214100 6214100 0 …"): the document reads as
    /// in 万元, every table the same rows with the same amounts (the one in 元
    /// ×10000) — the integers amounts, not dropped, and none taken for a code.
    #[test]
    fn a_final_accounts_coded_tables_printed_in_yuan_integers_read_as_in_wan() {
        for (file, markers) in [
            ("qingdao-office-2024-final.txt", ["公开02表", "公开03表", "公开05表", "公开07表", "公开08表"]),
            ("yantai-office-2024-final.txt", ["公开 02 表", "公开 03 表", "公开 05 表", "公开 07 表", "公开 08 表"]),
        ] {
            let text = std::fs::read_to_string(format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"))).expect("fixture");
            let want = tables_in_wan(&crate::read(&text));
            for marker in markers {
                let doc = crate::read(&table_in_yuan_as(&text, marker, 0));
                assert_eq!(doc.tables.iter().filter(|t| t.unit.as_deref() == Some("元")).count(), 1, "{file} {marker}");
                assert_eq!(tables_in_wan(&doc), want, "{file} {marker}");
            }
        }
    }

    /// 烟台大数据局's 决算 drops its blank cells ("215 资源勘探工业信息等支出
    /// 8773.10 8772.92 0.18" for seven columns), placed by the other tables'
    /// amounts (公开01表's totals, 公开05表 within 公开03表). With 公开03表 or 05表
    /// reprinted in 元 (integers, or with decimals) among tables in 万元, those
    /// amounts bound its cells in 元 (8979.28 万元 ±0.005 is 89792800 元 ±50),
    /// and every row is placed as in the original. (Its 公开02表 is left out:
    /// its 合计 is 0.01 万元 off the sum of its classes, rounding in 万元 but a
    /// misprint of 100 元 reprinted in 元.)
    #[test]
    fn a_final_accounts_table_in_yuan_is_placed_with_its_tables_in_wan() {
        let file = "yantai-bigdata-2023-final.txt";
        let text = std::fs::read_to_string(format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"))).expect("fixture");
        let base = crate::read(&text);
        assert!(base.tables.iter().all(|t| t.unresolved.is_empty()), "the original places every row");
        let want = tables_in_wan(&base);
        for marker in ["公开 03表", "公开 05表"] {
            for decimals in [0, 2] {
                let doc = crate::read(&table_in_yuan_as(&text, marker, decimals));
                assert_eq!(doc.tables.iter().filter(|t| t.unit.as_deref() == Some("元")).count(), 1, "{marker}");
                let open: Vec<_> = doc.tables.iter().filter(|t| !t.unresolved.is_empty()).map(|t| t.no()).collect();
                assert!(open.is_empty(), "{marker} ({decimals} decimals): rows left open in {open:?}");
                assert_eq!(tables_in_wan(&doc), want, "{marker} ({decimals} decimals)");
            }
        }
    }
    /// A 决算's 公开01表, 04表 (行次 tables), 06表 (经济分类) and 09表 (三公)
    /// printed in 元 as integers ("一、一般公共预算财政拨款收入 1 171278300
    /// 一、一般公共服务支出 32 154947300", "301 工资福利支出 77451100"): each
    /// reads as the original (its amounts ×10000), or, where its reader cannot
    /// tell such an amount from a 行次 or a code, is not read, saying so —
    /// never read with its amounts blank; every other table reads as the
    /// original. `read` lists the tables that must read.
    #[test]
    fn a_final_accounts_other_tables_printed_in_yuan_integers_read_or_are_refused_never_blank() {
        for (file, markers, read) in [
            ("qingdao-office-2024-final.txt", ["公开01表", "公开04表", "公开06表", "公开09表"], ["01", "04", "06", "09"]),
            ("yantai-office-2024-final.txt", ["公开 01 表", "公开 04 表", "公开 06 表", "公开 09 表"], ["01", "04", "06", "09"]),
        ] {
            let text = std::fs::read_to_string(format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"))).expect("fixture");
            let want = tables_in_wan(&crate::read(&text));
            for marker in markers {
                let doc = crate::read(&table_in_yuan_as(&text, marker, 0));
                let no: String = marker.chars().filter(char::is_ascii_digit).collect();
                let got = tables_in_wan(&doc);
                if got == want {
                    continue;
                }
                assert!(!read.contains(&no.as_str()), "{file} {marker}: reads as the original");
                let same: Vec<_> = want.iter().filter(|(name, _)| !name.ends_with(&format!(" {no}"))).cloned().collect();
                assert_eq!(got, same, "{file} {marker}: the table is not read, the others read as the original");
                let said = doc.problems.iter().any(|p| p.table.as_deref() == Some(no.as_str()) && p.message.contains("没有读出任何数据行"));
                assert!(said, "{file} {marker}: the table not read is said so");
            }
        }
    }

    /// A 决算's 科目 rows printed without their codes (names only, as some
    /// portals print them): the 02, 03, 05 (coded) and 06 (经济分类) readers
    /// cannot place their amounts, so those tables are not read, saying how
    /// many amounts were left over, rather than read as the 合计 row alone
    /// and checked against the other tables (which gave 11 false errors on
    /// 青岛's final accounts).
    #[test]
    fn a_final_accounts_coded_tables_without_their_codes_are_not_read_rather_than_read_in_part() {
        let text = std::fs::read_to_string(format!("{}/tests/fixtures/qingdao-office-2024-final.txt", env!("CARGO_MANIFEST_DIR")))
            .expect("fixture");
        let uncoded: String = text
            .split_inclusive('\n')
            .map(|l| {
                let code = l.bytes().take_while(u8::is_ascii_digit).count();
                let named = l.as_bytes().get(code) == Some(&b' ') && l.as_bytes().get(code + 1).is_some_and(|b| !b.is_ascii_digit());
                if matches!(code, 3 | 5 | 7) && named {
                    l[code + 1..].to_string()
                } else {
                    l.to_string()
                }
            })
            .collect();
        let doc = crate::read(&uncoded);
        let read: Vec<String> = doc.tables.iter().map(|t| t.no()).collect();
        for no in ["02", "03", "05", "06"] {
            assert!(!read.contains(&no.to_string()), "{no} read: {read:?}");
            let said = doc.problems.iter().any(|p| {
                p.table.as_deref() == Some(no) && p.message.contains("个金额不属于读出的任何行") && p.message.ends_with("本表未读取")
            });
            assert!(said, "{no}: the table not read is said so");
        }
        assert_eq!(read, ["01", "04", "07", "08", "09"]);
    }

    /// A row as read: code, label, values.
    type RowCells = (Option<String>, String, Vec<Option<rust_decimal::Decimal>>);

    /// A table printed over pages with its header (and title) repeated on
    /// each (print titles): the repeated lines are no rows and no new table,
    /// and every table of the corpus reads as printed once.
    #[test]
    fn a_header_repeated_mid_table_reads_as_the_table_printed_once() {
        use crate::tables::tokens::has_amount;
        for file in [
            "qingdao-office-2023-budget",
            "qingdao-office-2024-final",
            "yantai-bigdata-2023-final",
            "yantai-office-2023-budget",
            "yantai-office-2024-final",
        ] {
            let text = std::fs::read_to_string(format!("{}/tests/fixtures/{file}.txt", env!("CARGO_MANIFEST_DIR"))).expect("fixture");
            let doc = crate::read(&text);
            let raw: Vec<&str> = text.split('\n').collect();
            let mut inserts: Vec<(usize, Vec<String>)> = Vec::new();
            for seg in crate::segment::find_tables_in(&doc.lines, &doc.joined) {
                let Some(t) = doc.tables.iter().find(|t| t.number.as_deref() == Some(seg.number.as_str())) else { continue };
                let mut rows: Vec<usize> = t.rows.iter().map(|r| r.source_line).collect();
                rows.sort_unstable();
                rows.dedup();
                let body = &doc.lines[seg.body.clone()];
                let Some(first) = body.iter().position(|l| has_amount(&l.text)) else { continue };
                let header: Vec<String> =
                    body[..first].iter().filter(|l| !l.squeezed.is_empty()).map(|l| raw[l.no - 1].to_string()).collect();
                if rows.len() < 4 || header.len() < 2 {
                    continue;
                }
                let mut block = header;
                block[0] = format!("\u{c}{}", block[0]);
                inserts.push((rows[rows.len() / 2] - 1, block));
            }
            assert!(inserts.len() >= 5, "{file}: {} tables with a header", inserts.len());
            inserts.sort();
            let mut lines: Vec<String> = raw.iter().map(|l| l.to_string()).collect();
            for (at, block) in inserts.into_iter().rev() {
                lines.splice(at..at, block);
            }
            let got = crate::read(&lines.join("\n"));
            let cells = |d: &crate::model::Document| -> Vec<(String, Vec<RowCells>)> {
                d.tables
                    .iter()
                    .map(|t| {
                        (
                            t.no(),
                            t.rows.iter().map(|r| (r.code.clone(), r.label.clone(), r.cells.iter().map(|c| c.value).collect())).collect(),
                        )
                    })
                    .collect()
            };
            let (want, got) = (cells(&doc), cells(&got));
            let differ: Vec<String> = want
                .iter()
                .zip(&got)
                .filter(|(a, b)| a != b)
                .map(|(a, b)| {
                    let extra: Vec<_> = b.1.iter().filter(|r| !a.1.contains(r)).collect();
                    let lost: Vec<_> = a.1.iter().filter(|r| !b.1.contains(r)).collect();
                    format!("{} / {}: lost {lost:?}, extra {extra:?}", a.0, b.0)
                })
                .collect();
            assert!(differ.is_empty() && want.len() == got.len(), "{file}: {} → {} tables\n{}", want.len(), got.len(), differ.join("\n"));
        }
    }

    /// The two-sided (行次) 决算 tables likewise: an amount no 行次 holds
    /// (its 行次 lost, here 公开01表's 1) leaves the table unread, not read
    /// with that row blank and its totals checked against it.
    #[test]
    fn a_two_sided_final_table_with_an_amount_no_line_number_holds_is_not_read() {
        let text = std::fs::read_to_string(format!("{}/tests/fixtures/qingdao-office-2024-final.txt", env!("CARGO_MANIFEST_DIR")))
            .expect("fixture");
        let row = "一、一般公共预算财政拨款收入 1 17,127.83";
        assert!(text.contains(row));
        let doc = crate::read(&text.replacen(row, "一、一般公共预算财政拨款收入 17,127.83", 1));
        let read: Vec<String> = doc.tables.iter().map(|t| t.no()).collect();
        assert_eq!(read, ["02", "03", "04", "05", "06", "07", "08", "09"]);
        let said = doc.problems.iter().any(|p| {
            p.table.as_deref() == Some("01") && p.message.contains("有 1 个金额不属于读出的任何行") && p.message.ends_with("本表未读取")
        });
        assert!(said, "{:#?}", doc.problems);
    }
}
