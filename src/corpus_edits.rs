//! Edits of the corpus documents (tests/fixtures/) that the readers' and the
//! rules' unit tests share: test code on neither side of the boundary
//! between them (tests/boundary.rs).

/// 烟台's budget with its 三公 table (公开表7) printed in 元, the way other
/// portals print their tables, its amounts (the 万元 ones ×10000) as
/// `amounts` gives them, the narrative still in 万元 (the readers' and the
/// rules' tests share it).
pub(crate) fn yb_sangong_in_yuan_as(amounts: &[&str]) -> String {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/yantai-office-2023-budget.txt")).expect("fixture");
    let changed = text.replacen(" 公开表7\n\n单位：万元", " 公开表7\n\n单位：元", 1).replacen(
        "203.90 13.30 41.60 41.60 149.00 275.60 10.00 89.60 89.60 176.00",
        &amounts.join(" "),
        1,
    );
    assert_ne!(changed, text, "the table was changed");
    changed
}
