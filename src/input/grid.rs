//! A grid of cells (a sheet, a Word or HTML table) → aligned layout lines.
//!
//! Shared by the workbook, .docx and HTML readers so all of them produce the
//! same shape as `pdftotext -layout`: one line per row, every cell padded to
//! its column's width, non-empty cells separated by at least two spaces,
//! amounts right-aligned in their column.

/// A merged region: top-left cell and the number of rows and columns it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// Top row (0-based, relative to the grid).
    pub row: usize,
    /// Left column.
    pub col: usize,
    /// Rows covered (≥1).
    pub rows: usize,
    /// Columns covered (≥1).
    pub cols: usize,
}

/// Cells by row and column; empty strings are empty cells.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// `cells[r][c]`, rows of possibly different lengths.
    pub cells: Vec<Vec<String>>,
    /// Merged regions; the value sits in the top-left cell.
    pub merges: Vec<Merge>,
}

/// Spaces between two columns.
const GAP: usize = 2;

/// Rows a table's header spans at most (the official forms: four).
const MAX_HEADER_ROWS: usize = 8;

fn width(s: &str) -> usize {
    s.chars().count()
}

impl Grid {
    /// The value shown at a cell, merged regions resolved to their top-left value.
    #[cfg(test)]
    pub fn value_at(&self, r: usize, c: usize) -> &str {
        for m in &self.merges {
            if r >= m.row && r < m.row + m.rows && c >= m.col && c < m.col + m.cols {
                return self.cells.get(m.row).and_then(|row| row.get(m.col)).map(String::as_str).unwrap_or("");
            }
        }
        self.cells.get(r).and_then(|row| row.get(c)).map(String::as_str).unwrap_or("")
    }

    /// Layout lines: one per row (blank rows kept as empty lines, trailing ones dropped).
    pub fn lines(&self) -> Vec<String> {
        let header = self.header_rows();
        let moved = self.captions_down(&header);
        let g = moved.as_ref().unwrap_or(self);
        match g.groups_apart(&header) {
            Some((apart, header)) => apart.laid_out(&header),
            None => g.laid_out(&header),
        }
    }

    /// The grid with a header row that holds several groups' captions
    /// (each over several columns) printed as one row per group: a group's
    /// caption is told from a column's by standing alone on its line
    /// ("项目" and "支出预算" side by side read "支出预算" as 基本支出's
    /// first line). Run after [`Grid::captions_down`], when only groups are
    /// left on the header's upper rows.
    fn groups_apart(&self, header: &[bool]) -> Option<(Grid, Vec<bool>)> {
        let mut apart = false;
        let mut out_header = Vec::with_capacity(header.len());
        let mut cells = Vec::with_capacity(self.cells.len());
        let mut merges = Vec::with_capacity(self.merges.len());
        let wide: std::collections::HashSet<(usize, usize)> =
            self.merges.iter().filter(|m| m.cols > 1 && header.get(m.row) == Some(&true)).map(|m| (m.row, m.col)).collect();
        if wide.is_empty() {
            return None;
        }
        let mut by_row: std::collections::HashMap<usize, Vec<&Merge>> = std::collections::HashMap::new();
        for m in &self.merges {
            by_row.entry(m.row).or_default().push(m);
        }
        for (r, row) in self.cells.iter().enumerate() {
            let groups: Vec<usize> = match header.get(r) {
                Some(true) => (0..row.len()).filter(|&c| !row[c].trim().is_empty() && wide.contains(&(r, c))).collect(),
                _ => Vec::new(),
            };
            let last = header.get(r + 1) != Some(&true);
            let alone = groups.len() == row.iter().filter(|v| !v.trim().is_empty()).count();
            // (A group over the row labels, from the first column, stays
            // on the line of the group beside it: the reader sets aside the
            // words over the labels, and a line of its own between a group
            // and its columns would read as one caption's middle line.)
            if header.get(r) == Some(&true) && !last && groups.iter().filter(|&&c| c > 0).count() > 1 && alone {
                // (The labels' group, if any, goes with the first.)
                let labels = groups.first().copied().filter(|&c| c == 0);
                for (k, &c) in groups.iter().filter(|&&c| c > 0).enumerate() {
                    let mut one = vec![String::new(); row.len()];
                    one[c] = row[c].clone();
                    if let Some(l) = labels.filter(|_| k == 0) {
                        one[l] = row[l].clone();
                        let at = cells.len();
                        merges.extend(by_row.get(&r).into_iter().flatten().filter(|m| m.col == l).map(|m| Merge {
                            row: at,
                            rows: 1,
                            ..**m
                        }));
                    }
                    let at = cells.len();
                    merges.extend(by_row.get(&r).into_iter().flatten().filter(|m| m.col == c).map(|m| Merge { row: at, rows: 1, ..**m }));
                    cells.push(one);
                    out_header.push(true);
                }
                apart = true;
                continue;
            }
            let at = cells.len();
            merges.extend(by_row.get(&r).into_iter().flatten().map(|m| Merge { row: at, ..**m }));
            cells.push(row.clone());
            out_header.push(header.get(r) == Some(&true));
        }
        apart.then_some((Grid { cells, merges }, out_header))
    }

    /// The grid with each column's own caption moved down to the header's
    /// last row, as a printed form shows it: a caption merged down several
    /// rows stands centred in its cell, on the line of the captions under
    /// the groups beside it, not on the groups' line ("合计" and "项目支出"
    /// beside "人员经费" and "公用经费" under "基本支出", not beside
    /// "基本支出"). A group's caption (over several columns) stays where it
    /// is, alone or with other groups on its line, which is how a group is
    /// told from a column's caption. A caption stays put where the column
    /// prints another below it (two lines of one caption). None when no
    /// caption moves.
    fn captions_down(&self, header: &[bool]) -> Option<Grid> {
        let mut multi: Vec<&Merge> = self.merges.iter().filter(|m| m.cols > 1).collect();
        multi.sort_unstable_by_key(|m| m.row);
        let filled = |r: usize, c: usize| self.cells.get(r).and_then(|row| row.get(c)).is_some_and(|v| !v.trim().is_empty());
        let mut moves: Vec<(usize, usize, usize)> = Vec::new(); // (row, col, to)
        let mut r = 0;
        while r < header.len() {
            if !header[r] {
                r += 1;
                continue;
            }
            // One band of header rows: r..end (a few rows, `MAX_HEADER_ROWS`).
            let end = (r..header.len()).find(|&k| !header[k]).unwrap_or(header.len());
            let last = end - 1;
            let width = self.cells[r..end].iter().map(Vec::len).max().unwrap_or(0);
            // The band's cells under a group's caption, and where groups start.
            let mut covered = vec![false; (end - r) * width];
            let mut starts = std::collections::HashSet::new();
            let first = multi.partition_point(|m| m.row < r);
            for m in multi[first..].iter().take_while(|m| m.row < end) {
                starts.insert((m.row, m.col));
                for k in m.row..end.min(m.row.saturating_add(m.rows)) {
                    for c in m.col..width.min(m.col.saturating_add(m.cols)) {
                        covered[(k - r) * width + c] = true;
                    }
                }
            }
            for row in r..last {
                for c in 0..self.cells[row].len() {
                    if !filled(row, c) || starts.contains(&(row, c)) {
                        continue;
                    }
                    if ((row + 1)..=last).all(|k| !filled(k, c) && !covered[(k - r) * width + c]) {
                        moves.push((row, c, last));
                    }
                }
            }
            r = end;
        }
        if moves.is_empty() {
            return None;
        }
        let mut g = self.clone();
        let mut at: std::collections::HashMap<(usize, usize), Vec<usize>> = std::collections::HashMap::new();
        for (k, m) in self.merges.iter().enumerate() {
            at.entry((m.row, m.col)).or_default().push(k);
        }
        for (row, c, to) in moves {
            let v = std::mem::take(&mut g.cells[row][c]);
            let line = &mut g.cells[to];
            if line.len() <= c {
                line.resize(c + 1, String::new());
            }
            line[c] = v;
            // (Its merge, one column wide, went with it: spans are by row.)
            for &k in at.get(&(row, c)).into_iter().flatten() {
                g.merges[k].row = to;
                g.merges[k].rows = 1;
            }
        }
        Some(g)
    }

    /// [`Grid::lines`], the header rows given.
    fn laid_out(&self, header: &[bool]) -> Vec<String> {
        let ncols = self.cells.iter().map(Vec::len).max().unwrap_or(0);
        // The column a horizontally merged cell spans is not widened by it;
        // only single-column cells set widths (a title over the table must not
        // push every column apart).
        let spans: std::collections::HashMap<(usize, usize), usize> = self.merges.iter().map(|m| ((m.row, m.col), m.cols.max(1))).collect();
        let span = |r: usize, c: usize| -> usize { spans.get(&(r, c)).copied().unwrap_or(1) };
        let mut widths = vec![0usize; ncols];
        // A column no row prints in takes no room: a sheet with a stray cell
        // a thousand columns out would otherwise pad every line with two
        // thousand spaces (a 466 KB workbook became 117 MB of text).
        let mut used = vec![false; ncols];
        for (r, row) in self.cells.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if span(r, c) == 1 {
                    widths[c] = widths[c].max(width(v));
                }
                used[c] |= v.chars().any(|ch| !ch.is_whitespace());
            }
        }
        // A merged caption wider than the columns it spans widens the last of
        // them: it would otherwise push every cell after it to the right, off
        // the columns the rows below print in ("部门预算经济分类科目编码" over
        // the narrow 类 and 款 columns). Only a header's: a title must not
        // push the table's columns apart.
        let mut wide: Vec<&Merge> = self.merges.iter().filter(|m| m.cols > 1 && m.col < ncols).collect();
        wide.sort_by_key(|m| m.cols);
        for m in wide {
            let Some(row) = self.cells.get(m.row).filter(|_| header.get(m.row) == Some(&true)) else { continue };
            let need = row.get(m.col).map_or(0, |v| width(&clean(v)));
            let end = (m.col + m.cols).min(ncols);
            let have = (m.col..end).filter(|&c| used[c]).fold(0usize, |n, c| n.saturating_add(widths[c] + GAP)).saturating_sub(GAP);
            if let Some(last) = (m.col..end).rev().find(|&c| used[c]) {
                widths[last] += need.saturating_sub(have);
            }
        }
        let mut out = Vec::with_capacity(self.cells.len());
        for (r, row) in self.cells.iter().enumerate() {
            if let Some(prose) = prose_alone(row) {
                out.extend(prose.split('\n').map(clean).filter(|l| !l.is_empty()));
                continue;
            }
            let mut line = String::new();
            let mut col = 0usize; // characters written
            let mut start = 0usize; // where this column starts
            let mut c = 0;
            while c < ncols {
                let s = span(r, c).min(ncols - c);
                let v = row.get(c).map(|v| clean(v)).unwrap_or_default();
                if !v.is_empty() {
                    // Amounts are right-aligned, as a spreadsheet and a PDF
                    // print them: the layout readers find value columns by
                    // the numbers' right edges.
                    let at = if s == 1 && amount(&v) {
                        start + widths[c].saturating_sub(width(&v))
                    } else if s > 1 && header[r] && !v.contains(['：', ':']) {
                        // A caption is centred over its columns, as the
                        // forms print it: the layout reader takes a caption
                        // for the columns it stands over, and one at its
                        // first column's left edge would read as that
                        // column's first line (基本支出 over 人员经费 read
                        // "基本支出人员经费").
                        let room =
                            (c..c + s).filter(|&k| used[k]).fold(0usize, |n, k| n.saturating_add(widths[k] + GAP)).saturating_sub(GAP);
                        start + room.saturating_sub(width(&v)) / 2
                    } else {
                        start
                    };
                    let pad = if line.is_empty() { at } else { at.max(col + 2) };
                    for _ in col..pad {
                        line.push(' ');
                    }
                    col = pad.max(col);
                    line.push_str(&v);
                    col += width(&v);
                }
                start += widths[c..c + s].iter().zip(&used[c..c + s]).fold(0, |n, (w, u)| if *u { n + w + GAP } else { n });
                c += s;
            }
            out.push(line.trim_end().to_string());
        }
        while out.last().is_some_and(|l| l.is_empty()) {
            out.pop();
        }
        out
    }

    /// Rows of a table's header: the rows of several cells, none an amount,
    /// right above a row of amounts (up to a blank row or a row of one cell,
    /// the title), one caption at least merged over several cells. A row of
    /// labels among the table's rows is not one: it is below a row of
    /// amounts.
    fn header_rows(&self) -> Vec<bool> {
        let filled = |row: &[String]| row.iter().filter(|v| !v.trim().is_empty()).count();
        let amounts = |row: &[String]| row.iter().any(|v| amount(&clean(v)));
        let mut header = vec![false; self.cells.len()];
        // Merged captions by their top row, so a band finds its own at once
        // (a sheet of many rows and merges must not cost their product).
        let mut merged: Vec<&Merge> = self.merges.iter().filter(|m| m.rows > 1 || m.cols > 1).collect();
        merged.sort_unstable_by_key(|m| m.row);
        // The run of candidate rows so far, and whether an amount row is right above it.
        let mut run = 0..0;
        let mut after_amounts = false;
        for (r, row) in self.cells.iter().enumerate() {
            if amounts(row) {
                // (A header has a merged caption: rows of labels with no
                // amounts, a one-cell row among them, are a table's own.)
                // The header ends where its captions do: at the foot of a
                // caption merged down, or on the row under a group's. Rows
                // below that and above the amounts are rows of the table
                // with no amounts ("15 十五、商业服务业等支出 47"), or a row
                // of column numbers (栏次 1 2 3).
                let first = merged.partition_point(|m| m.row < run.start);
                let end = merged[first..]
                    .iter()
                    .take_while(|m| m.row < run.end)
                    .map(|m| if m.cols > 1 { m.row + 2 } else { m.row.saturating_add(m.rows) })
                    .max();
                // (A real header has a few rows; a longer run is no header.)
                if let Some(end) = end.filter(|e| !after_amounts && e.min(&run.end) - run.start <= MAX_HEADER_ROWS) {
                    header[run.start..end.min(run.end)].iter_mut().for_each(|h| *h = true);
                }
                run = r + 1..r + 1;
                after_amounts = true;
            } else if filled(row) > 1 {
                run.end = r + 1;
            } else {
                run = r + 1..r + 1;
                after_amounts = false;
            }
        }
        header
    }
}

/// Whether a cell shows an amount: with decimals ("16,482.53"), or a whole
/// number in groups of three ("1,300,000", a form in 元 formatted
/// `#,##0`), read as the amount it would be with a point (as prose numbers
/// are). A bare integer ("205", "02") may be a code, and is not one.
fn amount(v: &str) -> bool {
    crate::amount::parse_amount(v).is_some() || v.contains(',') && crate::amount::parse_amount(&format!("{v}.0")).is_some()
}

/// A row's one cell when it is prose of several lines (a workbook's 说明
/// sheet keeps its whole narrative in one cell): its lines stay lines, so
/// the headings in it (一、…, （一）…) open their sections as they do in a
/// PDF. A caption or title of two lines is not prose: it has no sentence
/// mark and is short, and stays one line.
fn prose_alone(row: &[String]) -> Option<&str> {
    let mut filled = row.iter().map(|v| v.trim()).filter(|v| !v.is_empty());
    let v = filled.next()?;
    let prose = filled.next().is_none() && v.contains('\n') && (v.contains(['。', '；']) || width(v) > 60);
    prose.then_some(v)
}

/// A cell's text on one line: line breaks inside a cell become a space, and
/// runs of spaces shrink to one so they cannot read as a column break.
fn clean(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut space = false;
    for ch in v.trim().chars() {
        if ch.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligned_rows_and_merged_title() {
        let g = Grid {
            cells: vec![
                vec!["收支预算总表".into()],
                vec!["项目".into(), "金额".into(), "".into()],
                vec!["一、财政拨款收入".into(), "16,482.53".into(), "备注\n两行".into()],
            ],
            merges: vec![Merge { row: 0, col: 0, rows: 1, cols: 3 }],
        };
        let l = g.lines();
        assert_eq!(l[0], "收支预算总表");
        assert_eq!(l[1], "项目        金额");
        assert_eq!(l[2], "一、财政拨款收入  16,482.53  备注 两行");
        assert_eq!(g.value_at(0, 2), "收支预算总表");
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    /// Each word of a line with the column it starts at.
    fn words(line: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut at = None;
        for (i, (b, ch)) in line.char_indices().enumerate() {
            match (ch == ' ', at) {
                (false, None) => at = Some((i, b)),
                (true, Some((start, from))) => {
                    out.push((start, &line[from..b]));
                    at = None;
                }
                _ => {}
            }
        }
        if let Some((start, from)) = at {
            out.push((start, &line[from..]));
        }
        out
    }

    #[test]
    fn a_narrative_cell_keeps_its_lines_and_a_two_line_caption_or_title_does_not() {
        let g = Grid {
            cells: vec![
                row(&["2026年部门\n收支预算总表"]),
                row(&["项目", "事业单位\n经营收入"]),
                row(&["合计", "1.00"]),
                row(&[" 一、“三公”经费预算情况说明\n   2026年“三公”经费预算数为5.00万元。\n\n 二、机关运行经费预算"]),
            ],
            merges: Vec::new(),
        };
        let l = g.lines();
        assert_eq!(l[0], "2026年部门 收支预算总表");
        assert!(l[1].ends_with("事业单位 经营收入"), "{l:?}");
        assert_eq!(&l[3..], ["一、“三公”经费预算情况说明", "2026年“三公”经费预算数为5.00万元。", "二、机关运行经费预算"]);
    }

    #[test]
    fn a_merged_caption_wider_than_its_columns_widens_them_and_pushes_no_cell_off_its_column() {
        // 04's 基本支出 table: the code's caption over the narrow 类 and 款 columns.
        let g = Grid {
            cells: vec![
                row(&["部门预算经济分类科目编码", "", "经济分类科目名称", "合计"]),
                row(&["类", "款"]),
                row(&["301", "01", "基本工资", "500,000.00"]),
            ],
            merges: vec![Merge { row: 0, col: 0, rows: 1, cols: 2 }],
        };
        let l = g.lines();
        // (The columns' own captions go down to the header's last line,
        // beside 类 and 款; the code's caption stays above them.)
        let (head, body) = (words(&l[1]), words(&l[2]));
        assert_eq!(words(&l[0]), [(0, "部门预算经济分类科目编码")]);
        assert_eq!(head[2], (body[2].0, "经济分类科目名称"), "the labels' caption over the labels: {l:?}");
        assert!(head[3].0 >= body[3].0 && head[3].0 < body[3].0 + 10, "合计 over its amount: {l:?}");
        // Before, the wide caption pushed its row's cells to the right.
        assert!(body[2].0 > "部门预算经济分类科目编码".chars().count(), "{l:?}");
    }

    #[test]
    fn a_three_level_header_prints_each_group_alone_on_its_line_and_each_columns_caption_on_the_last() {
        // 05's 财务收支预算总表 (预算单位): 预算数 over 合计, 基本支出 and
        // 项目支出; 基本支出 over 人员经费 and 公用经费; 合计 and 项目支出
        // merged down two rows, 项目 down three.
        let g = Grid {
            cells: vec![
                row(&["项目", "预算数", "项目", "预算数", "", "", ""]),
                row(&["", "", "", "合计", "基本支出", "", "项目支出"]),
                row(&["", "", "", "", "人员经费", "公用经费", ""]),
                row(&["一、财政拨款收入", "1,300,000.00", "一、教育支出", "1,000,000.00", "500,000.00", "100,000.00", "400,000.00"]),
            ],
            merges: vec![
                Merge { row: 0, col: 0, rows: 3, cols: 1 },
                Merge { row: 0, col: 1, rows: 3, cols: 1 },
                Merge { row: 0, col: 2, rows: 3, cols: 1 },
                Merge { row: 0, col: 3, rows: 1, cols: 4 },
                Merge { row: 1, col: 3, rows: 2, cols: 1 },
                Merge { row: 1, col: 4, rows: 1, cols: 2 },
                Merge { row: 1, col: 6, rows: 2, cols: 1 },
            ],
        };
        let l = g.lines();
        let texts = |i: usize| words(&l[i]).into_iter().map(|(_, w)| w).collect::<Vec<_>>();
        assert_eq!(texts(0), ["预算数"]);
        assert_eq!(texts(1), ["基本支出"]);
        assert_eq!(texts(2), ["项目", "预算数", "项目", "合计", "人员经费", "公用经费", "项目支出"]);
        // 基本支出 centred over its two columns: it starts over 人员经费's
        // amount and ends over 公用经费's.
        let (group, body) = (words(&l[1])[0].0, words(&l[3]));
        assert!(group > body[4].0 && group + 4 > body[5].0 && group < body[5].0, "{l:?}");
    }
}
