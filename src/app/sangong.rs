//! 三公经费 at a glance: each series (预算数, 决算数, …) by category.
//!
//! Bars are `<meter>` elements, so the page needs no inline styles (the CSP
//! forbids them).

use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::format::amount;
use super::{Checker, Outcome};
use crate::sangong::SangongSeries;

/// The 三公 series of the current report, when the core read any.
#[component]
pub fn Sangong(checker: Checker) -> impl IntoView {
    move || {
        let outcome = checker.outcome.get();
        let Outcome::Checked { report, .. } = &*outcome else {
            return None;
        };
        let series = report.sangong.as_ref().filter(|s| !s.is_empty())?;
        let unit = report.document.unit.clone().map(|u| format!("单位：{u}"));
        let max = series
            .iter()
            .filter_map(|s| s.total)
            .max()
            .and_then(|d| d.to_f64())
            .unwrap_or(0.0);
        let rows = series.iter().map(|s| series_row(s, max)).collect_view();
        Some(view! {
            <section id="sangong" class="panel" aria-labelledby="sangong-heading">
                <h2 id="sangong-heading">"“三公”经费"</h2>
                {unit.map(|u| view! { <p class="legend">{u}</p> })}
                <div class="scroll">
                    <table class="sangong">
                        <thead>
                            <tr>
                                <th scope="col">"项目"</th>
                                <th scope="col" class="num">"合计"</th>
                                <th scope="col" class="num">"因公出国（境）费"</th>
                                <th scope="col" class="num">"公务用车购置及运行维护费"</th>
                                <th scope="col" class="num">"其中：购置费"</th>
                                <th scope="col" class="num">"运行维护费"</th>
                                <th scope="col" class="num">"公务接待费"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        })
    }
}

fn series_row(s: &SangongSeries, max: f64) -> impl IntoView {
    let cell = |v: Option<Decimal>| match v {
        Some(v) => view! { <td class="num">{amount(&v)}</td> }.into_any(),
        None => view! { <td class="num blank" title="原文空白">"—"</td> }.into_any(),
    };
    let total = s.total.and_then(|d| d.to_f64()).unwrap_or(0.0);
    view! {
        <tr>
            <th scope="row" class="label">{s.label.clone()}</th>
            <td class="num">
                {s.total.map(|v| amount(&v)).unwrap_or_else(|| "—".to_string())}
                <meter min="0" max=max.max(f64::MIN_POSITIVE) value=total aria-hidden="true"></meter>
            </td>
            {cell(s.abroad)}
            {cell(s.vehicles)}
            {cell(s.vehicle_purchase)}
            {cell(s.vehicle_operation)}
            {cell(s.reception)}
        </tr>
    }
}
