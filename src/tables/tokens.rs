//! Splitting one table line into typed tokens.
//!
//! Two layouts exist: TAB-separated (a cell per tab, blank cells kept, so
//! positions are known) and SPACE-separated PDF text (blank cells either printed
//! as 0.00 or dropped). Adjacent text pieces are joined, because PDF text breaks
//! labels at spaces ("合 计", "附属单位 上缴收入").

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::amount::{self, Token};
use crate::text::{window, words};

/// A token of a table line, borrowing its text from the line where it can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok<'a> {
    /// A decimal amount.
    Amount(Decimal),
    /// An explicitly empty cell: a blank tab cell or a dash.
    Blank,
    /// An integer (行次, 栏次, code).
    Int(u64),
    /// Label text, white space removed: a piece of the line as it is, or
    /// pieces joined (the only labels that need a String of their own).
    Text(Cow<'a, str>),
}

/// A tokenised line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokLine<'a> {
    /// The tokens in order.
    pub toks: Vec<Tok<'a>>,
    /// Whether the line was TAB-separated (blank cells are explicit).
    pub tabbed: bool,
}

/// Tokenises a table line.
pub fn tokenize(line: &str) -> TokLine<'_> {
    let mut toks = Vec::new();
    let tabbed = tokenize_into(line, &mut toks);
    TokLine { toks, tabbed }
}

/// [`tokenize`] into `toks` (cleared first: a reader passes one buffer for
/// all its lines rather than a new vector per line), returning whether the
/// line was TAB-separated.
pub fn tokenize_into<'a>(line: &'a str, toks: &mut Vec<Tok<'a>>) -> bool {
    toks.clear();
    // Most readers pass a new vector for each line they keep: allocated
    // at its size at once, not grown from nothing by `reserve`.
    if toks.capacity() == 0 {
        *toks = Vec::with_capacity(LINE_TOKENS);
    } else {
        toks.reserve(LINE_TOKENS);
    }
    // One scan of the whole line (a TAB ends a cell); each cell's pieces
    // go straight into `toks` after the cells before (from `cell`), and
    // are settled there when it ends: no buffer to move them through.
    // Before the first TAB the pieces join as a SPACE-separated line's do
    // (from the first token): a line with none is that reading, and is
    // known to be one by the scan, not by a search for a TAB first.
    // The closures are inlined where they are called: each is called for
    // every word of every table line, where a call (and another per part)
    // cost about as much as the word's reading.
    let (mut cell, mut tabbed) = (0, false);
    for_each_word(
        line,
        #[inline(always)]
        |piece| match piece {
            Piece::Word(word, glued) => each_part(
                word,
                glued,
                #[inline(always)]
                |part| push_joined(toks, cell, part),
            ),
            Piece::Tab => {
                tabbed = true;
                cell = end_cell(toks, cell);
            }
        },
    );
    if tabbed {
        end_cell(toks, cell);
    }
    tabbed
}

/// Settles a TAB cell, whose pieces are `toks[cell..]`: a blank cell as
/// [`Tok::Blank`]; a cell of one piece, or of text without an amount, as one
/// token (a tab cell may still hold "code name" or several numbers); others
/// as their pieces. Returns where the next cell starts. Inlined into the
/// scan of a line, which settles every cell: most are blank or one piece.
#[inline(always)]
fn end_cell(toks: &mut Vec<Tok<'_>>, cell: usize) -> usize {
    match toks.len().saturating_sub(cell) {
        0 => toks.push(Tok::Blank),
        1 => {}
        _ => merge_cell(toks, cell),
    }
    toks.len()
}

/// [`end_cell`] of a cell of several pieces, `toks[cell..]`: one token when
/// they are text without an amount.
fn merge_cell(toks: &mut Vec<Tok<'_>>, cell: usize) {
    let inner = toks.get(cell..).unwrap_or_default();
    if inner.iter().any(|t| matches!(t, Tok::Text(_))) && inner.iter().all(|t| !matches!(t, Tok::Amount(_))) {
        let merged = toks.drain(cell..).reduce(merge_text);
        toks.extend(merged);
    }
}

/// Tokenises a SPACE-separated line without joining adjacent text pieces:
/// for two-sided rows, where a space is what separates the income label
/// from the expenditure label ("政府性基金预算收入 三、公共安全支出").
pub fn pieces(line: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::with_capacity(LINE_TOKENS);
    pieces_into(line, &mut out);
    out
}

/// [`pieces`] into `out` (cleared first): a reader passes one buffer for
/// all its lines.
pub fn pieces_into<'a>(line: &'a str, out: &mut Vec<Tok<'a>>) {
    out.clear();
    // Inlined where called, as in [`tokenize_into`]: a call per word and
    // another per part cost about as much as the reading.
    for_each_word(
        line,
        #[inline(always)]
        |piece| {
            if let Piece::Word(word, glued) = piece {
                each_part(
                    word,
                    glued,
                    #[inline(always)]
                    |part| out.push(piece_tok(part)),
                );
            }
        },
    );
}

/// The token of one piece of a word, as [`pieces`] gives it.
#[inline(always)]
fn piece_tok(part: &str) -> Tok<'_> {
    match classify(part) {
        Token::Amount(d) => Tok::Amount(d),
        Token::Dash => Tok::Blank,
        Token::Int(n) => Tok::Int(n),
        Token::Text => Tok::Text(Cow::Borrowed(part)),
    }
}

/// Whether any of a line's [`pieces`] is an amount, without building them
/// (no String per text piece): readers ask this of every header line.
pub fn has_amount(line: &str) -> bool {
    may_hold_amount(line)
        && words(line).any(|piece| {
            let mut found = false;
            unglue(piece, |part| {
                if !found && matches!(classify(part), Token::Amount(_)) {
                    found = true;
                }
            });
            found
        })
}

/// Whether a line may hold an amount: every amount has a point followed
/// by a digit ("0.00", "(12.50)"), so a line without one holds none. Header
/// lines (CJK captions, 栏次 numbers) are turned away by one byte search
/// instead of being cut into pieces and each piece classified.
fn may_hold_amount(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr_iter(b'.', b).any(|i| b.get(i + 1).is_some_and(u8::is_ascii_digit))
}

/// The integer a line's first piece (of [`pieces`]) is, if it is one.
pub fn first_int(line: &str) -> Option<u64> {
    let mut first = None;
    unglue(words(line).next()?, |part| {
        first.get_or_insert_with(|| match classify(part) {
            Token::Int(n) => Some(n),
            _ => None,
        });
    });
    first.flatten()
}

fn merge_text<'a>(a: Tok<'a>, b: Tok<'a>) -> Tok<'a> {
    let s = |t: Tok<'a>| match t {
        Tok::Text(s) => s,
        Tok::Int(n) => Cow::Owned(n.to_string()),
        Tok::Amount(d) => Cow::Owned(d.to_string()),
        Tok::Blank => Cow::Borrowed(""),
    };
    let mut joined = s(a).into_owned();
    joined.push_str(&s(b));
    Tok::Text(Cow::Owned(joined))
}

/// Room for a typical table line's tokens: most lines then allocate once
/// instead of growing 4 → 8.
const LINE_TOKENS: usize = 8;

/// Pushes a piece's token to `out`, a text piece joined to a text token
/// before it at or after `start`.
#[inline(always)]
fn push_joined<'a>(out: &mut Vec<Tok<'a>>, start: usize, part: &'a str) {
    match (classify(part), out.get_mut(start..).and_then(<[Tok]>::last_mut)) {
        // Adjacent text pieces join (the label then needs a String);
        // a label of one piece borrows it.
        (Token::Text, Some(Tok::Text(prev))) => prev.to_mut().push_str(part),
        (Token::Text, _) => out.push(Tok::Text(Cow::Borrowed(part))),
        (Token::Amount(d), _) => out.push(Tok::Amount(d)),
        (Token::Dash, _) => out.push(Tok::Blank),
        (Token::Int(n), _) => out.push(Tok::Int(n)),
    }
}

/// What [`for_each_word`] finds: a word (and whether a cut may fall in it),
/// or a TAB, which ends a cell.
enum Piece<'a> {
    Word(&'a str, bool),
    Tab,
}

/// The parts [`unglue`] cuts a word into, given to `f`; a word known not to
/// be glued is given whole without a look.
#[inline(always)]
fn each_part<'a>(word: &'a str, glued: bool, mut f: impl FnMut(&'a str)) {
    if glued {
        unglue(word, f);
    } else {
        f(word);
    }
}

/// Calls `f` for each of [`fn@words`]`(s)` in order, as [`Piece::Word`] with
/// `glued` false only when [`unglue`] would give the word whole (no ASCII
/// digit in it is followed by a non-ASCII char), and for each TAB, as
/// [`Piece::Tab`] after the word before it. The white space and the places
/// a glued word may be cut are found 64 bytes at a time
/// ([`window::scan`]), with no branch per byte: a table line is mostly CJK
/// labels and amounts, whose char-by-char reading mispredicts.
fn for_each_word<'a>(s: &'a str, mut f: impl FnMut(Piece<'a>)) {
    let bytes = s.as_bytes();
    let at3 = |p: usize| [p, p + 1, p + 2].map(|i| bytes.get(i).copied().unwrap_or(0));
    // The current word starts at `from`; `glued` if a cut may fall in it.
    let (mut from, mut glued) = (0, false);
    window::scan(
        bytes,
        |[a, b, _]| may_cut_at(a, b),
        |at, mask| {
            for p in window::positions(at, mask) {
                let Some(&lead) = bytes.get(p) else { continue };
                if lead.is_ascii_digit() {
                    glued = true;
                    continue;
                }
                // A lead byte that may start white space: the whole char
                // tells (most are 、 or “, led by E3 or E2).
                if lead >= 0x80 && !words::white_space_at(at3(p)) {
                    continue;
                }
                if p > from {
                    if let Some(w) = s.get(from..p) {
                        f(Piece::Word(w, glued));
                    }
                }
                if lead == b'\t' {
                    f(Piece::Tab);
                }
                glued = false;
                from = p + match lead {
                    0..=0x7F => 1,
                    0xC2 => 2,
                    _ => 3,
                };
            }
        },
    );
    if from < bytes.len() {
        if let Some(w) = s.get(from..) {
            f(Piece::Word(w, glued));
        }
    }
}

/// Whether the bytes `a`, `b` at a position may be where [`for_each_word`]
/// cuts: an ASCII white space byte, a lead byte of a white space char
/// (C2, E1, E2, E3: [`words::white_space_at`] then tells by the whole
/// char), or an ASCII digit before a non-ASCII byte (a glued word). Two
/// bytes and a few compares, run on 64 positions at once, where testing
/// every position's three bytes against each white space char cost more
/// than the rare chars it turns away (a test holds the positions to it).
#[inline(always)]
fn may_cut_at(a: u8, b: u8) -> bool {
    words::is_ascii_space(a) | (a == words::SPACE_LEAD_2) | words::space_lead_3(a) | (a.is_ascii_digit() & (b >= 0x80))
}

/// [`amount::classify`] of a piece of a word (no white space in it), whose
/// answer for a piece led by a CJK char is known without calling it: every
/// amount, integer and dash starts with an ASCII byte or, for the dashes —
/// and –, with 0xE2; anything else is text. Most label pieces are turned
/// away by that one byte test. A piece led by a digit (an amount, a code, a
/// 行次) is neither blank nor a dash, so it skips those tests. Inlined
/// into its callers, each of which classes every piece of a line: the byte
/// test is then made where the piece is, not after a call.
#[inline(always)]
fn classify(part: &str) -> Token {
    match part.as_bytes().first() {
        Some(0xC0..=0xE1 | 0xE3..=0xFF) => Token::Text,
        Some(b'0'..=b'9') => amount::classify_number(part),
        _ => amount::classify(part),
    }
}

/// Splits tokens that PDF extraction glued together: an amount followed by a
/// label ("8666.60一、一般公共服务支出") or a label followed by an amount, and
/// gives each part to `f` in order.
fn unglue<'a>(piece: &'a str, mut f: impl FnMut(&'a str)) {
    // Cut between "…60" and "一、" (amount then CJK), only when the numeric
    // run before ends in a digit and has a decimal point (an amount, not
    // "2024年"). A cut is where an ASCII digit is followed by a non-ASCII
    // char's lead byte: found by bytes, both tests in one, rather than by
    // decoding chars (whose width branches mispredict on mixed text). The
    // run is ASCII, so it is read backwards by bytes.
    let is_num = |b: u8| b.is_ascii_digit() || matches!(b, b',' | b'.' | b'-');
    let bytes = piece.as_bytes();
    let mut start = 0;
    for (i, pair) in bytes.windows(2).enumerate() {
        if let [a, b] = *pair {
            if a.is_ascii_digit() & (b >= 0x80) {
                let at = i + 1;
                let mut run = bytes.get(..at).unwrap_or_default().iter().rev().take_while(|b| is_num(**b));
                if run.any(|b| *b == b'.') {
                    f(piece.get(start..at).unwrap_or_default());
                    start = at;
                }
            }
        }
    }
    f(piece.get(start..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn a(s: &str) -> Tok<'static> {
        Tok::Amount(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn tab_lines_keep_blank_cells() {
        let t = tokenize("二、政府性基金预算财政拨款收入\t2\t\t二、外交支出\t33\t");
        assert!(t.tabbed);
        assert_eq!(
            t.toks,
            vec![
                Tok::Text("二、政府性基金预算财政拨款收入".into()),
                Tok::Int(2),
                Tok::Blank,
                Tok::Text("二、外交支出".into()),
                Tok::Int(33),
                Tok::Blank
            ]
        );
    }

    #[test]
    fn space_lines_join_label_pieces() {
        let t = tokenize("合 计 10,116.83 0.00");
        assert_eq!(t.toks, vec![Tok::Text("合计".into()), a("10116.83"), a("0.00")]);
    }

    #[test]
    fn has_amount_and_first_int_read_what_pieces_gives() {
        let lines = [
            "",
            "  ",
            "合 计 10,116.83 0.00",
            "8666.60一、一般公共服务支出 2024年",
            "一、一般公共预算  12,345.67  一、基本支出  6543.21  (12.00)",
            "一、一般公共服务支出8666.60",
            "201 一般公共服务支出",
            "2010301\t行政运行\t1.00",
            "项目 栏次 1 2 3",
            "— — 5",
            "(12.00) 结余",
            "2024年预算",
            "12.5",
            "x 2024",
        ];
        for l in lines {
            let p = pieces(l);
            assert_eq!(has_amount(l), p.iter().any(|t| matches!(t, Tok::Amount(_))), "{l:?}");
            assert_eq!(first_int(l), if let Some(Tok::Int(n)) = p.first() { Some(*n) } else { None }, "{l:?}");
        }
    }

    /// [`has_amount`] is whether any of [`pieces`] is an amount, its
    /// point-and-digit prefilter included: over sample texts and every
    /// line of the fixtures.
    #[test]
    fn has_amount_is_any_piece_an_amount() {
        let samples: Vec<&str> =
            "合计|1.00|8666.60一、|.5|5.|1.x|x.1|(12.00)|-0.07|10,116.83|１.00|1，000.00|2024|栏次| |\t|.|。|..|1..2".split('|').collect();
        let mut texts = crate::text::stream::sample_texts(&samples, 2000);
        texts.extend(crate::FIXTURES.iter().map(|name| crate::fixture(name)));
        let mut hits = 0usize;
        for t in &texts {
            for l in t.split('\n') {
                let want = pieces(l).iter().any(|t| matches!(t, Tok::Amount(_)));
                assert_eq!(has_amount(l), want, "{l:?}");
                hits += usize::from(want);
            }
        }
        assert!(hits > 1000, "{hits}");
    }

    /// The pieces of [`unglue`] as it was, by chars.
    fn unglue_by_chars(piece: &str) -> Vec<&str> {
        let mut out = Vec::new();
        if piece.is_ascii() {
            return vec![piece];
        }
        let is_num = |b: u8| b.is_ascii_digit() || matches!(b, b',' | b'.' | b'-');
        let bytes = piece.as_bytes();
        let mut start = 0;
        let mut prev: Option<char> = None;
        for (i, c) in piece.char_indices() {
            if prev.is_some_and(|p| p.is_ascii_digit()) && !c.is_ascii() {
                let mut run = bytes[..i].iter().rev().take_while(|b| is_num(**b));
                if run.any(|b| *b == b'.') {
                    out.push(&piece[start..i]);
                    start = i;
                }
            }
            prev = Some(c);
        }
        out.push(&piece[start..]);
        out
    }

    #[test]
    fn words_and_unglue_by_bytes_are_as_by_chars() {
        let pieces: Vec<&str> = "合计|1.00|8666.60|一、|2024年|10,116.83|-|—| |  |\t|\r|\x0b|\x0c|\u{85}|\u{a0}|\u{1680}|\u{2000}|\u{200a}|\u{200b}|\u{2028}|\u{2029}|\u{202f}|\u{205f}|\u{3000}|\u{2030}|\u{3001}|。|\u{e1}|\u{1681}|Ⅻ|(12.00)|x|é|𝄞|5|.|,"
            .split('|')
            .collect();
        let texts = crate::text::stream::sample_texts(&pieces, 400);
        for t in &texts {
            let by_bytes: Vec<&str> = words(t).collect();
            let by_chars: Vec<&str> = t.split_whitespace().collect();
            assert_eq!(by_bytes, by_chars, "{t:?}");
            for w in by_chars {
                let mut parts = Vec::new();
                unglue(w, |p| parts.push(p));
                assert_eq!(parts, unglue_by_chars(w), "{w:?}");
            }
        }
    }

    /// Where [`for_each_word`] cuts, by its two-byte test then the whole
    /// char at a non-ASCII lead, is where the test of three bytes it
    /// replaces held: white space, or an ASCII digit before a non-ASCII
    /// byte. Every three bytes.
    #[test]
    fn the_two_byte_test_and_the_char_it_lets_by_find_every_cut() {
        let cut = |[a, b, c]: [u8; 3]| may_cut_at(a, b) && (a < 0x80 || words::white_space_at([a, b, c]));
        let mut cuts = 0usize;
        for a in 0..=u8::MAX {
            for b in 0..=u8::MAX {
                for c in 0..=u8::MAX {
                    let want = words::white_space_at([a, b, c]) | (a.is_ascii_digit() & (b >= 0x80));
                    assert_eq!(cut([a, b, c]), want, "{a:#x} {b:#x} {c:#x}");
                    cuts += usize::from(want);
                }
            }
        }
        assert!(cuts > 1000, "{cuts}");
    }

    /// A SPACE-separated line's tokens as they were read: [`words`], then
    /// [`unglue`] on each.
    fn split_spaces_by_words<'a>(s: &'a str, out: &mut Vec<Tok<'a>>) {
        let start = out.len();
        for piece in words(s) {
            unglue(piece, |part| match (amount::classify(part), out.get_mut(start..).and_then(<[Tok]>::last_mut)) {
                (Token::Text, Some(Tok::Text(prev))) => prev.to_mut().push_str(part),
                (Token::Text, _) => out.push(Tok::Text(Cow::Borrowed(part))),
                (Token::Amount(d), _) => out.push(Tok::Amount(d)),
                (Token::Dash, _) => out.push(Tok::Blank),
                (Token::Int(n), _) => out.push(Tok::Int(n)),
            });
        }
    }

    /// [`tokenize_into`] as it was: a TAB line cell by cell.
    fn tokenize_by_cells(line: &str) -> Vec<Tok<'_>> {
        let mut toks = Vec::new();
        if !line.contains('\t') {
            split_spaces_by_words(line, &mut toks);
            return toks;
        }
        let mut inner: Vec<Tok> = Vec::new();
        for cell in line.split('\t') {
            let c = cell.trim();
            if c.is_empty() {
                toks.push(Tok::Blank);
                continue;
            }
            inner.clear();
            split_spaces_by_words(c, &mut inner);
            if inner.len() == 1 || inner.iter().any(|t| matches!(t, Tok::Text(_))) && inner.iter().all(|t| !matches!(t, Tok::Amount(_))) {
                match inner.drain(..).reduce(merge_text) {
                    Some(t) => toks.push(t),
                    None => toks.push(Tok::Blank),
                }
            } else {
                toks.append(&mut inner);
            }
        }
        toks
    }

    #[test]
    fn words_found_by_blocks_are_words_then_unglue() {
        let pieces: Vec<&str> = "合计|1.00|8666.60|一、|2024年|10,116.83|-|—| |  |\t|\r|\n|\x0b|\x0c|\x1c|\u{85}|\u{a0}|\u{1680}|\u{2000}|\u{200a}|\u{200b}|\u{2028}|\u{2029}|\u{202f}|\u{205f}|\u{3000}|\u{3001}|\u{2030}|\u{2081}|\u{e0}|。|Ⅻ|(12.00)|x|é|𝄞|5|.|,|12345678901234567890"
            .split('|')
            .collect();
        let mut texts = crate::text::stream::sample_texts(&pieces, 400);
        // Long lines: words and glued places across 64-byte blocks.
        texts.extend(texts.clone().chunks(7).map(|c| c.concat()));
        for t in &texts {
            let (mut words_of, mut tabs) = (Vec::new(), 0);
            for_each_word(t, |piece| match piece {
                Piece::Word(w, glued) => {
                    let mut parts = Vec::new();
                    unglue(w, |p| parts.push(p));
                    assert!(glued || parts.len() == 1, "{w:?}");
                    words_of.push(w);
                }
                Piece::Tab => tabs += 1,
            });
            assert_eq!(words_of, words(t).collect::<Vec<_>>(), "{t:?}");
            assert_eq!(tabs, t.matches('\t').count(), "{t:?}");
            let mut toks = Vec::new();
            tokenize_into(t, &mut toks);
            assert_eq!(toks, tokenize_by_cells(t), "{t:?}");
            assert_eq!(tokenize_into(t, &mut toks), t.contains('\t'), "{t:?}");
        }
    }

    #[test]
    fn pieces_led_by_cjk_are_text_as_amount_classify_says() {
        let pieces: Vec<&str> =
            "合计|1.00|—|–|-|— —|/|（1.00）|(1.00)|１|１.00|一|〇|零|十|2024年|年2024|0.00|，1.00|１，０００.00|€1|£1|Ⅻ|é|𝄞|12|1234567890123456789|12,345.6|1,2.3|1.|1.x|0012"
                .split('|')
                .collect();
        for t in crate::text::stream::sample_texts(&pieces, 300) {
            for w in words(&t) {
                unglue(w, |p| assert_eq!(classify(p), amount::classify(p), "{p:?}"));
                for (i, _) in w.char_indices() {
                    let p = &w[i..];
                    assert_eq!(classify(p), amount::classify(p), "{p:?}");
                }
            }
        }
    }

    #[test]
    fn glued_amount_and_label_are_split() {
        let t = tokenize("8666.60一、一般公共服务支出 2024年");
        assert_eq!(t.toks, vec![a("8666.60"), Tok::Text("一、一般公共服务支出2024年".into())]);
    }
}
