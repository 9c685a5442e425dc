//! A budget's 情况说明 states its general amounts (收支总计, 基本支出, 项目支出,
//! a 类's total …) in words; the budget tables print the same amounts under the
//! same names. NAR-105 holds each such amount against the cells whose name the
//! sentence carries, digit for digit (one quantity printed twice,
//! [`crate::rounding::same_quantity`]).
//!
//! It stays silent unless the match is unambiguous: every cell the subject
//! names prints one and the same value, and the words the subject adds to
//! the name do not narrow it ("一般公共预算财政拨款基本支出" is a part of the
//! table's "基本支出", not the same quantity). 三公, 政府采购, 机关运行经费
//! and 类款项 paths have their own rules (NAR-101, NAR-103, NAR-104, NAR-020).

use rust_decimal::Decimal;

use super::budget::{settled, BUDGET, QB, YB};
use super::identity::{describe, CellRef};
use super::percent::{narrative_finding, show};
use super::{Family, Fixture, Rule, Severity, Sink};
use crate::model::{Document, Table, TableKind};
use crate::narrative::{ClaimKind, Topic};
use crate::rounding::Verdict;

/// The tables that print a budget's amounts by name. Not the economic
/// classifications (a "公务接待费" row there is the basic-expenditure part of
/// the item) nor the 三公 table (years side by side; NAR-101's).
const TABLES: [TableKind; 6] =
    [TableKind::BSummary, TableKind::BIncome, TableKind::BExpenditure, TableKind::BFiscal, TableKind::BGeneral, TableKind::BFiscalSpend];

/// Names too general to tell one quantity from another.
const GENERIC: [&str; 14] =
    ["合计", "总计", "小计", "收入", "支出", "经费", "预算数", "决算数", "金额", "本年", "上年", "项目", "科目名称", "一般公共预算"];

/// Words that, added to a name, make the subject a part of the named quantity
/// or a different one.
const NARROWING: [&str; 22] = [
    "一般公共预算",
    "财政拨款",
    "政府性基金",
    "国有资本",
    "财政专户",
    "基金",
    "事业",
    "经营",
    "上年",
    "结转",
    "结余",
    "其中",
    "人员",
    "公用",
    "项目",
    "基本",
    "三公",
    "比",
    "较",
    "增",
    "减",
    "分流",
];

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// A row's or column's name as the narrative would say it: no ordinal
/// ("四、公共安全支出"), no trailing 合计, no panel path ("支出 › 金额").
fn name_of(s: &str) -> String {
    let last = squeeze(s.rsplit('›').next().unwrap_or(s));
    // "四、" but not the 一 of "一般公共预算".
    let bare = match last.split_once('、') {
        Some((n, rest)) if !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c)) => rest.to_string(),
        _ => last,
    };
    bare.trim_end_matches("合计").to_string()
}

/// True when `subject` ends with `name` (after the words a budget sentence puts
/// after a name: "支出", "预算数" …) and adds nothing before it that narrows
/// it. Ends with: a name inside the subject is often its owner ("…检察院
/// 2019年度收入、支出预算总计" holds the 款 name "检察"; "行政事业单位离退休（款）
/// 未归口管理的行政单位离退休（项）" the 款 before the 项).
fn names(subject: &str, name: &str) -> bool {
    if name.chars().count() < 2 || GENERIC.contains(&name) {
        return false;
    }
    let mut s = subject.trim_end_matches(['为', '：', ':']);
    loop {
        let before = s;
        for tail in ["预算数", "预算", "支出", "安排"] {
            if s.ends_with(tail) && !name.ends_with(tail) {
                s = &s[..s.len() - tail.len()];
            }
        }
        if s == before {
            break;
        }
    }
    let Some(rest) = s.strip_suffix(name) else { return false };
    !NARROWING.iter().any(|w| rest.contains(w) && !name.contains(w))
}

/// Value columns of a row named by its label: the amount ("金额", "合计") or the first.
fn amount_column(cols: &[String], col: usize) -> bool {
    col == 0 || cols.get(col).is_some_and(|h| ["金额", "合计", "小计"].contains(&h.as_str()) || h.is_empty())
}

/// A table's row and column names as the narrative would say them, made
/// once per document rather than once per amount the narrative states.
struct TableNames<'a> {
    t: &'a Table,
    rows: Vec<String>,
    cols: Vec<String>,
}

fn table_names(doc: &Document) -> Vec<TableNames<'_>> {
    doc.tables
        .iter()
        .filter(|t| TABLES.contains(&t.kind))
        .map(|t| TableNames {
            t,
            rows: t.rows.iter().map(|r| name_of(&r.label)).collect(),
            cols: t.columns.iter().map(|h| name_of(h)).collect(),
        })
        .collect()
}

/// A cell the subject names: (value in 万元, half a unit in 万元, table, row, column).
struct Named<'a> {
    /// As printed, in the table's unit.
    printed: Decimal,
    /// The table's unit word.
    unit: &'static str,
    value: Decimal,
    half: Decimal,
    t: &'a Table,
    row: usize,
    col: usize,
}

fn named_cells<'a>(doc: &'a Document, tables: &[TableNames<'a>], subject: &str) -> Vec<Named<'a>> {
    let mut out = Vec::new();
    // Every table of these kinds, Shandong layout or read by its headings.
    for TableNames { t, rows, cols } in tables {
        let t: &'a Table = t;
        let (u, unit) = match t.unit.as_deref().or(doc.info.unit.as_deref()) {
            Some("元") => (crate::checked::unit(4).unwrap_or(Decimal::ONE), "元"),
            _ => (Decimal::ONE, "万元"),
        };
        for (i, r) in t.rows.iter().enumerate() {
            if !settled(t, i) {
                continue;
            }
            let label = rows.get(i).map_or("", String::as_str);
            let total_row = label.is_empty() || r.label.trim() == "合计" || r.label.trim() == "总计";
            for (col, cell) in r.cells.iter().enumerate() {
                let Some(v) = cell.value else { continue };
                let by_row = !total_row && amount_column(cols, col) && names(subject, label);
                let by_column = total_row && cols.get(col).is_some_and(|h| names(subject, h));
                if !(by_row || by_column) {
                    continue;
                }
                let (Some(value), Some(half)) = (v.checked_mul(u), crate::rounding::half_ulp(v).checked_mul(u)) else { continue };
                out.push(Named { printed: v, unit, value, half, t, row: i, col });
            }
        }
    }
    out
}

/// The rule.
pub const BUDGET_AMOUNTS: Rule = Rule {
    id: "NAR-105",
    family: Family::Nar,
    severity: Severity::Error,
    title: "预算情况说明中的金额与公开表中同名的数一致",
    why: "预算说明会用文字复述表中的数：收入、支出预算总计，基本支出、项目支出，某一类支出（如“公共安全支出”）各多少。文字和表格说的是同一个数，按同样的位数四舍五入后必须一字不差；差一个尾数也不是“尾数误差”，而是两处至少有一处写错。只有表中同名的格子都印着同一个数、文字又没有加上“一般公共预算”“财政拨款”之类缩小范围的词时才核对。",
    applies_to: BUDGET,
    needs: &[],
    check,
    fixtures: &[
        // 收支总表 prints 一般公共预算收入 8,666.60; 支出总表's 合计 row 项目支出 8,609.21.
        Fixture::fires(YB, &[("一般公共预算收入8,666.60万元", "一般公共预算收入8,666.61万元")]),
        Fixture::fires(QB, &[("本支出8,723.41万元、项目支出8,609.21万元", "本支出8,723.41万元、项目支出8,609.22万元")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    let tables = table_names(doc);
    for s in &n.sections {
        if matches!(s.topic, Topic::Other | Topic::Performance | Topic::Preamble) {
            continue;
        }
        for p in &s.paragraphs {
            for c in p.claims.iter().filter(|c| c.kind == ClaimKind::Amount && c.is_money_amount()) {
                let subject = squeeze(&c.subject);
                // A 款 or 项 path is NAR-020's: its names nest ("法院（款）其他法院支出（项）").
                if subject.contains("（款）") || subject.contains("（项）") {
                    continue;
                }
                let subject = subject.replace("（类）", "");
                let cells = named_cells(doc, &tables, &subject);
                let Some(first) = cells.first() else { continue };
                // Ambiguous names (cells printing different values) settle nothing.
                if cells.iter().any(|x| x.value != first.value) {
                    continue;
                }
                let Some(said) = super::nar_tables::claim_point(c) else { continue };
                if cells.iter().any(|x| crate::rounding::same_quantity(said, (x.value, x.half)) != Verdict::Mismatch) {
                    continue;
                }
                let r = &first.t.rows[first.row];
                let column = first.t.columns.get(first.col).cloned();
                let message = format!(
                    "情况说明第{}行写“{}”{} 万元，但公开表{}“{}”{}为 {} {}，两者不符。",
                    c.source_line,
                    c.subject.trim_end_matches('为'),
                    show(said.0),
                    first.t.no(),
                    if r.label.trim().is_empty() { "合计" } else { r.label.trim() },
                    column.as_deref().map(|h| format!("的“{h}”")).unwrap_or_default(),
                    show(first.printed),
                    first.unit
                );
                let mut f = narrative_finding("NAR-105", Severity::Error, message, c.source_line);
                f.expected = Some(first.value);
                f.actual = Some(said.0);
                f.difference = said.0.checked_sub(first.value);
                f.related = cells
                    .iter()
                    .map(|x| CellRef {
                        table: x.t.no(),
                        row: describe(&x.t.rows[x.row]),
                        column: x.t.columns.get(x.col).cloned(),
                        source_line: x.t.rows[x.row].cells.get(x.col).map_or(x.t.rows[x.row].source_line, |cell| cell.source_line),
                    })
                    .collect();
                sink.push(f);
            }
        }
    }
}
