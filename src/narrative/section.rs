//! Section headings of the narrative and what each section is about.
//!
//! Sections are recognised by keywords, never by their ordinals: the same
//! content is 十/十一/十二 in one document and 十(一)(二)(三) in another.

use serde::Serialize;

use crate::text::{search, squeeze};

/// What a narrative section is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// Text before the first numbered heading (the part title).
    Preamble,
    /// 收入支出（决算/预算）总体情况.
    Overall,
    /// 收入（决算/预算）情况.
    Income,
    /// 支出（决算/预算）情况.
    Expenditure,
    /// 财政拨款收入支出总体情况.
    FiscalOverall,
    /// 一般公共预算财政拨款支出情况.
    GeneralBudget,
    /// 一般公共预算财政拨款基本支出情况.
    Basic,
    /// 政府性基金预算财政拨款.
    Fund,
    /// 国有资本经营预算财政拨款.
    StateCapital,
    /// 财政拨款"三公"经费.
    Sangong,
    /// 机关运行经费.
    Operating,
    /// 政府采购.
    Procurement,
    /// 国有资产占用.
    Assets,
    /// 预算绩效.
    Performance,
    /// Any other heading (其他重要事项, 名词解释 …).
    Other,
}

impl Topic {
    /// Every topic, in the order the sections of a 决算's 情况说明 follow.
    pub const ALL: [Topic; 15] = [
        Topic::Preamble,
        Topic::Overall,
        Topic::Income,
        Topic::Expenditure,
        Topic::FiscalOverall,
        Topic::GeneralBudget,
        Topic::Basic,
        Topic::Fund,
        Topic::StateCapital,
        Topic::Sangong,
        Topic::Operating,
        Topic::Procurement,
        Topic::Assets,
        Topic::Performance,
        Topic::Other,
    ];

    /// The Chinese name of the topic.
    pub fn zh(self) -> &'static str {
        match self {
            Topic::Preamble => "说明",
            Topic::Overall => "收入支出总体情况",
            Topic::Income => "收入情况",
            Topic::Expenditure => "支出情况",
            Topic::FiscalOverall => "财政拨款收入支出总体情况",
            Topic::GeneralBudget => "一般公共预算财政拨款支出情况",
            Topic::Basic => "一般公共预算财政拨款基本支出情况",
            Topic::Fund => "政府性基金预算财政拨款情况",
            Topic::StateCapital => "国有资本经营预算财政拨款情况",
            Topic::Sangong => "“三公”经费情况",
            Topic::Operating => "机关运行经费情况",
            Topic::Procurement => "政府采购情况",
            Topic::Assets => "国有资产占用情况",
            Topic::Performance => "预算绩效情况",
            Topic::Other => "其他事项",
        }
    }
}

/// The topic a heading names, if any. Order matters: the more specific
/// keywords are tried first ("一般公共预算财政拨款基本支出" is 基本支出,
/// "财政拨款收入支出决算总体" is not the overall 收入支出).
pub fn topic_of(heading: &str) -> Option<Topic> {
    let s = squeeze(heading);
    let has = |k: &str| search::contains(&s, k);
    let t = if has("三公") {
        Topic::Sangong
    } else if has("机关运行经费") {
        Topic::Operating
    } else if has("政府采购") {
        Topic::Procurement
    } else if has("国有资产") {
        Topic::Assets
    } else if has("绩效") {
        Topic::Performance
    } else if has("政府性基金") {
        Topic::Fund
    } else if has("国有资本") {
        Topic::StateCapital
    } else if has("基本支出") {
        Topic::Basic
    } else if has("一般公共预算") {
        Topic::GeneralBudget
    } else if has("财政拨款收入支出") || has("财政拨款收支") {
        Topic::FiscalOverall
    } else if has("收入支出") || has("收支") {
        Topic::Overall
    } else if has("收入") {
        Topic::Income
    } else if has("支出") {
        Topic::Expenditure
    } else {
        return None;
    };
    Some(t)
}

/// The Chinese numerals 一…十 that ordinals are written with: the one list
/// the narrative's char sets of numerals are made from ([`numerals_and`]).
pub(crate) const CN_NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// The run of numerals `s` opens with (一…十, and ASCII digits when
/// `digits`), at most `most` chars of it: its end (a byte offset) and its
/// count of chars. Read from the bytes, not decoded (it was decoded twice,
/// to count the run and to find the char after it): each numeral is a
/// three-byte char, assembled without a branch on its lead byte.
pub(crate) fn numeral_run(s: &str, digits: bool, most: usize) -> (usize, usize) {
    const NUMERALS: CharSet = CharSet::new(&CN_NUMERALS);
    let b = s.as_bytes();
    let (mut at, mut n) = (0, 0);
    while n < most {
        match b.get(at..) {
            Some([d, ..]) if digits && d.is_ascii_digit() => at += 1,
            Some(&[b0, b1, b2, ..]) if NUMERALS.has_code(crate::text::utf8::three_byte_code(b0, b1, b2)) => at += 3,
            _ => break,
        }
        n += 1;
    }
    (at, n)
}

/// [`CN_NUMERALS`] and `extra`, as an array of `N` chars (the sum of the
/// lengths: any other `N` fails the build), for a [`CharSet`] of the chars
/// a heading or an ordinal opens with.
pub(crate) const fn numerals_and<const N: usize>(extra: &[char]) -> [char; N] {
    let mut out = ['\0'; N];
    let mut k = 0;
    while k < CN_NUMERALS.len() {
        out[k] = CN_NUMERALS[k];
        k += 1;
    }
    while k < N {
        out[k] = extra[k - CN_NUMERALS.len()];
        k += 1;
    }
    assert!(N == CN_NUMERALS.len() + extra.len());
    out
}

/// Whether `c` is a Chinese numeral 一…十: a match, not a search of the
/// string "一二三四五六七八九十" per char (headings are tested line after line).
pub(crate) fn is_cn_digit(c: char) -> bool {
    const CN_DIGITS: CharSet = CharSet::new(&CN_NUMERALS);
    CN_DIGITS.has(c)
}

/// A small set of chars tested by one table look-up and one compare: for
/// sets tested on every char of a text, where a `match` (or compares joined
/// by `|`, which the compiler turns back into one) branches per member and
/// mispredicts on CJK text. Each member has a slot of its own, found by a
/// multiplicative hash whose multiplier the constructor searches for.
pub(crate) struct CharSet {
    mul: u32,
    slots: [u32; 32],
}

impl CharSet {
    /// The set of `members` (at most 32; a collision-free multiplier is
    /// searched for at compile time, and its absence fails the build).
    pub(crate) const fn new(members: &[char]) -> CharSet {
        let mut mul: u32 = 0x9E37_79B1;
        let mut tries = 0;
        while tries < 100_000 {
            // u32::MAX is no char: an empty slot matches nothing.
            let mut slots = [u32::MAX; 32];
            let mut ok = true;
            let mut k = 0;
            while k < members.len() {
                let m = members[k] as u32;
                let slot = (m.wrapping_mul(mul) >> 27) as usize;
                if slots[slot] != u32::MAX {
                    ok = false;
                    break;
                }
                slots[slot] = m;
                k += 1;
            }
            if ok {
                return CharSet { mul, slots };
            }
            mul = mul.wrapping_add(0x0001_0002);
            tries += 1;
        }
        panic!("no collision-free multiplier for this set");
    }

    /// Whether `c` is a member.
    pub(crate) fn has(&self, c: char) -> bool {
        self.has_code(c as u32)
    }

    /// Whether the char of code point `u` is a member (false for a `u` that
    /// is no char: no member has it).
    pub(crate) fn has_code(&self, u: u32) -> bool {
        // The shift leaves 5 bits: always a slot of the 32.
        self.slots[(u.wrapping_mul(self.mul) >> 27) as usize] == u
    }
}

/// A leading ordinal: its level (1 "一、" or "一．"/"一.", 2 "（一）", 3 "（1）",
/// 4 "1、"/"1.") and the char index where the text after it starts.
pub fn ordinal(chars: &[char]) -> Option<(u8, usize)> {
    let n_cn = chars.iter().take_while(|&&c| is_cn_digit(c)).count();
    if n_cn > 0 && n_cn <= 3 && chars.get(n_cn) == Some(&'、') {
        return Some((1, n_cn + 1));
    }
    // "一．收入预算" as some documents number their parts (not "一.5").
    if n_cn > 0 && n_cn <= 3 && matches!(chars.get(n_cn), Some('．' | '.')) && !chars.get(n_cn + 1).is_some_and(char::is_ascii_digit) {
        return Some((1, n_cn + 1));
    }
    if matches!(chars.first(), Some('（' | '(')) {
        let inner = &chars[1..];
        let cn = inner.iter().take_while(|&&c| is_cn_digit(c)).count();
        if cn > 0 && cn <= 3 && matches!(inner.get(cn), Some('）' | ')')) {
            return Some((2, cn + 2));
        }
        let d = inner.iter().take_while(|c| c.is_ascii_digit()).count();
        if d > 0 && d <= 2 && matches!(inner.get(d), Some('）' | ')')) {
            return Some((3, d + 2));
        }
    }
    let d = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if d > 0 && d <= 2 && matches!(chars.get(d), Some('、' | '.' | '．')) && !chars.get(d + 1).is_some_and(|c| c.is_ascii_digit()) {
        return Some((4, d + 1));
    }
    None
}

/// [`ordinal`] of a string's chars. An ordinal is decided by its first 8
/// chars (a longer run of digits is no ordinal either way), so only those are
/// read, onto the stack: this runs for every line and every claim subject.
pub fn ordinal_of(s: &str) -> Option<(u8, usize)> {
    // Every ordinal opens with a numeral, a bracket or a digit: most lines
    // and subjects open with none and are rejected on their first char.
    // Tested on bytes: '(' and the digits are ASCII, the numerals and '（'
    // three-byte chars, so the first char is not decoded.
    const OPENERS: CharSet = CharSet::new(&numerals_and::<11>(&['（']));
    let b0 = *s.as_bytes().first()?;
    if b0.is_ascii_digit() {
        return digit_ordinal(s);
    }
    if !((b0 == b'(') | OPENERS.has_code(crate::text::utf8::first_three_byte_char(s))) {
        return None;
    }
    let mut buf = ['\0'; 8];
    let mut n = 0;
    for (slot, c) in buf.iter_mut().zip(s.chars()) {
        *slot = c;
        n += 1;
    }
    ordinal(&buf[..n])
}

/// [`ordinal`] of a string that opens with an ASCII digit, read from its
/// bytes: only "1、", "12." or "1．" (level 4), with no digit after the
/// mark. Many wrapped lines and claim subjects open with a number
/// ("0.00万元、…", "2023年…"), rejected here by a few byte compares rather
/// than eight chars decoded.
fn digit_ordinal(s: &str) -> Option<(u8, usize)> {
    let b = s.as_bytes();
    // The digits are ASCII: as many bytes as chars.
    let d = b.iter().take(3).take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&d) {
        return None;
    }
    let rest = s.get(d..)?;
    let mark = ['、', '.', '．'].into_iter().find(|&m| rest.starts_with(m))?;
    let after = rest.as_bytes().get(mark.len_utf8()).copied();
    (!after.is_some_and(|c| c.is_ascii_digit())).then_some((4, d + 1))
}

/// How a (trimmed, non-blank) narrative line starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineStart {
    /// A heading on a line of its own: level (1–3) and its text without the ordinal.
    Heading(u8, String),
    /// An ordinal followed by a short heading and "。", then text: "（四）部门评价结果。本部门…".
    InlineHeading(u8, String),
    /// A list item ("1、…", "2.…"): always starts a paragraph.
    ListItem,
    /// A figure caption or a unit note ("图1：…", "(单位：万元)"): skipped.
    Caption,
    /// Anything else.
    Text,
}

/// A unit note ("(单位：万元)", "单 位：元"): at most 12 chars once
/// squeezed, opening with "(单位", "（单位", "单位：" or "单位:".
fn is_unit_note(t: &str) -> bool {
    // Squeezed, a note opens with '(', '（' or 单, and so does the line
    // unless it opens with white space: most lines are rejected by their
    // first bytes, not by a search for 单 (whose last byte, 0x95, is common
    // in CJK text: each false hit restarts the search).
    let b = t.as_bytes();
    let opens = b.first().is_some_and(|&x| x == b'(' || crate::text::words::may_start_white_space(x))
        || b.starts_with("（".as_bytes())
        || b.starts_with("单".as_bytes());
    opens && t.len() <= 24 * 4 && t.contains('单') && t.chars().count() <= 24 && {
        let sq = squeeze(t);
        sq.chars().count() <= 12 && ["(单位", "（单位", "单位：", "单位:"].iter().any(|p| sq.starts_with(p))
    }
}

/// Classifies a trimmed narrative line.
pub fn line_start(t: &str) -> LineStart {
    // Most lines open with a char that opens neither a caption nor an
    // ordinal: told by a look at the first char's bytes, without the three
    // tests below (each reads the first char again).
    if !may_open_non_text(t) {
        return LineStart::Text;
    }
    line_start_in_full(t)
}

/// The chars other than ASCII and white space that a caption (图, a unit
/// note's （ or 单) or an ordinal (a numeral, （) may open with.
const NON_TEXT_OPENERS: CharSet = CharSet::new(&numerals_and::<13>(&['图', '（', '单']));

/// Whether a line opening as `t` does may be other than
/// [`LineStart::Text`]: it opens with a digit, '(' or white space (an
/// ordinal, a unit note), or with one of [`NON_TEXT_OPENERS`].
fn may_open_non_text(t: &str) -> bool {
    match t.as_bytes().first() {
        None => false,
        Some(&b) if b.is_ascii() => b.is_ascii_digit() || b == b'(' || crate::text::words::may_start_white_space(b),
        Some(&b) => crate::text::words::may_start_white_space(b) || NON_TEXT_OPENERS.has_code(crate::text::utf8::first_three_byte_char(t)),
    }
}

/// A heading printed with its chars spread over the line (justified, or
/// letter-spaced: "十 、 一 般 公 共 预 算 机 关 运 行 经 费 支 出 预 算 表 说 明"),
/// read from its squeezed text; or whose "、" was lost, a space in its place
/// ("三 一般公共预算支出情况": the rest one word, no punctuation). Only a
/// line whose first char may open an ordinal and is followed by white
/// space, and only as a heading.
pub fn spaced_heading(t: &str, squeezed: &str) -> Option<LineStart> {
    if !may_open_non_text(t) {
        return None;
    }
    let mut chars = t.chars();
    chars.next()?;
    if chars.next()?.is_whitespace() {
        if let h @ (LineStart::Heading(..) | LineStart::InlineHeading(..)) = line_start_in_full(squeezed) {
            return Some(h);
        }
    }
    // The ordinal's numerals, then white space, then one word.
    let (numerals, rest) = t.split_once(char::is_whitespace)?;
    let rest = rest.trim();
    let n = numerals.chars().count();
    let one_word = !rest.contains(char::is_whitespace) && !rest.contains(['。', '，', ',', '；', ';', '：', ':']);
    let numbered = (1..=3).contains(&n) && numerals.chars().all(is_cn_digit);
    (numbered && one_word && (4..=30).contains(&rest.chars().count()) && !rest.chars().any(|c| c.is_ascii_digit()))
        .then(|| LineStart::Heading(1, rest.to_string()))
}

/// [`line_start`] without its quick answer for plain lines: the definition.
fn line_start_in_full(t: &str) -> LineStart {
    let mut first = t.chars();
    if first.next() == Some('图') && first.next().is_some_and(|c| c.is_ascii_digit()) {
        return LineStart::Caption;
    }
    if is_unit_note(t) {
        return LineStart::Caption;
    }
    let Some((level, at)) = ordinal_of(t) else { return LineStart::Text };
    if level == 4 {
        return LineStart::ListItem;
    }
    let rest = t.char_indices().nth(at).map_or("", |(i, _)| &t[i..]).trim();
    if rest.is_empty() {
        return LineStart::ListItem;
    }
    let punct = |s: &str| s.contains(['。', '，', ',', '；', ';', '：', ':']);
    if !punct(rest) && rest.chars().count() <= 40 {
        return LineStart::Heading(level, rest.to_string());
    }
    if let Some((head, _)) = rest.split_once('。') {
        if head.chars().count() <= 30 && !punct(head) {
            return LineStart::InlineHeading(level, head.trim().to_string());
        }
    }
    LineStart::ListItem
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick answer for lines that open plainly is the definition's,
    /// on sampled lines and every trimmed line of the corpus.
    #[test]
    fn a_plain_line_starts_as_the_definition_says() {
        let pieces = [
            "图1",
            "图",
            "（单位：万元）",
            "(单位:元)",
            "单位：万元",
            "单 位：元",
            "一、",
            "十二、",
            "（一）",
            "(2)",
            "1、",
            "12.",
            "1．",
            "收入",
            "一般",
            "a",
            " ",
            "\u{3000}",
            "\u{a0}",
            "。",
            "，",
            "é",
            "😀",
        ];
        let sampled = crate::text::stream::sample_texts(&pieces, 2000);
        let fixtures: Vec<String> = crate::FIXTURES.iter().map(|n| crate::fixture(n)).collect();
        let lines = sampled.iter().chain(&fixtures).flat_map(|t| t.lines()).map(str::trim);
        for t in lines.chain(pieces) {
            assert_eq!(line_start(t), line_start_in_full(t), "{t:?}");
        }
    }

    #[test]
    fn numerals_and_extras_make_one_array() {
        let set = numerals_and::<12>(&['（', '第']);
        assert_eq!(set[..10], CN_NUMERALS);
        assert_eq!(set[10..], ['（', '第']);
        let opener = CharSet::new(&set);
        assert!("一二三四五六七八九十（第".chars().all(|c| opener.has(c)) && !opener.has('百') && !opener.has('('));
    }

    #[test]
    fn topics_by_keyword_not_ordinal() {
        assert_eq!(topic_of("一、收入支出决算总体情况说明"), Some(Topic::Overall));
        assert_eq!(topic_of("四、财政拨款收入支出决算总体情况说明"), Some(Topic::FiscalOverall));
        assert_eq!(topic_of("六、一般公共预算财政拨款基本支出决算情况说明"), Some(Topic::Basic));
        assert_eq!(topic_of("(二) 一般公共预算财政拨款支出决算结构情况"), Some(Topic::GeneralBudget));
        assert_eq!(topic_of("（二）“三公” 经费支出决算具体情况"), Some(Topic::Sangong));
        assert_eq!(topic_of("（一）机关运行经费支出情况"), Some(Topic::Operating));
        assert_eq!(topic_of("十、其他重要事项情况说明"), None);
        assert_eq!(topic_of("一、预算收支增减变化情况说明"), Some(Topic::Overall));
        assert_eq!(topic_of("二、收入决算情况说明"), Some(Topic::Income));
    }

    #[test]
    fn cn_digits_are_the_chars_of_the_string() {
        for c in ('\0'..='\u{ffff}').chain(['\u{10000}', '\u{10ffff}']) {
            assert_eq!(is_cn_digit(c), "一二三四五六七八九十".contains(c), "{c:?}");
        }
    }

    #[test]
    fn a_char_set_holds_its_members_and_nothing_else() {
        let members = ['。', '！', '？', '!', '?', '无', '持', '一', '\0', '\u{10ffff}'];
        let set = CharSet::new(&members);
        for c in ('\0'..='\u{ffff}').chain(['\u{10000}', '\u{10ffff}']) {
            assert_eq!(set.has(c), members.contains(&c), "{c:?}");
        }
    }

    #[test]
    fn an_ordinal_is_decided_by_its_first_eight_chars() {
        let cases = "一、收入|十一、|一二三四、|（一）|(十二)|（一二三四）|（1）|(12)|（123）|1、|12.|123、|1.5|1．|（|(|一|1|11111111111、|一二三四五六七八九十、|（万元）|图1：|1．5|12、3|1,2|0.00万元、|2023年|7|12|1、、|1..|12．．|1é|";
        for s in cases.split('|') {
            for tail in ["", "正文", "12345678"] {
                let t = format!("{s}{tail}");
                let chars: Vec<char> = t.chars().collect();
                assert_eq!(ordinal_of(&t), ordinal(&chars), "{t:?}");
            }
        }
    }

    /// [`is_unit_note`]'s first-byte test rules out no note: it agrees with
    /// the plain definition (any line holding 单, squeezed and compared).
    #[test]
    fn unit_notes_by_first_bytes_are_unit_notes_by_definition() {
        let by_definition = |t: &str| {
            t.len() <= 24 * 4 && t.contains('单') && t.chars().count() <= 24 && {
                let sq = squeeze(t);
                sq.chars().count() <= 12 && ["(单位", "（单位", "单位：", "单位:"].iter().any(|p| sq.starts_with(p))
            }
        };
        let pieces = ["单位", "单", "位", "（", "(", "）", ")", " ", "\u{3000}", "\t", "：", ":", "万元", "字", "a"];
        for text in crate::text::stream::sample_texts(&pieces, 2000) {
            for t in text.split('\n') {
                assert_eq!(is_unit_note(t), by_definition(t), "{t:?}");
            }
        }
    }

    #[test]
    fn line_starts() {
        assert_eq!(line_start("十一、政府采购支出情况"), LineStart::Heading(1, "政府采购支出情况".into()));
        assert_eq!(line_start("十一．政府采购支出情况"), LineStart::Heading(1, "政府采购支出情况".into()));
        assert_eq!(line_start("三.一般公共预算支出情况"), LineStart::Heading(1, "一般公共预算支出情况".into()));
        // Spread over its line, a heading is read from its squeezed text; a
        // line of text is not.
        let spread = "十 、 一 般 公 共 预 算 机 关 运 行 经 费 支 出 预 算 表 说 明";
        assert_eq!(line_start(spread), LineStart::Text);
        assert_eq!(spaced_heading(spread, &squeeze(spread)), Some(LineStart::Heading(1, "一般公共预算机关运行经费支出预算表说明".into())));
        assert_eq!(spaced_heading("（ 一 ） 收 入", "（一）收入"), Some(LineStart::Heading(2, "收入".into())));
        // Its "、" lost, a space in its place.
        for (lost, heading) in [("三 一般公共预算支出情况", "一般公共预算支出情况"), ("十一 政府采购支出情况", "政府采购支出情况")]
        {
            assert_eq!(spaced_heading(lost, &squeeze(lost)), Some(LineStart::Heading(1, heading.into())), "{lost}");
        }
        for text in [
            "十一、政府采购支出情况",
            "1 2 3",
            "一 般 公 共 预 算 支 出",
            "三 公 经 费 增 加 5 万 元 。",
            "三 公经费",
            "二 人次",
            "一 2024年收入",
        ] {
            assert_eq!(spaced_heading(text, &squeeze(text)), None, "{text}");
        }
        assert_eq!(line_start("(一) 收入决算结构情况"), LineStart::Heading(2, "收入决算结构情况".into()));
        assert_eq!(line_start("（3）增减变化情况"), LineStart::Heading(3, "增减变化情况".into()));
        assert_eq!(line_start("（四）部门评价结果。本部门无部门评价项目。"), LineStart::InlineHeading(2, "部门评价结果".into()));
        assert_eq!(line_start("1、财政拨款收入 10,095.35 万元。"), LineStart::ListItem);
        assert_eq!(line_start("（1）收入预算：2023年收入预算为17,332.62万元，包括："), LineStart::ListItem);
        assert_eq!(line_start("17,127.83万元，占100%。"), LineStart::Text);
        assert_eq!(line_start("0.00万元、国有资本经营预算拨款收入0.00万元"), LineStart::Text);
        assert_eq!(line_start("图1：收入支出决算变动情况"), LineStart::Caption);
        assert_eq!(line_start("(单位：万元)"), LineStart::Caption);
        assert_eq!(line_start("（单 位：万元）"), LineStart::Caption);
        assert_eq!(line_start(" 单位：元"), LineStart::Caption);
        assert_eq!(line_start("一"), LineStart::Text);
    }
}
