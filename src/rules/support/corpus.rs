//! The corpus documents (under `tests/fixtures/`) the rules' fixtures use.

/// 烟台市人民政府办公室 2024 年度部门决算.
pub const Y: &str = "yantai-office-2024-final.txt";
/// 青岛市人民政府办公厅 2024 年度决算.
pub const Q: &str = "qingdao-office-2024-final.txt";
/// 烟台市大数据局 2023 年度部门决算.
pub const B: &str = "yantai-bigdata-2023-final.txt";
/// 烟台市人民政府办公室 2023 年部门预算.
pub const YB: &str = "yantai-office-2023-budget.txt";
/// 青岛市人民政府办公厅 2023 年预算.
pub const QB: &str = "qingdao-office-2023-budget.txt";
/// 示例市某某局 2024 年度部门预算, its tables as a PDF extractor's layout mode
/// prints them (columns aligned by spaces).
pub const L: &str = "layout-budget-sample.txt";

/// A sentence of [`YB`] that fixtures extend with a sentence of their own
/// (the find of their edit).
pub const YB_ANCHOR: &str = "3.收支预算增加的主要原因，项目经费增加。";

/// A rule's fixtures: those written out (on which it fires, or stays quiet
/// after edits), then the corpus documents on which it stays quiet as
/// published, one line for the list most rules share:
/// `fixtures![Fixture::fires(Y, &[…]); quiet Y, Q, B]`.
macro_rules! fixtures {
    ($($fixture:expr),* $(,)?; quiet $($document:expr),+ $(,)?) => {
        &[$($fixture,)* $($crate::rules::Fixture::quiet($document),)+]
    };
}
pub(crate) use fixtures;
