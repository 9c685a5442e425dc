//! 公开01表 收入支出决算总表 is read exactly from every corpus layout, and its
//! identities report tail rounding as info, never as an error.

mod common;
use common::*;

const Y01: &str = "
1|一、一般公共预算财政拨款收入|10095.35
2|二、政府性基金预算财政拨款收入|
3|三、国有资本经营预算财政拨款收入|
4|四、上级补助收入|
5|五、事业收入|
6|六、经营收入|
7|七、附属单位上缴收入|
8|八、其他收入|21.48
9||
10||
11||
12||
13||
14||
15||
16||
17||
18||
19||
20||
21||
22||
23||
24||
25||
26||
27|本年收入合计|10116.83
28|使用非财政拨款结余（含专用结余）|
29|年初结转和结余|144.56
30||
31|总计|10261.39
32|一、一般公共服务支出|8614.95
33|二、外交支出|
34|三、国防支出|
35|四、公共安全支出|
36|五、教育支出|
37|六、科学技术支出|
38|七、文化旅游体育与传媒支出|
39|八、社会保障和就业支出|625.49
40|九、卫生健康支出|208.93
41|十、节能环保支出|
42|十一、城乡社区支出|
43|十二、农林水支出|
44|十三、交通运输支出|
45|十四、资源勘探工业信息等支出|
46|十五、商业服务业等支出|
47|十六、金融支出|
48|十七、援助其他地区支出|
49|十八、自然资源海洋气象等支出|
50|十九、住房保障支出|323.93
51|二十、粮油物资储备支出|
52|二十一、国有资本经营预算支出|
53|二十二、灾害防治及应急管理支出|
54|二十三、其他支出|280.68
55|二十四、债务还本支出|
56|二十五、债务付息支出|
57|二十六、抗疫特别国债安排的支出|
58|本年支出合计|10053.99
59|结余分配|10.81
60|年末结转和结余|196.59
61||
62|总计|10261.39
";

#[test]
fn yantai_2024_tab_layout_01_every_row_exactly() {
    let r = check_fixture("yantai-office-2024-final.txt");
    assert_eq!(r.document.department.as_deref(), Some("烟台市人民政府办公室"));
    assert_eq!(r.document.year, Some(2024));
    assert_eq!(r.document.unit.as_deref(), Some("万元"));
    let t = table(&r, "01");
    assert_eq!(t.title, "收入支出决算总表");
    assert_rows(t, Y01);
    // Source lines point at the document: row 1 is L103, row 62 is L133.
    assert_eq!(t.rows[0].source_line, 103);
    assert_eq!(t.rows.last().unwrap().source_line, 133);
}

#[test]
fn yantai_2024_01_has_only_the_known_tail_difference_at_row_58() {
    let r = check_fixture("yantai-office-2024-final.txt");
    // The tables hold together (the narrative and attachments have real defects).
    assert!(r.findings.iter().filter(|f| f.rule.contains("TBL")).all(|f| f.severity == gongkai::rules::Severity::Info));
    let own = ["TBL-001", "TBL-002", "TBL-003", "TBL-004"];
    let f01: Vec<_> = r.findings.iter().filter(|f| own.contains(&f.rule)).collect();
    assert_eq!(f01.len(), 1, "{f01:#?}");
    let f = f01[0];
    assert_eq!(f.rule, "TBL-002");
    assert_eq!(f.severity, gongkai::rules::Severity::Info);
    assert_eq!(f.source_line, Some(129));
    assert_eq!(f.expected.unwrap().to_string(), "10053.98");
    assert_eq!(f.actual.unwrap().to_string(), "10053.99");
    assert_eq!(f.difference.unwrap().to_string(), "0.01");
    assert!(f.message.contains("尾数误差"));
}

#[test]
fn qingdao_2024_space_layout_01_zeros_stay_zeros_and_fillers_stay_blank() {
    let r = check_fixture("qingdao-office-2024-final.txt");
    assert_eq!(r.document.department.as_deref(), Some("青岛市人民政府办公厅"));
    let got = rows(table(&r, "01"));
    let at = |n: &str| got.iter().find(|g| g.0 == n).unwrap().clone();
    assert_eq!(at("1"), ("1".into(), "一、一般公共预算财政拨款收入".into(), vec!["17127.83".into()]));
    assert_eq!(at("2").2, vec!["0.00".to_string()]);
    assert_eq!(at("9"), ("9".into(), "".into(), vec!["".into()]));
    assert_eq!(at("29").2, vec!["59.99".to_string()]);
    assert_eq!(at("30").2, vec!["".to_string()]);
    assert_eq!(at("39").2, vec!["998.66".to_string()]);
    assert_eq!(at("60"), ("60".into(), "年末结转与结余".into(), vec!["59.99".into()]));
    assert_eq!(at("62").2, vec!["17187.83".to_string()]);
    assert_eq!(got.len(), 62);
    // Q's three 0.01 differences (rows 58, 31, 62) are info, and nothing else.
    let own = ["TBL-001", "TBL-002", "TBL-003", "TBL-004"];
    let f: Vec<_> = r.findings.iter().filter(|f| own.contains(&f.rule)).map(|f| (f.rule, f.severity, f.source_line)).collect();
    use gongkai::rules::Severity::Info;
    assert_eq!(f, vec![("TBL-002", Info, Some(198)), ("TBL-003", Info, Some(206)), ("TBL-003", Info, Some(206))]);
}

#[test]
fn bigdata_2023_dropped_cell_layout_01() {
    let r = check_fixture("yantai-bigdata-2023-final.txt");
    assert_eq!(r.document.year, Some(2023));
    let got = rows(table(&r, "01"));
    let v = |n: &str| got.iter().find(|g| g.0 == n).unwrap().2[0].clone();
    assert_eq!(v("1"), "8979.10");
    assert_eq!(v("2"), "");
    assert_eq!(v("8"), "0.18");
    assert_eq!(v("27"), "8979.28");
    assert_eq!(v("29"), "0.66");
    assert_eq!(v("31"), "8979.95");
    assert_eq!(v("32"), "");
    assert_eq!(v("39"), "112.81");
    assert_eq!(v("40"), "93.38");
    assert_eq!(v("45"), "8772.92");
    assert_eq!(v("58"), "8979.11");
    assert_eq!(v("60"), "0.84");
    assert_eq!(v("62"), "8979.95");
    // No table errors (the narrative's own errors are asserted in tests/narrative.rs).
    assert!(!r.findings.iter().any(|f| f.table.is_some() && f.severity == gongkai::rules::Severity::Error));
}

#[test]
fn a_real_imbalance_is_an_error() {
    let text = std::fs::read_to_string(fixture("yantai-office-2024-final.txt")).unwrap();
    // 总计 on the expenditure side changed from 10,261.39 to 10,271.39.
    let broken = text.replacen("总计\t62\t10,261.39", "总计\t62\t10,271.39", 1);
    assert_ne!(broken, text);
    let r = gongkai::check_text("broken", &broken);
    let errors: Vec<_> = r.findings.iter().filter(|f| f.severity == gongkai::rules::Severity::Error && f.rule.contains("TBL")).collect();
    // One misprinted cell, one finding: the balance failure is folded into it.
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!((errors[0].rule, errors[0].source_line), ("TBL-003", Some(133)));
    assert_eq!(errors[0].actual.unwrap().to_string(), "10271.39");
    assert_eq!(errors[0].also.len(), 1);
    assert!(errors[0].also[0].starts_with("TBL-004"));
}

#[test]
fn each_table_is_headed_by_its_standard_name_and_title() {
    let r = check_fixture("yantai-office-2024-final.txt");
    assert_eq!(r.tables[0].heading, "公开01表 收入支出决算总表");
    let b = check_fixture("qingdao-office-2023-budget.txt");
    assert_eq!(b.tables[0].heading, "公开表1 单位预算收支总表");
}
