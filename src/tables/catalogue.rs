//! The table catalogue: which standard table a printed title names.
//!
//! Regions print the same tables under many names (收支预算总表, 部门财务收支
//! 预算总表, 2017年度示例省某某管理中心部门收支预算总表 …), with or without a
//! marker (公开01表, 公开表一, 表一, 一、). A title is matched by the words it
//! must contain and must not contain, most specific entry first; the marker,
//! the year and the department name never decide the kind.
//!
//! Both readers name a table from here: the layout reader ([`super::grid`])
//! and, for budgets, the marker reader ([`super::budget::kinds`]), which
//! falls back on the header only where no title is known.
//!
//! **Adding a region's spelling is one entry in [`FINAL_TITLES`] or
//! [`BUDGET_TITLES`].**

use crate::model::{DocumentKind, TableKind};
use crate::text::search;

/// One way of naming a table: all of `all` appear, none of `none` does.
#[derive(Debug)]
pub struct Alias {
    /// Words the cleaned title must contain.
    pub all: &'static [&'static str],
    /// Words it must not contain.
    pub none: &'static [&'static str],
    /// The table it names.
    pub kind: TableKind,
    /// The [`word_bits`] of `all`: a title lacking one lacks a word.
    bits: u64,
    /// Whether the first of `all` must lead the title ([`leads`]).
    lead: bool,
}

const fn a(all: &'static [&'static str], none: &'static [&'static str], kind: TableKind) -> Alias {
    let mut bits = 0;
    let mut k = 0;
    while k < all.len() {
        bits |= word_bits(all[k].as_bytes());
        k += 1;
    }
    Alias { all, none, kind, bits, lead: false }
}

/// An alias whose first word must lead the title: "支出预算表" names the
/// 支出总表 in "2019年部门支出预算表", not in the tail of a wrapped title
/// ("…会议费、培" / "训费支出预算表") or in any "…支出预算表".
const fn lead(all: &'static [&'static str], kind: TableKind) -> Alias {
    let mut al = a(all, &[], kind);
    al.lead = true;
    al
}

/// Whether `word` leads `title`: nothing before it, or the year and the
/// department ("2018年度江苏省高级人民法院", "某某局2019年"), or the scope
/// ("部门", "单位", "部门财务"). A wrapped title's tail holds no year.
fn leads(title: &str, word: &str) -> bool {
    search::find(title, word).is_some_and(|k| {
        let before = &title[..k];
        before.is_empty() || before.contains('年') || ["部门", "单位", "财务"].iter().any(|e| before.ends_with(e))
    })
}

/// One bit for each byte of `b`, by its low six bits: a text holding a
/// word holds its bytes, so has all of the word's bits.
pub(crate) const fn word_bits(b: &[u8]) -> u64 {
    let mut bits = 0u64;
    let mut i = 0;
    while i < b.len() {
        bits |= 1 << (b[i] & 63);
        i += 1;
    }
    bits
}

/// 决算 titles, most specific first.
pub const FINAL_TITLES: &[Alias] = &[
    a(&["三公"], &[], TableKind::F09),
    a(&["政府性基金"], &[], TableKind::F07),
    a(&["国有资本经营"], &[], TableKind::F08),
    a(&["财政拨款", "收入支出", "总表"], &[], TableKind::F04),
    a(&["财政拨款收支", "总表"], &[], TableKind::F04),
    a(&["收入支出", "总表"], &[], TableKind::F01),
    a(&["收支", "总表"], &[], TableKind::F01),
    // Summaries titled "…决算表" without 总表.
    a(&["财政拨款", "收入支出", "决算表"], &["一般公共预算"], TableKind::F04),
    a(&["收入支出", "决算表"], &["一般公共预算"], TableKind::F01),
    // "…决算总体情况表", as the budget's national template names its summaries.
    a(&["财政拨款", "总体情况表"], &["一般公共预算"], TableKind::F04),
    a(&["收入支出", "总体情况表"], &[], TableKind::F01),
    a(&["收支", "总体情况表"], &[], TableKind::F01),
    a(&["一般公共预算", "基本支出"], &[], TableKind::F06),
    // Nor is a 一般公共预算 table of one part of it (…项目支出决算表) the 05 table.
    a(&["一般公共预算", "支出"], &["项目支出", "机关运行", "采购", "绩效"], TableKind::F05),
    a(&["收入", "决算表"], &["支出"], TableKind::F02),
    // A table of one part of the spending (项目支出决算表, 机关运行经费支出
    // 决算表, 财政拨款支出决算表 of an older template) is not the 支出决算表
    // of all of it: named so, its totals would be held to 01's.
    a(&["支出", "决算表"], &["收入", "项目支出", "基本支出", "机关运行", "采购", "绩效", "财政拨款"], TableKind::F03),
];

/// 预算 titles, most specific first.
pub const BUDGET_TITLES: &[Alias] = &[
    a(&["三公"], &[], TableKind::BSangong),
    a(&["机关运行经费"], &[], TableKind::BOperating),
    a(&["政府采购"], &[], TableKind::BProcurement),
    a(&["绩效目标"], &[], TableKind::BPerformance),
    a(&["财政拨款", "收支", "总表"], &[], TableKind::BFiscal),
    // The national template's "…总体情况表" (部门收支总体情况表, 财政拨款收支
    // 总体情况表 …) names the same summary tables.
    a(&["财政拨款", "收支总体"], &[], TableKind::BFiscal),
    a(&["收支", "总表"], &[], TableKind::BSummary),
    a(&["收支总体"], &[], TableKind::BSummary),
    a(&["收入", "总表"], &["支出"], TableKind::BIncome),
    a(&["收入总体"], &["支出"], TableKind::BIncome),
    a(&["支出", "总表"], &["收入"], TableKind::BExpenditure),
    a(&["支出总体"], &["收入"], TableKind::BExpenditure),
    a(&["项目支出"], &[], TableKind::BProjects),
    a(&["政府性基金"], &[], TableKind::BFund),
    a(&["国有资本经营"], &[], TableKind::BCapital),
    a(&["基本支出", "政府经济分类"], &[], TableKind::BBasicGovEcon),
    a(&["一般公共预算", "基本支出"], &[], TableKind::BBasicEcon),
    a(&["财政拨款", "基本支出"], &[], TableKind::BFiscalBasic),
    a(&["基本支出预算表"], &[], TableKind::BBasicAll),
    a(&["一般公共预算", "支出"], &[], TableKind::BGeneral),
    a(&["财政拨款", "支出"], &["收入"], TableKind::BFiscalSpend),
    // Summaries titled "…预算表" without 总表 (部门收支预算表, 收入预算表,
    // 2019年部门支出预算表): the word leads the title, as in a wrapped
    // title's tail ("…会议费、培" / "训费支出预算表") it does not.
    a(&["财政拨款", "收支", "预算表"], &[], TableKind::BFiscal),
    a(&["财政拨款", "收入支出", "总表"], &[], TableKind::BFiscal),
    lead(&["收支预算表"], TableKind::BSummary),
    a(&["收入支出", "总表"], &[], TableKind::BSummary),
    lead(&["收入预算表"], TableKind::BIncome),
    lead(&["支出预算表"], TableKind::BExpenditure),
];

/// The kind a cleaned title names in a document of `doc` kind.
pub fn kind_of(title: &str, doc: DocumentKind) -> Option<TableKind> {
    let list = match doc {
        DocumentKind::FinalAccounts => FINAL_TITLES,
        DocumentKind::Budget => BUDGET_TITLES,
        DocumentKind::Unknown => return None,
    };
    // Most entries name a word the title lacks: its bytes' bits, taken once,
    // turn those away without a search for each word (most of the cost).
    let bits = word_bits(title.as_bytes());
    list.iter()
        .find(|al| {
            al.bits & !bits == 0
                && al.all.iter().all(|w| search::contains(title, w))
                && !al.none.iter().any(|w| search::contains(title, w))
                && (!al.lead || leads(title, al.all[0]))
        })
        .map(|al| al.kind)
}

/// A title line, cleaned: white space removed, marker split off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The marker printed before the title ("公开01表", "表一", "一、"), if any.
    pub marker: Option<String>,
    /// The title as printed, without marker and white space.
    pub text: String,
}

/// Splits a squeezed line into its marker and title when it reads like a
/// table title: short, ending in 表 (or 表 plus a qualifier in brackets), about
/// money, not a sentence, a table of contents entry or a 部门/单位 meta line.
pub fn title(squeezed: &str) -> Option<Title> {
    // A title ends in 表 or a bracket, and a marker printed after it in 表
    // or a numeral: a line ending otherwise (most lines asked) is turned
    // away by its last char, before the reads backwards of both.
    if !squeezed.ends_with(|c: char| matches!(c, '表' | '）' | ')') || is_numeral(c)) {
        return None;
    }
    title_in_full(squeezed)
}

/// The table a title names in a budget and in a final account.
pub(crate) fn kinds(title: &str) -> [Option<TableKind>; 2] {
    [DocumentKind::Budget, DocumentKind::FinalAccounts].map(|k| kind_of(title, k))
}

/// Whether a title wrapped after `head` says more than its `tail` alone,
/// which reads as a title itself: the whole names another table
/// ("财政拨款" / "收支预算总表"), or the head holds its year
/// ("一、2017年度…法" / "院部门收支预算总表"). Otherwise the head may be a
/// line of its own above a title (a total's label, a header's last cell).
pub(crate) fn head_adds_to(head: &str, whole: &str, tail: &str) -> bool {
    head.bytes().any(|b| b.is_ascii_digit()) || kinds(whole) != kinds(tail)
}

/// Whether a squeezed line may be the first part of a title wrapped onto
/// the next line, `tail`: short words (not a page number alone), and no
/// amount, sentence mark or meta key ("单位：") in it.
/// A year alone heads a title whose tail starts "年…" ("2024" / "年部门收入预算总表").
pub(crate) fn may_head_title(s: &str, tail: &str) -> bool {
    let amount = s.as_bytes().windows(2).any(|w| w[0].is_ascii_digit() && matches!(w[1], b'.' | b','));
    let year = s.len() == 4 && s.starts_with("20") && s.bytes().all(|b| b.is_ascii_digit()) && tail.starts_with('年');
    (year || !s.is_ascii()) && s.chars().count() <= 48 && !amount && !s.contains(['。', '，', '；', '：', ':'])
}

/// The marks a continuation page adds to a title ("…表（续）").
const CONTINUED: [&str; 4] = ["（续）", "（续表）", "(续)", "(续表)"];

/// `s` without the mark a continuation page adds to a title ("…表（续）" →
/// "…表"); None when it ends with none.
pub(crate) fn without_continued_mark(s: &str) -> Option<&str> {
    CONTINUED.iter().find_map(|m| s.strip_suffix(m))
}

/// Whether a squeezed line heads a continuation page: a table's title
/// marked continued ("…表（续）", "…表（续表）") or 续表 alone.
pub(crate) fn is_continuation_head(squeezed: &str) -> bool {
    matches!(squeezed, "续表" | "（续表）" | "(续表)") || without_continued_mark(squeezed).is_some_and(|t| title(t).is_some())
}

/// [`title`] without its test of the last char: the definition it is held to.
fn title_in_full(squeezed: &str) -> Option<Title> {
    // The mark a continuation page adds ("…表（功能科目）（续）") is no
    // part of the table's name: its pages read as one table.
    let squeezed = without_continued_mark(squeezed).unwrap_or(squeezed);
    // A marker printed after the title on its line ("收支预算总表    表一").
    if let Some((head, marker)) = trailing_marker(squeezed) {
        return title_before_marker(head).map(|t| Title { marker: t.marker.or_else(|| Some(marker.to_string())), text: t.text });
    }
    title_before_marker(squeezed)
}

/// Splits a marker printed at the end of a title line off it: what comes
/// before must end like a title.
fn trailing_marker(s: &str) -> Option<(&str, &str)> {
    // Read backwards from the end, no search: most lines end in no numeral
    // and no 表 and are turned away at once. "…表一", "…附表3": numerals
    // after 表; "…公开01表": numerals between 公开 and 表.
    let head = if s.ends_with(is_numeral) {
        let before = s.trim_end_matches(is_numeral).strip_suffix('表')?;
        before.strip_suffix("公开").or_else(|| before.strip_suffix('附')).unwrap_or(before)
    } else {
        let inner = s.strip_suffix('表')?.trim_end_matches(is_numeral);
        inner.strip_suffix("公开")?
    };
    let (title, marker) = s.split_at(head.len());
    // What comes before is looked at first: most lines that end as a
    // marker are the marker alone ("公开01表"), with nothing before it.
    (ends_like_title(without_unit(title)) && is_marker_line(marker)).then_some((title, marker))
}

/// [`title`] of a line with no marker after the title.
fn title_before_marker(squeezed: &str) -> Option<Title> {
    // The title text is a suffix of the line and must end like one (see
    // `ends_like_title`): most lines are turned away here, before any search.
    if !squeezed.ends_with(['表', '）', ')']) {
        return None;
    }
    let squeezed = without_unit_ending_like_a_title(squeezed)?;
    if !has_chars_within(squeezed, 4, 64) {
        return None;
    }
    // Sentence marks, and a title quoted in prose ("…业务经费;其三为《财政拨款支出预算表"
    // wrapped before its "（功能科目）》"): a reference to a table, not its title.
    if holds_non_title_word(squeezed) {
        return None;
    }
    let (marker, text) = split_marker(squeezed);
    if !ends_like_title(text) || text.starts_with("第") && search::contains(text, "部分") {
        return None;
    }
    if !["收", "支", "预算", "决算", "三公", "经费", "采购", "绩效"].iter().any(|k| search::contains(text, k)) {
        return None;
    }
    Some(Title { marker: marker.map(str::to_string), text: text.to_string() })
}

/// A line that ends in 表 or a bracket without a unit in brackets at its end
/// ("收支预算总表（单位：万元）": the unit printed on the title line is no part
/// of the title; the table's unit is read from the line all the same), if
/// what remains, without a qualifier in brackets, ends in 表 as a title's
/// text must (see `ends_like_title`). The line ends as the title does, so
/// most lines that end in a bracket ("…支出（类）", "（10分）") are turned away
/// here, before the char count and the search for sentence words, and
/// without a look for a unit in their bracket where the text before it ends
/// in neither 表 nor a bracket: its core then ends in no 表, the unit taken
/// off or not.
fn without_unit_ending_like_a_title(squeezed: &str) -> Option<&str> {
    match last_group(squeezed) {
        Some(i) => {
            let (head, group) = squeezed.split_at(i);
            let unit = || crate::segment::unit_in(group).is_some();
            if head.ends_with('表') {
                Some(if unit() { head } else { squeezed })
            } else if head.ends_with(['）', ')']) && unit() && bracket_core(head).ends_with('表') {
                Some(head)
            } else {
                None
            }
        }
        // Ends in 表, or in a bracket opened nowhere (its core, itself, ends in no 表).
        None => squeezed.ends_with('表').then_some(squeezed),
    }
}

/// The words that make a line no title: sentence marks, a title quoted in
/// prose, units, leaders, notes and 部门/单位 meta lines (either colon).
const NON_TITLE_WORDS: [&str; 18] =
    ["。", "，", "；", ";", "《", "》", "…", "万元", "...", "··", "本表", "反映", "详见", "附后", "单位：", "单位:", "部门：", "部门:"];

/// Per byte, the [`NON_TITLE_WORDS`] (by bit) whose first byte it is.
const FIRST_BYTE: [u32; 256] = byte_bits(0);
/// Per byte, the [`NON_TITLE_WORDS`] whose second byte it is; every byte
/// (and the end of the line, 0) for a word of one byte.
const SECOND_BYTE: [u32; 256] = byte_bits(1);

const fn byte_bits(at: usize) -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut k = 0;
    while k < NON_TITLE_WORDS.len() {
        let w = NON_TITLE_WORDS[k].as_bytes();
        if at < w.len() {
            t[w[at] as usize] |= 1 << k;
        } else {
            let mut b = 0;
            while b < 256 {
                t[b] |= 1 << k;
                b += 1;
            }
        }
        k += 1;
    }
    t
}

/// Whether the line holds any of [`NON_TITLE_WORDS`]. One pass over its
/// bytes: a word is compared only where the byte and the next are its first
/// two (two table look-ups, rarely both hit), not at every char decoded.
/// Every word begins with an ASCII or a lead byte, so a match is at a char
/// boundary, as a search by chars would find it.
fn holds_non_title_word(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len()).any(|i| {
        let first = b.get(i).map_or(0, |x| FIRST_BYTE[usize::from(*x)]);
        let second = SECOND_BYTE[usize::from(b.get(i + 1).copied().unwrap_or(0))];
        let hit = first & second;
        hit != 0
            && NON_TITLE_WORDS.iter().enumerate().any(|(k, w)| hit >> k & 1 == 1 && b.get(i..).is_some_and(|r| r.starts_with(w.as_bytes())))
    })
}

/// [`holds_non_title_word`] as it was, by chars: the definition the tests
/// hold the byte search to.
#[cfg(test)]
fn holds_non_title_word_by_chars(s: &str) -> bool {
    s.char_indices().any(|(i, c)| {
        let rest = &s[i + c.len_utf8()..];
        match c {
            '。' | '，' | '；' | ';' | '《' | '》' | '…' => true,
            '万' => rest.starts_with('元'),
            '.' => rest.starts_with(".."),
            '·' => rest.starts_with('·'),
            '本' => rest.starts_with('表'),
            '反' => rest.starts_with('映'),
            '详' => rest.starts_with('见'),
            '附' => rest.starts_with('后'),
            '单' => rest.starts_with("位：") || rest.starts_with("位:"),
            '部' => rest.starts_with("门：") || rest.starts_with("门:"),
            _ => false,
        }
    })
}

/// The line without a unit in brackets at its end ("（单位：万元）",
/// "(金额单位:元)"); the line itself when it ends otherwise.
pub fn without_unit(s: &str) -> &str {
    match last_group(s) {
        Some(i) if crate::segment::unit_in(&s[i..]).is_some() => &s[..i],
        _ => s,
    }
}

/// Where the bracketed group `s` ends with opens ("…表（续）" at its "（",
/// "…表(续)" at its "("); None when it ends in no closing bracket or one
/// opened nowhere.
fn last_group(s: &str) -> Option<usize> {
    let (inner, open) = match s.strip_suffix('）') {
        Some(x) => (x, '（'),
        None => (s.strip_suffix(')')?, '('),
    };
    // The group is a few chars long ("（续）", "（10分）"): a walk back by
    // chars reaches its bracket before a byte search (`rfind`) is set up,
    // which also stops at every other char ending in the bracket's last byte.
    inner.char_indices().rev().find(|(_, c)| *c == open).map(|(i, _)| i)
}

/// "…表", "…表（功能科目）", "…表(一般公共预算)", "…表（续）", "续表".
fn ends_like_title(t: &str) -> bool {
    let core = bracket_core(t);
    core.ends_with('表') && has_chars_within(core, 4, usize::MAX)
}

/// Whether `s` has `lo..=hi` chars: told by its length in bytes where that
/// alone decides (a char takes one to four), as it does for most titles,
/// else by counting them.
fn has_chars_within(s: &str, lo: usize, hi: usize) -> bool {
    let len = s.len();
    if len < lo || len / 4 > hi {
        return false;
    }
    (len >= lo.saturating_mul(4) && len <= hi) || (lo..=hi).contains(&s.chars().count())
}

/// `t` without a bracketed qualifier at its end ("…表（续）" → "…表"); `t`
/// itself when it ends otherwise. For a suffix of a line that ends in 表
/// here, the line does too (its last bracket is the suffix's).
pub(crate) fn bracket_core(t: &str) -> &str {
    last_group(t).map_or(t, |i| &t[..i])
}

/// A marker alone on its line ("公开01表", "公开表一", "表一", "附表3"), as printed.
pub fn marker_line(squeezed: &str) -> Option<String> {
    let (m, rest) = split_marker(squeezed);
    if rest.is_empty() {
        return m.map(str::to_string);
    }
    None
}

/// Whether the line is a marker alone: [`marker_line`]`.is_some()`, without
/// a String made of the marker to be dropped.
pub fn is_marker_line(squeezed: &str) -> bool {
    matches!(split_marker(squeezed), (Some(_), ""))
}

/// A numeral of a marker: 一 … 十, 〇, 零 or an ASCII digit.
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '〇' | '零')
}

/// The byte length of the numerals `s` starts with.
/// One number is written in one script: squeezed "表9一般公共预算…" is 表9
/// and 一般…, not 表 9一.
fn numeral_len(s: &str) -> usize {
    let ascii = s.starts_with(|c: char| c.is_ascii_digit());
    s.find(|c: char| !is_numeral(c) || c.is_ascii_digit() != ascii).unwrap_or(s.len())
}

/// The words a marker printed before a title starts with, longest first.
const MARKER_HEADS: [&str; 5] = ["公开表", "附表", "附件", "表", "公开"];

/// The first chars of [`MARKER_HEADS`].
const MARKER_HEAD_STARTS: [char; 3] = ['公', '附', '表'];

/// Splits a leading marker off a squeezed title.
fn split_marker(s: &str) -> (Option<&str>, &str) {
    // Every marker starts with one of MARKER_HEAD_STARTS, a numeral or
    // （: most titles and lines start with none, and are told so by their
    // first char alone, not by each reading of a marker below in turn.
    if !s.starts_with(|c: char| MARKER_HEAD_STARTS.contains(&c) || c == '（' || is_numeral(c)) {
        return (None, s);
    }
    split_marker_in_full(s)
}

/// [`split_marker`] without its test of the first char: the definition it
/// is held to.
fn split_marker_in_full(s: &str) -> (Option<&str>, &str) {
    // 公开01表 / 公开表一 / 公开表1 / 附表1 / 表一 (only with a numeral after 表).
    // Most lines start with none of their first chars: one test turns them
    // away, not a comparison with each head.
    let heads: &[&str] = if s.starts_with(MARKER_HEAD_STARTS) { &MARKER_HEADS } else { &[] };
    for head in heads {
        let head = *head;
        if let Some(rest) = s.strip_prefix(head) {
            let mut num = numeral_len(rest);
            // Squeezed "表12 2017年政府采购预算表": the year is the title's.
            if num > 4 && rest[num..].starts_with('年') && rest.is_char_boundary(num - 4) {
                num -= 4;
            }
            // "表九" above "一般公共预算…", squeezed together: 一 starts 一般.
            if num > '一'.len_utf8() && rest[num..].starts_with('般') && rest[..num].ends_with('一') {
                num -= '一'.len_utf8();
            }
            if num == 0 {
                continue;
            }
            let mut after = &rest[num..];
            // "附表1-2": the table's number within a part.
            if let Some(sub) = after.strip_prefix(['-', '－', '—']).filter(|_| rest.starts_with(|c: char| c.is_ascii_digit())) {
                let n = sub.find(|c: char| !c.is_ascii_digit()).unwrap_or(sub.len());
                if n > 0 {
                    after = &sub[n..];
                }
            }
            if head == "公开" {
                match after.strip_prefix('表') {
                    Some(r) => after = r,
                    None => continue,
                }
            }
            let after = after.trim_start_matches(['：', ':', '、', '.', '．', ' ']);
            return (s.get(..s.len() - after.len()), after);
        }
    }
    // 一、 / 1. / 5． / （一）.
    let num = numeral_len(s);
    if num > 0 {
        let rest = &s[num..];
        for sep in ['、', '.', '．'] {
            if let Some(after) = rest.strip_prefix(sep) {
                // "1.5万元" is not a marker, but "一、2017年度…" is.
                if sep == '、' || after.starts_with(|c: char| !c.is_ascii_digit()) {
                    return (s.get(..s.len() - after.len()), after);
                }
            }
        }
    }
    if let Some(r) = s.strip_prefix('（') {
        let num = numeral_len(r);
        if let Some(after) = r[num..].strip_prefix('）').filter(|_| num > 0) {
            return (s.get(..s.len() - after.len()), after);
        }
    }
    (None, s)
}

/// The number a marker stands for ("公开01表" → 1, "公开表十二" → 12, "表三" → 3).
pub fn marker_number(marker: &str) -> Option<u32> {
    // The last run of digits: "附表1-2" is the second table (of part 1).
    let end = marker.rfind(|c: char| c.is_ascii_digit()).map_or(0, |i| i + 1);
    let start = marker[..end].rfind(|c: char| !c.is_ascii_digit()).map_or(0, |i| i + marker[i..].chars().next().map_or(1, char::len_utf8));
    let digits = &marker[start..end];
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    let cn: String = marker.chars().filter(|c| "一二三四五六七八九十".contains(*c)).collect();
    let v = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let chars: Vec<char> = cn.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => v(*c),
        ['十', d] => Some(10 + v(*d)?),
        [t, '十'] => Some(10 * v(*t)?),
        [t, '十', d] => Some(10 * v(*t)? + v(*d)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_continuation_pages_title_is_read_without_its_mark() {
        for line in ["收支预算总表（续）", "财政拨款支出预算表（功能科目）（续表）", "公开05表收支预算总表(续)"]
        {
            let t = title(line).expect(line);
            assert!(!t.text.contains('续'), "{line}: {}", t.text);
        }
        assert_eq!(title("财政拨款支出预算表（功能科目）（续）").map(|t| t.text).as_deref(), Some("财政拨款支出预算表（功能科目）"));
    }

    /// A continuation page's head is a title marked 续 or 续表 alone; a
    /// row's label with a bracket ("其他支出（项）") or a title unmarked is none.
    #[test]
    fn a_continuation_head_is_a_title_marked_continued_or_xubiao_alone() {
        for line in ["收支预算总表（续）", "项目支出预算表(续表)", "续表", "（续表）", "财政拨款支出预算表（功能科目）（续）"]
        {
            assert!(is_continuation_head(line), "{line}");
        }
        for line in ["收支预算总表", "其他一般公共服务支出（项）", "续", "行政运行（续）", "续表说明"] {
            assert!(!is_continuation_head(line), "{line}");
        }
    }

    /// [`has_chars_within`] is whether the count of chars is in the range,
    /// on every line of the fixtures and of sample texts, for ranges about
    /// their lengths.
    #[test]
    fn chars_within_a_range_are_those_counted() {
        let pieces = ["表", "a", "𝄞", "é", "收支预算总表", "12", "（续）"];
        let mut texts = crate::text::stream::sample_texts(&pieces, 600);
        texts.extend(crate::FIXTURES.iter().map(|f| crate::fixture(f)));
        let mut told = 0;
        for text in &texts {
            for line in text.lines() {
                for (lo, hi) in [(4, 64), (4, usize::MAX), (0, 0), (0, 3), (1, 1), (2, 9), (16, 16), (30, 200)] {
                    let want = (lo..=hi).contains(&line.chars().count());
                    assert_eq!(has_chars_within(line, lo, hi), want, "{line:?} {lo} {hi}");
                    told += usize::from(want);
                }
            }
        }
        assert!(told > 1000, "{told}");
    }

    /// [`split_marker`]'s test of the first char turns away no marker: on
    /// every squeezed line of the fixtures and of sample texts of markers'
    /// pieces.
    #[test]
    fn the_first_char_test_turns_away_no_marker() {
        let pieces = ["公开", "附", "表", "01", "一", "十二", "〇", "零", "（", "）", "、", ".", "．", "-", "收支预算总表", "2017年", "x"];
        let mut texts = crate::text::stream::sample_texts(&pieces, 600);
        texts.extend(crate::FIXTURES.iter().map(|f| crate::fixture(f)));
        let mut markers = 0;
        for text in &texts {
            for line in text.lines() {
                let sq: String = line.chars().filter(|c| !c.is_whitespace()).collect();
                let want = split_marker_in_full(&sq);
                assert_eq!(split_marker(&sq), want, "{sq:?}");
                markers += usize::from(want.0.is_some());
            }
        }
        assert!(markers > 100, "{markers}");
    }

    /// A group's bracket found walking back is the last one `rfind` finds,
    /// on sample texts and every line of the fixtures.
    #[test]
    fn the_last_group_opens_at_the_last_opening_bracket() {
        let pieces: Vec<&str> = "（|）|(|)|表|续|10分|单位：万元|类|。|a|（续）|(续)".split('|').collect();
        let mut texts = crate::text::stream::sample_texts(&pieces, 600);
        texts.extend(crate::FIXTURES.iter().map(|f| crate::fixture(f)));
        let mut groups = 0;
        for text in &texts {
            for line in text.lines() {
                let want = match line.strip_suffix('）') {
                    Some(x) => x.rfind('（'),
                    None => line.strip_suffix(')').and_then(|x| x.rfind('(')),
                };
                assert_eq!(last_group(line), want, "{line:?}");
                groups += usize::from(want.is_some());
            }
        }
        assert!(groups > 100, "{groups}");
    }

    /// [`title`]'s test of the last char turns no title away, and
    /// [`is_marker_line`] is whether [`marker_line`] finds one: on every
    /// line of the fixtures and of sample texts.
    #[test]
    fn the_last_char_test_turns_away_no_title() {
        let pieces = [
            "收支预算总表",
            "表",
            "表一",
            "公开01表",
            "附表3",
            "公开表十二",
            "（续）",
            "(续)",
            "）",
            ")",
            "一、",
            "1.",
            "（一）",
            "12",
            "十",
            "〇",
            "零",
            "单位：万元",
            "（单位：万元）",
            "2024年",
            "。",
            "a",
            " ",
        ];
        let mut texts = crate::text::stream::sample_texts(&pieces, 3000);
        texts.extend(crate::FIXTURES.iter().map(|f| crate::fixture(f)));
        let (mut titles, mut markers) = (0, 0);
        for text in &texts {
            for line in text.split('\n') {
                let sq = crate::text::normalise::squeeze(line);
                let want = title_in_full(&sq);
                assert_eq!(title(&sq), want, "{sq:?}");
                titles += usize::from(want.is_some());
                let marker = marker_line(&sq);
                assert_eq!(is_marker_line(&sq), marker.is_some(), "{sq:?}");
                markers += usize::from(marker.is_some());
            }
        }
        assert!(titles > 100 && markers > 100, "{titles} {markers}");
    }

    /// The first-char test of [`split_marker`] turns no marker head away.
    #[test]
    fn every_marker_head_starts_with_a_char_tested_first() {
        for head in MARKER_HEADS {
            assert!(head.starts_with(MARKER_HEAD_STARTS), "{head}");
        }
    }

    #[test]
    fn non_title_words_by_bytes_are_as_by_chars() {
        // Every word and its pieces, chars sharing their lead or second
        // bytes (万/与, 本/术, 。/、, ·/°), ASCII and the title words around them.
        let pieces = [
            "。", "，", "；", ";", "《", "》", "…", "万", "元", ".", "·", "本", "表", "反", "映", "详", "见", "附", "后", "单", "位", "：",
            ":", "部", "门", "与", "术", "、", "°", "…", "收支", "预算", "公开01", " ", "a", "（", "）", "\u{80}",
        ];
        let mut texts = crate::text::stream::sample_texts(&pieces, 3000);
        texts.extend(NON_TITLE_WORDS.iter().map(|w| w.to_string()));
        texts.extend(NON_TITLE_WORDS.iter().map(|w| format!("收支预算表{w}")));
        texts.push(String::new());
        let mut hits = 0;
        for t in &texts {
            let want = holds_non_title_word_by_chars(t);
            assert_eq!(holds_non_title_word(t), want, "{t:?}");
            hits += usize::from(want);
        }
        assert!(hits > 100 && hits < texts.len() - 100, "{hits}");
    }

    /// [`kind_of`] as first written: every word searched for.
    fn kind_by_search(title: &str, doc: DocumentKind) -> Option<TableKind> {
        let list = match doc {
            DocumentKind::FinalAccounts => FINAL_TITLES,
            DocumentKind::Budget => BUDGET_TITLES,
            DocumentKind::Unknown => return None,
        };
        let leads = |w: &str| {
            title
                .find(w)
                .is_some_and(|k| k == 0 || title[..k].contains('年') || ["部门", "单位", "财务"].iter().any(|e| title[..k].ends_with(e)))
        };
        list.iter()
            .find(|al| {
                al.all.iter().all(|w| title.contains(w)) && !al.none.iter().any(|w| title.contains(w)) && (!al.lead || leads(al.all[0]))
            })
            .map(|al| al.kind)
    }

    #[test]
    fn the_kind_is_the_first_entry_a_search_for_its_words_finds() {
        // The catalogue's words, characters of them and others sharing
        // their bytes, in short titles; and every line of the corpus.
        let mut pieces: Vec<&str> = FINAL_TITLES.iter().chain(BUDGET_TITLES).flat_map(|a| a.all.iter().chain(a.none)).copied().collect();
        pieces.extend(["收", "支", "出", "入", "表", "决", "预", "算", "总", "体", "与", "情况", "（", "a", "1", "部门", "2024年"]);
        let mut titles: Vec<String> = crate::text::stream::sample_texts(&pieces, 1500)
            .iter()
            .flat_map(|t| t.split('\n').map(str::to_string).collect::<Vec<_>>())
            .collect();
        for f in crate::FIXTURES {
            titles.extend(crate::text::normalise(&crate::fixture(f)).into_iter().map(|l| l.squeezed));
        }
        let mut named = 0;
        for t in &titles {
            for doc in [DocumentKind::Budget, DocumentKind::FinalAccounts, DocumentKind::Unknown] {
                let want = kind_by_search(t, doc);
                assert_eq!(kind_of(t, doc), want, "{t:?} {doc:?}");
                named += usize::from(want.is_some());
            }
        }
        assert!(named > 1000 && named < 2 * titles.len() - 1000, "{named} of {}", titles.len());
    }

    /// The unit taken off and the core tested as first written, whatever
    /// the look at the text before the last bracket turns away first.
    #[test]
    fn a_title_line_loses_its_unit_and_is_tested_as_first_written() {
        let pieces = ["表", "总表", "）", "（", ")", "(", "单位：万元", "单位:元", "续", "10分", "类", "功能科目", "收支", "a"];
        let mut kept = 0;
        for text in crate::text::stream::sample_texts(&pieces, 600) {
            for line in text.split('\n').map(str::trim).filter(|l| l.ends_with(['表', '）', ')'])) {
                let want = Some(without_unit(line)).filter(|s| bracket_core(s).ends_with('表'));
                assert_eq!(without_unit_ending_like_a_title(line), want, "{line:?}");
                kept += usize::from(want.is_some());
            }
        }
        assert!(kept > 100, "{kept}");
    }

    fn budget(t: &str) -> Option<TableKind> {
        title(t).and_then(|t| kind_of(&t.text, DocumentKind::Budget))
    }

    #[test]
    fn budget_titles_from_every_region_name_their_kind() {
        assert_eq!(budget("2024年部门财务收支预算总表"), Some(TableKind::BSummary));
        assert_eq!(budget("收支预算总表"), Some(TableKind::BSummary));
        assert_eq!(budget("一、2017年度示例省某某管理中心部门收支预算总表"), Some(TableKind::BSummary));
        assert_eq!(budget("2024年部门财政拨款收支预算总表"), Some(TableKind::BFiscal));
        assert_eq!(budget("收入预算总表"), Some(TableKind::BIncome));
        assert_eq!(budget("支出预算总表"), Some(TableKind::BExpenditure));
        assert_eq!(budget("2024年部门一般公共预算支出功能分类预算表"), Some(TableKind::BGeneral));
        assert_eq!(budget("一般公共预算支出预算表（功能科目）"), Some(TableKind::BGeneral));
        assert_eq!(budget("2024年部门一般公共预算基本支出部门预算经济分类预算表"), Some(TableKind::BBasicEcon));
        assert_eq!(budget("财政拨款支出预算表（功能科目）"), Some(TableKind::BFiscalSpend));
        assert_eq!(budget("财政拨款基本支出预算表（经济科目）"), Some(TableKind::BFiscalBasic));
        assert_eq!(budget("部门“三公”经费和机关运行经费预算表"), Some(TableKind::BSangong));
        assert_eq!(budget("“三公”经费、会议费、培训费支出预算表（一般公共预算）"), Some(TableKind::BSangong));
        assert_eq!(budget("一般公共预算机关运行经费支出预算表"), Some(TableKind::BOperating));
        assert_eq!(budget("2024年部门政府性基金预算支出功能分类预算表"), Some(TableKind::BFund));
        assert_eq!(budget("财政拨款政府性基金支出预算表"), Some(TableKind::BFund));
        assert_eq!(budget("2024年部门国有资本经营预算支出功能分类预算表"), Some(TableKind::BCapital));
        assert_eq!(budget("十二、2017年示例省某某管理中心部门政府采购预算表"), Some(TableKind::BProcurement));
        assert_eq!(budget("公开表十二2019年政府采购预算表"), Some(TableKind::BProcurement));
    }

    /// The national template prints its eight budget tables as "…情况表"
    /// (a made-up department here: the marker, year and name never decide).
    #[test]
    fn the_national_templates_situation_tables_name_their_kind() {
        assert_eq!(budget("示例市某局2025年部门收支总体情况表"), Some(TableKind::BSummary));
        assert_eq!(budget("表一 部门收入总体情况表"), Some(TableKind::BIncome));
        assert_eq!(budget("部门支出总体情况表"), Some(TableKind::BExpenditure));
        assert_eq!(budget("财政拨款收支总体情况表"), Some(TableKind::BFiscal));
        assert_eq!(budget("一般公共预算支出情况表"), Some(TableKind::BGeneral));
        assert_eq!(budget("一般公共预算基本支出情况表"), Some(TableKind::BBasicEcon));
        assert_eq!(budget("一般公共预算“三公”经费支出情况表"), Some(TableKind::BSangong));
        assert_eq!(budget("政府性基金预算支出情况表"), Some(TableKind::BFund));
        assert_eq!(budget("项目支出情况表"), Some(TableKind::BProjects));
    }

    #[test]
    fn a_marker_after_the_title_on_its_line_is_split_off() {
        let t = title("收支预算总表表一").unwrap();
        assert_eq!((t.marker.as_deref(), t.text.as_str()), (Some("表一"), "收支预算总表"));
        let t = title("一般公共预算支出表（功能科目）公开07表").unwrap();
        assert_eq!((t.marker.as_deref(), t.text.as_str()), (Some("公开07表"), "一般公共预算支出表（功能科目）"));
        assert_eq!(title("一般公共预算支出表").unwrap().marker, None);
        assert_eq!(title("详见附表一"), None);
        let t = title("收支预算总表附表3").unwrap();
        assert_eq!((t.marker.as_deref(), t.text.as_str()), (Some("附表3"), "收支预算总表"));
        let t = title("收支预算总表公开表十二").unwrap();
        assert_eq!((t.marker.as_deref(), t.text.as_str()), (Some("公开表十二"), "收支预算总表"));
    }

    #[test]
    fn tables_numbered_as_attachments() {
        // "附件3：收支预算总表", or "附件3" on a line of its own above it.
        let t = title("附件3：收支预算总表").unwrap();
        assert_eq!((t.marker.as_deref(), t.text.as_str()), (Some("附件3："), "收支预算总表"));
        assert!(is_marker_line("附件3"));
        assert_eq!(marker_number("附件12"), Some(12));
        assert!(!is_marker_line("附件"));
    }

    #[test]
    fn a_marker_line_squeezed_onto_a_title_keeps_the_titles_first_char() {
        // 19-zhengxie 2017: "表九" above "一般公共预算基本支出预算表"; 九一 is no numeral.
        let t = title("表九一般公共预算基本支出预算表").unwrap();
        assert_eq!((t.marker.as_deref(), t.text.as_str()), (Some("表九"), "一般公共预算基本支出预算表"));
        assert_eq!(kind_of(&t.text, DocumentKind::Budget), Some(TableKind::BBasicEcon));
        let t = title("表十一一般公共预算“三公”经费支出表").unwrap();
        assert_eq!((t.marker.as_deref(), t.text.as_str()), (Some("表十一"), "一般公共预算“三公”经费支出表"));
    }

    #[test]
    fn final_titles_name_their_kind() {
        let k = |t: &str| title(t).and_then(|t| kind_of(&t.text, DocumentKind::FinalAccounts));
        assert_eq!(k("收入支出决算总表"), Some(TableKind::F01));
        assert_eq!(k("收入决算表"), Some(TableKind::F02));
        assert_eq!(k("支出决算表"), Some(TableKind::F03));
        assert_eq!(k("财政拨款收入支出决算总表"), Some(TableKind::F04));
        assert_eq!(k("收入支出决算总体情况表"), Some(TableKind::F01));
        assert_eq!(k("部门收支决算总体情况表"), Some(TableKind::F01));
        assert_eq!(k("财政拨款收入支出决算总体情况表"), Some(TableKind::F04));
        assert_eq!(k("一般公共预算财政拨款支出决算表"), Some(TableKind::F05));
        assert_eq!(k("一般公共预算财政拨款基本支出决算表"), Some(TableKind::F06));
        assert_eq!(k("政府性基金预算财政拨款收入支出决算表"), Some(TableKind::F07));
        assert_eq!(k("国有资本经营预算财政拨款收入支出决算表"), Some(TableKind::F08));
        assert_eq!(k("财政拨款“三公”经费支出决算表"), Some(TableKind::F09));
    }

    /// Summaries titled without 总表, as other regions title them, name the
    /// same tables; a table of one part of the spending is not the 支出决算表
    /// of all of it (its totals would be held to 01's).
    #[test]
    fn summaries_titled_without_zongbiao_are_summaries_and_part_tables_are_not_the_whole() {
        let b = |t: &str| kind_of(t, DocumentKind::Budget);
        assert_eq!(b("部门收支预算表"), Some(TableKind::BSummary));
        assert_eq!(b("部门收入支出预算总表"), Some(TableKind::BSummary));
        assert_eq!(b("财政拨款收支预算表"), Some(TableKind::BFiscal));
        assert_eq!(b("财政拨款收入支出预算总表"), Some(TableKind::BFiscal));
        assert_eq!(b("部门收入预算表"), Some(TableKind::BIncome));
        assert_eq!(b("部门支出预算表"), Some(TableKind::BExpenditure));
        // The particular tables keep their kinds.
        assert_eq!(b("一般公共预算支出预算表"), Some(TableKind::BGeneral));
        assert_eq!(b("政府性基金支出预算表"), Some(TableKind::BFund));
        assert_eq!(b("项目支出预算表"), Some(TableKind::BProjects));
        assert_eq!(b("部门基本支出预算表"), Some(TableKind::BBasicAll));
        assert_eq!(b("财政拨款支出预算表"), Some(TableKind::BFiscalSpend));
        assert_eq!(b("基本支出预算明细表"), None);
        assert_eq!(b("收支预算表"), Some(TableKind::BSummary));
        assert_eq!(b("2019年收入预算表"), Some(TableKind::BIncome));
        assert_eq!(b("江苏省某某厅2019年度支出预算表"), Some(TableKind::BExpenditure));
        assert_eq!(b("部门财务收支预算表"), Some(TableKind::BSummary));
        // Not leading: the tail of a wrapped title, another table's name.
        assert_eq!(b("训费支出预算表"), None);
        assert_eq!(b("其他支出预算表"), None);
        let f = |t: &str| kind_of(t, DocumentKind::FinalAccounts);
        assert_eq!(f("收入支出决算表"), Some(TableKind::F01));
        assert_eq!(f("财政拨款收入支出决算表"), Some(TableKind::F04));
        assert_eq!(f("政府性基金预算财政拨款收入支出决算表"), Some(TableKind::F07));
        assert_eq!(f("一般公共预算财政拨款收入支出决算表"), Some(TableKind::F05));
        for part in [
            "项目支出决算表",
            "部门项目支出决算表",
            "机关运行经费支出决算表",
            "基本支出决算表",
            "财政拨款支出决算表",
            "政府采购支出决算表",
            "一般公共预算财政拨款项目支出决算表",
        ] {
            assert_eq!(f(part), None, "{part}");
        }
        assert_eq!(f("部门支出决算表"), Some(TableKind::F03));
    }

    #[test]
    fn a_numbered_title_keeps_its_first_word_and_its_year() {
        // "表9 一般公共预算…" and "表12 2017年…" squeezed.
        let t = title("表9一般公共预算基本支出预算表").unwrap();
        assert_eq!((t.marker.as_deref(), t.text.as_str()), (Some("表9"), "一般公共预算基本支出预算表"));
        assert_eq!(budget("表8一般公共预算支出预算表"), Some(TableKind::BGeneral));
        let t = title("表122017年政府采购预算表").unwrap();
        assert_eq!((t.marker.as_deref(), t.text.as_str()), (Some("表12"), "2017年政府采购预算表"));
        assert_eq!(marker_number("表12"), Some(12));
        // A table numbered within a part.
        let t = title("附表1-12：2017年政府采购预算表").unwrap();
        assert_eq!((t.marker.as_deref(), t.text.as_str()), (Some("附表1-12："), "2017年政府采购预算表"));
        assert_eq!(marker_number("附表1-12："), Some(12));
        assert_eq!(marker_number("公开01表"), Some(1));
        // Markers of one script are read whole as before.
        assert_eq!(title("公开表十二2019年政府采购预算表").unwrap().marker.as_deref(), Some("公开表十二"));
        assert_eq!(title("公开01表收支预算总表").unwrap().marker.as_deref(), Some("公开01表"));
    }

    #[test]
    fn a_unit_in_brackets_after_the_title_is_no_part_of_it() {
        assert_eq!(budget("一、收支预算总表（单位：万元）"), Some(TableKind::BSummary));
        assert_eq!(budget("财政拨款支出预算表（功能科目）（单位：万元）"), Some(TableKind::BFiscalSpend));
        assert_eq!(budget("2024年部门收入预算总表(金额单位:元)"), Some(TableKind::BIncome));
        assert_eq!(title("收入预算总表（单位：万元）").map(|t| t.text), Some("收入预算总表".to_string()));
        // A unit alone is no title, nor is a sentence that ends in one.
        assert_eq!(title("（单位：万元）"), None);
        assert_eq!(title("详见收入预算总表（单位：万元）"), None);
    }

    #[test]
    fn sentences_contents_and_meta_lines_are_not_titles() {
        assert_eq!(title("本表（公开01表）反映部门收支预算总体情况。"), None);
        assert_eq!(title("1.2024年部门财务收支预算总表……………………"), None);
        assert_eq!(title("部门：示例省某某办公厅单位：万元"), None);
        assert_eq!(title("第二部分示例省某某管理中心2017年度部门预算表").map(|t| t.text), None);
        // 11-jianchayuan 2019 L878: a table named in a sentence, wrapped before "（功能科目）》".
        assert_eq!(title("某中心本级调剂180万元业务经费;其三为《财政拨款支出预算表"), None);
        for w in [
            "。",
            "，",
            "；",
            ";",
            "《",
            "》",
            "万元",
            "…",
            "...",
            "··",
            "本表",
            "反映",
            "详见",
            "附后",
            "单位：",
            "单位:",
            "部门：",
            "部门:",
        ] {
            assert!(title(&format!("一般公共预算{w}支出预算表")).is_none(), "{w}");
        }
        for w in ["万", "..", "·", "本", "反", "详", "附", "单位", "部门"] {
            assert!(title(&format!("一般公共预算{w}支出预算表")).is_some(), "{w}");
        }
    }

    #[test]
    fn markers_are_split_off_and_numbered() {
        let t = title("公开表十一机关运行经费支出预算表").unwrap();
        assert_eq!(t.marker.as_deref(), Some("公开表十一"));
        assert_eq!(marker_line("公开01表").as_deref(), Some("公开01表"));
        assert_eq!(marker_line("表十二").as_deref(), Some("表十二"));
        assert_eq!(marker_number("公开表十二"), Some(12));
        assert_eq!(marker_number("公开09表"), Some(9));
        assert_eq!(marker_number("二十、"), Some(20));
    }
}
