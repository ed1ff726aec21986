//! Names that are part of the API: IR keys and the hashed names of proxy fleet objects, as Envoy Gateway
//! writes them. Every name comes from here, so that one change never renames unrelated objects.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

/// The longest part of a hashed name before its hash suffix.
const HASHED_PREFIX_MAX: usize = 48;

/// Envoy Gateway's hashed name: `text` with `/` replaced by `-`, cut to 48 characters, trailing `-` trimmed,
/// then `-` and the first 8 hex digits of the SHA-256 of `text`.
///
/// ```
/// use gwapi_ir::names::hashed_name;
/// assert_eq!(hashed_name("envoy-gateway/gateway-1"), "envoy-gateway-gateway-1-196ae069");
/// ```
#[must_use]
pub fn hashed_name(text: &str) -> String {
    let flat = text.replace('/', "-");
    let cut: String = flat.chars().take(HASHED_PREFIX_MAX).collect();
    let digest = Sha256::digest(text.as_bytes());
    let mut out = cut.trim_end_matches('-').to_owned();
    out.push('-');
    for byte in digest.iter().take(4) {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// The IR key of a Gateway's own fleet: `<namespace>/<name>`.
#[must_use]
pub fn gateway_ir_key(namespace: &str, name: &str) -> String {
    format!("{namespace}/{name}")
}
