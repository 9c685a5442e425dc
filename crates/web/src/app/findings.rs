//! The findings list: grouped by kind (数字不符, 文字与表述问题, 其他提示,
//! and 尾数误差 folded away), then by table; filtered by severity and rule
//! family; each finding with its numbers, the rule's explanation, a jump to
//! the table cell and its source line in context.

use std::sync::Arc;

use leptos::prelude::*;

use super::format::{amount, context_lines, signed_amount};
use super::locate::CellTarget;
use super::{Checker, Outcome};
use gongkai::model::DocumentKind;
use gongkai::report::{family_of, DocumentReport, FindingKind};
use gongkai::rules::identity::table_name;
use gongkai::rules::{catalogue, Family, Finding, Severity};

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
        let Outcome::Checked { report, .. } = &*outcome else {
            return None;
        };
        // Only a recognised document has findings to show.
        if report.document.kind == DocumentKind::Unknown {
            return None;
        }
        let body = if report.findings.is_empty() {
            view! { <p class="none">"所有已运行的规则都没有发现问题。"</p> }.into_any()
        } else {
            (filter_controls(filters, &report.findings), grouped_list(checker, filters, outcome.clone())).into_any()
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
    let severities = SEVERITIES
        .into_iter()
        .map(|s| {
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
        })
        .collect_view();
    let families = FAMILIES
        .into_iter()
        .map(|fam| {
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
        })
        .collect_view();
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

/// The heading of a table group: "公开01表 收入支出决算总表", or the name
/// alone when the table was not read.
fn table_heading(report: &DocumentReport, number: Option<&str>) -> String {
    match number {
        None => "不对应某一张表".to_string(),
        Some(n) => match report.tables.iter().find(|t| t.key == n) {
            Some(t) if n.starts_with('《') => t.title.clone(),
            Some(t) => format!("{} {}", t.name, t.title),
            None => table_name(n),
        },
    }
}

/// The findings the filters let through, grouped by severity, then table,
/// with a count of how many are shown.
fn grouped_list(checker: Checker, filters: Filters, outcome: Arc<Outcome>) -> impl IntoView {
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
        let Outcome::Checked { report, targets, related, text, .. } = &*outcome else {
            return None;
        };
        let shown = order.get();
        let groups = FindingKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let of_kind: Vec<usize> = shown.iter().copied().filter(|&i| FindingKind::of(&report.findings[i]) == kind).collect();
                if of_kind.is_empty() {
                    return None;
                }
                let n = of_kind.len();
                let tables = of_kind
                    .chunk_by(|&a, &b| report.findings[a].table == report.findings[b].table)
                    .map(|chunk| {
                        let heading = table_heading(report, report.findings[chunk[0]].table.as_deref());
                        let items = chunk
                            .iter()
                            .map(|&i| {
                                let f = &report.findings[i];
                                finding_item(checker, i, f, report.place_of(f.page), targets[i], &related[i], text.clone())
                            })
                            .collect_view();
                        view! {
                            <h4 class="table-group">{format!("{heading}（{}）", chunk.len())}</h4>
                            <ol class="findings">{items}</ol>
                        }
                    })
                    .collect_view();
                let class = format!("kind-group kind-{}", kind.key());
                let heading = format!("{}（{n} 处）", kind.zh());
                Some(if kind == FindingKind::Rounding {
                    // Differences of a 分 from rounding are not defects and can
                    // be many: one line until the reader opens it.
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
            })
            .collect_view();
        Some(groups)
    };
    Some(view! {
        <p class="shown" role="status">{count}</p>
        {list}
    })
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

/// One finding; `page` says where its source line is in the file it was
/// read from ("第3页", "工作表“表1”"), if any.
fn finding_item(
    checker: Checker,
    index: usize,
    f: &Finding,
    page: Option<String>,
    target: Option<CellTarget>,
    related_targets: &[Option<CellTarget>],
    text: Arc<str>,
) -> impl IntoView {
    let mut place = Vec::new();
    if let Some(t) = &f.table {
        place.push(table_name(t));
    }
    if let Some(r) = &f.row {
        place.push(format!("行：{r}"));
    }
    if let Some(c) = &f.column {
        place.push(format!("列：{c}"));
    }
    let place = place.join(" · ");
    let numbers = [
        ("应为", f.expected.map(|v| amount(&v))),
        ("实为", f.actual.map(|v| amount(&v))),
        // The difference keeps its sign, as in the messages ("相差 +0.01").
        ("差额", f.difference.map(|d| signed_amount(&d))),
    ]
    .into_iter()
    .filter_map(|(name, v)| v.map(|v| (name, v)))
    .map(|(name, v)| view! { <span class="figure"><span class="name">{name}</span>" "<span class="num">{v}</span></span> })
    .collect_view();
    let rule = catalogue().iter().find(|r| r.id == f.rule);
    let family = family_of(f.rule).map(|fam| view! { <span class="family">{fam.zh()}</span> });
    let jump = target.map(|t| {
        let id = super::locate::dom_id(&t);
        view! {
            <button type="button" class="link jump" on:click=move |_| checker.jump_to(id.clone())>
                {jump_label(&t)}
            </button>
        }
    });
    let context_id = format!("context-{index}");
    let context_open = RwSignal::new(false);
    let line = f.source_line.map(|n| {
        let controls = context_id.clone();
        view! {
            <button
                type="button"
                class="link source-line"
                aria-expanded=move || context_open.get().to_string()
                aria-controls=controls
                on:click=move |_| context_open.update(|o| *o = !*o)
            >
                {match &page {
                    Some(p) => format!("{p} · 原文第{n}行"),
                    None => format!("原文第{n}行"),
                }}
            </button>
        }
    });
    let context = f.source_line.map(|n| {
        let id = context_id.clone();
        view! {
            <Show when=move || context_open.get()>
                {source_context(checker, &text, n, id.clone())}
            </Show>
        }
    });
    let why = rule.map(|r| {
        view! {
            <details class="why">
                <summary>{format!("这条规则核对什么：{}", r.title)}</summary>
                <p>{r.why}</p>
                <p><a href=format!("#rule-{}", r.id)>"在规则列表中查看"</a></p>
            </details>
        }
    });
    // Other rules folded into this one because they share its cause.
    let also = (!f.also.is_empty()).then(|| {
        let n = f.also.len();
        let items = f.also.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view();
        view! {
            <details class="also">
                <summary>{format!("同一原因引起的其他不一致（{n}）")}</summary>
                <ul>{items}</ul>
            </details>
        }
    });
    let related = (!f.related.is_empty()).then(|| {
        let n = f.related.len();
        let items = f.related.iter().zip(related_targets).map(|(c, t)| related_item(checker, c, *t)).collect_view();
        view! {
            <details class="related">
                <summary>{format!("参与核对的其他数字（{n}）")}</summary>
                <ul>{items}</ul>
            </details>
        }
    });
    view! {
        <li
            class=format!("finding {}", severity_class(f.severity))
            data-kind=FindingKind::of(f).key()
            data-rule=f.rule
            data-table=f.table.clone().unwrap_or_default()
            data-finding=index
        >
            <p class="head">
                <span class="badge">{f.severity.zh()}</span>
                <a class="rule-id" href=format!("#rule-{}", f.rule) title=rule.map(|r| r.title)>
                    <code>{f.rule}</code>
                </a>
                {family}
                <span class="place">{place}</span>
            </p>
            <p class="message">{f.message.clone()}</p>
            <p class="figures">{numbers}</p>
            <p class="links">{jump}{line}</p>
            {context}
            {why}
            {also}
            {related}
        </li>
    }
}

/// One of the other cells an identity involves, with jumps to it.
fn related_item(checker: Checker, c: &gongkai::rules::identity::CellRef, target: Option<CellTarget>) -> impl IntoView {
    let mut place = format!("{} {}", table_name(&c.table), c.row);
    if let Some(col) = &c.column {
        place.push_str(&format!(" · {col}"));
    }
    let l = c.source_line;
    let jump = target.map(|t| {
        let id = super::locate::dom_id(&t);
        view! {
            <button type="button" class="link related-jump" on:click=move |_| checker.jump_to(id.clone())>
                "定位"
            </button>
        }
    });
    view! {
        <li>
            {place}" "{jump}" "
            <button type="button" class="link" on:click=move |_| checker.show_line(l)>
                {format!("原文第{l}行")}
            </button>
        </li>
    }
}

/// Source line `line` of the checked text with a few lines around it, as
/// text nodes, and a button that selects it in the editor.
fn source_context(checker: Checker, text: &str, line: usize, id: String) -> impl IntoView {
    let lines = context_lines(text, line, CONTEXT)
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
