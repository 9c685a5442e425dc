//! 绩效自评表 (project performance self-evaluation tables) in the attachments.
//!
//! Their layout is the least stable part of a disclosure (columns shift from
//! row to row, labels are written one character per line), so this reader
//! anchors on words ("年度资金总额", "（40分）", "总分") and takes trailing
//! numbers, and it says when a table could not be read rather than guessing.

use rust_decimal::Decimal;

use crate::amount::parse_prose_number;
use crate::text::joined::Joined;
use crate::text::search;
use crate::text::{squeeze, Line};

/// A printed execution rate: "82.79%", "87.04" (a percentage without %), "1" (a fraction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rate {
    /// The rate as a fraction (0.8279).
    pub fraction: Decimal,
    /// The text as printed.
    pub printed: String,
    /// Half a unit in the last printed place, as a fraction.
    pub half_ulp: Decimal,
}

/// The 预算执行 line of one self-evaluation table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Funds {
    /// 年初预算数.
    pub initial: Decimal,
    /// 全年预算数 (A).
    pub budget: Decimal,
    /// 全年执行数 (B).
    pub executed: Decimal,
    /// 分值 of budget execution.
    pub weight: Decimal,
    /// 执行率 as printed.
    pub rate: Rate,
    /// 得分 as printed.
    pub score: Decimal,
    /// Source line.
    pub line: usize,
}

/// One 一级指标 block: its stated weight and the (分值, 得分) of its indicators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// "产出指标".
    pub label: String,
    /// The N of "（N分）"; None when the label prints no weight.
    pub stated: Option<Decimal>,
    /// Source line of the label.
    pub line: usize,
    /// (分值, 得分, source line) per indicator.
    pub items: Vec<(Decimal, Decimal, usize)>,
    /// False when some line of the block could not be read as an indicator.
    pub complete: bool,
}

/// One self-evaluation table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfEvaluation {
    /// 项目名称, when found on the table's first lines.
    pub name: Option<String>,
    /// The funds line.
    pub funds: Funds,
    /// The 一级指标 blocks, in order.
    pub blocks: Vec<Block>,
    /// 总分 and its line.
    pub total: Option<(Decimal, usize)>,
}

fn numbers_at_end(cells: &[&str]) -> Vec<String> {
    let mut out: Vec<String> =
        cells.iter().rev().skip_while(|c| c.trim().is_empty()).take_while(|c| is_numberish(c)).map(|c| c.trim().to_string()).collect();
    out.reverse();
    out
}

fn is_numberish(s: &str) -> bool {
    let t = s.trim().trim_end_matches(['%', '％']);
    !t.is_empty() && parse_prose_number(t).is_some()
}

fn cells(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    cells_into(line, &mut out);
    out
}

/// [`cells`] into `out` (cleared first): the table's lines share one buffer.
fn cells_into<'a>(line: &'a str, out: &mut Vec<&'a str>) {
    out.clear();
    let mut tabs = memchr::memchr_iter(b'\t', line.as_bytes()).peekable();
    if tabs.peek().is_some() {
        // `line.split('\t')`, cut at the tabs one memchr pass finds: str's
        // char searcher restarts a slower memchr for every cell.
        let mut from = 0;
        for i in tabs {
            out.push(line.get(from..i).unwrap_or_default());
            from = i + 1;
        }
        out.push(line.get(from..).unwrap_or_default());
    } else {
        out.extend(crate::text::words(line));
    }
}

/// Parses a printed rate. Without "%", a value above 1.5 is a percentage that
/// lost its sign ("87.04"); otherwise it is a fraction ("1").
pub fn parse_rate(s: &str) -> Option<Rate> {
    let t = s.trim();
    let (num, percent) = match t.strip_suffix(['%', '％']) {
        Some(n) => (n, true),
        None => (t, false),
    };
    let v = parse_prose_number(num)?;
    let percent = percent || v > Decimal::from_parts(15, 0, 0, false, 1);
    let half = crate::checked::half_unit(v.scale());
    let hundred = Decimal::from(100);
    Some(if percent {
        Rate { fraction: v.checked_div(hundred)?, printed: t.to_string(), half_ulp: half.checked_div(hundred)? }
    } else {
        Rate { fraction: v, printed: t.to_string(), half_ulp: half }
    })
}

/// "产出指标（40分）" → ("产出指标", Some(40)); a 一级 label printed without
/// its weight ("效益指标" as the first cell) → ("效益指标", None).
fn block_label(first_cells: &[&str]) -> Option<(String, Option<Decimal>)> {
    // Every label opens with the first char of a kind and ends in 指标: a
    // cell opening otherwise (its first char is the squeezed cell's), or
    // without 标, is not squeezed (a copy) to find out.
    let may_be_label = |c: &&&str| c.trim_start().starts_with(['成', '产', '效', '满']) && search::has_char(c, '标');
    for cell in first_cells.iter().filter(may_be_label) {
        let sq = squeeze(cell);
        for kind in LABELS {
            let Some(rest) = sq.strip_prefix(kind) else { continue };
            let weight = rest
                .strip_prefix('（')
                .or_else(|| rest.strip_prefix('('))
                .and_then(|r| r.find('分').map(|e| &r[..e]))
                .and_then(parse_prose_number);
            return Some((kind.to_string(), weight));
        }
    }
    None
}

/// The 一级指标 kinds a block label names.
const LABELS: [&str; 4] = ["成本指标", "产出指标", "效益指标", "满意度指标"];

/// The (分值, 得分) of an indicator row: the last two numbers of the last run
/// of numeric cells (a 偏差原因 text may follow them).
fn weight_and_score(cells: &[&str]) -> Option<(Decimal, Decimal)> {
    // Read from the end: the cells before the last two numbers are never
    // parsed, and those two are parsed once (their values kept).
    let (last, score) = (0..cells.len()).rev().find_map(|i| Some((i, plain_number(cells[i])?)))?;
    let weight = plain_number(cells.get(last.checked_sub(1)?)?)?;
    // Text after the run must be a remark, not another value.
    if cells[last + 1..].iter().any(|c| is_numberish(c)) {
        return None;
    }
    Some((weight, score))
}

/// A cell that is a number and nothing else, read.
fn plain_number(s: &str) -> Option<Decimal> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    parse_prose_number(t)
}

/// Finds every self-evaluation table by its "年度资金总额" line; `joined` is
/// the lines' squeezed texts joined (`Joined::squeezed`, the document's
/// own), searched once rather than line by line.
pub(crate) fn self_evaluations(lines: &[Line], joined: &Joined) -> Vec<SelfEvaluation> {
    let anchors = joined.lines_with("年度资金总额");
    let mut out = Vec::new();
    for (k, &i) in anchors.iter().enumerate() {
        let end = anchors.get(k + 1).copied().unwrap_or(lines.len());
        let l = &lines[i];
        let nums = numbers_at_end(&cells(&l.text));
        if nums.len() < 6 {
            continue;
        }
        let nums = &nums[nums.len() - 6..];
        let (Some(initial), Some(budget), Some(executed), Some(weight), Some(rate), Some(score)) = (
            parse_prose_number(&nums[0]),
            parse_prose_number(&nums[1]),
            parse_prose_number(&nums[2]),
            parse_prose_number(&nums[3]),
            parse_rate(&nums[4]),
            parse_prose_number(&nums[5]),
        ) else {
            continue;
        };
        let funds = Funds { initial, budget, executed, weight, rate, score, line: l.no };
        let name = (i.saturating_sub(40)..i).rev().find_map(|j| {
            let sq = lines[j].squeezed.as_str();
            let rest = sq.strip_prefix("项目名称")?;
            let name = rest.split("主管部门").next().unwrap_or(rest).trim_start_matches(['：', ':']);
            (!name.is_empty()).then(|| name.to_string())
        });
        let (blocks, total) = indicator_blocks(&lines[i + 1..end]);
        out.push(SelfEvaluation { name, funds, blocks, total });
    }
    out
}

fn indicator_blocks(lines: &[Line]) -> (Vec<Block>, Option<(Decimal, usize)>) {
    let mut blocks: Vec<Block> = Vec::new();
    let mut total = None;
    // One buffer for every line's cells, not a vector per line.
    let mut cs: Vec<&str> = Vec::new();
    for l in lines {
        let sq = l.squeezed.as_str();
        if sq.is_empty() {
            continue;
        }
        if sq.starts_with("总分") && !search::contains(sq, "以下") {
            total = numbers_at_end(&cells(&l.text)).last().and_then(|n| parse_prose_number(n)).map(|v| (v, l.no));
            break;
        }
        // Before the first 一级指标 label a line matters only if it is one,
        // and a label cell holds 标: a line without it is not split.
        if blocks.is_empty() && !search::has_char(sq, '标') {
            continue;
        }
        cells_into(&l.text, &mut cs);
        // The first two cells that are not blank.
        let mut head = [""; 2];
        let mut n = 0;
        for c in cs.iter().filter(|c| !c.trim().is_empty()).take(2) {
            if let Some(h) = head.get_mut(n) {
                *h = c;
            }
            n += 1;
        }
        if let Some((label, stated)) = block_label(head.get(..n).unwrap_or_default()) {
            blocks.push(Block { label, stated, line: l.no, items: Vec::new(), complete: true });
        }
        let Some(b) = blocks.last_mut() else { continue };
        match weight_and_score(&cs) {
            Some((w, s)) => b.items.push((w, s, l.no)),
            None => b.complete = false,
        }
    }
    (blocks, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`cells_into`] cuts a tabbed line where `split('\t')` does, and
    /// splits any other by white space.
    #[test]
    fn cells_are_split_by_tab_or_white_space() {
        let pieces = ["\t", "产出指标", " ", "100", "", "\u{3000}", "a", "\t\t"];
        for text in crate::text::stream::sample_texts(&pieces, 500) {
            let mut out = vec!["stale"];
            cells_into(&text, &mut out);
            let want: Vec<&str> = if text.contains('\t') { text.split('\t').collect() } else { text.split_whitespace().collect() };
            assert_eq!(out, want, "{text:?}");
        }
    }

    #[test]
    fn rates_in_every_printed_form() {
        assert_eq!(parse_rate("82.79%").unwrap().fraction.to_string(), "0.8279");
        assert_eq!(parse_rate("87.04").unwrap().fraction.to_string(), "0.8704");
        assert_eq!(parse_rate("1").unwrap().fraction.to_string(), "1");
        assert_eq!(parse_rate("62%").unwrap().half_ulp.to_string(), "0.005");
    }

    #[test]
    fn cells_split_as_split_whitespace_splits() {
        let pieces = ["产出指标", "10", " ", "  ", "\u{3000}", "\u{a0}", "\u{2003}", "—", "…", "①", "\u{85}", "·", "a", "82.79%", "\u{c}"];
        for text in crate::text::stream::sample_texts(&pieces, 400) {
            for line in text.split('\n') {
                assert_eq!(crate::text::words(line).collect::<Vec<_>>(), line.split_whitespace().collect::<Vec<_>>(), "{line:?}");
            }
        }
    }

    #[test]
    fn block_labels() {
        assert_eq!(block_label(&["产出指标（40分）", "数量指标"]), Some(("产出指标".into(), Some(Decimal::from(40)))));
        assert_eq!(block_label(&["满意度指标(10分)"]), Some(("满意度指标".into(), Some(Decimal::from(10)))));
        assert_eq!(block_label(&["效益指标", "社会效益指标"]), Some(("效益指标".into(), None)));
        assert_eq!(block_label(&["数量指标"]), None);
    }

    #[test]
    fn a_remark_after_the_scores_is_allowed() {
        let cs = ["", "", "双招双引", "显著提升", "显著提升", "10", "9", "继续做好在谈项目的推进工作"];
        assert_eq!(weight_and_score(&cs), Some((Decimal::from(10), Decimal::from(9))));
    }
}
