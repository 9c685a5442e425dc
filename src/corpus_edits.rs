//! Edits of the corpus documents (tests/fixtures/) that the readers' and the
//! rules' unit tests share: test code on neither side of the boundary
//! between them (tests/boundary.rs).

/// 烟台's budget with its 三公 table (公开表7) printed in 元, the way other
/// portals print their tables, its amounts (the 万元 ones ×10000) as
/// `amounts` gives them, the narrative still in 万元 (the readers' and the
/// rules' tests share it).
pub(crate) fn yb_sangong_in_yuan_as(amounts: &[&str]) -> String {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/yantai-office-2023-budget.txt")).expect("fixture");
    let changed = text.replacen(" 公开表7\n\n单位：万元", " 公开表7\n\n单位：元", 1).replacen(
        "203.90 13.30 41.60 41.60 149.00 275.60 10.00 89.60 89.60 176.00",
        &amounts.join(" "),
        1,
    );
    assert_ne!(changed, text, "the table was changed");
    changed
}

/// `text` with the table under the marker line `marker` ("公开表1", "公开02表") printed
/// in 元: its unit line (the nearest "单位：万元" above the marker within
/// eight lines, where 青岛 prints it, else the first below it) says 元, and
/// every amount of two decimals up to the next marker (but on a unit line,
/// the next table's) is ×10000, with two decimals ("8666.60" →
/// "86666000.00", "17,332.62" → "173,326,200.00"), the way 元 tables mostly
/// print.
pub(crate) fn table_in_yuan(text: &str, marker: &str) -> String {
    table_in_yuan_as(text, marker, 2)
}

/// [`table_in_yuan`] with `decimals` places: 0 prints integers without
/// separators ("86666000", "173326200"), as other portals print 元.
pub(crate) fn table_in_yuan_as(text: &str, marker: &str, decimals: usize) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let start = lines.iter().position(|l| l.trim() == marker).expect("the marker");
    // The next table's marker, of a budget ("公开表3") or a 决算 ("公开03表"):
    // a table over two pages repeats its own.
    let marker_of = |l: &str| {
        let squeezed: String = l.chars().filter(|c| !c.is_whitespace()).collect();
        squeezed.starts_with("公开").then(|| crate::recognise::table_marker_number(&squeezed)).flatten()
    };
    let number = marker_of(marker);
    let end = (start + 1..lines.len()).find(|&i| marker_of(&lines[i]).is_some_and(|n| Some(n) != number)).unwrap_or(lines.len());
    let unit = (start.saturating_sub(8)..start).rev().chain(start..end).find(|&i| lines[i].contains("单位：万元")).expect("a unit line");
    lines[unit] = lines[unit].replacen("单位：万元", "单位：元", 1);
    for l in lines[start..end].iter_mut().filter(|l| !l.contains("单位：")) {
        let mut out = String::new();
        let mut run = String::new();
        for c in l.chars().chain(std::iter::once('\n')) {
            if c.is_ascii_digit() || c == '.' || (c == ',' && !run.is_empty()) {
                run.push(c);
                continue;
            }
            out.push_str(&yuan(&run, decimals).unwrap_or_else(|| run.clone()));
            run.clear();
            out.push(c);
        }
        out.pop();
        *l = out;
    }
    let changed = lines.join("\n");
    assert_ne!(changed, text, "the table was changed");
    changed
}

/// An amount of two decimals in 万元 ("17,332.62"), in 元 (see
/// [`table_in_yuan_as`]); None for anything else.
fn yuan(run: &str, decimals: usize) -> Option<String> {
    let (int, frac) = run.split_once('.')?;
    let groups: Vec<&str> = int.split(',').collect();
    let grouped = groups.len() > 1;
    let well_grouped = groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if frac.len() != 2 || !digits(frac) || !groups.iter().all(|g| digits(g)) || (grouped && !well_grouped) {
        return None;
    }
    let v = groups.concat().parse::<u64>().ok()?.checked_mul(10_000)?.checked_add(frac.parse::<u64>().ok()?.checked_mul(100)?)?;
    let mut s = v.to_string();
    if decimals == 0 {
        return Some(s);
    }
    if grouped {
        let d = s.clone();
        s.clear();
        for (i, c) in d.chars().enumerate() {
            if i > 0 && (d.len() - i).is_multiple_of(3) {
                s.push(',');
            }
            s.push(c);
        }
    }
    Some(format!("{s}.{}", "0".repeat(decimals)))
}

/// A row as [`tables_in_wan`] sees it: (code, 序号, label, values).
pub(crate) type RowSeen = (Option<String>, Option<u32>, String, Vec<Option<rust_decimal::Decimal>>);

/// Every table's rows as (code, 序号, label, values), a table in 元 with its
/// values in 万元 (÷10000, exact): a document with one table reprinted in 元
/// reads as the original when these are equal.
pub(crate) fn tables_in_wan(doc: &crate::model::Document) -> Vec<(String, Vec<RowSeen>)> {
    let wan = rust_decimal::Decimal::from(10_000);
    doc.tables
        .iter()
        .map(|t| {
            let yuan = t.unit.as_deref() == Some("元");
            let rows = t
                .rows
                .iter()
                .map(|r| {
                    let values = (0..r.cells.len())
                        .map(|c| r.value(c).and_then(|v| if yuan { v.checked_div(wan) } else { Some(v) }).map(|v| v.normalize()))
                        .collect();
                    (r.code.clone(), r.line, r.label.clone(), values)
                })
                .collect();
            (format!("{:?} {}", t.kind, t.no()), rows)
        })
        .collect()
}
