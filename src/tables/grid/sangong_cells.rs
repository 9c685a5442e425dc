//! The “三公” table in a viewer's copy: one cell per line, in drawing order.
//!
//! A PDF viewer's copy of the 三公 table keeps its figures in the order of
//! their columns but not the header's: the captions come out wrapped and
//! shuffled among the figures ("合计 | 小计 | 2,600.71 | 767.60 | 因公出国 |
//! （境）费 | 199.25 | …"), and a blank column prints nothing. What is left
//! to go by is what every 三公 table is: 合计 first, the three items
//! (因公出国（境）费; 公务用车购置及运行费 with its 小计, 购置费 and 运行费;
//! 公务接待费) in some order, and, where the title and header name them,
//! a “三公”小计 with 会议费 and 培训费, or 机关运行经费 last.
//!
//! So each usual order of the items is tried (因公出国 before 公务接待,
//! which the sums cannot tell apart), and each order-keeping placement of
//! the printed figures in it, held to the table's identities (合计 = the
//! items; 公务用车 = 购置费 + 运行费), to the 基本支出 table's 三公
//! economic items (each part of its column: 30231 公务用车运行维护费 > 0
//! means 运行费 is not the blank one), and then to the amounts the
//! narrative states. Only where no placement keeps the sums is one figure
//! put back from where it was drawn (a figure under a caption wrapped
//! lower comes after its right-hand neighbours). The table is read only
//! when every surviving reading gives each item the same figure; otherwise
//! it is found but not read, and says why. Two items the sums alone cannot
//! tell apart, drawn in each other's order (会议费 and 培训费, or 购置费 and
//! 运行费 where both are printed), would be read swapped where nothing else
//! tells: no real copy draws them so, and the layout text or the PDF itself
//! is the reader of record. A header with any word no 三公 table prints (a column this
//! reader does not know), two years, or a line mixing words and figures is
//! not read either.

use rust_decimal::Decimal;

use crate::model::{Cell, Meaning, Row, SangongCols, Table};
use crate::narrative::stated::SangongClaim;
use crate::tables::budget::sangong::{item_bounds, item_fits, ItemBound};
use crate::text::search;

/// What else the document says of its 三公 figures: its 基本支出 tables
/// (their 三公 economic items) and the narrative's 三公 amounts.
pub struct Evidence<'a> {
    /// The 基本支出 economic tables read so far.
    pub econ: Vec<&'a Table>,
    /// The narrative's 三公 claims.
    pub claims: &'a [SangongClaim],
}

/// A column of the table, by what it holds (ten: a reading's figures are
/// indexed by role).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Total,
    Subtotal,
    Abroad,
    Vehicle,
    Purchase,
    Operation,
    Reception,
    Meeting,
    Training,
    Organ,
}

/// Every character a 三公 table's header prints (its captions, wrapped
/// anywhere): a header with any other is a table this reader does not know.
const HEADER_CHARS: &str =
    "合计小计总“三公”‘’\"'经费因公出国（境）()费公务用车购置及运行维护接待会议培训机关预算数年一般共财政拨款支出本部门单位元万";

/// Order-keeping placements tried per order at most (9 columns, 8 figures:
/// 9; a header of ten columns with three figures: 120).
const CAP: usize = 2_000;

/// What was read: the columns' paths and the one row of figures.
#[derive(Debug)]
pub struct Read {
    /// Per column, its header path.
    pub paths: Vec<Vec<String>>,
    /// The row (no row when the table prints no figure).
    pub rows: Vec<Row>,
}

/// Why a viewer's copy of a 三公 table is not read.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a 三公 table's shape: a word no 三公 header prints, two years, a
    /// line of words and figures, more figures than columns.
    Shape,
    /// No placement keeps the identities.
    Sums,
    /// Several placements keep them, giving some item different figures.
    Ambiguous,
}

/// Reads the table from its lines (line number, text) after the title, meta
/// lines, markers and notes left out; `title` its title.
pub fn read(lines: &[(usize, &str)], title: &str, unit: Option<&str>, evidence: &Evidence) -> Result<Read, Refusal> {
    let mut header = String::new();
    let mut figures: Vec<(Option<Decimal>, usize)> = Vec::new();
    for (no, sq) in lines {
        let words: Vec<&str> = sq.split_whitespace().collect();
        let values: Vec<Option<Option<Decimal>>> = words.iter().map(|w| figure(w)).collect();
        if !words.is_empty() && values.iter().all(Option::is_some) {
            figures.extend(values.into_iter().flatten().map(|v| (v, *no)));
        } else if values.iter().any(Option::is_some) {
            return Err(Refusal::Shape); // words and figures on one line
        } else {
            header.push_str(&words.concat());
        }
    }
    let columns = columns(&header, title)?;
    if figures.is_empty() {
        return Ok(Read { paths: paths(&columns[0], &header), rows: Vec::new() });
    }
    let bounds = item_bounds(&evidence.econ, unit);
    // The figures in the order printed; failing that, with one of them put
    // back where it was drawn from (a figure under a caption wrapped lower,
    // 公务接|待费, can be drawn after the figures to its right).
    let mut survivors = readings(&figures, &columns, &bounds)?;
    if survivors.is_empty() {
        for from in 0..figures.len() {
            for to in (0..figures.len()).filter(|to| *to != from) {
                let mut moved = figures.clone();
                let f = moved.remove(from);
                moved.insert(to, f);
                survivors.extend(readings(&moved, &columns, &bounds)?);
            }
        }
    }
    if survivors.is_empty() {
        return Err(Refusal::Sums);
    }
    // The narrative's amounts, one at a time; one that fits no reading left
    // is wrong itself (a rule says so) and is passed over.
    let three = match columns[0].contains(&Role::Subtotal) {
        true => Role::Subtotal,
        false => Role::Total,
    };
    for claim in evidence.claims {
        let role = match claim.column {
            0 => three,
            1 => Role::Abroad,
            2 => Role::Vehicle,
            3 => Role::Purchase,
            4 => Role::Operation,
            5 => Role::Reception,
            6 => Role::Meeting,
            7 => Role::Training,
            _ => continue,
        };
        let fits = |r: &Reading| r.by_role[index(role)].unwrap_or(Decimal::ZERO) == claim.amount;
        if survivors.iter().any(fits) {
            survivors.retain(fits);
        }
    }
    // Readings alike but for their order: the most usual order's.
    let Some(first) = survivors.iter().min_by_key(|r| r.order) else { return Err(Refusal::Sums) };
    if survivors.iter().any(|s| s.by_role != first.by_role) {
        return Err(Refusal::Ambiguous);
    }
    let at = figures[0].1;
    let row = Row { code: None, label: String::new(), line: None, cells: first.cells.clone(), source_line: at };
    Ok(Read { paths: paths(&columns[first.order], &header), rows: vec![row] })
}

/// One way of reading the figures: the order of columns (its index), the
/// cells, and the figure of each [`Role`].
struct Reading {
    order: usize,
    cells: Vec<Cell>,
    by_role: [Option<Decimal>; 10],
}

/// The readings of `figures` (value, line), in this order, that keep the
/// identities and the 基本支出 items: each order of `columns`, each
/// order-keeping placement, 合计 printed.
fn readings(figures: &[(Option<Decimal>, usize)], columns: &[Vec<Role>], bounds: &[ItemBound; 4]) -> Result<Vec<Reading>, Refusal> {
    let mut out = Vec::new();
    let Some((Some(_), at)) = figures.first().copied() else { return Ok(out) };
    for (o, order) in columns.iter().enumerate() {
        let ids = cols_of(order).identities();
        let Some(placements) = super::sangong::placements(order.len(), figures.len(), CAP) else { return Err(Refusal::Shape) };
        for p in placements.into_iter().filter(|p| p.first() == Some(&0)) {
            let mut cells = vec![Cell { value: None, source_line: at }; order.len()];
            for (k, c) in p.iter().enumerate() {
                cells[*c] = Cell { value: figures[k].0, source_line: figures[k].1 };
            }
            let values: Vec<Option<Decimal>> = cells.iter().map(|c| c.value).collect();
            if !super::sangong::holds(&values, &ids) {
                continue;
            }
            let mut by_role = [None; 10];
            for (c, r) in order.iter().enumerate() {
                by_role[index(*r)] = values[c];
            }
            if fits_items(&by_role, bounds) {
                out.push(Reading { order: o, cells, by_role });
            }
        }
    }
    Ok(out)
}

/// Whether a word is a figure of the table ([`figure`]).
pub fn is_figure(w: &str) -> bool {
    figure(w).is_some()
}

/// A word as a figure: Some(Some(amount)), Some(None) for a dash (a blank
/// printed), None for a word. A whole number is an amount: a 三公 table
/// prints no code ("80", "0", "25" in 万元).
fn figure(w: &str) -> Option<Option<Decimal>> {
    if matches!(w, "-" | "—" | "－" | "–") {
        return Some(None);
    }
    if let Some(d) = crate::amount::parse_amount(w) {
        return Some(Some(d));
    }
    (!w.is_empty() && w.len() <= 15 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse::<u64>().ok().map(Decimal::from))
        .flatten()
        .map(Some)
}

/// The orders of columns the header allows, most usual first; Err when the
/// header is not a 三公 table's.
fn columns(header: &str, title: &str) -> Result<Vec<Vec<Role>>, Refusal> {
    let has = |w: &str| search::contains(header, w);
    // Any other word, or two years (a table of two years' budgets), or a
    // 决算's columns: not this shape.
    let mut years: Vec<&str> = Vec::new();
    let mut rest = header;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let n = rest.bytes().take_while(u8::is_ascii_digit).count();
            if n != 4 {
                return Err(Refusal::Shape);
            }
            if !years.contains(&&rest[..4]) {
                years.push(&rest[..4]);
            }
            rest = &rest[4..];
            continue;
        }
        if !HEADER_CHARS.contains(c) {
            return Err(Refusal::Shape);
        }
        rest = &rest[c.len_utf8()..];
    }
    if years.len() > 1 || !has("合计") {
        return Err(Refusal::Shape);
    }
    let named = |w: &str| has(w) || search::contains(title, w);
    let (meeting, training) = (named("会议费"), named("培训费"));
    let organ = has("机关运行经");
    let mut orders = Vec::new();
    let items: [&[Role]; 3] = [&[Role::Abroad], &[Role::Vehicle, Role::Purchase, Role::Operation], &[Role::Reception]];
    // 因公出国（境）费 before 公务接待费, as every form prints them (the
    // identities cannot tell the two apart), and 公务用车 anywhere: the
    // national form's order (出国, 公务用车, 接待, as Jiangsu's) first, then
    // Shanghai's (出国, 接待, 公务用车), then 公务用车 first.
    for [a, b, c] in [[0, 1, 2], [0, 2, 1], [1, 0, 2]] {
        let three: Vec<Role> = [items[a], items[b], items[c]].concat();
        let mut after: Vec<Role> = Vec::new();
        after.extend(meeting.then_some(Role::Meeting));
        after.extend(training.then_some(Role::Training));
        after.extend(organ.then_some(Role::Organ));
        if meeting || training {
            // The “三公” 小计 before its items, or after them.
            orders.push([&[Role::Total, Role::Subtotal][..], &three, &after].concat());
            orders.push([&[Role::Total][..], &three, &[Role::Subtotal], &after].concat());
        } else {
            orders.push([&[Role::Total][..], &three, &after].concat());
        }
    }
    Ok(orders)
}

/// The [`SangongCols`] of an order, for its identities.
fn cols_of(order: &[Role]) -> SangongCols {
    let at = |r: Role| order.iter().position(|x| *x == r);
    SangongCols {
        total: 0,
        subtotal: at(Role::Subtotal),
        abroad: at(Role::Abroad),
        reception: at(Role::Reception),
        vehicle: at(Role::Vehicle),
        purchase: at(Role::Purchase),
        operation: at(Role::Operation),
        meeting: at(Role::Meeting),
        training: at(Role::Training),
    }
}

/// A role as an index of a reading's figures (its place in [`Role`]).
fn index(r: Role) -> usize {
    r as usize
}

/// Each column at least the 基本支出 items it holds ([`item_bounds`]).
fn fits_items(by_role: &[Option<Decimal>; 10], bounds: &[ItemBound; 4]) -> bool {
    // [`crate::tables::budget::sangong::ITEMS`]' columns, in its order.
    let roles = [Role::Abroad, Role::Purchase, Role::Operation, Role::Reception];
    roles.iter().zip(bounds).all(|(r, b)| item_fits(b, by_role[index(*r)]))
}

/// The columns' header paths, in the words the header prints where it has
/// a choice ("运行维护费" or "运行费").
fn paths(order: &[Role], header: &str) -> Vec<Vec<String>> {
    let upkeep = if search::contains(header, "维护") { "运行维护费" } else { "运行费" };
    let vehicle = format!("公务用车购置及{upkeep}");
    let three = "“三公”经费".to_string();
    order
        .iter()
        .map(|r| match r {
            Role::Total => vec!["合计".to_string()],
            Role::Subtotal => vec![three.clone(), "小计".to_string()],
            Role::Abroad => vec![three.clone(), "因公出国（境）费".to_string()],
            Role::Vehicle => vec![three.clone(), vehicle.clone(), "小计".to_string()],
            Role::Purchase => vec![three.clone(), vehicle.clone(), "公务用车购置费".to_string()],
            Role::Operation => vec![three.clone(), vehicle.clone(), format!("公务用车{upkeep}")],
            Role::Reception => vec![three.clone(), "公务接待费".to_string()],
            Role::Meeting => vec!["会议费".to_string()],
            Role::Training => vec!["培训费".to_string()],
            Role::Organ => vec!["机关运行经费".to_string()],
        })
        .collect()
}

/// The meanings of the paths ([`Meaning::of`]).
pub fn meanings(paths: &[Vec<String>]) -> Vec<Meaning> {
    paths.iter().map(|p| Meaning::of(p)).collect()
}

#[cfg(test)]
mod tests {
    use super::{read, Evidence, Refusal};
    use crate::model::{Cell, Row, Table, TableKind};
    use crate::narrative::stated::SangongClaim;
    use rust_decimal::Decimal;

    /// A viewer's copy of a Jiangsu 三公 table (19-jiangsu-zhengxie-2017's
    /// shape and figures): captions shuffled among the figures, 购置费 blank.
    const JIANGSU: &str = "“三公”经费|公务用车购置及运行维护费|合计|会议费|小计|因公出国（境）|费|公务接待费|小计|1,852.32|676.10|76.00|培训费|156.60|公务用车购置费|公务用车运行维|护费|156.60|443.50|1,094.62|81.60";
    const TITLE: &str = "“三公”经费、会议费、培训费支出预算表";

    fn lines(cells: &str) -> Vec<(usize, &str)> {
        cells.split('|').enumerate().map(|(i, c)| (i + 1, c)).collect()
    }

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    /// A 基本支出 table listing 30231 公务用车运行维护费.
    fn econ(upkeep: &str) -> Table {
        let row = Row {
            code: Some("30231".to_string()),
            label: "公务用车运行维护费".to_string(),
            line: None,
            cells: vec![Cell { value: Some(d(upkeep)), source_line: 1 }],
            source_line: 1,
        };
        Table { unit: Some("万元".to_string()), rows: vec![row], ..Table::empty(TableKind::BBasicEcon, 1) }
    }

    fn claim(column: usize, amount: &str) -> SangongClaim {
        SangongClaim { column, amount: d(amount), change: None, percent: None, reason: None, line: 1 }
    }

    fn values(cells: &str, evidence: &Evidence) -> Result<Vec<Option<String>>, Refusal> {
        values_under(TITLE, cells, evidence)
    }

    fn values_under(title: &str, cells: &str, evidence: &Evidence) -> Result<Vec<Option<String>>, Refusal> {
        let r = read(&lines(cells), title, Some("万元"), evidence)?;
        Ok(r.rows[0].cells.iter().map(|c| c.value.map(|v| v.to_string())).collect())
    }

    fn row(v: &[&str]) -> Vec<Option<String>> {
        v.iter().map(|s| (!s.is_empty()).then(|| s.to_string())).collect()
    }

    #[test]
    fn the_figures_are_placed_by_the_identities_and_the_basic_items() {
        // 购置费 or 运行费 blank: 30231's 156.60 says which.
        let t = econ("156.60");
        let evidence = Evidence { econ: vec![&t], claims: &[] };
        let want = row(&["1852.32", "676.10", "76.00", "156.60", "", "156.60", "443.50", "1094.62", "81.60"]);
        assert_eq!(values(JIANGSU, &evidence), Ok(want.clone()));
        let r = read(&lines(JIANGSU), TITLE, Some("万元"), &evidence).expect("read");
        let leaves: Vec<&str> = r.paths.iter().map(|p| p.last().map_or("", String::as_str)).collect();
        assert_eq!(
            leaves,
            ["合计", "小计", "因公出国（境）费", "小计", "公务用车购置费", "公务用车运行维护费", "公务接待费", "会议费", "培训费"]
        );
        // Each figure keeps its line.
        assert_eq!(r.rows[0].cells[6].source_line, 19);

        // The narrative's 公务用车运行维护费 says it as well.
        let said = [claim(4, "156.60")];
        assert_eq!(values(JIANGSU, &Evidence { econ: Vec::new(), claims: &said }), Ok(want));
        // Nothing says it: not read.
        assert_eq!(values(JIANGSU, &Evidence { econ: Vec::new(), claims: &[] }), Err(Refusal::Ambiguous));
        // A figure the narrative states that fits no reading is passed over.
        let wrong = [claim(4, "99.00")];
        assert_eq!(values(JIANGSU, &Evidence { econ: Vec::new(), claims: &wrong }), Err(Refusal::Ambiguous));
    }

    #[test]
    fn shanghais_order_and_its_organ_running_costs_are_told_by_the_sums() {
        // 01-shanghai-putuo-wanli-2024's copy: 接待 before 公务用车, whole
        // numbers, a note among the cells (left out by the caller).
        let cells = "2024年“三公”经费预算数|2024年机关运行经|费预算数|公务用车购置及运行费|合计|因公出国(境)费|公务接待费|小计|47.91|0|1.35|购置费|46.56|运行费|25|21.56|443.18";
        let none = Evidence { econ: Vec::new(), claims: &[] };
        let title = "部门“三公”经费和机关运行经费预算表";
        assert_eq!(values_under(title, cells, &none), Ok(row(&["47.91", "0", "1.35", "46.56", "25", "21.56", "443.18"])));
        let r = read(&lines(cells), title, Some("万元"), &none).expect("read");
        assert_eq!(r.paths[2].last().map(String::as_str), Some("公务接待费"));
        assert_eq!(r.paths[6], ["机关运行经费"]);
    }

    #[test]
    fn a_figure_drawn_after_its_right_hand_neighbours_is_put_back() {
        // 11-jiangsu-jianchayuan-2019's copy: 公务接待费's 101.26 (under a
        // caption wrapped lower, 公务接|待费) comes after 会议费 and 培训费.
        let cells = "“三公”经费|合计|小计|1276.7|418.26|公务用车购置及运行维护费|因公出|国（境）|费|小计|80|237|公务用车购|公务用车运|置费|行维护费|237|公务接|会议费|培训费|158.44|700|待费|101.26";
        let t = econ("237");
        // Moved either way, 80 and 101.26 could be 出国 or 接待 (the
        // Shanghai order): the narrative's 因公出国（境）费 tells.
        let said = [claim(1, "80")];
        let want = row(&["1276.7", "418.26", "80", "237", "", "237", "101.26", "158.44", "700"]);
        assert_eq!(values(cells, &Evidence { econ: vec![&t], claims: &said }), Ok(want));
        assert_eq!(values(cells, &Evidence { econ: vec![&t], claims: &[] }), Err(Refusal::Ambiguous));
    }

    #[test]
    fn figures_that_keep_no_identity_or_a_header_of_another_shape_are_not_read() {
        let t = econ("156.60");
        let evidence = Evidence { econ: vec![&t], claims: &[] };
        // 合计 a yuan off: no placement, even with a figure moved, adds up
        // (a cent off is 尾数误差, and reads).
        assert_eq!(values(&JIANGSU.replace("1,852.32", "1,853.32"), &evidence), Err(Refusal::Sums));
        assert!(values(&JIANGSU.replace("1,852.32", "1,852.33"), &evidence).is_ok());
        // A column no 三公 table prints.
        assert_eq!(values(&JIANGSU.replace("培训费|", "培训费|其他费用|"), &evidence), Err(Refusal::Shape));
        // Two years' budgets side by side.
        assert_eq!(values(&format!("2023年预算数|2024年预算数|{JIANGSU}"), &evidence), Err(Refusal::Shape));
        // Words and figures on one line.
        assert_eq!(values(&JIANGSU.replace("|81.60", "|81.60 培训"), &evidence), Err(Refusal::Shape));
        // More figures than columns.
        assert_eq!(values(&format!("{JIANGSU}|1.00|2.00"), &evidence), Err(Refusal::Shape));
    }

    #[test]
    fn a_header_without_figures_is_an_empty_table() {
        let header: Vec<&str> = JIANGSU.split('|').filter(|c| !c.starts_with(|c: char| c.is_ascii_digit())).collect();
        let r = read(&lines(&header.join("|")), TITLE, Some("万元"), &Evidence { econ: Vec::new(), claims: &[] }).expect("read");
        assert!(r.rows.is_empty());
        assert_eq!(r.paths.len(), 9);
    }
}
