//! Every table the core read, as the core normalised it, so a reader can
//! compare it with the original.

use std::collections::HashMap;

use leptos::prelude::*;

use super::findings::severity_class;
use super::format::amount;
use super::locate::CellTarget;
use super::scroll::ScrollBox;
use super::Checker;
use gongkai::report::{DocumentReport, RowOut, TableOut};
use gongkai::rules::{Finding, Severity};

/// What findings point at in one row.
#[derive(Debug, Clone, Default)]
struct RowMark {
    /// The most serious severity of the findings on the row.
    severity: Option<Severity>,
    /// Value columns named by a finding.
    columns: Vec<usize>,
    /// Whether a finding names the row as a whole (its label cell is the target).
    whole_row: bool,
    /// Value columns that take part in a finding's identity (its related
    /// cells): they carry an id to jump to, without a severity colour.
    related: Vec<usize>,
    /// Whether the row's label is a related target.
    related_row: bool,
}

/// Where findings point in one table: row index → mark.
type Marks = HashMap<usize, RowMark>;

/// Marks the rows of table `ti` that findings (their `place`, and their
/// related cells') point at.
fn marks_for(ti: usize, findings: &[Finding]) -> Marks {
    let mut marks = Marks::new();
    for t in findings.iter().flat_map(|f| &f.related).filter_map(|c| c.place.as_ref()) {
        let (true, Some(row)) = (t.table == ti, t.row) else {
            continue;
        };
        let m = marks.entry(row).or_default();
        match t.column {
            Some(c) => m.related.push(c),
            None => m.related_row = true,
        }
    }
    for f in findings {
        let Some(CellTarget { table, row: Some(row), column }) = f.place else {
            continue;
        };
        if table != ti {
            continue;
        }
        let m = marks.entry(row).or_default();
        m.severity = Some(m.severity.map_or(f.severity, |s| s.min(f.severity)));
        match column {
            Some(c) => m.columns.push(c),
            None => m.whole_row = true,
        }
    }
    marks
}

/// All extracted tables.
#[component]
pub fn Tables(checker: Checker) -> impl IntoView {
    move || {
        let outcome = checker.outcome.get();
        let report = outcome.recognised()?;
        let body = if report.tables.is_empty() {
            view! { <p class="none">"没有读取到任何表格。"</p> }.into_any()
        } else {
            report.tables.iter().enumerate().map(|(ti, t)| table_view(checker, report, ti, t)).collect_view().into_any()
        };
        Some(view! {
            <section id="tables" class="panel" aria-labelledby="tables-heading">
                <h2 id="tables-heading">"读取到的表格"</h2>
                <p class="legend">
                    "金额按原文小数位显示；"<span class="num blank-sample">"—"</span>
                    "表示原文此格空白（与 0.00 不同）。点击“第N行”可在输入框中定位原文。有发现的格子以颜色标出。"
                </p>
                {body}
            </section>
        })
    }
}

/// What every row of one table is drawn with.
struct Layout<'a> {
    checker: Checker,
    /// The table's index in the report.
    table: usize,
    /// Whether the table has a 编码 column.
    has_code: bool,
    /// Whether the table has a 行次 column.
    has_line: bool,
    /// How many value columns the header has.
    width: usize,
    /// Whether each row says its page (a PDF's).
    row_pages: bool,
    /// Where findings point in the table.
    marks: &'a Marks,
}

/// Table `ti` of the report, folded open under its heading.
fn table_view(checker: Checker, report: &DocumentReport, ti: usize, t: &TableOut) -> impl IntoView {
    // Where the table starts in the file it was read from ("第3页",
    // "工作表“表1”"); a PDF's rows say their page too.
    let start = t.page.and_then(|p| u32::try_from(p).ok()).or_else(|| t.rows.first().and_then(|r| r.page));
    let place = report.place_of(start);
    let marks = marks_for(ti, &report.findings);
    let layout = Layout {
        checker,
        table: ti,
        has_code: t.rows.iter().any(|r| r.code.is_some()),
        has_line: t.rows.iter().any(|r| r.line.is_some()),
        width: t.columns.len(),
        row_pages: report.input.as_ref().is_some_and(|x| x.kind == gongkai::input::InputKind::Pdf),
        marks: &marks,
    };
    let heading = t.heading.clone();
    // A unit the table does not print is marked as the narrative's.
    let unit = t.unit.clone().map(|u| {
        if t.unit_told {
            format!("单位：{u}（表中未印，按情况说明推定）")
        } else {
            format!("单位：{u}")
        }
    });
    let row_count = format!("{} 行", t.rows.len());
    // The heading is the target of findings whose row could not be placed.
    let (heading_id, jumped) = target_attrs(checker, CellTarget { table: ti, row: None, column: None });
    let scroll_label = format!("{heading}（可左右滚动）");
    let grid = layout.grid(t);
    view! {
        <details class="table" open data-table=t.key.clone()>
            <summary id=heading_id class:jumped=jumped>
                <span class="title">{heading}</span>
                {unit.map(|u| view! { <span class="unit">{u}</span> })}
                {place.map(|p| view! { <span class="page">{p}</span> })}
                <span class="rows">{row_count}</span>
            </summary>
            <ScrollBox label=scroll_label>{grid}</ScrollBox>
        </details>
    }
}

/// Indentation by the row's depth in its table's hierarchy (the core's
/// [`RowOut::level`]).
fn indent_class(r: &RowOut) -> &'static str {
    match r.level {
        0 => "",
        1 => "lvl1",
        2 => "lvl2",
        _ => "lvl3",
    }
}

/// A cell a finding points at: it carries the target's id, and the jump
/// highlight when a finding link chose it. Other cells stay plain (and cheap).
fn target_attrs(checker: Checker, target: CellTarget) -> (String, impl Fn() -> bool + Send + Sync + 'static) {
    let id = super::locate::dom_id(&target);
    let this = id.clone();
    (id, move || checker.jump.with(|j| j.as_deref() == Some(this.as_str())))
}

impl Layout<'_> {
    /// The table itself: header, then a row per row read.
    fn grid(&self, t: &TableOut) -> impl IntoView + use<> {
        let columns = t.columns.iter().map(|c| view! { <th scope="col" class="num">{c.clone()}</th> }).collect_view();
        let rows = t.rows.iter().enumerate().map(|(i, r)| self.row(i, r)).collect_view();
        view! {
            <table>
                <thead>
                    <tr>
                        {self.has_code.then(|| view! { <th scope="col">"编码"</th> })}
                        <th scope="col">"项目"</th>
                        {self.has_line.then(|| view! { <th scope="col" class="num">"行次"</th> })}
                        {columns}
                        <th scope="col" class="src">"原文"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    }

    /// Row `i`: its code, label, 行次, values (rows shorter than the header
    /// get blanks) and a link to its source line.
    fn row(&self, i: usize, r: &RowOut) -> impl IntoView + use<> {
        let checker = self.checker;
        let place = CellTarget { table: self.table, row: Some(i), column: None };
        let mark = self.marks.get(&i);
        let class = mark.and_then(|m| m.severity).map(severity_class).unwrap_or_default();
        let cells = (0..self.width).map(|c| value_cell(checker, CellTarget { column: Some(c), ..place }, r, mark)).collect_view();
        let line = r.source_line;
        let page = r.page.filter(|_| self.row_pages);
        view! {
            <tr class=class>
                {self.has_code.then(|| view! { <td class="code">{r.code.clone().unwrap_or_default()}</td> })}
                {label_cell(checker, place, r, mark)}
                {self.has_line.then(|| view! { <td class="num line">{r.line.map(|l| l.to_string()).unwrap_or_default()}</td> })}
                {cells}
                <td class="src">
                    {page.map(|p| view! { <span class="page">{format!("第{p}页 ")}</span> })}
                    <button type="button" class="link" on:click=move |_| checker.show_line(line)>
                        {format!("第{line}行")}
                    </button>
                </td>
            </tr>
        }
    }
}

/// A value cell; one a finding points at (or takes part in its identity)
/// carries its id to jump to.
fn value_cell(checker: Checker, cell: CellTarget, r: &RowOut, mark: Option<&RowMark>) -> AnyView {
    let i = cell.column.unwrap_or_default();
    let value = r.values.get(i).copied().flatten();
    let text = value.map(|v| amount(&v)).unwrap_or_else(|| "—".to_string());
    let blank = value.is_none();
    let flagged = mark.is_some_and(|m| m.columns.contains(&i));
    if flagged || mark.is_some_and(|m| m.related.contains(&i)) {
        let (id, jumped) = target_attrs(checker, cell);
        view! {
            <td id=id tabindex="-1" class="num" class:flagged=flagged class:related=!flagged class:blank=blank class:jumped=jumped>
                {text}
            </td>
        }
        .into_any()
    } else if blank {
        view! { <td class="num blank" title="原文空白">{text}</td> }.into_any()
    } else {
        view! { <td class="num">{text}</td> }.into_any()
    }
}

/// A row's label cell; one a finding points at carries the row's id.
fn label_cell(checker: Checker, row: CellTarget, r: &RowOut, mark: Option<&RowMark>) -> AnyView {
    let indent = indent_class(r);
    // A filler row (行次 only) has no label to head it.
    if r.label.is_empty() {
        view! { <td class="label"></td> }.into_any()
    } else if mark.is_some_and(|m| m.whole_row || m.related_row) {
        let flagged = mark.is_some_and(|m| m.whole_row);
        let (id, jumped) = target_attrs(checker, row);
        view! {
            <th scope="row" id=id tabindex="-1" class=format!("label {indent}") class:flagged=flagged class:jumped=jumped>
                {r.label.clone()}
            </th>
        }
        .into_any()
    } else {
        view! { <th scope="row" class=format!("label {indent}")>{r.label.clone()}</th> }.into_any()
    }
}
