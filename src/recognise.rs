//! Recognising what a document is: 决算 or 预算, 部门 or 单位, year,
//! department, money unit.

use crate::model::{DocumentInfo, DocumentKind, Scope};
use crate::text::joined::Joined;
use crate::text::search;
use crate::text::Line;

pub(crate) mod title;
pub(crate) mod year;

/// [`recognise_in`] on lines alone (for tests).
#[cfg(test)]
pub fn recognise(lines: &[Line]) -> DocumentInfo {
    recognise_in(lines, &Joined::squeezed(lines), &colon_lines(lines)).0
}

/// Recognises the document from its first pages and its table meta lines,
/// given the squeezed lines joined ([`Joined::squeezed_sized`]) and the indexes of
/// the lines with a colon (see `colon_lines`, which normalisation notes as
/// it makes the lines); and what page furniture needs of what it found.
pub(crate) fn recognise_in(lines: &[Line], joined: &Joined, colons: &[usize]) -> (DocumentInfo, Found) {
    // Kind keywords may first appear deep in the text (a budget that opens with
    // a long 单位概况), so they are counted over the whole text: the squeezed
    // lines joined by "\n".
    let whole = joined.text.as_str();
    // The only lines that can hold the keys [`department`] and
    // [`money_unit`] look for.
    let keyed: Vec<&Line> = colons.iter().filter_map(|&i| lines.get(i)).collect();

    // Every 预算 and 决算, found once: counted for the kind, read for the
    // years of the titles, and the lines of the 部门/单位 ones handed on.
    let words = title::words(whole);
    let counts = Counts::of(&words);
    let count = |needle: &str| counts.get(needle).unwrap_or_else(|| whole.matches(needle).count());
    let final_hits = count("决算");
    let budget_hits = count("预算表") + count("部门预算") + count("单位预算") + count("预算公开");
    let kind = if final_hits == 0 && budget_hits == 0 {
        DocumentKind::Unknown
    } else if count("部门决算") + count("单位决算") + count("决算表") > 0 && final_hits >= budget_hits {
        DocumentKind::FinalAccounts
    } else if budget_hits > 0 {
        DocumentKind::Budget
    } else {
        DocumentKind::FinalAccounts
    };

    // Each test below stops at its first find; a marker, usually at the
    // first table, is asked for before "总体情况表", which a text without
    // either name is searched whole for.
    let reason = if kind == DocumentKind::Unknown {
        Some("未识别为部门预算或决算公开文本：文中没有“部门决算”“部门预算”等字样，也没有“公开01表”之类的表格编号。".to_string())
    } else if search::find_long(whole, "总表").is_none()
        && !has_marker(lines, joined)
        && search::find_long(whole, "总体情况表").is_none()
        && !has_listed_title(lines, kind)
    {
        Some("文中提到预算或决算，但没有找到任何公开表（如“公开01表”“收入支出决算总表”）。".to_string())
    } else {
        None
    };
    let titled_kind = kind;
    let kind = if reason.is_some() { DocumentKind::Unknown } else { kind };

    // A 部门 disclosure also speaks of its units' 单位预算/单位决算 ("局属事业单位
    // 决算"): the more frequent wording wins.
    let (dept, unit) = match kind {
        DocumentKind::Budget => ("部门预算", "单位预算"),
        _ => ("部门决算", "单位决算"),
    };
    let found = Found { cover: Cover::of(lines), owned: owned_lines(&words, joined) };
    let cover = found.cover.text(lines);
    let cover_words = title::words(&cover);
    // The cover's own wording ("区级单位预算") before any word count: the
    // first 部门 or 单位 of the kind it names.
    let owned = if kind == DocumentKind::Budget { DocumentKind::Budget } else { DocumentKind::FinalAccounts };
    let scope = match cover_words.iter().find(|w| w.kind == owned && w.owner.is_some()).and_then(|w| w.owner) {
        Some(on_cover) => Some(on_cover),
        None => match (count(dept), count(unit)) {
            // Tables alone: "部门：…" meta lines say whose tables they are.
            (0, 0)
                if ["部门：", "部门:"].iter().any(|k| whole.starts_with(k))
                    || ["\n部门：", "\n部门:", "编制部门：", "编制部门:"].iter().any(|k| whole.contains(k)) =>
            {
                Some(Scope::Department)
            }
            (0, 0) => None,
            (d, u) if u > d => Some(Scope::Unit),
            _ => Some(Scope::Department),
        },
    };

    // The kind's title words name the year even where the text is no
    // disclosure for want of tables (a 情况说明 alone).
    let department = department_on_cover(&cover)
        .or_else(|| department(&keyed))
        .or_else(|| department_beside_key(lines))
        .or_else(|| department_in_prose(lines))
        .or_else(|| department_as_subject(lines));
    let year = year::year(titled_kind, (&cover, &cover_words), (whole, &words), department.as_deref());
    let info = DocumentInfo {
        kind,
        scope,
        year: year.year,
        year_doubt: if reason.is_some() { None } else { year.doubt },
        department,
        unit: money_unit(&keyed),
        reason,
    };
    (info, found)
}

/// The lines of `joined` holding the 部门/单位 ones of its `words`.
fn owned_lines(words: &[title::Word], joined: &Joined) -> Vec<usize> {
    let mut at: Vec<usize> = words.iter().filter(|w| w.owner.is_some()).map(|w| joined.line_of(w.at)).collect();
    at.dedup();
    at
}

/// The kind words counted in the whole text, from its [`title::words`]
/// rather than one pass per word: each is 决算 or 预算 with one word before
/// or after, and none overlaps itself, so counting the neighbours of every
/// 决算/预算 gives the same numbers as `matches`.
struct Counts {
    words: [(&'static str, usize); 9],
}

impl Counts {
    fn of(found: &[title::Word]) -> Counts {
        let mut words = [
            ("决算", 0),
            ("部门决算", 0),
            ("单位决算", 0),
            ("决算表", 0),
            ("预算", 0),
            ("部门预算", 0),
            ("单位预算", 0),
            ("预算表", 0),
            ("预算公开", 0),
        ];
        for w in found {
            let at = if w.kind == DocumentKind::Budget { 4 } else { 0 };
            words[at].1 += 1;
            words[at + 1].1 += usize::from(w.owner == Some(Scope::Department));
            words[at + 2].1 += usize::from(w.owner == Some(Scope::Unit));
            words[at + 3].1 += usize::from(w.table);
            if at == 4 {
                words[8].1 += usize::from(w.open);
            }
        }
        Counts { words }
    }

    /// The count of `needle`, None when it is not one of the words.
    fn get(&self, needle: &str) -> Option<usize> {
        self.words.iter().find(|(w, _)| *w == needle).map(|(_, n)| *n)
    }
}

/// Whether any of `lines` is the title of a table the catalogue lists for
/// `kind`: a budget that titles its summaries "部门收支预算表", "部门收入预算表"
/// (no 总表, no marker) is a disclosure all the same. Asked only of a text
/// the quicker tests above found no table in.
fn has_listed_title(lines: &[Line], kind: DocumentKind) -> bool {
    use crate::tables::catalogue;
    lines.iter().any(|l| catalogue::title(&l.squeezed).is_some_and(|t| catalogue::kind_of(&t.text, kind).is_some()))
}

/// Whether any of `lines` is a table marker, `joined` their squeezed texts
/// joined: only a line holding 公开 can be one, and the search of the joined
/// lines for it stops at the first that is.
fn has_marker(lines: &[Line], joined: &Joined) -> bool {
    search::long_match_starts(&joined.text, "公开").any(|at| lines.get(joined.line_of(at)).is_some_and(|l| is_table_marker(&l.squeezed)))
}

/// "公开01表", "公开 01 表", "公开06 表", "公开表1" (white space already removed).
pub fn is_table_marker(squeezed: &str) -> bool {
    table_marker_number(squeezed).is_some()
}

/// "公开" in UTF-8, the start of every table marker.
const OPEN: &[u8] = "公开".as_bytes();

/// The printed number of a table marker line: "公开01表" → "01", "公开表1" → "1".
/// The marker may share its line with meta text ("公开01表金额单位：万元").
pub fn table_marker_number(squeezed: &str) -> Option<String> {
    // A line of more than 160 bytes has more than 40 characters (none takes
    // more than 4 bytes), too long for a marker; most long lines leave here
    // without being scanned.
    if squeezed.len() > 160 {
        return None;
    }
    // Where "公开" first starts: this runs for every line three times over
    // (recognition, segmentation, table bodies). memchr looks for the last
    // byte of 公 (AC), a continuation byte few characters share, where a scan
    // for its lead byte (E5, the lead of a tenth of all CJK) stops often. A
    // match of all six bytes starts on a character boundary, UTF-8 being
    // self-synchronising.
    let b = squeezed.as_bytes();
    let at = memchr::memchr_iter(OPEN[2], b).filter_map(|i| i.checked_sub(2)).find(|s| b.get(*s..s + OPEN.len()) == Some(OPEN))?;
    let rest = squeezed.get(at.checked_add(OPEN.len())?..)?;
    if squeezed.chars().count() > 40 || names_a_table(squeezed.get(..at).unwrap_or(""), rest) {
        return None;
    }
    if let Some(r) = rest.strip_prefix('表') {
        let digits: String = r.chars().take_while(|c| c.is_ascii_digit()).collect();
        return (!digits.is_empty() && digits.len() <= 2).then_some(digits);
    }
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    rest[digits.len()..].starts_with('表').then_some(digits)
}

/// Whether a marker's words stand in prose that names a table, not over the
/// table: in brackets with the sentence going on ("本表（公开01表）反映部门…"),
/// or in quotation marks ("（按“部门预算公开06表财政拨款基本支出预算表”中…",
/// the quotation opened before "公开" or closed after it). `before` and
/// `after` are the line's text on each side of "公开". A title's own quotation
/// marks ("公开09表一般公共预算“三公”经费支出预算表") open after the marker,
/// and a marker bracketed at a title's end ("收支预算总表（公开01表）") ends its
/// line.
fn names_a_table(before: &str, after: &str) -> bool {
    let quoted = before.contains(['“', '"']) || after.split('“').next().is_some_and(|a| a.contains('”'));
    let bracketed = before.ends_with(['（', '('])
        && after.find(['）', ')']).is_some_and(|close| after.get(close..).is_some_and(|a| a.chars().count() > 1));
    quoted || bracketed
}

/// The cover: the first few printed lines before the 目录 or the first part
/// (a cover title may wrap: "2018年度示例省某某" / "管理中心预算公开").
pub(crate) struct Cover {
    /// The first printed line, on the cover or not.
    pub first: Option<usize>,
    /// The cover's lines (indexes, ascending).
    pub lines: Vec<usize>,
}

impl Cover {
    /// The cover of `lines`: at most their first six printed lines, up to a
    /// 目录, a 第…部分, a table or a meta line.
    fn of(lines: &[Line]) -> Cover {
        let mut printed = lines.iter().enumerate().filter(|(_, l)| !l.is_blank()).take(6).peekable();
        let first = printed.peek().map(|(i, _)| *i);
        let mut on = Vec::new();
        for (i, l) in printed {
            let s = l.squeezed.as_str();
            // A table's marker ("表一", "公开01表") above its title is no
            // part of the cover's text, nor of the name it gives.
            if crate::tables::catalogue::is_marker_line(s) {
                continue;
            }
            let part = s.starts_with('第') && s.chars().nth(2) == Some('部') && s.chars().nth(3) == Some('分');
            if s.starts_with("目录")
                || part
                || search::contains(s, "公开表")
                || ["单位：", "单位:", "部门：", "部门:"].iter().any(|k| s.contains(k))
            {
                break;
            }
            on.push(i);
        }
        Cover { first, lines: on }
    }

    /// Its lines squeezed and joined.
    fn text(&self, lines: &[Line]) -> String {
        self.lines.iter().filter_map(|&i| lines.get(i)).map(|l| l.squeezed.as_str()).collect()
    }
}

/// What recognition finds that page furniture ([`crate::furniture`]) reads
/// too: found once, here.
pub(crate) struct Found {
    /// The cover.
    pub cover: Cover,
    /// The lines holding a 部门 or 单位 预算/决算 (ascending, each once).
    pub owned: Vec<usize>,
}

/// The department a cover names: "示例市某区某某局2024年度部门决算",
/// "2017年度示例省某某管理中心部门预算公开", "示例省某某办公厅2017年度部门预算".
fn department_on_cover(cover: &str) -> Option<String> {
    let b = cover.as_bytes();
    let at =
        cover.match_indices('年').map(|(i, _)| i).find(|i| *i >= 4 && b[i - 4..*i].iter().all(u8::is_ascii_digit) && b[i - 4] == b'2')?;
    let before = &cover[..at - 4];
    let after = cover[at..].trim_start_matches('年').trim_start_matches('度');
    let stop = ["部门预算", "单位预算", "部门决算", "单位决算", "预算", "决算"].iter().filter_map(|k| after.find(k)).min();
    stop.and_then(|e| named(&after[..e])).or_else(|| named(before))
}

/// `n` if it reads as a department's name: 3 to 30 characters ending like
/// one ("…局", "…办公厅", "…中心"), not like a region ("示例市某区",
/// "示例省"), and no clause (no comma, colon, full stop or bracket).
fn named(n: &str) -> Option<String> {
    let c = n.chars().count();
    let dept = ["局", "厅", "院", "室", "会", "处", "部", "中心", "所", "委", "署", "社", "馆", "站", "队", "校", "团", "联", "府"]
        .iter()
        .any(|e| n.ends_with(e));
    ((3..=30).contains(&c) && dept && !n.contains(['，', '。', '：', ',', ':', '（'])).then(|| n.to_string())
}

/// One more of `name` in `counts` (names in the order first seen).
fn tally(counts: &mut Vec<(String, usize)>, name: String) {
    match counts.iter_mut().find(|(n, _)| *n == name) {
        Some((_, c)) => *c += 1,
        None => counts.push((name, 1)),
    }
}

/// The department beside "部门：" meta lines that hold nothing else: a PDF
/// viewer's copy puts a table's "部门：" and its value on lines of their own,
/// the name a line or two before or after the key. The name found beside
/// the most keys.
fn department_beside_key(lines: &[Line]) -> Option<String> {
    const KEYS: [&str; 8] = ["部门：", "部门:", "编制部门：", "编制部门:", "单位名称：", "单位名称:", "编制单位：", "编制单位:"];
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !KEYS.contains(&l.squeezed.as_str()) {
            continue;
        }
        let printed = |l: &&Line| !l.is_blank();
        let before = lines[..i].iter().rev().filter(printed).take(2);
        let after = lines.iter().skip(i + 1).filter(printed).take(2);
        for name in
            [before.filter_map(|l| named(&l.squeezed)).next(), after.filter_map(|l| named(&l.squeezed)).next()].into_iter().flatten()
        {
            tally(&mut counts, name);
        }
    }
    counts.into_iter().max_by_key(|(_, c)| *c).map(|(n, _)| n)
}

/// The department its 情况说明 makes the subject of its sentences, for a
/// narrative without a cover or meta lines: "江苏省某某办公厅2019年度收入、支出
/// 预算总计…", "江苏省某某办公厅本年收入预算合计…". A name that opens at least
/// two lines so, the most frequent; never a short name ("省委办公厅") or a
/// pronoun ("本部门").
fn department_as_subject(lines: &[Line]) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for l in lines {
        let s = l.squeezed.as_str();
        let year = s.char_indices().find(|(_, c)| c.is_ascii_digit()).map(|(i, _)| i).filter(|&i| {
            s.get(i..).is_some_and(|y| y.len() >= 7 && y.as_bytes()[..4].iter().all(u8::is_ascii_digit) && y[4..].starts_with('年'))
        });
        let Some(at) = [year, search::find(s, "本年")].into_iter().flatten().min() else { continue };
        // "省委办公厅", "本部门": a short name or a pronoun, not the name.
        let Some(name) = named(&s[..at]).filter(|n| !n.starts_with(['省', '市', '区', '县', '本', '该', '我', '各', '全', '其']))
        else {
            continue;
        };
        tally(&mut counts, name);
    }
    counts.into_iter().filter(|(_, c)| *c >= 2).max_by_key(|(_, c)| *c).map(|(n, _)| n)
}

/// The indexes of the lines whose squeezed text holds a colon (full-width or
/// ASCII), in order: what [`recognise_in`] is told, by definition.
#[cfg(test)]
pub(crate) fn colon_lines(lines: &[Line]) -> Vec<usize> {
    lines.iter().enumerate().filter(|(_, l)| l.squeezed.contains(['：', ':'])).map(|(i, _)| i).collect()
}

/// The department named in the tables' "部门：…" meta lines (the most common
/// one), else in a "单位名称：" line; `keyed` are the lines with a colon.
fn department(keyed: &[&Line]) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for l in keyed {
        let s = l.squeezed.as_str();
        // Every key holds 部 or 单, which memchr finds cheaply: a line with
        // neither is spared the look at its colons. The keys are looked for
        // at the colons (`keys_at`), not by a search for each, which stopped
        // at every colon of the line for every key (most of recognition's
        // cost on a text with many meta lines).
        if !(search::has_char(s, '部') || search::has_char(s, '单')) {
            continue;
        }
        // ASCII colons as well: "编制单位:某局" on portals typing half-width.
        const KEYS: [&str; 7] = ["部门：", "部门:", "单位名称：", "单位名称:", "编制单位：", "编制单位:", "编制部门："];
        for (key, at) in KEYS.into_iter().zip(keys_at(s, KEYS)) {
            if let Some(i) = at {
                let rest = &s[i + key.len()..];
                let end = ["金额单位", "单位：", "单位:", "公开"].iter().filter_map(|k| search::find(rest, k)).min().unwrap_or(rest.len());
                // "部门：某局  单位（万元）", "… 单位/元": a unit stated without a colon.
                let end = crate::segment::unit_without_colon(rest).map_or(end, |(k, _)| k.min(end));
                let name = rest[..end].trim_end_matches(['，', ',', '。']);
                // "部门：某局      万元": the unit some portals print there without 单位：.
                let name = crate::segment::trailing_unit(name).map_or(name, |(n, _)| n).to_string();
                if name.chars().count() >= 2 && name.chars().count() <= 40 {
                    tally(&mut counts, name);
                }
            }
        }
    }
    counts.into_iter().max_by_key(|(_, c)| *c).map(|(n, _)| n)
}

/// Where each of `keys` (words then a colon, ： or :) first starts in `s`,
/// as `str::find` finds it. Every match ends at a colon, and a meta line
/// holds one or two: the colons are found by one pass of memchr2 and each
/// is tested for every key.
fn keys_at<const N: usize>(s: &str, keys: [&str; N]) -> [Option<usize>; N] {
    let mut at = [None; N];
    let b = s.as_bytes();
    // ':' and the last byte of '：' (EF BC 9A).
    for end in memchr::memchr2_iter(b':', 0x9A, b).map(|i| i + 1) {
        let Some(upto) = b.get(..end) else { continue };
        for (found, key) in at.iter_mut().zip(keys) {
            if found.is_none() && upto.ends_with(key.as_bytes()) {
                *found = end.checked_sub(key.len());
            }
        }
    }
    at
}

/// The department named where the text says what its budget covers:
/// "烟台市人民政府办公室部门预算包括：…" (for documents without 部门： lines).
fn department_in_prose(lines: &[Line]) -> Option<String> {
    lines.iter().take(600).find_map(|l| {
        let s = l.squeezed.as_str();
        // Every key has a 括, which memchr finds cheaply; most lines have none.
        if !search::has_char(s, '括') {
            return None;
        }
        let i = ["部门预算包括", "单位预算包括", "部门决算包括", "单位决算包括"].iter().filter_map(|k| s.find(k)).min()?;
        // "江苏省某某院2017年部门预算包括…": the year is no part of the name.
        let name = without_year(&s[..i]);
        let n = name.chars().count();
        ((2..=30).contains(&n) && !name.contains(['，', '。', '：', ',', ':'])).then(|| name.to_string())
    })
}

/// `name` without a year at its end ("…院2017年", "…厅2024年度").
fn without_year(name: &str) -> &str {
    let Some(rest) = name.strip_suffix("年度").or_else(|| name.strip_suffix('年')) else { return name };
    let digits = rest.len().checked_sub(4).and_then(|at| rest.get(at..)).filter(|d| d.bytes().all(|b| b.is_ascii_digit()));
    digits.and_then(|d| rest.strip_suffix(d)).unwrap_or(name)
}

/// The money unit the "单位：" lines state most often; `keyed` are the lines
/// with a colon.
fn money_unit(keyed: &[&Line]) -> Option<String> {
    let mut best: Vec<(&'static str, usize)> = vec![("万元", 0), ("元", 0), ("亿元", 0), ("千元", 0)];
    for l in keyed {
        let s = l.squeezed.as_str();
        // Both keys hold 单, which memchr finds cheaply.
        if !search::has_char(s, '单') {
            continue;
        }
        let [full, ascii] = keys_at(s, ["单位：", "单位:"]);
        let rest = match full.or(ascii) {
            Some(i) => s[i..].split_once(['：', ':']).map(|x| x.1).unwrap_or(""),
            // "部门：某局 单位（万元）": stated without a colon after 单位.
            None => crate::segment::unit_without_colon(s).map_or("", |(_, u)| u),
        };
        for (u, c) in best.iter_mut() {
            if rest.starts_with(*u) {
                *c += 1;
                break;
            }
        }
    }
    best.into_iter().filter(|(_, c)| *c > 0).max_by_key(|(_, c)| *c).map(|(u, _)| u.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise;

    /// The kind words counted from each 预算/决算 are as many as a search
    /// for each word finds.
    #[test]
    fn the_kind_words_are_counted_as_a_search_for_each_counts_them() {
        let pieces = ["部门", "单位", "预", "决", "算", "表", "公开", "部", "\n"];
        for text in crate::text::stream::sample_texts(&pieces, 300) {
            for (word, n) in Counts::of(&title::words(&text)).words {
                assert_eq!(n, text.matches(word).count(), "{word} in {text:?}");
            }
        }
    }

    /// The cover's first 部门 or 单位 of the kind gives the scope, whatever
    /// the text's other words; without one, the more frequent wording.
    #[test]
    fn the_covers_first_owner_of_its_kind_gives_the_scope() {
        let body = "目录\n示例市某区部门预算包括区属单位。部门预算。\n公开表1\n收支预算总表\n单位：万元\n";
        let scope = |cover: &str| recognise(&normalise(&format!("{cover}\n{body}"))).scope;
        assert_eq!(scope("示例市某区2024年区级单位预算"), Some(Scope::Unit));
        assert_eq!(scope("示例市某区2023年部门决算对照2024年单位预算"), Some(Scope::Unit));
        assert_eq!(scope("示例市某区2024年预算"), Some(Scope::Department));
    }

    #[test]
    fn keys_are_found_where_str_finds_them() {
        let pieces = ["部门", "单位", "名称", "编制", "：", ":", "部", "门", "单", "位", "：部门：", "a", "某局", "万元"];
        const KEYS: [&str; 7] = ["部门：", "部门:", "单位名称：", "编制单位：", "编制部门：", "单位：", "单位:"];
        let mut found = 0;
        for text in crate::text::stream::sample_texts(&pieces, 600) {
            let want: Vec<Option<usize>> = KEYS.iter().map(|k| text.find(k)).collect();
            assert_eq!(keys_at(&text, KEYS).to_vec(), want, "{text:?}");
            found += want.iter().flatten().count();
        }
        assert!(found > 500, "{found}");
    }

    /// A marker holds 公开: the lines holding it, found in the joined
    /// lines, are the only ones to ask.
    #[test]
    fn a_marker_is_on_a_line_holding_open() {
        let pieces = ["公开", "公", "开", "01表", "表1", "表", "1", "单位：万元", "政务"];
        let mut with = 0;
        for text in crate::text::stream::sample_texts(&pieces, 400) {
            let lines = normalise(&text);
            let joined = Joined::squeezed(&lines);
            let any = lines.iter().any(|l| is_table_marker(&l.squeezed));
            assert_eq!(has_marker(&lines, &joined), any, "{text:?}");
            with += usize::from(any);
        }
        assert!(with > 50 && with < 350, "{with}");
    }

    #[test]
    fn markers_in_every_spelling() {
        for (s, n) in
            [("公开01表", "01"), ("公开 01表", "01"), ("公开06 表", "06"), ("公开表1", "1"), ("公开表12", "12"), ("公示公开02表", "02")]
        {
            assert_eq!(table_marker_number(&crate::text::squeeze(s)).as_deref(), Some(n), "{s}");
        }
        assert_eq!(table_marker_number("政务公开是政府的责任"), None);
    }

    #[test]
    fn a_marker_named_in_prose_marks_no_table() {
        // 20's narrative (Jiangsu) opens each table's note "本表（公开 01 表）反映…",
        // and a template instruction quotes another table (07, 20).
        for s in [
            "本表（公开 01 表）反映部门年度总体收支预算情况。根据",
            "（按“部门预算公开 06 表 财政拨款基本支",
            "预算公开 06 表 财政拨款基本支出预算表”中实际发生经济分类",
        ] {
            assert_eq!(table_marker_number(&crate::text::squeeze(s)), None, "{s}");
        }
        // Over its table: alone, with the title or the unit, a title's own
        // quotation marks after it, bracketed at the title's end.
        for (s, n) in [
            ("公开09表 一般公共预算“三公”经费支出预算表", "09"),
            ("收支预算总表（公开01表）", "01"),
            ("公开 02 表          单位：万元", "02"),
            ("（公开表3）", "3"),
        ] {
            assert_eq!(table_marker_number(&crate::text::squeeze(s)).as_deref(), Some(n), "{s}");
        }
    }

    #[test]
    fn budget_year_after_a_long_overview_and_department_from_prose() {
        let mut text = String::from("第一部分 单位概况\n");
        for _ in 0..450 {
            text.push_str("负责有关工作。\n");
        }
        text.push_str("青岛市人民政府办公厅（本级）2023年单位\n预算表\n公开表1\n单位预算收支总表\n");
        let info = recognise(&normalise(&text));
        assert_eq!(info.kind, DocumentKind::Budget);
        assert_eq!(info.year, Some(2023));
        let info = recognise(&normalise("烟台市人民政府办公室部门预算包括：本部门机关预算。\n2023年部门预算表\n公开表1\n"));
        assert_eq!(info.department.as_deref(), Some("烟台市人民政府办公室"));
        // With its year before 部门预算 (a text pasted from its tables on).
        let info = recognise(&normalise("示例市某某局2024年部门预算包括：局机关。\n2024年部门预算表\n公开表1\n"));
        assert_eq!(info.department.as_deref(), Some("示例市某某局"));
        assert_eq!(info.scope, Some(Scope::Department));
    }

    #[test]
    fn a_novel_is_not_a_disclosure() {
        let info = recognise(&normalise("话说天下大势，分久必合，合久必分。\n周末七国分争，并入于秦。"));
        assert_eq!(info.kind, DocumentKind::Unknown);
        assert!(info.reason.is_some());
    }

    /// Tables alone: their "部门：" or "编制部门：" meta lines make them a
    /// department's.
    #[test]
    fn tables_alone_are_a_departments_by_their_meta_lines() {
        // With ASCII colons too, as some portals type them.
        for meta in ["部门：示例市某局", "编制部门：示例市某局", "部门:示例市某局", "编制部门:示例市某局"]
        {
            let text = format!("收支预算总表\n{meta}    单位：万元\n收入  支出\n");
            let info = recognise(&normalise(&text));
            assert_eq!((info.scope, info.department.as_deref()), (Some(Scope::Department), Some("示例市某局")), "{meta}");
        }
        for meta in ["单位名称:示例市某局", "编制单位:示例市某局"] {
            let text = format!("2024年部门预算\n公开表1\n收支预算总表\n{meta}    单位:万元\n收入  支出\n");
            assert_eq!(recognise(&normalise(&text)).department.as_deref(), Some("示例市某局"), "{meta}");
        }
        let text = "收支预算总表\n单位：万元\n收入  支出\n";
        assert_eq!(recognise(&normalise(text)).scope, None);
    }

    /// Tables titled with their department and year, their marker on the
    /// line above: the marker is no part of the name the title gives, and a
    /// long name between the year and the title's words still dates it.
    #[test]
    fn titles_naming_department_and_year_give_both() {
        for marker in ["表一", "公开01表", "公开表一", "附表1"] {
            let text =
                format!("{marker}\n示例省某某办公厅2017年一般公共预算支出预算表\n部门：示例省某某办公厅    单位：万元\n收入  支出\n");
            let info = recognise(&normalise(&text));
            assert_eq!((info.department.as_deref(), info.year), (Some("示例省某某办公厅"), Some(2017)), "{marker}");
        }
        let dept = "中国共产党示例省委员会办公厅机关事务管理局";
        let text = format!(
            "公开表一\n2017年{dept}收支预算总表\n部门：{dept}    单位：万元\n收入  支出\n\
             公开表十\n2017年{dept}政府采购预算表\n部门：{dept}    单位：万元\n项目  金额\n"
        );
        let info = recognise(&normalise(&text));
        assert_eq!((info.department.as_deref(), info.year, info.year_doubt), (Some(dept), Some(2017), None));
    }

    /// Tables alone whose only dated titles are their 总表 ("2019年收支预算
    /// 总表"): the year is theirs.
    #[test]
    fn a_total_tables_title_dates_the_tables() {
        let text = "公开表一\n2019年收支预算总表\n部门：示例省某某厅    单位：万元\n收入  支出\n\
                    公开表二\n2019年收入预算总表\n部门：示例省某某厅    单位：万元\n项目  金额\n\
                    公开表五\n一般公共预算支出预算表\n部门：示例省某某厅    单位：万元\n科目  金额\n";
        let info = recognise(&normalise(text));
        assert_eq!((info.kind, info.year, info.year_doubt), (DocumentKind::Budget, Some(2019), None));
        let text = "公开01表\n2023年度收入支出决算总表\n部门：示例市某局    单位：万元\n收入  支出\n";
        let info = recognise(&normalise(text));
        assert_eq!((info.kind, info.year, info.year_doubt), (DocumentKind::FinalAccounts, Some(2023), None));
    }

    /// The national template names its tables "…总体情况表": no "总表", no
    /// marker, and still a disclosure's tables.
    #[test]
    fn tables_named_as_the_national_template_names_them_make_a_disclosure() {
        let info = recognise(&normalise("示例市某局2025年部门预算\n部门收支总体情况表\n单位：万元\n收入 支出\n"));
        assert_eq!(info.kind, DocumentKind::Budget);
        assert_eq!(info.reason, None);
        let info = recognise(&normalise("示例市某局2025年部门预算\n部门收支情况说明\n"));
        assert_eq!(info.kind, DocumentKind::Unknown, "a budget's words without a table");
    }

    /// Any title the catalogue lists makes a disclosure: a budget titling
    /// its summaries "部门收支预算表" has no 总表 and no marker to find.
    #[test]
    fn tables_titled_without_zongbiao_or_marker_make_a_disclosure() {
        let info = recognise(&normalise("示例市某局2025年部门预算\n部门收支预算表\n单位：万元\n收入 支出\n部门收入预算表\n"));
        assert_eq!((info.kind, info.reason), (DocumentKind::Budget, None));
        let info = recognise(&normalise("示例市某局2024年度部门决算\n收入决算表\n单位：万元\n"));
        assert_eq!((info.kind, info.reason), (DocumentKind::FinalAccounts, None));
        // A title in a sentence is no table.
        let info = recognise(&normalise("示例市某局2025年部门预算\n详见部门收支预算表中的各项数字，此处不再列出。\n"));
        assert_eq!(info.kind, DocumentKind::Unknown);
    }

    /// A PDF viewer's copy puts "部门：" and its value on lines of their
    /// own, the name before the key or after it.
    #[test]
    fn a_department_key_alone_on_its_line_takes_the_name_beside_it() {
        let text = "收支预算总表\n公开表一\n部门：\n\n江苏省某某办公厅\n\n单位：万元\n收入\n\
                    支出预算总表\n公开表三\n江苏省某某办公厅\n\n部门：\n\n合计\n";
        assert_eq!(recognise(&normalise(text)).department.as_deref(), Some("江苏省某某办公厅"));
        // Beside the key, only a name: a table's title or caption is none.
        let text = "收支预算总表\n公开表一\n部门：\n\n项目名称\n单位：万元\n";
        assert_eq!(recognise(&normalise(text)).department, None);
    }

    /// A 情况说明 published without cover or tables names its department as
    /// the subject of its sentences.
    #[test]
    fn a_narrative_without_cover_names_its_department_as_its_subject() {
        let text = "第三部分 2019 年度部门预算情况说明\n一、收支预算总体情况说明\n\
                    江苏省某某办公厅 2019 年度收入、支出预算总计 13,377.11 万元。\n\
                    二、收入预算情况说明\n江苏省某某办公厅本年收入预算合计 13,377.11 万元。\n\
                    2019 年度部门预算公开表附后。\n";
        assert_eq!(recognise(&normalise(text)).department.as_deref(), Some("江苏省某某办公厅"));
        // Once is no habit: a single sentence so opened names nothing.
        let text = "2019 年度部门预算情况说明\n江苏省某某办公厅 2019 年度收入预算 1 万元。\n部门预算表\n";
        assert_eq!(recognise(&normalise(text)).department, None);
        // The short name is no name: better unknown.
        let text = "2019 年度部门预算情况说明\n省某某办公厅 2019 年度收入预算 1 万元。\n省某某办公厅本年支出预算 1 万元。\n";
        assert_eq!(recognise(&normalise(text)).department, None);
    }

    #[test]
    fn fused_meta_lines_give_department_and_unit() {
        let info = recognise(&normalise("2024年度部门决算\n 金额单位：万元部门：青岛市人民政府办公厅\n收入支出决算总表\n公开01表\n"));
        assert_eq!(info.kind, DocumentKind::FinalAccounts);
        assert_eq!(info.department.as_deref(), Some("青岛市人民政府办公厅"));
        assert_eq!(info.unit.as_deref(), Some("万元"));
        assert_eq!(info.year, Some(2024));
        assert_eq!(info.scope, Some(Scope::Department));
    }

    #[test]
    fn a_unit_stated_without_a_colon_ends_the_department_name() {
        for (line, unit) in [("部门：某某事业单位管理局    单位（万元）", "万元"), ("部门：某某事业单位管理局  单位/元", "元")]
        {
            let info = recognise(&normalise(&format!("2024年部门预算\n收支预算总表\n{line}\n")));
            assert_eq!(info.department.as_deref(), Some("某某事业单位管理局"), "{line}");
            assert_eq!(info.unit.as_deref(), Some(unit), "{line}");
        }
    }

    /// A 2024 budget pasted from its 情况说明 on: last year's amounts and
    /// comparisons do not make it a 2023 budget.
    #[test]
    fn the_year_a_budget_is_for_wins_over_the_years_it_compares_with() {
        let text = "一、收支预算总体情况\n\
            示例市某某局2024年收入预算1,100.00万元，与2023年度当年预算执行数相比增加100.00万元。\n\
            二、2024年部门预算表\n公开表1\n收支预算总表\n单位：万元\n";
        let info = recognise(&normalise(text));
        assert_eq!((info.kind, info.year, info.year_doubt), (DocumentKind::Budget, Some(2024), None));
        // Its 三公 table's title names both years; only the one it is for counts.
        let info = recognise(&normalise("2023年和2024年“三公”经费财政拨款预算表\n公开表7\n单位：万元\n"));
        assert_eq!(info.year, Some(2024));
    }

    /// A 决算 pasted from its first table on, whose 情况说明 heading was
    /// copied from last year's file while its sentences compare with 2023:
    /// the year is left unknown, and the report says why.
    #[test]
    fn a_year_the_titles_and_comparisons_disagree_on_is_left_unknown() {
        let text = "收入支出决算总表\n公开01表\n单位：万元\n\
            第三部分 示例市某某局2023年度部门决算情况说明\n\
            示例市某某局2024年度收入支出总计120.00万元。与2023年度相比，增加20.00万元。\n\
            财政拨款收入支出总计100.00万元。与2023年度相比，增加10.00万元。\n";
        let info = recognise(&normalise(text));
        assert_eq!(info.kind, DocumentKind::FinalAccounts);
        assert_eq!(info.year, None);
        let doubt = info.year_doubt.unwrap_or_default();
        assert!(doubt.contains("2024年（2处与上年的比较）") && doubt.contains("2023年（1处标题）"), "{doubt}");
        // The same heading under a cover is the cover's year (TXT-008 reports the heading).
        let info = recognise(&normalise(&format!("示例市某某局\n2024年度部门决算\n目录\n{text}")));
        assert_eq!((info.year, info.year_doubt), (Some(2024), None));
        // With no title naming a year, the year is unknown too, and said so.
        let info = recognise(&normalise("收入支出决算总表\n公开01表\n单位：万元\n收入合计 100.00\n"));
        assert_eq!(info.year, None);
        assert!(info.year_doubt.is_some_and(|d| d.contains("没有写明年度")));
    }

    /// Covers and titles may print the year in Chinese numerals.
    #[test]
    fn a_year_in_chinese_numerals_is_the_years() {
        for (cover, year) in [("二〇二四年部门预算", 2024), ("二零一九年度部门预算", 2019), ("二○二三年度部门决算", 2023)]
        {
            let kind = if cover.ends_with("决算") { "收入支出决算总表\n公开01表" } else { "收支预算总表\n公开表1" };
            let info = recognise(&normalise(&format!("示例市某某局\n{cover}\n目录\n{kind}\n单位：万元\n")));
            assert_eq!((info.year, info.year_doubt), (Some(year), None), "{cover}");
        }
        // A date in the same numerals after a title word is no title's year.
        let info = recognise(&normalise("收支预算总表\n公开表1\n单位：万元\n二〇二四年一月\n"));
        assert_eq!(info.year, None);
    }
}
