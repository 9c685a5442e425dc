//! Running page headers: many PDFs print the department's name, the
//! document's title or a region-and-year line ("某省2018年度省级部门预算") at
//! the top of every page. A page break inside a table puts that line between
//! two of its rows, where a reader would take it for a row labelled with the
//! department and left blank; inside a paragraph it splits a sentence and
//! feeds its year into a claim. The page footers ("第3页") are blanked as the
//! text is normalised; a header can only be told once the department is
//! recognised, so the narrative and the table readers are shown the lines
//! with the headers blanked, and the lines are put back for everything after
//! them, marked (the text rules read every printed line, the sentences of
//! the text without them).

use crate::model::Document;
use crate::recognise::title::{ends_like_title, has_owned, is_owned_title};
use crate::recognise::{year, Found};
use crate::text::joined::Joined;
use crate::text::Line;

/// The header lines blanked for the narrative and the table readers, with
/// their text, and the joined lines as they were.
pub(crate) struct Hidden {
    lines: Vec<(usize, Line)>,
    joined: Option<Joined>,
}

/// Blanks every running header in `doc.lines` (and joins the lines anew when
/// one is), keeping what [`restore`] puts back. A line is a header when its
/// squeezed text is the recognised department, alone or with a year and
/// 部门预算/部门决算/单位预算/单位决算 ([`is_running_header`]); or a title
/// naming a year and such a kind, printed alike more than once
/// ([`is_running_title`]); or the cover's title, on one line or wrapped over
/// two, printed again. Such a line holds no amount, so no row that prints
/// one is ever blanked. `found` is what recognition found of the cover and
/// the titles.
pub(crate) fn hide(doc: &mut Document, found: &Found) -> Hidden {
    let at = headers(&doc.lines, &doc.joined, doc.info.department.as_deref(), found);
    if at.is_empty() {
        return Hidden { lines: Vec::new(), joined: None };
    }
    let mut lines = Vec::with_capacity(at.len());
    for i in at {
        let Some(l) = doc.lines.get_mut(i) else { continue };
        // A form feed stays: it says where the page breaks.
        let feeds: String = l.text.chars().filter(|&c| c == '\u{c}').collect();
        let blank = Line::blank(l.no, feeds);
        lines.push((i, std::mem::replace(l, blank)));
    }
    let blanked: Vec<usize> = lines.iter().map(|(i, _)| *i).collect();
    let without = doc.joined.without(&blanked);
    let joined = Some(std::mem::replace(&mut doc.joined, without));
    Hidden { lines, joined }
}

/// The indexes of the running headers of `lines` (ascending, each once).
fn headers(lines: &[Line], joined: &Joined, dept: Option<&str>, found: &Found) -> Vec<usize> {
    let mut at: Vec<usize> = Vec::new();
    let cover = cover_title(lines, found);
    let first = found.cover.first;
    // The cover's own lines are no header: outside the tables and the
    // narrative, they name the document (a template's "上海市XX局" too).
    let on_cover = |i: usize| Some(i) == first || cover.as_ref().is_some_and(|c| c.lines.iter().any(|(j, _)| *j == i));
    if let Some(dept) = dept.filter(|d| !d.is_empty()) {
        // One search of the joined lines finds the few that name it.
        at.extend(joined.lines_with(dept).into_iter().filter(|&i| !on_cover(i) && is_running_header(&lines[i].squeezed, dept)));
    }
    // Titles printed alike more than once: of the lines naming a kind with
    // its 部门 or 单位 (found by recognition), those that end like a title.
    let titles: Vec<usize> = found.owned.iter().copied().filter(|&i| lines.get(i).is_some_and(|l| is_running_title(&l.squeezed))).collect();
    // How often each is printed: counted once, not by a search per title.
    let mut printed: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for &i in &titles {
        let n = printed.entry(lines[i].squeezed.as_str()).or_insert(0);
        *n = n.saturating_add(1);
    }
    at.extend(titles.iter().copied().filter(|&i| printed.get(lines[i].squeezed.as_str()).is_some_and(|&n| n > 1) && !on_cover(i)));
    if let Some(cover) = &cover {
        at.extend(cover.again(lines, joined));
    }
    at.sort_unstable();
    at.dedup();
    at
}

/// Whether a squeezed line may be a title printed as a running header: it
/// names a year and a disclosure ("某省2018年度省级部门预算",
/// "2024年度部门决算公开") and ends there, with no other figure; a table's
/// title ("…预算表"), a section's ("…编制说明") or a sentence is none.
pub(crate) fn is_running_title(sq: &str) -> bool {
    if sq.chars().count() > 40 || sq.contains(['，', '。', '：', ':', '；', '…']) {
        return false;
    }
    let years = year::printed(sq).count();
    let digits = sq.bytes().filter(u8::is_ascii_digit).count();
    ends_like_title(sq) && years == 1 && digits == 4
}

/// Puts back what [`hide`] blanked, and marks those lines as the document's
/// [`Document::furniture`].
pub(crate) fn restore(doc: &mut Document, hidden: Hidden) {
    doc.furniture = hidden.lines.iter().map(|(i, _)| *i).collect();
    // The stream is made once from the lines the rules see: a reader that
    // made it while headers were blank would leave it without them.
    debug_assert!(doc.stream.get().is_none(), "the stream was made from the hidden lines");
    for (i, l) in hidden.lines {
        if let Some(slot) = doc.lines.get_mut(i) {
            *slot = l;
        }
    }
    if let Some(j) = hidden.joined {
        doc.joined = j;
    }
}

/// Whether a squeezed line is a running header naming `dept`: the department
/// alone ("青岛市人民政府办公厅"), or with the year and kind of the
/// disclosure, before or after it ("青岛市人民政府办公厅2023年部门预算",
/// "2023年度青岛市人民政府办公厅部门预算公开").
pub(crate) fn is_running_header(sq: &str, dept: &str) -> bool {
    let rest = strip_year(sq).unwrap_or(sq);
    let Some(rest) = rest.strip_prefix(dept) else { return false };
    if rest.is_empty() {
        return true;
    }
    is_owned_title(strip_year(rest).unwrap_or(rest))
}

/// `s` after a leading year ("2023年", "2023年度"), None when it has none.
fn strip_year(s: &str) -> Option<&str> {
    year::leading(s).map(|(_, rest)| rest)
}

/// The cover's title as printed: its lines' indexes and squeezed texts.
struct Cover<'a> {
    lines: Vec<(usize, &'a str)>,
}

impl Cover<'_> {
    /// The indexes of the title's lines wherever it is printed again, all
    /// its lines in order with only blank lines between.
    fn again(&self, lines: &[Line], joined: &Joined) -> Vec<usize> {
        let Some(&(first, head)) = self.lines.first() else { return Vec::new() };
        let mut out = Vec::new();
        for i in joined.lines_with(head).into_iter().filter(|&i| i != first && lines[i].squeezed == head) {
            let mut found = vec![i];
            let mut next = i;
            for &(_, want) in self.lines.iter().skip(1) {
                let Some(j) = (next + 1..lines.len()).find(|&j| !lines[j].squeezed.is_empty()) else { break };
                if lines[j].squeezed != want {
                    break;
                }
                found.push(j);
                next = j;
            }
            if found.len() == self.lines.len() {
                out.extend(found);
            }
        }
        out
    }
}

/// The document's cover title, when the first line of its cover (as
/// recognition `found` it), or its first two, name a year and a 部门/单位
/// 预算/决算 ("示例市2024年区级部门预算"; "示例市某某局" over "2024年度部门预算"),
/// and are no table's title (a table's title printed again says its table
/// goes on, which its reader must see).
fn cover_title<'a>(lines: &'a [Line], found: &Found) -> Option<Cover<'a>> {
    let mut printed = found.cover.lines.iter().filter_map(|&i| Some((i, lines.get(i)?)));
    let (i, l) = printed.next()?;
    let title = |s: &str| {
        let kind = has_owned(s) || ends_like_title(s);
        let year = year::printed(s).next().is_some();
        // "…部门预算公开报表" covers a book of tables; "…预算表" heads one.
        kind && year && (!s.ends_with('表') || s.ends_with("公开报表")) && s.chars().count() <= 40
    };
    let one = l.squeezed.as_str();
    if title(one) {
        return Some(Cover { lines: vec![(i, one)] });
    }
    // Wrapped: the first line no title alone, the two together one.
    let (j, m) = printed.next()?;
    let two = m.squeezed.as_str();
    let both = format!("{one}{two}");
    (one.chars().count() <= 30 && title(&both) && ends_like_title(&both)).then(|| Cover { lines: vec![(i, one), (j, two)] })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What recognition finds of the cover and the titles of `lines`.
    fn found(lines: &[Line]) -> Found {
        crate::recognise::recognise_in(lines, &Joined::squeezed(lines), &crate::recognise::colon_lines(lines)).1
    }

    /// The sample's 公开表七 broken over a page before its row 208, the
    /// next page headed by the department and by the disclosure.
    fn sample_with_headers() -> String {
        let at = "208         社会保障和就业支出";
        let headers = format!("{:>30}示例市某某局\n\u{c}示例市某某局2024年度部门预算\n", "");
        crate::fixture("layout-budget-sample.txt").replacen(at, &format!("{headers}{at}"), 1)
    }

    #[test]
    fn a_department_header_inside_a_table_is_no_row_and_stays_in_the_text() {
        type Rows = Vec<Vec<(Option<String>, String, Vec<Option<rust_decimal::Decimal>>)>>;
        let rows = |d: &Document| -> Rows {
            d.tables
                .iter()
                .map(|t| t.rows.iter().map(|r| (r.code.clone(), r.label.clone(), r.cells.iter().map(|c| c.value).collect())).collect())
                .collect()
        };
        let want = crate::read(&crate::fixture("layout-budget-sample.txt"));
        let got = crate::read(&sample_with_headers());
        assert_eq!(rows(&got), rows(&want));
        assert_eq!(got.tables.iter().map(|t| t.rows.len()).collect::<Vec<_>>(), [15, 1, 12, 9, 1]);
        // Put back for the text rules, which read every printed line.
        assert!(got.lines.iter().any(|l| l.squeezed == "示例市某某局2024年度部门预算"));
    }

    #[test]
    fn a_row_labelled_with_the_department_and_amounts_is_no_header() {
        let at = "    上年结转资金";
        let row = format!("    示例市某某局{:>20}1,520.00\n", "");
        let text = sample_with_headers().replacen(at, &format!("{row}{at}"), 1);
        let mut doc = crate::read(&text);
        let found = found(&doc.lines);
        let hidden = hide(&mut doc, &found);
        let blanked: Vec<&str> = hidden.lines.iter().map(|(_, l)| l.squeezed.as_str()).collect();
        // The cover's first line is the department too: no header, it names
        // the document.
        assert_eq!(blanked, ["示例市某某局", "示例市某某局2024年度部门预算"]);
        assert!(doc.lines.iter().any(|l| l.squeezed == "示例市某某局1,520.00"));
        restore(&mut doc, hidden);
        assert_eq!(doc.lines, crate::text::normalise(&text));
        assert_eq!(doc.joined.text, Joined::squeezed(&doc.lines).text);
    }

    #[test]
    fn the_cover_title_on_one_line_or_two_is_a_header_but_a_table_title_is_not() {
        let title = |text: &str| {
            let lines = crate::text::normalise(text);
            cover_title(&lines, &found(&lines)).map(|c| c.lines.iter().map(|(i, s)| (*i, s.to_string())).collect::<Vec<_>>())
        };
        assert_eq!(title("示例市2024年区级部门预算\n目录\n"), Some(vec![(0, "示例市2024年区级部门预算".to_string())]));
        // A title printed again over a table says the table goes on.
        assert_eq!(title("\n2024年部门预算收支总表\n公开表一"), None);
        // A cover wrapped over two lines is the two.
        assert_eq!(
            title("示例市某某局\n\n2024年度部门预算"),
            Some(vec![(0, "示例市某某局".to_string()), (2, "2024年度部门预算".to_string())])
        );
    }

    #[test]
    fn a_running_header_is_the_department_alone_or_with_its_year_and_kind() {
        let dept = "青岛市人民政府办公厅";
        for header in [
            "青岛市人民政府办公厅",
            "青岛市人民政府办公厅2023年部门预算",
            "青岛市人民政府办公厅2023年度部门预算公开",
            "2023年度青岛市人民政府办公厅部门预算公开",
            "青岛市人民政府办公厅部门决算",
        ] {
            assert!(is_running_header(header, dept), "{header}");
        }
        for not in [
            "青岛市人民政府办公厅本级",
            "青岛市人民政府办公厅1,234.56",
            "青岛市人民政府办公厅2023年度收入、支出预算总计",
            "部门：青岛市人民政府办公厅",
            "青岛市人民政府",
        ] {
            assert!(!is_running_header(not, dept), "{not}");
        }
    }

    /// A region-and-year title atop every page, and a cover wrapped over
    /// two lines printed again as the header of a page: headers wherever
    /// printed again, the cover's own lines not.
    #[test]
    fn a_region_and_year_title_and_a_wrapped_cover_printed_again_are_headers() {
        let text = "示例省\n2024年度省级部门预算\n目录\n\
            \u{c}示例省2024年度部门预算公开\n第一部分 部门概况\n负责本省某某事务。\n\
            \u{c}示例省2024年度部门预算公开\n收支预算总表\n公开表一\n部门：示例省某某厅 单位：万元\n\
            一、财政拨款 1,500.00\n\u{c}示例省\n\n2024年度省级部门预算\n二、其他资金 20.00\n\
            2024年度省级部门预算收支总表\n2024年度省级部门预算收支总表\n";
        let lines = crate::text::normalise(text);
        let at = headers(&lines, &Joined::squeezed(&lines), Some("示例省某某厅"), &found(&lines));
        let blanked: Vec<&str> = at.iter().map(|&i| lines[i].squeezed.as_str()).collect();
        assert_eq!(blanked, ["示例省2024年度部门预算公开", "示例省2024年度部门预算公开", "示例省", "2024年度省级部门预算"]);
        // The header inside the table is no row; the table reads as without it.
        let without = text.replace("\u{c}示例省\n\n2024年度省级部门预算\n", "");
        let rows = |t: &str| crate::read(t).tables.iter().map(|t| t.rows.len()).collect::<Vec<_>>();
        assert_eq!(rows(text), rows(&without));
    }

    /// A running title printed once more is a header; a table's title, a
    /// section's heading or a sentence naming a year and a budget is not.
    #[test]
    fn a_running_title_names_a_year_and_a_disclosure_and_ends_there() {
        for title in [
            "某省2018年度省级部门预算",
            "2024年度部门决算",
            "示例市某某局2024年单位预算公开",
            "示例省2018年度省级部门预算公开报表",
            "2018年度示例省高级人民法院预算公开",
        ] {
            assert!(is_running_title(title), "{title}");
        }
        for not in [
            "2024年部门预算收支总表",
            "2024年部门预算编制说明",
            "2024年部门预算，比2023年增加",
            "2023年和2024年部门预算",
            "部门预算",
            "第1页2024年部门预算",
        ] {
            assert!(!is_running_title(not), "{not}");
        }
    }
}
