//! The figures the 政府采购 section states: the total, 货物/工程/服务, the
//! amounts awarded to 中小企业 and 小微企业 with their shares, and the share
//! of each category awarded to 中小企业.

use super::{Claim, ClaimKind, Narrative, Topic};

/// 货物, 工程 or 服务.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 货物.
    Goods,
    /// 工程.
    Works,
    /// 服务.
    Services,
}

impl Kind {
    /// The Chinese word.
    pub fn zh(self) -> &'static str {
        match self {
            Kind::Goods => "货物",
            Kind::Works => "工程",
            Kind::Services => "服务",
        }
    }

    fn of(s: &str) -> Option<Kind> {
        [Kind::Goods, Kind::Works, Kind::Services].into_iter().find(|k| s.contains(k.zh()))
    }
}

/// The procurement figures of a narrative (claims are money in their printed unit).
#[derive(Debug, Clone, Default)]
pub struct ProcurementFacts<'a> {
    /// 政府采购（支出/预算）总额.
    pub total: Option<&'a Claim>,
    /// 货物, 工程, 服务 amounts.
    pub by_kind: Vec<(Kind, &'a Claim)>,
    /// 授予中小企业合同金额 and its share of the total.
    pub sme: Option<(&'a Claim, Option<&'a Claim>)>,
    /// 授予小微企业合同金额 and its share of the total.
    pub small: Option<(&'a Claim, Option<&'a Claim>)>,
    /// "货物采购授予中小企业合同金额占货物支出金额的 88.37%" per category.
    pub sme_share_by_kind: Vec<(Kind, &'a Claim)>,
}

/// Reads the procurement figures of the first 政府采购 section.
pub fn facts(n: &Narrative) -> ProcurementFacts<'_> {
    let mut f = ProcurementFacts::default();
    // The first that states anything: a 目录 read as narrative (no part
    // heading found) opens an empty one before the section itself.
    let Some(section) = n.sections_about(Topic::Procurement).find(|s| s.claims().next().is_some()) else { return f };
    let claims: Vec<&Claim> = section.claims().map(|(_, c)| c).collect();
    for (k, c) in claims.iter().enumerate() {
        let next_share = claims.get(k + 1).copied().filter(|s| matches!(s.kind, ClaimKind::Share { .. }));
        let s = c.subject.as_str();
        match &c.kind {
            ClaimKind::Amount if c.wan().is_some() => {
                if s.contains("小微") {
                    f.small.get_or_insert((c, next_share));
                } else if s.contains("中小企业") {
                    f.sme.get_or_insert((c, next_share));
                } else if let Some(kind) = Kind::of(s) {
                    if !f.by_kind.iter().any(|(k2, _)| *k2 == kind) {
                        f.by_kind.push((kind, c));
                    }
                } else if s.contains("采购") && f.total.is_none() {
                    f.total = Some(c);
                }
            }
            ClaimKind::Share { base: Some(base) } if s.contains("中小企业") && !s.contains("小微") => {
                if let Some(kind) = Kind::of(base) {
                    if !f.sme_share_by_kind.iter().any(|(k2, _)| *k2 == kind) {
                        f.sme_share_by_kind.push((kind, c));
                    }
                }
            }
            _ => {}
        }
    }
    f
}
