//! Reading numbers printed in tables: amounts, blanks, integers.
//!
//! A table amount always has a decimal point ("10,095.35", "0.00", "-0.07");
//! a bare integer ("31", "2010301", "2024") is a 行次, a code or a year, never an
//! amount. That one rule is what keeps codes and line numbers out of the sums.

use rust_decimal::Decimal;

/// What one table token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    /// A decimal amount as printed, e.g. "10,095.35" (value keeps the scale).
    Amount(Decimal),
    /// A placeholder for "nothing": "-", "—", "–", "— —", "/".
    Dash,
    /// A non-negative integer with no separators (行次, 栏次, 科目编码, year).
    Int(u64),
    /// Anything else.
    Text,
}

/// Classifies a token (white space already split off).
pub(crate) fn classify(tok: &str) -> Token {
    let t = tok.trim();
    if t.is_empty() {
        return Token::Text;
    }
    if t.chars().all(|c| matches!(c, '-' | '—' | '–' | '/' | ' ')) {
        return Token::Dash;
    }
    classify_number(t)
}

/// [`classify`] of a token that is neither blank nor a dash: an integer (at
/// most 18 digits), an amount, or text. Inlined into the tokenisers, which
/// class every number of a table line with it.
#[inline(always)]
pub(crate) fn classify_number(t: &str) -> Token {
    // Most tokens that come here are codes and plain amounts: read in one
    // pass when they are, not tested for digits, then parsed again.
    match plain_token(t.as_bytes()) {
        Some(token) => token,
        None => classify_number_in_full(t),
    }
}

/// [`classify_number`] of any token: the definition [`plain_token`] is held to.
fn classify_number_in_full(t: &str) -> Token {
    if t.len() <= 18 && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().map(Token::Int).unwrap_or(Token::Text);
    }
    match parse_amount(t) {
        Some(d) => Token::Amount(d),
        None => Token::Text,
    }
}

/// The commonest tokens in one pass: digits only (an integer of at most 18
/// digits, or text), or an amount of [`plain_amount`]'s form (digits in
/// groups of three or none, a point, at least one decimal, at most 19
/// digits in all). Some with what [`classify_number_in_full`] gives (a test
/// checks), None for any other token, which is then read in full. Inlined
/// into its callers: each reads many tokens.
#[inline(always)]
fn plain_token(b: &[u8]) -> Option<Token> {
    // The value of the digits, wrapping: it is kept only when there are at
    // most 19 of them (10^19 < 2^64), and then it never wrapped. Their count
    // is worked out from the positions at the end, not kept digit by digit.
    let mut m: u64 = 0;
    // Where the digits since the last comma start, and how many commas.
    let (mut group, mut commas) = (0usize, 0usize);
    let mut i = 0;
    let point = loop {
        let Some(&c) = b.get(i) else { break None };
        let d = c.wrapping_sub(b'0');
        if d <= 9 {
            m = m.wrapping_mul(10).wrapping_add(u64::from(d));
        } else if c == b',' {
            // The first group has one to three digits, every other three.
            let run = i - group;
            if run == 0 || run > 3 || commas > 0 && run != 3 {
                return None;
            }
            (group, commas) = (i + 1, commas + 1);
        } else if c == b'.' {
            break Some(i);
        } else {
            return None;
        }
        i += 1;
    };
    // The digits before the point (or the end): every byte but the commas.
    let int_digits = i - commas;
    let Some(point) = point else {
        // Digits only: 19 are no integer (nor an amount); more, or commas,
        // are read in full.
        return match int_digits {
            _ if commas > 0 || int_digits > 19 => None,
            1..=18 => Some(Token::Int(m)),
            _ => Some(Token::Text),
        };
    };
    let run = point - group;
    if run == 0 || commas > 0 && run != 3 {
        return None;
    }
    let frac = b.get(point + 1..)?;
    if frac.is_empty() || int_digits + frac.len() > 19 {
        return None;
    }
    for &c in frac {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        m = m.wrapping_mul(10).wrapping_add(u64::from(d));
    }
    Decimal::try_from_i128_with_scale(i128::from(m), u32::try_from(frac.len()).ok()?).ok().map(Token::Amount)
}

/// Parses a printed decimal amount with an optional sign, optional thousands
/// separators (groups of exactly three digits) and a decimal point. Accepts the
/// accounting form "(123.00)" as negative. Returns None for anything else,
/// including integers without a point.
pub fn parse_amount(s: &str) -> Option<Decimal> {
    // Most table cells are plain "10,116.83": read in one pass when they are.
    if let Some(d) = plain_amount(s.as_bytes()) {
        return Some(d);
    }
    parse_amount_in_full(s)
}

/// The commonest amounts in one pass: digits in groups of three (or none),
/// a point, at least one decimal, at most 19 digits in all, nothing else.
/// Some when `s` is of that form, with what [`parse_amount_in_full`] reads
/// from it (a test checks); None when it must be read in full. They are
/// [`plain_token`]'s amounts: the form is written once.
fn plain_amount(s: &[u8]) -> Option<Decimal> {
    match plain_token(s)? {
        Token::Amount(d) => Some(d),
        _ => None,
    }
}

/// [`parse_amount`] for any form.
fn parse_amount_in_full(s: &str) -> Option<Decimal> {
    let s = s.trim();
    // An amount starts with its sign, its bracket or a digit: every label
    // that comes here (most tokens of a table line) leaves at once.
    if !s.as_bytes().first().is_some_and(|&b| may_open_amount(b)) {
        return None;
    }
    // A full-width comma between digit groups is still a thousands separator.
    // Its UTF-8 starts with 0xEF, rare in an amount; the byte test spares a
    // substring search.
    let owned;
    let s = if s.bytes().any(|b| b == 0xEF) && s.contains('，') {
        owned = s.replace('，', ",");
        owned.as_str()
    } else {
        s
    };
    let (neg, body) = if let Some(b) = s.strip_prefix('-') {
        (true, b)
    } else if let Some(b) = s.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        (true, b)
    } else {
        (false, s.strip_prefix('+').unwrap_or(s))
    };
    let (int, frac) = body.split_once('.')?;
    if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) || int.is_empty() {
        return None;
    }
    // The groups are checked here; the digits are read below.
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
    } else if !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // The digits without separators are the mantissa, the decimals its
    // scale: what Decimal::from_str("{digits}.{frac}") gives, without
    // building that string (every table cell comes through here).
    let digits = int.bytes().chain(frac.bytes()).filter(|b| *b != b',');
    let count = digits.clone().count();
    if count > 26 {
        return None;
    }
    // Up to 19 digits fit a u64, whose multiplication is one instruction
    // (an i128 one is a library call per digit).
    let mantissa = if count <= 19 {
        i128::from(digits.map(|b| b - b'0').try_fold(0u64, |m, d| m.checked_mul(10)?.checked_add(u64::from(d)))?)
    } else {
        digits.map(|b| b - b'0').try_fold(0i128, |m, d| m.checked_mul(10)?.checked_add(i128::from(d)))?
    };
    let v = Decimal::try_from_i128_with_scale(mantissa, u32::try_from(frac.len()).ok()?).ok()?;
    Some(if neg { crate::checked::neg(v) } else { v })
}

/// Parses a number written in prose: like [`parse_amount`] but integers are
/// accepted too ("4,520", "1244").
pub(crate) fn parse_prose_number(s: &str) -> Option<Decimal> {
    // The commonest prose numbers ("1244", "10,236.70") are table tokens'
    // plain forms: read in the one pass [`plain_token`] makes over the bytes.
    match plain_number(s) {
        Some(d) => d,
        // Any other number opens with a digit, a sign or a bracket, after
        // any white space: text (most cells of a 绩效 table) is turned
        // away on its first byte, not trimmed and read in full.
        None if !s.as_bytes().first().is_some_and(|&b| may_open_number(b)) => None,
        None => parse_prose_number_in_full(s),
    }
}

/// Whether a trimmed text whose first byte is `b` may be an amount: `b` is
/// a digit, a sign or a bracket.
fn may_open_amount(b: u8) -> bool {
    matches!(b, b'0'..=b'9' | b'-' | b'(' | b'+')
}

/// Whether a text whose first byte is `b` may be a number that
/// [`parse_prose_number_in_full`] reads: `b` opens an amount or white space
/// (which the full reading trims).
fn may_open_number(b: u8) -> bool {
    may_open_amount(b) || crate::text::words::may_start_white_space(b)
}

/// The prose numbers of [`plain_token`]'s forms: an integer of at most 18
/// digits without separators, or a plain amount ("10,236.70"). Some(value)
/// with what [`parse_prose_number_in_full`] reads from `s` (a test checks),
/// None when it must be read in full.
fn plain_number(s: &str) -> Option<Option<Decimal>> {
    match plain_token(s.as_bytes())? {
        Token::Amount(d) => Some(Some(d)),
        Token::Int(m) => Some(Some(Decimal::from(m))),
        Token::Dash | Token::Text => None,
    }
}

/// [`parse_prose_number`] for any input.
fn parse_prose_number_in_full(s: &str) -> Option<Decimal> {
    // In full: [`parse_prose_number`] has tried the plain forms already.
    if let Some(d) = parse_amount_in_full(s) {
        return Some(d);
    }
    let t = s.trim();
    // An integer of up to 20 digits, read from its digits (no string built:
    // every number in the narrative comes through here).
    let digits = t.bytes().filter(|b| *b != b',');
    let count = digits.clone().count();
    if count == 0 || count > 20 || !digits.clone().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Separators only between groups of three ("4,520", not "45,20").
    if t.contains(',') && parse_amount(&format!("{t}.0")).is_none() {
        return None;
    }
    let mantissa = digits.map(|b| b - b'0').try_fold(0i128, |m, d| m.checked_mul(10)?.checked_add(i128::from(d)))?;
    Decimal::try_from_i128_with_scale(mantissa, 0).ok()
}

/// An amount as Chinese financial tables print it: thousands separators and
/// the value's own decimals ("10116.83" → "10,116.83"). The app shows amounts
/// this way, and a workbook's numbers become layout text this way.
pub fn display(d: &Decimal) -> String {
    group_thousands(&d.to_string())
}

/// Inserts thousands separators into a plain decimal string ("-1234.5" →
/// "-1,234.5"). Anything that is not a plain decimal is returned unchanged.
pub fn group_thousands(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len().saturating_add(int.len() / 3));
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn amounts_keep_their_printed_scale() {
        assert_eq!(parse_amount("10,095.35"), Some(d("10095.35")));
        assert_eq!(parse_amount("10,236.70").unwrap().to_string(), "10236.70");
        assert_eq!(parse_amount("0.00").unwrap().scale(), 2);
        assert_eq!(parse_amount("-0.07"), Some(d("-0.07")));
        assert_eq!(parse_amount("(123.00)"), Some(d("-123.00")));
    }

    #[test]
    fn codes_years_and_bad_groups_are_not_amounts() {
        assert_eq!(classify("2010301"), Token::Int(2010301));
        assert_eq!(classify("31"), Token::Int(31));
        assert_eq!(classify("—"), Token::Dash);
        assert_eq!(classify("合计"), Token::Text);
        assert_eq!(parse_amount("1,23.00"), None);
        assert_eq!(parse_amount("12.3.4"), None);
        assert_eq!(parse_amount("2024"), None);
    }

    #[test]
    fn amounts_are_what_from_str_reads() {
        for t in [
            "0.00",
            "000.50",
            "1.0",
            "12,345,678.901",
            "-0.00",
            "(0.10)",
            "+3.25",
            "99999999999999999999999.999",
            "1234567890123456789012345.6",
        ] {
            let body = t.trim_start_matches(['-', '+', '(']).trim_end_matches(')').replace(',', "");
            let want = Decimal::from_str(&body).unwrap();
            let want = if t.starts_with('-') || t.starts_with('(') { crate::checked::neg(want) } else { want };
            let got = parse_amount(t).unwrap();
            assert_eq!((got, got.scale(), got.to_string()), (want, want.scale(), want.to_string()), "{t}");
        }
        assert_eq!(parse_amount("123456789012345678901234567.0"), None);
    }

    #[test]
    fn prose_integers_read_as_from_str_reads_them() {
        let by_str = |s: &str| -> Option<Decimal> {
            let plain: String = s.trim().chars().filter(|c| *c != ',').collect();
            if plain.is_empty() || plain.len() > 20 || !plain.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            if s.trim().contains(',') && parse_amount(&format!("{}.0", s.trim())).is_none() {
                return None;
            }
            Decimal::from_str(&plain).ok()
        };
        let cases = "0|007|1244| 4,520 |45,20|,||12a|99999999999999999999|100000000000000000000|1,234,567|１２|-5|2024";
        for s in cases.split('|') {
            let want = parse_amount(s).or_else(|| by_str(s));
            assert_eq!(parse_prose_number(s), want, "{s:?}");
            assert_eq!(parse_prose_number(s).map(|d| d.to_string()), want.map(|d| d.to_string()), "{s:?}");
        }
    }

    #[test]
    fn plain_numbers_read_as_the_full_parse_reads_them() {
        let cases = "0|007|1244|0.00|10236.70|000.50|10,236.70|1,234,567.1|1234567890123456789|123456789012345678.9|\
                     1.234567890123456789|12345678901234567890|1.|.5|1..2|1.2.3|12a|1,234|1,23|1 |-5|+5|１２|\
                     \u{3000}12|\u{a0}1.5| 4,520 |\t7|(5.00)|-1,234.5|+0.5|合计|（1）|,123|—|";
        let reads_as_in_full = |s: &str| {
            let want = parse_prose_number_in_full(s).map(|d| (d, d.to_string()));
            if let Some(got) = plain_number(s) {
                assert_eq!(got.map(|d| (d, d.to_string())), want, "{s:?}");
            }
            assert_eq!(parse_prose_number(s).map(|d| (d, d.to_string())), want, "{s:?}");
            plain_number(s).is_some()
        };
        assert_eq!(cases.split('|').filter(|s| reads_as_in_full(s)).count(), 10);
        // Every piece of every line of the corpus, and every short string
        // over the alphabet of numbers.
        for f in crate::FIXTURES {
            for t in crate::fixture(f).split_whitespace() {
                reads_as_in_full(t);
            }
        }
        for s in every_string(b"019,.a", 7) {
            reads_as_in_full(&s);
        }
        // Numbers among white space, signs, brackets and CJK text.
        let pieces = ["1", "0", "9", ",", ".", "-", "+", "(", ")", " ", "\u{3000}", "\u{a0}", "\t", "合", "，", "％", "—"];
        for s in crate::text::stream::sample_texts(&pieces, 5_000) {
            reads_as_in_full(&s);
        }
    }

    /// Every string of 1 to `most` bytes over `alphabet` (ASCII).
    fn every_string(alphabet: &[u8], most: u32) -> impl Iterator<Item = String> + '_ {
        let k = alphabet.len();
        (1..=most).flat_map(move |len| {
            (0..k.pow(len)).map(move |mut n| {
                let mut s = String::new();
                for _ in 0..len {
                    s.push(char::from(alphabet[n % k]));
                    n /= k;
                }
                s
            })
        })
    }

    /// Two tokens are the same, an amount's scale too.
    fn same(a: &Token, b: &Token) -> bool {
        match (a, b) {
            (Token::Amount(x), Token::Amount(y)) => x == y && x.scale() == y.scale(),
            _ => a == b,
        }
    }

    #[test]
    fn plain_tokens_are_what_the_full_reading_gives() {
        let cases = "0|5|007|2010301|123456789012345678|1234567890123456789|12345678901234567890|99999999999999999999|\
                     0.00|10,116.83|000.50|1,234,567.1|1234567.10|123456789012345678.9|1.234567890123456789|\
                     12345678901234567890.1|1.2345678901234567890|99999999999999999999.99|0.0000000000000000001|\
                     1.|.5|1..2|1.2.3|12a.5|1,234|1,23.4|1234,567.8|,123.4|1,,234.5|12,345,67.8|1,2345.6|1,234.|\
                     1 .5| 1.5|1.5 |-5.00|+5.00|(5.00)|1，234.00|１２.5|2024年|1.5a|8666.60一、|12,|+5|";
        let mut texts: Vec<String> = cases.split('|').map(str::to_string).collect();
        // Every piece of every line of the corpus.
        for f in crate::FIXTURES {
            texts.extend(crate::fixture(f).split_whitespace().map(str::to_string));
        }
        let mut plain = 0;
        for t in &texts {
            let got = classify_number(t);
            let want = classify_number_in_full(t);
            assert!(same(&got, &want), "{t:?}: {got:?} against {want:?}");
            plain += usize::from(plain_token(t.as_bytes()).is_some());
        }
        assert!(plain > 1000);
        // Every short string over the alphabet of numbers.
        for s in every_string(b"019,.a", 7) {
            assert!(same(&classify_number(&s), &classify_number_in_full(&s)), "{s:?}");
        }
    }

    #[test]
    fn plain_amounts_read_as_the_full_parse_reads_them() {
        let cases = "0.00|10,116.83|000.50|1,234,567.1|1234567.10|123456789012345678.9|1.234567890123456789|\
                     12345678901234567890.1|1.2345678901234567890|99999999999999999999.99|0.0000000000000000001|\
                     1.|.5|1..2|1.2.3|12a.5|1,234|1,23.4|1234,567.8|,123.4|1,,234.5|12,345,67.8|1,2345.6|1,234.|\
                     1 .5| 1.5|1.5 |-5.00|+5.00|(5.00)|1，234.00|１２.5|2024年|1.5a|5|";
        let mut plain = 0;
        for s in cases.split('|') {
            let got = plain_amount(s.as_bytes());
            let want = parse_amount_in_full(s);
            if got.is_some() {
                plain += 1;
                assert_eq!((got, got.map(|d| d.to_string())), (want, want.map(|d| d.to_string())), "{s:?}");
            }
            assert_eq!(parse_amount(s).map(|d| d.to_string()), want.map(|d| d.to_string()), "{s:?}");
        }
        assert_eq!(plain, 7);
        // Every short string over the amount alphabet.
        for s in every_string(b"019,.", 7) {
            if let Some(got) = plain_amount(s.as_bytes()) {
                assert_eq!(Some(got.to_string()), parse_amount_in_full(&s).map(|d| d.to_string()), "{s:?}");
            }
            assert_eq!(parse_amount(&s), parse_amount_in_full(&s), "{s:?}");
        }
    }

    #[test]
    fn prose_numbers_accept_integers_with_groups() {
        assert_eq!(parse_prose_number("4,520"), Some(d("4520")));
        assert_eq!(parse_prose_number("1244"), Some(d("1244")));
        assert_eq!(parse_prose_number("10,236.7"), Some(d("10236.7")));
        assert_eq!(parse_prose_number("1,23"), None);
    }
}
