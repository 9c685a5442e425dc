//! The narrative (第三部分 情况说明) on the five corpus documents: paragraphs,
//! claims with their source lines, and the narrative-only rules firing exactly
//! on the known defects and nowhere else.

mod common;
use common::*;

use gongkai::narrative::{self, sangong, ClaimKind, Direction, Money, Narrative, RepairKind, Topic, Unit};
use gongkai::rules::Severity::{self, Error, Info, Warning};
use proptest::prelude::*;

const Y: &str = "yantai-office-2024-final.txt";
const Q: &str = "qingdao-office-2024-final.txt";
const B: &str = "yantai-bigdata-2023-final.txt";
const YB: &str = "yantai-office-2023-budget.txt";
const QB: &str = "qingdao-office-2023-budget.txt";
const ALL: [&str; 5] = [Y, Q, B, YB, QB];

fn read(name: &str) -> Narrative {
    let text = std::fs::read_to_string(fixture(name)).expect("fixture");
    narrative::claims(&gongkai::text::normalise(&text))
}

/// (kind, value, unit, source line, subject) of every claim.
fn claims(n: &Narrative) -> Vec<(ClaimKind, Option<String>, Unit, usize, String)> {
    n.claims().map(|(_, _, c)| (c.kind.clone(), c.value.map(|v| v.to_string()), c.unit.clone(), c.source_line, c.subject.clone())).collect()
}

fn find<'a>(
    all: &'a [(ClaimKind, Option<String>, Unit, usize, String)],
    value: &str,
    line: usize,
) -> &'a (ClaimKind, Option<String>, Unit, usize, String) {
    all.iter().find(|c| c.1.as_deref() == Some(value) && c.3 == line).unwrap_or_else(|| panic!("no claim {value} at L{line}"))
}

#[test]
fn the_narrative_part_is_found_after_the_table_of_contents() {
    let spans: Vec<Option<(usize, usize)>> = ALL.iter().map(|n| read(n).span).collect();
    assert_eq!(spans, vec![Some((403, 612)), Some((607, 946)), Some((776, 1254)), Some((986, 1796)), Some((1385, 2387))]);
}

#[test]
fn sections_are_found_by_keyword_not_by_ordinal() {
    use Topic::*;
    let topics = |name| read(name).sections.iter().map(|s| s.topic).collect::<Vec<_>>();
    let final_y = vec![
        Preamble,
        Overall,
        Income,
        Expenditure,
        FiscalOverall,
        GeneralBudget,
        Basic,
        Fund,
        StateCapital,
        Sangong,
        Operating,
        Procurement,
        Assets,
        Performance,
    ];
    assert_eq!(topics(Y), final_y);
    assert_eq!(topics(B), final_y);
    // Q: 十、其他重要事项 holds (一) 机关运行经费, (二) 政府采购, (三) 国有资产:
    // the same sections, with an Other heading before 机关运行经费.
    let mut final_q = final_y.clone();
    let operating = final_q.iter().position(|t| *t == Operating).unwrap();
    final_q.insert(operating, Other);
    assert_eq!(topics(Q), final_q);
    assert_eq!(topics(YB), vec![Preamble, Overall, Sangong, Operating, Procurement, Assets, Performance, Other]);
}

#[test]
fn qingdao_spaced_digits_are_read_on_their_line() {
    let n = read(Q);
    let all = claims(&n);
    let c = find(&all, "17127.83", 623);
    assert_eq!((&c.0, &c.2, c.4.as_str()), (&ClaimKind::Amount, &Unit::Money(Money::Wan), "本年收入合计"));
    let r: Vec<(RepairKind, usize, &str, &str)> = n.repairs.iter().map(|r| (r.kind, r.line, r.before.as_str(), r.after.as_str())).collect();
    assert_eq!(r, vec![(RepairKind::SpacedDigits, 623, "17,12 7 . 8 3", "17,127.83")]);
}

#[test]
fn qingdao_a_number_and_its_unit_on_different_lines() {
    let all = claims(&read(Q));
    // "大通关补助专项资金减少了1244" (L615) / "万元" (L617).
    let c = find(&all, "1244", 615);
    assert_eq!((&c.0, &c.2, c.4.as_str()), (&ClaimKind::Change(Direction::Down), &Unit::Money(Money::Wan), "大通关补助专项资金"));
    // "占" (L661) / "90.47%；" (L663).
    assert_eq!(find(&all, "90.47", 663).0, ClaimKind::Share { base: None });
    // "工程采购…占工程支" (L803) / "出金额的100%" (L805).
    assert_eq!(find(&all, "100", 805).0, ClaimKind::Share { base: Some("工程支出金额".into()) });
}

#[test]
fn yantai_trailing_zeros_ascii_commas_and_year_on_year() {
    let all = claims(&read(Y));
    // "10,236.7" keeps one decimal.
    assert_eq!(find(&all, "10236.7", 463).0, ClaimKind::Amount);
    // "620.98 万元,比年初预算数减少 4.12 万元,下降 0.66%": ASCII commas are punctuation.
    assert_eq!(find(&all, "620.98", 565).4, "机关运行经费支出");
    assert_eq!(find(&all, "4.12", 565).0, ClaimKind::Change(Direction::Down));
    assert_eq!(find(&all, "0.66", 565).0, ClaimKind::ChangePercent(Direction::Down));
    assert_eq!(find(&all, "5.04", 408).0, ClaimKind::ChangePercent(Direction::Up));
    assert_eq!(find(&all, "113.59", 493).0, ClaimKind::Completion);
    assert!(all.iter().any(|c| c.0 == ClaimKind::NoBudget && c.3 == 501));
    assert!(all.iter().any(|c| c.0 == ClaimKind::Flat { basic: false } && c.3 == 430));
    // The 项 path on L509 and its amounts on L511 are one paragraph.
    let n = read(Y);
    let p = n.paragraphs().map(|(_, p)| p).find(|p| p.first_line() == 509).expect("L509 paragraph");
    let got: Vec<(Option<String>, usize)> = p.claims.iter().map(|c| (c.value.map(|v| v.to_string()), c.source_line)).collect();
    assert_eq!(got, vec![(Some("0".into()), 511), (Some("48.29".into()), 511), (None, 511)]);
}

#[test]
fn yantai_latex_is_read_as_what_it_prints() {
    let n = read(Y);
    let p = n.paragraphs().map(|(_, p)| p).find(|p| p.first_line() == 597).expect("L597 paragraph");
    assert!(p.text.contains("参与率 ≥95% ，"), "{}", p.text);
    assert_eq!(n.repairs.iter().filter(|r| r.kind == RepairKind::Latex && r.line == 597).count(), 2);
}

#[test]
fn sangong_counts() {
    let v = |f: Option<sangong::Fact>| f.map(|f| (f.value.to_string(), f.line));
    let y = sangong::facts(&read(Y));
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
    let q = sangong::facts(&read(Q));
    assert_eq!(v(q.abroad_spent), Some(("87.6".into(), 748)));
    assert_eq!(v(q.abroad_groups), Some(("0".into(), 752)));
    assert_eq!(v(q.abroad_persons), Some(("15".into(), 752)));
    assert_eq!(v(q.reception_batches), Some(("389".into(), 778)));
    assert_eq!(v(q.reception_persons), Some(("4886".into(), 778)));
    assert_eq!(v(q.fleet), Some(("27".into(), 770)));
    let b = sangong::facts(&read(B));
    assert_eq!(v(b.abroad_spent), Some(("0".into(), 994)));
    assert_eq!(v(b.purchased), Some(("0".into(), 1008)));
    assert_eq!(v(b.reception_batches), Some(("27".into(), 1026)));
    assert_eq!(v(b.reception_persons), Some(("299".into(), 1026)));
}

#[test]
fn years_dates_codes_and_phone_numbers_are_never_claims() {
    for name in ALL {
        for (_, _, c) in read(name).claims() {
            let p = c.printed.as_str();
            let year_like = p.len() == 4 && p.starts_with("20") && !p.contains(['.', ',']);
            assert!(!(year_like && c.unit != Unit::Count("个".into())), "{name} L{}: {p} {:?}", c.source_line, c.unit);
            assert!(p.len() < 7 || p.contains(['.', ',']), "{name} L{}: code-like {p}", c.source_line);
        }
    }
}

#[test]
fn claims_per_document() {
    let counts: Vec<usize> = ALL.iter().map(|n| read(n).claims().count()).collect();
    assert_eq!(counts, vec![190, 131, 174, 93, 108]);
}

/// The narrative-only rules.
const RULES: [&str; 7] = ["NAR-008", "NAR-014", "NAR-018", "SG-001", "PLA-002", "TXT-001", "TXT-002"];

/// (rule, severity, source line) of every narrative-rule finding.
fn narrative_findings(name: &str) -> Vec<(&'static str, Severity, usize)> {
    let r = check_fixture(name);
    let mut got: Vec<_> =
        r.findings.iter().filter(|f| RULES.contains(&f.rule)).map(|f| (f.rule, f.severity, f.source_line.unwrap_or(0))).collect();
    got.sort();
    got
}

#[test]
fn narrative_rules_fire_exactly_on_the_known_defects() {
    // Y: "一般公共预算服务支出（类）" twice; "implementation" in 第一部分; LaTeX.
    assert_eq!(
        narrative_findings(Y),
        vec![("TXT-001", Error, 495), ("TXT-001", Error, 497), ("TXT-002", Warning, 55), ("TXT-002", Info, 597)]
    );
    // Q: 团组0个 with 87.60 万元; 工程采购 100% of 工程支出 0 万元.
    assert_eq!(narrative_findings(Q), vec![("PLA-002", Warning, 805), ("SG-001", Error, 752)]);
    // B: 中小企业 shares that add up to the 小微 amount; 部门评价 claimed and denied.
    assert_eq!(narrative_findings(B), vec![("NAR-014", Error, 1045), ("NAR-018", Error, 1250)]);
    assert_eq!(narrative_findings(YB), vec![]);
    assert_eq!(narrative_findings(QB), vec![]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_reads_without_panicking(lines in proptest::collection::vec("[第三四部分一二、（）()类1-9 0.,，。；：%万元增加减少下降增长占的团组个人次批次辆$\\\\geq年初无预算与上年持平]{0,50}", 0..40)) {
        let text = lines.join("\n");
        let n = narrative::claims(&gongkai::text::normalise(&text));
        for (_, p, c) in n.claims() {
            prop_assert!(c.start <= c.end);
            prop_assert!(c.end <= p.text.chars().count());
        }
        let _ = gongkai::check_text("fuzz", &text);
    }
}
