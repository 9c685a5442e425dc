//! NAR-001 情况说明中的金额与公开表一致
//!
//! ## 它检查什么
//!
//! Every amount the 情况说明 states about a table figure (收支总计, each 收入,
//! 基本支出 and 项目支出, a 类 or 项 of 公开05表, the 三公 items of 公开09表)
//! against the cells it names; 国内 and 国（境）外 接待费 against 公开09表's
//! 公务接待费.
//!
//! Claims are tied to cells by their section (收入, 支出, 三公 …) and their
//! subject words, never by position; a claim whose subject names no known cell
//! is left alone rather than guessed at. Tables of another region's layout,
//! read by their headings (no 行次), are looked up by row name and column
//! caption: 01's 总计 and its rows by name, 02/03/05's 合计 row by caption,
//! 04's 总计, 05's 类 and 项 rows (a name that picks two rows picks none). One cell is the same quantity printed
//! twice, so its digits must agree; a sum of cells may differ within rounding.
//!
//! ## 为什么重要
//!
//! 情况说明用文字复述表中的主要数字：收支总计、各项收入、基本支出和项目支出、各类支出、“三公”经费等。文字和表格说的是同一笔钱，数字必须一致；不一致时，读者无从判断哪个是真的。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“收入合计 10,116.83 万元” 改为 “收入合计 10,126.83 万元”
//! - `yantai-office-2024-final.txt`：“收入合计 10,116.83 万元” 改为 “收入合计 10,116.84 万元”
//! - `yantai-office-2024-final.txt`：“财政拨款收入 10,095.35 万元” 改为 “财政拨款收入 10,095.36 万元”
//! - `qingdao-office-2024-final.txt`：“因公出国（境）费全年预算为87.6万元” 改为 “因公出国（境）费全年预算为97.6万元”
//! - `yantai-office-2024-final.txt`：“2024 年度收、支总计均为 10,261.39 万元” 改为 “2024 年度收入支出总计 0 万元”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-001.snap`，`cargo test NAR_001` 只运行本条。

use rust_decimal::Decimal;

use crate::model::{Document, Row, Table, TableKind};
use crate::narrative::{self, Claim, ClaimKind, Paragraph, Topic};
use crate::rounding::{Interval, Verdict};
use crate::rules::identity::{at, CellRef, Located};
use crate::rules::percent::{narrative_values, show};
use crate::rules::support::claims::{claim_interval, claim_point};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::final_cells::{caption_col, cell, grid_table, line, norm, read_table, sangong_cell, sangong_item, total};
use crate::rules::support::kinds::FINAL;
use crate::rules::support::text::CharFinder;
use crate::rules::support::text::Holds;
use crate::rules::{Family, Finding, Fixture, Rule, Severity, Sink};

/// Amounts stated in the narrative equal the table cells they name.
pub const RULE: Rule = Rule {
    id: "NAR-001",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明中的金额与公开表一致",
    why: "情况说明用文字复述表中的主要数字：收支总计、各项收入、基本支出和项目支出、各类支出、“三公”经费等。文字和表格说的是同一笔钱，数字必须一致；不一致时，读者无从判断哪个是真的。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("收入合计 10,116.83 万元", "收入合计 10,126.83 万元")]),
        // One unit of the last digit: the sentence and 01's cell print one
        // quantity at one precision, so 10,116.84 cannot be 10,116.83 rounded.
        Fixture::fires(Y, &[("收入合计 10,116.83 万元", "收入合计 10,116.84 万元")]),
        // 02's 合计 row prints 财政拨款收入 as one cell (01 only has its parts).
        Fixture::fires(Y, &[("财政拨款收入 10,095.35 万元", "财政拨款收入 10,095.36 万元")]),
        Fixture::fires(Q, &[("因公出国（境）费全年预算为87.6万元", "因公出国（境）费全年预算为97.6万元")]),
        // 02-caizhengju L341 (planted): "收入支出总计 0 万元" against the 01 table total.
        Fixture::fires(Y, &[("2024 年度收、支总计均为 10,261.39 万元", "2024 年度收入支出总计 0 万元")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    if n.sections.is_empty() {
        sink.skip("没有找到情况说明（第三部分）".to_string());
        return;
    }
    for s in n.sections_about(Topic::Sangong) {
        reception_parts(doc, s, sink);
    }
    // The tables a section's amounts are held against, missing or unread:
    // their amounts are not checked, and coverage says so (table, first line).
    let mut unchecked: Vec<(TableKind, usize)> = Vec::new();
    let totals06 = Totals06::default();
    for s in &n.sections {
        for (k, p) in s.paragraphs.iter().enumerate() {
            let prev = k.checked_sub(1).and_then(|j| s.paragraphs.get(j));
            let mut sangong = None;
            for c in p.claims.iter().filter(|c| c.is_money_amount() && c.kind == ClaimKind::Amount) {
                let Some(fig) = reference(doc, s.topic, p, prev, c, &mut sangong, &totals06).and_then(|f| f.in_wan(doc)) else {
                    if let Some(kind) = table_of(s.topic).filter(|k| !readable(doc, *k)) {
                        if !unchecked.iter().any(|u| u.0 == kind) {
                            unchecked.push((kind, c.source_line));
                        }
                    }
                    continue;
                };
                let Some(said) = claim_interval(c) else { continue };
                // One cell is the same quantity printed twice: the digits must
                // agree (rounding::same_quantity). A sum of cells is derived:
                // it may differ within the intervals (尾数误差).
                let agrees = match (fig.single(), claim_point(c)) {
                    (Some(cell), Some(said)) => crate::rounding::same_quantity(said, cell) != Verdict::Mismatch,
                    _ => said.gap(fig.interval()).is_zero(),
                };
                if agrees {
                    continue;
                }
                let actual = c.wan().unwrap_or_default();
                let Some((point, diff)) = fig.point().and_then(|p| Some((p, actual.checked_sub(p)?))) else {
                    sink.skip(format!("情况说明{}与{}：{}", place(c), fig.what.named(c), crate::checked::TOO_LARGE));
                    continue;
                };
                let message = format!(
                    "情况说明{}写为 {} 万元，但{}为 {} 万元，相差 {}。文字与表格不一致。",
                    place(c),
                    show(actual),
                    fig.what.named(c),
                    show(point),
                    show(diff)
                );
                let related = fig.cells.iter().filter_map(|l| l.cell()).collect();
                let f = located_finding(sink, c, message, point, actual, related);
                sink.push(f);
            }
        }
    }
    for (kind, line) in unchecked {
        let what = doc.found(kind).map_or_else(|| "缺失".to_string(), |t| format!("《{}》未能读出", t.title));
        sink.skip(format!("公开{}表{what}，情况说明中与它对应的金额（如第{line}行）未与表格核对", kind.number()));
    }
}

/// The table a section's amounts are mostly held against.
fn table_of(topic: Topic) -> Option<TableKind> {
    match topic {
        Topic::Overall | Topic::Income => Some(TableKind::F01),
        Topic::FiscalOverall => Some(TableKind::F04),
        Topic::Expenditure => Some(TableKind::F03),
        Topic::GeneralBudget | Topic::Basic => Some(TableKind::F05),
        Topic::Sangong => Some(TableKind::F09),
        _ => None,
    }
}

/// A table of `kind` was read, in Shandong's layout or by its headings.
fn readable(doc: &Document, kind: TableKind) -> bool {
    read_table(doc, kind).is_ok()
}

/// 国内接待费 + 国（境）外接待费 = 公务接待费 决算 (09).
fn reception_parts(doc: &Document, s: &narrative::Section, sink: &mut Sink) {
    let amounts: Vec<&Claim> = s.claims().map(|(_, c)| c).filter(|c| c.is_money_amount() && c.kind == ClaimKind::Amount).collect();
    let Some(domestic) = amounts.iter().find(|c| c.subject.holds("国内接待")) else { return };
    let foreign = amounts.iter().find(|c| c.subject.holds("外接待") || c.subject.holds("外事接待"));
    let Some(mut cell) = cell(doc, TableKind::F09, |r: &Row| r.label == "决算数", 5) else { return };
    let Some(v) = in_wan(doc, &cell) else { return };
    cell.value = v;
    let (Some(d), Some(div)) = (domestic.wan(), claim_interval(domestic)) else { return };
    let (f, fiv) = match foreign {
        Some(c) => (c.wan().unwrap_or_default(), claim_interval(c).unwrap_or(Interval::of(None))),
        None => (Decimal::ZERO, Interval::of(None)),
    };
    // With no 国（境）外 part the domestic amount is the cell itself, printed
    // twice: the digits must agree. Two parts add up to a derived value.
    let agrees = match (foreign, claim_point(domestic)) {
        (None, Some(said)) => {
            crate::rounding::same_quantity(said, cell.value.map_or((Decimal::ZERO, Decimal::ZERO), crate::rounding::printed))
                != Verdict::Mismatch
        }
        _ => div.add(fiv).gap(Interval::of(cell.value)).is_zero(),
    };
    if agrees {
        return;
    }
    let Some(sum) = d.checked_add(f) else { return };
    let table = cell.value.unwrap_or_default();
    let message = format!(
        "情况说明第{}行国内公务接待费 {} 万元与国（境）外接待费 {} 万元之和为 {} 万元，但公开09表公务接待费决算数为 {} 万元。",
        domestic.source_line,
        show(d),
        show(f),
        show(sum),
        show(table)
    );
    let related = cell.cell().into_iter().collect();
    let finding = located_finding(sink, domestic, message, table, sum, related);
    sink.push(finding);
}

/// A table figure a claim refers to: one or more cells added up.
struct Figure<'a> {
    cells: Vec<Located<'a>>,
    what: What,
}

/// What a [`Figure`] is, named in a finding only: most amounts agree, and
/// the names that quote the subject were formatted for every amount.
#[derive(Clone, Copy)]
enum What {
    /// A name of its own ("公开01表收入总计").
    Fixed(&'static str),
    /// The table's words and the claim's subject ([`norm`]) quoted:
    /// "公开01表“收入合计”".
    Quoted(&'static str),
    /// 06's total row of the subject: "公开06表人员经费合计".
    Total06,
}

impl What {
    /// The name, for the claim `c` the figure was found for.
    fn named(self, c: &Claim) -> String {
        match self {
            What::Fixed(w) => w.to_string(),
            What::Quoted(head) => format!("{head}“{}”", norm(&c.subject)),
            What::Total06 => format!("公开06表{}合计", norm(&c.subject)),
        }
    }
}

impl Figure<'_> {
    /// The figure with its cells' values in 万元, as the narrative states
    /// them: a table printed in 元 is moved four places, exactly (its
    /// rounding moves with it). None on overflow.
    fn in_wan(mut self, doc: &Document) -> Option<Self> {
        for c in &mut self.cells {
            c.value = in_wan(doc, c)?;
        }
        Some(self)
    }

    fn interval(&self) -> Interval {
        self.cells.iter().fold(Interval::of(None), |a, c| a.add(Interval::of(c.value)))
    }

    fn point(&self) -> Option<Decimal> {
        crate::checked::sum(self.cells.iter().filter_map(|c| c.value))
    }

    /// The one printed cell this figure is (blanks beside it are exact
    /// zeros), as (value, half a unit): None when it adds up two or more
    /// printed cells, a derived value judged by intervals.
    fn single(&self) -> Option<(Decimal, Decimal)> {
        let mut printed = self.cells.iter().filter_map(|c| c.value);
        match (printed.next(), printed.next()) {
            (Some(v), None) => Some(crate::rounding::printed(v)),
            (None, _) => Some((Decimal::ZERO, Decimal::ZERO)),
            _ => None,
        }
    }
}

/// A located cell's value in 万元 (its table's unit, else the document's);
/// None on overflow, Some(None) for a blank.
fn in_wan(doc: &Document, c: &Located<'_>) -> Option<Option<Decimal>> {
    let Some(at) = &c.at else { return Some(c.value) };
    let (u, _) = crate::rules::support::budget_narrative::unit_in_wan(at.table, doc);
    match c.value {
        Some(v) => v.checked_mul(u).map(Some),
        None => Some(None),
    }
}

fn figure<'a>(cells: Option<Vec<Located<'a>>>, what: What) -> Option<Figure<'a>> {
    cells.map(|cells| Figure { cells, what })
}

/// What a money amount claim refers to, given its section and the 三公 item
/// the sentence is about.
/// 公开06表's rows "人员经费合计" and "公用经费合计", each looked up once a
/// check: a narrative naming them in thousands of paragraphs (a fuzzed
/// document) does not scan the table once per claim (issue 13).
#[derive(Default)]
struct Totals06<'a>([std::cell::OnceCell<Option<Located<'a>>>; 2]);

fn reference<'a>(
    doc: &'a Document,
    topic: Topic,
    p: &Paragraph,
    prev: Option<&Paragraph>,
    c: &Claim,
    sangong: &mut Option<usize>,
    totals06: &Totals06<'a>,
) -> Option<Figure<'a>> {
    let s = norm(&c.subject);
    let s = &*s;
    let f01 = |n: u32| cell(doc, TableKind::F01, line(n), 0);
    match topic {
        // "收、支总计", "收支总计", "收入支出总计" (the Shanghai wording).
        Topic::Overall if s.holds("收、支总计") || s.holds("收支总计") || s.holds("收入支出总计") => {
            let by_label = || cell(doc, TableKind::F01, |r: &Row| r.label == "收入总计" || r.label == "总计", 0);
            let grid = || grid_total(doc, TableKind::F01);
            figure(f01(31).or_else(by_label).or_else(grid).map(|c| vec![c]), What::Fixed("公开01表收入总计"))
        }
        Topic::FiscalOverall if s.holds("收、支总计") || s.holds("收支总计") || s.holds("收入支出总计") => {
            let grid = || grid_total(doc, TableKind::F04);
            figure(cell(doc, TableKind::F04, line(32), 0).or_else(grid).map(|c| vec![c]), What::Fixed("公开04表收入总计"))
        }
        Topic::Income => {
            // 财政拨款收入 is printed once as a whole in 02's 合计 row: that cell
            // is the same quantity (compared digit for digit); 01 only has
            // its three parts, a derived sum.
            if s == "财政拨款收入" {
                let f02 = doc.table(TableKind::F02).and_then(|t| t.columns.iter().position(|h| h == "财政拨款收入"));
                let c = f02.and_then(|col| cell(doc, TableKind::F02, total, col));
                if let Some(c) = c.or_else(|| grid_cell(doc, TableKind::F02, is_total, |h| h == "财政拨款收入")) {
                    return figure(Some(vec![c]), What::Fixed("公开02表合计行的“财政拨款收入”"));
                }
            }
            // Read by its headings, 01 names its rows as the narrative does
            // ("八、其他收入", "本年收入合计"): one row, by its name.
            if let Some(t) = grid_table(doc, TableKind::F01) {
                let names: &[&str] = match s {
                    "收入合计" => &["本年收入合计"],
                    "财政拨款收入" => &["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入"],
                    _ => &[s],
                };
                let cells: Option<Vec<Located<'_>>> =
                    names.iter().map(|n| one_row(t, |r| without_ordinal(&r.label) == *n).map(|r| first_printed(t, r))).collect();
                return figure(cells, What::Quoted("公开01表"));
            }
            let n = match s {
                "收入合计" => Some(vec![27]),
                "财政拨款收入" => Some(vec![1, 2, 3]),
                "一般公共预算财政拨款收入" => Some(vec![1]),
                "政府性基金预算财政拨款收入" => Some(vec![2]),
                "国有资本经营预算财政拨款收入" => Some(vec![3]),
                "上级补助收入" => Some(vec![4]),
                "事业收入" => Some(vec![5]),
                "经营收入" => Some(vec![6]),
                "附属单位上缴收入" => Some(vec![7]),
                "其他收入" => Some(vec![8]),
                _ => None,
            }?;
            figure(n.iter().map(|n| f01(*n)).collect(), What::Quoted("公开01表"))
        }
        Topic::Expenditure => {
            if grid_table(doc, TableKind::F03).is_some() {
                let caption = if s == "支出合计" { "本年支出合计" } else { s };
                let c = grid_cell(doc, TableKind::F03, is_total, |h| h == caption || s == "支出合计" && h == "合计");
                return figure(c.map(|c| vec![c]), What::Quoted("公开03表合计行的"));
            }
            let col = match s {
                "支出合计" => 0,
                "基本支出" => 1,
                "项目支出" => 2,
                "上缴上级支出" => 3,
                "经营支出" => 4,
                "对附属单位补助支出" => 5,
                _ => return None,
            };
            figure(cell(doc, TableKind::F03, total, col).map(|c| vec![c]), What::Quoted("公开03表合计行的"))
        }
        Topic::GeneralBudget => {
            if s == "一般公共预算财政拨款支出" {
                let grid = || grid_cell(doc, TableKind::F05, is_total, |h| h == "合计" || h == "本年支出合计");
                return figure(cell(doc, TableKind::F05, total, 0).or_else(grid).map(|c| vec![c]), What::Fixed("公开05表合计"));
            }
            if s.holds("类）") || s.holds("类)") {
                return figure(class_row(doc, s).map(|c| vec![c]), What::Fixed("公开05表该类"));
            }
            if s == "支出" {
                return figure(item_row(doc, p, c.start, prev).map(|c| vec![c]), What::Fixed("公开05表该项"));
            }
            None
        }
        Topic::Basic => {
            if s.holds("基本支出") {
                let grid = || grid_cell(doc, TableKind::F05, is_total, |h| h == "基本支出");
                figure(cell(doc, TableKind::F05, total, 1).or_else(grid).map(|c| vec![c]), What::Fixed("公开05表合计行的基本支出"))
            } else if s == "人员经费" || s == "公用经费" {
                let found = *totals06.0[usize::from(s == "公用经费")].get_or_init(|| {
                    // The row "{s}合计", compared without a copy.
                    let total_row = |r: &Row| r.code.is_none() && r.label.strip_suffix("合计") == Some(s);
                    cell(doc, TableKind::F06, total_row, 0)
                });
                figure(found.map(|c| vec![c]), What::Total06)
            } else {
                None
            }
        }
        Topic::Sangong => {
            match sangong_item(s) {
                Some(Some(col)) => *sangong = Some(col),
                Some(None) => return None,
                None => {}
            }
            let col = (*sangong)?;
            // An item named without 预算 is its 决算 ("公务用车运行维护费77.45万元").
            let budget = s.holds("预算");
            let c = sangong_cell(doc, budget, col);
            figure(c.map(|c| vec![c]), What::Fixed(if budget { "公开09表预算数" } else { "公开09表决算数" }))
        }
        _ => None,
    }
}

/// The 05 row of a 类 named in the narrative ("一般公共服务（类）支出").
fn class_row<'a>(doc: &'a Document, subject: &str) -> Option<Located<'a>> {
    let i = subject.find("（类）").or_else(|| subject.find("(类)"))?;
    let name = &subject[..i];
    let t = doc.table(TableKind::F05).or_else(|| grid_table(doc, TableKind::F05))?;
    // The one such row, found without a Vec of them.
    let row =
        one_row(t, |r| r.code.as_deref().is_some_and(|c| c.len() == 3) && (r.label == name || r.label.strip_suffix("支出") == Some(name)))?;
    Some(at(t, row, 0))
}

/// The 05 项 row named by the path "X（类）Y（款）Z（项）" before `upto` in a
/// paragraph, or, where the paragraph names no 类, 款 or 项 before it, at the
/// end of the paragraph before (Shanghai prints the path as a heading line of
/// its own: "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：……"
/// and then "年初预算为……，支出决算为……").
fn item_row<'a>(doc: &'a Document, p: &Paragraph, upto: usize, prev: Option<&Paragraph>) -> Option<Located<'a>> {
    // The first `upto` chars, lent, not copied a char at a time; copied
    // only to widen an ASCII bracket (looked for by memchr, not byte by
    // byte: the text up to an amount is often a long paragraph).
    let text = p.text_to(upto);
    let norm: std::borrow::Cow<'_, str> = if memchr::memchr2(b'(', b')', text.as_bytes()).is_some() {
        text.replace('(', "（").replace(')', "）").into()
    } else {
        text.into()
    };
    // The marks looked for by finders made once, not a searcher set up for
    // each search; the last match is `rfind`'s (no mark overlaps itself).
    if ![&LEI, &KUAN, &XIANG].iter().any(|f| f.in_text(&norm).next().is_some()) {
        return prev.and_then(|q| item_row(doc, q, usize::MAX, None));
    }
    let end = XIANG.in_text(&norm).last()?;
    let before = &norm[..end];
    let k = KUAN.in_text(before).last()?;
    let item = before[k + "（款）".len()..].trim();
    let c = LEI.in_text(&before[..k]).last()?;
    let section = before[c + "（类）".len()..k].trim();
    path_row(doc, section, item)
}

/// The one 项 row of 公开05表 named `item` under the 款 named `section`.
fn path_row<'a>(doc: &'a Document, section: &str, item: &str) -> Option<Located<'a>> {
    let t = doc.table(TableKind::F05).or_else(|| grid_table(doc, TableKind::F05))?;
    // The one such row, found without a Vec of them.
    let row = one_row(t, |r| {
        let Some(code) = r.code.as_deref().filter(|c| c.len() == 7) else { return false };
        r.label == item && t.rows.iter().any(|p| p.code.as_deref() == code.get(..5) && p.label == section)
    })?;
    Some(at(t, row, 0))
}

/// The marks of a 类, 款 and 项 in a path ([`item_row`]).
static LEI: CharFinder = CharFinder::new("（类）");
static KUAN: CharFinder = CharFinder::new("（款）");
static XIANG: CharFinder = CharFinder::new("（项）");

/// The one row `pick` selects (None for none or several).
fn one_row(t: &Table, pick: impl Fn(&Row) -> bool) -> Option<&Row> {
    let mut hits = t.rows.iter().filter(|r| pick(r));
    match (hits.next(), hits.next()) {
        (Some(r), None) => Some(r),
        _ => None,
    }
}

/// A row's first printed cell (a two-sided table prints its 支出 side's rows
/// in a later column), or its first cell when it prints none.
fn first_printed<'a>(t: &'a Table, r: &'a Row) -> Located<'a> {
    at(t, r, r.cells.iter().position(|c| c.value.is_some()).unwrap_or(0))
}

/// A grid table's 总计 (or 收入总计): the first such row, the income side's
/// when the table is two-sided. Both sides print one 总计; where they differ
/// the name is ambiguous and nothing is taken.
fn grid_total(doc: &Document, kind: TableKind) -> Option<Located<'_>> {
    let t = grid_table(doc, kind)?;
    let mut totals = t.rows.iter().filter(|r| ["总计", "收入总计", "支出总计"].contains(&r.label.as_str()));
    let first = totals.next()?;
    let value = |r: &Row| r.cells.iter().find_map(|c| c.value);
    if totals.any(|r| value(r) != value(first)) {
        return None;
    }
    Some(first_printed(t, first))
}

/// The cell of grid table `kind` in the one row `pick` selects, under the one
/// column whose caption `caption` accepts.
fn grid_cell(doc: &Document, kind: TableKind, pick: impl Fn(&Row) -> bool, caption: impl Fn(&str) -> bool) -> Option<Located<'_>> {
    let t = grid_table(doc, kind)?;
    Some(at(t, one_row(t, pick)?, caption_col(t, caption)?))
}

/// The 合计 row of a table read by its headings (no code).
fn is_total(r: &Row) -> bool {
    r.code.is_none() && ["合计", "总计"].contains(&r.label.as_str())
}

/// "八、其他收入" → "其他收入".
fn without_ordinal(label: &str) -> &str {
    match label.find('、') {
        Some(i) if crate::domain::starts_with_ordinal(label) => &label[i + '、'.len_utf8()..],
        _ => label,
    }
}

fn place(c: &Claim) -> String {
    let s = c.subject.trim_end_matches('为');
    if s.is_empty() {
        format!("第{}行", c.source_line)
    } else {
        format!("第{}行“{}”", c.source_line, s)
    }
}

fn located_finding(sink: &Sink, c: &Claim, message: String, expected: Decimal, actual: Decimal, related: Vec<CellRef>) -> Finding {
    Finding { related, ..narrative_values(sink.rule, sink.severity, message, c.source_line, (Some(expected), Some(actual))) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus_edits::table_in_yuan_as;

    /// [`item_row`] as it was written: the prefix found by decoding up to
    /// `upto`, the marks by `str`'s searches (the row of the path found
    /// alike).
    fn item_row_by_definition<'a>(doc: &'a Document, p: &Paragraph, upto: usize, prev: Option<&Paragraph>) -> Option<Located<'a>> {
        let end = p.text.char_indices().nth(upto).map_or(p.text.len(), |(i, _)| i);
        let text = p.text.get(..end).unwrap_or_default();
        let norm: std::borrow::Cow<'_, str> =
            if text.bytes().any(|b| matches!(b, b'(' | b')')) { text.replace('(', "（").replace(')', "）").into() } else { text.into() };
        if !["（类）", "（款）", "（项）"].iter().any(|w| norm.contains(w)) {
            return prev.and_then(|q| item_row_by_definition(doc, q, usize::MAX, None));
        }
        let end = norm.rfind("（项）")?;
        let before = &norm[..end];
        let k = before.rfind("（款）")?;
        let item = before[k + "（款）".len()..].trim();
        let c = before[..k].rfind("（类）")?;
        let section = before[c + "（类）".len()..k].trim();
        path_row(doc, section, item)
    }

    /// [`path_row`] and [`class_row`] find the one row their tests select,
    /// as a Vec of every selected row would (none or several: None), for
    /// every 款 and 项 name pair and every 类 name of the corpus's 05 tables
    /// (names printed twice among them).
    #[test]
    fn the_one_row_is_the_only_row_selected() {
        let only = |hits: Vec<&Row>| match hits.as_slice() {
            [r] => Some(*r as *const Row),
            _ => None,
        };
        let row_of = |l: Option<Located<'_>>| l.and_then(|l| l.at).map(|a| a.row as *const Row);
        let mut found = 0;
        for name in crate::FIXTURES {
            let doc = crate::read(&crate::fixture(name));
            let Some(t) = doc.table(TableKind::F05).or_else(|| grid_table(&doc, TableKind::F05)) else { continue };
            let coded = |n: usize| t.rows.iter().filter(move |r| r.code.as_deref().is_some_and(|c| c.len() == n));
            for section in coded(5).map(|r| r.label.as_str()).chain(["", "不是款"]) {
                for item in coded(7).map(|r| r.label.as_str()).chain([""]) {
                    let want = only(
                        coded(7)
                            .filter(|r| {
                                let code = r.code.as_deref().unwrap_or_default();
                                r.label == item && t.rows.iter().any(|p| p.code.as_deref() == code.get(..5) && p.label == section)
                            })
                            .collect(),
                    );
                    assert_eq!(row_of(path_row(&doc, section, item)), want, "{section} {item}");
                    found += usize::from(want.is_some());
                }
            }
            for class in coded(3).flat_map(|r| [r.label.clone(), r.label.trim_end_matches("支出").to_string()]) {
                let want = only(coded(3).filter(|r| r.label == class || r.label.strip_suffix("支出") == Some(&class)).collect());
                assert_eq!(row_of(class_row(&doc, &format!("{class}（类）"))), want, "{class}");
            }
        }
        assert!(found > 20, "{found}");
    }

    /// The rows [`item_row`] finds are those of its definition, for every
    /// paragraph of every corpus fixture up to each of its chars, and for
    /// made-up paths (ASCII brackets, marks missing or out of order).
    #[test]
    fn item_rows_are_found_as_defined() {
        let same = |doc: &Document, p: &Paragraph, upto: usize, prev: Option<&Paragraph>| {
            let (got, want) = (item_row(doc, p, upto, prev), item_row_by_definition(doc, p, upto, prev));
            assert_eq!(got.map(|l| (l.value, l.cell())), want.map(|l| (l.value, l.cell())), "{} {upto}", p.text);
            usize::from(got.is_some())
        };
        let paths = "一、支出\n1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为1万元，支出决算为2万元。\n2、一般公共服务支出(类)政府办公厅（室）及相关机构事务(款)行政运行(项)支出3万元。\n3、（项）行政运行（款）财政事务（类）支出4万元。\n4、教育支出（类）普通教育（款）支出5万元。";
        let (mut found, mut tried) = (0, 0);
        for text in crate::FIXTURES.iter().map(|name| crate::fixture(name)).chain([paths.to_string()]) {
            let doc = crate::read(&text);
            let ps: Vec<&Paragraph> = doc.narrative.paragraphs().map(|(_, p)| p).collect();
            for (i, p) in ps.iter().enumerate() {
                let prev = i.checked_sub(1).and_then(|j| ps.get(j)).copied();
                // Every char, past the end, and the last char's place.
                for upto in (0..=p.chars().len() + 1).chain([usize::MAX]) {
                    found += same(&doc, p, upto, prev);
                    tried += 1;
                }
            }
        }
        assert!(found > 100 && tried > 10_000, "{found} {tried}");
    }

    #[test]
    fn a_table_printed_in_yuan_is_held_against_the_narrative_in_wan() {
        // 烟台大数据局's 公开03表 and 05表 reprinted in 元 (two decimals, or
        // integers): the narrative's 万元 agree with them as with the original,
        // and a narrative amount 0.01 万元 off is still found.
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/yantai-bigdata-2023-final.txt")).expect("fixture");
        let errors = |t: &str| RULE.found(t).into_iter().filter(|f| f.0 == Severity::Error).collect::<Vec<_>>();
        assert!(errors(&text).is_empty());
        for marker in ["公开 03表", "公开 05表"] {
            for decimals in [2, 0] {
                let yuan = table_in_yuan_as(&text, marker, decimals);
                assert!(errors(&yuan).is_empty(), "{marker} in 元 ({decimals}): {:#?}", errors(&yuan));
                let off = yuan.replacen("2023 年度支出合计 8,979.11 万元", "2023 年度支出合计 8,979.12 万元", 1);
                assert_eq!(errors(&off).len(), 1, "{marker} in 元 ({decimals}): {:#?}", errors(&off));
            }
        }
    }
}
