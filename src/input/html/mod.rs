//! HTML pages: paragraphs as lines, `<table>`s as aligned grids, and text
//! placed by CSS laid out by position ([`placed`]).
//!
//! A small tag scanner rather than an HTML5 parser: portal pages are simple,
//! and a dependency-free reader costs nothing in the wasm bundle. The app
//! reads a pasted text/html (a table copied from a web page, Excel, WPS or
//! LibreOffice) through [`clipboard`], so a paste gives the same lines as
//! the same table in a dropped .html file.

mod placed;

use super::grid::{Grid, Merge};
use super::{Extracted, InputKind};
use crate::InputError;

/// Reads an HTML page into layout text.
pub fn extract(bytes: &[u8]) -> Result<Extracted, InputError> {
    let html = decode(bytes);
    if let Some(pages) = placed::pages(&html).filter(|p| p.iter().flatten().any(|l| !l.trim().is_empty())) {
        return Ok(from_pages(pages));
    }
    let lines = html_lines(&html);
    if lines.iter().all(|l| l.trim().is_empty()) {
        return Err(InputError::Empty);
    }
    let mut text = String::new();
    for l in &lines {
        text.push_str(l);
        text.push('\n');
    }
    Ok(Extracted {
        page_of_line: vec![1; lines.len()],
        text,
        kind: InputKind::Html,
        pages: 1,
        sheet_names: Vec::new(),
        hidden_sheets: Vec::new(),
    })
}

/// The lines of a page whose text is placed by CSS, page after page, each
/// page after the first opening with a form feed (as `pdftotext` ends each
/// page with one).
fn from_pages(pages: Vec<Vec<String>>) -> Extracted {
    let mut text = String::new();
    let mut page_of_line = Vec::new();
    for (i, lines) in pages.iter().enumerate() {
        if i > 0 {
            text.push('\u{c}');
        }
        for l in lines {
            text.push_str(l);
            text.push('\n');
            page_of_line.push(u32::try_from(i).unwrap_or(u32::MAX).saturating_add(1));
        }
    }
    let pages = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    Extracted { page_of_line, text, kind: InputKind::Html, pages, sheet_names: Vec::new(), hidden_sheets: Vec::new() }
}

/// The `text/html` of a paste as layout text, the lines [`extract`](crate::input::extract) gives
/// for the same HTML in a file, with a final line break. `None` when it holds
/// no table with a row of at least two filled cells (prose from a web page,
/// or a page laid out in a one-column table): then the paste's plain text
/// serves as well, and the caller keeps it.
///
/// Spreadsheets put a `<table>` on the clipboard (Excel and WPS with `mso-`
/// styles, `<col>` widths and conditional comments; LibreOffice with
/// `<colgroup>` and `<font>`); merged cells come as colspan/rowspan, numbers
/// as displayed ("10,095.35"). Excel's `mso-ignore:colspan` (text running
/// over empty neighbours, not a merge) is read as the cell and its empty
/// neighbours, and rows or cells hidden with `display:none` (filtered rows)
/// are left out.
pub fn clipboard(html: &str) -> Option<String> {
    if !html.as_bytes().windows(6).any(|w| w.eq_ignore_ascii_case(b"<table")) {
        return None;
    }
    let page = read(html);
    if page.grid_rows == 0 {
        return None;
    }
    let mut text = String::new();
    for l in &page.lines {
        text.push_str(l);
        text.push('\n');
    }
    Some(text)
}

/// Bytes to text: a `charset=gb2312/gbk/gb18030` near the start means
/// GB18030, a `charset=utf-8` UTF-8 (a stray invalid byte replaced: PDF
/// converters copy a font's name into the style sheet in its own encoding,
/// "宋体" in GBK, and the page is not GBK for it), else the usual detection.
fn decode(bytes: &[u8]) -> String {
    let head: String = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    if ["charset=gb2312", "charset=\"gb2312", "charset=gbk", "charset=\"gbk", "charset=gb18030", "charset=\"gb18030"]
        .iter()
        .any(|c| head.contains(c))
    {
        return encoding_rs::GB18030.decode(bytes).0.into_owned();
    }
    if ["charset=utf-8", "charset=\"utf-8", "charset='utf-8"].iter().any(|c| head.contains(c)) {
        return encoding_rs::UTF_8.decode(bytes).0.into_owned();
    }
    crate::text::decode(bytes).text
}

struct Tag<'a> {
    name: String,
    closing: bool,
    attrs: &'a str,
}

/// Finds the tags of one page, in time linear in its length whatever the
/// markup: a `<` that opens no tag costs only the name after it, and no
/// tag is looked for past the page's last `>` (1 MB of "<a " took ten
/// minutes when each `<` looked for its `>` to the end of the page).
struct Tags {
    /// Where the page's last `>` stands: no tag closes after it.
    last_gt: Option<usize>,
    /// A quoted attribute value once ran to the page's end: from then on a
    /// tag ends at its first `>`, as that one did, so that no later tag
    /// scans to the end again.
    lenient: bool,
    /// The element whose content is no text (a script, a style sheet), set
    /// by the reader at its start tag: markup up to its end tag is passed
    /// over.
    skipping: Option<String>,
}

/// What stands at a `<` ([`Tags::markup`]).
enum Markup<'a> {
    /// A comment, a declaration (`<!DOCTYPE …>`, Office's `<![if …]>`), a
    /// processing instruction (`<?xml …?>`) or a tag inside a skipped
    /// element: no text; reading goes on at this byte.
    Skip(usize),
    /// A tag, and the byte after it.
    Tag(Tag<'a>, usize),
}

impl Tags {
    fn new(html: &str) -> Tags {
        Tags { last_gt: memchr::memrchr(b'>', html.as_bytes()), lenient: false, skipping: None }
    }

    /// The markup at byte `i` of `html` (a `<`), or None when that `<`
    /// opens none (it is text).
    fn markup<'a>(&mut self, html: &'a str, i: usize) -> Option<Markup<'a>> {
        let rest = html.get(i..)?;
        if rest.starts_with("<!--") {
            return Some(Markup::Skip(rest.find("-->").map_or(html.len(), |k| i + k + 3)));
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            return Some(Markup::Skip(rest.find('>').map_or(html.len(), |k| i + k + 1)));
        }
        let (t, len) = self.at(html, i)?;
        if let Some(s) = &self.skipping {
            if t.closing && &t.name == s {
                self.skipping = None;
            }
            return Some(Markup::Skip(i + len));
        }
        Some(Markup::Tag(t, i + len))
    }

    /// The tag `<name attrs>` at byte `i` of `html`, and its length. Names
    /// may carry a namespace prefix (`o:p`, Word and Excel) or a dash, and
    /// end at white space, `/` or `>`.
    fn at<'a>(&mut self, html: &'a str, i: usize) -> Option<(Tag<'a>, usize)> {
        if self.last_gt.is_none_or(|g| g < i) {
            return None;
        }
        let s = html.get(i..)?;
        let b = s.as_bytes();
        let closing = b.get(1) == Some(&b'/');
        let from = if closing { 2 } else { 1 };
        let name_len = b.get(from..)?.iter().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b':' | b'-' | b'_')).count();
        let after = b.get(from + name_len).copied();
        if name_len == 0 || !b[from].is_ascii_alphabetic() || !after.is_some_and(|c| c.is_ascii_whitespace() || c == b'/' || c == b'>') {
            return None;
        }
        let end = match (self.lenient, tag_end(s)) {
            (false, Some(end)) => end,
            (false, None) => {
                self.lenient = true;
                memchr::memchr(b'>', b)?
            }
            (true, _) => memchr::memchr(b'>', b)?,
        };
        let name = s.get(from..from + name_len)?.to_ascii_lowercase();
        let attrs = s.get(from + name_len..end)?;
        Some((Tag { name, closing, attrs }, end + 1))
    }
}

/// What a page holds, in order ([`Events`]).
enum Event<'a> {
    /// A start or end tag.
    Tag(Tag<'a>),
    /// Text up to the next tag, its character references decoded; none
    /// inside a skipped element.
    Text(String),
}

/// The tags and texts of a page in order, comments, declarations and the
/// content of skipped elements passed over: the one loop both readers (the
/// flowing one and [`placed`]) walk a page with.
struct Events<'a> {
    html: &'a str,
    tags: Tags,
    i: usize,
}

impl<'a> Events<'a> {
    fn new(html: &'a str) -> Events<'a> {
        Events { html, tags: Tags::new(html), i: 0 }
    }

    /// Passes over the content of the element just opened (a script, a
    /// style sheet) up to its end tag `name`.
    fn skip_element(&mut self, name: &str) {
        self.tags.skipping = Some(name.to_string());
    }

    /// Goes on reading at byte `to` (a char boundary) of the page, what
    /// lies before it read apart by the caller (a style sheet's rules).
    fn resume_at(&mut self, to: usize) {
        self.i = to.clamp(self.i, self.html.len());
    }

    /// Where reading stands, a byte of the page.
    fn at(&self) -> usize {
        self.i
    }
}

impl<'a> Iterator for Events<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let (html, b) = (self.html, self.html.as_bytes());
        while self.i < html.len() {
            let i = self.i;
            if b[i] == b'<' {
                match self.tags.markup(html, i) {
                    Some(Markup::Skip(next)) => {
                        self.i = next;
                        continue;
                    }
                    Some(Markup::Tag(t, next)) => {
                        self.i = next;
                        return Some(Event::Tag(t));
                    }
                    None => {}
                }
            }
            // Text up to the next tag. (A byte search: '<' never stands
            // inside a multi-byte char.)
            let end = memchr::memchr(b'<', b.get(i + 1..).unwrap_or_default()).map_or(html.len(), |k| i + 1 + k);
            self.i = end;
            if self.tags.skipping.is_none() {
                return Some(Event::Text(entities(&html[i..end])));
            }
        }
        None
    }
}

/// Where the tag starting at `s` ends: the first `>` outside a quoted
/// attribute value (Google Sheets and Excel put `>` in attribute values);
/// None when a quote is never closed (then [`Tags`] takes the first `>`).
fn tag_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut quote: Option<u8> = None;
    let mut after_eq = false;
    for (i, &c) in b.iter().enumerate().skip(1) {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            b'>' => return Some(i),
            b'"' | b'\'' if after_eq => {
                quote = Some(c);
                after_eq = false;
            }
            b'=' => after_eq = true,
            c if c.is_ascii_whitespace() => {}
            _ => after_eq = false,
        }
    }
    None
}

/// A tag's declarations, white space dropped and lower-cased, from its
/// `style` attribute: what [`hidden`] and [`ignores_colspan`] look for.
fn flat_style(attrs: &str) -> String {
    attr(attrs, "style").unwrap_or_default().chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase()
}

/// Whether a tag's style hides it (`display:none`: a filtered-out row or a
/// hidden column of a spreadsheet).
fn hidden(style: &str) -> bool {
    style.contains("display:none")
}

/// Whether a cell's colspan is Excel's overflow (`mso-ignore:colspan`): the
/// text runs over empty neighbours, which stay cells of their own.
fn ignores_colspan(style: &str) -> bool {
    style.contains("mso-ignore:colspan")
}

/// The value of attribute `key` (lower case) in a tag's attributes,
/// unquoted. The name must stand as a word: `colspan` is not the one in
/// `style='mso-ignore:colspan'` nor in `data-colspan`.
fn attr<'a>(attrs: &'a str, key: &str) -> Option<&'a str> {
    let b = attrs.as_bytes();
    let mut from = 0;
    while let Some(k) = b.get(from..)?.windows(key.len()).position(|w| w.eq_ignore_ascii_case(key.as_bytes())).map(|k| k + from) {
        from = k + key.len();
        let word = k == 0 || b.get(k - 1).is_some_and(|c| c.is_ascii_whitespace() || matches!(c, b'"' | b'\''));
        let Some(rest) = attrs.get(from..)?.trim_start().strip_prefix('=').filter(|_| word) else { continue };
        let rest = rest.trim_start();
        return Some(match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or(""),
        });
    }
    None
}

/// A span attribute (`colspan`, `rowspan`): its leading digits, 1 when
/// absent or unreadable, at most 64.
fn span(attrs: &str, key: &str) -> usize {
    let v = attr(attrs, key).unwrap_or_default().trim();
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    v[..digits].parse().unwrap_or(1).clamp(1, 64)
}

/// Decodes character references: the common named ones and numeric ones.
fn entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // Byte positions: `;` is ASCII, so `semi` is a char boundary.
        // (Looked for among the next 12 bytes only: a page of '&' without
        // ';' stays linear.)
        let Some(semi) = rest.bytes().take(13).position(|c| c == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..semi];
        let ch = match ent {
            "nbsp" | "ensp" | "emsp" => Some(' '),
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "mdash" => Some('—'),
            "hellip" => Some('…'),
            _ => ent
                .strip_prefix("#x")
                .or_else(|| ent.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A cell being read: text, colspan, rowspan.
type Cell = (String, usize, usize);

/// What [`read`] found: the page's lines, and how many table rows had at
/// least two filled cells (a grid, not a layout table around prose).
struct Page {
    lines: Vec<String>,
    grid_rows: usize,
}

/// The page's lines; text in block elements becomes a line, tables aligned grids.
pub fn html_lines(html: &str) -> Vec<String> {
    read(html).lines
}

/// A cell open in the table being read.
struct OpenCell {
    cell: Cell,
    /// `display:none`, or in a hidden row: dropped when closed.
    hidden: bool,
    /// Excel's `mso-ignore:colspan`: the colspan is empty neighbours.
    overflow: bool,
}

/// Puts the open cell, if any, into the last row.
fn close_cell(cell: &mut Option<OpenCell>, rows: &mut Vec<Vec<Cell>>) {
    let Some(OpenCell { cell: (text, cs, rs), hidden: false, overflow }) = cell.take() else { return };
    if rows.is_empty() {
        rows.push(Vec::new());
    }
    if let Some(r) = rows.last_mut() {
        if overflow {
            r.push((text, 1, rs));
            r.extend((1..cs).map(|_| (String::new(), 1, 1)));
        } else {
            r.push((text, cs, rs));
        }
    }
}

fn read(html: &str) -> Page {
    let mut out = Vec::new();
    let mut grid_rows = 0usize;
    let mut line = String::new();
    // Nested tables are flattened into the outer table's cell.
    let mut depth = 0usize;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut cell: Option<OpenCell> = None;
    // The current row is hidden (a filtered-out spreadsheet row).
    let mut row_hidden = false;
    // The table's <caption>, read while open, put above the table.
    let mut caption: Option<String> = None;
    let mut captions: Vec<String> = Vec::new();
    let mut events = Events::new(html);
    let flush = |line: &mut String, out: &mut Vec<String>| {
        let t = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            out.push(t);
        }
        line.clear();
    };
    while let Some(event) = events.next() {
        match event {
            Event::Tag(t) => match (t.name.as_str(), t.closing) {
                ("script" | "style" | "head" | "title" | "xml", false) => events.skip_element(&t.name),
                ("table", false) => {
                    depth += 1;
                    if depth == 1 {
                        flush(&mut line, &mut out);
                        rows.clear();
                        captions.clear();
                        row_hidden = false;
                    }
                }
                ("table", true) if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        close_cell(&mut cell, &mut rows);
                        caption = None;
                        grid_rows += rows.iter().filter(|r| r.iter().filter(|c| !c.0.trim().is_empty()).count() >= 2).count();
                        out.append(&mut captions);
                        out.extend(table_grid(&rows).lines());
                        rows.clear();
                    }
                }
                ("caption", false) if depth == 1 => caption = Some(String::new()),
                ("caption", true) if depth == 1 => {
                    if let Some(c) = caption.take() {
                        let c = c.split_whitespace().collect::<Vec<_>>().join(" ");
                        if !c.is_empty() {
                            captions.push(c);
                        }
                    }
                }
                ("tr", false) if depth == 1 => {
                    // An end tag may be left out (`<tr><td>a<td>b`).
                    close_cell(&mut cell, &mut rows);
                    row_hidden = hidden(&flat_style(t.attrs));
                    if !row_hidden {
                        rows.push(Vec::new());
                    }
                }
                ("td" | "th", false) if depth == 1 => {
                    close_cell(&mut cell, &mut rows);
                    let style = flat_style(t.attrs);
                    cell = Some(OpenCell {
                        cell: (String::new(), span(t.attrs, "colspan"), span(t.attrs, "rowspan")),
                        hidden: row_hidden || hidden(&style),
                        overflow: ignores_colspan(&style),
                    });
                }
                ("td" | "th", true) if depth == 1 => close_cell(&mut cell, &mut rows),
                ("tr", true) if depth == 1 => close_cell(&mut cell, &mut rows),
                ("p" | "div" | "br" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "tr", _) if depth == 0 => flush(&mut line, &mut out),
                ("p" | "div" | "br" | "li", _) => {
                    if let Some(c) = cell.as_mut() {
                        c.cell.0.push(' ');
                    }
                }
                _ => {}
            },
            Event::Text(text) => match (cell.as_mut(), caption.as_mut()) {
                (Some(c), _) if depth > 0 => c.cell.0.push_str(&text),
                (None, Some(c)) if depth > 0 => c.push_str(&text),
                _ if depth > 0 => {}
                _ => line.push_str(&text),
            },
        }
    }
    flush(&mut line, &mut out);
    // A table never closed (a clipboard fragment cut short) still counts.
    if depth > 0 {
        close_cell(&mut cell, &mut rows);
        grid_rows += rows.iter().filter(|r| r.iter().filter(|c| !c.0.trim().is_empty()).count() >= 2).count();
        out.append(&mut captions);
        out.extend(table_grid(&rows).lines());
    }
    Page { lines: out, grid_rows }
}

/// Places cells by colspan/rowspan into a grid.
fn table_grid(rows: &[Vec<Cell>]) -> Grid {
    let mut g = Grid::default();
    // Columns still covered by a rowspan from above: column → rows left.
    let mut covered: Vec<usize> = Vec::new();
    // Bounds against a hostile page: columns per row and cells in all.
    const MAX_COLS: usize = 1024;
    let mut total = 0usize;
    for (r, row) in rows.iter().enumerate() {
        if total > 2_000_000 {
            break;
        }
        let mut cells: Vec<String> = Vec::new();
        let mut col = 0;
        let mut it = row.iter();
        loop {
            while covered.get(col).is_some_and(|&n| n > 0) {
                cells.push(String::new());
                col += 1;
            }
            let Some((text, cs, rs)) = it.next() else { break };
            if col >= MAX_COLS {
                break;
            }
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if *cs > 1 || *rs > 1 {
                g.merges.push(Merge { row: r, col, rows: *rs, cols: *cs });
            }
            for k in 0..*cs {
                cells.push(if k == 0 { text.clone() } else { String::new() });
                if covered.len() <= col + k {
                    covered.resize(col + k + 1, 0);
                }
                covered[col + k] = *rs;
            }
            col += cs;
        }
        for n in covered.iter_mut() {
            *n = n.saturating_sub(1);
        }
        total += cells.len();
        g.cells.push(cells);
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `<` that opens no tag, a quote never closed, or a `&` that opens
    /// no character reference costs no more than its length: a page of 300,000 of them reads at once (each looking
    /// for its `>` to the page's end took ten minutes for 1 MB), and the
    /// paragraph after them is read.
    #[test]
    fn markup_that_never_closes_is_read_in_linear_time() {
        let amps = html_lines(&format!("<p>{}</p><p>末行&amp;</p>", "&a".repeat(300_000)));
        assert_eq!(amps.last().map(String::as_str), Some("末行&"));
        for junk in ["<a ".repeat(300_000), "<a x=\"".repeat(300_000) + ">", "<a<".repeat(300_000) + ">", "<a ".repeat(300_000) + "'>"] {
            let lines = html_lines(&format!("<html><body>{junk}<p>末行</p>"));
            assert_eq!(lines.last().map(String::as_str), Some("末行"));
        }
    }

    #[test]
    fn paragraphs_and_table() {
        let html = "<html><head><title>x</title><style>p{}</style></head><body>\
            <p>示例省某某委员会办公厅&nbsp;2019年部门预算</p>\
            <table><tr><th colspan=2>收支预算总表</th></tr>\
            <tr><td rowspan=\"2\">一、财政拨款</td><td>12,345.67</td></tr>\
            <tr><td>6,543.21</td></tr></table><p>单位：万元</p></body></html>";
        let l = html_lines(html);
        assert_eq!(l[0], "示例省某某委员会办公厅 2019年部门预算");
        assert_eq!(l[1], "收支预算总表");
        assert_eq!(l[2], "一、财政拨款  12,345.67");
        assert_eq!(l[3], "         6,543.21");
        assert_eq!(l[4], "单位：万元");
    }

    #[test]
    fn excel_clipboard_fragment() {
        // What Excel puts on the clipboard, trimmed: namespaces, a style
        // block, conditional comments, <col> widths, a merged title, an
        // overflowing label (mso-ignore:colspan), a filtered-out row.
        let html = "<html xmlns:v=\"urn:schemas-microsoft-com:vml\"\r\nxmlns:o=\"urn:schemas-microsoft-com:office:office\"\r\n\
            xmlns:x=\"urn:schemas-microsoft-com:office:excel\">\r\n<head>\r\n<meta name=ProgId content=Excel.Sheet>\r\n\
            <style>\r\n<!--table\r\n\t{mso-displayed-decimal-separator:\"\\.\";}\r\n.xl65\r\n\t{mso-number-format:\"\\#\\,\\#\\#0\\.00\";}\r\n-->\r\n</style>\r\n\
            </head>\r\n<body link=\"#0563C1\">\r\n<![if supportMisc]><o:p></o:p><![endif]>\r\n\
            <table border=0 cellpadding=0 cellspacing=0 width=400 style='border-collapse:\r\n collapse;width:300pt'>\r\n<!--StartFragment-->\r\n\
            <col width=200 style='mso-width-source:userset;width:150pt'>\r\n<col width=100 span=2 style='width:75pt'>\r\n\
            <tr height=19 style='height:14.25pt'>\r\n  <td colspan=3 height=19 class=xl66 width=400 style='height:14.25pt;\r\n  width:300pt'>收入支出决算总表</td>\r\n </tr>\r\n\
            <tr height=19 style='height:14.25pt'>\r\n  <td height=19 class=xl67 style='height:14.25pt'>项<span\r\n  style='mso-spacerun:yes'>&nbsp; </span>目</td>\r\n  <td class=xl67>行次</td>\r\n  <td class=xl67>金额</td>\r\n </tr>\r\n\
            <tr height=19 style='height:14.25pt'>\r\n  <td colspan=2 height=19 class=xl68 style='mso-ignore:colspan'>一、一般公共预算财政拨款收入</td>\r\n  <td class=xl65 align=right x:num=\"10095.35\">10,095.35 </td>\r\n </tr>\r\n\
            <tr height=0 style='display:none'>\r\n  <td>隐藏的行</td><td>1</td><td>1.00</td>\r\n </tr>\r\n\
            <tr height=19 style='height:14.25pt'>\r\n  <td height=19 class=xl68>总计</td>\r\n  <td class=xl69 x:num>31</td>\r\n  <td class=xl65 x:num=\"10261.39\">10,261.39</td>\r\n </tr>\r\n\
            <!--EndFragment-->\r\n</table>\r\n</body>\r\n</html>";
        let text = clipboard(html).expect("a table");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            vec![
                "收入支出决算总表",
                "项 目             行次  金额",
                "一、一般公共预算财政拨款收入      10,095.35",
                "总计              31  10,261.39",
            ]
        );
    }

    /// A span is read from its own attribute, wherever it stands: after a
    /// style naming `colspan` (`mso-ignore:colspan`), or beside a
    /// `data-colspan`, which is no span.
    #[test]
    fn a_span_is_its_own_attributes_value() {
        assert_eq!(span(" style='mso-ignore:colspan' colspan=2", "colspan"), 2);
        assert_eq!(span(" data-colspan=\"5\" colspan=\"3\"", "colspan"), 3);
        assert_eq!(span(" data-colspan=5", "colspan"), 1);
        assert_eq!(span(" class=\"a\"ROWSPAN='4'", "rowspan"), 4);
        assert_eq!(span(" colspan=999", "colspan"), 64);
        assert_eq!(span(" colspan=x", "colspan"), 1);
        assert_eq!(attr(" style = 'display: none' ", "style"), Some("display: none"));
        assert_eq!(attr(" class=ft10>", "class"), Some("ft10"));
        // An overflowing label whose style comes first still spans its
        // empty neighbour: its amount stays in the third column.
        let text = clipboard(
            "<table><tr><td>项目</td><td>行次</td><td>金额</td></tr>\
             <tr><td style='mso-ignore:colspan' colspan=2>一、一般公共预算财政拨款收入</td><td>10,095.35</td></tr>\
             <tr><td>总计</td><td>31</td><td>10,261.39</td></tr></table>",
        )
        .expect("a table");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            vec!["项目              行次  金额", "一、一般公共预算财政拨款收入      10,095.35", "总计              31  10,261.39"]
        );
    }

    #[test]
    fn clipboard_needs_a_grid() {
        assert_eq!(clipboard("<meta charset='utf-8'><p>一、部门主要职责</p><p>（一）负责……</p>"), None);
        // A page laid out in a one-column table: prose, kept as plain text.
        assert_eq!(clipboard("<table><tr><td><p>第一段</p><p>第二段</p></td></tr><tr><td>第三段</td></tr></table>"), None);
        assert!(clipboard("<TABLE><TR><TD>合计<TD>1.00</TABLE>").is_some());
    }

    #[test]
    fn tags_quotes_captions_and_omitted_end_tags() {
        // `>` inside a quoted attribute (Google Sheets' data-sheets-value).
        let l = html_lines(
            "<table><caption>表一 收支总表</caption><tr><td data-v='{\"1\":\">\"}'>合计<td>1.00<tr><td>其中<td>0.50</table><p>说明</p>",
        );
        assert_eq!(l, vec!["表一 收支总表", "合计  1.00", "其中  0.50", "说明"]);
        // Word's <o:p> and a doctype leave no text.
        assert_eq!(html_lines("<!DOCTYPE html><p class=MsoNormal>正文<o:p></o:p></p><?xml:namespace prefix = o ?>"), vec!["正文"]);
    }

    #[test]
    fn junk_does_not_panic() {
        for s in [
            "<",
            "<<>>",
            "财<政",
            "&财政;",
            "&amp财政预算资金合计",
            "<table><td>",
            "</table></table>",
            "&#xFFFFFFFF;",
            "&",
            "<p",
            "<a href='>'>",
            "<td title=\"a>b",
            "<![if",
            "<?",
            "<table><tr style='display:none'><td>x",
            "<table><caption>x",
        ] {
            let _ = html_lines(s);
            let _ = clipboard(s);
        }
    }
}
