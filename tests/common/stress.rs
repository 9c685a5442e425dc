//! The adversarial inputs of issue 13, made from the corpus the way
//! `../shared/tools/stress_inputs.py` makes them (so tests and benchmarks need
//! no generated files in the repository).
#![allow(dead_code)]

use std::path::PathBuf;

fn corpus(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read_to_string(path).expect("corpus fixture")
}

fn final_lines() -> Vec<String> {
    corpus("yantai-office-2024-final.txt").split('\n').map(str::to_string).collect()
}

fn join(parts: &[&[String]]) -> String {
    let mut s = parts.iter().flat_map(|p| p.iter()).map(String::as_str).collect::<Vec<_>>().join("\n");
    s.push('\n');
    s
}

/// A 政府采购 sentence with an absurd amount and share (panicked multiplying).
pub fn mul_overflow() -> String {
    let y = final_lines();
    let bad = y[568]
        .replace("政府采购货物支出 43.44 万元", "政府采购货物支出 1000000000000000000 万元")
        .replace("占货物支出金额的 88.37%", "占货物支出金额的 100000000000.00%");
    assert_ne!(bad, y[568], "the procurement sentence moved");
    join(&[&y[..20], &["十一、政府采购支出情况".to_string(), bad]])
}

/// `n` rows of 25-digit amounts under one 款 (8,000 panicked adding up).
pub fn add_overflow(n: usize) -> String {
    let y = final_lines();
    let i = y.iter().position(|l| l.starts_with("2010350\t")).expect("a 2010350 row");
    let rows = vec!["2010350\t事业运行\t9999999999999999999999999.9\t9999999999999999999999999.9\t".to_string(); n];
    join(&[&y[..=i], &rows, &y[i + 1..]])
}

/// The repeated unit of numeric prose (no "。").
pub const PROSE_UNIT: &str = "其他收入21.48万元，与2023年度相比，增加18.87万元，增长722.99%，";

/// One numeric narrative paragraph of about `bytes` bytes without "。",
/// inserted into the Yantai final accounts.
pub fn numeric_paragraph(bytes: usize) -> String {
    let y = final_lines();
    let at = y.iter().position(|l| l.starts_with("6、其他收入")).expect("the 其他收入 paragraph");
    let para = PROSE_UNIT.repeat(bytes / PROSE_UNIT.len() + 1);
    join(&[&y[..=at], &[para], &y[at + 1..]])
}

/// The longest run of coded rows of the Yantai final accounts repeated `n`
/// times in place.
pub fn table_repeated(n: usize) -> String {
    let y = final_lines();
    let coded = |l: &str| {
        let code: String = l.chars().take_while(|c| c.is_ascii_digit()).collect();
        matches!(code.len(), 3 | 5 | 7) && l[code.len()..].starts_with('\t')
    };
    let (mut best, mut start) = ((0, 0), None);
    for (k, l) in y.iter().map(String::as_str).chain([""]).enumerate() {
        if coded(l) {
            start.get_or_insert(k);
        } else if let Some(s) = start.take() {
            if k - s > best.1 - best.0 {
                best = (s, k);
            }
        }
    }
    let (a, b) = best;
    let rows: Vec<String> = y[a..b].iter().cloned().cycle().take((b - a) * n).collect();
    join(&[&y[..a], &rows, &y[b..]])
}

/// The Yantai final accounts with 公开06表's line "30303 退职（役）费 …"
/// (three 款 rows) repeated `2n` times and the 公用经费 paragraph, which
/// lists eighteen items after 主要包括, `n` times: NAR-010 once compared every
/// listed item with every row (found by the mutate_document fuzz target).
pub fn listed_items(n: usize) -> String {
    let y = final_lines();
    let rows = y.iter().position(|l| l.starts_with("30303\t退职（役）费")).expect("the 30303 line of 公开06表");
    let para = y.iter().position(|l| l.starts_with("公用经费 685.77 万元，主要包括：")).expect("the 公用经费 paragraph");
    assert!(rows < para, "the table comes before the narrative");
    join(&[&y[..rows], &vec![y[rows].clone(); 2 * n], &y[rows..para], &vec![y[para].clone(); n], &y[para..]])
}

/// The Yantai budget as published.
pub fn budget() -> String {
    corpus("yantai-office-2023-budget.txt")
}

/// The Yantai budget with every run of spaces turned into one tab.
pub fn budget_tabs() -> String {
    let mut out = String::new();
    let mut in_spaces = false;
    for c in budget().chars() {
        if c == ' ' {
            if !in_spaces {
                out.push('\t');
            }
            in_spaces = true;
        } else {
            out.push(c);
            in_spaces = false;
        }
    }
    out
}

/// `n` "合计" rows inserted under the 栏次 line of the Yantai 02 table's
/// continued page.
pub fn total_rows(n: usize) -> String {
    let y = final_lines();
    let at = y.iter().position(|l| l.starts_with("栏次\t\t1\t2\t3")).expect("a 栏次 line");
    let rows = vec!["合计\t\t10,116.83\t10,095.35\t\t\t\t\t21.48".to_string(); n];
    join(&[&y[..=at], &rows, &y[at + 1..]])
}

/// A 公开05表 of `n` one-amount rows whose 类, 款 and 项 codes repeat
/// ("201", "20101", "2010101", …): every row's column is open and every
/// parent code is printed n/3 times (took 49 s and 5 GB at 1 MB: the solver
/// gave each copy of a parent all the children).
pub fn duplicated_parents(n: usize) -> String {
    let mut s = String::from("2024年部门决算\n公开05表\n");
    for i in 0..n {
        let code = ["201", "20101", "2010101"][i % 3];
        s.push_str(&format!("{code}\t名称\t{i}.00\n"));
    }
    s
}

/// About `bytes` bytes of one line of spaced-out digit groups ("2, 45 6 .
/// 7,8 3. …") under a 情况说明 heading: every run of them is a candidate
/// spaced number (took 45 s at 1 MB: each candidate was re-joined and the
/// paragraph moved once per repair).
pub fn spaced_digits(bytes: usize) -> String {
    let pieces = ["1", "2,", "3.", "45", "6 .", "7,8"];
    let mut s = String::from("2024年度部门决算情况说明\n");
    let mut x: u32 = 12345;
    while s.len() < bytes {
        // A fixed linear congruential sequence: the same text every run.
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        s.push_str(pieces[(x >> 16) as usize % pieces.len()]);
        s.push(' ');
    }
    s.push('\n');
    s
}

/// The layout sample with a 科目 table of `n` 项 under one 款 appended as a
/// PDF viewer copies it (one cell per line), read by order.
pub fn viewer_copy_table(n: usize) -> String {
    let sample = corpus("layout-budget-sample.txt");
    let cut = sample.find("第三部分").unwrap_or(sample.len());
    let total = format!("{n}.00");
    let mut cells: Vec<String> = [
        "财政拨款支出预算表（功能科目）",
        "公开表五",
        "部门：",
        "示例市某某局",
        "功能科目编码",
        "功能科目名称",
        "合计",
        "单位：万元",
        "金额",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    cells.extend([total.clone(), "201".into(), "一般公共服务支出".into(), total.clone(), "20101".into(), "人大事务".into(), total]);
    for k in 0..n {
        cells.extend([format!("20101{:02}", k % 99 + 1), "行政运行".into(), "1.00".into()]);
    }
    format!("{}{}\n\n{}", &sample[..cut], cells.join("\n"), &sample[cut..])
}
