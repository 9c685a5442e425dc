//! Every cell of every 决算 table, for each corpus layout, equals the document.
//!
//! The expected tables live in `tests/fixtures/expected/<document>/<NN>.tsv`,
//! one row per line: `key|label|value…@source_line` (key = 行次 or code, empty
//! for 合计; an empty value is a blank cell, distinct from 0.00). They were
//! reviewed against the document text, against the hand-derived gold values of
//! the domain analysis (154 values: 合计 rows, 类 rows, code lists, every row of
//! the big-data tables), and, for the TAB layout, against an independent
//! positional read of the tab cells.

mod common;
use common::*;

fn expected(doc: &str, table: &str) -> Option<Vec<String>> {
    let path = fixture(&format!("expected/{doc}/{table}.tsv"));
    let text = std::fs::read_to_string(path).ok()?;
    Some(text.lines().filter(|l| !l.starts_with('#')).map(str::to_string).collect())
}

fn actual(r: &gongkai::DocumentReport, table: &str) -> Vec<String> {
    table_rows(common::table(r, table))
}

fn table_rows(t: &gongkai::report::TableOut) -> Vec<String> {
    common::row_lines(t)
}

fn assert_document(doc: &str, tables: &[&str]) {
    let r = check_fixture(&format!("{doc}.txt"));
    for t in tables {
        let want = expected(doc, t).unwrap_or_else(|| panic!("no expected table {doc}/{t}"));
        let got = actual(&r, t);
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(g, w, "{doc} 公开{t}表 row {i}");
        }
        assert_eq!(got.len(), want.len(), "{doc} 公开{t}表 row count");
    }
}

const TABLES: &[&str] = &["01", "02", "03", "04", "05", "07", "08"];

#[test]
fn yantai_2024_tab_layout_every_cell() {
    assert_document("yantai-office-2024-final", TABLES);
}

#[test]
fn qingdao_2024_space_layout_every_cell() {
    assert_document("qingdao-office-2024-final", TABLES);
}

#[test]
fn bigdata_2023_dropped_cells_every_cell_placed_uniquely() {
    assert_document("yantai-bigdata-2023-final", TABLES);
    let r = check_fixture("yantai-bigdata-2023-final.txt");
    let ambiguous: Vec<_> = r.coverage.problems.iter().filter(|p| p.message.contains("可能")).collect();
    assert!(ambiguous.is_empty(), "{ambiguous:#?}");
}

#[test]
fn dropped_cells_that_only_identities_can_place() {
    // The rows the domain analysis singles out: 2150502 一般行政管理事务 is 基本
    // (215 基本 1,248.97 − 374.34 − 798.62); 2100410 is 项目 (210 基本 = 21011).
    let r = check_fixture("yantai-bigdata-2023-final.txt");
    let t03 = common::table(&r, "03");
    let row = |code: &str| t03.rows.iter().find(|x| x.code.as_deref() == Some(code)).unwrap();
    let s = |v: &Option<rust_decimal::Decimal>| v.map(|d| d.to_string()).unwrap_or_default();
    assert_eq!(row("2150502").values.iter().map(s).collect::<Vec<_>>(), ["76.01", "76.01", "", "", "", ""]);
    assert_eq!(row("2100410").values.iter().map(s).collect::<Vec<_>>(), ["21.60", "", "21.60", "", "", ""]);
    // 02 合计 is placed by 01: 财政拨款 = 01[1]+[2]+[3], 其他收入 = 01[8].
    let t02 = common::table(&r, "02");
    assert_eq!(t02.rows[0].values.iter().map(s).collect::<Vec<_>>(), ["8979.28", "8979.10", "", "", "", "", "0.18"]);
}

#[test]
fn without_its_anchor_table_a_dropped_cell_row_is_reported_not_guessed() {
    // Remove 公开01表 from the big-data document: 02 合计 "8,979.28 8,979.10 0.18"
    // then fits 15 placements, and the reader must say so.
    let text = std::fs::read_to_string(fixture("yantai-bigdata-2023-final.txt")).unwrap();
    let start = text.find("一、一般公共预算财政拨款收入 1 8,979.10").unwrap();
    let last = "总计 31 8,979.95 总计 62 8,979.95";
    let end = text.find(last).unwrap() + last.len();
    let cut = format!("{}{}", &text[..start], &text[end..]);
    let r = gongkai::check_text("cut", &cut);
    let t02 = common::table(&r, "02");
    assert!(t02.rows[0].values.iter().skip(1).all(Option::is_none), "{:?}", t02.rows[0]);
    assert!(r.coverage.problems.iter().any(|p| p.table.as_deref() == Some("02") && p.message.contains("无法唯一确定")));
}
