//! CMaps: ToUnicode maps and the code-space ranges that split a string into codes.

use std::collections::HashMap;

use super::content::{Lexer, Tok};

/// A parsed CMap: how many bytes each code has, and (for ToUnicode) its text.
#[derive(Debug, Default, Clone)]
pub struct CMap {
    /// Code-space ranges: (byte length, low, high).
    pub ranges: Vec<(usize, u32, u32)>,
    /// Code → Unicode text (ToUnicode, bfchar/bfrange).
    pub uni: HashMap<u32, String>,
    /// Code ranges → first CID (cidrange; cidchar as one-code ranges).
    pub cids: Vec<(u32, u32, u32)>,
}

/// Caps one CMap's entries so that a hostile bfrange (0000–FFFFFFFF) cannot
/// allocate gigabytes.
const MAX_ENTRIES: u32 = 1 << 17;

fn be(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0u32, |a, &x| a << 8 | x as u32)
}

/// UTF-16BE bytes (a bfchar destination) to text; lone surrogates are dropped.
fn utf16(b: &[u8]) -> String {
    let units: Vec<u16> = b.chunks(2).map(|c| if c.len() == 2 { (c[0] as u16) << 8 | c[1] as u16 } else { c[0] as u16 }).collect();
    char::decode_utf16(units).filter_map(|r| r.ok()).collect()
}

/// Adds `delta` to the last UTF-16 unit of a bfrange destination.
fn bump(b: &[u8], delta: u32) -> String {
    let mut v = b.to_vec();
    if v.len() >= 2 {
        let n = v.len();
        let last = ((v[n - 2] as u32) << 8 | v[n - 1] as u32).wrapping_add(delta);
        v[n - 2] = (last >> 8) as u8;
        v[n - 1] = last as u8;
    } else if let Some(x) = v.last_mut() {
        *x = x.wrapping_add(delta as u8);
    }
    utf16(&v)
}

/// Parses a CMap stream. Unknown or broken parts are skipped.
pub fn parse(data: &[u8]) -> CMap {
    let mut cm = CMap::default();
    let mut stack: Vec<Tok> = Vec::new();
    let mut in_array = false;
    let mut array: Vec<Vec<u8>> = Vec::new();
    let mut mode: &[u8] = b"";
    let mut entries = 0u32;
    for t in Lexer::new(data) {
        match t {
            Tok::ArrOpen => {
                in_array = true;
                array.clear();
            }
            Tok::ArrClose => {
                in_array = false;
                // A bfrange whose destination is an array: one string per code.
                if mode == b"bfrange" && stack.len() >= 2 {
                    let (Tok::Str(lo), Tok::Str(hi)) = (&stack[stack.len() - 2], &stack[stack.len() - 1]) else {
                        stack.clear();
                        continue;
                    };
                    let (lo, hi) = (be(lo), be(hi));
                    for (k, d) in array.iter().enumerate() {
                        let code = lo.saturating_add(k as u32);
                        if code > hi || entries >= MAX_ENTRIES {
                            break;
                        }
                        cm.uni.insert(code, utf16(d));
                        entries += 1;
                    }
                    stack.clear();
                }
            }
            Tok::Str(s) if in_array => array.push(s),
            Tok::Op(op) => {
                match op.as_slice() {
                    b"begincodespacerange" => mode = b"codespace",
                    b"beginbfchar" => mode = b"bfchar",
                    b"beginbfrange" => mode = b"bfrange",
                    b"begincidchar" => mode = b"cidchar",
                    b"begincidrange" => mode = b"cidrange",
                    b"endcodespacerange" | b"endbfchar" | b"endbfrange" | b"endcidchar" | b"endcidrange" => mode = b"",
                    _ => {}
                }
                stack.clear();
            }
            t => {
                stack.push(t);
                match mode {
                    b"codespace" if stack.len() == 2 => {
                        if let (Tok::Str(lo), Tok::Str(hi)) = (&stack[0], &stack[1]) {
                            if !lo.is_empty() && lo.len() <= 4 {
                                cm.ranges.push((lo.len(), be(lo), be(hi)));
                            }
                        }
                        stack.clear();
                    }
                    b"bfchar" if stack.len() == 2 => {
                        if let (Tok::Str(src), Tok::Str(dst)) = (&stack[0], &stack[1]) {
                            if entries < MAX_ENTRIES {
                                cm.uni.insert(be(src), utf16(dst));
                                entries += 1;
                            }
                        }
                        stack.clear();
                    }
                    b"bfrange" if stack.len() == 3 => {
                        if let (Tok::Str(lo), Tok::Str(hi), Tok::Str(dst)) = (&stack[0], &stack[1], &stack[2]) {
                            let (lo, hi) = (be(lo), be(hi));
                            let mut c = lo;
                            while c <= hi && entries < MAX_ENTRIES {
                                cm.uni.insert(c, bump(dst, c - lo));
                                entries += 1;
                                if c == u32::MAX {
                                    break;
                                }
                                c += 1;
                            }
                        }
                        stack.clear();
                    }
                    b"cidrange" if stack.len() == 3 => {
                        if let (Tok::Str(lo), Tok::Str(hi), Tok::Num(cid)) = (&stack[0], &stack[1], &stack[2]) {
                            if cm.cids.len() < MAX_ENTRIES as usize {
                                cm.cids.push((be(lo), be(hi), cid.max(0.0) as u32));
                            }
                        }
                        stack.clear();
                    }
                    b"cidchar" if stack.len() == 2 => {
                        if let (Tok::Str(c), Tok::Num(cid)) = (&stack[0], &stack[1]) {
                            if cm.cids.len() < MAX_ENTRIES as usize {
                                cm.cids.push((be(c), be(c), cid.max(0.0) as u32));
                            }
                        }
                        stack.clear();
                    }
                    _ => {
                        if stack.len() > 8 {
                            stack.clear();
                        }
                    }
                }
            }
        }
    }
    cm
}

impl CMap {
    /// The CID of a code by the cidrange/cidchar entries.
    pub fn cid_of(&self, code: u32) -> Option<u32> {
        self.cids.iter().rev().find(|(lo, hi, _)| code >= *lo && code <= *hi).map(|(lo, _, cid)| cid.saturating_add(code - lo))
    }

    /// The byte length of the code starting at `b`, from the code-space ranges
    /// (the shortest range that matches, as the PDF spec's matching rule gives
    /// for well-formed maps); `None` when no range is declared.
    pub fn code_len(&self, b: &[u8]) -> Option<usize> {
        if self.ranges.is_empty() {
            return None;
        }
        for len in 1..=4 {
            if b.len() < len {
                break;
            }
            let v = be(&b[..len]);
            if self.ranges.iter().any(|&(l, lo, hi)| l == len && v >= lo && v <= hi) {
                return Some(len);
            }
        }
        // No range matches: take the shortest declared length, as viewers do.
        self.ranges.iter().map(|r| r.0).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfchar_bfrange() {
        let cm = parse(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <01F2> <8D22> endbfchar\n\
              2 beginbfrange <0010> <0012> <0030> <0020> <0021> [<5E74> <0066006C>] endbfrange",
        );
        assert_eq!(cm.uni[&3], " ");
        assert_eq!(cm.uni[&0x1F2], "财");
        assert_eq!(cm.uni[&0x12], "2");
        assert_eq!(cm.uni[&0x20], "年");
        assert_eq!(cm.uni[&0x21], "fl");
        assert_eq!(cm.code_len(&[0x01, 0xF2]), Some(2));
        let enc = parse(b"1 begincidrange <8140> <817e> 10062 endcidrange 1 begincidchar <20> 1 endcidchar");
        assert_eq!(enc.cid_of(0x8141), Some(10063));
        assert_eq!(enc.cid_of(0x20), Some(1));
        assert_eq!(enc.cid_of(0x41), None);
    }

    #[test]
    fn hostile_range_is_capped() {
        let cm = parse(b"beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert!(cm.uni.len() <= MAX_ENTRIES as usize);
    }
}
