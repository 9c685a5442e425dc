//! Text helpers several rules share: whether a word starts at a place of a
//! char stream (TXT-006, TXT-007, which read the document's text as one
//! stream, `Document::stream`, made once per document), a text without white
//! space with the offsets of its chars and where a word occurs in it (NAR-004,
//! NAR-005, NAR-006), and a name without quotes or spaces (NAR-021, NAR-022).

/// `str::contains` for a `&str` needle by [`crate::text::search::contains`]
/// (same answers, a test there says so): the rules ask it of short labels,
/// subjects and lines thousands of times, where setting up `str`'s searcher
/// costs more than the search.
pub(crate) trait Holds {
    /// Whether `self` holds `needle`: `self.contains(needle)`.
    fn holds(&self, needle: &str) -> bool;
}

impl Holds for str {
    fn holds(&self, needle: &str) -> bool {
        crate::text::search::contains(self, needle)
    }
}

/// Where a CJK char (or a short word) stands in texts, found by memmem: made once (a static),
/// searched for by two of its bytes at once. `str::match_indices(char)`
/// stops at every byte equal to the char's last one, a UTF-8 continuation
/// byte that CJK text holds every few dozen bytes, and costs more than
/// copying the text.
pub(crate) struct CharFinder {
    /// The char's UTF-8.
    needle: &'static str,
    /// Its finder, made on the first search.
    finder: std::sync::OnceLock<memchr::memmem::Finder<'static>>,
}

impl CharFinder {
    /// A finder of `c` (its UTF-8, given as a `&'static str`: "类"; or a
    /// word, "支出", whose matches then are `match_indices("支出")`'s when it
    /// cannot overlap itself).
    pub(crate) const fn new(c: &'static str) -> CharFinder {
        CharFinder { needle: c, finder: std::sync::OnceLock::new() }
    }

    /// The byte offsets of the char in `text`, in order: `text.match_indices(c)`'s.
    pub(crate) fn in_text<'t>(&'t self, text: &'t str) -> impl Iterator<Item = usize> + 't {
        self.finder.get_or_init(|| memchr::memmem::Finder::new(self.needle)).find_iter(text.as_bytes())
    }
}

/// Whether the chars of `w` stand at offset `k` of `chars`.
pub(crate) fn starts_at(chars: &[char], k: usize, w: &str) -> bool {
    let mut rest = chars.get(k..).unwrap_or_default().iter();
    w.chars().all(|c| rest.next() == Some(&c))
}

/// The text with white space removed, with each kept char's offset in `text`
/// (the definition the byte searches of NAR-004 and NAR-005 are tested
/// against: they read only the chars around a candidate, with [`unspaced`]).
#[cfg(test)]
pub(crate) fn squeezed(text: &str) -> (Vec<char>, Vec<usize>) {
    // Sized once (a fast count): no regrowth on the way.
    let n = text.chars().count();
    let mut chars = Vec::with_capacity(n);
    let mut at = Vec::with_capacity(n);
    for (k, c) in text.chars().enumerate() {
        if !c.is_whitespace() {
            chars.push(c);
            at.push(k);
        }
    }
    (chars, at)
}

/// The chars of `t` without white space: a squeezed text's chars without the
/// copy, read forward from a place or back from it (`.rev()`).
pub(crate) fn unspaced(t: &str) -> impl DoubleEndedIterator<Item = char> + '_ {
    t.chars().filter(|c| !c.is_whitespace())
}

/// Whether `label`, spaces aside, is `word` (compared without a copy: the
/// rules look at every row of every panel).
pub(crate) fn reads(label: &str, word: &str) -> bool {
    unspaced(label).eq(word.chars())
}

/// Whether `word` occurs in `text` with white space removed: what
/// `find_all(&squeezed(text).0, word)` finds something for, without the copy.
#[cfg(test)]
pub(crate) fn occurs_squeezed(text: &str, word: &str) -> bool {
    let mut w = word.chars();
    let Some(first) = w.next() else { return true };
    let rest = w.as_str();
    // Where the first char stands (a byte search), then the rest past white space.
    text.match_indices(first).any(|(i, _)| {
        let mut after = text[i + first.len_utf8()..].chars().filter(|c| !c.is_whitespace());
        rest.chars().all(|r| after.next() == Some(r))
    })
}

/// Every offset in `hay` where `needle` starts.
#[cfg(test)]
pub(crate) fn find_all(hay: &[char], needle: &str) -> Vec<usize> {
    let mut rest = needle.chars();
    let Some(first) = rest.next() else { return Vec::new() };
    let rest = rest.as_str();
    // The rest is compared only where the first char stands.
    (0..hay.len()).filter(|&i| hay[i] == first && starts_at(hay, i + 1, rest)).collect()
}

/// "“三公”经费" → "三公经费": quotes and spaces do not name anything, and
/// one text may quote "‘三公’" in one line and "“三公”" in the next.
pub(crate) fn plain(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && !crate::text::is_quote(*c)).collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::txt::{doubled_punctuation, placeholders, scope_words, truncated, wrong_year};
    use crate::rules::Rule;

    fn run(rule: &Rule, text: &str) -> Vec<(usize, String)> {
        rule.found(text).into_iter().map(|(_, line, message)| (line, message)).collect()
    }

    const DOC: &str =
        "收入支出决算总表\n2024 年度部门决算\n第三部分 示例市某某区财政局 2024 年度部门决算情况说明\n一、收入支出决算总体情况说明\n";

    #[test]
    fn char_finder_finds_what_match_indices_finds() {
        use crate::rules::support::text::{CharFinder, Holds};
        static CLASS: CharFinder = CharFinder::new("类");
        static ONE: CharFinder = CharFinder::new("一");
        static SPENT: CharFinder = CharFinder::new("支出");
        // Pieces sharing the bytes of 类 (E7 B1 BB), 一 (E4 B8 80), 支出.
        let pieces = ["类", "一", "粮", "精", "粻", "丁", "万", "（类）", "a", " ", "，", "\u{FFFD}", "支", "出", "支出", "收"];
        for text in crate::text::stream::sample_texts(&pieces, 300) {
            assert_eq!(CLASS.in_text(&text).collect::<Vec<_>>(), text.match_indices('类').map(|(i, _)| i).collect::<Vec<_>>(), "{text:?}");
            assert_eq!(ONE.in_text(&text).collect::<Vec<_>>(), text.match_indices('一').map(|(i, _)| i).collect::<Vec<_>>(), "{text:?}");
            let spent: Vec<usize> = text.match_indices('支').map(|(i, _)| i).filter(|&i| text[i..].starts_with("支出")).collect();
            assert_eq!(SPENT.in_text(&text).collect::<Vec<_>>(), spent, "{text:?}");
            for w in ["类", "（类）", "一万", "", "粮精"] {
                assert_eq!(text.holds(w), text.contains(w), "{text:?} {w:?}");
            }
        }
    }

    #[test]
    fn occurs_squeezed_is_find_all_in_squeezed() {
        use crate::rules::support::text::{find_all, occurs_squeezed, squeezed};
        for text in ["", "持平", "持 平", "支持，平均", "保持\n 平稳", "持", "基本持平。", "坚持 x 平", "持持平"] {
            for word in ["持平", "持", "平", ""] {
                let slow = word.is_empty() || !find_all(&squeezed(text).0, word).is_empty();
                assert_eq!(occurs_squeezed(text, word), slow, "{text:?} {word:?}");
            }
        }
    }

    #[test]
    fn doubled_punctuation_even_across_a_wrap() {
        // 02-caizhengju L496 (planted) and 07-renda L810 ("支出。 。").
        let got = run(&doubled_punctuation::RULE, &format!("{DOC}一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款。。\n不再列入本单位预算，相应减少支出。\n 。\n目录。。。。。。1"));
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![5, 7], "{got:#?}");
    }

    #[test]
    fn sentences_that_stop_at_the_lead_in() {
        let got = run(
            &truncated::RULE,
            &format!("{DOC}减少41.20万元，下降2.35%。主要原因是。\n主要用于：。\n主要原因是：人员变化。主要包括：\n1、基本工资"),
        );
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![5, 6], "{got:#?}");
    }

    #[test]
    fn placeholders_and_instructions() {
        let got = run(&placeholders::RULE, &format!("{DOC}第二部分 示例市某某区XX局 2024 年度部门决算表\n与上年相比增加（减少）0万元，增长（减少）0%。\n（按“部门预算公开06表 财政拨款基本\n支出预算表”中实际发生经济分类支出事项填写）\n收入 XXX 万元，占 XX%。\n采用 XML 格式，Xbox，2×3，（财库[2013]189 号）规定品目名称填写。"));
        // The wrapped instruction is reported on the line where it ends.
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![5, 6, 8, 9], "{got:#?}");
        assert!(got[0].1.contains("“XX”"), "{}", got[0].1);
    }

    #[test]
    fn a_heading_or_date_of_another_year() {
        // 02-caizhengju L337 and L486 (planted).
        let got = run(&wrong_year::RULE, &format!("{DOC} 第三部分示例市某某区财政局 2023年度部门决算情况说明\n截至 2023年 12 月 31 日，共有车辆 0 辆。\n截至 2024 年 12 月 31 日，共有车辆 0 辆。\n与 2023 年度相比，收入支出总计减少 41.20 万元。"));
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![5, 6], "{got:#?}");
        // A budget states vehicles at an earlier date (截至2023年9月30日).
        let budget = "2024年部门预算\n第三部分 2024年度部门预算情况说明\n截至2023年9月30日，共有车辆5辆。";
        assert!(run(&wrong_year::RULE, budget).is_empty());
    }

    #[test]
    fn a_unit_heading_in_a_department_disclosure() {
        let got = run(&scope_words::RULE, &format!("{DOC}第四部分 2024年度单位决算情况说明\n本部门决算包括所属单位决算。"));
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(got[0].0, 5);
    }
}
