//! The few figures a 情况说明 states that the table readers (as evidence)
//! and the budget rules need: the 三公 amounts with their year-on-year changes
//! and reasons, 机关运行经费, the 政府采购 split and the 项目绩效目标表. Small
//! and local on purpose: a sentence is matched by its keyword and the number
//! right after it, nothing more. Read once, into [`Stated`], with the rest of
//! the narrative.
//!
//! Text is joined without line breaks or white space (numbers and units are
//! split over lines in these PDFs), quotes are dropped, and every position
//! maps back to its source line.

use memchr::memmem::Finder;
use rust_decimal::Decimal;

use super::section::{numeral_run, numerals_and, CharSet};
use crate::amount::parse_prose_number;
use crate::text::joined::Joined;
use crate::text::utf8::first_three_byte_char;
use crate::text::{search, squeeze, Line};

/// The 政府采购 categories, in the order budgets print them.
pub const CATEGORIES: [&str; 3] = ["货物", "工程", "服务"];

/// Fixed words looked for in the long texts of the narrative (a section's
/// prose, a 绩效目标表), each by a memmem finder made on the first search
/// and kept: `memmem::find` and `find_iter` set one up on every call (a
/// few hundred instructions, more than most of these searches), about a
/// hundred times a document. The matches are those of
/// [`search::long_match_starts`] and [`search::find_long`] (`str`'s own).
struct Words<const N: usize> {
    words: [&'static str; N],
    finders: std::sync::OnceLock<[Finder<'static>; N]>,
}

impl<const N: usize> Words<N> {
    /// The words, each to be found by its own finder.
    const fn new(words: [&'static str; N]) -> Words<N> {
        Words { words, finders: std::sync::OnceLock::new() }
    }

    /// Each word, in order, with its finder.
    fn each(&self) -> impl Iterator<Item = (&'static str, &'_ Finder<'static>)> + '_ {
        self.words.into_iter().zip(self.finders.get_or_init(|| self.words.map(Finder::new)).iter())
    }

    /// The `k`th word with its finder.
    fn word(&self, k: usize) -> Option<(&'static str, &Finder<'static>)> {
        self.each().nth(k)
    }
}

/// The first items of pairs, for the [`Words`] of a table of words.
const fn firsts<T: Copy, const N: usize>(pairs: [(&'static str, T); N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut k = 0;
    while k < N {
        out[k] = pairs[k].0;
        k += 1;
    }
    out
}

/// The words that state the 政府采购 total, then each category's
/// (`CATEGORIES` order), with how many characters may stand between a word
/// and its amount. Shandong and Shanghai write "政府采购预算X万元，其中：
/// 政府采购货物预算…"; Jiangsu "政府采购支出预算总额X万元，其中：拟采购
/// 货物支出…、拟购买服务支出…", "政府采购预算总金额为X万元。其中拟购买货物
/// X万元" or "货物类政府采购支出预算X万元"; "货物类X万元", "货物采购预算X万元"
/// and a bare "货物X万元" are read too. Looked up in the 政府采购
/// section's prose by [`stated_first`]: the earliest statement counts.
const PROCUREMENT: [&[(&str, usize)]; 4] = [
    &[("政府采购预算", 6), ("政府采购支出预算", 6)],
    &[("货物预算", 2), ("采购货物", 2), ("购买货物", 2), ("货物类政府采购支出预算", 0), ("货物采购", 2), ("货物类", 2), ("货物", 1)],
    &[("工程预算", 2), ("采购工程", 2), ("购买工程", 2), ("工程类政府采购支出预算", 0), ("工程采购", 2), ("工程类", 2), ("工程", 1)],
    &[("服务预算", 2), ("采购服务", 2), ("购买服务", 2), ("服务类政府采购支出预算", 0), ("服务采购", 2), ("服务类", 2), ("服务", 1)],
];
/// 机关运行经费 (looked for as [`PROCUREMENT`] is).
const RUNNING_COSTS: &str = "机关运行经费";

/// What the narrative states, read once (see the module doc).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stated {
    /// 预算: the 三公 categories with their changes and reasons (columns 0..6).
    pub sangong: Vec<SangongClaim>,
    /// 预算: 会议费 and 培训费 stated in the 三公 section (columns 6 and 7),
    /// kept apart from the six 三公 categories the table readers use.
    pub meetings_training: Vec<SangongClaim>,
    /// 决算: the 三公 (预算数 or 决算数 column 0..12, value in 万元) pairs of
    /// the 三公 section; see `sangong_amounts::stated_among`.
    pub sangong_final: Vec<(usize, Decimal)>,
    /// 政府采购预算 total, with its line.
    pub procurement_total: Option<(Decimal, usize)>,
    /// 政府采购 per category (`CATEGORIES` order), each with its line.
    pub procurement_parts: [Option<(Decimal, usize)>; 3],
    /// 机关运行经费, with its line.
    pub running_costs: Option<(Decimal, usize)>,
    /// The 项目绩效目标表 printed in the narrative.
    pub performance: Vec<Performance>,
    /// "涉及预算项目支出N个，预算资金X万元" of the 绩效 section.
    pub performance_summary: Option<(Option<Decimal>, Option<Decimal>, usize)>,
    /// The 绩效 section says 绩效目标管理 is applied to every project (全面实施).
    pub performance_everywhere: bool,
}

impl Stated {
    /// Reads every stated figure from the document's lines (all of them: a
    /// budget's 三公 section may sit outside 第三部分), given their squeezed
    /// texts joined (the document's own), and `opening` a superset of the
    /// indexes of the lines that open like a heading ([`opens`]), ascending.
    pub(crate) fn read(lines: &[Line], joined: &Joined, opening: &[usize]) -> Stated {
        // The heading-like lines are found once for the four sections below.
        let heads = Heads::among(lines, opening.iter().copied());
        let procurement = heads.section(lines, "政府采购");
        let performance = heads.section(lines, "绩效");
        let (sangong, meetings_training) = claims_in(&Prose::of(heads.section(lines, "三公"))).into_iter().partition(|c| c.column < 6);
        // Joined once for its four amounts.
        let procurement_prose = Prose::of(procurement);
        Stated {
            sangong,
            meetings_training,
            // Every top heading is a heading line: only those are tested.
            sangong_final: super::sangong_amounts::stated_among(lines, &heads.at),
            procurement_total: stated_first(&procurement_prose, "政府采购", PROCUREMENT[0]),
            procurement_parts: [1, 2, 3].map(|k| stated_first(&procurement_prose, CATEGORIES[k - 1], PROCUREMENT[k])),
            running_costs: stated_in(&Prose::of(heads.section(lines, RUNNING_COSTS)), RUNNING_COSTS, 16),
            performance: performance_tables_in(lines, joined, &heads),
            performance_summary: performance_summary(performance),
            performance_everywhere: performance.iter().any(|l| search::contains(&l.squeezed, "全面实施")),
        }
    }
}

/// Joined narrative text with a map back to source lines.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    /// The text, white space and quotes removed.
    pub text: String,
    /// (byte offset in `text`, source line) at the start of each line.
    starts: Vec<(usize, usize)>,
}

impl Prose {
    /// Joins lines.
    pub fn of(lines: &[Line]) -> Prose {
        Prose::of_first(lines, lines.len())
    }

    /// The first `n` of `lines` joined as [`Prose::of`] joins them all: a
    /// prefix of that text, and of its line starts (a page number is
    /// judged by the lines after it: all of `lines`).
    fn of_first(lines: &[Line], n: usize) -> Prose {
        let head = lines.get(..n).unwrap_or(lines);
        let mut p = Prose {
            text: String::with_capacity(head.iter().fold(0usize, |n, l| n.saturating_add(l.squeezed.len()))),
            starts: Vec::with_capacity(head.len()),
        };
        // A page number between two halves of a sentence is not part of it
        // ("安排 185.4 ⏎ 31 ⏎ ␌万元" is 185.4 万元).
        for (i, l) in head.iter().enumerate() {
            if super::is_page_number(lines, i) {
                continue;
            }
            p.starts.push((p.text.len(), l.no));
            p.text.push_str(&l.squeezed);
        }
        // The quotes are dropped afterwards, in one search of the whole text
        // (not one per line), the line starts moving back with them.
        p.text = drop_quotes(std::mem::take(&mut p.text), &mut p.starts);
        p
    }

    /// The source line of a byte offset.
    pub fn line_at(&self, offset: usize) -> usize {
        match self.starts.binary_search_by(|(o, _)| o.cmp(&offset)) {
            Ok(i) => self.starts[i].1,
            Err(0) => self.starts.first().map_or(0, |s| s.1),
            Err(i) => self.starts[i - 1].1,
        }
    }
}

/// `text` without the quotes '“', '”', '"', '‘', '’' and '\'', each of
/// `starts` (byte offsets in `text`, ascending, with what they map to)
/// moved back by the quote bytes before it. Every quote is the byte '"' or
/// '\'' or opens with byte E2 (never a continuation byte, so each byte
/// found opens a char): one memchr3 finds them all. The text is returned as
/// it is when it holds none.
pub(super) fn drop_quotes(text: String, starts: &mut [(usize, usize)]) -> String {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut removed = 0;
    let mut next_start = 0;
    for at in memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes) {
        let len = match bytes.get(at..at.saturating_add(3)) {
            _ if bytes.get(at) != Some(&0xE2) => 1,
            Some([_, 0x80, 0x98 | 0x99 | 0x9C | 0x9D]) => 3,
            _ => continue,
        };
        // Starts at or before the quote lose only the quotes before it.
        while let Some(s) = starts.get_mut(next_start).filter(|s| s.0 <= at) {
            s.0 = s.0.saturating_sub(removed);
            next_start += 1;
        }
        let o = out.get_or_insert_with(|| String::with_capacity(bytes.len()));
        o.push_str(text.get(copied..at).unwrap_or(""));
        copied = at + len;
        removed += len;
    }
    let Some(mut o) = out else { return text };
    o.push_str(text.get(copied..).unwrap_or(""));
    for s in starts.get_mut(next_start..).unwrap_or(&mut []) {
        s.0 = s.0.saturating_sub(removed);
    }
    o
}

/// A heading-like line: "二、…", "（五）…", "第三部分…" ([`is_top_heading`]
/// or a short line opening with a bracketed numeral).
fn is_heading(sq: &str) -> bool {
    // "（五）", "（十一）", "（2）": a numeral in brackets, not "（万元）". A
    // run of four chars is already too long: no more are read.
    let bracketed = sq.strip_prefix('（').is_some_and(|r| {
        let (at, n) = numeral_run(r, true, 4);
        (1..=3).contains(&n) && r.get(at..).is_some_and(|t| t.starts_with('）'))
    });
    is_top_heading(sq) || (bracketed && sq.chars().count() <= 30)
}

/// "九、…" or "第三部分…": a heading that starts or ends a narrative section.
pub(super) fn is_top_heading(sq: &str) -> bool {
    // Read for many lines: most open with neither a numeral nor 第, which
    // both clauses below need. Every opener is a three-byte char: read
    // without decoding the lead.
    const OPENERS: CharSet = CharSet::new(&numerals_and::<11>(&['第']));
    if !OPENERS.has_code(first_three_byte_char(sq)) {
        return false;
    }
    let (at, n) = numeral_run(sq, false, usize::MAX);
    (n > 0 && sq.get(at..).is_some_and(|r| r.starts_with('、'))) || (sq.starts_with('第') && sq.contains("部分"))
}

/// Whether a line opens like a heading (an ordinal, "（" or "第"): the cheap
/// test before a line is read as one. Normalisation notes the lines that
/// open so ([`crate::text::normalise::Normalised::head_lines`]).
pub(crate) fn opens(sq: &str) -> bool {
    // The squeezed line opens with the text's first char that is not white
    // space: no trimming, and one look-up instead of twelve compares.
    // Every opener is a three-byte char: read without decoding the lead.
    // Most lines open with a byte no opener opens with (ASCII, most CJK):
    // rejected on that byte, before their first char is assembled.
    const OPENERS: [char; 12] = numerals_and::<12>(&['（', '第']);
    const SET: CharSet = CharSet::new(&OPENERS);
    const LEADS: [bool; 256] = lead_bytes(&OPENERS);
    sq.as_bytes().first().is_some_and(|&b| LEADS[usize::from(b)]) && SET.has_code(first_three_byte_char(sq))
}

/// Which bytes open one of `chars` (all three-byte chars, or the build
/// fails): the lead byte of U+0800..U+FFFF is 0xE0 | (code >> 12).
const fn lead_bytes(chars: &[char]) -> [bool; 256] {
    let mut out = [false; 256];
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k] as u32;
        assert!(matches!(c, 0x800..=0xFFFF), "a three-byte char");
        out[(0xE0 | (c >> 12)) as usize] = true;
        k += 1;
    }
    out
}

/// The indexes of the heading lines ([`opens`] and [`is_heading`]), found
/// once for several [`Heads::section`] look-ups (which read nothing else),
/// and their squeezed texts joined, each ended by '\n', so that a word is
/// looked for in all of them by one search rather than one per heading.
struct Heads {
    at: Vec<usize>,
    text: String,
    /// The byte offset in `text` of the '\n' that ends each heading.
    ends: Vec<usize>,
}

impl Heads {
    /// The headings among all `lines`.
    #[cfg(test)]
    fn of(lines: &[Line]) -> Heads {
        Heads::among(lines, 0..lines.len())
    }

    /// The headings of `lines` among the lines `candidates` (ascending
    /// indexes): a superset of the lines that [`opens`], which are then the
    /// only lines read.
    fn among(lines: &[Line], candidates: impl IntoIterator<Item = usize>) -> Heads {
        let at: Vec<usize> =
            candidates.into_iter().filter(|&i| lines.get(i).is_some_and(|l| opens(&l.squeezed) && is_heading(&l.squeezed))).collect();
        let mut text = String::with_capacity(at.iter().fold(0usize, |n, &i| n.saturating_add(lines[i].squeezed.len() + 1)));
        let mut ends = Vec::with_capacity(at.len());
        for &i in &at {
            text.push_str(&lines[i].squeezed);
            ends.push(text.len());
            text.push('\n');
        }
        Heads { at, text, ends }
    }

    /// The first heading from the `from`th on whose text contains `word`
    /// (which holds no '\n', so a match lies inside one heading).
    fn next_with(&self, from: usize, word: &str) -> Option<usize> {
        let start = match from.checked_sub(1) {
            Some(k) => self.ends.get(k)?.checked_add(1)?,
            None => 0,
        };
        let i = start.checked_add(search::find_long(self.text.get(start..)?, word)?)?;
        let end = i.checked_add(word.len())?;
        Some(self.ends.partition_point(|&e| e < end))
    }

    /// The lines of the first section whose heading contains `word`, up to
    /// the next heading without it: of its own rank or above, for a top
    /// heading ("十一、…“三公”经费…情况说明" runs on past its "（1）公务用车
    /// 购置预算支出…" and "（2）…", Jiangsu's items), any for a bracketed one.
    fn section<'a>(&self, lines: &'a [Line], word: &str) -> &'a [Line] {
        let end_of = |h: usize| {
            let top = is_top_heading(&lines[self.at[h]].squeezed);
            let ends = |l: &Line| !search::contains(&l.squeezed, word) && (!top || is_top_heading(&l.squeezed));
            self.at[h + 1..].iter().find(|&&i| ends(&lines[i])).map_or(lines.len(), |&i| i)
        };
        // A heading straight followed by the next one is a 目录 entry
        // ("九、一般公共预算“三公”经费…支出预算表" above "十、…"): the section is a later one.
        let mut from = 0;
        let mut first: Option<&'a [Line]> = None;
        // The first with printed lines below its heading.
        let mut printed: Option<&'a [Line]> = None;
        // At most a few candidates: linear time on a text of nothing but headings.
        for _ in 0..4 {
            // The next heading holding the word and at most 40 chars long.
            let mut h = from;
            let h = loop {
                let Some(k) = self.next_with(h, word) else { return printed.or(first).unwrap_or(&[]) };
                if self.at.get(k).is_some_and(|&i| lines[i].squeezed.chars().count() <= 40) {
                    break k;
                }
                h = k + 1;
            };
            let start = self.at[h];
            let end = end_of(h);
            let body = &lines[start..end];
            // A section that states an amount ("支出 110 万元") is the
            // narrative's; one that states none may be its table, whose title
            // is numbered like a heading ("九、2018 年…“三公”经费…支出预算表"),
            // printed before the narrative: kept only if no later one states any.
            if body.iter().skip(1).any(|l| !l.text.trim().is_empty()) {
                if states_amount(body) {
                    return body;
                }
                printed.get_or_insert(body);
            }
            first.get_or_insert(body);
            from = h + 1;
        }
        printed.or(first).unwrap_or(&[])
    }
}

/// Whether any of `lines` states an amount in 万元 or 元 ("110万元", "1,200元"),
/// or in 万 at a clause's end ("80万，", [`wan_at`]): a digit straight before
/// the unit, as prose prints it (a table's "单位：万元" has none).
fn states_amount(lines: &[Line]) -> bool {
    lines.iter().any(|l| {
        let sq = l.squeezed.as_bytes();
        let yuan = search::long_match_starts(&l.squeezed, "元").any(|at| {
            let before = sq.get(..at).unwrap_or_default();
            let before = before.strip_suffix("万".as_bytes()).unwrap_or(before);
            before.last().is_some_and(u8::is_ascii_digit)
        });
        yuan || search::long_match_starts(&l.squeezed, "万")
            .any(|at| at > 0 && sq[at - 1].is_ascii_digit() && l.squeezed.get(at + "万".len()..).is_some_and(ends_clause))
    })
}

/// A number followed by 万元 starting at the beginning of `s`, or by 万
/// and the clause's end ("支出80万，比上年…", as prose may shorten it:
/// [`ends_clause`]).
fn wan_at(s: &str) -> Option<(Decimal, usize)> {
    let n = s.bytes().take_while(|b| b.is_ascii_digit() || *b == b',' || *b == b'.').count();
    let rest = &s[n..];
    let unit = match () {
        _ if rest.starts_with("万元") => "万元".len(),
        _ if rest.strip_prefix('万').is_some_and(ends_clause) => "万".len(),
        _ => return None,
    };
    if n == 0 {
        return None;
    }
    Some((parse_prose_number(&s[..n])?, n + unit))
}

/// Whether text after "N万" ends its clause there (so 万 is 万元).
fn ends_clause(rest: &str) -> bool {
    rest.is_empty() || rest.starts_with(['，', '。', '；', '、'])
}

/// The first "N万元" in `s` that starts within `gap` characters and before
/// any sentence end; returns the value and its byte offset in `s`.
pub fn first_wan(s: &str, gap: usize) -> Option<(Decimal, usize)> {
    for (k, (i, c)) in s.char_indices().enumerate() {
        if k > gap || matches!(c, '。' | '；') {
            return None;
        }
        if c.is_ascii_digit() {
            if i > 0 && s[..i].ends_with(|p: char| p.is_ascii_digit() || p == '.' || p == ',') {
                continue;
            }
            if let Some((v, _)) = wan_at(&s[i..]) {
                return Some((v, i));
            }
        }
    }
    None
}

/// The 三公 categories in the narrative: (keyword, column of the 三公 table's
/// six: 合计, 出国, 车小计, 购置, 运维, 接待; then 会议费 and 培训费, which a
/// Jiangsu 三公 section and table carry too). No keyword contains another.
const SANGONG_WORDS: [(&str, usize); 10] = [
    ("三公经费", 0),
    ("因公出国（境）", 1),
    ("公务用车购置及运行", 2),
    ("公务用车购置费", 3),
    // "（1）公务用车购置预算支出50万元" (Jiangsu): the same column.
    ("公务用车购置预算", 3),
    ("公务用车运行维护费", 4),
    // "公务用车运行费18.40万元" (Shanghai): the same column.
    ("公务用车运行费", 4),
    ("公务接待费", 5),
    ("会议费", 6),
    ("培训费", 7),
];
/// The words of [`SANGONG_WORDS`], found by finders kept.
static SANGONG_FINDERS: Words<10> = Words::new(firsts(SANGONG_WORDS));
/// The verbs of a change of an amount, and of a rate, with their signs.
/// They are looked for in the short text after one 三公 amount, by
/// [`search::match_starts`]: no finder is built for them (about a thousand
/// instructions each, more than all their searches).
const AMOUNT_VERBS: [&str; 2] = ["增加", "减少"];
const AMOUNT_SIGNS: [i8; 2] = [1, -1];
const RATE_VERBS: [&str; 4] = ["增长", "下降", "减少", "增加"];
const RATE_SIGNS: [i8; 4] = [1, -1, -1, 1];

/// One 三公 category as the narrative states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SangongClaim {
    /// Column 0..8 of the 三公 table (see `SANGONG_WORDS`).
    pub column: usize,
    /// The current-year amount.
    pub amount: Decimal,
    /// The stated change on the previous year (signed); 0 for "与上年持平".
    pub change: Option<Decimal>,
    /// The stated percentage change (signed), as printed.
    pub percent: Option<Decimal>,
    /// The stated reason ("主要原因是…"), if any.
    pub reason: Option<(String, usize)>,
    /// Source line of the amount.
    pub line: usize,
}

impl SangongClaim {
    /// The previous year's amount the claim implies.
    pub fn prior(&self) -> Option<Decimal> {
        self.change.and_then(|c| self.amount.checked_sub(c))
    }
}

/// The 三公 claims of the narrative's 三公 section, in order ([`Stated::read`]
/// reads them with its other sections; this is the tests' way in).
#[cfg(test)]
fn sangong_claims(lines: &[Line]) -> Vec<SangongClaim> {
    claims_in(&Prose::of(Heads::of(lines).section(lines, "三公")))
}

/// The 三公 claims of the joined 三公 section, in order.
fn claims_in(p: &Prose) -> Vec<SangongClaim> {
    let t = p.text.as_str();
    let mut hits: Vec<(usize, &str, usize)> = Vec::new();
    for ((w, finder), (_, col)) in SANGONG_FINDERS.each().zip(SANGONG_WORDS) {
        hits.extend(finder.find_iter(t.as_bytes()).map(|i| (i, w, col)));
    }
    hits.sort();
    let mut out = Vec::new();
    for (k, (i, w, col)) in hits.iter().enumerate() {
        let start = i + w.len();
        let end = hits.get(k + 1).map_or(t.len(), |h| h.0.max(start));
        let window = &t[start..end];
        let Some((amount, at)) = first_wan(window, 12) else { continue };
        let rest = &window[at..];
        let change =
            signed_after(rest, AMOUNT_VERBS, AMOUNT_SIGNS, "万元").or_else(|| search::contains(rest, "持平").then_some(Decimal::ZERO));
        let percent = signed_after(rest, RATE_VERBS, RATE_SIGNS, "%");
        let reason = search::find(rest, "原因").map(|r| {
            let body = &rest[r..];
            let stop = body.find('。').unwrap_or(body.len());
            (body[..stop].to_string(), p.line_at(start + at + r))
        });
        out.push(SangongClaim { column: *col, amount, change, percent, reason, line: p.line_at(start + at) });
    }
    out
}

/// The first `"<verb>N<unit>"` in `s`, signed by the verb (its sign in `signs`).
fn signed_after<const N: usize>(s: &str, verbs: [&str; N], signs: [i8; N], unit: &str) -> Option<Decimal> {
    let mut best: Option<(usize, Decimal)> = None;
    for (v, sign) in verbs.into_iter().zip(signs) {
        for i in search::match_starts(s, v) {
            let after = &s[i + v.len()..];
            let n = after.bytes().take_while(|b| b.is_ascii_digit() || *b == b',' || *b == b'.').count();
            if n == 0 || !after[n..].starts_with(unit) {
                continue;
            }
            let Some(d) = parse_prose_number(&after[..n]) else { continue };
            let d = if sign < 0 { crate::checked::neg(d) } else { d };
            if best.is_none_or(|(j, _)| i < j) {
                best = Some((i, d));
            }
        }
    }
    best.map(|b| b.1)
}

/// The amount stated right after `keyword` (within a few characters, e.g.
/// "机关运行经费安排608.27万元", "…财政拨款预算为570.69万元"), with its line.
#[cfg(test)]
pub fn stated(lines: &[Line], keyword: &str, gap: usize) -> Option<(Decimal, usize)> {
    stated_in(&Prose::of(lines), keyword, gap)
}

/// `stated` in joined text (a section's: short), the keyword found by
/// [`search::match_starts`].
fn stated_in(p: &Prose, keyword: &str, gap: usize) -> Option<(Decimal, usize)> {
    search::match_starts(&p.text, keyword).find_map(|i| {
        let start = i + keyword.len();
        first_wan(&p.text[start..], gap).map(|(v, at)| (v, p.line_at(start + at)))
    })
}

/// The earliest amount any of `words` states in `p` (each word with its gap,
/// as [`stated_in`] reads it), every word holding `core` (the category, or
/// "政府采购"): `core` is searched for once and each word tried around its
/// matches, not each word searched for. "政府购买服务" is another matter
/// (services the government buys, disclosed apart), never a 政府采购 category.
fn stated_first(p: &Prose, core: &str, words: &[(&str, usize)]) -> Option<(Decimal, usize)> {
    let t = p.text.as_str();
    search::match_starts(t, core).filter(|m| !t[..*m].ends_with("政府购买")).find_map(|m| {
        words.iter().find_map(|(w, gap)| {
            let i = m.checked_sub(w.find(core)?)?;
            if !t.get(i..)?.starts_with(w) {
                return None;
            }
            let start = i + w.len();
            first_wan(&t[start..], *gap).map(|(v, at)| (v, p.line_at(start + at)))
        })
    })
}

/// A number (with optional thousands separators and decimals) at the start of `s`.
fn number_at(s: &str) -> Option<Decimal> {
    let n = s.bytes().take_while(|b| b.is_ascii_digit() || *b == b',' || *b == b'.').count();
    parse_prose_number(s.get(..n)?.trim_end_matches(['.', ',']))
}

/// The number right after the first of `keys` found in `s`.
fn after_key<const N: usize>(s: &str, keys: &Words<N>) -> Option<Decimal> {
    keys.each().find_map(|(k, finder)| finder.find(s.as_bytes()).and_then(|i| number_at(&s[i + k.len()..])))
}

/// The keys of a 绩效目标表's amounts, and its 项目名称.
static TOTAL_KEYS: Words<2> = Words::new(["年度预算资金总额", "预算数"]);
static FISCAL_KEYS: Words<3> = Words::new(["其中：财政拨款", "其中：财政资金", "财政拨款"]);
static OTHER_KEYS: Words<1> = Words::new(["其他资金"]);
static NAME_KEY: Words<1> = Words::new(["项目名称"]);

/// One 项目支出绩效目标表 of the narrative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Performance {
    /// 项目名称.
    pub name: String,
    /// 年度预算资金总额 / 预算数.
    pub total: Decimal,
    /// 其中：财政拨款 / 财政资金.
    pub fiscal: Option<Decimal>,
    /// 其他资金 (None when printed blank).
    pub other: Option<Decimal>,
    /// Source line of the table's heading.
    pub line: usize,
}

/// The 项目绩效目标表 the narrative prints, each with its amounts. A block
/// starts at a short line ending in 绩效目标表 and ends at the next one or at
/// the next section heading; a block without an amount (a section heading
/// such as "（二）部门预算项目绩效目标表") is not a table.
#[cfg(test)]
pub fn performance_tables(lines: &[Line]) -> Vec<Performance> {
    performance_tables_in(lines, &Joined::squeezed(lines), &Heads::of(lines))
}

/// `performance_tables`, given the lines' squeezed texts joined and their
/// heading lines: a block opens at a line found by one search of the joined
/// text and ends at the next such line or at the next heading found
/// already, so that no line is tested on its own.
fn performance_tables_in(lines: &[Line], joined: &Joined, heads: &Heads) -> Vec<Performance> {
    let starts_block = |l: &Line| {
        // The squeezed line ends in the words whenever the trimmed text does:
        // a byte compare rejects most lines before any trimming.
        l.squeezed.ends_with("绩效目标表") && {
            let t = l.text.trim_end();
            t.ends_with("绩效目标表") && squeeze(t).chars().count() <= 40
        }
    };
    // The lines that open a block, in order: a line ending in the words
    // holds them.
    let opens_block: Vec<usize> = joined.lines_with("绩效目标表").into_iter().filter(|&i| lines.get(i).is_some_and(starts_block)).collect();
    // The headings (`opens` and `is_heading`) of other sections.
    let ends_section: Vec<usize> =
        heads.at.iter().copied().filter(|&i| lines.get(i).is_some_and(|l| !search::contains(&l.squeezed, "绩效"))).collect();
    let next_in = |at: &[usize], after: usize| at.get(at.partition_point(|&j| j <= after)).copied();
    let mut out = Vec::new();
    let mut i = 0;
    // Each block opens at the first opening line from where the last one
    // ended, and ends at the next opening line or section heading.
    while let Some(k) = opens_block.get(opens_block.partition_point(|&j| j < i)).copied() {
        i = k;
        let end = match (next_in(&opens_block, i), next_in(&ends_section, i)) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b).unwrap_or(lines.len()),
        };
        let p = Prose::of(&lines[i..end]);
        let t = p.text.as_str();
        if let Some(total) = after_key(t, &TOTAL_KEYS) {
            let name = NAME_KEY.word(0).and_then(|(w, finder)| Some((w, finder.find(t.as_bytes())?))).map(|(w, k)| {
                let rest = &t[k + w.len()..];
                let stop = first_of(rest, &NAME_ENDS).unwrap_or(rest.len());
                rest[..stop].to_string()
            });
            out.push(Performance {
                name: name.unwrap_or_default(),
                total,
                fiscal: after_key(t, &FISCAL_KEYS),
                other: after_key(t, &OTHER_KEYS),
                line: lines[i].no,
            });
        }
        i = end;
    }
    out
}

/// The words that may follow a 项目名称's name: the name ends at the first.
static NAME_ENDS: Words<7> = Words::new(["主管部门", "预算规模", "实施单位", "项目资金", "项目编码", "预算数", "年度"]);

/// Where the first match of any of `words` in `s` starts: the least of
/// their first matches. Each word is looked for only where it would start
/// before the best start so far (in the bytes up to the end of a match
/// starting just before it), so that a word the text lacks is not looked
/// for through all of a long table: the block's text runs to its last
/// indicator row, and most of the words are missing from a layout.
fn first_of<const N: usize>(s: &str, words: &Words<N>) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (w, finder) in words.each() {
        let end = best.map_or(s.len(), |b| b.saturating_add(w.len()).saturating_sub(1).min(s.len()));
        // A byte match of a whole word starts on a char boundary, as
        // `search::find_long`'s does.
        if let Some(at) = s.as_bytes().get(..end).and_then(|hay| finder.find(hay)) {
            best = Some(at);
        }
    }
    best
}

/// "涉及预算项目支出9个，预算资金4,995.00万元": the project count and amount
/// the narrative's 绩效 section states, with the line.
pub fn performance_summary(lines: &[Line]) -> Option<(Option<Decimal>, Option<Decimal>, usize)> {
    // The phrase's "涉" stands in some line: the lines before the first such
    // line cannot hold it, and are not joined (page numbers are judged by
    // the lines after them, so the join from there on is the same).
    let from = lines.iter().position(|l| l.squeezed.contains('涉'))?;
    // The figures follow the phrase within a line or two, and the section
    // may run on for hundreds of lines (its 绩效目标表): the first lines'
    // join, a prefix of the whole one, is read first (this saves about 90
    // thousand instructions a 预算 with its tables).
    summary_reading_first(&lines[from..], 16)
}

/// [`summary_in`] the join of `lines`, read from the join of the first
/// `head` of them when that decides it.
fn summary_reading_first(lines: &[Line], head: usize) -> Option<Summary> {
    if lines.len() > head {
        if let (found, true) = summary_in(&Prose::of_first(lines, head)) {
            return found;
        }
    }
    summary_in(&Prose::of(lines)).0
}

/// What [`performance_summary`] reads: the count, the amount and the line.
type Summary = (Option<Decimal>, Option<Decimal>, usize);

/// "涉及预算项目支出", which opens the summary [`performance_summary`] reads,
/// and "预算资金", before its amount.
static SUMMARY_WORDS: Words<2> = Words::new(["涉及预算项目支出", "预算资金"]);

/// [`performance_summary`] read from `p`, and whether the text of any
/// longer join of which `p` is a prefix gives the same: it holds the phrase
/// and the amount, every byte read lies before the amount's end, and the
/// phrase's line is found without a choice between lines starting at the
/// same place (which a longer list of starts might make otherwise).
fn summary_in(p: &Prose) -> (Option<Summary>, bool) {
    let (Some((phrase, opens)), Some((funds, before_amount))) = (SUMMARY_WORDS.word(0), SUMMARY_WORDS.word(1)) else {
        return (None, false);
    };
    let Some(i) = opens.find(p.text.as_bytes()) else { return (None, false) };
    let rest = &p.text[i + phrase.len()..];
    // The count's digits end before 预算资金 (none of its bytes is one), so
    // before the amount.
    let count = number_at(rest).filter(|_| rest.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with('个'));
    let amount = before_amount.find(rest.as_bytes()).and_then(|k| first_wan(&rest[k + funds.len()..], 4)).map(|x| x.0);
    let one_start_here = p.starts.iter().filter(|s| s.0 == i).count() <= 1;
    (Some((count, amount, p.line_at(i))), amount.is_some() && one_start_here)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    const YANTAI: &str = "二、“三公”经费支出情况\n2023年通过一般公共预算财政拨款安排的“三公”经费\n预算共275.60万元，比上年增加71.70万元，增长35.16%，\n主要原因是新旧公务用车替换，相关购置及运维费增加；疫\n情形势缓解，公务活动增加。\n其中：1.因公出国（境）费10.00万元，比上年减少3.30\n万元，下降24.81%，主要原因是出国人数减少。\n2.公务用车购置及运行费89.60万元，包括公务用车购\n置费0.00万元，与上年持平；公务用车运行维护费89.60万\n元，比上年增加48.00万元，增长115.38%，主要原因是新旧\n 公务用车替换，相关购置及运维费增加；疫情形势缓解，公\n务活动增加。\n3.公务接待费176.00万元，比上年增加27.00万元，增\n长18.12%，主要原因是疫情形势缓解，公务接待活动增加。\n三、机关运行经费情况\n2023年本部门机关运行经费安排608.27万元。\n";

    #[test]
    fn yantai_sangong_claims_with_changes_and_reasons() {
        let c = sangong_claims(&normalise(YANTAI));
        let got: Vec<(usize, Decimal, Option<Decimal>, Option<Decimal>)> =
            c.iter().map(|c| (c.column, c.amount, c.change, c.percent)).collect();
        assert_eq!(
            got,
            vec![
                (0, d("275.60"), Some(d("71.70")), Some(d("35.16"))),
                (1, d("10.00"), Some(d("-3.30")), Some(d("-24.81"))),
                (2, d("89.60"), None, None),
                (3, d("0.00"), Some(d("0")), None),
                (4, d("89.60"), Some(d("48.00")), Some(d("115.38"))),
                (5, d("176.00"), Some(d("27.00")), Some(d("18.12"))),
            ]
        );
        assert!(c[0].reason.as_ref().is_some_and(|r| r.0.contains("购置及运维费增加") && r.1 == 4));
        assert_eq!(c[4].prior(), Some(d("41.60")));
        assert_eq!(c[3].line, 9);
    }

    /// [`Prose::of`] as it was written, line by line and char by char.
    fn prose_by_chars(lines: &[Line]) -> (String, Vec<(usize, usize)>) {
        let (mut text, mut starts) = (String::new(), Vec::new());
        for (i, l) in lines.iter().enumerate() {
            if crate::narrative::is_page_number(lines, i) {
                continue;
            }
            starts.push((text.len(), l.no));
            text.extend(l.squeezed.chars().filter(|c| !crate::text::is_quote(*c)));
        }
        (text, starts)
    }

    #[test]
    fn quotes_are_dropped_as_the_char_by_char_join_drops_them() {
        let pieces = ["“三公”", "经费", "\"", "'", "‘", "’", "—", "…", "①", "‖", "\u{2028}", "27", "\u{c}", " ", "万元", "a"];
        for text in crate::text::stream::sample_texts(&pieces, 400) {
            let lines = normalise(&text);
            let p = Prose::of(&lines);
            assert_eq!((p.text, p.starts), prose_by_chars(&lines), "{text:?}");
        }
    }

    /// [`performance_tables`] as it was written: every line tested for a
    /// block's start and end.
    fn performance_tables_by_lines(lines: &[Line]) -> Vec<(String, Decimal, usize)> {
        let starts_block = |l: &Line| {
            let t = l.text.trim_end();
            t.ends_with("绩效目标表") && squeeze(t).chars().count() <= 40
        };
        let ends_section = |l: &Line| is_heading(&l.squeezed) && !l.squeezed.contains("绩效");
        let mut out = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            if !starts_block(&lines[i]) {
                i += 1;
                continue;
            }
            let end = (i + 1..lines.len()).find(|j| starts_block(&lines[*j]) || ends_section(&lines[*j])).unwrap_or(lines.len());
            let t = Prose::of(&lines[i..end]).text;
            if let Some(total) = after_key(&t, &TOTAL_KEYS) {
                out.push((t, total, lines[i].no));
            }
            i = end;
        }
        out
    }

    #[test]
    fn performance_tables_by_index_are_by_lines() {
        let pieces = [
            "项目支出绩效目标表",
            "绩效目标表",
            "（一）部门项目绩效目标表",
            "二、政府采购情况",
            "三、绩效情况",
            "第三部分",
            "项目名称",
            "A项目",
            "预算数",
            "年度预算资金总额",
            "100.5",
            "其他资金",
            " ",
            "\n",
            "\n\n",
        ];
        let mut found = 0;
        for text in crate::text::stream::sample_texts(&pieces, 600) {
            let lines = normalise(&text);
            let got: Vec<(usize, Decimal)> = performance_tables(&lines).iter().map(|p| (p.line, p.total)).collect();
            let want: Vec<(usize, Decimal)> = performance_tables_by_lines(&lines).iter().map(|p| (p.2, p.1)).collect();
            assert_eq!(got, want, "{text:?}");
            found += got.len();
        }
        assert!(found > 20, "{found}");
    }

    /// Every kept finder finds its words where `str` does (`match_indices`
    /// and `find`, as `search::long_match_starts` and `search::find_long`
    /// did), and so does `search::match_starts` the words looked for without
    /// one, on the squeezed text of every corpus fixture and made-up texts;
    /// and the words are the tables' own.
    #[test]
    fn kept_finders_find_their_words_as_str_does() {
        fn found<const N: usize>(words: &Words<N>, text: &str) -> usize {
            let mut n = 0;
            for (w, finder) in words.each() {
                let want: Vec<usize> = text.match_indices(w).map(|(i, _)| i).collect();
                assert_eq!(finder.find_iter(text.as_bytes()).collect::<Vec<_>>(), want, "{w}");
                assert_eq!(finder.find(text.as_bytes()), text.find(w), "{w}");
                n += want.len();
            }
            n
        }
        let mut texts: Vec<String> =
            crate::FIXTURES.iter().map(|name| normalise(&crate::fixture(name)).iter().map(|l| l.squeezed.as_str()).collect()).collect();
        let pieces = [
            "增加",
            "增长",
            "减少",
            "下降",
            "三公经费",
            "公务用车运行费",
            "货物预算",
            "预算数",
            "年度",
            "其中：财政拨款",
            "加",
            "增",
            "a",
            "。",
        ];
        texts.extend(crate::text::stream::sample_texts(&pieces, 300));
        let mut n = 0;
        for t in &texts {
            n += found(&SANGONG_FINDERS, t);
            let procurement = PROCUREMENT.iter().flat_map(|ws| ws.iter().map(|(w, _)| *w));
            for w in AMOUNT_VERBS.into_iter().chain(RATE_VERBS).chain(procurement).chain([RUNNING_COSTS]) {
                let want: Vec<usize> = t.match_indices(w).map(|(i, _)| i).collect();
                assert_eq!(search::match_starts(t, w).collect::<Vec<_>>(), want, "{w}");
                n += want.len();
            }
            n += found(&TOTAL_KEYS, t) + found(&FISCAL_KEYS, t) + found(&OTHER_KEYS, t);
            n += found(&NAME_KEY, t) + found(&NAME_ENDS, t) + found(&SUMMARY_WORDS, t);
        }
        assert!(n > 1000, "{n}");
        assert_eq!(SANGONG_FINDERS.words, SANGONG_WORDS.map(|(w, _)| w));
        // Each slot's words hold its core (`stated_first`), and a category's
        // name that category alone.
        assert!(PROCUREMENT[0].iter().all(|(w, _)| w.contains("政府采购")));
        for (c, words) in CATEGORIES.iter().zip(&PROCUREMENT[1..]) {
            assert!(words.iter().all(|(w, _)| w.contains(c) && CATEGORIES.iter().filter(|x| w.contains(*x)).count() == 1), "{words:?}");
        }
    }

    #[test]
    fn the_first_of_words_is_the_least_of_their_first_matches() {
        let pieces = ["主管部门", "预算数", "年度", "项目", "数", "年", "管部", "a", " "];
        fn case<const N: usize>(text: &str, words: &Words<N>) {
            let want = words.each().filter_map(|(w, _)| text.find(w)).min();
            assert_eq!(first_of(text, words), want, "{text:?} {:?}", words.words);
        }
        for text in crate::text::stream::sample_texts(&pieces, 600) {
            case(&text, &NAME_ENDS);
            case(&text, &Words::new(["年度", "预算数"]));
            case(&text, &Words::new(["数", "年度预算数"]));
            case(&text, &Words::new([]));
        }
    }

    #[test]
    fn performance_tables_in_both_layouts() {
        let text = "（二）部门预算项目绩效目标表\n项目支出绩效目标表\n项目名称 12345 政务热线平台运营项目经费\n主管部门及代码\n年度预算资金\n总额\n3300\n其中：财政拨款 3300\n其他资金 0\n 1.市政府决策等相关经费绩效目标表\n项目编码 37020023P880028106842 项目名称 市政府决策等相关经费\n预算数 7104.00\n其中：财政\n资金\n7104.00 其他资金\n市政府决策等相关经费\n（五）重点项目情况\n预算数 1.00\n";
        let got = performance_tables(&normalise(text));
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            (got[0].name.as_str(), got[0].total, got[0].fiscal, got[0].other, got[0].line),
            ("12345政务热线平台运营项目经费", d("3300"), Some(d("3300")), Some(d("0")), 2)
        );
        assert_eq!(
            (got[1].name.as_str(), got[1].total, got[1].fiscal, got[1].other),
            ("市政府决策等相关经费", d("7104.00"), Some(d("7104.00")), None)
        );
        let s = performance_summary(&normalise("涉及预算项目支出9个，预算资金4,995.00\n万元"));
        assert_eq!(s, Some((Some(d("9")), Some(d("4995.00")), 1)));
        let s = performance_summary(&normalise("正文\n\n涉及资金。\n12\n\u{c}本部门涉\n及“预算项目”支出9个，预算资金\n4,995.00\n万元"));
        assert_eq!(s, Some((Some(d("9")), Some(d("4995.00")), 5)));
        assert_eq!(performance_summary(&normalise("正文\n预算项目支出9个")), None);
    }

    /// [`performance_summary`] as it was written: all the lines from the
    /// first "涉" on joined and read.
    fn performance_summary_whole(lines: &[Line]) -> Option<Summary> {
        let from = lines.iter().position(|l| l.squeezed.contains('涉'))?;
        summary_in(&Prose::of(&lines[from..])).0
    }

    #[test]
    fn the_summary_read_from_the_first_lines_is_the_summary_of_all() {
        let pieces = [
            "涉及预算项目支出",
            "涉",
            "及预算项目支出",
            "9个",
            "12",
            "，预算资金",
            "预算资金",
            "4,995.00",
            "万元",
            "“",
            "\n",
            "\n\n",
            "\n\n12\n\n",
            "\n                31\n",
            "\n\u{c}",
            " ",
        ];
        let mut found = 0;
        for text in crate::text::stream::sample_texts(&pieces, 3000) {
            let lines = normalise(&text);
            let want = performance_summary_whole(&lines);
            assert_eq!(performance_summary(&lines), want, "{text:?}");
            let from = lines.iter().position(|l| l.squeezed.contains('涉')).unwrap_or(lines.len());
            for head in 1..6 {
                assert_eq!(summary_reading_first(&lines[from..], head), want, "{text:?} {head}");
            }
            found += usize::from(want.is_some_and(|s| s.1.is_some()));
        }
        assert!(found > 20, "{found}");
    }

    /// [`Heads::section`] as it was written, a search per heading line.
    fn section_by_heads<'a>(heads: &[usize], lines: &'a [Line], word: &str) -> &'a [Line] {
        let heading = |l: &Line| {
            let sq = l.squeezed.as_str();
            sq.contains(word) && sq.chars().count() <= 40
        };
        // A top heading's section ends at a top heading, a bracketed one's at any.
        let end_of = |h: usize| {
            let top = is_top_heading_by_chars(&lines[heads[h]].squeezed);
            let ends = |l: &Line| !l.squeezed.contains(word) && (!top || is_top_heading_by_chars(&l.squeezed));
            heads[h + 1..].iter().find(|&&i| ends(&lines[i])).map_or(lines.len(), |&i| i)
        };
        let mut from = 0;
        let mut first: Option<&'a [Line]> = None;
        let mut printed: Option<&'a [Line]> = None;
        for _ in 0..4 {
            let Some(k) = heads[from..].iter().position(|&i| heading(&lines[i])) else { break };
            let h = from + k;
            let body = &lines[heads[h]..end_of(h)];
            if body.iter().skip(1).any(|l| !l.text.trim().is_empty()) {
                // The first to state an amount in prose, else the first printed.
                let amount = body.iter().any(|l| {
                    let c: Vec<char> = l.squeezed.chars().collect();
                    (0..c.len()).any(|i| {
                        let before = c[..i].strip_suffix(&['万']).unwrap_or(&c[..i]);
                        c[i] == '元' && before.last().is_some_and(char::is_ascii_digit)
                    })
                });
                if amount {
                    return body;
                }
                printed.get_or_insert(body);
            }
            first.get_or_insert(body);
            from = h + 1;
        }
        printed.or(first).unwrap_or(&[])
    }

    #[test]
    fn sections_are_found_as_a_search_per_heading_finds_them() {
        let long = format!("一、三公{}\n", "经".repeat(40));
        let pieces = [
            "一、三公情况\n",
            "二、政府采购\n",
            "（一）三公\n",
            "第三部分\n",
            "三、绩效\n",
            long.as_str(),
            "正文三公\n",
            "\n",
            "  \n",
            "万元",
            "三公",
            "绩效",
            "十、机关运行经费\n",
            "a",
            "公务接待费支出 1.5 万元",
            "九、“三公”经费支出情况\n",
        ];
        let mut stated_some = 0;
        for text in crate::text::stream::sample_texts(&pieces, 400) {
            let lines = normalise(&text);
            let heads = Heads::of(&lines);
            let want: Vec<usize> = (0..lines.len()).filter(|&i| opens(&lines[i].squeezed) && is_heading(&lines[i].squeezed)).collect();
            assert_eq!(heads.at, want, "{text:?}");
            let every: Vec<usize> = (0..lines.len()).collect();
            let sangong = super::super::sangong_amounts::stated_among(&lines, &every);
            assert_eq!(super::super::sangong_amounts::stated_among(&lines, &heads.at), sangong, "{text:?}");
            stated_some += usize::from(!sangong.is_empty());
            for word in ["三公", "政府采购", "绩效", "机关运行经费", "经经"] {
                let span = |s: &[Line]| (s.first().map(|l| l.no), s.len());
                assert_eq!(span(heads.section(&lines, word)), span(section_by_heads(&want, &lines, word)), "{text:?} {word}");
            }
        }
        assert!(stated_some > 0, "no generated text states a 三公 amount");
    }

    /// [`opens`], which rejects a line on its first byte, is the test of its
    /// first char it stands for, on every line of every corpus fixture and
    /// on a line opening with each char of the Basic Multilingual Plane and
    /// beyond.
    #[test]
    fn a_line_opens_like_a_heading_when_its_first_char_is_an_opener() {
        let mut texts: Vec<String> = crate::FIXTURES.iter().map(|name| crate::fixture(name)).collect();
        texts.push(('\0'..='\u{ffff}').chain(['\u{10000}', '\u{10ffff}']).map(|c| format!("{c}、x\n")).collect());
        let mut opened = 0;
        for text in &texts {
            for l in normalise(text) {
                let want = l.squeezed.chars().next().is_some_and(|c| "一二三四五六七八九十（第".contains(c));
                assert_eq!(opens(&l.squeezed), want, "{:?}", l.squeezed);
                opened += usize::from(want);
            }
        }
        assert!(opened > 100, "{opened}");
    }

    /// [`is_heading`] and [`is_top_heading`] as they were written, on the
    /// decoded chars.
    fn is_heading_by_chars(sq: &str) -> bool {
        let bracketed = sq
            .strip_prefix('（')
            .map(|r| r.chars().take_while(|&c| crate::narrative::section::is_cn_digit(c) || c.is_ascii_digit()).count())
            .filter(|n| (1..=3).contains(n));
        let bracketed = bracketed.is_some_and(|n| sq.chars().nth(n + 1) == Some('）'));
        is_top_heading_by_chars(sq) || (bracketed && sq.chars().count() <= 30)
    }

    fn is_top_heading_by_chars(sq: &str) -> bool {
        let ordinal = sq.chars().take_while(|&c| crate::narrative::section::is_cn_digit(c)).count();
        (ordinal > 0 && sq.chars().nth(ordinal) == Some('、')) || (sq.starts_with('第') && sq.contains("部分"))
    }

    /// The headings read from the bytes are those read from the chars, on
    /// every line of every corpus fixture and on made-up lines.
    #[test]
    fn headings_by_bytes_are_headings_by_chars() {
        let pieces = ["（", "）", "(", "一", "十", "三", "2", "12", "、", "第", "部分", "九、", "百", "a", "é", "😀", "万元", "\n"];
        let mut texts: Vec<String> = crate::FIXTURES.iter().map(|name| crate::fixture(name)).collect();
        texts.extend(crate::text::stream::sample_texts(&pieces, 3000));
        let (mut tops, mut heads) = (0, 0);
        for text in &texts {
            for l in normalise(text) {
                let sq = l.squeezed.as_str();
                assert_eq!(is_top_heading(sq), is_top_heading_by_chars(sq), "{sq:?}");
                assert_eq!(is_heading(sq), is_heading_by_chars(sq), "{sq:?}");
                tops += usize::from(is_top_heading(sq));
                heads += usize::from(is_heading(sq) && !is_top_heading(sq));
            }
        }
        assert!(tops > 100 && heads > 100, "{tops} {heads}");
    }

    #[test]
    fn stated_amounts_skip_definitions() {
        let text = "机关运行经费指为保障行政单位运行用于购买货物和服务的各项资金。\n2023年本部门机关运行经费安排608.27万元。\n";
        assert_eq!(stated(&normalise(text), "机关运行经费", 12), Some((d("608.27"), 2)));
    }

    /// The 政府采购 total and categories in each region's wording (the
    /// first four as Shandong, Shanghai and Jiangsu print them, the last
    /// two made up), and "政府购买服务" never taken for the 服务 category.
    #[test]
    fn procurement_is_read_in_every_wording() {
        let stated = |sentence: &str| {
            let text = format!("2024年度部门预算\n第三部分 2024年度部门预算情况说明\n三、政府采购预算情况说明\n{sentence}\n");
            let s = crate::read(&text).narrative.stated;
            (s.procurement_total.map(|(v, _)| v.to_string()), s.procurement_parts.map(|p| p.map(|(v, _)| v.to_string())))
        };
        let some = |v: &str| Some(v.to_string());
        for (sentence, total, parts) in [
            ("2024年政府采购预算917.60万元，其中：政府采购货物预算54.00万元，政府采购工程预算0.00万元，政府采购服务预算863.60万元。", "917.60", ["54.00", "0.00", "863.60"]),
            ("2019年度政府采购支出预算总额2744.84万元，其中：拟采购货物支出303.4万元、拟购买服务支出2441.44万元。", "2744.84", ["303.4", "", "2441.44"]),
            ("2017年我部门政府采购预算总金额为2889.8万元。其中拟购买货物334万元；拟购买工程0万元；拟购买服务2555.8万元。", "2889.8", ["334", "0", "2555.8"]),
            ("2017年度部门政府采购预算总金额为1,271.22万元。其中，货物类政府采购支出预算259.32万元,占20.40%；服务类政府采购支出预算1,011.90万元,占79.60%；工程类政府采购支出预算0万元。", "1271.22", ["259.32", "0", "1011.90"]),
            ("2024年政府采购预算总额100.00万元，其中：货物类30.00万元、工程类0万元、服务类70.00万元。", "100.00", ["30.00", "0", "70.00"]),
            ("2024年政府采购预算总额100.00万元，其中：货物30.00万元、服务70.00万元。另安排政府购买服务5.00万元。", "100.00", ["30.00", "", "70.00"]),
        ] {
            let want = parts.map(|p| (!p.is_empty()).then(|| p.to_string()));
            assert_eq!(stated(sentence), (some(total), want), "{sentence}");
        }
        // Services the government buys are not a 政府采购 category.
        assert_eq!(stated("2024年政府采购预算总额100.00万元。政府购买服务预算5.00万元。").1, [None, None, None]);
    }
}
