//! Byte edits the structure-aware targets make inside one part of a
//! document (an .xlsx part, a PDF stream), after which the target packages
//! the document again.

/// Applies one edit to `part`: `what` picks it, `pos` (0..65,536) is where
/// as a fraction of the part's length, `arg` its argument, and `fragments`
/// the markup that edits may insert.
pub fn edit(part: &mut Vec<u8>, what: u8, pos: usize, arg: u8, fragments: &[&str]) {
    let at = pos * part.len() / 65_536;
    let arg = usize::from(arg);
    match what % 6 {
        0 => {
            if let Some(b) = part.get_mut(at) {
                *b = arg as u8;
            }
        }
        // Longer numbers: rows, columns, counts, indices, coordinates.
        1 => drop(part.splice(at..at, std::iter::repeat_n(b'9', arg % 12 + 1))),
        2 => drop(part.drain(at..(at + arg).min(part.len()))),
        // A span repeated: rows, cells or operators many times over.
        3 => {
            let span = part[at..(at + arg * 8).min(part.len())].to_vec();
            for _ in 0..usize::from(what / 6) % 16 + 1 {
                part.splice(at..at, span.iter().copied());
            }
        }
        4 => drop(part.splice(at..at, fragments[arg % fragments.len()].bytes())),
        _ => {
            if let Some(b) = part.get_mut(at).filter(|b| b.is_ascii_digit()) {
                *b = b'0' + (arg % 10) as u8;
            }
        }
    }
}
