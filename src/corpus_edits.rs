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

/// `text` with the table under the marker line `marker` ("公开表1") printed
/// in 元: its unit line (the nearest "单位：万元" above the marker within
/// three lines, else the first below it) says 元, and every amount of two
/// decimals up to the next marker (but on a unit line, the next table's) is
/// ×10000, still with two decimals ("8666.60" → "86666000.00"), the way 元
/// tables mostly print.
pub(crate) fn table_in_yuan(text: &str, marker: &str) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let start = lines.iter().position(|l| l.trim() == marker).expect("the marker");
    let end = (start + 1..lines.len()).find(|&i| lines[i].trim().starts_with("公开表")).unwrap_or(lines.len());
    let unit = (start.saturating_sub(3)..start).rev().chain(start..end).find(|&i| lines[i].contains("单位：万元")).expect("a unit line");
    lines[unit] = lines[unit].replacen("单位：万元", "单位：元", 1);
    for l in lines[start..end].iter_mut().filter(|l| !l.contains("单位：")) {
        let mut out = String::new();
        let mut run = String::new();
        for c in l.chars().chain(std::iter::once('\n')) {
            if c.is_ascii_digit() || c == '.' {
                run.push(c);
                continue;
            }
            let amount = run.split_once('.').filter(|(i, f)| !i.is_empty() && f.len() == 2 && !f.contains('.'));
            match amount.and_then(|(i, f)| i.parse::<u64>().ok()?.checked_mul(10_000)?.checked_add(f.parse::<u64>().ok()? * 100)) {
                Some(yuan) => out.push_str(&format!("{yuan}.00")),
                None => out.push_str(&run),
            }
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
