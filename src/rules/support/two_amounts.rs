//! Changes stated from two printed amounts ("上年执行数为X万元，本年预算安排Y
//! 万元，比上年增加p%") and the amount an item's paragraph opens with: what
//! NAR-005 and NAR-006 share.

use crate::model::Document;
use crate::narrative::claim::{Sentences, MAX_SENTENCE_CHARS};
use crate::narrative::{Claim, ClaimKind, Direction, Paragraph};
#[cfg(test)]
use crate::rules::support::text::{find_all, occurs_squeezed, squeezed};
use crate::rules::support::text::{starts_at, unspaced, CharFinder, Holds};
use crate::rules::Sink;

/// The raw words before a claim back to the previous "，。；：" (the claim's
/// subject keeps no dates; here the year is what matters).
fn raw_lead(chars: &[char], c: &Claim) -> String {
    lead_chars(chars, c).iter().filter(|c| !c.is_whitespace()).collect()
}

/// The chars of [`raw_lead`], white space kept: a slice, not a copy.
fn lead_chars<'c>(chars: &'c [char], c: &Claim) -> &'c [char] {
    let end = c.start.min(chars.len());
    let floor = end.saturating_sub(MAX_SENTENCE_CHARS);
    let before = chars.get(floor..end).unwrap_or_default();
    let start = before.iter().rposition(|ch| matches!(ch, '，' | '。' | '；' | '：' | ',' | ';' | ':')).map_or(0, |k| k + 1);
    before.get(start..).unwrap_or_default()
}

/// Whether the lead (white space left out) holds any of `prior` and any
/// of `current`: `words.iter().any(|w| raw_lead(..).holds(w))` for each,
/// in one pass and without the copy. A word is looked for only where the
/// lead holds one of `lasts`, the last chars of the words (every year word
/// ends with 年), and matched backwards over the chars that are not white
/// space.
fn lead_holds(lead: &[char], (prior, current): (&[String], &[String]), lasts: &[char]) -> (bool, bool) {
    let ends_here = |k: usize, w: &String| {
        let mut before = lead.get(..=k).unwrap_or_default().iter().rev().filter(|c| !c.is_whitespace());
        w.chars().rev().all(|c| before.next() == Some(&c))
    };
    let mut found = (false, false);
    for (k, last) in lead.iter().enumerate() {
        if !lasts.contains(last) {
            continue;
        }
        found.0 = found.0 || prior.iter().any(|w| ends_here(k, w));
        found.1 = found.1 || current.iter().any(|w| ends_here(k, w));
        if found == (true, true) {
            break;
        }
    }
    found
}

/// The chars the year words end with, each once: where [`lead_holds`] looks.
fn last_chars((prior, current): &(Vec<String>, Vec<String>)) -> Vec<char> {
    let mut lasts: Vec<char> = prior.iter().chain(current).filter_map(|w| w.chars().next_back()).collect();
    lasts.sort_unstable();
    lasts.dedup();
    lasts
}

/// Words that mark the prior year's amount and the current year's, given the
/// document's year.
fn year_words(year: Option<u16>) -> (Vec<String>, Vec<String>) {
    let mut prior: Vec<String> = ["上年", "上一年", "去年"].iter().map(|s| s.to_string()).collect();
    let mut current: Vec<String> = ["本年", "今年"].iter().map(|s| s.to_string()).collect();
    if let Some(y) = year {
        prior.push(format!("{}年", y.saturating_sub(1)));
        current.push(format!("{y}年"));
    }
    (prior, current)
}

/// A two-amount change: the prior and current amounts and what is said of them.
pub struct TwoAmounts<'a> {
    /// The prior year's amount.
    pub prior: &'a Claim,
    /// The current year's amount.
    pub current: &'a Claim,
    /// The rate, or None for "持平".
    pub rate: Option<&'a Claim>,
    /// Char offset of the statement (the rate or the 持平 word).
    pub at: usize,
    /// The direction stated.
    pub dir: Option<Direction>,
}

/// A [`TwoAmounts`] by where it is: the section and paragraph, and its
/// claims by their indices in the paragraph. What a run keeps of the
/// search, which NAR-005 and NAR-006 both read (see [`Sink::two_amounts`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    /// Index of the section in the narrative.
    section: usize,
    /// Index of the paragraph in the section.
    paragraph: usize,
    /// Index of the prior year's amount in the paragraph's claims.
    prior: usize,
    /// Index of the current year's amount.
    current: usize,
    /// Index of the rate, or None for "持平".
    rate: Option<usize>,
    /// Char offset of the statement.
    at: usize,
    /// The direction stated.
    dir: Option<Direction>,
}

impl Sink {
    /// Every two-amount change of the narrative with its paragraph, in
    /// order. Searched for once per run, on the first call (NAR-005's), and
    /// read back by NAR-006: the search reads every paragraph.
    pub(crate) fn two_amounts<'d>(&mut self, doc: &'d Document) -> Vec<(&'d Paragraph, TwoAmounts<'d>)> {
        let found = self.two_amounts.get_or_insert_with(|| {
            let mut all = Vec::new();
            // The year words once per document, not once per paragraph that
            // states a change.
            let words = year_words(doc.info.year);
            let lasts = last_chars(&words);
            for (section, s) in doc.narrative.sections.iter().enumerate() {
                for (paragraph, p) in s.paragraphs.iter().enumerate() {
                    all.extend(search(p, &words, &lasts).into_iter().map(|(prior, current, rate, at, dir)| Found {
                        section,
                        paragraph,
                        prior,
                        current,
                        rate,
                        at,
                        dir,
                    }));
                }
            }
            all
        });
        found
            .iter()
            .filter_map(|f| {
                let p = doc.narrative.sections.get(f.section)?.paragraphs.get(f.paragraph)?;
                let rate = match f.rate {
                    Some(r) => Some(p.claims.get(r)?),
                    None => None,
                };
                Some((p, TwoAmounts { prior: p.claims.get(f.prior)?, current: p.claims.get(f.current)?, rate, at: f.at, dir: f.dir }))
            })
            .collect()
    }
}

/// A two-amount change by the indices of its claims in the paragraph:
/// (prior, current, rate, at, dir).
type Indices = (usize, usize, Option<usize>, usize, Option<Direction>);

/// "2023年当年预算执行数为48.20万元，2024年预算安排20.66万元，比2023年预算执行数
/// 减少57.14%" (made-up amounts): both amounts in the sentence of the rate (or of "持平"), the
/// prior one named by the prior year, the current by the current year.
/// The claims are given by their indices (see [`Sink::two_amounts`]); the
/// years are named by the document's [`year_words`], looked for where a lead holds one
/// of `lasts`, the chars they end with.
fn search(p: &Paragraph, (prior_w, current_w): &(Vec<String>, Vec<String>), lasts: &[char]) -> Vec<Indices> {
    let mut out = Vec::new();
    let mut statements: Vec<(usize, Option<usize>, Option<Direction>)> = Vec::new();
    for (i, c) in p.claims.iter().enumerate() {
        if let ClaimKind::ChangePercent(d) = c.kind {
            statements.push((c.start, Some(i), Some(d)));
        }
    }
    // Most paragraphs state neither a rate nor 持平: nothing is copied for them.
    // (Most paragraphs with 持 say 坚持, 支持 …: no copy for them either.)
    statements.extend(held_level(&p.text).into_iter().map(|at| (at, None, None)));
    if statements.is_empty() {
        return out;
    }
    let chars = p.chars();
    // Which years each claim's lead names, (prior, current), worked out once
    // per claim: in a long sentence a claim is an amount of many statements.
    let mut named: Vec<Option<(bool, bool)>> = vec![None; p.claims.len()];
    let mut names = |i: usize| {
        *named[i].get_or_insert_with(|| {
            let lead = lead_chars(chars, &p.claims[i]);
            lead_holds(lead, (prior_w, current_w), lasts)
        })
    };
    // Claims come in text order (claim::extract sorts them): a statement's
    // amounts are found by binary search, not by a pass over the paragraph
    // (quadratic in a long numeric paragraph).
    let sorted = p.claims.windows(2).all(|w| w[0].start <= w[1].start);
    // Sentence ends found once: a statement's sentence is then a binary
    // search, not a scan of up to MAX_SENTENCE_CHARS each way.
    let sentences = Sentences::of(chars);
    for (pos, rate, dir) in statements {
        let (s, _) = sentences.around(chars.len(), pos);
        let range =
            if sorted { p.claims.partition_point(|c| c.start < s)..p.claims.partition_point(|c| c.start < pos) } else { 0..p.claims.len() };
        let amounts: Vec<usize> = range
            .filter(|&i| {
                let c = &p.claims[i];
                c.start >= s && c.start < pos && c.is_money_amount()
            })
            .collect();
        let prior = amounts.iter().rev().find(|&&i| matches!(names(i), (true, false)));
        let current = amounts.iter().rev().find(|&&i| matches!(names(i), (false, true)));
        if let (Some(&prior), Some(&current)) = (prior, current) {
            // The comparison must name the prior year: "比2023年预算执行数", "较上年".
            // Matched in the chars, not in a copy of the sentence.
            let lead = &chars[s..pos];
            let compared =
                (0..lead.len()).any(|k| matches!(lead[k], '比' | '较' | '与') && prior_w.iter().any(|w| starts_at(lead, k + 1, w)));
            if !compared {
                continue;
            }
            out.push((prior, current, rate, pos, dir));
        }
    }
    out
}

/// Where `text` says 持平 (not 基本持平, not of a 预算), as char offsets of
/// the 持, white space left out of the words. Each 持 is found by a byte
/// search and the chars around it read past white space: most paragraphs
/// with 持 say 坚持, 支持 …, and none is copied into chars.
fn held_level(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    static CHI: CharFinder = CharFinder::new("持");
    for i in CHI.in_text(text) {
        if unspaced(&text[i + '持'.len_utf8()..]).next() != Some('平') {
            continue;
        }
        let mut before: Vec<char> = unspaced(&text[..i]).rev().take(3).collect();
        before.reverse();
        let before: String = before.into_iter().collect();
        if !before.ends_with("基本") && !before.holds("预算") {
            out.push(text[..i].chars().count());
        }
    }
    out
}

/// [`held_level`] as first written, on the squeezed chars: the definition its
/// test holds it to.
#[cfg(test)]
fn held_level_by_squeezed(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    if text.contains('持') && occurs_squeezed(text, "持平") {
        let (sq, at) = squeezed(text);
        for k in find_all(&sq, "持平") {
            let before: String = sq[k.saturating_sub(3)..k].iter().collect();
            if !before.ends_with("基本") && !before.holds("预算") {
                out.push(at[k]);
            }
        }
    }
    out
}

/// The amount a paragraph opens with for its item ("“……（项）”268.40万元",
/// or with ASCII or single quotes), when it is a different
/// claim from `current` and comes before it.
pub fn heading_amount<'a>(p: &'a Paragraph, current: &Claim) -> Option<&'a Claim> {
    let first = p.claims.iter().find(|c| c.is_money_amount())?;
    if first.start >= current.start {
        return None;
    }
    // The paragraph's chars, lent: the lead ends at the first amount.
    let lead = raw_lead(p.chars(), first);
    (lead.ends_with(['”', '’', '"']) || lead.ends_with("（项）") || lead.ends_with("(项)")).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::{held_level, held_level_by_squeezed, last_chars, lead_holds, year_words};
    use crate::rules::support::text::Holds;

    /// [`lead_holds`] finds a word where the copied lead, white space left
    /// out, holds it.
    #[test]
    fn lead_holds_as_the_copied_lead() {
        let words = year_words(Some(2023));
        let lasts = last_chars(&words);
        let (prior, current) = words;
        let pieces = ["上", "年", "上年", "一", "去", "本", "今", "2022", "2023", "20", "22年", " ", "\u{3000}", "预算", "执行数"];
        let mut hit = 0;
        for text in crate::text::stream::sample_texts(&pieces, 2000) {
            let chars: Vec<char> = text.chars().collect();
            let copied: String = chars.iter().filter(|c| !c.is_whitespace()).collect();
            let want = (prior.iter().any(|w| copied.holds(w)), current.iter().any(|w| copied.holds(w)));
            hit += usize::from(want.0) + usize::from(want.1);
            assert_eq!(lead_holds(&chars, (&prior, &current), &lasts), want, "{text:?}");
        }
        assert!(hit > 0);
    }

    #[test]
    fn held_level_by_byte_search_as_on_the_squeezed_chars() {
        let pieces = ["持", "平", "持平", "基本", "基", "本", "预算", "预", "算", "坚持", "支持", " ", "\n", "\u{3000}", "，", "与上年"];
        let mut texts = crate::text::stream::sample_texts(&pieces, 1000);
        texts.extend(["持平", "持 平", "基本 持平", "预 算持平", "持\n平持平"].map(String::from));
        for text in texts {
            assert_eq!(held_level(&text), held_level_by_squeezed(&text), "{text:?}");
        }
    }
}
