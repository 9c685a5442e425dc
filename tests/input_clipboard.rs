//! A table pasted from a spreadsheet or a web page: the clipboard's
//! text/html, made here from a corpus text (tests/fixtures) the way Excel
//! and a browser put it there, read by `input::clipboard` into layout
//! text whose tables the checker reads with the same cells as the text's.

mod common;
use common::{blocks, esc};
use gongkai::input::clipboard;
use gongkai::report::TableOut;

const CORPUS: &str = include_str!("fixtures/yantai-office-2024-final.txt");

/// "10,095.35" and the like: what Excel shows of a number cell.
fn is_amount(s: &str) -> bool {
    let t = s.trim().trim_start_matches('-');
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') && t.chars().any(|c| c.is_ascii_digit())
}

/// A table as Excel puts a copied range on the clipboard: `<col>` widths,
/// `mso-` styles, row heights, numbers as displayed with `x:num` holding the
/// value, and the header merged as a sheet would have it: a caption cell
/// followed by empty cells spans them (colspan), a caption over an empty cell
/// of the next header row spans both rows (rowspan). `titles` are rows above
/// the table (title, 公开01表, unit), each one cell merged across.
fn excel_table(titles: &[&str], rows: &[Vec<&str>]) -> String {
    let ncols = rows.iter().map(Vec::len).max().unwrap_or(1);
    let mut h = String::from(
        "<table border=0 cellpadding=0 cellspacing=0 width=864 style='border-collapse:\r\n collapse;table-layout:fixed;width:648pt'>\r\n<!--StartFragment-->\r\n",
    );
    for c in 0..ncols {
        let w = if c % 3 == 0 { 240 } else { 96 };
        h.push_str(&format!(" <col width={w} style='mso-width-source:userset;mso-width-alt:{};width:{}pt'>\r\n", w * 32, w * 3 / 4));
    }
    for t in titles {
        h.push_str(&format!(
            " <tr height=25 style='mso-height-source:userset;height:18.75pt'>\r\n  <td colspan={ncols} height=25 class=xl70 style='height:18.75pt'>{}</td>\r\n </tr>\r\n",
            esc(t)
        ));
    }
    // Header rows: the leading rows without amounts.
    let header = rows.iter().take_while(|r| !r.iter().any(|c| is_amount(c) && c.contains('.'))).count().min(2);
    let mut covered = vec![vec![false; ncols]; rows.len()];
    for (r, row) in rows.iter().enumerate() {
        h.push_str(" <tr height=19 style='height:14.25pt'>\r\n");
        let mut c = 0;
        while c < ncols {
            if covered[r][c] {
                c += 1;
                continue;
            }
            let v = row.get(c).copied().unwrap_or("").trim();
            let mut span = 1;
            let mut rowspan = 1;
            if r == 0 && header > 0 && !v.is_empty() {
                while c + span < ncols && row.get(c + span).is_none_or(|s| s.trim().is_empty()) {
                    span += 1;
                }
                if header == 2 && span == 1 && rows[1].get(c).is_none_or(|s| s.trim().is_empty()) {
                    rowspan = 2;
                    covered[1][c] = true;
                }
            }
            let mut attrs = String::new();
            if span > 1 {
                attrs.push_str(&format!(" colspan={span}"));
            }
            if rowspan > 1 {
                attrs.push_str(&format!(" rowspan={rowspan}"));
            }
            if v.is_empty() {
                h.push_str(&format!("  <td{attrs} class=xl66 style='border-top:none'>&nbsp;</td>\r\n"));
            } else if is_amount(v) {
                let num = v.replace(',', "");
                h.push_str(&format!(
                    "  <td{attrs} class=xl65 align=right style='border-top:none;border-left:none' x:num=\"{num}\">{v}</td>\r\n"
                ));
            } else if let Some(rest) = v.strip_prefix("（") {
                // An indented label, as Excel writes leading spaces.
                h.push_str(&format!(
                    "  <td{attrs} class=xl67 style='border-top:none'><span\r\n  style='mso-spacerun:yes'>&nbsp;&nbsp;</span>（{}</td>\r\n",
                    esc(rest)
                ));
            } else {
                h.push_str(&format!("  <td{attrs} class=xl67 style='border-top:none'>{}</td>\r\n", esc(v)));
            }
            c += span;
        }
        h.push_str(" </tr>\r\n");
    }
    h.push_str("<!--EndFragment-->\r\n</table>\r\n");
    h
}

/// What Excel's clipboard HTML looks like around the table.
fn excel_clipboard(table: &str) -> String {
    format!(
        "<html xmlns:v=\"urn:schemas-microsoft-com:vml\"\r\nxmlns:o=\"urn:schemas-microsoft-com:office:office\"\r\n\
         xmlns:x=\"urn:schemas-microsoft-com:office:excel\"\r\nxmlns=\"http://www.w3.org/TR/REC-html40\">\r\n\r\n<head>\r\n\
         <meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">\r\n<meta name=ProgId content=Excel.Sheet>\r\n\
         <meta name=Generator content=\"Microsoft Excel 15\">\r\n<link id=Main-File rel=Main-File\r\n\
         href=\"file:///C:/Users/x/AppData/Local/Temp/msohtmlclip1/01/clip.htm\">\r\n\
         <style>\r\n<!--table\r\n\t{{mso-displayed-decimal-separator:\"\\.\";\r\n\tmso-displayed-thousand-separator:\"\\,\";}}\r\n\
         .xl65\r\n\t{{mso-style-parent:style0;\r\n\tmso-number-format:\"\\#\\,\\#\\#0\\.00\";\r\n\tborder:.5pt solid windowtext;}}\r\n-->\r\n</style>\r\n\
         </head>\r\n\r\n<body link=\"#0563C1\" vlink=\"#954F72\">\r\n\r\n{table}</body>\r\n\r\n</html>\r\n"
    )
}

/// A table's rows as the checker read them, without their source lines.
fn cells(t: &TableOut) -> Vec<String> {
    t.rows.iter().map(|r| format!("{:?} {} {:?} {:?}", r.code, r.label, r.line, r.values)).collect()
}

fn table<'a>(r: &'a gongkai::DocumentReport, key: &str) -> &'a TableOut {
    r.tables.iter().find(|t| t.key == key).unwrap_or_else(|| panic!("table {key} not read: {:?}", r.coverage.tables_found))
}

#[test]
fn excel_copy_of_table_01_reads_its_cells() {
    // 公开01表 of the corpus text, as a copied range of a sheet.
    let b = blocks(CORPUS);
    let start = CORPUS.lines().position(|l| l == "收入支出决算总表").expect("title of 01");
    let rows = b
        .iter()
        .filter_map(|b| b.as_ref().err())
        .find(|rows| rows.iter().any(|r| r.first() == Some(&"一、一般公共预算财政拨款收入")))
        .expect("the rows of 01");
    let html = excel_clipboard(&excel_table(&["收入支出决算总表", "公开01表", "部门：烟台市人民政府办公室", "金额单位：万元"], rows));
    assert!(start > 0);

    let text = clipboard(&html).expect("a table on the clipboard");
    // One row per line, nothing of the head, styles or comments.
    assert!(!text.contains("mso") && !text.contains("StartFragment") && !text.contains("<"), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(&lines[..4], &["收入支出决算总表", "公开01表", "部门：烟台市人民政府办公室", "金额单位：万元"]);
    assert_eq!(lines.len(), 4 + rows.len(), "{text}");
    let row = lines.iter().find(|l| l.starts_with("一、一般公共预算财政拨款收入")).unwrap();
    let split: Vec<&str> = row.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect();
    assert_eq!(split, vec!["一、一般公共预算财政拨款收入", "1", "10,095.35", "一、一般公共服务支出", "32", "8,614.95"]);
    // Columns line up: the amounts of a 金额 column end at one position (right-aligned).
    let at = |l: &str, v: &str| l.find(v).map(|i| l[..i].chars().count() + v.len());
    let starts: std::collections::BTreeSet<Option<usize>> =
        ["10,095.35", "21.48", "10,116.83", "144.56"].iter().map(|v| lines.iter().find_map(|l| at(l, v))).collect();
    assert_eq!(starts.len(), 1, "{starts:?}\n{text}");

    let pasted = gongkai::check_text("粘贴的文本", &text);
    let plain = gongkai::check_text("t", CORPUS);
    let t = table(&pasted, "01");
    assert_eq!(cells(t), cells(table(&plain, "01")), "the pasted 01 table reads as the text's");
    // Both sides of the two-sided table: 总计 收入 (行 31) and 支出 (行 62).
    let totals: Vec<String> =
        t.rows.iter().filter(|r| r.label == "总计").flat_map(|r| r.values.iter().flatten().map(|d| format!("{:?} {d}", r.line))).collect();
    assert_eq!(totals, vec!["Some(31) 10261.39", "Some(62) 10261.39"]);
    let first = t.rows.iter().find(|r| r.label == "一、一般公共预算财政拨款收入").unwrap();
    assert_eq!(first.values.first().copied().flatten(), Some("10095.35".parse().unwrap()));
}

/// A whole corpus document copied from a web page: prose as paragraphs, each
/// table in the spreadsheet style above (web pages made from Excel look so).
fn web_page_copy(text: &str) -> String {
    let mut body = String::from("<meta charset='utf-8'><div class=\"article\" style=\"font-size:16px\">");
    for b in blocks(text) {
        match b {
            Ok(p) if p.trim().is_empty() => {}
            Ok(p) => body.push_str(&format!("<p style=\"text-indent:2em\">{}</p>\n", esc(p))),
            Err(rows) => body.push_str(&excel_table(&[], &rows)),
        }
    }
    body.push_str("</div>");
    body
}

#[test]
fn a_whole_document_copied_from_a_web_page_gives_the_texts_report() {
    let plain = gongkai::check_text("t", CORPUS);
    assert_eq!(plain.coverage.tables_found.len(), 9);
    let text = clipboard(&web_page_copy(CORPUS)).expect("tables on the clipboard");
    let pasted = gongkai::check_text("t", &text);
    assert_eq!(pasted.coverage.tables_found, plain.coverage.tables_found);
    for t in &plain.tables {
        assert_eq!(cells(table(&pasted, &t.key)), cells(t), "table {}", t.key);
    }
    let rules = |r: &gongkai::DocumentReport| {
        let mut v: Vec<String> = r
            .findings
            .iter()
            .map(|f| format!("{} {:?} {:?} {:?} {:?} {:?}", f.rule, f.table, f.row, f.column, f.expected, f.actual))
            .collect();
        v.sort();
        v
    };
    assert_eq!(rules(&pasted), rules(&plain));
    assert_eq!(format!("{:?}", pasted.document), format!("{:?}", plain.document));
}

#[test]
fn prose_copied_from_a_web_page_is_left_to_the_plain_text() {
    let prose: String = CORPUS.lines().filter(|l| !l.contains('\t')).take(40).map(|l| format!("<p>{}</p>", esc(l))).collect();
    assert_eq!(clipboard(&format!("<meta charset='utf-8'><div>{prose}</div>")), None);
}

#[test]
fn a_copied_range_with_numbers_of_every_width_is_read_by_its_columns() {
    // 一般公共预算支出预算表（功能科目） of the layout sample, read by the
    // layout reader (columns by the numbers' right edges), as an Excel range
    // with amounts of every width: 0.00 and 11,000.00 in one column must
    // still be one column (amounts are right-aligned as Excel shows them).
    const SAMPLE: &str = include_str!("fixtures/layout-budget-sample.txt");
    // The copied range, one row a line, cells separated by |.
    const RANGE: &str = "
科目编码|科目名称|合计|基本支出|项目支出
|合计|11,500.00|11,000.00|500.00
201|一般公共服务支出|11,200.00|10,800.00|400.00
20101|人大事务|11,200.00|10,800.00|400.00
2010101|行政运行|10,800.00|10,800.00|0.00
2010102|一般行政管理事务|400.00|0.00|400.00
208|社会保障和就业支出|200.00|150.00|50.00
20805|行政事业单位养老支出|200.00|150.00|50.00
2080505|机关事业单位基本养老保险缴费支出|150.00|150.00|
2080599|其他行政事业单位养老支出|50.00||50.00
221|住房保障支出|100.00|50.00|50.00
22102|住房改革支出|100.00|50.00|50.00
2210201|住房公积金|100.00|50.00|50.00
";
    let rows: Vec<Vec<&str>> = RANGE.trim().lines().map(|l| l.split('|').collect()).collect();
    let title = "一般公共预算支出预算表（功能科目）";
    let table = excel_table(&[title, "公开表七", "部门：示例市某某局", "单位：万元"], &rows);
    // Pasted into the sample in place of the table (title to last row), as
    // a reader pastes a copied range into the editor.
    let text = clipboard(&excel_clipboard(&table)).expect("a table");
    let lines: Vec<&str> = SAMPLE.lines().collect();
    let from = lines.iter().position(|l| l.contains(title)).expect("title");
    let to = lines.iter().position(|l| l.starts_with("2210201")).expect("last row");
    let spliced = format!("{}\n{}{}\n", lines[..from].join("\n"), text, lines[to + 1..].join("\n"));
    let pasted = gongkai::check_text("粘贴的文本", &spliced);
    let plain = gongkai::check_text("t", SAMPLE);
    let want = plain.tables.iter().find(|t| t.title.contains(title)).expect("the sample's table");
    let got = pasted.tables.iter().find(|t| t.title.contains(title)).unwrap_or_else(|| panic!("{:?}\n{text}", pasted.coverage));
    assert!(got.read, "{:?}\n{text}", pasted.coverage);
    assert_eq!(got.columns, want.columns);
    assert_eq!(got.rows.len(), rows.len() - 1, "{text}");
    for (r, row) in got.rows.iter().zip(&rows[1..]) {
        assert_eq!(r.label, row[1]);
        let values: Vec<Option<String>> = row[2..].iter().map(|v| (!v.is_empty()).then(|| v.replace(',', ""))).collect();
        assert_eq!(r.values.iter().map(|v| v.map(|d| format!("{d:.2}"))).collect::<Vec<_>>(), values, "{}\n{text}", r.label);
    }
}
