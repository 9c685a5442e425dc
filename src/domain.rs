//! Facts of the disclosure domain that the readers and the rules share: the
//! 政府收支分类 classes (类) and how they are printed, how 预算 lists number
//! their items, how economic code pairs group, and which tables a budget must
//! publish.
//!
//! Pure data and functions of strings, depending on nothing but the model:
//! a reader uses them to read a table, a rule to check one, and neither has
//! to reach into the other for them.

use crate::model::TableKind;

/// The 支出功能分类 类 codes in the order 公开01表 and 公开04表 print their
/// class rows (行次 32… in 01, 33… in 04).
pub const CLASSES: [&str; 26] = [
    "201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "215", "216", "217", "219", "220", "221",
    "222", "223", "224", "229", "231", "232", "234",
];

/// The position of a 类 code in the 01/04 class rows.
pub fn class_position(code: &str) -> Option<u32> {
    CLASSES.iter().position(|c| *c == code).map(|p| p as u32)
}

/// (name, 类 code) of the 支出功能分类 classes, for two-sided tables that
/// list classes by name only ("七、社会保障和就业支出").
const CLASS_NAMES: [(&str, &str); 30] = [
    ("一般公共服务支出", "201"),
    ("外交支出", "202"),
    ("国防支出", "203"),
    ("公共安全支出", "204"),
    ("教育支出", "205"),
    ("科学技术支出", "206"),
    ("文化旅游体育与传媒支出", "207"),
    ("社会保障和就业支出", "208"),
    ("社会保险基金支出", "209"),
    ("卫生健康支出", "210"),
    ("节能环保支出", "211"),
    ("城乡社区支出", "212"),
    ("农林水支出", "213"),
    ("交通运输支出", "214"),
    ("资源勘探工业信息等支出", "215"),
    ("商业服务业等支出", "216"),
    ("金融支出", "217"),
    ("援助其他地区支出", "219"),
    ("自然资源海洋气象等支出", "220"),
    ("住房保障支出", "221"),
    ("粮油物资储备支出", "222"),
    ("国有资本经营预算支出", "223"),
    ("灾害防治及应急管理支出", "224"),
    ("预备费", "227"),
    ("其他支出", "229"),
    ("转移性支出", "230"),
    ("债务还本支出", "231"),
    ("债务付息支出", "232"),
    ("债务发行费用支出", "233"),
    ("抗疫特别国债安排的支出", "234"),
];

/// Former names of classes, for text that still uses them (TXT-010 reads
/// both; [`class_code`] only the current ones, as the tables print them).
pub const FORMER_CLASS_NAMES: [(&str, &str); 6] = [
    ("文化体育与传媒支出", "207"),
    ("医疗卫生与计划生育支出", "210"),
    ("医疗卫生支出", "210"),
    ("资源勘探信息等支出", "215"),
    ("资源勘探电力信息等支出", "215"),
    ("国土海洋气象等支出", "220"),
];

/// Every (name, 类 code), current names first, then former ones.
pub fn class_names() -> impl Iterator<Item = (&'static str, &'static str)> {
    CLASS_NAMES.iter().chain(FORMER_CLASS_NAMES.iter()).copied()
}

/// The 类 code of a class label ("七、社会保障和就业支出" → "208").
pub fn class_code(label: &str) -> Option<&'static str> {
    // The readers and rules ask this of every row of a budget's expenditure
    // tables. The label's ordinal is read by its bytes, not found by a
    // search for "、" and then decoded and looked up char by char: the
    // longest run of ordinals at the start is the part before the first
    // "、" exactly when a "、" follows it (none is inside the run).
    let n = crate::narrative::section::numeral_run(label, false, usize::MAX).0;
    let name = label.get(n..).and_then(|rest| rest.strip_prefix('、')).unwrap_or(label);
    // Every name but 预备费 ends in 支出: most other labels are turned away
    // by their last bytes, not compared with thirty names.
    if !(name.ends_with("支出") || name == "预备费") {
        return None;
    }
    CLASS_NAMES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// "一、…" "十九、…": a label that opens with a Chinese ordinal.
pub fn starts_with_ordinal(s: &str) -> bool {
    let (at, n) = crate::narrative::section::numeral_run(s, false, usize::MAX);
    n > 0 && s.get(at..).is_some_and(|r| r.starts_with('、'))
}

/// The 部门 and 政府 codes of an economic code pair ("30101/50101").
pub fn split_pair(code: &str) -> (&str, &str) {
    code.split_once('/').unwrap_or((code, ""))
}

/// Class rows (3-digit 部门 code) with the indexes of their items: the rows
/// after each up to the next class row.
pub fn pair_groups(codes: &[Option<&str>]) -> Vec<(usize, Vec<usize>)> {
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, c) in codes.iter().enumerate() {
        let Some(c) = c else { continue };
        if split_pair(c).0.len() == 3 {
            out.push((i, Vec::new()));
        } else if let Some(g) = out.last_mut() {
            g.1.push(i);
        }
    }
    out
}

/// The six value columns of a 三公 table (公开09表 and the budget's 三公
/// table), in printed order: 合计, 出国, 车小计, 购置, 运维, 接待.
pub const SANGONG_COLUMNS: [&str; 6] =
    ["合计", "因公出国（境）费", "公务用车购置及运行维护费小计", "公务用车购置费", "公务用车运行维护费", "公务接待费"];

/// The tables every budget publishes (any one kind of a group will do), with
/// the name used when one is missing. 国有资本经营、项目支出 and 政府采购 tables
/// are required in some regions only.
pub const REQUIRED_BUDGET_TABLES: [(&[TableKind], &str); 8] = [
    (&[TableKind::BSummary], "收支总表"),
    (&[TableKind::BIncome], "收入总表"),
    (&[TableKind::BExpenditure], "支出总表"),
    (&[TableKind::BFiscal], "财政拨款收支总表"),
    (&[TableKind::BGeneral], "一般公共预算支出表"),
    (&[TableKind::BBasicEcon, TableKind::BBasicGovEcon], "一般公共预算基本支出表"),
    (&[TableKind::BSangong], "一般公共预算“三公”经费支出表"),
    (&[TableKind::BFund], "政府性基金预算支出表"),
];

/// Whether a budget table is one of [`REQUIRED_BUDGET_TABLES`] (or one of
/// its forms).
pub fn required_in_budget(kind: TableKind) -> bool {
    REQUIRED_BUDGET_TABLES.iter().any(|(kinds, _)| kinds.contains(&kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_with_and_without_ordinals() {
        assert_eq!(class_code("七、社会保障和就业支出"), Some("208"));
        assert_eq!(class_code("二十、住房保障支出"), Some("221"));
        assert_eq!(class_code("卫生健康支出"), Some("210"));
        assert_eq!(class_code("本年支出合计"), None);
    }

    /// [`class_code`] as it was first written: a search for "、", the
    /// chars before it looked up one by one, then the thirty names.
    fn class_code_by_definition(label: &str) -> Option<&'static str> {
        let name = match label.find('、') {
            Some(i) if label[..i].chars().all(|c| "一二三四五六七八九十".contains(c)) => &label[i + '、'.len_utf8()..],
            _ => label,
        };
        CLASS_NAMES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
    }

    /// The byte reading of the ordinal and the test of the last bytes give
    /// what the definition gives: on every class name and former name with
    /// every kind of prefix, on every line (and cell) of every corpus
    /// fixture, and on near misses.
    #[test]
    fn class_code_is_as_defined() {
        let prefixes = [
            "",
            "七、",
            "二十、",
            "十九、",
            "、",
            "、、",
            "一二、",
            "第一、",
            "1、",
            "七",
            "（一）",
            "七、、",
            "一、二、",
            "七。",
            " 七、",
        ];
        let suffixes = ["", "、", "合计", " ", "费"];
        let mut labels: Vec<String> = Vec::new();
        for (name, _) in class_names().chain([("预备费", ""), ("支出", ""), ("备费", ""), ("其他一般公共服务支出", "")]) {
            for p in prefixes {
                for s in suffixes {
                    labels.push(format!("{p}{name}{s}"));
                }
            }
        }
        for name in crate::FIXTURES {
            for line in crate::fixture(name).lines() {
                labels.push(line.to_string());
                labels.push(line.split_whitespace().collect());
                labels.extend(line.split_whitespace().map(str::to_string));
            }
        }
        for label in &labels {
            assert_eq!(class_code(label), class_code_by_definition(label), "{label:?}");
        }
    }

    #[test]
    fn ordinals_and_pairs() {
        assert!(starts_with_ordinal("十九、其他支出"));
        assert!(!starts_with_ordinal("上年结转"));
        assert_eq!(split_pair("30101/50101"), ("30101", "50101"));
        let codes = [Some("301/501"), Some("30108/50102"), None, Some("301/505")];
        assert_eq!(pair_groups(&codes), vec![(0, vec![1]), (3, vec![])]);
    }
}
