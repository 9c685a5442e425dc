//! What the narrative must say and what it lists: items named under 主要包括
//! that are zero in the tables, 机关运行经费 against 公用经费, vehicles by
//! kind, the share of project spending covered by 绩效自评, and the 三公
//! counts the rules require.

use rust_decimal::Decimal;

use super::identity::at;
use super::percent::{narrative_finding, round_half_up, show};
use super::tbl01::FINAL;
use super::{Family, Finding, Fixture, Rule, Severity};
use crate::model::{Document, Row, TableKind};
use crate::narrative::{self, Claim, ClaimKind, Topic, Unit};
use crate::rounding::Interval;

const Y: &str = "yantai-office-2024-final.txt";
const Q: &str = "qingdao-office-2024-final.txt";
const B: &str = "yantai-bigdata-2023-final.txt";

fn narrative(doc: &Document) -> &narrative::Narrative {
    &doc.narrative
}

/// Labels compared with ASCII and full-width brackets unified.
fn unified(s: &str) -> String {
    s.replace('(', "（").replace(')', "）")
}

/// Items named after "主要包括：" in a 基本支出 paragraph must be non-zero in 06.
pub const LISTED_ITEMS: Rule = Rule {
    id: "NAR-010",
    family: Family::Nar,
    severity: Severity::Warning,
    title: "基本支出说明中列举的经费项目在明细表中确有支出",
    why: "情况说明常写“公用经费主要包括：办公费、手续费、邮电费……”。列举的应当是确实花了钱的项目；如果列出的某一项在基本支出明细表中是0，说明文字是照搬模板，没有如实反映支出。",
    applies_to: FINAL,
    needs: &[TableKind::F06],
    check: check_listed_items,
    fixtures: &[Fixture::fires(Q, &[]), Fixture::quiet(Y), Fixture::quiet(B)],
};

fn check_listed_items(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t06) = doc.table(TableKind::F06) else { return };
    let n = narrative(doc);
    // The 款 rows with their labels unified once, not once per listed item.
    let labelled: Vec<(String, &Row)> =
        t06.rows.iter().filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 5)).map(|r| (unified(&r.label), r)).collect();
    for s in n.sections_about(Topic::Basic) {
        for p in &s.paragraphs {
            let Some(i) = p.text.find("主要包括") else { continue };
            let list: String = p.text[i..]
                .chars()
                .skip("主要包括".chars().count())
                .skip_while(|c| matches!(c, '：' | ':'))
                .take_while(|c| !matches!(c, '。' | '；'))
                .collect();
            let list = list.trim_end_matches('等');
            let offset = p.text[..i].chars().count();
            for item in list.split('、').map(str::trim).filter(|x| !x.is_empty()) {
                let item_label = unified(item);
                let rows: Vec<&Row> = labelled.iter().filter(|(l, _)| *l == item_label).map(|(_, r)| *r).collect();
                let [row] = rows.as_slice() else { continue };
                if row.value(0).is_none_or(|v| v.is_zero()) {
                    let shown = row.value(0).map(|v| v.to_string()).unwrap_or_else(|| "空白".into());
                    let line = p.line_at(offset);
                    let message = format!(
                        "情况说明第{line}行在“主要包括”中列出了“{item}”，但公开06表 {} {} 为 {shown}，并没有这项支出。",
                        row.code.as_deref().unwrap_or_default(),
                        row.label
                    );
                    sink.push(Finding {
                        related: at(t06, row, 0).at.into_iter().collect(),
                        ..narrative_finding("NAR-010", Severity::Warning, message, line)
                    });
                }
            }
        }
    }
}

/// 机关运行经费 ≤ 06 公用经费合计.
pub const OPERATING_COSTS: Rule = Rule {
    id: "NAR-013",
    family: Family::Nar,
    severity: Severity::Warning,
    title: "机关运行经费不超过基本支出中的公用经费",
    why: "机关运行经费是行政单位和参公事业单位用于日常运转的公用经费，是基本支出明细表中公用经费的一部分（纯行政单位两者相等），因此不应大于公用经费合计。超过了，说明口径或数字有误。",
    applies_to: FINAL,
    needs: &[TableKind::F06],
    check: check_operating_costs,
    fixtures: &[Fixture::fires(Y, &[("机关运行经费支出 620.98 万元", "机关运行经费支出 720.98 万元")]), Fixture::quiet(Y), Fixture::quiet(Q), Fixture::quiet(B)],
};

fn check_operating_costs(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t06) = doc.table(TableKind::F06) else { return };
    let Some(public) = t06.rows.iter().find(|r| r.code.is_none() && r.label == "公用经费合计") else { return };
    let n = narrative(doc);
    for s in n.sections_about(Topic::Operating) {
        let Some(c) = s.claims().map(|(_, c)| c).find(|c| c.is_money_amount() && c.subject.contains("机关运行经费")) else {
            continue;
        };
        let (Some(v), Some(limit)) = (c.wan(), public.value(0)) else { continue };
        if Interval::of(Some(v)).lo > Interval::of(Some(limit)).hi {
            let message =
                format!("情况说明第{}行机关运行经费为 {} 万元，超过公开06表公用经费合计 {} 万元。", c.source_line, show(v), show(limit));
            sink.push(Finding {
                expected: Some(limit),
                actual: Some(v),
                difference: v.checked_sub(limit),
                related: at(t06, public, 0).at.into_iter().collect(),
                ..narrative_finding("NAR-013", Severity::Warning, message, c.source_line)
            });
        }
    }
}

fn vehicles(c: &Claim) -> bool {
    matches!(&c.unit, Unit::Count(u) if u == "辆")
}

/// 车辆总数 = Σ by kind; 三公 保有量 ≤ 车辆总数.
pub const VEHICLES: Rule = Rule {
    id: "NAR-015",
    family: Family::Nar,
    severity: Severity::Error,
    title: "国有资产中的车辆总数等于各类车辆之和",
    why: "国有资产占用情况要列出车辆总数和按用途分的数量（领导干部用车、机要通信用车、应急保障用车等）。分项加起来必须等于总数；“三公”部分所说的公务用车保有量也不应多于车辆总数。",
    applies_to: FINAL,
    needs: &[],
    check: check_vehicles,
    fixtures: &[Fixture::fires(Y, &[("其他用车 13 辆", "其他用车 14 辆")]), Fixture::quiet(Y), Fixture::quiet(Q), Fixture::quiet(B)],
};

fn check_vehicles(doc: &crate::model::Document, sink: &mut super::Sink) {
    let n = narrative(doc);
    let kept = n
        .sections_about(Topic::Sangong)
        .flat_map(|s| s.claims())
        .map(|(_, c)| c)
        .find(|c| vehicles(c) && c.subject.contains("保有量"))
        .cloned();
    for s in n.sections_about(Topic::Assets) {
        for p in &s.paragraphs {
            let counts: Vec<&Claim> = p.claims.iter().filter(|c| c.kind == ClaimKind::Count && vehicles(c)).collect();
            let Some((total, kinds)) = counts.split_first() else { continue };
            if !total.subject.contains("车辆") {
                continue;
            }
            let Some(t) = total.value else { continue };
            if kinds.len() >= 2 {
                let Some(sum) = crate::checked::sum(kinds.iter().filter_map(|c| c.value)) else { continue };
                if sum != t {
                    let message = format!("情况说明第{}行说共有车辆 {} 辆，但按用途列出的各类车辆合计 {} 辆。", total.source_line, t, sum);
                    sink.push(Finding {
                        expected: Some(sum),
                        actual: Some(t),
                        difference: t.checked_sub(sum),
                        ..narrative_finding("NAR-015", Severity::Error, message, total.source_line)
                    });
                }
            }
            if let Some(k) = kept.as_ref().and_then(|c| c.value.map(|v| (v, c.source_line))) {
                if k.0 > t {
                    let message =
                        format!("“三公”经费部分（第{}行）说公务用车保有量 {} 辆，多于国有资产部分所说的车辆总数 {} 辆。", k.1, k.0, t);
                    sink.push(narrative_finding("NAR-015", Severity::Warning, message, total.source_line));
                }
            }
        }
    }
}

/// "涉及预算资金X万元，占…项目支出总额的Y%" must be reproducible from 03.
pub const EVALUATION_COVERAGE: Rule = Rule {
    id: "NAR-016",
    family: Family::Nar,
    severity: Severity::Warning,
    title: "绩效自评覆盖的资金占项目支出的比例能由表格算出",
    why: "情况说明常说绩效自评“涉及预算资金X万元，占项目支出总额的100%”。这个比例应能由所说金额和支出决算表中的项目支出算出；算不出，说明自评范围或口径说得不清楚，读者无法判断是否真的全部评价了。",
    applies_to: FINAL,
    needs: &[TableKind::F03],
    check: check_evaluation_coverage,
    fixtures: &[Fixture::fires(Y, &[]), Fixture::quiet(Q)],
};

fn check_evaluation_coverage(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t03) = doc.table(TableKind::F03) else { return };
    let Some(total) = t03.rows.iter().find(|r| r.code.is_none()) else { return };
    let Some(projects) = total.value(2).filter(|v| !v.is_zero()) else { return };
    let n = narrative(doc);
    for s in n.sections_about(Topic::Performance) {
        for p in &s.paragraphs {
            for (k, c) in p.claims.iter().enumerate() {
                let ClaimKind::Share { base: Some(base) } = &c.kind else { continue };
                if !base.contains("项目支出") {
                    continue;
                }
                let (Some(printed), Some(amount)) = (c.value, p.claims[..k].iter().rev().find(|x| x.is_money_amount())) else { continue };
                let Some(a) = amount.wan() else { continue };
                let Some(exact) = a.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(projects)) else { continue };
                let expected = round_half_up(exact, printed.scale().max(2));
                if round_half_up(exact, printed.scale()) == printed {
                    continue;
                }
                let message = format!(
                    "情况说明第{}行说绩效自评涉及资金 {} 万元，占项目支出总额的 {}%；但公开03表项目支出为 {} 万元，{} 万元只占 {}%。自评范围或口径不清楚。",
                    c.source_line,
                    show(a),
                    printed,
                    show(projects),
                    show(a),
                    expected
                );
                sink.push(Finding {
                    expected: Some(expected),
                    actual: Some(printed),
                    difference: printed.checked_sub(expected),
                    related: at(t03, total, 2).at.into_iter().collect(),
                    ..narrative_finding("NAR-016", Severity::Warning, message, c.source_line)
                });
            }
        }
    }
}

/// The 三公 section states the counts the rules require.
pub const SANGONG_COUNTS_DISCLOSED: Rule = Rule {
    id: "SG-002",
    family: Family::Sg,
    severity: Severity::Warning,
    title: "“三公”经费说明写明团组数和人次、车辆购置数和保有量、接待批次和人次",
    why: "财政部对决算公开的检查要求：因公出国（境）要写团组数和人次，公务用车要写购置数和保有量，国内公务接待要写批次和人次。没有这些数字，公众无法判断“三公”经费花得是否合理。",
    applies_to: FINAL,
    needs: &[],
    check: check_sangong_counts_disclosed,
    fixtures: &[Fixture::fires(Y, &[("保有量为 19 辆", "保有量为若干")]), Fixture::quiet(Y), Fixture::quiet(Q), Fixture::quiet(B)],
};

fn check_sangong_counts_disclosed(doc: &crate::model::Document, sink: &mut super::Sink) {
    let n = narrative(doc);
    let Some(first) = n.sections_about(Topic::Sangong).next() else {
        sink.skip("没有找到“三公”经费情况说明".to_string());
        return;
    };
    let paragraphs: Vec<&narrative::Paragraph> = n.sections_about(Topic::Sangong).flat_map(|s| s.paragraphs.iter()).collect();
    let count = |c: &Claim, unit: &str| c.kind == ClaimKind::Count && matches!(&c.unit, Unit::Count(u) if u == unit);
    // A count whose subject names the item, and (for 人次) a 人次 count in the same paragraph.
    let named = |unit: &str, word: &str| paragraphs.iter().any(|p| p.claims.iter().any(|c| count(c, unit) && c.subject.contains(word)));
    let with_trips = |unit: &str, word: &str| {
        paragraphs
            .iter()
            .any(|p| p.claims.iter().any(|c| count(c, unit) && c.subject.contains(word)) && p.claims.iter().any(|c| count(c, "人次")))
    };
    let mut missing = Vec::new();
    if !named("个", "团组") {
        missing.push("因公出国（境）团组数");
    }
    if !with_trips("个", "团组") {
        missing.push("因公出国（境）人次");
    }
    if !named("辆", "购置") {
        missing.push("公务用车购置数");
    }
    if !named("辆", "保有量") {
        missing.push("公务用车保有量");
    }
    if !named("批次", "接待") {
        missing.push("国内公务接待批次");
    }
    if !with_trips("批次", "接待") {
        missing.push("国内公务接待人次");
    }
    if !missing.is_empty() {
        let message = format!("“三公”经费情况说明没有写明：{}。", missing.join("、"));
        sink.push(narrative_finding("SG-002", Severity::Warning, message, first.source_line));
    }
}
