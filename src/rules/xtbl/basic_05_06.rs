//! XTBL-010 一般公共预算基本支出与基本支出明细表一致
//!
//! ## 它检查什么
//!
//! 05 合计 基本支出 = 06 人员经费合计 + 公用经费合计 (read in Shandong's layout
//! or by their headings).
//!
//! ## 为什么重要
//!
//! 一般公共预算财政拨款支出表里的“基本支出”，在基本支出明细表中按人员经费和公用经费展开；两者之和必须等于前者，否则基本支出的总数与明细说法不一。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`：“人员经费合计\t4,244.74” 改为 “人员经费合计\t4,254.74”；“301\t工资福利支出\t3,755.44” 改为 “301\t工资福利支出\t3,765.44”；“30101\t基本工资\t708.07” 改为 “30101\t基本工资\t718.07”
//!
//! 本条不报告的样例：
//!
//! - `yantai-office-2024-final.txt`（原样）
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/XTBL-010.snap`，`cargo test XTBL_010` 只运行本条。

use crate::model::{Document, TableKind};
use crate::rules::identity::{at, Target};
use crate::rules::support::corpus::{fixtures, B, Q, Y};
use crate::rules::support::econ_sangong::labelled;
use crate::rules::support::final_cells::{amount_col, caption_col, read_table};
use crate::rules::support::kinds::FINAL;
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    id: "XTBL-010",
    family: Family::Xtbl,
    severity: Severity::Error,
    title: "一般公共预算基本支出与基本支出明细表一致",
    why: "一般公共预算财政拨款支出表里的“基本支出”，在基本支出明细表中按人员经费和公用经费展开；两者之和必须等于前者，否则基本支出的总数与明细说法不一。",
    applies_to: FINAL,
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[("人员经费合计\t4,244.74", "人员经费合计\t4,254.74"), ("301\t工资福利支出\t3,755.44", "301\t工资福利支出\t3,765.44"), ("30101\t基本工资\t708.07", "30101\t基本工资\t718.07")]);
        quiet Y, Q, B
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    // In Shandong's layout or by their headings: 05's 基本支出 column by its
    // caption, 06's totals each in its panel's column.
    let (t05, t06) = match (read_table(doc, TableKind::F05), read_table(doc, TableKind::F06)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(why), _) | (_, Err(why)) => return sink.skip(why),
    };
    let by_headings = t05.grid.is_some();
    let total = |r: &crate::model::Row| r.code.is_none() && (!by_headings || matches!(r.label.as_str(), "合计" | "总计"));
    let Some(i) = t05.rows.iter().position(total) else { return };
    if t05.unresolved.contains(&i) {
        return;
    }
    let col = match by_headings {
        true => match caption_col(t05, |h| h == "基本支出") {
            Some(c) => c,
            None => return sink.skip(format!("《{}》没有唯一的“基本支出”栏，无法核对", t05.title)),
        },
        false => 1,
    };
    let (Some(p), Some(g)) = (labelled(t06, "人员经费合计"), labelled(t06, "公用经费合计")) else { return };
    sink.identity(
        Target::cell(t05, &t05.rows[i], col),
        &[(1, at(t06, p, amount_col(t06, p))), (1, at(t06, g, amount_col(t06, g)))],
        "公开06表人员经费合计与公用经费合计之和",
    );
}
