//! The one-分 tail differences the domain analysis lists (§2.3 of both final
//! account analyses) are each reported as info 尾数误差, and nothing on the clean
//! tables is an error or a warning.

mod common;
use gongkai::rules::Severity;

fn infos(doc: &str) -> Vec<(String, usize)> {
    let r = common::check_fixture(doc);
    let bad: Vec<_> = r.findings.iter().filter(|f| f.severity != Severity::Info && f.rule.contains("TBL")).collect();
    assert!(bad.is_empty(), "{doc}: {bad:#?}");
    let mut v: Vec<(String, usize)> = r
        .findings
        .iter()
        .filter(|f| f.rule.contains("TBL"))
        .map(|f| {
            assert!(f.message.contains("尾数误差"), "{f:?}");
            assert_eq!(f.difference.unwrap().abs().to_string(), "0.01", "{f:?}");
            (f.rule.to_string(), f.source_line.unwrap())
        })
        .collect();
    v.sort();
    v
}

fn s(v: &[(&str, usize)]) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = v.iter().map(|(r, l)| (r.to_string(), *l)).collect();
    v.sort();
    v
}

#[test]
fn yantai_2024_all_tables() {
    // §2.3 items 1–16 and X-17 (item 17, 人员经费合计 against the sum of all
    // 301xx/303xx items, is implied by 14 and the exact 人员 = 301 + 303).
    assert_eq!(
        infos("yantai-office-2024-final.txt"),
        s(&[
            ("TBL-002", 129), // 1. 01 [58]
            ("TBL-007", 149), // 2–3. 02 20103 栏1 and 栏2
            ("TBL-007", 149),
            ("TBL-005", 190), // 4. 03 合计 row
            ("TBL-005", 195), // 5. 03 2010350 row
            ("TBL-006", 190), // 6. 03 合计 = Σ 类
            ("TBL-007", 192), // 7. 03 20103
            ("TBL-005", 282), // 8. 05 合计 row
            ("TBL-006", 282), // 9. 05 合计 = Σ 类
            ("TBL-009", 268), // 10. 04 [32]
            ("TBL-010", 263), // 11–12. 04 [59] both columns
            ("TBL-010", 263),
            ("TBL-011", 264),  // 13. 04 roll-forward
            ("XTBL-008", 131),
            ("TBL-013", 338),  // 14. 06 303
            ("TBL-013", 327),  // 15. 06 310
            ("TBL-014", 355),  // 16. 06 公用经费合计 vs groups
        ])
    );
}

#[test]
fn qingdao_2024_all_tables() {
    // §2.3 items 1–15 (16, 人员 against all items, is implied by 15).
    assert_eq!(
        infos("qingdao-office-2024-final.txt"),
        s(&[
            ("TBL-002", 198), // 1. 01 [58]
            ("TBL-003", 206), // 2–3. 01 [31], [62]
            ("TBL-003", 206),
            ("TBL-006", 223), // 4–5. 02 合计 栏1, 栏2
            ("TBL-006", 223),
            ("TBL-006", 259), // 6–7. 03 合计 栏1, 栏2
            ("TBL-006", 259),
            ("TBL-006", 432), // 8–9. 05 合计 栏1, 栏2
            ("TBL-006", 432),
            ("TBL-009", 417), // 10. 04 [32]
            ("TBL-010", 404), // 11–12. 04 [59] both columns
            ("TBL-010", 404),
            ("TBL-010", 417), // 13–14. 04 [64] both columns
            ("TBL-010", 417),
            ("TBL-013", 497), // 15. 06 303
        ])
    );
}

#[test]
fn bigdata_2023_all_tables() {
    assert_eq!(
        infos("yantai-bigdata-2023-final.txt"),
        s(&[
            ("TBL-003", 235), // T01-2: 31 总计
            ("TBL-007", 316), // T02-h-21505 ×2 (合计 and 财政 columns)
            ("TBL-007", 316),
            ("TBL-006", 260), // T02-tot ×2
            ("TBL-006", 260),
            ("XTBL-008", 231), // X-nonfiscal
            ("TBL-013", 592),  // T06-301
            ("TBL-014", 677),  // T06-公用
        ])
    );
}

#[test]
fn qingdao_2023_budget_seven_tail_differences() {
    // Budget analysis §0/§2: 表6 Σ classes vs 合计 (合计 and 人员经费 columns),
    // 表7 the same, 表7 509 vs its items (both columns), and the 部门→政府
    // crosswalk 30301 + 30302 = 50905 (899.31 vs 899.30).
    assert_eq!(
        infos("qingdao-office-2023-budget.txt"),
        s(&[
            ("TBL-006", 765),  // 表6 合计 栏1
            ("TBL-006", 765),  // 表6 合计 人员经费
            ("TBL-006", 837),  // 表7 合计 栏1
            ("TBL-006", 837),  // 表7 合计 人员经费
            ("TBL-007", 945),  // 表7 509 栏1
            ("TBL-007", 945),  // 表7 509 人员经费
            ("XTBL-109", 964), // 50905 离退休费
        ])
    );
}

#[test]
fn budgets_have_no_errors_and_one_warning() {
    // 烟台 is arithmetically clean; its one soft mismatch is the reason
    // "新旧公务用车替换，相关购置及运维费增加" while 购置费 is 0.00 in both years.
    let y = common::check_fixture("yantai-office-2023-budget.txt");
    let got: Vec<(&str, Severity)> = y.findings.iter().map(|f| (f.rule, f.severity)).collect();
    assert_eq!(got, vec![("NAR-102", Severity::Warning)], "{:#?}", y.findings);
    assert!(y.findings[0].message.contains("公务用车购置费") && y.findings[0].message.contains("第1024行"));
    let q = common::check_fixture("qingdao-office-2023-budget.txt");
    assert_eq!(q.counts(), (0, 0, 7), "{:#?}", q.findings);
}
