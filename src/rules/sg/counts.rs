//! SG-001 “三公”经费：团组、人次、批次、车辆数与支出金额相符
//!
//! ## 它检查什么
//!
//! The counts the 三公 section states must be possible for the money
//! it says was spent (团组/人次, 批次/人次, 购置 辆, 保有量).
//!
//! ## 为什么重要
//!
//! 财政部要求决算公开因公出国（境）的团组数和人次、公务接待的批次和人次、购置和保有的公务用车数量。这些数字让公众判断钱花得是否合理：花了出国经费却是0个团组，接待人次少于批次，花了购车费却没买车，这些都不可能同时成立，说明数字填错了或者有支出没有说清楚。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-office-2024-final.txt`：“团组 22 个” 改为 “团组 0 个”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/SG-001.snap`，`cargo test SG_001` 只运行本条。

use crate::model::{Document, DocumentKind};
use crate::narrative::sangong::Fact;
use crate::rules::percent::{narrative_finding, show};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::{Family, Fixture, Rule, Severity, Sink};
use rust_decimal::Decimal;

const ID: &str = "SG-001";

pub const RULE: Rule = Rule {
    id: ID,
    family: Family::Sg,
    severity: Severity::Error,
    title: "“三公”经费：团组、人次、批次、车辆数与支出金额相符",
    why: "财政部要求决算公开因公出国（境）的团组数和人次、公务接待的批次和人次、购置和保有的公务用车数量。这些数字让公众判断钱花得是否合理：花了出国经费却是0个团组，接待人次少于批次，花了购车费却没买车，这些都不可能同时成立，说明数字填错了或者有支出没有说清楚。",
    applies_to: &[DocumentKind::FinalAccounts, DocumentKind::Budget],
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Q, &[]),
        Fixture::fires(Y, &[("团组 22 个", "团组 0 个")]);
        quiet Y, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    let f = doc.sangong_facts();
    let mut err = |line: usize, message: String| {
        sink.push(narrative_finding(ID, Severity::Error, message, line));
    };
    // 因公出国（境）.
    if let (Some(spent), Some(groups)) = (positive(f.abroad_spent), zero(f.abroad_groups)) {
        let persons = f.abroad_persons.map(|p| format!("，累计{}人次", p.value)).unwrap_or_default();
        err(
            groups.line,
            format!(
                "因公出国（境）费支出{}万元，但文中说团组0个{persons}：有支出、有人出国，却没有团组，数字不可能同时成立。",
                show(spent.value)
            ),
        );
    } else if let (Some(spent), Some(persons)) = (positive(f.abroad_spent), zero(f.abroad_persons)) {
        err(persons.line, format!("因公出国（境）费支出{}万元，但文中说累计0人次。", show(spent.value)));
    }
    if let (Some(g), Some(p)) = (f.abroad_groups, f.abroad_persons) {
        if p.value < g.value {
            err(p.line, format!("因公出国（境）团组{}个，人次却只有{}：每个团组至少一人次。", g.value, p.value));
        }
    }
    // 公务接待: domestic, its 外事 part, and abroad.
    let pairs = [
        ("国内公务接待", f.reception_spent, f.reception_batches, f.reception_persons),
        ("外事接待", None, f.foreign_affairs_batches, f.foreign_affairs_persons),
        ("国（境）外接待", f.foreign_spent, f.foreign_batches, f.foreign_persons),
    ];
    for (what, spent, batches, persons) in pairs {
        if let (Some(spent), Some(b)) = (positive(spent), zero(batches)) {
            err(b.line, format!("{what}费支出{}万元，但文中说接待0批次。", show(spent.value)));
        }
        if let (Some(b), Some(p)) = (batches, persons) {
            if p.value < b.value {
                err(p.line, format!("{what}{}批次，人次却只有{}：每批次至少一人次。", b.value, p.value));
            }
        }
    }
    // 公务用车购置 and 运行维护.
    if let (Some(spent), Some(n)) = (positive(f.purchase_spent), zero(f.purchased)) {
        err(n.line, format!("公务用车购置费支出{}万元，但文中说购置公务用车0辆。", show(spent.value)));
    }
    if let (Some(spent), Some(n)) = (zero(f.purchase_spent), positive(f.purchased)) {
        err(n.line, format!("文中说购置公务用车{}辆，但公务用车购置费支出为{}万元。", n.value, spent.value));
    }
    if let (Some(spent), Some(n)) = (positive(f.operation_spent), zero(f.fleet)) {
        err(n.line, format!("公务用车运行维护费支出{}万元，但文中说公务用车保有量为0辆。", show(spent.value)));
    }
}

fn positive(f: Option<Fact>) -> Option<Fact> {
    f.filter(|f| f.value > Decimal::ZERO)
}

fn zero(f: Option<Fact>) -> Option<Fact> {
    f.filter(|f| f.value.is_zero())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(usize, String)> {
        crate::rules::testing::findings_of(ID, check, text).into_iter().map(|f| (f.source_line.unwrap_or(0), f.message)).collect()
    }

    #[test]
    fn fires_on_money_without_groups_and_fewer_persons_than_batches() {
        let text = "九、财政拨款“三公”经费支出决算情况\n1.因公出国（境）费全年预算为87.6万元，支出决算为87.6\n\n万元，完成全年预算的100.00%。\n\n全年支出涉及因公出国（境）团组0个，累计15人次。\n3.公务接待费支出决算为9.00万元。其中：国内接待费9.00万元，共计接待30批次、20人次。";
        let got = run(text);
        let lines: Vec<usize> = got.iter().map(|g| g.0).collect();
        assert_eq!(lines, vec![6, 7], "{got:#?}");
        assert!(got[0].1.contains("87.6"));
    }

    #[test]
    fn silent_on_plausible_counts() {
        let text = "九、财政拨款“三公”经费支出决算情况\n1、因公出国（境）费全年预算为 131.89 万元，支出决算为 131.89 万元。全年支出涉及因公出国（境）团组 22 个，累计 32 人次。\n公务用车购置费支出 0万元，使用财政拨款购置公务用车 0辆。公务用车运行维护费 1.58 万元，公务用车保有量为 1辆。\n国内接待费 190.24 万元,共计接待 1,230 批次、16,071 人次(含外事接待 0 批次、0 人次);\n国(境)外接待费 0 万元,共计接待 0 批次、0 人次。";
        assert!(run(text).is_empty(), "{:#?}", run(text));
    }
}
