//! Workbooks (.xlsx, .xls) → one grid per sheet → layout lines.
//!
//! calamine reads the cells. Numbers come out as f64, so each is written as
//! the text Excel would display — rounded to the decimals of the cell's number
//! format (xlsx), or to 15 significant digits like Excel's General format —
//! through `Decimal`, never by printing the float, so 16482.530000000002
//! reads 16,482.53 and money stays exact from here on.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Dimensions, Reader, SheetVisible, Sheets, Xls, Xlsb, Xlsx};
use rust_decimal::prelude::*;

use super::grid::{Grid, Merge};
use super::{Extracted, InputKind};
use crate::InputError;

/// Cells read per sheet at most (a 20 MB workbook must not freeze the page).
const MAX_CELLS: usize = 2_000_000;

/// One sheet as read.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The sheet's name as shown on its tab.
    pub name: String,
    /// Its cells, merged regions kept.
    pub grid: Grid,
}

/// Rows and columns kept per sheet: a stray value at XFD1048576 must not make
/// a dense grid of 17 billion cells. Real forms are far smaller.
const MAX_ROWS: u32 = 65_536;
const MAX_COLS: u32 = 1_024;

/// A sheet's cells at absolute positions, its merged regions, and (xlsx) its styles.
type SheetParts = (Vec<((u32, u32), Data)>, Vec<Dimensions>, Option<calamine::StyleRange>);

/// A sheet's name and its [`SheetParts`].
type NamedParts = (String, SheetParts);

/// Reads every sheet of a workbook shown on a tab.
#[cfg(test)]
fn sheets(bytes: &[u8]) -> Result<Vec<Sheet>, InputError> {
    sheets_and_hidden(bytes).map(|(shown, _)| shown)
}

/// Reads every sheet of a workbook shown on a tab, and names the hidden
/// ones, which are not read: what the workbook publishes is what opens in
/// it (a hidden sheet holds a draft, a lookup list or a table left out,
/// and read, its copy of a table would be held to the published one).
fn sheets_and_hidden(bytes: &[u8]) -> Result<(Vec<Sheet>, Vec<String>), InputError> {
    // An .xls is laid out whole as calamine opens it: its extent is checked
    // first; an .xlsx is inflated into memory: its inflated size is.
    if bytes.starts_with(b"PK") {
        inflated_within_limit(bytes)?;
    } else {
        super::xls_bounds::check(bytes).map_err(InputError::Office)?;
    }
    // calamine indexes some records without checking their length: a damaged
    // file must give an error, not end the check. Only calamine's part is
    // caught, so a panic of ours is never hidden. (In the browser a panic
    // ends the worker instead, and the page says the check failed.)
    let (parts, hidden) =
        std::panic::catch_unwind(|| read_sheets(bytes)).unwrap_or_else(|_| Err(InputError::Office("读取工作簿时出错".into())))?;
    let shown = parts
        .into_iter()
        .map(|(name, (cells, merges, formats))| match to_grid(cells, &merges, formats.as_ref()) {
            Some(grid) => Ok(Sheet { name, grid }),
            None => Err(InputError::Office(format!("工作表“{name}”的有效区域超过{MAX_GRID}个单元格，文件可能已损坏"))),
        })
        .collect::<Result<Vec<Sheet>, InputError>>()?;
    Ok((shown, hidden))
}

/// The bytes a workbook's entries may inflate to, all together: 100 times
/// the file and 16 MiB more, at most 256 MiB. Real forms inflate about ten
/// times (the official 2026 forms: 96 KB to 1.0 MB); a zip bomb of a few MB
/// inflates to gigabytes, which calamine would hold in memory (shared
/// strings are read whole).
fn inflate_limit(file_len: usize) -> u64 {
    (16u64 << 20).saturating_add(100u64.saturating_mul(file_len as u64)).min(256 << 20)
}

/// Inflates every entry of a zip into nothing, counting, and refuses it
/// past [`inflate_limit`]. The sizes the zip states are not trusted: a
/// deflated entry inflates to what its data says, whatever its header
/// claims. A zip that cannot be opened is left to calamine to refuse.
fn inflated_within_limit(bytes: &[u8]) -> Result<(), InputError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let limit = inflate_limit(bytes.len());
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else { continue };
        let room = limit.saturating_sub(total).saturating_add(1);
        // A damaged entry counts what inflated before the damage.
        let mut counted = Counter(0);
        let _ = std::io::copy(&mut std::io::Read::take(&mut entry, room), &mut counted);
        total = total.saturating_add(counted.0);
        if total > limit {
            return Err(InputError::Office(format!(
                "解压后超过{} MB（文件本身{} KB），文件可能已损坏或是“压缩炸弹”",
                limit >> 20,
                bytes.len() >> 10
            )));
        }
    }
    Ok(())
}

/// A writer that only counts what it is given.
struct Counter(u64);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 = self.0.saturating_add(buf.len() as u64);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The workbook, opened as the format its first bytes say. Not calamine's
/// own detection, which after .xlsx and .xlsb tries OpenDocument, whose
/// sheets it lays out densely as it opens them.
fn open(bytes: &[u8]) -> Result<Sheets<Cursor<Vec<u8>>>, InputError> {
    let rs = || Cursor::new(bytes.to_vec());
    if bytes.starts_with(b"PK") {
        match open_workbook_from_rs::<Xlsx<_>, _>(rs()) {
            Ok(x) => Ok(Sheets::Xlsx(x)),
            Err(e) => open_workbook_from_rs::<Xlsb<_>, _>(rs()).map(Sheets::Xlsb).map_err(|_| InputError::Office(e.to_string())),
        }
    } else {
        open_workbook_from_rs::<Xls<_>, _>(rs()).map(Sheets::Xls).map_err(|e| InputError::Office(e.to_string()))
    }
}

/// A streamed sheet's cells, those beyond [`MAX_ROWS`] × [`MAX_COLS`] or
/// [`MAX_CELLS`] dropped: streamed rather than read through
/// `worksheet_range`, whose dense range would be as large as the distance
/// between the outermost cells.
fn streamed<'a>(mut next: impl FnMut() -> Option<calamine::Cell<calamine::DataRef<'a>>>) -> Vec<((u32, u32), Data)> {
    let mut cells = Vec::new();
    while let Some(c) = next() {
        let (r, col) = c.get_position();
        if r < MAX_ROWS && col < MAX_COLS && cells.len() < MAX_CELLS {
            cells.push(((r, col), Data::from(c.get_value().clone())));
        }
    }
    cells
}

/// What calamine reads of every sheet shown on a tab (its name, cells,
/// merges and styles), and the names of the hidden ones.
fn read_sheets(bytes: &[u8]) -> Result<(Vec<NamedParts>, Vec<String>), InputError> {
    let mut wb = open(bytes)?;
    let (shown, hidden): (Vec<_>, Vec<_>) = wb.sheets_metadata().iter().partition(|s| s.visible == SheetVisible::Visible);
    let hidden: Vec<String> = hidden.into_iter().map(|s| s.name.clone()).collect();
    let names: Vec<String> = shown.into_iter().map(|s| s.name.clone()).collect();
    let mut out = Vec::new();
    for name in names {
        let (cells, merges, formats): SheetParts = match &mut wb {
            Sheets::Xlsx(x) => {
                let cells = match x.worksheet_cells_reader(&name) {
                    Ok(mut rd) => streamed(|| rd.next_cell().ok().flatten()),
                    Err(_) => Vec::new(),
                };
                (cells, x.merge_cells_by_sheet_name(&name).unwrap_or_default(), x.worksheet_style(&name).ok())
            }
            Sheets::Xlsb(x) => {
                let cells = match x.worksheet_cells_reader(&name) {
                    Ok(mut rd) => streamed(|| rd.next_cell().ok().flatten()),
                    Err(_) => Vec::new(),
                };
                (cells, Vec::new(), None)
            }
            Sheets::Xls(x) => {
                // Laid out by calamine as it opened the file, within the
                // bounds xls_bounds checked.
                let cells = match x.worksheet_range(&name) {
                    Ok(r) => {
                        let (sr, sc) = r.start().unwrap_or((0, 0));
                        r.used_cells().map(|(i, j, v)| ((sr + i as u32, sc + j as u32), v.clone())).collect()
                    }
                    Err(_) => Vec::new(),
                };
                (cells, x.merge_cells_by_sheet_name(&name).unwrap_or_default(), None)
            }
            // Never opened (see `open`).
            Sheets::Ods(_) => (Vec::new(), Vec::new(), None),
        };
        out.push((name, (cells, merges, formats)));
    }
    Ok((out, hidden))
}

/// Positions of a sheet's laid-out grid at most: each row as wide as its
/// last cell, over the columns some cell prints in. A stray cell far out
/// in every row must not make a dense grid of tens of millions of empty
/// strings (a 466 KB workbook took 1.5 GB).
const MAX_GRID: usize = 4_000_000;

/// Absolute (row, column) cells → a grid starting at the first row a cell
/// stands in, over the columns some cell prints in (an empty column would only pad
/// the lines); None past [`MAX_GRID`] positions.
fn to_grid(cells: Vec<((u32, u32), Data)>, merges: &[Dimensions], formats: Option<&calamine::StyleRange>) -> Option<Grid> {
    // The first row any cell stands in, printed or not (as laid out before
    // empty columns were left out: line numbers stay what they were).
    let Some(r0) = cells.iter().map(|c| c.0 .0).min() else { return Some(Grid::default()) };
    let mut texts: Vec<((u32, u32), String)> = cells
        .into_iter()
        .filter_map(|((r, c), v)| {
            let fmt = formats.and_then(|f| f.get((r, c))).and_then(|s| s.number_format.as_ref()).map(|n| n.format_code.as_str());
            let text = display(&v, fmt);
            (!text.is_empty()).then_some(((r, c), text))
        })
        .collect();
    texts.sort_unstable_by_key(|t| t.0);
    let mut cols: Vec<u32> = texts.iter().map(|t| t.0 .1).collect();
    cols.sort_unstable();
    cols.dedup();
    // A column's place among the printed ones (for a merge's edge: the
    // first printed column at or after it).
    let at = |c: u32| cols.partition_point(|&x| x < c);
    // Rows are sorted: each row's last cell is the last of its run.
    let area = texts
        .iter()
        .enumerate()
        .filter(|(i, t)| texts.get(i + 1).is_none_or(|n| n.0 .0 != t.0 .0))
        .fold(0usize, |n, (_, t)| n.saturating_add(at(t.0 .1) + 1));
    if area > MAX_GRID {
        return None;
    }
    let mut grid: Vec<Vec<String>> = Vec::new();
    for ((r, c), text) in texts {
        let (r, c) = ((r - r0) as usize, at(c));
        if grid.len() <= r {
            grid.resize(r + 1, Vec::new());
        }
        if grid[r].len() <= c {
            grid[r].resize(c + 1, String::new());
        }
        grid[r][c] = text;
    }
    let merges = merges
        .iter()
        .filter(|d| d.start.0 >= r0 && d.start.0 < MAX_ROWS && d.start.1 < MAX_COLS && cols.binary_search(&d.start.1).is_ok())
        .map(|d| {
            let end = d.end.1.max(d.start.1).min(MAX_COLS - 1);
            Merge {
                row: (d.start.0 - r0) as usize,
                col: at(d.start.1),
                rows: d.end.0.saturating_sub(d.start.0).saturating_add(1).min(MAX_ROWS) as usize,
                cols: at(end + 1) - at(d.start.1),
            }
        })
        .collect();
    Some(Grid { cells: grid, merges })
}

/// Reads a workbook into layout text; sheets are separated by `\f` like pages.
pub fn extract(bytes: &[u8]) -> Result<Extracted, InputError> {
    let kind = if bytes.starts_with(b"PK") { InputKind::Xlsx } else { InputKind::Xls };
    let (sheets, hidden_sheets) = sheets_and_hidden(bytes)?;
    if sheets.is_empty() {
        let why = match hidden_sheets.is_empty() {
            true => "工作簿中没有工作表".to_string(),
            false => format!("工作簿中的工作表都已隐藏（{}），没有可读的内容", hidden_sheets.join("、")),
        };
        return Err(InputError::Office(why));
    }
    let (text, page_of_line) = laid_out(&sheets);
    let pages = u32::try_from(sheets.len()).unwrap_or(u32::MAX);
    let sheet_names = sheets.into_iter().map(|s| s.name).collect();
    Ok(Extracted { text, kind, pages, page_of_line, sheet_names, hidden_sheets })
}

/// The sheets' layout lines, a form feed between two sheets, and the sheet
/// (1-based) of each line.
fn laid_out(sheets: &[Sheet]) -> (String, Vec<u32>) {
    let mut text = String::new();
    let mut page_of_line = Vec::new();
    for (i, s) in sheets.iter().enumerate() {
        if i > 0 {
            text.push('\u{c}');
        }
        for line in s.grid.lines() {
            text.push_str(&line);
            text.push('\n');
            page_of_line.push(i as u32 + 1);
        }
    }
    (text, page_of_line)
}

/// A cell as Excel displays it.
fn display(v: &Data, format: Option<&str>) -> String {
    match v {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => number(Decimal::from(*i), format),
        Data::Float(f) => match float_decimal(*f) {
            Some(d) => number(d, format),
            None => String::new(),
        },
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::Error(e) => format!("{e}"),
        other => other.to_string(),
    }
}

/// A float to the decimal Excel shows in General format: 15 significant digits.
pub fn float_decimal(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    let s = format!("{f:.14e}");
    Decimal::from_scientific(&s).ok().map(|d| d.normalize())
}

/// Formats a number by an Excel number format: its decimals and thousands
/// separators (`#,##0.00`), a percent, or General.
pub fn number(d: Decimal, format: Option<&str>) -> String {
    let fmt = format.unwrap_or("General");
    // Only the positive section decides the shape; the negative one may add
    // parentheses or colour, which a check does not need.
    let section = fmt.split(';').next().unwrap_or("");
    let body: String = {
        // Drop quoted literals and [colour]/[condition] brackets.
        let mut out = String::new();
        let mut quoted = false;
        let mut bracket = false;
        for ch in section.chars() {
            match ch {
                '"' => quoted = !quoted,
                '[' if !quoted => bracket = true,
                ']' if !quoted => bracket = false,
                _ if quoted || bracket => {}
                _ => out.push(ch),
            }
        }
        out
    };
    if section.eq_ignore_ascii_case("general") || section.is_empty() || !body.contains('0') && !body.contains('#') {
        return d.normalize().to_string();
    }
    let percent = body.contains('%');
    let d = match percent.then(|| d.checked_mul(Decimal::ONE_HUNDRED)) {
        None => d,
        Some(Some(p)) => p,
        // Too large to show as a percentage: the value as stored.
        Some(None) => return d.normalize().to_string(),
    };
    let decimals = body
        .split_once('.')
        .map(|(_, frac)| frac.chars().take_while(|c| matches!(c, '0' | '#')).filter(|c| *c == '0').count())
        .unwrap_or(0) as u32;
    let r = d.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let mut s = format!("{:.*}", decimals as usize, r);
    if body.contains(",") {
        s = crate::amount::group_thousands(&s);
    }
    if percent {
        s.push('%');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_displayed() {
        let d = float_decimal(16482.530000000002).unwrap();
        assert_eq!(d.to_string(), "16482.53");
        assert_eq!(number(d, Some("#,##0.00")), "16,482.53");
        assert_eq!(number(d, Some("#,##0.00_);[Red]\\(#,##0.00\\)")), "16,482.53");
        assert_eq!(number(float_decimal(0.1 + 0.2).unwrap(), None), "0.3");
        assert_eq!(number(float_decimal(0.125).unwrap(), Some("0.0%")), "12.5%");
        assert_eq!(number(float_decimal(2.345).unwrap(), Some("0.00")), "2.35");
        assert_eq!(number(float_decimal(-1234567.0).unwrap(), Some("#,##0")), "-1,234,567");
        assert_eq!(number(Decimal::from(7), Some("General")), "7");
        assert!(float_decimal(f64::NAN).is_none());
    }

    use crate::input::xls_bounds::tests::{number as cell, record, workbook, xls};

    #[test]
    fn a_workbook_that_inflates_past_its_limit_is_refused_before_calamine_holds_it() {
        use std::io::Write;
        // 40 MB of shared strings deflate to a few tens of KB: past the
        // limit of a file that size (16 MiB and 100 times the file).
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        z.start_file("xl/workbook.xml", deflated).unwrap();
        z.write_all(b"<workbook/>").unwrap();
        z.start_file("xl/sharedStrings.xml", deflated).unwrap();
        let si = "<si><t>合计</t></si>".repeat(1 << 16);
        for _ in 0..(40 << 20) / si.len() {
            z.write_all(si.as_bytes()).unwrap();
        }
        let bomb = z.finish().unwrap().into_inner();
        assert!(bomb.len() < 1 << 20, "{}", bomb.len());
        assert!(matches!(sheets(&bomb), Err(InputError::Office(why)) if why.contains("压缩炸弹")));
        // What real forms inflate to passes: about ten times the file.
        assert!(inflate_limit(96 << 10) > 10 * (96 << 10));
        assert_eq!(inflate_limit(usize::MAX), 256 << 20);
    }

    fn texts(sheets: &[Sheet]) -> Vec<Vec<Vec<String>>> {
        sheets.iter().map(|s| s.grid.cells.clone()).collect()
    }

    #[test]
    fn a_workbook_written_here_is_one_calamine_reads() {
        // The workbooks of the damage tests below are real ones: calamine
        // reads this one's two numbers where they stand.
        let read = sheets(&xls(&workbook(&[cell(0, 0, 1.5), cell(2, 1, 2.0)], (0, 3, 0, 2)))).expect("read");
        assert_eq!(texts(&read), vec![vec![vec!["1.5".to_string()], vec![], vec![String::new(), "2".to_string()]]]);
    }

    #[test]
    fn a_damaged_workbook_is_an_error_never_gigabytes_a_hang_or_a_panic() {
        // A cell at the sheet's far corner: calamine would lay out 16.7
        // million cells between it and A1.
        let far = xls(&workbook(&[cell(0, 0, 1.0), cell(65_535, 255, 2.0)], (0, 1, 0, 1)));
        assert!(matches!(sheets(&far), Err(InputError::Office(why)) if why.contains("单元格范围过大")));
        // The directory's sector chain pointing back at itself: calamine
        // would follow it until memory ran out.
        let mut looped = xls(&workbook(&[cell(0, 0, 1.0)], (0, 1, 0, 1)));
        let (fat, dir) =
            (u32::from_le_bytes(looped[0x4C..0x50].try_into().unwrap()), u32::from_le_bytes(looped[0x30..0x34].try_into().unwrap()));
        let entry = (fat as usize + 1) * 512 + 4 * dir as usize;
        looped[entry..entry + 4].copy_from_slice(&dir.to_le_bytes());
        assert!(matches!(sheets(&looped), Err(InputError::Office(why)) if why.contains("首尾相接")));
        // A BoundSheet8 record of two bytes: calamine reads its offset
        // without checking the length, and panics.
        let mut short = workbook(&[cell(0, 0, 1.0)], (0, 1, 0, 1));
        let at = short.windows(2).position(|w| w == [0x85, 0x00]).expect("boundsheet");
        let len = u16::from_le_bytes([short[at + 2], short[at + 3]]) as usize;
        short.splice(at..at + 4 + len, record(0x0085, &[0, 0]));
        assert!(sheets(&xls(&short)).is_err());
    }

    /// An official 2026 预算 form (04 部门, 05 单位, 06 单位 as .xls, read in
    /// place from ../shared/real) filled the way a department fills it:
    /// figures in its amount cells (as Excel shows "#,##0.00"), the "…"
    /// example rows cleared, the 支出 side's rows named, a row of figures
    /// under the 三公 header. Its sheets are named after `scope` (部门, 单位).
    fn filled_budget_form(file: &str, scope: &str) -> Option<String> {
        let path = format!("{}/../shared/real/{file}", env!("CARGO_MANIFEST_DIR"));
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("skipped: {path} is absent (../shared/real is not beside the checkout)");
            return None;
        };
        let mut sheets = sheets(&bytes).expect("the form");
        let sheet = |sheets: &mut Vec<Sheet>, name: &str| -> usize {
            let name = format!("{scope}{name}");
            sheets.iter().position(|s| s.name.trim() == name).unwrap_or_else(|| panic!("{file}: {name}"))
        };
        let cell = |row: &[String], c: usize| row.get(c).map_or("", String::as_str).to_string();
        // The row whose first cells read `first` ("" for an empty cell).
        let row_of = |grid: &Grid, first: &[&str]| -> usize {
            let found = grid.cells.iter().position(|row| first.iter().enumerate().all(|(c, w)| cell(row, c) == *w));
            found.unwrap_or_else(|| panic!("{file}: a row {first:?}"))
        };
        let put = |grid: &mut Grid, r: usize, c: usize, v: &str| {
            if grid.cells.len() <= r {
                grid.cells.resize(r + 1, Vec::new());
            }
            let row = &mut grid.cells[r];
            if row.len() <= c {
                row.resize(c + 1, String::new());
            }
            row[c] = v.to_string();
        };
        // The 科目 tables, their example rows replaced by 205 教育支出 and 207
        // 文化旅游体育与传媒支出 with their 款 and 项, over 合计: (code cells,
        // label, 合计, 基本支出, 项目支出).
        let coded: [([&str; 3], &str, [&str; 3]); 5] = [
            (["205", "", ""], "教育支出", ["1,200,000.00", "1,000,000.00", "200,000.00"]),
            (["205", "02", ""], "普通教育", ["1,200,000.00", "1,000,000.00", "200,000.00"]),
            (["205", "02", "05"], "高等教育", ["1,200,000.00", "1,000,000.00", "200,000.00"]),
            (["207", "", ""], "文化旅游体育与传媒支出", ["800,000.00", "500,000.00", "300,000.00"]),
            (["207", "99", ""], "其他文化旅游体育与传媒支出", ["800,000.00", "500,000.00", "300,000.00"]),
        ];
        let total = ["2,000,000.00", "1,500,000.00", "500,000.00"];
        for name in ["收入总表", "支出总表", "一般公共预算拨款表"] {
            let k = sheet(&mut sheets, name);
            let grid = &mut sheets[k].grid;
            let (first, last) = (row_of(grid, &["类"]) + 1, row_of(grid, &["合计"]));
            assert!(last >= first + coded.len(), "{file}: {name} has room for the rows");
            for row in &mut grid.cells[first..last] {
                row.clear();
            }
            // The 收入总表's second amount column is 财政拨款收入.
            let figures = |f: &[&str; 3]| -> Vec<String> {
                let second = if name == "收入总表" { f[0] } else { f[1] };
                let mut v = vec![f[0].to_string(), second.to_string()];
                if name != "收入总表" {
                    v.push(f[2].to_string());
                }
                v
            };
            for (k, (codes, label, f)) in coded.iter().enumerate() {
                let mut row: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
                row.push(label.to_string());
                row.extend(figures(f));
                grid.cells[first + k] = row;
            }
            for (c, v) in figures(&total).iter().enumerate() {
                put(grid, last, 4 + c, v);
            }
        }
        // The two-sided tables: (left label, column, figure or right label).
        type Cells<'a> = &'a [(&'a str, usize, &'a str)];
        let sided: [(&str, Cells); 2] = [
            (
                "收支总表",
                &[
                    ("财政拨款收入", 1, "2,000,000.00"),
                    ("财政拨款收入", 2, "五、教育支出"),
                    ("财政拨款收入", 3, "1,200,000.00"),
                    ("一般公共预算", 1, "2,000,000.00"),
                    ("一般公共预算", 2, "七、文化旅游体育与传媒支出"),
                    ("一般公共预算", 3, "800,000.00"),
                    ("政府性基金预算", 2, ""),
                    ("收入总计", 1, "2,000,000.00"),
                    ("收入总计", 3, "2,000,000.00"),
                ],
            ),
            (
                "财政拨款收支总表",
                &[
                    ("一般公共预算", 1, "2,000,000.00"),
                    ("一般公共预算", 2, "五、教育支出"),
                    ("一般公共预算", 3, "1,200,000.00"),
                    ("一般公共预算", 4, "1,200,000.00"),
                    ("政府性基金预算", 2, "七、文化旅游体育与传媒支出"),
                    ("政府性基金预算", 3, "800,000.00"),
                    ("政府性基金预算", 4, "800,000.00"),
                    ("国有资本经营预算", 2, ""),
                    ("收入总计", 1, "2,000,000.00"),
                    ("收入总计", 3, "2,000,000.00"),
                    ("收入总计", 4, "2,000,000.00"),
                ],
            ),
        ];
        for (name, cells) in sided {
            let k = sheet(&mut sheets, name);
            for (label, c, v) in cells {
                // (By its label without the ordinal: "1. 一般公共预算" in one
                // form is "1、一般公共预算" in another.)
                let rows = &sheets[k].grid.cells;
                let r = rows.iter().position(|row| cell(row, 0).ends_with(label)).unwrap_or_else(|| panic!("{file}: {name} {label}"));
                put(&mut sheets[k].grid, r, *c, v);
            }
        }
        let k = sheet(&mut sheets, "“三公”经费和机关运行费预算表");
        let under = sheets[k].grid.cells.iter().rposition(|row| row.iter().any(|c| c == "运行费")).expect("the 三公 header") + 1;
        for (c, v) in ["4.50", "0.00", "1.50", "3.00", "0.00", "3.00", "50.00"].iter().enumerate() {
            put(&mut sheets[k].grid, under, c, v);
        }
        Some(laid_out(&sheets).0)
    }

    /// No real workbook here holds figures; a department's filled form reads
    /// every figure put in it, each table by its header, and the tables agree.
    #[test]
    fn the_official_budget_forms_filled_in_read_their_figures() {
        for (file, scope) in [
            ("04-shanghai-putuo-dept-budget-form-2026-template.xlsx", "部门"),
            ("05-shanghai-putuo-unit-budget-form-2026-template.xlsx", "单位"),
            ("06-shanghai-putuo-unit-budget-form-2026-template.xls", "单位"),
        ] {
            let Some(text) = filled_budget_form(file, scope) else { return };
            filled_form_reads(&text);
        }
    }

    fn filled_form_reads(text: &str) {
        use crate::model::TableKind;
        // (As a dropped file is read: laid out from the sheets, its lines'
        // starts are its cells', not a trimmed text's.)
        let doc = crate::read_from(text, crate::Origin::Extracted);
        let d = |v: &str| crate::amount::parse_amount(v);
        let row = |kind, label: &str| -> Vec<Option<Decimal>> {
            let t = doc.found(kind).unwrap_or_else(|| panic!("{kind:?}"));
            assert!(t.grid.as_ref().is_some_and(|g| g.read), "{kind:?}: {:?}", doc.problems);
            let row = t.rows.iter().find(|r| r.label == label).unwrap_or_else(|| panic!("{kind:?} {label}"));
            row.cells.iter().map(|c| c.value).collect()
        };
        let two = |a: &str, b: &str| vec![d(a), d(b)];
        assert_eq!(row(TableKind::BSummary, "一、财政拨款收入"), two("2000000.00", ""));
        assert_eq!(row(TableKind::BSummary, "七、文化旅游体育与传媒支出"), two("", "800000.00"));
        assert_eq!(row(TableKind::BIncome, "高等教育")[..2], two("1200000.00", "1200000.00"));
        for kind in [TableKind::BExpenditure, TableKind::BGeneral] {
            assert_eq!(row(kind, "其他文化旅游体育与传媒支出"), [d("800000.00"), d("500000.00"), d("300000.00")], "{kind:?}");
            assert_eq!(row(kind, "合计"), [d("2000000.00"), d("1500000.00"), d("500000.00")], "{kind:?}");
        }
        assert!(row(TableKind::BFiscal, "五、教育支出").contains(&d("1200000.00")));
        let sangong = doc.found(TableKind::BSangong).expect("三公");
        let values: Vec<Vec<Option<Decimal>>> = sangong.rows.iter().map(|r| r.cells.iter().map(|c| c.value).collect()).collect();
        assert_eq!(values, [["4.50", "0.00", "1.50", "3.00", "0.00", "3.00", "50.00"].map(d).to_vec()]);
        // Every table read, none with a reading problem.
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    }
}
