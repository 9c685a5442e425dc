//! Text input: decoding bytes and normalising lines.

pub(crate) mod bold;
pub mod decode;
pub(crate) mod headings;
pub(crate) mod joined;
pub(crate) mod lost_positions;
pub mod normalise;
pub mod search;
pub(crate) mod stream;
pub(crate) mod utf8;
pub(crate) mod window;
pub(crate) mod words;

pub(crate) use decode::unreadable_chars;
pub use decode::{decode, Decoded, TextEncoding};
#[cfg(test)]
pub use normalise::normalise;
pub use normalise::{squeeze, Line};
pub(crate) use stream::Stream;

/// The quotes a text may put around a name ("“三公”", "‘三公’", "\"三公\""),
/// which name nothing themselves.
pub(crate) fn is_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'')
}
pub(crate) use words::words;
