//! Real disclosures from other regions (../shared/real, read in place, never
//! copied), re-laid-out the way other portals publish the same tables, read
//! the same: every variant of every text (layout and plain) finds the same
//! tables (kind, unit, number of rows), reads the same cells and adds no
//! error finding.
//!
//! The variants: CRLF line ends; U+3000 or NBSP for every space; full-width
//! digits; thousands separated by a full-width comma ("8，265.43"), with
//! ASCII or full-width digits; no blank lines; trailing spaces; amounts
//! without thousands separators; a page footer ("第 3 页", "第3页，共40页",
//! "— 12 —", a bare page number) or a form feed in the middle of every table;
//! the department's name as a running page header there (alone, or with its
//! year and "部门预算" after it or before it); titles numbered
//! ("表3 ", "附表1-3：", "3、", "三、"), their markers ("公开表三") dropped, or
//! their unit moved onto the title line ("…总表（单位：万元）") or onto a line
//! of its own; a blank line after every line; the tables alone
//! (what comes before the first table cut off); the narrative alone (the
//! tables cut out: no table is read from it and it adds no error but the
//! tables it misses).
//!
//! Skipped (with a message) where ../shared/real is absent.

use std::collections::BTreeMap;
use std::path::Path;

mod common;

use gongkai::model::{DocumentInfo, DocumentKind};
use gongkai::report::DocumentReport;
use gongkai::rules::Severity;

/// One real text, its report, and where its tables are.
struct Doc {
    text: String,
    report: DocumentReport,
    /// Per table with rows: (title line, first row line, last row line), 0-based.
    regions: Vec<(Option<usize>, usize, usize)>,
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn load(dir: &Path, file: &str) -> Doc {
    let text = std::fs::read_to_string(dir.join(file)).expect("real text");
    let report = gongkai::check_text(file, &text);
    let lines: Vec<String> = text.split('\n').map(squeeze).collect();
    let regions = report
        .tables
        .iter()
        .filter_map(|t| {
            let first = t.rows.iter().map(|r| r.source_line).min()?.checked_sub(1)?;
            let last = t.rows.iter().map(|r| r.source_line).max()?.checked_sub(1)?;
            let names = [squeeze(&t.title), squeeze(&t.heading)];
            // The title line: the nearest line above the first row naming it.
            let title =
                (first.saturating_sub(60)..=first).rev().find(|&i| names.iter().any(|n| !n.is_empty() && lines[i].contains(n.as_str())));
            Some((title, first, last))
        })
        .collect();
    Doc { text, report, regions }
}

/// A marker alone on its line ("公开表一", "公开 01 表", "表一").
fn is_marker_line(l: &str) -> bool {
    let s = squeeze(l);
    let numeral = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    s.strip_prefix("公开表").is_some_and(numeral)
        || s.strip_prefix("公开").and_then(|r| r.strip_suffix('表')).is_some_and(numeral)
        || s.strip_prefix('表').is_some_and(numeral)
}

fn lines(text: &str) -> Vec<String> {
    text.split('\n').map(str::to_string).collect()
}

/// A line inserted before the middle row of every table of four rows or more.
fn mid_table(d: &Doc, make: impl Fn(usize) -> String) -> String {
    let mut l = lines(&d.text);
    let mut at: Vec<(usize, String)> = Vec::new();
    for (k, t) in d.report.tables.iter().enumerate() {
        let mut rows: Vec<usize> = t.rows.iter().map(|r| r.source_line - 1).collect();
        rows.sort_unstable();
        rows.dedup();
        if rows.len() >= 4 {
            at.push((rows[rows.len() / 2], make(k)));
        }
    }
    at.sort();
    for (i, s) in at.into_iter().rev() {
        l.insert(i, s);
    }
    l.join("\n")
}

/// Every title line edited (from the last, so that inserted lines move
/// nothing not yet edited).
fn titles(d: &Doc, edit: impl Fn(&mut Vec<String>, usize, usize, usize)) -> String {
    let mut l = lines(&d.text);
    let mut found: Vec<(usize, usize)> = d.regions.iter().filter_map(|r| r.0.map(|t| (t, r.1))).collect();
    found.sort_unstable();
    found.dedup_by_key(|x| x.0);
    for (k, (title, first)) in found.into_iter().enumerate().rev() {
        edit(&mut l, k, title, first);
    }
    l.join("\n")
}

fn prefixed(l: &mut [String], title: usize, prefix: &str) {
    let s = &l[title];
    let lead = s.len() - s.trim_start_matches(['\u{c}', ' ']).len();
    l[title] = format!("{}{prefix}{}", &s[..lead], &s[lead..]);
}

const CN: [&str; 12] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

/// The unit of the lines from the title to the first row ("单位：万元"),
/// taken off its line and put `onto` the title line or onto a line of its own.
fn move_unit(l: &mut Vec<String>, title: usize, first: usize, onto_title: bool) {
    for i in title..first {
        for u in ["万元", "元"] {
            for pat in [format!("单位：{u}"), format!("单位:{u}")] {
                if let Some(at) = l[i].find(&pat) {
                    let mut rest = l[i].clone();
                    rest.replace_range(at..at + pat.len(), "");
                    l[i] = rest.trim_end().to_string();
                    if onto_title {
                        l[title] = format!("{}（单位：{u}）", l[title].trim_end());
                    } else {
                        l.insert(title + 1, format!("{:>60}单位：{u}", ""));
                    }
                    return;
                }
            }
        }
    }
}

/// Every "," after a digit and before three digits printed "，", the way a
/// text typed in full width separates thousands ("8，265.43").
fn full_width_separators(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let digit = |i: usize| b.get(i).is_some_and(char::is_ascii_digit);
    b.iter().enumerate().map(|(i, c)| if *c == ',' && i > 0 && digit(i - 1) && (1..=3).all(|k| digit(i + k)) { '，' } else { *c }).collect()
}

/// A variant of a text, or None where it does not apply (or changes nothing).
type Make = fn(&Doc) -> Option<String>;

const VARIANTS: &[(&str, Make)] = &[
    ("CRLF line ends", |d| Some(d.text.replace('\n', "\r\n"))),
    ("U+3000 for every space", |d| Some(d.text.replace(' ', "\u{3000}"))),
    ("NBSP for every space", |d| Some(d.text.replace(' ', "\u{a0}"))),
    ("full-width digits", |d| {
        Some(
            d.text
                .chars()
                .map(|c| if c.is_ascii_digit() || c == '.' { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c })
                .collect(),
        )
    }),
    ("no blank lines", |d| Some(d.text.split('\n').filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n"))),
    ("trailing spaces", |d| {
        Some(d.text.split('\n').map(|l| if l.trim().is_empty() { l.to_string() } else { format!("{l}   ") }).collect::<Vec<_>>().join("\n"))
    }),
    ("no thousands separators", |d| {
        let b: Vec<char> = d.text.chars().collect();
        let digit = |i: usize| b.get(i).is_some_and(char::is_ascii_digit);
        let out: String = b
            .iter()
            .enumerate()
            .filter(|(i, c)| !(**c == ',' && *i > 0 && digit(i - 1) && (1..=3).all(|k| digit(i + k))))
            .map(|(_, c)| c)
            .collect();
        Some(out)
    }),
    ("full-width thousands separators", |d| Some(full_width_separators(&d.text))),
    ("full-width amounts", |d| {
        Some(
            full_width_separators(&d.text)
                .chars()
                .map(|c| if c.is_ascii_digit() || c == '.' { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c })
                .collect(),
        )
    }),
    ("page footers mid-table", |d| {
        Some(mid_table(d, |k| match k % 5 {
            0 => format!("第 {} 页", k + 3),
            1 => format!("第{}页，共40页", k + 3),
            2 => format!("— {} —", k + 12),
            3 => format!("{:>40}", k + 12),
            _ => "\u{c}".to_string(),
        }))
    }),
    ("the department's name as a page header mid-table", |d| {
        // Many PDFs print the department (and the disclosure) at the top of
        // every page: after a page break inside a table, between two rows.
        let doc = &d.report.document;
        let dept = doc.department.as_deref()?;
        let kind = if doc.kind == DocumentKind::Budget { "部门预算" } else { "部门决算" };
        let year = doc.year?;
        Some(mid_table(d, |k| match k % 3 {
            0 => format!("{:>30}{dept}", ""),
            1 => format!("\u{c}{dept}{year}年{kind}"),
            _ => format!("{:>20}{year}年度{dept}{kind}公开", ""),
        }))
    }),
    ("titles numbered 表N", |d| Some(titles(d, |l, k, title, _| prefixed(l, title, &format!("表{} ", k + 1))))),
    ("titles numbered 附表1-N", |d| Some(titles(d, |l, k, title, _| prefixed(l, title, &format!("附表1-{}：", k + 1))))),
    ("titles numbered N、", |d| Some(titles(d, |l, k, title, _| prefixed(l, title, &format!("{}、", k + 1))))),
    ("titles numbered 一、", |d| Some(titles(d, |l, k, title, _| prefixed(l, title, &format!("{}、", CN[k % CN.len()]))))),
    ("markers dropped", |d| {
        Some(titles(d, |l, _, title, first| {
            for s in l.iter_mut().take(first).skip(title.saturating_sub(3)) {
                if is_marker_line(s) {
                    // A form feed before the marker keeps its page.
                    *s = if s.contains('\u{c}') { "\u{c}".to_string() } else { String::new() };
                }
            }
        }))
    }),
    ("unit on the title line", |d| Some(titles(d, |l, _, title, first| move_unit(l, title, first, true)))),
    ("unit on a line of its own", |d| Some(titles(d, |l, _, title, first| move_unit(l, title, first, false)))),
    ("a blank line after every line", |d| Some(d.text.split('\n').flat_map(|l| [l, ""]).collect::<Vec<_>>().join("\n"))),
    ("the tables alone", |d| {
        // From the first table's title (and its marker above it), when the first table has rows.
        let (title, _, _) = d.regions.iter().min_by_key(|r| r.1)?;
        let first_listed = d.report.tables.first()?;
        let mut lo = (*title)?;
        if first_listed.rows.is_empty() {
            return None;
        }
        let l = lines(&d.text);
        while lo > 0 && is_marker_line(&l[lo - 1]) {
            lo -= 1;
        }
        Some(l[lo..].join("\n"))
    }),
];

type Cells = Vec<(String, Option<String>, Vec<(Option<String>, String, Option<u32>, Vec<Option<String>>)>)>;

fn cells(r: &DocumentReport) -> Cells {
    r.tables
        .iter()
        .map(|t| {
            let rows = t
                .rows
                .iter()
                .map(|x| (x.code.clone(), x.label.clone(), x.line, x.values.iter().map(|v| v.map(|d| d.normalize().to_string())).collect()))
                .collect();
            (format!("{:?}", t.kind), t.unit.clone(), rows)
        })
        .collect()
}

type ErrorKey = (String, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>);

/// Error findings by what they say (not where: variants move lines), counted.
fn errors(r: &DocumentReport) -> BTreeMap<ErrorKey, usize> {
    let mut out = BTreeMap::new();
    for f in r.findings.iter().filter(|f| f.severity == Severity::Error) {
        let key = (
            f.rule.to_string(),
            f.table.clone(),
            f.row.clone(),
            f.column.clone(),
            f.expected.map(|d| d.normalize().to_string()),
            f.actual.map(|d| d.normalize().to_string()),
        );
        *out.entry(key).or_insert(0) += 1;
    }
    out
}

/// The errors of `got` that `base` has not (as many times).
fn new_errors(base: &DocumentReport, got: &DocumentReport) -> Vec<ErrorKey> {
    let before = errors(base);
    errors(got).into_iter().filter(|(k, n)| before.get(k).is_none_or(|b| n > b)).map(|(k, _)| k).collect()
}

fn texts(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .expect("real dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|f| f.ends_with(".txt"))
        .collect();
    out.sort();
    out
}

#[test]
fn every_variant_of_every_real_text_reads_the_same_tables_and_cells() {
    let Some(dir) = common::real_dir() else { return };
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in texts(&dir) {
        let d = load(&dir, &file);
        for (name, make) in VARIANTS {
            let Some(text) = make(&d).filter(|t| *t != d.text) else { continue };
            let got = gongkai::check_text("variant", &text);
            checked += 1;
            let (want, read) = (cells(&d.report), cells(&got));
            if read != want {
                let first = want.iter().zip(&read).position(|(a, b)| a != b).unwrap_or(want.len().min(read.len()));
                failures.push(format!(
                    "{file} / {name}: tables differ from table {first} ({} → {} tables; {:?} → {:?})",
                    want.len(),
                    read.len(),
                    want.get(first).map(|t| (&t.0, &t.1, t.2.len())),
                    read.get(first).map(|t| (&t.0, &t.1, t.2.len()))
                ));
            }
            let new = new_errors(&d.report, &got);
            if !new.is_empty() {
                failures.push(format!("{file} / {name}: new errors {new:?}"));
            }
            if got.document.kind != d.report.document.kind {
                failures.push(format!("{file} / {name}: read as {:?}", got.document.kind));
            }
            if let Some(how) = recognised_otherwise(&d.report.document, &got.document) {
                failures.push(format!("{file} / {name}: {how}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {checked} variants differ:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(checked, 505, "variants that apply to the real texts");
}

/// How `got` is recognised otherwise than `want`: its kind, scope,
/// department and year are the same or unknown (a year unknown with its
/// doubt said), never another. None when they are.
fn recognised_otherwise(want: &DocumentInfo, got: &DocumentInfo) -> Option<String> {
    if got.kind != want.kind && got.kind != DocumentKind::Unknown {
        return Some(format!("kind {:?} → {:?}", want.kind, got.kind));
    }
    if got.scope.is_some() && got.scope != want.scope {
        return Some(format!("scope {:?} → {:?}", want.scope, got.scope));
    }
    if got.department.is_some() && got.department != want.department {
        return Some(format!("department {:?} → {:?}", want.department, got.department));
    }
    match got.year {
        Some(y) if got.year != want.year => Some(format!("year {:?} → {y}", want.year)),
        None if want.year.is_some() && got.kind != DocumentKind::Unknown && got.year_doubt.is_none() => {
            Some(format!("year {:?} → unknown, and no doubt said", want.year))
        }
        _ => None,
    }
}

/// The line a text's narrative starts on: its first part or 说明 heading
/// ("第一部分 部门概况", "2024年部门预算编制说明", "第三部分 …情况说明")
/// that is not a 目录 entry (one printed again below, or with leaders).
fn narrative_start(text: &str) -> Option<usize> {
    let l: Vec<String> = text.split('\n').map(|s| squeeze(&s.replace('\u{c}', ""))).collect();
    let mut last = BTreeMap::new();
    for (i, s) in l.iter().enumerate() {
        last.insert(s.as_str(), i);
    }
    (0..l.len()).find(|&i| {
        let s = l[i].as_str();
        let part = s.starts_with('第') && s.chars().nth(2) == Some('部') && s.chars().nth(3) == Some('分');
        let said = s.ends_with("情况说明") || s.ends_with("编制说明");
        (part || said) && s.chars().count() <= 40 && !s.contains(['…', '．']) && last.get(s) == Some(&i)
    })
}

/// Every real text (layout and plain) and every corpus text pasted without
/// its cover: from its narrative's first heading on, and from its first
/// table on. The document is recognised as the whole one is (kind, scope,
/// department, year), or as unknown, never as another; where the cut of
/// a real text keeps every table, they read the same cells and add no error.
#[test]
fn a_text_pasted_without_its_cover_is_recognised_as_the_whole_or_its_year_said_unknown() {
    // (text, whether its tables are compared): a corpus text prints its
    // first table's unit above the part heading before it, so a cut at the
    // title loses it, and with it the table.
    let mut docs: Vec<(Doc, bool)> = Vec::new();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    docs.extend(texts(&corpus).iter().map(|f| (load(&corpus, f), false)));
    if let Some(dir) = common::real_dir() {
        docs.extend(texts(&dir).iter().map(|f| (load(&dir, f), true)));
    }
    let mut failures = Vec::new();
    let mut checked = 0;
    for (d, compare_tables) in &docs {
        let name = &d.report.source;
        let l = lines(&d.text);
        // The first table's title, with its marker and meta lines above it.
        let first_table = d.regions.iter().min_by_key(|r| r.1).and_then(|r| r.0).map(|mut lo| {
            while lo > 0 {
                let above = squeeze(&l[lo - 1]);
                if !(above.is_empty() || is_marker_line(&above) || ["单位：", "部门："].iter().any(|k| above.contains(k))) {
                    break;
                }
                lo -= 1;
            }
            lo
        });
        for (cut, at) in [("from its narrative", narrative_start(&d.text)), ("from its first table", first_table)] {
            let Some(at) = at.filter(|&at| at > 0) else { continue };
            let got = gongkai::check_text("cut", &l[at..].join("\n"));
            checked += 1;
            if let Some(how) = recognised_otherwise(&d.report.document, &got.document) {
                failures.push(format!("{name} {cut}: {how}"));
            }
            // Every table kept (a first table without rows may lose its title).
            let all_kept =
                *compare_tables && first_table.is_some_and(|t| at <= t) && d.report.tables.first().is_some_and(|t| !t.rows.is_empty());
            if all_kept {
                if cells(&got) != cells(&d.report) {
                    failures.push(format!("{name} {cut}: tables differ"));
                }
                let new = new_errors(&d.report, &got);
                if !new.is_empty() {
                    failures.push(format!("{name} {cut}: new errors {new:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {checked} cuts differ:\n{}", failures.len(), failures.join("\n"));
    if common::real_dir().is_some() {
        assert_eq!(checked, 45, "cuts of the corpus and real texts");
    }
}

#[test]
fn the_narrative_alone_reads_no_table_and_adds_no_error_but_the_missing_tables() {
    let Some(dir) = common::real_dir() else { return };
    let mut checked = 0;
    for file in texts(&dir).into_iter().filter(|f| f.ends_with(".layout.txt")) {
        let d = load(&dir, &file);
        let (Some(lo), Some(hi)) = (d.regions.iter().filter_map(|r| r.0).min(), d.regions.iter().map(|r| r.2).max()) else { continue };
        let l = lines(&d.text);
        let mut lo = lo;
        while lo > 0 && is_marker_line(&l[lo - 1]) {
            lo -= 1;
        }
        let narrative = [&l[..lo], &l[hi + 1..]].concat();
        if narrative.iter().all(|s| s.trim().is_empty()) {
            continue; // a tables-only file
        }
        let got = gongkai::check_text("narrative", &narrative.join("\n"));
        checked += 1;
        let read: Vec<_> = got.tables.iter().filter(|t| !t.rows.is_empty()).map(|t| &t.title).collect();
        assert!(read.is_empty(), "{file}: tables read from the narrative alone: {read:?}");
        // A 决算 without its tables misses them (DOC-001); nothing else is new.
        let new: Vec<_> = new_errors(&d.report, &got).into_iter().filter(|k| k.0 != "DOC-001").collect();
        assert!(new.is_empty(), "{file}: new errors {new:?}");
    }
    assert_eq!(checked, 11, "layout texts with both narrative and tables");
}

/// Every finding by what it says (not where: variants move lines), counted.
fn findings(r: &DocumentReport) -> BTreeMap<(String, String, ErrorKey), usize> {
    let mut out = BTreeMap::new();
    for f in &r.findings {
        let key = (
            f.rule.to_string(),
            f.table.clone(),
            f.row.clone(),
            f.column.clone(),
            f.expected.map(|d| d.normalize().to_string()),
            f.actual.map(|d| d.normalize().to_string()),
        );
        *out.entry((format!("{:?}", f.severity), f.rule.to_string(), key)).or_insert(0) += 1;
    }
    out
}

/// A region-and-year running header ("某省2018年度省级部门预算") printed at
/// the top of every page of every real text, form feed before it: inside
/// tables, between a sentence's halves in the narrative, after a page
/// number. It is page furniture: the same tables, cells and findings (errors,
/// warnings and notes) as the original's.
#[test]
fn a_region_and_year_header_atop_every_page_changes_no_table_cell_or_finding() {
    let Some(dir) = common::real_dir() else { return };
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in texts(&dir) {
        let d = load(&dir, &file);
        let doc = &d.report.document;
        let (Some(year), true) = (doc.year, d.text.contains('\u{c}')) else { continue };
        let kind = if doc.kind == DocumentKind::FinalAccounts { "部门决算" } else { "部门预算" };
        for header in [format!("某省{year}年度省级{kind}"), format!("{:>24}某省 {year} 年度省级{kind}\n", "")] {
            let got = gongkai::check_text("headed", &d.text.replace('\u{c}', &format!("\u{c}{header}\n")));
            checked += 1;
            if cells(&got) != cells(&d.report) {
                failures.push(format!("{file} / {header:?}: tables differ"));
            }
            let (want, have) = (findings(&d.report), findings(&got));
            if have != want {
                let lost: Vec<_> = want.iter().filter(|(k, n)| have.get(*k) != Some(n)).map(|(k, _)| k).collect();
                let new: Vec<_> = have.iter().filter(|(k, n)| want.get(*k) != Some(n)).map(|(k, _)| k).collect();
                failures.push(format!("{file} / {header:?}: findings differ: lost {lost:?}, new {new:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {checked} differ:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(checked, 80, "real texts with pages, two headers each");
}

/// The cover's title as printed, its one or two first lines ("上海市普陀区
/// 2024年区级部门预算"; "…财政局" over "2024 年度部门决算"), when they name a
/// year and end like a disclosure's title; None for a text that opens
/// otherwise (a table, a page number).
fn cover_lines(text: &str) -> Option<Vec<&str>> {
    let first: Vec<&str> = text.split('\n').filter(|l| !l.trim().is_empty()).take(2).collect();
    let titled = |s: &str| {
        let s = squeeze(s);
        s.contains('年') && ["预算", "决算", "公开", "公开报表"].iter().any(|e| s.ends_with(e))
    };
    (1..=first.len()).find(|&n| titled(&first[..n].concat())).map(|n| first[..n].to_vec())
}

/// The cover's title, on one line or wrapped over two, printed again atop
/// every page of every real text that has one: page furniture, the same
/// tables, cells and findings as the original's.
#[test]
fn the_cover_title_atop_every_page_changes_no_table_cell_or_finding() {
    let Some(dir) = common::real_dir() else { return };
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in texts(&dir) {
        let d = load(&dir, &file);
        let Some(cover) = cover_lines(&d.text).filter(|_| d.text.contains('\u{c}')) else { continue };
        let got = gongkai::check_text("headed", &d.text.replace('\u{c}', &format!("\u{c}{}\n", cover.join("\n"))));
        checked += 1;
        if cells(&got) != cells(&d.report) {
            failures.push(format!("{file}: tables differ"));
        }
        let (want, have) = (findings(&d.report), findings(&got));
        if have != want {
            let lost: Vec<_> = want.iter().filter(|(k, n)| have.get(*k) != Some(n)).map(|(k, _)| k).collect();
            let new: Vec<_> = have.iter().filter(|(k, n)| want.get(*k) != Some(n)).map(|(k, _)| k).collect();
            failures.push(format!("{file} / {cover:?}: findings differ: lost {lost:?}, new {new:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {checked} differ:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(checked, 28, "real texts with a cover and pages");
}

/// A table's amounts in 元 as integers without separators, the way portals
/// that publish in 元 print them: the unit line of the table (title to first
/// row) says 元, and every amount of its rows ("20,702.25", "147.20") becomes
/// its value ×10000 ("207022500", "1472000"), right-aligned where it stood.
fn in_yuan(d: &Doc, table: usize) -> Option<String> {
    let (title, first, last) = *d.regions.get(table)?;
    let mut l = lines(&d.text);
    let unit = (title?..first).find(|&i| l[i].contains("单位：万元"))?;
    l[unit] = l[unit].replace("单位：万元", "单位：元");
    let amount = |w: &str| {
        let (int, frac) = w.split_once('.')?;
        let groups: Vec<&str> = int.split(',').collect();
        let grouped = groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        (grouped && groups.iter().all(|g| digits(g)) && digits(frac) && frac.len() <= 4).then(|| {
            let yuan: u64 = groups.concat().parse::<u64>().ok()? * 10_000 + format!("{frac:0<4}").parse::<u64>().ok()?;
            Some(yuan.to_string())
        })?
    };
    for s in &mut l[first..=last] {
        let mut out = String::new();
        let mut rest = s.as_str();
        while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
            let (pad, word) = rest.split_at(start);
            let end = word.find(char::is_whitespace).unwrap_or(word.len());
            let (w, after) = word.split_at(end);
            match amount(w) {
                // Wider by (len - w.len()): eats as many spaces before it, one kept.
                Some(y) => {
                    let grow = y.len().saturating_sub(w.len()).min(pad.len().saturating_sub(1));
                    out.push_str(&pad[..pad.len() - grow]);
                    out.push_str(&y);
                }
                None => {
                    out.push_str(pad);
                    out.push_str(w);
                }
            }
            rest = after;
        }
        out.push_str(rest);
        *s = out;
    }
    Some(l.join("\n"))
}

#[test]
fn a_summary_table_printed_in_yuan_without_separators_reads_its_integers_as_amounts() {
    let Some(dir) = common::real_dir() else { return };
    let mut checked = 0;
    let mut failures = Vec::new();
    for file in texts(&dir).into_iter().filter(|f| f.ends_with(".layout.txt")) {
        let d = load(&dir, &file);
        // The two-sided 收支总表s: label then amount, no 科目 codes.
        for (k, t) in d.report.tables.iter().enumerate() {
            if !matches!(format!("{:?}", t.kind).as_str(), "BSummary" | "F01") || t.unit.as_deref() != Some("万元") {
                continue;
            }
            let Some(text) = in_yuan(&d, k) else { continue };
            let got = gongkai::check_text("in 元", &text);
            checked += 1;
            let Some(read) = got.tables.iter().find(|g| g.kind == t.kind && g.title == t.title) else {
                failures.push(format!("{file} / {}: not found", t.title));
                continue;
            };
            let yuan = |v: &Option<rust_decimal::Decimal>| v.map(|x| (x * rust_decimal::Decimal::from(10_000)).normalize().to_string());
            let want: Vec<_> =
                t.rows.iter().map(|r| (r.code.clone(), r.label.clone(), r.values.iter().map(yuan).collect::<Vec<_>>())).collect();
            let have: Vec<_> = read
                .rows
                .iter()
                .map(|r| {
                    (r.code.clone(), r.label.clone(), r.values.iter().map(|v| v.map(|x| x.normalize().to_string())).collect::<Vec<_>>())
                })
                .collect();
            if let Some((w, h)) = want.iter().zip(&have).find(|(w, h)| w != h) {
                failures.push(format!("{file} / {}: {w:?} read as {h:?}", t.title));
            } else if want.len() != have.len() {
                failures.push(format!("{file} / {}: {} rows read as {}", t.title, want.len(), have.len()));
            }
            // The table's own checks find nothing new (its amounts, ×10000, still add up).
            let of_table = |r: &DocumentReport| {
                let mut v: Vec<_> = r
                    .findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error && f.table.as_deref().is_some_and(|n| n.contains(t.title.as_str())))
                    .map(|f| f.rule.to_string())
                    .collect();
                v.sort();
                v
            };
            if of_table(&got) != of_table(&d.report) {
                failures.push(format!("{file} / {}: errors {:?} → {:?}", t.title, of_table(&d.report), of_table(&got)));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {checked} tables differ:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(checked, 12, "summary tables in 万元");
}
