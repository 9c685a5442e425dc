//! Runs the text and graphics-state operators of a content stream into glyphs.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::content::{Lexer, Tok};
use super::fonts::{Code, Font};
use super::{deref, dict_get, num, Limits};
use crate::input::layout::Glyph;

type M = [f32; 6];

fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

#[derive(Clone)]
struct GState {
    ctm: M,
    font: Option<Rc<Font>>,
    size: f32,
    char_sp: f32,
    word_sp: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
    render: i32,
}

/// The interpreter for one page.
pub struct Interp<'a> {
    doc: &'a Document,
    limits: Limits,
    fonts: &'a mut HashMap<ObjectId, Rc<Font>>,
    /// Font dictionaries written inline in a resource dictionary, by address
    /// (the document is borrowed, so it does not move): loading one can mean
    /// inflating its embedded font, once per page, not at every Tf.
    inline_fonts: HashMap<*const Dictionary, Rc<Font>>,
    display: M,
    /// The glyphs produced so far.
    pub glyphs: Vec<Glyph>,
    ops: usize,
    codes: Vec<Code>,
}

impl<'a> Interp<'a> {
    /// An interpreter drawing onto a page whose display transform is `display`.
    pub fn new(doc: &'a Document, limits: Limits, fonts: &'a mut HashMap<ObjectId, Rc<Font>>, display: M) -> Self {
        Interp { doc, limits, fonts, inline_fonts: HashMap::new(), display, glyphs: Vec::new(), ops: 0, codes: Vec::new() }
    }

    fn font(&mut self, res: Option<&Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = match res.map(|r| dict_get(self.doc, r, b"Font")) {
            Some(Object::Dictionary(f)) => f,
            _ => return None,
        };
        let entry = fonts.get(name).ok()?;
        match entry {
            Object::Reference(id) => {
                if let Some(f) = self.fonts.get(id) {
                    return Some(f.clone());
                }
                let f = match deref(self.doc, entry) {
                    Object::Dictionary(d) => Rc::new(Font::load(self.doc, d)),
                    _ => return None,
                };
                self.fonts.insert(*id, f.clone());
                Some(f)
            }
            Object::Dictionary(d) => {
                let doc = self.doc;
                Some(self.inline_fonts.entry(d as *const Dictionary).or_insert_with(|| Rc::new(Font::load(doc, d))).clone())
            }
            _ => None,
        }
    }

    /// Runs a content stream with its resources on top of `ctm`.
    pub fn run(&mut self, content: &[u8], res: Option<&Dictionary>, depth: usize) {
        self.run_with(content, res, depth, ID)
    }

    fn run_with(&mut self, content: &[u8], res: Option<&Dictionary>, depth: usize, ctm: M) {
        let mut gs = GState { ctm, font: None, size: 0.0, char_sp: 0.0, word_sp: 0.0, hscale: 1.0, leading: 0.0, rise: 0.0, render: 0 };
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = ID;
        let mut tlm = ID;
        let mut args: Vec<Tok> = Vec::new();
        let mut arr_depth = 0usize;
        let mut lex = Lexer::new(content);
        while let Some(t) = lex.next() {
            match t {
                Tok::ArrOpen => {
                    arr_depth += 1;
                    args.push(Tok::ArrOpen);
                    continue;
                }
                Tok::ArrClose => {
                    arr_depth = arr_depth.saturating_sub(1);
                    args.push(Tok::ArrClose);
                    continue;
                }
                Tok::Op(op) if arr_depth == 0 => {
                    self.ops += 1;
                    if self.ops > self.limits.page_ops || self.glyphs.len() >= self.limits.page_glyphs {
                        return;
                    }
                    let n = |i: usize| -> f32 {
                        // Operands are counted from the end, so a stray extra operand does no harm.
                        let k = args.len().checked_sub(i + 1);
                        match k.and_then(|k| args.get(k)) {
                            Some(Tok::Num(v)) if v.is_finite() => *v,
                            _ => 0.0,
                        }
                    };
                    match op.as_slice() {
                        b"q" if stack.len() < 64 => stack.push(gs.clone()),
                        b"Q" => {
                            if let Some(s) = stack.pop() {
                                gs = s;
                            }
                        }
                        b"cm" => {
                            let m = [n(5), n(4), n(3), n(2), n(1), n(0)];
                            gs.ctm = mul(&m, &gs.ctm);
                        }
                        b"BT" => {
                            tm = ID;
                            tlm = ID;
                        }
                        b"Tf" => {
                            gs.size = n(0);
                            let name = args.iter().rev().find_map(|t| match t {
                                Tok::Name(n) => Some(n.clone()),
                                _ => None,
                            });
                            gs.font = name.and_then(|nm| self.font(res, &nm)).or_else(|| Some(Rc::new(Font::fallback())));
                        }
                        b"Tc" => gs.char_sp = n(0),
                        b"Tw" => gs.word_sp = n(0),
                        b"Tz" => gs.hscale = n(0) / 100.0,
                        b"TL" => gs.leading = n(0),
                        b"Ts" => gs.rise = n(0),
                        b"Tr" => gs.render = n(0) as i32,
                        b"Td" => {
                            tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(1), n(0)], &tlm);
                            tm = tlm;
                        }
                        b"TD" => {
                            gs.leading = -n(0);
                            tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(1), n(0)], &tlm);
                            tm = tlm;
                        }
                        b"Tm" => {
                            tlm = [n(5), n(4), n(3), n(2), n(1), n(0)];
                            tm = tlm;
                        }
                        b"T*" => {
                            tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                            tm = tlm;
                        }
                        b"Tj" | b"'" | b"\"" => {
                            if op.as_slice() != b"Tj" {
                                if op.as_slice() == b"\"" {
                                    gs.word_sp = n(2);
                                    gs.char_sp = n(1);
                                }
                                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                                tm = tlm;
                            }
                            if let Some(Tok::Str(s)) = args.iter().rev().find(|t| matches!(t, Tok::Str(_))) {
                                let s = s.clone();
                                self.show(&s, &gs, &mut tm);
                            }
                        }
                        b"TJ" => {
                            let items = std::mem::take(&mut args);
                            for it in items {
                                match it {
                                    Tok::Str(s) => self.show(&s, &gs, &mut tm),
                                    Tok::Num(v) if v.is_finite() => {
                                        let font_vertical = gs.font.as_ref().map(|f| f.vertical).unwrap_or(false);
                                        let adj = -v / 1000.0 * gs.size;
                                        if font_vertical {
                                            tm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, adj], &tm);
                                        } else {
                                            tm = mul(&[1.0, 0.0, 0.0, 1.0, adj * gs.hscale, 0.0], &tm);
                                        }
                                    }
                                    _ => {}
                                }
                            }
                        }
                        b"Do" => {
                            if let Some(Tok::Name(nm)) = args.last() {
                                let nm = nm.clone();
                                self.xobject(res, &nm, &gs, depth);
                            }
                        }
                        b"BI" => {}
                        b"ID" => lex.skip_inline_image(),
                        _ => {}
                    }
                    args.clear();
                }
                t => {
                    // Bound operands: a stream of numbers without operators must not grow memory.
                    if args.len() < 1 << 16 {
                        args.push(t);
                    }
                }
            }
        }
    }

    fn xobject(&mut self, res: Option<&Dictionary>, name: &[u8], gs: &GState, depth: usize) {
        let xobjs = match res.map(|r| dict_get(self.doc, r, b"XObject")) {
            Some(Object::Dictionary(x)) => x,
            _ => return,
        };
        let Object::Stream(s) = dict_get(self.doc, xobjs, name) else { return };
        match dict_get(self.doc, &s.dict, b"Subtype") {
            Object::Name(n) if n == b"Form" && depth < 8 => {
                let m = match dict_get(self.doc, &s.dict, b"Matrix") {
                    Object::Array(a) if a.len() == 6 => {
                        let v: Vec<f32> = a.iter().map(|o| num(deref(self.doc, o)).unwrap_or(0.0)).collect();
                        [v[0], v[1], v[2], v[3], v[4], v[5]]
                    }
                    _ => ID,
                };
                let sub_res = match dict_get(self.doc, &s.dict, b"Resources") {
                    Object::Dictionary(d) => Some(d),
                    _ => res,
                };
                let budget = self.limits.page_content_bytes;
                let Ok(data) = s.decompressed_content_with_limit(budget).or_else(|_| {
                    if s.dict.get(b"Filter").is_err() {
                        Ok(s.content.clone())
                    } else {
                        Err(())
                    }
                }) else {
                    return;
                };
                let ctm = mul(&m, &gs.ctm);
                self.run_with(&data, sub_res, depth + 1, ctm);
            }
            _ => {}
        }
    }

    fn show(&mut self, s: &[u8], gs: &GState, tm: &mut M) {
        let Some(font) = gs.font.clone() else { return };
        let mut codes = std::mem::take(&mut self.codes);
        font.codes(s, &mut codes);
        let size = gs.size;
        for c in &codes {
            let trm_base = [size * gs.hscale, 0.0, 0.0, size, 0.0, gs.rise];
            let trm = mul(&mul(&mul(&trm_base, tm), &gs.ctm), &self.display);
            let adv = c.width * size + gs.char_sp + if c.is_space_byte { gs.word_sp } else { 0.0 };
            // Invisible text (render mode 3) is an OCR layer or a trick; pdftotext keeps it, and so do we.
            let (ax, ay) = (trm[0], trm[1]);
            let em_w = (ax * ax + ay * ay).sqrt();
            let em_h = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let w = if size.abs() > 1e-6 { em_w * adv / size } else { 0.0 };
            let turn = if ax > 0.0 && ay.abs() < ax * 0.2 {
                0
            } else if ay > 0.0 && ax.abs() < ay * 0.2 {
                1
            } else if ax < 0.0 && ay.abs() < -ax * 0.2 {
                2
            } else if ay < 0.0 && ax.abs() < -ay * 0.2 {
                3
            } else {
                4
            };
            let n = c.text.chars().count().max(1) as f32;
            for (k, ch) in c.text.chars().enumerate() {
                if self.glyphs.len() >= self.limits.page_glyphs {
                    break;
                }
                // Ligatures share the advance along the baseline's direction.
                let f = k as f32 / n * if em_w > 0.0 { w / em_w } else { 0.0 };
                let (x, y) = (trm[4] + ax * f, trm[5] + ay * f);
                if x.is_finite() && y.is_finite() {
                    self.glyphs.push(Glyph { x, y, w: w / n, size: em_h, ch, turn });
                }
            }
            if font.vertical {
                let dy = -(c.width * size) - gs.char_sp;
                *tm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, dy], tm);
            } else {
                *tm = mul(&[1.0, 0.0, 0.0, 1.0, adv * gs.hscale, 0.0], tm);
            }
        }
        self.codes = codes;
        let _ = gs.render;
    }
}
