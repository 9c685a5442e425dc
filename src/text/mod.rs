//! Text input: decoding bytes and normalising lines.

pub mod decode;
pub mod normalise;

pub use decode::{decode, Decoded, TextEncoding};
pub(crate) use normalise::Stream;
pub use normalise::{fold, normalise, squeeze, Line};
