//! 三公 charts as inline SVG built from view! elements (no chart library).
//!
//! The SVGs have no viewBox: widths are percentages of the chart's width and
//! text stays at its CSS size, so the charts neither overflow at 360 px nor
//! blow their labels up at 1920 px. Colours come from classes in the
//! stylesheet (the CSP forbids inline styles). Each chart is an image to
//! assistive technology, named by its <title> and described by its <desc>,
//! which spells out every number; the same numbers are in the table below.

use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::format::amount;
use gongkai::report::SangongSeries;

/// A category the charts show: its name and how to read it from a series.
pub struct Category {
    /// The name as the tables print it.
    pub name: &'static str,
    /// Its value in a series.
    pub value: fn(&SangongSeries) -> Option<Decimal>,
}

/// The four 三公 categories (the vehicle subtotal is split into its parts).
pub const CATEGORIES: [Category; 4] = [
    Category { name: "因公出国（境）费", value: |s| s.abroad },
    Category { name: "公务用车购置费", value: |s| s.vehicle_purchase },
    Category { name: "公务用车运行维护费", value: |s| s.vehicle_operation },
    Category { name: "公务接待费", value: |s| s.reception },
];

/// Palette classes cycle after this many series.
const PALETTE: usize = 6;

// Vertical layout of the grouped bars, in CSS pixels.
const LABEL_H: f64 = 22.0;
const BAR_H: f64 = 16.0;
const BAR_GAP: f64 = 4.0;
const GROUP_GAP: f64 = 12.0;
/// Bars use at most this share of the width; the rest is for the value text.
const BAR_SPAN: f64 = 68.0;

fn f64_of(d: Option<Decimal>) -> f64 {
    d.and_then(|d| d.to_f64()).unwrap_or(0.0).max(0.0)
}

fn shown(d: Option<Decimal>) -> String {
    d.map(|d| amount(&d)).unwrap_or_else(|| "空白".to_string())
}

/// The series' colour class ("s0" …).
pub fn series_class(i: usize) -> String {
    format!("s{}", i % PALETTE)
}

/// A legend of series names with their colours.
#[component]
pub fn SeriesLegend(labels: Vec<String>) -> impl IntoView {
    let items = labels
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            view! {
                <li>
                    <svg class="swatch" width="12" height="12" aria-hidden="true">
                        <rect class=series_class(i) width="12" height="12" rx="2"></rect>
                    </svg>
                    {l}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="chart-legend">{items}</ul> }
}

/// Grouped horizontal bars: for each category one bar per series, so any
/// number of series (预算数/决算数, or two years' 预算数) compare side by side.
#[component]
pub fn GroupedBars(
    /// Element id prefix (for the title/desc references).
    id: &'static str,
    /// The chart's name.
    title: String,
    /// The series, in the order printed.
    series: Vec<SangongSeries>,
    /// The money unit, for the description.
    unit: String,
) -> impl IntoView {
    let max = series.iter().flat_map(|s| CATEGORIES.iter().map(move |c| f64_of((c.value)(s)))).fold(0.0, f64::max);
    let group_h = LABEL_H + series.len() as f64 * (BAR_H + BAR_GAP) + GROUP_GAP;
    let height = group_h * CATEGORIES.len() as f64;
    let desc = bars_desc(&series, &unit);
    let groups = CATEGORIES.iter().enumerate().map(|(ci, c)| bar_group(c, ci as f64 * group_h, &series, max)).collect_view();
    let (title_id, desc_id, labelled_by) = label_ids(id);
    view! {
        <svg
            class="chart bars"
            width="100%"
            height=height
            role="img"
            aria-labelledby=labelled_by
        >
            <title id=title_id>{title}</title>
            <desc id=desc_id>{desc}</desc>
            <line class="axis" x1="0" y1="0" x2="0" y2=height></line>
            {groups}
        </svg>
    }
}

/// The ids of a chart's <title> and <desc>, and its aria-labelledby.
fn label_ids(id: &str) -> (String, String, String) {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    (title_id, desc_id, labelled_by)
}

/// Every number of the grouped bars, in words, for their <desc>.
fn bars_desc(series: &[SangongSeries], unit: &str) -> String {
    CATEGORIES
        .iter()
        .map(|c| {
            let parts: Vec<String> = series.iter().map(|s| format!("{} {}", s.label, shown((c.value)(s)))).collect();
            format!("{}：{}", c.name, parts.join("，"))
        })
        .collect::<Vec<_>>()
        .join("；")
        + &format!("。单位：{unit}。")
}

/// One category's label and its bar per series, from `top` down; `max` is
/// the longest bar's amount.
fn bar_group(c: &Category, top: f64, series: &[SangongSeries], max: f64) -> impl IntoView {
    let bars = series
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let v = (c.value)(s);
            let pct = if max > 0.0 { f64_of(v) / max * BAR_SPAN } else { 0.0 };
            // A non-zero amount never vanishes into a hairline.
            let pct = if f64_of(v) > 0.0 { pct.max(0.6) } else { 0.0 };
            let y = top + LABEL_H + si as f64 * (BAR_H + BAR_GAP);
            view! {
                <rect class=series_class(si) x="0" y=y width=format!("{pct:.2}%") height=BAR_H rx="2"></rect>
                <text class="value" x=format!("{pct:.2}%") dx="6" y={y + BAR_H - 4.0}>{shown(v)}</text>
            }
        })
        .collect_view();
    view! {
        <text class="category" x="0" y={top + LABEL_H - 7.0}>{c.name}</text>
        {bars}
    }
}

/// One series as a single bar split by category (its composition), with a
/// legend that gives each part's amount and share.
#[component]
pub fn Composition(
    /// Element id prefix.
    id: &'static str,
    /// The chart's name.
    title: String,
    /// The series shown.
    series: SangongSeries,
    /// The money unit, for the description.
    unit: String,
) -> impl IntoView {
    let parts = Parts::of(&series);
    let (title_id, desc_id, labelled_by) = label_ids(id);
    view! {
        <svg
            class="chart stack"
            width="100%"
            height="28"
            role="img"
            aria-labelledby=labelled_by
        >
            <title id=title_id>{title}</title>
            <desc id=desc_id>{parts.desc(&unit)}</desc>
            <rect class="track" x="0" y="0" width="100%" height="28"></rect>
            {parts.segments()}
        </svg>
        <ul class="composition-legend">{parts.legend()}</ul>
    }
}

/// A series' categories with their amounts and total, for its composition.
struct Parts {
    /// Each category's name, amount as printed, and amount to draw.
    parts: Vec<(&'static str, Option<Decimal>, f64)>,
    /// The total drawn.
    sum: f64,
}

impl Parts {
    fn of(series: &SangongSeries) -> Parts {
        let parts: Vec<(&'static str, Option<Decimal>, f64)> = CATEGORIES
            .iter()
            .map(|c| {
                let v = (c.value)(series);
                (c.name, v, f64_of(v))
            })
            .collect();
        let sum = parts.iter().fold(0.0, |acc: f64, p| acc + p.2);
        Parts { parts, sum }
    }

    /// The percentage of the total that `x` is.
    fn share(&self, x: f64) -> f64 {
        if self.sum > 0.0 {
            x / self.sum * 100.0
        } else {
            0.0
        }
    }

    /// A rect per non-zero part, side by side.
    fn segments(&self) -> impl IntoView + use<> {
        let mut at = 0.0;
        self.parts
            .iter()
            .enumerate()
            .filter(|(_, p)| p.2 > 0.0)
            .map(|(i, p)| {
                let w = self.share(p.2);
                let x = at;
                at += w;
                view! {
                    <rect class=format!("k{i}") x=format!("{x:.3}%") y="0" width=format!("{w:.3}%") height="28"></rect>
                }
            })
            .collect_view()
    }

    /// Each part's colour, name, amount and share.
    fn legend(&self) -> impl IntoView + use<> {
        self.parts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let pct = if self.sum > 0.0 { format!("{:.1}%", self.share(p.2)) } else { "—".to_string() };
                view! {
                    <li>
                        <svg class="swatch" width="12" height="12" aria-hidden="true">
                            <rect class=format!("k{i}") width="12" height="12" rx="2"></rect>
                        </svg>
                        <span class="name">{p.0}</span>
                        <span class="num">{shown(p.1)}</span>
                        <span class="num share">{pct}</span>
                    </li>
                }
            })
            .collect_view()
    }

    /// Every part in words, for the chart's <desc>.
    fn desc(&self, unit: &str) -> String {
        if self.sum > 0.0 {
            self.parts.iter().map(|p| format!("{} {}（{:.1}%）", p.0, shown(p.1), self.share(p.2))).collect::<Vec<_>>().join("，")
                + &format!("。单位：{unit}。")
        } else {
            "各项均为零或空白，无法画出构成。".to_string()
        }
    }
}
