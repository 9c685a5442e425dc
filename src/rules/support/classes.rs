//! What TXT-001, TXT-003, TXT-004, TXT-010 share (formerly in
//! `src/rules/txt_class.rs`).
//!
//! The 类 and 款 names of the 支出功能分类 (and the ones in force before), and
//! the "…（类）" names a narrative text mentions.

use crate::rules::support::text::CharFinder;

/// The 类 of the 政府收支分类科目 支出功能分类 (2024), as 公开01表 lists them,
/// plus the three classes that only governments (not departments) use.
pub(crate) const CLASSES: [&str; 29] = [
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
/// the code. Not an error in a disclosure of their years; see `CLASS_YEARS`.
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

/// 款 of the 支出功能分类 that narratives often mislabel "（类）", with their
/// 类: "行政事业单位医疗（类）行政单位医疗（项）".
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

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

pub(crate) fn matches_list(name: &str, list: &[&str]) -> bool {
    list.iter().any(|k| same_name(k, name))
}

/// A class name with or without its "支出" ("一般公共服务" = "一般公共服务支出",
/// "对个人和家庭的补助支出" = "对个人和家庭的补助").
pub(crate) fn same_name(canonical: &str, name: &str) -> bool {
    // Compared as slices: no copy of either name.
    canonical == name || bare(canonical) == bare(name)
}

/// A name without its "支出".
fn bare(s: &str) -> &str {
    s.strip_suffix("支出").unwrap_or(s)
}

/// The 款 a name is, with its 类.
pub fn kuan_of(name: &str) -> Option<(&'static str, &'static str)> {
    KUAN.iter().copied().find(|(k, _)| same_name(k, name))
}

/// A "名称（类）" of the narrative: (the paragraph's index in
/// `Narrative::paragraphs` order, char offset of the name, the name).
pub(crate) type Mention = (usize, usize, String);

impl crate::rules::Sink {
    /// Every "名称（类）" of the narrative with its paragraph, in order:
    /// [`class_mentions`] of each paragraph. Searched for once per run, on the
    /// first call, and read back by the other rules (TXT-001, TXT-003,
    /// TXT-010 ask it of every paragraph).
    pub(crate) fn class_mentions<'d>(&mut self, doc: &'d crate::model::Document) -> Vec<(&'d crate::narrative::Paragraph, usize, String)> {
        let paragraphs = || doc.narrative.paragraphs().map(|(_, p)| p).enumerate();
        let found = self.class_mentions.get_or_insert_with(|| {
            paragraphs().flat_map(|(k, p)| class_mentions(&p.text).into_iter().map(move |(at, name)| (k, at, name))).collect()
        });
        let mut found = found.iter().peekable();
        let mut out = Vec::new();
        for (k, p) in paragraphs() {
            while let Some((_, at, name)) = found.next_if(|m| m.0 == k) {
                out.push((p, *at, name.clone()));
            }
        }
        out
    }
}

/// Every "名称（类）" of a text: (char offset of the name, the name).
pub fn class_mentions(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    // Every mention has a 类 between brackets: the 类s are found by a byte
    // search and only around them are chars read (three rules ask this of
    // every paragraph; most hold no mention). Chars are counted only up to a
    // mention's name, from the last one counted.
    let (mut counted_b, mut counted_k) = (0usize, 0usize);
    static CLASS: CharFinder = CharFinder::new("类");
    for j in CLASS.in_text(text) {
        let (Some(head), Some(tail)) = (text.get(..j), text.get(j + '类'.len_utf8()..)) else { continue };
        let Some(open) = head.chars().next_back().filter(|c| matches!(c, '（' | '(')) else { continue };
        if !matches!(tail.chars().next(), Some('）' | ')')) {
            continue;
        }
        let head = &head[..head.len() - open.len_utf8()];
        // The name: the CJK chars and spaces just before the bracket.
        let sb = head.char_indices().rev().take_while(|(_, c)| is_cjk(*c) || *c == ' ').last().map_or(head.len(), |(b, _)| b);
        let run = &head[sb..];
        let mut name: String = run.chars().filter(|c| *c != ' ').collect();
        // "1,248.36 万元\n商品和服务支出（类）": the unit of the number before is not part of the name.
        let unit = ["万元", "元"].into_iter().find(|u| name.starts_with(u)).unwrap_or("");
        let filler = FILLERS.into_iter().find(|f| name[unit.len()..].starts_with(f)).unwrap_or("");
        name.drain(..unit.len() + filler.len());
        // The name starts at the first kept char after the stripped words,
        // found among the chars: those words may hold a space ("万 元").
        let dropped = unit.chars().count() + filler.chars().count();
        let Some(skip) = run.chars().enumerate().filter(|(_, c)| *c != ' ').nth(dropped).map(|(i, _)| i) else { continue };
        // Mentions come in order and a name never reaches back past the
        // bracket of the one before, so the count only moves forward.
        if sb < counted_b {
            (counted_b, counted_k) = (0, 0);
        }
        counted_k += text.get(counted_b..sb).map_or(0, |t| t.chars().count());
        counted_b = sb;
        out.push((counted_k + skip, name));
    }
    out
}

/// [`class_mentions`] as first written, over every char: the definition the
/// test holds the byte search to.
#[cfg(test)]
fn class_mentions_by_chars(text: &str) -> Vec<(usize, String)> {
    if !text.contains('类') {
        return Vec::new();
    }
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
        let unit = ["万元", "元"].into_iter().find(|u| name.starts_with(u)).unwrap_or("");
        let filler = FILLERS.into_iter().find(|f| name[unit.len()..].starts_with(f)).unwrap_or("");
        name.drain(..unit.len() + filler.len());
        let dropped = unit.chars().count() + filler.chars().count();
        if let Some(start) = (s..k).filter(|&j| chars[j] != ' ').nth(dropped) {
            out.push((start, name));
        }
    }
    out
}

/// Words that may stand between the punctuation and a class name.
pub(crate) const FILLERS: [&str; 7] = ["主要用于以下方面", "主要用于", "用于", "其中", "包括", "主要是", "主要"];

#[cfg(test)]
mod tests {
    use super::{class_mentions, class_mentions_by_chars};

    #[test]
    fn the_byte_search_finds_what_the_char_scan_finds() {
        let pieces = [
            "（类）",
            "(类)",
            "（类)",
            "(类）",
            "（类",
            "类）",
            "类",
            "（",
            "）",
            "(",
            ")",
            " ",
            "万元",
            "万 元",
            "元",
            "主要用于",
            "用于",
            "其中",
            "教育支出",
            "一般公共服务",
            "1,248.36",
            "。",
            "、",
            "a",
            "类类",
            "（（类））",
        ];
        let mut texts = crate::text::stream::sample_texts(&pieces, 400);
        texts.extend(["（类）", " （类）", "万元（类）", "主要用于（类）", "元 用于 教育（类）(类)"].map(String::from));
        for text in texts {
            assert_eq!(class_mentions(&text), class_mentions_by_chars(&text), "{text:?}");
        }
    }

    #[test]
    fn a_stripped_unit_with_a_space_in_it_moves_the_offset_past_the_space() {
        // "万 元" is three chars: the name starts at 商 (12), not at 元 (11).
        assert_eq!(class_mentions("1,248.36 万 元商品和服务支出（类）"), vec![(12, "商品和服务支出".to_string())]);
        assert_eq!(class_mentions("1,248.36 万元 商品和服务支出（类）"), vec![(12, "商品和服务支出".to_string())]);
        assert_eq!(class_mentions("。 主 要用于 教育支出（类）"), vec![(8, "教育支出".to_string())]);
        assert!(class_mentions("万 元（类）").is_empty());
    }

    #[test]
    fn a_name_after_a_wrapped_unit_is_reported_on_its_own_line() {
        // The amount's unit ends line 5 as "万 元"; the (invented) class name is on line 6.
        let doc = "收入支出决算总表\n2024 年度部门决算\n第三部分 示例市某某区财政局 2024 年度部门决算情况说明\n一、收入支出决算总体情况说明\n本年支出 1,248.36 万 元\n一般公共预算服务支出（类）主要用于机关运行。\n";
        let found = crate::rules::txt::class_names::RULE.found(doc);
        assert_eq!(found.iter().map(|f| f.1).collect::<Vec<_>>(), vec![6], "{found:#?}");
    }
}
