//! The year a disclosure is for. A budget's text names other years too: the
//! year before in its comparisons ("比2023年预算数增加"), a column of last
//! year's amounts, a heading copied from last year's file. The year it is
//! *for* is the one its titles give ("2024年部门预算", "2019年政府采购预算
//! 表", "2023年度部门决算情况说明"); a comparison ("与2023年度相比") speaks
//! for the year after the one it names. With a cover, the cover decides;
//! without one (a text pasted from its 情况说明 or first table on), the
//! titles and comparisons must agree, else the year is left unknown and the
//! doubt is said.

use super::title::{self, Word};
use crate::model::DocumentKind;

/// The year, or why it is left unknown.
pub(super) struct Year {
    pub year: Option<u16>,
    pub doubt: Option<String>,
}

/// The year of a text of `kind` from its `cover` (squeezed, joined; see
/// `super::Cover`) and its `whole` text (squeezed lines joined by "\n"),
/// each with its [`title::words`]; `dept` is the department recognised,
/// which a title may name between its year and its words.
pub(super) fn year(kind: DocumentKind, (cover, on_cover): (&str, &[Word]), (whole, words): (&str, &[Word]), dept: Option<&str>) -> Year {
    // A cover title ("示例市某区2024年区级部门预算", "2017 年部门预算") is no
    // sentence and no 情况说明 heading, which may be copied from last year's.
    if !cover.contains(['，', '。']) && !cover.contains("说明") {
        if let Some(y) = titled_in(kind, cover, years(cover), on_cover, dept).next() {
            return Year { year: Some(y), doubt: None };
        }
    }
    // Votes per year: (titles, comparisons).
    let mut votes: Vec<(u16, usize, usize)> = Vec::new();
    let mut vote = |y: u16, title: bool| {
        let at = match votes.iter().position(|v| v.0 == y) {
            Some(i) => i,
            None => {
                votes.push((y, 0, 0));
                votes.len() - 1
            }
        };
        if let Some(v) = votes.get_mut(at) {
            if title {
                v.1 = v.1.saturating_add(1);
            } else {
                v.2 = v.2.saturating_add(1);
            }
        }
    };
    // The text's years found once, for both kinds of vote.
    let found: Vec<(u16, usize, &str)> = years(whole).collect();
    for y in titled_in(kind, whole, found.iter().copied(), words, dept) {
        vote(y, true);
    }
    for y in compared_in(whole, found.iter().copied()) {
        vote(y, false);
    }
    let total = votes.iter().fold(0usize, |n, v| n.saturating_add(v.1).saturating_add(v.2));
    let best = votes.iter().max_by_key(|v| (v.1.saturating_add(v.2), v.1)).copied();
    let Some((y, titles, comparisons)) = best else {
        return Year {
            year: None, doubt: Some("文中没有写明年度的标题（如“2024年部门预算”“2023年度部门决算”），未识别文件年度。".into())
        };
    };
    let mine = titles.saturating_add(comparisons);
    let others = total.saturating_sub(mine);
    // The year must be some title's, and outvote the others two to one.
    if titles > 0 && mine >= others.saturating_mul(2) {
        return Year { year: Some(y), doubt: None };
    }
    let say = |v: &(u16, usize, usize)| {
        let mut s = Vec::new();
        if v.1 > 0 {
            s.push(format!("{}处标题", v.1));
        }
        if v.2 > 0 {
            s.push(format!("{}处与上年的比较", v.2));
        }
        format!("{}年（{}）", v.0, s.join("、"))
    };
    let mut all = votes.clone();
    all.sort_unstable_by_key(|v| std::cmp::Reverse(v.1.saturating_add(v.2)));
    let listed: Vec<String> = all.iter().take(3).map(say).collect();
    Year { year: None, doubt: Some(format!("文中的年度不一致：{}，未认定文件年度。", listed.join("，"))) }
}

/// The years the titles of `text` give, in order, given its [`years`] and
/// its [`title::words`]: a "20xx年" or "20xx年度" followed, within a few
/// characters and no punctuation, by a title word of the kind ("部门预算",
/// "预算表", "决算公开"…). "2023年当年预算执行数" and "2023年预算数" are not
/// titles. The department's name `dept` right after the year is no part
/// of the gap: "2017年中国共产党某某省委员会办公厅政府采购预算表" is a title
/// however long the name.
fn titled_in<'a>(
    kind: DocumentKind,
    text: &'a str,
    years: impl Iterator<Item = (u16, usize, &'a str)> + 'a,
    words: &'a [Word],
    dept: Option<&'a str>,
) -> impl Iterator<Item = u16> + 'a {
    years.filter_map(move |(y, _, after)| {
        let after = dept.filter(|d| !d.is_empty()).and_then(|d| after.strip_prefix(d)).unwrap_or(after);
        // The gap: at most 16 characters ("示例省某某管理中心", "政府采购",
        // "单位\n", "“三公”经费"), no digit (another year's) and no
        // punctuation but quotes.
        let end = after.char_indices().nth(16 + 4).map_or(after.len(), |(i, _)| i);
        let from = text.len().checked_sub(after.len())?;
        let at = title::first_title(words, kind, from, from.checked_add(end)?)?;
        let gap = text.get(from..at)?;
        let clean = gap.chars().count() <= 16 && !gap.chars().any(|c| c.is_ascii_digit() || "，。；：、,;:（）()".contains(c));
        clean.then_some(y)
    })
}

/// The years the comparisons among `text`'s [`years`] imply: "与2023年度
/// 相比", "比2023年", "较2023年" speak of the year before the text's own.
fn compared_in<'a>(text: &'a str, years: impl Iterator<Item = (u16, usize, &'a str)> + 'a) -> impl Iterator<Item = u16> + 'a {
    years.filter_map(move |(y, at, _)| {
        let before = text.get(..at)?;
        ["与", "比", "较", "同"].iter().any(|w| before.ends_with(w)).then(|| y.checked_add(1))?
    })
}

/// Every "20xx年" of `text`, and every one in Chinese numerals ("二〇二四年",
/// as covers print it): the year, where its digits start and the text
/// after its 年 (or 年度). A disclosure's year is of this century; a
/// "19xx年" (a founding, a birth) is none.
fn years(text: &str) -> impl Iterator<Item = (u16, usize, &str)> {
    years_with(text, true).filter(|(y, _, _)| *y >= 2000)
}

/// The digits 0–9 in Chinese numerals, then 〇's other forms (○, 零).
const NUMERALS: &str = "〇一二三四五六七八九○零";

/// The year `s` starts with in Chinese numerals ("二〇二四年", "二零一九年度";
/// 〇 also as ○ or 零) and the text after it.
fn leading_in_numerals(s: &str) -> Option<(u16, &str)> {
    let mut y = 0u16;
    let mut chars = s.char_indices();
    for _ in 0..4 {
        let (_, c) = chars.next()?;
        let d = NUMERALS.chars().position(|n| n == c).map(|k| if k < 10 { k } else { 0 })?;
        y = y.checked_mul(10)?.checked_add(u16::try_from(d).ok()?)?;
    }
    let (at, _) = chars.next().filter(|(_, c)| *c == '年')?;
    let rest = s.get(at + "年".len()..)?;
    ((1900..2100).contains(&y)).then_some((y, rest.strip_prefix('度').unwrap_or(rest)))
}

/// Every year printed in `text` ("2023年", "1998年度"), as [`years`] gives
/// them.
pub(crate) fn printed(text: &str) -> impl Iterator<Item = (u16, usize, &str)> {
    years_with(text, false)
}

/// Every year before a 年 of `text` in Arabic digits, and with `numerals`
/// in Chinese ones too: the year, where it starts and the text after its
/// 年 (or 年度).
fn years_with(text: &str, numerals: bool) -> impl Iterator<Item = (u16, usize, &str)> {
    memchr::memmem::find_iter(text.as_bytes(), "年".as_bytes()).filter_map(move |i| {
        if let Some((y, rest)) = i.checked_sub(4).and_then(|at| leading(text.get(at..)?)) {
            return Some((y, i - 4, rest));
        }
        // Most 年 follow no numeral (本年, 上年, 年度): one char looked at.
        text.get(..i)?.chars().next_back().filter(|c| numerals && NUMERALS.contains(*c))?;
        let at = i.checked_sub(4 * "〇".len())?;
        let (y, rest) = leading_in_numerals(text.get(at..)?)?;
        Some((y, at, rest))
    })
}

/// The year `s` starts with ("2023年", "2023年度": 19xx or 20xx) and the
/// text after it, None when it starts with none.
pub(crate) fn leading(s: &str) -> Option<(u16, &str)> {
    let digits = s.as_bytes().get(..4)?;
    if !(digits.iter().all(u8::is_ascii_digit) && matches!(&digits[..2], b"19" | b"20")) {
        return None;
    }
    let rest = s.get(4..)?.strip_prefix('年')?;
    let y: u16 = s.get(..4)?.parse().ok()?;
    Some((y, rest.strip_prefix('度').unwrap_or(rest)))
}
