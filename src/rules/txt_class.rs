//! TXT-001: every "…（类）" the narrative names must be a 支出功能分类 类.

use super::percent::narrative_finding;
use super::{Family, Fixture, Rule, Severity, Sink};
use crate::model::{Document, DocumentKind};

const ID: &str = "TXT-001";
const Y: &str = "yantai-office-2024-final.txt";
const Q: &str = "qingdao-office-2024-final.txt";
const B: &str = "yantai-bigdata-2023-final.txt";

/// The rule.
pub const CLASS_NAMES: Rule = Rule {
    id: ID,
    family: Family::Txt,
    severity: Severity::Error,
    title: "情况说明：“（类）”科目名称是规范的支出功能分类类级名称",
    why: "政府支出按功能分为“一般公共服务支出”“社会保障和就业支出”等二十多个“类”，名称由财政部统一规定，表格里也用同样的名称。情况说明里写出一个不存在的类名（例如把“一般公共服务支出”写成“一般公共预算服务支出”），读者就无法把文字和表格对上，也说明这段文字没有经过认真核对。",
    applies_to: &[DocumentKind::FinalAccounts, DocumentKind::Budget],
    needs: &[],
    check,
    fixtures: &[Fixture::fires(Y, &[]), Fixture::quiet(Q), Fixture::quiet(B)],
};

/// TXT-003: a 款 called "（类）".
pub const LEVEL_LABELS: Rule = Rule {
    id: "TXT-003",
    family: Family::Txt,
    severity: Severity::Warning,
    title: "情况说明：款级科目没有标成“（类）”",
    why: "支出功能分类分“类、款、项”三级，情况说明用“（类）（款）（项）”标明层级，读者据此在表格中找到对应的行。把“住房改革支出”这样的款级科目写成“住房改革支出（类）”，层级就对不上表格，也说明文字套用模板时没有核对。",
    applies_to: &[DocumentKind::FinalAccounts, DocumentKind::Budget],
    needs: &[],
    check: check_levels,
    fixtures: &[
        Fixture::fires(Y, &[("住房保障支出（类）住房改革支出（款）", "住房保障支出（类）住房改革支出（类）")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
    ],
};

fn check_levels(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    let old = doc.info.year.is_some_and(|y| y < 2019);
    for (_, p) in n.paragraphs() {
        for (at, name) in class_mentions(&p.text) {
            if matches_list(&name, &CLASSES) {
                continue;
            }
            let Some((_, class)) = kuan_of(&name) else { continue };
            let class = if old && class == "卫生健康支出" { "医疗卫生与计划生育支出" } else { class };
            sink.push(narrative_finding(
                "TXT-003",
                Severity::Warning,
                format!("“{name}”是“{class}”类下的款级科目，文中标为“（类）”，层级标注有误。"),
                p.line_at(at),
            ));
        }
    }
}

/// TXT-004: a 类 name that is not the one in force in the document's year.
pub const CLASS_YEARS: Rule = Rule {
    id: "TXT-004",
    family: Family::Txt,
    severity: Severity::Warning,
    title: "支出功能分类类级名称与年度相符",
    why: "政府收支分类科目每年由财政部修订。2019年起，210类“医疗卫生与计划生育支出”改为“卫生健康支出”，207类“文化体育与传媒支出”改为“文化旅游体育与传媒支出”，220类“国土海洋气象等支出”改为“自然资源海洋气象等支出”，并新设224类“灾害防治及应急管理支出”。公开文件用了已经废止的名称（或者用了当年还不存在的名称），说明表格或文字沿用了旧模板，科目可能没有按当年的分类填列。",
    applies_to: &[DocumentKind::FinalAccounts, DocumentKind::Budget],
    needs: &[],
    check: check_years,
    fixtures: &[
        Fixture::fires(Y, &[("卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）", "医疗卫生与计划生育支出（类）行政事业单位医疗（款）行政单位医疗（项）")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
        Fixture::quiet("yantai-office-2023-budget.txt"),
        Fixture::quiet("qingdao-office-2023-budget.txt"),
    ],
};

fn check_years(doc: &Document, sink: &mut Sink) {
    let Some(year) = doc.info.year else {
        sink.skip("没有识别出文件年度，无法核对科目名称是否为当年名称".into());
        return;
    };
    // Every line of the document: a table printed with the old template is as
    // much out of date as a sentence.
    let mut seen: Vec<(String, usize, usize)> = Vec::new(); // name, first line, count
    for line in &doc.lines {
        for (name, last, code) in FORMER.iter().filter_map(|(n, last, c)| last.map(|l| (*n, l, *c))) {
            // "医疗卫生支出" is also plain prose; only the marked form counts.
            let needle = if name == "医疗卫生支出" { "医疗卫生支出（类）" } else { name };
            if year > last && line.text.contains(needle) {
                note(&mut seen, format!("{name}|{code}|{last}|old"), line.no);
            }
        }
        for (name, first, code) in INTRODUCED {
            if year < first && line.text.contains(name) {
                note(&mut seen, format!("{name}|{code}|{first}|new"), line.no);
            }
        }
    }
    for (key, line, count) in seen {
        let parts: Vec<&str> = key.split('|').collect();
        let [name, code, y, what] = parts[..] else { continue };
        let times = if count > 1 { format!("（共{count}处）") } else { String::new() };
        let message = if what == "old" {
            let now = INTRODUCED.iter().find(|(_, _, c)| *c == code).map_or(String::new(), |(n, f, _)| format!("，{f}年起为“{n}”"));
            format!("{year}年度的文件使用了{code}类的旧名称“{name}”{times}；该名称只用到{y}年{now}。")
        } else {
            format!("{year}年度的文件使用了{code}类名称“{name}”{times}，但该名称自{y}年起才启用，请核对文件年度或科目名称。")
        };
        sink.push(narrative_finding("TXT-004", Severity::Warning, message, line));
    }
}

fn note(seen: &mut Vec<(String, usize, usize)>, key: String, line: usize) {
    match seen.iter_mut().find(|(k, _, _)| *k == key) {
        Some(e) => e.2 += 1,
        None => seen.push((key, line, 1)),
    }
}

/// TXT-010: a 类 the narrative names differently from the tables.
pub const CLASS_AS_TABLES: Rule = Rule {
    id: "TXT-010",
    family: Family::Txt,
    severity: Severity::Warning,
    title: "情况说明中的类级科目名称与表格一致",
    why: "同一个支出功能分类“类”（例如210类），情况说明和表格应当用同一个名称。文字写“医疗卫生与计划生育支出”、表格写“卫生健康支出”，说明两部分套用了不同年度的模板，读者也难以把文字和表格对上。",
    applies_to: &[DocumentKind::FinalAccounts, DocumentKind::Budget],
    needs: &[],
    check: check_as_tables,
    fixtures: &[
        Fixture::fires(Y, &[("卫生健康(类)支出 208.93 万元", "医疗卫生与计划生育(类)支出 208.93 万元")]),
        Fixture::quiet(Y),
        Fixture::quiet(Q),
        Fixture::quiet(B),
        Fixture::quiet("yantai-office-2023-budget.txt"),
        Fixture::quiet("qingdao-office-2023-budget.txt"),
    ],
};

/// Codes of the 类 by name, current and former.
const CODES: [(&str, &str); 33] = [
    ("一般公共服务支出", "201"),
    ("外交支出", "202"),
    ("国防支出", "203"),
    ("公共安全支出", "204"),
    ("教育支出", "205"),
    ("科学技术支出", "206"),
    ("文化旅游体育与传媒支出", "207"),
    ("文化体育与传媒支出", "207"),
    ("社会保障和就业支出", "208"),
    ("卫生健康支出", "210"),
    ("医疗卫生与计划生育支出", "210"),
    ("医疗卫生支出", "210"),
    ("节能环保支出", "211"),
    ("城乡社区支出", "212"),
    ("农林水支出", "213"),
    ("交通运输支出", "214"),
    ("资源勘探工业信息等支出", "215"),
    ("资源勘探信息等支出", "215"),
    ("资源勘探电力信息等支出", "215"),
    ("商业服务业等支出", "216"),
    ("金融支出", "217"),
    ("援助其他地区支出", "219"),
    ("自然资源海洋气象等支出", "220"),
    ("国土海洋气象等支出", "220"),
    ("住房保障支出", "221"),
    ("粮油物资储备支出", "222"),
    ("国有资本经营预算支出", "223"),
    ("灾害防治及应急管理支出", "224"),
    ("预备费", "227"),
    ("其他支出", "229"),
    ("转移性支出", "230"),
    ("债务还本支出", "231"),
    ("债务付息支出", "232"),
];

fn check_as_tables(doc: &Document, sink: &mut Sink) {
    use crate::model::TableKind;
    // The tables that list 类 by code.
    let kinds = [
        TableKind::F01,
        TableKind::F03,
        TableKind::F05,
        TableKind::F07,
        TableKind::F08,
        TableKind::BGeneral,
        TableKind::BExpenditure,
        TableKind::BFund,
        TableKind::BCapital,
    ];
    let table_name = |code: &str| -> Option<String> {
        kinds
            .iter()
            .filter_map(|k| doc.table(*k))
            .flat_map(|t| t.rows.iter())
            .find(|r| r.code.as_deref() == Some(code))
            .map(|r| r.label.clone())
    };
    let n = &doc.narrative;
    let mut seen: Vec<String> = Vec::new();
    for (_, p) in n.paragraphs() {
        for (at, name) in class_mentions(&p.text) {
            let Some((_, code)) = CODES.iter().find(|(k, _)| same_name(k, &name)) else { continue };
            let Some(label) = table_name(code) else { continue };
            if same_name(&label, &name) || seen.contains(&name) {
                continue;
            }
            seen.push(name.clone());
            sink.push(narrative_finding(
                "TXT-010",
                Severity::Warning,
                format!("情况说明写“{name}（类）”，而表格中{code}类的名称是“{label}”。"),
                p.line_at(at),
            ));
        }
    }
}

/// The 类 of the 政府收支分类科目/// The 类 of the 政府收支分类科目 支出功能分类 (2024), as 公开01表 lists them,
/// plus the three classes that only governments (not departments) use.
const CLASSES: [&str; 29] = [
    "一般公共服务支出",
    "外交支出",
    "国防支出",
    "公共安全支出",
    "教育支出",
    "科学技术支出",
    "文化旅游体育与传媒支出",
    "社会保障和就业支出",
    "卫生健康支出",
    "节能环保支出",
    "城乡社区支出",
    "农林水支出",
    "交通运输支出",
    "资源勘探工业信息等支出",
    "商业服务业等支出",
    "金融支出",
    "援助其他地区支出",
    "自然资源海洋气象等支出",
    "住房保障支出",
    "粮油物资储备支出",
    "国有资本经营预算支出",
    "灾害防治及应急管理支出",
    "其他支出",
    "债务还本支出",
    "债务付息支出",
    "抗疫特别国债安排的支出",
    "预备费",
    "转移性支出",
    "债务发行费用支出",
];

/// Names of 类 used in earlier years' classifications, with the last year they
/// were in force (the 2019 classification renamed 207, 210, 215 and 220) and
/// the code. Not an error in a disclosure of their years; see [`CLASS_YEARS`].
pub const FORMER: [(&str, Option<u16>, &str); 6] = [
    ("医疗卫生与计划生育支出", Some(2018), "210"),
    ("医疗卫生支出", Some(2013), "210"),
    ("文化体育与传媒支出", Some(2018), "207"),
    ("国土海洋气象等支出", Some(2018), "220"),
    // 2019 Jiangsu budgets still print 资源勘探信息等支出 beside 卫生健康支出:
    // the 215 rename year is not settled here, so it is never flagged by year.
    ("资源勘探信息等支出", None, "215"),
    ("资源勘探电力信息等支出", None, "215"),
];

/// Current 类 names that did not exist before the 2019 classification, with
/// their first year and the name they replaced (None for a new class).
pub const INTRODUCED: [(&str, u16, &str); 4] = [
    ("卫生健康支出", 2019, "210"),
    ("文化旅游体育与传媒支出", 2019, "207"),
    ("自然资源海洋气象等支出", 2019, "220"),
    ("灾害防治及应急管理支出", 2019, "224"),
];

/// 类 of the 支出经济分类 (部门经济分类 301–399 and 政府经济分类 501–599):
/// a narrative about 基本支出 by economic class rightly calls them 类.
const ECONOMIC: [&str; 21] = [
    "工资福利支出",
    "商品和服务支出",
    "对个人和家庭的补助",
    "对企业补助",
    "对企事业单位的补贴",
    "债务利息及费用支出",
    "资本性支出",
    "资本性支出（基本建设）",
    "基本建设支出",
    "其他资本性支出",
    "对社会保障基金补助",
    "机关工资福利支出",
    "机关商品和服务支出",
    "机关资本性支出（一）",
    "机关资本性支出（二）",
    "对事业单位经常性补助",
    "对事业单位资本性补助",
    "对企业资本性支出",
    "转移性支出",
    "预备费及预留",
    "其他支出",
];

/// 款 of the 支出功能分类 that narratives often mislabel "（类）", with their
/// 类: "行政事业单位离退休（类）未归口管理的行政单位离退休支出（项）".
pub const KUAN: [(&str, &str); 30] = [
    ("行政事业单位离退休", "社会保障和就业支出"),
    ("行政事业单位养老支出", "社会保障和就业支出"),
    ("就业补助", "社会保障和就业支出"),
    ("抚恤", "社会保障和就业支出"),
    ("退役安置", "社会保障和就业支出"),
    ("社会福利", "社会保障和就业支出"),
    ("人力资源和社会保障管理事务", "社会保障和就业支出"),
    ("住房改革支出", "住房保障支出"),
    ("保障性安居工程支出", "住房保障支出"),
    ("城乡社区住宅", "住房保障支出"),
    ("行政事业单位医疗", "卫生健康支出"),
    ("医疗保障", "医疗卫生与计划生育支出"),
    ("公共卫生", "卫生健康支出"),
    ("人大事务", "一般公共服务支出"),
    ("政协事务", "一般公共服务支出"),
    ("政府办公厅（室）及相关机构事务", "一般公共服务支出"),
    ("党委办公厅（室）及相关机构事务", "一般公共服务支出"),
    ("发展与改革事务", "一般公共服务支出"),
    ("统计信息事务", "一般公共服务支出"),
    ("财政事务", "一般公共服务支出"),
    ("税收事务", "一般公共服务支出"),
    ("审计事务", "一般公共服务支出"),
    ("人力资源事务", "一般公共服务支出"),
    ("纪检监察事务", "一般公共服务支出"),
    ("商贸事务", "一般公共服务支出"),
    ("检察", "公共安全支出"),
    ("法院", "公共安全支出"),
    ("司法", "公共安全支出"),
    ("公安", "公共安全支出"),
    ("教育管理事务", "教育支出"),
];

/// Words that may stand between the punctuation and a class name.
const FILLERS: [&str; 7] = ["主要用于以下方面", "主要用于", "用于", "其中", "包括", "主要是", "主要"];

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

fn matches_list(name: &str, list: &[&str]) -> bool {
    list.iter().any(|k| same_name(k, name))
}

/// A class name with or without its "支出" ("一般公共服务" = "一般公共服务支出",
/// "对个人和家庭的补助支出" = "对个人和家庭的补助").
fn same_name(canonical: &str, name: &str) -> bool {
    let bare = |s: &str| s.strip_suffix("支出").unwrap_or(s).to_string();
    canonical == name || bare(canonical) == bare(name)
}

/// The 款 a name is, with its 类.
pub fn kuan_of(name: &str) -> Option<(&'static str, &'static str)> {
    KUAN.iter().copied().find(|(k, _)| same_name(k, name))
}

/// A former class name, with its last year and code.
pub fn former_of(name: &str) -> Option<(&'static str, Option<u16>, &'static str)> {
    FORMER.iter().copied().find(|(k, _, _)| same_name(k, name))
}

/// The longest common subsequence length, for suggesting the intended name.
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut prev = 0;
        for (j, &y) in b.iter().enumerate() {
            let keep = row[j + 1];
            row[j + 1] = if x == y { prev + 1 } else { row[j + 1].max(row[j]) };
            prev = keep;
        }
    }
    row[b.len()]
}

fn suggestion(name: &str) -> Option<&'static str> {
    let a: Vec<char> = name.chars().collect();
    CLASSES
        .iter()
        .map(|k| {
            let b: Vec<char> = k.chars().collect();
            (lcs(&a, &b), b.len(), *k)
        })
        .filter(|(l, n, _)| *l * 10 >= *n * 7)
        .max_by_key(|(l, _, _)| *l)
        .map(|(_, _, k)| k)
}

/// Every "名称（类）" of a text: (char offset of the name, the name).
pub fn class_mentions(text: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for k in 0..chars.len() {
        let open = chars[k];
        if !matches!(open, '（' | '(') || chars.get(k + 1) != Some(&'类') || !matches!(chars.get(k + 2), Some('）' | ')')) {
            continue;
        }
        let mut s = k;
        while s > 0 && (is_cjk(chars[s - 1]) || chars[s - 1] == ' ') {
            s -= 1;
        }
        let mut name: String = chars[s..k].iter().filter(|c| **c != ' ').collect();
        let mut start = s;
        while chars.get(start) == Some(&' ') {
            start += 1;
        }
        // "1,131.92 万元\n商品和服务支出（类）": the unit of the number before is not part of the name.
        for u in ["万元", "元"] {
            if let Some(rest) = name.strip_prefix(u) {
                start += u.chars().count();
                name = rest.to_string();
                break;
            }
        }
        for f in FILLERS {
            if let Some(rest) = name.strip_prefix(f) {
                start += f.chars().count();
                name = rest.to_string();
                break;
            }
        }
        if !name.is_empty() {
            out.push((start, name));
        }
    }
    out
}

fn check(doc: &Document, sink: &mut Sink) {
    let n = &doc.narrative;
    for (_, p) in n.paragraphs() {
        for (at, name) in class_mentions(&p.text) {
            // Current, economic, former (TXT-004) and 款 names (TXT-003) are not invented.
            if matches_list(&name, &CLASSES) || matches_list(&name, &ECONOMIC) || former_of(&name).is_some() || kuan_of(&name).is_some() {
                continue;
            }
            let line = p.line_at(at);
            let hint = suggestion(&name).map(|s| format!("，可能应为“{s}（类）”")).unwrap_or_default();
            sink.push(narrative_finding(ID, Severity::Error, format!("“{name}（类）”不是支出功能分类中的类级科目名称{hint}。"), line));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(usize, String)> {
        let doc = crate::read(text);
        let mut sink = super::super::percent::test_sink(ID);
        check(&doc, &mut sink);
        sink.findings.into_iter().map(|f| (f.source_line.unwrap_or(0), f.message)).collect()
    }

    #[test]
    fn fires_on_an_invented_class_name() {
        let got = run("五、一般公共预算财政拨款支出决算情况说明\n1、一般公共预算服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。年初预算为 2,333.44 万元。");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, 2);
        assert!(got[0].1.contains("可能应为“一般公共服务支出（类）”"), "{}", got[0].1);
    }

    #[test]
    fn accepts_canonical_names_with_or_without_zhichu_and_wrapped() {
        let text = "五、一般公共预算财政拨款支出决算情况\n主要用于以下方面：一般公共服务(类)支出 8,602.95 万元，占 85.66%；住房\n\n保障（类）支出634.45万元；资源\n勘探工业信息等（类）支出 8,772.92 万元；其他(类)支出 280.68 万元。\n1.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）。";
        assert!(run(text).is_empty(), "{:?}", run(text));
    }

    #[test]
    fn mentions_skip_fillers() {
        assert_eq!(class_mentions("其中一般公共服务（类）"), vec![(2, "一般公共服务".to_string())]);
        assert!(class_mentions("（其他运转类和特定目标类）").is_empty());
    }
}
