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
    for (pos, rate, dir) in statements {
        let (s, _) = sentence_bounds(&chars, pos);
        let amounts: Vec<&Claim> = p.claims.iter().filter(|c| c.start >= s && c.start < pos && c.is_money_amount()).collect();
        // The paragraph's chars are split once: a long paragraph must not be
        // re-read for every amount.
        let names = |c: &Claim, words: &[String]| words.iter().any(|w| raw_lead(&chars, c).contains(w.as_str()));
        let prior = amounts.iter().rev().find(|c| names(c, &prior_w) && !names(c, &current_w));
        let current = amounts.iter().rev().find(|c| names(c, &current_w) && !names(c, &prior_w));
        if let (Some(prior), Some(current)) = (prior, current) {
            // The comparison must name the prior year: "比2023年预算执行数", "较上年".
            let lead: String = chars[s..pos].iter().collect();
            if !prior_w
                .iter()
                .any(|w| lead.contains(&format!("比{w}")) || lead.contains(&format!("较{w}")) || lead.contains(&format!("与{w}")))
            {
                continue;
            }
            out.push(TwoAmounts { prior, current, rate, at: pos, dir });
        }
    }
    out
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
