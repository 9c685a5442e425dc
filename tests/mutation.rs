//! Mutation test: every printed table cell that takes part in an identity is
//! perturbed, one at a time, by 10.00 (far beyond rounding), and the checker
//! must raise an error finding that names the mutated table (as the cell it
//! points at, or among the related cells). Recall over the corpus must be at
//! least 99%; the survivors are printed.

mod common;
use common::mutation::{mutate, sites};
use gongkai::rules::Severity;

#[test]
fn table_cell_mutations_are_caught() {
    let mut total = 0;
    let mut caught = 0;
    let mut survivors = Vec::new();
    for doc in ["yantai-office-2024-final.txt", "qingdao-office-2024-final.txt", "yantai-bigdata-2023-final.txt"] {
        let text = std::fs::read_to_string(common::fixture(doc)).unwrap();
        let base = common::check_fixture(doc);
        assert!(base.findings.iter().all(|f| f.severity != Severity::Error || f.table.is_none()), "{doc}: table errors before mutation");
        for s in sites(&base) {
            let Some(m) = mutate(&text, &s) else { panic!("{doc} L{}: cannot find amount #{} ({})", s.line, s.nth, s.value) };
            total += 1;
            let r = gongkai::check_text(doc, &m);
            // The mutation landed on the intended cell (where blanks are printed,
            // placement cannot move it).
            if doc != "yantai-bigdata-2023-final.txt" {
                let t = r.tables.iter().find(|t| t.number.as_deref() == Some(s.table.as_str())).unwrap();
                let got = t.rows[s.row_index].values[s.col];
                assert_eq!(got, Some(s.value + rust_decimal::Decimal::new(1000, 2)), "{doc} L{} #{}", s.line, s.nth);
            }
            let hit = r.findings.iter().any(|f| {
                f.severity == Severity::Error
                    && (f.table.as_deref() == Some(s.table.as_str()) || f.related.iter().any(|c| c.table == s.table))
            });
            if hit {
                caught += 1;
            } else {
                survivors.push(format!("{doc} 公开{}表 {} L{} {}", s.table, s.row, s.line, s.value));
            }
        }
    }
    let recall = caught as f64 / total as f64 * 100.0;
    println!("table mutations: {caught}/{total} caught, recall {recall:.2}%");
    for s in &survivors {
        println!("  survivor: {s}");
    }
    assert!(recall >= 99.0, "recall {recall:.2}% < 99%: {survivors:#?}");
}
