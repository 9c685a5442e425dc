//! PERF-003 绩效自评表：一级指标标注的分值等于其下各指标分值之和
//!
//! ## 它检查什么
//!
//! 一级指标 "(N分)" = Σ 分值 of its indicators.
//!
//! ## 为什么重要
//!
//! 自评表把指标分为成本、产出、效益、满意度等一级指标，并注明每类的分值（如“产出指标（40分）”）。其下各指标的分值加起来应当正好等于这个数；不等，说明指标分值设置或填写有误，得分也就失去了可比性。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`（原样）
//!
//! 本条不报告的样例：
//!
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/PERF-003.snap`，`cargo test PERF_003` 只运行本条。

use crate::model::Document;
use crate::rules::support::perf::{broken_in_y, finding, for_each, name};
use crate::rules::{Rule, Severity, Sink};

pub const RULE: Rule = broken_in_y(
    "PERF-003",
    Severity::Warning,
    "绩效自评表：一级指标标注的分值等于其下各指标分值之和",
    "自评表把指标分为成本、产出、效益、满意度等一级指标，并注明每类的分值（如“产出指标（40分）”）。其下各指标的分值加起来应当正好等于这个数；不等，说明指标分值设置或填写有误，得分也就失去了可比性。",
    check,
);

fn check(doc: &Document, sink: &mut Sink) {
    for_each(doc, sink, |e, sink| {
        for b in &e.blocks {
            let Some(stated) = b.stated else { continue };
            if !b.complete {
                sink.skip(format!("项目{}的“{}”一栏有未能识别的指标行，未核对其分值", name(e), b.label));
                continue;
            }
            let Some(sum) = crate::checked::sum(b.items.iter().map(|i| i.0)) else {
                sink.skip(format!("项目{}的“{}”一栏分值合计：{}", name(e), b.label, crate::checked::TOO_LARGE));
                continue;
            };
            if sum != stated {
                let x = finding(
                    sink,
                    format!(
                        "项目{}的自评表“{}（{}分）”下各指标分值合计为 {} 分，与标注的 {} 分不符。",
                        name(e),
                        b.label,
                        stated,
                        sum,
                        stated
                    ),
                    stated,
                    sum,
                    b.line,
                );
                sink.push(x);
            }
        }
        if e.blocks.is_empty() {
            sink.skip(format!("项目{}的自评表未能识别一级指标分组（标签可能被拆成单字）", name(e)));
        } else if e.blocks.iter().all(|b| b.stated.is_none()) {
            sink.skip(format!("项目{}的自评表一级指标没有标注分值，无从核对", name(e)));
        }
    });
}
