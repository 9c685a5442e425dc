//! The 三公 figures the narrative states (第三部分 §“三公”经费支出决算情况).
//!
//! Used only to choose between placements of a 09 data line whose blank cells
//! were dropped, never to fill a cell the table does not print.

use rust_decimal::Decimal;

use crate::amount::parse_prose_number;
use crate::text::{search, Line};

/// Category keywords with their 预算数 and 决算数 column (0..12 in the 09 line).
/// No keyword contains another, so occurrences never overlap.
const KEYWORDS: [(&str, usize, usize); 6] = [
    ("三公经费支出", 0, 6),
    ("因公出国（境）费", 1, 7),
    ("公务用车购置及运行维护费", 2, 8),
    ("公务用车购置费", 3, 9),
    ("公务用车运行维护费", 4, 10),
    ("公务接待费", 5, 11),
];

/// [`stated_among`] with every line a candidate: the tests' way in.
#[cfg(test)]
pub fn stated(lines: &[Line]) -> Vec<(usize, Decimal)> {
    let every: Vec<usize> = (0..lines.len()).collect();
    stated_among(lines, &every)
}

/// (column 0..12, value) pairs the narrative's 三公 section states in 万元:
/// "X全年预算为a万元，支出决算为b万元" gives both halves, "X支出b万元" right after
/// the keyword gives the 决算数. A column stated twice with different values is
/// dropped: the narrative contradicts itself there. `candidates` are the
/// indexes (in order) of the lines that may be a section's heading: a
/// superset of those `stated::is_top_heading` accepts, such as the narrative's
/// heading-like lines, which the caller has found already (the other lines
/// are then not tested one by one).
pub(crate) fn stated_among(lines: &[Line], candidates: &[usize]) -> Vec<(usize, Decimal)> {
    let text = section_text(lines, candidates);
    let mut hits: Vec<(usize, &str, usize, usize)> = Vec::new();
    for (kw, b, a) in KEYWORDS {
        for i in crate::text::search::long_match_starts(&text, kw) {
            hits.push((i, kw, b, a));
        }
    }
    hits.sort();
    let mut facts: Vec<(usize, Decimal)> = Vec::new();
    let mut conflicts: Vec<usize> = Vec::new();
    let mut add = |col: usize, v: Decimal| match facts.iter().find(|f| f.0 == col) {
        Some(f) if f.1 != v => conflicts.push(col),
        Some(_) => {}
        None => facts.push((col, v)),
    };
    for (k, (i, kw, b, a)) in hits.iter().enumerate() {
        let start = i + kw.len();
        let end = hits.get(k + 1).map_or(text.len(), |h| h.0.max(start));
        let window = &text[start..end];
        let budget = after_any(window, &["全年预算为", "预算数为", "预算为"]);
        let actual = after_any(window, &["决算数为", "决算为"]);
        if let Some(v) = budget {
            add(*b, v);
        }
        if let Some(v) = actual {
            add(*a, v);
        } else if budget.is_none() {
            // "公务用车购置费支出 17.95 万元", "公务用车运行维护费 77.45 万元".
            if let Some(v) = number_in_wan(window.strip_prefix("支出").unwrap_or(window)) {
                add(*a, v);
            }
        }
    }
    facts.retain(|f| !conflicts.contains(&f.0));
    facts
}

/// The 三公 section's text with white space, quotes and ASCII parentheses
/// normalised; empty when the narrative has no such section. `candidates`
/// are the indexes of the lines that may be top headings (see
/// [`stated_among`]): each top heading ends the section before it and
/// opens a 三公 section when it names one.
fn section_text(lines: &[Line], candidates: &[usize]) -> String {
    let mut out = String::new();
    // The first line of the 三公 section being read.
    let mut open: Option<usize> = None;
    let tops = candidates.iter().copied().filter(|&i| lines.get(i).is_some_and(|l| super::stated::is_top_heading(&l.squeezed)));
    for i in tops.chain([lines.len()]) {
        if let Some(from) = open.take() {
            for l in lines.get(from..i).unwrap_or(&[]) {
                out.push_str(&l.squeezed);
            }
        }
        if let Some(sq) = lines.get(i).map(|l| l.squeezed.as_str()) {
            if search::contains(sq, "三公") && (sq.ends_with("情况说明") || sq.ends_with("情况")) {
                open = Some(i + 1);
            }
        }
    }
    // The quotes dropped as the narrative's prose drops them (one memchr3
    // over the text, not a char-by-char copy); ASCII parentheses, rare,
    // replaced only when there are some.
    let out = super::stated::drop_quotes(out, &mut []);
    if memchr::memchr2(b'(', b')', out.as_bytes()).is_some() {
        out.replace('(', "（").replace(')', "）")
    } else {
        out
    }
}

/// The number right after the first of `markers` found in `s`, in 万元.
fn after_any(s: &str, markers: &[&str]) -> Option<Decimal> {
    markers.iter().find_map(|m| search::find(s, m).and_then(|i| number_in_wan(&s[i + m.len()..])))
}

/// A number at the very start of `s` followed by 万元.
fn number_in_wan(s: &str) -> Option<Decimal> {
    let n = s.bytes().take_while(|b| b.is_ascii_digit() || *b == b',' || *b == b'.').count();
    if n == 0 || !s[n..].starts_with("万元") {
        return None;
    }
    parse_prose_number(&s[..n])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn wrapped_bigdata_sentences_give_both_halves_and_the_vehicle_split() {
        let text = "九、财政拨款“三公”经费支出决算情况说明\n\n（一）“三公”经费支出决算总体情况说明\n\n2023 年度财政拨款“三公”经费支出全年预算为 5.35 万\n\n元，支出决算为 5.35 万元。\n 1、因公出国（境）费全年预算为 0万元，支出决算为 0\n万元。\n2、公务用车购置及运行维护费全年预算为 1.58 万元，\n支出决算为 1.58 万元。其中：\n公务用车购置费支出 0万元，购置公务用车 0辆。\n公务用车运行维护费 1.58 万元，主要是……运行维护费的公务用车保有量为 1辆。\n3、公务接待费全年预算为 3.77 万元，支出决算为 3.77\n万元。\n十、机关运行经费支出情况\n公务用车购置费 9.99 万元";
        let mut got = stated(&normalise(text));
        got.sort();
        let want: Vec<(usize, Decimal)> = vec![
            (0, d("5.35")),
            (1, d("0")),
            (2, d("1.58")),
            (5, d("3.77")),
            (6, d("5.35")),
            (7, d("0")),
            (8, d("1.58")),
            (9, d("0")),
            (10, d("1.58")),
            (11, d("3.77")),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn contradictory_statements_are_dropped() {
        let text = "九、三公经费支出决算情况\n公务接待费全年预算为 3.77 万元，支出决算为 3.77 万元。公务接待费全年预算为 4.00 万元。\n";
        assert_eq!(stated(&normalise(text)), vec![(11, d("3.77"))]);
    }

    /// [`section_text`] as it was written, char by char.
    fn section_text_by_chars(lines: &[Line]) -> String {
        let mut out = String::new();
        let mut inside = false;
        for l in lines {
            let sq = l.squeezed.as_str();
            let first = sq.chars().next().unwrap_or('\0');
            let opens = matches!(first, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '第');
            let ordinal = sq.chars().take_while(|&c| super::super::section::is_cn_digit(c)).count();
            let top = opens && ((ordinal > 0 && sq.chars().nth(ordinal) == Some('、')) || (sq.starts_with('第') && sq.contains("部分")));
            if top {
                inside = sq.contains("三公") && (sq.ends_with("情况说明") || sq.ends_with("情况"));
                continue;
            }
            if inside {
                out.push_str(sq);
            }
        }
        out.chars()
            .filter(|c| !crate::text::is_quote(*c))
            .map(|c| match c {
                '(' => '（',
                ')' => '）',
                c => c,
            })
            .collect()
    }

    #[test]
    fn the_section_text_is_the_char_by_char_one() {
        let pieces = [
            "九、“三公”经费情况\n",
            "十、其他情况\n",
            "第三部分\n",
            "三公",
            "（一）",
            "(",
            ")",
            "（",
            "）",
            "“",
            "”",
            "\"",
            "'",
            "‘",
            "’",
            "—",
            "万元",
            "a",
            "1",
            " ",
            "\n",
            "第",
            "一",
            "、",
            "é",
        ];
        for text in crate::text::stream::sample_texts(&pieces, 400) {
            let lines = normalise(&text);
            let every: Vec<usize> = (0..lines.len()).collect();
            assert_eq!(section_text(&lines, &every), section_text_by_chars(&lines), "{text:?}");
        }
    }

    #[test]
    fn no_section_no_facts() {
        assert!(stated(&normalise("公务用车购置费 1.00 万元")).is_empty());
    }
}
