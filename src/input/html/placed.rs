//! HTML whose text is placed on the page by CSS, as PDF converters write it
//! (`pdftohtml -s`, and portals that show a PDF as a web page): each run of
//! text an element at `position:absolute` with `left` and `top` (or
//! `bottom`), given inline or by class, one `position:relative` block per
//! page.
//!
//! Read in source order as flowing HTML, a table comes one cell per line
//! and a page's number runs into the sentence the page break cuts ("222.5"
//! then "28" then "万元" read as 222.528 万元). Laid out by position like a
//! PDF's glyphs ([`crate::input::layout`]), the runs give the lines
//! `pdftotext -layout` gives, and pages end with a form feed.

use std::collections::HashMap;

use super::{attr, Event, Events};
use crate::input::layout::{self, Glyph, PageGlyphs};

/// Placed runs of text a page must hold, at least, to be laid out by
/// position: a page with a few placed elements (a banner, a floating
/// button) is a flowing page.
const MIN_RUNS: usize = 20;

/// Glyphs a page holds at most (beyond, its text is cut), as a PDF's page
/// ([`crate::input::pdf::Limits`]): real pages hold under 20 000.
const MAX_PAGE_GLYPHS: usize = 200_000;

/// The CSS a run of text takes its place and size from (px; pt are turned
/// to px, the two scales never mixed within a value).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Style {
    absolute: bool,
    relative: bool,
    left: Option<f32>,
    top: Option<f32>,
    bottom: Option<f32>,
    size: Option<f32>,
}

impl Style {
    /// `other`'s declarations over these (an inline style over a class's).
    fn over(self, other: Style) -> Style {
        Style {
            absolute: other.absolute || (self.absolute && !other.relative),
            relative: other.relative || (self.relative && !other.absolute),
            left: other.left.or(self.left),
            top: other.top.or(self.top),
            bottom: other.bottom.or(self.bottom),
            size: other.size.or(self.size),
        }
    }

    /// Reads a declaration block ("position:absolute;top:240px;left:225px").
    fn parse(decls: &str) -> Style {
        let mut s = Style::default();
        for d in decls.split(';') {
            let Some((k, v)) = d.split_once(':') else { continue };
            let v = v.trim();
            match k.trim().to_ascii_lowercase().as_str() {
                "position" => {
                    s.absolute = v.eq_ignore_ascii_case("absolute");
                    s.relative = v.eq_ignore_ascii_case("relative");
                }
                "left" => s.left = length(v),
                "top" => s.top = length(v),
                "bottom" => s.bottom = length(v),
                "font-size" => s.size = length(v).filter(|x| *x > 0.0),
                _ => {}
            }
        }
        s
    }

    /// Where a run with this style starts: its left end and baseline (y up,
    /// as [`Glyph`]s have it), and its font size.
    fn place(&self) -> Option<(f32, f32, f32)> {
        if !self.absolute {
            return None;
        }
        let size = self.size.unwrap_or(16.0);
        let y = match (self.top, self.bottom) {
            (Some(top), _) => -(top + size),
            (None, Some(bottom)) => bottom,
            (None, None) => return None,
        };
        Some((self.left?, y, size))
    }
}

/// A CSS length in px ("27px", "20.25pt", "0"); None for other units and
/// for numbers too large to be a place on a page.
fn length(v: &str) -> Option<f32> {
    let v = v.trim().trim_end_matches("!important").trim();
    let (num, scale) = if let Some(n) = v.strip_suffix("px") {
        (n, 1.0)
    } else if let Some(n) = v.strip_suffix("pt") {
        (n, 4.0 / 3.0)
    } else {
        (v, 1.0)
    };
    let x: f32 = num.trim().parse().ok()?;
    (x.is_finite() && x.abs() < 1.0e6).then_some(x * scale)
}

/// The class rules of a style sheet (".ft10{font-size:54px;…}"): class name
/// to style. Selectors other than a lone class (or a tag and a class) are
/// passed over.
fn class_rules(css: &str, rules: &mut HashMap<String, Style>) {
    let mut rest = css;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|k| open + k) else { break };
        let decls = Style::parse(&rest[open + 1..close]);
        for sel in rest[..open].split(',') {
            let sel = sel.trim();
            let Some((_, class)) = sel.rsplit_once('.') else { continue };
            let simple = !class.is_empty() && class.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if simple && !sel.contains([' ', '>', ':', '#']) {
                let s = rules.entry(class.to_string()).or_default();
                *s = s.over(decls);
            }
        }
        rest = &rest[close + 1..];
    }
}

/// A run of placed text being read: the element that placed it (its name,
/// and how many elements of that name are open inside it), where its next
/// glyph goes, and its size.
struct Run {
    name: String,
    depth: usize,
    x: f32,
    left: f32,
    y: f32,
    size: f32,
}

/// The lines of each page of an HTML page whose text is placed by CSS, laid
/// out by position; None when the page is not one (fewer than
/// [`MIN_RUNS`] placed runs, or most of its text flows).
pub(super) fn pages(html: &str) -> Option<Vec<Vec<String>>> {
    if !html.as_bytes().windows(8).any(|w| w.eq_ignore_ascii_case(b"absolute")) {
        return None;
    }
    let mut rules = HashMap::new();
    // Each page laid out as the next begins: only one page's glyphs are
    // held at a time.
    let mut pages: Vec<Vec<String>> = Vec::new();
    let mut page: Vec<Glyph> = Vec::new();
    let (mut runs, mut placed_chars, mut flowing_chars) = (0usize, 0usize, 0usize);
    let mut run: Option<Run> = None;
    let mut events = Events::new(html);
    while let Some(event) = events.next() {
        match event {
            Event::Tag(t) => match (t.name.as_str(), t.closing) {
                // A style sheet's text, read up to its end tag: its rules
                // are often wrapped in "<!-- -->", which is no comment
                // there.
                ("style", false) => {
                    let from = events.at();
                    let end = end_tag(html, from, "</style").unwrap_or(html.len());
                    class_rules(html.get(from..end).unwrap_or_default(), &mut rules);
                    events.resume_at(end);
                }
                ("script" | "title" | "xml", false) => events.skip_element(&t.name),
                ("br", _) => {
                    if let Some(r) = run.as_mut() {
                        // A line break inside a placed run: the next line, at its left.
                        r.y -= 1.2 * r.size;
                        r.x = r.left;
                    }
                }
                (name, true) => {
                    if let Some(r) = run.as_mut().filter(|r| r.name == name) {
                        if r.depth == 0 {
                            run = None;
                        } else {
                            r.depth -= 1;
                        }
                    }
                }
                (name, false) => {
                    if let Some(r) = run.as_mut() {
                        if r.name == name && !t.attrs.trim_end().ends_with('/') {
                            r.depth += 1;
                        }
                        continue;
                    }
                    let mut style = Style::default();
                    for c in attr(t.attrs, "class").unwrap_or("").split_whitespace() {
                        if let Some(s) = rules.get(c) {
                            style = style.over(*s);
                        }
                    }
                    style = style.over(Style::parse(attr(t.attrs, "style").unwrap_or("")));
                    if style.relative && name == "div" && !page.is_empty() {
                        pages.push(layout::lines(&PageGlyphs { glyphs: std::mem::take(&mut page) }));
                    }
                    if let Some((x, y, size)) = style.place() {
                        runs += 1;
                        run = Some(Run { name: name.to_string(), depth: 0, x, left: x, y, size });
                    }
                }
            },
            Event::Text(text) => match run.as_mut() {
                Some(r) => {
                    let mut space = false;
                    for ch in text.chars() {
                        if ch.is_whitespace() {
                            // White space collapses to one space's advance.
                            if !space {
                                r.x += 0.3 * r.size;
                            }
                            space = true;
                            continue;
                        }
                        space = false;
                        let w = if wide(ch) { r.size } else { 0.5 * r.size };
                        if page.len() < MAX_PAGE_GLYPHS {
                            page.push(Glyph { x: r.x, y: r.y, w, size: r.size, ch, turn: 0 });
                        }
                        r.x += w;
                        placed_chars += 1;
                    }
                }
                None => flowing_chars += text.chars().filter(|c| !c.is_whitespace()).count(),
            },
        }
    }
    if runs < MIN_RUNS || placed_chars < 4 * flowing_chars {
        return None;
    }
    if !page.is_empty() {
        pages.push(layout::lines(&PageGlyphs { glyphs: page }));
    }
    Some(pages)
}

/// Where the end tag `close` (lower case, "</style") stands in `html` from
/// `from` on, in any case.
fn end_tag(html: &str, from: usize, close: &str) -> Option<usize> {
    let hay = html.as_bytes().get(from..)?;
    hay.windows(close.len()).position(|w| w.eq_ignore_ascii_case(close.as_bytes())).map(|k| from + k)
}

/// Whether a char takes a full em (CJK, full-width forms) rather than half.
fn wide(ch: char) -> bool {
    ch >= '\u{1100}' && !('\u{2000}'..='\u{206F}').contains(&ch) || ch == '—'
}

#[cfg(test)]
mod tests {
    use super::pages;

    /// A page as `pdftohtml -s` writes it: its style sheet wrapped in
    /// "<!-- -->", a `position:relative` block, a `<p>` placed by `top` and
    /// `left` for each run (top px, left px, class, text).
    fn page(n: usize, runs: &[(u32, u32, &str, &str)]) -> String {
        let mut s = format!(
            "<!-- Page {n} -->\n<style type=\"text/css\">\n<!--\n\tp {{margin: 0; padding: 0;}}\t.ft10{{font-size:14px;font-family:ABCDEE+SimSun;color:#000000;}}\n\t.ft11{{font-size:21px;}}\n-->\n</style>\n<div id=\"page{n}-div\" style=\"position:relative;width:892px;height:1262px;\">\n"
        );
        for (top, left, class, text) in runs {
            s.push_str(&format!(
                "<p style=\"position:absolute;top:{top}px;left:{left}px;white-space:nowrap\" class=\"{class}\">{text}</p>\n"
            ));
        }
        s + "</div>\n"
    }

    fn html(pages: &[String]) -> String {
        format!("<!DOCTYPE html>\n<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\"/></head>\n<body>\n{}</body></html>", pages.concat())
    }

    /// A table's cells, one `<p>` each in source order, come back on their
    /// row's line, two spaces or more apart; a page's number stays on its
    /// page, and the next page opens with a form feed.
    #[test]
    fn text_placed_by_css_is_laid_out_by_position() {
        let mut first = vec![(60, 330, "ft11", "收支预算总表"), (120, 100, "ft10", "项目"), (120, 600, "ft10", "金额")];
        let rows = [
            "一、一般公共服务支出",
            "二、外交支出",
            "三、国防支出",
            "四、公共安全支出",
            "五、教育支出",
            "六、科学技术支出",
            "七、住房保障支出",
        ];
        for (k, label) in rows.iter().enumerate() {
            let top = 150 + 30 * k as u32;
            first.push((top, 100, "ft10", label));
            first.push((top, 600, "ft10", "1,234.56"));
        }
        first.extend([(400, 100, "ft10", "合计"), (400, 600, "ft10", "8,641.92")]);
        first.extend([(1100, 100, "ft10", "本年支出预算&#160;222.5"), (1200, 440, "ft10", "27")]);
        let second = page(2, &[(80, 100, "ft10", "万元，比上年增加&#160;10&#160;万元。")]);
        let html = html(&[page(1, &first), second]);
        let pages = pages(&html).expect("placed");
        assert_eq!(pages.len(), 2);
        let one = &pages[0];
        assert!(one.iter().any(|l| l.trim() == "收支预算总表"), "{one:?}");
        let row = one.iter().find(|l| l.contains("一、一般公共服务支出")).expect("row");
        assert!(row.contains("一、一般公共服务支出  ") && row.ends_with("1,234.56"), "{row:?}");
        assert!(one.iter().any(|l| l.starts_with("合计  ") && l.ends_with("8,641.92")), "{one:?}");
        // Runs one space apart within a `<p>` (&#160;) keep that space.
        assert!(one.iter().any(|l| l == "本年支出预算 222.5"), "{one:?}");
        assert_eq!(one.last().map(|l| l.trim()), Some("27"));
        assert_eq!(pages[1], vec!["万元，比上年增加 10 万元。".to_string()]);
        // Through the file reader: the pages as lines, a form feed between.
        let e = crate::input::extract(html.as_bytes()).expect("read").expect("html");
        assert_eq!(e.pages, 2);
        assert!(e.text.contains("27\n\u{c}万元，比上年增加 10 万元。\n"), "{:?}", e.text);
        assert_eq!(e.page_of_line.last(), Some(&2));
        assert_eq!(e.kind.place(2, &[]).as_deref(), Some("第2页"));
    }

    /// A page that flows (a few placed elements, a banner, beside its
    /// paragraphs and tables) is read as flowing HTML.
    #[test]
    fn a_flowing_page_with_a_few_placed_elements_is_not_laid_out() {
        let mut body = String::from("<div style=\"position:absolute;top:0;left:0\">通知</div>");
        body.push_str(&"<p>本部门2024年一般公共预算支出合计 1,234.56 万元。</p>".repeat(30));
        assert_eq!(pages(&format!("<html><body>{body}</body></html>")), None);
        let few: String = (0..5).map(|k| format!("<p style=\"position:absolute;top:{k}0px;left:0\">第{k}行</p>")).collect();
        assert_eq!(pages(&format!("<html><body>{few}</body></html>")), None);
    }

    /// Places far off any page, lengths in odd units, a style sheet never
    /// closed, a run never closed: read without a panic.
    #[test]
    fn odd_places_and_broken_markup_are_read_without_a_panic() {
        let runs: String = (0..30)
            .map(|k| format!("<p style=\"position:absolute;top:{}px;left:1e30px;font-size:NaNpx\">{k}</p><div style=\"position:absolute;top:-99999999px;left:3em\">x", k * 7))
            .collect();
        let _ = pages(&format!("<style>.a{{font-size:9px}}<p class=a>{runs}"));
        let _ = pages(&format!("<html><body>{runs}<style>.a{{left:"));
        let _ = crate::input::extract(format!("<html><body>{runs}").as_bytes());
    }

    /// A PDF's page as `pdftohtml -s` writes it: its glyphs in runs (a gap
    /// under half an em joins a run, with a space above a sixth), each run
    /// a `<p>` placed in px at 1.5 px a point, a class for each font size.
    #[cfg(feature = "pdf")]
    fn as_placed_html(pdf: &[u8]) -> String {
        let mut doc = crate::input::pdf::Pdf::open(pdf).expect("a PDF");
        let mut out = String::from(
            "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\"/></head><body>\n",
        );
        for i in 0..doc.page_count() {
            let mut gs: Vec<_> = doc.page_glyphs(i).glyphs.into_iter().filter(|g| g.turn == 0 && !g.ch.is_whitespace()).collect();
            gs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
            let top = gs.iter().map(|g| g.y + g.size).fold(f32::MIN, f32::max);
            let left = gs.iter().map(|g| g.x).fold(f32::MAX, f32::min);
            let mut sizes: Vec<u32> = Vec::new();
            let mut runs: Vec<(f32, f32, u32, String, f32)> = Vec::new(); // top, left, size, text, end
            for g in &gs {
                let px = (g.size * 1.5).round() as u32;
                let (t, l) = ((top - g.y - g.size) * 1.5, (g.x - left) * 1.5 + 20.0);
                let ch = match g.ch {
                    '<' => "&lt;".to_string(),
                    '&' => "&amp;".to_string(),
                    c => c.to_string(),
                };
                match runs.last_mut() {
                    Some(r)
                        if (r.0 - t).abs() < 0.3 * g.size * 1.5
                            && r.2 == px
                            && l - r.4 < 0.5 * g.size * 1.5
                            && l >= r.4 - 0.5 * g.size * 1.5 =>
                    {
                        if l - r.4 > g.size * 1.5 / 6.0 {
                            r.3.push_str("&#160;");
                        }
                        r.3.push_str(&ch);
                        r.4 = l + g.w * 1.5;
                    }
                    _ => runs.push((t, l, px, ch, l + g.w * 1.5)),
                }
                if !sizes.contains(&px) {
                    sizes.push(px);
                }
            }
            out.push_str(&format!("<!-- Page {} -->\n<style type=\"text/css\">\n<!--\n\tp {{margin: 0; padding: 0;}}", i + 1));
            for px in &sizes {
                out.push_str(&format!("\t.ft{px}{{font-size:{px}px;font-family:SimSun;color:#000000;}}\n"));
            }
            out.push_str(&format!(
                "-->\n</style>\n<div id=\"page{}-div\" style=\"position:relative;width:1262px;height:1785px;\">\n",
                i + 1
            ));
            for (t, l, px, text, _) in runs {
                out.push_str(&format!(
                    "<p style=\"position:absolute;top:{t:.0}px;left:{l:.0}px;white-space:nowrap\" class=\"ft{px}\">{text}</p>\n"
                ));
            }
            out.push_str("</div>\n");
        }
        out + "</body></html>\n"
    }

    /// Each real PDF (../shared/real, read in place) written as placed HTML,
    /// the way PDF converters put a disclosure on a web page, reads as the
    /// PDF does: every table read from it holds the PDF's labels and
    /// figures, and every finding is the PDF's, on the PDF's page.
    #[cfg(feature = "pdf")]
    #[test]
    fn a_real_pdf_written_as_placed_html_reads_as_the_pdf_does() {
        let dir = format!("{}/../shared/real", env!("CARGO_MANIFEST_DIR"));
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipped: {dir} is absent (../shared/real is not beside the checkout)");
            return;
        };
        let mut files: Vec<_> =
            entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "pdf")).collect();
        files.sort();
        let (mut tables, mut read, mut same) = (0, 0, 0);
        for path in &files {
            let name = path.display().to_string();
            let bytes = std::fs::read(path).expect("readable");
            let from_pdf = crate::check_bytes(&name, &bytes).expect("the PDF");
            let html = as_placed_html(&bytes);
            let from_html = crate::check_bytes(&name, html.as_bytes()).expect("the HTML");
            assert_eq!(from_html.input.as_ref().map(|i| i.pages), from_pdf.input.as_ref().map(|i| i.pages), "{name}: pages");
            // Each finding on the PDF's page (第N页).
            let findings = |r: &crate::DocumentReport| -> Vec<(String, Option<u32>)> {
                let mut e: Vec<(String, Option<u32>)> = r.findings.iter().map(|f| (f.rule.to_string(), f.page)).collect();
                e.sort();
                e
            };
            assert_eq!(findings(&from_html), findings(&from_pdf), "{name}: findings");
            for t in &from_html.tables {
                tables += 1;
                if !t.read {
                    continue;
                }
                read += 1;
                let pdf = from_pdf.tables.iter().find(|p| p.key == t.key).unwrap_or_else(|| panic!("{name}: {} not in the PDF", t.title));
                let values = |t: &crate::report::TableOut| -> Vec<(String, Vec<Option<rust_decimal::Decimal>>)> {
                    t.rows.iter().map(|r| (r.label.clone(), r.values.clone())).collect()
                };
                assert_eq!(values(t), values(pdf), "{name}: {}", t.title);
                same += 1;
            }
        }
        assert_eq!((tables, read, same), (158, 158, 158), "tables found, read, read as the PDF reads them");
    }
}
