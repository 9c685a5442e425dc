//! Mutation test for the two budgets: every printed table cell is perturbed,
//! one at a time, by 10.00 (far beyond rounding), and the checker must raise
//! an error finding that names the mutated table (as the cell it points at,
//! or among the related cells). Recall must be at least 99%; the survivors
//! are printed. To keep the run short, only every fifth printed 0.00 of 青岛
//! (710 of its 1032 cells, most in all-zero rows of 表7) is mutated.

mod common;

#[test]
fn budget_table_cell_mutations_are_caught() {
    let docs = ["yantai-office-2023-budget.txt", "qingdao-office-2023-budget.txt"];
    for doc in docs {
        assert!(!common::check_fixture(doc).has_errors(), "{doc}: errors before mutation");
    }
    let (mut zeros, mut of) = (0usize, String::new());
    common::mutation::run(
        &docs,
        // 青岛 prints its blanks; 烟台's dropped cells are placed by the solver.
        |doc| doc == "qingdao-office-2023-budget.txt",
        |doc, s| {
            // Only every fifth printed 0.00 of each document (see above).
            if of != doc {
                (zeros, of) = (0, doc.to_string());
            }
            if s.value.is_zero() {
                zeros += 1;
                return zeros % 5 == 1;
            }
            true
        },
    )
    .assert_at_least_99("budget table mutations");
}
