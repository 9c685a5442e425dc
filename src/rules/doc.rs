//! Document structure: the required tables are there, and empty tables say why.

use super::tbl01::FINAL;
use super::{Family, Finding, Fixture, Rule, Severity};
use crate::model::TableKind;

const Y: &str = "yantai-office-2024-final.txt";
const Q: &str = "qingdao-office-2024-final.txt";
const B: &str = "yantai-bigdata-2023-final.txt";

/// Each of 公开01–09表 is published.
pub const TABLES_PRESENT: Rule = Rule {
    id: "DOC-001",
    family: Family::Doc,
    severity: Severity::Error,
    title: "部门决算必须公开全部九张公开表",
    why: "财政部的公开规程要求部门决算公开01至09九张表（收入支出决算总表、收入决算表、支出决算表、财政拨款收支总表、一般公共预算财政拨款支出表、基本支出表、政府性基金表、国有资本经营表、“三公”经费表）。少了任何一张，公众就看不到那一部分资金的情况；没有数据的表也应公开并说明原因。",
    applies_to: FINAL,
    needs: &[],
    check: check_tables_present,
    fixtures: &[Fixture::fires(Y, &[("公开 09 表", "")]), Fixture::quiet(Y), Fixture::quiet(Q), Fixture::quiet(B)],
};

fn check_tables_present(doc: &crate::model::Document, sink: &mut super::Sink) {
    if doc.tables.is_empty() {
        // A narrative published apart from its tables: say so once.
        let message = "这份文本中没有公开表（可能另行发布）；只核对了情况说明，与表格有关的核对未进行。".to_string();
        sink.push(Finding { severity: Severity::Info, ..sink.finding(message) });
        return;
    }
    for kind in TableKind::FINAL {
        let n: u32 = kind.number().parse().unwrap_or(0);
        // Printed with its 公开NN表 marker, or found by its title.
        let found = doc.markers.iter().any(|(m, _)| m.parse::<u32>().ok() == Some(n)) || doc.found(kind).is_some();
        if !found {
            let message =
                format!("没有找到公开{}表（{}）。部门决算应公开全部九张表；没有数据的表也要公开并注明原因。", kind.number(), kind.title());
            sink.push(Finding { table: Some(kind.number().to_string()), ..sink.finding(message) });
        }
    }
}

/// An empty table carries a note saying why; a note saying "no data" sits on an empty table.
pub const EMPTY_TABLE_NOTE: Rule = Rule {
    id: "DOC-002",
    family: Family::Doc,
    severity: Severity::Warning,
    title: "空表要说明原因，说明“无数据”的表确实为空",
    why: "部门没有某类资金时（如政府性基金），相应的表仍要公开，并在表下注明“本部门没有……，故本表无数据”。只给一张空表而不说明，读者分不清是没有这笔钱还是漏填；反过来，注明“无数据”的表里却有数，就是自相矛盾。",
    applies_to: &[crate::model::DocumentKind::FinalAccounts, crate::model::DocumentKind::Budget],
    needs: &[],
    check: check_empty_table_note,
    fixtures: &[
        Fixture::fires("qingdao-office-2023-budget.txt", &[("2.本单位2023年无政府性基金预算财政拨款安排的支出，故本表无数据。", "")]),
        Fixture::quiet("yantai-office-2023-budget.txt"),
        Fixture::quiet("qingdao-office-2023-budget.txt"),
        Fixture::fires(Y, &[("注：本部门没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。", "")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_empty_table_note(doc: &crate::model::Document, sink: &mut super::Sink) {
    for t in &doc.tables {
        if !matches!(t.kind, TableKind::F07 | TableKind::F08 | TableKind::BFund | TableKind::BCapital) {
            continue;
        }
        let empty = t.rows.iter().all(|r| r.cells.iter().all(|c| c.value.is_none_or(|v| v.is_zero())));
        let says_empty =
            t.notes.iter().any(|(_, n)| n.contains("无数据") || n.contains("没有") || n.contains("为空") || n.contains("空表"));
        if empty && !says_empty {
            let message = format!(
                "{}（{}）没有任何数据，但表下没有说明原因（如“本部门没有……，故本表无数据”）。",
                super::identity::table_name(&t.no()),
                t.title
            );
            match t.rows.first() {
                Some(first) => sink.note(t, first, message),
                // A budget table printed as a header with no rows at all.
                None => sink.push(Finding { table: Some(t.no()), source_line: Some(t.source_line), ..sink.finding(message) }),
            }
        } else if !empty && says_empty {
            let Some(first) = t.rows.first() else { continue };
            // A contradiction, not an omission: an error whatever the rule's default.
            let message =
                format!("{}的注释说本表无数据，但表中有非零金额，注释与表格矛盾，至少有一处错误。", super::identity::table_name(&t.no()));
            sink.push(Finding {
                severity: Severity::Error,
                table: Some(t.no()),
                row: Some(super::identity::describe(first)),
                source_line: t.notes.first().map(|n| n.0),
                ..sink.finding(message)
            });
        }
    }
}
