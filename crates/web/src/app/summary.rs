//! What the document is, how many findings, and what could be checked.

use leptos::prelude::*;

use super::{Checker, Outcome, Source};
use gongkai::model::{DocumentInfo, DocumentKind, Scope};
use gongkai::report::{Coverage, DocumentReport, FindingKind};

/// The result header: a summary card, or why the text could not be checked.
#[component]
pub fn Summary(checker: Checker) -> impl IntoView {
    view! {
        <section
            id="summary"
            class="panel summary"
            class:stale=move || checker.checking.get()
            aria-labelledby="summary-heading"
            aria-live="polite"
            aria-busy=move || if checker.checking.get() { "true" } else { "false" }
        >
            <h2 id="summary-heading">"核对结果"</h2>
            <FallbackNotice checker=checker />
            <CheckingNotice checker=checker />
            {move || result(checker)}
        </section>
    }
}

/// Says that checks run in the page, once no worker could start.
#[component]
fn FallbackNotice(checker: Checker) -> impl IntoView {
    move || {
        checker.fallback.get().map(|why| {
            view! {
                <p class="notice warn fallback" role="status">
                    {format!("本浏览器未能启动后台核对（{why}），改为在本页核对：文本较长时，核对期间页面可能暂时没有响应。")}
                </p>
            }
        })
    }
}

/// The busy indicator while a check runs, with the button that stops it.
#[component]
fn CheckingNotice(checker: Checker) -> impl IntoView {
    let what = move || {
        if checker.notice.with(|n| matches!(n, Some(super::Notice::Busy(_)))) {
            "正在读取并核对文件……"
        } else {
            "正在核对……"
        }
    };
    view! {
        <Show when=move || checker.checking.get()>
            <div class="notice busy checking" role="status">
                <span class="spinner" aria-hidden="true"></span>
                <span class="what">{what}</span>
                " 核对在后台进行，页面可以照常使用；粘贴或载入新的文本会取消这次核对。"
                <button type="button" class="secondary stop" on:click=move |_| checker.stop_by_user()>"停止核对"</button>
            </div>
        </Show>
    }
}

/// The outcome of the last check: nothing yet, why it was refused, a text
/// that is no disclosure, or the card, exports and coverage of a report.
fn result(checker: Checker) -> AnyView {
    match &*checker.outcome.get() {
        Outcome::Idle => view! {
            <p class="idle">"还没有核对任何文本。粘贴公开文本、选择文件，或载入一份示例。"</p>
        }
        .into_any(),
        Outcome::Refused(msg) => view! { <p class="notice error" role="alert">{msg.clone()}</p> }.into_any(),
        Outcome::Checked { report, seq, .. } if report.document.kind == DocumentKind::Unknown => {
            not_recognised(&report.document, *seq).into_any()
        }
        Outcome::Checked { report, source, millis, seq, .. } => (
            card(report, source, *millis, *seq),
            view! { <super::export::Export checker=checker /> },
            coverage_view(checker, &report.coverage),
        )
            .into_any(),
    }
}

/// Why a text that is no disclosure was not checked. It carries the
/// submission number like the card, so a wait for the next result cannot
/// mistake an earlier refusal for it.
fn not_recognised(info: &DocumentInfo, seq: u32) -> impl IntoView {
    let reason = info.reason.clone().unwrap_or_else(|| "文本中没有找到预算或决算公开文本的特征。".to_string());
    view! {
        <div class="notice error not-recognised" role="alert" data-check=seq>
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

/// The summary card: the document, the verdict, the counts by kind, and
/// where the text came from.
fn card(report: &DocumentReport, source: &Source, millis: f64, seq: u32) -> impl IntoView {
    let info = &report.document;
    let title = info.department.clone().unwrap_or_else(|| "（未识别出部门名称）".to_string());
    let year = info.year.map(|y| format!("{y}年度")).unwrap_or_else(|| "年度未识别".to_string());
    let kind = format!("{}{}", scope_zh(info.scope), kind_zh(info.kind));
    let unit = info.unit.clone().map(|u| format!("金额单位：{u}"));
    let mut from = format!("来源：{}", source.name);
    if let Some(x) = &report.input {
        from.push_str(&format!("（{}）", x.summary()));
    } else if let Some(enc) = &report.encoding {
        from.push_str(&format!("（{enc}）"));
    }
    let nothing_checked = report.tables.is_empty();
    let card_class = if report.has_errors() {
        "card has-errors"
    } else if nothing_checked {
        "card unchecked"
    } else {
        "card"
    };
    let counts = kind_counts(report);
    view! {
        // data-check: which submission this is (the tests and the bench wait for it).
        <div class=card_class data-check=seq>
            <p class="department">{title}</p>
            <p class="meta">
                <span class="year">{year}</span>
                <span class="kind">{kind}</span>
                {unit.map(|u| view! { <span class="unit">{u}</span> })}
            </p>
            // Why the year is not given (the text's titles and comparisons disagree).
            {info.year_doubt.clone().map(|d| view! { <p class="year-doubt">{d}</p> })}
            <p class="verdict">{verdict(report)}</p>
            <ul class="counts" aria-label="发现数量（按类别）">{counts}</ul>
            <p class="source-meta">{from}{format!(" · 用时 {millis:.0} 毫秒")}</p>
        </div>
    }
}

/// A line per kind of finding that occurs (数字不符 always); 尾数误差
/// last and quiet, since it is not a defect (the list keeps those folded).
fn kind_counts(report: &DocumentReport) -> impl IntoView {
    FindingKind::ALL
        .into_iter()
        .filter_map(|k| {
            let n = report.count_of(k);
            (n > 0 || k == FindingKind::Numbers).then(|| {
                view! {
                    <li class=format!("kind-{}", k.key()) data-kind=k.key()>
                        {k.zh()}" "<strong>{n}</strong>" 处"
                    </li>
                }
            })
        })
        .collect_view()
}

/// The one-sentence verdict. It counts kinds, never claims "no errors" when
/// nothing could be checked, and mentions unread tables only when the
/// coverage lists some (a note about how a table was read is not one).
fn verdict(report: &DocumentReport) -> String {
    if report.tables.is_empty() {
        return "没有读取到可核对的表格，因此没有进行任何核对。".to_string();
    }
    let numbers = report.count_of(FindingKind::Numbers);
    let wording = report.count_of(FindingKind::Wording);
    let coverage = &report.coverage;
    let partly = if !coverage.tables_missing.is_empty() {
        "（部分表格未能读取，见下方核对范围）"
    } else if !coverage.problems.is_empty() {
        "（读取表格时有需要说明之处，见下方核对范围）"
    } else {
        ""
    };
    match (numbers, wording) {
        (0, 0) => format!("在已读取的表格中未发现数字不符或表述问题。{partly}"),
        (0, w) => format!("未发现数字不符；有 {w} 处文字与表述问题需要人工查看。{partly}"),
        (n, 0) => format!("发现 {n} 处数字不符。{partly}"),
        (n, w) => format!("发现 {n} 处数字不符，另有 {w} 处文字与表述问题。{partly}"),
    }
}

/// What was read and run: the tables found and missing, the rules that
/// could not run, and notes on how tables were read.
fn coverage_view(checker: Checker, coverage: &Coverage) -> impl IntoView {
    let join = |v: &[String]| {
        if v.is_empty() {
            "无".to_string()
        } else {
            v.iter().map(|n| gongkai::rules::identity::table_name(n)).collect::<Vec<_>>().join("、")
        }
    };
    let found = join(&coverage.tables_found);
    // Found but not read: never shown among the read ones (the reasons are
    // in the notes below).
    let unread = (!coverage.tables_unread.is_empty()).then(|| join(&coverage.tables_unread));
    let missing = join(&coverage.tables_missing);
    let skipped: Vec<_> = coverage.rules_skipped.iter().map(|s| view! { <li><code>{s.rule}</code>" "{s.reason.clone()}</li> }).collect();
    let problems: Vec<_> = coverage.problems.iter().map(|p| problem_item(checker, p.source_line, &p.message)).collect();
    let any_skipped = !skipped.is_empty();
    let any_problems = !problems.is_empty();
    view! {
        <div class="coverage">
            <h3>"核对范围"</h3>
            <dl>
                <dt>"已读取的表"</dt>
                <dd class="tables-found">{found}</dd>
                {unread.map(|u| view! {
                    <dt>"找到但未能读取的表"</dt>
                    <dd class="tables-unread">{u}</dd>
                })}
                // Only the tables the rules for publishing require: a rule
                // below may still miss an optional one.
                <dt>"缺少的必须公开的表"</dt>
                <dd class="tables-missing">{missing}</dd>
            </dl>
            {any_skipped.then(|| view! {
                <h4>"未能运行的规则"</h4>
                <ul class="skipped">{skipped}</ul>
            })}
            {any_problems.then(|| view! {
                // Some are parts left out, some are notes on how a table
                // was read: the heading must fit both.
                <h4>"读取表格时的说明"</h4>
                <ul class="problems">{problems}</ul>
            })}
        </div>
    }
}

/// A note on how a table was read, with a link to its line. The message
/// names the table itself; this adds only where to look.
fn problem_item(checker: Checker, line: Option<usize>, message: &str) -> impl IntoView {
    let at = line.map(|l| {
        view! {
            <button type="button" class="link" on:click=move |_| checker.show_line(l)>
                {format!("原文第{l}行")}
            </button>
            "："
        }
    });
    view! { <li>{at}{message.to_string()}</li> }
}
