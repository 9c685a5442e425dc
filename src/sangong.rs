//! 三公 figures as chart-ready series.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Document, TableKind};

/// One 三公 series: a year's 预算数 or 决算数, split by category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SangongSeries {
    /// "预算数", "决算数", "2023年预算数" …
    pub label: String,
    /// 合计.
    pub total: Option<Decimal>,
    /// 因公出国（境）费.
    pub abroad: Option<Decimal>,
    /// 公务用车购置及运行维护费.
    pub vehicles: Option<Decimal>,
    /// 公务用车购置费.
    pub vehicle_purchase: Option<Decimal>,
    /// 公务用车运行维护费.
    pub vehicle_operation: Option<Decimal>,
    /// 公务接待费.
    pub reception: Option<Decimal>,
}

/// The 三公 series of a document, from its 三公 table; None when it has none.
pub fn series(doc: &Document) -> Option<Vec<SangongSeries>> {
    let t = doc.table(TableKind::F09)?;
    let out: Vec<SangongSeries> = t
        .rows
        .iter()
        .map(|r| SangongSeries {
            label: r.label.clone(),
            total: r.value(0),
            abroad: r.value(1),
            vehicles: r.value(2),
            vehicle_purchase: r.value(3),
            vehicle_operation: r.value(4),
            reception: r.value(5),
        })
        .collect();
    (!out.is_empty()).then_some(out)
}
