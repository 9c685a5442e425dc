//! Every cell of every table of the two budget documents equals the document.
//!
//! The expected tables live in `tests/fixtures/expected/<document>/<NN>.tsv`
//! (NN = the number printed in "公开表N"), one row per line:
//! `key|label|value…@source_line` (key = 序号, 科目编码, or the code pair
//! "30101/50101" of an economic table; an empty value is a blank cell, which
//! is distinct from a printed 0.00).
//!
//! How they were reviewed: each row was compared with the document line its
//! `@source_line` names (烟台 prints no blank cells, so for every row with
//! fewer numbers than columns the placement was checked by hand against the
//! identities of §1.4 of the budget analysis); then a script compared them
//! with every value of the analysis's gold files (537 checks: 表1 labels, every
//! 表2/3/5 row and the column totals, the 表6 class rows and their 人员/公用
//! column, every 表6 item in its class's column, 表7 both years, 表10 = 表6 row
//! by row, 表11 names/types/amounts, 表12; 青岛 表1 all 66 cells, 表2/3/5/6 all
//! rows, 表7's non-zero rows and row count, 表9, 表10's 合计 row, item count,
//! per-category sums and column sums). Where the gold writes "0.00 (blank)"
//! the document's blank is kept.

mod common;
use common::*;

fn expected(doc: &str, table: &str) -> Vec<String> {
    let path = fixture(&format!("expected/{doc}/{table}.tsv"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("no expected table {}", path.display()));
    text.lines().filter(|l| !l.starts_with('#')).map(str::to_string).collect()
}

fn actual(t: &gongkai::report::TableOut) -> Vec<String> {
    common::row_lines(t)
}

fn assert_document(doc: &str, tables: &[(&str, &str)]) -> gongkai::DocumentReport {
    let r = check_fixture(&format!("{doc}.txt"));
    let numbers: Vec<&str> = r.tables.iter().filter_map(|t| t.number.as_deref()).collect();
    let want: Vec<&str> = tables.iter().map(|t| t.0).collect();
    assert_eq!(numbers, want, "{doc}: tables read");
    for (n, title) in tables {
        let t = table(&r, n);
        assert_eq!(t.title, *title, "{doc} 公开表{n} title");
        let want = expected(doc, &format!("{:02}", n.parse::<u32>().unwrap()));
        let got = actual(t);
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(g, w, "{doc} 公开表{n} row {i}");
        }
        assert_eq!(got.len(), want.len(), "{doc} 公开表{n} row count");
    }
    // Every dropped-cell row was placed: no placement is left open.
    let open: Vec<_> = r.coverage.problems.iter().filter(|p| p.message.contains("无法唯一确定") || p.message.contains("矛盾")).collect();
    assert!(open.is_empty(), "{open:#?}");
    r
}

#[test]
fn yantai_budget_every_cell_with_dropped_cells_placed_uniquely() {
    // Titles are not printed: every kind below comes from the header signature.
    let r = assert_document(
        "yantai-office-2023-budget",
        &[
            ("1", "收支总表"),
            ("2", "收入总表"),
            ("3", "支出总表"),
            ("4", "财政拨款收支总表"),
            ("5", "一般公共预算支出表"),
            ("6", "一般公共预算基本支出表"),
            ("7", "一般公共预算\"三公\"经费支出表"),
            ("8", "政府性基金预算支出表"),
            ("9", "国有资本经营预算支出表"),
            ("10", "部门基本支出预算表"),
            ("11", "项目支出预算表"),
            ("12", "政府采购预算表"),
        ],
    );
    assert_eq!(r.document.year, Some(2023));
    assert_eq!(r.document.department.as_deref(), Some("烟台市人民政府办公室"));
    assert_eq!(r.document.scope, Some(gongkai::model::Scope::Department));
    // The empty tables keep the note that says why.
    assert!(table(&r, "8").rows.is_empty());
    // 三公: 2023 is placed by 表6's 公务用车运行维护费 (29.10 + 17.50 ≤ 运维),
    // 2022 only by the narrative ("购置费0.00万元，与上年持平"; 运维 +48.00).
    let why: Vec<&str> = r.coverage.problems.iter().filter(|p| p.table.as_deref() == Some("7")).map(|p| p.message.as_str()).collect();
    assert!(why.iter().any(|m| m.contains("2023年预算数") && m.contains("基本支出表")), "{why:?}");
    assert!(why.iter().any(|m| m.contains("2022年预算数") && m.contains("情况说明")), "{why:?}");
}

#[test]
fn qingdao_budget_every_cell() {
    let r = assert_document(
        "qingdao-office-2023-budget",
        &[
            ("1", "单位预算收支总表"),
            ("2", "单位预算收入总表"),
            ("3", "单位预算支出总表"),
            ("4", "单位预算财政拨款收支总表"),
            ("5", "一般公共预算财政拨款支出表"),
            ("6", "一般公共预算基本支出表（部门经济分类）"),
            ("7", "一般公共预算基本支出表（政府经济分类）"),
            ("8", "政府性基金预算财政拨款支出表"),
            ("9", "单位一般公共预算“三公”经费支出情况表"),
            ("10", "政府采购预算表"),
        ],
    );
    assert_eq!(r.document.year, Some(2023));
    assert_eq!(r.document.scope, Some(gongkai::model::Scope::Unit));
    assert!(r.coverage.problems.is_empty(), "{:#?}", r.coverage.problems);
}

#[test]
fn sangong_series_carry_both_years() {
    let s = |r: &gongkai::DocumentReport| -> Vec<(String, Vec<String>)> {
        r.sangong
            .as_ref()
            .expect("三公 series")
            .iter()
            .map(|x| (x.label.clone(), x.six().iter().map(|v| v.map(|d| d.to_string()).unwrap_or_default()).collect()))
            .collect()
    };
    let y = check_fixture("yantai-office-2023-budget.txt");
    // A budget has no amounts spent: no series is the 决算数.
    assert!(y.sangong.iter().flatten().all(|s| !s.actual));
    assert_eq!(
        s(&y),
        vec![
            ("2022年预算数".to_string(), ["203.90", "13.30", "41.60", "", "41.60", "149.00"].map(String::from).to_vec()),
            ("2023年预算数".to_string(), ["275.60", "10.00", "89.60", "", "89.60", "176.00"].map(String::from).to_vec()),
        ]
    );
    // 青岛 prints the current year only; the previous year is what the
    // narrative's stated changes imply, and says so.
    let q = check_fixture("qingdao-office-2023-budget.txt");
    assert_eq!(
        s(&q),
        vec![
            (
                "2022年预算数（据情况说明所述增减额推算）".to_string(),
                ["443.50", "91.00", "67.50", "0.00", "67.50", "285.00"].map(String::from).to_vec()
            ),
            ("2023年预算数".to_string(), ["438.50", "91.00", "67.50", "0.00", "67.50", "280.00"].map(String::from).to_vec()),
        ]
    );
}

#[test]
fn a_sangong_header_worded_2023年度预算数_reads_the_same_both_years() {
    // As other regions word the year columns: "2022年度预算数 2023年度预算数".
    let text = std::fs::read_to_string(fixture("yantai-office-2023-budget.txt")).unwrap();
    let worded = text.replace("年预算数", "年度预算数");
    assert_ne!(worded, text);
    let (a, b) = (check_fixture("yantai-office-2023-budget.txt"), gongkai::check_text("worded", &worded));
    let rows = |r: &gongkai::DocumentReport| table(r, "7").rows.iter().map(|x| (x.label.clone(), x.values.clone())).collect::<Vec<_>>();
    assert_eq!(rows(&b), rows(&a));
    assert_eq!(b.sangong.iter().flatten().map(|s| s.label.clone()).collect::<Vec<_>>(), ["2022年预算数", "2023年预算数"]);
}

#[test]
fn without_the_narrative_2022_sangong_stays_unplaced() {
    // 2022's 41.60 could be 购置 or 运维: only the narrative tells. Without it
    // the row is blank and coverage says so; 2023 is still placed by 表6.
    let text = std::fs::read_to_string(fixture("yantai-office-2023-budget.txt")).unwrap();
    let cut = text.replacen("置费0.00万元，与上年持平", "置费", 1).replacen("比上年增加48.00万元", "有所增加", 1);
    assert_eq!(cut.len(), text.len() - "0.00万元，与上年持平".len() - "比上年增加48.00万元".len() + "有所增加".len());
    let r = gongkai::check_text("cut", &cut);
    let t = table(&r, "7");
    assert!(t.rows[0].values.iter().all(Option::is_none), "{:?}", t.rows[0]);
    assert_eq!(t.rows[1].values[4].map(|d| d.to_string()).as_deref(), Some("89.60"));
    assert!(r.coverage.problems.iter().any(|p| p.table.as_deref() == Some("7") && p.message.contains("无法唯一确定")));
}

#[test]
fn without_the_economic_table_personnel_or_public_is_not_guessed() {
    // 表5's "202.49 202.49 202.49" is 人员 or 公用; only 表6's class totals
    // tell. Cut 表6: those rows are reported, not guessed, and 表3 (placed by
    // 基本 ≥ 表5 基本 whichever it is) is still read.
    let text = std::fs::read_to_string(fixture("yantai-office-2023-budget.txt")).unwrap();
    let (a, b) = (text.find(" 公开表6").unwrap(), text.find(" 公开表7").unwrap());
    let cut = format!("{}{}", &text[..a], &text[b..]);
    let r = gongkai::check_text("cut", &cut);
    let row = |t: &str, code: &str| -> Vec<String> {
        let t = table(&r, t);
        let row = t.rows.iter().find(|x| x.code.as_deref() == Some(code)).unwrap();
        row.values.iter().map(|v| v.map(|d| d.to_string()).unwrap_or_default()).collect()
    };
    assert!(row("5", "208").iter().all(String::is_empty));
    assert_eq!(row("3", "208"), ["202.49", "202.49", "", "", "", "", ""]);
    assert!(r.coverage.problems.iter().any(|p| p.table.as_deref() == Some("5") && p.message.contains("208（2种）")));
    assert!(!r.has_errors(), "{:#?}", r.findings);
}

#[test]
fn a_page_break_before_a_split_code_reads_the_same_rows_and_finds_no_error() {
    // pdftotext without -layout keeps a form feed at each page's first line:
    // "\f208 05 06" starts a row as "208 05 06" does (it was read as 208, a
    // 类, with false row-sum errors on 表2, 表6 and 表10).
    let text = std::fs::read_to_string(fixture("yantai-office-2023-budget.txt")).unwrap();
    let paged = text.replace("\n208 05 06", "\n\u{c}\n208 05 06");
    assert_ne!(paged, text);
    let (a, b) = (check_fixture("yantai-office-2023-budget.txt"), gongkai::check_text("paged", &paged));
    let rows =
        |r: &gongkai::DocumentReport, k: &str| table(r, k).rows.iter().map(|x| (x.code.clone(), x.values.clone())).collect::<Vec<_>>();
    for k in ["2", "3", "4", "5", "6", "10"] {
        assert_eq!(rows(&b, k), rows(&a, k), "公开表{k}");
    }
    let errors = |r: &gongkai::DocumentReport| r.findings.iter().filter(|f| f.severity == gongkai::rules::Severity::Error).count();
    assert_eq!(errors(&b), errors(&a));
}

#[test]
fn a_continuation_page_headed_by_its_title_marked_continued_adds_no_row_to_a_corpus_table() {
    // A page break before the middle row of every table of four rows or
    // more, headed by the title marked （续） or （续表）, or by 续表 alone:
    // the marker readers read every table as before. (The head was read as
    // a row of its own, "财政拨款收支总表（续）", or as the start of the next
    // row's label, "项目支出预算表（续）购买办公家具…".)
    let heads: [fn(&str) -> String; 3] = [
        |title| format!("\u{c}                    {title}（续）"),
        |title| format!("\u{c}                    {title}（续表）\n                                                单位：万元"),
        |_| "\u{c}                              续表".to_string(),
    ];
    type Cells = Vec<Vec<(Option<String>, String, Vec<Option<String>>)>>;
    let cells = |r: &gongkai::DocumentReport| -> Cells {
        let text = |v: &Option<rust_decimal::Decimal>| v.map(|d| d.normalize().to_string());
        r.tables
            .iter()
            .map(|t| t.rows.iter().map(|x| (x.code.clone(), x.label.clone(), x.values.iter().map(text).collect())).collect())
            .collect()
    };
    let errors = |r: &gongkai::DocumentReport| r.findings.iter().filter(|f| f.severity == gongkai::rules::Severity::Error).count();
    let mut placed = 0;
    for doc in [
        "yantai-office-2023-budget.txt",
        "qingdao-office-2023-budget.txt",
        "yantai-office-2024-final.txt",
        "qingdao-office-2024-final.txt",
        "yantai-bigdata-2023-final.txt",
    ] {
        let text = std::fs::read_to_string(fixture(doc)).unwrap();
        let base = check_fixture(doc);
        for head in heads {
            let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
            let mut at: Vec<(usize, String)> = Vec::new();
            for t in &base.tables {
                let mut rows: Vec<usize> = t.rows.iter().map(|r| r.source_line - 1).collect();
                rows.sort_unstable();
                rows.dedup();
                if rows.len() >= 4 {
                    at.push((rows[rows.len() / 2], head(&t.title)));
                }
            }
            at.sort();
            placed += at.len();
            for (i, s) in at.into_iter().rev() {
                lines.insert(i, s);
            }
            let got = gongkai::check_text(doc, &lines.join("\n"));
            let (got_cells, want) = (cells(&got), cells(&base));
            assert_eq!(got_cells.len(), want.len(), "{doc}: {}", head("…"));
            for (k, (g, w)) in got_cells.iter().zip(&want).enumerate() {
                assert_eq!(g, w, "{doc}: {}, table {k}", head("…"));
            }
            assert_eq!(errors(&got), errors(&base), "{doc}: {}", head("…"));
        }
    }
    assert_eq!(placed, 108, "heads placed: 36 tables, three heads each");
}
