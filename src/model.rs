//! The document model every reader produces and every rule reads.
//!
//! Cells keep the printed value with its scale (decimals shown) and the source
//! line; a blank cell is `None`, never zero.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A performance self-evaluation table (what [`Document::evaluations`] holds).
pub use crate::perf::{Block, Funds, Rate, SelfEvaluation};
/// A line of the normalised text (what [`Document::lines`] holds).
pub use crate::text::Line;

/// 决算 or 预算.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 部门决算 / 单位决算 (final accounts).
    FinalAccounts,
    /// 部门预算 / 单位预算.
    Budget,
    /// Not recognised as a disclosure.
    Unknown,
}

/// 部门 (department, consolidated) or 单位 (a single unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// 部门: the department with all its units.
    Department,
    /// 单位: one unit.
    Unit,
}

/// What a document is, as recognised from its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// 决算, 预算 or unknown.
    pub kind: DocumentKind,
    /// 部门 or 单位, when stated.
    pub scope: Option<Scope>,
    /// The fiscal year the disclosure covers.
    pub year: Option<u16>,
    /// Why `year` is None, in Chinese, where the text's titles and
    /// comparisons disagree or name no year (a text cut before its cover);
    /// None when the year is recognised or the text is no disclosure.
    #[serde(default)]
    pub year_doubt: Option<String>,
    /// The department (or unit) name.
    pub department: Option<String>,
    /// The money unit most tables state ("万元", "元").
    pub unit: Option<String>,
    /// Why the text is not taken as a disclosure, in Chinese; None when it is.
    pub reason: Option<String>,
}

/// One table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// The printed value; None for a blank or a dash.
    pub value: Option<Decimal>,
    /// 1-based source line the cell was read from.
    pub source_line: usize,
}

impl Cell {
    /// A blank cell on a source line.
    pub fn blank(source_line: usize) -> Cell {
        Cell { value: None, source_line }
    }
}

/// One table row in normalised form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 科目编码 / economic code without spaces, when the row has one.
    pub code: Option<String>,
    /// The row label with white space removed ("合 计" → "合计").
    pub label: String,
    /// 行次 for two-sided tables.
    pub line: Option<u32>,
    /// One cell per column of the table.
    pub cells: Vec<Cell>,
    /// 1-based source line of the row (its first line when wrapped).
    pub source_line: usize,
}

impl Row {
    /// The value in column `i`, None when blank or absent.
    pub fn value(&self, i: usize) -> Option<Decimal> {
        self.cells.get(i).and_then(|c| c.value)
    }

    /// What the row is in its table: a total, a subtotal, a 类/款/项 (by the
    /// digits of its code), or another item.
    pub fn role(&self) -> RowRole {
        // The code's length up to any '/': a byte loop over a code of a few
        // bytes, not a char searcher set up per row.
        let code = self.code.as_deref().map(|c| c.bytes().position(|b| b == b'/').unwrap_or(c.len()));
        match code {
            Some(3) => RowRole::Class,
            Some(5) => RowRole::Section,
            Some(7) => RowRole::Item,
            _ => {
                // 合计, 总计 and 小计 all end in 计: the three bytes before
                // each 计 (all four chars are three bytes in UTF-8) say
                // which. Each 计 is found by a memchr of its last byte, which
                // few bytes share (`search::find`), not by comparing every
                // window of the label.
                let (mut total, mut sub) = (false, false);
                let mut rest = self.label.as_str();
                while let Some(i) = crate::text::search::find(rest, "计") {
                    match rest.as_bytes().get(i.saturating_sub(3)..i) {
                        Some([0xE5, 0x90, 0x88] | [0xE6, 0x80, 0xBB]) => total = true, // 合 总
                        Some([0xE5, 0xB0, 0x8F]) => sub = true,                        // 小
                        _ => {}
                    }
                    rest = rest.get(i.saturating_add(3)..).unwrap_or("");
                }
                if sub {
                    RowRole::Subtotal
                } else if total {
                    RowRole::Total
                } else {
                    RowRole::Detail
                }
            }
        }
    }

    /// How deep the row sits in its table's hierarchy, for indentation: a
    /// 款 is 1 and a 项 2 below its 类 (economic codes alike), and a "其中："
    /// row one more than it would be; at most 3.
    pub fn level(&self) -> u8 {
        self.level_in(self.role())
    }

    /// [`Row::level`] for a row whose [`Row::role`] is already known.
    pub fn level_in(&self, role: RowRole) -> u8 {
        let by_code = match role {
            RowRole::Section => 1,
            RowRole::Item => 2,
            _ => 0,
        };
        (by_code + u8::from(self.label.starts_with("其中"))).min(3)
    }
}

/// Where something is in the document's tables, by position: the table's
/// index in [`Document::tables`] (and in the report's `tables`, which keeps
/// their order), the row's index in its rows, the column's in its columns.
/// Findings carry it so that nothing downstream parses their display text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Place {
    /// Index of the table.
    pub table: usize,
    /// Index of the row in that table; None when only the table is known.
    pub row: Option<usize>,
    /// Index of the value column; None for the row as a whole.
    pub column: Option<usize>,
}

/// What a row is in its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowRole {
    /// 合计 / 总计 of the table or of one side.
    Total,
    /// 小计 of a group of rows.
    Subtotal,
    /// A 类 (three-digit code: 201, or economic 301).
    Class,
    /// A 款 (five digits: 20101, or economic 30101).
    Section,
    /// A 项 (seven digits: 2010101).
    Item,
    /// Any other row (an income source, a project, a 三公 line).
    Detail,
}

/// The standard tables the readers know, by their meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TableKind {
    /// 公开01表 收入支出决算总表.
    F01,
    /// 公开02表 收入决算表.
    F02,
    /// 公开03表 支出决算表.
    F03,
    /// 公开04表 财政拨款收入支出决算总表.
    F04,
    /// 公开05表 一般公共预算财政拨款支出决算表.
    F05,
    /// 公开06表 一般公共预算财政拨款基本支出决算明细表.
    F06,
    /// 公开07表 政府性基金预算财政拨款收入支出决算表.
    F07,
    /// 公开08表 国有资本经营预算财政拨款支出决算表.
    F08,
    /// 公开09表 财政拨款"三公"经费支出决算表.
    F09,
    /// 预算: 收支总表 (部门收支总表, 单位预算收支总表).
    BSummary,
    /// 预算: 收入总表.
    BIncome,
    /// 预算: 支出总表.
    BExpenditure,
    /// 预算: 财政拨款收支总表.
    BFiscal,
    /// 预算: 一般公共预算(财政拨款)支出表.
    BGeneral,
    /// 预算: 一般公共预算基本支出表 by 部门经济分类 (or by 部门/政府 code pairs).
    BBasicEcon,
    /// 预算: 一般公共预算基本支出表 by 政府经济分类 only.
    BBasicGovEcon,
    /// 预算: 一般公共预算"三公"经费支出表.
    BSangong,
    /// 预算: 政府性基金预算(财政拨款)支出表.
    BFund,
    /// 预算: 国有资本经营预算(财政拨款)支出表.
    BCapital,
    /// 预算: 部门基本支出预算表 (all funds, by economic classification).
    BBasicAll,
    /// 预算: 项目支出预算表.
    BProjects,
    /// 预算: 政府采购预算表.
    BProcurement,
    /// 预算: 财政拨款支出预算表 (功能科目; all fiscal funds).
    BFiscalSpend,
    /// 预算: 财政拨款基本支出预算表 (经济科目).
    BFiscalBasic,
    /// 预算: 一般公共预算机关运行经费支出预算表.
    BOperating,
    /// 预算: 项目支出绩效目标表.
    BPerformance,
}

impl TableKind {
    /// The 决算 tables in their standard order.
    pub const FINAL: [TableKind; 9] = [
        TableKind::F01,
        TableKind::F02,
        TableKind::F03,
        TableKind::F04,
        TableKind::F05,
        TableKind::F06,
        TableKind::F07,
        TableKind::F08,
        TableKind::F09,
    ];

    /// The budget tables, in the order of the standard 部门预算 template.
    pub const BUDGET: [TableKind; 13] = [
        TableKind::BSummary,
        TableKind::BIncome,
        TableKind::BExpenditure,
        TableKind::BFiscal,
        TableKind::BGeneral,
        TableKind::BBasicEcon,
        TableKind::BBasicGovEcon,
        TableKind::BSangong,
        TableKind::BFund,
        TableKind::BCapital,
        TableKind::BBasicAll,
        TableKind::BProjects,
        TableKind::BProcurement,
    ];

    /// True for the budget (预算) kinds.
    pub fn is_budget(self) -> bool {
        !TableKind::FINAL.contains(&self)
    }

    /// The table number: as printed on a standard 决算 ("01" … "09"); for a
    /// budget kind, its place in the standard 部门预算 template ("1" … "12"),
    /// used only when a document does not print one (the JSON `number` and
    /// every finding use the number as printed, see [`Table::no`]).
    pub fn number(self) -> &'static str {
        match self {
            TableKind::F01 => "01",
            TableKind::F02 => "02",
            TableKind::F03 => "03",
            TableKind::F04 => "04",
            TableKind::F05 => "05",
            TableKind::F06 => "06",
            TableKind::F07 => "07",
            TableKind::F08 => "08",
            TableKind::F09 => "09",
            TableKind::BSummary => "1",
            TableKind::BIncome => "2",
            TableKind::BExpenditure => "3",
            TableKind::BFiscal => "4",
            TableKind::BGeneral => "5",
            TableKind::BBasicEcon => "6",
            TableKind::BBasicGovEcon => "6",
            TableKind::BSangong => "7",
            TableKind::BFund => "8",
            TableKind::BCapital => "9",
            TableKind::BBasicAll => "10",
            TableKind::BProjects => "11",
            TableKind::BProcurement => "12",
            TableKind::BFiscalSpend => "5",
            TableKind::BFiscalBasic => "6",
            TableKind::BOperating => "11",
            TableKind::BPerformance => "13",
        }
    }

    /// The standard title.
    pub fn title(self) -> &'static str {
        match self {
            TableKind::F01 => "收入支出决算总表",
            TableKind::F02 => "收入决算表",
            TableKind::F03 => "支出决算表",
            TableKind::F04 => "财政拨款收入支出决算总表",
            TableKind::F05 => "一般公共预算财政拨款支出决算表",
            TableKind::F06 => "一般公共预算财政拨款基本支出决算明细表",
            TableKind::F07 => "政府性基金预算财政拨款收入支出决算表",
            TableKind::F08 => "国有资本经营预算财政拨款支出决算表",
            TableKind::F09 => "财政拨款\"三公\"经费支出决算表",
            TableKind::BSummary => "收支总表",
            TableKind::BIncome => "收入总表",
            TableKind::BExpenditure => "支出总表",
            TableKind::BFiscal => "财政拨款收支总表",
            TableKind::BGeneral => "一般公共预算支出表",
            TableKind::BBasicEcon => "一般公共预算基本支出表",
            TableKind::BBasicGovEcon => "一般公共预算基本支出表（政府经济分类）",
            TableKind::BSangong => "一般公共预算\"三公\"经费支出表",
            TableKind::BFund => "政府性基金预算支出表",
            TableKind::BCapital => "国有资本经营预算支出表",
            TableKind::BBasicAll => "部门基本支出预算表",
            TableKind::BProjects => "项目支出预算表",
            TableKind::BProcurement => "政府采购预算表",
            TableKind::BFiscalSpend => "财政拨款支出预算表",
            TableKind::BFiscalBasic => "财政拨款基本支出预算表",
            TableKind::BOperating => "机关运行经费支出预算表",
            TableKind::BPerformance => "项目支出绩效目标表",
        }
    }

    /// How a missing table of this kind is named in messages: "公开01表" for
    /// 决算, the title for a budget (whose numbering varies by region).
    pub fn name(self) -> String {
        if self.is_budget() {
            in_title_marks(self.title())
        } else {
            format!("公开{}表", self.number())
        }
    }

    /// The 决算 table with this printed number ("1", "01").
    pub fn final_by_number(n: u32) -> Option<TableKind> {
        TableKind::FINAL.get((n as usize).checked_sub(1)?).copied()
    }
}

/// A table read from the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// What the table is.
    pub kind: TableKind,
    /// The number as printed ("01" for 公开01表), if printed.
    pub number: Option<String>,
    /// The title as printed (white space removed), or the standard title.
    pub title: String,
    /// The money unit stated for this table, or the one the narrative tells
    /// for a table that prints none ([`Table::unit_told`]).
    pub unit: Option<String>,
    /// The table prints no unit: `unit` is the one the narrative's amounts
    /// tell ([`crate::tables::unit_told`]), not a printed one.
    pub unit_told: bool,
    /// Column captions of the value columns, in order.
    pub columns: Vec<String>,
    /// Rows in normalised order.
    pub rows: Vec<Row>,
    /// Notes printed under the table ("注：…"), with their source lines.
    pub notes: Vec<(usize, String)>,
    /// 1-based source line of the table marker.
    pub source_line: usize,
    /// Rows (indexes) whose dropped blank cells could not be placed uniquely;
    /// their cells are blank and rules that need them are skipped.
    pub unresolved: Vec<usize>,
    /// The subset of `unresolved` that no placement fits at all: the printed
    /// numbers contradict the identities whatever their columns.
    pub contradicted: Vec<usize>,
    /// For unresolved rows: the amounts as printed, in order (the first is the
    /// row total in tables whose first column is a total).
    pub printed: Vec<(usize, Vec<Cell>)>,
    /// Two-sided budget tables, whose rows carry no side-specific 行次: the
    /// number of income-side rows (they come first, expenditure rows after).
    pub sides: Option<usize>,
    /// The within-row identities of this table's layout (budget tables): the
    /// column `total` equals the sum of columns `parts` in every row that has
    /// all of them. Empty for 决算 tables, whose rules know their layout.
    pub row_sums: Vec<RowSum>,
    /// Budget tables read by a template layout: what each value column holds
    /// (its source of funds or its use), from the layout the header matched.
    /// Empty for other tables.
    pub sources: Vec<Source>,
    /// Two-sided budget tables (收支总表, 财政拨款收支总表): per row, what the
    /// row states by its words and side (一般公共预算收入 → [`Source::Gpb`]),
    /// if anything. Empty for other tables.
    pub stated: Vec<Option<Source>>,
    /// Tables read by the general reader (any region's layout, by position
    /// and header): their column meanings and panels. None for tables read by
    /// the readers of the corpus layouts, whose rules know their columns.
    pub grid: Option<Box<Grid>>,
}

/// What the general reader knows about a table's layout.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid {
    /// Per value column: its header path, outermost caption first
    /// (["2024年“三公”经费预算数", "公务用车购置及运行费", "购置费"]).
    pub paths: Vec<Vec<String>>,
    /// Per value column: what it means, from its path.
    pub meanings: Vec<Meaning>,
    /// Blocks of columns printed side by side, each with rows of its own
    /// (收入 | 支出): a row belongs to one panel and fills only its columns.
    pub panels: Vec<Panel>,
    /// False when the table was found but its cells were not read (the
    /// reason is in the document's problems); its rows are then empty.
    pub read: bool,
    /// 1-based page of the title, when the text has page breaks.
    pub page: Option<usize>,
    /// The marker as printed ("公开表一", "表三", "一、"), if any.
    pub marker: Option<String>,
    /// True when every panel's header named exactly as many columns as it
    /// has columns of numbers, so captions and numbers pair up in order; false
    /// when some were paired by position alone (a blank column, a wrapped
    /// caption), which rules on a single row of figures must not rely on.
    pub exact: bool,
    /// A “三公” table (budget or 公开09表) whose cells were read: its columns
    /// by caption, when the captions name them cleanly.
    pub sangong: Option<SangongCols>,
    /// A 公开09表 that prints each item's 预算数 and 决算数 side by side
    /// (the national 2024 决算 form, Shanghai's): the columns of each, when
    /// [`Grid::sangong`] is None.
    pub sangong_pairs: Option<(SangongCols, SangongCols)>,
}

/// The columns of a “三公” table read by the general reader, by caption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SangongCols {
    /// 合计 (the first total column).
    pub total: usize,
    /// “三公”经费小计, when the table also prints 会议费、培训费.
    pub subtotal: Option<usize>,
    /// 因公出国（境）费.
    pub abroad: Option<usize>,
    /// 公务接待费.
    pub reception: Option<usize>,
    /// 公务用车购置及运行维护费 (its 小计).
    pub vehicle: Option<usize>,
    /// 公务用车购置费.
    pub purchase: Option<usize>,
    /// 公务用车运行维护费.
    pub operation: Option<usize>,
    /// 会议费.
    pub meeting: Option<usize>,
    /// 培训费.
    pub training: Option<usize>,
}

/// A block of a table printed beside others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    /// The caption above the block ("收入", "支出 › 功能分类").
    pub name: String,
    /// Its value columns.
    pub columns: std::ops::Range<usize>,
    /// Its rows.
    pub rows: std::ops::Range<usize>,
}

/// What a value column holds, from its header words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Meaning {
    /// 合计 / 总计 / 小计 of the columns after it in its group.
    Total,
    /// 金额 / 预算数 / 决算数: the one amount of a list.
    Amount,
    /// 基本支出.
    Basic,
    /// 项目支出.
    Project,
    /// 人员经费 / 人员支出.
    Personnel,
    /// 公用经费 / 日常公用支出.
    Public,
    /// 财政拨款.
    Fiscal,
    /// 一般公共预算.
    General,
    /// 政府性基金.
    Fund,
    /// 国有资本经营.
    Capital,
    /// Any other caption.
    Other,
}

impl Meaning {
    /// The meaning of a column from its leaf caption and its path.
    pub fn of(path: &[String]) -> Meaning {
        let leaf = path.last().map(String::as_str).unwrap_or("");
        // Captions are short: comparing each window of bytes costs less than
        // setting up a str searcher per word (a byte match of one UTF-8
        // string in another is a `contains`). A window is compared whole
        // only when its last byte is the word's: few are.
        let has = |w: &str| {
            let w = w.as_bytes();
            leaf.as_bytes().windows(w.len()).any(|x| x.last() == w.last() && x == w)
        };
        Meaning::by(leaf, has)
    }

    /// The row sum of a panel's columns (`cols`, their meanings in
    /// `meanings`): its one 合计 column, first, and the columns it adds up
    /// (the rest, leaving out 人员经费 and 公用经费 where 基本支出 is among
    /// them: they split it). None when the panel has no such shape (fewer
    /// than three columns, or a 合计 that is not first or not alone). The
    /// identity TBL-201 checks, and the one the reader places a row's
    /// numbers by when their positions were lost.
    pub fn row_sum(meanings: &[Meaning], cols: std::ops::Range<usize>) -> Option<(usize, Vec<usize>)> {
        let cols: Vec<usize> = cols.filter(|c| *c < meanings.len()).collect();
        let mut totals = cols.iter().copied().filter(|c| meanings[*c] == Meaning::Total);
        let total = totals.next()?;
        if totals.next().is_some() || cols.first() != Some(&total) || cols.len() < 3 {
            return None;
        }
        let has_basic = cols.iter().any(|c| meanings[*c] == Meaning::Basic);
        let parts =
            cols[1..].iter().copied().filter(|c| !(has_basic && matches!(meanings[*c], Meaning::Personnel | Meaning::Public))).collect();
        Some((total, parts))
    }

    /// The meaning of a leaf caption, `has` telling whether it holds a word.
    fn by(leaf: &str, has: impl Fn(&str) -> bool) -> Meaning {
        if ["合计", "总计", "小计"].iter().any(|w| leaf == *w || leaf.ends_with(w) && leaf.chars().count() <= 6) {
            Meaning::Total
        } else if has("基本支出") {
            Meaning::Basic
        } else if has("项目支出") {
            Meaning::Project
        } else if has("人员") {
            Meaning::Personnel
        } else if has("公用") {
            Meaning::Public
        } else if has("一般公共预算") {
            Meaning::General
        } else if has("政府性基金") {
            Meaning::Fund
        } else if has("国有资本") {
            Meaning::Capital
        } else if has("财政拨款") {
            Meaning::Fiscal
        } else if ["金额", "预算数", "决算数", "预算", "经费支出"].iter().any(|w| leaf.ends_with(w)) {
            Meaning::Amount
        } else {
            Meaning::Other
        }
    }
}

/// What a budget-template column holds (or a 收支总表 row states): a source
/// of funds or a use, so that columns of different tables can be matched (a
/// blank in the 收支总表's 政府性基金 income settles that column elsewhere, and
/// 基本支出 in one table is 基本支出 in another).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A column with no such meaning (合计, 本年收入小计).
    None,
    /// 财政拨款 (小计).
    Fiscal,
    /// 一般公共预算.
    Gpb,
    /// 政府性基金预算.
    Fund,
    /// 国有资本经营预算.
    Capital,
    /// 财政专户管理资金.
    Special,
    /// 事业收入.
    Business,
    /// 事业单位经营收入.
    Operating,
    /// 其他收入.
    Other,
    /// 上级补助收入.
    Upper,
    /// 附属单位上缴收入.
    Affiliated,
    /// 使用非财政拨款结余.
    Surplus,
    /// 上年结转 (carry-in).
    CarryIn,
    /// 单位资金: the unit's own money (事业, 经营, 其他, 上级补助, 附属上缴).
    UnitFunds,
    /// 基本支出.
    Basic,
    /// 项目支出.
    Project,
    /// 人员经费 / 人员支出.
    Personnel,
    /// 公用经费 / 日常公用支出.
    Public,
    /// 上缴上级支出.
    ToUpper,
    /// 对附属单位补助支出.
    ToAffiliated,
    /// 事业单位经营支出.
    OperatingSpend,
    /// 结转下年 / 年终结转结余.
    CarryOut,
    /// 中小微企业预留份额.
    SmeShare,
}

/// Which side of a two-sided table (收入 | 支出) a row is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// 收入 (left).
    Income,
    /// 支出 (right).
    Expenditure,
}

/// A within-row identity: column `total` = Σ columns `parts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowSum {
    /// The total column.
    pub total: usize,
    /// The columns adding up to it.
    pub parts: Vec<usize>,
}

/// Whether a note says why its table has nothing to show: "……，故本表
/// 无数据", "本部门没有……", "此表为空", or any "无" ("注：本部门无相关收支项目",
/// "我单位无2017年政府性基金支出安排", "本部门无该项目"), as Jiangsu words it.
pub fn says_none(note: &str) -> bool {
    crate::text::search::has_char(note, '无') || ["没有", "为空", "空表"].iter().any(|w| crate::text::search::contains(note, w))
}

impl Table {
    /// Whether a note under the table says why it has nothing to show
    /// ([`says_none`]).
    pub fn notes_say_none(&self) -> bool {
        self.notes.iter().any(|(_, n)| says_none(n))
    }

    /// A table of `kind` headed at `source_line`, before its reader fills
    /// it: no number, title, unit, columns or rows yet.
    pub(crate) fn empty(kind: TableKind, source_line: usize) -> Table {
        Table {
            kind,
            number: None,
            title: String::new(),
            unit: None,
            unit_told: false,
            columns: Vec::new(),
            rows: Vec::new(),
            notes: Vec::new(),
            source_line,
            unresolved: Vec::new(),
            contradicted: Vec::new(),
            printed: Vec::new(),
            sides: None,
            row_sums: Vec::new(),
            sources: Vec::new(),
            stated: Vec::new(),
            grid: None,
        }
    }

    /// What each column means: from the header path for a table read by
    /// header, from its caption for a template table.
    pub fn meanings(&self) -> Vec<Meaning> {
        match self.grid.as_deref() {
            Some(g) => g.meanings.clone(),
            None => self.columns.iter().map(|c| Meaning::of(std::slice::from_ref(c))).collect(),
        }
    }

    /// The value column holding `source`, for a budget table read by a
    /// template layout that has one.
    pub fn column(&self, source: Source) -> Option<usize> {
        self.sources.iter().position(|s| *s == source)
    }

    /// The side row `i` is on, for a two-sided budget table (its income rows
    /// come first).
    pub fn side(&self, i: usize) -> Option<Side> {
        self.sides.map(|n| if i < n { Side::Income } else { Side::Expenditure })
    }

    /// What row `i` of a two-sided budget table states, by its words and
    /// side (see [`Table::stated`]).
    pub fn stated(&self, i: usize) -> Option<Source> {
        self.stated.get(i).copied().flatten()
    }

    /// The table's number for messages and JSON: as printed for a budget
    /// ("1" for 公开表1), the standard "01"… for 决算.
    pub fn no(&self) -> String {
        if self.grid.is_some() {
            // The general reader's tables are named by their printed title.
            return in_title_marks(&self.title);
        }
        match (&self.number, self.kind.is_budget()) {
            (Some(n), true) => n.clone(),
            _ => self.kind.number().to_string(),
        }
    }

    /// The row with 行次 `n`.
    pub fn by_line(&self, n: u32) -> Option<&Row> {
        self.rows.iter().find(|r| r.line == Some(n))
    }

    /// The value at 行次 `n`, column `col`.
    pub fn at_line(&self, n: u32, col: usize) -> Option<Decimal> {
        self.by_line(n).and_then(|r| r.value(col))
    }
}

/// A title in 《》 (joined directly: table names are made for every table
/// and many findings, and format! costs several times as much).
pub fn in_title_marks(title: &str) -> String {
    let mut s = String::with_capacity(title.len() + 2 * '《'.len_utf8());
    s.push('《');
    s.push_str(title);
    s.push('》');
    s
}

/// How a table is named in messages, as its marker is printed: "公开01表"
/// (决算), "公开表1" (budgets that print the number after 表), the title in
/// 《》 for a table of the general reader (its [`Table::no`]).
pub fn table_name(no: &str) -> String {
    let mut s = String::with_capacity(no.len().saturating_add(9));
    push_table_name(&mut s, no);
    s
}

/// Appends [`table_name`]`(no)` to `s`: the findings' messages are written
/// by pushes, not `format!`.
pub(crate) fn push_table_name(s: &mut String, no: &str) {
    if no.starts_with('《') {
        s.push_str(no);
    } else if no.len() == 2 && no.starts_with('0') {
        s.push_str("公开");
        s.push_str(no);
        s.push('表');
    } else {
        s.push_str("公开表");
        s.push_str(no);
    }
}

/// Something a reader could not do, for the coverage report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadProblem {
    /// The table concerned ("01"), if any.
    pub table: Option<String>,
    /// What went wrong, in Chinese.
    pub message: String,
    /// The source line, if any.
    pub source_line: Option<usize>,
}

pub(crate) use crate::text::stream::MarkKind;
#[cfg(test)]
use crate::text::stream::MARK_KIND;

/// A document's [`crate::text::Stream`] with its marks by kind, as
/// normalisation filed them (moved past the running headers), so that each
/// text rule reads its own marks, not every mark.
#[derive(Debug, Clone, Default)]
pub(crate) struct Streamed {
    /// The stream.
    pub(crate) stream: crate::text::Stream,
    /// The stream's marks of each [`MarkKind`], in order.
    by_kind: [Vec<(usize, char)>; crate::text::stream::MARK_KINDS],
}

impl Streamed {
    /// The stream of `lines` without the running headers at `furniture`,
    /// its marks of each kind taken from `marks`, those of all
    /// the lines (see [`Document::line_marks`]); `room` bytes at least as
    /// many as its text's (see `Stream::without`).
    fn of(lines: &[Line], furniture: &[usize], room: usize, marks: &crate::text::stream::MarkSet) -> Streamed {
        let (stream, by_kind) = crate::text::Stream::without(lines, furniture, room, marks);
        Streamed { stream, by_kind }
    }
}

/// A recognised and read document: what the rules check.
#[derive(Debug, Clone)]
pub struct Document {
    /// What the document is.
    pub info: DocumentInfo,
    /// The normalised lines (with their source numbers).
    pub lines: Vec<Line>,
    /// The tables that could be read.
    pub tables: Vec<Table>,
    /// What could not be read.
    pub problems: Vec<ReadProblem>,
    /// Every table marker found ("01", "1"…) with its source line, read or not.
    pub markers: Vec<(String, usize)>,
    /// The 绩效自评表 found in the attachments.
    pub evaluations: Vec<SelfEvaluation>,
    /// The narrative, read once before the tables.
    pub narrative: crate::narrative::Narrative,
    /// The text as one stream of chars, with its marks sorted by kind, made
    /// once on first use (see [`Document::stream`], [`Document::marks`]).
    pub(crate) stream: std::sync::OnceLock<Streamed>,
    /// The 三公 figures of the narrative, read once on first use: both the
    /// report's counts and SG-001 ask for them.
    pub(crate) sangong: std::sync::OnceLock<crate::narrative::sangong::SangongFacts>,
    /// The marked chars of the lines' squeezed texts (running headers too)
    /// at their offsets in those texts joined, as normalisation found them
    /// (`text::normalise::normalise_marking`): the stream's marks, taken
    /// from here, not found by a scan of its text.
    pub(crate) line_marks: crate::text::stream::MarkSet,
    /// The indexes of the lines that may be a heading
    /// ([`crate::text::headings::may_be_heading`]), as normalisation told them: the
    /// lines' squeezed texts are those it made (the running headers are put
    /// back), so they hold for the rules.
    pub(crate) heading_lines: Vec<usize>,
    /// The squeezed lines joined by "\n", made once for recognition and
    /// segmentation.
    pub(crate) joined: crate::text::joined::Joined,
    /// The indexes of the running page headers (ascending), told once after
    /// recognition ([`crate::furniture`]): blank for the narrative and the
    /// table readers, and left out of the [`Document::stream`], where they
    /// would split a sentence.
    pub(crate) furniture: Vec<usize>,
    /// How the text lost its column positions, if it did
    /// ([`crate::text::lost_positions`]): then its gaps were squeezed, and
    /// its tables are read by order.
    pub(crate) lost: Option<crate::text::lost_positions::Lost>,
    /// Whether the text holds a form feed, as normalisation saw: where it
    /// holds none, every line is on page 1 (no stage adds one).
    pub(crate) form_feeds: bool,
}

impl Document {
    /// The table of a kind read by the corpus-layout readers, if any: the
    /// rules written for those layouts address columns by position, so they
    /// never see a table of the general reader (see [`Document::found`]).
    pub fn table(&self, kind: TableKind) -> Option<&Table> {
        self.tables.iter().find(|t| t.kind == kind && t.grid.is_none())
    }

    /// The table of a kind, however it was read (or only found).
    pub fn found(&self, kind: TableKind) -> Option<&Table> {
        self.tables.iter().find(|t| t.kind == kind)
    }

    /// The tables of the general reader whose cells were read.
    pub fn grid_tables(&self) -> impl Iterator<Item = (&Table, &Grid)> {
        self.tables.iter().filter_map(|t| t.grid.as_deref().filter(|g| g.read).map(|g| (t, g)))
    }

    /// The non-blank chars of the text with their source lines: made once
    /// per document, on first use, however many rules read the text as one
    /// stream (TXT-005 to TXT-007).
    pub(crate) fn stream(&self) -> &crate::text::Stream {
        &self.streamed().stream
    }

    /// The marks of the [`Document::stream`] of one kind, in order (its
    /// [`crate::text::stream::marked`] chars of that kind).
    pub(crate) fn marks(&self, kind: MarkKind) -> &[(usize, char)] {
        self.streamed().by_kind.get(kind as usize).map_or(&[], Vec::as_slice)
    }

    /// The 三公 figures the narrative states ([`crate::narrative::sangong::facts`]),
    /// read once per document however many ask.
    pub(crate) fn sangong_facts(&self) -> &crate::narrative::sangong::SangongFacts {
        self.sangong.get_or_init(|| crate::narrative::sangong::facts(&self.narrative))
    }

    fn streamed(&self) -> &Streamed {
        self.stream.get_or_init(|| Streamed::of(&self.lines, &self.furniture, self.joined.text.len(), &self.line_marks))
    }

    /// The running page headers ([`Document::furniture`]), in order.
    pub(crate) fn furniture_lines(&self) -> impl Iterator<Item = &crate::text::Line> {
        self.furniture.iter().filter_map(|&i| self.lines.get(i))
    }

    /// The lines whose text holds a mark of `kind` (年 or 支), in order: the
    /// kind's marks and the lines walked together (the stream is the lines'
    /// squeezed texts joined in order), not a search per line, a binary
    /// search per mark, nor a pass over every mark. The definition TXT-004's
    /// and TXT-008's tests hold the lines they read to (they read fewer).
    #[cfg(test)]
    pub(crate) fn lines_with(&self, kind: MarkKind) -> Vec<&crate::text::Line> {
        let mut out: Vec<&crate::text::Line> = Vec::new();
        let mut lines = self.lines.iter().enumerate();
        // The running headers are empty in the stream.
        let mut furniture = self.furniture.iter().copied().peekable();
        // The line the walk is on and the stream offset where it ends.
        let (mut line, mut end) = (None, 0usize);
        for &(at, _) in self.marks(kind) {
            while at >= end {
                let Some((i, l)) = lines.next() else { return out };
                let len = if furniture.next_if_eq(&i).is_some() { 0 } else { l.squeezed.len() };
                (line, end) = (Some(l), end.saturating_add(len));
            }
            if let Some(l) = line.filter(|l| out.last().is_none_or(|o| o.no != l.no)) {
                out.push(l);
            }
        }
        out
    }

    /// The lines holding these byte offsets of the [`Document::stream`]'s
    /// text (ascending, as marks and searches give them), each once, in
    /// order (see `Stream::lines_at`). An offset past the text is in the
    /// last line.
    pub(crate) fn lines_at(&self, offsets: impl IntoIterator<Item = usize>) -> Vec<&crate::text::Line> {
        self.numbered(self.stream().lines_at(offsets)).collect()
    }

    /// The lines whose text holds an ASCII letter, in order: found in one
    /// pass over the [`Document::stream`], not one per line.
    pub(crate) fn lines_with_ascii_letters(&self) -> impl Iterator<Item = &crate::text::Line> {
        self.numbered(self.stream().lines_with_ascii_letters())
    }

    /// The lines of these numbers (those there are).
    pub(crate) fn numbered(&self, nos: Vec<usize>) -> impl Iterator<Item = &crate::text::Line> {
        nos.into_iter().filter_map(|no| self.line(no))
    }

    /// The line numbered `no`, if there is one.
    fn line(&self, no: usize) -> Option<&crate::text::Line> {
        // Line `no` is mostly the `no`th (every source line is kept, a blank
        // one as blank): looked at there first, then searched for, as the
        // lines are numbered in order (see `text::normalise`).
        self.lines
            .get(no.wrapping_sub(1))
            .filter(|l| l.no == no)
            .or_else(|| self.lines.binary_search_by_key(&no, |l| l.no).ok().and_then(|i| self.lines.get(i)))
    }

    /// The tables read by the corpus-layout readers.
    pub fn legacy_tables(&self) -> impl Iterator<Item = &Table> {
        self.tables.iter().filter(|t| t.grid.is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Row::role`]'s byte test against its definition: a 计 after 合 or
    /// 总 makes a total, after 小 a subtotal (which wins).
    #[test]
    fn role_by_bytes_is_role_by_words() {
        // Pieces sharing bytes with 合, 总, 小, 计 (and ASCII before a 计).
        let pieces = ["合", "总", "小", "计", "设", "讣", "台", "怂", "尔", "a", "/", "合计", "小计", "总计", "计计", "\u{FFFD}"];
        for label in crate::text::stream::sample_texts(&pieces, 2000) {
            let row = Row { code: None, label: label.clone(), line: None, cells: Vec::new(), source_line: 1 };
            let expected = if label.contains("小计") {
                RowRole::Subtotal
            } else if label.contains("合计") || label.contains("总计") {
                RowRole::Total
            } else {
                RowRole::Detail
            };
            assert_eq!(row.role(), expected, "{label:?}");
        }
        // A code's role is its length up to any '/'.
        for code in ["201", "20101", "2010101", "201/01", "20101/2", "2010101/", "/201", "2", "20", "2010", "201010", "20101010", ""] {
            let row = Row { code: Some(code.to_string()), label: "合计".to_string(), line: None, cells: Vec::new(), source_line: 1 };
            let expected = match code.split('/').next().unwrap_or(code).len() {
                3 => RowRole::Class,
                5 => RowRole::Section,
                7 => RowRole::Item,
                _ => RowRole::Total,
            };
            assert_eq!(row.role(), expected, "{code:?}");
        }
    }

    /// [`Document::marks`], sorted by the low-byte table, holds the stream's
    /// marks of each kind's chars, in order.
    #[test]
    fn marks_by_kind_are_the_marks_of_their_chars() {
        let kind_of = |c: char| match c {
            '支' => MarkKind::Zhi,
            '。' | '；' | ';' => MarkKind::End,
            '（' | '）' | '(' | ')' => MarkKind::Bracket,
            'X' | 'x' | '×' => MarkKind::Ex,
            '年' => MarkKind::Nian,
            _ => MarkKind::Other,
        };
        for c in (0..0x11_0000).filter_map(char::from_u32).filter(|c| crate::text::stream::marked(*c)) {
            assert_eq!(MARK_KIND[(u32::from(c) & 0xFF) as usize], kind_of(c) as u8, "{c}");
        }
        let pieces = ["支出", "支", "。", "；", ";", "（", "）", "(", ")", "X", "x", "×", "，", "、", "年", "字", " ", "a"];
        for text in crate::text::stream::sample_texts(&pieces, 300) {
            let doc = crate::read(&text);
            for kind in [MarkKind::Other, MarkKind::Zhi, MarkKind::End, MarkKind::Bracket, MarkKind::Ex, MarkKind::Nian] {
                let marks = crate::text::stream::marks_by_chars(&doc.stream().text);
                let expected: Vec<(usize, char)> = marks.into_iter().filter(|(_, c)| kind_of(*c) == kind).collect();
                assert_eq!(doc.marks(kind), expected.as_slice(), "{text:?}");
            }
        }
    }

    /// [`Document::lines_with`] by walking the 年 (支) marks and the lines
    /// together is its search of the stream's marks.
    #[test]
    fn lines_with_by_the_walk_are_the_stream_s() {
        let pieces = ["年", "2024年", "支出", "字", " ", "\n", "\n\n", "\n \n", "年年", "a"];
        for text in crate::text::stream::sample_texts(&pieces, 400) {
            let doc = crate::read(&text);
            for (c, kind) in [('年', MarkKind::Nian), ('支', MarkKind::Zhi)] {
                let walked: Vec<usize> = doc.lines_with(kind).iter().map(|l| l.no).collect();
                let searched: Vec<usize> = doc.numbered(doc.stream().lines_with(c)).map(|l| l.no).collect();
                assert_eq!(walked, searched, "{text:?}");
            }
        }
    }

    /// [`Document::lines_at`] is the stream's line of each offset (a binary
    /// search per offset), each line once.
    #[test]
    fn lines_at_are_the_lines_of_each_offset() {
        let pieces = ["年", "支出", "字", "X", "（", " ", "\n", "\n\n", "\n \n", "a", "\u{3000}"];
        for text in crate::text::stream::sample_texts(&pieces, 400) {
            let doc = crate::read(&text);
            let s = doc.stream();
            // Every char's offset, every mark's, every third char's.
            let all: Vec<usize> = s.text.char_indices().map(|(i, _)| i).collect();
            let marks: Vec<usize> = crate::text::stream::marks_by_chars(&s.text).iter().map(|m| m.0).collect();
            let some: Vec<usize> = all.iter().copied().step_by(3).collect();
            for offsets in [all, marks, some, Vec::new()] {
                let mut expected: Vec<usize> = Vec::new();
                for &i in &offsets {
                    let no = s.line_at(i);
                    if expected.last() != Some(&no) {
                        expected.push(no);
                    }
                }
                let walked: Vec<usize> = doc.lines_at(offsets.iter().copied()).iter().map(|l| l.no).collect();
                assert_eq!(walked, expected, "{text:?}");
            }
        }
    }

    /// [`Meaning::of`]'s window test is `contains`.
    #[test]
    fn meaning_by_windows_is_meaning_by_contains() {
        let pieces = [
            "基本支出",
            "项目支出",
            "人员",
            "公用",
            "一般公共预算",
            "政府性基金",
            "国有资本",
            "财政拨款",
            "合计",
            "小计",
            "预算数",
            "基本",
            "支出",
            "人",
            "员",
            "a",
        ];
        for leaf in crate::text::stream::sample_texts(&pieces, 2000) {
            let expected = Meaning::by(&leaf, |w| leaf.contains(w));
            assert_eq!(Meaning::of(std::slice::from_ref(&leaf)), expected, "{leaf:?}");
        }
    }
}
