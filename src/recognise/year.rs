//! The year a disclosure is for. A budget's text names other years too: the
//! year before in its comparisons ("比2023年预算数增加"), a column of last
//! year's amounts, a heading copied from last year's file. The year it is
//! *for* is the one its titles give ("2024年部门预算", "2019年政府采购预算
//! 表", "2023年度部门决算情况说明"); a comparison ("与2023年度相比") speaks
//! for the year after the one it names. With a cover, the cover decides;
//! without one (a text pasted from its 情况说明 or first table on), the
//! titles and comparisons must agree, else the year is left unknown and the
//! doubt is said.

use crate::model::DocumentKind;

/// The year, or why it is left unknown.
pub(super) struct Year {
    pub year: Option<u16>,
    pub doubt: Option<String>,
}

/// The year of a text of `kind` from its `cover` (squeezed, joined; see
/// `super::cover`) and its `whole` text (squeezed lines joined by "\n").
pub(super) fn year(kind: DocumentKind, cover: &str, whole: &str) -> Year {
    // A cover title ("示例市某区2024年区级部门预算", "2017 年部门预算") is no
    // sentence and no 情况说明 heading, which may be copied from last year's.
    if !cover.contains(['，', '。']) && !cover.contains("说明") {
        if let Some(y) = titled(kind, cover).next() {
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
    for y in titled_in(kind, found.iter().copied()) {
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

/// The years the titles of `text` give, in order: a
/// "20xx年" or "20xx年度" followed, within a few characters and no
/// punctuation, by a title word of the kind ("部门预算", "预算表",
/// "决算公开"…). "2023年当年预算执行数" and "2023年预算数" are not titles.
fn titled<'a>(kind: DocumentKind, text: &'a str) -> impl Iterator<Item = u16> + 'a {
    titled_in(kind, years(text))
}

/// [`titled`] of a text's [`years`].
fn titled_in<'a>(kind: DocumentKind, years: impl Iterator<Item = (u16, usize, &'a str)> + 'a) -> impl Iterator<Item = u16> + 'a {
    years.filter_map(move |(y, _, after)| {
        let after = after.strip_prefix('度').unwrap_or(after);
        // The gap: at most 16 characters ("示例省某某管理中心", "政府采购",
        // "单位\n", "“三公”经费"), no digit (another year's) and no
        // punctuation but quotes.
        let end = after.char_indices().nth(16 + 4).map_or(after.len(), |(i, _)| i);
        let window = after.get(..end)?;
        let at = title_word(kind, window)?;
        let gap = window.get(..at)?;
        let clean = gap.chars().count() <= 16 && !gap.chars().any(|c| c.is_ascii_digit() || "，。；：、,;:（）()".contains(c));
        clean.then_some(y)
    })
}

/// Where the first title word of `kind` starts in `window`: 预算 (决算, or
/// either for an unknown kind) with 部门 or 单位 before it or 表 or 公开
/// after it ("部门预算", "单位决算", "预算表", "决算公开"). Each is found
/// from its 算, read once, rather than by a search per word.
fn title_word(kind: DocumentKind, window: &str) -> Option<usize> {
    let heads: &[char] = match kind {
        DocumentKind::Budget => &['预'],
        DocumentKind::FinalAccounts => &['决'],
        DocumentKind::Unknown => &['预', '决'],
    };
    window
        .match_indices('算')
        .filter_map(|(i, _)| {
            let head = window.get(..i)?.strip_suffix(heads)?;
            let after = window.get(i + '算'.len_utf8()..)?;
            match head.strip_suffix("部门").or_else(|| head.strip_suffix("单位")) {
                Some(owner) => Some(owner.len()),
                None => (after.starts_with('表') || after.starts_with("公开")).then_some(head.len()),
            }
        })
        .min()
}

/// The years the comparisons among `text`'s [`years`] imply: "与2023年度
/// 相比", "比2023年", "较2023年" speak of the year before the text's own.
fn compared_in<'a>(text: &'a str, years: impl Iterator<Item = (u16, usize, &'a str)> + 'a) -> impl Iterator<Item = u16> + 'a {
    years.filter_map(move |(y, at, _)| {
        let before = text.get(..at)?;
        ["与", "比", "较", "同"].iter().any(|w| before.ends_with(w)).then(|| y.checked_add(1))?
    })
}

/// Every "20xx年" of `text`: the year, where its digits start and the text
/// from its 年 on.
fn years(text: &str) -> impl Iterator<Item = (u16, usize, &str)> {
    let b = text.as_bytes();
    memchr::memmem::find_iter(b, "年".as_bytes()).filter_map(move |i| {
        let at = i.checked_sub(4)?;
        let digits = b.get(at..i)?;
        if !(digits.iter().all(u8::is_ascii_digit) && digits.starts_with(b"20")) {
            return None;
        }
        let y: u16 = std::str::from_utf8(digits).ok()?.parse().ok()?;
        Some((y, at, text.get(i + "年".len()..)?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`title_word`] as first written: the least start of any title word.
    fn title_word_by_search(kind: DocumentKind, window: &str) -> Option<usize> {
        let words: &[&str] = match kind {
            DocumentKind::Budget => &["部门预算", "单位预算", "预算表", "预算公开"],
            DocumentKind::FinalAccounts => &["部门决算", "单位决算", "决算表", "决算公开"],
            DocumentKind::Unknown => &["部门预算", "单位预算", "预算表", "预算公开", "部门决算", "单位决算", "决算表", "决算公开"],
        };
        words.iter().filter_map(|w| window.find(w)).min()
    }

    #[test]
    fn a_title_word_is_found_where_a_search_for_each_word_finds_the_first() {
        let pieces = ["部门", "单位", "预", "决", "算", "表", "公开", "部", "年", "1"];
        for text in crate::text::stream::sample_texts(&pieces, 400) {
            for kind in [DocumentKind::Budget, DocumentKind::FinalAccounts, DocumentKind::Unknown] {
                assert_eq!(title_word(kind, &text), title_word_by_search(kind, &text), "{text:?} {kind:?}");
            }
        }
    }
}
