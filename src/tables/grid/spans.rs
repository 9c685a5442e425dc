//! A line of layout text as positioned cells.
//!
//! In text that keeps the page layout (`pdftotext -layout`, a PDF read with
//! positions, a sheet) a cell is a run of characters; its x-extent is its
//! character span. Words of one label are one space apart; numbers are cells
//! of their own even when a single space separates them from a label
//! ("16,482.53 一、一般公共服务支出").

use rust_decimal::Decimal;
use std::borrow::Cow;
use std::str::FromStr;

/// One cell of a line: its text and character columns `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span<'a> {
    /// The text, inner single spaces removed: borrowed from the line unless
    /// words were joined (or a form feed dropped).
    pub text: Cow<'a, str>,
    /// First character column.
    pub start: usize,
    /// One past the last character column.
    pub end: usize,
    /// What the cell holds.
    pub what: What,
}

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// Digits only, no separators ("201", "05", "0", "2024").
    Digits,
    /// A number with separators or decimals ("16,482.53", "148,306,215", "0.00").
    Number(Decimal),
    /// A dash standing for nothing ("-", "—").
    Dash,
    /// A 科目 code before a label ("201", "05" in "201 05 01 行政运行").
    Code,
    /// Anything else.
    Text,
}

impl Span<'_> {
    /// The centre column, doubled (to stay in integers).
    pub fn mid2(&self) -> usize {
        self.start + self.end
    }

    /// True for a cell that stands in a value column (a number, digits or a dash).
    pub fn is_value(&self) -> bool {
        matches!(self.what, What::Digits | What::Number(_) | What::Dash)
    }

    /// The value of a numeric cell (digits read as an integer amount).
    pub fn value(&self) -> Option<Decimal> {
        match self.what {
            What::Number(d) => Some(d),
            What::Digits if self.text.len() <= 20 => Decimal::from_str(&self.text).ok(),
            _ => None,
        }
    }
}

/// Classifies one whitespace-free token.
fn classify(tok: &str) -> What {
    if tok.chars().all(|c| matches!(c, '-' | '—' | '–' | '－')) {
        return What::Dash;
    }
    if tok.bytes().all(|b| b.is_ascii_digit()) {
        return What::Digits;
    }
    number(tok).map(What::Number).unwrap_or(What::Text)
}

/// A cell that is an amount beyond doubt: a number printed with decimals
/// or separators (a bare integer may be a code, a 行次 or a page number).
pub fn printed_amount(tok: &str) -> Option<Decimal> {
    number(tok).filter(|_| tok.contains(['.', ',']))
}

/// "16,482.53", "-1,234", "148,306,215", "0.00": optional sign, thousands
/// groups of three, optional decimals. None for anything else.
pub fn number(tok: &str) -> Option<Decimal> {
    let (neg, body) = match tok.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, tok),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int.is_empty() || frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let mut groups = int.split(',');
    let first = groups.next()?;
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // The digits without separators, built only when there are separators:
    // otherwise the body already is the number's text.
    let mut joined = String::new();
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) || first.len() > 3 {
            return None;
        }
        if joined.is_empty() {
            joined.reserve(body.len());
            joined.push_str(first);
        }
        joined.push_str(g);
    }
    let text = if joined.is_empty() {
        frac?; // bare digits are What::Digits
        Cow::Borrowed(body)
    } else {
        if let Some(f) = frac {
            joined.push('.');
            joined.push_str(f);
        }
        Cow::Owned(joined)
    };
    if text.len() > 28 {
        return None;
    }
    let v = Decimal::from_str(&text).ok()?;
    if neg {
        v.checked_mul(Decimal::NEGATIVE_ONE)
    } else {
        Some(v)
    }
}

/// The cells of one line. Form feeds take no column.
pub fn spans(line: &str) -> Vec<Span<'_>> {
    // Room for a typical table line's cells, so most lines allocate once.
    let mut out: Vec<Span> = Vec::with_capacity(8);
    let mut col = 0usize;
    // The token being read: its first byte and its first column. Tokens are
    // cut out of the line, not built a character at a time.
    let mut cur: Option<(usize, usize)> = None;
    for (at, c) in line.char_indices() {
        if c == '\u{c}' {
            continue;
        }
        if c.is_whitespace() {
            if let Some((from, start)) = cur.take() {
                push_token(&mut out, &line[from..at], start, col);
            }
        } else if cur.is_none() {
            cur = Some((at, col));
        }
        col += 1;
    }
    if let Some((from, start)) = cur {
        push_token(&mut out, &line[from..], start, col);
    }
    mark_codes(&mut out);
    out
}

/// Adds one whitespace-free token at columns `[start, end)`: words one space
/// apart form one text cell; numbers stand alone.
fn push_token<'a>(out: &mut Vec<Span<'a>>, tok: &'a str, start: usize, end: usize) {
    // A form feed inside a token takes no place in its text either.
    let tok = if tok.contains('\u{c}') { Cow::Owned(tok.replace('\u{c}', "")) } else { Cow::Borrowed(tok) };
    let what = classify(&tok);
    // Amounts printed against each other ("94,450,00394,450,003": a text
    // layer whose pitch is wider than the digits leaves no space between
    // them), or an amount printed against the next cell's label
    // ("15897.44一、一般公共服务支出": a dense page), are cells each.
    if what == What::Text {
        if let Some(cuts) = glued_amounts(&tok).or_else(|| glued_amount(&tok).map(|n| vec![n])) {
            let mut from = 0;
            for to in cuts.into_iter().chain([tok.len()]) {
                let piece: Cow<'a, str> = match &tok {
                    Cow::Borrowed(t) => Cow::Borrowed(&t[from..to]),
                    Cow::Owned(t) => Cow::Owned(t[from..to].to_string()),
                };
                // (Amounts are ASCII, one column a character; a label
                // after them ends where the token does.)
                let span_end = if to == tok.len() { end } else { start + to };
                out.push(Span { what: classify(&piece), text: piece, start: start + from, end: span_end });
                from = to;
            }
            return;
        }
    }
    if let Some(last) = out.last_mut() {
        if what == What::Text && last.what == What::Text && (start == last.end + 1 || letter_spaced(last, &tok, start)) {
            last.text.to_mut().push_str(&tok);
            last.end = end;
            return;
        }
    }
    out.push(Span { text: tok, start, end, what });
}

/// The captions forms print letter-spaced to fill their cell ("合    计",
/// "项    目", "预 算 数").
const SPACED: [&str; 20] = [
    "合计",
    "总计",
    "小计",
    "项目",
    "科目",
    "金额",
    "名称",
    "编码",
    "备注",
    "其中",
    "收入",
    "支出",
    "栏次",
    "行次",
    "预算数",
    "决算数",
    "收入总计",
    "支出总计",
    "收入合计",
    "支出合计",
];

/// Whether a one-char token at column `start` goes on a caption spelt out
/// letter-spaced in the cell before it: what they make is one of
/// [`SPACED`] or its start, and the gap is a cell's width at most. Cells of
/// one char each ("类  款  项") make none. (A header's caption spaced wider,
/// across a column of amounts, is joined by the header's reader, which
/// knows the columns.)
fn letter_spaced(last: &Span<'_>, tok: &str, start: usize) -> bool {
    let mut chars = tok.chars();
    let one = chars.next().is_some_and(|c| !c.is_ascii()) && chars.next().is_none();
    one && start > last.end
        && start - last.end <= 12
        && last.text.len() <= 9
        && SPACED.iter().any(|w| w.strip_prefix(&*last.text).is_some_and(|rest| rest.starts_with(tok)))
}

/// Where a token of amounts printed against each other splits (byte
/// offsets of every cut): the one reading that leaves amounts printed
/// alike, with as many decimals and, where any has thousands separators,
/// separators in each wherever they are due ("94,450,003" + "94,450,003",
/// "2,106.66" + "0.00", "106.66" + "106.66", "15897.44" + "7877.76" +
/// "6333.96"). Integers without separators cannot be told apart
/// ("1200300" is one amount or two) and are never split; nor is a token
/// that reads so in more than one way. Linear in the token: the first
/// amount ends as many digits after the token's first point as it has
/// decimals (or, without a point, three digits after a separator or within
/// three of the start), and every later one is then fixed.
fn glued_amounts(tok: &str) -> Option<Vec<usize>> {
    if tok.len() > 64 || !tok.bytes().all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b'-')) {
        return None;
    }
    let separated = tok.contains(',');
    let mut firsts: Vec<usize> = match tok.find('.') {
        Some(dot) => (1..=4).map(|d| dot + 1 + d).collect(),
        None if separated => (1..=3).chain(tok.match_indices(',').map(|(i, _)| i + 4)).collect(),
        None => return None,
    };
    firsts.retain(|n| *n < tok.len());
    firsts.sort_unstable();
    firsts.dedup();
    let mut found = None;
    for n in firsts {
        let (a, b) = tok.split_at(n);
        let Some(d) = alike(a, separated, None) else { continue };
        let Some(rest) = (separated || d > 0).then(|| run_of(b, d, separated)).flatten() else { continue };
        if found.is_some() {
            return None;
        }
        found = Some(std::iter::once(n).chain(rest.into_iter().map(|c| n + c)).collect());
    }
    found
}

/// The decimals of `p` when it reads as an amount printed like the others
/// of its run: `d` decimals if given, never a needless leading zero
/// ("03"), and thousands separators wherever due if the run has any.
fn alike(p: &str, separated: bool, d: Option<usize>) -> Option<usize> {
    let digits = p.trim_start_matches('-');
    let int_digits = digits.split('.').next().unwrap_or("").bytes().filter(u8::is_ascii_digit).count();
    if !digits.starts_with(|c: char| c.is_ascii_digit()) || digits.starts_with('0') && int_digits > 1 {
        return None;
    }
    number(p)?;
    let decimals = p.split_once('.').map_or(0, |(_, f)| f.len());
    let due = !separated || p.contains(',') || int_digits <= 3;
    (due && d.is_none_or(|d| d == decimals)).then_some(decimals)
}

/// The cuts inside `b` when it is one amount alike the run's (`d`
/// decimals: none) or, with decimals, several glued end to end, each
/// closing `d` digits after its point; None otherwise.
fn run_of(b: &str, d: usize, separated: bool) -> Option<Vec<usize>> {
    if alike(b, separated, Some(d)).is_some() {
        return Some(Vec::new());
    }
    if d == 0 {
        return None;
    }
    let mut cuts = Vec::new();
    let mut at = 0;
    while at < b.len() {
        let dot = b[at..].find('.')?;
        let to = (at + dot + 1 + d).min(b.len());
        alike(&b[at..to], separated, Some(d))?;
        if to < b.len() {
            cuts.push(to);
        }
        at = to;
    }
    Some(cuts)
}

/// The length (bytes) of an amount with decimals or thousands separators
/// that a token opens, glued to the CJK label that follows it
/// ("15897.44一、一般公共服务支出", "156,211,123一、一般公共服务支出"); None
/// when a unit follows it ("2.5万元", "3.2倍", "12.5亿元") or no amount.
fn glued_amount(tok: &str) -> Option<usize> {
    let n = tok.bytes().position(|b| !(b.is_ascii_digit() || b == b',' || b == b'.' || b == b'-'))?;
    let next = tok[n..].chars().next()?;
    // Only a unit of money or a multiple follows an amount with decimals;
    // labels open with 年 (年初结转), 人 (人员经费), 项 (项目支出) ….
    let unit = "万亿千百元角分倍".contains(next);
    let amount = &tok[..n];
    (next >= '\u{2e80}' && !unit && amount.contains(['.', ',']) && matches!(classify(amount), What::Number(_))).then_some(n)
}

/// Digits that lead a label are its 科目 code, wherever the label stands
/// ("303 09 奖励金 0.46 302 28 工会经费 31.75"): a 3-, 5- or 7-digit code,
/// perhaps split into 类 款 项 of one or two digits, then text. A code alone
/// at the start of a line before a number is one too ("2080505  612.48",
/// "208   05   05  612.48": its label wrapped onto the lines around it), and
/// so is one alone on its line or before the next panel's code ("30199"
/// between "其他工资福利" and "支出"; "30112    30202 印刷费"), as a blank
/// template prints them. (Digits alone on a line may be an amount of a
/// two-sided table in 元 instead: [`super::read`] tells them apart.)
fn mark_codes(sp: &mut [Span<'_>]) {
    let mut i = 0;
    while i < sp.len() {
        let starts_code = sp[i].what == What::Digits && matches!(sp[i].text.len(), 3 | 5 | 7);
        if !starts_code {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < sp.len() && sp[j].what == What::Digits && sp[j].text.len() <= 2 && sp[i].text.len() == 3 {
            j += 1;
        }
        let label_follows = sp.get(j).is_some_and(|s| s.what == What::Text);
        // Split, its 款 and 项 are two digits each.
        let whole = (i + 1..j).all(|k| sp[k].text.len() == 2);
        let wrapped = i == 0 && whole && sp.get(j).is_some_and(|s| matches!(s.what, What::Number(_)));
        if label_follows || wrapped {
            for s in &mut sp[i..j] {
                s.what = What::Code;
            }
        }
        i = j;
    }
    if sp.first().is_some_and(|s| s.what == What::Digits && matches!(s.text.len(), 3 | 5 | 7)) {
        // Split, its 款 and 项 are two digits each ("301 08").
        let mut j = 1;
        while sp[0].text.len() == 3 && sp.get(j).is_some_and(|s| s.what == What::Digits && s.text.len() == 2) {
            j += 1;
        }
        if sp.get(j).is_none_or(|s| s.what == What::Code) {
            for s in &mut sp[..j] {
                s.what = What::Code;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn labels_and_numbers_become_cells_with_their_columns() {
        let s = spans("一、财政拨款                         16,482.53 一、一般公共服务支出     12,615.40");
        let texts: Vec<&str> = s.iter().map(|x| &*x.text).collect();
        assert_eq!(texts, ["一、财政拨款", "16,482.53", "一、一般公共服务支出", "12,615.40"]);
        assert_eq!(s[1].what, What::Number(dec("16482.53")));
        assert_eq!((s[1].start, s[1].end), (31, 40));
    }

    /// A dense page prints an amount against the next cell's label: two
    /// cells, in their columns. A unit after an amount is no label.
    #[test]
    fn an_amount_against_the_label_after_it_is_two_cells() {
        let s = spans("一、财政拨款              15897.44一、一般公共服务支出           12706.28");
        let texts: Vec<&str> = s.iter().map(|x| &*x.text).collect();
        assert_eq!(texts, ["一、财政拨款", "15897.44", "一、一般公共服务支出", "12706.28"]);
        assert_eq!(s[1].what, What::Number(dec("15897.44")));
        assert_eq!((s[1].start, s[1].end, s[2].start), (20, 28, 28));
        let s = spans("年初结转和结余               49.14年末结转和结余                  55.34");
        assert_eq!(s[2].text, "年末结转和结余");
        for unit in ["2.5万元", "3.2倍", "12.5亿元", "1.2元"] {
            assert_eq!(spans(unit)[0].what, What::Text, "{unit}");
        }
        let s = spans("一、一般公共预算资金             156,211,123一、一般公共服务支出");
        assert_eq!(s[1].what, What::Number(dec("156211123")));
        // An item number is no amount: "1.一般公共预算" is one label.
        assert_eq!(spans("1.一般公共预算")[0].text, "1.一般公共预算");
    }

    /// A text layer whose pitch is wider than the digits prints amounts
    /// against each other: a cell each, split where all read alike.
    #[test]
    fn amounts_printed_against_each_other_are_a_cell_each() {
        let s = spans("212  01     城乡社区管理事务        94,450,00394,450,003       0");
        let texts: Vec<&str> = s.iter().map(|x| &*x.text).collect();
        assert_eq!(texts, ["212", "01", "城乡社区管理事务", "94,450,003", "94,450,003", "0"]);
        assert_eq!((s[3].start, s[3].end, s[4].start, s[4].end), (28, 38, 38, 48));
        assert_eq!(s[4].what, What::Number(dec("94450003")));
        let split = |t: &str| -> Vec<String> { spans(t).iter().map(|x| x.text.to_string()).collect() };
        assert_eq!(split("2,106.662,106.66"), ["2,106.66", "2,106.66"]);
        assert_eq!(split("2,106.660.00"), ["2,106.66", "0.00"]);
        assert_eq!(split("12706.2815897.44"), ["12706.28", "15897.44"]);
        assert_eq!(split("-1,234.50326.71"), ["-1,234.50", "326.71"]);
        // Three or more, each closing as many decimals after its point.
        assert_eq!(split("15897.447877.766333.96"), ["15897.44", "7877.76", "6333.96"]);
        assert_eq!(split("17,981.6812,323.485,533.00"), ["17,981.68", "12,323.48", "5,533.00"]);
        // Integers without separators, dates and odd groups stay one token.
        for one in ["1200300", "2019.12.31", "2,106.6612", "1.5.6", "12.5.1"] {
            assert_eq!(split(one), [one], "{one}");
        }
    }

    #[test]
    fn codes_integers_and_yuan_amounts() {
        let s = spans("201   05   08   统计抽样调查                  314,200      314,200          0");
        assert_eq!(s[0].what, What::Code);
        assert_eq!(s[3].text, "统计抽样调查");
        assert_eq!(s[4].value(), Some(dec("314200")));
        assert_eq!(s[6].value(), Some(dec("0")));
        assert_eq!(number("1,23"), None);
        assert_eq!(number("12.5.1"), None);
        assert_eq!(number("1,234,567.50"), Some(dec("1234567.50")));
        assert_eq!(number("-1,234"), Some(dec("-1234")));
        assert_eq!(number("0.00"), Some(dec("0.00")));
        assert_eq!(number("1234"), None);
        assert_eq!(number("1234,567"), None);
    }

    #[test]
    fn codes_lead_labels_in_any_panel() {
        let s = spans("303   09   奖励金                     0.46   302   28   工会经费           31.75");
        let what: Vec<What> = s.iter().map(|x| x.what).collect();
        assert_eq!(what[..3], [What::Code, What::Code, What::Text]);
        assert_eq!(what[4..7], [What::Code, What::Code, What::Text]);
        assert_eq!(spans("2080505                                   612.48")[0].what, What::Code);
        let split: Vec<What> = spans("208 05 05                                 612.48").iter().map(|x| x.what).collect();
        assert_eq!(split[..3], [What::Code, What::Code, What::Code]);
        assert_eq!(spans("120   35   7    612.48")[0].what, What::Digits, "a 项 has two digits");
        assert_eq!(spans("合计    250      300")[1].what, What::Digits);
    }

    /// A blank form prints no amounts: digits of a code's shape that begin
    /// their line, alone or before the other panel's code, are a code whose
    /// name wrapped onto the lines around it; after a name they stay digits.
    #[test]
    fn a_code_alone_or_before_the_next_panels_code_is_a_code() {
        let what = |l: &str| spans(l).iter().map(|x| x.what).collect::<Vec<_>>();
        assert_eq!(what("                30199"), [What::Code]);
        assert_eq!(what("30112                     30202    印刷费"), [What::Code, What::Code, What::Text]);
        assert_eq!(what("301  12                   30202    印刷费"), [What::Code, What::Code, What::Code, What::Text]);
        assert_eq!(what("合计    250      300"), [What::Text, What::Digits, What::Digits]);
        assert_eq!(what("30112    250"), [What::Digits, What::Digits]);
        assert_eq!(what("12"), [What::Digits]);
    }

    #[test]
    fn a_form_feed_takes_no_column() {
        assert_eq!(spans("\u{c}合计  1.00")[1].start, 4);
        let s = spans("合\u{c}计\u{c}  1,0\u{c}00.5 \u{c}");
        assert_eq!((&*s[0].text, s[0].start, s[0].end), ("合计", 0, 2));
        assert_eq!((s[1].what, s[1].start, s[1].end), (What::Number(dec("1000.5")), 4, 11));
    }

    #[test]
    fn a_caption_letter_spaced_in_its_cell_is_one_cell() {
        let texts = |line: &str| spans(line).iter().map(|x| (x.text.to_string(), x.start, x.end)).collect::<Vec<_>>();
        assert_eq!(texts("  合    计      1.00"), [("合计".into(), 2, 8), ("1.00".into(), 14, 18)]);
        assert_eq!(texts("项    目   预  算  数"), [("项目".into(), 0, 6), ("预算数".into(), 9, 16)]);
        // Cells of one char each, and chars too far apart to share a cell.
        assert_eq!(texts("类  款  项").len(), 3);
        assert_eq!(texts("合              计").len(), 2);
        assert_eq!(texts("收    入    支    出"), [("收入".into(), 0, 6), ("支出".into(), 10, 16)]);
    }
}
