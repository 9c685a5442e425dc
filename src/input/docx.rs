//! Word documents (.docx): paragraphs as lines, tables as aligned grids.

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
    let lines = document_lines(&xml);
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

/// The lines of word/document.xml's body, tables included (nested tables are flattened into their cell).
pub fn document_lines(xml: &[u8]) -> Vec<String> {
    let mut rd = XmlReader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut para = String::new();
    let mut in_text = false;
    let mut tables: Vec<Table> = Vec::new();
    let mut cell: Option<(String, usize, bool)> = None;
    loop {
        let ev = match rd.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let ln = e.local_name();
                let name: &[u8] = ln.into_inner().as_bytes();
                match name {
                    b"t" => in_text = true,
                    b"tab" => para.push_str("  "),
                    b"br" => para.push(' '),
                    b"tbl" => tables.push(Table::default()),
                    b"tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.rows.push(Vec::new());
                        }
                    }
                    b"tc" if tables.len() == 1 => cell = Some((String::new(), 1, false)),
                    b"gridSpan" | b"vMerge" => {
                        let val = e.attributes().flatten().find(|a| a.key.local_name().into_inner() == "val").map(|a| a.value.to_string());
                        if let Some(c) = cell.as_mut() {
                            if name == b"gridSpan" {
                                c.1 = val.and_then(|v| v.parse().ok()).unwrap_or(1usize).clamp(1, 64);
                            } else {
                                // <w:vMerge/> without val="restart" continues the cell above.
                                c.2 = val.as_deref() != Some("restart");
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
                b"p" => {
                    let p = std::mem::take(&mut para);
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
}
