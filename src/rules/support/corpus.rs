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

/// Where fixtures insert into [`L`] what [`L_RUNNING_PROCUREMENT`] adds: the
/// heading of its 情况说明.
pub const L_NARRATIVE: &str = "第三部分 2024年度部门预算情况说明\n";

/// A Jiangsu-style 机关运行经费支出预算表 (公开表十一) and 政府采购支出预算表
/// (公开表十二) before [`L`]'s 情况说明, and the sections that state their
/// figures as Jiangsu writes them. Made up, in the sample's own figures: the
/// 机关运行经费 is its 公用经费, 100.00 万元.
pub const L_RUNNING_PROCUREMENT: &str = "                 一般公共预算机关运行经费支出预算表
公开表十一
部门：   示例市某某局                                  单位：万元

                 项目                         机关运行经费支出

                 合计                                  100.00

           商品和服务支出                              100.00

             办公费                                     60.00

         公务用车运行维护费                             40.00

                      政府采购支出预算表
公开表十二
部门：   示例市某某局                                           单位：万元

采购品目大类     专项名称         采购物品名称       采购组织形式        总计

  合   计                                                        80.00

一、货物A                                                        30.00

            办公设备购置     台式计算机          政府集中采购        30.00

三、服务C                                                        50.00

            物业管理         物业管理服务        分散自行组织        50.00

第三部分 2024年度部门预算情况说明
二、机关运行经费预算情况说明
2024年本部门一般公共预算机关运行经费预算支出100.00万元。
三、政府采购预算情况说明
2024年度政府采购支出预算总额80.00万元，其中：拟采购货物支出30.00万元、拟购买服务支出50.00万元。
";

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

/// YB with 基本工资 (301 01 / 501 01 in its 基本支出 table by economic code
/// pairs) raised by 10 in every column, and the two budgets as published:
/// the fixtures of the rules that check that table's rows.
pub const BASIC_SALARY_RAISED: &[crate::rules::Fixture] = &[
    crate::rules::Fixture::fires(
        YB,
        &[("301 01 基本工资 501 01 工资奖金津补贴 532.41 532.41 532.41", "301 01 基本工资 501 01 工资奖金津补贴 542.41 542.41 542.41")],
    ),
    crate::rules::Fixture::quiet(YB),
    crate::rules::Fixture::quiet(QB),
];

/// The 烟台 budget with its 三公 table in 元 with two decimals, as 元 tables
/// mostly print ([`crate::corpus_edits::yb_sangong_in_yuan_as`]).
#[cfg(test)]
pub fn yb_sangong_in_yuan() -> String {
    crate::corpus_edits::yb_sangong_in_yuan_as(&[
        "2039000.00",
        "133000.00",
        "416000.00",
        "416000.00",
        "1490000.00",
        "2756000.00",
        "100000.00",
        "896000.00",
        "896000.00",
        "1760000.00",
    ])
}
