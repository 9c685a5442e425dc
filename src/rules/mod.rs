//! The rule catalogue.
//!
//! One rule is one small unit: an id, a family, a severity, a 中文 title and
//! "why it matters" text for citizens, the tables it needs, and the check. The
//! catalogue ([`catalogue`]) is the single source for `gongkai rules` and for the
//! app's rule pages. A rule whose inputs are missing is recorded as skipped,
//! never as passed.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Document, TableKind};

pub mod nar_dept_eval;
pub mod nar_procurement;
pub mod nar_yoy;
pub mod percent;
pub mod pla_zero_base;
pub mod rounding;
pub mod sg_counts;
pub mod txt_class;
pub mod txt_latin;
mod identity;
mod tbl01;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The disclosure contradicts itself beyond rounding.
    Error,
    /// Probably wrong or incomplete; a person should look.
    Warning,
    /// Worth knowing (e.g. 尾数误差), not a defect.
    Info,
}

impl Severity {
    /// The Chinese name shown to users.
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// Rule families, as in the id prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Family {
    /// Document structure and recognition.
    Doc,
    /// Identities inside one table.
    Tbl,
    /// Identities across tables.
    Xtbl,
    /// Narrative numbers against the tables.
    Nar,
    /// 三公 content and plausibility.
    Sg,
    /// 绩效 self-evaluation.
    Perf,
    /// Text quality.
    Txt,
    /// Plausibility.
    Pla,
}

impl Family {
    /// The id prefix ("TBL").
    pub fn prefix(self) -> &'static str {
        match self {
            Family::Doc => "DOC",
            Family::Tbl => "TBL",
            Family::Xtbl => "XTBL",
            Family::Nar => "NAR",
            Family::Sg => "SG",
            Family::Perf => "PERF",
            Family::Txt => "TXT",
            Family::Pla => "PLA",
        }
    }

    /// The Chinese name of the family.
    pub fn zh(self) -> &'static str {
        match self {
            Family::Doc => "文档结构",
            Family::Tbl => "表内勾稽",
            Family::Xtbl => "表间勾稽",
            Family::Nar => "文字与表格",
            Family::Sg => "三公经费",
            Family::Perf => "绩效",
            Family::Txt => "文字质量",
            Family::Pla => "合理性",
        }
    }
}

/// One finding: where, what was expected, what is printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule id ("TBL-001").
    pub rule: &'static str,
    /// Severity (a rule may report 尾数误差 as info).
    pub severity: Severity,
    /// A plain Chinese explanation of this instance.
    pub message: String,
    /// The table number ("01"), if the finding is about a table.
    pub table: Option<String>,
    /// The row: its label, code or 行次.
    pub row: Option<String>,
    /// The column caption.
    pub column: Option<String>,
    /// The value the identity implies.
    pub expected: Option<Decimal>,
    /// The value printed.
    pub actual: Option<Decimal>,
    /// actual − expected.
    pub difference: Option<Decimal>,
    /// 1-based source line of the printed value.
    pub source_line: Option<usize>,
}

/// A rule that could not run, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The rule id.
    pub rule: &'static str,
    /// Why, in Chinese.
    pub reason: String,
}

/// Findings and skips from running the catalogue.
#[derive(Debug, Clone, Default)]
pub struct RunResult {
    /// All findings, in catalogue order.
    pub findings: Vec<Finding>,
    /// Rules that could not run.
    pub skipped: Vec<Skipped>,
}

/// What a check function writes to.
#[derive(Debug, Default)]
pub struct Sink {
    findings: Vec<Finding>,
}

impl Sink {
    /// Records a finding.
    pub fn push(&mut self, f: Finding) {
        self.findings.push(f);
    }
}

/// A rule of the catalogue.
#[derive(Debug)]
pub struct Rule {
    /// Stable id ("TBL-001").
    pub id: &'static str,
    /// Family.
    pub family: Family,
    /// Severity when the identity fails beyond rounding.
    pub severity: Severity,
    /// Short Chinese title.
    pub title: &'static str,
    /// Why it matters, for citizens, in Chinese.
    pub why: &'static str,
    /// The document kinds the rule applies to.
    pub applies_to: &'static [crate::model::DocumentKind],
    /// Tables that must have been read for the rule to run.
    pub needs: &'static [TableKind],
    /// The check.
    pub check: fn(&Document, &mut Sink),
}

/// Every rule, in the order they run and are documented.
pub fn catalogue() -> &'static [Rule] {
    &CATALOGUE
}

static CATALOGUE: [Rule; 11] = [
    tbl01::INCOME_SUM,
    tbl01::EXPENDITURE_SUM,
    tbl01::TOTALS,
    tbl01::BALANCE,
    // Narrative-only rules: what the 情况说明 says about itself.
    nar_yoy::YEAR_ON_YEAR,
    nar_procurement::PROCUREMENT,
    nar_dept_eval::DEPARTMENT_EVALUATION,
    sg_counts::COUNTS,
    pla_zero_base::ZERO_BASE,
    txt_class::CLASS_NAMES,
    txt_latin::LATIN,
];

/// Runs every rule whose inputs are present; records the others as skipped.
pub fn run(doc: &Document) -> RunResult {
    let mut out = RunResult::default();
    if doc.info.kind == crate::model::DocumentKind::Unknown {
        return out;
    }
    for rule in catalogue().iter().filter(|r| r.applies_to.contains(&doc.info.kind)) {
        let missing: Vec<&str> =
            rule.needs.iter().filter(|k| doc.table(**k).is_none()).map(|k| k.number()).collect();
        if !missing.is_empty() {
            out.skipped.push(Skipped {
                rule: rule.id,
                reason: format!("缺少公开{}表，无法核对", missing.join("、")),
            });
            continue;
        }
        let mut sink = Sink::default();
        (rule.check)(doc, &mut sink);
        out.findings.extend(sink.findings);
    }
    out
}
