//! What calamine will do with an .xls workbook, found before calamine is
//! given the file.
//!
//! calamine reads every sheet of an .xls as it opens the file, into a dense
//! range from the sheet's first cell to its last, and first reserves room
//! for the area its DIMENSIONS record states; it follows the container's
//! sector chains with no guard against a chain that loops. One damaged
//! byte (a cell at row 65,535, a first row after the last, a chain pointing
//! back) makes a 500 KB file cost minutes and tens of gigabytes. Nothing
//! can bound calamine once it has started, so this reads what it will
//! read, in the same order, and refuses the workbook when a chain loops or
//! leaves the FAT, a sheet's position lies outside the stream (calamine
//! slices the stream there, and would panic), the sheets overlap so that
//! reading them would read the stream many times over, or a sheet would
//! be laid out over more than [`MAX_SPAN`] positions.
//!
//! What is read mirrors calamine 0.38, step by step:
//! - the container as its `cfb` module reads it: the header, the DIFAT and
//!   the FAT, then the sector chains it follows (the directory, the mini
//!   stream and mini FAT, the workbook stream). It follows a chain until its
//!   end mark or, for a stream, its stated length, with no guard against a
//!   chain that loops: the directory's has no length at all, and a stream's
//!   may be stated in terabytes. A chain that loops back is refused here,
//!   found by its steps outnumbering the sectors, and so is a chain that
//!   points outside the FAT (calamine indexes the FAT by it unchecked);
//! - the workbook stream ("Workbook", or "Book" before BIFF8) as records of
//!   a type and a length, CONTINUE records belonging to the record before;
//!   the globals up to their EOF, where each BoundSheet8 gives a sheet's
//!   offset; each sheet from its offset to its EOF, nested substreams
//!   (embedded charts) skipped.
//!
//! Where calamine would stop with an error of its own (a sector past the
//! end of the file, a stream not found), this lets the file pass: calamine
//! then refuses it.

use std::ops::ControlFlow;

/// Cells of one sheet's dense layout at most (what calamine allocates for a
/// sheet between its outermost cells): about 80 MB in calamine's cells. The
/// forms published are a few hundred rows by a few dozen columns.
pub(super) const MAX_SPAN: u64 = 2_000_000;

/// Why a workbook is refused, in Chinese for the user.
pub(super) type Refusal = String;

/// Checks an .xls workbook before calamine reads it: Err with the reason
/// when a sector chain calamine would follow loops or leaves the FAT, a
/// globals record is shorter than what calamine reads of it, a sheet lies
/// outside the workbook stream, or a sheet would span more than
/// [`MAX_SPAN`] cells.
pub(super) fn check(bytes: &[u8]) -> Result<(), Refusal> {
    let stream = match workbook_stream(bytes) {
        ControlFlow::Continue(s) => s,
        ControlFlow::Break(verdict) => return verdict,
    };
    let mut sheets = Vec::new();
    for r in Records::new(&stream) {
        if let Some(what) = too_short(r.typ, r.data) {
            return Err(format!("文件中的{what}记录不完整，文件已损坏"));
        }
        match r.typ {
            // BoundSheet8: the sheet's offset in the stream.
            0x0085 => {
                if let Some(pos) = u32_at(r.data, 0) {
                    sheets.push(pos as usize);
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    // Sheets are disjoint runs of records of four bytes or more: together
    // they hold at most a quarter of the stream's bytes in records. Sheets
    // said to start inside each other would have calamine (and this) read
    // the same records once per sheet.
    let mut budget = stream.len() / 4 + 1;
    for (k, pos) in sheets.into_iter().enumerate() {
        let Some(sheet) = stream.get(pos..) else {
            return Err(format!("第{}个工作表的位置在文件之外，文件可能已损坏", k + 1));
        };
        let Some(span) = sheet_span(sheet, &mut budget) else {
            return Err("工作表在文件中相互重叠，文件已损坏".into());
        };
        if span > MAX_SPAN {
            return Err(format!("第{}个工作表的单元格范围过大（约{}个单元格），文件可能已损坏", k + 1, span));
        }
    }
    Ok(())
}

/// The globals' records calamine 0.38 reads at fixed offsets without a
/// length check, with the bytes each needs: shorter, calamine panics (the
/// browser's checking worker would die). By type: BOF, FilePass, CodePage,
/// DateMode, ExternSheet, BoundSheet8 (offset, state, type), Lbl (its
/// fixed part).
const FIXED_PARTS: [(u16, usize, &str); 7] = [
    (0x0809, 2, "BOF"),
    (0x002F, 2, "FilePass"),
    (0x0042, 2, "CodePage"),
    (0x0022, 2, "DateMode"),
    (0x0017, 2, "ExternSheet"),
    (0x0085, 6, "BoundSheet8"),
    (0x0018, 14, "Lbl"),
];

/// The name of a globals record too short for what calamine reads of it;
/// a Lbl whose formula length runs past its end is too short as well.
fn too_short(typ: u16, data: &[u8]) -> Option<&'static str> {
    let &(_, need, what) = FIXED_PARTS.iter().find(|(t, _, _)| *t == typ)?;
    let formula = if typ == 0x0018 { u16_at(data, 4).map_or(0, usize::from) } else { 0 };
    (data.len() < need || data.len() < formula).then_some(what)
}

/// Sector chains' end mark, and the first of the marks that are no sector.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;

/// The file's sectors as calamine addresses them: sector `id` follows the
/// header at `(id + 1) × size`, ids above `maxid` are refused, and the last
/// may be short.
struct Sectors<'a> {
    bytes: &'a [u8],
    size: usize,
    maxid: u64,
}

impl<'a> Sectors<'a> {
    /// The sector's bytes, None past `maxid` (calamine's error).
    fn get(&self, id: u32) -> Option<&'a [u8]> {
        if u64::from(id) > self.maxid {
            return None;
        }
        let start = (id as usize).checked_add(1)?.checked_mul(self.size)?;
        let end = start.saturating_add(self.size).min(self.bytes.len());
        Some(self.bytes.get(start..end).unwrap_or(&[]))
    }
}

/// The bytes of a chain from `start` through `next`, up to `len`, as
/// calamine's `get_chain` gathers them: Continue with them, or Break with
/// the verdict (Ok where calamine itself stops with an error, Err where it
/// would loop or index past the table).
fn chain<'a>(get: impl Fn(u32) -> Option<&'a [u8]>, next: &[u32], start: u32, len: u64) -> ControlFlow<Result<(), Refusal>, Vec<u8>> {
    let mut out = Vec::new();
    let mut id = start;
    let mut steps = 0usize;
    while id != END_OF_CHAIN {
        let Some(sector) = get(id) else { return ControlFlow::Break(Ok(())) };
        let room = usize::try_from(len.saturating_sub(out.len() as u64)).unwrap_or(usize::MAX);
        out.extend_from_slice(&sector[..sector.len().min(room)]);
        if out.len() as u64 >= len {
            break;
        }
        // More steps than entries: the chain has come back on itself, and
        // calamine would go round until the stated length, or for ever.
        steps += 1;
        if steps > next.len() {
            return ControlFlow::Break(Err("文件中的扇区链首尾相接，文件已损坏".into()));
        }
        let Some(&n) = next.get(id as usize) else {
            return ControlFlow::Break(Err("文件中的扇区链指向分配表之外，文件已损坏".into()));
        };
        id = n;
    }
    ControlFlow::Continue(out)
}

/// The little-endian words of a byte run (a short tail dropped).
fn words(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
}

/// The workbook stream as calamine reads it out of the container.
fn workbook_stream(bytes: &[u8]) -> ControlFlow<Result<(), Refusal>, Vec<u8>> {
    let pass = ControlFlow::Break(Ok(()));
    let (Some(header), Some(shift)) = (bytes.get(..512), u16_at(bytes, 30)) else { return pass };
    let size = match shift {
        9 => 512,
        12 => 4096,
        _ => return pass,
    };
    let sectors = Sectors { bytes, size, maxid: (bytes.len() / size) as u64 };
    let (Some(dir_start), Some(mini_fat_start), Some(mini_fat_len), Some(difat_start)) =
        (u32_at(header, 48), u32_at(header, 60), u32_at(header, 64), u32_at(header, 68))
    else {
        return pass;
    };
    // The DIFAT: the header's 109 entries, then its own chain, each
    // sector's last word naming the next (at most `maxid` + 1 sectors).
    let mut difat: Vec<u32> = words(&header[76..]).collect();
    let mut id = difat_start;
    let mut count = 0u64;
    while id < RESERVED {
        count += 1;
        if count > sectors.maxid + 1 {
            return pass;
        }
        let Some(s) = sectors.get(id) else { return pass };
        difat.extend(words(s));
        let Some(next) = difat.pop() else { return pass };
        id = next;
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFAT_SECTOR) {
        let Some(s) = sectors.get(id) else { return pass };
        fat.extend(words(s));
    }
    let regular = |id| sectors.get(id);
    let dirs = chain(regular, &fat, dir_start, u64::MAX)?;
    let entries: Vec<(String, u32, u64)> = dirs
        .chunks_exact(128)
        .map(|e| {
            let units: Vec<u16> = e[..64].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).take_while(|&u| u != 0).collect();
            let len = if size == 512 { u32_at(e, 120).map(u64::from) } else { u64_at(e, 120) };
            (String::from_utf16_lossy(&units), u32_at(e, 116).unwrap_or(END_OF_CHAIN), len.unwrap_or(0))
        })
        .collect();
    let Some(root) = entries.first() else { return pass };
    let (mini_fat, mini_stream) = if mini_fat_len > 0 {
        let mini_stream = chain(regular, &fat, root.1, root.2)?;
        let mini_fat = chain(regular, &fat, mini_fat_start, u64::from(mini_fat_len) * size as u64)?;
        (words(&mini_fat).collect(), mini_stream)
    } else {
        (Vec::new(), Vec::new())
    };
    let named = |name: &str| entries.iter().find(|e| e.0.eq_ignore_ascii_case(name));
    let Some(&(_, start, len)) = named("Workbook").or_else(|| named("Book")) else { return pass };
    if len < 4096 {
        // Mini sectors of 64 bytes in the mini stream. (Past its end calamine
        // reads on in the file; those bytes are not what a sheet is read
        // from, and the chain's steps are bounded here all the same.)
        let maxid = sectors.maxid.saturating_mul(8);
        let mini = |id: u32| {
            (u64::from(id) <= maxid).then(|| {
                let at = (id as usize).saturating_mul(64);
                mini_stream.get(at..at.saturating_add(64).min(mini_stream.len())).unwrap_or(&[])
            })
        };
        chain(mini, &mini_fat, start, len)
    } else {
        chain(regular, &fat, start, len)
    }
}

/// The cells a sheet's dense layout spans, as calamine lays it out: the
/// larger of the area its DIMENSIONS record reserves and the box around
/// its cells (as u64: never overflows). Each record read is taken from
/// `budget`; None when it runs out.
fn sheet_span(sheet: &[u8], budget: &mut usize) -> Option<u64> {
    let mut bounds = Bounds::default();
    let mut reserved: u64 = 0;
    let mut seen_bof = false;
    let mut depth = 0usize;
    for r in Records::new(sheet) {
        *budget = budget.checked_sub(1)?;
        if depth > 0 {
            match r.typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match r.typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x0200 => reserved = reserved.max(dimensions_area(r.data)),
            // Number, Label, RString, BoolErr, Rk, LabelSst, Formula: row, column first.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(row), Some(col)) = (u16_at(r.data, 0), u16_at(r.data, 2)) {
                    bounds.add(row, col);
                }
            }
            // MulRk: a row, its first column, the RKs, its last column.
            0x00BD if r.data.len() >= 6 => {
                if let (Some(row), Some(first), Some(last)) = (u16_at(r.data, 0), u16_at(r.data, 2), u16_at(r.data, r.data.len() - 2)) {
                    bounds.add(row, first);
                    bounds.add(row, last.max(first));
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    Some(reserved.max(bounds.area()))
}

/// The area calamine reserves for a DIMENSIONS record, computed as it
/// computes it (first and last row as read, the first column taken as 0
/// when out of order or beyond 255) but without its wrap-around: a first
/// row after the last counts as the whole of u32's range (calamine would
/// wrap to that and fail to reserve it).
fn dimensions_area(d: &[u8]) -> u64 {
    let (rf, rl, cf, cl) = match d.len() {
        10 => (u16_at(d, 0).map(u32::from), u16_at(d, 2).map(u32::from), u16_at(d, 4), u16_at(d, 6)),
        14 | 16 => (u32_at(d, 0), u32_at(d, 4), u16_at(d, 8), u16_at(d, 10)),
        _ => return 0,
    };
    let (Some(rf), Some(rl), Some(cf), Some(cl)) = (rf, rl, cf, cl) else { return 0 };
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    if rl == 0 || cl == 0 {
        return 1;
    }
    let rows = match (rl - 1).checked_sub(rf) {
        Some(d) => u64::from(d) + 1,
        None => u64::from(u32::MAX) + 1,
    };
    let cols = u64::from((cl - 1).saturating_sub(cf)) + 1;
    rows.saturating_mul(cols)
}

/// The box around a sheet's cells.
#[derive(Default)]
struct Bounds {
    rows: Option<(u16, u16)>,
    cols: Option<(u16, u16)>,
}

impl Bounds {
    fn add(&mut self, row: u16, col: u16) {
        let widen = |r: Option<(u16, u16)>, v: u16| Some(r.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
        self.rows = widen(self.rows, row);
        self.cols = widen(self.cols, col);
    }

    fn area(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1),
            _ => 0,
        }
    }
}

/// One BIFF record: its type and its data (CONTINUE records after it are
/// passed over, as calamine appends them to it).
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
}

/// The records of a stream, as calamine's `RecordIter` reads them: it ends
/// where a record's length runs past the stream (calamine stops there with
/// an error).
struct Records<'a> {
    rest: &'a [u8],
}

impl<'a> Records<'a> {
    fn new(stream: &'a [u8]) -> Self {
        Records { rest: stream }
    }

    /// The header at the start of `rest`: its type and the record's end.
    fn header(rest: &[u8]) -> Option<(u16, usize)> {
        let typ = u16_at(rest, 0)?;
        let end = usize::from(u16_at(rest, 2)?).checked_add(4)?;
        (end <= rest.len()).then_some((typ, end))
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Record<'a>;

    fn next(&mut self) -> Option<Record<'a>> {
        let (typ, end) = Self::header(self.rest)?;
        let (record, mut rest) = self.rest.split_at(end);
        // calamine looks for CONTINUE only when more than a header follows.
        if rest.len() > 4 {
            while rest.len() > 4 && u16_at(rest, 0) == Some(0x003C) {
                let Some((_, end)) = Self::header(rest) else {
                    self.rest = &[];
                    return Some(Record { typ, data: &record[4..] });
                };
                rest = &rest[end..];
            }
        }
        self.rest = rest;
        Some(Record { typ, data: &record[4..] })
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    super::bytes_at(b, at).map(u16::from_le_bytes)
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    super::bytes_at(b, at).map(u32::from_le_bytes)
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    super::bytes_at(b, at).map(u64::from_le_bytes)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Cursor;

    /// A BIFF record: type, length, data.
    pub(crate) fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend_from_slice(&(data.len() as u16).to_le_bytes());
        out.extend_from_slice(data);
        out
    }

    /// A Number record at (row, col) holding `v`.
    pub(crate) fn number(row: u16, col: u16, v: f64) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend_from_slice(&col.to_le_bytes());
        d.extend_from_slice(&0u16.to_le_bytes());
        d.extend_from_slice(&v.to_le_bytes());
        record(0x0203, &d)
    }

    /// A BIFF8 workbook stream of one sheet named "Sheet1" holding `cells`
    /// (records), its DIMENSIONS record saying `dims` (first row, last row
    /// + 1, first column, last column + 1).
    pub(crate) fn workbook(cells: &[Vec<u8>], dims: (u32, u32, u16, u16)) -> Vec<u8> {
        let bof = |dt: u16| {
            let mut d = 0x0600u16.to_le_bytes().to_vec();
            d.extend_from_slice(&dt.to_le_bytes());
            d.extend_from_slice(&[0; 12]);
            record(0x0809, &d)
        };
        let eof = record(0x000A, &[]);
        let boundsheet = |pos: u32| {
            let mut d = pos.to_le_bytes().to_vec();
            d.extend_from_slice(&[0, 0, 6, 0]); // visible worksheet; name of 6 chars, compressed
            d.extend_from_slice(b"Sheet1");
            record(0x0085, &d)
        };
        let globals_len = bof(0x0005).len() + boundsheet(0).len() + eof.len();
        let mut out = bof(0x0005);
        out.extend(boundsheet(globals_len as u32));
        out.extend(&eof);
        out.extend(bof(0x0010));
        let mut d = dims.0.to_le_bytes().to_vec();
        d.extend_from_slice(&dims.1.to_le_bytes());
        d.extend_from_slice(&dims.2.to_le_bytes());
        d.extend_from_slice(&dims.3.to_le_bytes());
        d.extend_from_slice(&[0, 0]);
        out.extend(record(0x0200, &d));
        for c in cells {
            out.extend(c);
        }
        out.extend(eof);
        out
    }

    /// `stream` as the "Workbook" stream of a compound file of 512-byte
    /// sectors (version 3, as Excel writes .xls).
    pub(crate) fn xls(stream: &[u8]) -> Vec<u8> {
        let mut file = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).expect("create");
        {
            let mut s = file.create_stream("Workbook").expect("stream");
            std::io::Write::write_all(&mut s, stream).expect("write");
        }
        file.flush().expect("flush");
        file.into_inner().into_inner()
    }

    #[test]
    fn a_small_sheet_passes_and_its_span_is_the_box_around_its_cells() {
        let cells = [number(0, 0, 1.0), number(9, 3, 2.0)];
        let stream = workbook(&cells, (0, 10, 0, 4));
        assert_eq!(check(&xls(&stream)), Ok(()));
        let pos = Records::new(&stream).find(|r| r.typ == 0x0085).and_then(|r| u32_at(r.data, 0)).expect("boundsheet");
        let mut budget = 100;
        assert_eq!(sheet_span(&stream[pos as usize..], &mut budget), Some(40));
        assert_eq!(budget, 100 - 5, "BOF, DIMENSIONS, two cells, EOF");
    }

    #[test]
    fn a_cell_far_from_the_others_refuses_the_workbook() {
        let cells = [number(0, 0, 1.0), number(65_535, 255, 2.0)];
        let refused = check(&xls(&workbook(&cells, (0, 10, 0, 4)))).unwrap_err();
        assert!(refused.contains("第1个工作表的单元格范围过大"), "{refused}");
    }

    #[test]
    fn a_dimensions_record_out_of_order_or_too_large_refuses_the_workbook() {
        let cells = [number(0, 0, 1.0)];
        // First row after the last: calamine's subtraction would wrap.
        assert!(check(&xls(&workbook(&cells, (70_000, 10, 0, 4)))).is_err());
        // A million rows by 256 columns.
        assert!(check(&xls(&workbook(&cells, (0, 1_000_000, 0, 256)))).is_err());
        assert_eq!(check(&xls(&workbook(&cells, (0, 1_000, 0, 256)))), Ok(()));
    }

    #[test]
    fn sheets_said_to_start_at_one_place_many_times_refuse_the_workbook_rather_than_read_it_many_times() {
        let cells: Vec<Vec<u8>> = (0..2_000).map(|row| number(row, 0, 1.0)).collect();
        let stream = workbook(&cells, (0, 2_000, 0, 1));
        assert_eq!(check(&xls(&stream)), Ok(()));
        // The one BoundSheet8 record, 3,000 times: 3,000 sheets over the
        // same 2,000 cells (calamine would lay each out).
        let at = stream.windows(2).position(|w| w == [0x85, 0x00]).expect("boundsheet");
        let len = 4 + usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        let pos = u32_at(&stream, at + 4).expect("offset") as usize;
        let added = 3_000 * len;
        let mut many = stream[..at].to_vec();
        for _ in 0..3_000 {
            let mut r = stream[at..at + len].to_vec();
            r[4..8].copy_from_slice(&((pos + added - len) as u32).to_le_bytes());
            many.extend(r);
        }
        many.extend(&stream[at + len..]);
        assert!(check(&xls(&many)).unwrap_err().contains("相互重叠"));
    }

    /// calamine reads these records' first bytes unchecked and panics on a
    /// shorter one; the workbook is refused first, saying which record.
    #[test]
    fn a_globals_record_shorter_than_calamine_reads_refuses_the_workbook() {
        let stream = workbook(&[number(0, 0, 1.0)], (0, 1, 0, 1));
        assert_eq!(check(&xls(&stream)), Ok(()));
        // Where the globals end (their EOF): the short record goes before it,
        // and the sheet after it moves on by its length.
        let mut eof = 0;
        while u16_at(&stream, eof) != Some(0x000A) {
            eof += 4 + usize::from(u16_at(&stream, eof + 2).expect("length"));
        }
        let sheet_at = stream.windows(2).position(|w| w == [0x85, 0x00]).expect("boundsheet") + 4;
        for (typ, data, what) in [
            (0x0809, vec![9], "BOF"),
            (0x0022, vec![], "DateMode"),
            (0x0085, vec![0, 0, 0, 0, 0], "BoundSheet8"),
            (0x0018, [vec![0; 4], vec![200, 0], vec![0; 10]].concat(), "Lbl"),
        ] {
            let short = record(typ, &data);
            let mut s = [&stream[..eof], &short, &stream[eof..]].concat();
            let moved = u32_at(&s, sheet_at).expect("offset") + short.len() as u32;
            s[sheet_at..sheet_at + 4].copy_from_slice(&moved.to_le_bytes());
            let bytes = xls(&s);
            let refused = check(&bytes).unwrap_err();
            assert!(refused.contains(&format!("{what}记录不完整")), "{refused}");
            // What it spares: calamine's own panic on the record.
            let panicked =
                std::panic::catch_unwind(|| calamine::open_workbook_from_rs::<calamine::Xls<_>, _>(std::io::Cursor::new(bytes)).map(drop))
                    .is_err();
            assert!(panicked, "{what}: calamine reads it without a panic");
        }
    }

    #[test]
    fn a_sheet_offset_past_the_stream_refuses_the_workbook() {
        let mut stream = workbook(&[number(0, 0, 1.0)], (0, 1, 0, 1));
        // The BoundSheet8's offset is the first four bytes of its data.
        let at = stream.windows(2).position(|w| w == [0x85, 0x00]).expect("boundsheet") + 4;
        stream[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(check(&xls(&stream)).unwrap_err().contains("位置在文件之外"));
    }

    #[test]
    fn records_end_where_a_length_runs_past_the_stream_and_continue_records_belong_to_the_one_before() {
        let mut s = record(0x0203, &[1, 0, 2, 0]);
        s.extend(record(0x003C, &[9, 9, 9, 9, 9, 9]));
        s.extend(record(0x0204, &[3, 0, 4, 0]));
        s.extend([0x03, 0x02, 0xFF, 0xFF, 1]);
        let read: Vec<(u16, Vec<u8>)> = Records::new(&s).map(|r| (r.typ, r.data.to_vec())).collect();
        assert_eq!(read, vec![(0x0203, vec![1, 0, 2, 0]), (0x0204, vec![3, 0, 4, 0])]);
    }

    #[test]
    fn what_calamine_refuses_by_itself_is_left_to_it() {
        // Too short, a header only, a compound file without a workbook (an old .doc).
        assert_eq!(check(b""), Ok(()));
        assert_eq!(check(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]), Ok(()));
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("create");
        drop(file.create_stream("WordDocument").expect("stream"));
        file.flush().expect("flush");
        assert_eq!(check(&file.into_inner().into_inner()), Ok(()));
    }

    #[test]
    fn a_sector_chain_that_loops_is_refused_before_calamine_follows_it() {
        let bytes = xls(&workbook(&[number(0, 0, 1.0)], (0, 1, 0, 1)));
        assert_eq!(check(&bytes), Ok(()));
        // The directory's chain has no stated length: calamine follows it to
        // its end mark. Point its sector's FAT entry back at itself.
        let (fat, dir) = (u32_at(&bytes, 0x4C).expect("fat sector"), u32_at(&bytes, 0x30).expect("directory"));
        let mut looped = bytes.clone();
        let entry = (fat as usize + 1) * 512 + 4 * dir as usize;
        looped[entry..entry + 4].copy_from_slice(&dir.to_le_bytes());
        assert!(check(&looped).unwrap_err().contains("首尾相接"));
        // Or at a sector in the file that the FAT does not map (the file
        // padded past its 128 entries), which calamine looks up unchecked.
        looped[entry..entry + 4].copy_from_slice(&150u32.to_le_bytes());
        looped.resize(looped.len() + 200 * 512, 0);
        assert!(check(&looped).unwrap_err().contains("分配表之外"));
    }
}
