//! Year-on-year statements: "（本年数 X 万元）…增加/减少 Δ 万元，增长/下降 p%".

use super::{Claim, ClaimKind, Narrative};

/// One "增加/减少 Δ，增长/下降 p%" statement with the amount it changes.
#[derive(Debug, Clone, Copy)]
pub struct YearOnYear<'a> {
    /// The change of money ("增加 492.55 万元").
    pub change: &'a Claim,
    /// The rate ("增长 5.04%").
    pub percent: &'a Claim,
    /// The current amount the change leads to ("收、支总计均为 10,261.39 万元"),
    /// if the paragraph states it before the change: see [`current_amount`].
    pub current: Option<&'a Claim>,
}

/// Every change-and-rate pair of the narrative. The rate must follow the change
/// directly, with nothing but punctuation and its verb between them.
pub fn pairs(n: &Narrative) -> Vec<YearOnYear<'_>> {
    let mut out = Vec::new();
    for (_, paragraph) in n.paragraphs() {
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
            let current = current_amount(&claims[..k - 1], change);
            out.push(YearOnYear { change, percent, current });
        }
    }
    out
}

/// The amount a change is a change of: when the change names its subject
/// ("一般公共预算财政拨款支出增加…"), the nearest earlier amount with that
/// subject, else none (never a guess: "基本支出…，项目支出…。基本支出增加…"
/// must not be read against 项目支出); when it names none ("增加…",
/// "比上年减少…"), the nearest earlier amount.
pub fn current_amount<'a>(before: &'a [Claim], change: &Claim) -> Option<&'a Claim> {
    let s = change.subject.as_str();
    let named = !(s.is_empty() || s.starts_with(['比', '较', '与']));
    let amounts = before.iter().rev().filter(|c| c.is_money_amount());
    if !named {
        return amounts.into_iter().next();
    }
    let s = loose(s);
    amounts.into_iter().find(|c| {
        let a = loose(&c.subject);
        !a.is_empty() && (a == s || a.ends_with(&s) || s.ends_with(&a))
    })
}

/// A subject without the words that vary between the amount and its change:
/// "财政拨款收、支总预算" and "财政拨款收、支总计" both give "财政拨款收支总".
fn loose(s: &str) -> String {
    let mut t: String = s.chars().filter(|c| !c.is_whitespace() && *c != '、').collect();
    // Each word replaced only where it occurs: `replace` sets up a searcher
    // and copies the string even when it does not (most subjects hold none).
    for (w, by) in [("预算数", ""), ("预算", ""), ("总计", "总"), ("合计", "总"), ("合总", "总")] {
        if crate::text::search::contains(&t, w) {
            t = t.replace(w, by);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise;

    /// [`loose`] as it was written: every word replaced, present or not.
    fn loose_by_definition(s: &str) -> String {
        let mut t: String = s.chars().filter(|c| !c.is_whitespace() && *c != '、').collect();
        for w in ["预算数", "预算", "总计", "合计"] {
            t = t.replace(w, if w.ends_with('计') { "总" } else { "" });
        }
        t.replace("合总", "总")
    }

    /// The subjects of every claim of every corpus fixture, and made-up
    /// ones, loosen as by the definition.
    #[test]
    fn loose_is_its_definition() {
        let pieces = ["预算数", "预算", "总计", "合计", "合", "总", "计", "数", "、", " ", "收支", "财政拨款"];
        let mut subjects = crate::text::stream::sample_texts(&pieces, 500);
        for name in crate::FIXTURES {
            subjects.extend(crate::read(&crate::fixture(name)).narrative.claims().map(|(_, _, c)| c.subject.clone()));
        }
        for s in &subjects {
            assert_eq!(loose(s), loose_by_definition(s), "{s:?}");
        }
    }

    fn currents(text: &str) -> Vec<Option<String>> {
        let n = crate::narrative::claims(&normalise(text));
        pairs(&n).iter().map(|p| p.current.map(|c| c.printed.clone())).collect()
    }

    #[test]
    fn the_current_amount_is_the_one_the_change_names() {
        assert_eq!(
            currents("基本支出 4,942.51 万元，项目支出 5,111.47 万元。与上年相比，基本支出增加168.56万元，增长3.53%。"),
            vec![Some("4,942.51".into())]
        );
        assert_eq!(currents("机关运行经费支出 620.98 万元,比年初预算数减少 4.12 万元,下降 0.66%"), vec![Some("620.98".into())]);
        assert_eq!(currents("项目支出 5,111.47 万元。其他收入增加18.87万元，增长722.99%。"), vec![None]);
        // As a Jiangsu narrative says it: "收、支总预算" is the amount of "收、支总计".
        assert_eq!(
            currents(
                "示例省某某办公厅2019年度财政拨款收、支总预算21500.00万元。与上年相比，财政拨款收、支总计各增加2500.00万元，增长13.16%。"
            ),
            vec![Some("21500.00".into())]
        );
    }
}
