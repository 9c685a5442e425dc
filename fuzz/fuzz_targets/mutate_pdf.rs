//! Structure-aware: a real PDF whose objects are mutated (content streams,
//! ToUnicode maps and font programs decompressed and edited; numbers and
//! references in dictionaries changed) and then written out again validly,
//! so that our own PDF text layer (the content interpreter, the CMap and
//! font cmap readers, the layout) sees damage that byte flips of the
//! compressed file never reach past the inflater.
//!
//! The bases are ../shared/real's PDFs, read at run time (they are not the
//! project's files); without them the target does nothing. The fuzzer's
//! first byte picks the base; the rest are 5-byte edits.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "common/edit.rs"]
mod edit;
use lopdf::{Document, Object, ObjectId};

/// Content an edit may insert into a stream: operators with the operands a
/// damaged export could give them, and CMap ranges that name the whole code
/// space.
const FRAGMENTS: [&str; 20] = [
    "q ",
    "Q ",
    "BT ",
    "ET ",
    "1e38 0 0 1e38 0 0 Tm ",
    "0 0 0 0 0 0 Tm ",
    "/F1 0 Tf ",
    "/F1 -99999 Tf ",
    "[(\u{1}\u{2}) -99999 (ab) 1e38 <FFFF>] TJ ",
    "<FFFFFFFF> Tj ",
    "1 0 0 1 -1e30 1e30 cm ",
    "99999 Tz -1 Tc 1e30 Tw 1e30 TL T* ",
    "(\\",
    "/Fx Do ",
    "BI /W 1 /H 1 ID \u{0} EI ",
    "1 beginbfrange <0000> <FFFF> <0041> endbfrange ",
    "1 beginbfrange <0000> <FFFF> [<0041> <0042>] endbfrange ",
    "1 beginbfchar <0001> <D800DC00D800> endbfchar ",
    "1 begincodespacerange <00> <FFFFFFFF> endcodespacerange ",
    "99999999 beginbfchar ",
];

/// Numbers an edit may put in a dictionary.
const NUMBERS: [Object; 6] = [
    Object::Integer(0),
    Object::Integer(-1),
    Object::Integer(i64::MAX),
    Object::Integer(i64::MIN),
    Object::Real(f32::MAX),
    Object::Real(-0.0),
];

/// A PDF loaded, its streams decompressed, and its object ids (streams
/// first, so that most edits land where the text is).
struct Base {
    doc: Document,
    streams: Vec<ObjectId>,
    all: Vec<ObjectId>,
}

fn bases() -> &'static [Base] {
    static ALL: OnceLock<Vec<Base>> = OnceLock::new();
    ALL.get_or_init(|| {
        let Ok(dir) = std::fs::read_dir("../shared/real") else { return Vec::new() };
        let mut paths: Vec<_> = dir.filter_map(|e| Some(e.ok()?.path())).filter(|p| p.extension().is_some_and(|x| x == "pdf")).collect();
        paths.sort();
        let mut out = Vec::new();
        for p in paths {
            let Ok(mut doc) = std::fs::read(&p).map_err(drop).and_then(|b| Document::load_mem(&b).map_err(drop)) else {
                continue;
            };
            doc.decompress();
            let all: Vec<ObjectId> = doc.objects.keys().copied().collect();
            let streams = all.iter().copied().filter(|id| matches!(doc.objects[id], Object::Stream(_))).collect();
            out.push(Base { doc, streams, all });
        }
        out
    })
}

/// Applies one edit to an object's dictionary: a number changed, a
/// reference pointed elsewhere (a page tree that loops), or a key removed.
fn edit_dict(dict: &mut lopdf::Dictionary, what: u8, which: usize, to: ObjectId) {
    let keys: Vec<Vec<u8>> = dict.iter().map(|(k, _)| k.clone()).collect();
    if keys.is_empty() {
        return;
    }
    let key = &keys[which % keys.len()];
    match what % 3 {
        0 => dict.set(key.clone(), NUMBERS[which % NUMBERS.len()].clone()),
        1 => {
            if let Ok(Object::Array(items)) = dict.get_mut(key) {
                let n = items.len().max(1);
                if let Some(item) = items.get_mut(which % n) {
                    *item = Object::Reference(to);
                }
            } else {
                dict.set(key.clone(), Object::Reference(to));
            }
        }
        _ => drop(dict.remove(key)),
    }
}

fuzz_target!(|data: &[u8]| {
    let bases = bases();
    let Some((&pick, mut edits)) = data.split_first() else { return };
    if bases.is_empty() {
        return;
    }
    let base = &bases[usize::from(pick) % bases.len()];
    let mut doc = base.doc.clone();
    while let [what, obj, hi, lo, arg, rest @ ..] = edits {
        edits = rest;
        let pos = usize::from(*hi) << 8 | usize::from(*lo);
        if what % 8 < 5 && !base.streams.is_empty() {
            let id = base.streams[(usize::from(*obj) << 8 | usize::from(*arg)) % base.streams.len()];
            if let Some(Object::Stream(s)) = doc.objects.get_mut(&id) {
                if s.content.len() > 4 << 20 {
                    break;
                }
                edit::edit(&mut s.content, *what, pos, *arg, &FRAGMENTS);
                let content = std::mem::take(&mut s.content);
                s.set_content(content);
            }
        } else {
            let id = base.all[(usize::from(*obj) << 8 | usize::from(*arg)) % base.all.len()];
            let to = base.all[pos % base.all.len()];
            match doc.objects.get_mut(&id) {
                Some(Object::Dictionary(d)) => edit_dict(d, what / 8, pos, to),
                Some(Object::Stream(s)) => edit_dict(&mut s.dict, what / 8, pos, to),
                _ => {}
            }
        }
    }
    let mut bytes = Vec::new();
    if doc.save_to(&mut bytes).is_ok() {
        if let Ok(report) = gongkai::check_bytes("fuzz", &bytes) {
            serde_json::to_string(&report).expect("a report always serialises");
        }
    }
});
