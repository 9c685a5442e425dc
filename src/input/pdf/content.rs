//! A forgiving tokeniser for content streams and CMaps.
//!
//! Written by hand rather than using lopdf's `Content::decode` because that
//! rejects a whole stream on the first syntax error, and real files carry
//! junk; here an unreadable byte is skipped and reading goes on.

/// One operand or operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A number (integers are read as floats; text operators need no more).
    Num(f32),
    /// A literal or hex string's bytes.
    Str(Vec<u8>),
    /// A name without its slash.
    Name(Vec<u8>),
    /// `[`: arrays are flattened; the interpreter only needs TJ's elements.
    ArrOpen,
    /// `]`.
    ArrClose,
    /// An operator keyword (or `true`, `false`, `null`).
    Op(Vec<u8>),
}

/// Iterates over the tokens of a stream; never fails, never loops forever.
pub struct Lexer<'a> {
    b: &'a [u8],
    pub(crate) i: usize,
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `b`.
    pub fn new(b: &'a [u8]) -> Self {
        Lexer { b, i: 0 }
    }

    fn skip_ws(&mut self) {
        while self.i < self.b.len() {
            match self.b[self.i] {
                b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0' => self.i += 1,
                b'%' => {
                    while self.i < self.b.len() && self.b[self.i] != b'\n' && self.b[self.i] != b'\r' {
                        self.i += 1;
                    }
                }
                _ => break,
            }
        }
    }

    /// Skips inline image data after `ID` up to the `EI` that ends it.
    pub fn skip_inline_image(&mut self) {
        let b = self.b;
        let mut i = self.i + 1;
        while i + 2 <= b.len() {
            if &b[i..i + 2] == b"EI" && (i == 0 || is_ws(b[i - 1])) && (i + 2 == b.len() || is_ws(b[i + 2]) || is_delim(b[i + 2])) {
                self.i = i + 2;
                return;
            }
            i += 1;
        }
        self.i = b.len();
    }
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delim(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn hexval(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

impl Iterator for Lexer<'_> {
    type Item = Tok;

    fn next(&mut self) -> Option<Tok> {
        loop {
            self.skip_ws();
            let b = self.b;
            if self.i >= b.len() {
                return None;
            }
            let c = b[self.i];
            match c {
                b'[' => {
                    self.i += 1;
                    return Some(Tok::ArrOpen);
                }
                b']' => {
                    self.i += 1;
                    return Some(Tok::ArrClose);
                }
                b'/' => {
                    self.i += 1;
                    let s = self.i;
                    while self.i < b.len() && !is_ws(b[self.i]) && !is_delim(b[self.i]) {
                        self.i += 1;
                    }
                    return Some(Tok::Name(unescape_name(&b[s..self.i])));
                }
                b'(' => {
                    self.i += 1;
                    return Some(Tok::Str(self.literal()));
                }
                b'<' => {
                    if b.get(self.i + 1) == Some(&b'<') {
                        // Dictionaries (inline image parameters, marked content
                        // properties) are skipped as separate tokens.
                        self.i += 2;
                        return Some(Tok::Op(b"<<".to_vec()));
                    }
                    self.i += 1;
                    let mut out = Vec::new();
                    let mut hi: Option<u8> = None;
                    while self.i < b.len() && b[self.i] != b'>' {
                        if let Some(v) = hexval(b[self.i]) {
                            match hi.take() {
                                Some(h) => out.push(h << 4 | v),
                                None => hi = Some(v),
                            }
                        }
                        self.i += 1;
                    }
                    if let Some(h) = hi {
                        out.push(h << 4);
                    }
                    self.i += 1;
                    return Some(Tok::Str(out));
                }
                b'>' => {
                    self.i += if b.get(self.i + 1) == Some(&b'>') { 2 } else { 1 };
                    return Some(Tok::Op(b">>".to_vec()));
                }
                b'+' | b'-' | b'.' | b'0'..=b'9' => {
                    let s = self.i;
                    self.i += 1;
                    while self.i < b.len() && matches!(b[self.i], b'0'..=b'9' | b'.' | b'-' | b'+') {
                        self.i += 1;
                    }
                    let t = std::str::from_utf8(&b[s..self.i]).unwrap_or("0");
                    // Malformed numbers such as "--5" or "1.2.3" read as 0, as viewers do.
                    return Some(Tok::Num(t.parse::<f32>().unwrap_or(0.0)));
                }
                b')' | b'{' | b'}' => {
                    self.i += 1;
                    continue;
                }
                _ => {
                    let s = self.i;
                    while self.i < b.len() && !is_ws(b[self.i]) && !is_delim(b[self.i]) {
                        self.i += 1;
                    }
                    if self.i == s {
                        self.i += 1;
                        continue;
                    }
                    return Some(Tok::Op(b[s..self.i].to_vec()));
                }
            }
        }
    }
}

impl Lexer<'_> {
    /// A literal string after its `(`, with escapes and balanced parentheses.
    fn literal(&mut self) -> Vec<u8> {
        let b = self.b;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while self.i < b.len() {
            let c = b[self.i];
            self.i += 1;
            match c {
                b'\\' => {
                    let Some(&e) = b.get(self.i) else { break };
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if b.get(self.i) == Some(&b'\n') {
                                self.i += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match b.get(self.i) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
        out
    }
}

fn unescape_name(n: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(n.len());
    let mut i = 0;
    while i < n.len() {
        if n[i] == b'#' && i + 2 < n.len() {
            if let (Some(h), Some(l)) = (hexval(n[i + 1]), hexval(n[i + 2])) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(n[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let t: Vec<Tok> = Lexer::new(b"BT /F1 12 Tf [(a\\051b) -250 <4E2D>] TJ ET").collect();
        assert_eq!(t[1], Tok::Name(b"F1".to_vec()));
        assert_eq!(t[2], Tok::Num(12.0));
        assert_eq!(t[5], Tok::Str(b"a)b".to_vec()));
        assert_eq!(t[6], Tok::Num(-250.0));
        assert_eq!(t[7], Tok::Str(vec![0x4E, 0x2D]));
    }

    #[test]
    fn junk_never_hangs() {
        for s in [&b"(((("[..], b"<<<<", b"\\", b"/#", b"BI /W 1 ID \xff\xff", b"-.-.", b")))]]]"] {
            let _ = Lexer::new(s).count();
        }
    }
}
