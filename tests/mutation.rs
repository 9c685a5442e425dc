//! Mutation test: every printed table cell that takes part in an identity is
//! perturbed, one at a time, by 10.00 (far beyond rounding), and the checker
//! must raise an error finding that names the mutated table (as the cell it
//! points at, or among the related cells). Recall over the corpus must be at
//! least 99%; the survivors are printed.

mod common;

#[test]
fn table_cell_mutations_are_caught() {
    // 大数据局 prints no blanks: placement decides where a changed amount goes.
    common::mutation::run(
        &["yantai-office-2024-final.txt", "qingdao-office-2024-final.txt", "yantai-bigdata-2023-final.txt"],
        |doc| doc != "yantai-bigdata-2023-final.txt",
        |_, _| true,
    )
    .assert_at_least_99("table mutations");
}
