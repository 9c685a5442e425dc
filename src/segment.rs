//! Segmentation: where each table starts and ends, its title, unit and notes.

use std::ops::Range;

use crate::recognise::table_marker_number;
use crate::tables::catalogue::without_unit;
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
        && ["收", "支", "决算", "预算", "三公", "经费", "采购", "绩效"].iter().any(|k| search::contains(s, k))
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
    (lo..marker).rev().chain(marker + 1..hi).find(|&j| is_title(sq(j))).map(|j| (j, strip_ordinal(without_unit(sq(j)))))
}

/// The unit in "金额单位：万元", "单位：元" (also fused with 部门).
pub fn unit_in(s: &str) -> Option<String> {
    // "编制单位：某局 单位：元": the unit is after the 单位 that names money.
    // Each 单位 found by `search::find` (a memchr for its last byte): str's
    // char search set up a searcher on every call, for every line near a
    // marker and every line of a grid table's head.
    let mut from = 0;
    while let Some(at) = s.get(from..).and_then(|rest| search::find(rest, "单位")) {
        from += at + "单位".len();
        let after = s.get(from..).unwrap_or_default();
        let Some(rest) = after.strip_prefix('：').or_else(|| after.strip_prefix(':')) else { continue };
        if let Some(u) = ["万元", "亿元", "千元", "元"].iter().find(|u| rest.starts_with(**u)) {
            return Some(u.to_string());
        }
    }
    None
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

    /// [`unit_in`] as first written: each 单 found by str's char search.
    fn unit_by_definition(s: &str) -> Option<String> {
        s.match_indices('单').find_map(|(i, _)| {
            let after = s[i..].strip_prefix("单位")?;
            let rest = after.strip_prefix('：').or_else(|| after.strip_prefix(':'))?;
            ["万元", "亿元", "千元", "元"].iter().find(|u| rest.starts_with(**u)).map(|u| u.to_string())
        })
    }

    #[test]
    fn the_unit_is_found_as_defined() {
        let pieces = ["单位", "单", "位", "：", ":", "万元", "元", "亿", "千", "编制", "金额", "a", "1"];
        for text in crate::text::stream::sample_texts(&pieces, 400) {
            assert_eq!(unit_in(&text), unit_by_definition(&text), "{text:?}");
        }
        assert_eq!(unit_in("编制单位：某局 单位：元").as_deref(), Some("元"));
    }
}
