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

/// The 类 of the 政府收支分类科目 支出功能分类 (2024), as 公开01表 lists them,
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

/// Names of 类 used in earlier years' classifications: not an error in an old
/// disclosure, but worth a note in a current one.
const FORMER: [&str; 6] = ["医疗卫生与计划生育支出", "医疗卫生支出", "文化体育与传媒支出", "国土海洋气象等支出", "资源勘探电力信息等支出", "粮油物资储备事务支出"];

/// Words that may stand between the punctuation and a class name.
const FILLERS: [&str; 7] = ["主要用于以下方面", "主要用于", "用于", "其中", "包括", "主要是", "主要"];

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

fn matches_list(name: &str, list: &[&str]) -> bool {
    list.iter().any(|k| *k == name || k.strip_suffix("支出") == Some(name))
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
    let n = crate::narrative::cached(&doc.lines);
    for (_, p) in n.paragraphs() {
        for (at, name) in class_mentions(&p.text) {
            if matches_list(&name, &CLASSES) {
                continue;
            }
            let line = p.line_at(at);
            if matches_list(&name, &FORMER) {
                sink.push(narrative_finding(
                    ID,
                    Severity::Info,
                    format!("“{name}（类）”是以前年度的支出功能分类类级名称，请核对是否应使用现行名称。"),
                    line,
                ));
                continue;
            }
            let hint = suggestion(&name).map(|s| format!("，可能应为“{s}（类）”")).unwrap_or_default();
            sink.push(narrative_finding(
                ID,
                Severity::Error,
                format!("“{name}（类）”不是支出功能分类中的类级科目名称{hint}。"),
                line,
            ));
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
