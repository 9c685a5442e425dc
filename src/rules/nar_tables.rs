//! The narrative against the tables: every amount the 情况说明 states about a
//! table figure, every share and completion rate it computes, and the items it
//! lists, are checked against the cells they name.
//!
//! Claims are tied to cells by their section (收入, 支出, 三公 …) and their
//! subject words, never by position; a claim whose subject names no known cell
//! is left alone rather than guessed at.

use rust_decimal::Decimal;

use super::identity::{at, CellRef, Located};
use super::percent::{judge_percent, narrative_finding, ratio_range, round_half_up, show, PercentVerdict};
use super::tbl01::FINAL;
use super::{Family, Finding, Fixture, Rule, Severity, Sink};
use crate::model::{Document, Row, Table, TableKind};
use crate::narrative::{self, Claim, ClaimKind, Paragraph, Topic};
use crate::rounding::{Interval, Verdict};

const Y: &str = "yantai-office-2024-final.txt";
const Q: &str = "qingdao-office-2024-final.txt";
const B: &str = "yantai-bigdata-2023-final.txt";

/// A table figure a claim refers to: one or more cells added up.
struct Figure {
    cells: Vec<Located>,
    what: String,
}

impl Figure {
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

/// A printed money claim as (value, half a unit of its last digit), in 万元.
pub(super) fn claim_point(c: &Claim) -> Option<(Decimal, Decimal)> {
    let iv = claim_interval(c)?;
    let half = iv.hi.checked_sub(iv.lo)?.checked_div(Decimal::TWO)?;
    Some((c.wan()?, half))
}

/// The interval a printed narrative amount stands for, in 万元.
/// The interval a printed money claim stands for, in 万元 (shared by the narrative rules).
pub(super) fn claim_interval(c: &Claim) -> Option<Interval> {
    let v = c.value?;
    let wan = c.wan()?;
    let factor = if v.is_zero() { Decimal::ONE } else { wan.checked_div(v)? };
    let half = crate::checked::half_unit(v.scale()).checked_mul(factor)?.abs();
    Some(Interval { lo: wan.checked_sub(half)?, hi: wan.checked_add(half)? })
}

fn row_at(t: &Table, pick: impl Fn(&Row) -> bool) -> Option<&Row> {
    let i = t.rows.iter().position(pick)?;
    (!t.unresolved.contains(&i)).then(|| &t.rows[i])
}

fn cell(doc: &Document, kind: TableKind, pick: impl Fn(&Row) -> bool, col: usize) -> Option<Located> {
    let t = doc.table(kind)?;
    Some(at(t, row_at(t, pick)?, col))
}

fn line(n: u32) -> impl Fn(&Row) -> bool {
    move |r: &Row| r.line == Some(n)
}

fn total(r: &Row) -> bool {
    r.code.is_none() && r.line.is_none() && r.label == "合计"
}

fn figure(cells: Option<Vec<Located>>, what: &str) -> Option<Figure> {
    cells.map(|cells| Figure { cells, what: what.to_string() })
}

/// "本年收入合计为" → "收入合计": the words that name a figure, without the
/// filler that varies between documents.
fn norm(subject: &str) -> String {
    let mut s = subject.trim_end_matches('为').trim_end_matches("决算").to_string();
    for p in ["本年度", "本年", "全年", "年度"] {
        if let Some(r) = s.strip_prefix(p) {
            s = r.to_string();
        }
    }
    s
}

/// The 05 row of a 类 named in the narrative ("一般公共服务（类）支出").
fn class_row(doc: &Document, subject: &str) -> Option<Located> {
    let i = subject.find("（类）").or_else(|| subject.find("(类)"))?;
    let name = &subject[..i];
    let t = doc.table(TableKind::F05)?;
    let hits: Vec<&Row> = t
        .rows
        .iter()
        .filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 3) && (r.label == name || r.label == format!("{name}支出")))
        .collect();
    match hits.as_slice() {
        [r] => Some(at(t, r, 0)),
        _ => None,
    }
}

/// The 05 项 row named by the path "X（类）Y（款）Z（项）" before `upto` in a paragraph.
fn item_row(doc: &Document, p: &Paragraph, upto: usize) -> Option<Located> {
    let text: String = p.text.chars().take(upto).collect();
    let norm = text.replace('(', "（").replace(')', "）");
    let end = norm.rfind("（项）")?;
    let before = &norm[..end];
    let k = before.rfind("（款）")?;
    let item = &before[k + "（款）".len()..];
    let c = before[..k].rfind("（类）")?;
    let section = &before[c + "（类）".len()..k];
    let t = doc.table(TableKind::F05)?;
    let hits: Vec<&Row> = t
        .rows
        .iter()
        .filter(|r| {
            let Some(code) = r.code.as_deref().filter(|c| c.len() == 7) else { return false };
            r.label == item && t.rows.iter().any(|p| p.code.as_deref() == Some(&code[..5]) && p.label == section)
        })
        .collect();
    match hits.as_slice() {
        [r] => Some(at(t, r, 0)),
        _ => None,
    }
}

/// The 三公 column a subject names (0 合计 … 5 接待), if any.
fn sangong_item(subject: &str) -> Option<Option<usize>> {
    if subject.contains("国内接待") || subject.contains("外接待") || subject.contains("外事接待") {
        return Some(None); // a part of 公务接待费: no column of its own
    }
    let col = if subject.contains("购置及运行") {
        2
    } else if subject.contains("购置费") {
        3
    } else if subject.contains("运行维护费") {
        4
    } else if subject.contains("因公出国") {
        1
    } else if subject.contains("公务接待") {
        5
    } else if subject.contains("三公") {
        0
    } else {
        return None;
    };
    Some(Some(col))
}

/// What a money amount claim refers to, given its section and the 三公 item
/// the sentence is about.
fn reference(doc: &Document, topic: Topic, p: &Paragraph, c: &Claim, sangong: &mut Option<usize>) -> Option<Figure> {
    let s = norm(&c.subject);
    let s = s.as_str();
    let f01 = |n: u32| cell(doc, TableKind::F01, line(n), 0);
    match topic {
        // "收、支总计", "收支总计", "收入支出总计" (the Shanghai wording).
        Topic::Overall if s.contains("收、支总计") || s.contains("收支总计") || s.contains("收入支出总计") => {
            let by_label = || cell(doc, TableKind::F01, |r: &Row| r.label == "收入总计" || r.label == "总计", 0);
            figure(f01(31).or_else(by_label).map(|c| vec![c]), "公开01表收入总计")
        }
        Topic::FiscalOverall if s.contains("收、支总计") || s.contains("收支总计") || s.contains("收入支出总计") => {
            figure(cell(doc, TableKind::F04, line(32), 0).map(|c| vec![c]), "公开04表收入总计")
        }
        Topic::Income => {
            // 财政拨款收入 is printed once as a whole in 02's 合计 row: that cell
            // is the same quantity (compared digit for digit); 01 only has
            // its three parts, a derived sum.
            if s == "财政拨款收入" {
                let f02 = doc.table(TableKind::F02).and_then(|t| t.columns.iter().position(|h| h == "财政拨款收入"));
                if let Some(c) = f02.and_then(|col| cell(doc, TableKind::F02, total, col)) {
                    return figure(Some(vec![c]), "公开02表合计行的“财政拨款收入”");
                }
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
            figure(n.iter().map(|n| f01(*n)).collect(), &format!("公开01表“{s}”"))
        }
        Topic::Expenditure => {
            let col = match s {
                "支出合计" => 0,
                "基本支出" => 1,
                "项目支出" => 2,
                "上缴上级支出" => 3,
                "经营支出" => 4,
                "对附属单位补助支出" => 5,
                _ => return None,
            };
            figure(cell(doc, TableKind::F03, total, col).map(|c| vec![c]), &format!("公开03表合计行的“{s}”"))
        }
        Topic::GeneralBudget => {
            if s == "一般公共预算财政拨款支出" {
                return figure(cell(doc, TableKind::F05, total, 0).map(|c| vec![c]), "公开05表合计");
            }
            if s.contains("类）") || s.contains("类)") {
                return figure(class_row(doc, s).map(|c| vec![c]), "公开05表该类");
            }
            if s == "支出" {
                return figure(item_row(doc, p, c.start).map(|c| vec![c]), "公开05表该项");
            }
            None
        }
        Topic::Basic => {
            if s.contains("基本支出") {
                figure(cell(doc, TableKind::F05, total, 1).map(|c| vec![c]), "公开05表合计行的基本支出")
            } else if s == "人员经费" || s == "公用经费" {
                let label = format!("{s}合计");
                figure(
                    cell(doc, TableKind::F06, |r: &Row| r.code.is_none() && r.label == label, 0).map(|c| vec![c]),
                    &format!("公开06表{label}"),
                )
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
            let row = if s.contains("预算") { "预算数" } else { "决算数" };
            figure(cell(doc, TableKind::F09, |r: &Row| r.label == row, col).map(|c| vec![c]), &format!("公开09表{row}"))
        }
        _ => None,
    }
}

trait MoneyChange {
    fn is_money_change(&self) -> bool;
}

impl MoneyChange for Claim {
    /// A change of money ("增加354.68万元").
    fn is_money_change(&self) -> bool {
        matches!(self.kind, ClaimKind::Change(_)) && matches!(self.unit, narrative::Unit::Money(_))
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
    Finding {
        expected: Some(expected),
        actual: Some(actual),
        difference: actual.checked_sub(expected),
        related,
        ..narrative_finding(sink.rule, sink.severity, message, c.source_line)
    }
}

fn narrative(doc: &Document) -> &narrative::Narrative {
    &doc.narrative
}

/// Amounts stated in the narrative equal the table cells they name.
pub const AMOUNTS: Rule = Rule {
    id: "NAR-001",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明中的金额与公开表一致",
    why: "情况说明用文字复述表中的主要数字：收支总计、各项收入、基本支出和项目支出、各类支出、“三公”经费等。文字和表格说的是同一笔钱，数字必须一致；不一致时，读者无从判断哪个是真的。",
    applies_to: FINAL,
    needs: &[],
    check: check_amounts,
    fixtures: &[
        Fixture::fires(Y, &[("收入合计 10,116.83 万元", "收入合计 10,126.83 万元")]),
        // One unit of the last digit: the sentence and 01's cell print one
        // quantity at one precision, so 10,116.84 cannot be 10,116.83 rounded.
        Fixture::fires(Y, &[("收入合计 10,116.83 万元", "收入合计 10,116.84 万元")]),
        // 02's 合计 row prints 财政拨款收入 as one cell (01 only has its parts).
        Fixture::fires(Y, &[("财政拨款收入 10,095.35 万元", "财政拨款收入 10,095.36 万元")]),
        Fixture::fires(Q, &[("因公出国（境）费全年预算为87.6万元", "因公出国（境）费全年预算为97.6万元")]),
        // 02-caizhengju L341 (planted): "收入支出总计 0 万元" against the 01 table total.
        Fixture::fires(Y, &[("2024 年度收、支总计均为 10,261.39 万元", "2024 年度收入支出总计 0 万元")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_amounts(doc: &crate::model::Document, sink: &mut super::Sink) {
    let n = narrative(doc);
    if n.sections.is_empty() {
        sink.skip("没有找到情况说明（第三部分）".to_string());
        return;
    }
    for s in n.sections_about(Topic::Sangong) {
        reception_parts(doc, s, sink);
    }
    for s in &n.sections {
        for p in &s.paragraphs {
            let mut sangong = None;
            for c in p.claims.iter().filter(|c| c.is_money_amount() && c.kind == ClaimKind::Amount) {
                let Some(fig) = reference(doc, s.topic, p, c, &mut sangong) else { continue };
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
                    sink.skip(format!("情况说明{}与{}：{}", place(c), fig.what, crate::checked::TOO_LARGE));
                    continue;
                };
                let message = format!(
                    "情况说明{}写为 {} 万元，但{}为 {} 万元，相差 {}。文字与表格不一致。",
                    place(c),
                    show(actual),
                    fig.what,
                    show(point),
                    show(diff)
                );
                let related = fig.cells.iter().filter_map(|l| l.at.clone()).collect();
                let f = located_finding(sink, c, message, point, actual, related);
                sink.push(f);
            }
        }
    }
}

/// 国内接待费 + 国（境）外接待费 = 公务接待费 决算 (09).
fn reception_parts(doc: &Document, s: &narrative::Section, sink: &mut Sink) {
    let amounts: Vec<&Claim> = s.claims().map(|(_, c)| c).filter(|c| c.is_money_amount() && c.kind == ClaimKind::Amount).collect();
    let Some(domestic) = amounts.iter().find(|c| c.subject.contains("国内接待")) else { return };
    let foreign = amounts.iter().find(|c| c.subject.contains("外接待") || c.subject.contains("外事接待"));
    let Some(cell) = cell(doc, TableKind::F09, |r: &Row| r.label == "决算数", 5) else { return };
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
    let related = cell.at.into_iter().collect();
    let finding = located_finding(sink, domestic, message, table, sum, related);
    sink.push(finding);
}

/// The base a share "占X%" is computed over in each section.
fn share_base(doc: &Document, topic: Topic, p: &Paragraph, c: &Claim) -> Option<(Interval, Decimal, String)> {
    if let ClaimKind::Share { base: Some(b) } = &c.kind {
        if b.contains("本年支出合计") && topic == Topic::GeneralBudget {
            let v = cell(doc, TableKind::F01, line(58), 0)?;
            return Some((Interval::of(v.value), v.value.unwrap_or_default(), "公开01表本年支出合计".into()));
        }
        return None;
    }
    // Without a printed base, the share is of the total the paragraph opens with.
    let first = p.claims.iter().find(|x| x.is_money_amount() && x.kind == ClaimKind::Amount)?;
    let ok = match topic {
        Topic::Income => norm(&first.subject).contains("收入合计"),
        Topic::Expenditure => norm(&first.subject).contains("支出合计"),
        Topic::GeneralBudget => norm(&first.subject) == "一般公共预算财政拨款支出",
        _ => false,
    };
    if ok && first.start < c.start {
        return Some((
            claim_interval(first)?,
            first.wan()?,
            format!("第{}行所说的{}", first.source_line, first.subject.trim_end_matches('为')),
        ));
    }
    // No total stated before it: the table total of the section's subject.
    let (kind, pick, what): (TableKind, fn(&Row) -> bool, &str) = match topic {
        Topic::Income => (TableKind::F01, |r: &Row| r.line == Some(27), "公开01表本年收入合计"),
        Topic::Expenditure => (TableKind::F03, total, "公开03表合计"),
        Topic::GeneralBudget => (TableKind::F05, total, "公开05表合计"),
        _ => return None,
    };
    let v = cell(doc, kind, pick, 0)?;
    Some((Interval::of(v.value), v.value?, what.to_string()))
}

/// True when the shares "占X%" of a paragraph add up to exactly 100.
fn shares_make_100(p: &Paragraph) -> bool {
    let shares: Vec<Decimal> = p.claims.iter().filter(|c| matches!(c.kind, ClaimKind::Share { .. })).filter_map(|c| c.value).collect();
    shares.len() >= 2 && crate::checked::sum(shares.iter().copied()) == Some(Decimal::ONE_HUNDRED)
}

/// Shares "占X%" equal the amounts they are computed from.
pub const SHARES: Rule = Rule {
    id: "NAR-002",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明中的占比与金额相符",
    why: "“财政拨款收入占99.79%”“基本支出占49.16%”这类占比，应当等于这一项金额除以总额。占比算错，会让人误解收支结构。按公布的两位小数四舍五入比较，只差尾数的算作提示。",
    applies_to: FINAL,
    needs: &[],
    check: check_shares,
    fixtures: &[
        Fixture::fires(Y, &[("占 99.79%", "占 98.79%")]),
        // No total before the share: the base is the section's table total (公开05表合计 10,041.99).
        Fixture::fires(Y, &[("2024 年度一般公共预算财政拨款支出 10,041.99 万元，主要用于以下方面：一般公共服务(类)支出 8,602.95 万元，占 85.66%", "主要用于以下方面：一般公共服务(类)支出 8,602.95 万元，占 95.66%")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_shares(doc: &crate::model::Document, sink: &mut super::Sink) {
    let n = narrative(doc);
    for s in &n.sections {
        for p in &s.paragraphs {
            for (k, c) in p.claims.iter().enumerate() {
                if !matches!(c.kind, ClaimKind::Share { .. }) {
                    continue;
                }
                let Some(printed) = c.value else { continue };
                // The amount the share belongs to: the money amount just before it.
                let Some(part) = p.claims[..k].iter().rev().find(|x| x.is_money_amount()) else { continue };
                let Some((base_iv, base, base_name)) = share_base(doc, s.topic, p, c) else { continue };
                let (Some(part_iv), Some(part_v)) = (claim_interval(part), part.wan()) else { continue };
                let Some((lo, hi)) = ratio_range(part_iv, base_iv) else { continue };
                if base.is_zero() {
                    continue;
                }
                let Some(point) = part_v.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(base)) else { continue };
                let expected = round_half_up(point, printed.scale());
                let last_place = crate::checked::unit(printed.scale()).unwrap_or_default();
                let (severity, tail) = match judge_percent(printed, point, lo, hi) {
                    PercentVerdict::Exact => continue,
                    PercentVerdict::Rounding => (Severity::Info, "差在四舍五入的尾数范围内（尾数误差）。"),
                    PercentVerdict::Truncated => (Severity::Info, "是截尾（舍去）而非四舍五入，不是矛盾。"),
                    // A share nudged by one unit so that the printed shares add
                    // up to exactly 100%: only when they do.
                    PercentVerdict::Mismatch
                        if printed.checked_sub(expected).is_some_and(|d| d.abs() <= last_place) && shares_make_100(p) =>
                    {
                        (Severity::Info, "只差最后一位，且文中各项占比合计恰为100%，是为凑足100%而作的尾数调整。")
                    }
                    PercentVerdict::Mismatch => (Severity::Error, "超出了四舍五入可能造成的误差。"),
                };
                let message = format!(
                    "情况说明第{}行写“{}”占 {}%，但 {} ÷ {}（{}）= {}%，{}",
                    c.source_line,
                    part.subject.trim_end_matches('为'),
                    printed,
                    show(part_v),
                    show(base),
                    base_name,
                    expected,
                    tail
                );
                sink.push(Finding {
                    severity,
                    expected: Some(expected),
                    actual: Some(printed),
                    difference: printed.checked_sub(expected),
                    ..narrative_finding("NAR-002", severity, message, c.source_line)
                });
            }
        }
    }
}

/// "完成年初预算的X%" = 决算 / 年初预算; "年初无预算" ⇔ 年初预算 0.
pub const COMPLETION: Rule = Rule {
    id: "NAR-003",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明中的预算完成率与金额相符",
    why: "“年初预算为A万元，支出决算为B万元，完成年初预算的X%”中，X应当等于B÷A。年初预算为0时只能说“年初无预算”，不能给出完成率；写了“年初无预算”却又列出预算金额，也是矛盾。",
    applies_to: FINAL,
    needs: &[],
    check: check_completion,
    fixtures: &[
        Fixture::fires(Y, &[("完成年初预算的 113.59%", "完成年初预算的 123.59%")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

/// "“三公”经费…完成全年预算的X%" with no amounts in the sentence: X against
/// 公开09表's 决算数 ÷ 预算数 of the item the sentence names.
pub const SANGONG_COMPLETION: Rule = Rule {
    id: "NAR-019",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：“三公”经费预算完成率与公开09表相符",
    why: "“三公”经费的说明常只写“完成全年预算的X%”而不列金额。公开09表印有每项“三公”经费的预算数和决算数，X应当等于决算数÷预算数；对不上，说明文字或表格有一处写错。",
    applies_to: FINAL,
    needs: &[TableKind::F09],
    check: |doc, sink| {
        let n = narrative(doc);
        for s in n.sections_about(Topic::Sangong) {
            for p in &s.paragraphs {
                let chars: Vec<char> = p.text.chars().collect();
                for c in p.claims.iter().filter(|c| c.kind == ClaimKind::Completion) {
                    let Some(printed) = c.value else { continue };
                    let (ss, _) = narrative::claim::sentence_bounds(&chars, c.start);
                    // With the amounts in the sentence NAR-003 checks it from the text.
                    if p.claims.iter().any(|x| x.start >= ss && x.start < c.start && x.is_money_amount()) {
                        continue;
                    }
                    let sentence: String = chars[ss..c.start].iter().collect();
                    let Some(Some(col)) = sangong_item(&sentence) else { continue };
                    let budget = cell(doc, TableKind::F09, |r: &Row| r.label == "预算数", col);
                    let actual = cell(doc, TableKind::F09, |r: &Row| r.label == "决算数", col);
                    let (Some(b), Some(a)) = (budget, actual) else { continue };
                    let (Some(bv), Some(av)) = (b.value, a.value) else { continue };
                    if bv.is_zero() {
                        continue; // PLA-002's: a rate of a zero budget
                    }
                    let Some((lo, hi)) = ratio_range(Interval::of(a.value), Interval::of(b.value)) else { continue };
                    let Some(point) = av.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(bv)) else { continue };
                    let expected = round_half_up(point, printed.scale());
                    let (severity, tail) = match judge_percent(printed, point, lo, hi) {
                        PercentVerdict::Exact => continue,
                        PercentVerdict::Rounding => (Severity::Info, "差在四舍五入的尾数范围内（尾数误差）。"),
                        PercentVerdict::Truncated => (Severity::Info, "是截尾（舍去）而非四舍五入，不是矛盾。"),
                        PercentVerdict::Mismatch => (Severity::Error, "与表格不符。"),
                    };
                    let message = format!("情况说明第{}行写完成预算的 {}%，公开09表该项决算数 {} ÷ 预算数 {} = {}%，{}", c.source_line, c.printed, show(av), show(bv), expected, tail);
                    let related = [b.at, a.at].into_iter().flatten().collect();
                    sink.push(Finding {
                        expected: Some(expected),
                        actual: Some(printed),
                        difference: printed.checked_sub(expected),
                        related,
                        ..narrative_finding("NAR-019", severity, message, c.source_line)
                    });
                }
            }
        }
    },
    fixtures: &[
        Fixture::fires(Y, &[("支出全年预算为 417.53 万元，支出决算为 417.53 万元，与 2024 年全年预算基本持平。完成全年预算的 100%。", "支出完成全年预算的 95%。")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_completion(doc: &crate::model::Document, sink: &mut super::Sink) {
    let n = narrative(doc);
    for p in n.sections.iter().flat_map(|s| s.paragraphs.iter()) {
        // The last budget amount before each claim, and the last 决算 amount
        // after that budget, kept as the claims go by (one pass: a long
        // paragraph must not be scanned back from every claim).
        let (mut budget, mut actual): (Option<&Claim>, Option<&Claim>) = (None, None);
        for c in &p.claims {
            let (this_budget, this_actual) = (budget, actual);
            if c.is_money_amount() && c.subject.contains("预算") {
                (budget, actual) = (Some(c), None);
            } else if c.is_money_amount() && c.subject.contains("决算") && budget.is_some() {
                actual = Some(c);
            }
            let (budget, actual) = (this_budget, this_actual);
            match c.kind {
                ClaimKind::Completion => {
                    let Some(budget) = budget else { continue };
                    let Some(actual) = actual else { continue };
                    let (Some(printed), Some(b), Some(a)) = (c.value, budget.wan(), actual.wan()) else { continue };
                    if b.is_zero() {
                        let message =
                            format!("情况说明第{}行年初预算为0，却写“完成预算的{}%”；预算为0时应写“年初无预算”。", c.source_line, printed);
                        sink.push(narrative_finding("NAR-003", Severity::Error, message, c.source_line));
                        continue;
                    }
                    let (Some(biv), Some(aiv)) = (claim_interval(budget), claim_interval(actual)) else { continue };
                    let Some((lo, hi)) = ratio_range(aiv, biv) else { continue };
                    let Some(point) = a.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(b)) else { continue };
                    let expected = round_half_up(point, printed.scale());
                    let (severity, tail) = match judge_percent(printed, point, lo, hi) {
                        PercentVerdict::Exact => continue,
                        PercentVerdict::Rounding => (Severity::Info, "差在四舍五入的尾数范围内（尾数误差）。"),
                        PercentVerdict::Truncated => (Severity::Info, "是截尾（舍去）而非四舍五入，不是矛盾。"),
                        PercentVerdict::Mismatch => (Severity::Error, "与金额不符。"),
                    };
                    let message = format!(
                        "情况说明第{}行写完成预算的 {}%，但决算 {} ÷ 预算 {} = {}%，{}",
                        c.source_line,
                        printed,
                        show(a),
                        show(b),
                        expected,
                        tail
                    );
                    sink.push(Finding {
                        expected: Some(expected),
                        actual: Some(printed),
                        difference: printed.checked_sub(expected),
                        ..narrative_finding("NAR-003", severity, message, c.source_line)
                    });
                }
                ClaimKind::NoBudget => {
                    if let Some(b) = budget.filter(|b| b.wan().is_some_and(|v| !v.is_zero())) {
                        let message = format!(
                            "情况说明第{}行写“年初无预算”，但前面说年初预算为 {} 万元，自相矛盾。",
                            c.source_line,
                            show(b.wan().unwrap_or_default())
                        );
                        sink.push(narrative_finding("NAR-003", Severity::Error, message, c.source_line));
                    }
                }
                _ => {}
            }
        }
    }
}

/// A stated change explained part by part: the parts add up to the change.
pub const DECOMPOSITION: Rule = Rule {
    id: "NAR-009",
    family: Family::Nar,
    severity: Severity::Error,
    title: "变化原因中列出的各项增减之和等于总的增减额",
    why: "情况说明常写“减少1,594.06万元，主要原因是：甲增加354.68万元，乙减少1,244万元，其他支出减少704.74万元”。列出的各项增减加起来应当等于总的增减额；列出了“其他……等”兜底项而仍对不上，说明其中有数字写错。只列主要原因、没有兜底项时，对不上只作提醒。",
    applies_to: FINAL,
    needs: &[],
    check: check_decomposition,
    fixtures: &[
        Fixture::fires(Q, &[("专项业务费增加了354.68万元", "专项业务费增加了364.68万元")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_decomposition(doc: &crate::model::Document, sink: &mut super::Sink) {
    let n = narrative(doc);
    for p in n.sections.iter().flat_map(|s| s.paragraphs.iter()) {
        // The headline: a change of money followed by its rate.
        let Some(k) = p.claims.windows(2).position(|w| {
            matches!(w[0].kind, ClaimKind::Change(_)) && w[0].is_money_change() && matches!(w[1].kind, ClaimKind::ChangePercent(_))
        }) else {
            continue;
        };
        let head = &p.claims[k];
        // Char offset of "原因" after the rate.
        let after: Vec<char> = p.text.chars().skip(p.claims[k + 1].end).collect();
        let Some(reason_at) = after.windows(2).position(|w| w == ['原', '因']).map(|i| p.claims[k + 1].end + i) else { continue };
        // The parts: the money changes after "原因", up to the next headline rate.
        let parts: Vec<&Claim> = p.claims[k + 2..]
            .iter()
            .filter(|c| c.start > reason_at)
            .take_while(|c| !matches!(c.kind, ClaimKind::ChangePercent(_)))
            .filter(|c| c.is_money_change())
            .collect();
        if parts.len() < 2 {
            continue;
        }
        let signed = |c: &Claim| -> Option<(i8, Option<Decimal>)> {
            let sign = match c.kind {
                ClaimKind::Change(narrative::Direction::Up) => 1,
                ClaimKind::Change(narrative::Direction::Down) => -1,
                _ => return None,
            };
            Some((sign, c.wan()))
        };
        let Some((hs, hv)) = signed(head) else { continue };
        let terms: Option<Vec<(i8, Option<Decimal>)>> = parts.iter().map(|c| signed(c).map(|(s, v)| (s * hs, v))).collect();
        let Some(terms) = terms else { continue };
        let (verdict, expected) = crate::rounding::compare(hv, &terms);
        if verdict != Verdict::Mismatch {
            continue;
        }
        let complete = parts.iter().any(|c| c.subject.contains("其他") || c.subject.ends_with('等'));
        let severity = if complete { Severity::Error } else { Severity::Warning };
        let listed: Vec<String> =
            parts.iter().map(|c| format!("{}{}", c.subject.trim_end_matches(['了', '为']), show(c.wan().unwrap_or_default()))).collect();
        let message = format!(
            "情况说明第{}行说总额变化 {} 万元，其后列出的原因（{}）合计为 {} 万元，两者不符。",
            head.source_line,
            show(hv.unwrap_or_default()),
            listed.join("；"),
            show(expected.abs())
        );
        sink.push(Finding {
            expected: Some(expected.abs()),
            actual: hv,
            difference: hv.and_then(|v| v.checked_sub(expected.abs())),
            ..narrative_finding("NAR-009", severity, message, head.source_line)
        });
    }
}
