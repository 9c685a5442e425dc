//! The rule catalogue.
//!
//! One rule is one small unit: an id, a family, a severity, a 中文 title and
//! "why it matters" text for citizens, the tables it needs, and the check. The
//! catalogue ([`catalogue`]) is the single source for `gongkai rules` and for the
//! app's rule pages. A rule whose inputs are missing is recorded as skipped,
//! never as passed.
//!
//! ## Where things are
//!
//! - `rules/<family>/<name>.rs` (families `doc`, `tbl`, `xtbl`, `nar`, `sg`,
//!   `perf`, `txt`, `pla`): one rule per file, its `RULE` (id, title, why, the
//!   documents it applies to, the tables it needs, its fixtures) and its
//!   `fn check`, under module docs 它检查什么 / 为什么重要 / 示例. Helpers
//!   only that rule uses are in its file.
//! - `rules/support/`: what several rules share (cells and identities,
//!   percentages, indexes, the corpus documents of the fixtures, the
//!   document kinds, and the helpers of one group of rules each).
//! - `CATALOGUE`: the registry, one line per rule, in the order the rules
//!   run and are documented.
//!
//! ## Adding a rule
//!
//! 1. Its file under `rules/<family>/` and its `pub mod` line in that
//!    family's `mod.rs`; its fixtures (at least one document on which it
//!    fires and one on which it stays quiet) are in its `RULE`
//!    (`support::corpus::fixtures!` lists the corpus documents on which it
//!    stays quiet as published on one line).
//! 2. Its line in `CATALOGUE`.
//! 3. Its id in the `rules!` list of `tests/rules.rs` (a test fails until
//!    it is there); `UPDATE_SNAPSHOTS=1 cargo test --test rules <ID>` writes
//!    `tests/snapshots/rules/<ID>.snap`, the findings of each fixture, to be
//!    reviewed with the change.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::{Document, TableKind};

mod doc;
mod nar;
mod perf;
mod pla;
mod sg;
mod support;
mod tbl;
mod txt;
mod xtbl;

use support::index;

pub use support::identity;
pub(crate) use support::percent;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule id ("TBL-001").
    #[serde(deserialize_with = "rule_id")]
    pub rule: RuleId,
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
    /// The page (PDF) or sheet (workbook) of the file that holds the source
    /// line, when the text was extracted from one; the rules never set it
    /// (see [`crate::report::DocumentReport::place_in`]).
    pub page: Option<u32>,
    /// Where `table`, `row` and `column` are in the report's tables, by
    /// index; set by the report (the rules name places by their text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<crate::model::Place>,
    /// The other cells the identity involves (where they are printed).
    pub related: Vec<identity::CellRef>,
    /// Other rules that failed on the same root cause and were folded into
    /// this finding (their ids and messages).
    pub also: Vec<String>,
}

impl Finding {
    /// A finding with only its rule, severity and message; the rest is filled
    /// in by the caller where known.
    pub fn new(rule: &'static str, severity: Severity, message: String) -> Finding {
        Finding {
            rule,
            severity,
            message,
            table: None,
            row: None,
            column: None,
            expected: None,
            actual: None,
            difference: None,
            source_line: None,
            page: None,
            place: None,
            related: Vec::new(),
            also: Vec::new(),
        }
    }
}

/// A rule that could not run, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// The rule id.
    #[serde(deserialize_with = "rule_id")]
    pub rule: RuleId,
    /// Why, in Chinese.
    pub reason: String,
}

/// A rule id ("TBL-001"). An alias, not `&'static str` written out, for
/// serde: its derive takes a `&str` field as borrowed from the input and
/// would then only read reports that live forever; `rule_id` reads it.
pub type RuleId = &'static str;

/// A rule id read back from a report (the web app's worker sends reports
/// as JSON): the catalogue's own `&'static str` for a known id; an unknown
/// one is kept once per distinct id for the life of the program.
fn rule_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let id = String::deserialize(d)?;
    if let Some(rule) = catalogue().iter().find(|r| r.id == id) {
        return Ok(rule.id);
    }
    static UNKNOWN: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let mut known = UNKNOWN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(kept) = known.iter().find(|k| **k == id) {
        return Ok(kept);
    }
    let kept: &'static str = Box::leak(id.into_boxed_str());
    known.push(kept);
    Ok(kept)
}

/// Findings and skips from running the catalogue.
#[derive(Debug, Clone, Default)]
pub(crate) struct RunResult {
    /// All findings, in catalogue order.
    pub findings: Vec<Finding>,
    /// Rules that could not run.
    pub skipped: Vec<Skipped>,
}

/// What a check function writes to; it knows which rule is running.
#[derive(Debug)]
pub struct Sink {
    findings: Vec<Finding>,
    skipped: Vec<Skipped>,
    rule: &'static str,
    severity: Severity,
    /// The narrative's two-amount changes, searched for once per run (see
    /// [`Sink::two_amounts`]).
    two_amounts: Option<Vec<support::two_amounts::Found>>,
    /// The narrative's "名称（类）" mentions, searched for once per run (see
    /// [`Sink::class_mentions`]).
    class_mentions: Option<Vec<support::classes::Mention>>,
    /// The document's money unit, for a table that states none (see
    /// [`support::units`]).
    unit: Option<String>,
}

impl Sink {
    /// Records a finding.
    pub fn push(&mut self, f: Finding) {
        self.findings.push(f);
    }

    /// Records that part of the rule could not run, and why.
    pub fn skip(&mut self, reason: String) {
        self.skipped.push(Skipped { rule: self.rule, reason });
    }

    /// Records a finding about a row (no arithmetic), at the rule's severity.
    pub fn note(&mut self, t: &crate::model::Table, r: &crate::model::Row, message: String) {
        self.push(Finding {
            table: Some(t.no()),
            row: Some(identity::describe(r)),
            source_line: Some(r.source_line),
            ..Finding::new(self.rule, self.severity, message)
        });
    }

    /// A finding of the running rule at its own severity.
    pub fn finding(&self, message: String) -> Finding {
        Finding::new(self.rule, self.severity, message)
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
    /// Example documents: at least one where the rule fires and one where it
    /// must stay quiet (tests run them all; the app shows them).
    pub fixtures: &'static [Fixture],
}

/// A rule fixture: a corpus document (from tests/fixtures) with edits applied.
#[derive(Debug)]
pub struct Fixture {
    /// File name under tests/fixtures.
    pub document: &'static str,
    /// (find, replace) pairs, each applied once; every `find` must occur.
    pub edits: &'static [(&'static str, &'static str)],
    /// What the rule must do on it.
    pub expect: Expect,
}

/// The expected behaviour of a rule on a fixture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// At least one finding of the rule at its own severity.
    Fires,
    /// No finding of the rule at warning or error severity (尾数误差 info allowed).
    Quiet,
}

impl Fixture {
    /// A fixture that fires the rule after `edits`.
    pub const fn fires(document: &'static str, edits: &'static [(&'static str, &'static str)]) -> Fixture {
        Fixture { document, edits, expect: Expect::Fires }
    }

    /// A fixture (the document as published) on which the rule stays quiet.
    pub const fn quiet(document: &'static str) -> Fixture {
        Fixture { document, edits: &[], expect: Expect::Quiet }
    }
}

/// Every rule, in the order they run and are documented.
pub fn catalogue() -> &'static [Rule] {
    CATALOGUE
}

/// The registry: every rule, one line each, in the order they run and are
/// documented.
static CATALOGUE: &[Rule] = &[
    doc::tables_present::RULE,
    doc::empty_table_note::RULE,
    doc::note_says_empty::RULE,
    tbl::income_sum::RULE,
    tbl::expenditure_sum::RULE,
    tbl::totals::RULE,
    tbl::balance::RULE,
    tbl::coded_row_sum::RULE,
    tbl::coded_total_of_classes::RULE,
    tbl::coded_hierarchy::RULE,
    tbl::coded_orphans::RULE,
    tbl::coded_unplaceable::RULE,
    tbl::fiscal_income_side::RULE,
    tbl::fiscal_expenditure_side::RULE,
    tbl::fiscal_roll_forward::RULE,
    tbl::econ_groups::RULE,
    tbl::econ_totals::RULE,
    tbl::sangong_sums::RULE,
    tbl::sangong_within_budget::RULE,
    xtbl::income_01_02::RULE,
    xtbl::expenditure_01_03::RULE,
    xtbl::fiscal_01_04::RULE,
    xtbl::general_04_05::RULE,
    xtbl::funds_04_07_08::RULE,
    xtbl::subsets::RULE,
    xtbl::carry_over::RULE,
    xtbl::non_fiscal_roll_forward::RULE,
    xtbl::same_subjects::RULE,
    xtbl::basic_05_06::RULE,
    xtbl::sangong_06_09::RULE,
    pla::sangong_budget_equals_actual::RULE,
    perf::execution_rate::RULE,
    perf::execution_score::RULE,
    perf::block_weights::RULE,
    perf::total_score::RULE,
    perf::score_within_weight::RULE,
    // Narrative-only rules: what the 情况说明 says about itself.
    nar::amounts::RULE,
    nar::shares::RULE,
    nar::completion::RULE,
    nar::sangong_completion::RULE,
    nar::change_parts::RULE,
    nar::listed_items::RULE,
    nar::operating_costs::RULE,
    nar::vehicles::RULE,
    nar::evaluation_coverage::RULE,
    sg::counts_disclosed::RULE,
    nar::year_on_year::RULE,
    nar::actual_vs_budget::RULE,
    nar::two_amount_changes::RULE,
    nar::stated_twice::RULE,
    nar::reason_direction::RULE,
    nar::execution_rate::RULE,
    nar::share_above_100::RULE,
    nar::shares_sum::RULE,
    nar::budget_shares::RULE,
    nar::same_item_twice::RULE,
    nar::class_paths::RULE,
    nar::procurement_figures::RULE,
    nar::department_evaluation::RULE,
    sg::counts::RULE,
    pla::zero_base::RULE,
    txt::class_names::RULE,
    txt::level_labels::RULE,
    txt::class_years::RULE,
    txt::class_as_tables::RULE,
    txt::latin::RULE,
    txt::doubled_punctuation::RULE,
    txt::truncated::RULE,
    txt::placeholders::RULE,
    txt::wrong_year::RULE,
    txt::scope_words::RULE,
    doc::budget_tables_present::RULE,
    tbl::budget_summary_income::RULE,
    tbl::budget_summary_expenditure::RULE,
    tbl::budget_summary_totals::RULE,
    tbl::budget_summary_balance::RULE,
    tbl::budget_row_identities::RULE,
    tbl::budget_pair_groups::RULE,
    tbl::budget_fiscal_income::RULE,
    tbl::budget_fiscal_expenditure::RULE,
    tbl::budget_sangong_sums::RULE,
    tbl::budget_procurement_items::RULE,
    xtbl::budget_fiscal_general::RULE,
    xtbl::budget_fiscal_summary::RULE,
    xtbl::budget_income_summary::RULE,
    xtbl::budget_expenditure_summary::RULE,
    xtbl::budget_basic_general::RULE,
    xtbl::budget_basic_all_funds::RULE,
    xtbl::budget_sangong_items::RULE,
    xtbl::budget_projects::RULE,
    xtbl::budget_crosswalk::RULE,
    xtbl::budget_fund_tables::RULE,
    nar::sangong_claims::RULE,
    nar::sangong_reasons::RULE,
    nar::procurement_table::RULE,
    nar::running_costs::RULE,
    nar::budget_amounts::RULE,
    perf::target_totals::RULE,
    perf::target_projects::RULE,
    // Tables read by the general reader, any region's layout.
    tbl::grid_row_sum::RULE,
    tbl::grid_hierarchy::RULE,
    tbl::grid_panel_totals::RULE,
    tbl::grid_sangong::RULE,
    tbl::grid_income_groups::RULE,
    xtbl::grid_totals_across::RULE,
    sg::empty_table::RULE,
];

/// Runs every rule whose inputs are present; records the others as skipped.
pub(crate) fn run(doc: &Document) -> RunResult {
    let mut out = RunResult::default();
    if doc.info.kind == crate::model::DocumentKind::Unknown {
        return out;
    }
    let mut sink = Sink {
        findings: Vec::new(),
        skipped: Vec::new(),
        rule: "",
        severity: Severity::Info,
        two_amounts: None,
        class_mentions: None,
        unit: doc.info.unit.clone(),
    };
    for rule in catalogue().iter().filter(|r| r.applies_to.contains(&doc.info.kind)) {
        let missing: Vec<TableKind> = rule.needs.iter().filter(|k| doc.table(**k).is_none()).copied().collect();
        if !missing.is_empty() {
            let unread: Vec<&crate::model::Table> =
                missing.iter().filter_map(|k| doc.found(*k)).filter(|t| t.grid.as_deref().is_some_and(|g| !g.read)).collect();
            let reason = if !unread.is_empty() && missing.iter().all(|k| doc.found(*k).is_some()) {
                // Found by its title but its cells left out (a viewer's copy):
                // "read by its header" would claim a reading that never was.
                let names: Vec<String> = unread.iter().map(|t| format!("《{}》", t.title)).collect();
                format!("{}未能读出，无法核对", names.join("、"))
            } else if missing.iter().all(|k| doc.found(*k).is_some()) {
                let names: Vec<String> = missing.iter().filter_map(|k| doc.found(*k)).map(|t| format!("《{}》", t.title)).collect();
                format!(
                    "{}按表头读取（格式与山东样式不同），本条按固定栏目核对的规则不适用；相应核对由 TBL-201 至 TBL-204、XTBL-201 进行",
                    names.join("、")
                )
            } else if missing.iter().any(|k| k.is_budget()) {
                support::budget::absent(&missing)
            } else {
                let numbers: Vec<&str> = missing.iter().map(|k| k.number()).collect();
                format!("缺少公开{}表，无法核对", numbers.join("、"))
            };
            out.skipped.push(Skipped { rule: rule.id, reason });
            continue;
        }
        // One sink for the whole run, told which rule is running: the
        // findings land in catalogue order without a vector per rule.
        sink.rule = rule.id;
        sink.severity = rule.severity;
        (rule.check)(doc, &mut sink);
        // A skip of a missing table above and one pushed by a check keep
        // their catalogue order.
        out.skipped.append(&mut sink.skipped);
    }
    out.findings = summarise(group_root_causes(sink.findings));
    out.skipped = summarise_skips(out.skipped);
    out
}

/// Keeps the report bounded: of the findings of one rule on one table at one
/// severity, the first [`crate::limits::MAX_FINDINGS_PER_RULE_AND_TABLE`] are
/// listed and the rest become one finding that counts them (100,000 inserted
/// "合计" rows must not become 100,000 findings).
fn summarise(findings: Vec<Finding>) -> Vec<Finding> {
    use std::collections::HashMap;
    let max = crate::limits::MAX_FINDINGS_PER_RULE_AND_TABLE;
    // No group passes `max` when no more findings than that were made (the
    // case of most documents): then none is counted, a key copied and hashed
    // per finding.
    if findings.len() <= max {
        return findings;
    }
    let mut total: HashMap<(&'static str, Option<String>, Severity), usize> = HashMap::new();
    for f in &findings {
        *total.entry((f.rule, f.table.clone(), f.severity)).or_default() += 1;
    }
    if total.values().all(|n| *n <= max) {
        return findings;
    }
    let mut seen: HashMap<(&'static str, Option<String>, Severity), usize> = HashMap::new();
    let mut out = Vec::new();
    for f in findings {
        let key = (f.rule, f.table.clone(), f.severity);
        let n = seen.entry(key.clone()).or_default();
        *n += 1;
        if *n <= max {
            out.push(f);
        }
        if *n == max {
            let rest = total[&key] - max;
            if rest > 0 {
                let place = f_table_name(key.1.as_deref());
                let message = format!("{place}还有 {rest} 处同类问题（{}），为使报告可读，不再逐条列出。", key.0);
                out.push(Finding { table: key.1, ..Finding::new(key.0, key.2, message) });
            }
        }
    }
    out
}

fn f_table_name(table: Option<&str>) -> String {
    table.map_or("文中".to_string(), identity::table_name)
}

/// Of the skipped checks of one rule, lists the first
/// [`crate::limits::MAX_SKIPS_PER_RULE`] and counts the rest.
fn summarise_skips(skipped: Vec<Skipped>) -> Vec<Skipped> {
    use std::collections::HashMap;
    let max = crate::limits::MAX_SKIPS_PER_RULE;
    // As in [`summarise`]: with no more skips than `max`, none is over.
    if skipped.len() <= max {
        return skipped;
    }
    let mut total: HashMap<&'static str, usize> = HashMap::new();
    for s in &skipped {
        *total.entry(s.rule).or_default() += 1;
    }
    let mut seen: HashMap<&'static str, usize> = HashMap::new();
    let mut out = Vec::new();
    for s in skipped {
        let n = seen.entry(s.rule).or_default();
        *n += 1;
        let rule = s.rule;
        if *n <= max {
            out.push(s);
        }
        if *n == max && total[rule] > max {
            out.push(Skipped {
                rule, reason: format!("另有 {} 处未能核对，原因同上类，不再逐条列出", total[rule] - max)
            });
        }
    }
    out
}

/// Folds error findings that share one cell into one finding about that cell.
///
/// A single misprinted number breaks every identity it takes part in (its row
/// sum, its parent's sum, the same figure in another table). Reporting each
/// would bury the reader in a cascade; instead the cell shared by the most
/// failing identities is named once, with the other failures listed in `also`.
fn group_root_causes(findings: Vec<Finding>) -> Vec<Finding> {
    let grouped = root_causes(&findings);
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    let mut index_of: Vec<Option<usize>> = vec![None; findings.len()];
    // The findings are moved into `out`, not copied: the primaries and
    // those standing alone first, in catalogue order; then each folded one
    // into its primary, wherever the primary stands in that order.
    let mut folded: Vec<(usize, Finding)> = Vec::new();
    for (i, f) in findings.into_iter().enumerate() {
        match grouped[i] {
            Some(p) if p != i => folded.push((p, f)),
            _ => {
                index_of[i] = Some(out.len());
                out.push(f);
            }
        }
    }
    let mut related_seen: std::collections::HashMap<usize, std::collections::HashSet<identity::CellRef>> = std::collections::HashMap::new();
    for (p, f) in folded {
        // A primary is never itself folded (`root_causes`), so it is in `out`.
        let Some(pi) = index_of[p] else {
            out.push(f);
            continue;
        };
        let primary = &mut out[pi];
        primary.also.push(format!("{}：{}", f.rule, f.message));
        let known = related_seen.entry(pi).or_insert_with(|| primary.related.iter().cloned().collect());
        for c in f.related {
            if known.insert(c.clone()) {
                primary.related.push(c);
            }
        }
    }
    for f in out.iter_mut().filter(|f| !f.also.is_empty()) {
        f.message.push_str(&format!("这个数还使另外{}项勾稽关系不成立（见“同源问题”），很可能就是这一格印错了。", f.also.len()));
    }
    out
}

/// For each finding, the primary it is folded into (None: stands alone).
///
/// Repeatedly takes the cell shared by the most open error findings (ties:
/// the cell met last when reading the open findings in order), folds those
/// findings into the one printed in that cell (else the first), until no
/// cell is shared by two. Counts and first appearances are kept up to date
/// per cell with an inverted index and a lazy heap, so this is O(n log n) in
/// the number of findings rather than a scan of all of them per root cause.
fn root_causes(findings: &[Finding]) -> Vec<Option<usize>> {
    use std::collections::{BinaryHeap, HashMap};
    type Key<'a> = (&'a str, &'a str, Option<&'a str>);
    let mut ids: HashMap<Key<'_>, usize> = HashMap::new();
    let mut holders: Vec<Vec<usize>> = Vec::new(); // key → open-able findings, in order
    let mut keys_of: Vec<Vec<usize>> = vec![Vec::new(); findings.len()]; // finding → its distinct keys, in order
    let mut own: Vec<Option<usize>> = vec![None; findings.len()];
    for (i, f) in findings.iter().enumerate().filter(|(_, f)| f.severity == Severity::Error) {
        let mine = f.table.as_deref().zip(f.row.as_deref()).map(|(t, r)| (t, r, f.column.as_deref()));
        let related = f.related.iter().map(|c| (c.table.as_str(), c.row.as_str(), c.column.as_deref()));
        for k in mine.into_iter().chain(related) {
            let next = ids.len();
            let id = *ids.entry(k).or_insert(next);
            if id == holders.len() {
                holders.push(Vec::new());
            }
            if !keys_of[i].contains(&id) {
                keys_of[i].push(id);
                holders[id].push(i);
            }
        }
        own[i] = mine.map(|k| ids[&k]);
    }
    let mut grouped: Vec<Option<usize>> = vec![None; findings.len()];
    let mut count: Vec<usize> = holders.iter().map(Vec::len).collect();
    let mut first: Vec<usize> = vec![0; holders.len()]; // index into holders[key] of its first open finding
                                                        // A key's place in the order of first appearance: (finding, position in its keys).
    let place = |key: usize, first: &[usize], holders: &[Vec<usize>], keys_of: &[Vec<usize>]| -> Option<(usize, usize)> {
        let f = *holders[key].get(first[key])?;
        Some((f, keys_of[f].iter().position(|k| *k == key).unwrap_or(0)))
    };
    let mut heap: BinaryHeap<(usize, (usize, usize), usize)> = BinaryHeap::new();
    for (key, n) in count.iter().enumerate() {
        if let Some(p) = place(key, &first, &holders, &keys_of) {
            heap.push((*n, p, key));
        }
    }
    while let Some((n, p, root)) = heap.pop() {
        if count[root] != n || place(root, &first, &holders, &keys_of) != Some(p) {
            continue; // stale entry
        }
        if n < 2 {
            break;
        }
        let members: Vec<usize> = holders[root].iter().copied().filter(|i| grouped[*i].is_none()).collect();
        let primary = members.iter().copied().find(|i| own[*i] == Some(root)).unwrap_or(members[0]);
        let mut touched: Vec<usize> = Vec::new();
        for m in members {
            grouped[m] = Some(primary);
            for &k in &keys_of[m] {
                count[k] -= 1;
                touched.push(k);
            }
        }
        touched.sort_unstable();
        touched.dedup();
        for k in touched {
            while holders[k].get(first[k]).is_some_and(|i| grouped[*i].is_some()) {
                first[k] += 1;
            }
            if let Some(p) = place(k, &first, &holders, &keys_of) {
                heap.push((count[k], p, k));
            }
        }
    }
    grouped
}

/// What the rules' unit tests share.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Severity, Sink};

    /// A sink for a rule's unit tests (its findings at error severity).
    fn test_sink(rule: &'static str, doc: &crate::model::Document) -> Sink {
        Sink {
            findings: Vec::new(),
            skipped: Vec::new(),
            rule,
            severity: Severity::Error,
            two_amounts: None,
            class_mentions: None,
            unit: doc.info.unit.clone(),
        }
    }

    impl super::Rule {
        /// What the rule finds in `text`, as (severity, source line, message).
        pub(crate) fn found(&self, text: &str) -> Vec<(Severity, usize, String)> {
            findings_of(self.id, self.check, text).into_iter().map(|f| (f.severity, f.source_line.unwrap_or(0), f.message)).collect()
        }
    }

    impl super::Rule {
        /// Why parts of the rule could not run on `text` (its coverage notes).
        pub(crate) fn skipped(&self, text: &str) -> Vec<String> {
            let doc = crate::read(text);
            let mut sink = test_sink(self.id, &doc);
            (self.check)(&doc, &mut sink);
            sink.skipped.into_iter().map(|s| s.reason).collect()
        }
    }

    /// What `check` (rule `rule`) finds in `text`, read as a whole document.
    pub(crate) fn findings_of(rule: &'static str, check: fn(&crate::model::Document, &mut Sink), text: &str) -> Vec<super::Finding> {
        let doc = crate::read(text);
        let mut sink = test_sink(rule, &doc);
        check(&doc, &mut sink);
        sink.findings
    }

    /// Holds `fast` (rule `rule`) to `slow`, its plain char-by-char
    /// definition, on every text of `texts`: the same findings at the same
    /// lines with the same messages. Returns how many findings the
    /// definition made, so a test can require that it fired at all.
    pub(crate) fn same_as_definition(
        rule: &'static str,
        fast: fn(&crate::model::Document, &mut Sink),
        slow: fn(&crate::model::Document, &mut Sink),
        texts: impl IntoIterator<Item = String>,
    ) -> usize {
        let found = |check, t: &str| -> Vec<(Option<usize>, String)> {
            findings_of(rule, check, t).into_iter().map(|f| (f.source_line, f.message)).collect()
        };
        let mut fired = 0;
        for t in texts {
            let expected = found(slow, &t);
            fired += expected.len();
            assert_eq!(found(fast, &t), expected, "{t}");
        }
        fired
    }
}

#[cfg(test)]
mod summary_tests {
    use super::*;

    /// `n` findings, or skips, of one rule (on one table at one severity):
    /// the group [`summarise`] and [`summarise_skips`] count.
    fn findings(n: usize) -> Vec<Finding> {
        (0..n).map(|i| Finding { table: Some("01".to_string()), ..Finding::new("TBL-001", Severity::Error, format!("第{i}处")) }).collect()
    }
    fn skips(n: usize) -> Vec<Skipped> {
        (0..n).map(|i| Skipped { rule: "TBL-001", reason: format!("第{i}处") }).collect()
    }

    /// Up to `max`, `summarise` lists everything as made; past it, the
    /// first `max` and one more, whose text (`text`) counts the rest as
    /// `counted` words it.
    fn assert_summary<T: PartialEq + std::fmt::Debug>(
        max: usize,
        made: impl Fn(usize) -> Vec<T>,
        summarise: impl Fn(Vec<T>) -> Vec<T>,
        text: impl Fn(&T) -> &str,
        counted: impl Fn(usize) -> String,
    ) {
        for n in [0, 1, max - 1, max] {
            assert_eq!(summarise(made(n)), made(n), "{n}");
        }
        for n in [max + 1, max + 7] {
            let got = summarise(made(n));
            assert_eq!(got.len(), max + 1, "{n}");
            assert_eq!(got[..max], made(max)[..], "{n}");
            assert!(text(&got[max]).contains(&counted(n - max)), "{}", text(&got[max]));
        }
    }

    /// Up to the limit every finding and skip is listed as made (the way
    /// out that counts nothing); past it, the first `max` and one that
    /// counts the rest.
    #[test]
    fn summaries_list_all_up_to_the_limit_and_count_the_rest() {
        let max = crate::limits::MAX_FINDINGS_PER_RULE_AND_TABLE;
        assert_summary(max, findings, summarise, |f| &f.message, |n| format!("还有 {n} 处同类问题"));
        let max = crate::limits::MAX_SKIPS_PER_RULE;
        assert_summary(max, skips, summarise_skips, |s| &s.reason, |n| format!("另有 {n} 处"));
    }
}
