//! NAR-105 预算情况说明中的金额与公开表中同名的数一致
//!
//! ## 它检查什么
//!
//! A budget's 情况说明 states its general amounts (收支总计, 基本支出, 项目支出,
//! a 类's total …) in words; the budget tables print the same amounts under the
//! same names. NAR-105 holds each such amount against the cells whose name the
//! sentence carries, digit for digit (one quantity printed twice,
//! [`crate::rounding::same_quantity`]).
//!
//! It stays silent unless the match is unambiguous: every cell the subject
//! names prints one and the same value (and no table that could name it was
//! found but left unread), and the words the subject adds to
//! the name do not narrow it ("一般公共预算财政拨款基本支出" is a part of the
//! table's "基本支出", not the same quantity). 三公, 政府采购, 机关运行经费
//! and 类款项 paths have their own rules (NAR-101, NAR-103, NAR-104, NAR-020).
//!
//! A total the sentence names by its scope ("收入、支出预算总计", "财政拨款
//! 收、支总预算", "一般公共预算财政拨款基本支出") is held against the total of
//! the table with that scope ([`total_cells`], indexed once per document).
//!
//! ## 为什么重要
//!
//! 预算说明会用文字复述表中的数：收入、支出预算总计，基本支出、项目支出，某一类支出（如“公共安全支出”）各多少。文字和表格说的是同一个数，按同样的位数四舍五入后必须一字不差；差一个尾数也不是“尾数误差”，而是两处至少有一处写错。只有表中同名的格子都印着同一个数、文字又没有加上“一般公共预算”“财政拨款”之类缩小范围的词时才核对。说的是总数时（“收入、支出预算总计”“本年支出预算合计”“财政拨款收、支总预算”“一般公共预算财政拨款基本支出”），与范围相同的表的合计核对：财政拨款的数对财政拨款收支总表或财政拨款支出表，一般公共预算的数对一般公共预算支出表或一般公共预算基本支出表；财政拨款收支总表中政府性基金、国有资本经营预算都为零时，财政拨款的数就是一般公共预算的数。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“一般公共预算收入8,666.60万元” 改为 “一般公共预算收入8,666.61万元”
//! - `qingdao-office-2023-budget.txt`：“本支出8,723.41万元、项目支出8,609.21万元” 改为 “本支出8,723.41万元、项目支出8,609.22万元”
//! - `qingdao-office-2023-budget.txt`：“通过财政拨款安排的基本支出8,723.41万元” 改为 “通过财政拨款安排的基本支出8,723.42万元”
//! - `yantai-office-2023-budget.txt`：“3.收支预算增加的主要原因，项目经费增加。” 改为 “3.收支预算增加的主要原因，项目经费增加。本部门2023年度收入、支出预算总计8,666.6…”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`：“3.收支预算增加的主要原因，项目经费增加。” 改为 “3.收支预算增加的主要原因，项目经费增加。本部门2023年度收入、支出预算总计8,666.6…”
//! - `yantai-office-2023-budget.txt`：“3.收支预算增加的主要原因，项目经费增加。” 改为 “3.收支预算增加的主要原因，项目经费增加。其他资金收入预算总计0万元。”
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-105.snap`，`cargo test NAR_105` 只运行本条。

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::model::{Document, Table, TableKind};
use crate::narrative::{ClaimKind, Topic};
use crate::rounding::Verdict;
use crate::rules::identity::{describe, CellRef};
use crate::rules::percent::{narrative_values, show};
use crate::rules::support::budget::{settled, table_name};
use crate::rules::support::budget_narrative::unit_in_wan;
use crate::rules::support::claims::claim_point;
use crate::rules::support::corpus::{fixtures, QB, YB, YB_ANCHOR};
use crate::rules::support::kinds::BUDGET;
use crate::rules::support::text::Holds;
use crate::rules::{Expect, Family, Fixture, Rule, Severity, Sink};
use crate::text::search;

/// The rule.
pub const RULE: Rule = Rule {
    id: "NAR-105",
    family: Family::Nar,
    severity: Severity::Error,
    title: "预算情况说明中的金额与公开表中同名的数一致",
    why: "预算说明会用文字复述表中的数：收入、支出预算总计，基本支出、项目支出，某一类支出（如“公共安全支出”）各多少。文字和表格说的是同一个数，按同样的位数四舍五入后必须一字不差；差一个尾数也不是“尾数误差”，而是两处至少有一处写错。只有表中同名的格子都印着同一个数、文字又没有加上“一般公共预算”“财政拨款”之类缩小范围的词时才核对。说的是总数时（“收入、支出预算总计”“本年支出预算合计”“财政拨款收、支总预算”“一般公共预算财政拨款基本支出”），与范围相同的表的合计核对：财政拨款的数对财政拨款收支总表或财政拨款支出表，一般公共预算的数对一般公共预算支出表或一般公共预算基本支出表；财政拨款收支总表中政府性基金、国有资本经营预算都为零时，财政拨款的数就是一般公共预算的数。",
    applies_to: BUDGET,
    needs: &[],
    check,
    fixtures: fixtures![
        // 收支总表 prints 一般公共预算收入 8,666.60; 支出总表's 合计 row 项目支出 8,609.21.
        Fixture::fires(YB, &[("一般公共预算收入8,666.60万元", "一般公共预算收入8,666.61万元")]),
        Fixture::fires(QB, &[("本支出8,723.41万元、项目支出8,609.21万元", "本支出8,723.41万元、项目支出8,609.22万元")]),
        // A narrowed total: 一般公共预算财政拨款支出表's 合计 row, 基本支出 column
        // (政府性基金 and 国有资本经营 print 0.00: 财政拨款 is 一般公共预算).
        Fixture::fires(QB, &[("通过财政拨款安排的基本支出8,723.41万元", "通过财政拨款安排的基本支出8,723.42万元")]),
        // Totals by their 收支总表 names.
        Fixture::fires(YB, &[(YB_ANCHOR, "3.收支预算增加的主要原因，项目经费增加。本部门2023年度收入、支出预算总计8,666.61万元。")]),
        Fixture { document: YB, edits: &[(YB_ANCHOR, "3.收支预算增加的主要原因，项目经费增加。本部门2023年度收入、支出预算总计8,666.60万元。")], expect: Expect::Quiet },
        // Another quantity's total ("其他资金收入"), not the 收入总计.
        Fixture { document: YB, edits: &[(YB_ANCHOR, "3.收支预算增加的主要原因，项目经费增加。其他资金收入预算总计0万元。")], expect: Expect::Quiet };
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    // A table that prints amounts by name, found but not read, may name the
    // subject with another value (the 收支总表's "公共安全支出" for all funds
    // beside the 财政拨款支出表's): no name is then known to be unambiguous.
    if let Some(t) = doc.tables.iter().find(|t| TABLES.contains(&t.kind) && t.grid.as_deref().is_some_and(|g| !g.read)) {
        sink.skip(format!("{}找到但未能读出，情况说明中的金额未与预算表核对", t.title));
        return;
    }
    let n = &doc.narrative;
    // Each table's row and column names once: the groups and the totals
    // both read them.
    let table_names: Vec<Option<TableNames<'_>>> = doc.tables.iter().map(|t| TABLES.contains(&t.kind).then(|| TableNames::of(t))).collect();
    let groups = Groups::of(name_groups(doc, &table_names));
    let totals = total_cells(doc, &table_names);
    let general_is_fiscal = fiscal_is_general(doc);
    for s in &n.sections {
        if matches!(s.topic, Topic::Other | Topic::Performance | Topic::Preamble) {
            continue;
        }
        for p in &s.paragraphs {
            for c in p.claims.iter().filter(|c| c.kind == ClaimKind::Amount && c.is_money_amount()) {
                let subject = squeeze(&c.subject);
                // （款）, （项） and （类） start with a full-width bracket, whose
                // lead byte most subjects hold none of: one byte search, not
                // three word searches (a test says so).
                let bracketed = memchr::memchr(BRACKET_LEAD, subject.as_bytes()).is_some();
                // A 款 or 项 path is NAR-020's: its names nest ("司法（款）其他司法支出（项）").
                if bracketed && (subject.holds("（款）") || subject.holds("（项）")) {
                    continue;
                }
                // Copied only when it holds a （类） (most subjects hold none).
                let subject = match bracketed.then(|| replaced_if_any(&subject, "（类）", "")).flatten() {
                    Some(cut) => Cow::Owned(cut),
                    None => subject,
                };
                let mut cells = named_cells(&groups, &subject);
                // A section on all funds (收支, 收入, 支出预算) states a 类's
                // amount for all of them: a 财政拨款 or 一般公共预算 table's
                // figure for the 类 is a part of it, not the same quantity
                // (only the found tables of all funds can hold it).
                let all_funds = matches!(s.topic, Topic::Overall | Topic::Income | Topic::Expenditure);
                if all_funds && !cells.is_empty() && cells.iter().all(|x| scope_of(x.t) != Scope::All) {
                    continue;
                }
                if cells.is_empty() {
                    cells = totals_named(doc, &totals, general_is_fiscal, &subject);
                }
                let Some(first) = cells.first() else { continue };
                // Ambiguous names (cells printing different values) settle nothing.
                if cells.iter().any(|x| x.value != first.value) {
                    continue;
                }
                let Some(said) = claim_point(c) else { continue };
                if cells.iter().any(|x| crate::rounding::same_quantity(said, (x.value, x.half)) != Verdict::Mismatch) {
                    continue;
                }
                let r = &first.t.rows[first.row];
                let column = first.t.columns.get(first.col).cloned();
                let message = format!(
                    "情况说明第{}行写“{}”{} 万元，但{}“{}”{}为 {} {}，两者不符。",
                    c.source_line,
                    c.subject.trim_end_matches('为'),
                    show(said.0),
                    table_name(first.t),
                    if r.label.trim().is_empty() { "合计" } else { r.label.trim() },
                    column.as_deref().map(|h| format!("的“{h}”")).unwrap_or_default(),
                    show(first.printed),
                    first.unit
                );
                let mut f = narrative_values("NAR-105", Severity::Error, message, c.source_line, (Some(first.value), Some(said.0)));
                f.related = cells
                    .iter()
                    .map(|x| CellRef {
                        table: x.t.no(),
                        row: describe(&x.t.rows[x.row]),
                        column: x.t.columns.get(x.col).cloned(),
                        source_line: x.t.rows[x.row].cells.get(x.col).map_or(x.t.rows[x.row].source_line, |cell| cell.source_line),
                        place: None,
                    })
                    .collect();
                sink.push(f);
            }
        }
    }
}

/// The first byte of "（" (U+FF08), and so of （款）, （项） and （类）.
const BRACKET_LEAD: u8 = 0xEF;

/// The tables that print a budget's amounts by name. Not the economic
/// classifications (a "公务接待费" row there is the basic-expenditure part of
/// the item) nor the 三公 table (years side by side; NAR-101's).
const TABLES: [TableKind; 6] =
    [TableKind::BSummary, TableKind::BIncome, TableKind::BExpenditure, TableKind::BFiscal, TableKind::BGeneral, TableKind::BFiscalSpend];

/// Names too general to tell one quantity from another.
const GENERIC: [&str; 14] =
    ["合计", "总计", "小计", "收入", "支出", "经费", "预算数", "决算数", "金额", "本年", "上年", "项目", "科目名称", "一般公共预算"];

/// Words that, added to a name, make the subject a part of the named quantity
/// or a different one.
const NARROWING: [&str; 22] = [
    "一般公共预算",
    "财政拨款",
    "政府性基金",
    "国有资本",
    "财政专户",
    "基金",
    "事业",
    "经营",
    "上年",
    "结转",
    "结余",
    "其中",
    "人员",
    "公用",
    "项目",
    "基本",
    "三公",
    "比",
    "较",
    "增",
    "减",
    "分流",
];

fn squeeze(s: &str) -> Cow<'_, str> {
    // White space at the ends is dropped like any other (a panel path's last
    // part starts with one: " 金额"): cut first, so that the rest may be lent.
    let s = s.trim();
    // Most labels hold nothing else to cut: they are lent, not copied. Told
    // by a test of every byte without an early exit (no branch per byte),
    // [`may_cut`], the one [`next_cut`] looks for: a byte that can start no
    // cut char (an ASCII one above the space but a bracket, a lead byte but
    // C2 and E1-E3, a continuation byte) leaves it unchanged.
    if !s.bytes().fold(false, |any, b| any | may_cut(b)) {
        return Cow::Borrowed(s);
    }
    // (A 、 or a 。 shares its lead byte with U+3000: looked at before a copy.)
    let Some(first) = next_cut(s) else { return Cow::Borrowed(s) };
    // Sized up front; the runs that need no change are copied whole, not a
    // char at a time.
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut cut = Some(first);
    while let Some((i, c)) = cut {
        out.push_str(&rest[..i]);
        match c {
            '(' => out.push('（'),
            ')' => out.push('）'),
            _ => {}
        }
        rest = &rest[i + c.len_utf8()..];
        cut = next_cut(rest);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether `b` may start a char [`squeeze`] cuts (a test says every such
/// char's first byte is one): white space, an ASCII bracket. A superset of
/// [`crate::text::words::may_start_white_space`]'s bytes (a test says so),
/// by comparisons, not its table: [`squeeze`]'s test of every byte then
/// runs vectorised (by the table it measured 126K more instructions over
/// the six corpus texts).
fn may_cut(b: u8) -> bool {
    (b <= b' ') | (b == b'(') | (b == b')') | (b == 0xC2) | (0xE1..=0xE3).contains(&b)
}

/// The first char of `s` that [`squeeze`] drops or changes (white space, an
/// ASCII bracket): `s.char_indices().find(..)`, but found by its first byte.
/// Only a byte [`may_cut`] starts one: only there is a char decoded, not at
/// every CJK char.
fn next_cut(s: &str) -> Option<(usize, char)> {
    let mut from = 0;
    loop {
        let i = from + s.as_bytes().get(from..)?.iter().position(|&b| may_cut(b))?;
        let c = s.get(i..)?.chars().next()?;
        if c.is_whitespace() || matches!(c, '(' | ')') {
            return Some((i, c));
        }
        from = i + c.len_utf8();
    }
}

/// A row's or column's name as the narrative would say it: no ordinal
/// ("四、公共安全支出"), no trailing 合计, no panel path ("支出 › 金额").
fn name_of(s: &str) -> Cow<'_, str> {
    // Nearly every label is CJK words after an ordinal at most ("四、公共安全
    // 支出"): when no byte after the ordinal may start a char [`squeeze`]
    // cuts, nor the lead byte of "›" (the ordinal holds neither), the label
    // is its own squeezed last part, and its name the words without their
    // trailing 合计s. Told by one test of every byte, not a path search, a
    // squeeze and an ordinal read per label (qingdao-office-2023-budget: 147
    // labels, 780 instructions each before).
    let words = s.get(ordinal_len(s)..).unwrap_or_default();
    if !words.bytes().fold(false, |any, b| any | may_cut(b) | (b == 0xE2)) {
        return Cow::Borrowed(without_trailing_totals(words));
    }
    // Lent when squeezing changes nothing (most names): the cuts are slices.
    let name = squeeze(last_part(s));
    let (from, to) = name_span(&name);
    match name {
        Cow::Borrowed(b) => Cow::Borrowed(b.get(from..to).unwrap_or_default()),
        Cow::Owned(mut o) => {
            o.truncate(to);
            o.drain(..from);
            Cow::Owned(o)
        }
    }
}

/// Where a squeezed name is left after its ordinal and trailing 合计s.
fn name_span(name: &str) -> (usize, usize) {
    let from = ordinal_len(name);
    (from, from + without_trailing_totals(name.get(from..).unwrap_or_default()).len())
}

/// The length of the ordinal `name` starts with ("四、", "十二、"), 0 for none.
fn ordinal_len(name: &str) -> usize {
    // "四、" but not the 一 of "一般公共预算": a run of numerals from the start
    // and a 、 right after it (the first 、 of the name, as no numeral is one),
    // read from the start, not searched for.
    // Each numeral and the 、 is three bytes long (a test says so): the run is
    // told by byte triples, not by decoding chars and comparing each with ten.
    let b = name.as_bytes();
    let mut run = 0;
    while b.get(run..run + 3).is_some_and(is_numeral) {
        run += 3;
    }
    if run > 0 && b.get(run..run + 3) == Some("、".as_bytes()) {
        run + '、'.len_utf8()
    } else {
        0
    }
}

/// The numerals of an ordinal, 一 to 十 ([`is_numeral`]'s, by char).
#[cfg(test)]
const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// Whether `b` is the UTF-8 of one of `NUMERALS` (a test says so).
fn is_numeral(b: &[u8]) -> bool {
    matches!(
        b,
        [0xE4, 0xB8, 0x80 | 0x83 | 0x89]
            | [0xE4, 0xBA, 0x8C | 0x94]
            | [0xE5, 0x9B, 0x9B]
            | [0xE5, 0x85, 0xAD | 0xAB]
            | [0xE4, 0xB9, 0x9D]
            | [0xE5, 0x8D, 0x81]
    )
}

/// `name` without every trailing 合计: strip_suffix in a loop, as
/// trim_end_matches would, without setting up a substring searcher for
/// every name.
fn without_trailing_totals(mut name: &str) -> &str {
    while let Some(rest) = name.strip_suffix("合计") {
        name = rest;
    }
    name
}

/// Cuts every trailing 合计 (the test's first definition of [`name_of`]).
#[cfg(test)]
fn drop_trailing_totals(name: &mut String) {
    let kept = without_trailing_totals(name).len();
    name.truncate(kept);
}

/// What follows the last "›" of a panel path ("支出 › 金额" → " 金额"), or the
/// whole: `s.rsplit('›').next()`. By the lead byte of "›" (0xE2, which CJK
/// labels hardly hold), not by a char searcher stopping at its last byte.
fn last_part(s: &str) -> &str {
    const ARROW: &[u8] = "›".as_bytes();
    let b = s.as_bytes();
    let mut end = b.len();
    while let Some(i) = b.get(..end).and_then(|h| h.iter().rposition(|&x| x == ARROW[0])) {
        if b.get(i..i + ARROW.len()) == Some(ARROW) {
            return s.get(i + ARROW.len()..).unwrap_or(s);
        }
        end = i;
    }
    s
}

/// True when `subject` ends with `name` (after the words a budget sentence puts
/// after a name: "支出", "预算数" …) and adds nothing before it that narrows
/// it. Ends with: a name inside the subject is often its owner ("…示例市公安局
/// 2019年度收入、支出预算总计" holds the 款 name "公安"; "行政事业单位离退休（款）
/// 未归口管理的行政单位离退休（项）" the 款 before the 项).
///
/// `name` must be [`nameable`]: that half of the test depends on the name
/// alone and is asked once per document, in [`name_groups`].
///
/// The definition, kept for the test that holds [`named_cells`] (which cuts
/// each subject once per set of tails, not once per name) to it.
#[cfg(test)]
fn names(subject: &str, name: &str) -> bool {
    let mut s = subject.trim_end_matches(['为', '：', ':']);
    loop {
        let before = s;
        for tail in ["预算数", "预算", "支出", "安排"] {
            if s.ends_with(tail) && !name.ends_with(tail) {
                s = &s[..s.len() - tail.len()];
            }
        }
        if s == before {
            break;
        }
    }
    let Some(rest) = s.strip_suffix(name) else { return false };
    !NARROWING.iter().any(|w| rest.contains(w) && !name.contains(w))
}

/// The words a budget sentence puts after a name, which `names` cuts from
/// a subject unless the name itself ends with them.
const NAME_TAILS: [&str; 4] = ["预算数", "预算", "支出", "安排"];

/// Which [`NAME_TAILS`] `name` ends with, as bits: the only part of the name the
/// cutting depends on, so a subject is cut once per set of bits, not once
/// per name ([`named_cells`]).
fn tails_of(name: &str) -> u8 {
    NAME_TAILS.iter().enumerate().filter(|(_, t)| name.ends_with(*t)).fold(0, |m, (k, _)| m | (1 << k))
}

/// `s` with [`NAME_TAILS`] cut from its end, repeatedly, except those in `keep`.
fn cut_tails(mut s: &str, keep: u8) -> &str {
    loop {
        let before = s;
        for (k, tail) in NAME_TAILS.iter().enumerate() {
            if keep & (1 << k) == 0 {
                if let Some(rest) = s.strip_suffix(tail) {
                    s = rest;
                }
            }
        }
        if s == before {
            return s;
        }
    }
}

/// The cut subject `s` ends with `name` and adds nothing before it that narrows it.
fn ends_with_name(s: &str, name: &str) -> bool {
    let Some(rest) = s.strip_suffix(name) else { return false };
    // (Nothing before the name holds no word: no search of it per word.)
    rest.is_empty() || !NARROWING.iter().any(|w| rest.holds(w) && !name.holds(w))
}

/// Value columns of a row named by its label: the amount ("金额", "合计") or the first.
fn amount_column(cols: &[Cow<'_, str>], col: usize) -> bool {
    col == 0 || cols.get(col).is_some_and(|h| ["金额", "合计", "小计"].contains(&&**h) || h.is_empty())
}

/// True unless `name` is too short or too general to tell one quantity from
/// another (see [`GENERIC`]).
fn nameable(name: &str) -> bool {
    // (A second char, not a count of them all.)
    name.chars().nth(1).is_some() && !GENERIC.contains(&name)
}

/// The cells a subject may name, grouped by the name it must carry, made once
/// per document rather than once per amount the narrative states: only the
/// name test depends on the sentence.
struct NameGroup<'a> {
    /// A row's name (its amount columns) or, in a total row, a column's name.
    name: Cow<'a, str>,
    /// [`tails_of`] the name.
    tails: u8,
    /// Where its cells are in [`Groups::cells`]: one Vec for all the
    /// groups, not one per group (most groups hold a cell or two).
    cells: std::ops::Range<usize>,
}

/// Every printed, settled cell of the [`TABLES`] under the name that selects
/// it, in table, row, column order (the order the findings cite them).
/// Names `names` can never accept are left out. The groups, and their cells
/// one after another.
fn name_groups<'a>(doc: &'a Document, table_names: &[Option<TableNames<'a>>]) -> (Vec<NameGroup<'a>>, Vec<Named<'a>>) {
    // Sized once for every cell of the tables (no more groups or cells can
    // be made): a Named is large, and growing the Vec copied them.
    let bound: usize = doc
        .tables
        .iter()
        .zip(table_names)
        .filter(|(_, n)| n.is_some())
        .flat_map(|(t, _)| &t.rows)
        .fold(0, |n, r| n.saturating_add(r.cells.len()));
    let mut out = Vec::with_capacity(bound);
    let mut all: Vec<Named<'a>> = Vec::with_capacity(bound);
    // Every table of these kinds, Shandong layout or read by its headings
    // (those [`TableNames`] are made for).
    for (t, names) in doc.tables.iter().zip(table_names).filter_map(|(t, n)| Some((t, n.as_ref()?))) {
        let cols = &names.cols;
        // Which columns are amount columns, asked once per column, not per cell.
        let amount: Vec<bool> = (0..cols.len()).map(|col| amount_column(cols, col)).collect();
        let is_amount = |col: usize| amount.get(col).copied().unwrap_or(col == 0);
        let (u, unit) = unit_in_wan(t, doc);
        // A table in 万元 (most) is not multiplied into 万元: multiplying a
        // non-zero amount, or its half unit, by one (scale 0) changes nothing
        // (a test says so; a zero would lose its scale, and is multiplied).
        let in_wan = u.scale() == 0 && u == Decimal::ONE;
        let named = |i: usize, col: usize, v: Decimal| {
            let half = crate::rounding::half_ulp(v);
            let (value, half) = if in_wan && !v.is_zero() { (v, half) } else { (v.checked_mul(u)?, half.checked_mul(u)?) };
            Some(Named { printed: v, unit, value, half, t, row: i, col })
        };
        for (i, r) in t.rows.iter().enumerate() {
            if !settled(t, i) {
                continue;
            }
            let Some(label) = names.rows.get(i) else { continue };
            // `label.is_empty() || matches!(r.label.trim(), "合计" | "总计")`:
            // a label trimmed to 合计 is named "" and one trimmed to 总计 is
            // named 总计 (a test says so), so only a row named 总计 has its
            // label trimmed, not every row.
            let total_row = label.is_empty() || (&**label == "总计" && r.label.trim() == "总计");
            if total_row {
                // A total row's cells are named by their columns.
                for (col, cell) in r.cells.iter().enumerate() {
                    let (Some(v), Some(h)) = (cell.value, cols.get(col)) else { continue };
                    let Some(c) = nameable(h).then(|| named(i, col, v)).flatten() else { continue };
                    let at = all.len();
                    all.push(c);
                    out.push(NameGroup { name: h.clone(), tails: tails_of(h), cells: at..all.len() });
                }
            } else if nameable(label) {
                // Another row's amount columns are named by the row.
                let from = all.len();
                all.extend(
                    r.cells.iter().enumerate().filter(|(col, _)| is_amount(*col)).filter_map(|(col, cell)| named(i, col, cell.value?)),
                );
                if all.len() > from {
                    out.push(NameGroup { tails: tails_of(label), name: label.clone(), cells: from..all.len() });
                }
            }
        }
    }
    (out, all)
}

/// A cell the subject names: (value in 万元, half a unit in 万元, table, row, column).
#[derive(Clone, Copy)]
struct Named<'a> {
    /// As printed, in the table's unit.
    printed: Decimal,
    /// The table's unit word.
    unit: &'static str,
    value: Decimal,
    half: Decimal,
    t: &'a Table,
    row: usize,
    col: usize,
}

/// The row and column names of one table, as [`name_of`] gives them.
struct TableNames<'a> {
    /// Per row, its label's name.
    rows: Vec<Cow<'a, str>>,
    /// Per column, its caption's name.
    cols: Vec<Cow<'a, str>>,
}

impl<'a> TableNames<'a> {
    fn of(t: &'a Table) -> TableNames<'a> {
        TableNames { rows: t.rows.iter().map(|r| name_of(&r.label)).collect(), cols: t.columns.iter().map(|h| name_of(h)).collect() }
    }
}

/// The [`NameGroup`]s, indexed by what their names end with: a cut subject
/// can only end with a name that ends with its own last char, so a subject
/// is held against those groups alone, not against every group.
struct Groups<'a> {
    list: Vec<NameGroup<'a>>,
    /// The groups' cells (see [`NameGroup::cells`]).
    cells: Vec<Named<'a>>,
    /// ([`end_key`] of the name's tails and last char, index in `list`),
    /// sorted by the key alone: the groups of one key are looked at
    /// together, and their hits sorted after ([`named_groups`]).
    by_end: Vec<(u32, usize)>,
    /// The distinct tails of the names, ascending.
    tails: Vec<u8>,
}

impl<'a> Groups<'a> {
    fn of((list, cells): (Vec<NameGroup<'a>>, Vec<Named<'a>>)) -> Groups<'a> {
        let mut by_end: Vec<(u32, usize)> =
            list.iter().enumerate().filter_map(|(i, g)| Some((end_key(g.tails, g.name.chars().next_back()?), i))).collect();
        // By one integer, not a tuple compared field by field.
        by_end.sort_unstable_by_key(|e| e.0);
        let mut tails: Vec<u8> = by_end.iter().filter_map(|e| u8::try_from(e.0 >> 21).ok()).collect();
        tails.dedup();
        Groups { list, cells, by_end, tails }
    }
}

/// A name's tails and last char as one integer, ordered as the pair: a
/// char is under 2²¹.
fn end_key(tails: u8, last: char) -> u32 {
    u32::from(tails) << 21 | u32::from(last)
}

/// The cells of the groups whose name the subject `names`, in the groups'
/// order.
fn named_cells<'a>(groups: &Groups<'a>, subject: &str) -> Vec<Named<'a>> {
    let cells = |g: &NameGroup<'_>| groups.cells.get(g.cells.clone()).unwrap_or_default();
    named_groups(groups, subject).iter().filter_map(|&i| groups.list.get(i)).flat_map(|g| cells(g).iter().copied()).collect()
}

/// The indexes of the groups whose name the subject `names`, ascending.
fn named_groups(groups: &Groups<'_>, subject: &str) -> Vec<usize> {
    let trimmed = subject.trim_end_matches(['为', '：', ':']);
    let mut hits: Vec<usize> = Vec::new();
    // The subject cut once per set of tails its names end with, not per name.
    for &t in &groups.tails {
        let s = cut_tails(trimmed, t);
        let Some(last) = s.chars().next_back() else { continue };
        let key = end_key(t, last);
        let from = groups.by_end.partition_point(|&(k, _)| k < key);
        let same_end = groups.by_end.get(from..).unwrap_or_default().iter().take_while(|&&(k, _)| k == key);
        hits.extend(same_end.map(|e| e.1).filter(|&i| groups.list.get(i).is_some_and(|g| ends_with_name(s, &g.name))));
    }
    hits.sort_unstable();
    hits
}

/// The funds a total covers: all of them, 财政拨款, or its 一般公共预算 part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    All,
    Fiscal,
    General,
}

/// What a total is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// 收入 (本年 or 总计: a difference between them makes the name ambiguous).
    In,
    /// 支出.
    Out,
    /// 收、支 both ("收、支总预算"): the income and the expenditure totals.
    Both,
    /// 基本支出.
    Basic,
    /// 项目支出.
    Project,
}

/// A total cell of the budget tables, keyed by what the narrative calls it.
struct TotalCell<'a> {
    scope: Scope,
    part: Part,
    t: &'a Table,
    row: usize,
    col: usize,
}

/// The scope a table's figures have, from its kind (and for the economic
/// classification of 基本支出, from its title).
fn scope_of(t: &Table) -> Scope {
    match t.kind {
        TableKind::BFiscal | TableKind::BFiscalSpend | TableKind::BFiscalBasic => Scope::Fiscal,
        TableKind::BGeneral => Scope::General,
        TableKind::BBasicEcon | TableKind::BBasicGovEcon if t.title.holds("一般公共预算") => Scope::General,
        TableKind::BBasicEcon | TableKind::BBasicGovEcon if t.title.holds("财政拨款") => Scope::Fiscal,
        _ => Scope::All,
    }
}

/// A row label's [`name_of`] without its ordinal ("1.", "2、"): a slice of
/// it, as the digits are ASCII (one byte each) and the mark after them is
/// cut by its own length.
fn bare(n: &str) -> &str {
    let digits = n.bytes().take_while(u8::is_ascii_digit).count();
    let rest = n.get(digits..).unwrap_or_default();
    match rest.chars().next() {
        Some(c @ ('.' | '．' | '、')) if digits > 0 => rest.get(c.len_utf8()..).unwrap_or_default(),
        _ => n,
    }
}

/// Every total of the budget tables under the name the narrative gives it,
/// made once per document: the 收支总表's and 财政拨款收支总表's 收入/支出
/// totals and their 财政拨款 / 一般公共预算 income rows, the total row of the
/// 支出 tables (合计, 基本支出, 项目支出), the 合计 of the 基本支出 tables.
fn total_cells<'a>(doc: &'a Document, table_names: &[Option<TableNames<'a>>]) -> Vec<TotalCell<'a>> {
    let mut out = Vec::new();
    for (t, names) in doc.tables.iter().zip(table_names) {
        let scope = scope_of(t);
        let first_col = |r: &crate::model::Row| r.cells.iter().position(|c| c.value.is_some());
        match t.kind {
            TableKind::BSummary | TableKind::BFiscal => {
                // The income side ends at the first row that names a 支出.
                let first_out = t.rows.iter().position(|r| r.label.holds("支出")).unwrap_or(t.rows.len());
                // Fund rows after "上年结转" are the carried-over part of each fund.
                let carried = t.rows.iter().position(|r| r.label.holds("结转")).unwrap_or(t.rows.len());
                // (Of the kinds [`TABLES`] names: their names are made.)
                let Some(names) = names else { continue };
                for (i, r) in t.rows.iter().enumerate() {
                    let Some(name) = names.rows.get(i) else { continue };
                    let name = bare(name);
                    let income = i < first_out.min(carried);
                    let part = match name {
                        "本年收入" | "当年收入小计" | "本年收入小计" | "收入" | "收入总计" => Some((scope, Part::In)),
                        "本年支出" | "当年支出小计" | "本年支出小计" | "支出" | "支出总计" => {
                            Some((scope, Part::Out))
                        }
                        "总计" => Some((scope, if i < first_out { Part::In } else { Part::Out })),
                        "财政拨款" | "财政拨款收入" if income && scope == Scope::All => Some((Scope::Fiscal, Part::In)),
                        "一般公共预算" | "一般公共预算收入" | "一般公共预算资金" | "一般公共预算拨款" | "一般公共预算拨款收入"
                            if income =>
                        {
                            Some((Scope::General, Part::In))
                        }
                        "基本支出" if scope == Scope::Fiscal => Some((scope, Part::Basic)),
                        "项目支出" if scope == Scope::Fiscal => Some((scope, Part::Project)),
                        _ => None,
                    };
                    // The row's amount: its first printed cell (a two-panel
                    // table prints the 支出 side in a later column).
                    if let (Some((scope, part)), Some(col)) = (part, first_col(r)) {
                        out.push(TotalCell { scope, part, t, row: i, col });
                    }
                }
            }
            TableKind::BExpenditure | TableKind::BGeneral | TableKind::BFiscalSpend => {
                let Some(i) = t
                    .rows
                    .iter()
                    .position(|r| may_be_total(&r.label) && ["", "合计", "总计", "本年支出合计"].contains(&&*squeeze(&r.label)))
                else {
                    continue;
                };
                let Some(names) = names else { continue };
                for (col, h) in names.cols.iter().enumerate() {
                    let part = match &**h {
                        _ if col == 0 => Part::Out,
                        "基本支出" | "基本支出小计" => Part::Basic,
                        "项目支出" | "项目支出小计" => Part::Project,
                        _ => continue,
                    };
                    out.push(TotalCell { scope, part, t, row: i, col });
                }
            }
            TableKind::BBasicEcon | TableKind::BBasicGovEcon | TableKind::BFiscalBasic if scope != Scope::All => {
                if let Some(i) = t.rows.iter().position(|r| may_be_total(&r.label) && ["", "合计", "总计"].contains(&&*squeeze(&r.label)))
                {
                    out.push(TotalCell { scope, part: Part::Basic, t, row: i, col: 0 });
                }
            }
            _ => {}
        }
    }
    out
}

/// `s.replace(from, to)` (`from` not empty) when `s` holds `from`, else
/// None (nothing copied): its matches found by byte search
/// ([`search::match_starts`]), no `str` searcher set up for each of the few
/// words of a short subject, and no search before it to tell whether there
/// are any.
fn replaced_if_any(s: &str, from: &str, to: &str) -> Option<String> {
    let mut starts = search::match_starts(s, from).peekable();
    starts.peek()?;
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for i in starts {
        out.push_str(s.get(last..i).unwrap_or_default());
        out.push_str(to);
        last = i + from.len();
    }
    out.push_str(s.get(last..).unwrap_or_default());
    Some(out)
}

/// Where the last match of `w` in `s` ends (0 for none): `s.rfind(w)`'s
/// end for a word that cannot overlap itself (Ⓖ, 财政拨款; a test says
/// so), found by byte search, not a reverse `str` searcher set up per word.
fn last_match_end(s: &str, w: &str) -> usize {
    search::match_starts(s, w).last().map_or(0, |j| j + w.len())
}

/// Whether a row label may squeeze to a total's name ("", "合计", "总计",
/// "本年支出合计"): it is blank or ends with 计 but for white space (squeezing
/// drops white space and changes no 计; a test says so). Most labels do
/// not, and are not squeezed to be compared.
fn may_be_total(label: &str) -> bool {
    let t = label.trim_end();
    t.is_empty() || t.ends_with('计')
}

/// True when the 财政拨款收支总表 prints its 政府性基金 and 国有资本经营
/// rows as blank or zero: then 财政拨款 is its 一般公共预算 part.
fn fiscal_is_general(doc: &Document) -> bool {
    doc.found(TableKind::BFiscal).is_some_and(|t| {
        t.rows.iter().all(|r| {
            !(r.label.holds("政府性基金") || r.label.holds("国有资本")) || r.cells.iter().all(|c| c.value.is_none_or(|v| v.is_zero()))
        })
    })
}

/// What a narrative subject calls a total: "示例省某某局2019年度收入、支出预算总计",
/// "财政拨款收入预算总计", "某某局本年支出预算合计", "财政拨款收、支总预算",
/// "一般公共预算财政拨款基本支出预算", "通过财政拨款安排的基本支出". None for
/// anything else, or when the words before the total narrow it in a way no
/// table's total does (上年, 结转, 其中 …). `subject` is [`squeeze`]d (as
/// `check` gives it): squeezing it again would change nothing (a test says
/// so), and is not done.
fn total_key(subject: &str) -> Option<(Scope, Part)> {
    // Each word replaced only where it occurs, found once: the subject is
    // lent until a word is replaced (`replace` copies it even when none is).
    fn swap<'a>(s: Cow<'a, str>, from: &str, to: &str) -> Cow<'a, str> {
        match replaced_if_any(&s, from, to) {
            Some(r) => Cow::Owned(r),
            None => s,
        }
    }
    let s = swap(swap(swap(swap(Cow::Borrowed(subject), "一般公共预算", "Ⓖ"), "政府性基金", "Ⓕ"), "国有资本", "Ⓒ"), "预算", "");
    // (`trim_end_matches("安排")` by strip_suffix: no str searcher set up.)
    let mut s = s.trim_end_matches(['为', '：', ':', '是']);
    while let Some(rest) = s.strip_suffix("安排") {
        s = rest;
    }
    let s = s.trim_end_matches('数');
    const TAILS: [(&str, Part); 15] = [
        ("收入、支出总计", Part::Both),
        ("收、支总计", Part::Both),
        ("收支总计", Part::Both),
        ("收、支总", Part::Both),
        ("收支总", Part::Both),
        ("本年收入合计", Part::In),
        ("收入总计", Part::In),
        ("收入合计", Part::In),
        ("本年支出合计", Part::Out),
        ("支出总计", Part::Out),
        ("支出合计", Part::Out),
        ("基本支出", Part::Basic),
        ("项目支出", Part::Project),
        ("收入", Part::In),
        ("支出", Part::Out),
    ];
    let (tail, part) = TAILS.iter().find(|(t, _)| s.ends_with(t))?;
    let prefix = &s[..s.len() - tail.len()];
    let scope = if prefix.contains('Ⓖ') {
        Scope::General
    } else if prefix.holds("财政拨款") {
        Scope::Fiscal
    } else {
        Scope::All
    };
    // Unnarrowed 收入/支出/基本支出 alone are too general (or NAR-105's by name).
    let bare_tail = matches!(*tail, "收入" | "支出" | "基本支出" | "项目支出");
    if scope == Scope::All && bare_tail {
        return None;
    }
    // The fund words, if any, stand right before the total ("…一般公共预算财政拨款
    // 基本支出", "通过财政拨款安排的基本支出"), and before them only who and
    // when ("示例省某某局2019年度", "某某局"): "其他资金收入预算总计"
    // and "…拨款安排的会议费预算支出" are other quantities.
    let fund_at = ["Ⓖ", "财政拨款"]
        .iter()
        .filter_map(|w| Some((search::find(prefix, w)?, last_match_end(prefix, w))))
        .fold(None, |acc: Option<(usize, usize)>, (i, j)| Some(acc.map_or((i, j), |(a, b)| (a.min(i), b.max(j)))));
    let (owner, between) = match fund_at {
        Some((i, j)) => (&prefix[..i], &prefix[j..]),
        None => (prefix, ""),
    };
    if !["", "拨款", "安排的", "拨款安排的"].contains(&between) {
        return None;
    }
    let who = ["年度", "年", "部门", "单位", "院", "厅", "局", "委", "办", "处", "会", "署", "通过"];
    if !(owner.is_empty() || who.iter().any(|w| owner.ends_with(w))) {
        return None;
    }
    let other = ["Ⓕ", "Ⓒ", "收", "支", "（", "(", "、", "，"];
    if NARROWING.iter().any(|w| owner.holds(w)) || other.iter().any(|w| owner.holds(w)) {
        return None;
    }
    Some((scope, *part))
}

/// The total cells a [`squeeze`]d subject names (see [`total_key`]).
fn totals_named<'a>(doc: &'a Document, cells: &[TotalCell<'a>], general_is_fiscal: bool, subject: &str) -> Vec<Named<'a>> {
    let Some((scope, part)) = total_key(subject) else { return Vec::new() };
    let scope_fits = |s: Scope| s == scope || (general_is_fiscal && scope == Scope::Fiscal && s == Scope::General);
    let part_fits = |p: Part| p == part || (part == Part::Both && matches!(p, Part::In | Part::Out));
    let mut out = Vec::new();
    for c in cells.iter().filter(|c| scope_fits(c.scope) && part_fits(c.part)) {
        if !settled(c.t, c.row) {
            continue;
        }
        let Some(v) = c.t.rows.get(c.row).and_then(|r| r.value(c.col)) else { continue };
        let (u, unit) = unit_in_wan(c.t, doc);
        let (Some(value), Some(half)) = (v.checked_mul(u), crate::rounding::half_ulp(v).checked_mul(u)) else { continue };
        out.push(Named { printed: v, unit, value, half, t: c.t, row: c.row, col: c.col });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path words `check` looks for only in a subject holding
    /// [`BRACKET_LEAD`] start with it.
    #[test]
    fn path_words_start_with_the_bracket_lead() {
        assert!(["（款）", "（项）", "（类）"].iter().all(|w| w.as_bytes().first() == Some(&BRACKET_LEAD)));
    }

    /// [`ordinal_len`] by byte triples is its definition by chars.
    #[test]
    fn ordinal_len_is_its_definition_by_chars() {
        assert!(NUMERALS.iter().chain(&['、']).all(|c| c.len_utf8() == 3));
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let mut b = [0u8; 4];
            c.encode_utf8(&mut b);
            assert_eq!(is_numeral(&b[..3]), NUMERALS.contains(&c), "{c}");
        }
        let old = |name: &str| {
            let after = name.trim_start_matches(NUMERALS);
            let run = name.len() - after.len();
            if run > 0 && after.starts_with('、') {
                run + '、'.len_utf8()
            } else {
                0
            }
        };
        let pieces = ["一", "二", "十", "四", "、", "一般", "公共", "七", "八", "九", "三", "五", "六", "a", " ", "，", "丁"];
        for text in crate::text::stream::sample_texts(&pieces, 1000) {
            assert_eq!(ordinal_len(&text), old(&text), "{text:?}");
        }
    }

    /// Multiplying a non-zero amount by one (scale 0) gives it back as it
    /// was, mantissa, scale and sign (what `name_groups` skips for a table
    /// in 万元); a zero comes back as a plain 0.
    #[test]
    fn a_non_zero_amount_times_one_is_itself() {
        let one = crate::units::factor(4, 4).unwrap();
        assert_eq!((one.mantissa(), one.scale()), (1, 0));
        let mut state = 3u64;
        for k in 0..3000u64 {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let mantissa = match k % 4 {
                0 => i128::from(state % 1000),
                1 => i128::from(state),
                2 => i128::from(state) << 30,
                _ => (1i128 << 95) - 1 - i128::from(state % 1000),
            };
            let scale = u32::try_from(state >> 59).unwrap() % 29;
            for m in [mantissa, -mantissa] {
                let v = Decimal::try_from_i128_with_scale(m, scale).unwrap();
                let got = v.checked_mul(one).unwrap();
                if v.is_zero() {
                    continue;
                }
                assert_eq!((got.mantissa(), got.scale(), got.is_sign_negative()), (v.mantissa(), v.scale(), v.is_sign_negative()), "{v}");
                let half = crate::rounding::half_ulp(v);
                let got = half.checked_mul(one).unwrap();
                assert_eq!((got.mantissa(), got.scale()), (half.mantissa(), half.scale()), "{v}");
            }
        }
    }

    #[test]
    fn name_of_is_its_first_definition() {
        let old = |s: &str| {
            let mut name = squeeze(s.rsplit('›').next().unwrap_or(s)).into_owned();
            let ordinal = name
                .split_once('、')
                .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c)))
                .map(|(n, _)| n.len() + '、'.len_utf8());
            if let Some(end) = ordinal {
                name.drain(..end);
            }
            drop_trailing_totals(&mut name);
            name
        };
        let pieces = [
            "一", "四", "十", "、", "一般", "公共", "预算", "›", " › ", "合计", "支出", " ", "(", "’", "‰", "…", "a", "\u{3000}", "\u{A0}",
        ];
        for text in crate::text::stream::sample_texts(&pieces, 500) {
            assert_eq!(name_of(&text), old(&text), "{text:?}");
            assert_eq!(last_part(&text), text.rsplit('›').next().unwrap_or(&text), "{text:?}");
        }
    }

    /// A label squeezes to a total's name only where [`may_be_total`]
    /// holds, and squeezing a squeezed text changes nothing (what
    /// [`total_key`] relies on).
    #[test]
    fn total_names_are_told_before_squeezing_and_squeezing_is_idempotent() {
        let pieces =
            ["合计", "总计", "本年支出合计", "计", "合", " ", "\u{3000}", "\u{A0}", "(", ")", "（", "）", "支出", "a", "计 ", " 计"];
        let mut totals = 0;
        for label in crate::text::stream::sample_texts(&pieces, 2000) {
            let squeezed = squeeze(&label);
            if ["", "合计", "总计", "本年支出合计"].contains(&&*squeezed) {
                assert!(may_be_total(&label), "{label:?}");
                totals += 1;
            }
            assert_eq!(squeeze(&squeezed), squeezed, "{label:?}");
        }
        assert!(totals > 20, "{totals}");
    }

    /// [`replaced_if_any`] is `str::replace` where the text holds the word
    /// and None where it does not, for the words [`total_key`] swaps, the
    /// （类） `check` cuts, and one that overlaps itself.
    #[test]
    fn replaced_if_any_is_str_replace_where_the_word_is() {
        let pieces =
            ["一般公共预算", "一般", "政府性基金", "国有资本", "预算", "预", "算", "ⒼⒼ", "Ⓖ", "财政拨款", "a", " ", "（类）", "类", "（"];
        for text in crate::text::stream::sample_texts(&pieces, 500) {
            for (from, to) in [("一般公共预算", "Ⓖ"), ("政府性基金", "Ⓕ"), ("国有资本", "Ⓒ"), ("预算", ""), ("ⒼⒼ", "x"), ("（类）", "")]
            {
                let expected = text.contains(from).then(|| text.replace(from, to));
                assert_eq!(replaced_if_any(&text, from, to), expected, "{text:?} {from}");
            }
        }
    }

    /// [`last_match_end`] is the end of `rfind`'s match (0 for none) for
    /// the words [`total_key`] looks for.
    #[test]
    fn last_match_end_is_rfinds() {
        let pieces = ["Ⓖ", "财政拨款", "财政", "拨款", "财", "款", "a", "安排的", "ⒼⒼ"];
        for text in crate::text::stream::sample_texts(&pieces, 500) {
            for w in ["Ⓖ", "财政拨款"] {
                assert_eq!(last_match_end(&text, w), text.rfind(w).map_or(0, |j| j + w.len()), "{text:?} {w}");
            }
        }
    }

    /// A row is a total row by its name alone unless it is named 总计: a
    /// label trimmed to 合计 is named "", one trimmed to 总计 is named 总计.
    #[test]
    fn labels_trimmed_to_a_total_are_named_as_check_assumes() {
        let pieces = ["合计", "总计", "合", "计", "总", " ", "\u{3000}", "四、", "一", "支出", "›", "(", "a"];
        // Short labels in white space, and longer ones.
        let cores = ["合计", "总计", "合 计", "总计合计", "合计合计", "四、合计", "四、总计", "总", "", "支出 › 合计", "(合计)"];
        let padded = cores.iter().flat_map(|c| ["", " ", "\u{3000}", " \t"].map(|w| format!("{w}{c}{w}")));
        let mut totals = 0;
        for label in padded.chain(crate::text::stream::sample_texts(&pieces, 2000)) {
            let name = name_of(&label);
            let trimmed = label.trim();
            let old = name.is_empty() || matches!(trimmed, "合计" | "总计");
            assert_eq!(name.is_empty() || (&*name == "总计" && trimmed == "总计"), old, "{label:?}");
            totals += usize::from(matches!(trimmed, "合计" | "总计"));
        }
        assert!(totals > 5, "{totals}");
    }

    /// [`end_key`] orders as the pair (tails, last char) it packs.
    #[test]
    fn end_keys_order_as_their_pairs() {
        let chars = ['\0', 'a', '出', '算', '排', char::MAX];
        for (t1, c1) in (0..16u8).flat_map(|t| chars.map(|c| (t, c))) {
            for (t2, c2) in (0..16u8).flat_map(|t| chars.map(|c| (t, c))) {
                assert_eq!(end_key(t1, c1).cmp(&end_key(t2, c2)), (t1, c1).cmp(&(t2, c2)));
                assert_eq!(u8::try_from(end_key(t1, c1) >> 21), Ok(t1));
            }
        }
    }

    #[test]
    fn every_char_squeeze_cuts_starts_with_a_listed_byte() {
        let cut = |c: char| c.is_whitespace() || matches!(c, '(' | ')');
        for c in (0..0x11_0000).filter_map(char::from_u32).filter(|c| cut(*c)) {
            let lead = c.encode_utf8(&mut [0; 4]).as_bytes()[0];
            assert!(may_cut(lead), "{c:?}");
        }
        for b in 0..=u8::MAX {
            assert!(may_cut(b) || !crate::text::words::may_start_white_space(b), "{b:#x}");
        }
        let pieces =
            ["一般", "公共", "预算", "(", ")", "（", "）", " ", "\u{3000}", "\u{A0}", "\u{2009}", "\u{85}", "、", "四", "合计", "a1", "›"];
        for text in crate::text::stream::sample_texts(&pieces, 300) {
            let by_chars = text.char_indices().find(|(_, c)| cut(*c));
            assert_eq!(next_cut(&text), by_chars, "{text:?}");
        }
    }

    #[test]
    fn named_cells_cuts_as_names_does() {
        let subjects = [
            "公共安全支出预算为",
            "公共安全预算支出",
            "项目支出预算",
            "基本支出安排",
            "会议费预算数：",
            "一般公共预算财政拨款公共安全支出",
            "预算",
        ];
        let names_ = ["公共安全支出", "公共安全", "项目支出", "基本支出", "会议费", "会议费预算数", "预算", "支出安排"];
        let groups: Vec<NameGroup> = names_.iter().map(|n| NameGroup { name: Cow::Borrowed(n), tails: tails_of(n), cells: 0..0 }).collect();
        for subject in subjects {
            let trimmed = subject.trim_end_matches(['为', '：', ':']);
            for g in &groups {
                assert_eq!(ends_with_name(cut_tails(trimmed, g.tails), &g.name), names(subject, &g.name), "{subject} {}", g.name);
            }
        }
    }

    /// [`named_groups`], which holds a subject against the groups whose
    /// names end like it, finds the groups a pass over all of them finds.
    #[test]
    fn named_groups_are_those_a_pass_over_every_group_finds() {
        let names_ = [
            "公共安全支出",
            "公共安全",
            "项目支出",
            "基本支出",
            "会议费",
            "会议费预算数",
            "预算",
            "支出安排",
            "公共安全支出",
            "安全",
            "支出",
            "项目支出安排",
        ];
        let list: Vec<NameGroup> = names_.iter().map(|n| NameGroup { name: Cow::Borrowed(n), tails: tails_of(n), cells: 0..0 }).collect();
        let groups = Groups::of((list, Vec::new()));
        let pieces = ["公共", "安全", "支出", "预算", "预算数", "安排", "项目", "会议费", "为", "：", "基本", "财政拨款"];
        let mut hit = 0;
        for subject in crate::text::stream::sample_texts(&pieces, 2000) {
            let trimmed = subject.trim_end_matches(['为', '：', ':']);
            let by_scan: Vec<usize> = (0..groups.list.len())
                .filter(|&i| ends_with_name(cut_tails(trimmed, groups.list[i].tails), &groups.list[i].name))
                .collect();
            hit += by_scan.len();
            assert_eq!(named_groups(&groups, &subject), by_scan, "{subject}");
        }
        assert!(hit > 0);
    }

    /// [`bare`], a slice of the name, is its copying definition.
    #[test]
    fn bare_is_its_copying_definition() {
        let old = |n: &str| -> String {
            let digits = n.chars().take_while(char::is_ascii_digit).count();
            match n.chars().nth(digits) {
                Some('.' | '．' | '、') if digits > 0 => n.chars().skip(digits + 1).collect(),
                _ => n.to_string(),
            }
        };
        let pieces = ["1", "12", ".", "．", "、", "本年收入", "合计", "a", "一", " "];
        for text in crate::text::stream::sample_texts(&pieces, 500) {
            assert_eq!(bare(&text), old(&text), "{text:?}");
        }
    }

    /// What [`squeeze`] makes of `s`, char by char: white space dropped,
    /// ASCII brackets widened.
    fn squeezed_by_chars(s: &str) -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '(' => '（',
                ')' => '）',
                c => c,
            })
            .collect()
    }

    #[test]
    fn squeeze_drops_white_space_and_widens_brackets() {
        for s in ["", "合计", " 一般 公共\u{3000}预算(财政拨款) ", "(a)\tb\u{a0}c", "公共安全支出"] {
            assert_eq!(squeeze(s), squeezed_by_chars(s), "{s:?}");
        }
    }

    /// [`squeeze`] (which lends what it need not change) is its char-by-char
    /// definition.
    #[test]
    fn squeeze_is_its_char_by_char_definition() {
        let pieces =
            ["一般", "公共", "(", ")", "（", " ", "\u{3000}", "\u{A0}", "\u{2009}", "\u{85}", "\u{1680}", "、", "。", "›", "a1", "\t"];
        for text in crate::text::stream::sample_texts(&pieces, 1000) {
            assert_eq!(squeeze(&text), squeezed_by_chars(&text), "{text:?}");
        }
    }

    #[test]
    fn names_lose_their_path_ordinal_and_trailing_totals() {
        assert_eq!(name_of("支出 › 四、公共安全 支出合计合计"), "公共安全支出");
        assert_eq!(name_of("一般公共预算(财政拨款)"), "一般公共预算（财政拨款）");
        assert_eq!(name_of("合计"), "");
        assert_eq!(name_of("合计收入"), "合计收入");
    }
}
