//! stub
use super::Extracted;
use crate::InputError;
/// Reads an HTML page.
pub fn extract(_b: &[u8]) -> Result<Extracted, InputError> { Err(InputError::NotText) }
