//! The “三公” table read by position, held to its own identities.
//!
//! Its figures stand in one row under a header of three or four levels
//! whose captions wrap, and a blank column prints nothing, so placing a
//! number by position alone can shift it into the next column. The table's
//! identities (合计 = 出国 + 接待 + 公务用车, 公务用车 = 购置 + 运行, and with
//! 会议费、培训费 合计 = 三公小计 + 会议费 + 培训费) settle it: a reading that
//! breaks them is replaced by the one placement of the printed amounts, in
//! order, that keeps them with the least movement, and when there is no such
//! placement, or more than one, the table is found but not read. Only where
//! some caption was paired by position alone (`Grid::exact` false): when
//! every caption pairs with its column, a broken identity is the table's own
//! and TBL-204 reports it.

use rust_decimal::Decimal;

use super::spans::{Span, What};
use crate::model::{Grid, Meaning, SangongCols, Table};
use crate::text::search;

impl SangongCols {
    /// The 预算数 columns and the 决算数 columns of a 三公 table that prints
    /// each item's two side by side (合计, 因公出国（境）费, 公务用车购置及运行费
    /// 小计, 购置费, 运行费, 公务接待费, each "预算数 决算数"). Each pair is named
    /// by its 预算数 column's path, the last caption that is not 预算数 itself
    /// ("公务用车购置费 › 预算数", "合计预算数" → 合计); its 决算数 column must
    /// name no other item. None for any other header, or one naming an item
    /// twice.
    pub fn pairs(g: &Grid) -> Option<(SangongCols, SangongCols)> {
        let n = g.paths.len();
        if n < 4 || !n.is_multiple_of(2) {
            return None;
        }
        let leaf = |c: usize| g.paths[c].last().map_or("", String::as_str);
        if !(0..n).all(|c| leaf(c).ends_with(if c % 2 == 0 { "预算数" } else { "决算数" })) {
            return None;
        }
        // A column's item: its last caption with 预算数/决算数 cut, or the one
        // above where nothing is left ("因公出国（境）费 › 预算数").
        let item = |c: usize| -> (String, String) {
            let parts = &g.paths[c];
            let cut = |p: &str| p.trim_end_matches("预算数").trim_end_matches("决算数").trim().to_string();
            let last = parts.last().map(|p| cut(p)).unwrap_or_default();
            let name = match last.is_empty() {
                true => parts.len().checked_sub(2).and_then(|i| parts.get(i)).map(|p| cut(p)).unwrap_or_default(),
                false => last,
            };
            (name, parts.concat())
        };
        let role = |name: &str, whole: &str| -> Option<usize> {
            Some(match name {
                _ if name == "合计" => 0,
                _ if name.contains("出国") => 1,
                _ if name.contains("接待") => 2,
                _ if name.contains("小计") && whole.contains("公务用车") || name.contains("购置及运行") => 3,
                _ if name.contains("购置") && !name.contains("运行") => 4,
                _ if name.contains("运行") && !name.contains("购置") => 5,
                _ => return None,
            })
        };
        let mut at: [Option<usize>; 6] = [None; 6];
        for k in 0..n / 2 {
            let (name, whole) = item(2 * k);
            let r = role(&name, &whole)?;
            // The 决算数 column of the pair names nothing else.
            let (other, other_whole) = item(2 * k + 1);
            if role(&other, &other_whole).is_some_and(|o| o != r) {
                return None;
            }
            if at[r].replace(2 * k).is_some() {
                return None;
            }
        }
        let budget = SangongCols {
            total: at[0].filter(|c| *c == 0)?,
            subtotal: None,
            abroad: at[1],
            reception: at[2],
            vehicle: at[3],
            purchase: at[4],
            operation: at[5],
            meeting: None,
            training: None,
        };
        let next = |c: Option<usize>| c.map(|c| c + 1);
        let actual = SangongCols {
            total: budget.total + 1,
            subtotal: None,
            abroad: next(budget.abroad),
            reception: next(budget.reception),
            vehicle: next(budget.vehicle),
            purchase: next(budget.purchase),
            operation: next(budget.operation),
            meeting: None,
            training: None,
        };
        Some((budget, actual))
    }

    /// The columns by caption; None when a caption names two things or a
    /// 公务用车 group lost its 小计 (the header was not read cleanly).
    pub fn of(g: &Grid) -> Option<SangongCols> {
        let leaf = |c: usize| g.paths[c].last().map_or("", String::as_str);
        let whole = |c: usize| g.paths[c].concat();
        let n = g.paths.len();
        let find = |w: &str| (0..n).find(|c| leaf(*c).contains(w));
        let totals: Vec<usize> = (0..n).filter(|c| g.meanings[*c] == Meaning::Total).collect();
        let vehicle = totals.iter().copied().find(|c| whole(*c).contains("公务用车"));
        // A 公务用车 group printed without its 小计 among the captions: a
        // caption was lost in reading, so the columns are not certain.
        let grouped =
            (0..n).any(|c| g.paths[c].len() > 1 && g.paths[c][..g.paths[c].len() - 1].iter().any(|p| search::contains(p, "公务用车")));
        if grouped && vehicle.is_none() {
            return None;
        }
        let others: Vec<usize> = totals.iter().copied().filter(|c| Some(*c) != vehicle).collect();
        let total = *others.first()?;
        if total != 0 {
            return None;
        }
        // Only captions that name one thing each: a caption wrapped past
        // recognition leaves that part unchecked rather than guessed.
        let purchase = (0..n).find(|c| leaf(*c).contains("购置") && !leaf(*c).contains("运行"));
        let operation = (0..n).find(|c| leaf(*c).contains("运行") && !leaf(*c).contains("购置") && !whole(*c).contains("机关运行"));
        let (abroad, reception, meeting, training) = (find("出国"), find("接待"), find("会议"), find("培训"));
        let roles = [abroad, reception, vehicle, purchase, operation, meeting, training, Some(total), others.get(1).copied()];
        let named: Vec<usize> = roles.iter().flatten().copied().collect();
        if named.iter().enumerate().any(|(i, c)| named[i + 1..].contains(c)) {
            return None; // one caption names two things: the header was not read cleanly
        }
        Some(SangongCols { total, subtotal: others.get(1).copied(), abroad, reception, vehicle, purchase, operation, meeting, training })
    }
}

impl SangongCols {
    /// The identities among the columns: (total column, part columns).
    pub fn identities(&self) -> Vec<(usize, Vec<usize>)> {
        let mut out = Vec::new();
        if let (Some(v), Some(b), Some(o)) = (self.vehicle, self.purchase, self.operation) {
            out.push((v, vec![b, o]));
        }
        let vehicle: Option<Vec<usize>> = match (self.vehicle, self.purchase, self.operation) {
            (Some(v), _, _) => Some(vec![v]),
            (None, Some(b), Some(o)) => Some(vec![b, o]),
            _ => None,
        };
        if let (Some(vehicle), Some(a), Some(r)) = (vehicle, self.abroad, self.reception) {
            let target = self.subtotal.or(if self.meeting.is_none() && self.training.is_none() { Some(self.total) } else { None });
            if let Some(s) = target {
                let mut parts = vec![a, r];
                parts.extend(vehicle);
                out.push((s, parts));
            }
        }
        if let (Some(s), Some(m), Some(t)) = (self.subtotal, self.meeting, self.training) {
            out.push((self.total, vec![s, m, t]));
        }
        out
    }
}

/// The words that name a 三公 table's items, one each.
const ITEMS: [&str; 6] = ["出国", "接待", "购置", "运行", "会议", "培训"];

/// The [`ITEMS`] a caption names (their indexes), but none for the one
/// caption that names two as one column ("公务用车购置及运行费").
fn named_items(caption: &str) -> Vec<usize> {
    if search::contains(caption, "购置及运行") {
        return Vec::new();
    }
    (0..ITEMS.len()).filter(|k| caption.contains(ITEMS[*k])).collect()
}

/// The two captions of a header cell whose words, one space apart, name
/// two different items ("公务接待 会议费": the layout left one space between
/// two columns' captions), each at its own columns of `line` (the line as
/// printed); None for any other cell ("公务用车购置及运行费" names one).
pub(super) fn two_items<'a>(line: &str, s: &Span<'a>) -> Option<[Span<'a>; 2]> {
    if s.what != What::Text || s.end - s.start != s.text.chars().count() + 1 {
        return None; // no space inside, or more than one
    }
    let cell: String = line.chars().skip(s.start).take(s.end - s.start).collect();
    let (left, right) = cell.split_once(' ')?;
    let item = |w: &str| -> Option<usize> {
        match named_items(w).as_slice() {
            [k] => Some(*k),
            _ => None,
        }
    };
    if item(left)? == item(right)? {
        return None;
    }
    let mid = s.start + left.chars().count();
    let piece = |t: &str, start: usize, end: usize| Span { text: t.to_string().into(), start, end, what: What::Text };
    Some([piece(left, s.start, mid), piece(right, mid + 1, s.end)])
}

/// Two captions made whole, and the words below they took (line, first column).
pub(super) type RunTogether<'a> = ([Span<'a>; 2], [(usize, usize); 2]);

/// The two captions of a header cell whose words, one space apart, each
/// stand over one of the two words below it ("公务用车购置 公务用车运行" over
/// "费" and "维护费"; "公务用车购 公务用车运行" over "置费" and "维护费"): two
/// columns' captions run together, each wrapped onto a line below. `below`
/// are the header's words on later lines (line, word). Gives the two
/// captions whole ("公务用车购置费", "公务用车运行维护费"), and the two words
/// below that they took (line, first column). Only where both words are
/// 三公 captions (naming 公务用车 or an item): elsewhere one space may stand
/// inside a caption over a group of columns.
pub(super) fn run_together<'a>(line: &str, s: &Span<'a>, below: &[(usize, &Span<'_>)]) -> Option<RunTogether<'a>> {
    if s.what != What::Text || s.end - s.start != s.text.chars().count() + 1 {
        return None; // no space inside, or more than one
    }
    let cell: String = line.chars().skip(s.start).take(s.end - s.start).collect();
    let (left, right) = cell.split_once(' ')?;
    let sangong = |w: &str| w.chars().count() >= 2 && (search::contains(w, "公务用车") || !named_items(w).is_empty());
    if !sangong(left) || !sangong(right) {
        return None;
    }
    let mid = s.start + left.chars().count();
    // The words below within its width, or clear of it by up to three blank
    // columns (a text layer's narrower pitch): two on one line, one each
    // side of the space.
    let near: Vec<&(usize, &Span)> = below.iter().filter(|(_, w)| w.end + 3 >= s.start && w.start <= s.end + 3).collect();
    let [(la, a), (lb, b)] = near.as_slice() else { return None };
    let space2 = 2 * mid + 1;
    if !(la == lb && a.what == What::Text && b.what == What::Text && a.mid2() < space2 && b.mid2() > space2 && a.end <= b.start) {
        return None;
    }
    let piece = |t: String, start: usize, end: usize| Span { text: t.into(), start, end, what: What::Text };
    Some((
        [
            piece(format!("{left}{}", a.text), s.start.min(a.start), mid.max(a.end)),
            piece(format!("{right}{}", b.text), (mid + 1).min(b.start), s.end.max(b.end)),
        ],
        [(*la, a.start), (*lb, b.start)],
    ))
}

/// Whether a header word names one 三公 item other than 公务用车's
/// (因公出国, 公务接待, 会议费, 培训费): a caption of one column's, or of a
/// 预算数 and 决算数 pair's, never a group over several items.
pub(super) fn names_item(s: &Span<'_>) -> bool {
    matches!(named_items(&s.text).as_slice(), [k] if ITEMS[*k] != "购置" && ITEMS[*k] != "运行")
}

/// Whether two captions name different 三公 items (公务用车, 因公出国,
/// 公务接待, 会议费, 培训费; 购置 and 运行 are 公务用车's): a group over one
/// is not over the other.
pub(super) fn other_items(a: &str, b: &str) -> bool {
    let item = |w: &str| -> Option<u8> {
        let has = |x: &str| search::contains(w, x);
        match () {
            _ if has("机关运行") => None,
            _ if has("公务用车") || has("购置") || has("运行") => Some(0),
            _ if has("出国") => Some(1),
            _ if has("接待") => Some(2),
            _ if has("会议") => Some(3),
            _ if has("培训") => Some(4),
            _ => None,
        }
    };
    matches!((item(a), item(b)), (Some(x), Some(y)) if x != y)
}

/// Why a 三公 table with a column whose caption names nothing it prints,
/// or that no item claims (a caption's piece taken for a column: "置费"; a
/// group's caption), is not read.
pub const UNNAMED: &str = "表头中有栏名未能识别或对不上“三公”的任何一项（可能是折行的栏名被拆成了两栏，或上一级的栏名被当成了一栏），无法确定每个数字属于哪一栏，未读取（以免把数字放错栏）";

/// Whether a 三公 table's column caption names something such a table
/// prints: a total, an item, 机关运行经费, or a 预算数 / 决算数 of one. A
/// caption's piece ("置费", "待费") names nothing: the header was not read
/// cleanly, and a figure under it, or under the caption it was cut from,
/// would be read as another column's.
fn names_a_column(caption: &str) -> bool {
    const WORDS: [&str; 12] = ["合计", "小计", "总计", "出国", "接待", "购置", "运行", "会议", "培训", "预算", "决算", "执行"];
    WORDS.iter().any(|w| search::contains(caption, w))
}

/// Why a 三公 table whose captions ran together is not read.
pub const JOINED: &str = "表头中两个栏名连在了一起（如“公务接待”与“会议费”），无法确定每个数字属于哪一栏，未读取（以免把数字放错栏）";

/// Why a 三公 table cannot be read with certainty.
pub const UNSETTLED: &str =
    "表头多层且栏名折行，按位置读出的数字与“合计＝各项之和”不符，也找不到唯一一种符合的栏目对应，未读取（以免把数字放错栏）";

/// Holds each row of a 三公 table to its identities, re-placing a row's
/// amounts when the positions break them (see the module doc). Err when a
/// row cannot be settled; Ok(true) when a row was moved.
pub fn settle(table: &mut Table, grid: &Grid) -> Result<bool, &'static str> {
    if grid.paths.iter().any(|p| !names_a_column(p.last().map_or("", String::as_str))) {
        return Err(UNNAMED);
    }
    // Two captions printed against each other with no space between
    // ("公务用车公务用车运" over 购置费 and 运行维护费): one column where the
    // page prints two, and every figure after it a column early.
    if grid.paths.iter().filter_map(|p| p.last()).any(|leaf| search::match_starts(leaf, "公务用车").nth(1).is_some()) {
        return Err(JOINED);
    }
    let Some(cols) = SangongCols::of(grid) else {
        // Two captions run together ("公务接待 会议费" read as one): which
        // number is which cannot be told.
        let joined = grid.paths.iter().filter_map(|p| p.last()).any(|leaf| named_items(leaf).len() > 1);
        return if joined { Err(JOINED) } else { Ok(false) };
    };
    // Every column named by one role, or 机关运行经费: a column no role
    // claims is a caption's piece, a group's caption or a third 小计 taken
    // for a column, and the figures beside it are then under the wrong items.
    let claimed = [
        Some(cols.total),
        cols.subtotal,
        cols.abroad,
        cols.reception,
        cols.vehicle,
        cols.purchase,
        cols.operation,
        cols.meeting,
        cols.training,
    ];
    let organ = |c: usize| grid.paths[c].iter().any(|p| search::contains(p, "机关运行"));
    if (0..grid.paths.len()).any(|c| !claimed.contains(&Some(c)) && !organ(c)) {
        return Err(UNNAMED);
    }
    // Every caption paired with its column in order: the positions are
    // certain, and a broken identity is the table's own (TBL-204 reports it).
    if grid.exact {
        return Ok(false);
    }
    let ids = cols.identities();
    if ids.is_empty() {
        return Ok(false);
    }
    let mut moved = false;
    for row in &mut table.rows {
        let values: Vec<Option<Decimal>> = row.cells.iter().map(|c| c.value).collect();
        if holds(&values, &ids) {
            continue;
        }
        let printed: Vec<usize> = (0..values.len()).filter(|c| values[*c].is_some()).collect();
        let best = placements(values.len(), printed.len(), 2_000)
            .ok_or(UNSETTLED)?
            .into_iter()
            .filter_map(|p| {
                let mut v = vec![None; values.len()];
                for (k, c) in p.iter().enumerate() {
                    v[*c] = values[printed[k]];
                }
                let cost = p.iter().zip(&printed).fold(0usize, |n, (a, b)| n + a.abs_diff(*b));
                holds(&v, &ids).then_some((cost, p))
            })
            .fold(Vec::<(usize, Vec<usize>)>::new(), |mut best, (cost, p)| {
                match best.first().map(|b| b.0) {
                    Some(c) if cost > c => {}
                    Some(c) if cost == c => best.push((cost, p)),
                    _ => best = vec![(cost, p)],
                }
                best
            });
        let [(_, p)] = best.as_slice() else { return Err(UNSETTLED) };
        let cells = row.cells.clone();
        for c in &mut row.cells {
            c.value = None;
        }
        for (k, c) in p.iter().enumerate() {
            row.cells[*c] = cells[printed[k]];
        }
        moved = true;
    }
    Ok(moved)
}

/// Whether the table's columns are told by their captions, it has an
/// identity among them, and every row keeps every identity: a reading the
/// figures themselves confirm, whatever the positions said.
pub(super) fn keeps_identities(table: &Table, grid: &Grid) -> bool {
    let ids = SangongCols::of(grid).map(|c| c.identities()).unwrap_or_default();
    !ids.is_empty() && table.rows.iter().all(|r| holds(&r.cells.iter().map(|c| c.value).collect::<Vec<_>>(), &ids))
}

/// Every identity holds within rounding (blank cells count as zero; an
/// identity whose total is blank is not checked).
pub(super) fn holds(v: &[Option<Decimal>], ids: &[(usize, Vec<usize>)]) -> bool {
    ids.iter().all(|(t, parts)| {
        let Some(total) = v.get(*t).copied().flatten() else { return true };
        crate::rounding::agrees(Some(total), parts.iter().map(|p| (1, v.get(*p).copied().flatten())))
    })
}

/// Every order-preserving placement of `k` amounts into `n` columns, or None
/// when there are more than `cap` of them.
pub(super) fn placements(n: usize, k: usize, cap: usize) -> Option<Vec<Vec<usize>>> {
    fn go(n: usize, k: usize, from: usize, cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>, cap: usize) -> bool {
        if cur.len() == k {
            out.push(cur.clone());
            return out.len() <= cap;
        }
        let left = k.saturating_sub(cur.len());
        for c in from..=n.saturating_sub(left) {
            cur.push(c);
            let ok = go(n, k, c.saturating_add(1), cur, out, cap);
            cur.pop();
            if !ok {
                return false;
            }
        }
        true
    }
    let mut out = Vec::new();
    (k <= n && go(n, k, 0, &mut Vec::new(), &mut out, cap)).then_some(out)
}

#[cfg(test)]
mod tests {
    use crate::model::{Grid, Meaning, SangongCols};

    fn grid(paths: &[&[&str]]) -> Grid {
        let paths: Vec<Vec<String>> = paths.iter().map(|p| p.iter().map(|s| s.to_string()).collect()).collect();
        Grid { meanings: paths.iter().map(|p| Meaning::of(p)).collect(), paths, read: true, exact: true, ..Grid::default() }
    }

    /// A national-form 三公 header as read (captions wrapped and joined the
    /// way layout text gives them).
    const PAIRED: &[&[&str]] = &[
        &["合计预算数"],
        &["决算数"],
        &["因公出国（境）费", "预算数"],
        &["财政拨款“三公”经费", "因公出国（境）费", "决算数"],
        &["财政拨款“三公”经费", "公务用车购置及运行费", "小计预算数"],
        &["财政拨款“三公”经费", "公务用车购置及运行费", "决算数"],
        &["公务用车购置及运行费", "公务用车购置费", "预算数"],
        &["公务用车购置及运行费", "公务用车购置费", "决算数"],
        &["公务用车购置及运行费", "公务用车运行费", "预算数"],
        &["公务用车运行费", "决算数"],
        &["公务接待费预算数"],
        &["决算数"],
    ];

    /// A caption's piece taken for a column of its own ("置费", cut from
    /// "公务用车购置费" where the text prints Chinese narrower than it
    /// stands): a figure under it, or under the caption it was cut from,
    /// would be read as another item's, so the table is not read.
    #[test]
    fn a_column_whose_caption_names_nothing_leaves_the_table_unread() {
        use crate::model::{Table, TableKind};
        let g = grid(&[
            &["合计"],
            &["小计"],
            &["因公出国（境）费"],
            &["“三公”经费", "小计"],
            &["“三公”经费", "公务用车购置及运行维护费公务用车购"],
            &["“三公”经费", "置费"],
            &["公务用车运行维护费"],
            &["公务接待费"],
            &["会议费"],
            &["培训费"],
        ]);
        let mut t = Table::empty(TableKind::BSangong, 1);
        assert_eq!(super::settle(&mut t, &g), Err(super::UNNAMED));
        // Read cleanly, every caption names its column.
        let g = grid(&[
            &["合计"],
            &["小计"],
            &["因公出国（境）费"],
            &["“三公”经费", "公务用车购置及运行维护费", "小计"],
            &["“三公”经费", "公务用车购置及运行维护费", "公务用车购置费"],
            &["公务用车运行维护费"],
            &["公务接待费"],
            &["会议费"],
            &["培训费"],
        ]);
        assert_eq!(super::settle(&mut t, &g), Ok(false));
    }

    /// Two captions printed against each other with no space between
    /// ("公务用车公务用车运" over 购置费 and 运行维护费, as a PDF that places
    /// each word at its column gives them): one column stands for two, and
    /// each figure after it would be read a column early.
    #[test]
    fn two_captions_printed_against_each_other_leave_the_table_unread() {
        use crate::model::{Table, TableKind};
        let g = grid(&[
            &["合计"],
            &["小计"],
            &["因公出国（境）费"],
            &["“三公”经费", "公务用车购置及运行维护费", "小计"],
            &["“三公”经费", "公务用车购置及运行维护费", "公务用车公务用车运购置费"],
            &["“三公”经费", "公务接待费行维护费"],
            &["会议费"],
            &["培训费"],
        ]);
        let mut t = Table::empty(TableKind::BSangong, 1);
        assert_eq!(super::settle(&mut t, &g), Err(super::JOINED));
    }

    #[test]
    fn two_items_captions_one_space_apart_are_cut_at_the_space() {
        use super::super::spans::spans;
        let cut = |line: &str| -> Option<Vec<(String, usize, usize)>> {
            let s = spans(line).into_iter().next()?;
            super::two_items(line, &s).map(|p| p.iter().map(|x| (x.text.to_string(), x.start, x.end)).collect())
        };
        assert_eq!(cut("    公务接待 会议费"), Some(vec![("公务接待".to_string(), 4, 8), ("会议费".to_string(), 9, 12)]));
        assert_eq!(cut("公务用车购置 公务用车运行").map(|p| p.len()), Some(2));
        // One item's pieces, one caption, or a space too many: not cut.
        assert_eq!(cut("公务用车运行 维护费"), None);
        assert_eq!(cut("公务用车购置及运行 维护费"), None);
        assert_eq!(cut("公务接待会议费"), None);
        assert_eq!(cut("因公出国 （境）费"), None);
    }

    #[test]
    fn two_sangong_captions_run_together_over_their_two_pieces_are_two_captions() {
        use super::super::spans::spans;
        // The caption line, then the lines below it (09, 13 and 17 in layout
        // text; 15 cut inside 购置; the PDF's narrower pitch, 维护费 three
        // columns clear of 公务用车运行).
        let whole = |lines: &[&str]| -> Option<Vec<(String, usize, usize)>> {
            let s = spans(lines[0]).into_iter().find(|s| s.end - s.start == s.text.chars().count() + 1)?;
            let below: Vec<(usize, super::Span)> =
                lines.iter().enumerate().skip(1).flat_map(|(i, l)| spans(l).into_iter().map(move |w| (i, w))).collect();
            let below: Vec<(usize, &super::Span)> = below.iter().map(|(i, w)| (*i, w)).collect();
            super::run_together(lines[0], &s, &below).map(|(p, _)| p.iter().map(|x| (x.text.to_string(), x.start, x.end)).collect())
        };
        let caption = |p: Option<Vec<(String, usize, usize)>>| p.map(|p| p.into_iter().map(|x| x.0).collect::<Vec<_>>());
        let two = Some(vec!["公务用车购置费".to_string(), "公务用车运行维护费".to_string()]);
        assert_eq!(caption(whole(&["     （境）费     公务用车购置 公务用车运行", "      小计", "                 费     维护费"])), two);
        assert_eq!(caption(whole(&["公务用车购 公务用车运行", "", " 置费    维护费"])), two);
        assert_eq!(caption(whole(&["公务用车购置 公务用车运行", "     费          维护费"])), two);
        // The pieces take the columns they stand over.
        assert_eq!(whole(&["公务用车购置 公务用车运行", "     费     维护费"]).map(|p| (p[0].2, p[1].1)), Some((6, 7)));

        // One piece below, three, two on different lines, or one piece that
        // stands under the space: no two captions to tell.
        assert_eq!(whole(&["公务用车购置 公务用车运行", "     费"]), None);
        assert_eq!(whole(&["公务用车购置 公务用车运行", " 费    维护  费"]), None);
        assert_eq!(whole(&["公务用车购置 公务用车运行", "     费", "           维护费"]), None);
        assert_eq!(whole(&["公务用车购置 公务用车运行", "  公务用车费用"]), None);
        // Too far askew: more than three blank columns past the caption.
        assert_eq!(whole(&["公务用车购置 公务用车运行", "     费              维护费"]), None);
        // Not two 三公 captions: one caption with a space inside, over a
        // group ("公务用车 购置及运行费" names one item, "本年收入" none).
        assert_eq!(whole(&["公务用车 购置及运行费", "  小计     购置费"]), None);
        assert_eq!(whole(&["本年收入 上年结转", "  小计     合计"]), None);
    }

    #[test]
    fn budget_and_actual_pairs_give_two_sets_of_columns() {
        let (budget, actual) = SangongCols::pairs(&grid(PAIRED)).expect("pairs");
        assert_eq!(
            (budget.total, budget.abroad, budget.vehicle, budget.purchase, budget.operation, budget.reception),
            (0, Some(2), Some(4), Some(6), Some(8), Some(10))
        );
        assert_eq!(
            (actual.total, actual.abroad, actual.vehicle, actual.purchase, actual.operation, actual.reception),
            (1, Some(3), Some(5), Some(7), Some(9), Some(11))
        );
    }

    #[test]
    fn pairs_naming_another_item_or_out_of_turn_are_not_taken() {
        // A 决算数 column whose path names another item: the header was not
        // read cleanly.
        let mut crossed: Vec<&[&str]> = PAIRED.to_vec();
        crossed[3] = &["公务接待费", "决算数"];
        assert_eq!(SangongCols::pairs(&grid(&crossed)), None);
        // 预算数 and 决算数 out of turn.
        let mut swapped: Vec<&[&str]> = PAIRED.to_vec();
        swapped.swap(0, 1);
        assert_eq!(SangongCols::pairs(&grid(&swapped)), None);
        // An item twice.
        let mut twice: Vec<&[&str]> = PAIRED.to_vec();
        twice[10] = &["因公出国（境）费预算数"];
        assert_eq!(SangongCols::pairs(&grid(&twice)), None);
    }
}
