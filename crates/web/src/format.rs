//! Pure text helpers for the app: amounts as the core prints them, signed
//! differences, and UTF-16 offsets of source lines. Free of web types, so
//! they are tested natively.

use rust_decimal::Decimal;

pub use gongkai::amount::{display as amount, group_thousands};

/// The UTF-16 range (start, end) of 1-based line `line` in `text`, which is
/// what a textarea's selection API counts in. None when the text is shorter.
pub fn line_range_utf16(text: &str, line: usize) -> Option<(u32, u32)> {
    let mut start = 0u32;
    for (i, l) in text.split('\n').enumerate() {
        let len = l.encode_utf16().count() as u32;
        if i + 1 == line {
            // A CR before the LF belongs to the line break, not the line.
            let len = if l.ends_with('\r') { len - 1 } else { len };
            return Some((start, start + len));
        }
        start += len + 1;
    }
    None
}

/// Lines `line - radius ..= line + radius` of `text` (1-based, clipped to the
/// text), each with its number, without line breaks: the context a finding's
/// source line is shown in.
pub fn context_lines(text: &str, line: usize, radius: usize) -> Vec<(usize, &str)> {
    let first = line.saturating_sub(radius).max(1);
    text.split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .skip(first - 1)
        .take(line + radius + 1 - first)
        .collect()
}

/// A signed amount: "+0.01" for a positive difference, as in the messages.
pub fn signed_amount(d: &Decimal) -> String {
    if d.is_sign_positive() && !d.is_zero() {
        format!("+{}", amount(d))
    } else {
        amount(d)
    }
}

/// Whether `new` replaced most of `old` rather than editing it: what the two
/// share at the start and at the end covers less than half of the shorter.
/// (Pasting a new document over a loaded file should not be labelled as that
/// file, "edited".)
pub fn mostly_replaced(old: &str, new: &str) -> bool {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let shorter = a.len().min(b.len());
    if shorter == 0 {
        return !a.is_empty() || !b.is_empty();
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    (prefix + suffix) * 2 < shorter
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn groups_thousands_and_keeps_decimals() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(amount(&d("10116.83")), "10,116.83");
        assert_eq!(amount(&d("0.00")), "0.00");
        assert_eq!(amount(&d("123")), "123");
        assert_eq!(amount(&d("1234")), "1,234");
        assert_eq!(amount(&d("-1234567.5")), "-1,234,567.5");
        assert_eq!(amount(&d("100.10")), "100.10");
    }

    #[test]
    fn leaves_odd_strings_alone() {
        assert_eq!(group_thousands("1e5"), "1e5");
        assert_eq!(group_thousands(""), "");
    }

    #[test]
    fn tells_an_edit_from_a_replacement() {
        let doc = "2024年度 某某部门决算\n公开01表\n本年收入合计\t100.00\n";
        assert!(!mostly_replaced(doc, &doc.replace("100.00", "100.01")));
        assert!(!mostly_replaced(doc, &format!("{doc}注：")));
        assert!(mostly_replaced(doc, "那天下午，她沿着河边慢慢走着。"));
        assert!(mostly_replaced(doc, ""));
        assert!(!mostly_replaced("", ""));
    }

    #[test]
    fn shows_a_line_in_context() {
        let text = "a\r\nb\nc\nd\ne\nf";
        assert_eq!(context_lines(text, 1, 2), vec![(1, "a"), (2, "b"), (3, "c")]);
        assert_eq!(context_lines(text, 4, 2), vec![(2, "b"), (3, "c"), (4, "d"), (5, "e"), (6, "f")]);
        assert_eq!(context_lines(text, 6, 1), vec![(5, "e"), (6, "f")]);
        assert_eq!(context_lines(text, 9, 1), vec![]);
    }

    #[test]
    fn signs_differences() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(signed_amount(&d("0.01")), "+0.01");
        assert_eq!(signed_amount(&d("-1234.5")), "-1,234.5");
        assert_eq!(signed_amount(&d("0.00")), "0.00");
    }

    #[test]
    fn finds_lines_in_utf16_units() {
        let text = "第一行\r\n二\n𠀀x";
        assert_eq!(line_range_utf16(text, 1), Some((0, 3)));
        assert_eq!(line_range_utf16(text, 2), Some((5, 6)));
        // U+20000 is two UTF-16 units.
        assert_eq!(line_range_utf16(text, 3), Some((7, 10)));
        assert_eq!(line_range_utf16(text, 4), None);
    }
}
