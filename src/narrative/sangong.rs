//! The figures the 三公 section states: amounts and the counts that go with
//! them (团组/人次, 购置 辆, 保有量, 接待 批次/人次).
//!
//! Each claim is filed under the last category word before it in the section
//! ("因公出国", "购置费", "国内接待" …), since the amount and its counts are
//! often in different sentences or paragraphs.

use rust_decimal::Decimal;

use super::section::CharSet;
use super::{Claim, ClaimKind, Narrative, Paragraph, Topic, Unit};

/// What a part of the 三公 text is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// 因公出国（境）.
    Abroad,
    /// 公务用车购置及运行（维护）费 as a whole.
    Vehicles,
    /// 公务用车购置.
    Purchase,
    /// 公务用车运行维护.
    Operation,
    /// 公务接待 / 国内接待.
    Reception,
    /// 外事接待 (inside 国内接待).
    ForeignAffairs,
    /// 国（境）外接待.
    Foreign,
}

/// Category words, longest first at each position.
const WORDS: [(&str, Category); 16] = [
    ("公务用车购置及运行维护费", Category::Vehicles),
    ("公务用车购置及运行费", Category::Vehicles),
    ("国（境）外接待", Category::Foreign),
    ("国(境)外接待", Category::Foreign),
    ("公务用车购置费", Category::Purchase),
    ("购置公务用车", Category::Purchase),
    ("运行维护费", Category::Operation),
    ("国内公务接待", Category::Reception),
    ("因公出国", Category::Abroad),
    ("国外接待", Category::Foreign),
    ("境外接待", Category::Foreign),
    ("外事接待", Category::ForeignAffairs),
    ("国内接待", Category::Reception),
    ("公务接待", Category::Reception),
    ("购置费", Category::Purchase),
    ("运行费", Category::Operation),
];

/// A figure and the source line it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fact {
    /// The value as printed (万元 for money).
    pub value: Decimal,
    /// 1-based source line.
    pub line: usize,
}

/// The 三公 figures a narrative states; None where it states nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SangongFacts {
    /// 因公出国（境）费 spent (决算数, else the only amount stated).
    pub abroad_spent: Option<Fact>,
    /// 因公出国（境）团组 count.
    pub abroad_groups: Option<Fact>,
    /// 因公出国（境）人次.
    pub abroad_persons: Option<Fact>,
    /// 公务用车购置及运行（维护）费 spent, as a whole.
    pub vehicles_spent: Option<Fact>,
    /// 公务用车购置费 spent.
    pub purchase_spent: Option<Fact>,
    /// Vehicles bought (辆).
    pub purchased: Option<Fact>,
    /// 公务用车运行维护费 spent.
    pub operation_spent: Option<Fact>,
    /// 公务用车保有量 (辆).
    pub fleet: Option<Fact>,
    /// 国内（公务）接待费 spent, else 公务接待费.
    pub reception_spent: Option<Fact>,
    /// 国内接待 批次.
    pub reception_batches: Option<Fact>,
    /// 国内接待 人次.
    pub reception_persons: Option<Fact>,
    /// 外事接待 批次.
    pub foreign_affairs_batches: Option<Fact>,
    /// 外事接待 人次.
    pub foreign_affairs_persons: Option<Fact>,
    /// 国（境）外接待费 spent.
    pub foreign_spent: Option<Fact>,
    /// 国（境）外接待 批次.
    pub foreign_batches: Option<Fact>,
    /// 国（境）外接待 人次.
    pub foreign_persons: Option<Fact>,
}

/// Category events (char offset, category) of a paragraph.
fn events(p: &Paragraph) -> Vec<(usize, Category)> {
    const FIRSTS: CharSet = CharSet::new(&['公', '国', '购', '运', '因', '境', '外']);
    let chars = p.chars();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        // The first chars of the words (a test says so): elsewhere no word is tried.
        if !FIRSTS.has(chars[k]) {
            k += 1;
            continue;
        }
        // The words are compared as bytes with the text from here: matched
        // char by char, each word was decoded at every 公, and that decoding
        // was half the cost of reading the 三公 figures.
        let rest = p.text_from(k);
        let hit = WORDS.iter().find(|(w, _)| rest.starts_with(w));
        match hit {
            Some((w, c)) => {
                out.push((k, *c));
                k += w.chars().count();
            }
            None => k += 1,
        }
    }
    out
}

fn fact(c: &Claim) -> Option<Fact> {
    let value = if matches!(c.unit, Unit::Money(_)) { c.wan()? } else { c.value? };
    Some(Fact { value, line: c.source_line })
}

impl SangongFacts {
    /// The amount spent in a category; None for the one stated only by
    /// counts (外事接待).
    fn spent(&mut self, cat: Category) -> Option<&mut Option<Fact>> {
        match cat {
            Category::Abroad => Some(&mut self.abroad_spent),
            Category::Vehicles => Some(&mut self.vehicles_spent),
            Category::Purchase => Some(&mut self.purchase_spent),
            Category::Operation => Some(&mut self.operation_spent),
            Category::Reception => Some(&mut self.reception_spent),
            Category::Foreign => Some(&mut self.foreign_spent),
            Category::ForeignAffairs => None,
        }
    }
}

/// Reads the 三公 figures from every 三公 section of a narrative.
pub fn facts(n: &Narrative) -> SangongFacts {
    let mut f = SangongFacts::default();
    // Amounts stated as 预算 are kept apart: the spent figure is the 决算.
    let mut budget_only: Vec<(Category, Fact)> = Vec::new();
    let mut category: Option<Category> = None;
    for section in n.sections_about(Topic::Sangong) {
        for p in &section.paragraphs {
            let ev = events(p);
            let mut e = 0;
            for c in &p.claims {
                while e < ev.len() && ev[e].0 < c.start {
                    category = Some(ev[e].1);
                    e += 1;
                }
                let (Some(cat), Some(x)) = (category, fact(c)) else { continue };
                match (&c.kind, &c.unit) {
                    (ClaimKind::Amount, Unit::Money(_)) => {
                        if c.subject.contains("预算") && !c.subject.contains("决算") {
                            budget_only.push((cat, x));
                            continue;
                        }
                        let Some(slot) = f.spent(cat) else { continue };
                        // 国内接待费 overrides the 公务接待费 total stated before it.
                        if slot.is_none() || (cat == Category::Reception && c.subject.contains("国内")) {
                            *slot = Some(x);
                        }
                    }
                    (ClaimKind::Count, Unit::Count(w)) => {
                        let slot = match (cat, w.as_str()) {
                            (Category::Abroad, "个" | "团组") if c.subject.contains("团组") || w == "团组" => &mut f.abroad_groups,
                            (Category::Abroad, "人次") => &mut f.abroad_persons,
                            (Category::Purchase, "辆") if !c.subject.contains("保有") => &mut f.purchased,
                            (_, "辆") if c.subject.contains("保有量") => &mut f.fleet,
                            (Category::Reception, "批次") => &mut f.reception_batches,
                            (Category::Reception, "人次") => &mut f.reception_persons,
                            (Category::ForeignAffairs, "批次") => &mut f.foreign_affairs_batches,
                            (Category::ForeignAffairs, "人次") => &mut f.foreign_affairs_persons,
                            (Category::Foreign, "批次") => &mut f.foreign_batches,
                            (Category::Foreign, "人次") => &mut f.foreign_persons,
                            _ => continue,
                        };
                        if slot.is_none() {
                            *slot = Some(x);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    // A category stated only as a budget (a 预算 document): that is its figure.
    for (cat, x) in budget_only {
        let Some(slot) = f.spent(cat) else { continue };
        if slot.is_none() {
            *slot = Some(x);
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise;

    fn v(f: Option<Fact>) -> Option<(String, usize)> {
        f.map(|f| (f.value.to_string(), f.line))
    }

    /// The document's 三公 figures, read once for the report and SG-001,
    /// are the figures of its narrative.
    #[test]
    fn a_documents_figures_are_its_narratives() {
        for name in crate::FIXTURES {
            let doc = crate::read(&crate::fixture(name));
            assert_eq!(doc.sangong_facts(), &facts(&doc.narrative), "{name}");
        }
    }

    #[test]
    fn every_word_starts_with_a_tested_char() {
        assert!(WORDS.iter().all(|(w, _)| w.starts_with(['公', '国', '购', '运', '因', '境', '外'])));
    }

    #[test]
    fn counts_are_filed_under_their_category() {
        let text = "九、财政拨款“三公”经费支出决算情况\n1.因公出国（境）费全年预算为87.6万元，支出决算为87.6\n万元，完成全年预算的100.00%。\n全年支出涉及因公出国（境）团组0个，累计15人次。\n2.公务用车购置及运行维护费全年预算为61.36万元。\n其中：公务用车购置费支出17.98万元，购置公务用车1辆。公务用车运行维护费支出43.38万元，公务用车保有量为27辆。\n其中：国内接待费支出299.42万元，主要用于各类公务接待支出，共计接待389批次、4,886人次（含外事接待0\n批次、0人次）；国（境）外接待费支出0万元，共计接待0批次、0人次。";
        let f = facts(&super::super::claims(&normalise(text)));
        assert_eq!(v(f.abroad_spent), Some(("87.6".into(), 2)));
        assert_eq!(v(f.abroad_groups), Some(("0".into(), 4)));
        assert_eq!(v(f.abroad_persons), Some(("15".into(), 4)));
        assert_eq!(v(f.vehicles_spent), Some(("61.36".into(), 5)));
        assert_eq!(v(f.purchase_spent), Some(("17.98".into(), 6)));
        assert_eq!(v(f.purchased), Some(("1".into(), 6)));
        assert_eq!(v(f.operation_spent), Some(("43.38".into(), 6)));
        assert_eq!(v(f.fleet), Some(("27".into(), 6)));
        assert_eq!(v(f.reception_spent), Some(("299.42".into(), 7)));
        assert_eq!(v(f.reception_batches), Some(("389".into(), 7)));
        assert_eq!(v(f.reception_persons), Some(("4886".into(), 7)));
        assert_eq!(v(f.foreign_affairs_batches), Some(("0".into(), 7)));
        assert_eq!(v(f.foreign_spent), Some(("0".into(), 8)));
        assert_eq!(v(f.foreign_persons), Some(("0".into(), 8)));
    }

    /// The facts of a corpus document (tests/fixtures).
    fn corpus(name: &str) -> SangongFacts {
        facts(&super::super::claims(&normalise(&crate::fixture(name))))
    }

    #[test]
    fn sangong_counts_of_the_corpus() {
        let y = corpus("yantai-office-2024-final.txt");
        assert_eq!(v(y.abroad_spent), Some(("131.89".into(), 549)));
        assert_eq!(v(y.abroad_groups), Some(("22".into(), 549)));
        assert_eq!(v(y.abroad_persons), Some(("32".into(), 549)));
        assert_eq!(v(y.purchase_spent), Some(("17.95".into(), 553)));
        assert_eq!(v(y.purchased), Some(("1".into(), 553)));
        assert_eq!(v(y.fleet), Some(("19".into(), 555)));
        assert_eq!(v(y.reception_spent), Some(("190.24".into(), 559)));
        assert_eq!(v(y.reception_batches), Some(("1230".into(), 559)));
        assert_eq!(v(y.reception_persons), Some(("16071".into(), 559)));
        assert_eq!(v(y.foreign_affairs_batches), Some(("0".into(), 559)));
        assert_eq!(v(y.foreign_batches), Some(("0".into(), 561)));
        let q = corpus("qingdao-office-2024-final.txt");
        assert_eq!(v(q.abroad_spent), Some(("87.6".into(), 748)));
        assert_eq!(v(q.abroad_groups), Some(("0".into(), 752)));
        assert_eq!(v(q.abroad_persons), Some(("15".into(), 752)));
        assert_eq!(v(q.reception_batches), Some(("389".into(), 778)));
        assert_eq!(v(q.reception_persons), Some(("4886".into(), 778)));
        assert_eq!(v(q.fleet), Some(("27".into(), 770)));
        let b = corpus("yantai-bigdata-2023-final.txt");
        assert_eq!(v(b.abroad_spent), Some(("0".into(), 994)));
        assert_eq!(v(b.purchased), Some(("0".into(), 1008)));
        assert_eq!(v(b.reception_batches), Some(("27".into(), 1026)));
        assert_eq!(v(b.reception_persons), Some(("299".into(), 1026)));
    }
}
