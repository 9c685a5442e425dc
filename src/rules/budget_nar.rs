//! A budget's 情况说明 against its tables: 三公 amounts and year-on-year
//! changes, the reasons given for them, 政府采购, 机关运行经费.

use rust_decimal::Decimal;

use super::budget::{settled, sums_equal, total_rows, BUDGET, QB, YB};
use super::identity::{describe, nowhere, CellRef};
use super::{Family, Finding, Fixture, Rule, Severity};
use crate::model::Source;
use crate::model::{Document, Row, Table, TableKind};
use crate::narrative::stated::SangongClaim;
use crate::narrative::stated::CATEGORIES;

/// Names of the 三公 columns, for messages: the six 三公 categories, then the
/// 会议费 and 培训费 a Jiangsu table prints beside them.
const NAMES: [&str; 8] = [
    "“三公”经费合计",
    "因公出国（境）费",
    "公务用车购置及运行维护费",
    "公务用车购置费",
    "公务用车运行维护费",
    "公务接待费",
    "会议费",
    "培训费",
];

/// The 三公 table's cell for a category: (row, column) of the current year,
/// and of the previous year when the table prints it.
struct Sangong<'a> {
    t: &'a Table,
    current: Vec<Option<(&'a Row, usize)>>,
    prior: Vec<Option<(&'a Row, usize)>>,
}

fn sangong(doc: &Document) -> Option<Sangong<'_>> {
    sangong_in(doc, doc.table(TableKind::BSangong)?)
}

fn sangong_in<'a>(doc: &'a Document, t: &'a Table) -> Option<Sangong<'a>> {
    if t.columns.len() == 6 {
        // Year blocks: the row of the document's year is current, the other prior.
        let cur = t
            .rows
            .iter()
            .position(|r| doc.info.year.is_some_and(|y| r.label.starts_with(&y.to_string())))
            .unwrap_or(t.rows.len().saturating_sub(1));
        let row = |i: usize| t.rows.get(i).filter(|_| settled(t, i));
        let current = (0..6).map(|c| row(cur).map(|r| (r, c))).collect();
        let prior = (0..6).map(|c| if cur >= 1 { row(cur - 1).map(|r| (r, c)) } else { None }).collect();
        return Some(Sangong { t, current, prior });
    }
    // One row, one column per category ("合计 | “三公”经费 › 小计 | 因公出国（境）费 …
    // | 会议费 | 培训费", Jiangsu; "合计 | 因公出国(境)费 | 公务接待费 | 公务用车购置及
    // 运行费 › 小计 | 购置费 | 运行费 | 机关运行经费", Shanghai): each category by
    // its column heading.
    let last = |h: &str| h.rsplit('›').next().unwrap_or(h).trim().to_string();
    let has = |w: &str| t.columns.iter().any(|h| last(h).contains(w));
    if t.rows.len() == 1 && settled(t, 0) && has("因公出国") && has("公务接待") {
        let col = |p: &dyn Fn(&str, &str) -> bool| t.columns.iter().position(|h| p(h, &last(h)));
        let extra = has("会议费") || has("培训费");
        let cols = [
            if extra { col(&|h, l| l == "小计" && !h.contains("购置")) } else { col(&|_, l| l == "合计") },
            col(&|_, l| l.contains("因公出国")),
            col(&|h, l| (l == "小计" && h.contains("购置及运行")) || l.contains("购置及运行")),
            col(&|_, l| l.contains("购置费") && !l.contains("运行")),
            col(&|_, l| l.contains("运行") && l.ends_with('费') && !l.contains("购置") && !l.contains("机关")),
            col(&|_, l| l.contains("公务接待")),
            col(&|_, l| l == "会议费"),
            col(&|_, l| l == "培训费"),
        ];
        let r = &t.rows[0];
        let current = cols.iter().map(|c| c.map(|c| (r, c))).collect();
        return Some(Sangong { t, current, prior: vec![None; 6] });
    }
    // One row per category, the 合计 column first.
    let find = |p: &dyn Fn(&str) -> bool| t.rows.iter().enumerate().find(|(i, r)| settled(t, *i) && p(&r.label)).map(|(_, r)| (r, 0));
    let current = vec![
        find(&|l| l.contains("三公")).or_else(|| find(&|l| l == "合计")),
        find(&|l| l.contains("因公出国")),
        find(&|l| l.contains("购置及运行")),
        find(&|l| l.contains("购置费") && !l.contains("运行")),
        find(&|l| l.contains("运行维护费") && !l.contains("购置")),
        find(&|l| l.contains("公务接待")),
    ];
    Some(Sangong { t, current, prior: vec![None; 6] })
}

fn value(cell: Option<(&Row, usize)>) -> Decimal {
    cell.and_then(|(r, c)| r.value(c)).unwrap_or_default()
}

/// A finding about a narrative claim: (expected, actual) as the rule sees them.
fn claim_finding(
    rule: &'static str,
    severity: Severity,
    message: String,
    t: &Table,
    cell: Option<(&Row, usize)>,
    (expected, actual): (Option<Decimal>, Option<Decimal>),
    line: usize,
) -> Finding {
    Finding {
        rule,
        severity,
        message,
        table: Some(t.no()),
        row: cell.map(|(r, _)| describe(r)),
        column: cell.and_then(|(_, c)| t.columns.get(c).cloned()),
        expected,
        actual,
        difference: match (expected, actual) {
            (Some(e), Some(a)) => a.checked_sub(e),
            _ => None,
        },
        source_line: Some(line),
        page: None,
        related: cell
            .map(|(r, c)| CellRef {
                table: t.no(),
                row: describe(r),
                column: t.columns.get(c).cloned(),
                source_line: r.cells.get(c).map_or(r.source_line, |x| x.source_line),
                place: None,
            })
            .into_iter()
            .collect(),
        also: Vec::new(),
        place: None,
    }
}

/// 三公 amounts and changes stated in the narrative = the table.
pub const SANGONG_CLAIMS: Rule = Rule {
    id: "NAR-101",
    family: Family::Nar,
    severity: Severity::Error,
    title: "“三公”经费情况说明中的金额和增减额与“三公”经费表一致",
    why: "情况说明会写“三公”经费预算共多少、比上年增加或减少多少。这些数应当与“三公”经费表一致：金额等于表中本年预算数，增减额等于本年减上年。表里没有上年数时，由各项所述增减额推算出的上年数也应当自相吻合（合计等于各项之和）。江苏等地的表在“三公”经费旁还列出会议费、培训费，说明中所述的这两项同样与表核对。按四舍五入只差最后一位以内的不算不符。增减幅度与增减额是否相符由 NAR-008 核对。",
    applies_to: BUDGET,
    needs: &[],
    check: check_sangong_claims,
    fixtures: &[
        Fixture::fires(YB, &[("比上年增加71.70万元", "比上年增加70.70万元")]),
        Fixture::fires(QB, &[("因公出国（境）经费91.00万", "因公出国（境）经费81.00万")]),
        Fixture::fires(QB, &[("公务接待费280.00万元，与上一年相比，减少5.00万元", "公务接待费280.00万元，与上一年相比，减少15.00万元")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_sangong_claims(doc: &crate::model::Document, sink: &mut super::Sink) {
    // However the table was read: a Jiangsu or Shanghai one-row table is read
    // by its headings.
    let Some(s) = doc.found(TableKind::BSangong).and_then(|t| sangong_in(doc, t)) else {
        sink.skip("缺少“三公”经费预算表，未核对".to_string());
        return;
    };
    let claims = &doc.narrative.stated.sangong;
    if claims.is_empty() {
        sink.skip("情况说明中没有找到“三公”经费的金额，未核对".to_string());
        return;
    }
    let rule = "NAR-101";
    for c in claims.iter().chain(&doc.narrative.stated.meetings_training) {
        let Some(cur) = s.current.get(c.column).copied().flatten() else { continue };
        let Some(name) = NAMES.get(c.column) else { continue };
        let have = value(Some(cur));
        // One quantity printed twice: the digits agree at the coarser
        // precision ("80" and "80.00"); a difference rounding allows is none.
        // A blank cell is an exact zero.
        let cell = cur.0.value(cur.1).map_or((Decimal::ZERO, Decimal::ZERO), crate::rounding::printed);
        if crate::rounding::same_quantity(crate::rounding::printed(c.amount), cell) == crate::rounding::Verdict::Mismatch {
            sink.push(claim_finding(
                rule,
                Severity::Error,
                format!("情况说明（第{}行）称{name}为 {} 万元，但公开表{}中为 {have} 万元。", c.line, c.amount, s.t.no()),
                s.t,
                Some(cur),
                (Some(c.amount), Some(have)),
                c.line,
            ));
            continue;
        }
        let prior = s.prior.get(c.column).copied().flatten();
        if let (Some(change), Some(p)) = (c.change, prior) {
            let Some(delta) = have.checked_sub(value(Some(p))) else { continue };
            if delta != change {
                sink.push(claim_finding(
                    rule,
                    Severity::Error,
                    format!(
                        "情况说明（第{}行）称{name}比上年{} {} 万元，但公开表{}中本年 {have} 减上年 {} 为 {delta} 万元。",
                        c.line,
                        verb(change),
                        change.abs(),
                        s.t.no(),
                        value(Some(p))
                    ),
                    s.t,
                    Some(cur),
                    (Some(delta), Some(change)),
                    c.line,
                ));
                continue;
            }
        }
    }
    // Without the previous year in the table: the implied previous-year
    // parts must add up like the table's own identities.
    if s.prior.iter().all(Option::is_none) {
        let implied = |col: usize| claims.iter().find(|c| c.column == col).and_then(SangongClaim::prior);
        for (total, parts, what) in
            [(0, &[1, 2, 5][..], "因公出国（境）费、公务用车购置及运行费、公务接待费"), (2, &[3, 4][..], "公务用车购置费与运行维护费")]
        {
            let (Some(t), Some(ps)) = (implied(total), parts.iter().map(|p| implied(*p)).collect::<Option<Vec<_>>>()) else { continue };
            let Some(sum) = crate::checked::sum(ps.iter().copied()) else { continue };
            if sum != t {
                let line = claims.iter().find(|c| c.column == total).map_or(0, |c| c.line);
                sink.push(claim_finding(
                    rule,
                    Severity::Error,
                    format!("按情况说明所述增减额推算，上年{}为 {t} 万元，而上年{what}推算之和为 {sum} 万元，两者应当相等。", NAMES[total]),
                    s.t,
                    None,
                    (Some(sum), Some(t)),
                    line,
                ));
            }
        }
    }
}

fn verb(d: Decimal) -> &'static str {
    if d.is_sign_negative() {
        "减少"
    } else {
        "增加"
    }
}

/// Category words a reason may cite, with their 三公 column.
const REASON_WORDS: [(&[&str], usize, &str); 4] = [
    (&["购置"], 3, "公务用车购置费"),
    (&["运维", "运行维护"], 4, "公务用车运行维护费"),
    (&["接待"], 5, "公务接待费"),
    (&["出国"], 1, "因公出国（境）费"),
];

/// A reason that cites an item's increase (or decrease) while the table shows
/// it did not change that way.
pub const SANGONG_REASONS: Rule = Rule {
    id: "NAR-102",
    family: Family::Nar,
    severity: Severity::Warning,
    title: "“三公”经费增减原因与表中数字相符",
    why: "情况说明解释“三公”经费为什么增减，例如“新旧公务用车替换，相关购置及运维费增加”。如果表中某一项其实没有增加（例如公务用车购置费两年都是0），这个解释就与数字不符：要么原因写得不准确，要么数字有误。这不一定是错误，但值得追问。",
    applies_to: BUDGET,
    needs: &[TableKind::BSangong],
    check: check_sangong_reasons,
    fixtures: &[
        // As published: "相关购置及运维费增加" while 购置费 is 0.00 in both years.
        Fixture::fires(YB, &[]),
        Fixture::quiet(QB),
        // The same reason without 购置 fits the numbers (运维 rose by 48.00).
        Fixture {
            document: YB,
            edits: &[("相关购置及运维费增加", "相关运维费增加"), ("相关购置及运维费增加", "相关运维费增加")],
            expect: super::Expect::Quiet,
        },
    ],
};

fn check_sangong_reasons(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(s) = sangong(doc) else { return };
    let claims = &doc.narrative.stated.sangong;
    // The change of a column: from the table when it prints both years,
    // else as the narrative states it.
    let change = |col: usize| -> Option<Decimal> {
        match (s.current.get(col).copied().flatten(), s.prior.get(col).copied().flatten()) {
            (Some(c), Some(p)) => value(Some(c)).checked_sub(value(Some(p))),
            _ => claims.iter().find(|c| c.column == col).and_then(|c| c.change),
        }
    };
    let mut seen: Vec<(usize, String)> = Vec::new();
    for c in claims {
        let Some((reason, line)) = &c.reason else { continue };
        for clause in reason.split(['；', '，', '、', '。']) {
            let up = ["增加", "增长", "上升"].iter().any(|w| clause.contains(w));
            let down = ["减少", "下降", "压减"].iter().any(|w| clause.contains(w));
            if up == down {
                continue;
            }
            for (words, col, name) in REASON_WORDS {
                if !words.iter().any(|w| clause.contains(w)) {
                    continue;
                }
                let Some(d) = change(col) else { continue };
                let contradicts = if up { d <= Decimal::ZERO } else { d >= Decimal::ZERO };
                if !contradicts || seen.iter().any(|(k, r)| *k == col && r == clause) {
                    continue;
                }
                let lines: Vec<String> = claims
                    .iter()
                    .filter_map(|x| x.reason.as_ref())
                    .filter(|(r, _)| r.split(['；', '，', '、', '。']).any(|cl| cl == clause))
                    .map(|(_, l)| format!("第{l}行"))
                    .collect();
                seen.push((col, clause.to_string()));
                let cur = s.current.get(col).copied().flatten();
                let said = if up { "增加" } else { "减少" };
                let actual = match d.cmp(&Decimal::ZERO) {
                    std::cmp::Ordering::Equal => "与上年持平".to_string(),
                    std::cmp::Ordering::Greater => format!("比上年增加 {d} 万元"),
                    std::cmp::Ordering::Less => format!("比上年减少 {} 万元", d.abs()),
                };
                let both_zero = d.is_zero() && value(cur).is_zero();
                sink.push(claim_finding(
                    "NAR-102",
                    Severity::Warning,
                    format!(
                        "情况说明（{}）以“{clause}”解释“三公”经费的变化，说{name}{said}，但公开表{}中{name}{}{actual}。原因说明与数字不符。",
                        lines.join("、"),
                        s.t.no(),
                        if both_zero { "两年均为0，" } else { "" },
                    ),
                    s.t,
                    cur,
                    (None, Some(d)),
                    *line,
                ));
            }
        }
    }
}

/// 政府采购 in the narrative = the 政府采购预算表.
pub const PROCUREMENT: Rule = Rule {
    id: "NAR-103",
    family: Family::Nar,
    severity: Severity::Error,
    title: "政府采购情况说明与政府采购预算表一致（总额和货物、工程、服务各类）",
    why: "情况说明会写政府采购预算总额，以及其中货物、工程、服务各多少。总额应等于政府采购预算表的合计；表中列出采购类别时，每一类也应等于表中该类各项之和。对不上，说明说明文字或采购表至少有一处写错。",
    applies_to: BUDGET,
    needs: &[TableKind::BProcurement],
    check: check_procurement,
    fixtures: &[
        Fixture::fires(YB, &[("2023年政府采购预算917.60万元", "2023年政府采购预算927.60万元")]),
        Fixture::fires(QB, &[("政府采购货物\n\n预算82.25万元", "政府采购货物\n\n预算72.25万元"), ("政府采购服务预算\n\n5,887.84万元", "政府采购服务预算\n\n5,897.84万元")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_procurement(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t) = doc.table(TableKind::BProcurement) else { return };
    let said = &doc.narrative.stated;
    let Some((total, line)) = said.procurement_total else {
        sink.skip("情况说明中没有找到政府采购预算总额，未核对".to_string());
        return;
    };
    if let Some(rows) = total_rows(t) {
        sums_equal(sink, t, &rows, 0, vec![nowhere(Some(total))], &format!("情况说明（第{line}行）所述政府采购预算总额"));
    }
    // 货物 + 工程 + 服务 = 总额 within the narrative is NAR-014's; here each
    // category is held against the table.
    let parts = CATEGORIES.iter().zip(said.procurement_parts);
    // Per category, where the table lists one per item.
    let items: Vec<&Row> = t.rows.iter().filter(|r| r.code.as_deref().is_some_and(|c| c.contains('/'))).collect();
    if items.is_empty() || (0..t.rows.len()).any(|i| !settled(t, i)) {
        return;
    }
    for (c, p) in parts {
        let Some((v, l)) = p else { continue };
        let mine: Vec<&Row> = items.iter().copied().filter(|r| r.label.ends_with(&format!("（{c}）"))).collect();
        let Some(sum) = crate::checked::sum(mine.iter().filter_map(|r| r.value(0))) else { continue };
        if sum != v {
            sink.push(Finding {
                rule: "NAR-103",
                severity: Severity::Error,
                message: format!(
                    "情况说明（第{l}行）称政府采购{c}预算 {v} 万元，但公开表{}中采购类别为“{c}”的{}项之和为 {sum} 万元。",
                    t.no(),
                    mine.len()
                ),
                table: Some(t.no()),
                row: None,
                column: t.columns.first().cloned(),
                expected: Some(sum),
                actual: Some(v),
                difference: v.checked_sub(sum),
                source_line: Some(l),
                page: None,
                related: mine
                    .iter()
                    .map(|r| CellRef {
                        table: t.no(),
                        row: describe(r),
                        column: t.columns.first().cloned(),
                        source_line: r.source_line,
                        place: None,
                    })
                    .collect(),
                also: Vec::new(),
                place: None,
            });
        }
    }
}

/// 机关运行经费 = total 公用经费, or 公用经费 of the 行政运行 rows.
pub const RUNNING_COSTS: Rule = Rule {
    id: "NAR-104",
    family: Family::Nar,
    severity: Severity::Warning,
    title: "机关运行经费与一般公共预算支出表的公用经费相符",
    why: "机关运行经费是行政单位用于办公、水电、公务用车运行等的公用经费。各地口径有两种：一般公共预算的全部公用经费，或只算“行政运行”科目的公用经费。情况说明所述金额应当等于其中一种；两种都不符，就说不清这笔钱是怎么算出来的。",
    applies_to: BUDGET,
    needs: &[TableKind::BGeneral],
    check: check_running_costs,
    fixtures: &[
        Fixture::fires(YB, &[("机关运行经费安排608.27万元", "机关运行经费安排618.27万元")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_running_costs(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(g) = doc.table(TableKind::BGeneral) else { return };
    let Some(pc) = g.column(Source::Public) else { return };
    let Some((v, line)) = doc.narrative.stated.running_costs else {
        sink.skip("情况说明中没有找到机关运行经费的金额，未核对".to_string());
        return;
    };
    let Some(rows) = total_rows(g) else { return };
    let Some(total) = crate::checked::sum(rows.iter().filter_map(|i| g.rows[*i].value(pc))) else {
        sink.skip(format!("机关运行经费的表内合计：{}", crate::checked::TOO_LARGE));
        return;
    };
    // 行政运行 is the 01 项 of each 款 ("2010301").
    let admin: Vec<&Row> = g
        .rows
        .iter()
        .enumerate()
        .filter(|(i, r)| settled(g, *i) && r.code.as_deref().is_some_and(|c| c.len() == 7 && c.ends_with("01")))
        .map(|(_, r)| r)
        .collect();
    let Some(admin_sum) = crate::checked::sum(admin.iter().filter_map(|r| r.value(pc))) else {
        sink.skip(format!("机关运行经费的行政运行合计：{}", crate::checked::TOO_LARGE));
        return;
    };
    if v == total || (!admin.is_empty() && v == admin_sum) {
        return;
    }
    let first = g.rows.get(rows[0]);
    sink.push(Finding {
        rule: "NAR-104",
        severity: Severity::Warning,
        message: format!(
            "情况说明（第{line}行）称机关运行经费 {v} 万元，既不等于公开表{}的公用经费合计 {total} 万元，也不等于其中“行政运行”科目的公用经费 {admin_sum} 万元。",
            g.no()
        ),
        table: Some(g.no()),
        row: first.map(describe),
        column: g.columns.get(pc).cloned(),
        expected: Some(total),
        actual: Some(v),
        difference: v.checked_sub(total),
        source_line: Some(line),
        page: None,
        related: admin.iter().map(|r| CellRef { table: g.no(), row: describe(r), column: g.columns.get(pc).cloned(), source_line: r.source_line, place: None }).collect(),
        also: Vec::new(),
        place: None,
    });
}

/// A finding with no table cell of its own (a 绩效目标表 of the narrative).
fn plain(
    rule: &'static str,
    message: String,
    table: Option<&Table>,
    (expected, actual): (Option<Decimal>, Option<Decimal>),
    line: usize,
) -> Finding {
    Finding {
        rule,
        severity: Severity::Error,
        message,
        table: table.map(Table::no),
        row: None,
        column: None,
        expected,
        actual,
        difference: match (expected, actual) {
            (Some(e), Some(a)) => a.checked_sub(e),
            _ => None,
        },
        source_line: Some(line),
        page: None,
        related: Vec::new(),
        also: Vec::new(),
        place: None,
    }
}

/// 项目绩效目标表: each adds up, and together they cover the 项目支出.
pub const PERFORMANCE_TOTALS: Rule = Rule {
    id: "PERF-101",
    family: Family::Perf,
    severity: Severity::Error,
    title: "项目绩效目标表的资金与项目支出一致",
    why: "部门要为每个预算项目编制绩效目标表，写明年度预算资金及其中财政拨款和其他资金。每张表的资金应当加得上；部门说“全面实施绩效目标管理”时，各表资金之和应等于项目支出总额，情况说明所说的项目个数和金额也应与这些表一致。对不上，说明有项目没有绩效目标，或金额写错了。",
    applies_to: BUDGET,
    needs: &[],
    check: check_performance_totals,
    fixtures: &[
        Fixture::fires(YB, &[("其中：财政拨款 3300", "其中：财政拨款 3200")]),
        Fixture::fires(QB, &[("预算数 7104.00", "预算数 7204.00"), ("7104.00 其他资金", "7204.00 其他资金")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_performance_totals(doc: &crate::model::Document, sink: &mut super::Sink) {
    let tables = &doc.narrative.stated.performance;
    if tables.is_empty() {
        sink.skip("没有找到项目绩效目标表，未核对".to_string());
        return;
    }
    for p in tables {
        let Some(fiscal) = p.fiscal else { continue };
        let Some(sum) = fiscal.checked_add(p.other.unwrap_or_default()) else { continue };
        if sum != p.total {
            sink.push(plain(
                "PERF-101",
                format!(
                    "第{}行起的绩效目标表（{}）年度预算资金为 {}，但财政拨款 {fiscal} 与其他资金 {} 之和为 {sum}。",
                    p.line,
                    p.name,
                    p.total,
                    p.other.map_or("空白".to_string(), |v| v.to_string())
                ),
                None,
                (Some(sum), Some(p.total)),
                p.line,
            ));
        }
    }
    let Some(sum) = crate::checked::sum(tables.iter().map(|p| p.total)) else {
        sink.skip(format!("项目绩效目标表的资金之和：{}", crate::checked::TOO_LARGE));
        return;
    };
    let first = tables[0].line;
    if let Some((count, amount, line)) = doc.narrative.stated.performance_summary {
        let n = Decimal::from(tables.len());
        if count.is_some_and(|c| c != n) {
            sink.push(plain(
                "PERF-101",
                format!("情况说明（第{line}行）称涉及项目支出{}个，但文中有{}张项目绩效目标表。", count.unwrap_or_default(), tables.len()),
                None,
                (Some(n), count),
                line,
            ));
        }
        if amount.is_some_and(|a| a != sum) {
            sink.push(plain(
                "PERF-101",
                format!(
                    "情况说明（第{line}行）称项目预算资金 {} 万元，但各项目绩效目标表的资金之和为 {sum} 万元。",
                    amount.unwrap_or_default()
                ),
                None,
                (Some(sum), amount),
                line,
            ));
        }
    }
    // Full coverage claimed: the tables add up to the 项目支出 of the tables.
    if !doc.narrative.stated.performance_everywhere {
        return;
    }
    let project_total = |t: &Table, c: usize| -> Option<Decimal> {
        let rows = if t.kind == TableKind::BProjects { Some((0..t.rows.len()).collect::<Vec<_>>()) } else { total_rows(t) };
        let rows = rows?;
        if !rows.iter().all(|i| settled(t, *i)) {
            return None;
        }
        crate::checked::sum(rows.iter().filter_map(|i| t.rows[*i].value(c)))
    };
    let source = doc.table(TableKind::BProjects).and_then(|t| project_total(t, 0).map(|v| (t, v))).or_else(|| {
        doc.table(TableKind::BExpenditure).and_then(|t| t.column(Source::Project).and_then(|c| project_total(t, c)).map(|v| (t, v)))
    });
    if let Some((t, v)) = source {
        if v != sum {
            sink.push(plain(
                "PERF-101",
                format!(
                    "部门称全面实施绩效目标管理，但{}张项目绩效目标表的资金之和为 {sum} 万元，而公开表{}的项目支出为 {v} 万元。",
                    tables.len(),
                    t.no()
                ),
                Some(t),
                (Some(v), Some(sum)),
                first,
            ));
        }
    }
}

/// Every 项目绩效目标表 names a project of the 项目支出预算表, and back.
pub const PERFORMANCE_PROJECTS: Rule = Rule {
    id: "PERF-102",
    family: Family::Perf,
    severity: Severity::Warning,
    title: "项目绩效目标表与项目支出预算表的项目一一对应",
    why: "项目支出预算表列出部门的每一个项目，绩效目标表为每个项目写明要达到的目标。两边的项目名称和金额应当一一对应：有项目没有绩效目标，或绩效目标表里的项目在预算表中找不到、金额不同，读者就无法把钱和要办的事对上。",
    applies_to: BUDGET,
    needs: &[TableKind::BProjects],
    check: check_performance_projects,
    fixtures: &[
        Fixture::fires(YB, &[("项目名称 驻外机构工作保障经费", "项目名称 驻外机构保障经费")]),
        Fixture::quiet(YB),
        Fixture::quiet(QB),
    ],
};

fn check_performance_projects(doc: &crate::model::Document, sink: &mut super::Sink) {
    let Some(t) = doc.table(TableKind::BProjects) else { return };
    let perf = &doc.narrative.stated.performance;
    if perf.is_empty() {
        return;
    }
    // A project row's label is "名称（类型）".
    let name_of = |r: &Row| -> String {
        match r.label.rfind('（') {
            Some(i) if r.label.ends_with("类）") => r.label[..i].to_string(),
            _ => r.label.clone(),
        }
    };
    let mut used = vec![false; t.rows.len()];
    for p in perf {
        match t.rows.iter().enumerate().find(|(i, r)| !used[*i] && name_of(r) == p.name) {
            Some((i, r)) => {
                used[i] = true;
                // 烟台 prints 绩效 amounts as integers ("3300"): compare values, not scales.
                if settled(t, i) && r.value(0).is_some_and(|v| v != p.total) {
                    let mut f = plain(
                        "PERF-102",
                        format!(
                            "第{}行起的绩效目标表（{}）年度预算资金为 {}，但公开表{}中该项目为 {}。",
                            p.line,
                            p.name,
                            p.total,
                            t.no(),
                            r.value(0).unwrap_or_default()
                        ),
                        Some(t),
                        (r.value(0), Some(p.total)),
                        p.line,
                    );
                    f.severity = Severity::Warning;
                    f.row = Some(describe(r));
                    sink.push(f);
                }
            }
            None => {
                let mut f = plain(
                    "PERF-102",
                    format!("第{}行起的绩效目标表所列项目“{}”在公开表{}（{}）中找不到同名项目。", p.line, p.name, t.no(), t.title),
                    Some(t),
                    (None, Some(p.total)),
                    p.line,
                );
                f.severity = Severity::Warning;
                sink.push(f);
            }
        }
    }
    for (_, r) in t.rows.iter().enumerate().filter(|(i, _)| !used[*i]) {
        let mut f = plain(
            "PERF-102",
            format!("公开表{}的项目“{}”没有对应的绩效目标表。", t.no(), name_of(r)),
            Some(t),
            (None, r.value(0)),
            r.source_line,
        );
        f.severity = Severity::Warning;
        f.row = Some(describe(r));
        sink.push(f);
    }
}
