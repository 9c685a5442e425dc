//! What the document is, how many findings, and what could be checked.

use leptos::prelude::*;

use super::{Checker, Outcome, Source};
use crate::model::{DocumentInfo, DocumentKind, Scope};
use crate::report::{Coverage, DocumentReport};

/// The result header: a summary card, or why the text could not be checked.
#[component]
pub fn Summary(checker: Checker) -> impl IntoView {
    view! {
        <section id="summary" class="panel summary" aria-labelledby="summary-heading" aria-live="polite">
            <h2 id="summary-heading">"核对结果"</h2>
            {move || match &*checker.outcome.get() {
                Outcome::Idle => view! {
                    <p class="idle">"还没有核对任何文本。粘贴公开文本、选择文件，或载入一份示例。"</p>
                }
                .into_any(),
                Outcome::Refused(msg) => view! { <p class="notice error" role="alert">{msg.clone()}</p> }.into_any(),
                Outcome::Checked { report, source, millis, seq, .. } => {
                    if report.document.kind == DocumentKind::Unknown {
                        not_recognised(&report.document).into_any()
                    } else {
                        (
                            card(report, source, *millis, *seq),
                            view! { <super::export::Export checker=checker /> },
                            coverage_view(checker, &report.coverage),
                        )
                            .into_any()
                    }
                }
            }}
        </section>
    }
}

fn not_recognised(info: &DocumentInfo) -> impl IntoView {
    let reason = info
        .reason
        .clone()
        .unwrap_or_else(|| "文本中没有找到预算或决算公开文本的特征。".to_string());
    view! {
        <div class="notice error not-recognised" role="alert">
            <p class="headline">"无法核对：这段文本不像部门预算或决算公开文本。"</p>
            <p class="reason">{reason}</p>
            <p class="hint">
                "请粘贴完整的公开文本，包括标题（如“2024年度某某部门决算”）和“公开01表”等表格。您粘贴的文字仍保留在上方输入框中。"
            </p>
        </div>
    }
}

/// The Chinese name of a document kind.
pub fn kind_zh(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::FinalAccounts => "决算",
        DocumentKind::Budget => "预算",
        DocumentKind::Unknown => "未识别",
    }
}

fn scope_zh(scope: Option<Scope>) -> &'static str {
    match scope {
        Some(Scope::Department) => "部门",
        Some(Scope::Unit) => "单位",
        None => "",
    }
}

fn card(report: &DocumentReport, source: &Source, millis: f64, seq: u32) -> impl IntoView {
    let info = &report.document;
    let (errors, warnings, infos) = report.counts();
    let title = info
        .department
        .clone()
        .unwrap_or_else(|| "（未识别出部门名称）".to_string());
    let year = info
        .year
        .map(|y| format!("{y}年度"))
        .unwrap_or_else(|| "年度未识别".to_string());
    let kind = format!("{}{}", scope_zh(info.scope), kind_zh(info.kind));
    let unit = info.unit.clone().map(|u| format!("金额单位：{u}"));
    let mut from = format!("来源：{}", source.name);
    if let Some(enc) = &report.encoding {
        from.push_str(&format!("（{enc}）"));
    }
    // "No errors" must not be claimed when nothing could be checked.
    let verdict = if report.tables.is_empty() {
        "没有读取到可核对的表格，因此没有进行任何核对。".to_string()
    } else {
        let partly =
            if report.coverage.tables_missing.is_empty() && report.coverage.problems.is_empty() {
                ""
            } else {
                "（部分表格未能读取，见下方核对范围）"
            };
        match (errors, warnings) {
            (0, 0) => format!("在已读取的表格中未发现错误或警告。{partly}"),
            (0, w) => format!("未发现错误，有 {w} 处需要人工查看。{partly}"),
            (e, _) => format!("发现 {e} 处数字对不上。{partly}"),
        }
    };
    let nothing_checked = report.tables.is_empty();
    let card_class = if errors > 0 {
        "card has-errors"
    } else if nothing_checked {
        "card unchecked"
    } else {
        "card"
    };
    view! {
        // data-check: which submission this is (the tests and the bench wait for it).
        <div class=card_class data-check=seq>
            <p class="department">{title}</p>
            <p class="meta">
                <span class="year">{year}</span>
                <span class="kind">{kind}</span>
                {unit.map(|u| view! { <span class="unit">{u}</span> })}
            </p>
            <p class="verdict">{verdict}</p>
            <ul class="counts" aria-label="发现数量">
                <li class="sev-error">"错误 "<strong>{errors}</strong></li>
                <li class="sev-warning">"警告 "<strong>{warnings}</strong></li>
                <li class="sev-info">"提示 "<strong>{infos}</strong></li>
            </ul>
            <p class="source-meta">{from}{format!(" · 用时 {millis:.0} 毫秒")}</p>
        </div>
    }
}

fn coverage_view(checker: Checker, coverage: &Coverage) -> impl IntoView {
    let join = |v: &[String]| {
        if v.is_empty() {
            "无".to_string()
        } else {
            v.iter()
                .map(|n| format!("{n}表"))
                .collect::<Vec<_>>()
                .join("、")
        }
    };
    let found = join(&coverage.tables_found);
    let missing = join(&coverage.tables_missing);
    let skipped: Vec<_> = coverage
        .rules_skipped
        .iter()
        .map(|s| view! { <li><code>{s.rule}</code>" "{s.reason.clone()}</li> })
        .collect();
    let problems: Vec<_> = coverage
        .problems
        .iter()
        .map(|p| {
            // The message names the table itself; add only where to look.
            let at = p.source_line.map(|l| {
                view! {
                    <button type="button" class="link" on:click=move |_| checker.show_line(l)>
                        {format!("原文第{l}行")}
                    </button>
                    "："
                }
            });
            view! { <li>{at}{p.message.clone()}</li> }
        })
        .collect();
    let any_skipped = !skipped.is_empty();
    let any_problems = !problems.is_empty();
    view! {
        <div class="coverage">
            <h3>"核对范围"</h3>
            <dl>
                <dt>"已读取的表"</dt>
                <dd class="tables-found">{found}</dd>
                <dt>"未读取的表"</dt>
                <dd class="tables-missing">{missing}</dd>
            </dl>
            {any_skipped.then(|| view! {
                <h4>"未能运行的规则"</h4>
                <ul class="skipped">{skipped}</ul>
            })}
            {any_problems.then(|| view! {
                <h4>"未能读取的部分"</h4>
                <ul class="problems">{problems}</ul>
            })}
        </div>
    }
}
