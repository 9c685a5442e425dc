//! Running page headers: many PDFs print the department's name (or the
//! document's title) at the top of every page, and a page break inside a
//! table puts that line between two of its rows, where a reader would take
//! it for a row labelled with the department and left blank. The page
//! footers ("第3页") are blanked as the text is normalised; a header can only
//! be told once the department is recognised, so the table readers are shown
//! the lines with the headers blanked, and the lines are put back for
//! everything after them (the text rules read every printed line).

use crate::model::Document;
use crate::text::joined::Joined;
use crate::text::Line;

/// The header lines blanked for the table readers, with their text, and the
/// joined lines as they were.
pub(crate) struct Hidden {
    lines: Vec<(usize, Line)>,
    joined: Option<Joined>,
}

/// Blanks every running header in `doc.lines` (and joins the lines anew when
/// one is), keeping what [`restore`] puts back. A line is a header when its
/// squeezed text is the recognised department, alone or with a year and
/// 部门预算/部门决算/单位预算/单位决算 ([`is_running_header`]), or is the
/// cover's title line printed again. Such a line holds no amount, so no row
/// that prints one is ever blanked.
pub(crate) fn hide(doc: &mut Document) -> Hidden {
    let mut at: Vec<usize> = Vec::new();
    if let Some(dept) = doc.info.department.as_deref().filter(|d| !d.is_empty()) {
        // One search of the joined lines finds the few that name it.
        at.extend(doc.joined.lines_with(dept).into_iter().filter(|&i| is_running_header(&doc.lines[i].squeezed, dept)));
    }
    if let Some((first, title)) = cover_title(&doc.lines) {
        at.extend(doc.joined.lines_with(title).into_iter().filter(|&i| i != first && doc.lines[i].squeezed == title));
    }
    if at.is_empty() {
        return Hidden { lines: Vec::new(), joined: None };
    }
    at.sort_unstable();
    at.dedup();
    let mut lines = Vec::with_capacity(at.len());
    for i in at {
        let Some(l) = doc.lines.get_mut(i) else { continue };
        // A form feed stays: it says where the page breaks.
        let feeds: String = l.text.chars().filter(|&c| c == '\u{c}').collect();
        let blank = Line { no: l.no, text: feeds, squeezed: String::new() };
        lines.push((i, std::mem::replace(l, blank)));
    }
    let blanked: Vec<usize> = lines.iter().map(|(i, _)| *i).collect();
    let without = doc.joined.without(&blanked);
    let joined = Some(std::mem::replace(&mut doc.joined, without));
    Hidden { lines, joined }
}

/// Puts back what [`hide`] blanked.
pub(crate) fn restore(doc: &mut Document, hidden: Hidden) {
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
    let rest = strip_year(rest).unwrap_or(rest);
    ["部门预算", "部门决算", "单位预算", "单位决算"]
        .iter()
        .find_map(|k| rest.strip_prefix(k))
        .is_some_and(|tail| tail.is_empty() || tail == "公开")
}

/// `s` after a leading year ("2023年", "2023年度"), None when it has none.
fn strip_year(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    if b.len() < 4 || !b[..4].iter().all(u8::is_ascii_digit) || !matches!(&b[..2], b"19" | b"20") {
        return None;
    }
    let rest = s.get(4..)?.strip_prefix('年')?;
    Some(rest.strip_prefix('度').unwrap_or(rest))
}

/// The document's first printed line and its index, when it is a cover
/// title ("示例市2024年区级部门预算"): it names a year and a
/// 部门/单位 预算/决算, and is no table's title (a table's title printed
/// again says its table goes on, which its reader must see).
fn cover_title(lines: &[Line]) -> Option<(usize, &str)> {
    let (i, l) = lines.iter().enumerate().find(|(_, l)| !l.squeezed.is_empty())?;
    let s = l.squeezed.as_str();
    let kind = ["部门预算", "部门决算", "单位预算", "单位决算"].iter().any(|k| s.contains(k));
    let year = s.match_indices('年').any(|(at, _)| s.get(at.saturating_sub(4)..).and_then(strip_year).is_some());
    (kind && year && !s.ends_with('表') && s.chars().count() <= 40).then_some((i, s))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let hidden = hide(&mut doc);
        let blanked: Vec<&str> = hidden.lines.iter().map(|(_, l)| l.squeezed.as_str()).collect();
        // The cover's first line is the department too: outside the tables,
        // where no reader looks for rows.
        assert_eq!(blanked, ["示例市某某局", "示例市某某局", "示例市某某局2024年度部门预算"]);
        assert!(doc.lines.iter().any(|l| l.squeezed == "示例市某某局1,520.00"));
        restore(&mut doc, hidden);
        assert_eq!(doc.lines, crate::text::normalise(&text));
        assert_eq!(doc.joined.text, Joined::squeezed(&doc.lines).text);
    }

    #[test]
    fn the_cover_title_on_one_line_is_a_header_but_a_table_title_is_not() {
        let cover = crate::text::normalise("示例市2024年区级部门预算\n目录\n");
        assert_eq!(cover_title(&cover), Some((0, "示例市2024年区级部门预算")));
        // A title printed again over a table says the table goes on.
        assert_eq!(cover_title(&crate::text::normalise("\n2024年部门预算收支总表\n公开表一")), None);
        // A cover wrapped over two lines leaves no one-line title to repeat.
        assert_eq!(cover_title(&crate::text::normalise("示例市某某局\n2024年度部门预算")), None);
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
}
