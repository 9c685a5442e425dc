//! Year-on-year statements: "（本年数 X 万元）…增加/减少 Δ 万元，增长/下降 p%".

use super::{Claim, ClaimKind, Narrative, Paragraph, Section};

/// One "增加/减少 Δ，增长/下降 p%" statement with the amount it changes.
#[derive(Debug, Clone, Copy)]
pub struct YearOnYear<'a> {
    /// The section it stands in.
    pub section: &'a Section,
    /// The paragraph it stands in.
    pub paragraph: &'a Paragraph,
    /// The change of money ("增加 492.55 万元").
    pub change: &'a Claim,
    /// The rate ("增长 5.04%").
    pub percent: &'a Claim,
    /// The current amount the change leads to: the nearest money amount before
    /// the change in the same paragraph ("收、支总计均为 10,261.39 万元"), if any.
    pub current: Option<&'a Claim>,
}

/// Every change-and-rate pair of the narrative. The rate must follow the change
/// directly, with nothing but punctuation and its verb between them.
pub fn pairs(n: &Narrative) -> Vec<YearOnYear<'_>> {
    let mut out = Vec::new();
    for (section, paragraph) in n.paragraphs() {
        let claims = &paragraph.claims;
        for k in 1..claims.len() {
            let (change, percent) = (&claims[k - 1], &claims[k]);
            if !matches!(change.kind, ClaimKind::Change(_)) || change.wan().is_none() {
                continue;
            }
            if !matches!(percent.kind, ClaimKind::ChangePercent(_)) {
                continue;
            }
            let between = paragraph.slice(change.end, percent.start);
            let rest: String = between.chars().filter(|c| !matches!(c, ' ' | '，' | ',' | '、')).collect();
            if rest.chars().count() > 6 || rest.contains(['。', '；', ';']) {
                continue;
            }
            let current = claims[..k - 1].iter().rev().find(|c| c.is_money_amount());
            out.push(YearOnYear { section, paragraph, change, percent, current });
        }
    }
    out
}
