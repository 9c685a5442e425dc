//! Numeric claims in a joined paragraph.
//!
//! A claim is a number with a unit (万元/元/亿元, %, or a count word such as
//! 个/人次/辆/批次/台（套）) or one of the wordless claims 年初无预算 and
//! 与上年持平. Years, dates, 科目 codes, phone numbers and ordinals have no
//! such unit and are never claims; Chinese numerals are never read.

use rust_decimal::Decimal;
use serde::Serialize;

use super::section::CharSet;
use super::{trim_end_fast, trim_fast};
use crate::amount::parse_prose_number;

/// Up or down, from the verb ("增加"/"增长" or "减少"/"下降").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// 增加, 增长, 上升, 提高.
    Up,
    /// 减少, 下降, 降低, 节约.
    Down,
}

impl Direction {
    /// The verbs for an amount and for a rate ("增加"/"增长").
    pub fn verbs(self) -> (&'static str, &'static str) {
        match self {
            Direction::Up => ("增加", "增长"),
            Direction::Down => ("减少", "下降"),
        }
    }
}

/// A money unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Money {
    /// 元.
    Yuan,
    /// 千元.
    Qian,
    /// 万元.
    Wan,
    /// 亿元.
    Yi,
}

impl Money {
    /// The unit as printed ("万元").
    pub fn zh(self) -> &'static str {
        match self {
            Money::Yuan => "元",
            Money::Qian => "千元",
            Money::Wan => "万元",
            Money::Yi => "亿元",
        }
    }

    /// How many 万元 one unit is.
    pub fn in_wan(self) -> Decimal {
        match self {
            Money::Yuan => Decimal::from_parts(1, 0, 0, false, 4),
            Money::Qian => Decimal::from_parts(1, 0, 0, false, 1),
            Money::Wan => Decimal::ONE,
            Money::Yi => Decimal::from(10_000),
        }
    }
}

/// The unit a claim's number is stated in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// No number (年初无预算, 与上年持平).
    None,
    /// Money.
    Money(Money),
    /// Per cent.
    Percent,
    /// A count word as printed ("个", "人次", "批次", "辆", "台（套）").
    Count(String),
}

/// What a claim says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// An amount of money ("收入合计 10,116.83 万元").
    Amount,
    /// A change of money, direction from the verb ("增加 492.55 万元").
    Change(Direction),
    /// An amount said to have moved to a value ("减少为0.00万元").
    Reached(Direction),
    /// A rate of change ("增长 5.04%").
    ChangePercent(Direction),
    /// A share "占X%"; `base` is the phrase between 占 and 的, if printed
    /// ("占政府采购支出总额的 76.06%" → "政府采购支出总额").
    Share {
        /// What the share is of, as printed.
        base: Option<String>,
    },
    /// "完成（年初/全年）预算的X%".
    Completion,
    /// Any other percentage ("满意度达 97.57%").
    Percent,
    /// A count ("团组 22 个", "1,230 批次").
    Count,
    /// "年初无预算" / "全年无预算".
    NoBudget,
    /// "与上年持平" / "与上年决算数一致"; `basic` for "基本持平".
    Flat {
        /// "基本持平": roughly flat, not exactly.
        basic: bool,
    },
}

/// One numeric claim of the narrative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Claim {
    /// What the claim says.
    pub kind: ClaimKind,
    /// The number as read, keeping its printed decimals ("10,236.7" → 10236.7);
    /// None for wordless claims.
    pub value: Option<Decimal>,
    /// Its unit.
    pub unit: Unit,
    /// The number as it stands in the (repaired) text, "" for wordless claims.
    pub printed: String,
    /// The words before the number, up to the previous punctuation or claim,
    /// without ordinals, leading dates, "其中" and a trailing "为"
    /// ("2024 年度一般公共预算财政拨款收入为" → "一般公共预算财政拨款收入").
    pub subject: String,
    /// The sentence the claim stands in: its char range in the paragraph's
    /// text (a range, not a copy: a paragraph without "。" is one sentence,
    /// and copying it per claim made long paragraphs quadratic).
    pub sentence: (usize, usize),
    /// 1-based source line of the number's first character.
    pub source_line: usize,
    /// Char offset of the claim in its paragraph's text.
    pub start: usize,
    /// Char offset just past the claim (number and unit).
    pub end: usize,
}

impl Claim {
    /// The number as printed with its money unit ("3,503,500.00元",
    /// "350.35万元"), for messages that quote the text: a narrative in 元
    /// must not be quoted as 万元.
    pub fn said(&self) -> String {
        match &self.unit {
            Unit::Money(m) => format!("{}{}", self.printed, m.zh()),
            _ => self.printed.clone(),
        }
    }

    /// The value in 万元 when the claim is money.
    pub fn wan(&self) -> Option<Decimal> {
        match (&self.unit, self.value) {
            (Unit::Money(m), Some(v)) => v.checked_mul(m.in_wan()),
            _ => None,
        }
    }

    /// True for a stated amount (not a change): [`ClaimKind::Amount`] or [`ClaimKind::Reached`] in money.
    pub fn is_money_amount(&self) -> bool {
        matches!(self.kind, ClaimKind::Amount | ClaimKind::Reached(_)) && matches!(self.unit, Unit::Money(_))
    }

    /// The count as an integer, for [`ClaimKind::Count`] claims.
    pub fn count(&self) -> Option<Decimal> {
        (self.kind == ClaimKind::Count).then_some(self.value).flatten()
    }
}

// 增幅/降幅 and 增长率/下降率 name a rate ("增幅为5.04%"), as many narratives word it.
const UP: [&str; 7] = ["增加", "增长", "上升", "提高", "增支", "增幅", "增长率"];
const DOWN: [&str; 9] = ["减少", "下降", "降低", "节约", "减支", "下滑", "压减", "降幅", "下降率"];
const REACHED: [(&str, Direction); 16] = [
    ("增加为", Direction::Up),
    ("增加到", Direction::Up),
    ("增加至", Direction::Up),
    ("增长为", Direction::Up),
    ("增长到", Direction::Up),
    ("增长至", Direction::Up),
    ("增至", Direction::Up),
    ("上升到", Direction::Up),
    ("上升至", Direction::Up),
    ("减少为", Direction::Down),
    ("减少到", Direction::Down),
    ("减少至", Direction::Down),
    ("减至", Direction::Down),
    ("降至", Direction::Down),
    ("下降为", Direction::Down),
    ("下降至", Direction::Down),
];

/// Count words, longest first so "人次" wins over "人".
const COUNT_UNITS: [&str; 16] =
    ["台（件、套）", "台(件、套)", "台（套）", "台(套)", "人次", "批次", "团组", "辆", "个", "人", "台", "套", "家", "项", "名", "次"];

/// Money units after a number, tried in this order.
const MONEY_UNITS: [(&str, Money); 4] = [("万元", Money::Wan), ("亿元", Money::Yi), ("千元", Money::Qian), ("元", Money::Yuan)];

/// Whether `c` can open what [`unit_after`] reads (a per cent sign, a money
/// unit, "万 元", "个百分点" or a count word): most numbers (years, dates,
/// codes) are followed by none of these and need no word compared.
fn may_start_unit(c: char) -> bool {
    matches!(c, '%' | '％' | '万' | '亿' | '千' | '元' | '个' | '台' | '人' | '批' | '团' | '辆' | '套' | '家' | '项' | '名' | '次')
}

/// Punctuation that ends a subject.
fn is_delimiter(c: char) -> bool {
    // One look-up, not eleven compares.
    const DELIMITERS: CharSet = CharSet::new(&['，', '。', '；', '：', ',', ';', ':', '！', '？', '!', '?']);
    DELIMITERS.has(c)
}

fn starts_with_at(chars: &[char], at: usize, s: &str) -> bool {
    (at..).zip(s.chars()).all(|(k, c)| chars.get(k) == Some(&c))
}

fn ends_with(s: &str, words: &[&str]) -> Option<usize> {
    words.iter().position(|w| s.ends_with(w))
}

/// The last char of `s` when it takes three UTF-8 bytes, as a code point,
/// else 0: read from the last three bytes without decoding backwards (whose
/// branches on the byte kinds mispredict). Every verb of [`UP`], [`DOWN`] and
/// [`REACHED`] ends with such a char, so a lead ending otherwise, or with
/// none of their last chars (most leads: "收入合计"), is rejected without
/// comparing the words.
fn last_three_byte_char(s: &str) -> u32 {
    // In valid UTF-8 a three-byte lead three bytes from the end opens the
    // last char, and only then.
    let [.., b0, b1, b2] = *s.as_bytes() else { return 0 };
    crate::text::utf8::three_byte_code(b0, b1, b2)
}

/// The last chars of the [`UP`] and [`DOWN`] verbs.
const DIRECTION_ENDS: CharSet = CharSet::new(&['加', '长', '升', '高', '支', '少', '降', '低', '约', '滑', '减', '幅', '率']);
/// The last chars of the [`REACHED`] verbs.
const REACHED_ENDS: CharSet = CharSet::new(&['为', '到', '至']);

/// The direction verb a lead ends with ("比上年减少" → Down), allowing "了"
/// (and "为" after 增幅, 降幅, 增长率: "增幅为").
pub fn trailing_direction(lead: &str) -> Option<Direction> {
    let t = trim_end_fast(lead);
    let t = trim_end_fast(t.strip_suffix('了').unwrap_or(t));
    let t = t.strip_suffix('为').filter(|x| x.ends_with(['幅', '率'])).map_or(t, trim_end_fast);
    if !DIRECTION_ENDS.has_code(last_three_byte_char(t)) {
        return None;
    }
    if ends_with(t, &UP).is_some() {
        Some(Direction::Up)
    } else if ends_with(t, &DOWN).is_some() {
        Some(Direction::Down)
    } else {
        None
    }
}

fn trailing_reached(lead: &str) -> Option<Direction> {
    let t = trim_end_fast(lead);
    if !REACHED_ENDS.has_code(last_three_byte_char(t)) {
        return None;
    }
    REACHED.iter().find(|(w, _)| t.ends_with(w)).map(|(_, d)| *d)
}

/// A number starting at `i`: digits, thousands groups of exactly three digits
/// (an ASCII "," followed by anything else is punctuation), a decimal part.
/// Returns the end index.
fn number_end(chars: &[char], i: usize) -> usize {
    let mut j = i;
    while j < chars.len() && chars[j].is_ascii_digit() {
        j += 1;
    }
    if j - i <= 3 {
        while chars.get(j) == Some(&',')
            && (1..=3).all(|k| chars.get(j + k).is_some_and(|c| c.is_ascii_digit()))
            && !chars.get(j + 4).is_some_and(|c| c.is_ascii_digit())
        {
            j += 4;
        }
    }
    if chars.get(j) == Some(&'.') && chars.get(j + 1).is_some_and(|c| c.is_ascii_digit()) {
        j += 1;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
    }
    j
}

enum After {
    Money(Money, usize),
    Percent(usize),
    Count(&'static str, usize),
    Nothing,
}

/// What follows a number (white space skipped). The unit words are compared
/// as bytes with the text from there: matched char by char, each word was
/// decoded for every compare.
fn unit_after(para: &Chars, j: usize) -> After {
    let chars = para.chars;
    let mut k = j;
    while chars.get(k) == Some(&' ') {
        k += 1;
    }
    if !chars.get(k).is_some_and(|&c| may_start_unit(c)) {
        return After::Nothing;
    }
    if matches!(chars.get(k), Some('%' | '％')) {
        return After::Percent(k + 1);
    }
    let rest = para.str(k, chars.len());
    for (w, m) in MONEY_UNITS {
        if rest.starts_with(w) {
            return After::Money(m, k + w.chars().count());
        }
    }
    // "万 元" split by the wrap.
    if chars.get(k) == Some(&'万') {
        let mut e = k + 1;
        while chars.get(e) == Some(&' ') {
            e += 1;
        }
        if chars.get(e) == Some(&'元') {
            return After::Money(Money::Wan, e + 1);
        }
        // "2940.05万，": 万 alone before punctuation (or the end) is 万元
        // written short; before a word it is a count ("1.2万人次").
        if chars.get(e).is_none_or(|&c| is_delimiter(c) || matches!(c, '、' | '）' | ')')) {
            return After::Money(Money::Wan, k + 1);
        }
    }
    // "2.5个百分点" is a change of a rate, not a count.
    if rest.starts_with("个百分点") {
        return After::Nothing;
    }
    for w in COUNT_UNITS {
        if rest.starts_with(w) {
            // "次" alone only as a count of events, never in "次年"/"次日".
            if w == "次" && matches!(chars.get(k + 1), Some('年' | '日' | '月')) {
                return After::Nothing;
            }
            return After::Count(w, k + w.chars().count());
        }
    }
    After::Nothing
}

/// Char bounds (start, end) of the sentence around `pos`.
pub fn sentence_bounds(chars: &[char], pos: usize) -> (usize, usize) {
    bounds(chars, pos, |c| matches!(c, '。' | '！' | '？' | '!' | '?'))
}

/// Char bounds of the clause around `pos`: a sentence cut at "；" as well.
pub fn clause_bounds(chars: &[char], pos: usize) -> (usize, usize) {
    bounds(chars, pos, |c| matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';'))
}

/// The sentence ends of a paragraph, to find [`sentence_bounds`] of many
/// positions in logarithmic time each.
#[derive(Default)]
#[cfg_attr(test, derive(Debug, PartialEq))]
pub(crate) struct Sentences(Vec<usize>);

/// The buffers [`extract_noted`] reads and fills for each paragraph (its
/// sentence ends, delimiters and the chars a wordless claim opens with,
/// its claims; and the repairs' markers, which the paragraph's flush reads),
/// kept from one paragraph to the next so that they do not regrow from
/// nothing each time.
#[derive(Default)]
#[cfg_attr(test, derive(Debug, PartialEq))]
pub(crate) struct Scratch {
    sentences: Sentences,
    marks: Vec<usize>,
    /// The indexes of the ASCII spaces, where the paragraph's flush looks
    /// for a number spaced out ([`super::join::spaced_digits_among`]).
    spaces: Vec<usize>,
    /// Whether a '$' (which opens a LaTeX fragment) was noted.
    dollar: bool,
    /// The indexes of the delimiters ([`is_delimiter`]): a claim's lead
    /// starts after the last one before its number.
    delimiters: Vec<usize>,
    /// The claims found, copied out at the end in one allocation of their
    /// exact size (not grown push by push).
    claims: Vec<Claim>,
}

impl Scratch {
    /// Empties the sentence ends and marks, for the chars of a paragraph to
    /// be [noted](Scratch::note) one by one.
    pub(crate) fn clear_marks(&mut self) {
        self.sentences.0.clear();
        self.marks.clear();
        self.spaces.clear();
        self.dollar = false;
        self.delimiters.clear();
    }

    /// Notes char `k`, `c`, of a paragraph as [`Sentences::and_marks`] does,
    /// for a reader that walks the chars anyway (the decoding of a joined
    /// paragraph): not a second pass over them. The spaces and a '$' are
    /// noted too: the repairs' markers, otherwise searched for in the text
    /// again (a memchr call per space); and the delimiters, which each
    /// claim's lead was found by walking back to. Always inlined: it runs
    /// for every char of the decoding loop, and a call per char costs more
    /// than everything it saves.
    #[inline(always)]
    pub(crate) fn note(&mut self, k: usize, c: char) {
        const NOTED: CharSet = CharSet::new(&['。', '！', '？', '!', '?', '无', '持', '一', ' ', '$', '，', '；', '：', ',', ';', ':']);
        // One well-predicted branch per char (most are none of these).
        if NOTED.has(c) {
            match c {
                '。' | '！' | '？' | '!' | '?' => {
                    self.sentences.0.push(k);
                    self.delimiters.push(k);
                }
                ' ' => self.spaces.push(k),
                '$' => self.dollar = true,
                '无' | '持' | '一' => self.marks.push(k),
                _ => self.delimiters.push(k),
            }
        }
    }

    /// The indexes of the spaces noted, in order.
    pub(crate) fn spaces(&self) -> &[usize] {
        &self.spaces
    }

    /// Whether a '$' was noted.
    pub(crate) fn dollar(&self) -> bool {
        self.dollar
    }
}

impl Sentences {
    /// The sentence ends of `chars`.
    pub(crate) fn of(chars: &[char]) -> Sentences {
        Sentences(chars.iter().enumerate().filter(|(_, c)| matches!(c, '。' | '！' | '？' | '!' | '?')).map(|(k, _)| k).collect())
    }

    /// Refills `scratch` with the sentence ends of `chars` and the indexes
    /// of the chars a wordless claim opens with (无, 持, 一): one pass for both.
    pub(crate) fn and_marks(chars: &[char], scratch: &mut Scratch) {
        scratch.clear_marks();
        for (k, &c) in chars.iter().enumerate() {
            scratch.note(k, c);
        }
    }

    /// The same as `sentence_bounds(chars, pos)`.
    pub(crate) fn around(&self, len: usize, pos: usize) -> (usize, usize) {
        let pos = pos.min(len);
        let i = self.0.partition_point(|&k| k < pos);
        let start = if i == 0 { 0 } else { self.0[i - 1] + 1 };
        let end = self.0.get(i).map_or(len, |k| k + 1);
        (start.max(pos.saturating_sub(MAX_SENTENCE_CHARS)), end.min(pos.saturating_add(MAX_SENTENCE_CHARS)))
    }
}

/// The most chars a sentence reaches on either side of a position. The
/// longest sentence in the corpus and ../shared/real is under 600 chars; a
/// "sentence" of numeric prose with no "。" for a megabyte must not make every
/// claim in it read the whole paragraph (quadratic time, issue 13).
pub const MAX_SENTENCE_CHARS: usize = 1_500;

fn bounds(chars: &[char], pos: usize, stop: impl Fn(char) -> bool) -> (usize, usize) {
    let pos = pos.min(chars.len());
    let floor = pos.saturating_sub(MAX_SENTENCE_CHARS);
    let ceil = pos.saturating_add(MAX_SENTENCE_CHARS).min(chars.len());
    let start = (floor..pos).rev().find(|&k| stop(chars[k])).map_or(floor, |k| k + 1);
    let end = (pos..ceil).find(|&k| stop(chars[k])).map_or(ceil, |k| k + 1);
    (start, end)
}

/// The chars `s..e` copied, clamped as [`Chars::str`] clamps.
#[cfg(test)]
fn text(chars: &[char], s: usize, e: usize) -> String {
    let e = e.min(chars.len());
    let s = s.min(e);
    chars[s..e].iter().collect()
}

/// A paragraph's chars with its text and the byte offset of each char (and
/// of the end), so that a char range is a `&str` of the text, not a copy.
pub(crate) struct Chars<'a> {
    /// The chars.
    pub(crate) chars: &'a [char],
    /// The same chars as one string.
    pub(crate) text: &'a str,
    /// The byte offset in `text` of each char, and of the end.
    pub(crate) offsets: &'a [usize],
}

impl Chars<'_> {
    /// The text of chars `s..e`, `e` clamped to the number of chars and `s`
    /// to `e` (never panics: the offsets are char boundaries, and a bad one
    /// gives "").
    fn str(&self, s: usize, e: usize) -> &str {
        let e = e.min(self.chars.len());
        let s = s.min(e);
        match (self.offsets.get(s), self.offsets.get(e)) {
            (Some(&a), Some(&b)) => self.text.get(a..b).unwrap_or(""),
            _ => "",
        }
    }
}

/// Cleans the words before a number into a subject (a slice of `lead`:
/// the caller copies only what it keeps).
fn clean_subject(lead: &str) -> &str {
    // Most leads ("收入合计", "比上年") open with a char that no step of
    // [`clean_start`] removes or reads on: only their end is trimmed, with
    // no pass through the seven steps (about 250 instructions a claim).
    let s = if opens_plainly(lead) { trim_end_fast(lead) } else { clean_start(lead) };
    without_copula(s)
}

/// The chars [`clean_start`] may remove or read at the start of a lead
/// (white space aside, which [`opens_plainly`] tells by its lead byte):
/// the closers and quotes it trims, the brackets of an unclosed bracket
/// and of an ordinal, the numerals of an ordinal, 截 of "截至", 其 of "其中",
/// and the punctuation after "其中".
const SUBJECT_OPENERS: CharSet =
    CharSet::new(&super::section::numerals_and::<21>(&['、', '）', '”', '“', '’', '‘', '（', '：', '，', '截', '其']));

/// Whether `lead` opens with a char that [`clean_start`] leaves as it is
/// and reads no further from: a char of more than one byte that cannot be
/// white space and is none of [`SUBJECT_OPENERS`]. ASCII is not (digits,
/// brackets, quotes, spaces, ':' and ',' all are read), nor is "".
fn opens_plainly(lead: &str) -> bool {
    lead.as_bytes().first().is_some_and(|&b| !b.is_ascii() && !crate::text::words::may_start_white_space(b))
        && !SUBJECT_OPENERS.has_code(crate::text::utf8::first_three_byte_char(lead))
}

/// The start of a lead cleaned (and its end trimmed): closers, an unclosed
/// bracket, an ordinal, a leading date and "其中" removed.
fn clean_start(lead: &str) -> &str {
    let mut s = trim_fast(lead).trim_start_matches(['、', '）', ')', '”', '“', '’', '‘', '"', ' ']);
    // An opening bracket whose closing one is not in the subject: "(含外事接待".
    if s.starts_with(['（', '(']) && !s.contains(['）', ')']) {
        s = s.char_indices().nth(1).map_or("", |(i, _)| &s[i..]);
    }
    if let Some((_, at)) = super::section::ordinal_of(s) {
        s = s.char_indices().nth(at).map_or("", |(i, _)| &s[i..]);
    }
    let s = trim_fast(strip_leading_date(trim_fast(s)));
    trim_fast(s.strip_prefix("其中").unwrap_or(s).trim_start_matches(['：', ':', '，', ' ']))
}

/// The last chars of the words [`without_copula`] removes.
const COPULA_ENDS: CharSet = CharSet::new(&['为', '到', '达', '是', '约']);

/// A subject without its trailing "为", "均为", "达到", "达", "是" or "约"
/// (the first that ends it), and the white space before that.
fn without_copula(s: &str) -> &str {
    // Most subjects end otherwise: told by their last char, not six compares.
    if !COPULA_ENDS.has_code(last_three_byte_char(s)) {
        return s;
    }
    for w in ["均为", "为", "达到", "达", "是", "约"] {
        if let Some(t) = s.strip_suffix(w) {
            return trim_end_fast(t);
        }
    }
    s
}

/// Drops a leading "2024 年度", "2024年", "截至 2024 年 12 月 31 日," style date.
/// Works on bytes: the spaces and digits it skips are ASCII, so every index
/// it slices at is a char boundary.
fn strip_leading_date(s: &str) -> &str {
    let b = s.as_bytes();
    let skip_ws = |k: usize| k + b.get(k..).map_or(0, |r| r.iter().take_while(|&&c| c == b' ').count());
    let digits = |k: usize| b.get(k..).map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count());
    let at = |k: usize, c: char| s.get(k..).is_some_and(|r| r.starts_with(c));
    let mut k = 0;
    if s.starts_with("截至") {
        k = skip_ws("截至".len());
    }
    let d = digits(k);
    if d != 4 {
        return s;
    }
    let mut e = skip_ws(k + d);
    if !at(e, '年') {
        return s;
    }
    e += '年'.len_utf8();
    if at(e, '度') {
        e += '度'.len_utf8();
    }
    // Month and day.
    for unit in ['月', '日'] {
        let m = skip_ws(e);
        let dd = digits(m);
        if dd == 0 {
            break;
        }
        let u = skip_ws(m + dd);
        if at(u, unit) {
            e = u + unit.len_utf8();
        } else {
            break;
        }
    }
    s.get(e..).unwrap_or("")
}

/// The index of the first ASCII digit of `chars` from `from` on (the length
/// when there is none). Eight chars are tested at a time, with no branch
/// per char (the compiler makes the eight tests vector compares): a test and
/// a branch per char cost about ten instructions a char of every paragraph.
fn next_digit(chars: &[char], from: usize) -> usize {
    let mut at = from;
    for chunk in chars.get(from..).unwrap_or_default().chunks_exact(8) {
        let Ok(eight) = <&[char; 8]>::try_from(chunk) else { break };
        if eight.iter().fold(false, |any, c| any | c.is_ascii_digit()) {
            break;
        }
        at += 8;
    }
    // The digit, if any, is among the next eight chars or in the remainder.
    chars.get(at..).and_then(|r| r.iter().position(char::is_ascii_digit)).map_or(chars.len(), |k| at + k)
}

/// The source line of char `k` of a paragraph whose chars start at byte
/// `offsets` (and the text ends at the last), given `starts`, the (byte
/// offset, line) where each source line's part of the text starts
/// (ascending from 0): the line of the last start at or before the char
/// (the last line from the end of the text on, 0 with no start).
pub(crate) fn line_of(starts: &[(usize, usize)], offsets: &[usize], k: usize) -> usize {
    let last = starts.last().map_or(0, |s| s.1);
    let Some(&at) = offsets.get(k) else { return last };
    let i = starts.partition_point(|s| s.0 <= at);
    i.checked_sub(1).and_then(|i| starts.get(i)).or(starts.first()).map_or(last, |s| s.1)
}

/// [`extract_noted`] with the sentence ends, marks and delimiters found first.
#[cfg(test)]
pub(crate) fn extract(para: &Chars, lines: &[(usize, usize)], scratch: &mut Scratch) -> Vec<Claim> {
    Sentences::and_marks(para.chars, scratch);
    extract_noted(para, lines, scratch)
}

/// Extracts every claim of one paragraph, in order. `lines` gives where
/// each source line's part of the text starts (see [`line_of`]); `scratch`
/// holds buffers reused between paragraphs, with the sentence ends, marks
/// and delimiters of `para` already in it
/// ([`Sentences::and_marks`], or each char [noted](Scratch::note) as the
/// paragraph was decoded).
pub(crate) fn extract_noted(para: &Chars, lines: &[(usize, usize)], scratch: &mut Scratch) -> Vec<Claim> {
    let chars = para.chars;
    let Scratch { sentences, marks, delimiters, claims: out, .. } = scratch;
    // The delimiters before the number being read: passed over once, in
    // order, as the numbers are (not looked for back from each claim).
    let mut delimiters_before = 0;
    // The line start at or before the number: passed over once too, each
    // number's line found as `line_of` finds it.
    let mut line = 0;
    out.clear();
    let mut prev_end = 0;
    let mut i = 0;
    while i < chars.len() {
        // Most chars are no digit: skipped eight at a time.
        if !chars[i].is_ascii_digit() {
            i = next_digit(chars, i + 1);
            continue;
        }
        if i > 0 && (chars[i - 1].is_ascii_alphanumeric() || chars[i - 1] == '.') {
            i += 1;
            continue;
        }
        let j = number_end(chars, i);
        // "1.2.3", "192.168…": not a number.
        if chars.get(j) == Some(&'.') && chars.get(j + 1).is_some_and(|c| c.is_ascii_digit()) {
            i = j + 1;
            continue;
        }
        // The unit before the value: a number without one (a year, a date,
        // a code) is skipped either way, and is not worth reading.
        let after = unit_after(para, j);
        if matches!(after, After::Nothing) {
            i = j;
            continue;
        }
        let printed = para.str(i, j);
        let Some(value) = parse_prose_number(printed) else {
            i = j;
            continue;
        };
        let (unit, end) = match after {
            After::Money(m, e) => (Unit::Money(m), e),
            After::Percent(e) => (Unit::Percent, e),
            After::Count(w, e) => (Unit::Count(w.to_string()), e),
            After::Nothing => {
                i = j;
                continue;
            }
        };
        // After the last delimiter before the number, if that is not before
        // the last claim's end.
        while delimiters.get(delimiters_before).is_some_and(|&k| k < i) {
            delimiters_before += 1;
        }
        let lead_start = delimiters_before.checked_sub(1).and_then(|d| delimiters.get(d)).map_or(prev_end, |&k| (k + 1).max(prev_end));
        let at = para.offsets.get(i).copied().unwrap_or(usize::MAX);
        while lines.get(line + 1).is_some_and(|s| s.0 <= at) {
            line += 1;
        }
        let lead = para.str(lead_start, i);
        let kind = classify(lead, chars.get(lead_start..i).unwrap_or_default(), &unit);
        let mut subject = clean_subject(lead);
        if matches!(kind, ClaimKind::Change(_) | ClaimKind::ChangePercent(_) | ClaimKind::Reached(_)) {
            subject = strip_verb(subject);
        }
        out.push(Claim {
            kind,
            value: Some(value),
            unit,
            printed: printed.to_string(),
            subject: subject.to_string(),
            sentence: sentences.around(chars.len(), i),
            source_line: lines.get(line).map_or(0, |s| s.1),
            start: i,
            end,
        });
        prev_end = end;
        i = end;
    }
    wordless(para, lines, sentences, marks, out);
    out.sort_by_key(|c| c.start);
    // Moved into a vector of their exact size; the scratch keeps its capacity.
    let mut claims = Vec::with_capacity(out.len());
    claims.append(out);
    claims
}

/// The kind of a claim from the words before its number, `lead`, whose
/// chars are `lead_chars`.
fn classify(lead: &str, lead_chars: &[char], unit: &Unit) -> ClaimKind {
    match unit {
        Unit::Money(_) => {
            if let Some(d) = trailing_reached(lead) {
                ClaimKind::Reached(d)
            } else if let Some(d) = trailing_direction(lead) {
                ClaimKind::Change(d)
            } else {
                ClaimKind::Amount
            }
        }
        Unit::Percent => {
            if let Some(d) = trailing_direction(lead) {
                ClaimKind::ChangePercent(d)
            } else if lead.contains("完成") && lead.contains("预算") {
                ClaimKind::Completion
            } else if let Some(after) = after_last_zhan(lead, lead_chars) {
                // "占工程支出金额的100%", "占政府采购总额的比重为5%": the base ends
                // at the last "的"; "占比5%" and "占 99.79%" name none.
                let after = after.trim();
                let base = after.rfind('的').map_or(after, |i| &after[..i]).trim();
                let named = base.chars().count() >= 2 && !after.starts_with('比');
                ClaimKind::Share { base: named.then(|| base.to_string()) }
            } else {
                ClaimKind::Percent
            }
        }
        Unit::Count(_) => ClaimKind::Count,
        Unit::None => ClaimKind::Percent,
    }
}

/// The text of `lead` after its last '占' (`lead.rsplit_once('占')`'s
/// second part), found among its chars: a 绩效 table's percentages have
/// leads of hundreds of bytes with no punctuation, where a byte search
/// stops at every UTF-8 continuation byte equal to the last of '占'.
fn after_last_zhan<'a>(lead: &'a str, lead_chars: &[char]) -> Option<&'a str> {
    let at = lead_chars.iter().rposition(|&c| c == '占')?;
    let after = lead_chars.get(at + 1..)?.iter().fold(0usize, |n, c| n.saturating_add(c.len_utf8()));
    lead.get(lead.len().checked_sub(after)?..)
}

/// "比年初预算数减少" → "比年初预算数"; "各增加" → "".
fn strip_verb(s: &str) -> &str {
    let mut t = trim_end_fast(s).strip_suffix('了').unwrap_or(trim_end_fast(s));
    t = t.strip_suffix('为').filter(|x| x.ends_with(['幅', '率'])).unwrap_or(t);
    for w in UP.iter().chain(DOWN.iter()).copied().chain(REACHED.iter().map(|r| r.0)) {
        if let Some(x) = t.strip_suffix(w) {
            t = x;
            break;
        }
    }
    // "收入支出总计同比减少": 同比 says the comparison, not the subject.
    let t = t.trim_end_matches(['各', '共', ' ']);
    trim_fast(t.strip_suffix("同比").unwrap_or(t).trim_end_matches(['各', '共', ' ']))
}

/// 年初无预算 and year-on-year "持平" / "一致" claims; `marks` are the indexes
/// of the chars they can open with (无, 持, 一), in order.
fn wordless(para: &Chars, lines: &[(usize, usize)], sentences: &Sentences, marks: &[usize], out: &mut Vec<Claim>) {
    let chars = para.chars;
    let line_at = |k: usize| line_of(lines, para.offsets, k);
    let mk = |kind: ClaimKind, subject: &str, s: usize, e: usize| Claim {
        kind,
        value: None,
        unit: Unit::None,
        printed: String::new(),
        subject: subject.to_string(),
        sentence: sentences.around(chars.len(), s),
        source_line: line_at(s),
        start: s,
        end: e,
    };
    for &k in marks {
        if starts_with_at(chars, k, "无预算") && k >= 2 {
            let before = k.checked_sub(2).and_then(|b| chars.get(b..k)).unwrap_or_default();
            if before == ['年', '初'] || before == ['全', '年'] {
                out.push(mk(ClaimKind::NoBudget, para.str(k - 2, k + 3), k - 2, k + 3));
            }
        }
        if starts_with_at(chars, k, "持平") || starts_with_at(chars, k, "一致") {
            if let Some((s, basic)) = year_on_year_flat(chars, k) {
                out.push(mk(ClaimKind::Flat { basic }, para.str(s, k + 2), s, k + 2));
            }
        }
    }
}

/// For "持平"/"一致" at `k`: when it compares with the previous year ("与上年
/// 持平", "与上年决算数一致", "与2023年度持平"), the start of the phrase and
/// whether it says "基本". Comparisons with a budget ("与年初预算持平") are not
/// year-on-year and give None.
fn year_on_year_flat(chars: &[char], k: usize) -> Option<(usize, bool)> {
    let (cs, _) = bounds(chars, k, |c| matches!(c, '，' | '。' | '；' | ',' | ';' | '！' | '？'));
    let yu = (cs..k).rev().find(|&j| chars[j] == '与')?;
    // The chars between, read in place (not copied into strings).
    let e = k.min(chars.len());
    let between = chars.get((yu + 1).min(e)..e).unwrap_or_default();
    let basic = between.ends_with(&['基', '本']);
    if holds(between, &['预', '算']) {
        return None;
    }
    // Without white space ("上 年"): a copy only when there is any.
    let b: std::borrow::Cow<[char]> = if between.iter().any(|c| c.is_whitespace()) {
        between.iter().copied().filter(|c| !c.is_whitespace()).collect()
    } else {
        between.into()
    };
    let has_year = b.iter().take_while(|c| c.is_ascii_digit()).count() == 4 && b.contains(&'年');
    // "上年度" holds "上年".
    let prior = holds(&b, &['上', '年']) || holds(&b, &['上', '一', '年']) || holds(&b, &['去', '年']) || has_year;
    prior.then_some((yu, basic))
}

/// Whether the chars `word` stand together in `chars`.
fn holds(chars: &[char], word: &[char]) -> bool {
    chars.windows(word.len()).any(|w| w == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiters_are_the_punctuation_that_ends_a_subject() {
        let by_match = |c: char| matches!(c, '，' | '。' | '；' | '：' | ',' | ';' | ':' | '！' | '？' | '!' | '?');
        for c in '\0'..=char::MAX {
            assert_eq!(is_delimiter(c), by_match(c), "{c:?}");
        }
    }

    #[test]
    fn the_text_after_the_last_zhan_is_rsplit_onces() {
        let pieces = ["占", "占比", "的", "工程支出", "a", " ", "1", "€", "𝄞", "，"];
        for text in crate::text::stream::sample_texts(&pieces, 2000) {
            let chars: Vec<char> = text.chars().collect();
            assert_eq!(after_last_zhan(&text, &chars), text.rsplit_once('占').map(|(_, after)| after), "{text:?}");
        }
    }

    /// [`year_on_year_flat`] as first written, on copies of the chars.
    fn year_on_year_flat_by_strings(chars: &[char], k: usize) -> Option<(usize, bool)> {
        let (cs, _) = bounds(chars, k, |c| matches!(c, '，' | '。' | '；' | ',' | ';' | '！' | '？'));
        let yu = (cs..k).rev().find(|&j| chars[j] == '与')?;
        let between = text(chars, yu + 1, k);
        let basic = between.ends_with("基本");
        if between.contains("预算") {
            return None;
        }
        let b: String = between.chars().filter(|c| !c.is_whitespace()).collect();
        let has_year = b.chars().take_while(|c| c.is_ascii_digit()).count() == 4 && b.contains('年');
        let prior = b.contains("上年") || b.contains("上一年") || b.contains("去年") || has_year;
        prior.then_some((yu, basic))
    }

    #[test]
    fn year_on_year_flat_reads_the_chars_as_the_strings_read() {
        let pieces =
            ["与", "上年", "上 年", "上一年", "去年", "2023年", "2023 年", "12345年", "预算", "基本", "持平", "一致", "，", " ", "决算数"];
        let mut texts = crate::text::stream::sample_texts(&pieces, 3000);
        for f in crate::FIXTURES {
            texts.extend(crate::fixture(f).lines().filter(|l| l.contains('与')).map(str::to_string));
        }
        let mut flat = 0;
        for text in &texts {
            let chars: Vec<char> = text.chars().collect();
            for k in 0..chars.len() {
                let want = year_on_year_flat_by_strings(&chars, k);
                assert_eq!(year_on_year_flat(&chars, k), want, "{k} in {text:?}");
                flat += usize::from(want.is_some());
            }
        }
        assert!(flat > 1000, "{flat}");
    }

    #[test]
    fn the_next_digit_is_the_first_digit_from_there() {
        let pieces = ["12", "a", "万元", "。", " ", "3.5", "年", "支出合计"];
        for text in crate::text::stream::sample_texts(&pieces, 200) {
            let chars: Vec<char> = text.chars().collect();
            for from in 0..=chars.len() + 1 {
                let want = (from..chars.len()).find(|&k| chars[k].is_ascii_digit()).unwrap_or(chars.len());
                assert_eq!(next_digit(&chars, from), want, "{from} in {text:?}");
            }
        }
    }

    /// The delimiters noted are the chars [`is_delimiter`] tells, so that a
    /// lead starts where the walk back to the last one started it.
    #[test]
    fn the_delimiters_noted_are_the_delimiters() {
        let pieces = ["，", "。", "；", "：", ",", ";", ":", "！", "？", "!", "?", "、", "收入", "12", "无", " ", "$", "é"];
        for text in crate::text::stream::sample_texts(&pieces, 1000) {
            let chars: Vec<char> = text.chars().collect();
            let mut scratch = Scratch::default();
            Sentences::and_marks(&chars, &mut scratch);
            let want: Vec<usize> = (0..chars.len()).filter(|&k| is_delimiter(chars[k])).collect();
            assert_eq!(scratch.delimiters, want, "{text:?}");
        }
    }

    #[test]
    fn the_sentence_index_gives_the_bounds_the_scan_gives() {
        let long = "增加1万元，".repeat(400);
        let text = format!("收入10万元。比上年增加2%！{long}支出5万元？年初无预算，一般与上年持平!结余。{long}");
        let chars: Vec<char> = text.chars().collect();
        let sentences = Sentences::of(&chars);
        let mut scratch = Scratch { sentences: Sentences(vec![3, 1]), marks: vec![2], ..Scratch::default() };
        Sentences::and_marks(&chars, &mut scratch);
        let (same, marks) = (scratch.sentences, scratch.marks);
        assert_eq!(same.0, sentences.0);
        let want: Vec<usize> = chars.iter().enumerate().filter(|(_, c)| matches!(c, '无' | '持' | '一')).map(|(k, _)| k).collect();
        assert_eq!(marks, want);
        for pos in (0..=chars.len().saturating_add(2)).step_by(7) {
            assert_eq!(sentences.around(chars.len(), pos), sentence_bounds(&chars, pos), "at {pos}");
        }
    }

    fn claims(s: &str) -> Vec<Claim> {
        let chars: Vec<char> = s.chars().collect();
        let offsets: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
        // A source line every ten chars, from line 100.
        let lines: Vec<(usize, usize)> = offsets.iter().take(chars.len()).step_by(10).enumerate().map(|(j, &at)| (at, 100 + j)).collect();
        extract(&Chars { chars: &chars, text: s, offsets: &offsets }, &lines, &mut Scratch::default())
    }

    fn brief(s: &str) -> Vec<(ClaimKind, Option<String>, String)> {
        claims(s).into_iter().map(|c| (c.kind, c.value.map(|v| v.to_string()), c.subject)).collect()
    }

    #[test]
    fn wan_alone_before_punctuation_is_wan_yuan_before_a_word_a_count() {
        // "万" for 万元, as many narratives write it: the share after it is
        // then this amount's, not the total's before it.
        let got = claims("本年收入合计2946.25万元，其中：财政拨款收入2940.05万，占99.79%；其他收入6.2万。");
        let money: Vec<(String, Option<String>)> =
            got.iter().filter(|c| c.kind == ClaimKind::Amount).map(|c| (c.subject.clone(), c.wan().map(|v| v.to_string()))).collect();
        assert_eq!(
            money,
            [
                ("本年收入合计".to_string(), Some("2946.25".to_string())),
                ("财政拨款收入".to_string(), Some("2940.05".to_string())),
                ("其他收入".to_string(), Some("6.2".to_string()))
            ]
        );
        // Before a word, 万 counts something else.
        assert!(claims("服务群众1.2万人次。").iter().all(|c| !c.is_money_amount()));
    }

    #[test]
    fn amounts_and_year_on_year() {
        let got = brief("2024 年度收、支总计均为 10,261.39 万元。与 2023 年度相比，收、支总计各增加 492.55 万元，增长 5.04%。");
        assert_eq!(
            got,
            vec![
                (ClaimKind::Amount, Some("10261.39".into()), "收、支总计".into()),
                (ClaimKind::Change(Direction::Up), Some("492.55".into()), "收、支总计".into()),
                (ClaimKind::ChangePercent(Direction::Up), Some("5.04".into()), "".into()),
            ]
        );
        // 增幅/降幅 and 增长率 name the rate, with or without 为.
        for (word, direction) in [
            ("增幅", Direction::Up),
            ("增幅为", Direction::Up),
            ("降幅", Direction::Down),
            ("降幅为 ", Direction::Down),
            ("增长率为", Direction::Up),
        ] {
            let got = brief(&format!("与上年相比，支出减少 12.00 万元，{word}5.04%。"));
            assert_eq!(got[1].0, ClaimKind::ChangePercent(direction), "{word}: {got:?}");
            assert_eq!(got[1].2, "", "{word}");
        }
        // 同比 before the verb is not part of the subject.
        let got = brief("收入支出总计 100.00 万元，收入支出总计同比减少 12.00 万元。");
        assert_eq!((got[1].0.clone(), got[1].2.as_str()), (ClaimKind::Change(Direction::Down), "收入支出总计"), "{got:?}");
    }

    #[test]
    fn ascii_commas_are_punctuation_unless_three_digits_follow() {
        let got = brief("国内接待费 190.24 万元,主要用于各类公务接待的费用等,共计接待 1,230 批次、16,071 人次(含外事接待 0 批次、0 人次);");
        let vals: Vec<_> = got.iter().map(|g| g.1.clone().unwrap()).collect();
        assert_eq!(vals, vec!["190.24", "1230", "16071", "0", "0"]);
        assert_eq!(got[3].2, "含外事接待");
        assert_eq!(brief("支出 620.98 万元,比年初预算数减少 4.12 万元,下降 0.66%")[1].0, ClaimKind::Change(Direction::Down));
    }

    #[test]
    fn trailing_zeros_and_shares_keep_printed_decimals() {
        let c = claims("财政拨款收、支总计均为 10,236.7 万元，其他(类)支出 280.68 万元，占 2.8%。");
        assert_eq!(c[0].value.unwrap().to_string(), "10236.7");
        assert_eq!(c[2].kind, ClaimKind::Share { base: None });
        assert_eq!(c[2].value.unwrap().to_string(), "2.8");
        let c = claims("授予中小企业合同金额 308.4 万元,占政府采购支出总额的 76.06%");
        assert_eq!(c[1].kind, ClaimKind::Share { base: Some("政府采购支出总额".into()) });
        assert_eq!(claims("占政府采购总额的比重为 5%")[0].kind, ClaimKind::Share { base: Some("政府采购总额".into()) });
        assert_eq!(claims("占比 5%")[0].kind, ClaimKind::Share { base: None });
        assert!(claims("提高2.5个百分点").is_empty());
    }

    #[test]
    fn not_amounts() {
        assert!(claims("2024 年度部门决算，截至 2024 年 12 月 31 日，科目 2010301，电话 0535-6789012，壹辆。").is_empty());
        assert!(claims("1、财政拨款收入。2.开展工作").is_empty());
        assert!(claims("项目编码 37020023P880028106842 万元").is_empty());
    }

    #[test]
    fn completion_no_budget_and_flat() {
        let got = brief("年初预算为 0 万元，支出决算为 48.29 万元，年初无预算。上级补助收入 0 万元。与上年决算数一致。与年初预算持平。");
        assert_eq!(got[0], (ClaimKind::Amount, Some("0".into()), "年初预算".into()));
        assert_eq!(got[2].0, ClaimKind::NoBudget);
        assert_eq!(got[4].0, ClaimKind::Flat { basic: false });
        assert_eq!(got.len(), 5, "{got:?}");
        let got = brief("完成年初预算的 113.59%。减少为0.00万元，与2024年持平");
        assert_eq!(got[0].0, ClaimKind::Completion);
        assert_eq!(got[1].0, ClaimKind::Reached(Direction::Down));
        assert_eq!(got[2].0, ClaimKind::Flat { basic: false });
    }

    #[test]
    fn counts() {
        let got = brief("全年支出涉及因公出国（境）团组 22 个，累计 32 人次。单价 100 万元(含)以上设备(不含车辆)2 台(套)。");
        assert_eq!(got[0], (ClaimKind::Count, Some("22".into()), "全年支出涉及因公出国（境）团组".into()));
        assert_eq!(got[1], (ClaimKind::Count, Some("32".into()), "累计".into()));
        assert_eq!(got[3].0, ClaimKind::Count);
        assert_eq!(claims("设备2 台(套)")[0].unit, Unit::Count("台(套)".into()));
    }

    /// The char-by-char subject cleaning [`clean_subject`] and
    /// [`strip_leading_date`] restate on slices (copying at every step).
    fn clean_subject_by_chars(lead: &str) -> String {
        fn strip_leading_date(s: &str) -> String {
            let chars: Vec<char> = s.chars().collect();
            let mut k = 0;
            let skip_ws = |k: &mut usize| {
                while chars.get(*k) == Some(&' ') {
                    *k += 1;
                }
            };
            if starts_with_at(&chars, k, "截至") {
                k += 2;
                skip_ws(&mut k);
            }
            let d = chars[k..].iter().take_while(|c| c.is_ascii_digit()).count();
            if d != 4 {
                return s.to_string();
            }
            let mut e = k + d;
            skip_ws(&mut e);
            if chars.get(e) != Some(&'年') {
                return s.to_string();
            }
            e += 1;
            if chars.get(e) == Some(&'度') {
                e += 1;
            }
            for unit in ['月', '日'] {
                let mut m = e;
                skip_ws(&mut m);
                let dd = chars[m.min(chars.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
                if dd == 0 {
                    break;
                }
                let mut u = m + dd;
                skip_ws(&mut u);
                if chars.get(u) == Some(&unit) {
                    e = u + 1;
                } else {
                    break;
                }
            }
            chars[e.min(chars.len())..].iter().collect()
        }
        let mut s = lead.trim().trim_start_matches(['、', '）', ')', '”', '“', '’', '‘', '"', ' ']).to_string();
        if s.starts_with(['（', '(']) && !s.contains(['）', ')']) {
            s = s.chars().skip(1).collect();
        }
        let chars: Vec<char> = s.chars().collect();
        if let Some((_, at)) = super::super::section::ordinal(&chars) {
            s = chars[at..].iter().collect();
        }
        s = strip_leading_date(s.trim());
        let s = s.trim().strip_prefix("其中").unwrap_or(s.trim()).trim_start_matches(['：', ':', '，', ' ']);
        let mut s = s.trim().to_string();
        for w in ["均为", "为", "达到", "达", "是", "约"] {
            if let Some(t) = s.strip_suffix(w) {
                s = t.trim_end().to_string();
                break;
            }
        }
        s
    }

    #[test]
    fn subjects_are_cleaned_as_the_char_by_char_cleaning_cleans_them() {
        let cases = [
            "",
            " ",
            "为",
            "（",
            "(含外事接待",
            "（一）收入",
            "1、财政拨款收入为",
            "2.其中：基本支出达到",
            "截至 2024 年 12 月 31 日，资产总额约",
            "截至2024年12月31日资产是",
            "截至 2024",
            "2024 年度一般公共预算财政拨款收入为",
            "2024年度",
            "2024年",
            "2024 年 12 月",
            "2024年12 月 31日 其中:支出均为",
            "2024年12月份",
            "20245年收入",
            "202年收入",
            "2024 收入",
            "、）”其中，  收、支总计均为",
            "十二、（3）",
            "一二三四、收入",
            "“三公”经费为",
            "收入  为",
        ];
        for lead in cases {
            assert_eq!(clean_subject(lead), clean_subject_by_chars(lead), "{lead:?}");
        }
    }

    /// A lead that [`opens_plainly`] is cleaned as every lead is cleaned:
    /// its start as [`clean_start`] cleans it (which leaves it), its end
    /// trimmed and its copula dropped; on sampled leads and on every run of
    /// every corpus line up to a delimiter, from each of its chars.
    #[test]
    fn a_plain_lead_is_cleaned_as_every_lead_is() {
        let full = |lead: &str| without_copula(clean_start(lead)).to_string();
        let pieces = [
            "收入",
            "为",
            "均为",
            "达到",
            "达",
            "是",
            "约",
            " ",
            "\u{3000}",
            "\u{a0}",
            "\u{2003}",
            "、",
            "）",
            ")",
            "”",
            "“",
            "\"",
            "（",
            "(",
            "一",
            "十",
            "三、",
            "（二）",
            "1、",
            "2.",
            "截至",
            "2024",
            "年",
            "度",
            "12",
            "月",
            "日",
            "其中",
            "其",
            "：",
            ":",
            "，",
            "é",
            "😀",
            "收入合计",
            "a",
        ];
        let sampled = crate::text::stream::sample_texts(&pieces, 3000);
        let lines: Vec<String> =
            crate::FIXTURES.iter().flat_map(|n| crate::fixture(n).lines().map(str::to_string).collect::<Vec<_>>()).collect();
        let runs = lines.iter().flat_map(|l| l.split(is_delimiter)).flat_map(|run| run.char_indices().map(move |(i, _)| &run[i..]));
        for lead in sampled.iter().map(String::as_str).chain(runs) {
            assert_eq!(clean_subject(lead), full(lead), "{lead:?}");
        }
        for lead in sampled.iter().take(300) {
            assert_eq!(clean_subject(lead), clean_subject_by_chars(lead), "{lead:?}");
        }
    }

    #[test]
    fn every_unit_word_opens_with_a_char_the_quick_test_lets_through() {
        let words = MONEY_UNITS.iter().map(|m| m.0).chain(COUNT_UNITS).chain(["%", "％", "万 元", "个百分点"]);
        for w in words {
            assert!(w.chars().next().is_some_and(may_start_unit), "{w}");
        }
    }

    #[test]
    fn verbs_end_with_a_char_the_quick_tests_let_through() {
        for w in UP.iter().chain(DOWN.iter()) {
            assert!(DIRECTION_ENDS.has_code(last_three_byte_char(w)), "{w}");
        }
        for (w, _) in REACHED {
            assert!(REACHED_ENDS.has_code(last_three_byte_char(w)), "{w}");
        }
        let pieces = ["增加", "减少了", "增至", "为", "了", " ", "收入", "a", "1", "é", "😀", "\u{800}", "\u{ffff}", "加a"];
        let texts = crate::text::stream::sample_texts(&pieces, 400);
        let singles = ('\0'..='\u{ffff}').chain(['\u{10000}', '\u{10ffff}']).map(|c| format!("x{c}"));
        for s in texts.into_iter().chain(singles).chain([String::new()]) {
            let want = s.chars().next_back().filter(|c| c.len_utf8() == 3).map_or(0, u32::from);
            assert_eq!(last_three_byte_char(&s), want, "{s:?}");
        }
    }

    #[test]
    fn source_lines_follow_the_number() {
        let c = claims("0123456789本年收入合计17,127.83万元");
        assert_eq!(c[0].source_line, 101);
    }
}
