//! The words that make a disclosure's title: 预算 or 决算 with 部门 or 单位
//! before it ("部门预算", "单位决算") or 表 or 公开 after it ("预算表",
//! "决算公开"). Recognition counts them to tell the kind, dates the titles
//! by them, and hands the lines holding a 部门/单位 one to page furniture:
//! all from one pass over the text's 算, the character every such word
//! holds.

use crate::model::{DocumentKind, Scope};

/// A 预算 or 决算 in a text, with the words beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    /// Where its 预 or 决 starts (bytes).
    pub at: usize,
    /// Budget (预算) or FinalAccounts (决算).
    pub kind: DocumentKind,
    /// 部门 (Department) or 单位 (Unit) just before it.
    pub owner: Option<Scope>,
    /// 表 just after it.
    pub table: bool,
    /// 公开 just after it.
    pub open: bool,
    /// 总表 just after it ("收支预算总表": a title, though no 预算表).
    pub total: bool,
}

/// Bytes of one CJK character (预, 算, 表…) in UTF-8.
const CJK: usize = 3;

impl Word {
    /// The word whose 算 starts at byte `j` of `text`, if 预算 or 决算.
    fn at(text: &str, j: usize) -> Option<Word> {
        let after = text.get(j..)?.strip_prefix('算')?;
        let head = text.get(..j)?;
        let (before, kind) = match (head.strip_suffix('预'), head.strip_suffix('决')) {
            (Some(b), _) => (b, DocumentKind::Budget),
            (_, Some(b)) => (b, DocumentKind::FinalAccounts),
            _ => return None,
        };
        let owner = if before.ends_with("部门") {
            Some(Scope::Department)
        } else if before.ends_with("单位") {
            Some(Scope::Unit)
        } else {
            None
        };
        Some(Word {
            at: before.len(),
            kind,
            owner,
            table: after.starts_with('表'),
            open: after.starts_with("公开"),
            total: after.starts_with("总表"),
        })
    }

    /// Where its 算 ends.
    pub fn end(&self) -> usize {
        self.at + 2 * CJK
    }

    /// Whether it is of `kind` (either kind for Unknown).
    fn is(&self, kind: DocumentKind) -> bool {
        kind == DocumentKind::Unknown || self.kind == kind
    }
}

/// Every 预算 and 决算 of `text`, in order. Found from each 算 by memmem
/// (str's char search stops at every byte equal to 算's last, which CJK text
/// is full of); the character before it says whether it ends one. None
/// overlaps another, so each starts at least two characters after the one
/// before.
pub(crate) fn words(text: &str) -> Vec<Word> {
    memchr::memmem::find_iter(text.as_bytes(), "算".as_bytes()).filter_map(|j| Word::at(text, j)).collect()
}

/// Where the first title word of `kind` printed wholly within
/// `text[from..to]` starts, given the text's [`words`]: at its 部门 or 单位,
/// else at its 预/决 when 表, 总表 or 公开 follows ("部门预算", "单位决算",
/// "预算表", "预算总表", "决算公开"). Only the words whose 预 is in the span
/// are looked at.
pub(crate) fn first_title(words: &[Word], kind: DocumentKind, from: usize, to: usize) -> Option<usize> {
    let first = words.partition_point(|w| w.at < from);
    words.get(first..)?.iter().take_while(|w| w.end() <= to).filter(|w| w.is(kind)).find_map(|w| {
        let owner = w.at.checked_sub(2 * CJK).filter(|s| w.owner.is_some() && *s >= from);
        let tail = (w.table && w.end() + CJK <= to) || ((w.open || w.total) && w.end() + 2 * CJK <= to);
        // A later word starts after this one's 预 (its owner is two characters
        // after this one's 算 at the earliest): the first found is the least.
        owner.or_else(|| tail.then_some(w.at))
    })
}

/// Whether `text` holds a 部门 or 单位 预算/决算 ("…部门预算…", "单位决算").
pub(crate) fn has_owned(text: &str) -> bool {
    words(text).iter().any(|w| w.owner.is_some())
}

/// Whether a squeezed line ends like a disclosure's title: with 部门 or 单位
/// 预算/决算 ("…部门预算"), or with 预算公开 or 决算公开 ("…人民法院预算公开"),
/// either perhaps followed by 报表 ("…省级部门预算公开报表").
pub(crate) fn ends_like_title(sq: &str) -> bool {
    let sq = sq.strip_suffix("报表").unwrap_or(sq);
    let (body, open) = match sq.strip_suffix("公开") {
        Some(b) => (b, true),
        None => (sq, false),
    };
    let last = body.len().checked_sub(CJK).and_then(|j| Word::at(body, j));
    last.is_some_and(|w| open || w.owner.is_some())
}

/// Whether `s` is 部门 or 单位 预算/决算 and nothing more, or with 公开
/// after it ("部门预算", "单位决算公开").
pub(crate) fn is_owned_title(s: &str) -> bool {
    let w = Word::at(s, 3 * CJK).filter(|w| w.owner.is_some() && w.at == 2 * CJK);
    w.is_some_and(|w| matches!(s.get(w.end()..), Some("" | "公开")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first title word of a window as first written: the least start
    /// of a search for each word.
    fn first_by_search(kind: DocumentKind, window: &str) -> Option<usize> {
        let words: &[&str] = match kind {
            DocumentKind::Budget => &["部门预算", "单位预算", "预算表", "预算总表", "预算公开"],
            DocumentKind::FinalAccounts => &["部门决算", "单位决算", "决算表", "决算总表", "决算公开"],
            DocumentKind::Unknown => {
                &["部门预算", "单位预算", "预算表", "预算总表", "预算公开", "部门决算", "单位决算", "决算表", "决算总表", "决算公开"]
            }
        };
        words.iter().filter_map(|w| window.find(w)).min()
    }

    /// Found in the words of a whole text, a window's first title word is
    /// where a search of the window alone finds it: a word cut by either
    /// end of the window does not count.
    #[test]
    fn a_title_word_is_found_where_a_search_for_each_word_finds_the_first() {
        let pieces = ["部门", "单位", "预", "决", "算", "表", "总表", "公开", "部", "年", "1"];
        for text in crate::text::stream::sample_texts(&pieces, 400) {
            let all = words(&text);
            let cuts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for (k, &from) in cuts.iter().enumerate() {
                for &to in cuts.iter().skip(k).step_by(3) {
                    for kind in [DocumentKind::Budget, DocumentKind::FinalAccounts, DocumentKind::Unknown] {
                        let window = &text[from..to];
                        let want = first_by_search(kind, window).map(|i| i + from);
                        assert_eq!(first_title(&all, kind, from, to), want, "{window:?} in {text:?} {kind:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_title_ends_with_an_owned_word_or_a_disclosure() {
        for title in [
            "某省2018年度省级部门预算",
            "2024年度部门决算",
            "示例市某某局2024年单位预算公开",
            "示例省部门预算公开报表",
            "示例省高级人民法院预算公开",
            "部门决算报表",
        ] {
            assert!(ends_like_title(title), "{title}");
        }
        for not in ["2024年部门预算收支总表", "预算", "2024年预算", "部门预算编制说明", "算", "公开", "报表", "决算公开表"]
        {
            assert!(!ends_like_title(not), "{not}");
        }
        for owned in ["部门预算", "单位决算公开", "单位预算"] {
            assert!(is_owned_title(owned), "{owned}");
        }
        for not in ["部门预算表", "预算", "部门", "某部门预算", "部门预算公开表", "门预算"] {
            assert!(!is_owned_title(not), "{not}");
        }
    }
}
