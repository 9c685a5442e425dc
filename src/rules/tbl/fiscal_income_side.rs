//! TBL-009 财政拨款收入支出决算总表：收入一侧的合计与总计
//!
//! ## 它检查什么
//!
//! Income side: \[27\] = \[1\]+\[2\]+\[3\]; \[28\] = \[29\]+\[30\]+\[31\]; \[32\] = \[27\]+\[28\].
//!
//! ## 为什么重要
//!
//! 财政拨款收入分一般公共预算、政府性基金、国有资本经营三类；本年收入合计应等于三者之和，年初结转结余应等于三类结转之和，收入总计应等于本年收入加年初结转。任何一处对不上，财政拨款的来源就说不清。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“一般公共预算财政拨款\t29\t141.34” 改为 “一般公共预算财政拨款\t29\t151.34”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-009.snap`，`cargo test TBL_009` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::fiscal04::sum_lines;
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

const NEEDS: &[TableKind] = &[TableKind::F04];

pub const RULE: Rule = Rule {
    id: "TBL-009",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "财政拨款收入支出决算总表：收入一侧的合计与总计",
    why: "财政拨款收入分一般公共预算、政府性基金、国有资本经营三类；本年收入合计应等于三者之和，年初结转结余应等于三类结转之和，收入总计应等于本年收入加年初结转。任何一处对不上，财政拨款的来源就说不清。",
    applies_to: FINAL,
    needs: NEEDS,
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("一般公共预算财政拨款\t29\t141.34", "一般公共预算财政拨款\t29\t151.34")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t) = doc.table(TableKind::F04) else { return };
    sum_lines(t, sink, 27, 0, &[1, 2, 3], "三类财政拨款收入（行次1—3）之和");
    sum_lines(t, sink, 28, 0, &[29, 30, 31], "三类年初结转和结余（行次29—31）之和");
    sum_lines(t, sink, 32, 0, &[27, 28], "本年收入合计与年初结转和结余之和");
}
