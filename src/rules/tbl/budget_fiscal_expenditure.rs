//! TBL-108 财政拨款收支总表：本年支出合计等于各类支出之和，支出总计等于本年支出加结转下年
//!
//! ## 它检查什么
//!
//! 财政拨款收支总表: the expenditure side adds up, column by column.
//!
//! ## 为什么重要
//!
//! 财政拨款安排的支出，按功能分类各类相加应等于本年支出合计，再加上结转下年的部分等于支出总计；一般公共预算、政府性基金、国有资本经营三栏各自都应如此。否则财政拨款的每一分钱就没有对应的去处。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2023-budget.txt`：“10 十、卫生健康支出 0.00 0.00 0.00 0.00” 改为 “10 十、卫生健康支出 10.00 10.00 0.00 0.00”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2023-budget.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TBL-108.snap`，`cargo test TBL_108` 只运行本条。

use crate::domain::class_code;
use crate::model::{Document, Row, TableKind};
use crate::rules::identity::{at, Located};
use crate::rules::support::budget::{labelled, settled, sides, target};
use crate::rules::support::corpus::{fixtures, QB, YB};
use crate::rules::support::kinds::BUDGET;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "TBL-108",
    family: Family::Tbl,
    severity: Severity::Error,
    title: "财政拨款收支总表：本年支出合计等于各类支出之和，支出总计等于本年支出加结转下年",
    why: "财政拨款安排的支出，按功能分类各类相加应等于本年支出合计，再加上结转下年的部分等于支出总计；一般公共预算、政府性基金、国有资本经营三栏各自都应如此。否则财政拨款的每一分钱就没有对应的去处。",
    applies_to: BUDGET,
    needs: &[TableKind::BFiscal],
    check,
    fixtures: fixtures![
        Fixture::fires(QB, &[("10 十、卫生健康支出 0.00 0.00 0.00 0.00", "10 十、卫生健康支出 10.00 10.00 0.00 0.00")]);
        quiet YB, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let Some(t) = doc.table(TableKind::BFiscal) else { return };
    let (_, exp) = sides(t);
    let Some((a, year)) = labelled(&exp, "本年支出合计") else { return };
    let classes: Vec<(usize, &Row)> = exp.iter().filter(|(i, r)| *i < a && class_code(&r.label).is_some()).copied().collect();
    let ok = |rows: &[(usize, &Row)]| rows.iter().all(|(i, _)| settled(t, *i));
    let total = labelled(&exp, "支出总计");
    for c in 0..t.columns.len() {
        if ok(&classes) && settled(t, a) {
            let terms: Vec<(i8, Located)> = classes.iter().map(|(_, r)| (1, at(t, r, c))).collect();
            sink.identity(target(t, year, c), &terms, "各功能分类支出之和");
        }
        if let Some((b, tot)) = total {
            let between: Vec<(usize, &Row)> = exp.iter().filter(|(i, _)| *i > a && *i < b).copied().collect();
            if ok(&between) && settled(t, b) && settled(t, a) {
                let mut terms = vec![(1, at(t, year, c))];
                terms.extend(between.iter().map(|(_, r)| (1, at(t, r, c))));
                sink.identity(target(t, tot, c), &terms, "本年支出合计与结转下年之和");
            }
        }
    }
}
