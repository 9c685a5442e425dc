//! Positioned glyphs → text lines shaped like `pdftotext -layout`: a PDF
//! page's ([`super::pdf`]), or an HTML page's whose text is placed by CSS
//! ([`super::html`]).
//!
//! Lines are rebuilt from baselines; within a line, a gap wider than a word
//! space starts a new run, and runs are padded with spaces towards the column
//! their x position gives, so a table's cells stay on their row's line and are
//! separated by at least two spaces (the table readers split cells on that).

/// One shown character in display space (y up; points for a PDF, px for
/// placed HTML; page rotation applied).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Left end of the glyph's baseline.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Advance along the baseline.
    pub w: f32,
    /// Font size as drawn (height of an em).
    pub size: f32,
    /// The character (ligatures give several glyphs sharing the advance).
    pub ch: char,
    /// Quarter turns of the baseline in display space: 0 left to right, 1
    /// bottom to top, 2 right to left (upside down), 3 top to bottom, 4 skewed.
    /// Turned text (rotated table headers, stamps) is laid out separately.
    pub turn: u8,
}

/// One page as glyphs in display space (y grows upwards, origin bottom-left,
/// /Rotate already applied).
#[derive(Debug, Clone, Default)]
pub struct PageGlyphs {
    /// The glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
}

/// A rebuilt line before it is turned into text.
struct Line<'a> {
    y: f32,
    size: f32,
    glyphs: Vec<&'a Glyph>,
}

/// The page's text lines, top to bottom; turned text follows in its own
/// reading frame (a rotated header reads as a line after the page's lines).
pub fn lines(page: &PageGlyphs) -> Vec<String> {
    let mut out = upright_lines(page.glyphs.iter().filter(|g| g.turn == 0));
    for turn in 1..=3u8 {
        // Rotate the glyphs back so that their baseline runs left to right.
        let turned: Vec<Glyph> = page
            .glyphs
            .iter()
            .filter(|g| g.turn == turn)
            .map(|g| {
                let (x, y) = match turn {
                    1 => (g.y, -g.x),
                    2 => (-g.x, -g.y),
                    _ => (-g.y, g.x),
                };
                Glyph { x, y, turn: 0, ..g.clone() }
            })
            .collect();
        let more = upright_lines(turned.iter());
        if !more.is_empty() {
            out.push(String::new());
            out.extend(more);
        }
    }
    out
}

fn upright_lines<'a>(glyphs: impl Iterator<Item = &'a Glyph>) -> Vec<String> {
    let mut gs: Vec<&Glyph> = glyphs.filter(|g| !g.ch.is_whitespace() && !g.ch.is_control()).collect();
    if gs.is_empty() {
        return Vec::new();
    }
    // Top to bottom, then left to right; total_cmp keeps NaN-free ordering total.
    gs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut sizes: Vec<f32> = gs.iter().map(|g| g.size).filter(|s| *s > 0.5).collect();
    sizes.sort_by(f32::total_cmp);
    let median_size = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0).max(1.0);
    // Column pitch: half an em of the body text, the width of a digit in the
    // fonts these documents use, which is what pdftotext's columns come to.
    let pitch = median_size * 0.5;
    let left = gs.iter().map(|g| g.x).fold(f32::INFINITY, f32::min);

    let mut lines: Vec<Line> = Vec::new();
    for g in gs {
        let size = if g.size > 0.5 { g.size } else { median_size };
        match lines.last_mut() {
            // Sorted by y, so only the last line can take this glyph.
            Some(l) if l.y - g.y <= 0.45 * l.size.min(size) => l.glyphs.push(g),
            _ => lines.push(Line { y: g.y, size, glyphs: vec![g] }),
        }
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut prev_y: Option<(f32, f32)> = None;
    for mut l in lines {
        l.glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
        dedupe(&mut l.glyphs);
        if let Some((py, ps)) = prev_y {
            // A gap of more than two lines' height becomes one blank line, as in pdftotext's output.
            if py - l.y > 2.2 * ps.max(l.size) {
                out.push(String::new());
            }
        }
        prev_y = Some((l.y, l.size));
        out.push(render(&l.glyphs, left, pitch));
    }
    out
}

/// Drops glyphs drawn twice at (almost) the same place: fake bold and shadows.
fn dedupe(gs: &mut Vec<&Glyph>) {
    let mut keep: Vec<&Glyph> = Vec::with_capacity(gs.len());
    for g in gs.iter() {
        let dup = keep
            .iter()
            .rev()
            .take(4)
            .any(|k| k.ch == g.ch && (k.x - g.x).abs() < 0.3 * k.w.max(0.5) && (k.y - g.y).abs() < 0.3 * k.size.max(0.5));
        if !dup {
            keep.push(g);
        }
    }
    *gs = keep;
}

fn render(gs: &[&Glyph], left: f32, pitch: f32) -> String {
    let mut s = String::new();
    let mut col = 0usize;
    let mut prev_end: Option<f32> = None;
    for g in gs {
        let target = (((g.x - left) / pitch).round().max(0.0) as usize).min(2000);
        let size = g.size.max(1.0);
        let spaces = match prev_end {
            None => target,
            Some(end) => {
                let gap = g.x - end;
                if gap < 0.12 * size {
                    0
                } else if gap < 0.8 * size {
                    target.saturating_sub(col).clamp(1, 1)
                } else {
                    target.saturating_sub(col).max(2)
                }
            }
        };
        for _ in 0..spaces {
            s.push(' ');
        }
        col += spaces;
        s.push(g.ch);
        col += 1;
        prev_end = Some(g.x + g.w.max(0.0));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(x: f32, y: f32, ch: char) -> Glyph {
        Glyph { x, y, w: 10.0, size: 10.0, ch, turn: 0 }
    }

    #[test]
    fn cells_on_one_line() {
        let mut glyphs = Vec::new();
        for (i, c) in "合计".chars().enumerate() {
            glyphs.push(g(10.0 + 10.0 * i as f32, 100.0, c));
        }
        for (i, c) in "16,482.53".chars().enumerate() {
            // A baseline 1pt lower (another font) still belongs to the row.
            glyphs.push(Glyph { w: 5.0, ..g(200.0 + 5.0 * i as f32, 99.0, c) });
        }
        glyphs.push(g(10.0, 80.0, '一'));
        let page = PageGlyphs { glyphs };
        let l = lines(&page);
        assert_eq!(l.len(), 2);
        assert!(l[0].starts_with("合计  "), "{:?}", l[0]);
        assert!(l[0].ends_with("16,482.53"));
        assert_eq!(l[1], "一");
    }

    #[test]
    fn rotated_header_reads_after_the_page() {
        // 项目 drawn bottom to top (a rotated table header) at x = 50.
        let mut glyphs = vec![g(10.0, 700.0, '表')];
        for (i, c) in "项目".chars().enumerate() {
            glyphs.push(Glyph { turn: 1, ..g(50.0, 600.0 + 10.0 * i as f32, c) });
        }
        let page = PageGlyphs { glyphs };
        assert_eq!(lines(&page), vec!["表".to_string(), String::new(), "项目".to_string()]);
    }
}
