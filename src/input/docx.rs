//! Word documents (.docx): paragraphs as lines, tables as aligned grids.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader as XmlReader;

use super::grid::{Grid, Merge};
use super::{Extracted, InputKind};
use crate::InputError;

/// word/document.xml larger than this is refused (it is text; 64 MiB is a book).
const MAX_XML: u64 = 64 << 20;

/// Reads a .docx into layout text.
pub fn extract(bytes: &[u8]) -> Result<Extracted, InputError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| InputError::Office(e.to_string()))?;
    let mut xml = Vec::new();
    {
        let f = zip.by_name("word/document.xml").map_err(|e| InputError::Office(e.to_string()))?;
        f.take(MAX_XML).read_to_end(&mut xml).map_err(|e| InputError::Office(e.to_string()))?;
    }
    let numbering = Numbering::read(&part(&mut zip, "word/numbering.xml"), &part(&mut zip, "word/styles.xml"));
    let lines = document_lines_numbered(&xml, numbering);
    let mut text = String::new();
    for l in &lines {
        text.push_str(l);
        text.push('\n');
    }
    Ok(Extracted {
        page_of_line: vec![1; lines.len()],
        text,
        kind: InputKind::Docx,
        pages: 1,
        sheet_names: Vec::new(),
        hidden_sheets: Vec::new(),
    })
}

/// A table being read: rows of (text, gridSpan, continues a vertical merge).
#[derive(Default)]
struct Table {
    rows: Vec<Vec<(String, usize, bool)>>,
}

impl Table {
    fn grid(&self) -> Grid {
        let mut g = Grid::default();
        for (r, row) in self.rows.iter().enumerate() {
            let mut cells = Vec::new();
            // At most 1024 columns a row: a hostile gridSpan must not allocate without bound.
            for (text, span, cont) in row {
                if cells.len() >= 1024 {
                    break;
                }
                let col = cells.len();
                if *span > 1 {
                    g.merges.push(Merge { row: r, col, rows: 1, cols: *span });
                }
                // A vMerge continuation shows nothing: its text is the cell above's.
                cells.push(if *cont { String::new() } else { text.clone() });
                for _ in 1..*span {
                    cells.push(String::new());
                }
            }
            g.cells.push(cells);
        }
        g
    }
}

/// A part of the package other than the document (numbering, styles), at
/// most [`MAX_XML`] bytes; empty when absent or unreadable.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Vec<u8> {
    let mut out = Vec::new();
    if let Ok(f) = zip.by_name(name) {
        if f.take(MAX_XML).read_to_end(&mut out).is_err() {
            out.clear();
        }
    }
    out
}

/// [`document_lines_numbered`] with no list: the tests' reader.
#[cfg(test)]
fn document_lines(xml: &[u8]) -> Vec<String> {
    document_lines_numbered(xml, Numbering::default())
}

/// The lines of word/document.xml's body, tables included (nested tables
/// are flattened into their cell), each numbered paragraph opening with the
/// number Word shows for it ("一、", "（二）", "3."), worked out from
/// `numbering`.
fn document_lines_numbered(xml: &[u8], mut numbering: Numbering) -> Vec<String> {
    let mut rd = XmlReader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut para = String::new();
    let mut in_text = false;
    let mut tables: Vec<Table> = Vec::new();
    let mut cell: Option<(String, usize, bool)> = None;
    // The paragraph's properties: inside them (a `w:tab` there is a tab
    // stop, no text), and the style and list they give.
    let mut in_props = 0usize;
    let mut props = ParaNumber::default();
    // Inside what shows nothing: a drawing's fallback (`mc:Fallback`, the
    // same text box again for old readers) and the properties a tracked
    // change replaced (`w:pPrChange`).
    let mut hidden = 0usize;
    loop {
        let ev = match rd.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        if hidden > 0 {
            match &ev {
                Event::Start(e) if matches!(e.local_name().into_inner().as_bytes(), b"Fallback" | b"pPrChange") => hidden += 1,
                Event::End(e) if matches!(e.local_name().into_inner().as_bytes(), b"Fallback" | b"pPrChange") => hidden -= 1,
                _ => {}
            }
            buf.clear();
            continue;
        }
        let started = matches!(ev, Event::Start(_));
        match ev {
            Event::Start(e) if matches!(e.local_name().into_inner().as_bytes(), b"Fallback" | b"pPrChange") => hidden = 1,
            Event::Start(e) | Event::Empty(e) => {
                let ln = e.local_name();
                let name: &[u8] = ln.into_inner().as_bytes();
                match name {
                    b"p" if started => props = ParaNumber::default(),
                    b"pPr" if started => in_props += 1,
                    b"pStyle" if in_props > 0 => props.style = val(&e),
                    b"ilvl" if in_props > 0 => props.level = val(&e).and_then(|v| v.parse().ok()),
                    b"numId" if in_props > 0 => props.num = val(&e).and_then(|v| v.parse().ok()),
                    b"t" => in_text = true,
                    b"tab" if in_props == 0 => para.push_str("  "),
                    b"br" => para.push(' '),
                    b"tbl" => tables.push(Table::default()),
                    b"tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.rows.push(Vec::new());
                        }
                    }
                    b"tc" if tables.len() == 1 => cell = Some((String::new(), 1, false)),
                    b"gridSpan" | b"vMerge" => {
                        let v = val(&e);
                        if let Some(c) = cell.as_mut() {
                            if name == b"gridSpan" {
                                c.1 = v.and_then(|v| v.parse().ok()).unwrap_or(1usize).clamp(1, 64);
                            } else {
                                // <w:vMerge/> without val="restart" continues the cell above.
                                c.2 = v.as_deref() != Some("restart");
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                para.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if in_text => {
                // quick-xml reports entities separately; Word writes only the XML five.
                let s = match &*r {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                };
                para.push_str(s);
            }
            Event::End(e) => match e.local_name().into_inner().as_bytes() {
                b"t" => in_text = false,
                b"pPr" => in_props = in_props.saturating_sub(1),
                b"p" => {
                    let mut p = std::mem::take(&mut para);
                    if let Some(label) = numbering.label(&std::mem::take(&mut props)) {
                        p.insert_str(0, &label);
                    }
                    match cell.as_mut() {
                        Some(c) if !tables.is_empty() => {
                            if !c.0.is_empty() && !p.trim().is_empty() {
                                c.0.push(' ');
                            }
                            c.0.push_str(p.trim());
                        }
                        _ => out.push(p),
                    }
                }
                b"tc" if tables.len() == 1 => {
                    if let (Some(c), Some(t)) = (cell.take(), tables.last_mut()) {
                        if let Some(row) = t.rows.last_mut() {
                            row.push(c);
                        }
                    }
                }
                b"tbl" => {
                    if let Some(t) = tables.pop() {
                        if tables.is_empty() {
                            out.extend(t.grid().lines());
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    out
}

/// The `w:val` of an element, by local name.
fn val(e: &quick_xml::events::BytesStart) -> Option<String> {
    attr(e, b"val")
}

/// An attribute of an element, by local name.
fn attr(e: &quick_xml::events::BytesStart, key: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().into_inner().as_bytes() == key).map(|a| a.value.to_string())
}

/// What a paragraph's properties say of its number: its style, and the
/// list (`w:numId`, 0 for none) and level (`w:ilvl`) it names itself.
#[derive(Debug, Default, Clone)]
struct ParaNumber {
    style: Option<String>,
    num: Option<u32>,
    level: Option<usize>,
}

/// Where one level of a list stands.
#[derive(Debug, Default, Clone, Copy)]
struct Count {
    /// The last number given; None when not begun since a higher level's.
    last: Option<u32>,
    /// The first number a restart (`w:startOverride`) set.
    restart: Option<u32>,
}

/// Chars of a level's label kept (`w:lvlText`).
const MAX_LABEL: usize = 32;

/// Levels a list has (`w:ilvl` 0 to 8).
const LEVELS: usize = 9;

/// One level of a list as word/numbering.xml defines it.
#[derive(Debug, Clone)]
struct Level {
    /// Its first number.
    start: u32,
    /// How its number is written (`w:numFmt`: decimal, chineseCounting …).
    format: String,
    /// Its label, `%1` … `%9` standing for the levels' numbers ("%1、", "（%2）").
    text: String,
    /// What follows the label: a tab (default), a space or nothing.
    suffix: String,
    /// The paragraph style that takes this level, if any (`w:pStyle`).
    style: Option<String>,
}

impl Default for Level {
    fn default() -> Level {
        Level { start: 1, format: "decimal".into(), text: String::new(), suffix: "tab".into(), style: None }
    }
}

/// Word's automatic numbering: the lists of word/numbering.xml, the
/// paragraph styles that carry one (headings, mostly: word/styles.xml), and
/// the numbers given so far. A heading numbered so ("一、", "（一）") has no
/// number in its text; read without it, it opens no section.
#[derive(Debug, Default)]
struct Numbering {
    /// `w:abstractNum` id → its levels.
    lists: HashMap<u32, Vec<Level>>,
    /// `w:num` id → its `w:abstractNum`, and the levels it starts anew
    /// (`w:startOverride`: Word's "restart numbering").
    nums: HashMap<u32, (u32, Vec<(usize, u32)>)>,
    /// Paragraph style id → the list and level it numbers with, and (as
    /// its `style`) the style it is based on.
    styles: HashMap<String, ParaNumber>,
    /// `w:abstractNum` id → each level's count.
    counters: HashMap<u32, [Count; LEVELS]>,
    /// The `w:num`s used so far: a restart applies at its first paragraph.
    begun: HashSet<u32>,
}

impl Numbering {
    /// Reads word/numbering.xml and word/styles.xml (either may be empty).
    fn read(numbering: &[u8], styles: &[u8]) -> Numbering {
        let mut n = Numbering::default();
        let mut buf = Vec::new();
        let mut rd = XmlReader::from_reader(numbering);
        // The abstract list and level being read, or the num and its override level.
        let (mut list, mut level, mut num, mut over): (Option<u32>, Option<usize>, Option<u32>, Option<usize>) = (None, None, None, None);
        loop {
            match rd.read_event_into(&mut buf) {
                Ok(Event::Eof) | Err(_) => break,
                Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().into_inner().as_bytes() {
                    b"abstractNum" => list = attr(&e, b"abstractNumId").and_then(|v| v.parse().ok()),
                    b"num" => num = attr(&e, b"numId").and_then(|v| v.parse().ok()),
                    b"lvl" if num.is_none() => level = attr(&e, b"ilvl").and_then(|v| v.parse().ok()).filter(|l| *l < LEVELS),
                    b"lvlOverride" => over = attr(&e, b"ilvl").and_then(|v| v.parse().ok()).filter(|l| *l < LEVELS),
                    b"abstractNumId" => {
                        if let (Some(id), Some(a)) = (num, val(&e).and_then(|v| v.parse().ok())) {
                            n.nums.entry(id).or_insert_with(|| (a, Vec::new())).0 = a;
                        }
                    }
                    b"startOverride" => {
                        if let (Some(id), Some(l), Some(v)) = (num, over, val(&e).and_then(|v| v.parse().ok())) {
                            if let Some(entry) = n.nums.get_mut(&id) {
                                entry.1.push((l, v));
                            }
                        }
                    }
                    name => {
                        if let (Some(a), Some(l), None) = (list, level, num) {
                            let levels = n.lists.entry(a).or_insert_with(|| vec![Level::default(); LEVELS]);
                            let lv = &mut levels[l];
                            match name {
                                b"start" => lv.start = val(&e).and_then(|v| v.parse().ok()).unwrap_or(1),
                                b"numFmt" => lv.format = val(&e).unwrap_or_default(),
                                // Word's labels are a few chars; a long one, written
                                // before every paragraph of its list, would make the
                                // text grow out of proportion to the file.
                                b"lvlText" => lv.text = val(&e).unwrap_or_default().chars().take(MAX_LABEL).collect(),
                                b"suff" => lv.suffix = val(&e).unwrap_or_default(),
                                b"pStyle" => lv.style = val(&e),
                                _ => {}
                            }
                        }
                    }
                },
                Ok(Event::End(e)) => match e.local_name().into_inner().as_bytes() {
                    b"abstractNum" => list = None,
                    b"lvl" => level = None,
                    b"num" => num = None,
                    b"lvlOverride" => over = None,
                    _ => {}
                },
                _ => {}
            }
            buf.clear();
        }
        // Paragraph styles: their own list and level, and what they are based on.
        let mut rd = XmlReader::from_reader(styles);
        let mut style: Option<String> = None;
        loop {
            match rd.read_event_into(&mut buf) {
                Ok(Event::Eof) | Err(_) => break,
                Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().into_inner().as_bytes() {
                    b"style" => style = attr(&e, b"styleId"),
                    b"basedOn" | b"numId" | b"ilvl" => {
                        if let Some(id) = &style {
                            let entry = n.styles.entry(id.clone()).or_default();
                            let v = val(&e);
                            match e.local_name().into_inner().as_bytes() {
                                b"basedOn" => entry.style = v,
                                b"numId" => entry.num = v.and_then(|v| v.parse().ok()),
                                _ => entry.level = v.and_then(|v| v.parse().ok()).filter(|l: &usize| *l < LEVELS),
                            }
                        }
                    }
                    _ => {}
                },
                Ok(Event::End(e)) if e.local_name().into_inner().as_bytes() == b"style" => style = None,
                _ => {}
            }
            buf.clear();
        }
        n
    }

    /// The list and level a paragraph numbers with: its own, else its
    /// style's (or the style's it is based on, a few deep). A list id of 0
    /// is none.
    fn list_of(&self, p: &ParaNumber) -> Option<(u32, usize)> {
        let (mut num, mut level) = (p.num, p.level);
        let mut style = p.style.clone();
        for _ in 0..8 {
            if num.is_some() && level.is_some() {
                break;
            }
            let Some(of_style) = style.as_ref().and_then(|s| self.styles.get(s)) else { break };
            num = num.or(of_style.num);
            level = level.or(of_style.level);
            style.clone_from(&of_style.style);
        }
        let num = num.filter(|n| *n != 0)?;
        let list = self.nums.get(&num)?.0;
        // A style numbered without a level takes the level that names it.
        let level = level.or_else(|| {
            let s = p.style.as_deref()?;
            self.lists.get(&list)?.iter().position(|l| l.style.as_deref() == Some(s))
        });
        Some((num, level.unwrap_or(0)))
    }

    /// The number Word shows before a paragraph, with what follows it ("一、",
    /// "（二）", "3. "), counting it; None for a paragraph of no list, or a
    /// bullet.
    fn label(&mut self, p: &ParaNumber) -> Option<String> {
        let (num, level) = self.list_of(p)?;
        let (list, restarts) = self.nums.get(&num)?;
        let levels = self.lists.get(list)?;
        let counters = self.counters.entry(*list).or_insert([Count::default(); LEVELS]);
        if self.begun.insert(num) {
            for &(l, v) in restarts {
                counters[l] = Count { last: None, restart: Some(v) };
            }
        }
        let lv = levels.get(level)?;
        let next = match counters[level] {
            Count { last: Some(n), .. } => n.saturating_add(1),
            Count { last: None, restart } => restart.unwrap_or(lv.start),
        };
        counters[level].last = Some(next);
        for c in counters.iter_mut().skip(level + 1) {
            c.last = None;
        }
        if lv.format == "bullet" {
            return None;
        }
        // "%1、": each %k the k-th level's number, in that level's format.
        let mut label = String::new();
        let mut chars = lv.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(k @ 1..=9)) => {
                    chars.next();
                    let k = k as usize - 1;
                    if let Some(of) = levels.get(k) {
                        let n = counters.get(k).and_then(|c| c.last).unwrap_or(of.start);
                        label.push_str(&written(n, &of.format));
                    }
                }
                _ => label.push(c),
            }
        }
        if label.is_empty() {
            return None;
        }
        // A label ending in Chinese punctuation ("一、", "（一）") is set
        // close to its text; another is followed by what Word puts there.
        let close = label.ends_with(['、', '）', '．', '。', '：']) || lv.suffix == "nothing";
        if !close {
            label.push(' ');
        }
        Some(label)
    }
}

/// Number `n` written in a list format of word/numbering.xml.
fn written(n: u32, format: &str) -> String {
    const CN: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let from = |table: &[char]| n.checked_sub(1).and_then(|i| table.get(i as usize)).map(|c| c.to_string());
    let letter = |base: u8| {
        // A … Z, AA … ZZ, AAA …: Word repeats the letter.
        let k = n.saturating_sub(1);
        let c = char::from(base + (k % 26) as u8);
        std::iter::repeat_n(c, (k / 26 + 1).min(8) as usize).collect::<String>()
    };
    let written = match format {
        "chineseCounting" | "chineseCountingThousand" | "japaneseCounting" | "taiwaneseCounting" | "chineseLegalSimplified"
            if (1..100).contains(&n) =>
        {
            let (tens, ones) = (n / 10, n % 10);
            let mut s = String::new();
            if tens > 1 {
                s.push(CN[tens as usize]);
            }
            if tens > 0 {
                s.push('十');
            }
            if ones > 0 {
                s.push(CN[ones as usize]);
            }
            Some(s)
        }
        "ideographDigital" => Some(n.to_string().chars().map(|d| CN[d.to_digit(10).unwrap_or(0) as usize]).collect()),
        "ideographTraditional" => from(&['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸']),
        "ideographZodiac" => from(&['子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥']),
        "upperLetter" if n > 0 => Some(letter(b'A')),
        "lowerLetter" if n > 0 => Some(letter(b'a')),
        "upperRoman" | "lowerRoman" if (1..4000).contains(&n) => {
            let mut s = String::new();
            let mut m = n;
            for (v, r) in [
                (1000, "M"),
                (900, "CM"),
                (500, "D"),
                (400, "CD"),
                (100, "C"),
                (90, "XC"),
                (50, "L"),
                (40, "XL"),
                (10, "X"),
                (9, "IX"),
                (5, "V"),
                (4, "IV"),
                (1, "I"),
            ] {
                while m >= v {
                    s.push_str(r);
                    m -= v;
                }
            }
            Some(if format == "lowerRoman" { s.to_lowercase() } else { s })
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map(String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => char::from_u32(0x2474 + n - 1).map(String::from),
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => char::from_u32(0x2488 + n - 1).map(String::from),
        "decimalFullWidth" | "decimalFullWidth2" => {
            Some(n.to_string().chars().filter_map(|d| char::from_u32(0xFF10 + d.to_digit(10).unwrap_or(0))).collect())
        }
        "decimalZero" if n < 10 => Some(format!("0{n}")),
        "none" => Some(String::new()),
        _ => None,
    };
    written.unwrap_or_else(|| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_tables() {
        let xml = r#"<w:document xmlns:w="x"><w:body>
            <w:p><w:r><w:t>收支预算总表</w:t></w:r></w:p>
            <w:tbl>
              <w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>金额</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:p><w:r><w:t>一、财政拨款收入</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>16,482.53</w:t></w:r></w:p></w:tc></w:tr>
            </w:tbl>
            <w:p><w:r><w:t xml:space="preserve">R&amp;D </w:t></w:r></w:p>
        </w:body></w:document>"#;
        let l = document_lines(xml.as_bytes());
        assert_eq!(l[0], "收支预算总表");
        assert_eq!(l[2], "一、财政拨款收入  16,482.53");
        assert_eq!(l[3], "R&D ");
    }

    /// A numbering part: list 1 numbers "一、" then "（一）" under it
    /// (chineseCounting), list 2 is bullets; num 1 and 2 are list 1 (num 2
    /// restarting it), num 3 the bullets.
    const NUMBERING: &str = r#"<w:numbering xmlns:w="x">
        <w:abstractNum w:abstractNumId="1">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:pStyle w:val="H1"/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
    </w:numbering>"#;

    /// Heading style H1 numbers with list 1 (its level by the level that
    /// names it); H2, based on H1, at level 1.
    const STYLES: &str = r#"<w:styles xmlns:w="x">
        <w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
    </w:styles>"#;

    fn numbered(paragraphs: &[(&str, &str)]) -> Vec<String> {
        let mut body = String::new();
        for (props, text) in paragraphs {
            body.push_str(&format!("<w:p><w:pPr>{props}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"));
        }
        let xml = format!(r#"<w:document xmlns:w="x"><w:body>{body}</w:body></w:document>"#);
        document_lines_numbered(xml.as_bytes(), Numbering::read(NUMBERING.as_bytes(), STYLES.as_bytes()))
    }

    /// Word's automatic numbers are written before their paragraphs as Word
    /// shows them: by a paragraph's own list and level or its style's, a
    /// lower level starting anew under each higher one, a restarted list at
    /// its new start, a bullet and a paragraph taken out of its style's
    /// list (`numId` 0) with none.
    #[test]
    fn automatic_numbers_are_written_as_word_shows_them() {
        let num = |id: u32, level: u32| format!(r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{id}"/></w:numPr>"#);
        let lines = numbered(&[
            (r#"<w:pStyle w:val="H1"/>"#, "部门主要职责"),
            (&num(1, 1), "主要职责"),
            (r#"<w:pStyle w:val="H2"/>"#, "机构设置"),
            (&num(1, 2), "行政单位"),
            (r#"<w:pStyle w:val="H1"/>"#, "收支预算总体情况"),
            (r#"<w:pStyle w:val="H2"/>"#, "收入预算"),
            (r#"<w:pStyle w:val="H1"/><w:numPr><w:numId w:val="0"/></w:numPr>"#, "不编号的标题"),
            (&num(3, 0), "列表项"),
            (&num(2, 0), "名词解释"),
            ("", "正文"),
        ]);
        assert_eq!(
            lines,
            [
                "一、部门主要职责",
                "（一）主要职责",
                "（二）机构设置",
                "1. 行政单位",
                "二、收支预算总体情况",
                "（一）收入预算",
                "不编号的标题",
                "列表项",
                "一、名词解释",
                "正文"
            ]
        );
    }

    /// What shows nothing is not read: a text box's fallback copy for old
    /// readers, a tab stop defined in the paragraph's properties, and the
    /// properties a tracked change replaced.
    #[test]
    fn fallbacks_tab_stops_and_replaced_properties_give_no_text() {
        let xml = r#"<w:document xmlns:w="x" xmlns:mc="m"><w:body>
            <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="840"/></w:tabs><w:pPrChange><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr>
              <w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>封面标题</w:t></w:r></w:p></w:txbxContent></mc:Choice>
              <mc:Fallback><w:txbxContent><w:p><w:r><w:t>封面标题</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r>
              <w:r><w:t>正文</w:t><w:tab/><w:t>续</w:t></w:r></w:p>
        </w:body></w:document>"#;
        let lines = document_lines_numbered(xml.as_bytes(), Numbering::read(NUMBERING.as_bytes(), b""));
        assert_eq!(lines, ["封面标题", "正文  续"]);
    }

    #[test]
    fn list_formats() {
        let cn: Vec<String> = [1, 9, 10, 11, 19, 20, 21, 99, 100].iter().map(|&n| written(n, "chineseCounting")).collect();
        assert_eq!(cn, ["一", "九", "十", "十一", "十九", "二十", "二十一", "九十九", "100"]);
        assert_eq!(written(3, "decimalEnclosedCircle"), "③");
        assert_eq!(written(2, "ideographTraditional"), "乙");
        assert_eq!(written(14, "upperRoman"), "XIV");
        assert_eq!(written(4, "lowerRoman"), "iv");
        assert_eq!(written(27, "upperLetter"), "AA");
        assert_eq!(written(12, "decimalFullWidth"), "１２");
        assert_eq!(written(2024, "ideographDigital"), "二〇二四");
        assert_eq!(written(7, "decimalZero"), "07");
        assert_eq!(written(7, "whatever"), "7");
        assert_eq!(written(0, "upperLetter"), "0");
    }
}
