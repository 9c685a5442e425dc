//! A budget whose layout is partly unknown gives the tables it can read and a
//! coverage entry for the rest; scrambled or truncated budgets never panic.

mod common;
use common::*;

fn text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

fn numbers(r: &gongkai::DocumentReport) -> Vec<String> {
    r.tables.iter().filter_map(|t| t.number.clone()).collect()
}

#[test]
fn an_unknown_column_layout_is_reported_and_the_rest_is_read() {
    // 收入总表 with columns no known layout has.
    let t = text("qingdao-office-2023-budget.txt").replacen("财政专户收", "专项资金收", 1);
    let r = gongkai::check_text("changed", &t);
    assert_eq!(numbers(&r), ["1", "3", "4", "5", "6", "7", "8", "9", "10"]);
    assert!(
        r.coverage.problems.iter().any(|p| p.table.as_deref() == Some("2") && p.message.contains("表头的栏目与已知的格式都不相符")),
        "{:#?}",
        r.coverage.problems
    );
    assert!(r.coverage.rules_skipped.iter().any(|s| s.rule == "XTBL-103"));
    assert!(!r.has_errors(), "{:#?}", r.findings);
}

#[test]
fn an_unidentified_table_is_reported() {
    let t = text("qingdao-office-2023-budget.txt").replacen("单位一般公共预算“三公”经费支出情况表", "单位某某情况表", 1);
    let r = gongkai::check_text("changed", &t);
    assert!(!numbers(&r).contains(&"9".to_string()));
    assert!(r.coverage.problems.iter().any(|p| p.table.as_deref() == Some("9") && p.message.contains("没有认出")));
    assert!(r.findings.iter().any(|f| f.rule == "DOC-101"));
    assert_eq!(r.coverage.tables_missing, ["《一般公共预算“三公”经费支出表》"]);
}

#[test]
fn a_budget_cut_in_the_middle_of_a_table_keeps_what_came_before() {
    let t = text("yantai-office-2023-budget.txt");
    let cut = &t[..t.find("302 16 培训费").unwrap()];
    let r = gongkai::check_text("cut", cut);
    assert_eq!(numbers(&r), ["1", "2", "3", "4", "5", "6"]);
    // 表6 lost its last groups, so its totals no longer match 表5's: 表5's
    // 人员/公用 rows become ambiguous (reported, not guessed), 表3 is still
    // placed by 基本 ≥ 表5 基本, and only the cut group contradicts itself.
    let t3 = table(&r, "3");
    assert!(t3.rows.iter().all(|x| x.values[0].is_some() && (x.values[1].is_some() || x.values[2].is_some())));
    assert!(r.coverage.problems.iter().any(|p| p.table.as_deref() == Some("5") && p.message.contains("无法唯一确定")));
    let unplaceable: Vec<&str> = r.findings.iter().filter(|f| f.rule == "TBL-012").filter_map(|f| f.row.as_deref()).collect();
    assert!(!unplaceable.is_empty() && unplaceable.iter().all(|x| x.starts_with("302")), "{unplaceable:?}");
}

#[test]
fn scrambled_budget_tables_never_panic() {
    // Deterministic shuffles of the table part, and every line with its
    // numbers dropped or doubled.
    for name in ["yantai-office-2023-budget.txt", "qingdao-office-2023-budget.txt"] {
        let t = text(name);
        let lines: Vec<&str> = t.lines().collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for round in 0..6 {
            let mut v = lines.clone();
            for i in (1..v.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                if (seed % 5) as usize <= round % 3 {
                    let j = (seed as usize) % (i + 1);
                    v.swap(i, j);
                }
            }
            let r = gongkai::check_text("scrambled", &v.join("\n"));
            let _ = serde_json::to_string(&r).unwrap();
        }
        let no_numbers: String = t
            .lines()
            .map(|l| l.split_whitespace().filter(|w| !w.contains('.')).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n");
        let _ = gongkai::check_text("no numbers", &no_numbers);
        let doubled: String = t.lines().map(|l| format!("{l} {l}")).collect::<Vec<_>>().join("\n");
        let _ = gongkai::check_text("doubled", &doubled);
    }
}
