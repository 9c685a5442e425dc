//! Reading one table from layout text: columns by position, meanings by header.
//!
//! Numbers are right-aligned in their columns, so the value columns are the
//! clusters of the numbers' right edges. Header words above them give each
//! column its path (a word over several columns is their group caption; a
//! word over one is its leaf caption; two leaf words over one cluster mean a
//! column with no number in it). Text that follows a number on the same line
//! starts another panel (收入 | 支出 | 支出用途). Codes lead a row ("201 05 01",
//! "2010501") and are joined; labels are the row's words in its panel.
//!
//! Whatever cannot be placed without guessing makes the table "found, not
//! read", with the reason: a table not read is better than a table misread.

use super::locate::Block;
use super::sangong_cells::Evidence;
use super::spans::{spans, Span, What};
use crate::model::{Cell, Grid, Meaning, Panel, ReadProblem, Row, SangongCols, Table, TableKind};
use crate::segment::{is_note, unit_in, META_HEADS};
use crate::tables::counts_columns;
use crate::text::lost_positions::Lost;
use crate::text::search;
use crate::text::Line;

/// How a refusal to read by order names the text's state: its gaps were
/// squeezed, or turned into TABs. A text that lost its positions, whose
/// gaps gongkai squeezed itself, says so instead ([`Lost::refusal`]).
const SQUEEZED: &str = "这段文字的栏间空白被压缩成了一个空格（或换成了制表符）";

/// How far (columns) a text layer places Chinese text from where its
/// column starts: a label this far left of a label column is still its.
const DRIFT: usize = 6;

/// A value column: the extent of its numbers.
#[derive(Debug, Clone)]
struct Col {
    lo: usize,
    hi: usize,
    /// The smallest right edge of its numbers (the cluster's start).
    e0: usize,
    /// For numbers printed a column or two apart and taken for one column,
    /// the right edge most of them keep (the median): an outlier's edge,
    /// `hi`, would draw the next column's numbers to this one.
    edge: Option<usize>,
    /// Header pieces: (header line index, text, is group caption).
    caption: Vec<(usize, String, bool)>,
    has_data: bool,
}

/// One line of the body, as cells.
pub(super) struct BodyLine<'a> {
    pub(super) no: usize,
    /// 1-based page.
    pub(super) page: usize,
    pub(super) sq: &'a str,
    /// The line as printed (its words apart).
    pub(super) text: &'a str,
    pub(super) spans: Vec<Span<'a>>,
    pub(super) data: bool,
}

/// One panel's share of a line: label spans, code spans, and amount spans
/// with the column each was placed in.
type Pieces<'a> = (Vec<&'a Span<'a>>, Vec<&'a Span<'a>>, Vec<(&'a Span<'a>, Option<usize>)>);

/// Reads a located table. The table comes back with `grid.read == false`
/// and a problem saying why when its cells cannot be placed with certainty.
pub fn read(lines: &[Line], pages: &[usize], block: &Block, lost: Option<Lost>, evidence: &Evidence) -> (Table, Vec<ReadProblem>) {
    let first = read_with(lines, pages, block, lost, evidence, false);
    // A 三公 table whose two captions stood one space apart ("公务接待 会议费")
    // is read again with them apart, and taken only if its identities then
    // place every number (see `sangong::two_items`). Only then: elsewhere the
    // joined words may be one caption's pieces the header reads right.
    if !first.1.iter().any(|p| p.message.ends_with(super::sangong::JOINED)) {
        return first;
    }
    let again = read_with(lines, pages, block, lost, evidence, true);
    if again.0.grid.as_ref().is_some_and(|g| g.read && super::sangong::keeps_identities(&again.0, g)) {
        again
    } else {
        first
    }
}

/// [`read`], with `split` telling whether two 三公 captions one space apart
/// are two captions.
fn read_with(
    lines: &[Line],
    pages: &[usize],
    block: &Block,
    lost: Option<Lost>,
    evidence: &Evidence,
    split: bool,
) -> (Table, Vec<ReadProblem>) {
    let squeezed = lost.map_or(SQUEEZED, Lost::refusal);
    let mut problems = Vec::new();
    let source_line = lines[block.title_line].no;
    let name = crate::model::in_title_marks(&block.title);
    let mut table = Table {
        number: block.marker.as_deref().and_then(super::super::catalogue::marker_number).map(|n| n.to_string()),
        title: block.title.clone(),
        unit: block.unit.clone(),
        grid: Some(Box::new(Grid { read: false, page: Some(block.page), marker: block.marker.clone(), ..Grid::default() })),
        ..Table::empty(block.kind, source_line)
    };
    let mut refuse = |table: &mut Table, why: String| {
        problems.push(ReadProblem {
            table: Some(name.clone()),
            message: format!("{name}（{}）：{why}", page_text(block.page)),
            source_line: Some(source_line),
        });
        table.rows.clear();
        table.columns.clear();
    };

    if let Some(why) = block.refusal {
        refuse(&mut table, why.to_string());
        return (table, problems);
    }

    // The body: the table's lines and its continuations, notes apart.
    let mut body: Vec<BodyLine> = Vec::with_capacity(block.body.len());
    let mut in_note = false;
    let mut header_seen: Vec<&str> = Vec::new();
    let ranges = std::iter::once(block.body.clone()).chain(block.more.iter().cloned());
    // Text without form feeds (`pdftotext -nopgbrk`, a viewer's copy, a
    // paste that lost them) runs a table's pages together: a page number
    // alone on its line still ends one.
    let paged = pages.last().is_some_and(|p| *p > 1);
    let mut turned = 0;
    let mut alone: Vec<(usize, &str)> = Vec::new();
    for (part, range) in ranges.enumerate() {
        let mut before_data = true;
        for (l, page) in lines[range.clone()].iter().zip(&pages[range]) {
            let sq = l.squeezed.as_str();
            // Three digits alone: a page number, or a 类 code printed one
            // cell per line ([`super::cells`]).
            if sq.len() == 3 && is_page_number(sq) && !in_note {
                alone.push((l.no, sq));
            }
            if !paged && is_page_number(sq) {
                turned += 1;
                continue;
            }
            if sq.is_empty() || is_page_number(sq) || is_meta(sq) || super::super::catalogue::is_marker_line(sq) {
                continue;
            }
            if is_note(sq) || super::super::is_empty_note(sq) {
                in_note = true;
                table.notes.push((l.no, sq.to_string()));
                continue;
            }
            if in_note {
                if let Some(n) = table.notes.last_mut() {
                    n.1.push_str(sq);
                }
                continue;
            }
            let sp = spans(&l.text);
            let data = sp.iter().any(Span::is_value) && !is_column_numbers(&sp);
            // The header repeated on a continuation page: its first page's
            // header lines again, or captions. A row printed without amounts
            // ("十二、农林水支出" of a 收支总表, "事业收入") is no header.
            if part > 0 && before_data && !data && (header_seen.contains(&sq) || is_captions(sq)) && !opens_a_row(sq) {
                continue;
            }
            if data {
                before_data = false;
            } else if !body.iter().any(|b| b.data) {
                header_seen.push(sq);
            } else if header_seen.contains(&sq) && !opens_a_row(sq) {
                // (A line opening as a row does may be a label's first line,
                // the header's only until the rows are told: see `starts_wrapped`.)
                continue;
            }
            body.push(BodyLine { no: l.no, page: *page + turned, sq, text: &l.text, spans: sp, data });
        }
    }
    // A table whose rows never start with a 科目 code has no code column (a
    // 收支总表 is two-sided, label then amount): digits that
    // [`spans`] took for a code before the next panel's label are an amount
    // printed without separators ("二、财政专户管理资金  1472000 四、公共安全支出"
    // in 元), and the line holding them is data. A line of digits alone
    // does not tell: a code whose label wrapped, or amounts whose label did.
    let code_led = |b: &BodyLine| b.spans.first().is_some_and(|s| s.what == What::Code) && b.spans.iter().any(|s| s.what != What::Code);
    if !body.iter().any(code_led) {
        for b in body.iter_mut().filter(|b| b.spans.iter().any(|s| s.what == What::Code)) {
            for s in b.spans.iter_mut().filter(|s| s.what == What::Code) {
                s.what = What::Digits;
            }
            b.data = !is_column_numbers(&b.spans);
        }
    }
    // Each page may print its columns elsewhere: where they move, and the
    // labels with them, a page begins. (Not in a viewer's copy, one cell per
    // line: it has no columns, and the search for where they move is long.)
    // Text copied from a PDF viewer: one cell per line, no columns to go by
    // (told once: the page split below moves no cell).
    let cell_per_line = {
        let (data, single) =
            body.iter().filter(|b| b.data).fold((0usize, 0usize), |(d, s), b| (d + 1, s + usize::from(b.spans.len() == 1)));
        single * 2 > data && data >= 3
    };
    if !paged && !cell_per_line {
        super::pages::split(&mut body);
    }
    let Some(first_data) = body.iter().position(|b| b.data) else {
        // Printed empty: a header (and perhaps a 合计 line) and no number.
        if let Some(g) = table.grid.as_mut() {
            g.read = true;
        }
        return (table, problems);
    };
    // The first row's label wrapped, its first line over the row's line
    // ("一、一般公共预算" over "资金  156,211,123  一、…"): that line is the
    // row's, not the header's.
    let first_data = match first_data.checked_sub(1) {
        Some(i) if lost.is_none() && starts_wrapped(&body[i], &body[first_data]) => {
            header_seen.retain(|h| *h != body[i].sq);
            i
        }
        _ => first_data,
    };

    let data_lines: Vec<&BodyLine> = body.iter().filter(|b| b.data).collect();
    // Layout text aligns columns with runs of spaces; without any, there
    // are no positions to go by.
    let aligned = body.iter().filter(|b| b.spans.windows(2).any(|w| w[1].start >= w[0].end + 3)).count();
    // A header is a few lines; bounding it keeps pathological input linear.
    let header: Vec<&BodyLine> = body[first_data.saturating_sub(12)..first_data].iter().collect();
    // And a few dozen words: each caption is placed among the others, so
    // thousands on a line (no table prints them) would take quadratic time.
    let words = header.iter().fold(0usize, |n, h| n.saturating_add(h.spans.len()));
    if words > crate::limits::MAX_HEADER_WORDS {
        refuse(&mut table, format!("表头有{words}个词语，远多于一张表格的栏目，不像是一张表格，本表未读取。"));
        return (table, problems);
    }
    // Layout text whose runs of spaces were squeezed to one or turned into
    // TABs keeps its rows but not its columns: read by order where every row
    // prints as many amounts as the header names columns ([`super::order`]).
    let by_order = match aligned == 0 && !cell_per_line {
        true => data_lines.first().and_then(|b| super::order::captions(&header, b.spans.iter().filter(|s| s.is_value()).count())),
        false => None,
    };
    if cell_per_line {
        // One shape reads in order: a 科目 table of one amount column.
        let read = match table.kind {
            TableKind::BSangong => {
                if let Err(why) = read_sangong_cells(lines, block, evidence, &mut table) {
                    refuse(&mut table, why.to_string());
                }
                return (table, problems);
            }
            TableKind::F09 => Err(super::cells::Refusal::Shape),
            TableKind::BFiscal | TableKind::BSummary => {
                if let Err(why) = read_panels_cells(lines, block, &mut table) {
                    refuse(&mut table, why.to_string());
                }
                return (table, problems);
            }
            _ => {
                // The body's lines and the codes taken for page numbers, in
                // printed order (a continuation's lines come after).
                let mut cells: Vec<(usize, &str)> = body.iter().map(|b| (b.no, b.sq)).collect();
                for a in alone {
                    let at = cells.partition_point(|c| c.0 < a.0);
                    cells.insert(at, a);
                }
                super::cells::read(&cells)
            }
        };
        match read {
            Ok(read) => {
                let path = vec![read.caption];
                table.columns = vec![path.join(" › ")];
                table.rows = read.rows;
                if let Some(g) = table.grid.as_mut() {
                    g.meanings = vec![Meaning::of(&path)];
                    g.panels = vec![Panel { name: super::order::panel_name(&header), columns: 0..1, rows: 0..table.rows.len() }];
                    g.paths = vec![path];
                    g.read = true;
                    g.exact = true;
                }
            }
            Err(super::cells::Refusal::Shape) => refuse(&mut table, CELLS_SHAPE.to_string()),
            Err(super::cells::Refusal::Sums) => refuse(&mut table, "这段文字每个单元格占一行（常见于从PDF阅读器复制的文字）；按顺序读出的金额与上下级科目的合计对不上，可能是复制时有数字离开了原来的位置，本表未读取（若确是表中错误，请用保持版式的文字或PDF文件核对）。请粘贴保持版式的文字（如 pdftotext -layout 的结果），或直接使用PDF文件。".to_string()),
        }
        return (table, problems);
    }
    if aligned == 0 && by_order.is_none() {
        // Text after an amount on one line: panels side by side (收入 | 支出).
        let side_by_side = data_lines.iter().any(|b| b.spans.iter().skip_while(|s| !s.is_value()).any(|s| s.what == What::Text));
        let why = match side_by_side {
            true => "表格左右并排印着几栏（如收入、支出），一行中的数属于哪一栏已无从判断",
            false => "各行印出的金额个数与表头的栏目数不一致（或表头有跨栏、分行的栏目）",
        };
        refuse(&mut table, format!("{squeezed}，{why}，无法按顺序确定每个数属于哪一栏，本表未读取。请粘贴保持版式的文字（如 pdftotext -layout 的结果），或直接使用PDF文件。"));
        return (table, problems);
    }

    // Columns and panels, page by page: a page may be laid out narrower.
    let pages: Vec<usize> = {
        let mut v: Vec<usize> = data_lines.iter().map(|b| b.page).collect();
        v.dedup();
        v
    };
    let mut layouts: Vec<(usize, Layout)> = Vec::new();
    // (merged below when the header names fewer columns)
    for p in &pages {
        let on: Vec<&BodyLine> = data_lines.iter().copied().filter(|b| b.page == *p).collect();
        // Without form feeds two pages' columns may overlap; where every line
        // prints, after its labels, as many numbers as the header names
        // columns, they are those columns in order.
        let by_order_here = || in_order(&on).filter(|l| header_leaves(&header, l, split).len() == l.cols.len());
        let found = match &by_order {
            // Every line of every page prints one amount per caption.
            Some(captions) => in_order(&on).filter(|l| l.cols.len() == captions.len()),
            None => layout_of(&on).or_else(|| if paged { None } else { by_order_here() }),
        };
        match found {
            Some(l) => layouts.push((*p, l)),
            None if by_order.is_some() => {
                // A row that prints fewer amounts dropped a blank cell: which
                // one, the squeezed spaces no longer tell.
                refuse(&mut table, format!("{squeezed}，有的行印出的金额少于表头的栏目（省略了空白栏），无法按顺序确定每个数属于哪一栏，本表未读取。请粘贴保持版式的文字（如 pdftotext -layout 的结果），或直接使用PDF文件。"));
                return (table, problems);
            }
            None => {
                refuse(&mut table, "数字没有按栏对齐，无法确定每个数属于哪一栏，本表未读取。".to_string());
                return (table, problems);
            }
        }
    }
    // One column printed at two offsets (the text layer drifts after long
    // labels): clusters that never share a line, in a one-panel table whose
    // header names fewer columns, are one column.
    for (_, l) in layouts.iter_mut() {
        if l.starts.len() != 1 || by_order.is_some() {
            continue;
        }
        let want = header_leaves(&header, l, split).len().max(1);
        while l.cols.len() > want {
            let pair = (0..l.cols.len() - 1)
                .filter(|i| !l.lines[*i].iter().any(|x| l.lines[i + 1].contains(x)))
                .min_by_key(|i| l.cols[i + 1].lo.saturating_sub(l.cols[*i].hi));
            let Some(i) = pair else { break };
            let b = l.cols.remove(i + 1);
            let bl = l.lines.remove(i + 1);
            l.cols[i].lo = l.cols[i].lo.min(b.lo);
            l.cols[i].hi = l.cols[i].hi.max(b.hi);
            l.lines[i].extend(bl);
        }
    }
    // Without form feeds, a page whose columns still change at some line
    // (numbers moved where the labels did not) aligns its rows to no one
    // set of columns.
    // So does a one-panel page with more columns of numbers than any of its
    // lines prints: some are one column at two offsets, which the header
    // cannot tell.
    let mut most: Vec<usize> = Vec::with_capacity(layouts.len()); // per page, in the layouts' order
    let mut at: Option<usize> = None;
    for b in &data_lines {
        let n = b.spans.iter().filter(|s| s.is_value()).count();
        match most.last_mut() {
            Some(m) if at == Some(b.page) => *m = (*m).max(n),
            _ => most.push(n),
        }
        at = Some(b.page);
    }
    let crowded = |l: &Layout, m: &usize| l.starts.len() == 1 && l.cols.len() > *m;
    if !paged && layouts.iter().zip(&most).any(|((_, l), m)| !super::pages::cuts(&l.lines).is_empty() || crowded(l, m)) {
        refuse(&mut table, "这段文字没有分页符，表格各行的数字不在同一组栏位上（可能是跨页后栏位移动），无法确定每个数属于哪一栏，本表未读取。请使用保留分页符的文字（如 pdftotext -layout 的结果），或直接使用PDF文件。".to_string());
        return (table, problems);
    }
    if let (Some((p, l)), None) = (layouts.first_mut(), &by_order) {
        let on: Vec<&BodyLine> = data_lines.iter().copied().filter(|b| b.page == *p).collect();
        label_starts(&on, &header, l);
    }
    // A later page whose panels are told otherwise than on the first (its
    // rows left in some panels only, a total's label across two) and that
    // prints fewer columns of numbers, each ending where one of the first
    // page's does: the table goes on in the first page's columns and
    // panels. Where the first page prints no number in some column (its
    // 功能分类 rows start lower), the page printing the most columns may be
    // the one. (A page with as many columns is left to the mappings below:
    // read against another page's panels, its totals' labels were misread.)
    if paged && layouts.len() > 1 {
        let printed: Vec<Layout> = layouts.iter().map(|(_, l)| l.clone()).collect();
        for (k, (_, l)) in layouts.iter_mut().enumerate().skip(1) {
            let like = |r: &Layout| l.starts.len() != r.starts.len() && l.cols.len() < r.cols.len() && ends_among(&l.cols, &r.cols);
            let by_most = (1..printed.len()).filter(|j| *j != k).max_by_key(|j| (printed[*j].cols.len(), std::cmp::Reverse(*j)));
            if let Some(r) = std::iter::once(0).chain(by_most).map(|j| &printed[j]).find(|r| like(r)) {
                *l = r.clone();
            }
        }
    }
    let primary = &layouts[0].1;
    // A page whose columns do not pair up with the first page's: its rows are
    // read only where they print a number in every column.
    // A page with fewer columns of numbers (a column blank on that page), at
    // the same positions: each of its columns is the first page's column
    // whose numbers end within a few characters, one to one.
    let by_position = |l: &Layout| -> Option<Vec<usize>> {
        if l.starts.len() != primary.starts.len() || l.cols.len() > primary.cols.len() {
            return None;
        }
        let m: Vec<usize> = l
            .cols
            .iter()
            .map(|c| {
                (0..primary.cols.len())
                    .min_by_key(|k| primary.cols[*k].hi.abs_diff(c.hi))
                    .filter(|k| primary.cols[*k].hi.abs_diff(c.hi) <= 3)
            })
            .collect::<Option<_>>()?;
        m.windows(2).all(|w| w[0] < w[1]).then_some(m)
    };
    let remap: Vec<(usize, Vec<usize>)> = layouts
        .iter()
        .filter_map(|(p, l)| {
            if l.cols.len() == primary.cols.len() && l.starts.len() == primary.starts.len() {
                Some((*p, (0..l.cols.len()).collect()))
            } else {
                by_position(l).map(|m| (*p, m))
            }
        })
        .collect();
    let unmapped: Vec<usize> = layouts.iter().map(|(p, _)| *p).filter(|p| !remap.iter().any(|(q, _)| q == p)).collect();
    let starts = primary.starts.clone();
    let npanels = starts.len();
    let panel_of = |l: &Layout, x: usize| l.starts.iter().rposition(|s| x >= *s).unwrap_or(0);

    // Header captions: the header's leaf words matched to the columns, in
    // order within each panel; a leaf with no numbers under it is an empty column.
    let leaves = match &by_order {
        // Read by order: the captions are the columns' in order.
        Some(captions) => captions
            .iter()
            .zip(&primary.cols)
            .map(|(w, c)| Leaf { lo: c.lo, hi: c.hi, words: vec![(0, w.clone())], groups: Vec::new() })
            .collect(),
        None => header_leaves(&header, primary, split),
    };
    let mut cols: Vec<Col> = Vec::new(); // final columns
    let mut data_col: Vec<usize> = vec![0; primary.cols.len()]; // layout column → final column
    let mut panel_cols: Vec<std::ops::Range<usize>> = Vec::new();
    let mut exact = true;
    for p in 0..npanels {
        let d: Vec<usize> = (0..primary.cols.len()).filter(|c| panel_of(primary, primary.cols[*c].lo) == p).collect();
        let l: Vec<&Leaf> = leaves.iter().filter(|lf| panel_of(primary, lf.lo) == p).collect();
        let Some(matched) = match_leaves(&d.iter().map(|c| &primary.cols[*c]).collect::<Vec<_>>(), &l) else {
            refuse(&mut table, "表格中的数字栏比表头的栏目少，且数字位于两个栏目之间，无法确定各数字属于哪一栏，本表未读取。".to_string());
            return (table, problems);
        };
        exact &= d.len() == l.len();
        let first = cols.len();
        // Merge data columns and unmatched leaves in x order.
        let mut items: Vec<(usize, Option<usize>, Option<&Leaf>)> = Vec::new(); // (x, data col, leaf)
        for (k, c) in d.iter().enumerate() {
            items.push((primary.cols[*c].lo + primary.cols[*c].hi, Some(*c), matched[k].map(|j| l[j])));
        }
        // A panel of one amount column ("项目 | 金额") has no empty columns:
        // its stray header words are the amount's caption. A panel without
        // numbers on this page has its captions' columns, empty here.
        for (j, lf) in l.iter().enumerate() {
            if !matched.contains(&Some(j)) && d.len() != 1 {
                items.push((lf.lo + lf.hi, None, Some(*lf)));
            }
        }
        items.sort_by_key(|x| x.0);
        for (_, dc, lf) in items {
            let mut col = match dc {
                Some(c) => primary.cols[c].clone(),
                None => {
                    Col { lo: lf.map_or(0, |l| l.lo), hi: lf.map_or(0, |l| l.hi), e0: 0, edge: None, caption: Vec::new(), has_data: false }
                }
            };
            if let Some(lf) = lf {
                col.caption = lf
                    .groups
                    .iter()
                    .map(|(i, t)| (*i, t.clone(), true))
                    .chain(lf.words.iter().map(|(i, t)| (*i, t.clone(), false)))
                    .collect();
            }
            if let Some(c) = dc {
                data_col[c] = cols.len();
            }
            cols.push(col);
        }
        panel_cols.push(first..cols.len());
    }
    // A panel found by its labels alone whose header names no amount
    // column: labels without numbers, not a panel that can be read.
    if panel_cols.iter().any(|r| r.is_empty()) {
        refuse(&mut table, "表格中有一栏文字的表头没有对应的金额栏，无法确定各栏的界限，本表未读取。".to_string());
        return (table, problems);
    }
    let mut paths: Vec<Vec<String>> = cols.iter().map(path).collect();
    // "金额（万元）": the column is 金额, and the unit the table's where it
    // prints none elsewhere (one unit for all its captions).
    let mut caption_units = Vec::new();
    for caption in paths.iter_mut().flatten() {
        if let Some((name, unit)) = crate::segment::bracketed_unit(caption) {
            caption_units.push(unit);
            *caption = name.to_string();
        }
    }
    if table.unit.is_none() && caption_units.first().is_some_and(|u| caption_units.iter().all(|v| v == u)) {
        table.unit = caption_units.first().map(|u| u.to_string());
    }
    // Amounts under a caption that names labels (科目名称, 科目编码, 项目)
    // were placed by positions that no longer hold (a text whose lines
    // moved by their indents): never a reading.
    // (So do a procurement list's 采购组织形式, 采购方式 and 采购品目大类.)
    let names_labels = |w: &str| super::order::names_labels(w) || ["形式", "方式", "大类"].iter().any(|e| w.ends_with(e));
    if let Some(k) = (0..cols.len()).find(|k| cols[*k].has_data && paths[*k].last().is_some_and(|w| names_labels(w))) {
        let caption = paths[k].last().cloned().unwrap_or_default();
        refuse(&mut table, format!("有数字落在“{caption}”栏下，各栏的位置与表头对不上（可能是文字各行的缩进被改动过），本表未读取。请使用保持版式的文字（如 pdftotext -layout 的结果），或直接使用PDF文件。"));
        return (table, problems);
    }
    // A later page where some panels have no rows left (支出用途 ended on
    // the first page, 功能分类 goes on): their labels are missing, so its
    // panels are fewer, but where it prints a number in every column of the
    // table its columns are the table's in order, and each of its panels is
    // one or more of the table's, starting where one starts.
    let fewer: Vec<(usize, Vec<usize>)> = layouts
        .iter()
        .filter(|(p, l)| unmapped.contains(p) && l.starts.len() < npanels && l.cols.len() == cols.len())
        .filter_map(|(p, l)| {
            let panel_of_col = |k: usize| panel_cols.iter().position(|r| r.contains(&k));
            let firsts = (0..l.starts.len()).map(|q| (0..l.cols.len()).find(|k| panel_of(l, l.cols[*k].lo) == q));
            let to: Vec<usize> =
                firsts.map(|k| k.and_then(|k| panel_of_col(k).filter(|t| panel_cols[*t].start == k))).collect::<Option<_>>()?;
            to.windows(2).all(|w| w[0] < w[1]).then_some((*p, to))
        })
        .collect();
    if !fewer.is_empty() {
        for c in cols.iter_mut() {
            c.has_data = true; // a number in every column on that page
        }
    }
    let unmapped: Vec<usize> = unmapped.into_iter().filter(|p| !fewer.iter().any(|(q, _)| q == p)).collect();
    // Page layouts map their columns onto the first page's by order.
    let col_of = |page: usize, s: &Span| -> Option<usize> {
        if unmapped.contains(&page) {
            return None;
        }
        let l = &layouts.iter().find(|(p, _)| *p == page)?.1;
        if fewer.iter().any(|(p, _)| *p == page) {
            return nearest(&l.cols, s);
        }
        let m = &remap.iter().find(|(p, _)| *p == page)?.1;
        nearest(&l.cols, s).map(|c| data_col[m[c]])
    };
    // The table's panel of a page's panel.
    let of_page = |page: usize, q: usize| -> usize { fewer.iter().find(|(p, _)| *p == page).map_or(q, |(_, to)| to[q]) };
    let panel_at = |page: usize, x: usize| -> usize {
        let l = layouts.iter().find(|(p, _)| *p == page && !unmapped.contains(p)).map_or(primary, |(_, l)| l);
        if unmapped.contains(&page) && primary.starts.len() > 1 {
            return usize::MAX; // panels cannot be told apart on this page
        }
        of_page(page, panel_of(l, x))
    };

    // A label's panel: the nearest label column at or a little right of it
    // (layout text drifts a few columns after Chinese text).
    let text_panel = |page: usize, x: usize| -> usize {
        let l = layouts.iter().find(|(p, _)| *p == page && !unmapped.contains(p)).map_or(primary, |(_, l)| l);
        let q = (0..l.starts.len()).filter(|p| l.starts[*p] <= x + DRIFT).min_by_key(|p| l.starts[*p].abs_diff(x)).unwrap_or(0);
        of_page(page, q)
    };
    // On such a page, a label right of its panel's first column may be one
    // of the panels without labels there: which, nothing tells.
    let unplaced = |page: usize, s: &Span| -> bool {
        let Some((_, l)) = fewer.iter().find(|(p, _)| *p == page).and_then(|_| layouts.iter().find(|(p, _)| *p == page)) else {
            return false;
        };
        let q = panel_of(l, s.start);
        l.cols.iter().find(|c| panel_of(l, c.lo) == q).is_some_and(|c| s.start > c.hi)
    };

    // Rows, per panel.
    let ncols = cols.len();
    let rows_max = body.len() - first_data;
    let mut rows_by_panel: Vec<Vec<Row>> = (0..npanels).map(|_| Vec::with_capacity(rows_max)).collect();
    let mut collisions = 0usize;
    let mut joined_labels = 0usize;
    let mut two_items = 0usize;
    let mut strays = 0usize;
    // Lines of a page with fewer panels whose labels may be another panel's.
    let mut unseen_panels = std::collections::BTreeSet::new();
    // Per panel, its columns with numbers (rows that print one number for
    // each are read in order).
    let with_data: Vec<Vec<usize>> = panel_cols.iter().map(|r| r.clone().filter(|c| cols[*c].has_data).collect()).collect();
    // Each line's cells split into panels; the buffers are reused line to line.
    let mut pieces: Vec<Pieces> = vec![(Vec::new(), Vec::new(), Vec::new()); npanels];
    // Per panel, its rows whose numbers stand under no column (spaces
    // collapsed): placed after the loop by the table's sums.
    let mut collapsed_rows: Vec<Vec<super::collapsed::Unplaced>> = (0..npanels).map(|_| Vec::new()).collect();
    let mut filled: Vec<bool> = Vec::with_capacity(ncols);
    // A label's beginning printed above its row ("机关事业单位基本养老保险"
    // over "30108 缴费 …"), held for that row: (label, line, panel).
    let mut head: Option<(String, usize, usize)> = None;
    // A row's amounts printed on the line above its name, held for the row
    // the next line opens: (cells, line, panel).
    let mut lead: Option<(Vec<Cell>, usize, usize)> = None;
    // Per panel, the last line that printed something in it, and where the
    // label of its last row starts and ends on its line.
    let mut touched: Vec<usize> = vec![usize::MAX; npanels];
    let mut label_at: Vec<Option<(usize, usize)>> = vec![None; npanels];
    let mut astray_rests = 0usize;
    // Per panel, how many of its rows were looked at, and whether one of
    // them is named (a code or a label).
    let mut named: Vec<(usize, bool)> = vec![(0, false); npanels];
    for (bi, b) in body.iter().enumerate().skip(first_data) {
        // Amounts held for a row the line after them did not open: strays.
        let previous = bi.checked_sub(1).and_then(|i| body.get(i)).map(|a| a.no);
        if let Some((cells, _, _)) = lead.take_if(|(_, at, _)| previous != Some(*at)) {
            strays = strays.saturating_add(cells.iter().filter(|c| c.value.is_some()).count());
        }
        // A head whose row did not follow on the next line is a row of its own.
        if let Some((h, at, p)) = head.take_if(|(_, at, _)| at.checked_add(1) != Some(b.no)) {
            rows_by_panel[p].push(label_alone(h, at, ncols));
        }
        if !b.data && header_seen.contains(&b.sq) {
            continue;
        }
        for (codes, texts, values) in pieces.iter_mut() {
            codes.clear();
            texts.clear();
            values.clear();
        }
        if panel_at(b.page, 0) == usize::MAX {
            // Rows without numbers on such a page carry nothing to misplace.
            if b.data {
                strays += 1;
            }
            continue;
        }
        let on_fewer = fewer.iter().any(|(p, _)| *p == b.page);
        for s in &b.spans {
            let p = if s.is_value() { panel_at(b.page, s.start) } else { text_panel(b.page, s.start) };
            if !s.is_value() && unplaced(b.page, s) {
                unseen_panels.insert(b.no);
            }
            if s.what == What::Code {
                pieces[p].0.push(s);
            } else if s.what == What::Text {
                pieces[p].1.push(s);
            } else {
                // A number belongs to the panel of its column.
                let c = col_of(b.page, s);
                let p = c.and_then(|c| panel_cols.iter().position(|r| r.contains(&c))).unwrap_or(p);
                pieces[p].2.push((s, c));
            }
        }
        // A row of the next panel printed a few columns left, its code or
        // the code's 类 over this panel's codes ("310   19   其他交通工具购置"
        // under the left panel of 02's 基本支出决算表; at a narrower pitch
        // "310 19" there and the label here): a 类 code, or a 类 and a 款,
        // alone here, and there a label whose code lacks them, are one row.
        for p in 0..pieces.len().saturating_sub(1) {
            let (here, next) = (&pieces[p], &pieces[p + 1]);
            let lead = match here.0.as_slice() {
                [c] if c.text.len() == 3 => Some(false),
                [c, k] if c.text.len() == 3 && k.text.len() == 2 => Some(true),
                _ => None,
            };
            let alone = lead.is_some() && here.1.is_empty() && here.2.is_empty();
            let lacking = match next.0.first() {
                None => lead == Some(true),
                Some(k) => k.text.len() == 2 && lead == Some(false),
            };
            if alone && lacking && !next.1.is_empty() {
                let codes = std::mem::take(&mut pieces[p].0);
                pieces[p + 1].0.splice(0..0, codes);
            }
        }
        // A label whose number sits under the next panel (a 合计 printed
        // across two panels): the number is the label's.
        for p in 0..pieces.len().saturating_sub(1) {
            if pieces[p].2.is_empty()
                && pieces[p + 1].1.is_empty()
                && !pieces[p + 1].2.is_empty()
                && panel_cols[p].len() == pieces[p + 1].2.len()
                && is_total_label(&pieces[p].1.iter().map(|s| &*s.text).collect::<String>())
            {
                // Swapped with the label's empty list, keeping both buffers.
                let (left, right) = pieces.split_at_mut(p + 1);
                std::mem::swap(&mut left[p].2, &mut right[0].2);
            }
        }
        for (p, (codes, texts, values)) in pieces.iter().enumerate() {
            if codes.is_empty() && texts.is_empty() && values.is_empty() {
                continue;
            }
            let touched_before = std::mem::replace(&mut touched[p], b.no);
            // Two labels apart in one panel of a two-sided table: its panels
            // were not told apart on this line. With form feeds each page's
            // panels are found on it; without, a page that prints them
            // elsewhere is read against another's.
            let apart = npanels > 1 && texts.windows(2).any(|w| w[1].start >= w[0].end + 3);
            if apart && !paged {
                joined_labels += 1;
            } else if apart && on_fewer {
                unseen_panels.insert(b.no); // labels of two panels, one of them unseen on this page
            }
            // Two items of a list apart in one panel ("一、一般公共服务支出"
            // … "一、基本支出"): rows of two panels taken for one, whatever
            // the panels found.
            let enumerated = |s: &Span| super::panels_cells::enumeration(&s.text).is_some();
            if texts.windows(2).any(|w| w[1].start >= w[0].end + 3 && enumerated(w[0]) && enumerated(w[1])) {
                two_items += 1;
            }
            let (code, label) = split_code(codes, texts.iter().map(|s| &*s.text).collect());
            // The table's line above (blank lines apart: some layouts print
            // one between every two lines, a cell's too), if it prints one
            // text in this panel starting where `x` is (within a column), of
            // one cell, and the columns are where the page put them.
            let over = |x: usize| {
                bi.checked_sub(1).and_then(|i| body.get(i)).filter(|a| {
                    let mut here = a.spans.iter().filter(|s| s.what == What::Text && text_panel(a.page, s.start) == p);
                    lost.is_none() && here.next().is_some_and(|s| s.start.abs_diff(x) <= 1 && one_cell(s)) && here.next().is_none()
                })
            };
            // (The row starts on its head's line.)
            let mut starts = b.no;
            let label = match head.take_if(|(_, _, q)| *q == p) {
                Some((h, at, _)) if code.is_some() => {
                    starts = at;
                    h + &label
                }
                // (Not taken: a row of its own, as it would have been.)
                Some((h, at, _)) => {
                    rows_by_panel[p].push(label_alone(h, at, ncols));
                    label
                }
                None => label,
            };
            if values.is_empty() && code.is_none() && is_wrap(&label) {
                if let Some(prev) = rows_by_panel[p].last_mut().filter(|r| !is_complete(&r.label)) {
                    // (A rest starts under its row's label, left-aligned or
                    // centred, or under the line above it (a cell of three
                    // lines, its amount's line in the middle). Beside other
                    // panels, one starting right of where that label ends
                    // may be the next panel's, its columns drifted: whose,
                    // the page does not say.)
                    if npanels > 1 && label_at[p].zip(texts.first()).is_some_and(|((_, to), t)| t.start > to) {
                        astray_rests += 1;
                    }
                    prev.label.push_str(&label);
                    continue;
                }
            }
            // A longer label alone on its line, no code, no number: its
            // row's second line under it ("行政单位离退休支出" under "2080501
            // 未归口管理的 84.65"), or its first line over it ("机关事业单位基本
            // 养老保险" over "30108 缴费 1,064.46"). A cell's text wraps where
            // the cell ends, so the longer line is the first: the row above
            // holds a longer label, the one below a shorter. Where both
            // could be (a row above exactly as wide), the row below takes
            // it: a rest as wide as its first line needs a label of exactly
            // two widths, rarer than a one-line label that fills its cell.
            if values.is_empty() && code.is_none() && is_long_wrap(&label) {
                let n = label.chars().count();
                // (Of the next line, what this panel prints: the row it holds.)
                let below = body.get(bi + 1).is_some_and(|next| {
                    let here = |s: &&Span| p == if s.is_value() { panel_at(next.page, s.start) } else { text_panel(next.page, s.start) };
                    let text = next
                        .spans
                        .iter()
                        .filter(here)
                        .filter(|s| s.what == What::Text)
                        .fold(0usize, |t, s| t.saturating_add(s.text.chars().count()));
                    b.no.checked_add(1) == Some(next.no)
                        && text <= n
                        && next.spans.iter().filter(here).any(|s| s.what == What::Code)
                        && next.spans.iter().filter(here).any(Span::is_value)
                });
                // (A row whose head was above starts two lines up: the line
                // after it is the next row's head, as in the rest of its
                // table, unless the next row's line prints more than it,
                // as no rest of a wrap does: then it is the third line of a
                // label printed over three ("党委办公厅" / "20131 （室）及相
                // …" / "关机构事务").)
                let above = |r: &&mut Row| {
                    let m = r.label.chars().count();
                    let last = r.cells.iter().map(|c| c.source_line).fold(r.source_line, usize::max);
                    let next_line = |l: usize| l.checked_add(1) == Some(b.no);
                    r.code.is_some() && (m > n || m == n && !below) && (next_line(r.source_line) || !below && next_line(last))
                };
                if let Some(prev) = rows_by_panel[p].last_mut().filter(above) {
                    prev.label.push_str(&label);
                    continue;
                }
                if below {
                    head = Some((label, b.no, p));
                    continue;
                }
            }
            // The rest of a label wrapped onto the line under its row, in a
            // table without codes ("八、社会保障  1,121.39" over "和就业支出"),
            // starting where the row's label does.
            if let (true, None, [t]) = (values.is_empty(), &code, texts.as_slice()) {
                // (The line above looked at last: most lines are no rest.)
                let under =
                    |r: &&mut Row| r.code.is_none() && continues(&r.label, &label) && over(t.start).is_some_and(|a| a.no == r.source_line);
                if let Some(prev) = rows_by_panel[p].last_mut().filter(under) {
                    prev.label.push_str(&label);
                    continue;
                }
            }
            // A row printed over lines, one part a line, the amounts last:
            // a label on its own line above the code and numbers of its row
            // (a wrapped label), or, in text copied in the content's order,
            // a code alone on its line, then its label, then its amounts
            // ("2080505" / "机关事业单位基本养老保险缴费支" / "出" / "580.01").
            // One row.
            let merge = rows_by_panel[p].last().is_some_and(|r| {
                // (The parts of one row are on lines one after another: a
                // line between that this panel left empty holds another
                // panel's row, and these amounts are a row of their own.)
                let open = previous == Some(touched_before) && r.cells.iter().all(|c| c.value.is_none()) && !is_total_label(&r.label);
                let label_above = r.code.is_none() && !r.label.is_empty() && label.is_empty() && (code.is_some() || !values.is_empty());
                // (a total has no code: "人员经费合计" after a blank "310")
                let code_above = r.code.is_some() && r.label.is_empty() && code.is_none() && !label.is_empty() && !is_total_label(&label);
                let amounts_after = r.code.is_some() && !r.label.is_empty() && code.is_none() && label.is_empty() && !values.is_empty();
                // (a wrap's rest is one text, under its first line's)
                let wrapped = match texts.as_slice() {
                    [t] => {
                        wraps_onto(r, code.as_deref(), &label, !values.is_empty()) && over(t.start).is_some_and(|a| a.no == r.source_line)
                    }
                    _ => false,
                };
                open && (label_above || code_above || amounts_after || wrapped)
            });
            // (Of the merges, only a wrap's brings a label to a row with one.)
            let joins_above = merge && rows_by_panel[p].last().is_some_and(|r| !r.label.is_empty() && !label.is_empty());
            let mut cells = vec![Cell::blank(b.no); ncols];
            filled.clear();
            filled.resize(ncols, false);
            // As many numbers as the panel has columns with numbers: in order.
            let with_data = &with_data[p];
            let ordered = values.len() == with_data.len() && !with_data.is_empty();
            // Fewer numbers than columns and some under none: the line's
            // spaces collapsed, and no number's position can be trusted.
            let collapsed = !ordered
                && values.len() <= with_data.len()
                && values.iter().any(|(_, c)| c.filter(|c| panel_cols[p].contains(c)).is_none());
            let deferred: Option<Vec<Cell>> =
                collapsed.then(|| values.iter().map(|(s, _)| Cell { value: s.value(), source_line: b.no }).collect());
            for (k, (s, c)) in values.iter().enumerate().filter(|_| !collapsed) {
                let c = if ordered { Some(with_data[k]) } else { c.filter(|c| panel_cols[p].contains(c)) };
                let Some(c) = c else {
                    strays += 1;
                    continue;
                };
                let _ = &unmapped;
                if filled[c] {
                    collisions += 1;
                    continue;
                }
                filled[c] = true;
                cells[c] = Cell { value: s.value(), source_line: b.no };
            }
            // The rest of a row too long for its line ("212 城乡社区支出
            // 119,385,303", then "119,385,303  0  0  0" on the next line:
            // a text layer wider than the page): amounts alone, on the line
            // right after the row's, all in columns after the row's own.
            let rest = !merge
                && label.is_empty()
                && code.is_none()
                && deferred.is_none()
                && rows_by_panel[p].last().is_some_and(|r| {
                    let last_line = r.cells.iter().map(|c| c.source_line).fold(r.source_line, usize::max);
                    let own = r.cells.iter().rposition(|c| c.value.is_some());
                    let first_here = filled.iter().position(|f| *f);
                    last_line.checked_add(1) == Some(b.no) && own.is_some() && first_here.is_some() && own < first_here
                });
            if rest {
                if let Some(prev) = rows_by_panel[p].last_mut() {
                    for (c, cell) in cells.into_iter().enumerate().filter(|(c, _)| filled[*c]) {
                        prev.cells[c] = cell;
                    }
                }
                continue;
            }
            // (Rows are looked at once each: a panel of many rows costs no
            // scan of them all per line.)
            let rows = &rows_by_panel[p];
            let (seen, found) = &mut named[p];
            // (The last row again: a later line may have named it.)
            let from = seen.saturating_sub(1);
            *found = *found || rows.get(from..).unwrap_or_default().iter().any(|r| r.code.is_some() || !r.label.is_empty());
            *seen = rows.len();
            let named = *found;
            if let (Some(first), Some(last)) = (texts.first(), texts.last()) {
                label_at[p] = Some((first.start, last.end));
            }
            match rows_by_panel[p].last_mut().filter(|_| merge) {
                Some(prev) => {
                    prev.code = prev.code.take().or(code);
                    if joins_above {
                        prev.label.push_str(&label);
                    } else if !label.is_empty() {
                        prev.label = label;
                    }
                    prev.cells = cells;
                }
                // Amounts under no label and no code that finish no row, in a
                // panel whose rows are named: whose they are is not printed
                // here, so they are not placed. (A 三公 table's one row of
                // figures has no name.)
                None if code.is_none() && label.is_empty() && !values.is_empty() && named => {
                    // Unless the next line names this panel's row and prints
                    // none of its amounts: a row over several lines, its
                    // amounts centred above its name.
                    let names_next = body.get(bi + 1).is_some_and(|next| {
                        let here =
                            |s: &&Span| p == if s.is_value() { panel_at(next.page, s.start) } else { text_panel(next.page, s.start) };
                        next.spans.iter().filter(here).any(|s| s.what == What::Text) && !next.spans.iter().filter(here).any(Span::is_value)
                    });
                    if names_next && deferred.is_none() {
                        lead = Some((cells, b.no, p));
                    } else {
                        strays = strays.saturating_add(values.len());
                    }
                    continue;
                }
                None => {
                    let mut row = Row { code, label, line: None, cells, source_line: starts };
                    if let Some((cells, _, _)) = lead.take_if(|(_, _, q)| *q == p && values.is_empty() && !row.label.is_empty()) {
                        row.cells = cells;
                    }
                    rows_by_panel[p].push(row);
                }
            }
            if let Some(values) = deferred {
                let row = rows_by_panel[p].len().saturating_sub(1);
                collapsed_rows[p].push(super::collapsed::Unplaced { row, values });
            }
        }
    }
    if let Some((h, at, p)) = head {
        rows_by_panel[p].push(label_alone(h, at, ncols));
    }
    if let Some((cells, _, _)) = lead {
        strays = strays.saturating_add(cells.iter().filter(|c| c.value.is_some()).count());
    }
    if joined_labels > 0 {
        refuse(
            &mut table,
            format!("这段文字没有分页符，有{joined_labels}行的两栏文字落在同一栏内（跨页后栏位移动），无法确定每栏的位置，本表未读取。请使用保留分页符的文字（如 pdftotext -layout 的结果），或直接使用PDF文件。"),
        );
        return (table, problems);
    }
    if !unseen_panels.is_empty() {
        refuse(
            &mut table,
            format!("续页只印出部分栏的文字，有{}行的文字可能属于该页未印出的另一栏，无法确定，本表未读取。", unseen_panels.len()),
        );
        return (table, problems);
    }
    if astray_rests > 0 {
        refuse(&mut table, format!("有{astray_rests}处折行的名称不在其上一行名称之下（栏位随行漂移），无法确定属于哪一栏，本表未读取。"));
        return (table, problems);
    }
    if two_items > 0 {
        refuse(&mut table, format!("有{two_items}行在同一栏内印着两个编号的项目（如“一、…”与“一、…”），各栏的分界无法确定，本表未读取。"));
        return (table, problems);
    }
    // Rows whose spaces collapsed, placed by the table's sums where exactly
    // one placement keeps them; the rest are strays.
    let meanings: Vec<Meaning> = paths.iter().map(|p| Meaning::of(p)).collect();
    for (p, rows) in rows_by_panel.iter_mut().enumerate() {
        if let Some(u) = collapsed_rows.get(p).filter(|u| !u.is_empty()) {
            let sum = Meaning::row_sum(&meanings, panel_cols[p].clone());
            strays = strays.saturating_add(super::collapsed::settle(rows, u, &with_data[p], sum.as_ref()));
        }
    }
    if collisions + strays > 0 {
        refuse(
            &mut table,
            format!("有{}个数字无法唯一对应到表头的某一栏（栏目没有对齐），为免放错位置，本表未读取。", collisions + strays),
        );
        return (table, problems);
    }
    let mut panels = Vec::new();
    for (p, rows) in rows_by_panel.into_iter().enumerate() {
        if rows.is_empty() && panel_cols[p].is_empty() {
            continue;
        }
        let start = table.rows.len();
        table.rows.extend(rows);
        panels.push(Panel {
            name: match by_order {
                Some(_) => super::order::panel_name(&header),
                None => panel_name(&header, starts.get(p).copied().unwrap_or(0), starts.get(p + 1).copied()),
            },
            columns: panel_cols[p].clone(),
            rows: start..table.rows.len(),
        });
    }
    table.columns = paths.iter().map(|p| p.join(" › ")).collect();
    if let Some(g) = table.grid.as_mut() {
        g.meanings = meanings;
        g.paths = paths;
        g.panels = panels;
        g.read = true;
        g.exact = exact;
    }
    if let Some(line) = table.grid.as_ref().filter(|g| g.read).and_then(|_| overlong_decimals(&table)) {
        // No disclosure prints money to more than four decimals: such a
        // cell is two amounts printed against each other whose split could
        // not be told ("158.44700"), and its row's other cells are astray.
        table.grid = table.grid.as_deref().map(unread);
        refuse(&mut table, format!("第{line}行有小数位数超过四位的数字，可能是两个数字挤在了一起，各栏无法分清，本表未读取。"));
    } else if let Some(line) = table.grid.as_ref().filter(|g| g.read).and_then(|_| amount_in_a_label(&table)) {
        // Text printed over its neighbour's (a label too long for its cell
        // run into the amount beside it): the two come out letter by letter
        // ("及相关机1构6,事84务5.17"), and that row's amount is in its name.
        table.grid = table.grid.as_deref().map(unread);
        refuse(&mut table, format!("第{line}行的名称中夹着一个金额（文字与数字重叠印在一起），这一行的金额无法读出，本表未读取。"));
    } else if table.grid.as_deref().is_some_and(|g| g.read && uncaptioned_beside_captioned(&table, g)) {
        // A column of figures no caption names, beside captioned ones in its
        // panel: the header's words were not matched to the figures (a
        // caption taken into its neighbour's, as text printing Chinese
        // narrower than it stands gives), so every column may be askew.
        table.grid = table.grid.as_deref().map(unread);
        refuse(&mut table, "表中有一栏数字在表头找不到对应的栏名，各栏可能没有对准，本表未读取。".to_string());
    } else if matches!(table.kind, TableKind::BSangong | TableKind::F09) {
        if let Some(g) = table.grid.take() {
            match super::sangong::settle(&mut table, &g) {
                Ok(_) => {
                    // The columns the rules check the table's identities on.
                    let mut g = g;
                    g.sangong = SangongCols::of(&g);
                    if g.sangong.is_none() {
                        g.sangong_pairs = SangongCols::pairs(&g);
                    }
                    table.grid = Some(g);
                }
                Err(why) => {
                    table.grid = Some(unread(&g));
                    refuse(&mut table, why.to_string());
                }
            }
        }
    } else if let Some(line) = table.grid.as_ref().filter(|g| g.read).and_then(|g| total_left_blank(&table, g)) {
        // A printed table fills its 合计 column wherever its parts have
        // figures: amounts wider than their captions (a table in 元 with
        // decimals) end past the next caption's centre, and every amount of
        // the row is then read one column right, the 合计's under 基本支出.
        // The row's own sum cannot see that (its total is blank).
        table.grid = table.grid.as_deref().map(unread);
        refuse(
            &mut table,
            format!("第{line}行的各组成栏有数字而“合计”栏为空，数字可能整体错了一栏（数字比栏目宽），各栏无法确定，本表未读取。"),
        );
    } else if table.grid.as_ref().is_some_and(|g| g.read && every_row_breaks_its_sum(&table, g)) {
        // Not a table wrong in every row but columns placed under the wrong
        // captions (a group caption taken for a column of its own, whose
        // meaning then leaves the real parts out of the sum).
        table.grid = table.grid.as_deref().map(unread);
        refuse(&mut table, "按表头读出的各栏，每一行的合计都与其各组成栏之和对不上，可能是栏目没有读准，本表未读取。".to_string());
    } else if let Some((found, named)) = table.grid.as_ref().filter(|g| g.read).and_then(|_| codes_unlike(&table)) {
        // Text copied in the content's order prints each title after its
        // table: the body under a title is then the next table's.
        table.grid = table.grid.as_deref().map(unread);
        refuse(&mut table, format!("表中的科目编码多为{found}，与表名所示的{named}不符（可能是文字的先后次序与版面不同，表名接上了别的表的内容），本表未读取。"));
    }
    (table, problems)
}

/// A viewer's copy of a 三公 table, read by its identities
/// ([`super::sangong_cells`]) from the lines of its block as printed: a
/// whole number is an amount there, not a page number, and a note ends with
/// its sentence (the cells after it are the table's, in drawing order).
fn read_sangong_cells(lines: &[Line], block: &Block, evidence: &Evidence, table: &mut Table) -> Result<(), &'static str> {
    use super::sangong_cells::{meanings, read, Refusal};
    let cells = block_cells(lines, block);
    let read = read(&cells, &block.title, block.unit.as_deref(), evidence).map_err(|r| match r {
        Refusal::Shape => CELLS_SHAPE,
        Refusal::Sums => SANGONG_SUMS,
        Refusal::Ambiguous => SANGONG_AMBIGUOUS,
    })?;
    table.columns = read.paths.iter().map(|p| p.join(" › ")).collect();
    table.rows = read.rows;
    if let Some(g) = table.grid.as_mut() {
        g.meanings = meanings(&read.paths);
        g.panels = vec![Panel { name: String::new(), columns: 0..read.paths.len(), rows: 0..table.rows.len() }];
        g.paths = read.paths;
        g.read = true;
        // Placed by the identities, which then hold by construction: the
        // rules must not take them for the table's own.
        g.exact = false;
        g.sangong = SangongCols::of(g);
    }
    Ok(())
}

/// A viewer's copy of a summary in enumerated panels (收入 | 支出), read by
/// its enumerations and its panels' 合计 ([`super::panels_cells`]).
fn read_panels_cells(lines: &[Line], block: &Block, table: &mut Table) -> Result<(), &'static str> {
    use super::panels_cells::{read, Refusal};
    let read = read(&block_cells(lines, block)).map_err(|r| match r {
        Refusal::Shape => CELLS_SHAPE,
        Refusal::Sums => PANELS_SUMS,
        Refusal::Ambiguous => PANELS_AMBIGUOUS,
    })?;
    let n = read.panels.len();
    let paths: Vec<Vec<String>> = vec![vec![String::new()]; n];
    table.columns = vec![String::new(); n];
    table.rows = read.rows;
    if let Some(g) = table.grid.as_mut() {
        g.meanings = paths.iter().map(|p| Meaning::of(p)).collect();
        g.panels = (0..n)
            .map(|p| Panel { name: String::new(), columns: p..p + 1, rows: read.panels.get(p).cloned().unwrap_or_default() })
            .collect();
        g.paths = paths;
        g.read = true;
        // Placed by the panels' sums, which then hold by construction.
        g.exact = false;
    }
    Ok(())
}

/// The cells of a block printed one per line, in printed order: its meta
/// lines (and a meta line's value on the next), notes, markers and the
/// title's wrapped end left out.
fn block_cells<'a>(lines: &'a [Line], block: &Block) -> Vec<(usize, &'a str)> {
    let ranges = std::iter::once(block.body.clone()).chain(block.more.iter().cloned());
    let mut cells: Vec<(usize, &str)> = Vec::new();
    // A meta line's value on the next line ("部门：" over the department's
    // name), and the title's wrapped end ("算表") before anything else.
    let mut value_next = false;
    // A note wrapped onto more lines, up to its sentence's end: the cells
    // after it are the table's (drawn after it), and no cell ends in 。.
    let mut in_note = false;
    for l in ranges.flat_map(|r| lines[r].iter()) {
        let sq = l.squeezed.as_str();
        if sq.is_empty() {
            continue;
        }
        let figures = || l.text.split_whitespace().all(super::sangong_cells::is_figure);
        if in_note && !figures() {
            in_note = !(sq.ends_with('。') || sq.ends_with('；'));
            continue;
        }
        if is_note(sq) || super::super::is_empty_note(sq) {
            in_note = !(sq.ends_with('。') || sq.ends_with('；'));
            continue;
        }
        in_note = false;
        let told = std::mem::take(&mut value_next);
        if is_meta(sq) {
            value_next = sq.ends_with('：') || sq.ends_with(':');
            continue;
        }
        let title_end = cells.is_empty() && block.title.ends_with(sq) && block.title.len() > sq.len();
        if told && !sq.bytes().any(|b| b.is_ascii_digit()) || title_end {
            continue;
        }
        if !super::super::catalogue::is_marker_line(sq) {
            cells.push((l.no, l.text.as_str()));
        }
    }
    cells
}

/// Why a viewer's copy of a table is not read: its cells' columns are lost.
const CELLS_SHAPE: &str = "这段文字每个单元格占一行（常见于从PDF阅读器复制的文字），无法确定数字属于哪一栏，本表未读取。请粘贴保持版式的文字（如 pdftotext -layout 的结果），或直接使用PDF文件。";

/// Why a viewer's copy of a 三公 table is not read: no placement adds up.
const SANGONG_SUMS: &str = "这段文字每个单元格占一行（常见于从PDF阅读器复制的文字）；按顺序读出的数字怎样归入各栏都不符合“合计＝各项之和”“公务用车购置及运行费＝购置费＋运行费”，可能是复制时数字离开了原来的位置，也可能是表中本身有误，本表未读取。请粘贴保持版式的文字（如 pdftotext -layout 的结果），或直接使用PDF文件核对。";

/// Why a viewer's copy of a 三公 table is not read: several placements add up.
const SANGONG_AMBIGUOUS: &str = "这段文字每个单元格占一行（常见于从PDF阅读器复制的文字），空白栏不印数字；按“合计＝各项之和”、基本支出表中的“三公”科目和情况说明所述金额，数字仍有不止一种归入各栏的方式（如购置费与运行费哪一栏空白），本表未读取。请粘贴保持版式的文字（如 pdftotext -layout 的结果），或直接使用PDF文件。";

/// Why a viewer's copy of a 收支 summary is not read: no placement adds up.
const PANELS_SUMS: &str = "这段文字每个单元格占一行（常见于从PDF阅读器复制的文字）；按行次编号和“合计”读出的数字怎样归入各行都不符合“合计＝各行之和”，可能是复制时数字离开了原来的位置，也可能是表中本身有误，本表未读取。请粘贴保持版式的文字（如 pdftotext -layout 的结果），或直接使用PDF文件核对。";

/// Why a viewer's copy of a 收支 summary is not read: several placements add up.
const PANELS_AMBIGUOUS: &str = "这段文字每个单元格占一行（常见于从PDF阅读器复制的文字），空白格不印数字；按“合计＝各行之和”，数字仍有不止一种归入各行的方式，本表未读取。请粘贴保持版式的文字（如 pdftotext -layout 的结果），或直接使用PDF文件。";

/// The grid of a table found but not read: its page and marker kept.
fn unread(g: &Grid) -> Box<Grid> {
    Box::new(Grid { read: false, page: g.page, marker: g.marker.clone(), ..Grid::default() })
}

/// The source line of a cell with more than four decimals, if any.
/// Whether a panel has a column with figures and no caption while another
/// of its columns has one. (A panel whose columns are all uncaptioned, a
/// 收入 | 支出 summary's "金额" under its panel's name, is read by order.)
fn uncaptioned_beside_captioned(table: &Table, g: &Grid) -> bool {
    let named = |c: usize| g.paths.get(c).is_some_and(|p| p.iter().any(|w| !w.trim().is_empty()));
    let filled = |c: usize| table.rows.iter().any(|r| r.cells.get(c).is_some_and(|x| x.value.is_some()));
    let panels: Vec<std::ops::Range<usize>> = match g.panels.is_empty() {
        true => std::iter::once(0..g.paths.len()).collect(),
        false => g.panels.iter().map(|p| p.columns.clone()).collect(),
    };
    panels.into_iter().any(|cols| cols.clone().any(|c| !named(c) && filled(c)) && cols.clone().any(named))
}

/// The line of a row whose label ends in an amount: printed against it, or
/// letter by letter between its last Chinese characters ("机1构6,事84务5.17":
/// its digits and separators make "16,845.17").
fn amount_in_a_label(table: &Table) -> Option<usize> {
    table.rows.iter().find(|r| interleaved_amount(&r.label)).map(|r| r.source_line)
}

/// Whether `label` ends in digits that, with the Chinese characters among
/// them left out, print an amount with decimals or separators: one printed
/// against the label's end ("本年支出合计2,940.05") or letter by letter among
/// its last characters.
fn interleaved_amount(label: &str) -> bool {
    // (Most labels print no digit: they cost one pass over their bytes.)
    if !label.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let cs: Vec<char> = label.chars().collect();
    // An amount printed against the characters either side of it, inside
    // the label ("…资金24,458.43专项收入"): two decimals or a separator, so
    // a number of the label's own ("（20万以下）", "3.5吨") is not one.
    let glued = cs.split(|c| !c.is_ascii()).enumerate().any(|(k, run)| {
        let run: String = run.iter().collect();
        k > 0 && run.len() >= 4 && money_figures(&run)
    });
    if glued || interleaved_inside(&cs) {
        return true;
    }
    if !cs.last().is_some_and(char::is_ascii_digit) {
        return false;
    }
    // (An amount and the characters among it take a few dozen at most:
    // only the label's last 40 are looked at, so a long label costs no
    // more than a short one.)
    (cs.len().saturating_sub(40).max(1)..cs.len()).any(|i| {
        let tail = &cs[i..];
        let opens = cs[i].is_ascii_digit() && !cs[i - 1].is_ascii();
        let figures: String = tail.iter().filter(|c| c.is_ascii()).collect();
        opens && super::spans::printed_amount(&figures).is_some()
    })
}

/// Whether an amount stands letter by letter among a label's characters
/// inside it ("（补助1）58资97金.44专项收入": 15,897.44 printed over the
/// label): figures from a digit to a digit, two Chinese characters or more
/// among them (one may be the label's own bracket after a number), with
/// two decimals or a separator.
fn interleaved_inside(cs: &[char]) -> bool {
    (1..cs.len()).filter(|&i| cs[i].is_ascii_digit() && !cs[i - 1].is_ascii()).any(|i| {
        let (mut figures, mut among) = (String::new(), 0usize);
        // (An amount and the characters among it take a few dozen at most.)
        for j in i..cs.len().min(i.saturating_add(40)) {
            if cs[j].is_ascii() {
                figures.push(cs[j]);
            } else {
                among = among.saturating_add(1);
            }
            let closes = cs[j].is_ascii_digit() && cs.get(j + 1).is_some_and(|n| !n.is_ascii());
            if closes && among >= 2 && money_figures(&figures) {
                return true;
            }
        }
        false
    })
}

/// Whether figures print an amount of money, not a number of a label's own
/// ("20", "3.5"): two decimals or a thousands separator.
fn money_figures(f: &str) -> bool {
    let money = f.contains(',') || f.split_once('.').is_some_and(|(_, d)| d.len() == 2);
    money && super::spans::printed_amount(f).is_some()
}

fn overlong_decimals(table: &Table) -> Option<usize> {
    table.rows.iter().flat_map(|r| &r.cells).find(|c| c.value.is_some_and(|v| v.scale() > 4)).map(|c| c.source_line)
}

/// Whether most of a table's 科目 codes (three or more) are of the other
/// classification than its kind's: 功能分类 codes open with 2, 经济分类
/// codes with 3 (部门) or 5 (政府). As (found, named).
fn codes_unlike(table: &Table) -> Option<(&'static str, &'static str)> {
    use TableKind::*;
    let economic = matches!(table.kind, F06 | BBasicEcon | BBasicGovEcon | BBasicAll | BFiscalBasic);
    let functional = matches!(table.kind, F05 | F07 | F08 | BGeneral | BFund | BCapital | BFiscalSpend);
    let (mut fun, mut eco) = (0usize, 0usize);
    for c in table.rows.iter().filter_map(|r| r.code.as_deref()) {
        match c.as_bytes().first() {
            Some(b'2') => fun += 1,
            Some(b'3' | b'5') => eco += 1,
            _ => {}
        }
    }
    if economic && fun >= 3 && fun > 2 * eco {
        Some(("功能分类科目", "经济分类科目"))
    } else if functional && eco >= 3 && eco > 2 * fun {
        Some(("经济分类科目", "功能分类科目"))
    } else {
        None
    }
}

/// The source line of the first row with figures in its panel's parts,
/// when no row of that panel has a figure in its 合计 ([`Meaning::row_sum`]):
/// the whole column blank while the columns it adds up are not.
fn total_left_blank(table: &Table, g: &Grid) -> Option<usize> {
    g.panels.iter().find_map(|p| {
        let (total, parts) = Meaning::row_sum(&g.meanings, p.columns.clone())?;
        let rows = table.rows.get(p.rows.clone()).unwrap_or_default();
        if rows.iter().any(|r| r.value(total).is_some()) {
            return None;
        }
        let r = rows.iter().find(|r| parts.iter().any(|c| r.value(*c).is_some_and(|v| !v.is_zero())))?;
        r.cells.iter().find(|c| c.value.is_some()).map(|c| c.source_line)
    })
}

/// Whether every row of three or more with a 合计 (not zero) breaks its
/// panel's row sum ([`Meaning::row_sum`]) by more than rounding: half a unit
/// of the last printed decimal per term. A blank part adds nothing.
fn every_row_breaks_its_sum(table: &Table, g: &Grid) -> bool {
    let (mut checked, mut broken) = (0usize, 0usize);
    for p in &g.panels {
        let Some((total, parts)) = Meaning::row_sum(&g.meanings, p.columns.clone()) else { continue };
        for r in table.rows.get(p.rows.clone()).unwrap_or_default() {
            let Some(t) = r.value(total).filter(|t| !t.is_zero()) else { continue };
            let values: Vec<rust_decimal::Decimal> = parts.iter().filter_map(|c| r.value(*c)).collect();
            let Some(sum) = values.iter().try_fold(rust_decimal::Decimal::ZERO, |a, v| a.checked_add(*v)) else { return false };
            let scale = values.iter().map(|v| v.scale()).chain([t.scale()]).max().unwrap_or(0);
            let terms = rust_decimal::Decimal::from(values.len().saturating_add(1));
            let Some(tolerance) = crate::checked::half_unit(scale).checked_mul(terms) else { return false };
            let Some(off) = t.checked_sub(sum) else { return false };
            checked += 1;
            if off.abs() > tolerance {
                broken += 1;
            }
        }
    }
    checked >= 3 && broken == checked
}

fn page_text(page: usize) -> String {
    format!("第{page}页")
}

fn overlaps(s: &Span<'_>, c: &Col) -> bool {
    s.start < c.hi + 1 && c.lo < s.end + 1
}

/// Whether each of `cols` ends within three chars of one of `of`'s, a
/// different one each, in order.
fn ends_among(cols: &[Col], of: &[Col]) -> bool {
    let mut after = 0;
    cols.iter().all(|c| match (after..of.len()).find(|k| of[*k].hi.abs_diff(c.hi) <= 3) {
        Some(k) => {
            after = k + 1;
            true
        }
        None => false,
    })
}

/// The column whose numbers end nearest this number's end.
fn nearest(cols: &[Col], s: &Span<'_>) -> Option<usize> {
    let off = |c: usize| cols[c].edge.unwrap_or(cols[c].hi).abs_diff(s.end);
    (0..cols.len()).min_by_key(|c| off(*c)).filter(|c| off(*c) <= 6 || overlaps(s, &cols[*c]))
}

/// Value columns and panel starts of the data lines of one page.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    cols: Vec<Col>,
    /// The first column of each panel's labels (the first is 0).
    starts: Vec<usize>,
    /// Per panel: whether its rows have labels.
    labelled: Vec<bool>,
    /// Per panel: where its widest label ends.
    label_ends: Vec<usize>,
    /// Per column: the data lines that have a number in it.
    pub(super) lines: Vec<Vec<usize>>,
}

pub(super) fn layout_of(data: &[&BodyLine]) -> Option<Layout> {
    let mut ends: Vec<(usize, usize, usize)> = Vec::with_capacity(data.iter().map(|b| b.spans.len()).fold(0, usize::saturating_add)); // (end, start, line)
    for (i, b) in data.iter().enumerate() {
        for s in b.spans.iter().filter(|s| s.is_value()) {
            ends.push((s.end, s.start, i));
        }
    }
    ends.sort_unstable();
    let mut cols: Vec<Col> = Vec::new();
    let mut lines_of: Vec<Vec<usize>> = Vec::new();
    let mut ends_of: Vec<Vec<usize>> = Vec::new();
    for (e, s, i) in ends {
        // Two numbers of one line are never one column ("0   0   0").
        match cols.last_mut() {
            Some(c) if e <= c.e0 + 4 && !lines_of.last().is_some_and(|l| l.contains(&i)) => {
                c.hi = c.hi.max(e);
                c.lo = c.lo.min(s);
                if let Some(l) = lines_of.last_mut() {
                    l.push(i);
                }
                if let Some(v) = ends_of.last_mut() {
                    v.push(e);
                }
            }
            _ => {
                cols.push(Col { lo: s, hi: e, e0: e, edge: None, caption: Vec::new(), has_data: true });
                // Sized for every line: a column grows one number at a time.
                let mut l = Vec::with_capacity(data.len());
                l.push(i);
                lines_of.push(l);
                ends_of.push(vec![e]);
            }
        }
    }
    if cols.len() > 48 {
        return None; // no disclosure table has that many columns
    }
    // Clusters that overlap are one column whose numbers are not aligned:
    // a text layer places right-aligned numbers a column or two apart
    // (proportional digits, labels of varying width before them), more than
    // the clustering above allows. Where they never share a line, they are
    // one column; where a line prints a number in each, no column can be
    // told and the page is not read.
    // (At most 47 merges, each one pass over the lines: linear.)
    let mut in_first = vec![false; data.len()];
    while let Some(i) = cols.windows(2).position(|w| w[1].lo + 1 < w[0].hi) {
        in_first.fill(false);
        for &x in &lines_of[i] {
            in_first[x] = true;
        }
        if lines_of[i + 1].iter().any(|&x| in_first[x]) {
            return None;
        }
        let b = cols.remove(i + 1);
        let bl = lines_of.remove(i + 1);
        let be = ends_of.remove(i + 1);
        cols[i].lo = cols[i].lo.min(b.lo);
        cols[i].hi = cols[i].hi.max(b.hi);
        lines_of[i].extend(bl);
        ends_of[i].extend(be);
        ends_of[i].sort_unstable();
        cols[i].edge = ends_of[i].get(ends_of[i].len() / 2).copied();
    }
    // Text after a number on the same line starts a panel; all such starts
    // between the same two columns are one panel's label column.
    let mut starts: Vec<usize> = vec![0];
    let mut gap_min: Vec<Option<usize>> = vec![None; cols.len()];
    // Text right after a number, clear of that number though not of every
    // number of its column ("27,664.22 一、基本支出" over "27,664.22  支出合计",
    // whose amount ends two columns further right): where the panel's
    // labels start, when no label clear of the column starts within a few
    // columns of it (a text layer drifts that much).
    // So too a label that starts at most three columns before the end of a
    // column of numbers and runs on past it, with no number before it on
    // its line: a text layer at another pitch lets the next panel's labels
    // overlap the numbers' extent that much ("一、基本支出" from column 65
    // over amounts at 57–66). Deeper inside, the label and the numbers are
    // not told apart (columns of two pages run together).
    let mut near_min: Vec<Option<usize>> = vec![None; cols.len()];
    // Text after a number, or text lying between two columns of numbers,
    // is a label of the next panel.
    for b in data {
        let mut seen_value = false;
        let mut after: Option<usize> = None; // the end of the number just before
        for s in &b.spans {
            if s.is_value() {
                seen_value = true;
                after = Some(s.end);
                continue;
            }
            let right_after = after.take();
            if s.what == What::Code && !seen_value {
                continue;
            }
            let gap = (0..cols.len().saturating_sub(1)).find(|g| cols[*g].hi <= s.start && s.start < cols[g + 1].lo);
            if let Some(g) = gap.filter(|_| seen_value || cols[0].hi < s.start) {
                gap_min[g] = Some(gap_min[g].map_or(s.start, |m: usize| m.min(s.start)));
            } else if let Some(e) = right_after.filter(|e| *e <= s.start) {
                let near = (0..cols.len().saturating_sub(1)).find(|g| cols[*g].lo <= e && e <= cols[*g].hi && s.start < cols[g + 1].lo);
                if let Some(g) = near {
                    near_min[g] = Some(near_min[g].map_or(s.start, |m: usize| m.min(s.start)));
                }
            } else if s.what == What::Text && right_after.is_none() {
                let inside = (0..cols.len().saturating_sub(1)).find(|g| {
                    cols[*g].lo < s.start
                        && s.start < cols[*g].hi
                        && cols[*g].hi <= s.start + 3
                        && cols[*g].hi < s.end
                        && s.start < cols[g + 1].lo
                });
                if let Some(g) = inside {
                    near_min[g] = Some(near_min[g].map_or(s.start, |m: usize| m.min(s.start)));
                }
            }
            seen_value = false;
        }
    }
    for (g, near) in near_min.into_iter().enumerate() {
        match (gap_min[g], near) {
            (Some(clear), Some(n)) if n + DRIFT < clear => gap_min[g] = Some(n),
            (None, Some(n)) => gap_min[g] = Some(n),
            _ => {}
        }
    }
    starts.extend(gap_min.into_iter().flatten());
    let mut l = Layout { cols, starts, labelled: Vec::new(), label_ends: Vec::new(), lines: lines_of };
    l.find_labels(data);
    Some(l)
}

impl Layout {
    /// Per panel, whether its rows carry labels (a 三公 line of numbers has
    /// none) and where the widest ends.
    fn find_labels(&mut self, data: &[&BodyLine]) {
        let ends: Vec<Option<usize>> = (0..self.starts.len())
            .map(|p| {
                let (from, to) = (self.starts[p], self.starts.get(p + 1).copied());
                let inside = |s: &&Span| s.what == What::Text && s.start >= from && to.is_none_or(|t| s.start < t);
                data.iter().flat_map(|b| b.spans.iter().filter(inside)).map(|s| s.end).max()
            })
            .collect();
        self.labelled = ends.iter().map(Option::is_some).collect();
        self.label_ends = ends.into_iter().map(|e| e.unwrap_or(0)).collect();
    }
}

/// The label columns of panels that print no number on the header's page:
/// in a two-sided table (panels told apart by numbers), a label that
/// follows another label of its panel after a run of spaces, on two or more
/// lines at the same place and left of every column of that panel, starts a
/// panel of its own where the header prints a caption between the two
/// labels (the first panel's amount column, blank on this page):
/// "一、一般公共服务支出      一、基本支出    1,000.00" under "功能科目名称
/// 金额  项目名称  金额", the 功能分类 column without a number on the page.
fn label_starts(data: &[&BodyLine], header: &[&BodyLine], l: &mut Layout) {
    if l.starts.len() < 2 {
        return;
    }
    let mut found: Vec<usize> = Vec::new();
    for (p, &st) in l.starts.iter().enumerate() {
        let next = l.starts.get(p + 1).copied();
        let inside = |x: usize| x >= st && next.is_none_or(|n| x < n);
        let Some(first) = l.cols.iter().map(|c| c.lo).filter(|lo| inside(*lo)).min() else { continue };
        // (start, line) of each second label; where the first labels end.
        let mut at: Vec<(usize, usize)> = Vec::new();
        let mut firsts_end = 0;
        for (i, b) in data.iter().enumerate() {
            for w in b.spans.windows(2) {
                let (a, c) = (&w[0], &w[1]);
                if a.what == What::Text
                    && c.what == What::Text
                    && inside(a.start)
                    && a.start <= st + 2
                    && c.start >= a.end + 3
                    && c.end < first
                {
                    at.push((c.start, i));
                    firsts_end = firsts_end.max(a.end);
                }
            }
        }
        let (lo, hi) = at.iter().fold((usize::MAX, 0), |(lo, hi), (x, _)| (lo.min(*x), hi.max(*x)));
        let lines = at.iter().map(|(_, i)| *i).collect::<std::collections::BTreeSet<_>>().len();
        let between = |s: &Span| s.what == What::Text && s.start >= firsts_end && s.end <= lo && !is_block_word(&s.text);
        if lines >= 2 && hi <= lo + 2 && header.iter().any(|h| h.spans.iter().any(between)) {
            found.push(lo);
        }
    }
    if found.is_empty() {
        return;
    }
    l.starts.extend(found);
    l.starts.sort_unstable();
    l.find_labels(data);
}

/// The columns of lines that each print, after their labels, the same number
/// of numbers: the first of every line, the second, and so on (one panel).
fn in_order(data: &[&BodyLine]) -> Option<Layout> {
    let k = data.first()?.spans.iter().filter(|s| s.is_value()).count();
    if k == 0 {
        return None;
    }
    let mut cols: Vec<Col> = Vec::with_capacity(k);
    for b in data {
        let first = b.spans.iter().position(Span::is_value)?;
        let values = &b.spans[first..];
        if values.len() != k || !values.iter().all(Span::is_value) {
            return None;
        }
        for (j, s) in values.iter().enumerate() {
            match cols.get_mut(j) {
                Some(c) => {
                    c.lo = c.lo.min(s.start);
                    c.hi = c.hi.max(s.end);
                    c.e0 = c.e0.min(s.end);
                }
                None => cols.push(Col { lo: s.start, hi: s.end, e0: s.end, edge: None, caption: Vec::new(), has_data: true }),
            }
        }
    }
    Some(Layout { cols, starts: vec![0], labelled: vec![true], label_ends: vec![0], lines: vec![(0..data.len()).collect(); k] })
}

/// A leaf of the header tree: its words (top down), the group captions over it.
#[derive(Debug, Clone)]
struct Leaf {
    lo: usize,
    hi: usize,
    words: Vec<(usize, String)>,
    groups: Vec<(usize, String)>,
}

/// The header's leaf captions over the value columns. A word with two or
/// more words below it inside its width is a group caption; words stacked
/// over the same place are one caption ("事业单位" / "经营收入").
fn header_leaves(header: &[&BodyLine], l: &Layout, split: bool) -> Vec<Leaf> {
    // (Its lowest line read in pairs where it is one pair over and over;
    // word by word where it is not, or where a pair cannot be parted again.)
    leaves_of(header, l, split, true).or_else(|| leaves_of(header, l, split, false)).unwrap_or_default()
}

/// [`header_leaves`], with the lowest line read in pairs when `paired` and
/// it is one pair of captions over and over; None when read in pairs and a
/// pair's leaf cannot be parted again.
fn leaves_of(header: &[&BodyLine], l: &Layout, split: bool, paired: bool) -> Option<Vec<Leaf>> {
    // Words in a panel's label area are captions of the labels: left of
    // its first column, or, in a panel without numbers on this page, over
    // its labels (a word right of them captions its amounts).
    let label_area = |x2: usize| -> bool {
        l.starts.iter().enumerate().any(|(p, st)| {
            let next = l.starts.get(p + 1).copied();
            let first = l.cols.iter().filter(|c| c.lo >= *st && next.is_none_or(|n| c.lo < n)).map(|c| c.lo).min();
            let end = first.map_or(2 * l.label_ends.get(p).copied().unwrap_or(0), |f| (2 * f).saturating_sub(4));
            l.labelled.get(p).copied().unwrap_or(false) && x2 >= 2 * st && x2 < end && next.is_none_or(|n| x2 < 2 * n)
        })
    };
    let words: Vec<(usize, &Span)> = header
        .iter()
        .enumerate()
        .flat_map(|(i, h)| {
            h.spans.iter().filter(|s| s.what == What::Text || s.what == What::Digits && s.text.len() == 4).map(move |s| (i, s))
        })
        .filter(|(_, s)| !label_area(s.mid2()))
        .collect();
    // A caption letter-spaced across its cell ("合     计" over one column of
    // amounts): single characters side by side on a line, all over the same
    // column, are one word.
    let over = |w: &Span| l.cols.iter().position(|c| c.lo <= w.start && w.end <= c.hi + 1);
    let between = |a: &Span, b: &Span| l.cols.iter().any(|c| a.end <= c.lo && c.hi <= b.start);
    // (line, word, whether a run of single characters)
    let mut spaced: Vec<(usize, Span, bool)> = Vec::with_capacity(words.len());
    // Words a caption above took as its piece ([`super::sangong::run_together`]).
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for (i, s) in &words {
        // Two 三公 items' captions one space apart ("公务接待 会议费") are two
        // captions where `split` says so.
        if let Some(parts) = header.get(*i).filter(|_| split).and_then(|h| super::sangong::two_items(h.text, s)) {
            spaced.extend(parts.into_iter().map(|p| (*i, p, false)));
            continue;
        }
        // Two 三公 captions run together, each wrapped onto a line below
        // ("公务用车购置 公务用车运行" over "费" and "维护费"): two captions,
        // each with its piece below, not a group over both.
        if taken.contains(&(*i, s.start)) {
            continue;
        }
        // (Only a word with one space inside can be two: the words below
        // are gathered for those alone.)
        if s.end - s.start == s.text.chars().count() + 1 {
            let below: Vec<(usize, &Span)> = words.iter().filter(|(j, _)| j > i).copied().collect();
            if let Some((parts, pieces)) = header.get(*i).and_then(|h| super::sangong::run_together(h.text, s, &below)) {
                spaced.extend(parts.into_iter().map(|p| (*i, p, false)));
                taken.extend(pieces);
                continue;
            }
        }
        // (类, 款 and 项, the code's levels, are captions each.)
        let single = s.text.chars().count() == 1 && s.text.chars().all(|c| c > '\u{2e80}' && !"类款项".contains(c));
        let joins = single
            && spaced.last().is_some_and(|(j, last, run)| {
                let over_one = over(s).is_some() && over(last) == over(s);
                // Spaced wider than its column ("合" over the amounts, "计"
                // past them, at a narrow pitch): a total's two characters
                // with no column between them, and not over two columns.
                let total = last.text.chars().count() == 1
                    && TOTALS.iter().any(|t| t.strip_prefix(&*last.text) == Some(&*s.text))
                    && !between(last, s)
                    && (over(last).is_none() || over(s).is_none() || over(last) == over(s));
                j == i && *run && (over_one || total)
            });
        match spaced.last_mut().filter(|_| joins) {
            Some((_, last, _)) => {
                last.text.to_mut().push_str(&s.text);
                last.end = s.end;
            }
            None => spaced.push((*i, (*s).clone(), single)),
        }
    }
    // A lowest line of one pair of captions over and over ("预算数 决算数"
    // under each 三公 item, the national 决算 form's): each pair stands as
    // one word over both its columns while the captions above are placed,
    // and is parted below. An item's caption is centred over its pair, so
    // over the gap or over one half only.
    let (lowest, pairs) = match paired {
        true => pair_lowest_line(&mut spaced),
        false => (None, Vec::new()),
    };
    let words: Vec<(usize, &Span)> = spaced.iter().map(|(i, s, _)| (*i, s)).collect();
    // A word alone on its header line spans the words below it (centred
    // captions are narrower than their groups): widen it before testing.
    // Ten characters at a usual pitch; where the page prints its captions
    // further apart (a text layer's narrower pitch spreads a table over
    // more characters, and a caption's characters over fewer of them), two
    // thirds of the least distance between two captions side by side (in
    // one panel: panels stand further apart than columns). Any other word
    // by a third of its length each way: a text layer prints Chinese in
    // fewer columns than it takes ("公务用车购置及运行维护费" ends a column
    // before the last caption of its group starts).
    let least = words.windows(2).filter(|w| w[0].0 == w[1].0).map(|w| w[1].1.mid2().saturating_sub(w[0].1.mid2()) / 2).min();
    let spread = match l.starts.len() {
        1 => least.map_or(0, |m| m * 2 / 3),
        _ => 0,
    };
    let reach = |i: usize, s: &Span| -> (usize, usize) {
        let alone = words.iter().filter(|(j, _)| *j == i).count() == 1;
        // (Words one space apart are one span, "公务接待 会议费": two
        // captions, not one wider caption.)
        let one_word = s.end - s.start == s.text.chars().count();
        let w = match (alone, one_word) {
            (true, _) => (s.end - s.start).max(10).max(spread),
            (false, true) => ((s.end - s.start) / 3).max(1),
            (false, false) => 1,
        };
        (s.start.saturating_sub(w), s.end + w)
    };
    // Over pairs, the pair (index) a word's centre stands over.
    let pair_under = |w: &Span| {
        let mid2 = w.mid2();
        pairs.iter().position(|(a, b)| 2 * a.start <= mid2 && mid2 <= 2 * b.end)
    };
    // Two words below it side by side (not overlapping): some word ends
    // at or before another starts, i.e. the least end is at most the
    // greatest start (a word never ends where it starts, so these are two).
    let is_group = |i: usize, s: &Span| -> bool {
        // A total names its own column, never a group ("小计" alone on its
        // line over "费" and "购置费", the pieces of two captions beside it).
        if TOTALS.contains(&&*s.text) {
            return false;
        }
        let (lo, hi) = reach(i, s);
        // Over pairs, an item's caption stands over its pair, its pieces
        // too ("因公出国" / "（境）费"); a group stands over no one pair, or
        // over the captions of two (not counting, for an item, the totals
        // and the other items' captions its widened reach takes in).
        if let Some(lowest) = lowest {
            // (A pair is no group; a word over no pair is one.)
            if i == lowest || pair_under(s).is_none() {
                return i != lowest;
            }
            let item = super::sangong::names_item(s);
            let mut under = words
                .iter()
                .filter(|(j, w)| {
                    *j > i
                        && *j != lowest
                        && w.mid2() >= 2 * lo
                        && w.mid2() <= 2 * hi
                        && !(item && TOTALS.contains(&&*w.text))
                        && !super::sangong::other_items(&s.text, &w.text)
                })
                .filter_map(|(_, w)| pair_under(w));
            let first = under.next();
            return first.is_some() && under.any(|p| Some(p) != first);
        }
        // A caption wrapped over two lines in a header whose one-line
        // captions stand centred on the line between ("附属单位上" /
        // 经营收入 … 其他收入 / "缴收入"): the word two lines under it,
        // inside its width, is its rest, and the words beside it are its
        // neighbours' captions, all on the line between. Not a group. Two
        // words under it are two columns' ("公务用车购置公务用车运行" /
        // "费" "维护费": two captions run together); a rest further down
        // is a column's under a group ("“三公”经费" … "小计").
        let inside = |w: &Span| w.start.saturating_add(1) >= s.start && w.end <= s.end.saturating_add(1);
        // A caption stacked down its narrow column a piece a line ("公务" /
        // "用车" / "购置" / "费", 07's 公务用车购置费): a short word with two
        // pieces or more under it, each inside its width and at least half
        // as wide, on a line of its own, a line or two apart, none a total.
        // (A wide group's child wrapped under it, "公务用车购" / "置费" under
        // "公务用车购置及运行维护费", is narrower by far.) The captions beside
        // it are its neighbours'.
        let width = s.end - s.start;
        let stack: Vec<(usize, &Span)> = words.iter().filter(|(j, w)| *j > i && inside(w)).copied().collect();
        let stacked = width <= 4
            && stack.len() >= 2
            && stack.first().is_some_and(|(j, _)| *j <= i + 2)
            && stack.windows(2).all(|p| p[1].0 > p[0].0 && p[1].0 - p[0].0 <= 2)
            && stack.iter().all(|(_, w)| 2 * (w.end - w.start) >= width && !TOTALS.contains(&&*w.text));
        if stacked {
            return false;
        }
        let mut under = words.iter().filter(|(j, w)| *j > i && inside(w)).map(|(j, _)| *j);
        let rest = under.next().filter(|_| under.next().is_none());
        // (A caption ending in 费 is whole: the word under it is a column's
        // own, "公务用车购" under "公务用车购置及运行维护费" where the text
        // prints Chinese narrower than it stands, not its rest.)
        if rest == Some(i + 2) && !s.text.ends_with('费') {
            // (Below the rest, only a word under the caption itself counts:
            // one merely within its widened reach there is the next column's
            // caption, which a text layer's narrower pitch brings near,
            // "运行费" beside "2024年机关运行经" / "费预算数".)
            let under_itself = |w: &Span| w.end > s.start && w.start < s.end;
            let beside_between = words
                .iter()
                .filter(|(j, w)| *j > i && !inside(w) && w.mid2() >= 2 * lo && w.mid2() <= 2 * hi && (*j <= i + 2 || under_itself(w)))
                .all(|(j, _)| *j == i + 1);
            if beside_between {
                return false;
            }
        }
        // Side by side: on one line, apart (a line's words always are); on
        // two lines, two columns or more apart, for the pieces of one caption
        // stacked over its column may stand a column or two askew (a text
        // layer's proportional widths), "接待" over "费" just clear of it.
        // (A 三公 item's caption, "因公出国" over "（境）费", is over its own
        // column, or over its 预算数 and 决算数, never over a 小计: the 小计
        // under its widened reach are its neighbours'.)
        let item = super::sangong::names_item(s);
        let below: Vec<&(usize, &Span)> = words
            .iter()
            .filter(|(j, w)| *j > i && w.mid2() >= 2 * lo && w.mid2() <= 2 * hi && !(item && TOTALS.contains(&&*w.text)))
            .collect();
        below.iter().any(|(ja, a)| below.iter().any(|(jb, b)| b.start >= a.end + if ja == jb { 0 } else { 2 }))
    };
    // Pieces of one caption stand askew by up to three columns (centres
    // doubled: 6), or, where captions stand further apart, a third of the
    // least distance between two.
    let askew_by = least.map_or(6, |m| (m * 2 / 3).max(6));
    let mut leaves: Vec<Leaf> = Vec::new();
    let mut groups: Vec<(usize, &Span)> = Vec::new();
    for (i, s) in &words {
        // (A block's word under a caption's piece, over its width, with no
        // caption under it, is that caption's last piece: "国有资本" /
        // "经营预算" / "财政拨款", or "政府性基金预算" / (a line of one-line
        // captions) / "财政拨款".)
        let last_piece = || {
            let (lo, hi) = reach(*i, s);
            let above = words.iter().any(|(j, w)| j < i && w.start < s.end && s.start < w.end);
            above && !words.iter().any(|(j, w)| j > i && w.mid2() >= 2 * lo && w.mid2() <= 2 * hi)
        };
        if is_block_word(&s.text) && !last_piece() || is_group(*i, s) {
            groups.push((*i, s));
            continue;
        }
        let lo = s.start;
        let hi = s.end;
        // Stacked over one place: overlapping by half the narrower. Else, on
        // another line, the nearest leaf centred within three columns of it,
        // or, for a caption's last character, a column at most clear of it:
        // a caption's pieces stand askew by a column each way ("公务接" over
        // "待费", "结转下年资" over "金"), where two columns' captions stand a
        // column's width apart, four columns at the least.
        let stacked = leaves.iter().position(|lf| {
            let ov = lf.hi.min(hi).saturating_sub(lf.lo.max(lo));
            ov * 2 >= (hi - lo).min(lf.hi - lf.lo).max(1)
        });
        let off = |lf: &Leaf| (lf.lo + lf.hi).abs_diff(lo + hi);
        let askew = || {
            let tail = s.text.chars().count() == 1;
            // (a last character's column widens as captions stand apart)
            let clear = 1 + (askew_by - 6) / 2;
            let near = |lf: &Leaf| off(lf) <= askew_by || tail && lo <= lf.hi + clear && lf.lo <= hi + clear;
            (0..leaves.len()).filter(|&k| near(&leaves[k]) && !leaves[k].words.iter().any(|(j, _)| j == i)).min_by_key(|&k| off(&leaves[k]))
        };
        match stacked.or_else(askew).and_then(|k| leaves.get_mut(k)) {
            Some(lf) => {
                lf.words.push((*i, s.text.to_string()));
                lf.lo = lf.lo.min(lo);
                lf.hi = lf.hi.max(hi);
            }
            None => leaves.push(Leaf { lo, hi, words: vec![(*i, s.text.to_string())], groups: Vec::new() }),
        }
    }
    // Over pairs, a group takes each pair its widened reach touches (its
    // caption centred over several pairs is narrower than they are), and the
    // one caption on the header's first line takes them all.
    let first = words.iter().map(|(i, _)| *i).min();
    let over_all = |i: usize| lowest.is_some() && Some(i) == first && words.iter().filter(|(j, _)| *j == i).count() == 1;
    for lf in leaves.iter_mut() {
        let mid2 = lf.lo + lf.hi;
        let caption: String = lf.words.iter().map(|(_, w)| w.as_str()).collect();
        lf.groups = groups
            .iter()
            .filter(|(i, g)| {
                let (lo, hi) = reach(*i, g);
                let touches = lowest.is_some() && lo < lf.hi && lf.lo < hi;
                // (A group widened past its own columns does not take a
                // caption of another 三公 item: 公务用车购置及运行维护费 is not
                // over 因公出国（境）费.)
                (mid2 >= 2 * lo && mid2 <= 2 * hi || touches || over_all(*i))
                    && lf.words.iter().all(|(j, _)| j > i)
                    && !super::sangong::other_items(&g.text, &caption)
            })
            .map(|(i, g)| (*i, g.text.to_string()))
            .collect();
    }
    leaves.sort_by_key(|lf| lf.lo + lf.hi);
    match lowest {
        None => Some(leaves),
        Some(lowest) => part_pairs(leaves, lowest, &pairs),
    }
}

/// Captions that name a column's kind of amount and come in pairs under
/// each item ("预算数" / "决算数").
fn pairs_with(w: &str) -> bool {
    ["预算", "决算", "执行"].iter().any(|k| w.contains(k))
}

/// A header's lowest line when it is one pair of captions over and over,
/// twice or more ("预算数 决算数 预算数 决算数 …"): its line and its pairs,
/// each (first, second) as printed. In `spaced` each pair is left as one
/// word, the first widened over the second. None, the words untouched, for
/// any other header.
fn pair_lowest_line<'a>(spaced: &mut Vec<(usize, Span<'a>, bool)>) -> (Option<usize>, Vec<(Span<'a>, Span<'a>)>) {
    let Some(last) = spaced.iter().map(|(i, _, _)| *i).max() else {
        return (None, Vec::new());
    };
    let at: Vec<usize> = (0..spaced.len()).filter(|k| spaced[*k].0 == last).collect();
    let text = |k: usize| &*spaced[at[k]].1.text;
    let paired = at.len() >= 4
        && at.len().is_multiple_of(2)
        && text(0) != text(1)
        && pairs_with(text(0))
        && pairs_with(text(1))
        && (0..at.len()).all(|k| text(k) == text(k % 2))
        && at.windows(2).all(|w| w[1] == w[0] + 1 && spaced[w[0]].1.end <= spaced[w[1]].1.start);
    if !paired {
        return (None, Vec::new());
    }
    let mut pairs = Vec::with_capacity(at.len() / 2);
    for k in (0..at.len()).step_by(2).rev() {
        let second = spaced.remove(at[k + 1]).1;
        let first = spaced[at[k]].1.clone();
        spaced[at[k]].1.end = second.end;
        pairs.push((first, second));
    }
    pairs.reverse();
    (Some(last), pairs)
}

/// Each pair's leaf parted into its two columns: the captions stacked over
/// the pair become its item's group ("合计" › "预算数", "合计" › "决算数").
/// None when a leaf holds no pair or two, or a pair is in no leaf.
fn part_pairs(leaves: Vec<Leaf>, lowest: usize, pairs: &[(Span, Span)]) -> Option<Vec<Leaf>> {
    let mut out = Vec::with_capacity(leaves.len() + pairs.len());
    let mut parted = 0;
    for lf in leaves {
        let held: Vec<&(Span, Span)> = pairs.iter().filter(|(a, b)| lf.lo <= a.start && b.end <= lf.hi).collect();
        let on_lowest = lf.words.iter().filter(|(j, _)| *j == lowest).count();
        match (held.as_slice(), on_lowest) {
            ([], 0) => out.push(lf),
            ([(first, second)], 1) => {
                let item: Vec<&(usize, String)> = lf.words.iter().filter(|(j, _)| *j != lowest).collect();
                let mut groups = lf.groups.clone();
                if let Some((line, _)) = item.first() {
                    groups.push((*line, item.iter().map(|(_, w)| w.as_str()).collect()));
                }
                let words = |s: &Span| vec![(lowest, s.text.to_string())];
                out.push(Leaf { lo: first.start, hi: first.end, words: words(first), groups: groups.clone() });
                out.push(Leaf { lo: second.start, hi: second.end, words: words(second), groups });
                parted += 1;
            }
            _ => return None,
        }
    }
    (parted == pairs.len()).then_some(out)
}

/// A header word that names a side or a block ("支出", "功能分类"), never a
/// column's own caption.
fn is_block_word(w: &str) -> bool {
    ["收入", "支出", "本年收入", "本年支出", "功能分类", "支出用途", "经济分类", "财政拨款"].contains(&w)
}

/// Which leaf (index) each data column takes, in order: equal counts pair
/// up in order; otherwise by the cell's right edge when that is unambiguous,
/// else each column takes the nearest leaf, never reusing one and never
/// crossing (an order-preserving match). None when two such matches fit
/// about as well: the columns cannot be told.
fn match_leaves(cols: &[&Col], leaves: &[&Leaf]) -> Option<Vec<Option<usize>>> {
    if cols.len() == leaves.len() {
        return Some((0..cols.len()).map(Some).collect());
    }
    // Amounts are right-aligned in their cells and captions centred, so a
    // column's right edge lies at or after its caption's centre and before
    // the next caption's. Centres alone mislead when a caption is skipped:
    // "合计 基本支出 项目支出 单位预留机动经费 结转下年资金" over four amounts
    // (结转 blank) puts 项目支出's amount nearer 单位预留's centre.
    let centre2 = |l: &Leaf| l.lo.saturating_add(l.hi);
    // A caption left blank whose centre lies under another column's number:
    // numbers wider than their captions (a table in 元 with decimals) end
    // past the next caption's centre, and the match is then a column off
    // ("104,031,100.00" under 基本支出 taken for 项目支出's).
    let covered = |out: &[Option<usize>]| {
        (0..leaves.len()).filter(|j| !out.contains(&Some(*j))).any(|j| {
            let mid2 = centre2(leaves[j]);
            cols.iter().any(|c| c.lo.saturating_mul(2) < mid2 && mid2 < c.hi.saturating_mul(2))
        })
    };
    let by_edge: Option<Vec<usize>> = cols.iter().map(|c| leaves.iter().rposition(|l| centre2(l) <= c.hi.saturating_mul(2))).collect();
    if let Some(v) = by_edge.filter(|v| v.windows(2).all(|w| w[0] < w[1])) {
        let out: Vec<Option<usize>> = v.into_iter().map(Some).collect();
        return (!covered(&out)).then_some(out);
    }
    let (cost, out) = nearest_leaves(cols, leaves, None);
    // Another match as near (within one column, in doubled centres) is as
    // likely: at a narrow pitch four amounts under five captions can sit
    // midway between two of them ("1685.72" ending between 单位预留机动经费
    // and 结转下年资金).
    let alike =
        (0..out.len()).filter_map(|i| out[i].map(|j| (i, j))).any(|forbid| nearest_leaves(cols, leaves, Some(forbid)).0 <= cost + 2);
    (!alike && !covered(&out)).then_some(out)
}

/// The order-preserving match of columns to leaves least apart (doubled
/// centres; an unmatched column costs a fixed amount), with its cost;
/// `forbid` keeps one column from one leaf.
fn nearest_leaves(cols: &[&Col], leaves: &[&Leaf], forbid: Option<(usize, usize)>) -> (usize, Vec<Option<usize>>) {
    let dist = |i: usize, j: usize| {
        if forbid == Some((i, j)) {
            INF
        } else {
            (cols[i].lo + cols[i].hi).abs_diff(leaves[j].lo + leaves[j].hi)
        }
    };
    let (n, m) = (cols.len(), leaves.len());
    // best[i][j]: least cost matching the first i columns within the first j leaves.
    const INF: usize = usize::MAX / 4;
    let mut best = vec![vec![INF; m + 1]; n + 1];
    for row in best.iter_mut().take(1) {
        row.fill(0);
    }
    // An unmatched column costs a fixed amount, so nearby leaves are preferred.
    let skip = 40;
    for i in 1..=n {
        for j in 0..=m {
            let mut v = best[i - 1][j].saturating_add(skip);
            if j > 0 {
                v = v.min(best[i][j - 1]).min(best[i - 1][j - 1].saturating_add(dist(i - 1, j - 1)));
            }
            best[i][j] = v;
        }
    }
    let mut out = vec![None; n];
    let (mut i, mut j) = (n, m);
    while i > 0 {
        if j > 0 && best[i][j] == best[i][j - 1] {
            j -= 1;
        } else if j > 0 && best[i][j] == best[i - 1][j - 1].saturating_add(dist(i - 1, j - 1)) {
            out[i - 1] = Some(j - 1);
            i -= 1;
            j -= 1;
        } else {
            i -= 1;
        }
    }
    (best[n][m], out)
}

/// A column's header path: group captions top down, then its leaf words.
fn path(c: &Col) -> Vec<String> {
    let mut groups: Vec<&(usize, String, bool)> = c.caption.iter().filter(|x| x.2).collect();
    groups.sort_by_key(|x| x.0);
    let mut out: Vec<String> = groups.iter().map(|x| x.1.clone()).collect();
    let mut leaf: Vec<&(usize, String, bool)> = c.caption.iter().filter(|x| !x.2).collect();
    leaf.sort_by_key(|x| x.0);
    let leaf: String = leaf.iter().map(|x| x.1.as_str()).collect();
    if !leaf.is_empty() {
        out.push(leaf);
    }
    out
}

/// The header words over a panel's label area.
fn panel_name(header: &[&BodyLine], from: usize, to: Option<usize>) -> String {
    let mut words = Vec::new();
    for h in header {
        for s in &h.spans {
            if s.start >= from
                && to.is_none_or(|t| s.start < t)
                && s.what == What::Text
                && ["收入", "支出", "功能分类", "支出用途", "经济分类"].iter().any(|w| search::contains(&s.text, w))
            {
                words.push(s.text.to_string());
            }
        }
    }
    words.join(" › ")
}

/// A 栏次 line: 1 2 3 … (or 栏次 words), not numbers ([`counts_columns`]
/// of its value spans).
fn is_column_numbers(sp: &[Span<'_>]) -> bool {
    counts_columns(sp.iter().filter(|s| s.is_value()).map(|s| if s.what == What::Digits { s.text.parse().ok() } else { None }))
}

/// Codes joined: "201 05 01" → "2010501", "301 2" → "30102", "20106"
/// before "01行政运行" → "2010601"; or a code that leads the label
/// ("2010101行政运行").
fn split_code(codes: &[&Span<'_>], mut label: String) -> (Option<String>, String) {
    if let Some((first, rest)) = codes.split_first() {
        let mut code = first.text.to_string();
        for c in rest {
            if c.text.len() == 1 {
                code.push('0');
            }
            code.push_str(&c.text);
        }
        // The next part printed against the label ("20106 01行政运行", a
        // dense page's text): two digits, then the label.
        let n = label.bytes().take_while(u8::is_ascii_digit).count();
        if n == 2 && matches!(code.len(), 3 | 5) && label[n..].starts_with(|c: char| !c.is_ascii()) {
            code.push_str(&label[..n]);
            label.replace_range(..n, "");
        }
        return (Some(code), label);
    }
    let n = label.bytes().take_while(u8::is_ascii_digit).count();
    if matches!(n, 3 | 5 | 7) && label[n..].starts_with(|c: char| !c.is_ascii()) {
        let code = label[..n].to_string();
        label.replace_range(..n, "");
        return (Some(code), label);
    }
    (None, label)
}

/// A label that ends a name ("专项收入", "…资金", "小计"): what follows on
/// a line of its own is the next row (Jiangsu's 收入预算总表 prints
/// "专项收入", "事业收入" under "小计"), not the rest of this one.
fn is_complete(label: &str) -> bool {
    ["收入", "资金", "合计", "总计", "小计"].iter().any(|w| label.ends_with(w))
}

/// The rest of a wrapped label ("费", "支出"): short and not a row of its own.
fn is_wrap(label: &str) -> bool {
    (1..=4).contains(&label.chars().count()) && could_be_rest(label) && !label.starts_with(['（', '('])
}

/// Whether a label alone on its line could be part of another row's: not a
/// total, nor starting as an ordinal's ("一、", "（三）", "3.") or a number's
/// row does ("一般公共服务支" may be a label's first line).
fn could_be_rest(label: &str) -> bool {
    !TOTALS.iter().any(|w| search::contains(label, w)) && !opens_a_row(label) && !label.starts_with(|c: char| c.is_ascii_digit())
}

/// A row of a label alone on line `at`, no code and every cell blank.
fn label_alone(label: String, at: usize, ncols: usize) -> Row {
    Row { code: None, label, line: None, cells: vec![Cell::blank(at); ncols], source_line: at }
}

/// A line of a coded row's wrapped label longer than [`is_wrap`]'s rest (its
/// rest or its beginning, up to a cell's width): not a total, an ordinal's
/// or a code's row, nor "其中".
fn is_long_wrap(label: &str) -> bool {
    let n = label.chars().count();
    (5..=16).contains(&n)
        && could_be_rest(label)
        && !label.starts_with("其中")
        // "（室）及相关机构事务" is a rest; "（1）…" is an item's row.
        && !label.trim_start_matches(['（', '(']).starts_with(|c: char| c.is_ascii_digit())
}

/// Whether `above`, the table's line before `row` and a line of one cell,
/// is the first line of `row`'s label, which starts under it and reads as
/// a rest: in a table without codes a line opening as an item's row does
/// ("一、一般公共预算" over "资金  156,211,123", see [`wraps_onto`]), in a
/// coded one any line that names no column ("一般公共服务支" over "201  出
/// 2,932,700").
fn starts_wrapped(above: &BodyLine, row: &BodyLine) -> bool {
    let [a] = above.spans.as_slice() else { return false };
    let coded = row.spans.first().is_some_and(|s| s.what == What::Code);
    let Some(r) = row.spans.iter().find(|s| s.what != What::Code) else { return false };
    let first = if coded { !is_captions(&a.text) && is_long_wrap(&a.text) } else { opens_a_row(&a.text) };
    a.what == What::Text
        && one_cell(a)
        && r.what == What::Text
        && first
        && a.start.abs_diff(r.start) <= 1
        && is_rest(&r.text)
        && r.text.chars().count() <= a.text.chars().count()
}

/// Whether a text span is one cell's: no space inside but one after an
/// ordinal ("1. 一般公共预算资金"); "台式计算机（20万以下） 分散自行组织" is two
/// columns' cells.
fn one_cell(s: &Span) -> bool {
    let gaps = s.end.saturating_sub(s.start).saturating_sub(s.text.chars().count());
    gaps == 0 || gaps == 1 && opens_a_row(&s.text)
}

/// Whether a label could be the rest of a label wrapped onto its line: no
/// total, no ordinal's or code's row, not "其中" nor "（…".
fn is_rest(label: &str) -> bool {
    could_be_rest(label) && !label.starts_with("其中") && !label.starts_with(['（', '('])
}

/// Whether a row without code or amounts, its label alone on the table's
/// line above (the caller tells), may be the first line of the row with
/// `code`, `label` and amounts: a label wrapped in a table without codes,
/// its cell's text printed from the line above the amounts ("八、社会保障和就"
/// over "业支出  1,121.39"). See [`continues`].
fn wraps_onto(r: &Row, code: Option<&str>, label: &str, has_values: bool) -> bool {
    r.code.is_none() && code.is_none() && has_values && continues(&r.label, label)
}

/// Whether `rest`, a label on the line under `first`'s and starting where
/// it does, is the rest of a label wrapped there: it reads as a rest (no
/// ordinal, no total, not "其中" nor "（…"), it is no longer than `first`
/// (a cell's text wraps where the cell ends), and `first` is no name
/// complete in itself ("其他资金" over "经营收入", "…（含专用结余）" over
/// "年初结转和结余" are two rows).
fn continues(first: &str, rest: &str) -> bool {
    (1..=first.chars().count()).contains(&rest.chars().count())
        && !is_complete(first)
        && !first.ends_with(['）', ')'])
        && !["支出", "结余"].iter().any(|w| first.ends_with(w))
        && is_rest(rest)
}

/// Whether a line names a header's columns ("项目", "科目编码", "2024年预算数",
/// "类 款 项") and no row.
fn is_captions(sq: &str) -> bool {
    const CAPTIONS: [&str; 9] = ["项目", "科目", "金额", "预算数", "决算数", "编码", "名称", "栏次", "类款项"];
    CAPTIONS.iter().any(|w| search::contains(sq, w))
}

/// Whether a line starts as a row does and a header does not: with an
/// ordinal ("十二、", "（三）", "3.") or a 科目 code.
fn opens_a_row(sq: &str) -> bool {
    let digits = sq.bytes().take_while(u8::is_ascii_digit).count();
    let numeral = sq.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).count();
    let after = |n: usize| sq.chars().nth(n);
    (numeral > 0 && after(numeral) == Some('、'))
        || (sq.starts_with(['（', '(']) && sq.chars().nth(1).is_some_and(|c| "一二三四五六七八九十".contains(c)))
        || ((1..=2).contains(&digits)
            && sq[digits..].starts_with(['.', '．', '、'])
            && sq[digits..].chars().nth(1).is_some_and(|c| !c.is_ascii_digit()))
        || (matches!(digits, 3 | 5 | 7) && sq[digits..].starts_with(|c: char| !c.is_ascii()))
}

/// The words that name a total.
const TOTALS: [&str; 3] = ["合计", "总计", "小计"];

pub(super) fn is_total_label(l: &str) -> bool {
    TOTALS.iter().any(|w| search::contains(l, w))
}

/// "12", "- 12 -": a page number alone on its line.
pub(super) fn is_page_number(sq: &str) -> bool {
    let t = sq.trim_matches(|c| matches!(c, '-' | '—' | '–'));
    !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())
}

/// 部门：… 单位：万元, 编制部门：…, 单位名称：….
fn is_meta(sq: &str) -> bool {
    unit_in(sq).is_some() || META_HEADS.iter().any(|w| sq.starts_with(w)) || sq.starts_with("预算单位：")
}

#[cfg(test)]
mod tests {
    use super::super::spans::number;
    use crate::model::TableKind;
    use rust_decimal::Decimal;

    /// The layout sample (tests/fixtures/layout-budget-sample.txt).
    fn sample() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/layout-budget-sample.txt")).expect("fixture")
    }

    /// The layout sample with its tables printed in 元, amounts as integers
    /// without separators ("200.00" → "2000000"), right-aligned where they
    /// stood.
    fn layout_sample_in_yuan() -> String {
        let text = sample();
        let ten_thousand = Decimal::from(10_000);
        let mut out: Vec<String> = Vec::new();
        for (i, line) in text.split('\n').enumerate() {
            // Lines 12–94: from 公开表一's unit to the narrative.
            if !(11..94).contains(&i) {
                out.push(line.to_string());
                continue;
            }
            let mut l = line.replace("单位：万元", "单位：元");
            for w in line.split_whitespace().filter(|w| w.contains('.')) {
                let Some(d) = number(w) else { continue };
                let Some(yuan) = d.checked_mul(ten_thousand).map(|y| y.normalize().to_string()) else { continue };
                // Wider: eats spaces on its left, its right edge kept.
                let padded = format!("{w:>width$}", width = yuan.len());
                l = l.replacen(&padded, &yuan, 1);
            }
            out.push(l);
        }
        out.join("\n")
    }

    /// The layout sample with every run of two or more spaces printed as
    /// `gap`: one space (a viewer's copy of a layout) or a TAB (an HTML
    /// table's copy).
    fn layout_sample_without_columns(gap: &str) -> String {
        let text = sample();
        let mut out = String::with_capacity(text.len());
        let mut spaces = 0;
        for c in text.chars() {
            if c == ' ' {
                spaces += 1;
                continue;
            }
            out.push_str(match spaces {
                0 => "",
                1 => " ",
                _ => gap,
            });
            spaces = 0;
            out.push(c);
        }
        out
    }

    /// A 收支预算总表 over two pages (示例市, made up): the first prints no
    /// 功能分类 amount, so only the labels tell its 支出用途 panel apart, and
    /// the second, a little to the right, prints no 支出用途 label, only the
    /// 功能分类 rows and the totals.
    fn summary_over_two_pages() -> String {
        let lines = [
            "示例市某某局",
            "2099年度部门预算",
            "",
            "第二部分 2099年度部门预算表",
            "",
            "                              收支预算总表",
            "公开表一",
            "部门：   示例市某某局                                                  单位：万元",
            "          收入                                                          支出",
            "                                                        功能分类                              支出用途",
            "    项目名称                          金额          功能科目名称                    金额            项目名称                  金额",
            "一、财政拨款                        1,500.00      一、一般公共服务支出                            一、基本支出                1,000.00",
            "1.一般公共预算                      1,500.00      二、外交支出                                二、项目支出                  500.00",
            "2.政府性基金预算                                   三、国防支出                                三、单位预留机动经费               20.00",
            "\u{c}  二、其他资金                           20.00      四、公共安全支出                1,200.00",
            "                                              八、社会保障和就业支出               200.00",
            "                                              十八、住房保障支出                 120.00",
            "  当年收入小计                        1,520.00                    当年支出小计                                        1,520.00",
            "  上年结转资金                                                    结转下年资金",
            "  收入合计                          1,520.00                    支出合计                                          1,520.00",
        ];
        lines.join("\n")
    }

    fn amounts(t: &crate::model::Table, label: &str) -> Vec<Option<Decimal>> {
        t.rows.iter().find(|r| r.label == label).map(|r| r.cells.iter().map(|c| c.value).collect()).unwrap_or_default()
    }

    /// A 合计 that no row's parts add up to is a misreading (columns under
    /// the wrong captions), not a table wrong in every row: refused, said.
    #[test]
    fn a_table_whose_every_row_breaks_its_sum_is_refused() {
        let text = sample();
        let (before, table8) = text.split_once("公开表八").expect("公开表八");
        let mut broken = table8.to_string();
        for (from, to) in [
            ("1,000.00        900.00", "9,000.00        900.00"),
            ("850.00        850.00", "950.00        850.00"),
            ("500.00        500.00", "600.00        500.00"),
            ("350.00        350.00", "450.00        350.00"),
            ("100.00                      100.00", "200.00                      100.00"),
            ("60.00                       60.00", "70.00                       60.00"),
            ("40.00                       40.00", "50.00                       40.00"),
            ("50.00         50.00", "60.00         50.00"),
            ("50.00         50.00", "60.00         50.00"),
        ] {
            assert!(broken.contains(from), "{from}");
            broken = broken.replacen(from, to, 1);
        }
        let doc = crate::read(&format!("{before}公开表八{broken}"));
        let t = doc.found(TableKind::BBasicEcon).expect("公开表八");
        assert!(!t.grid.as_ref().is_some_and(|g| g.read) && t.rows.is_empty());
        assert!(doc.problems.iter().any(|p| p.message.contains("每一行的合计都与其各组成栏之和对不上")), "{:?}", doc.problems);
        // One row that adds up is enough to read it (and report the rest).
        let one_adds_up = broken.replacen("60.00         50.00", "50.00         50.00", 1);
        let doc = crate::read(&format!("{before}公开表八{one_adds_up}"));
        assert!(doc.found(TableKind::BBasicEcon).and_then(|t| t.grid.as_ref()).is_some_and(|g| g.read));
    }

    /// Amounts wider than their captions (a 支出总表 in 元 with decimals,
    /// one column left blank) end past the next caption's centre, so the
    /// row reads a column right and its 合计 is left blank, which no sum
    /// can see: refused and said, never read askew.
    #[test]
    fn a_unit_printed_in_the_captions_is_the_tables_and_not_the_columns_name() {
        let text = sample();
        let (meta, header) =
            ("部门：   示例市某某局                            单位：万元", "          合计            基本支出            项目支出");
        assert!(text.contains(meta) && text.contains(header));
        let captioned = text.replacen(meta, "部门：   示例市某某局", 1).replacen(
            header,
            "          合计（万元）    基本支出（万元）    项目支出（万元）",
            1,
        );
        let doc = crate::read(&captioned);
        let t = doc.found(TableKind::BExpenditure).expect("支出预算总表");
        assert!(t.grid.as_ref().is_some_and(|g| g.read), "{:?}", doc.problems);
        assert_eq!(t.unit.as_deref(), Some("万元"));
        assert_eq!(t.columns[..3], ["合计", "基本支出", "项目支出"]);
    }

    #[test]
    fn a_row_read_a_column_right_of_its_blank_total_is_refused() {
        let text = sample();
        let header = "          合计            基本支出            项目支出";
        let row = "    1,520.00        1,000.00          520.00";
        assert!(text.contains(header) && text.contains(row));
        // As printed, with a fourth caption over a blank column: read.
        let blank_column = text.replacen(header, &format!("{header}        上缴上级支出"), 1);
        let doc = crate::read(&blank_column);
        let t = doc.found(TableKind::BExpenditure).expect("支出预算总表");
        assert!(t.grid.as_ref().is_some_and(|g| g.read));
        assert_eq!(
            t.rows[0].cells.iter().map(|c| c.value.map(|v| v.to_string())).collect::<Vec<_>>()[..3],
            [Some("1520.00".to_string()), Some("1000.00".to_string()), Some("520.00".to_string())]
        );
        // In 元, each amount ending just past the next caption's centre.
        let wide = format!("{}{}{}{}{}{}", " ".repeat(14), "15,200,000.00", " ".repeat(7), "10,000,000.00", " ".repeat(3), "5,200,000.00");
        let doc =
            crate::read(&blank_column.replacen(row, &wide, 1).replacen("单位：万元\n\n          合计", "单位：元\n\n          合计", 1));
        let t = doc.found(TableKind::BExpenditure).expect("支出预算总表");
        assert!(!t.grid.as_ref().is_some_and(|g| g.read) && t.rows.is_empty());
        assert!(doc.problems.iter().any(|p| p.message.contains("“合计”栏为空")), "{:?}", doc.problems);
    }

    /// A 决算 with its 三公 table in the national form (示例市, made up): each
    /// item's 预算数 and 决算数 side by side, the items' captions centred over
    /// their pairs (some wrapped), 公务用车's three under one caption, all
    /// under one title. `left` puts each caption at its pair's start and on
    /// one line instead.
    fn final_with_sangong_pairs(left: bool, figures: [&str; 12]) -> String {
        let captions: &[&str] = if left {
            &[
                "                          财政拨款“三公”经费",
                "                              公务用车购置及运行维护费",
                "                                                    公务接待费",
                "  合计        因公出国（境）费",
                "                      小计        公务用车购置费   公务用车运行维护费",
            ]
        } else {
            &[
                "                               财政拨款“三公”经费",
                "                                    公务用车购置及运行维护费",
                "                因公出国",
                "     合计                                 公务用车        公务用车        公务接待费",
                "                （境）费         小计",
                "                                         购置费        运行维护费",
            ]
        };
        let (pairs, at) = if left { ("预算数  决算数", 2) } else { ("预算数   决算数", 3) };
        let header = format!("  {}", [pairs; 6].join(&" ".repeat(at)));
        // Each figure right-aligned a character past its caption.
        let ends = header.char_indices().filter(|(_, c)| *c == '数').map(|(i, _)| header[..i].chars().count() + 2);
        let mut row = String::new();
        for (end, v) in ends.zip(figures) {
            let pad = end.saturating_sub(row.chars().count() + v.len()).max(1);
            row.push_str(&" ".repeat(if v.is_empty() { end - row.chars().count() } else { pad }));
            row.push_str(v);
        }
        let mut lines = vec![
            "示例市某某局2024年度部门决算",
            "",
            "第二部分 2024年度部门决算表",
            "",
            "                    收入支出决算总表",
            "                                                      单位：万元",
            "          项目          决算数          项目          决算数",
            "本年收入合计              12.50    本年支出合计              12.50",
            "                                 财政拨款“三公”经费支出决算表",
            "                                                                      单位：万元",
        ];
        lines.extend_from_slice(captions);
        lines.extend(["", &header, &row, "注：本表反映部门本年度“三公”经费支出预决算情况。"]);
        lines.join("\n")
    }

    /// A caption centred over a pair stands over its gap, or over one half
    /// only ("因公出国" over 预算数): read as the pair's item, over both.
    #[test]
    fn a_sangong_table_of_budget_and_actual_pairs_reads_each_pair_under_its_item() {
        let figures = ["12.50", "10.27", "0.00", "0.00", "8.00", "7.60", "0.00", "0.00", "8.00", "7.60", "4.50", "2.67"];
        let blank = ["4.50", "2.67", "", "", "", "", "", "", "", "", "4.50", "2.67"];
        for left in [false, true] {
            for figures in [figures, blank] {
                let doc = crate::read(&final_with_sangong_pairs(left, figures));
                let t = doc.found(TableKind::F09).expect("三公 table");
                let g = t.grid.as_ref().expect("read by its header");
                assert!(g.read, "{:?}", doc.problems);
                let items = ["合计", "因公出国（境）费", "小计", "公务用车购置费", "公务用车运行维护费", "公务接待费"];
                let want: Vec<Vec<&str>> = (0..12)
                    .map(|c| {
                        let mut path = vec!["财政拨款“三公”经费"];
                        if (2..5).contains(&(c / 2)) {
                            path.push("公务用车购置及运行维护费");
                        }
                        path.extend([items[c / 2], ["预算数", "决算数"][c % 2]]);
                        path
                    })
                    .collect();
                assert_eq!(g.paths, want, "left {left}");
                let values: Vec<Option<Decimal>> = figures.iter().map(|v| number(v)).collect();
                assert_eq!(t.rows[0].cells.iter().map(|c| c.value).collect::<Vec<_>>(), values, "left {left}");
                assert!(g.sangong_pairs.is_some(), "each pair named by its item");
            }
        }
    }

    /// Jiangsu's 支出总表 in 元 with decimals: four amounts under five
    /// captions, each wider than the captions are apart. Matched by their
    /// right edges they would leave 基本支出 blank and read each part a
    /// column right (the sum still holds: 合计 is read right); but 基本支出's
    /// centre lies under the second amount, so no match is taken.
    #[test]
    fn a_caption_left_blank_under_another_columns_number_refuses_the_match() {
        let col = |lo, hi| super::Col { lo, hi, e0: hi, edge: None, caption: Vec::new(), has_data: true };
        let leaf = |lo, hi, w: &str| super::Leaf { lo, hi, words: vec![(0, w.to_string())], groups: Vec::new() };
        let leaves = [
            leaf(3, 10, "合计"),
            leaf(15, 19, "基本支出"),
            leaf(28, 32, "项目支出"),
            leaf(40, 48, "单位预留机动经费"),
            leaf(53, 59, "结转下年资金"),
        ];
        let leaves: Vec<&super::Leaf> = leaves.iter().collect();
        // " 244,584,300.00 104,031,100.00 120,814,600.00 19,738,600.00"
        let wide = [col(1, 15), col(16, 30), col(31, 45), col(46, 59)];
        assert_eq!(super::match_leaves(&wide.iter().collect::<Vec<_>>(), &leaves), None);
        // As printed in 万元: "   24,458.43   10,403.11    12,081.46     1,973.86", 结转 blank.
        let printed = [col(3, 12), col(15, 24), col(29, 38), col(44, 52)];
        assert_eq!(super::match_leaves(&printed.iter().collect::<Vec<_>>(), &leaves), Some(vec![Some(0), Some(1), Some(2), Some(3)]));
    }

    #[test]
    fn a_row_printed_without_amounts_is_told_from_a_repeated_header() {
        for row in ["十二、农林水支出", "（三）其他资金", "2.政府性基金预算", "208社会保障和就业支出", "30108机关事业单位基本养老保险缴费"]
        {
            assert!(super::opens_a_row(row), "{row}");
        }
        for header in ["项目", "科目编码科目名称合计", "2024年预算数", "类款项", "12.50", "收入支出"] {
            assert!(!super::opens_a_row(header), "{header}");
        }
        assert!(super::is_captions("科目编码科目名称合计") && super::is_captions("类款项") && !super::is_captions("事业收入"));
    }

    #[test]
    fn a_short_line_continues_a_name_cut_short_but_not_a_complete_one() {
        // The rest of a wrapped name: "行政事业单位养老" + "支出".
        assert!(super::is_wrap("支出") && !super::is_complete("行政事业单位养老"));
        // A row of its own under a name that ends: a source of income under
        // "…资金", "事业收入" under "小计".
        for (before, line) in
            [("公共财政拨款(补助)资金", "专项收入"), ("小计", "事业收入"), ("本年支出合计", "结余分配"), ("事业收入", "其他资金")]
        {
            assert!(super::is_complete(before), "{before}");
            assert!(super::is_wrap(line), "{line}: short enough to be taken for a wrap");
        }
    }

    #[test]
    fn a_summary_whose_panels_show_on_neither_page_alone_is_read_by_labels_and_by_order() {
        let doc = crate::read(&summary_over_two_pages());
        let t = doc.found(TableKind::BSummary).expect("found");
        let g = t.grid.as_ref().expect("a grid");
        assert!(g.read, "{:?}", doc.problems);
        assert_eq!(g.panels.len(), 3, "收入, 功能分类, 支出用途");
        let d = |s: &str| Some(s.parse::<Decimal>().expect("a number"));
        assert_eq!(amounts(t, "二、其他资金"), [d("20.00"), None, None]);
        assert_eq!(amounts(t, "一、一般公共服务支出"), [None, None, None]);
        assert_eq!(amounts(t, "四、公共安全支出"), [None, d("1200.00"), None]);
        assert_eq!(amounts(t, "一、基本支出"), [None, None, d("1000.00")]);
        assert_eq!(amounts(t, "三、单位预留机动经费"), [None, None, d("20.00")]);
        // The totals beside 支出's label, printed under 支出用途's amounts.
        assert_eq!(amounts(t, "当年支出小计"), [None, d("1520.00"), None]);
        assert_eq!(amounts(t, "支出合计"), [None, d("1520.00"), None]);
        // 1,200.00 + 200.00 + 120.00 = 1,000.00 + 500.00 + 20.00 = 1,520.00:
        // every amount is in its panel's column.
        for (col, rows) in [(1, g.panels[1].rows.clone()), (2, g.panels[2].rows.clone())] {
            let sum = t.rows[rows]
                .iter()
                .filter(|r| !r.label.contains("小计") && !r.label.contains("合计"))
                .filter_map(|r| r.cells[col].value)
                .fold(Decimal::ZERO, |a, v| a.saturating_add(v));
            assert_eq!(sum, Decimal::from(1520), "column {col}");
        }
    }

    #[test]
    fn labels_apart_on_one_line_only_under_no_caption_between_them_or_on_the_page_without_their_panels_are_not_read() {
        let text = summary_over_two_pages();
        // Only the first line prints a 功能分类 label before a 支出用途 one.
        let one_line = text.replace("二、外交支出", &" ".repeat(6)).replace("三、国防支出", &" ".repeat(6));
        // The header prints no 功能分类 amount caption between the labels.
        let header = text.lines().find(|l| l.contains("功能科目名称")).expect("the header");
        let (left, right) = header.split_once("功能科目名称").expect("its 功能分类 captions");
        let no_caption = text.replacen(header, &format!("{left}功能科目名称{}", right.replacen("金额", "  ", 1)), 1);
        // The second page prints a label of its own right of a 功能分类
        // label: one of a panel it shows no numbers of, which one unsaid.
        let second_label = text.replace(
            "住房保障支出                 120.00\n",
            "住房保障支出                 120.00\n                                              十九、粮油物资储备支出                           四、其他\n",
        );
        assert_ne!(second_label, text);
        for (what, text) in [("one line", one_line), ("no caption", no_caption), ("a second label on the second page", second_label)] {
            let doc = crate::read(&text);
            let t = doc.found(TableKind::BSummary).expect("found");
            assert!(t.rows.is_empty() && t.grid.as_ref().is_some_and(|g| !g.read), "{what}: {:?}", t.rows);
            // (Both first ones print two items of a list apart in one panel.)
            let why = if what.contains("second page") { "可能属于该页未印出的另一栏" } else { "两个编号的项目" };
            assert!(doc.problems.iter().any(|p| p.message.contains(why)), "{what}: {:?}", doc.problems);
        }
    }

    /// 功能分类's labels below 收入's last row printed left of where its
    /// column starts (a text layer that drifts row by row): they are taken
    /// for 收入's rows, and their amounts stand in 功能分类's column on
    /// lines where it prints no label. Those amounts are nobody's on the
    /// page: the table is not read, rather than the amounts given to the
    /// last 功能分类 row printed lines above ("三、国防支出").
    #[test]
    fn amounts_on_a_line_where_their_panel_prints_no_label_are_not_given_to_a_row_lines_above() {
        let text = summary_over_two_pages()
            .replace("\u{c}  二、其他资金                           20.00      四、公共安全支出                1,200.00", "  二、其他资金                           20.00")
            .replace(
                "                                              八、社会保障和就业支出               200.00",
                "                  四、公共安全支出\n                  五、教育支出\n                  八、社会保障和就业支出                                 200.00",
            )
            .replace("                                              十八、住房保障支出                 120.00", "                  十八、住房保障支出                                    120.00");
        assert!(text.contains("八、社会保障和就业支出                                 200.00"));
        let doc = crate::read(&text);
        let t = doc.found(TableKind::BSummary).expect("found");
        assert!(t.grid.as_ref().is_some_and(|g| !g.read), "{:?}", t.rows.iter().map(|r| (&r.label, r.value(1))).collect::<Vec<_>>());
        assert!(doc.problems.iter().any(|p| p.message.contains("无法唯一对应")), "{:?}", doc.problems);
    }

    /// The rest of 支出用途's wrapped label ("三、单位预留机动经" / "费")
    /// drifted left into 功能分类, right of where that panel's last label
    /// ("三、国防支出") ends: not taken as that label's rest ("三、国防支出费");
    /// whose it is the page does not say, so the table is not read.
    #[test]
    fn a_wrapped_labels_rest_right_of_its_panels_last_label_refuses_the_table() {
        let text = summary_over_two_pages();
        let line = text.lines().find(|l| l.contains("三、单位预留机动经费")).expect("the row").to_string();
        let at = line.find("三、国防支出").expect("功能分类's label");
        let rest = format!("{}费", " ".repeat(line[..at].chars().count() + 12));
        let drifted = text.replacen(&line, &format!("{}\n{rest}", line.replacen("机动经费", "机动经 ", 1)), 1);
        let doc = crate::read(&drifted);
        let t = doc.found(TableKind::BSummary).expect("found");
        assert!(t.rows.iter().all(|r| !r.label.ends_with("国防支出费")), "{:?}", t.rows);
        assert!(t.grid.as_ref().is_some_and(|g| !g.read), "{:?}", t.rows);
        assert!(doc.problems.iter().any(|p| p.message.contains("折行的名称")), "{:?}", doc.problems);
        // Under its own label, the rest is that label's.
        let under = text.replacen(
            &line,
            &format!(
                "{}\n{}费",
                line.replacen("机动经费", "机动经 ", 1),
                " ".repeat(line.find("三、单位").map(|i| line[..i].chars().count()).unwrap_or(0))
            ),
            1,
        );
        let doc = crate::read(&under);
        let t = doc.found(TableKind::BSummary).expect("found");
        assert!(t.rows.iter().any(|r| r.label == "三、单位预留机动经费"), "{:?} {:?}", t.rows, doc.problems);
    }

    /// A label run into the amount beside it, their letters interleaved:
    /// the amount is in the name, and the row's cell is blank.
    #[test]
    fn an_amount_printed_letter_by_letter_in_a_label_is_told() {
        use super::interleaved_amount;
        assert!(interleaved_amount("党委办公厅（室）及相关机1构6,事84务5.17"));
        assert!(interleaved_amount("未归口管理的行政单2位,0离00退.3休9"));
        assert!(interleaved_amount("本年支出合计2,940.05"));
        assert!(interleaved_amount("一般公共预算资公金共财政拨款(补助)资金24,458.43专项收入"));
        assert!(interleaved_amount("一般公共预算资金公共财政拨款（补助1）58资97金.44专项收入"));
        // A label of a million characters is looked at in linear time.
        assert!(!interleaved_amount(&"中1".repeat(500_000)));
        for label in ["便携式计算机（20万以下）", "2.政府性基金预算", "3.5吨以上车辆", "其他支出2", "二、其他资金", "2024年", "第1季度"]
        {
            assert!(!interleaved_amount(label), "{label}");
        }
    }

    /// A procurement row over several lines, its amount centred above its
    /// names (13's 政府采购预算表: "30.00" over "机要及电子政务业务费  办公设备
    /// 购置"): the amount is the row's the next line opens.
    #[test]
    fn an_amount_alone_on_the_line_above_its_rows_names_is_that_rows() {
        let lines = [
            "示例市某某局",
            "2099年度部门预算",
            "",
            "                       2099年政府采购预算表",
            "部门：示例市某某局                                              单位：万元",
            "  采购品目大类        专项名称          经济科目       采购物品名称       采购组织形式     总计",
            "合计                                                                                 40.00",
            "一、货物A                                                                            40.00",
            "               办公设备购置费      办公设备购置                                     10.00",
            "                                               台式计算机         政府集中采购      10.00",
            "                                                                                     30.00",
            "               机要业务费          办公设备购置",
            "                                               复印机             政府集中采购      30.00",
        ];
        let doc = crate::read(&lines.join("\n"));
        let t = doc.found(TableKind::BProcurement).expect("found");
        assert!(t.grid.as_ref().is_some_and(|g| g.read), "{:?}", doc.problems);
        let row = t.rows.iter().find(|r| r.label.starts_with("机要业务费")).expect("the row its names open");
        assert_eq!(row.value(0), Some(Decimal::from(30)));
        assert_eq!(row.cells[0].source_line, 11, "the amount's own line");
        assert!(t.rows.iter().all(|r| !r.label.is_empty()), "{:?}", t.rows);
        // The same amount with the names' line gone is nobody's: not read.
        let alone = lines.iter().filter(|l| !l.contains("机要业务费")).copied().collect::<Vec<_>>().join("\n");
        let doc = crate::read(&alone);
        let t = doc.found(TableKind::BProcurement).expect("found");
        assert!(t.grid.as_ref().is_some_and(|g| !g.read), "{:?}", t.rows);
    }

    #[test]
    fn squeezed_or_tabbed_layout_reads_by_order_only_where_every_row_prints_every_column() {
        for gap in [" ", "\t"] {
            let text = layout_sample_without_columns(gap);
            assert!(text.contains(&format!("合计{gap}基本支出{gap}项目支出")), "the header of 公开表三");
            let doc = crate::read(&text);
            // 公开表三 names three columns and its one row prints three amounts.
            let t = doc.found(TableKind::BExpenditure).expect("公开表三");
            assert!(t.grid.as_ref().is_some_and(|g| g.read), "gap {gap:?}: {:?}", doc.problems);
            assert_eq!(t.columns, ["合计", "基本支出", "项目支出"]);
            let values: Vec<String> =
                t.rows.iter().flat_map(|r| r.cells.iter().map(|c| c.value.map_or("blank".to_string(), |v| v.to_string()))).collect();
            assert_eq!(values, ["1520.00", "1000.00", "520.00"]);
            // 1,000.00 + 520.00 = 1,520.00: the amounts are in their columns.
            // 公开表七 and 八 drop blank cells ("行政运行 800.00 800.00" under
            // three columns), 公开表一 is two-sided, 公开表九's header groups
            // its columns: without the spaces nothing says where a number
            // goes, and none is read.
            for kind in [TableKind::BGeneral, TableKind::BBasicEcon, TableKind::BSummary, TableKind::BSangong] {
                let t = doc.found(kind).expect("found");
                assert!(t.rows.is_empty() && t.grid.as_ref().is_some_and(|g| !g.read), "{kind:?} with gap {gap:?} is not read");
            }
            let dropped = doc.problems.iter().filter(|p| p.message.contains("省略了空白栏")).count();
            assert_eq!(dropped, 2, "公开表七 and 八: {:?}", doc.problems);
            let side_by_side = doc.problems.iter().filter(|p| p.message.contains("左右并排")).count();
            assert_eq!(side_by_side, 1, "公开表一: {:?}", doc.problems);
        }
    }

    #[test]
    fn an_integer_amount_before_the_next_panels_label_is_an_amount_not_a_code() {
        let text = layout_sample_in_yuan();
        assert!(text.contains("二、社会保障和就业支出          2000000      二、项目支出"), "the amount stands before a label");
        let doc = crate::read(&text);
        let t = doc.found(TableKind::BSummary).expect("the 收支预算总表 is read");
        assert_eq!(t.unit.as_deref(), Some("元"));
        assert!(t.rows.iter().all(|r| r.code.is_none()), "a two-sided table has no codes");
        let row = t.rows.iter().find(|r| r.label == "二、社会保障和就业支出").expect("the row");
        assert_eq!(row.cells.iter().filter_map(|c| c.value).collect::<Vec<_>>(), [Decimal::from(2_000_000)]);
        // Every row reads as the 万元 table does, ×10000.
        let wan = crate::read(&sample());
        let cells = |t: &crate::model::Table, scale: Decimal| -> Vec<(String, Vec<Option<Decimal>>)> {
            t.rows
                .iter()
                .map(|r| {
                    (r.label.clone(), r.cells.iter().map(|c| c.value.and_then(|v| v.checked_mul(scale)).map(|v| v.normalize())).collect())
                })
                .collect()
        };
        let in_wan = wan.found(TableKind::BSummary).expect("the 万元 table");
        assert_eq!(cells(t, Decimal::ONE), cells(in_wan, Decimal::from(10_000)));
    }

    /// The layout sample with 公开表八 printed as a text layer of a narrower
    /// pitch prints it: columns some thirty characters apart, captions
    /// in fewer characters than their width ("一般公共预算基本支出", over 合计,
    /// 人员经费 and 公用经费, stands clear of all three on its line), and
    /// right-aligned amounts ending further right the shorter they are (a
    /// "0" nine characters right of a ten-character amount of its column);
    /// "公用经费" wraps, its second line seven characters askew.
    fn layout_sample_at_a_narrow_pitch() -> String {
        let text = sample();
        let mut table = vec!["部门：   示例市某某局          单位：元".to_string(), String::new()];
        for words in [
            &[(85, "项目"), (191, "一般公共预算基本支出")][..],
            &[(19, "部门预算经济分类科目")],
            &[(35, "编码"), (94, "经济分类科目名称"), (172, "合计"), (203, "人员经费"), (237, "公用")],
            &[(244, "经费")],
        ] {
            table.push(at_columns(words));
        }
        table.push(String::new());
        let rows = [
            ("301", "", "工资福利支出", ["88,282,511", "88,282,511", "0"]),
            ("301", "01", "基本工资", ["5,873,551", "5,873,551", "0"]),
            ("301", "99", "其他工资福利支出", ["82,408,960", "82,408,960", "0"]),
            ("302", "", "商品和服务支出", ["11,168,569", "0", "11,168,569"]),
            ("302", "01", "办公费", ["4,755,518", "0", "4,755,518"]),
            ("302", "99", "其他商品和服务支出", ["6,413,051", "0", "6,413,051"]),
            ("", "", "合计", ["99,451,080", "88,282,511", "11,168,569"]),
        ];
        for (class, kuan, label, amounts) in rows {
            let mut words = vec![(26, class), (48, kuan), (61, label)];
            // Ten characters end at `end`; each fewer ends one further right.
            words.extend([181, 215, 249].into_iter().zip(amounts).map(|(end, a)| (end + 10 - 2 * a.len(), a)));
            table.push(at_columns(&words));
            table.push(String::new());
        }
        let lines: Vec<&str> = text.split('\n').collect();
        let title = lines.iter().position(|l| l.contains("一般公共预算基本支出预算表（经济科目）")).expect("公开表八");
        let next = lines.iter().position(|l| l.contains("“三公”经费、会议费、培训费支出预算表")).expect("公开表九");
        // A form feed before it: a page of its own, as a PDF's text prints it.
        let mut out: Vec<String> = lines[..title].iter().map(|l| l.to_string()).collect();
        out.push(format!("\u{c}{}", lines[title]));
        out.push(lines[title + 1].to_string());
        out.extend(table);
        out.extend(lines[next..].iter().map(|l| l.to_string()));
        out.join("\n")
    }

    #[test]
    fn a_caption_over_three_columns_printed_narrower_than_any_of_them_is_their_group() {
        let text = layout_sample_at_a_narrow_pitch();
        let doc = crate::read(&text);
        let t = doc.found(TableKind::BBasicEcon).expect("公开表八 is read");
        assert_eq!(t.columns, ["一般公共预算基本支出 › 合计", "一般公共预算基本支出 › 人员经费", "公用经费"]);
        let row = |code: &str| -> Vec<Option<Decimal>> {
            t.rows.iter().find(|r| r.code.as_deref() == Some(code)).expect("row").cells.iter().map(|c| c.value).collect()
        };
        // 人员经费's "0" stands nine characters right of its column's other
        // amounts, and is still 人员经费's: every row adds up.
        assert_eq!(row("302"), [Some(Decimal::from(11_168_569)), Some(Decimal::ZERO), Some(Decimal::from(11_168_569))]);
        assert_eq!(row("30101"), [Some(Decimal::from(5_873_551)), Some(Decimal::from(5_873_551)), Some(Decimal::ZERO)]);
        // "公用" and "经费" are one caption, seven characters apart where
        // captions stand thirty apart.
        let report = crate::check_text("narrow", &text);
        assert!(!report.findings.iter().any(|f| f.rule == "TBL-201"), "no row breaks its sum");
    }

    /// A row too long for its line prints the rest of its amounts on the
    /// next, in their columns: one row, read as the sample's.
    #[test]
    fn amounts_carried_onto_the_next_line_finish_their_row() {
        let text = sample();
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let at = lines.iter().position(|l| l.starts_with("20101 ") && l.contains("1,200.00")).expect("人大事务");
        assert!(lines[at + 1].is_empty(), "a blank line follows");
        let cut = lines[at].find("1,200.00").expect("合计") + "1,200.00".len();
        let rest = format!("{}{}", " ".repeat(lines[at][..cut].chars().count()), &lines[at][cut..]);
        lines[at].truncate(cut);
        lines[at + 1] = rest;
        let carried = lines.join("\n");
        let (was, now) = (crate::read(&text), crate::read(&carried));
        let t = now.found(TableKind::BGeneral).expect("公开表七 is read");
        let row = t.rows.iter().find(|r| r.code.as_deref() == Some("20101")).expect("人大事务");
        let values: Vec<Option<Decimal>> = row.cells.iter().map(|c| c.value).collect();
        assert_eq!(values, [Some(Decimal::from(1200)), Some(Decimal::from(800)), Some(Decimal::from(400))]);
        let cells = |d: &crate::model::Document| -> Vec<Vec<Option<Decimal>>> {
            d.found(TableKind::BGeneral)
                .map(|t| t.rows.iter().map(|r| r.cells.iter().map(|c| c.value).collect()).collect())
                .unwrap_or_default()
        };
        assert_eq!(cells(&now), cells(&was), "every row as the sample reads it");
        let findings = |t: &str| crate::check_text("s", t).findings.len();
        assert_eq!(findings(&carried), findings(&text), "as many findings");
    }

    /// A label printed right after the number before it, where that
    /// number's column ends further right on other lines ("1,500.00
    /// 一、一般公共服务支出" over "1,520.00" ending three columns right): the
    /// next panel's label column starts there.
    #[test]
    fn a_label_right_after_an_amount_of_a_column_that_drifts_right_starts_the_next_panel() {
        let text = sample();
        let mut drifted = text.clone();
        for (from, to) in [
            ("1,500.00      一、一般公共服务支出", "1,500.00 一、一般公共服务支出     ".to_string()),
            ("1,500.00      二、社会保障和就业支出", "1,500.00 二、社会保障和就业支出     ".to_string()),
            (
                "2.政府性基金预算                             三、住房保障支出              ",
                format!("2.政府性基金预算{}三、住房保障支出{}", " ".repeat(24), " ".repeat(19)),
            ),
            (
                "    当年收入小计              1,520.00            当年支出小计",
                format!("    当年收入小计{}1,520.00{}当年支出小计", " ".repeat(17), " ".repeat(9)),
            ),
            (
                "    收入合计                1,520.00            支出合计",
                format!("    收入合计{}1,520.00{}支出合计", " ".repeat(19), " ".repeat(9)),
            ),
        ] {
            assert_eq!(drifted.matches(from).count(), 1, "{from}");
            drifted = drifted.replace(from, &to);
        }
        let rows = |t: &str| -> Vec<(String, Vec<Option<Decimal>>)> {
            let doc = crate::read(t);
            let t = doc.found(TableKind::BSummary).expect("公开表一 is read");
            t.rows.iter().map(|r| (r.label.clone(), r.cells.iter().map(|c| c.value).collect())).collect()
        };
        let read = rows(&drifted);
        assert!(read.contains(&("一、一般公共服务支出".to_string(), vec![None, Some(Decimal::from(1200)), None])));
        assert_eq!(read, rows(&text), "every row as the sample reads it");
    }

    /// A line of words at the given columns.
    /// At a narrow pitch the next panel's labels start a column or two
    /// inside the extent of the amounts before them, on lines whose own
    /// amount is blank: they still start that panel.
    #[test]
    fn a_label_starting_inside_the_amounts_before_it_starts_the_next_panel() {
        let text = sample();
        let lines: Vec<&str> = text.split('\n').collect();
        let at = lines.iter().position(|l| l.starts_with("公开表一")).expect("公开表一");
        let body: [&[(usize, &str)]; 12] = [
            &[(10, "收入"), (60, "支出")],
            &[(46, "功能分类"), (74, "支出用途")],
            &[(4, "项目名称"), (30, "金额"), (40, "功能科目名称"), (60, "金额"), (68, "项目名称"), (82, "金额")],
            &[(0, "一、财政拨款"), (24, "1,500.00"), (38, "一、一般公共服务支出"), (58, "1,200.00")],
            &[(0, "1.一般公共预算"), (24, "1,500.00"), (38, "二、外交支出"), (64, "一、基本支出"), (78, "1,000.00")],
            &[(0, "2.政府性基金预算"), (38, "三、社会保障和就业支出"), (60, "200.00")],
            &[(0, "二、其他资金"), (27, "20.00"), (38, "四、国防支出"), (64, "二、项目支出"), (80, "520.00")],
            &[(38, "五、住房保障支出"), (60, "120.00")],
            &[(4, "当年收入小计"), (24, "1,520.00"), (44, "当年支出小计"), (58, "1,520.00")],
            &[(4, "上年结转资金"), (44, "结转下年资金")],
            &[(4, "收入合计"), (24, "1,520.00"), (44, "支出合计"), (58, "1,520.00")],
            &[],
        ];
        let mut out: Vec<String> = lines[..at + 2].iter().map(|l| l.to_string()).collect();
        out.extend(body.iter().map(|l| at_columns(l)));
        out.extend(lines[at + 13..].iter().map(|l| l.to_string()));
        let doc = crate::read(&out.join("\n"));
        let t = doc.found(TableKind::BSummary).expect("公开表一 is read");
        let row = |label: &str| t.rows.iter().find(|r| r.label == label).map(|r| r.cells.iter().map(|c| c.value).collect::<Vec<_>>());
        assert_eq!(row("一、基本支出"), Some(vec![None, None, Some(Decimal::from(1000))]));
        assert_eq!(row("二、项目支出"), Some(vec![None, None, Some(Decimal::from(520))]));
        assert_eq!(row("二、外交支出"), Some(vec![None, None, None]));
        assert_eq!(row("四、国防支出"), Some(vec![None, None, None]));
        assert_eq!(row("三、社会保障和就业支出"), Some(vec![None, Some(Decimal::from(200)), None]));
    }

    /// Fewer amounts than captions, the last amount midway between two of
    /// them (a narrow pitch): either caption fits as well, so the table is
    /// not read; the same amount under its caption is.
    #[test]
    fn amounts_that_fit_two_ways_under_their_captions_are_not_read() {
        let relaid =
            |third: usize| {
                let header = at_columns(&[(10, "合计"), (20, "基本支出"), (32, "项目支出"), (44, "结转下年资金")]);
                let amounts = at_columns(&[(2, "1,520.00"), (20, "1,000.00"), (third, "520.00")]);
                let text = sample()
                    .replacen("          合计            基本支出            项目支出\n", &format!("{header}\n"), 1)
                    .replacen("    1,520.00        1,000.00          520.00\n", &format!("{amounts}\n"), 1);
                let doc = crate::read(&text);
                let t = doc
                    .found(TableKind::BExpenditure)
                    .filter(|t| !t.rows.is_empty())
                    .map(|t| t.rows[0].cells.iter().map(|c| c.value).collect::<Vec<_>>());
                (t, doc.problems)
            };
        let (under, _) = relaid(30);
        assert_eq!(under, Some(vec![Some(Decimal::from(1520)), Some(Decimal::from(1000)), Some(Decimal::from(520)), None]));
        let (midway, problems) = relaid(38);
        assert_eq!(midway, None);
        assert!(problems.iter().any(|p| p.message.contains("无法确定各数字属于哪一栏")), "{problems:?}");
    }

    /// 01's 一般公共预算支出功能分类预算表 as `pdftotext -layout -fixed 2`
    /// prints it (Chinese a quarter as wide as it stands): "合计" lost its
    /// column and "一般公共预算支出" took "基本支出" into one caption, so a
    /// column of figures stood under no caption beside captioned ones. Such
    /// a reading is askew; a panel all uncaptioned (a summary's 金额 under
    /// its panel's name) is not.
    #[test]
    fn figures_under_no_caption_beside_captioned_columns_are_askew() {
        use super::uncaptioned_beside_captioned;
        use crate::model::{Cell, Grid, Panel, Row, Table};
        let table = |values: &[Option<&str>]| Table {
            rows: vec![Row {
                code: Some("201".to_string()),
                label: "一般公共服务支出".to_string(),
                line: None,
                cells: values.iter().map(|v| Cell { value: v.map(|v| v.parse().expect("decimal")), source_line: 1 }).collect(),
                source_line: 1,
            }],
            ..Table::empty(TableKind::BGeneral, 1)
        };
        let grid = |paths: &[&str], panels: Vec<Panel>| Grid {
            paths: paths.iter().map(|p| vec![p.to_string()]).collect(),
            panels,
            read: true,
            ..Grid::default()
        };
        let askew = table(&[Some("2932700"), None, Some("0"), Some("2932700")]);
        assert!(uncaptioned_beside_captioned(&askew, &grid(&["", "一般公共预算支出基本支出", "", "项目支出"], Vec::new())));
        let panel = |c: usize| Panel { name: String::new(), columns: c..c + 1, rows: 0..1 };
        let summary = table(&[Some("18330.37"), Some("13907.78"), Some("9312.90")]);
        assert!(!uncaptioned_beside_captioned(&summary, &grid(&["", "", "金额"], vec![panel(0), panel(1), panel(2)])));
        let as_printed = table(&[Some("2932700"), Some("0"), Some("2932700")]);
        assert!(!uncaptioned_beside_captioned(&as_printed, &grid(&["合计", "基本支出", "项目支出"], Vec::new())));
    }

    /// An amount glued to an integer ("1,000.00520") cannot be split:
    /// a cell of five decimals, which no disclosure prints, refuses the
    /// table instead of reading its row astray.
    #[test]
    fn a_cell_with_more_than_four_decimals_refuses_its_table() {
        let text = sample();
        let glued = text.replacen("    1,520.00        1,000.00          520.00\n", "    1,520.00        1,000.00520\n", 1);
        assert_ne!(glued, text);
        let doc = crate::read(&glued);
        assert!(doc.found(TableKind::BExpenditure).is_none_or(|t| t.rows.is_empty()), "not read");
        assert!(doc.problems.iter().any(|p| p.message.contains("小数位数超过四位")), "{:?}", doc.problems);
        assert!(crate::read(&text).found(TableKind::BExpenditure).is_some_and(|t| !t.rows.is_empty()), "read as printed");
    }

    /// At a narrow pitch a letter-spaced 合计 stands wider than its column
    /// ("合" over the amounts, "计" past them): still one caption.
    #[test]
    fn a_total_caption_spaced_wider_than_its_column_is_one_caption() {
        let header = at_columns(&[(6, "合"), (15, "计"), (21, "基本支出"), (36, "项目支出")]);
        let text = sample().replacen("          合计            基本支出            项目支出\n", &format!("{header}\n"), 1);
        let doc = crate::read(&text);
        let t = doc.found(TableKind::BExpenditure).expect("公开表三 is read");
        assert_eq!(t.columns, ["合计", "基本支出", "项目支出"]);
        let values: Vec<Option<Decimal>> = t.rows[0].cells.iter().map(|c| c.value).collect();
        assert_eq!(values, [Some(Decimal::from(1520)), Some(Decimal::from(1000)), Some(Decimal::from(520))]);
    }

    fn at_columns(words: &[(usize, &str)]) -> String {
        let mut line = String::new();
        for (at, w) in words {
            while line.chars().count() < *at {
                line.push(' ');
            }
            line.push_str(w);
        }
        line
    }

    /// The layout sample with its 三公 table (公开表九) under `header`, its
    /// amounts right-aligned at `ends` (购置费 blank): the columns and the
    /// amounts read.
    fn sangong_relaid(header: &[&[(usize, &str)]], ends: &[(usize, &str)]) -> (Vec<String>, Vec<Option<Decimal>>) {
        let text = sample();
        let lines: Vec<&str> = text.split('\n').collect();
        let at = lines.iter().position(|l| l.starts_with("公开表九")).expect("公开表九");
        let amounts: Vec<(usize, &str)> = ends.iter().map(|(end, a)| (end - a.len(), *a)).collect();
        // The sample's table: 部门 line, three header lines, a blank, amounts.
        let mut out: Vec<String> = lines[..at + 2].iter().map(|l| l.to_string()).collect();
        out.extend(header.iter().map(|h| at_columns(h)));
        out.push(String::new());
        out.push(at_columns(&amounts));
        out.extend(lines[at + 7..].iter().map(|l| l.to_string()));
        let doc = crate::read(&out.join("\n"));
        let t = doc.found(TableKind::BSangong).expect("公开表九 is read");
        (t.columns.clone(), t.rows[0].cells.iter().map(|c| c.value).collect())
    }

    /// The sample's 三公 amounts, 购置费 blank.
    fn sangong_values() -> Vec<Option<Decimal>> {
        ["100.00", "60.00", "10.00", "40.00", "", "40.00", "10.00", "25.00", "15.00"]
            .iter()
            .map(|s| Decimal::from_str_exact(s).ok())
            .collect()
    }

    /// The layout sample's 三公 table as a narrower pitch prints it: captions
    /// wrapped over lines and askew, "公务用车购置" over a "费" three columns
    /// clear of it, where captions stand twenty or more apart.
    #[test]
    fn a_caption_s_last_character_askew_at_a_narrow_pitch_is_still_its_own() {
        let header: [&[(usize, &str)]; 7] = [
            &[(104, "“三公”经费")],
            &[(103, "公务用车购置及运行维护费")],
            &[(42, "合计"), (76, "因公出国"), (178, "会议费"), (197, "培训费")],
            &[(61, "小计"), (156, "公务接待费")],
            &[(76, "（境）费"), (112, "公务用车购置"), (134, "公务用车运行")],
            &[(98, "小计")],
            &[(121, "费"), (139, "维护费")],
        ];
        let ends =
            [(56, "100.00"), (74, "60.00"), (93, "10.00"), (111, "40.00"), (156, "40.00"), (174, "10.00"), (193, "25.00"), (211, "15.00")];
        let (columns, values) = sangong_relaid(&header, &ends);
        assert_eq!(columns.len(), 9, "{columns:?}");
        assert!(columns[4].ends_with("公务用车购置费") && columns[5].ends_with("公务用车运行维护费"), "{columns:?}");
        assert_eq!(values, sangong_values());
    }

    /// The sample's 三公 table under a header whose group caption is
    /// printed narrower than its group ("公务用车购置及运行维护费" over 小计,
    /// "公务用车/购置费" and "公务用车运/行维护费", the last starting a column
    /// past its end) and whose 小计 stands alone on its line over the pieces
    /// of two captions beside it.
    #[test]
    fn a_group_caption_narrower_than_its_group_and_a_subtotal_alone_on_its_line_read_as_printed() {
        let header: [&[(usize, &str)]; 6] = [
            &[(34, "“三公”经费")],
            &[(20, "因公出"), (32, "公务用车购置及运行维护费")],
            &[(1, "合计"), (67, "会议费"), (76, "培训费")],
            &[(11, "小计"), (20, "国（境）"), (38, "公务用车"), (45, "公务用车运"), (56, "公务接待费")],
            &[(29, "小计")],
            &[(21, "费"), (38, "购置费"), (46, "行维护费")],
        ];
        let ends = [(8, "100.00"), (17, "60.00"), (26, "10.00"), (35, "40.00"), (53, "40.00"), (64, "10.00"), (73, "25.00"), (84, "15.00")];
        let (columns, values) = sangong_relaid(&header, &ends);
        assert_eq!(columns.len(), 9, "{columns:?}");
        assert!(columns[3].ends_with("公务用车购置及运行维护费 › 小计"), "{columns:?}");
        assert!(columns[4].ends_with("公务用车购置及运行维护费 › 公务用车购置费"), "{columns:?}");
        assert_eq!(values, sangong_values());
    }

    /// The header `pdftotext -layout -fixed 3` prints for 11's 三公 table:
    /// Chinese a third as wide as it stands, so that "公务用车购置及运行维护费"
    /// is narrower than its group, "公务用车购" stands under it alone and
    /// its "置费" a line below, just past its end.
    const SANGONG_AT_A_THIRD_THE_WIDTH: [&[(usize, &str)]; 6] = [
        &[(85, "“三公”经费")],
        &[(84, "公务用车购置及运行维护费")],
        &[(32, "合计"), (62, "因公出"), (133, "公务接"), (147, "会议费"), (161, "培训费")],
        &[(61, "国（境）"), (92, "公务用车购"), (112, "公务用车运")],
        &[(49, "小计"), (65, "费"), (79, "小计"), (135, "待费")],
        &[(97, "置费"), (114, "行维护费")],
    ];

    const SANGONG_AT_A_THIRD: [(usize, &str); 8] =
        [(36, "100.00"), (53, "60.00"), (63, "10.00"), (82, "40.00"), (117, "40.00"), (138, "10.00"), (152, "25.00"), (167, "15.00")];

    /// A caption ending in 费 is whole: the word under it, inside its
    /// width, is a column's caption under its group, not its rest.
    #[test]
    fn a_whole_caption_over_a_narrower_word_is_a_group_not_a_caption_wrapped() {
        let (columns, values) = sangong_relaid(&SANGONG_AT_A_THIRD_THE_WIDTH, &SANGONG_AT_A_THIRD);
        assert_eq!(columns.len(), 9, "{columns:?}");
        assert!(columns[3].ends_with("公务用车购置及运行维护费 › 小计"), "{columns:?}");
        assert!(columns[4].ends_with("公务用车购置及运行维护费 › 公务用车购置费"), "{columns:?}");
        assert!(columns[5].ends_with("公务用车运行维护费"), "{columns:?}");
        assert_eq!(values, sangong_values());
    }

    /// 07's header: "公务用车购置费" stacked down its narrow column two
    /// characters a line ("公务" / "用车" / "购置" / "费") between the 小计
    /// and the 公务用车运行维护费 of its group, the other captions' pieces on
    /// the lines between. One caption, not a group "公务" over its neighbours.
    #[test]
    fn a_caption_stacked_down_its_narrow_column_is_one_caption() {
        let header: [&[(usize, &str)]; 8] = [
            &[(32, "“三公”经费")],
            &[(32, "公务用车购置及运行维护费")],
            &[(42, "公务")],
            &[(2, "合计"), (21, "因公出国"), (59, "公务接"), (68, "会议费"), (79, "培训费")],
            &[(42, "用车"), (47, "公务用车运")],
            &[(13, "小计"), (21, "（境）费"), (32, "小计"), (59, "待费")],
            &[(42, "购置"), (47, "行维护费")],
            &[(43, "费")],
        ];
        let ends = [(9, "100.00"), (18, "60.00"), (29, "10.00"), (38, "40.00"), (56, "40.00"), (65, "10.00"), (75, "25.00"), (86, "15.00")];
        let (columns, values) = sangong_relaid(&header, &ends);
        assert_eq!(columns.len(), 9, "{columns:?}");
        assert!(columns[3].ends_with("公务用车购置及运行维护费 › 小计"), "{columns:?}");
        assert!(columns[4].ends_with("公务用车购置及运行维护费 › 公务用车购置费"), "{columns:?}");
        assert!(columns[5].ends_with("公务用车运行维护费") && columns.iter().all(|c| !c.contains("公务 ›")), "{columns:?}");
        assert_eq!(values, sangong_values());
    }

    /// A caption letter-spaced across its cell ("合      计" over the 合计
    /// column) is one caption, and its column the table's 合计.
    #[test]
    fn a_caption_letter_spaced_across_its_column_is_one_caption() {
        let text = sample();
        let from = "          合计            基本支出            项目支出";
        assert_eq!(text.matches(from).count(), 1);
        let spaced = text.replace(from, "    合      计            基本支出            项目支出");
        let columns = |t: &str| crate::read(t).found(TableKind::BExpenditure).map(|t| t.columns.clone()).unwrap_or_default();
        assert_eq!(columns(&spaced), ["合计", "基本支出", "项目支出"]);
        assert_eq!(columns(&spaced), columns(&text));
    }

    /// Text copied in the content's order prints a row one part a line: its
    /// code, its label (wrapped), then its amounts. One row, as printed.
    #[test]
    fn a_row_printed_code_label_and_amounts_on_lines_of_their_own_is_one_row() {
        let text = sample();
        let row = text.lines().find(|l| l.starts_with("2080505 ")).expect("the row");
        let amounts = &row[row.find("150.00").expect("amounts")..];
        let at = row[..row.find("150.00").expect("amounts")].chars().count();
        let apart = format!("2080505\n机关事业单位基本养老保险缴费支\n出\n{}{amounts}", " ".repeat(at));
        let doc = crate::read(&text.replacen(row, &apart, 1));
        let was = crate::read(&text);
        let rows = |d: &crate::model::Document| -> Vec<(Option<String>, String, Vec<Option<Decimal>>)> {
            let t = d.found(TableKind::BGeneral).expect("公开表七 is read");
            t.rows.iter().map(|r| (r.code.clone(), r.label.clone(), r.cells.iter().map(|c| c.value).collect())).collect()
        };
        assert_eq!(rows(&doc), rows(&was));
        // A total after a code printed blank is a row of its own.
        let blank = format!("2080505\n合计{}{amounts}", " ".repeat(at - 2));
        let doc = crate::read(&text.replacen(row, &blank, 1));
        let t = doc.found(TableKind::BGeneral).expect("公开表七 is read");
        assert!(t.rows.iter().any(|r| r.code.as_deref() == Some("2080505") && r.label.is_empty()));
    }

    /// A label wrapped over two lines, its longer first line on the row's
    /// line and the rest under it (a top-aligned cell), or its first line
    /// above the row and the rest on it (a cell aligned lower), reads as the
    /// row printed on one line; a shorter line under a row is no rest of it.
    #[test]
    fn a_label_wrapped_onto_the_line_under_or_over_its_row_is_the_rows() {
        let text = sample();
        let row = text.lines().find(|l| l.starts_with("2080505 ")).expect("the row");
        let (label, at) = ("机关事业单位基本养老保险缴费支出", row.find('机').expect("label"));
        let (head, rest) = label.split_at("机关事业单位基本养老".len());
        let code = &row[..at];
        let amounts = &row[at + label.len()..];
        let pad = |s: &str| " ".repeat(s.chars().count());
        let rows = |d: &crate::model::Document| -> Vec<(Option<String>, String, Vec<Option<Decimal>>)> {
            let t = d.found(TableKind::BGeneral).expect("公开表七 is read");
            t.rows.iter().map(|r| (r.code.clone(), r.label.clone(), r.cells.iter().map(|c| c.value).collect())).collect()
        };
        let was = rows(&crate::read(&text));
        let under = format!("{code}{head}{}{amounts}\n{}{rest}", pad(rest), pad(code));
        assert_eq!(rows(&crate::read(&text.replacen(row, &under, 1))), was);
        let over = format!("{}{head}\n{code}{rest}{}{amounts}", pad(code), pad(head));
        assert_eq!(rows(&crate::read(&text.replacen(row, &over, 1))), was);
        // Under a shorter label, the line is the next row's beginning: with
        // no row after it, a row of its own.
        let short = format!("{code}{rest}{}{amounts}\n{}{head}", pad(head), pad(code));
        let read = rows(&crate::read(&text.replacen(row, &short, 1)));
        assert!(read.iter().any(|r| r.0.as_deref() == Some("2080505") && r.1 == rest), "{read:?}");
        assert!(read.iter().any(|r| r.0.is_none() && r.1 == head), "{read:?}");
        // Over three lines, the row's in the middle (a vertically centred cell).
        let (first, rest) = label.split_at("机关事业单位".len());
        let (middle, last) = rest.split_at("基本养老保".len());
        let centred = format!("{}{first}\n{code}{middle}{}{amounts}\n{}{last}", pad(code), pad(first) + &pad(last), pad(code));
        assert_eq!(rows(&crate::read(&text.replacen(row, &centred, 1))), was);
        // A first line opening as an ordinal's row would ("一般…", not "一、…").
        let class = text.lines().find(|l| l.starts_with("201 ")).expect("the 类 row");
        let at = class.find('一').expect("label");
        let (code, amounts) = (&class[..at], &class[at + "一般公共服务支出".len()..]);
        let over = format!("{}一般公共服务支\n{code}出{}{amounts}", pad(code), pad("一般公共服务支"));
        assert_eq!(rows(&crate::read(&text.replacen(class, &over, 1))), was);
    }

    /// In a table without codes, a label's first line printed over its row
    /// (the first row's too, right under the header) or its rest under it
    /// is the row's: the 收支总表 reads as printed on one line.
    #[test]
    fn a_label_wrapped_in_a_table_without_codes_is_its_rows() {
        let text = sample();
        let rows = |d: &crate::model::Document| -> Vec<(String, Vec<Option<Decimal>>)> {
            let t = d.found(TableKind::BSummary).expect("公开表一 is read");
            t.rows.iter().map(|r| (r.label.clone(), r.cells.iter().map(|c| c.value).collect())).collect()
        };
        let was = rows(&crate::read(&text));
        let line = |start: &str| text.lines().find(|l| l.starts_with(start)).expect("the row");
        // Each label cut after `keep` chars at its column, over or under the row.
        let wrap = |row: &str, label: &str, keep: usize, over: bool| {
            let at = row[..row.find(label).expect("label")].chars().count();
            let cut = label.char_indices().nth(keep).map_or(label.len(), |(i, _)| i);
            let (head, rest) = label.split_at(cut);
            let alone = |s: &str| format!("{}{s}", " ".repeat(at));
            match over {
                true => format!("{}\n{}", alone(head), row.replacen(label, &format!("{rest}{}", " ".repeat(head.chars().count())), 1)),
                false => format!("{}\n{}", row.replacen(label, &format!("{head}{}", " ".repeat(rest.chars().count())), 1), alone(rest)),
            }
        };
        let (first, second) = (line("一、财政拨款"), line("1.一般公共预算"));
        let over = text.replacen(first, &wrap(first, "一、财政拨款", 4, true), 1).replacen(
            second,
            &wrap(second, "二、社会保障和就业支出", 8, true),
            1,
        );
        assert_eq!(rows(&crate::read(&over)), was);
        let under = text.replacen(second, &wrap(second, "二、社会保障和就业支出", 6, false), 1);
        assert_eq!(rows(&crate::read(&under)), was);
    }

    /// A title over a body of the other classification's codes (a 功能分类
    /// table printing 经济分类 codes: text whose titles came after their
    /// tables) is not read as that table.
    #[test]
    fn a_table_whose_codes_are_of_the_other_classification_than_its_title_is_not_read() {
        let text = sample();
        let swapped = text.replacen("一般公共预算基本支出预算表（经济科目）", "政府性基金预算支出预算表", 1);
        let doc = crate::read(&swapped);
        assert!(doc.found(TableKind::BFund).is_none_or(|t| t.rows.is_empty()), "not read as the 政府性基金 table");
        assert!(doc.problems.iter().any(|p| p.message.contains("与表名所示的功能分类科目不符")), "{:?}", doc.problems);
        assert!(crate::read(&text).found(TableKind::BBasicEcon).is_some(), "read under its own title");
    }

    #[test]
    fn the_code_column_of_a_coded_table_in_yuan_still_reads_as_codes() {
        let doc = crate::read(&layout_sample_in_yuan());
        let t = doc.found(TableKind::BGeneral).expect("公开表七 is read");
        let codes: Vec<&str> = t.rows.iter().filter_map(|r| r.code.as_deref()).collect();
        assert_eq!(codes, ["201", "20101", "2010101", "2010102", "208", "20805", "2080505", "2080599", "221", "22102", "2210201"]);
        let row = t.rows.iter().find(|r| r.code.as_deref() == Some("2010101")).expect("行政运行");
        assert_eq!(row.cells[0].value, Some(Decimal::from(8_000_000)));
    }
}
