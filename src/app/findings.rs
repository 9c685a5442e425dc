//! The findings list: what each rule found, with expected and printed values
//! and a link back into the source text.

use leptos::prelude::*;

use super::format::amount;
use super::{Checker, Outcome};
use crate::model::DocumentKind;
use crate::rules::{Finding, Severity};

/// CSS class for a severity.
pub fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

/// Every finding of the current report, most serious first.
#[component]
pub fn Findings(checker: Checker) -> impl IntoView {
    // Only a recognised document has findings to show.
    let findings = Memo::new(move |_| match &*checker.outcome.get() {
        Outcome::Checked { report, .. } if report.document.kind != DocumentKind::Unknown => {
            let mut f = report.findings.clone();
            f.sort_by_key(|f| (f.severity, f.source_line));
            Some(f)
        }
        _ => None,
    });
    move || {
        findings.get().map(|list| {
            let body = if list.is_empty() {
                view! { <p class="none">"所有已运行的规则都没有发现问题。"</p> }.into_any()
            } else {
                view! {
                    <ol class="findings">
                        {list.into_iter().map(|f| finding_item(checker, f)).collect_view()}
                    </ol>
                }
                .into_any()
            };
            view! {
                <section id="findings" class="panel" aria-labelledby="findings-heading">
                    <h2 id="findings-heading">"发现"</h2>
                    {body}
                </section>
            }
        })
    }
}

fn finding_item(checker: Checker, f: Finding) -> impl IntoView {
    let mut place = Vec::new();
    if let Some(t) = &f.table {
        place.push(crate::rules::identity::table_name(t));
    }
    if let Some(r) = &f.row {
        place.push(format!("行：{r}"));
    }
    if let Some(c) = &f.column {
        place.push(format!("列：{c}"));
    }
    let place = place.join(" · ");
    // The difference keeps its sign, as in the messages ("相差 +0.01").
    let difference = f.difference.map(|d| {
        if d.is_sign_positive() && !d.is_zero() {
            format!("+{}", amount(&d))
        } else {
            amount(&d)
        }
    });
    let numbers = [("应为", f.expected.map(|v| amount(&v))), ("实为", f.actual.map(|v| amount(&v))), ("差额", difference)]
        .into_iter()
        .filter_map(|(name, v)| v.map(|v| (name, v)))
        .map(|(name, v)| view! { <span class="figure"><span class="name">{name}</span>" "<span class="num">{v}</span></span> })
        .collect_view();
    let line = f.source_line.map(|n| {
        view! {
            <button type="button" class="link source-line" on:click=move |_| checker.show_line(n)>
                {format!("原文第{n}行")}
            </button>
        }
    });
    // Other rules folded into this one because they share its cause.
    let also = (!f.also.is_empty()).then(|| {
        let n = f.also.len();
        let items = f
            .also
            .into_iter()
            .map(|m| view! { <li>{m}</li> })
            .collect_view();
        view! {
            <details class="also">
                <summary>{format!("同一原因引起的其他不一致（{n}）")}</summary>
                <ul>{items}</ul>
            </details>
        }
    });
    let related = (!f.related.is_empty()).then(|| {
        let n = f.related.len();
        let items = f
            .related
            .into_iter()
            .map(|c| {
                let mut place = format!("{} {}", crate::rules::identity::table_name(&c.table), c.row);
                if let Some(col) = &c.column {
                    place.push_str(&format!(" · {col}"));
                }
                let l = c.source_line;
                view! {
                    <li>
                        {place}" "
                        <button type="button" class="link" on:click=move |_| checker.show_line(l)>
                            {format!("第{l}行")}
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <details class="related">
                <summary>{format!("参与核对的其他数字（{n}）")}</summary>
                <ul>{items}</ul>
            </details>
        }
    });
    view! {
        <li class=format!("finding {}", severity_class(f.severity)) data-rule=f.rule>
            <p class="head">
                <span class="badge">{f.severity.zh()}</span>
                <code class="rule-id">{f.rule}</code>
                <span class="place">{place}</span>
            </p>
            <p class="message">{f.message}</p>
            <p class="figures">{numbers}{line}</p>
            {also}
            {related}
        </li>
    }
}
