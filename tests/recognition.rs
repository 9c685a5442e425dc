//! Each corpus document is recognised: kind, scope, year, department, unit.

mod common;
use gongkai::model::{DocumentKind::*, Scope::*};

#[test]
fn the_five_corpus_documents() {
    let cases = [
        ("yantai-office-2024-final.txt", FinalAccounts, Department, 2024, "烟台市人民政府办公室"),
        ("qingdao-office-2024-final.txt", FinalAccounts, Department, 2024, "青岛市人民政府办公厅"),
        // The text also speaks of its units' "局属事业单位决算": still a 部门决算.
        ("yantai-bigdata-2023-final.txt", FinalAccounts, Department, 2023, "烟台市大数据局"),
        ("yantai-office-2023-budget.txt", Budget, Department, 2023, "烟台市人民政府办公室"),
        ("qingdao-office-2023-budget.txt", Budget, Unit, 2023, "青岛市人民政府办公厅（本级）"),
    ];
    for (doc, kind, scope, year, department) in cases {
        let d = common::check_fixture(doc).document;
        assert_eq!(
            (d.kind, d.scope, d.year, d.department.as_deref(), d.unit.as_deref()),
            (kind, Some(scope), Some(year), Some(department), Some("万元")),
            "{doc}"
        );
    }
}
