//! The rule catalogue, generated from [`gongkai::rules::catalogue`] so the page
//! can never disagree with what actually runs.

use leptos::prelude::*;

use super::findings::severity_class;
use gongkai::rules::catalogue;

/// Every rule: id, title, family, severity and why it matters.
#[component]
pub fn RuleList() -> impl IntoView {
    let rules = catalogue();
    let items = rules
        .iter()
        .map(|r| {
            view! {
                <li class="rule" id=format!("rule-{}", r.id)>
                    <p class="head">
                        <code>{r.id}</code>
                        <span class="title">{r.title}</span>
                    </p>
                    <p class="tags">
                        <span class="family">{r.family.zh()}</span>
                        <span class=format!("badge {}", severity_class(r.severity))>{r.severity.zh()}</span>
                    </p>
                    <p class="why">{r.why}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section id="rules" class="panel" aria-labelledby="rules-heading">
            <details>
                <summary>
                    <h2 id="rules-heading">{format!("核对规则（共 {} 条）", rules.len())}</h2>
                </summary>
                <p>"每条规则核对公开文本中一个应当成立的等式。数字差额在四舍五入范围内的记为“提示”（尾数误差），不算错误。"</p>
                <ul class="rules">{items}</ul>
            </details>
        </section>
    }
}
