//! 三公 figures as chart-ready series, and the counts the narrative states with them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::{Document, Row, SangongCols, Table, TableKind};
use crate::text::search;

/// A count the narrative states, with the source line it is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// The number as printed.
    pub value: Decimal,
    /// 1-based source line.
    pub line: usize,
}

/// The counts a disclosure's narrative gives with the 三公 amounts
/// (团组/人次, 购置数/保有量, 批次/人次); None where it states none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SangongCounts {
    /// 因公出国（境）团组数.
    pub abroad_groups: Option<Count>,
    /// 因公出国（境）人次.
    pub abroad_persons: Option<Count>,
    /// 公务用车购置数（辆）.
    pub vehicles_bought: Option<Count>,
    /// 公务用车保有量（辆）.
    pub fleet: Option<Count>,
    /// 公务接待（国内）批次.
    pub reception_batches: Option<Count>,
    /// 公务接待（国内）人次.
    pub reception_persons: Option<Count>,
}

/// The counts the narrative states with the 三公 amounts.
pub fn counts(doc: &Document) -> SangongCounts {
    let facts = doc.sangong_facts();
    let c = |f: Option<crate::narrative::sangong::Fact>| f.map(|f| Count { value: f.value, line: f.line });
    SangongCounts {
        abroad_groups: c(facts.abroad_groups),
        abroad_persons: c(facts.abroad_persons),
        vehicles_bought: c(facts.purchased),
        fleet: c(facts.fleet),
        reception_batches: c(facts.reception_batches),
        reception_persons: c(facts.reception_persons),
    }
}

/// One 三公 series: a year's 预算数 or 决算数, split by category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SangongSeries {
    /// "预算数", "决算数", "2023年预算数" …
    pub label: String,
    /// True for the amounts spent (决算数), false for a budget.
    #[serde(default)]
    pub actual: bool,
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
    /// The unit the amounts are in: the 三公 table's own, which may not be
    /// the document's (Shanghai prints it in 万元 beside tables in 元).
    #[serde(default)]
    pub unit: Option<String>,
}

impl SangongSeries {
    fn from_six(label: String, actual: bool, v: [Option<Decimal>; 6]) -> SangongSeries {
        SangongSeries {
            label,
            actual,
            total: v[0],
            abroad: v[1],
            vehicles: v[2],
            vehicle_purchase: v[3],
            vehicle_operation: v[4],
            reception: v[5],
            unit: None,
        }
    }

    /// The six values in table column order (合计, 出国, 车小计, 购置, 运维, 接待).
    pub fn six(&self) -> [Option<Decimal>; 6] {
        [self.total, self.abroad, self.vehicles, self.vehicle_purchase, self.vehicle_operation, self.reception]
    }
}

/// The 三公 series of a document, from its 三公 table; None when it has none.
///
/// 决算: 预算数 and 决算数, as rows (山东) or as a pair of columns per item
/// (上海). Budgets printed as year blocks (烟台): one series per year.
/// Budgets printed by fund (青岛, current year only): the 合计 column as the
/// current year, and the previous year as the narrative's stated changes
/// imply it, labelled as inferred. Budgets printed as one row, a column per
/// item (江苏, 上海): the current year. Each series carries the table's unit.
pub fn series(doc: &Document) -> Option<Vec<SangongSeries>> {
    let mut out = series_of(doc)?;
    let t = doc.found(TableKind::F09).or_else(|| doc.found(TableKind::BSangong));
    let unit = t.and_then(|t| t.unit.clone()).or_else(|| doc.info.unit.clone());
    for s in &mut out {
        s.unit.clone_from(&unit);
    }
    Some(out)
}

fn series_of(doc: &Document) -> Option<Vec<SangongSeries>> {
    // A table of the general reader (Jiangsu, Shanghai), when its cells were read.
    let general = |k: TableKind| doc.found(k).filter(|t| t.grid.as_deref().is_some_and(|g| g.read));
    // Shanghai's 决算: one row, a 预算数 and a 决算数 column per item.
    if let Some(t) = general(TableKind::F09) {
        let (budget, actual) = t.grid.as_deref().and_then(|g| g.sangong_pairs)?;
        let r = t.rows.first().filter(|_| t.rows.len() == 1 && !t.unresolved.contains(&0))?;
        let six =
            |c: SangongCols| [Some(c.total), c.abroad, c.vehicle, c.purchase, c.operation, c.reception].map(|c| c.and_then(|c| r.value(c)));
        return Some(vec![
            SangongSeries::from_six("预算数".to_string(), false, six(budget)),
            SangongSeries::from_six("决算数".to_string(), true, six(actual)),
        ]);
    }
    if let Some(t) = doc.table(TableKind::F09).or_else(|| doc.table(TableKind::BSangong).filter(|t| t.columns.len() == 6)) {
        let out: Vec<SangongSeries> = t
            .rows
            .iter()
            .map(|r| SangongSeries::from_six(r.label.clone(), r.label.contains("决算"), [0, 1, 2, 3, 4, 5].map(|c| r.value(c))))
            .collect();
        return (!out.is_empty()).then_some(out);
    }
    let year = |y: Option<u16>, fallback: &str| y.map_or(fallback.to_string(), |y| format!("{y}年预算数"));
    // One row, a column per item (Jiangsu, Shanghai): this year's budget.
    if let Some(t) = general(TableKind::BSangong) {
        let cols = one_row_columns(t).filter(|_| !t.unresolved.contains(&0))?;
        let r = t.rows.first()?;
        let six = [0, 1, 2, 3, 4, 5].map(|k| cols[k].and_then(|c| r.value(c)));
        return Some(vec![SangongSeries::from_six(year(doc.info.year, "本年预算数"), false, six)]);
    }
    let t = doc.table(TableKind::BSangong)?;
    let current = by_category(t)?;
    let mut out = Vec::new();
    let claims = &doc.narrative.stated.sangong;
    let mut prior: [Option<Decimal>; 6] = [None; 6];
    for c in claims {
        if let (Some(p), Some(slot)) = (c.prior(), prior.get_mut(c.column)) {
            slot.get_or_insert(p);
        }
    }
    if prior.iter().any(Option::is_some) {
        out.push(SangongSeries::from_six(
            format!("{}（据情况说明所述增减额推算）", year(doc.info.year.map(|y| y - 1), "上年预算数")),
            false,
            prior,
        ));
    }
    out.push(SangongSeries::from_six(year(doc.info.year, "本年预算数"), false, current));
    Some(out)
}

/// The columns of a 三公 table printed as one row, a column per item, by
/// their captions (the last caption of each column's path): Jiangsu's
/// "合计 | 小计 | 因公出国（境）费 | 公务用车 小计 | 购置费 | 运行维护费 |
/// 公务接待费 | 会议费 | 培训费", Shanghai's "合计 | 因公出国(境)费 | 公务接待费 |
/// 公务用车 小计 | 购置费 | 运行费 | 机关运行经费". In the order of
/// [`SangongSeries::six`], then 会议费 and 培训费: the first is the 三公
/// total, the “三公”经费 小计 where the table also prints 会议费 or 培训费.
/// None for a table of another shape, or one without 因公出国 and 公务接待
/// captions (its header not read cleanly).
pub fn one_row_columns(t: &Table) -> Option<[Option<usize>; 8]> {
    if t.rows.len() != 1 {
        return None;
    }
    let has = |w: &str| t.columns.iter().any(|h| search::contains(last_caption(h), w));
    if !(has("因公出国") && has("公务接待")) {
        return None;
    }
    let col = |p: &dyn Fn(&str, &str) -> bool| t.columns.iter().position(|h| p(h, last_caption(h)));
    let extra = has("会议费") || has("培训费");
    let holds = search::contains;
    Some([
        if extra { col(&|h, l| l == "小计" && !holds(h, "购置")) } else { col(&|_, l| l == "合计") },
        col(&|_, l| holds(l, "因公出国")),
        col(&|h, l| (l == "小计" && holds(h, "购置及运行")) || holds(l, "购置及运行")),
        col(&|_, l| holds(l, "购置费") && !holds(l, "运行")),
        col(&|_, l| holds(l, "运行") && l.ends_with('费') && !holds(l, "购置") && !holds(l, "机关")),
        col(&|_, l| holds(l, "公务接待")),
        col(&|_, l| l == "会议费"),
        col(&|_, l| l == "培训费"),
    ])
}

/// A column's last caption: "公务用车购置及运行费 › 购置费" → "购置费".
fn last_caption(path: &str) -> &str {
    path.rsplit('›').next().unwrap_or(path).trim()
}

/// A 三公 table with one row per category (and columns per fund): the
/// 合计 column of each category, in the six-column order.
pub fn by_category(t: &Table) -> Option<[Option<Decimal>; 6]> {
    let find = |pred: &dyn Fn(&str) -> bool| -> Option<&Row> { t.rows.iter().find(|r| pred(&r.label)) };
    let total = find(&|l| l.contains("三公")).or_else(|| find(&|l| l == "合计"))?;
    let get = |r: Option<&Row>| r.and_then(|r| r.value(0));
    Some([
        total.value(0),
        get(find(&|l| l.contains("因公出国"))),
        get(find(&|l| l.contains("购置及运行"))),
        get(find(&|l| l.contains("购置费") && !l.contains("运行"))),
        get(find(&|l| l.contains("运行维护费") && !l.contains("购置"))),
        get(find(&|l| l.contains("公务接待"))),
    ])
}
