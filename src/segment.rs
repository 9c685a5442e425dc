//! Segmentation: where each table starts and ends, its title, unit and notes.

use std::ops::Range;

use crate::recognise::table_marker_number;
use crate::tables::catalogue::{head_adds_to, kinds, may_head_title, without_unit};
use crate::text::joined::Joined;
use crate::text::search;
use crate::text::Line;

/// One table's place in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The number as printed in the marker ("01", "1").
    pub number: String,
    /// Index (into the lines) of the marker line.
    pub marker: usize,
    /// The title line near the marker, white space removed, with its index.
    pub title: Option<(usize, String)>,
    /// The money unit stated near the marker ("万元").
    pub unit: Option<String>,
    /// Indexes of the lines after the marker up to the next table or part.
    pub body: Range<usize>,
}

/// Finds every table marker and the lines that belong to it, given the
/// squeezed lines joined ([`Joined::squeezed_sized`]).
pub(crate) fn find_tables_in(lines: &[Line], joined: &Joined) -> Vec<Segment> {
    // Each line's squeezed text read in place (a line past the end is
    // empty), not first copied out of every line into a vector.
    let sq = |i: usize| lines.get(i).map_or("", |l| l.squeezed.as_str());
    let markers: Vec<(usize, String)> =
        // Only a line holding "公开" can hold a marker: found by one search of
        // the joined lines, not one per line.
        joined.lines_with("公开").into_iter().filter_map(|i| table_marker_number(sq(i)).map(|n| (i, n))).collect();
    let mut out = Vec::with_capacity(markers.len());
    for (k, (i, number)) in markers.iter().enumerate() {
        let next = markers.get(k + 1).map_or(lines.len(), |m| m.0);
        let mut end = (i + 1..next).find(|&j| is_part_heading(sq(j))).unwrap_or(next);
        // A table ends where the narrative begins, if it does before the
        // next marker or part heading: at its first heading followed by
        // prose. (Without its "第三部分" the last table ran on to "第四部分"
        // or the document's end, and its reader took the narrative's
        // figures into its last row.)
        if let Some(j) = (i + 4..end).find(|&j| opens_narrative(sq, j)) {
            end = title_lines_before(sq, |k| crate::narrative::is_page_number(lines, k), i + 1, j);
        }
        // The next table's title and meta lines precede its marker; they are
        // not part of this table.
        if end == next && k + 1 < markers.len() {
            while end > i + 1 && is_preamble(sq(end - 1)) {
                end -= 1;
            }
        }
        let lo = if k == 0 { i.saturating_sub(8) } else { i.saturating_sub(8).max(markers[k - 1].0 + 1) };
        let title = find_title(sq, lo, *i, end.min(i + 8));
        let unit = (lo..end.min(i + 8)).find_map(|j| unit_in(sq(j)));
        out.push(Segment { number: number.clone(), marker: *i, title, unit, body: i + 1..end });
    }
    out
}

/// A line that may stand between two tables: blank, a title, 部门/单位 meta,
/// a year heading.
fn is_preamble(s: &str) -> bool {
    s.is_empty()
        || is_title(s)
        || search::contains(s, "单位：")
        || search::contains(s, "部门：")
        || search::contains(s, "单位:")
        || search::contains(s, "部门:")
        || (s.ends_with("年度") && s.chars().count() <= 8)
        || s.ends_with("决算表") && s.chars().count() <= 12
}

fn is_title(s: &str) -> bool {
    // "收支预算总表（单位：万元）": the unit after the title is no part of it.
    let s = without_unit(s);
    let n = s.chars().count();
    // "一般公共预算基本支出表（部门经济分类）": a qualifier may follow the 表.
    let core = match s.strip_suffix('）').and_then(|x| x.rfind('（').map(|i| &x[..i])) {
        Some(c) if c.ends_with('表') => c,
        _ => s,
    };
    (4..=40).contains(&n)
        && (core.ends_with('表') || s.ends_with("表(续)"))
        && !search::contains(s, "公开")
        && !search::contains(s, "单位：")
        && !search::contains(s, "部门：")
        && !search::contains(s, "单位:")
        && !search::contains(s, "部门:")
        && ["收", "支", "决算", "预算", "三公", "经费", "采购", "绩效"].iter().any(|k| search::contains(s, k))
}

/// Whether squeezed line `j` is a top-level heading of the narrative
/// ("一、收支预算总体情况说明": an ordinal, a few words, no figure) with
/// prose within the next few lines: a sentence, not a note. A table's
/// row label printed without amounts is followed by rows, not prose.
fn opens_narrative<'a>(sq: impl Fn(usize) -> &'a str, j: usize) -> bool {
    let s = sq(j);
    let Some((ordinal, words)) = s.split_once('、') else { return false };
    let numeral = !ordinal.is_empty() && ordinal.chars().all(|c| "一二三四五六七八九十".contains(c));
    let n = words.chars().count();
    numeral
        && (2..=30).contains(&n)
        && !words.chars().any(|c| c.is_ascii_digit() || c == '.')
        && (j + 1..j + 5).map(&sq).any(|l| !is_note(l) && l.chars().count() >= 12 && (l.contains('。') || l.contains('，')))
}

/// Where the lines standing right before the narrative's first heading at
/// `j` begin, back to `from` at most: its title ("江苏省高级人民法院 2017
/// 年度" / "部门预算情况说明": no figure but a year's, or "2017 年度" reads
/// as a row of 2017, and a year or a word of a title, 说明, 年度 or 情况),
/// blank lines and page numbers; not a sentence or a note, which belong to
/// the table above, nor a row's label.
pub(crate) fn title_lines_before<'a>(sq: impl Fn(usize) -> &'a str, page_number: impl Fn(usize) -> bool, from: usize, j: usize) -> usize {
    let mut start = j;
    while start > from {
        let s = sq(start - 1);
        let years = only_years(s);
        let worded = ["说明", "年度", "情况"].iter().any(|w| search::contains(s, w));
        let title = years.is_some_and(|n| n > 0 || worded) && !s.contains('。') && !is_note(s);
        if !(s.is_empty() || title || page_number(start - 1)) {
            break;
        }
        start -= 1;
    }
    start
}

/// How many figures `s` holds, when every one is a year ("2017年", or
/// "2018" ending the line, its 年 wrapped onto the next): four digits from
/// 1990 to 2099, before 年 or at the end. None when another figure stands.
fn only_years(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let (mut k, mut years) = (0, 0);
    while k < b.len() {
        if b[k].is_ascii_digit() {
            let run = b[k..].iter().take_while(|c| c.is_ascii_digit()).count();
            let year = s[k..k + run].parse::<u32>().is_ok_and(|y| (1990..2100).contains(&y));
            let rest = &s[k + run..];
            if run != 4 || !year || !(rest.is_empty() || rest.starts_with('年')) {
                return None;
            }
            years += 1;
            k += run;
        } else {
            k += 1;
        }
    }
    Some(years)
}

/// "第三部分 …": the tables end where the narrative starts.
fn is_part_heading(s: &str) -> bool {
    // Every one opens with 第, which most lines do not: one compare for them.
    s.starts_with('第') && ["第一部分", "第二部分", "第三部分", "第四部分", "第五部分"].iter().any(|p| s.starts_with(p))
}

/// A table title: a short line ending in 表 that names money, not a marker or a
/// meta line. The nearest one before the marker wins, then the nearest after.
fn find_title<'a>(sq: impl Fn(usize) -> &'a str, lo: usize, marker: usize, hi: usize) -> Option<(usize, String)> {
    // "一、收入支出决算总表" → "收入支出决算总表"; "一般公共…" keeps its 一.
    let strip_ordinal = |s: &str| match s.find(['、', '.']) {
        Some(i) if s[..i].chars().all(|c| "一二三四五六七八九十0123456789".contains(c)) && i > 0 => {
            s[i..].trim_start_matches(['、', '.']).to_string()
        }
        _ => s.to_string(),
    };
    // A title wrapped onto two lines after the marker ("单位预算财政拨" /
    // "款收支总表"): read whole when it names a table, and, where its tail
    // alone reads as a title, another one than the tail ("收支总表"), or
    // the head holds its ordinal or year.
    let pair = |j: usize| {
        let (head, tail) = (sq(j), sq(j + 1));
        if j + 1 >= hi || tail.is_empty() || !may_head_title(head, tail) || is_title(head) {
            return None;
        }
        let both = format!("{head}{tail}");
        let whole = is_title(&both)
            && kinds(&both).iter().any(Option::is_some)
            && (!is_title(tail) || strip_ordinal(head) != head || head_adds_to(head, &both, tail));
        whole.then_some(both)
    };
    for j in (lo..marker).rev().chain(marker + 1..hi) {
        if j > marker {
            if let Some(both) = pair(j) {
                return Some((j, strip_ordinal(without_unit(&both))));
            }
        }
        if is_title(sq(j)) {
            return Some((j, strip_ordinal(without_unit(sq(j)))));
        }
    }
    None
}

/// The unit in "金额单位：万元", "单位：元", "单位：人民币万元", "单位：（万元）" (also fused
/// with 部门), or of a line that is only a unit ([`lone_unit`]).
pub fn unit_in(s: &str) -> Option<String> {
    // "编制单位：某局 单位：元": the unit is after the 单位 that names money.
    // Each 单位 found by `search::find` (a memchr for its last byte): str's
    // char search set up a searcher on every call, for every line near a
    // marker and every line of a grid table's head.
    let mut from = 0;
    while let Some(at) = s.get(from..).and_then(|rest| search::find(rest, "单位")) {
        from += at + "单位".len();
        let after = s.get(from..).unwrap_or_default();
        let Some(rest) = after.strip_prefix('：').or_else(|| after.strip_prefix(':')) else {
            if let Some(u) = unit_after_no_colon(after) {
                return Some(u.to_string());
            }
            continue;
        };
        // "单位：人民币万元", "单位：（万元）".
        let rest = rest.strip_prefix(['（', '(']).unwrap_or(rest);
        let rest = rest.strip_prefix("人民币").unwrap_or(rest);
        if let Some(u) = UNITS.iter().find(|u| rest.starts_with(**u)) {
            return Some(u.to_string());
        }
    }
    lone_unit(s).or_else(|| meta_unit(s)).map(str::to_string)
}

/// The unit `after` a 单位 states without a colon: "（万元）" closed by its
/// bracket, or "/元" after a slash ("单位元旦" names no unit).
fn unit_after_no_colon(after: &str) -> Option<&'static str> {
    let closed = |open: char, close: char| {
        let inner = after.strip_prefix(open)?;
        UNITS.iter().find(|u| inner.strip_prefix(**u).is_some_and(|r| r.starts_with(close)))
    };
    let slashed = || {
        let rest = after.strip_prefix(['/', '／'])?;
        UNITS.iter().find(|u| rest.starts_with(**u))
    };
    closed('（', '）').or_else(|| closed('(', ')')).or_else(slashed).copied()
}

/// Where in `s` a unit stated without a colon starts ("单位（万元）",
/// "单位(元)", "单位/万元"), and the unit: the end of the name on a 部门
/// meta line that states its unit so, and the document's unit.
pub(crate) fn unit_without_colon(s: &str) -> Option<(usize, &'static str)> {
    let mut from = 0;
    while let Some(at) = s.get(from..).and_then(|rest| search::find(rest, "单位")) {
        let start = from + at;
        from = start + "单位".len();
        if let Some(u) = unit_after_no_colon(s.get(from..).unwrap_or_default()) {
            return Some((start, u));
        }
    }
    None
}

/// The units money is stated in, longest first where one ends another.
const UNITS: [&str; 4] = ["万元", "亿元", "千元", "元"];

/// A squeezed line that is only a unit, in brackets or not: "（万元）" at
/// the end of a title or alone above a table, "万元" alone where other
/// portals print "单位：万元". A bare "元" is not taken: alone on a line it
/// is as often the end of "万元" wrapped in a narrow cell.
fn lone_unit(s: &str) -> Option<&'static str> {
    // Most lines end in neither 元 nor a bracket: turned away by the last char.
    if !s.ends_with(['元', '）', ')']) || s.len() > "（万元）".len() {
        return None;
    }
    let inner = s.strip_prefix('（').and_then(|r| r.strip_suffix('）')).or_else(|| s.strip_prefix('(').and_then(|r| r.strip_suffix(')')));
    match inner {
        Some(u) => UNITS.iter().find(|w| **w == u),
        None => UNITS[..3].iter().find(|w| **w == s),
    }
    .copied()
}

/// The unit at the end of a 部门 meta line with no 单位： before it
/// ("编制部门：某局      万元", squeezed "编制部门：某局万元"): a department's
/// name ends in no unit.
fn meta_unit(s: &str) -> Option<&'static str> {
    if !s.ends_with(['元', '）', ')']) || !META_HEADS.iter().any(|h| s.starts_with(h)) {
        return None;
    }
    trailing_unit(s).map(|(_, u)| u)
}

/// How a meta line naming the department begins.
pub(crate) const META_HEADS: [&str; 6] = ["部门：", "部门:", "编制部门", "编制单位", "部门名称", "单位名称"];

/// `s` without the unit it ends in, and that unit: a [`lone_unit`] in
/// brackets ("…办公厅（元）") or 万元, 亿元, 千元 bare ("…办公厅万元"); a
/// bare 元 is again not taken.
pub(crate) fn trailing_unit(s: &str) -> Option<(&str, &'static str)> {
    if let Some(u) = s.rfind(['（', '(']).and_then(|i| Some((&s[..i], lone_unit(&s[i..])?))) {
        return Some(u);
    }
    UNITS[..3].iter().find(|u| s.ends_with(**u)).map(|u| (&s[..s.len() - u.len()], *u))
}

/// `s` without the unit in brackets it ends in, and that unit: a column's
/// caption "金额（万元）" is the column 金额, in 万元.
pub(crate) fn bracketed_unit(s: &str) -> Option<(&str, &'static str)> {
    let i = s.rfind(['（', '('])?;
    Some((&s[..i], lone_unit(&s[i..])?)).filter(|(name, _)| !name.is_empty())
}

/// True for a note line ("注：", "注:", "说明：", "备注").
pub fn is_note(s: &str) -> bool {
    s.starts_with("注") || s.starts_with("说明：") || s.starts_with("备注")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise;

    #[test]
    fn a_marked_title_with_its_unit_on_the_title_line() {
        let lines = normalise("公开09表\n“三公”经费、会议费、培训费支出预算表（单位：万元）\n部门：某局\n合计  1.00\n");
        let joined = Joined::squeezed(&lines);
        let s = find_tables_in(&lines, &joined);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].title, Some((1, "“三公”经费、会议费、培训费支出预算表".to_string())));
        assert_eq!(s[0].unit.as_deref(), Some("万元"));
    }

    /// The last table ends where the narrative begins when no "第三部分"
    /// stands between them (the shape of yantai-office-2023-budget with
    /// its part heading taken out): at a heading followed by prose, its
    /// title above it going with it. A row label printed without amounts
    /// ("一、基本支出", "一、货物"), followed by rows, ends nothing.
    #[test]
    fn the_last_table_ends_where_prose_begins_without_a_part_heading() {
        let text = "公开表11\n项目支出表\n合计  1.00\n一、基本支出\n  工资  1.00\n公开表12\n政府采购预算表\n科目编码 科目名称 合计\n一、货物\n201 03 02 一般行政管理事务 865.00\n\n2023年部门预算情况\n 一、预算收支增减变化情况说明\n\n按照综合预算的原则，本部门所有收入和支出均纳入部\n门预算管理。较上年增加1,331.67万元。\n第四部分\n名词解释\n";
        let lines = normalise(text);
        let s = find_tables_in(&lines, &Joined::squeezed(&lines));
        let last_line = |k: usize| lines[s[k].body.end - 1].no;
        // (Its title "2023年部门预算情况" above the heading goes with it.)
        assert_eq!((s.len(), last_line(0), last_line(1)), (2, 5, 10));
        // With its part heading, it ends there, as before.
        let lines = normalise(&text.replace("2023年部门预算情况", "第三部分 2023年部门预算情况"));
        let s = find_tables_in(&lines, &Joined::squeezed(&lines));
        assert_eq!(lines[s[1].body.end - 1].no, 11);
    }

    #[test]
    fn a_marked_title_wrapped_onto_two_lines_is_read_whole() {
        let title = |text: &str| find_tables_in(&normalise(text), &Joined::squeezed(&normalise(text)))[0].title.clone();
        // Its tail alone reads as another table's title (收支总表).
        assert_eq!(title("公开表4\n\n单位预算财政拨\n款收支总表\n序号\n"), Some((2, "单位预算财政拨款收支总表".to_string())));
        assert_eq!(
            title("公开表9\n单位一般公共预算“三公”经费\n支出情况表\n序号\n"),
            Some((1, "单位一般公共预算“三公”经费支出情况表".to_string()))
        );
        // A label above a whole title is none of it; nor is the part
        // heading before the marker (its two lines end in 表 too).
        assert_eq!(
            title("公开08表\n合计\n国有资本经营预算财政拨款支出决算表\n项目\n"),
            Some((2, "国有资本经营预算财政拨款支出决算表".to_string()))
        );
        assert_eq!(title("某局2023年单位\n预算表\n公开表1\n\n单位预算收支总表\n"), Some((4, "单位预算收支总表".to_string())));
    }

    /// [`unit_in`] by its definition: each 单 found by str's char search,
    /// then a line that is a unit and nothing else.
    fn unit_by_definition(s: &str) -> Option<String> {
        let units = ["万元", "亿元", "千元", "元"];
        let stated = s.match_indices('单').find_map(|(i, _)| {
            let after = s[i..].strip_prefix("单位")?;
            // "单位（万元）", "单位(元)", "单位/万元".
            for u in units {
                if [format!("（{u}）"), format!("({u})"), format!("/{u}"), format!("／{u}")].iter().any(|f| after.starts_with(f.as_str()))
                {
                    return Some(u.to_string());
                }
            }
            let rest = after.strip_prefix('：').or_else(|| after.strip_prefix(':'))?;
            let rest = rest.strip_prefix(['（', '(']).unwrap_or(rest);
            let rest = rest.strip_prefix("人民币").unwrap_or(rest);
            units.iter().find(|u| rest.starts_with(**u)).map(|u| u.to_string())
        });
        // A line that is a unit: "（万元）", "(元)", or 万元, 亿元, 千元 bare.
        let lone = |t: &str| {
            units.iter().find(|u| t == format!("（{u}）") || t == format!("({u})") || (**u != "元" && t == **u)).map(|u| u.to_string())
        };
        // A 部门 meta line ending in such a unit: its last bracket group, or its last two chars.
        let meta = ["部门：", "部门:", "编制部门", "编制单位", "部门名称", "单位名称"].iter().any(|h| s.starts_with(h));
        let group = s.rfind(['（', '(']).map(|i| &s[i..]);
        let tail: String = s.chars().rev().take(2).collect::<Vec<_>>().into_iter().rev().collect();
        let at_end = group.and_then(lone).or_else(|| lone(&tail).filter(|u| u.as_str() == tail));
        stated.or_else(|| lone(s)).or_else(|| at_end.filter(|_| meta))
    }

    #[test]
    fn the_unit_is_found_as_defined() {
        let pieces = [
            "单位",
            "单",
            "位",
            "：",
            ":",
            "万元",
            "元",
            "亿",
            "千",
            "编制",
            "金额",
            "人民币",
            "（",
            "）",
            "(",
            ")",
            "/",
            "部门：",
            "某局",
            "a",
            "1",
        ];
        for text in crate::text::stream::sample_texts(&pieces, 400) {
            assert_eq!(unit_in(&text), unit_by_definition(&text), "{text:?}");
        }
        assert_eq!(unit_in("编制单位：某局 单位：元").as_deref(), Some("元"));
    }

    /// Other portals print the unit without 单位：, alone on its line or in
    /// brackets after the title, or with 人民币 before it. A bare 元 alone
    /// is the end of a wrapped "万元" as often as a unit, and is not one.
    #[test]
    fn a_unit_printed_alone_in_brackets_or_in_renminbi() {
        for (line, unit) in [
            ("（万元）", Some("万元")),
            ("(元)", Some("元")),
            ("万元", Some("万元")),
            ("亿元", Some("亿元")),
            ("单位：人民币万元", Some("万元")),
            ("金额单位:人民币元", Some("元")),
            ("单位：（万元）", Some("万元")),
            ("单位（万元）", Some("万元")),
            ("金额单位(元)", Some("元")),
            ("单位/万元", Some("万元")),
            ("本单位元旦", None),
            ("单位（万元", None),
            ("某某事业单位管理局单位：万元", Some("万元")),
            ("元", None),
            ("（万元）合计", None),
            ("项目资金（万元）", None),
            ("1234.56万元", None),
            ("编制部门：某局万元", Some("万元")),
            ("部门：某局（万元）", Some("万元")),
            ("单位名称：某局（本级）", None),
            ("部门：某局元", None),
        ] {
            assert_eq!(unit_in(line).as_deref(), unit, "{line}");
        }
        assert_eq!(bracketed_unit("金额（万元）"), Some(("金额", "万元")));
        assert_eq!(bracketed_unit("预算数(元)"), Some(("预算数", "元")));
        for caption in ["（万元）", "金额（本级）", "金额万元", "因公出国（境）费"] {
            assert_eq!(bracketed_unit(caption), None, "{caption}");
        }
    }
}
