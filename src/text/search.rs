//! Substring tests for the short lines the readers look at thousands of
//! times.
//!
//! `str::contains` and `str::find` set up a general searcher on every call,
//! which on a line of a few dozen bytes costs more than the search itself.
//! Here a needle is looked for by its last byte — for a CJK needle a UTF-8
//! continuation byte, rare enough that memchr skips most of the line — and
//! then compared whole. The answers are `str`'s own (a test holds them
//! together): in valid UTF-8 a byte match of a whole needle always starts on
//! a character boundary.

/// Where `needle` first starts in `hay`: `hay.find(needle)`.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let Some((&last, head)) = needle.as_bytes().split_last() else { return Some(0) };
    // Every match has the needle's length, so the first one to end is the
    // first one to start.
    let mut from = head.len();
    while let Some(rest) = h.get(from..) {
        let end = from.checked_add(memchr::memchr(last, rest)?)?;
        let start = end.checked_sub(head.len())?;
        if h.get(start..end) == Some(head) {
            return Some(start);
        }
        from = end.checked_add(1)?;
    }
    None
}

/// Whether `hay` holds `needle`: `hay.contains(needle)`.
pub fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// Whether `hay` holds the character `c`: `hay.contains(c)`.
pub fn has_char(hay: &str, c: char) -> bool {
    contains(hay, c.encode_utf8(&mut [0; 4]))
}

/// The starts of the non-overlapping matches of `needle` (not empty) in the
/// short text `hay`, left to right: `hay.match_indices(needle)`'s, each
/// found by [`find`] from the end of the last. For a few searches of a
/// sentence or a short section, where building a memmem searcher
/// ([`long_match_starts`]) costs more than the searches.
pub fn match_starts<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0usize;
    std::iter::from_fn(move || {
        let at = from.checked_add(find(hay.get(from..)?, needle)?)?;
        from = at.checked_add(needle.len().max(1))?;
        Some(at)
    })
}

/// The starts of the non-overlapping matches of `needle` (not empty) in
/// the long text `hay`, left to right: `hay.match_indices(needle)`'s. For a
/// section's prose or a whole document: one memmem searcher, whose set-up
/// pays off there, not [`find`] (made for short lines), which restarts a
/// memchr at every byte equal to the needle's last, a UTF-8 continuation
/// byte common in CJK text.
pub fn long_match_starts<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    memchr::memmem::find_iter(hay.as_bytes(), needle.as_bytes())
}

/// Where `needle` first starts in the long text `hay`: `hay.find(needle)`,
/// by one memmem search (see [`long_match_starts`]).
pub fn find_long(hay: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(hay.as_bytes(), needle.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn match_starts_are_the_match_indices() {
        for (hay, needle) in
            [("增加增加增加", "增加"), ("", "增加"), ("aaaa", "aa"), ("三公经费三公", "三公"), ("x增加", "增加"), ("增", "增加")]
        {
            let want: Vec<usize> = hay.match_indices(needle).map(|(i, _)| i).collect();
            assert_eq!(long_match_starts(hay, needle).collect::<Vec<_>>(), want, "{hay:?} {needle:?}");
            assert_eq!(match_starts(hay, needle).collect::<Vec<_>>(), want, "{hay:?} {needle:?}");
            assert_eq!(find_long(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
        }
    }

    #[test]
    fn finds_what_str_finds() {
        for (h, n) in [
            ("金额单位：万元", "单位："),
            ("", ""),
            ("", "单"),
            ("单", ""),
            ("部门：部门：", "部门："),
            ("aab", "ab"),
            ("公开01表", "公开"),
            ("算算", "算"),
            ("x单位", "单位："),
        ] {
            assert_eq!(find(h, n), h.find(n), "{h:?} {n:?}");
        }
        assert!(has_char("金额单位：万元", '：'));
        assert!(!has_char("金额单位:万元", '：'));
        assert!(has_char("a:b", ':'));
    }

    proptest! {
        // Strings over a few characters whose UTF-8 shares lead and
        // continuation bytes, so partial byte matches are frequent.
        #[test]
        fn agrees_with_str(h in "[单位：:算开公a0 ]{0,24}", n in "[单位：:算开公a0 ]{0,3}") {
            prop_assert_eq!(find(&h, &n), h.find(n.as_str()));
            prop_assert_eq!(contains(&h, &n), h.contains(n.as_str()));
            if let Some(c) = n.chars().next() {
                prop_assert_eq!(has_char(&h, c), h.contains(c));
            }
        }
    }
}
