//! Byte-parallel scans: a test of the three bytes starting at each position
//! of a text, run on 64 positions at once.
//!
//! Reading UTF-8 char by char, each step waits on the width of the last and
//! branches on its lead byte, which CJK text makes unpredictable. A test that
//! looks at every byte on its own, with no branch, runs vectorised instead;
//! it finds a char by its whole encoding, which UTF-8 never repeats inside
//! another char, so it needs no char boundaries.

/// Positions tested at once: their results make one `u64` mask.
const BLOCK: usize = 64;

/// Calls `found(at, mask)` for each block of 64 positions of `bytes` (`at` =
/// 0, 64, 128 …) where `test` holds somewhere: bit `j` of `mask` is `test` on
/// the three bytes from `at + j` (zero past the end of `bytes`).
#[inline(always)]
pub(crate) fn scan(bytes: &[u8], test: impl Fn([u8; 3]) -> bool, mut found: impl FnMut(usize, u64)) {
    let mut at = 0;
    while at < bytes.len() {
        let w = window_at(bytes, at);
        // Each position tested alone (vectorised; indices within the array,
        // so no bounds check is left), then the results packed eight at a
        // time: the low bit of byte k of a u64 goes to bit 56 + k of its
        // product with this constant, and no two collide.
        let mut hit = [0u8; BLOCK];
        for (j, h) in hit.iter_mut().enumerate() {
            *h = u8::from(test([w[j], w[j + 1], w[j + 2]]));
        }
        let mut mask: u64 = 0;
        for (k, eight) in hit.chunks_exact(8).enumerate() {
            let bits = u64::from_le_bytes(eight.try_into().unwrap_or_default());
            mask |= (bits.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k);
        }
        if mask != 0 {
            found(at, mask);
        }
        at += BLOCK;
    }
}

/// The block of `bytes` at `at` and the two bytes after it, zero past the
/// end. Read in place where the text is long enough: a block copied to the
/// stack and then read at offsets 1 and 2 stalls on the copy's stores.
#[inline(always)]
fn window_at(bytes: &[u8], at: usize) -> [u8; BLOCK + 2] {
    let end = at.saturating_add(BLOCK + 2);
    if let Some(Ok(w)) = bytes.get(at..end).map(<[u8; BLOCK + 2]>::try_from) {
        return w;
    }
    let mut w = [0u8; BLOCK + 2];
    let rest = bytes.get(at..).unwrap_or_default();
    let n = rest.len().min(BLOCK + 2);
    if let (Some(to), Some(from)) = (w.get_mut(..n), rest.get(..n)) {
        to.copy_from_slice(from);
    }
    w
}

/// The positions in a block's mask, in order.
pub(crate) fn positions(at: usize, mut mask: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (mask != 0).then(|| {
            let j = mask.trailing_zeros() as usize;
            mask &= mask.wrapping_sub(1);
            at + j
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_position(bytes: &[u8], test: impl Fn([u8; 3]) -> bool) -> Vec<usize> {
        let b = |i: usize| bytes.get(i).copied().unwrap_or(0);
        (0..bytes.len()).filter(|&i| test([b(i), b(i + 1), b(i + 2)])).collect()
    }

    #[test]
    fn a_scan_finds_every_position_a_test_holds_at_in_order() {
        let texts = crate::text::stream::sample_texts(&["（", "a", " ", "\t", "年", "字", "x", "😀", "é"], 200);
        let tests: [fn([u8; 3]) -> bool; 3] =
            [|[a, _, _]| a == b' ', |[a, b, c]| (a == 0xE5) & (b == 0xB9) & (c == 0xB4), |[a, b, _]| (a == b'a') & (b == 0)];
        for text in &texts {
            for test in tests {
                let mut got = Vec::new();
                scan(text.as_bytes(), test, |at, mask| got.extend(positions(at, mask)));
                let expected = by_position(text.as_bytes(), test);
                assert_eq!(got, expected, "{text:?}");
            }
        }
    }
}
