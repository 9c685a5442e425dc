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
        let mut out = Vec::with_capacity(self.cells.len());
        for (r, row) in self.cells.iter().enumerate() {
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
                    let at = if s == 1 && crate::amount::parse_amount(&v).is_some() {
                        start + widths[c].saturating_sub(width(&v))
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
                start += widths[c..c + s].iter().zip(&used[c..c + s]).fold(0, |n, (w, u)| if *u { n + w + 2 } else { n });
                c += s;
            }
            out.push(line.trim_end().to_string());
        }
        while out.last().is_some_and(|l| l.is_empty()) {
            out.pop();
        }
        out
    }
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
}
