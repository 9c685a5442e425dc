//! Fake bold: a PDF producer that makes bold by drawing each glyph twice,
//! a hair apart, gives a text layer (and a viewer's copy) with every char
//! of the line doubled: "收收支支预预算算总总表表". A title so printed was
//! not recognised, its table not found, and a complete disclosure was said
//! to lack it. Such a line is read with each char once. (A row of amounts
//! so printed, its later columns pushed right by the extra chars, is put
//! back in its columns.)

/// `text` with every doubled line ([`undoubled`]) read once, or `None`
/// when no line is (the normaliser tells whether any may be,
/// [`super::normalise::Seen::doubled`]).
pub(crate) fn undouble(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut any = false;
    for (k, l) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        match undoubled(l) {
            Some(once) => {
                out.push_str(&once);
                any = true;
            }
            None => out.push_str(l),
        }
    }
    any.then_some(out)
}

/// Whether [`undoubled`] reads `line` once.
pub(crate) fn is_doubled(line: &str) -> bool {
    undoubled(line).is_some()
}

/// The line with each char once, when every printed char of it comes
/// twice in a row ("合合计计    11,,223344..0000"), at least three such
/// pairs, one of them not ASCII (a run of equal digits alone is a number).
/// The white space stays as printed: each extra char pushed what follows it
/// one column right, so dropping it puts the line back in its columns.
fn undoubled(line: &str) -> Option<String> {
    if !starts_doubled(line) {
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

/// Whether the first printed char of `line` is followed by itself: the
/// test most lines fail, past their indent of ASCII white space unread.
fn starts_doubled(line: &str) -> bool {
    let rest = line.trim_start_matches([' ', '\t', '\u{c}', '\r']);
    let mut chars = rest.chars();
    matches!((chars.next(), chars.next()), (Some(a), Some(b)) if a == b && !a.is_whitespace())
}

/// [`starts_doubled`] of a squeezed text (no white space): its first
/// char's bytes again after it.
pub(crate) fn squeezed_starts_doubled(squeezed: &str) -> bool {
    let b = squeezed.as_bytes();
    let w = match b.first() {
        None => return false,
        Some(&x) if x < 0x80 => 1,
        Some(&x) if x >= 0xF0 => 4,
        Some(&x) if x >= 0xE0 => 3,
        Some(_) => 2,
    };
    b.get(..w).zip(b.get(w..w.saturating_mul(2))).is_some_and(|(x, y)| x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doubled_line_is_read_once() {
        assert_eq!(undoubled("    收收支支预预算算总总表表").as_deref(), Some("    收支预算总表"));
        assert_eq!(undoubled("合合计计    11,,223344..0000").as_deref(), Some("合计    1,234.00"));
        let text = "2024年部门预算\n  22002244年年部部门门预预算算\n一、财政拨款  1.00";
        assert_eq!(undouble(text).as_deref(), Some("2024年部门预算\n  2024年部门预算\n一、财政拨款  1.00"));
        assert_eq!(undouble("收支预算总表\n合计  1.00"), None);
        assert!(crate::text::normalise::normalise_marking(text).seen.doubled);
    }

    #[test]
    fn a_squeezed_text_starts_doubled_as_its_line_does() {
        for line in ["收收支支", "  合合计计 1", "11,,22", "收支", "", "a", "éé", "𝄞𝄞x", "収"] {
            assert_eq!(squeezed_starts_doubled(&crate::text::squeeze(line)), starts_doubled(line), "{line:?}");
        }
    }

    #[test]
    fn lines_not_doubled_throughout_are_kept() {
        for line in ["", "   ", "收支预算总表", "谢谢", "常常 说说", "1111 2222 3333", "收收支", "合合计计 1,234.00", "  11  11  11"]
        {
            assert_eq!(undoubled(line), None, "{line:?}");
        }
        assert!(!crate::text::normalise::normalise_marking("收支预算总表\n合计  1.00\n常常 说说\n").seen.doubled);
    }
}
