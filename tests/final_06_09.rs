//! 公开06表 (three-panel economic classification) and 公开09表 (三公) are read
//! exactly from every corpus layout: TAB (Y), SPACE with 0.00 and wrapped names
//! (Q), SPACE with dropped blank cells (bigdata). Every row below was checked
//! against the document text; where the gold JSON prints 0.00 for a cell the
//! document leaves blank (Y 307, 399), the document wins.

mod common;
use common::*;

/// 公开06表 of the three documents side by side: code|name|Y|Q|B. A blank
/// is a cell the document leaves blank, × a row it does not print. (Q prints
/// 30213's name with ASCII brackets, 维修(护)费.)
const GOLD06: &str = "
301|工资福利支出|3755.44|7745.11|1256.78
30101|基本工资|708.07|1353.05|257.52
30102|津贴补贴|719.65|1862.84|392.59
30103|奖金|1033.70|2349.02|129.21
30106|伙食补助费||0.00|
30107|绩效工资|197.01|2.75|136.42
30108|机关事业单位基本养老保险缴费|321.61|621.41|105.87
30109|职业年金缴费|52.94|377.25|11.16
30110|职工基本医疗保险缴费|138.60|360.97|48.30
30111|公务员医疗补助缴费|108.19|0.00|26.57
30112|其他社会保障缴费|37.05|29.82|13.51
30113|住房公积金|328.96|634.45|110.53
30114|医疗费|2.16|0.00|
30199|其他工资福利支出|107.50|153.55|25.09
303|对个人和家庭的补助|489.30|897.21|10.08
30301|离休费|28.36|146.52|
30302|退休费|402.28|638.25|7.09
30303|退职（役）费||0.00|
30304|抚恤金|48.29|0.00|
30305|生活补助|4.52|4.01|
30306|救济费||0.00|
30307|医疗费补助|1.77|108.42|
30308|助学金||0.00|
30309|奖励金||0.00|0.13
30310|个人农业生产补贴||0.00|
30311|代缴社会保险费||0.00|
30399|其他对个人和家庭的补助|4.07|0.00|2.86
302|商品和服务支出|652.97|636.36|163.19
30201|办公费|70.19|4.29|17.86
30202|印刷费|20.00|0.00|1.60
30203|咨询费||0.00|5.00
30204|手续费|0.13|0.00|0.01
30205|水费|0.18|0.00|
30206|电费|1.35|0.00|
30207|邮电费|30.26|0.24|2.23
30208|取暖费||0.00|
30209|物业管理费||0.00|
30211|差旅费|17.85|0.00|15.54
30212|因公出国（境）费用|40.00|0.00|
30213|维修（护）费|0.58|0.00|4.91
30214|租赁费||0.00|
30215|会议费|2.50|0.00|6.06
30216|培训费|19.94|5.18|1.20
30217|公务接待费||19.43|3.77
30218|专用材料费||0.00|
30224|被装购置费||0.00|
30225|专用燃料费||0.00|
30226|劳务费|3.87|0.00|8.97
30227|委托业务费|82.62|103.91|6.60
30228|工会经费|49.07|65.02|20.44
30229|福利费||0.00|
30231|公务用车运行维护费|37.34|43.38|1.58
30239|其他交通费用|101.41|284.74|21.18
30240|税金及附加费用||0.00|0.05
30299|其他商品和服务支出|175.68|110.17|46.19
307|债务利息及费用支出||0.00|
30701|国内债务付息||0.00|
30702|国外债务付息||0.00|
30703|国内债务发行费用|×|0.00|
30704|国外债务发行费用|×|0.00|
310|资本性支出|32.81|44.67|3.52
31001|房屋建筑物购建||0.00|
31002|办公设备购置|31.82|26.69|3.52
31003|专用设备购置||0.00|
31005|基础设施建设||0.00|
31006|大型修缮||0.00|
31007|信息网络及软件购置更新|0.98|0.00|
31008|物资储备||0.00|
31009|土地补偿||0.00|
31010|安置补助||0.00|
31011|地上附着物和青苗补偿||0.00|
31012|拆迁补偿||0.00|
31013|公务用车购置||17.98|
31019|其他交通工具购置||0.00|
31021|文物和陈列品购置||0.00|
31022|无形资产购置||0.00|
31099|其他资本性支出||0.00|
312|对企业补助|×|0.00|
31201|资本金注入|×|0.00|
31203|政府投资基金股权投资|×|0.00|
31204|费用补贴|×|0.00|
31205|利息补贴|×|0.00|
31299|其他对企业补助|×|0.00|
399|其他支出||0.00|
39907|国家赔偿费用支出||0.00|
39908|对民间非营利组织和群众性自治组织补贴||0.00|
39909|经常性赠与||0.00|
39910|资本性赠与||0.00|
39999|其他支出||0.00|
|人员经费合计|4244.74|8642.32|1266.86
|公用经费合计|685.77|681.03|166.70
";

const Y09: &str = "
|预算数|417.53|131.89|95.40|17.95|77.45|190.24
|决算数|417.53|131.89|95.40|17.95|77.45|190.24
";

const Q09: &str = "
|预算数|448.38|87.60|61.36|17.98|43.38|299.42
|决算数|448.38|87.60|61.36|17.98|43.38|299.42
";

/// L770 "5.35 1.58 1.58 3.77 5.35 1.58 1.58 3.77": 8 numbers for 12 columns.
const B09: &str = "
|预算数|5.35||1.58||1.58|3.77
|决算数|5.35||1.58||1.58|3.77
";

const COLS09: [&str; 6] =
    ["合计", "因公出国（境）费", "公务用车购置及运行维护费小计", "公务用车购置费", "公务用车运行维护费", "公务接待费"];

/// One document's column of [`GOLD06`] (0 = Y, 1 = Q, 2 = B), as `assert_rows` takes it.
fn gold06(doc: usize) -> String {
    let rows = GOLD06.lines().filter(|l| !l.is_empty()).map(|l| l.split('|').collect::<Vec<_>>());
    rows.filter(|f| f[2 + doc] != "×").map(|f| format!("{}|{}|{}", f[0], f[1], f[2 + doc])).collect::<Vec<_>>().join("\n")
}

fn text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

/// The text without the 1-based source lines `lo..=hi`.
fn without_lines(t: &str, lo: usize, hi: usize) -> String {
    t.split('\n').enumerate().filter(|(i, _)| !(lo..=hi).contains(&(i + 1))).map(|(_, l)| l).collect::<Vec<_>>().join("\n")
}

fn problems(r: &gongkai::DocumentReport, table: &str) -> Vec<String> {
    r.coverage.problems.iter().filter(|p| p.table.as_deref() == Some(table)).map(|p| p.message.clone()).collect()
}

fn code_count(t: &gongkai::report::TableOut) -> usize {
    t.rows.iter().filter(|r| r.code.is_some()).count()
}

fn row<'a>(t: &'a gongkai::report::TableOut, key: &str) -> &'a gongkai::report::RowOut {
    t.rows.iter().find(|r| r.code.as_deref() == Some(key) || (r.code.is_none() && r.label == key)).unwrap_or_else(|| panic!("no row {key}"))
}

/// Each row (by code, or label when it has none) is on its source line.
fn assert_source_lines(t: &gongkai::report::TableOut, want: &[(&str, usize)]) {
    for (key, line) in want {
        assert_eq!(row(t, key).source_line, *line, "row {key}");
    }
}

#[test]
fn yantai_2024_tab_layout_06_every_row_exactly() {
    let r = check_fixture("yantai-office-2024-final.txt");
    let t = table(&r, "06");
    assert_eq!(t.title, "一般公共预算财政拨款基本支出决算明细表");
    assert_eq!(t.columns, vec!["金额"]);
    assert_rows(t, &gold06(0));
    assert_eq!(code_count(t), 81);
    // Panel 1 starts at L324; 303's items continue after the page break (L342);
    // the footer's 公用经费合计 value sits in column 9 of L355.
    assert_source_lines(t, &[("301", 324), ("30301", 342), ("302", 324), ("399", 347), ("公用经费合计", 355)]);
    assert!(problems(&r, "06").is_empty(), "{:?}", problems(&r, "06"));
}

#[test]
fn qingdao_2024_space_layout_06_zeros_and_wrapped_names() {
    let r = check_fixture("qingdao-office-2024-final.txt");
    let t = table(&r, "06");
    assert_rows(t, &gold06(1).replace("维修（护）费", "维修(护)费"));
    assert_eq!(code_count(t), 89);
    // Wrapped: code alone on L477, name over L478/L480, amount starts L481.
    assert_source_lines(t, &[("30108", 477), ("30206", 481), ("39908", 532), ("30309", 518)]);
    assert!(problems(&r, "06").is_empty(), "{:?}", problems(&r, "06"));
}

#[test]
fn bigdata_2023_dropped_cells_06_every_row_exactly() {
    let r = check_fixture("yantai-bigdata-2023-final.txt");
    let t = table(&r, "06");
    assert_rows(t, &gold06(2));
    assert_eq!(code_count(t), 89);
    let nonzero = t.rows.iter().filter(|r| r.code.is_some() && r.values[0].is_some_and(|v| !v.is_zero())).count();
    assert_eq!(nonzero, 36);
    assert_source_lines(t, &[("39908", 666), ("人员经费合计", 677)]);
    assert!(problems(&r, "06").is_empty(), "{:?}", problems(&r, "06"));
}

#[test]
fn cells_point_at_the_line_their_amount_is_printed_on() {
    let doc = gongkai::read(&text("qingdao-office-2024-final.txt"));
    let t = doc.table(gongkai::model::TableKind::F06).unwrap();
    let cell = |code: &str| t.rows.iter().find(|r| r.code.as_deref() == Some(code)).unwrap().cells[0].source_line;
    assert_eq!(cell("30108"), 481);
    assert_eq!(cell("39908"), 536);
    let doc = gongkai::read(&text("yantai-office-2024-final.txt"));
    let t = doc.table(gongkai::model::TableKind::F06).unwrap();
    let last = t.rows.last().unwrap();
    assert_eq!((last.label.as_str(), last.cells[0].source_line), ("公用经费合计", 355));
    // A blank cell points at its code's line.
    assert_eq!(t.rows.iter().find(|r| r.code.as_deref() == Some("30106")).unwrap().cells[0].source_line, 328);
}

#[test]
fn all_three_09_tables_exactly() {
    for (name, spec, line) in [
        ("yantai-office-2024-final.txt", Y09, 398),
        ("qingdao-office-2024-final.txt", Q09, 602),
        ("yantai-bigdata-2023-final.txt", B09, 770),
    ] {
        let r = check_fixture(name);
        let t = table(&r, "09");
        assert_eq!(t.title, "财政拨款“三公”经费支出决算表", "{name}");
        assert_eq!(t.columns, COLS09, "{name}");
        assert_rows(t, spec);
        assert!(t.rows.iter().all(|r| r.source_line == line), "{name}");
    }
}

#[test]
fn y_and_q_09_need_no_inference() {
    for name in ["yantai-office-2024-final.txt", "qingdao-office-2024-final.txt"] {
        let r = check_fixture(name);
        assert!(problems(&r, "09").is_empty(), "{name}: {:?}", problems(&r, "09"));
    }
}

#[test]
fn bigdata_09_placement_says_what_decided_it() {
    // 06 fixes the 决算数 half (30231 = 1.58 ≤ 运维, 31013 blank); only
    // 决算数 ≤ 预算数 separates 购置 from 运维 in the 预算数 half.
    let r = check_fixture("yantai-bigdata-2023-final.txt");
    let p = problems(&r, "09");
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].contains("预算数一行") && p[0].contains("决算数不超过预算数"), "{p:?}");
    let doc = gongkai::read(&text("yantai-bigdata-2023-final.txt"));
    assert!(doc.table(gongkai::model::TableKind::F09).unwrap().unresolved.is_empty());
    let s = r.sangong.as_ref().unwrap();
    assert_eq!(s[1].label, "决算数");
    // The app charts the composition of the amounts spent, not of the budget.
    assert_eq!(s.iter().map(|s| s.actual).collect::<Vec<_>>(), [false, true]);
    assert_eq!(s[1].vehicle_operation.map(|d| d.to_string()).as_deref(), Some("1.58"));
    assert_eq!(s[1].vehicle_purchase, None);
    assert_eq!(s[0].abroad, None);
}

#[test]
fn bigdata_09_without_06_uses_the_narrative() {
    // Drop 公开06表 (L570–679): the narrative §九 (购置 0, 运行维护 1.58) then
    // settles the 决算数 half.
    let t = without_lines(&text("yantai-bigdata-2023-final.txt"), 570, 679);
    let r = gongkai::check_text("no-06", &t);
    assert!(r.tables.iter().all(|t| t.number.as_deref() != Some("06")));
    assert_rows(table(&r, "09"), B09);
    let p = problems(&r, "09");
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[0].contains("决算数一行") && p[0].contains("情况说明"), "{p:?}");
    assert!(p[1].contains("预算数一行") && p[1].contains("决算数不超过预算数"), "{p:?}");
}

#[test]
fn bigdata_09_without_any_evidence_is_ambiguous_not_guessed() {
    // Without 06 and without §九 (L983–1017) two placements remain for each row.
    let t = without_lines(&without_lines(&text("yantai-bigdata-2023-final.txt"), 983, 1017), 570, 679);
    let r = gongkai::check_text("no-evidence", &t);
    let t09 = table(&r, "09");
    assert_rows(t09, "|预算数||||||\n|决算数||||||");
    let p = problems(&r, "09");
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[0].contains("预算数") && p[0].contains("2种"), "{p:?}");
    assert!(p[1].contains("决算数") && p[1].contains("2种"), "{p:?}");
    // The 三公 series then carries blanks, not invented numbers.
    assert!(r.sangong.unwrap().iter().all(|s| s.total.is_none() && s.vehicle_operation.is_none()));
    let doc = gongkai::read(&t);
    let t09 = doc.table(gongkai::model::TableKind::F09).unwrap();
    assert_eq!((t09.unresolved.as_slice(), t09.contradicted.as_slice()), (&[0, 1][..], &[][..]));
}

#[test]
fn an_inconsistent_dropped_cell_09_is_a_problem_not_a_guess() {
    let good = "5.35 1.58 1.58 3.77 5.35 1.58 1.58 3.77";
    for bad in ["6.35 1.58 1.58 3.77 6.35 1.58 1.58 3.77", "5.35 1.58 1.58 3.77 5.35 1.58 1.58 4.77", "5.35 1.58 1.58 3.77 5.35 1.58 1.58"]
    {
        let t = text("yantai-bigdata-2023-final.txt").replacen(good, bad, 1);
        let r = gongkai::check_text("bad-09", &t);
        let t09 = table(&r, "09");
        assert_rows(t09, "|预算数||||||\n|决算数||||||");
        let p = problems(&r, "09");
        assert_eq!(p.len(), 1, "{bad}: {p:?}");
        assert!(p[0].contains("无法读取"), "{p:?}");
        let doc = gongkai::read(&t);
        let t09 = doc.table(gongkai::model::TableKind::F09).unwrap();
        assert_eq!((t09.unresolved.as_slice(), t09.contradicted.as_slice()), (&[0, 1][..], &[0, 1][..]));
    }
}

#[test]
fn a_tab_empty_09_cell_keeps_every_position() {
    let t = text("yantai-office-2024-final.txt").replacen(
        "417.53\t131.89\t95.40\t17.95\t77.45\t190.24\t417.53\t131.89",
        "417.53\t131.89\t95.40\t17.95\t77.45\t190.24\t417.53\t",
        1,
    );
    let r = gongkai::check_text("tab-blank", &t);
    assert_rows(table(&r, "09"), "|预算数|417.53|131.89|95.40|17.95|77.45|190.24\n|决算数|417.53||95.40|17.95|77.45|190.24");
    assert!(problems(&r, "09").is_empty());
}

/// Whole documents cut inside 06/09 go through every reader and rule (the
/// bodies themselves, cut after every line, are a unit test of `sangong09`).
#[test]
fn truncated_06_and_09_documents_never_panic() {
    for (name, lo, hi) in [
        ("yantai-office-2024-final.txt", 315, 400),
        ("qingdao-office-2024-final.txt", 455, 605),
        ("yantai-bigdata-2023-final.txt", 570, 774),
    ] {
        let full = text(name);
        let raw: Vec<&str> = full.split('\n').collect();
        for cut in (lo..=hi).step_by(4) {
            let r = gongkai::check_text("cut", &raw[..cut].join("\n"));
            let _ = serde_json::to_string(&r).unwrap();
        }
    }
}

#[test]
fn the_narrative_lookup_agrees_with_every_09_table() {
    use gongkai::model::TableKind;
    // Each narrative states 合计, 出国, 车小计 and 接待 for both halves, and the
    // vehicle split for 决算数 only: ten figures.
    for name in ["yantai-office-2024-final.txt", "qingdao-office-2024-final.txt", "yantai-bigdata-2023-final.txt"] {
        let doc = gongkai::read(&text(name));
        let facts = doc.narrative.stated.sangong_final.clone();
        let cols: Vec<usize> = facts.iter().map(|f| f.0).collect();
        assert_eq!(cols, vec![0, 6, 1, 7, 2, 8, 9, 10, 5, 11], "{name}");
        let t = doc.table(TableKind::F09).unwrap();
        for (col, v) in facts {
            let cell = t.rows[col / 6].value(col % 6).unwrap_or_default();
            assert_eq!(cell, v, "{name} column {col}");
        }
    }
}
