//! The column layouts budget tables are printed in.
//!
//! Budget templates differ by region (烟台 prints 13 income columns, 青岛 10),
//! so the columns are not fixed per table kind: each kind has a few known
//! layouts, and the one whose header signature matches is used. A header
//! that matches none is reported, never forced into a layout.

use crate::model::TableKind;
use crate::text::search;

/// How a table's rows are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// Two sides (收入 | 支出) per line; the income side has `income` value
    /// columns, the expenditure side all of the schema's columns.
    TwoSided {
        /// Value columns of an income entry.
        income: usize,
    },
    /// 科目 rows anchored on codes whose first digit is one of these.
    Coded(&'static [char]),
    /// Rows keyed by a (部门经济分类, 政府经济分类) code pair.
    EconPair,
    /// 项目名称 + 项目类型 rows.
    Projects,
    /// 政府采购 item rows: `[功能科目]名称 [品目]名称 类别` amounts.
    Procurement,
    /// Rows led by 序号 and a label.
    Labelled,
    /// 三公: one line of amounts for two year blocks of six columns.
    SangongYears,
}

pub use crate::model::Source;

/// One known layout of a budget table kind.
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    /// The table kind.
    pub kind: TableKind,
    /// How rows are read.
    pub reader: Reader,
    /// Captions of the value columns, in printed order.
    pub columns: &'static [&'static str],
    /// What each column means.
    pub sources: &'static [Source],
    /// Within-row identities: (total column, part columns).
    pub row_sums: &'static [(usize, &'static [usize])],
    /// Words the squeezed header must contain.
    pub needs: &'static [&'static str],
    /// Words it must not contain.
    pub avoid: &'static [&'static str],
}

use Source as S;

/// The nine fund columns of the 单位资金 tables, then 中小微企业预留份额 (政府采购
/// item rows only).
const FUNDS_9_AND_SME: &[&str] = &[
    "合计",
    "财政拨款小计",
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
    "财政专户管理资金",
    "单位资金",
    "使用非财政拨款结余",
    "上年结转",
    "中小微企业预留份额",
];
const FUNDS_9_AND_SME_SOURCES: &[Source] =
    &[S::None, S::Fiscal, S::Gpb, S::Fund, S::Capital, S::Special, S::UnitFunds, S::Surplus, S::CarryIn, S::SmeShare];
const FUNDS_9: &[&str] = FUNDS_9_AND_SME.split_at(9).0;
const FUNDS_9_SOURCES: &[Source] = FUNDS_9_AND_SME_SOURCES.split_at(9).0;
const FUNDS_9_SUMS: &[(usize, &[usize])] = &[(0, &[1, 5, 6, 7, 8]), (1, &[2, 3, 4])];

/// Every known layout. Within a kind, the first whose signature matches wins.
pub const SCHEMAS: &[Schema] = &[
    // Not the summary printed in three panels, its 支出 by 功能分类 beside
    // 支出 by 用途 (江苏): two sides cannot hold it; the layout reader reads it.
    Schema {
        kind: TableKind::BSummary,
        reader: Reader::TwoSided { income: 1 },
        columns: &["预算数"],
        sources: &[S::None],
        row_sums: &[],
        needs: &[],
        avoid: &["功能分类支出用途"],
    },
    Schema {
        kind: TableKind::BFiscal,
        reader: Reader::TwoSided { income: 1 },
        columns: &["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
        sources: &[S::None, S::Gpb, S::Fund, S::Capital],
        row_sums: &[(0, &[1, 2, 3])],
        needs: &[],
        avoid: &[],
    },
    // 部门收入总表 (烟台): 财政拨款 split into the three budgets, then other sources.
    income(
        &[
            "合计",
            "财政拨款收入小计",
            "一般公共预算收入",
            "政府性基金预算收入",
            "国有资本经营预算收入",
            "财政专户管理资金收入",
            "事业收入",
            "事业单位经营收入",
            "其他收入",
            "上级补助收入",
            "附属单位上缴收入",
            "使用非财政拨款结余",
            "上年结转",
        ],
        &[
            S::None,
            S::Fiscal,
            S::Gpb,
            S::Fund,
            S::Capital,
            S::Special,
            S::Business,
            S::Operating,
            S::Other,
            S::Upper,
            S::Affiliated,
            S::Surplus,
            S::CarryIn,
        ],
        &[(0, &[1, 5, 6, 7, 8, 9, 10, 11, 12]), (1, &[2, 3, 4])],
        &["一般公共预算收入", "政府性基金预算收入", "使用非财政拨款结余"],
    ),
    // 单位预算收入总表 (青岛): 本年收入 by source, then 上年结转. The header text
    // prints 上年结转 before 小计, but 合计 = 小计 + 上年结转 shows it is last.
    income(
        &[
            "合计",
            "本年收入小计",
            "财政拨款收入",
            "财政专户收入",
            "事业收入",
            "经营收入",
            "上级补助收入",
            "附属单位上缴收入",
            "其他收入",
            "上年结转",
        ],
        &[S::None, S::None, S::Fiscal, S::Special, S::Business, S::Operating, S::Upper, S::Affiliated, S::Other, S::CarryIn],
        &[(0, &[1, 9]), (1, &[2, 3, 4, 5, 6, 7, 8])],
        &["本年收入", "财政专户收入", "上年结转"],
    ),
    expenditure(
        &["合计", "基本支出", "项目支出", "上缴上级支出", "对附属单位补助支出", "事业单位经营支出", "结转下年"],
        &[S::None, S::Basic, S::Project, S::ToUpper, S::ToAffiliated, S::OperatingSpend, S::CarryOut],
        &["基本支出", "项目支出", "结转下年"],
    ),
    expenditure(
        &["本年支出合计", "基本支出", "项目支出", "经营支出", "上缴上级支出", "对附属单位补助支出", "年终结转结余"],
        &[S::None, S::Basic, S::Project, S::OperatingSpend, S::ToUpper, S::ToAffiliated, S::CarryOut],
        &["基本支出", "项目支出", "年终结转结余"],
    ),
    gpb_like(TableKind::BGeneral, &["合计", "基本支出小计", "人员支出", "日常公用支出", "项目支出"], &["人员支出", "日常公用支出"]),
    gpb_like(TableKind::BGeneral, &["合计", "基本支出小计", "人员经费", "公用经费", "项目支出"], &["人员经费", "公用经费"]),
    gpb_short(TableKind::BGeneral),
    gpb_like(TableKind::BFund, &["合计", "基本支出小计", "人员支出", "日常公用支出", "项目支出"], &["人员支出", "日常公用支出"]),
    gpb_like(TableKind::BFund, &["合计", "基本支出小计", "人员经费", "公用经费", "项目支出"], &["人员经费", "公用经费"]),
    gpb_short(TableKind::BFund),
    gpb_like(TableKind::BCapital, &["合计", "基本支出小计", "人员支出", "日常公用支出", "项目支出"], &["人员支出", "日常公用支出"]),
    gpb_like(TableKind::BCapital, &["合计", "基本支出小计", "人员经费", "公用经费", "项目支出"], &["人员经费", "公用经费"]),
    gpb_short(TableKind::BCapital),
    // 基本支出 by (部门, 政府) economic code pairs (烟台 表6).
    Schema {
        kind: TableKind::BBasicEcon,
        reader: Reader::EconPair,
        columns: &["小计", "人员支出", "日常公用支出"],
        sources: &[S::Basic, S::Personnel, S::Public],
        row_sums: &[(0, &[1, 2])],
        needs: &["部门预算支出经济分类", "政府预算支出经济分类", "人员支出"],
        avoid: &["单位资金"],
    },
    basic_split(TableKind::BBasicEcon, &['3']),
    basic_split(TableKind::BBasicGovEcon, &['5']),
    funds_9(TableKind::BBasicAll, Reader::EconPair, &["部门预算支出经济分类", "单位资金"], &[]),
    funds_9(TableKind::BProjects, Reader::Projects, &["项目名称", "单位资金"], &[]),
    funds_9(TableKind::BProcurement, Reader::Coded(&['2']), &["科目编码", "单位资金"], &["采购品目"]),
    // 政府采购预算表 with item rows (青岛). The 中小微企业预留份额 header is printed
    // before 合计, but every row has first = last, so its place cannot be told
    // from the numbers; it is taken as the last column, after the sources.
    Schema {
        kind: TableKind::BProcurement,
        reader: Reader::Procurement,
        columns: FUNDS_9_AND_SME,
        sources: FUNDS_9_AND_SME_SOURCES,
        row_sums: FUNDS_9_SUMS,
        needs: &["采购品目", "中小微企业预留"],
        avoid: &[],
    },
    Schema {
        kind: TableKind::BSangong,
        reader: Reader::SangongYears,
        columns: &crate::tables::sangong09::COLUMNS,
        sources: &[S::None; 6],
        row_sums: &[(0, &[1, 2, 5]), (2, &[3, 4])],
        needs: &["年预算数"],
        avoid: &[],
    },
    Schema {
        kind: TableKind::BSangong,
        reader: Reader::Labelled,
        columns: &["合计", "一般公共预算财政拨款", "政府性基金财政拨款", "国有资本经营预算财政拨款"],
        sources: &[S::None, S::Gpb, S::Fund, S::Capital],
        row_sums: &[(0, &[1, 2, 3])],
        needs: &["一般公共预算财政拨款"],
        avoid: &[],
    },
];

/// 部门收入总表 (two templates): read by their 2xx codes, every column a
/// source of income.
const fn income(
    columns: &'static [&'static str],
    sources: &'static [Source],
    row_sums: &'static [(usize, &'static [usize])],
    needs: &'static [&'static str],
) -> Schema {
    Schema { kind: TableKind::BIncome, reader: Reader::Coded(&['2']), columns, sources, row_sums, needs, avoid: &[] }
}

/// 部门支出总表 (two templates): 合计 = the five kinds of spending, 结转 aside.
const fn expenditure(columns: &'static [&'static str], sources: &'static [Source], needs: &'static [&'static str]) -> Schema {
    Schema {
        kind: TableKind::BExpenditure,
        reader: Reader::Coded(&['2']),
        columns,
        sources,
        row_sums: &[(0, &[1, 2, 3, 4, 5])],
        needs,
        avoid: &[],
    }
}

/// 基本支出 as 合计 · 人员经费 · 公用经费, by codes whose first digit is one of `first`.
const fn basic_split(kind: TableKind, first: &'static [char]) -> Schema {
    Schema {
        kind,
        reader: Reader::Coded(first),
        columns: &["合计", "人员经费", "公用经费"],
        sources: &[S::Basic, S::Personnel, S::Public],
        row_sums: &[(0, &[1, 2])],
        needs: &["人员经费", "公用经费"],
        avoid: &[],
    }
}

/// The nine fund columns of [`FUNDS_9`] (单位资金 tables).
const fn funds_9(kind: TableKind, reader: Reader, needs: &'static [&'static str], avoid: &'static [&'static str]) -> Schema {
    Schema { kind, reader, columns: FUNDS_9, sources: FUNDS_9_SOURCES, row_sums: FUNDS_9_SUMS, needs, avoid }
}

const fn gpb_like(kind: TableKind, columns: &'static [&'static str], needs: &'static [&'static str]) -> Schema {
    Schema {
        kind,
        reader: Reader::Coded(&['2']),
        columns,
        sources: &[S::None, S::Basic, S::Personnel, S::Public, S::Project],
        row_sums: &[(0, &[1, 4]), (1, &[2, 3])],
        needs,
        avoid: &[],
    }
}

/// 合计 · 基本支出 · 项目支出, without the 人员/公用 split (青岛 政府性基金表).
const fn gpb_short(kind: TableKind) -> Schema {
    Schema {
        kind,
        reader: Reader::Coded(&['2']),
        columns: &["合计", "基本支出", "项目支出"],
        sources: &[S::None, S::Basic, S::Project],
        row_sums: &[(0, &[1, 2])],
        needs: &["基本支出", "项目支出"],
        avoid: &["人员", "公用"],
    }
}

/// The layout of a table of `kind` whose squeezed header text is `header`.
pub fn pick(kind: TableKind, header: &str) -> Option<&'static Schema> {
    SCHEMAS
        .iter()
        .filter(|s| s.kind == kind)
        .find(|s| s.needs.iter().all(|w| search::contains(header, w)) && !s.avoid.iter().any(|w| search::contains(header, w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_is_consistent() {
        for s in SCHEMAS {
            assert_eq!(s.columns.len(), s.sources.len(), "{:?} {:?}", s.kind, s.columns);
            for (t, parts) in s.row_sums {
                assert!(*t < s.columns.len() && parts.iter().all(|p| p < &s.columns.len() && p != t), "{:?}", s.kind);
            }
        }
    }

    /// A summary printed in three panels (收入 | 支出 by 功能分类 | 支出 by
    /// 用途, squeezed header of a made-up one) fits no two-sided layout:
    /// the marker reader leaves it to the layout reader, whatever its title.
    #[test]
    fn a_summary_in_three_panels_is_not_two_sided() {
        let three = "部门：示例市某局单位：元收入支出功能分类支出用途项目名称金额功能科目名称金额项目名称金额";
        assert!(pick(TableKind::BSummary, three).is_none());
        assert!(pick(TableKind::BSummary, "单位：万元收入支出项目预算数项目预算数").is_some());
    }

    /// The layout a read table was read with (by kind and column captions).
    fn of(t: &crate::model::Table) -> Option<&'static Schema> {
        SCHEMAS
            .iter()
            .find(|s| s.kind == t.kind && s.columns.len() == t.columns.len() && s.columns.iter().zip(&t.columns).all(|(a, b)| a == b))
    }

    /// The model carries what the rules need of a layout: each column's
    /// source as the layout the table was read with has it, and each row of a
    /// two-sided table what its words state on its side.
    #[test]
    fn read_tables_carry_their_layout() {
        use crate::tables::budget::joint::label_source;
        for name in ["yantai-office-2023-budget.txt", "qingdao-office-2023-budget.txt", "layout-budget-sample.txt"] {
            let doc = crate::read(&crate::fixture(name));
            let mut sided = 0;
            for t in doc.legacy_tables().filter(|t| t.kind.is_budget()) {
                assert_eq!(t.sources, of(t).map(|s| s.sources.to_vec()).unwrap_or_default(), "{name} {}", t.no());
                assert_eq!(t.stated.len(), if t.sides.is_some() { t.rows.len() } else { 0 }, "{name} {}", t.no());
                for (i, r) in t.rows.iter().enumerate() {
                    if let Some(side) = t.side(i) {
                        sided += 1;
                        assert_eq!(t.stated(i), label_source(&r.label, side), "{name} {} {}", t.no(), r.label);
                    }
                }
            }
            assert!(sided > 0 || name.starts_with("layout"), "{name}: no two-sided table");
        }
    }

    #[test]
    fn layouts_are_told_apart_by_their_headers() {
        let yantai_income = "科目编码科目名称合计财政拨款收入财政专户管理资金收入收入事业单位经营收入其他收入上级补助收入附属单位上缴收入使用非财政拨款结余上年结转类款项小计一般公共预算收入政府性基金预算收入国有资本经营预算收入";
        assert_eq!(pick(TableKind::BIncome, yantai_income).map(|s| s.columns.len()), Some(13));
        let qingdao_income = "单位预算收入总表序号功能分类科目合计本年收入上年结转科目编码科目名称小计财政拨款收入财政专户收入事业收入经营收入上级补助收入附属单位上缴收入其他收入栏次123456789101112";
        assert_eq!(pick(TableKind::BIncome, qingdao_income).map(|s| s.columns.len()), Some(10));
        assert!(pick(TableKind::BIncome, "科目编码科目名称合计").is_none());
        assert_eq!(pick(TableKind::BFund, "合计基本支出项目支出科目编码科目名称栏次12345").map(|s| s.columns.len()), Some(3));
    }
}
