//! NAR-020 情况说明：按功能分类科目说明的金额与支出表该科目相符
//!
//! ## 它检查什么
//!
//! A budget narrative's 功能分类 sentence — "（204类）公共安全支出（06款）司法（01项）
//! 行政运行 X万元", "“一般公共服务支出（类）…（项）”31.40万元", "司法（款）行政运行
//! （项）支出8,415.30万元" — against the table row of that 项 (一般公共预算支出表,
//! 支出总表 or 财政拨款支出表), in either unit: a 元 table and a 万元 sentence
//! agree when the cell rounds to the printed figure.
//!
//! The 决算 form is NAR-001's (公开05表).
//!
//! ## 为什么重要
//!
//! 预算说明常按“类、款、项”逐项说明，例如“公共安全支出（类）司法（款）行政运行（项）支出8,415.30万元”。这个数就是一般公共预算支出表（或支出总表、财政拨款支出表）中该科目的金额，表格可能以元为单位，文字以万元为单位，换算后应当一致。对不上，说明文字或表格有一处写错。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2023-budget.txt`：“3.收支预算增加的主要原因，项目经费增加。” 改为 “3.收支预算增加的主要原因，项目经费增加。一般公共服务支出（类）政府办公厅（室）及相关机构事…”
//! - `yantai-office-2023-budget.txt`：“3.收支预算增加的主要原因，项目经费增加。” 改为 “3.收支预算增加的主要原因，项目经费增加。一般公共服务支出（类）政府办公厅（室）及相关机构事…”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`：“3.收支预算增加的主要原因，项目经费增加。” 改为 “3.收支预算增加的主要原因，项目经费增加。（201类）一般公共服务支出（03款）政府办公厅（…”
//! - `yantai-office-2023-budget.txt`：“3.收支预算增加的主要原因，项目经费增加。” 改为 “3.收支预算增加的主要原因，项目经费增加。一般公共服务支出（类）政府办公厅（室）及相关机构事…”
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/NAR-020.snap`，`cargo test NAR_020` 只运行本条。

use rust_decimal::Decimal;

use crate::model::{Document, Row, Table, TableKind};
use crate::narrative::claim::sentence_bounds;
use crate::narrative::Claim;
use crate::rounding::Verdict;
use crate::rules::identity::{at, CellRef};
use crate::rules::percent::{narrative_values, show};
use crate::rules::support::claims::claim_point;
use crate::rules::support::corpus::{fixtures, QB, YB, YB_ANCHOR};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Expect, Family, Fixture, Rule, Severity, Sink};

/// The rule.
pub const RULE: Rule = Rule {
    id: "NAR-020",
    family: Family::Nar,
    severity: Severity::Error,
    title: "情况说明：按功能分类科目说明的金额与支出表该科目相符",
    why: "预算说明常按“类、款、项”逐项说明，例如“公共安全支出（类）司法（款）行政运行（项）支出8,415.30万元”。这个数就是一般公共预算支出表（或支出总表、财政拨款支出表）中该科目的金额，表格可能以元为单位，文字以万元为单位，换算后应当一致。对不上，说明文字或表格有一处写错。",
    applies_to: BUDGET,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture {
            document: YB,
            edits: &[(YB_ANCHOR, "3.收支预算增加的主要原因，项目经费增加。一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）支出 2,687.40 万元。")],
            expect: Expect::Fires,
        },
        Fixture {
            document: YB,
            edits: &[(YB_ANCHOR, "3.收支预算增加的主要原因，项目经费增加。（201类）一般公共服务支出（03款）政府办公厅（室）及相关机构事务（01项）行政运行 26,784,000 元。")],
            expect: Expect::Quiet,
        },
        // One unit of the last digit off the table's 2,678.40: not rounding.
        Fixture {
            document: YB,
            edits: &[(YB_ANCHOR, "3.收支预算增加的主要原因，项目经费增加。一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）支出 2,678.41 万元。")],
            expect: Expect::Fires,
        },
        // Coarser than the table and rounding to it: the same quantity.
        Fixture {
            document: YB,
            edits: &[(YB_ANCHOR, "3.收支预算增加的主要原因，项目经费增加。一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）支出 2,678.4 万元。")],
            expect: Expect::Quiet,
        };
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    // However the table was read (Shandong layout or by its headings, as the
    // Jiangsu 功能科目 tables are); the 财政拨款支出表（功能科目） too.
    let tables: Vec<&Table> = [TableKind::BGeneral, TableKind::BExpenditure, TableKind::BFiscalSpend]
        .iter()
        .filter_map(|k| doc.found(*k))
        .filter(|t| !t.rows.is_empty())
        .collect();
    if tables.is_empty() {
        sink.skip("缺少一般公共预算支出表、支出总表和财政拨款支出表，无法核对按科目说明的金额".into());
        return;
    }
    let n = &doc.narrative;
    for (_, p) in n.paragraphs() {
        // Every path ends in a 项 mark, "（项）" or "（01项）": a paragraph
        // without a 项 right before a closing bracket (most) holds none, and
        // its chars are not walked for marks.
        if !may_hold_a_path(&p.text) {
            continue;
        }
        let chars = p.chars();
        for path in paths(chars) {
            // The amount right after the path, in its sentence, with at most a
            // "支出"/"”" between ("（项）”31.40万元", "（项）支出8,415.30万元").
            let (_, se) = sentence_bounds(chars, path.end.saturating_sub(1));
            let Some(c) = p.claims.iter().find(|c| c.start >= path.end && c.start < se && c.is_money_amount()) else { continue };
            let gap: String = chars[path.end..c.start].iter().filter(|c| !c.is_whitespace()).collect();
            if !["", "支出", "”", "”支出", "支出为", "为", "安排", "预算", "预算为"].contains(&gap.as_str()) {
                continue;
            }
            check_claim(doc, &tables, &path, c, sink);
        }
    }
}

fn check_claim(doc: &Document, tables: &[&Table], path: &Path, c: &Claim, sink: &mut Sink) {
    let (Some(wan), Some(claim)) = (c.wan(), claim_point(c)) else { return };
    let mut seen: Vec<(String, Decimal, Option<CellRef>)> = Vec::new();
    for t in tables {
        let Some(row) = row_of(t, path) else { continue };
        let cell = at(t, row, 0);
        let Some(value) = cell.value else { continue };
        let (u, _) = crate::rules::support::budget_narrative::unit_in_wan(t, doc);
        let (Some(in_wan), Some(half)) = (value.checked_mul(u), crate::rounding::half_ulp(value).checked_mul(u)) else { continue };
        // The cell and the sentence print one quantity: the digits must agree
        // at the coarser precision (rounding::same_quantity), not merely their
        // closed intervals touch. Any table that agrees settles it.
        if crate::rounding::same_quantity(claim, (in_wan, half)) != Verdict::Mismatch {
            return;
        }
        seen.push((t.title.clone(), in_wan, cell.cell()));
    }
    let Some((title, table_wan, cell)) = seen.first().cloned() else { return };
    let mut f = narrative_values(
        "NAR-020",
        Severity::Error,
        format!("情况说明写“{}”{}，而《{}》该项为{}万元，两者不符。", path.item, c.said(), title, show(table_wan.round_dp(4).normalize())),
        c.source_line,
        (Some(table_wan), Some(wan)),
    );
    f.related = cell.into_iter().collect();
    sink.push(f);
}

/// A 功能分类 path as printed: names and codes of 类, 款 and 项 (any may be missing
/// except the 项), and the char offset just past the path.
#[derive(Debug, Default, PartialEq, Eq)]
struct Path {
    class: Option<String>,
    class_code: Option<String>,
    kuan: Option<String>,
    kuan_code: Option<String>,
    item: String,
    item_code: Option<String>,
    end: usize,
}

/// Whether `text` holds a 项 followed by a closing bracket, full-width or
/// ASCII: what the 项 mark every [`paths`] result ends in holds (a test says
/// none is found without one). By a byte search for 项, not a pass over chars.
fn may_hold_a_path(text: &str) -> bool {
    crate::text::search::match_starts(text, "项").any(|i| text.get(i + '项'.len_utf8()..).is_some_and(|rest| rest.starts_with(['）', ')'])))
}

/// The level marks of a text: (offset of "（", offset past "）", level char, code digits).
fn marks(chars: &[char]) -> Vec<(usize, usize, char, Option<String>)> {
    let mut out = Vec::new();
    for k in 0..chars.len() {
        if !matches!(chars[k], '（' | '(') {
            continue;
        }
        let digits: String = chars[k + 1..].iter().take_while(|c| c.is_ascii_digit()).collect();
        let j = k + 1 + digits.chars().count();
        let (Some(level), Some(close)) = (chars.get(j), chars.get(j + 1)) else { continue };
        if matches!(level, '类' | '款' | '项') && matches!(close, '）' | ')') {
            out.push((k, j + 2, *level, (!digits.is_empty()).then_some(digits)));
        }
    }
    out
}

/// The name belonging to a mark: the CJK run before it ("政府办公厅（室）及相关机构事务（款）"
/// keeps its "（室）"), or, for a code mark "（204类）公共安全支出", the words after it.
fn name_before(chars: &[char], from: usize, to: usize) -> String {
    // Marks printed out of order give an empty name, never a bad slice.
    let Some(slice) = chars.get(from..to.min(chars.len())) else { return String::new() };
    let s: String = slice.iter().collect();
    s.trim().trim_start_matches(['“', '‘', '"', '、', '.', '．', ' ']).trim_end_matches(['”', '’', '"']).trim().to_string()
}

/// The paths of a paragraph.
fn paths(chars: &[char]) -> Vec<Path> {
    let ms = marks(chars);
    let mut out = Vec::new();
    for (i, m) in ms.iter().enumerate() {
        if m.2 != '项' {
            continue;
        }
        // The 款 and 类 marks just before, in this sentence.
        let (s, _) = sentence_bounds(chars, m.0);
        let prior: Vec<&(usize, usize, char, Option<String>)> = ms[..i].iter().filter(|x| x.0 >= s).collect();
        let kuan = prior.iter().rev().find(|x| x.2 == '款').copied();
        let class = prior.iter().rev().find(|x| x.2 == '类').copied();
        let coded = m.3.is_some();
        // Code marks precede their names, name marks follow them.
        let (item, end) = if coded {
            let stop = (m.1..chars.len()).find(|&k| !is_name_char(chars[k])).unwrap_or(chars.len());
            (name_before(chars, m.1, stop), stop)
        } else {
            let start = kuan.map_or_else(|| start_of_name(chars, m.0), |k| k.1);
            (name_before(chars, start, m.0), m.1)
        };
        let kuan_name = kuan.map(|k| {
            if coded {
                name_before(chars, k.1, m.0)
            } else {
                let start = class.filter(|c| c.0 < k.0).map_or_else(|| start_of_name(chars, k.0), |c| c.1);
                name_before(chars, start, k.0)
            }
        });
        let class_name = class.map(|c| {
            if coded {
                name_before(chars, c.1, kuan.map_or(m.0, |k| k.0))
            } else {
                name_before(chars, start_of_name(chars, c.0), c.0)
            }
        });
        if item.is_empty() {
            continue;
        }
        out.push(Path {
            class: class_name,
            class_code: class.and_then(|c| c.3.clone()),
            kuan: kuan_name,
            kuan_code: kuan.and_then(|k| k.3.clone()),
            item,
            item_code: m.3.clone(),
            end,
        });
    }
    out
}

fn is_name_char(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}')
}

/// The start of the CJK name ending at `end` (brackets such as "（室）" kept).
fn start_of_name(chars: &[char], end: usize) -> usize {
    let mut k = end;
    while k > 0 {
        let c = chars[k - 1];
        if matches!(c, '\u{4E00}'..='\u{9FFF}') {
            k -= 1;
        } else if c == '）' && k >= 3 && chars[k - 3] == '（' {
            k -= 3;
        } else {
            break;
        }
    }
    k
}

/// Whether two names are one, brackets full-width or ASCII, with or without a
/// trailing "支出". Compared char by char, not through normalised copies: it
/// runs for every coded row of every table for each path.
fn same(a: &str, b: &str) -> bool {
    fn eq(a: &str, b: &str) -> bool {
        let n = |c: char| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        };
        a.chars().map(n).eq(b.chars().map(n))
    }
    eq(a, b) || a.strip_suffix("支出").is_some_and(|a| eq(a, b)) || b.strip_suffix("支出").is_some_and(|b| eq(a, b))
}

/// The 项 row a path names, if exactly one.
fn row_of<'a>(t: &'a Table, path: &Path) -> Option<&'a Row> {
    fn code_of(r: &Row) -> &str {
        r.code.as_deref().unwrap_or("")
    }
    let parent = |code: &str, len: usize| t.rows.iter().find(|r| code_of(r) == code.get(..len).unwrap_or(""));
    let hits: Vec<(usize, &Row)> = t
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            let code = code_of(r);
            if code.len() != 7 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return false;
            }
            // Codes first: they are cheap, and the names' parents are looked up
            // by a scan of the table.
            let codes_fit = path.item_code.as_deref().is_none_or(|c| code.ends_with(c))
                && path.kuan_code.as_deref().is_none_or(|c| code.get(3..5) == Some(c))
                && path.class_code.as_deref().is_none_or(|c| code.get(..3) == Some(c));
            codes_fit
                && same(&r.label, &path.item)
                && path.kuan.as_deref().is_none_or(|k| parent(code, 5).is_some_and(|p| same(&p.label, k)))
                && path.class.as_deref().is_none_or(|c| parent(code, 3).is_none_or(|p| same(&p.label, c)))
        })
        .collect();
    // A row whose amounts were not placed with certainty settles nothing.
    match hits.as_slice() {
        [(i, r)] if !t.unresolved.contains(i) => Some(r),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (类, 款, 项, 项's code) as read.
    type Path = (Option<String>, Option<String>, String, Option<String>);

    fn path_of(s: &str) -> Vec<Path> {
        let chars: Vec<char> = s.chars().collect();
        paths(&chars).into_iter().map(|p| (p.class, p.kuan, p.item, p.item_code)).collect()
    }

    #[test]
    fn paths_are_found_only_where_a_path_may_be() {
        // Every paragraph of the corpus, and paths, marks and brackets alone.
        let made =
            ["（项）", "（01项）", "项)", "项 ）", "（项", "项目）", "（类）（款）", "司法（款）行政运行（项）支出", "(1项)", "项", ""];
        let mut texts: Vec<String> = made.iter().map(|s| s.to_string()).collect();
        for name in crate::FIXTURES {
            let doc = crate::read(&crate::fixture(name));
            texts.extend(doc.narrative.paragraphs().map(|(_, p)| p.text.clone()));
        }
        let mut with_paths = 0;
        for t in &texts {
            let chars: Vec<char> = t.chars().collect();
            if !paths(&chars).is_empty() {
                with_paths += 1;
                assert!(may_hold_a_path(t), "{t}");
            }
        }
        assert!(with_paths >= 5, "{with_paths}");
    }

    #[test]
    fn names_are_one_whatever_their_brackets_and_a_trailing_zhichu() {
        assert!(same("政府办公厅(室)及相关机构事务", "政府办公厅（室）及相关机构事务"));
        assert!(same("公共安全支出", "公共安全"));
        assert!(same("公共安全", "公共安全支出"));
        assert!(same("其他(项)支出", "其他（项）"));
        assert!(!same("司法", "司法行政"));
        assert!(!same("公共安全支出支出", "公共安全"));
        assert!(!same("（室）", "(室"));
    }

    #[test]
    fn paths_with_names_and_with_codes() {
        assert_eq!(
            path_of("1. “一般公共服务支出（类）统计信息事务（款）统计抽样调查（项）”31.40万元"),
            vec![(Some("一般公共服务支出".into()), Some("统计信息事务".into()), "统计抽样调查".into(), None)]
        );
        assert_eq!(
            path_of("（204类）公共安全支出（06款）司法（01项）行政运行 30.00万元"),
            vec![(Some("公共安全支出".into()), Some("司法".into()), "行政运行".into(), Some("01".into()))]
        );
        assert_eq!(path_of("1．司法（款）行政运行（项）支出8,415.30 万元")[0].2, "行政运行");
        assert_eq!(path_of("政府办公厅（室）及相关机构事务（款）行政运行（项）")[0].1.as_deref(), Some("政府办公厅（室）及相关机构事务"));
        // Marks out of order do not panic.
        assert_eq!(path_of("（06款）（204类）（01项）行政运行").len(), 1);
    }
}
