//! Stand-ins for types IR helper 1 owns (`RouteDestination` in destination.rs, `StringMatch` in matching.rs,
//! `Blob` in tls/blob.rs) that were not merged when the security, extension and observability types were
//! written. They read and write the same YAML as the real types. This module is not re-exported, so its names
//! do not clash with the real ones.
// TODO(ir): once helper 1's types are merged, delete this file and replace
// `crate::ir::security::stand_in::` by `crate::ir::` in the `use` lines of security/, extensions/ and
// observability/.

use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Stand-in for the destination of a route or of an auxiliary backend (`ir.RouteDestination`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RouteDestination {
    /// The cluster name.
    #[serde(default)]
    pub name: String,
    /// The backends of the destination (kept as written until the real type lands).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<serde_json::Value>,
    /// The resource the destination was made from (kept as written until the real type lands).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Value>,
}

/// Stand-in for a string matcher (`ir.StringMatch`): one of `exact`, `prefix`, `suffix`, `safeRegex`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StringMatch {
    /// The name of the matched header, query parameter or cookie (empty for plain values).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Matches exactly this text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exact: Option<String>,
    /// Matches text starting with this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Matches text ending with this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// Matches this RE2 regular expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safe_regex: Option<String>,
    /// Whether each distinct value counts separately (rate limits).
    #[serde(default)]
    pub distinct: bool,
    /// Whether the match result is inverted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invert: Option<bool>,
}

/// The text EG writes in place of a secret in its golden output.
const REDACTED: &str = "[redacted]";

/// Stand-in for how a [`Blob`] is spelled on the wire (`crate::ir::BlobEncoding`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BlobEncoding {
    /// Base64 text (what Go writes for `[]byte`).
    #[default]
    Base64,
    /// A list of byte values.
    Sequence,
    /// The bytes were replaced by `[redacted]`; no data is kept.
    Redacted,
}

/// Stand-in for bytes written as base64 (`crate::ir::Blob`); used for secrets (EG's `PrivateBytes`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Blob {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// How they are written back.
    pub encoding: BlobEncoding,
}

impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.encoding {
            BlobEncoding::Base64 => s.serialize_str(&encode_base64(&self.bytes)),
            BlobEncoding::Sequence => s.collect_seq(&self.bytes),
            BlobEncoding::Redacted => s.serialize_str(REDACTED),
        }
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(BlobVisitor)
    }
}

/// Reads the three spellings of a [`Blob`].
struct BlobVisitor;

impl<'de> Visitor<'de> for BlobVisitor {
    type Value = Blob;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("base64 text, a list of bytes or \"[redacted]\"")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Blob, E> {
        if text == REDACTED {
            return Ok(Blob {
                bytes: Vec::new(),
                encoding: BlobEncoding::Redacted,
            });
        }
        decode_base64(text)
            .map(|bytes| Blob {
                bytes,
                encoding: BlobEncoding::Base64,
            })
            .ok_or_else(|| E::custom(format!("invalid base64 {text:?}")))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Blob, E> {
        Ok(Blob::default())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Blob, A::Error> {
        let mut bytes = Vec::new();
        while let Some(byte) = seq.next_element::<u8>()? {
            bytes.push(byte);
        }
        Ok(Blob {
            bytes,
            encoding: BlobEncoding::Sequence,
        })
    }
}

/// The standard base64 alphabet.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding, as Go's `encoding/json` writes `[]byte`.
fn encode_base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                let index = usize::try_from((n >> shift) & 63).unwrap_or(0);
                out.push(char::from(ALPHABET.get(index).copied().unwrap_or(b'A')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64 (padding optional); `None` if the text is not base64.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u32> = text
        .trim_end_matches('=')
        .bytes()
        .map(|c| {
            ALPHABET
                .iter()
                .position(|&a| a == c)
                .and_then(|p| u32::try_from(p).ok())
        })
        .collect::<Option<_>>()?;
    if digits.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for group in digits.chunks(4) {
        let n = group
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, d)| acc | (d << (18 - 6 * i)));
        let [_, b0, b1, b2] = n.to_be_bytes();
        out.extend([b0, b1, b2].into_iter().take(group.len() - 1));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{decode_base64, encode_base64};

    #[test]
    fn base64_round_trips() {
        for text in ["", "f", "fo", "foo", "foob", "fooba", "foobar"] {
            let encoded = encode_base64(text.as_bytes());
            assert_eq!(decode_base64(&encoded).as_deref(), Some(text.as_bytes()));
        }
        assert_eq!(encode_base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(encode_base64(b"fo"), "Zm8=");
        assert_eq!(decode_base64("not base64!"), None);
    }
}
