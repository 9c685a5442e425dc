//! The text of an embedded TrueType font's glyphs, from the font's own `cmap`
//! table (Unicode → glyph id), inverted: for Type0 fonts of ordering Identity
//! that carry no ToUnicode map, whose codes are otherwise only glyph numbers.
//!
//! Reads format 4 (BMP segments) and format 12 (groups) subtables of the
//! Unicode platforms (0, and 3 with encoding 1 or 10). Every read is
//! bounds-checked and the work is bounded: hostile bytes give fewer glyphs,
//! never a panic, and at most [`MAX_PAIRS`] code points are visited per
//! subtable.

use std::collections::HashMap;

/// Code points visited per subtable at most: the BMP once over, plus room
/// for a font's supplementary-plane ideographs. Overlapping segments in a
/// hostile font cannot make the work larger.
const MAX_PAIRS: usize = 1 << 17;

/// Subtables read per font at most (real fonts have two to four).
const MAX_SUBTABLES: usize = 16;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    crate::input::bytes_at(b, at).map(u16::from_be_bytes)
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    crate::input::bytes_at(b, at).map(u32::from_be_bytes)
}

/// Glyph id → the character the font's `cmap` gives it. Empty when the font
/// has no usable `cmap` (subsets often drop it).
pub fn glyph_chars(font: &[u8]) -> HashMap<u16, char> {
    let mut out = HashMap::new();
    let Some(cmap) = table(font, b"cmap") else {
        return out;
    };
    let n = u16_at(cmap, 2).unwrap_or(0) as usize;
    for i in 0..n.min(MAX_SUBTABLES) {
        let rec = 4 + 8 * i;
        let (Some(platform), Some(encoding), Some(offset)) = (u16_at(cmap, rec), u16_at(cmap, rec + 2), u32_at(cmap, rec + 4)) else {
            break;
        };
        // Unicode subtables only: (3,0) is Symbol (codes F0xx), (1,0) Mac Roman.
        if !(platform == 0 || platform == 3 && (encoding == 1 || encoding == 10)) {
            continue;
        }
        let Some(sub) = cmap.get(offset as usize..) else { continue };
        match u16_at(sub, 0) {
            Some(4) => format4(sub, &mut out),
            Some(12) => format12(sub, &mut out),
            _ => {}
        }
    }
    out
}

/// The bytes of a table of an sfnt (TrueType) font, by tag.
fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let n = u16_at(font, 4)? as usize;
    (0..n).find_map(|i| {
        let rec = 12 + 16 * i;
        if font.get(rec..rec + 4)? != tag {
            return None;
        }
        let off = u32_at(font, rec + 8)? as usize;
        let len = u32_at(font, rec + 12)? as usize;
        // A wrong length is common in subsets; read to the end of the file then.
        font.get(off..off.saturating_add(len)).or_else(|| font.get(off..))
    })
}

/// Keeps, for a glyph several characters map to, the one a reader expects:
/// a unified ideograph over its compatibility or radical form, anything over
/// a private-use code, else the lowest code point (space over no-break space).
fn put(out: &mut HashMap<u16, char>, gid: u16, c: u32) {
    let Some(c) = char::from_u32(c) else { return };
    if gid == 0 || c.is_control() {
        return;
    }
    let rank = |c: char| {
        let unusual = matches!(c as u32, 0xE000..=0xF8FF | 0x2E80..=0x2FDF | 0xF900..=0xFAFF | 0xFE10..=0xFE4F | 0xF0000..);
        (unusual, c)
    };
    let old = out.entry(gid).or_insert(c);
    if rank(c) < rank(*old) {
        *old = c;
    }
}

/// Format 4: segments of BMP codes, each with a delta or an index into the
/// glyph id array.
fn format4(sub: &[u8], out: &mut HashMap<u16, char>) {
    let Some(seg_x2) = u16_at(sub, 6) else { return };
    let segs = seg_x2 as usize / 2;
    let ends = 14;
    let starts = ends + 2 * segs + 2;
    let deltas = starts + 2 * segs;
    let range_offsets = deltas + 2 * segs;
    let mut budget = MAX_PAIRS;
    for s in 0..segs {
        let (Some(end), Some(start), Some(delta), Some(ro)) =
            (u16_at(sub, ends + 2 * s), u16_at(sub, starts + 2 * s), u16_at(sub, deltas + 2 * s), u16_at(sub, range_offsets + 2 * s))
        else {
            return;
        };
        if start > end {
            continue;
        }
        for c in start..=end {
            if c == 0xFFFF || budget == 0 {
                break;
            }
            budget -= 1;
            let gid = if ro == 0 {
                c.wrapping_add(delta)
            } else {
                // The offset counts from the idRangeOffset entry itself.
                let at = range_offsets + 2 * s + ro as usize + 2 * (c - start) as usize;
                match u16_at(sub, at) {
                    Some(0) | None => continue,
                    Some(g) => g.wrapping_add(delta),
                }
            };
            put(out, gid, c as u32);
        }
    }
}

/// Format 12: groups of consecutive code points mapped to consecutive glyphs.
fn format12(sub: &[u8], out: &mut HashMap<u16, char>) {
    let Some(groups) = u32_at(sub, 12) else { return };
    let mut budget = MAX_PAIRS;
    for g in 0..groups as usize {
        let at = 16 + 12 * g;
        let (Some(first), Some(last), Some(glyph)) = (u32_at(sub, at), u32_at(sub, at + 4), u32_at(sub, at + 8)) else {
            return;
        };
        if first > last || last > 0x10FFFF {
            continue;
        }
        for c in first..=last {
            if budget == 0 {
                return;
            }
            budget -= 1;
            if let Ok(gid) = u16::try_from(glyph.saturating_add(c - first)) {
                put(out, gid, c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An sfnt holding one `cmap` table with the given subtables
    /// (platform, encoding, bytes).
    fn font(subtables: &[(u16, u16, Vec<u8>)]) -> Vec<u8> {
        let mut cmap = vec![0, 0];
        cmap.extend((subtables.len() as u16).to_be_bytes());
        let mut off = 4 + 8 * subtables.len();
        for (p, e, b) in subtables {
            cmap.extend(p.to_be_bytes());
            cmap.extend(e.to_be_bytes());
            cmap.extend((off as u32).to_be_bytes());
            off += b.len();
        }
        for (_, _, b) in subtables {
            cmap.extend(b);
        }
        let mut f = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        f.extend(b"cmap");
        f.extend([0; 4]);
        f.extend(28u32.to_be_bytes());
        f.extend((cmap.len() as u32).to_be_bytes());
        f.extend(cmap);
        f
    }

    /// A format 4 subtable from (start, end, delta, range offset) segments
    /// and a glyph id array; the final 0xFFFF segment is added.
    fn format4_bytes(segs: &[(u16, u16, u16, u16)], glyphs: &[u16]) -> Vec<u8> {
        let mut segs = segs.to_vec();
        segs.push((0xFFFF, 0xFFFF, 1, 0));
        let n = segs.len() as u16;
        let mut b = vec![0, 4, 0, 0, 0, 0];
        b.extend((2 * n).to_be_bytes());
        b.extend([0; 6]);
        segs.iter().for_each(|s| b.extend(s.1.to_be_bytes()));
        b.extend([0, 0]);
        segs.iter().for_each(|s| b.extend(s.0.to_be_bytes()));
        segs.iter().for_each(|s| b.extend(s.2.to_be_bytes()));
        segs.iter().for_each(|s| b.extend(s.3.to_be_bytes()));
        glyphs.iter().for_each(|g| b.extend(g.to_be_bytes()));
        b
    }

    #[test]
    fn format4_deltas_and_glyph_arrays() {
        // 财政 (U+8D22, U+653F) by delta to glyphs 1 and 2; 0–9 through the
        // glyph array (the offset counts from the segment's own entry: four
        // entries, the closing 0xFFFF segment's among them, then the array).
        let d = |c: u16, g: u16| g.wrapping_sub(c);
        let digits: Vec<u16> = (3..13).collect();
        let sub = format4_bytes(&[(0x30, 0x39, 0, 8), (0x653F, 0x653F, d(0x653F, 2), 0), (0x8D22, 0x8D22, d(0x8D22, 1), 0)], &digits);
        let m = glyph_chars(&font(&[(3, 1, sub)]));
        assert_eq!(m.get(&1), Some(&'财'));
        assert_eq!(m.get(&2), Some(&'政'));
        assert_eq!(m.get(&3), Some(&'0'));
        assert_eq!(m.get(&12), Some(&'9'));
        assert_eq!(m.len(), 12);
    }

    #[test]
    fn a_glyph_of_several_characters_reads_as_the_unified_ideograph() {
        // 年 at U+5E74 and its compatibility form U+F98E share glyph 5;
        // the Kangxi radical ⼀ (U+2F00) and 一 (U+4E00) share glyph 6.
        let d = |c: u16, g: u16| g.wrapping_sub(c);
        let segs = [
            (0x2F00, 0x2F00, d(0x2F00, 6), 0),
            (0x4E00, 0x4E00, d(0x4E00, 6), 0),
            (0x5E74, 0x5E74, d(0x5E74, 5), 0),
            (0xF98E, 0xF98E, d(0xF98E, 5), 0),
        ];
        let m = glyph_chars(&font(&[(3, 1, format4_bytes(&segs, &[]))]));
        assert_eq!(m.get(&5), Some(&'年'));
        assert_eq!(m.get(&6), Some(&'一'));
    }

    #[test]
    fn format12_groups_and_symbol_subtables_skipped() {
        let mut sub = vec![0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        sub.extend(1u32.to_be_bytes());
        sub.extend([0x20000u32, 0x20001, 7].iter().flat_map(|v| v.to_be_bytes()));
        // A Symbol (3,0) subtable mapping U+F041 to glyph 9 is not text.
        let symbol = format4_bytes(&[(0xF041, 0xF041, 9u16.wrapping_sub(0xF041), 0)], &[]);
        let m = glyph_chars(&font(&[(3, 10, sub), (3, 0, symbol)]));
        assert_eq!(m.get(&7), Some(&'\u{20000}'));
        assert_eq!(m.get(&8), Some(&'\u{20001}'));
        assert_eq!(m.get(&9), None);
    }

    #[test]
    fn hostile_tables_are_bounded_and_never_panic() {
        // 30 000 segments each claiming all of the BMP: at most MAX_PAIRS visits.
        let segs = vec![(0u16, 0xFFFEu16, 1u16, 0u16); 30_000];
        let t = std::time::Instant::now();
        let m = glyph_chars(&font(&[(3, 1, format4_bytes(&segs, &[]))]));
        assert!(m.len() <= MAX_PAIRS);
        // A format 12 group over all of Unicode, 4 billion groups claimed.
        let mut sub = vec![0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        sub.extend(u32::MAX.to_be_bytes());
        sub.extend([0u32, 0x10FFFF, 1].iter().flat_map(|v| v.to_be_bytes()));
        glyph_chars(&font(&[(0, 4, sub)]));
        assert!(t.elapsed().as_secs() < 5);
        // Truncated and nonsense bytes: no glyphs, no panic.
        let f = font(&[(3, 1, format4_bytes(&[(0x30, 0x39, 0, 0xFFF0)], &[]))]);
        for cut in 0..f.len() {
            glyph_chars(&f[..cut]);
        }
        assert!(glyph_chars(&[0xFF; 64]).is_empty());
        assert!(glyph_chars(b"").is_empty());
    }
}
