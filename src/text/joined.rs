//! Lines joined into one string for a whole-text search.
//!
//! A search of one string finds what a search of every line would, at a
//! fraction of the cost: memchr and memmem set up once, not once per line.
//! The lines are joined by "\n", so a match never spans two of them.

/// Lines joined by "\n", with where each one starts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Joined {
    /// The lines, "\n" between them.
    pub(crate) text: String,
    /// The byte offset in `text` where each line starts.
    starts: Vec<usize>,
}

impl Joined {
    /// Joins `lines`: the definition the tests hold [`Joined::squeezed`] to.
    #[cfg(test)]
    pub(crate) fn of(lines: &[&str]) -> Joined {
        // Each line starts one past the end of the one before.
        let starts = lines.iter().scan(0, |at, s| Some(std::mem::replace(at, *at + s.len() + 1))).collect();
        Joined { text: lines.join("\n"), starts }
    }

    /// The squeezed texts of `lines`, joined: how the tests join them.
    #[cfg(test)]
    pub(crate) fn squeezed(lines: &[crate::text::Line]) -> Joined {
        let bytes = lines.iter().fold(0usize, |n, l| n.saturating_add(l.squeezed.len()));
        Joined::squeezed_sized(lines, bytes)
    }

    /// The squeezed texts of `lines`, joined: made once per document
    /// (`Document::joined`) for recognition and segmentation. Told the bytes
    /// of those texts, which normalisation sums as it makes the lines
    /// (`Seen::squeezed_bytes`), to size the text without a pass to sum them.
    pub(crate) fn squeezed_sized(lines: &[crate::text::Line], squeezed_bytes: usize) -> Joined {
        // As `Joined::of` joins them, without a vector of the texts first,
        // and sized once: the texts and a "\n" after each but the last.
        let mut text = String::with_capacity(squeezed_bytes.saturating_add(lines.len()));
        // The starts sized at once (a slice's map knows its length), not a
        // capacity test per line.
        let starts = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                if i > 0 {
                    text.push('\n');
                }
                let at = text.len();
                // Nearly half the lines of these PDFs are empty, and a copy
                // of nothing still calls the copy.
                if !l.squeezed.is_empty() {
                    text.push_str(&l.squeezed);
                }
                at
            })
            .collect();
        Joined { text, starts }
    }

    /// The same lines with those at `blank` (ascending indexes) made empty:
    /// the text copied in the pieces between them and the starts moved back,
    /// not joined again from every line.
    pub(crate) fn without(&self, blank: &[usize]) -> Joined {
        let end = |i: usize| self.starts.get(i.saturating_add(1)).map_or(self.text.len(), |s| s.saturating_sub(1));
        let mut text = String::with_capacity(self.text.len());
        let mut starts = Vec::with_capacity(self.starts.len());
        let (mut copied, mut removed) = (0usize, 0usize);
        let mut next = blank.iter().copied().peekable();
        for (i, &s) in self.starts.iter().enumerate() {
            starts.push(s.saturating_sub(removed));
            if next.next_if(|&b| b <= i).is_some_and(|b| b == i) {
                text.push_str(self.text.get(copied..s).unwrap_or_default());
                copied = end(i);
                removed = removed.saturating_add(copied.saturating_sub(s));
            }
        }
        text.push_str(self.text.get(copied..).unwrap_or_default());
        Joined { text, starts }
    }

    /// The index of the line holding byte offset `at` of `text`.
    pub(crate) fn line_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// The indexes of the lines holding `needle` (which holds no "\n"), in
    /// order, each once.
    pub(crate) fn lines_with(&self, needle: &str) -> Vec<usize> {
        let mut out = Vec::new();
        // Where the last line found ends: a match before it is in that line,
        // and is passed over without a binary search.
        let mut end = 0;
        for at in memchr::memmem::find_iter(self.text.as_bytes(), needle.as_bytes()) {
            if at < end {
                continue;
            }
            let i = self.line_of(at);
            out.push(i);
            end = self.starts.get(i.saturating_add(1)).copied().unwrap_or(usize::MAX);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lines_with_a_needle_are_the_lines_holding_it() {
        let pieces = ["公开", "公", "开", "：", ":", "a", " "];
        for text in crate::text::stream::sample_texts(&pieces, 300) {
            let lines: Vec<&str> = text.split('\n').collect();
            let joined = Joined::of(&lines);
            assert_eq!(joined.text, lines.join("\n"));
            let normalised = crate::text::normalise(&text);
            let squeezed: Vec<&str> = normalised.iter().map(|l| l.squeezed.as_str()).collect();
            let by_lines = Joined::squeezed(&normalised);
            let of = Joined::of(&squeezed);
            assert_eq!((by_lines.text, by_lines.starts), (of.text, of.starts));
            for needle in ["公开", "：", ":", "开"] {
                let by_line: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].contains(needle)).collect();
                assert_eq!(joined.lines_with(needle), by_line, "{needle} in {text:?}");
            }
        }
    }

    #[test]
    fn without_some_lines_is_the_lines_joined_with_those_empty() {
        let pieces = ["公开", "a", "", " ", "1.00"];
        for (k, text) in crate::text::stream::sample_texts(&pieces, 300).into_iter().enumerate() {
            let lines: Vec<&str> = text.split('\n').collect();
            let joined = Joined::of(&lines);
            // Every k-th line from a varying first one, the first and the last included.
            let step = k % 4 + 1;
            let blank: Vec<usize> = (k % 3..lines.len())
                .step_by(step)
                .chain([0, lines.len() - 1])
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let emptied: Vec<&str> = lines.iter().enumerate().map(|(i, l)| if blank.contains(&i) { "" } else { l }).collect();
            let want = Joined::of(&emptied);
            let got = joined.without(&blank);
            assert_eq!((got.text, got.starts), (want.text, want.starts), "{blank:?} of {text:?}");
        }
    }
}
