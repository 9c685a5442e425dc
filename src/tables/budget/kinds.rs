//! Which budget table a printed table is: by its title where one is printed
//! (the one catalogue of titles, [`crate::tables::catalogue`]), else by its
//! header signature.
//!
//! Budgets number their tables differently from region to region (青岛's
//! 公开表7 is a 基本支出表, 烟台's is 三公), so the number is never used.

use crate::model::{DocumentKind, TableKind};
use crate::tables::catalogue;
use crate::text::search;

/// The kind of a budget table from its printed title, its squeezed header
/// text and its notes, and whether the title told it (else the header did).
/// None when nothing identifies it. A title is named by the one catalogue of
/// budget titles ([`catalogue::BUDGET_TITLES`]) the layout reader uses too.
pub fn classify(title: Option<&str>, header: &str, notes: &[(usize, String)]) -> Option<(TableKind, bool)> {
    if let Some(k) = title.and_then(|t| catalogue::kind_of(t, DocumentKind::Budget)) {
        return Some((k, true));
    }
    by_header(header, notes).map(|k| (k, false))
}

/// Header signatures of the standard 部门预算 tables, for documents that print
/// only "公开表N" without titles.
fn by_header(h: &str, notes: &[(usize, String)]) -> Option<TableKind> {
    let has = |w: &str| search::contains(h, w);
    if has("因公出国") && has("公务接待") {
        return Some(TableKind::BSangong);
    }
    if has("经济分类") {
        if has("单位资金") || has("财政专户") {
            return Some(TableKind::BBasicAll);
        }
        if has("政府经济分类") && !has("部门预算支出经济分类") {
            return Some(TableKind::BBasicGovEcon);
        }
        return Some(TableKind::BBasicEcon);
    }
    if has("采购品目") || has("采购类别") {
        return Some(TableKind::BProcurement);
    }
    if has("项目名称") {
        return Some(TableKind::BProjects);
    }
    // Two sides: "收入 支出 / 项目 预算数 项目 …".
    if has("收入支出") && h.matches("项目").count() >= 2 {
        return Some(if has("政府性基金") { TableKind::BFiscal } else { TableKind::BSummary });
    }
    if !(has("科目编码") || has("科目名称")) {
        return None;
    }
    if has("基本支出") && has("项目支出") {
        if has("上缴上级") || has("结转下年") || has("年终结转") {
            return Some(TableKind::BExpenditure);
        }
        // 一般公共预算, 政府性基金 and 国有资本经营 支出表 share one header; an
        // empty one says which fund it is about in its note.
        let said = |w: &str| notes.iter().any(|(_, n)| search::contains(n, w));
        return Some(if said("政府性基金") {
            TableKind::BFund
        } else if said("国有资本经营") {
            TableKind::BCapital
        } else {
            TableKind::BGeneral
        });
    }
    if has("资金来源") {
        // Spending by 功能科目 and source of funds, not split into 基本/项目:
        // the 政府采购 table of the standard template.
        return Some(TableKind::BProcurement);
    }
    if h.matches("收入").count() >= 3 {
        return Some(TableKind::BIncome);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_win_over_numbers() {
        let k = |t: &str| classify(Some(t), "", &[]).map(|x| x.0);
        assert_eq!(k("一般公共预算基本支出表（政府经济分类）"), Some(TableKind::BBasicGovEcon));
        assert_eq!(k("单位一般公共预算“三公”经费支出情况表"), Some(TableKind::BSangong));
        assert_eq!(k("单位预算财政拨款收支总表"), Some(TableKind::BFiscal));
        assert_eq!(k("一般公共预算财政拨款支出表"), Some(TableKind::BGeneral));
        assert_eq!(k("2023年部门预算表"), None);
    }

    /// The marker reader names a title as the layout reader does: the
    /// national template's "…总体情况表" (made-up department here), and a
    /// 财政拨款 基本支出 table is not the 部门 基本支出预算表 of every source.
    #[test]
    fn titles_are_named_as_the_catalogue_names_them() {
        let k = |t: &str| classify(Some(t), "", &[]).map(|x| x.0);
        assert_eq!(k("示例市某局2025年部门收支总体情况表"), Some(TableKind::BSummary));
        assert_eq!(k("财政拨款收支总体情况表"), Some(TableKind::BFiscal));
        assert_eq!(k("部门收入总体情况表"), Some(TableKind::BIncome));
        assert_eq!(k("部门支出总体情况表"), Some(TableKind::BExpenditure));
        assert_eq!(k("财政拨款收支预算总表"), Some(TableKind::BFiscal));
        assert_eq!(k("收支总表"), Some(TableKind::BSummary));
        assert_eq!(k("2019年财政拨款基本支出预算表"), Some(TableKind::BFiscalBasic));
        assert_eq!(k("部门基本支出预算表"), Some(TableKind::BBasicAll));
    }

    #[test]
    fn untitled_tables_by_header_and_note() {
        let h = "单位：万元科目编码科目名称合计基本支出项目支出类款项小计人员支出日常公用支出";
        assert_eq!(classify(None, h, &[]), Some((TableKind::BGeneral, false)));
        let note = vec![(1, "注：2023年没有使用政府性基金预算拨款安排的支出。".to_string())];
        assert_eq!(classify(None, h, &note), Some((TableKind::BFund, false)));
        assert_eq!(classify(None, "单位：万元收入支出项目预算数项目预算数", &[]), Some((TableKind::BSummary, false)));
        assert_eq!(classify(None, "随便什么", &[]), None);
    }
}
