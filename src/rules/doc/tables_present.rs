//! DOC-001 部门决算必须公开全部九张公开表
//!
//! ## 它检查什么
//!
//! Each of 公开01–09表 is published.
//!
//! ## 为什么重要
//!
//! 财政部的公开规程要求部门决算公开01至09九张表（收入支出决算总表、收入决算表、支出决算表、财政拨款收支总表、一般公共预算财政拨款支出表、基本支出表、政府性基金表、国有资本经营表、“三公”经费表）。少了任何一张，公众就看不到那一部分资金的情况；没有数据的表也应公开并说明原因。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：删去 “公开 09 表”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/DOC-001.snap`，`cargo test DOC_001` 只运行本条。

use crate::model::{Document, Scope, TableKind};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Finding, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "DOC-001",
    family: Family::Doc,
    severity: Severity::Error,
    title: "部门决算必须公开全部九张公开表",
    why: "财政部的公开规程要求部门决算公开01至09九张表（收入支出决算总表、收入决算表、支出决算表、财政拨款收支总表、一般公共预算财政拨款支出表、基本支出表、政府性基金表、国有资本经营表、“三公”经费表）。少了任何一张，公众就看不到那一部分资金的情况；没有数据的表也应公开并说明原因。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("公开 09 表", "")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    if doc.tables.is_empty() {
        // A narrative published apart from its tables: say so once.
        let message = "这份文本中没有公开表（可能另行发布）；只核对了情况说明，与表格有关的核对未进行。".to_string();
        sink.push(Finding { severity: Severity::Info, ..sink.finding(message) });
        return;
    }
    // A 单位决算 is held to the same nine tables, and told so in its own name.
    let scope = if doc.info.scope == Some(Scope::Unit) { "单位" } else { "部门" };
    for kind in TableKind::FINAL {
        let n: u32 = kind.number().parse().unwrap_or(0);
        // Printed with its 公开NN表 marker, or found by its title.
        let found = doc.markers.iter().any(|(m, _)| m.parse::<u32>().ok() == Some(n)) || doc.found(kind).is_some();
        if !found {
            let message = format!(
                "没有找到公开{}表（{}）。{scope}决算应公开全部九张表；没有数据的表也要公开并注明原因。",
                kind.number(),
                kind.title()
            );
            sink.push(Finding { table: Some(kind.number().to_string()), ..sink.finding(message) });
        }
    }
}

#[cfg(test)]
mod tests {
    /// A 单位决算 missing a table is told it as a 单位决算.
    #[test]
    fn a_unit_final_account_is_named_as_one() {
        let unit = crate::fixture("yantai-office-2024-final.txt").replace("部门决算", "单位决算").replacen("公开 09 表", "", 1);
        let doc = crate::read(&unit);
        assert_eq!(doc.info.scope, Some(crate::model::Scope::Unit));
        let found = crate::rules::testing::findings_of(super::RULE.id, super::check, &unit);
        assert!(!found.is_empty() && found.iter().all(|f| f.message.contains("单位决算应公开全部九张表")), "{found:?}");
    }
}
