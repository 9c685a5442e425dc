//! Every table the core read, as the core normalised it, so a reader can
//! compare it with the original.

use std::collections::HashMap;

use leptos::prelude::*;

use super::findings::severity_class;
use super::format::amount;
use super::{Checker, Outcome};
use crate::model::DocumentKind;
use crate::report::{RowOut, TableOut};
use crate::rules::{Finding, Severity};

/// Where findings point in one table: row index → (most serious severity,
/// indices of the columns named).
type Marks = HashMap<usize, (Severity, Vec<usize>)>;

/// Marks the rows of table `t` that findings point at.
fn marks_for(t: &TableOut, findings: &[Finding]) -> Marks {
    let mut marks = Marks::new();
    let Some(number) = &t.number else {
        return marks;
    };
    for f in findings.iter().filter(|f| f.table.as_ref() == Some(number)) {
        let (Some(line), Some(row)) = (f.source_line, f.row.as_deref()) else {
            continue;
        };
        for (i, r) in t.rows.iter().enumerate() {
            if r.source_line != line || !names_row(row, r) {
                continue;
            }
            let e = marks.entry(i).or_insert((f.severity, Vec::new()));
            e.0 = e.0.min(f.severity);
            if let Some(c) = f
                .column
                .as_ref()
                .and_then(|c| t.columns.iter().position(|x| x == c))
            {
                e.1.push(c);
            }
        }
    }
    marks
}

/// Whether a finding's row text ("本年支出合计（行次58）", "2010350 事业运行",
/// "合计") names this row. Both sides of a two-sided table share source lines,
/// so the line alone is not enough.
fn names_row(text: &str, r: &RowOut) -> bool {
    if let Some((name, rest)) = text.split_once("（行次") {
        let n = rest.trim_end_matches('）').parse::<u32>().ok();
        return n.is_some() && n == r.line && (name.is_empty() || name == r.label);
    }
    match &r.code {
        Some(code) => text == code || text == format!("{code} {}", r.label) || text == r.label,
        None => text == r.label,
    }
}

/// All extracted tables.
#[component]
pub fn Tables(checker: Checker) -> impl IntoView {
    move || {
        let outcome = checker.outcome.get();
        let Outcome::Checked { report, .. } = &*outcome else {
            return None;
        };
        if report.document.kind == DocumentKind::Unknown {
            return None;
        }
        let body = if report.tables.is_empty() {
            view! { <p class="none">"没有读取到任何表格。"</p> }.into_any()
        } else {
            report
                .tables
                .iter()
                .map(|t| table_view(checker, t, &marks_for(t, &report.findings)))
                .collect_view()
                .into_any()
        };
        Some(view! {
            <section id="tables" class="panel" aria-labelledby="tables-heading">
                <h2 id="tables-heading">"读取到的表格"</h2>
                <p class="legend">
                    "金额按原文小数位显示；"<span class="num blank-sample">"—"</span>
                    "表示原文此格空白（与 0.00 不同）。点击“第N行”可在输入框中定位原文。"
                </p>
                {body}
            </section>
        })
    }
}

fn table_view(checker: Checker, t: &TableOut, marks: &Marks) -> impl IntoView {
    let number = t.number.clone();
    let heading = match &number {
        Some(n) => format!("{} {}", crate::rules::identity::table_name(n), t.title),
        None => t.title.clone(),
    };
    let unit = t.unit.clone().map(|u| format!("单位：{u}"));
    let has_code = t.rows.iter().any(|r| r.code.is_some());
    let has_line = t.rows.iter().any(|r| r.line.is_some());
    let columns = t
        .columns
        .iter()
        .map(|c| view! { <th scope="col" class="num">{c.clone()}</th> })
        .collect_view();
    let rows = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            row_view(
                checker,
                r,
                has_code,
                has_line,
                t.columns.len(),
                marks.get(&i),
            )
        })
        .collect_view();
    let row_count = format!("{} 行", t.rows.len());
    view! {
        <details class="table" open data-table=number.clone().unwrap_or_default()>
            <summary>
                <span class="title">{heading}</span>
                {unit.map(|u| view! { <span class="unit">{u}</span> })}
                <span class="rows">{row_count}</span>
            </summary>
            <div class="scroll">
                <table>
                    <thead>
                        <tr>
                            {has_code.then(|| view! { <th scope="col">"编码"</th> })}
                            <th scope="col">"项目"</th>
                            {has_line.then(|| view! { <th scope="col" class="num">"行次"</th> })}
                            {columns}
                            <th scope="col">"原文"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </details>
    }
}

fn row_view(
    checker: Checker,
    r: &RowOut,
    has_code: bool,
    has_line: bool,
    width: usize,
    mark: Option<&(Severity, Vec<usize>)>,
) -> impl IntoView {
    let class = mark.map(|m| severity_class(m.0)).unwrap_or_default();
    let flagged = |i: usize| mark.is_some_and(|m| m.1.contains(&i));
    // Rows shorter than the header still get their cells, as blanks.
    let cells = (0..width)
        .map(|i| {
            let class = if flagged(i) { "num flagged" } else { "num" };
            match r.values.get(i).copied().flatten() {
                Some(v) => view! { <td class=class>{amount(&v)}</td> }.into_any(),
                None => view! { <td class=format!("{class} blank") title="原文空白">"—"</td> }
                    .into_any(),
            }
        })
        .collect_view();
    let line = r.source_line;
    // A filler row (行次 only) has no label to head it.
    let label = if r.label.is_empty() {
        view! { <td class="label"></td> }.into_any()
    } else {
        view! { <th scope="row" class="label">{r.label.clone()}</th> }.into_any()
    };
    view! {
        <tr class=class>
            {has_code.then(|| view! { <td class="code">{r.code.clone().unwrap_or_default()}</td> })}
            {label}
            {has_line.then(|| view! { <td class="num line">{r.line.map(|l| l.to_string()).unwrap_or_default()}</td> })}
            {cells}
            <td class="src">
                <button type="button" class="link" on:click=move |_| checker.show_line(line)>
                    {format!("第{line}行")}
                </button>
            </td>
        </tr>
    }
}
