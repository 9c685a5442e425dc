//! The findings list: grouped by kind (数字不符, 文字与表述问题, 其他提示,
//! and 尾数误差 folded away), then by table; filtered by severity and rule
//! family; each finding with its numbers, the rule's explanation, a jump to
//! the table cell and its source line in context.

use std::sync::Arc;

use leptos::prelude::*;

use super::format::{amount, context_lines, signed_amount};
use super::locate::CellTarget;
use super::{Checker, Outcome};
use gongkai::report::{family_of, DocumentReport, FindingKind};
use gongkai::rules::identity::{table_name, CellRef};
use gongkai::rules::{catalogue, Family, Finding, Rule, Severity};

/// The severities, most serious first (the order of the filters).
const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// The rule families, in the order the filter lists them.
const FAMILIES: [Family; 8] = [Family::Doc, Family::Tbl, Family::Xtbl, Family::Nar, Family::Sg, Family::Perf, Family::Txt, Family::Pla];

/// How many lines above and below a source line are shown with it.
const CONTEXT: usize = 2;

/// CSS class for a severity.
pub fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

/// What the reader chose to hide. Lives as long as the page, so a choice
/// survives checking another text.
#[derive(Clone, Copy)]
struct Filters {
    severities: RwSignal<Vec<Severity>>,
    families: RwSignal<Vec<Family>>,
}

impl Filters {
    fn shows(&self, f: &Finding) -> bool {
        let family = family_of(f.rule);
        !self.severities.with(|h| h.contains(&f.severity)) && !self.families.with(|h| family.is_some_and(|fam| h.contains(&fam)))
    }
}

/// Every finding of the current report.
#[component]
pub fn Findings(checker: Checker) -> impl IntoView {
    let filters = Filters { severities: RwSignal::new(Vec::new()), families: RwSignal::new(Vec::new()) };
    move || {
        let outcome = checker.outcome.get();
        let report = outcome.recognised()?;
        let body = if report.findings.is_empty() {
            view! { <p class="none">"所有已运行的规则都没有发现问题。"</p> }.into_any()
        } else {
            (filter_controls(filters, &report.findings), view! { <FindingList checker=checker filters=filters outcome=outcome.clone() /> })
                .into_any()
        };
        Some(view! {
            <section id="findings" class="panel" aria-labelledby="findings-heading">
                <h2 id="findings-heading">"发现"</h2>
                {body}
            </section>
        })
    }
}

/// One checkbox per severity and per family, with how many findings each has.
fn filter_controls(filters: Filters, findings: &[Finding]) -> impl IntoView {
    let severities = SEVERITIES.into_iter().map(|s| severity_filter(filters, findings, s)).collect_view();
    let families = FAMILIES.into_iter().map(|fam| family_filter(filters, findings, fam)).collect_view();
    view! {
        <div class="filters">
            <fieldset>
                <legend>"按严重程度"</legend>
                {severities}
            </fieldset>
            <fieldset>
                <legend>"按规则类别"</legend>
                {families}
            </fieldset>
        </div>
    }
}

/// A checkbox's change handler that shows or hides `item`.
fn toggle<T: PartialEq + Copy + Send + Sync + 'static>(hidden: RwSignal<Vec<T>>, item: T) -> impl Fn(leptos::ev::Event) {
    move |ev| {
        let show = event_target_checked(&ev);
        hidden.update(|h| {
            h.retain(|x| *x != item);
            if !show {
                h.push(item);
            }
        });
    }
}

/// The checkbox that shows or hides the findings of severity `s`.
fn severity_filter(filters: Filters, findings: &[Finding], s: Severity) -> impl IntoView {
    let n = findings.iter().filter(|f| f.severity == s).count();
    view! {
        <label class=format!("filter {}", severity_class(s))>
            <input
                type="checkbox"
                data-severity=severity_class(s)
                prop:checked=move || !filters.severities.with(|h| h.contains(&s))
                on:change=toggle(filters.severities, s)
            />
            {format!("{}（{n}）", s.zh())}
        </label>
    }
}

/// The checkbox that shows or hides the findings of rule family `fam`.
fn family_filter(filters: Filters, findings: &[Finding], fam: Family) -> impl IntoView {
    let n = findings.iter().filter(|f| family_of(f.rule) == Some(fam)).count();
    view! {
        <label class="filter" class:empty=n == 0>
            <input
                type="checkbox"
                data-family=fam.prefix()
                prop:checked=move || !filters.families.with(|h| h.contains(&fam))
                on:change=toggle(filters.families, fam)
            />
            <code>{fam.prefix()}</code>
            {format!(" {}（{n}）", fam.zh())}
        </label>
    }
}

/// The heading of a table group: the table's own heading ("公开01表
/// 收入支出决算总表"), or its name alone when the table was not read.
fn table_heading(report: &DocumentReport, number: Option<&str>) -> String {
    match number {
        None => "不对应某一张表".to_string(),
        Some(n) => report.tables.iter().find(|t| t.key == n).map_or_else(|| table_name(n), |t| t.heading.clone()),
    }
}

/// The findings the filters let through, grouped by kind, then table, with
/// a count of how many are shown.
#[component]
fn FindingList(checker: Checker, filters: Filters, outcome: Arc<Outcome>) -> impl IntoView {
    let Outcome::Checked { report, .. } = &*outcome else {
        return None;
    };
    let total = report.findings.len();
    // Which findings pass the filters, in display order; shared by the count
    // (a live region that stays put) and the list.
    let order = {
        let outcome = outcome.clone();
        Memo::new(move |_| match &*outcome {
            Outcome::Checked { report, .. } => display_order(report, filters),
            _ => Vec::new(),
        })
    };
    let count = move || format!("显示 {} 条，共 {total} 条。", order.with(Vec::len));
    let list = move || {
        let Outcome::Checked { report, text, .. } = &*outcome else {
            return None;
        };
        let shown = Shown { checker, report, text, order: &order.get() }.kinds();
        Some(shown)
    };
    Some(view! {
        <p class="shown" role="status">{count}</p>
        {list}
    })
}

/// What the list draws its groups from: the report, the checked text and
/// the findings shown, in display order.
struct Shown<'a> {
    checker: Checker,
    report: &'a DocumentReport,
    text: &'a Arc<str>,
    order: &'a [usize],
}

impl Shown<'_> {
    /// A group per kind of finding that has any shown.
    fn kinds(&self) -> impl IntoView {
        FindingKind::ALL.into_iter().filter_map(|kind| self.kind_group(kind)).collect_view()
    }

    /// The shown findings of one kind, by table; 尾数误差 folded.
    fn kind_group(&self, kind: FindingKind) -> Option<AnyView> {
        let findings = &self.report.findings;
        let of_kind: Vec<usize> = self.order.iter().copied().filter(|&i| FindingKind::of(&findings[i]) == kind).collect();
        if of_kind.is_empty() {
            return None;
        }
        let tables = of_kind.chunk_by(|&a, &b| findings[a].table == findings[b].table).map(|chunk| self.table_group(chunk)).collect_view();
        let class = format!("kind-group kind-{}", kind.key());
        let heading = format!("{}（{} 处）", kind.zh(), of_kind.len());
        Some(if kind == FindingKind::Rounding {
            // Differences of a 分 from rounding are not defects and can be
            // many: one line until the reader opens it.
            view! {
                <details class=class>
                    <summary>
                        <h3>{heading}</h3>
                        <span class="hint">"四舍五入造成的差额，不是错误。点击展开"</span>
                    </summary>
                    {tables}
                </details>
            }
            .into_any()
        } else {
            view! {
                <section class=class>
                    <h3>{heading}</h3>
                    {tables}
                </section>
            }
            .into_any()
        })
    }

    /// The findings `chunk` (indexes), all about one table, under its heading.
    fn table_group(&self, chunk: &[usize]) -> impl IntoView {
        let report = self.report;
        let heading = table_heading(report, report.findings[chunk[0]].table.as_deref());
        let items = chunk
            .iter()
            .map(|&i| {
                let f = report.findings[i].clone();
                let page = report.place_of(f.page);
                view! { <FindingItem checker=self.checker index=i finding=f page=page text=self.text.clone() /> }
            })
            .collect_view();
        view! {
            <h4 class="table-group">{format!("{heading}（{}）", chunk.len())}</h4>
            <ol class="findings">{items}</ol>
        }
    }
}

/// Indices of the findings the filters let through: by kind, then table (in
/// the document's order, findings about no table last, so each table is one
/// group), then severity, then source line.
fn display_order(report: &DocumentReport, filters: Filters) -> Vec<usize> {
    let table_order = |n: Option<&str>| match n {
        Some(n) => report.tables.iter().position(|t| t.key == n).unwrap_or(usize::MAX - 1),
        None => usize::MAX,
    };
    let mut shown: Vec<usize> = (0..report.findings.len()).filter(|&i| filters.shows(&report.findings[i])).collect();
    shown.sort_by_key(|&i| {
        let f = &report.findings[i];
        (FindingKind::of(f), table_order(f.table.as_deref()), f.table.clone(), f.severity, f.source_line)
    });
    shown
}

/// The label of a jump link for a target.
fn jump_label(target: &CellTarget) -> &'static str {
    match (target.row, target.column) {
        (Some(_), Some(_)) => "在表格中定位此格",
        (Some(_), None) => "在表格中定位此行",
        (None, _) => "转到该表",
    }
}

/// One finding: its rule and place, message and figures, links to its table
/// cell and source line, and what else explains it. `page` says where its
/// source line is in the file it was read from ("第3页", "工作表“表1”"), if
/// any.
#[component]
fn FindingItem(checker: Checker, index: usize, finding: Finding, page: Option<String>, text: Arc<str>) -> impl IntoView {
    let f = finding;
    let rule = catalogue().iter().find(|r| r.id == f.rule);
    let context_id = format!("context-{index}");
    let context_open = RwSignal::new(false);
    let line = f.source_line.map(|n| {
        let label = match &page {
            Some(p) => format!("{p} · 原文第{n}行"),
            None => format!("原文第{n}行"),
        };
        view! { <SourceLineToggle open=context_open controls=context_id.clone() label=label /> }
    });
    let context = f.source_line.map(|n| {
        let id = context_id.clone();
        view! {
            <Show when=move || context_open.get()>
                <SourceContext checker=checker text=text.clone() line=n id=id.clone() />
            </Show>
        }
    });
    view! {
        <li
            class=format!("finding {}", severity_class(f.severity))
            data-kind=FindingKind::of(&f).key()
            data-rule=f.rule
            data-table=f.table.clone().unwrap_or_default()
            data-finding=index
        >
            {head(&f, rule)}
            <p class="message">{f.message.clone()}</p>
            <p class="figures">{figures(&f)}</p>
            <p class="links">
                {f.place.map(|t| view! { <JumpButton checker=checker target=t class="link jump" label=jump_label(&t) /> })}
                {line}
            </p>
            {context}
            {rule.map(why)}
            {also(&f.also)}
            {related_cells(checker, &f.related)}
        </li>
    }
}

/// A finding's first line: severity, rule (linked to the rule list), rule
/// family, and the table, row and column it is about.
fn head(f: &Finding, rule: Option<&Rule>) -> impl IntoView {
    let place =
        [f.table.as_deref().map(table_name), f.row.as_ref().map(|r| format!("行：{r}")), f.column.as_ref().map(|c| format!("列：{c}"))]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
    let family = family_of(f.rule).map(|fam| view! { <span class="family">{fam.zh()}</span> });
    view! {
        <p class="head">
            <span class="badge">{f.severity.zh()}</span>
            <a class="rule-id" href=format!("#rule-{}", f.rule) title=rule.map(|r| r.title)>
                <code>{f.rule}</code>
            </a>
            {family}
            <span class="place">{place}</span>
        </p>
    }
}

/// The figures a finding compares: 应为, 实为, 差额 (with its sign, as in
/// the messages: "相差 +0.01"), those it has.
fn figures(f: &Finding) -> impl IntoView {
    [("应为", f.expected.map(|v| amount(&v))), ("实为", f.actual.map(|v| amount(&v))), ("差额", f.difference.map(|d| signed_amount(&d)))]
        .into_iter()
        .filter_map(|(name, v)| v.map(|v| (name, v)))
        .map(|(name, v)| view! { <span class="figure"><span class="name">{name}</span>" "<span class="num">{v}</span></span> })
        .collect_view()
}

/// A button that jumps to a place in the tables.
#[component]
fn JumpButton(checker: Checker, target: CellTarget, class: &'static str, label: &'static str) -> impl IntoView {
    let id = super::locate::dom_id(&target);
    view! {
        <button type="button" class=class on:click=move |_| checker.jump_to(id.clone())>
            {label}
        </button>
    }
}

/// The button that shows or hides a finding's source line in context.
#[component]
fn SourceLineToggle(open: RwSignal<bool>, controls: String, label: String) -> impl IntoView {
    view! {
        <button
            type="button"
            class="link source-line"
            aria-expanded=move || open.get().to_string()
            aria-controls=controls
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {label}
        </button>
    }
}

/// What the rule that made a finding checks, folded.
fn why(r: &Rule) -> impl IntoView {
    view! {
        <details class="why">
            <summary>{format!("这条规则核对什么：{}", r.title)}</summary>
            <p>{r.why}</p>
            <p><a href=format!("#rule-{}", r.id)>"在规则列表中查看"</a></p>
        </details>
    }
}

/// Other rules folded into a finding because they share its cause.
fn also(also: &[String]) -> Option<impl IntoView> {
    (!also.is_empty()).then(|| {
        let items = also.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view();
        view! {
            <details class="also">
                <summary>{format!("同一原因引起的其他不一致（{}）", also.len())}</summary>
                <ul>{items}</ul>
            </details>
        }
    })
}

/// The other cells an identity involves, folded.
fn related_cells(checker: Checker, cells: &[CellRef]) -> Option<impl IntoView> {
    (!cells.is_empty()).then(|| {
        let items = cells.iter().map(|c| related_item(checker, c)).collect_view();
        view! {
            <details class="related">
                <summary>{format!("参与核对的其他数字（{}）", cells.len())}</summary>
                <ul>{items}</ul>
            </details>
        }
    })
}

/// One of the other cells an identity involves, with jumps to it.
fn related_item(checker: Checker, c: &CellRef) -> impl IntoView {
    let mut place = format!("{} {}", table_name(&c.table), c.row);
    if let Some(col) = &c.column {
        place.push_str(&format!(" · {col}"));
    }
    let l = c.source_line;
    view! {
        <li>
            {place}" "{c.place.map(|t| view! { <JumpButton checker=checker target=t class="link related-jump" label="定位" /> })}" "
            <button type="button" class="link" on:click=move |_| checker.show_line(l)>
                {format!("原文第{l}行")}
            </button>
        </li>
    }
}

/// Source line `line` of the checked text with a few lines around it, as
/// text nodes, and a button that selects it in the editor.
#[component]
fn SourceContext(checker: Checker, text: Arc<str>, line: usize, id: String) -> impl IntoView {
    let lines = context_lines(&text, line, CONTEXT)
        .into_iter()
        .map(|(n, l)| {
            let here = n == line;
            view! {
                <li class:here=here>
                    <span class="ln">{n}</span>
                    {here.then(|| view! { <span class="visually-hidden">"（所指的行）"</span> })}
                    <span class="text">{l.to_string()}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="context" id=id role="group" aria-label=format!("原文第{line}行及前后几行")>
            // Focusable: long lines scroll sideways, also by keyboard.
            <ol class="lines" tabindex="0" aria-label="原文">{lines}</ol>
            <button type="button" class="link" on:click=move |_| checker.show_line(line)>
                "在输入框中选中这一行"
            </button>
        </div>
    }
}
