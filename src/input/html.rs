//! HTML pages: paragraphs as lines, `<table>`s as aligned grids.
//!
//! A small tag scanner rather than an HTML5 parser: portal pages are simple,
//! and a dependency-free reader costs nothing in the wasm bundle (in the app a
//! pasted text/html can also go through the browser's own DOMParser).

use super::grid::{Grid, Merge};
use super::{Extracted, InputKind};
use crate::InputError;

/// Reads an HTML page into layout text.
pub fn extract(bytes: &[u8]) -> Result<Extracted, InputError> {
    let html = decode(bytes);
    let lines = html_lines(&html);
    if lines.iter().all(|l| l.trim().is_empty()) {
        return Err(InputError::Empty);
    }
    let mut text = String::new();
    for l in &lines {
        text.push_str(l);
        text.push('\n');
    }
    Ok(Extracted { page_of_line: vec![1; lines.len()], text, kind: InputKind::Html, pages: 1, sheet_names: Vec::new() })
}

/// Bytes to text: a `charset=gb2312/gbk/gb18030` near the start means GB18030, else the usual detection.
fn decode(bytes: &[u8]) -> String {
    let head: String = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    if ["charset=gb2312", "charset=\"gb2312", "charset=gbk", "charset=\"gbk", "charset=gb18030", "charset=\"gb18030"]
        .iter()
        .any(|c| head.contains(c))
    {
        return encoding_rs::GB18030.decode(bytes).0.into_owned();
    }
    crate::text::decode(bytes).text
}

struct Tag<'a> {
    name: String,
    closing: bool,
    attrs: &'a str,
}

/// Parses `<name attrs>` at the start of `s`; returns the tag and its length.
fn tag(s: &str) -> Option<(Tag<'_>, usize)> {
    let end = s.find('>')?;
    let inner = &s[1..end];
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, inner),
    };
    let name_end = inner.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some((Tag { name, closing, attrs: &inner[name_end..] }, end + 1))
}

fn attr_num(attrs: &str, key: &str) -> usize {
    let lower = attrs.to_ascii_lowercase();
    let Some(i) = lower.find(key) else { return 1 };
    let rest = lower[i + key.len()..].trim_start();
    let Some(rest) = rest.strip_prefix('=') else { return 1 };
    let digits: String = rest.trim_start().trim_start_matches(['"', '\'']).chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().unwrap_or(1).clamp(1, 64)
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
        let Some(semi) = rest.find(';').filter(|&k| k <= 12) else {
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

/// The page's lines; text in block elements becomes a line, tables aligned grids.
pub fn html_lines(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    // Nested tables are flattened into the outer table's cell.
    let mut depth = 0usize;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut cell: Option<Cell> = None;
    let mut skip: Option<String> = None;
    let mut i = 0;
    let b = html.as_bytes();
    let flush = |line: &mut String, out: &mut Vec<String>| {
        let t = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            out.push(t);
        }
        line.clear();
    };
    while i < html.len() {
        if b[i] == b'<' {
            if html[i..].starts_with("<!--") {
                i = html[i..].find("-->").map(|k| i + k + 3).unwrap_or(html.len());
                continue;
            }
            if let Some((t, len)) = tag(&html[i..]) {
                i += len;
                if let Some(s) = &skip {
                    if t.closing && &t.name == s {
                        skip = None;
                    }
                    continue;
                }
                match (t.name.as_str(), t.closing) {
                    ("script" | "style" | "head" | "title", false) => skip = Some(t.name.clone()),
                    ("table", false) => {
                        depth += 1;
                        if depth == 1 {
                            flush(&mut line, &mut out);
                            rows.clear();
                        }
                    }
                    ("table", true) if depth > 0 => {
                        depth -= 1;
                        if depth == 0 {
                            out.extend(table_grid(&rows).lines());
                            rows.clear();
                        }
                    }
                    ("tr", false) if depth == 1 => rows.push(Vec::new()),
                    ("td" | "th", false) if depth == 1 => {
                        cell = Some((String::new(), attr_num(t.attrs, "colspan"), attr_num(t.attrs, "rowspan")));
                    }
                    ("td" | "th", true) if depth == 1 => {
                        if let Some(c) = cell.take() {
                            if rows.is_empty() {
                                rows.push(Vec::new());
                            }
                            if let Some(r) = rows.last_mut() {
                                r.push(c);
                            }
                        }
                    }
                    ("p" | "div" | "br" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "tr", _) if depth == 0 => {
                        flush(&mut line, &mut out)
                    }
                    ("p" | "div" | "br" | "li", _) => {
                        if let Some(c) = cell.as_mut() {
                            c.0.push(' ');
                        }
                    }
                    _ => {}
                }
                continue;
            }
        }
        // Text up to the next tag.
        let step = html[i..].chars().next().map(char::len_utf8).unwrap_or(1);
        let next = html[i + step..].find('<').map(|k| i + step + k).unwrap_or(html.len());
        if skip.is_none() {
            let text = entities(&html[i..next]);
            match cell.as_mut() {
                Some(c) if depth > 0 => c.0.push_str(&text),
                _ if depth > 0 => {}
                _ => line.push_str(&text),
            }
        }
        i = next;
    }
    flush(&mut line, &mut out);
    out
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

    #[test]
    fn paragraphs_and_table() {
        let html = "<html><head><title>x</title><style>p{}</style></head><body>\
            <p>江苏省人大常委会办公厅&nbsp;2019年部门预算</p>\
            <table><tr><th colspan=2>收支预算总表</th></tr>\
            <tr><td rowspan=\"2\">一、财政拨款</td><td>18,330.37</td></tr>\
            <tr><td>9,312.90</td></tr></table><p>单位：万元</p></body></html>";
        let l = html_lines(html);
        assert_eq!(l[0], "江苏省人大常委会办公厅 2019年部门预算");
        assert_eq!(l[1], "收支预算总表");
        assert_eq!(l[2], "一、财政拨款  18,330.37");
        assert_eq!(l[3], "        9,312.90");
        assert_eq!(l[4], "单位：万元");
    }

    #[test]
    fn junk_does_not_panic() {
        for s in ["<", "<<>>", "财<政", "&财政;", "&amp财政预算资金合计",  "<table><td>", "</table></table>", "&#xFFFFFFFF;", "&", "<p", "<a href='>'>"] {
            let _ = html_lines(s);
        }
    }
}
