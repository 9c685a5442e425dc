//! Changes stated from two printed amounts ("上年执行数为X万元，本年预算安排Y
//! 万元，比上年增加p%") and the amount an item's paragraph opens with: what
//! NAR-005 and NAR-006 share.

use crate::narrative::claim::{sentence_bounds, MAX_SENTENCE_CHARS};
use crate::narrative::{Claim, ClaimKind, Direction, Paragraph};
use crate::rules::support::text::{find_all, squeezed};

/// The raw words before a claim back to the previous "，。；：" (the claim's
/// subject keeps no dates; here the year is what matters).
fn raw_lead(chars: &[char], c: &Claim) -> String {
    let end = c.start.min(chars.len());
    let floor = end.saturating_sub(MAX_SENTENCE_CHARS);
    let start = (floor..end).rev().find(|&k| matches!(chars[k], '，' | '。' | '；' | '：' | ',' | ';' | ':')).map_or(floor, |k| k + 1);
    chars[start..end].iter().filter(|c| !c.is_whitespace()).collect()
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

/// "2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数
/// 减少57.14%": both amounts in the sentence of the rate (or of "持平"), the
/// prior one named by the prior year, the current by the current year.
pub fn two_amounts<'a>(p: &'a Paragraph, year: Option<u16>) -> Vec<TwoAmounts<'a>> {
    let mut out = Vec::new();
    let mut statements: Vec<(usize, Option<&Claim>, Option<Direction>)> = Vec::new();
    for c in &p.claims {
        if let ClaimKind::ChangePercent(d) = c.kind {
            statements.push((c.start, Some(c), Some(d)));
        }
    }
    // Most paragraphs state neither a rate nor 持平: nothing is copied for them.
    if p.text.contains('持') {
        let (sq, at) = squeezed(&p.text);
        for k in find_all(&sq, "持平") {
            let before: String = sq[k.saturating_sub(3)..k].iter().collect();
            if !before.ends_with("基本") && !before.contains("预算") {
                statements.push((at[k], None, None));
            }
        }
    }
    if statements.is_empty() {
        return out;
    }
    let (prior_w, current_w) = year_words(year);
    let chars: Vec<char> = p.text.chars().collect();
    // Read once per paragraph, not once per statement: a long paragraph of
    // changes must cost time in proportion to its length.
    let amounts = Amounts::of(p, &chars, &prior_w, &current_w);
    let compared = Compared::of(&chars, &prior_w);
    for (pos, rate, dir) in statements {
        let (s, _) = sentence_bounds(&chars, pos);
        let (prior, current) = amounts.named_before(s, pos);
        if let (Some(prior), Some(current)) = (prior, current) {
            // The comparison must name the prior year: "比2023年预算执行数", "较上年".
            if !compared.within(s, pos) {
                continue;
            }
            out.push(TwoAmounts { prior, current, rate, at: pos, dir });
        }
    }
    out
}

/// A paragraph's money amounts with whether the words before each name the
/// prior year, the current year, or both.
struct Amounts<'a> {
    /// (claim, names the prior year, names the current year), in claim order.
    named: Vec<(&'a Claim, bool, bool)>,
    /// Whether the claims are in text order, so a window is a slice.
    ordered: bool,
}

impl<'a> Amounts<'a> {
    fn of(p: &'a Paragraph, chars: &[char], prior_w: &[String], current_w: &[String]) -> Amounts<'a> {
        let named: Vec<(&Claim, bool, bool)> = p
            .claims
            .iter()
            .filter(|c| c.is_money_amount())
            .map(|c| {
                let lead = raw_lead(chars, c);
                let names = |words: &[String]| words.iter().any(|w| lead.contains(w.as_str()));
                (c, names(prior_w), names(current_w))
            })
            .collect();
        let ordered = named.windows(2).all(|w| w[0].0.start <= w[1].0.start);
        Amounts { named, ordered }
    }

    /// The last amount in `[s, pos)` that names only the prior year, and the
    /// last that names only the current year.
    fn named_before(&self, s: usize, pos: usize) -> (Option<&'a Claim>, Option<&'a Claim>) {
        let window: &[(&Claim, bool, bool)] = if self.ordered {
            let from = self.named.partition_point(|(c, _, _)| c.start < s);
            let to = self.named.partition_point(|(c, _, _)| c.start < pos);
            self.named.get(from..to).unwrap_or(&[])
        } else {
            &self.named
        };
        let inside = |c: &Claim| c.start >= s && c.start < pos;
        let prior = window.iter().rev().find(|(c, p, cur)| inside(c) && *p && !*cur).map(|t| t.0);
        let current = window.iter().rev().find(|(c, p, cur)| inside(c) && *cur && !*p).map(|t| t.0);
        (prior, current)
    }
}

/// Where a paragraph compares with the prior year: "比上年", "较2023年",
/// "与去年" (char offsets of the start and end of each).
struct Compared(Vec<(usize, usize)>);

impl Compared {
    fn of(chars: &[char], prior_w: &[String]) -> Compared {
        let words: Vec<Vec<char>> = prior_w.iter().map(|w| w.chars().collect()).collect();
        let mut found = Vec::new();
        for (k, c) in chars.iter().enumerate() {
            if !matches!(c, '比' | '较' | '与') {
                continue;
            }
            let after = chars.get(k.saturating_add(1)..).unwrap_or(&[]);
            // The shortest word that matches: the same test as "contains any".
            if let Some(len) = words.iter().filter(|w| after.starts_with(w)).map(Vec::len).min() {
                found.push((k, k.saturating_add(1).saturating_add(len)));
            }
        }
        Compared(found)
    }

    /// Whether a comparison lies wholly in `[s, pos)`. No year word holds
    /// 比, 较 or 与, so comparisons never overlap and the first one that starts
    /// in the window is the one that can end in it.
    fn within(&self, s: usize, pos: usize) -> bool {
        let i = self.0.partition_point(|(k, _)| *k < s);
        self.0.get(i).is_some_and(|(_, end)| *end <= pos)
    }
}

/// The amount a paragraph opens with for its item ("“……（项）”350.35万元"),
/// when it is a different claim from `current` and comes before it.
pub fn heading_amount<'a>(p: &'a Paragraph, current: &Claim) -> Option<&'a Claim> {
    let first = p.claims.iter().find(|c| c.is_money_amount())?;
    if first.start >= current.start {
        return None;
    }
    // Only the text before the paragraph's first amount: cheap however long the paragraph.
    let chars: Vec<char> = p.text.chars().take(first.start).collect();
    let lead = raw_lead(&chars, first);
    (lead.ends_with('”') || lead.ends_with("（项）") || lead.ends_with("(项)")).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comparison_counts_only_when_it_lies_wholly_before_the_statement() {
        let chars: Vec<char> = "本年安排10万元，比2023年减少5万元，较上年下降".chars().collect();
        let (prior, _) = year_words(Some(2024));
        let compared = Compared::of(&chars, &prior);
        // "比2023年" is chars 9..15, "较上年" 21..24.
        assert_eq!(compared.0, vec![(9, 15), (21, 24)]);
        assert!(compared.within(0, 15));
        assert!(!compared.within(0, 14), "cut off by the statement");
        assert!(!compared.within(10, 23), "starts before the sentence, and the next is cut off");
        assert!(compared.within(10, 24));
    }
}
