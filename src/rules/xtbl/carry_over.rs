//! XTBL-007 财政拨款结转结余不超过全部结转结余
//!
//! ## 它检查什么
//!
//! 04 fiscal carry-overs ≤ 01 carry-overs.
//!
//! ## 为什么重要
//!
//! 财政拨款结转和结余是部门全部结转和结余的一部分，年初、年末都不应超过收入支出决算总表中的对应数。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“年初财政拨款结转和结余\t28\t141.34” 改为 “年初财政拨款结转和结余\t28\t151.34”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-007.snap`，`cargo test XTBL_007` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::Target;
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::final_xtbl::line01;
use crate::rules::support::fiscal04::line as line04;
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-007",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "财政拨款结转结余不超过全部结转结余",
    why: "财政拨款结转和结余是部门全部结转和结余的一部分，年初、年末都不应超过收入支出决算总表中的对应数。",
    applies_to: FINAL,
    needs: &[TableKind::F01, TableKind::F04],
    check,
    fixtures: fixtures![
            Fixture::fires(Y, &[("年初财政拨款结转和结余\t28\t141.34", "年初财政拨款结转和结余\t28\t151.34")]);
     quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let (Some(t01), Some(t04)) = (doc.table(TableKind::F01), doc.table(TableKind::F04)) else { return };
    for (n01, n04) in [(29, 28), (60, 60)] {
        if let (Some(r01), Some(r04)) = (line01(doc, n01), line04(doc, n04)) {
            sink.at_least(Target::cell(t01, r01, 0), Target::cell(t04, r04, 0), "财政拨款结转结余是全部结转结余的一部分");
        }
    }
}
