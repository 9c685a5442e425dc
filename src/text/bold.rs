//! Fake bold: a PDF producer that makes bold by drawing each glyph twice,
//! a hair apart, gives a text layer (and a viewer's copy) with every char
//! of the line doubled: "收收支支预预算算总总表表". A title so printed was
//! not recognised, its table not found, and a complete disclosure was said
//! to lack it. Such a line is read with each char once. (A row of amounts
//! so printed, its later columns pushed right by the extra chars, is put
//! back in its columns.)

use std::borrow::Cow;

/// `text` with every doubled line ([`undoubled`]) read once; borrowed when
/// no line is doubled (the common case costs a look at each line's first
/// two printed chars).
pub(crate) fn undouble(text: &str) -> Cow<'_, str> {
    if !text.split('\n').any(|l| undoubled(l).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (k, l) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        match undoubled(l) {
            Some(once) => out.push_str(&once),
            None => out.push_str(l),
        }
    }
    Cow::Owned(out)
}

/// The line with each char once, when every printed char of it comes
/// twice in a row ("合合计计    11,,223344..0000"), at least three such
/// pairs, one of them not ASCII (a run of equal digits alone is a number).
/// The white space stays as printed: each extra char pushed what follows it
/// one column right, so dropping it puts the line back in its columns.
fn undoubled(line: &str) -> Option<String> {
    // Most lines fail at once: their first two printed chars differ.
    let mut printed = line.chars().filter(|c| !c.is_whitespace());
    if printed.next()? != printed.next()? {
        return None;
    }
    let mut out = String::with_capacity(line.len());
    let (mut pairs, mut wide) = (0usize, false);
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c.is_whitespace() {
            continue;
        }
        if chars.next() != Some(c) {
            return None;
        }
        pairs = pairs.saturating_add(1);
        wide |= !c.is_ascii();
    }
    (pairs >= 3 && wide).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doubled_line_is_read_once() {
        assert_eq!(undoubled("    收收支支预预算算总总表表").as_deref(), Some("    收支预算总表"));
        assert_eq!(undoubled("合合计计    11,,223344..0000").as_deref(), Some("合计    1,234.00"));
        let text = "2024年部门预算\n  22002244年年部部门门预预算算\n一、财政拨款  1.00";
        assert_eq!(undouble(text), "2024年部门预算\n  2024年部门预算\n一、财政拨款  1.00");
    }

    #[test]
    fn lines_not_doubled_throughout_are_kept() {
        for line in ["", "   ", "收支预算总表", "谢谢", "常常 说说", "1111 2222 3333", "收收支", "合合计计 1,234.00", "  11  11  11"]
        {
            assert_eq!(undoubled(line), None, "{line:?}");
        }
        let text = "收支预算总表\n合计  1.00\n";
        assert!(matches!(undouble(text), Cow::Borrowed(_)));
    }
}
