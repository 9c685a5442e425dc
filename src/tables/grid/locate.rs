//! Where the tables are: title lines matched against the catalogue.
//!
//! A title is a table only when a table follows it: a unit line or header
//! words within a few lines, not another title (a table of contents lists
//! titles one after another) and not prose. A table runs until the next
//! table's title (and the marker printed before it), a part heading, or prose
//! after its notes; a title the catalogue does not list ends it too
//! ([`Unlisted`]). The same kind again right after a table, with no other
//! table between, is its continuation on the next page (its title marked
//! "（续）" or not).
//!
//! Text copied in the order the PDF draws it may print every title last, at
//! the foot of its page: where most titles stand so, with rows above them,
//! each table is the page above its title and the untitled pages after it.

use std::ops::Range;

use super::super::catalogue::{self, Title};
use super::spans::{spans, What};
use crate::model::{DocumentKind, TableKind};
use crate::segment::{is_note, unit_in};
use crate::text::search;
use crate::text::Line;

/// A title line found: (line, lines it takes, the title, its kind; None
/// for a title the catalogue does not list, see [`unlisted`]).
type Candidate = (usize, usize, Title, Option<TableKind>);

/// One table found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the title names.
    pub kind: TableKind,
    /// The title as printed (white space removed, marker split off).
    pub title: String,
    /// The marker printed with the title, if any.
    pub marker: Option<String>,
    /// Index of the first line that belongs to the table (its marker or title).
    pub first: usize,
    /// Index of the title line.
    pub title_line: usize,
    /// The money unit stated for it.
    pub unit: Option<String>,
    /// Indexes of the lines after the title up to the end of the table.
    pub body: Range<usize>,
    /// Indexes of the lines of later pages that continue it (repeated title).
    pub more: Vec<Range<usize>>,
    /// 1-based page of the title (pages split by form feeds).
    pub page: usize,
    /// Why the table cannot be read though it was found, if so.
    pub refusal: Option<&'static str>,
}

/// Why a title amid rows, where the others are printed under their tables,
/// is not read.
const TITLE_AMID_ROWS: &str =
    "这份文本的表题排在各表内容之后（按PDF绘制顺序复制的文本），而本表表题前后都有数字行，无法确定哪些行属于本表，本表未读取。";

/// Why a title printed under its table, with words after it, is not read.
const WORDS_AFTER_TITLE: &str =
    "本页的表题排在表格内容之后（按PDF绘制顺序复制的文本），表题后还有表头或行名文字，无法放回原来的位置，本表未读取。";

/// The blocks [`find`] finds (the tests' view).
#[cfg(test)]
pub(crate) fn blocks(lines: &[Line], pages: &[usize], doc: DocumentKind, read_at: impl Fn(usize) -> Option<usize>) -> Vec<Block> {
    find(lines, pages, doc, read_at).0
}

/// A table whose title the catalogue does not list ("政府购买服务预算表"):
/// not read, but where it starts the table before it ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlisted {
    /// The title as printed (white space removed, marker split off).
    pub title: String,
    /// Index of the title line.
    pub title_line: usize,
}

/// Finds every table whose title the catalogue knows; `pages` is the
/// lines' [`page_index`]. `read_at(j)`: the first line
/// from `j` on where a table already read starts, if any; a block whose
/// lines reach it is that table's (see [`super::read_all`]), and is given
/// with its body only up to that line and no unit or marker.
/// Also gives the [`Unlisted`] tables found among them.
pub(crate) fn find(
    lines: &[Line],
    pages: &[usize],
    doc: DocumentKind,
    read_at: impl Fn(usize) -> Option<usize>,
) -> (Vec<Block>, Vec<Unlisted>) {
    let sq: Vec<&str> = lines.iter().map(|l| l.squeezed.as_str()).collect();
    let raw: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    let may_start = may_start_titles(&sq);
    let mut titles: Vec<Candidate> = Vec::new(); // (line, lines used, title, kind)
    let mut i = 0;
    // The byte test of `title_at`, made beforehand: the next line it lets
    // by is found by a search of its bytes (few do), not a test per line.
    while let Some(k) = next_one(&may_start, i) {
        i = k;
        // Its test of whole characters.
        if !ends_as_a_title(&sq, i) {
            i += 1;
            continue;
        }
        if let Some((t, used)) = title_on(&sq, &raw, i) {
            let kind = catalogue::kind_of(&t.text, doc);
            // An unlisted title is taken alone: a line above it (a header's
            // last cell on the page before) would be joined to any.
            if kind.is_some() || used == 1 && unlisted(&t.text, doc) {
                titles.push((i, used, t, kind));
                i += used;
                continue;
            }
        } else if let Some(t) = bare_title(&sq, i).filter(|t| unlisted(&t.text, doc)) {
            titles.push((i, 1, t, None));
        }
        i += 1;
    }
    // Text without form feeds has no pages to compare: the same title
    // again, with no other table between, is a page break that lost them.
    let paged = pages.last().is_some_and(|p| *p > 1);
    // Text copied in the order the PDF draws it can print each title last,
    // at the foot of its page under its rows (Jiangsu's forms, copied by a
    // viewer that keeps the drawing order). Read so only when most titles
    // stand so: one title at a page's foot is a title whose table starts
    // on the next page. The rows above a title start after the title
    // before it.
    // Whether a line holds an amount (a number with separators or decimals,
    // not a code, a page number or a 0 alone), told once per line.
    let mut told: Vec<Option<bool>> = vec![None; lines.len()];
    let mut amounts = |j: usize| {
        *told[j].get_or_insert_with(|| {
            let t = &lines[j].text;
            t.bytes().any(|b| b.is_ascii_digit()) && spans(t).iter().any(|s| matches!(s.what, What::Number(_)))
        })
    };
    let feet: Vec<Option<Foot>> = match paged {
        true => titles
            .iter()
            .enumerate()
            .map(|(k, (i, used, _, _))| {
                let after = k.checked_sub(1).and_then(|p| titles.get(p)).map_or(0, |p| p.0 + p.1);
                let before = titles.get(k + 1).map_or(lines.len(), |n| n.0);
                foot(lines, pages, &mut amounts, after..before, *i, *used)
            })
            .collect(),
        false => vec![None; titles.len()],
    };
    // A table of contents: a title whose next non-blank line is another title.
    let below: Vec<bool> = titles
        .iter()
        .map(|(i, used, _, _)| {
            let next = (i + used..sq.len().min(i + used + 40)).find(|j| !sq[*j].is_empty() && !catalogue::is_marker_line(sq[*j]));
            // "…表（单位：万元）": the unit printed on the title line says a
            // table follows as a unit line below it would.
            let unit_on_title = (*i..i + used).any(|k| sq.get(k).is_some_and(|s| unit_in(s).is_some())) || unit_above(&sq, *i).is_some();
            // A unit line with a title right under it is that title's
            // (drawn before it), not this one's: a contents page's last
            // entry above the first table.
            let units_next_title = |j: usize| {
                printed(&sq, j + 1..sq.len()).next().is_some_and(|k| unit_above(&sq, k) == Some(j) && title_at(&sq, &raw, k).is_some())
            };
            // A continuation page's title ("…表（续）") may have its rows
            // right under it.
            let continued = sq.get(i + used - 1).is_some_and(|s| catalogue::without_continued_mark(s).is_some());
            match next {
                None => false,
                Some(j) => {
                    title_at(&sq, &raw, j).is_none()
                        && !units_next_title(j)
                        && (unit_on_title || continued || table_follows(printed(&sq, j..sq.len()).map(|k| (sq[k], Some(raw[k])))))
                }
            }
        })
        .collect();
    // A title printed last, with its table (rows, and a unit or header)
    // above it.
    let above: Vec<bool> = feet
        .iter()
        .map(|f| f.as_ref().is_some_and(|f| f.rows && table_follows(printed(&sq, f.above.clone()).map(|k| (sq[k], None)))))
        .collect();
    let at_feet = above.iter().filter(|a| **a).count();
    let found = below.iter().zip(&above).filter(|(b, a)| **b || **a).count();
    let titles_last = at_feet >= 2 && 2 * at_feet > found;
    // Titles printed last put a contents page's last entry before the first
    // table's unit line, as if a table followed it: an entry under another
    // title, with no row above it, is the contents'.
    let listed = |i: usize| {
        let above = (i.saturating_sub(64)..i).rev().find(|j| !sq[*j].is_empty());
        // The candidate title starting at or before that line.
        above.is_some_and(|j| titles.partition_point(|t| t.0 <= j).checked_sub(1).is_some_and(|k| titles[k].0 + titles[k].1 > j))
    };
    let (accepted, feet): (Vec<&Candidate>, Vec<Option<Foot>>) = titles
        .iter()
        .zip(feet)
        .zip(below.iter().zip(&above))
        .filter(|((t, foot), (below, above))| match titles_last {
            true => **above || (**below && !(foot.as_ref().is_some_and(|f| !f.rows) && listed(t.0))),
            false => **below,
        })
        .map(|(c, _)| c)
        .unzip();
    let mut out: Vec<Block> = Vec::new();
    let foot_of = |k: usize| feet.get(k).and_then(Option::as_ref).filter(|_| titles_last);
    // Where each table's lines start: its marker or title, or for a title
    // printed last the top of its page.
    let starts: Vec<usize> = accepted
        .iter()
        .enumerate()
        .map(|(k, (i, ..))| foot_of(k).map_or_else(|| marker_before(&sq, *i).unwrap_or(*i), |f| f.above.start))
        .collect();
    let mut unlisted_found: Vec<Unlisted> = Vec::new();
    // Whether an unlisted table stands between the last block and this one
    // (the same title after it is then no continuation).
    let mut after_unlisted = false;
    for (k, (i, used, t, kind)) in accepted.iter().enumerate() {
        let (i, used) = (*i, *used);
        let Some(kind) = *kind else {
            // Printed again on its next page: one table.
            if !(after_unlisted && unlisted_found.last().is_some_and(|u| u.title == t.text)) {
                unlisted_found.push(Unlisted { title: t.text.clone(), title_line: i });
            }
            after_unlisted = true;
            continue;
        };
        let next = starts.get(k + 1).copied().unwrap_or(sq.len());
        let block = match foot_of(k) {
            Some(f) => {
                let marker = t.marker.clone().or_else(|| printed(&sq, f.above.clone()).next().and_then(|j| catalogue::marker_line(sq[j])));
                let unit = (i..i + used).chain(f.above.clone()).find_map(|j| unit_in(sq[j]));
                let end = continued(&sq, pages, f.page_end, next);
                Block {
                    kind,
                    title: t.text.clone(),
                    marker,
                    first: f.above.start,
                    title_line: i,
                    unit,
                    body: f.above.clone(),
                    more: (f.page_end < end).then_some(f.page_end..end).into_iter().collect(),
                    page: pages[i],
                    // Words drawn after the title (a header's pieces, the 合计
                    // of the first row) cannot be put back where they stood:
                    // the rows without them would read as other rows.
                    refusal: f.words_after.then_some(WORDS_AFTER_TITLE),
                }
            }
            None => {
                let first = marker_before(&sq, i).unwrap_or(i);
                let next = next.max(i + used);
                // A block whose lines reach the first line of a table read
                // before is skipped whatever its end, so its end is looked
                // for up to that line first: reading every line after the
                // title for prose was most of the cost of finding the
                // blocks (on 青岛's budget, whose tables are all read by
                // their markers, about 0.13 M instructions a check).
                let upto = read_at(first).filter(|s| *s < next).map(|s| (s + 1).max(i + used));
                let end = end_before(&sq, i + used, upto.unwrap_or(next));
                if upto == Some(end) {
                    Block {
                        kind,
                        title: t.text.clone(),
                        marker: None,
                        first,
                        title_line: i,
                        unit: None,
                        body: i + used..end,
                        more: Vec::new(),
                        page: pages[i],
                        refusal: titles_last.then_some(TITLE_AMID_ROWS),
                    }
                } else {
                    let marker = t.marker.clone().or_else(|| {
                        marker_before(&sq, i).map(|m| sq[m].to_string()).or_else(|| {
                            let j = (i + used..sq.len()).find(|j| !sq[*j].is_empty())?;
                            catalogue::marker_line(sq[j])
                        })
                    });
                    let unit = (i..i + used).chain(printed(&sq, i + used..end)).chain(unit_above(&sq, i)).find_map(|j| unit_in(sq[j]));
                    Block {
                        kind,
                        title: t.text.clone(),
                        marker,
                        first,
                        title_line: i,
                        unit,
                        body: i + used..end,
                        more: Vec::new(),
                        page: pages[i],
                        // Where titles are printed under their tables, one with
                        // rows after it on its page has its table above or below
                        // it: which, nothing tells.
                        refusal: titles_last.then_some(TITLE_AMID_ROWS),
                    }
                }
            }
        };
        match out.last_mut() {
            // The same table again after a page break: a continuation.
            // (A continuation page's "…表（续）" is read without its mark.)
            Some(prev) if !after_unlisted && prev.kind == block.kind && prev.title == block.title && (block.page > prev.page || !paged) => {
                prev.more.push(block.body);
                prev.more.extend(block.more);
                prev.refusal = prev.refusal.or(block.refusal);
            }
            _ => out.push(block),
        }
        after_unlisted = false;
    }
    (out, unlisted_found)
}

/// Whether a title the catalogue does not list names a table of a
/// disclosure all the same ("政府购买服务预算表"): it ends in 表 and says
/// more than which document it is in (the tables' part
/// heading, "2024年度部门决算表", does not). Where such a table stands, the
/// table before it ends; its rows are not that table's. A 绩效自评表 is read
/// apart ([`crate::perf`]).
fn unlisted(title: &str, doc: DocumentKind) -> bool {
    const DOCUMENT: [&str; 7] = ["部门", "单位", "预算", "决算", "公开", "年度", "年"];
    let core = catalogue::bracket_core(catalogue::without_unit(title));
    if doc == DocumentKind::Unknown || !core.ends_with('表') || !(6..=40).contains(&core.chars().count()) {
        return false;
    }
    // The chars left once the year and the words naming the document are
    // taken off.
    let mut rest = core.trim_start_matches(|c: char| c.is_ascii_digit());
    let mut left = 0;
    while let Some(c) = rest.chars().next() {
        match DOCUMENT.iter().find(|w| rest.starts_with(**w)) {
            Some(w) => rest = &rest[w.len()..],
            None => {
                left += 1;
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    !search::contains(core, "绩效") && left >= 4
}

/// A line that names no money the catalogue's titles name, but stands as a
/// table's title all the same: a short line ending in 表, no sentence, no
/// amount, with the table's unit on the next printed line ("国有资产占用情况
/// 表" / "单位：万元").
fn bare_title(sq: &[&str], i: usize) -> Option<Title> {
    // Most lines asked end otherwise (in a numeral's last byte, or a
    // bracket): turned away by their last char before any scan.
    let s = sq.get(i).filter(|s| s.ends_with('表'))?;
    let text = s.trim_start_matches(|c: char| c.is_ascii_digit());
    let plain = !text.contains(|c: char| c.is_ascii_digit() || "。，；：:、.（(".contains(c));
    let unit_next = || printed(sq, i + 1..sq.len()).next().is_some_and(|j| unit_in(sq[j]).is_some());
    ((6..=30).contains(&s.chars().count()) && plain && unit_next()).then(|| Title { marker: None, text: s.to_string() })
}

/// Where the pages from `from` that continue a table whose title was
/// printed last end: at `next` (the next table's first line), at a page
/// that opens with a unit line (a table whose title was not found starts
/// there), at a part heading, or at prose.
fn continued(sq: &[&str], pages: &[usize], from: usize, next: usize) -> usize {
    let mut end = from;
    while end < next {
        let page_end = (end + 1..next).find(|j| pages[*j] != pages[end]).unwrap_or(next);
        if printed(sq, end..page_end).take(3).any(|j| unit_in(sq[j]).is_some()) {
            break;
        }
        end = page_end;
    }
    let end = (from..end).find(|j| is_part_heading(sq[*j])).unwrap_or(end);
    trim_prose(sq, from, end)
}

/// The most lines a page of text is taken to hold.
const PAGE_LINES: usize = 1000;

/// A title with no amount after it on its page: perhaps printed last, under
/// its table.
#[derive(Debug, Clone)]
struct Foot {
    /// The lines of the page above the title.
    above: Range<usize>,
    /// Whether rows with amounts stand there.
    rows: bool,
    /// Whether words (a header's pieces, a row's label) follow the title.
    words_after: bool,
    /// Where the next page starts.
    page_end: usize,
}

/// The [`Foot`] of the title at line `i` (taking `used` lines), if no
/// amount nor other title follows it on its page (`amounts` tells a line
/// that holds one); `between` runs from the end of the title before it to
/// the next title.
fn foot(
    lines: &[Line],
    pages: &[usize],
    amounts: &mut impl FnMut(usize) -> bool,
    between: Range<usize>,
    i: usize,
    used: usize,
) -> Option<Foot> {
    let (after, before) = (between.start, between.end);
    let page = *pages.get(i)?;
    // A printed page holds a few dozen lines (a few hundred in a viewer's
    // copy, one cell per line): a longer run without a form feed is no
    // page, and bounding the search keeps a text of many titles on one long
    // page linear.
    let (low, high) = (after.max(i.saturating_sub(PAGE_LINES)), lines.len().min(i + used + PAGE_LINES));
    let start = (low..i).rev().take_while(|j| pages[*j] == page).last().unwrap_or(i);
    let end = (i + used..high).find(|j| pages[*j] != page).unwrap_or(high);
    let runs_on = |j: usize| pages.get(j) == Some(&page);
    // Its page runs on past the bounds, or holds another title below it
    // (then it is none printed last).
    if (start == low && low > after && runs_on(low - 1)) || (end == high && runs_on(high)) || before < end {
        return None;
    }
    // Most titles head their tables: the first row after them says so.
    if (i + used..end).any(&mut *amounts) {
        return None;
    }
    let words = |j: usize| {
        let s = lines[j].squeezed.as_str();
        !s.is_empty() && !s.bytes().all(|b| b.is_ascii_digit()) && !catalogue::is_marker_line(s)
    };
    Some(Foot { above: start..i, rows: (start..i).any(amounts), words_after: (i + used..end).any(words), page_end: end })
}

/// The title starting at line `i`, and how many lines it takes (a title
/// wrapped onto a second line, "…培训费支出预" / "算表", takes two).
fn title_at(sq: &[&str], raw: &[&str], i: usize) -> Option<(Title, usize)> {
    if !may_start_title(sq, i) || !ends_as_a_title(sq, i) {
        return None;
    }
    title_on(sq, raw, i)
}

/// The characters a line that may be a title ends in: [`TAIL_ENDS`], or a
/// numeral of a marker printed after the title ("收支预算总表表一").
const TITLE_ENDS: [char; 13] = ['表', '）', ')', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// The characters a title's wrapped tail ends in ("算表", "算表（单位：万元）").
const TAIL_ENDS: [char; 3] = ['表', '）', ')'];

/// [`may_start_title`] by whole characters: a line the byte test lets by
/// for its last byte alone (…元, …局, …，: the last bytes of 三, 一, 二) is
/// turned away before [`title_on`] reads it and the line after it.
/// Inlined into the search for titles, which asks it of every line the
/// byte test lets by.
#[inline(always)]
fn ends_as_a_title(sq: &[&str], i: usize) -> bool {
    let ends = |j: usize, with: &[char]| sq.get(j).is_some_and(|s| s.ends_with(with));
    ends(i, &TITLE_ENDS) || ends(i + 1, &TAIL_ENDS) || ends(i + 2, &TAIL_ENDS)
}

/// Whether a short line is a table's whole title in either kind of
/// document.
fn names_a_table(s: &str) -> bool {
    catalogue::title(s).is_some_and(|t| catalogue::kinds(&t.text).iter().any(Option::is_some))
}

/// The title at line `i`, alone or wrapped onto the next line, without the
/// byte test that turns most lines away first. `raw`: the lines as printed
/// (their indents tell a wrapped title's two lines in a layout).
fn title_on(sq: &[&str], raw: &[&str], i: usize) -> Option<(Title, usize)> {
    if let Some(t) = catalogue::title(sq.get(i)?) {
        return Some((t, 1));
    }
    // In double-spaced text a blank line stands between the two parts; in
    // text copied in the order the PDF draws it, the page's running heading
    // ("第二部分 …部门决算表") can stand there too, drawn between the title's
    // two runs.
    let j = if sq.get(i + 1).is_some_and(|s| s.is_empty() || is_part_heading(s)) { i + 2 } else { i + 1 };
    let next = sq.get(j)?;
    let head = sq.get(i)?;
    // A tail ending in brackets: a title wrapped inside them ("…预算表（" /
    // "功能科目）") or before ("财政拨款支出" / "预算表（功能科目）").
    let bracketed = || {
        let before = next.rfind(['（', '(']).map_or("", |k| &next[..k]);
        (next.ends_with(['）', ')']) && (opens_a_bracket(head) || before.ends_with('表'))).then_some(*next)
    };
    // A title's two lines stand on one page: a line on the page before is
    // no head of a title that starts a page ("…（续）" on the next).
    if (i + 1..=j).any(|k| raw.get(k).is_some_and(|s| s.contains('\u{c}'))) {
        return None;
    }
    let core = tail_core(next).or_else(bracketed)?;
    let joined = || catalogue::title(&format!("{head}{next}")).map(|t| (t, j - i + 1));
    let chars = core.chars().count();
    // A title of its own ("支出总表" under a table's last row) is no tail.
    if chars <= 4 {
        return if names_a_table(core) { None } else { joined() };
    }
    // A title wrapped further back, as a narrower page or a larger font
    // wraps it ("…会议费、培" / "训费支出预算表"): the head is a title's
    // start (no amount, no sentence).
    if chars > TAIL_CHARS || !catalogue::may_head_title(head, next) {
        return None;
    }
    // The whole must be a title first: most heads and tails asked are not
    // one's, and are turned away before the tail is read alone.
    let t = joined()?;
    if !names_a_table(core) {
        return Some(t);
    }
    // A tail that names a table ("一般公共预算财政拨款" / "支出决算表") is
    // read with its head only when the head starts the title (its marker,
    // "九、一般公共" / "预算基本支出预算表") or the two lines stand alike:
    // in a viewer's copy a header's last cell stands above the next title
    // ("国有资本经营预算" / "2024年部门一般公共预算…表"), and in a layout a
    // total's label ("合计") may.
    // The head starts the title when it holds its marker or leaves a quote
    // open ("财政拨款“" / "三公”经费支出决算表"), when it starts a page and
    // the tail does not (a viewer's copy keeps no layout, but a title heads
    // its page), or when a marker stands on the line above ("表六" /
    // "财政拨款" / "基本支出预算表").
    let page_first = |k: usize| raw.get(k).is_some_and(|s| s.starts_with('\u{c}'));
    let above = (0..i).rev().take(2).find(|k| !sq[*k].is_empty());
    let marked = t.0.marker.is_some()
        || head.rfind('“').is_some_and(|k| !head[k..].contains('”'))
        || page_first(i) && !page_first(j)
        || above.is_some_and(|k| catalogue::is_marker_line(sq[k]));
    if !marked && !wrapped_alike(raw.get(i)?, raw.get(j)?) {
        return None;
    }
    // And when the head holds the title's marker or says more than the tail.
    (marked || catalogue::head_adds_to(head, &t.0.text, core)).then_some(t)
}

/// Whether two lines of a layout text stand as one title's two lines: each
/// one run of text, indented, with the same left edge or centre.
fn wrapped_alike(head: &str, tail: &str) -> bool {
    let run = |s: &str| {
        // A page's first line keeps its form feed.
        let s = s.trim_start_matches('\u{c}');
        let body = s.trim_start_matches(' ');
        let indent = s.len() - body.len();
        (indent > 0 && !body.contains("  ") && !body.contains('\t')).then(|| (indent, indent + body.chars().count() / 2))
    };
    match (run(head), run(tail)) {
        (Some((ih, ch)), Some((it, ct))) => ih.abs_diff(it) <= 2 || ch.abs_diff(ct) <= 3,
        _ => false,
    }
}

/// The most chars a title's wrapped tail holds ("…年度江" / "苏省高级人民
/// 法院部门一般公共预算机关运行经费支出预算表": 27).
const TAIL_CHARS: usize = 48;

/// Whether a line leaves a bracket open ("…预算表（一般"), as a title
/// wrapped inside its brackets does.
fn opens_a_bracket(s: &str) -> bool {
    s.rfind(['（', '(']).is_some_and(|k| !s[k..].contains(['）', ')']))
}

/// A line without the unit after it ("算表（单位：万元）": the unit is no
/// part of the title), if that ends in 表 as a title's wrapped tail does.
fn tail_core(next: &str) -> Option<&str> {
    // It ends in 表, or in a unit in brackets after it ("（单位：万元）",
    // "（万元）"): a line ending in neither (a row, a header) is turned away
    // by its last char, and one ending in a bracket neither after 元 nor
    // holding 单位 ("（10分）") by one search, not a look for the unit in its
    // last bracket.
    let bracket_unit =
        || next.ends_with(['）', ')']) && (next.ends_with("元）") || next.ends_with("元)") || search::contains(next, "单位"));
    if !(next.ends_with('表') || bracket_unit()) {
        return None;
    }
    Some(catalogue::without_unit(next)).filter(|core| core.ends_with('表'))
}

/// [`may_start_title`] of every line (1 if it may start a title, else 0:
/// bytes, for a byte search to find the next line that may), from each
/// line's last byte ("\n" for a blank line), in one pass over them,
/// classed once by a table ([`LAST_BYTE`]): a line's class and its next two
/// lines' then decide it. Asked of every line of a document, the three
/// bytes looked up and tested per line cost about 60 instructions a line
/// (on 烟台大数据局's 2,600 lines about 0.15 M a check).
fn may_start_titles(sq: &[&str]) -> Vec<u8> {
    let mut class: Vec<u8> = sq.iter().map(|s| LAST_BYTE[usize::from(*s.as_bytes().last().unwrap_or(&b'\n'))]).collect();
    // Past the last line: as a blank line.
    class.extend([0, 0]);
    class
        .windows(3)
        .map(|w| match *w {
            [here, next, after] => u8::from((here & MAY_END != 0) | ((here & PRINTED != 0) & ((next | after) & ENDS != 0))),
            _ => 0,
        })
        .collect()
}

/// Where the first 1 of `flags` (bytes 0 or 1) from `from` on is:
/// `memchr(1, …)`, read eight flags at a time. The lines that may start a
/// title are a few apart (one in six on 烟台大数据局's), where a memchr set
/// up for each costs more than the search.
fn next_one(flags: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    let mut eights = flags.get(from..)?.chunks_exact(8);
    for eight in &mut eights {
        let word = u64::from_le_bytes(eight.try_into().unwrap_or_default());
        if word != 0 {
            return Some(at + word.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    eights.remainder().iter().position(|b| *b != 0).map(|k| at + k)
}

/// A line's class in [`may_start_titles`], by its last byte ("\n" for a
/// blank line): not blank ([`PRINTED`]); may end a title ([`MAY_END`],
/// [`ends_here`]); may end a title's wrapped tail, in 表, ） or ) ([`ENDS`]).
const LAST_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0u8;
    loop {
        let printed = if b != b'\n' { PRINTED } else { 0 };
        let may_end = if ends_here(b) { MAY_END } else { 0 };
        let ends = if ends_tail(b) { ENDS } else { 0 };
        t[b as usize] = printed | may_end | ends;
        if b == u8::MAX {
            break;
        }
        b += 1;
    }
    t
};

/// See [`LAST_BYTE`].
const PRINTED: u8 = 1;
/// See [`LAST_BYTE`].
const MAY_END: u8 = 2;
/// See [`LAST_BYTE`].
const ENDS: u8 = 4;

/// Whether [`title_at`] can find a title at line `i`: the line is not blank
/// and ends like a title (in 表, ） or ), tested by its last byte) or is
/// followed by a line ending so, or by a line and then one (the wrapped end
/// of a title, "算表" or "算表（单位：万元）", after one blank line in
/// double-spaced text or a running heading). Most lines are no title: one test of three
/// last bytes, combined without branches, turns them away, where testing
/// blank, then 表, then brackets mispredicted on the alternation of blank and
/// printed lines.
fn may_start_title(sq: &[&str], i: usize) -> bool {
    let last = |j: usize| sq.get(j).and_then(|s| s.as_bytes().last()).copied();
    let (here, next, after) = (last(i), last(i + 1), last(i + 2));
    here.is_some_and(ends_here) | (here.is_some() & (next.is_some_and(ends_tail) | after.is_some_and(ends_tail)))
}

/// Whether a line ending in byte `b` may end a title or its wrapped tail:
/// the last bytes of 表 (E8 A1 A8), ） (EF BC 89) and ).
const fn ends_tail(b: u8) -> bool {
    matches!(b, 0xA8 | 0x89 | b')')
}

/// Whether a line ending in byte `b` may be a title: it ends in 表, ） or ),
/// or in a numeral 一 … 十 of a marker printed after the title ("收支预算总表
/// 表一"; the last bytes of 一二三四五六七八九十: 80 8C 89 9B 94 AD 83 AB 9D 81).
const fn ends_here(b: u8) -> bool {
    ends_tail(b) || matches!(b, 0x80 | 0x8C | 0x9B | 0x94 | 0xAD | 0x83 | 0xAB | 0x9D | 0x81)
}

/// The first lines of `range` that are not blank, as many as a table's
/// unit and header are looked for in: counted in printed lines, so that a
/// double-spaced text (a blank line after every line) is searched as far.
/// Within four times as many lines, so that a run of blank lines costs no
/// more than a bounded look for every title.
fn printed<'a>(sq: &'a [&str], range: Range<usize>) -> impl Iterator<Item = usize> + 'a {
    let end = range.end.min(range.start.saturating_add(4 * 16));
    (range.start..end).filter(|j| !sq[*j].is_empty()).take(16)
}

/// Words a table's first lines hold (unit, header), or a row of amounts:
/// each line squeezed, and as printed where a row of amounts counts (under
/// a title; above one, where titles are printed last, rows are asked for
/// apart).
fn table_follows<'a>(next: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> bool {
    let mut next = next.into_iter().peekable();
    // "本表（公开01表）反映…": a narrative about the table, not the table.
    if next.peek().is_some_and(|(s, _)| s.starts_with("本表") || search::contains(s, "反映")) {
        return false;
    }
    // Up to the next title or contents leader: a unit line, a header line
    // naming at least two columns, or a row of amounts; or, where each cell
    // is a line (a viewer's copy: "收入" / "项目" / "一、一般公共预算…" /
    // "支出"), a run of such lines naming three.
    let mut cells = 0u16;
    // Amounts alone on their lines among such cells: a 三公 table's copy
    // names two columns in its first sixteen lines ("“三公”经费" / "因公出"
    // / "合计" / "小计" / "国（境）" / "费" / "2,558.26" …), but prints
    // its figures among them.
    let mut figures = 0u8;
    for (s, printed) in next {
        if catalogue::title(s).is_some() || search::has_char(s, '…') || search::contains(s, "..") || is_part_heading(s) {
            return false;
        }
        if search::contains(s, "说明") {
            continue; // a heading of the narrative, not a header
        }
        if unit_in(s).is_some() {
            return true;
        }
        let prose = search::has_char(s, '。') || search::has_char(s, '，');
        let words = header_mask(s);
        if words.count_ones() >= 2 && !prose {
            return true;
        }
        // A row of amounts alone: a table's, whatever its header says.
        if printed.is_some_and(amounts_only) {
            return true;
        }
        // Cells are asked of the lines under a title only, as rows are.
        let cell = printed.is_some() && !prose && !search::has_char(s, '；') && s.chars().nth(16).is_none();
        cells = if cell { cells | words } else { 0 };
        figures = match cell {
            true => figures.saturating_add(u8::from(crate::amount::parse_amount(s).is_some())),
            false => 0,
        };
        if cells.count_ones() >= 3 || cells.count_ones() >= 2 && figures >= 2 {
            return true;
        }
    }
    false
}

/// Whether a line is three or more amounts and nothing else, one at least
/// with a decimal point or thousands comma ("1,452.35 584.35 110 …"): a
/// table's row, never prose, a contents entry (one page number) or a date
/// ("2024 12 31").
fn amounts_only(s: &str) -> bool {
    let (mut n, mut marked) = (0usize, false);
    for w in s.split_whitespace() {
        let digits = w.strip_prefix('-').unwrap_or(w);
        if !digits.starts_with(|c: char| c.is_ascii_digit()) || !digits.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.') {
            return false;
        }
        marked |= digits.contains(['.', ',']);
        n += 1;
    }
    n >= 3 && marked
}

/// Column names a table's header line holds at least two of. The 三公
/// table's own columns count too: its header ("合计 因公出国(境)费 公务接待费",
/// "合计 因公出 公务接 会议费 培训费") names no other two, and printed
/// without a unit line the table was not found.
const HEADER_WORDS: [&str; 15] = [
    "项目",
    "科目",
    "合计",
    "金额",
    "预算数",
    "决算数",
    "收入",
    "支出",
    "编码",
    "名称",
    "因公出国",
    "公务接待",
    "公务用车",
    "会议费",
    "培训费",
];

// One bit of a u16 each in [`header_mask`].
const _: () = assert!(HEADER_WORDS.len() <= 16);

/// The [`catalogue::word_bits`] of each of [`HEADER_WORDS`].
const HEADER_BITS: [u64; 15] = {
    let mut bits = [0; 15];
    let mut k = 0;
    while k < HEADER_WORDS.len() {
        bits[k] = catalogue::word_bits(HEADER_WORDS[k].as_bytes());
        k += 1;
    }
    bits
};

/// Which of [`HEADER_WORDS`] the line holds, one bit each. A line lacking
/// one of a word's byte bits lacks the word: the bits, taken once, turn
/// most words away without a search for each (ten searches a line were
/// most of the cost of telling that a table follows a title).
fn header_mask(s: &str) -> u16 {
    let bits = catalogue::word_bits(s.as_bytes());
    let mut mask = 0;
    for (k, (w, b)) in HEADER_WORDS.iter().zip(HEADER_BITS).enumerate() {
        if b & !bits == 0 && search::contains(s, w) {
            mask |= 1 << k;
        }
    }
    mask
}

/// A marker line just above a title ("公开 09 表" then blank lines).
fn marker_before(sq: &[&str], i: usize) -> Option<usize> {
    let i = unit_above(sq, i).unwrap_or(i);
    (i.saturating_sub(4)..i).rev().find(|j| !sq[*j].is_empty()).filter(|j| catalogue::is_marker_line(sq[*j]))
}

/// The unit printed on the line just above a title ("单位：万元" drawn
/// before it, as a viewer's copy may give it): the title's, since no row
/// stands between.
fn unit_above(sq: &[&str], i: usize) -> Option<usize> {
    (i.saturating_sub(3)..i).rev().find(|j| !sq[*j].is_empty()).filter(|j| {
        let s = sq[*j];
        s.chars().count() <= 12 && unit_in(s).is_some() && catalogue::title(s).is_none()
    })
}

/// Where a table whose lines after its title start at `start` ends, before
/// `next`: at a part heading, or at prose after its rows ([`trim_prose`]).
/// Either is the first line of its kind, so looked for before a line `upto`
/// it is the same line as before `next`, when it is before `upto`.
fn end_before(sq: &[&str], start: usize, next: usize) -> usize {
    let end = (start..next).find(|j| is_part_heading(sq[*j])).unwrap_or(next);
    trim_prose(sq, start, end)
}

/// "第三部分 …": the tables end where the narrative starts.
fn is_part_heading(s: &str) -> bool {
    s.starts_with('第') && s.chars().nth(2) == Some('部') && s.chars().nth(3) == Some('分')
}

/// The end of a table: the first line of prose after its rows and notes (a
/// heading or a sentence with no number in a column), else `end`.
fn trim_prose(sq: &[&str], start: usize, end: usize) -> usize {
    let mut in_note = false;
    for (j, s) in sq.iter().enumerate().take(end).skip(start) {
        if s.is_empty() {
            continue;
        }
        if is_note(s) {
            in_note = true;
            continue;
        }
        let prose = search::has_char(s, '。') || s.ends_with("情况说明") || search::contains(s, "情况说明") && s.chars().count() < 30;
        if prose && !in_note {
            // The heading's lines above it go with it ("江苏省高级人民法院
            // 2017 年度" over "部门预算情况说明"), not into the last row.
            return crate::segment::title_lines_before(|k| sq[k], |_| false, start, j);
        }
        // A heading after a note ("其他相关情况说明", "一、…情况") ends the table.
        if in_note && (search::contains(s, "情况说明") || s.starts_with("一、") || s.starts_with("第")) {
            return j;
        }
    }
    end
}

/// [`page_index`] of lines normalised from a text that holds a form feed
/// (`form_feeds`) or none: then every line is on page 1, known without a
/// search of every line for one (on 青岛's budget about 0.13 M instructions
/// a check).
pub fn pages(lines: &[Line], form_feeds: bool) -> Vec<usize> {
    if form_feeds {
        page_index(lines)
    } else {
        vec![1; lines.len()]
    }
}

/// The 1-based page of every line (pages split by form feeds).
pub fn page_index(lines: &[Line]) -> Vec<usize> {
    let mut page = 1;
    lines
        .iter()
        .map(|l| {
            // Form feeds are rare: one byte search per line finds most have none.
            if l.text.as_bytes().contains(&0x0c) {
                page += l.text.bytes().filter(|b| *b == 0x0c).count();
            }
            page
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(t: &str) -> Vec<Line> {
        crate::text::normalise(t)
    }

    #[test]
    fn a_line_is_on_the_page_its_form_feeds_bring_it_to() {
        assert_eq!(page_index(&lines("封面\n\x0c第一页\n正文\n\x0c\x0c第三页 \x0c表")), vec![1, 2, 2, 5]);
    }

    /// Normalisation sees a form feed wherever the text holds one, and the
    /// pages known from that are the pages counted line by line.
    #[test]
    fn pages_known_from_what_normalisation_saw_are_those_counted() {
        let pieces = ["\x0c", "\n", "\r", " ", "第一页", "\t", "1.00", "\u{3000}", "　表"];
        let mut texts = crate::text::stream::sample_texts(&pieces, 2000);
        texts.extend(crate::FIXTURES.iter().map(|f| crate::fixture(f)));
        let mut with = 0;
        for text in &texts {
            let (l, seen) = crate::text::normalise::normalise_seeing(text);
            assert_eq!(seen.form_feeds, text.contains('\x0c'), "{text:?}");
            with += usize::from(seen.form_feeds);
            assert_eq!(pages(&l, seen.form_feeds), page_index(&l), "{text:?}");
        }
        assert!(with > 100);
    }

    #[test]
    fn a_form_feed_alone_on_its_line_turns_the_page() {
        // Carried to the next line with text, where pdftotext prints it.
        assert_eq!(page_index(&lines("第一页\n\x0c\n第二页\n \x0c \n\n第三页\n\x0c")), vec![1, 1, 2, 2, 2, 3, 3]);
    }

    #[test]
    fn contents_entries_are_not_tables_and_titles_with_a_header_are() {
        let text = "目录\n一、收支预算总表\n二、收入预算总表\n\n一、收支预算总表\n部门：某局    单位：万元\n  项目   金额\n  合计   1.00\n";
        let l = lines(text);
        let b = blocks(&l, &page_index(&l), DocumentKind::Budget, |_| None);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].kind, TableKind::BSummary);
        assert_eq!(b[0].unit.as_deref(), Some("万元"));
        assert_eq!(b[0].marker.as_deref(), Some("一、"));
    }

    #[test]
    fn a_title_without_a_unit_line_is_a_table_by_its_columns_or_a_row_of_amounts() {
        let found = |text: &str| {
            let l = lines(text);
            blocks(&l, &page_index(&l), DocumentKind::Budget, |_| None).iter().map(|b| b.kind).collect::<Vec<_>>()
        };
        // The 三公 table's own columns (the header names no other two), or
        // its row of amounts under a header of wrapped words.
        for text in [
            "部门“三公”经费预算表\n编制部门：某街道\n   合计    因公出国(境)费    公务接待费\n   47.91   0   1.35\n",
            "“三公”经费、会议费、培训费支出预算表\n部门：某院\n  合计   因公出   公务接   会议费   培训费\n",
            "“三公”经费支出预算表\n部门：某院\n  因公出   公务用车购\n  国（境）   置费\n  1,276.70   418.26   80   237\n",
        ] {
            assert_eq!(found(text), [TableKind::BSangong], "{text}");
        }
        // A viewer's copy, a cell a line: three column words in a run.
        let l = lines("收入支出决算总表\n收入\n项目\n一、一般公共预算财政拨款收入\n\n支出\n决算数\n2,940.05\n");
        assert_eq!(blocks(&l, &page_index(&l), DocumentKind::FinalAccounts, |_| None).len(), 1);
        // A 三公 table's copy without its unit line (23-jiangsu-gaoyuan-2018's
        // shape): two column words in its first sixteen lines, with figures
        // alone on their lines among them.
        let copy = "“三公”经费、会议费、培训费支出预算表
“三公”经费
因公出
合计
小计
国（境）
费
2,558.26
620.75
170.00
公务用车购置及运行维护费
";
        assert_eq!(found(copy), [TableKind::BSangong]);
        // Figures without two column words, or one figure: no table.
        assert_eq!(found(&copy.replace("合计", "说法")), []);
        assert_eq!(found(&copy.replace("620.75\n170.00\n", "")), []);
        // Not a sentence of such words, a page number or a date after it.
        for text in [
            "“三公”经费支出预算表\n因公出国（境）费、公务接待费均为零。\n",
            "“三公”经费支出预算表\n  3\n2024 12 31\n",
            "“三公”经费支出预算表\n合计\n收入增加，支出减少。\n项目\n",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
        assert!(amounts_only("1,452.35 584.35 -110") && !amounts_only("1,452.35 584.35") && !amounts_only("合计 1.00 2.00 3.00"));
        assert!(!amounts_only("2024 12 31") && !amounts_only("25 0 3"));
    }

    #[test]
    fn a_table_the_catalogue_does_not_list_ends_the_table_before_it() {
        // Its rows are not the 收支总表's, and it is given as unlisted.
        let text = "一、收支预算总表\n单位：万元\n  项目   金额\n  合计   1.00\n\
                    \x0c政府购买服务预算表\n单位：万元\n  项目名称   合计\n  物业服务   2.00\n\
                    \x0c三、一般公共预算支出表\n单位：万元\n  科目   金额\n  合计   3.00\n";
        let l = lines(text);
        let (b, unlisted) = find(&l, &page_index(&l), DocumentKind::Budget, |_| None);
        assert_eq!(
            b.iter().map(|b| (b.kind, b.body.clone())).collect::<Vec<_>>(),
            [(TableKind::BSummary, 1..4), (TableKind::BGeneral, 9..12)]
        );
        assert_eq!(unlisted, [Unlisted { title: "政府购买服务预算表".to_string(), title_line: 4 }]);
        // The same table printed again on its next page is one.
        let twice = text.replace("\x0c三、", "\x0c政府购买服务预算表\n单位：万元\n  项目名称   合计\n  会议服务   1.00\n\x0c三、");
        let l = lines(&twice);
        assert_eq!(find(&l, &page_index(&l), DocumentKind::Budget, |_| None).1.len(), 1);
    }

    #[test]
    fn a_part_heading_and_a_performance_table_are_no_unlisted_table() {
        for title in ["2024年度部门决算表", "2023年部门预算表", "部门预算公开表", "项目支出绩效自评表", "政府购买服务预算表"]
        {
            let listed = title == "政府购买服务预算表";
            assert_eq!(unlisted(title, DocumentKind::Budget), listed, "{title}");
            assert!(!unlisted(title, DocumentKind::Unknown), "{title}: in no disclosure");
        }
        assert!(unlisted("国有资产配置预算表（单位：万元）", DocumentKind::FinalAccounts));
    }

    #[test]
    fn a_title_naming_no_money_is_a_table_where_its_unit_follows() {
        let l = lines("  合计   1.00\n国有资产占用情况表\n\n单位：万元\n  项目   数量\n");
        let sq: Vec<&str> = l.iter().map(|l| l.squeezed.as_str()).collect();
        assert_eq!(bare_title(&sq, 1).map(|t| t.text).as_deref(), Some("国有资产占用情况表"));
        // Not without the unit, nor a sentence, nor a row.
        for text in ["国有资产占用情况表\n  项目   数量\n", "详见国有资产占用情况表。\n单位：万元\n", "1.国有资产占用表\n单位：万元\n"]
        {
            let l = lines(text);
            let sq: Vec<&str> = l.iter().map(|l| l.squeezed.as_str()).collect();
            assert_eq!(bare_title(&sq, 0), None, "{text}");
        }
    }

    /// The title test of [`title_at`] as it was, without the byte test.
    fn title_at_in_full(sq: &[&str], i: usize) -> Option<(Title, usize)> {
        if sq[i].is_empty() {
            return None;
        }
        title_on(sq, sq, i)
    }

    #[test]
    fn the_byte_test_turns_away_no_title() {
        let pieces: Vec<&str> =
            "一般公共预算|收支|决算|表|）|)|（续）|(续)|三公经费|支出预|算表|合计|1.00|公开09表|单位：万元|。|稨|||表一|表十二|功能科目|（|(|第二部分 某局决算"
                .split('|')
                .collect();
        let mut titles = 0;
        for text in crate::text::stream::sample_texts(&pieces, 600) {
            let sq: Vec<&str> = text.split('\n').map(str::trim).collect();
            let may_start = may_start_titles(&sq);
            assert_eq!(may_start.len(), sq.len());
            for i in 0..sq.len() {
                let full = title_at_in_full(&sq, i);
                titles += usize::from(full.is_some());
                assert_eq!(title_at(&sq, &sq, i), full, "{:?}", &sq[i..]);
                assert_eq!(may_start[i], u8::from(may_start_title(&sq, i)), "{:?}", &sq[i..]);
                assert_eq!(next_one(&may_start, i), memchr::memchr(1, &may_start[i..]).map(|k| i + k), "{:?}", &sq[i..]);
            }
            assert_eq!(next_one(&may_start, sq.len()), None);
        }
        assert!(titles > 100, "{titles}");
    }

    /// The header words counted with their byte bits are those a search
    /// for each finds, on every line of the fixtures and of sample texts.
    #[test]
    fn header_words_are_those_a_search_for_each_finds() {
        let pieces: Vec<&str> =
            "项目|科目|合计|金额|预算数|决算数|收入|支出|编码|名称|项|目|预算|决|数|编|码|单位：万元| |1.00|。".split('|').collect();
        let mut texts = crate::text::stream::sample_texts(&pieces, 600);
        texts.extend(crate::FIXTURES.iter().map(|f| crate::fixture(f)));
        let mut with_two = 0;
        for text in &texts {
            for line in text.lines() {
                let want = HEADER_WORDS.iter().filter(|w| line.contains(*w)).count();
                assert_eq!(header_mask(line).count_ones() as usize, want, "{line:?}");
                with_two += usize::from(want >= 2);
            }
        }
        assert!(with_two > 100, "{with_two}");
    }

    /// A tail's core is the line without its unit when that ends in 表,
    /// whatever the test for 单位 or 元） turns away first. The pieces hold a
    /// unit without 单位 ("表（万元）", "表（本级）"): `tail_core` turns a
    /// bracket away unless it holds 单位 or ends in 元）, which is right only
    /// while `without_unit` strips no other bracket.
    #[test]
    fn a_tails_core_is_the_line_without_its_unit() {
        let pieces = [
            "表",
            "算表",
            "）",
            "（",
            ")",
            "(",
            "单位：万元",
            "单位:元",
            "单位",
            "表（万元）",
            "表（本级）",
            "续",
            "10分",
            "类",
            "。",
            "a",
        ];
        let mut cores = 0;
        for text in crate::text::stream::sample_texts(&pieces, 600) {
            for line in text.split('\n').map(str::trim) {
                let want = Some(catalogue::without_unit(line)).filter(|c| c.ends_with('表'));
                assert_eq!(tail_core(line), want, "{line:?}");
                cores += usize::from(want.is_some());
            }
        }
        assert!(cores > 100, "{cores}");
    }

    #[test]
    fn a_wrapped_title_in_double_spaced_text() {
        // A blank line after every line, the wrapped title's too.
        let text = "一般公共预算机关运行经费支出预算表\n\n单位：万元\n\n合计  1.00\n\n一般公共预算“三公”经费、会议费、培训费支出预\n\n算表\n\n单位：万元\n\n合计  2.00\n";
        let l = lines(text);
        let b = blocks(&l, &page_index(&l), DocumentKind::Budget, |_| None);
        let kinds: Vec<TableKind> = b.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, [TableKind::BOperating, TableKind::BSangong]);
        assert_eq!(b[1].body.start, 9, "the body starts after the title's second part");
    }

    /// The kinds, title lines and titles `blocks` finds in a budget text.
    fn budget_titles(text: &str) -> Vec<(TableKind, usize, String)> {
        let l = lines(text);
        blocks(&l, &page_index(&l), DocumentKind::Budget, |_| None).into_iter().map(|b| (b.kind, b.title_line, b.title)).collect()
    }

    #[test]
    fn a_title_wrapped_anywhere_is_read_whole() {
        // A tail that names no table alone: joined, however long.
        let got = budget_titles("一般公共预算“三公”经费、会议费、培\n训费支出预算表\n单位：万元\n合计  1.00\n");
        assert_eq!(got, [(TableKind::BSangong, 0, "一般公共预算“三公”经费、会议费、培训费支出预算表".to_string())]);
        // Wrapped before or inside its brackets.
        for text in [
            "    财政拨款支出\n    预算表（功能科目）\n单位：万元\n合计  1.00\n",
            "财政拨款支出预算表（\n功能科目）\n单位：万元\n合计  1.00\n",
        ] {
            assert_eq!(budget_titles(text), [(TableKind::BFiscalSpend, 0, "财政拨款支出预算表（功能科目）".to_string())], "{text:?}");
        }
        // A year alone heads a tail that starts with 年.
        let got = budget_titles("                2024\n                年部门收入预算总表\n单位：万元\n合计  1.00\n");
        assert_eq!(got, [(TableKind::BIncome, 0, "2024年部门收入预算总表".to_string())]);
    }

    #[test]
    fn a_tail_that_names_a_table_takes_its_head_only_where_the_head_starts_the_title() {
        let whole = |text: &str| budget_titles(text).first().map(|t| (t.0, t.1));
        // The two lines aligned in a layout (left edge or centre), the
        // whole naming another table than the tail.
        assert_eq!(whole("      一般公共预算\n      基本支出预算表\n单位：万元\n合计  1.00\n"), Some((TableKind::BBasicEcon, 0)));
        assert_eq!(whole("        财政拨款\n      收支预算总表\n单位：万元\n合计  1.00\n"), Some((TableKind::BFiscal, 0)));
        // A viewer's copy (no layout): the head starts a page, or follows
        // the marker, or holds the title's ordinal.
        assert_eq!(whole("x\n\u{c}财政拨款\n收支预算总表\n单位：万元\n合计  1.00\n"), Some((TableKind::BFiscal, 1)));
        assert_eq!(whole("表四\n财政拨款\n收支预算总表\n单位：万元\n合计  1.00\n"), Some((TableKind::BFiscal, 1)));
        assert_eq!(whole("四、财政拨款\n收支预算总表\n单位：万元\n合计  1.00\n"), Some((TableKind::BFiscal, 0)));
        // A header's last cell above the next title in a viewer's copy, and
        // a total's label above it in a layout, are no part of the title.
        assert_eq!(whole("国有资本经营预算\n\u{c}收支预算总表\n单位：万元\n合计  1.00\n"), Some((TableKind::BSummary, 1)));
        assert_eq!(whole(&format!("{:14}合计\n{:12}收支预算总表\n单位：万元\n合计  1.00\n", "", "")), Some((TableKind::BSummary, 1)));
        // A page number between marker and title is no head.
        assert_eq!(whole("公开04表\n\n15\n\n财政拨款收支预算总表\n单位：万元\n合计  1.00\n"), Some((TableKind::BFiscal, 4)));
    }

    #[test]
    fn a_unit_drawn_above_its_title_is_the_titles() {
        // A viewer's copy: cells one a line, the unit before the title; the
        // contents' last entry above it takes no table from that unit.
        let text = "目录\n一、收入预算总表\n二、支出预算总表\n单位：万元\n收入预算总表\n项目\n金额\n合计\n1.00\n";
        let l = lines(text);
        let b = blocks(&l, &page_index(&l), DocumentKind::Budget, |_| None);
        let got: Vec<(TableKind, usize, Option<&str>)> = b.iter().map(|b| (b.kind, b.title_line, b.unit.as_deref())).collect();
        assert_eq!(got, [(TableKind::BIncome, 4, Some("万元"))]);
    }

    #[test]
    fn a_title_split_round_the_running_heading_drawn_between_its_runs() {
        // Text copied in the order the PDF draws it: the page's running
        // heading comes between the title's two runs.
        let text = "1 某局（本级）\n收入支出决算总\n第二部分 某局2024年度部门决算表\n表\n单位：万元\n项目 决算数\n合计 1.00\n";
        let l = lines(text);
        let b = blocks(&l, &page_index(&l), DocumentKind::FinalAccounts, |_| None);
        let got: Vec<(TableKind, usize, usize)> = b.iter().map(|b| (b.kind, b.title_line, b.body.start)).collect();
        assert_eq!(got, [(TableKind::F01, 1, 4)]);
        assert_eq!(b[0].title, "收入支出决算总表");
    }

    #[test]
    fn titles_printed_under_their_tables_take_the_rows_above_them() {
        // Copied in the order the PDF draws it: each page's title comes last,
        // the contents' last entry before the first table's unit line.
        let text = "目录\n一、财政拨款基本支出预算表\n二、收支预算总表\n\
                    \x0c部门：某局 单位：万元\n科目编码 科目名称 金额\n合计 3.00\n301 工资福利支出 3.00\n财政拨款基本支出预算表\n\
                    \x0c部门：某局 单位：万元\n功能科目代码 功能科目名称 金额\n合计\n财政拨款政府性基金支出预算表\n\
                    \x0c部门：某局 单位：万元\n功能科目代码 功能科目名称 金额\n合计 3.00\n201 一般公共服务支出 2.00\n一般公共预算支出预算表\n\
                    \x0c功能科目代码 功能科目名称 金额\n205 教育支出 1.00\n\
                    \x0c部门：某局 单位：万元\n项目名称 金额\n1.00 2.00\n收支预算总表\n收入 支出\n";
        let l = lines(text);
        let b = blocks(&l, &page_index(&l), DocumentKind::Budget, |_| None);
        // (kind, body, the first continuation, refused)
        type Got = (TableKind, Range<usize>, Option<Range<usize>>, bool);
        let got: Vec<Got> = b.iter().map(|b| (b.kind, b.body.clone(), b.more.first().cloned(), b.refusal.is_some())).collect();
        assert!(b.iter().all(|b| b.more.len() <= 1));
        assert_eq!(
            got,
            [
                (TableKind::BFiscalBasic, 3..7, None, false),
                (TableKind::BFund, 8..11, None, false),
                // Its second page, with no title of its own, continues it.
                (TableKind::BGeneral, 12..16, Some(17..19), false),
                // "收入 支出" drawn after the title belong above: not read.
                (TableKind::BSummary, 19..22, None, true),
            ]
        );
        assert!(b.iter().all(|b| b.unit.as_deref() == Some("万元")));
    }

    #[test]
    fn where_titles_are_printed_last_a_title_amid_rows_is_not_read() {
        let text = "部门：某局 单位：万元\n科目编码 科目名称 金额\n合计 3.00\n301 工资福利支出 3.00\n财政拨款基本支出预算表\n\
                    \x0c部门：某局 单位：万元\n功能科目代码 功能科目名称 金额\n合计 2.00\n一般公共预算支出预算表\n201 一般公共服务支出 2.00\n\
                    \x0c部门：某局 单位：万元\n科目编码 科目名称 金额\n合计 1.00\n302 商品和服务支出 1.00\n一般公共预算基本支出预算表\n";
        let l = lines(text);
        let b = blocks(&l, &page_index(&l), DocumentKind::Budget, |_| None);
        let got: Vec<(TableKind, bool)> = b.iter().map(|b| (b.kind, b.refusal.is_some())).collect();
        assert_eq!(got, [(TableKind::BFiscalBasic, false), (TableKind::BGeneral, true), (TableKind::BBasicEcon, false)]);
    }

    #[test]
    fn one_title_at_the_foot_of_a_page_starts_the_table_on_the_next() {
        let text = "财政拨款支出预算表\n单位：万元\n功能科目代码 功能科目名称 金额\n合计 2.00\n201 一般公共服务支出 2.00\n财政拨款基本支出预算表\n\
                    \x0c单位：万元\n科目编码 科目名称 金额\n合计 3.00\n301 工资福利支出 3.00\n";
        let l = lines(text);
        let b = blocks(&l, &page_index(&l), DocumentKind::Budget, |_| None);
        let got: Vec<(TableKind, Range<usize>)> = b.iter().map(|b| (b.kind, b.body.clone())).collect();
        assert_eq!(got, [(TableKind::BFiscalSpend, 1..5), (TableKind::BFiscalBasic, 6..10)]);
    }

    #[test]
    fn a_short_title_under_a_tables_last_row_is_no_wrapped_tail() {
        // "支出总表" is a title of its own: the row above it stays a row.
        let text = "收入总表\n单位：万元\n  项目   金额\n  收入总计   1.00\n  其中：动用上年结转和结余资金\n      支出总表\n单位：万元\n  合计   1.00\n";
        let l = lines(text);
        let b = blocks(&l, &page_index(&l), DocumentKind::Budget, |_| None);
        let got: Vec<(TableKind, usize)> = b.iter().map(|b| (b.kind, b.title_line)).collect();
        assert_eq!(got, [(TableKind::BIncome, 0), (TableKind::BExpenditure, 5)]);
        assert_eq!(b[0].body.end, 5, "the last row is the income table's");
    }

    #[test]
    fn a_wrapped_title_with_its_unit_after_it() {
        // The unit on the title line is the only sign a table follows: the
        // headers below name no column a table of contents would not.
        let text = "一般公共预算机关运行经费支出预算表（单位：万元）\n部门：某局\n合计  1.00\n一般公共预算“三公”经费、会议费、培训费支出预\n算表（单位：万元）\n部门：某局\n“三公”经费\n合计  2.00\n";
        let l = lines(text);
        let b = blocks(&l, &page_index(&l), DocumentKind::Budget, |_| None);
        let got: Vec<(TableKind, Option<&str>)> = b.iter().map(|b| (b.kind, b.unit.as_deref())).collect();
        assert_eq!(got, [(TableKind::BOperating, Some("万元")), (TableKind::BSangong, Some("万元"))]);
    }

    #[test]
    fn a_unit_at_the_foot_of_a_table_is_found_as_far_down_in_double_spaced_text() {
        // qingdao-office-2023-budget.txt prints its unit below the rows and
        // notes, and no header line names two columns: the unit is the sign a
        // table follows, thirteen printed lines below the title.
        let single = "单位一般公共预算“三公”经费支出情况表\n序号 项目\n资金性质\n合计 一般公共预算财政拨款 政府性基金财政拨款 国有资本经营预算财政拨款\n栏次 1 2 3 4 5\n1 合计 438.50 438.50 0.00 0.00\n2 “三公”经费合计 438.50 438.50 0.00 0.00\n3 一、因公出国（境）费 91.00 91.00 0.00 0.00\n4 二、公务用车购置及运行费 67.50 67.50 0.00 0.00\n5 其中:公务用车购置费 0.00 0.00 0.00 0.00\n6 公务用车运行维护费 67.50 67.50 0.00 0.00\n7 三、公务接待费 280.00 280.00 0.00 0.00\n注：1.报表金额单位转换时可能存在四舍五入尾数误差。\n 单位：万元单位名称：青岛市人民政府办公厅（本级）\n";
        // A blank line after every line: twice as many lines, as many printed.
        let double = single.replace('\n', "\n\n");
        for text in [single, double.as_str()] {
            let l = lines(text);
            let b = blocks(&l, &page_index(&l), DocumentKind::Budget, |_| None);
            let got: Vec<(TableKind, Option<&str>)> = b.iter().map(|b| (b.kind, b.unit.as_deref())).collect();
            assert_eq!(got, [(TableKind::BSangong, Some("万元"))], "{text}");
        }
    }

    #[test]
    fn a_title_printed_again_on_the_next_page_continues_its_table_with_or_without_the_form_feed() {
        let page1 = "政府采购预算表\n单位：万元\n采购品目  采购组织形式  总计\n合计              30.00\n一、货物      20.00\n";
        let page2 = "政府采购预算表\n单位：万元\n采购品目  采购组织形式  总计\n三、服务      10.00\n";
        for sep in ["\u{c}", "\n", ""] {
            let text = format!("{page1}{sep}{page2}");
            let l = lines(&text);
            let b = blocks(&l, &page_index(&l), DocumentKind::Budget, |_| None);
            assert_eq!(b.len(), 1, "{sep:?}: one table");
            assert_eq!(b[0].kind, TableKind::BProcurement);
            assert_eq!(b[0].more.len(), 1, "{sep:?}: the second page continues it");
        }
    }

    #[test]
    fn a_wrapped_title_and_a_marker_above_it() {
        let text = "公开 09 表\n\n一般公共预算“三公”经费、会议费、培训费支出预\n算表\n单位：万元\n合计  1.00\n";
        let l = lines(text);
        let b = blocks(&l, &page_index(&l), DocumentKind::Budget, |_| None);
        assert_eq!(b[0].kind, TableKind::BSangong);
        assert_eq!(b[0].marker.as_deref(), Some("公开09表"));
        assert_eq!(b[0].first, 0);
    }
}
