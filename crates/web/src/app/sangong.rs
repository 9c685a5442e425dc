//! 三公经费 at a glance: charts (by category across series, and the
//! composition of the actual), the counts the narrative states, and every
//! number in a table.

use leptos::prelude::*;
use rust_decimal::Decimal;

use super::chart::{series_class, Composition, GroupedBars, SeriesLegend};
use super::format::amount;
use super::scroll::ScrollBox;
use super::{Checker, Outcome};
use gongkai::report::{Count, SangongCounts, SangongSeries};

/// Which chart compares what: budget against actual for 决算, years for
/// budgets with several years, else just the one series.
fn comparison_title(series: &[SangongSeries]) -> String {
    if series.iter().any(|s| s.actual) {
        "预算数与决算数（按类别）".to_string()
    } else if series.len() > 1 {
        "上年与本年预算数（按类别）".to_string()
    } else {
        format!("{}（按类别）", series[0].label)
    }
}

/// The series whose composition is shown: the actual (决算数) if there is one,
/// else the last (current year's) series.
fn composed(series: &[SangongSeries]) -> &SangongSeries {
    series.iter().rev().find(|s| s.actual).unwrap_or(&series[series.len() - 1])
}

/// The 三公 section of the current report, when the core read any.
#[component]
pub fn Sangong(checker: Checker) -> impl IntoView {
    move || {
        let outcome = checker.outcome.get();
        let Outcome::Checked { report, .. } = &*outcome else {
            return None;
        };
        let series = report.sangong.clone().filter(|s| !s.is_empty())?;
        // The 三公 table's own unit: Shanghai prints it in 万元 beside tables in 元.
        let unit = series[0].unit.clone().or_else(|| report.document.unit.clone()).unwrap_or_else(|| "原文未注明".to_string());
        let shown = composed(&series).clone();
        let labels: Vec<String> = series.iter().map(|s| s.label.clone()).collect();
        Some(view! {
            <section id="sangong" class="panel" aria-labelledby="sangong-heading">
                <h2 id="sangong-heading">"“三公”经费"</h2>
                <p class="legend">{format!("单位：{unit}")}</p>
                <div class="charts">
                    <figure class="chart-box" data-chart="compare">
                        <figcaption>{comparison_title(&series)}</figcaption>
                        <SeriesLegend labels=labels />
                        <GroupedBars id="sg-compare" title=comparison_title(&series) series=series.clone() unit=unit.clone() />
                    </figure>
                    <figure class="chart-box" data-chart="composition">
                        <figcaption>{format!("{}的构成", shown.label)}</figcaption>
                        <Composition id="sg-composition" title=format!("{}的构成", shown.label) series=shown unit=unit.clone() />
                    </figure>
                    {report.sangong_counts.as_ref().and_then(|c| counts_view(checker, c))}
                </div>
                <NumbersTable series=series />
            </section>
        })
    }
}

/// The narrative's counts beside the charts, when there are any, each with
/// a link to the line that states it.
fn counts_view(checker: Checker, c: &SangongCounts) -> Option<impl IntoView> {
    let rows: Vec<(&str, Vec<(Count, &str)>)> = [
        ("因公出国（境）", [(c.abroad_groups, "个团组"), (c.abroad_persons, "人次")]),
        ("公务用车", [(c.vehicles_bought, "辆（购置）"), (c.fleet, "辆（保有量）")]),
        ("公务接待", [(c.reception_batches, "批次"), (c.reception_persons, "人次")]),
    ]
    .into_iter()
    .map(|(name, v)| (name, v.into_iter().filter_map(|(n, unit)| Some((n?, unit))).collect::<Vec<_>>()))
    .filter(|(_, v)| !v.is_empty())
    .collect();
    (!rows.is_empty()).then(|| {
        let items = rows
            .into_iter()
            .map(|(name, v)| {
                let parts = v
                    .into_iter()
                    .map(|(n, unit)| {
                        let line = n.line;
                        view! {
                            <li>
                                <span class="num">{amount(&n.value)}</span>" "{unit}" "
                                <button type="button" class="link" on:click=move |_| checker.show_line(line)>
                                    {format!("原文第{line}行")}
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <dt>{name}</dt><dd><ul>{parts}</ul></dd> }
            })
            .collect_view();
        view! {
            <figure class="chart-box counts-box" data-chart="counts">
                <figcaption>"情况说明中的数量"</figcaption>
                <dl class="sangong-counts">{items}</dl>
            </figure>
        }
    })
}

/// Every 三公 number, one row per series: the charts' data for everyone,
/// and what a screen reader reads.
#[component]
fn NumbersTable(series: Vec<SangongSeries>) -> impl IntoView {
    let cell = |v: Option<Decimal>| match v {
        Some(v) => view! { <td class="num">{amount(&v)}</td> }.into_any(),
        None => view! { <td class="num blank" title="原文空白">"—"</td> }.into_any(),
    };
    let rows = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            view! {
                <tr>
                    <th scope="row" class="label">
                        <svg class="swatch" width="10" height="10" aria-hidden="true">
                            <rect class=series_class(i) width="10" height="10" rx="2"></rect>
                        </svg>
                        " "{s.label.clone()}
                    </th>
                    {cell(s.total)}
                    {cell(s.abroad)}
                    {cell(s.vehicles)}
                    {cell(s.vehicle_purchase)}
                    {cell(s.vehicle_operation)}
                    {cell(s.reception)}
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollBox label="“三公”经费数字表（可左右滚动）".to_string()>
            <table class="sangong">
                <caption class="visually-hidden">"“三公”经费各项数字（图表所用数据）"</caption>
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
        </ScrollBox>
    }
}
