//! Truncated, reordered, duplicated or garbled tables never panic: what can be
//! read is returned, and the rest is named in coverage with a reason.

mod common;

fn text(doc: &str) -> String {
    std::fs::read_to_string(common::fixture(doc)).unwrap()
}

/// The lines of a table block: from its title line to just before the next table's title.
fn block(t: &str, from: &str, to: &str) -> (usize, usize) {
    let a = t.find(from).unwrap();
    let b = t[a..].find(to).map(|i| a + i).unwrap();
    (a, b)
}

fn found(r: &gongkai::DocumentReport) -> Vec<String> {
    r.coverage.tables_found.clone()
}

#[test]
fn a_duplicated_table_is_read_once_and_the_repeat_is_named() {
    let t = text("yantai-office-2024-final.txt");
    let (a, b) = block(&t, "收入决算表\n\n部门", "支出决算表\n\n部门");
    let dup = format!("{}{}{}", &t[..b], &t[a..b], &t[b..]);
    let r = gongkai::check_text("dup", &dup);
    assert_eq!(found(&r), ["01", "02", "03", "04", "05", "06", "07", "08", "09"]);
    assert!(r.coverage.problems.iter().any(|p| p.table.as_deref() == Some("02") && p.message.contains("不止一次")));
    assert!(r.findings.iter().all(|f| f.severity != gongkai::rules::Severity::Error || f.table.is_none()));
}

#[test]
fn reordered_tables_are_read_by_their_numbers() {
    let t = text("qingdao-office-2024-final.txt");
    // Move 公开03表 in front of 公开02表.
    let (a2, b2) =
        block(&t, " 金额单位：万元部门：青岛市人民政府办公厅\n\n收入决算表", " 金额单位：万元部门：青岛市人民政府办公厅\n\n支出决算表");
    let (a3, b3) = (b2, b2 + t[b2..].find(" 金额单位：万元部门：青岛市人民政府办公厅\n\n财政拨款收入支出决算总表").unwrap());
    let swapped = format!("{}{}{}{}", &t[..a2], &t[a3..b3], &t[a2..b2], &t[b3..]);
    let r = gongkai::check_text("swapped", &swapped);
    let base = common::check_fixture("qingdao-office-2024-final.txt");
    for n in ["02", "03"] {
        assert_eq!(common::rows(common::table(&r, n)), common::rows(common::table(&base, n)), "公开{n}表");
    }
}

#[test]
fn a_garbled_table_is_named_and_the_others_are_read() {
    let t = text("yantai-bigdata-2023-final.txt");
    let (a, b) = block(&t, "公开 03表", " 财政拨款收入支出决算总表");
    let garbled: String = t[a..b].chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect();
    let g = format!("{}公开 03表{}{}", &t[..a], &garbled["公开 03表".len()..], &t[b..]);
    let r = gongkai::check_text("garbled", &g);
    assert!(!found(&r).contains(&"03".to_string()));
    assert!(r.coverage.tables_missing.contains(&"03".to_string()));
    assert!(r.coverage.problems.iter().any(|p| p.table.as_deref() == Some("03")));
    assert!(found(&r).contains(&"02".to_string()) && found(&r).contains(&"05".to_string()));
    // Rules that need 03 say they were not run.
    assert!(r.coverage.rules_skipped.iter().any(|s| s.reason.contains("03")));
}

#[test]
fn a_table_cut_mid_row_keeps_what_was_read() {
    let t = text("yantai-office-2024-final.txt");
    let cut = &t[..t.find("2080502\t事业单位离退休").unwrap() + 5];
    let r = gongkai::check_text("cut", cut);
    let t02 = common::table(&r, "02");
    assert!(t02.rows.len() >= 10);
    assert!(r.coverage.tables_missing.iter().any(|n| n == "09"));
}
