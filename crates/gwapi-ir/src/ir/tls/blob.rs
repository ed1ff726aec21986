//! Byte blobs (certificates, keys, response bodies): Go `[]byte`, which EG's IR writes as base64 text.
//!
//! Hand-written IR files also spell them as a list of byte values, and EG's golden files replace private
//! keys by `[redacted]`; the blob remembers which spelling it was read from so that it writes back the same.

use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The text EG's golden files write instead of a secret.
const REDACTED: &str = "[redacted]";

/// How a [`Blob`] is spelled on the wire.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BlobEncoding {
    /// Base64 text (what Go writes for `[]byte`).
    #[default]
    Base64,
    /// A list of byte values (accepted by Go's decoder, used by hand-written IR).
    Sequence,
    /// The bytes were replaced by `[redacted]` (EG's golden files); no data is kept.
    Redacted,
}

/// Bytes of a certificate, key or body.
///
/// ```
/// use gwapi_ir::ir::{Blob, BlobEncoding};
/// let blob: Blob = serde_json::from_value(serde_json::json!("aGk=")).unwrap();
/// assert_eq!(blob.bytes, b"hi");
/// assert_eq!(serde_json::to_value(&blob).unwrap(), serde_json::json!("aGk="));
/// let list: Blob = serde_json::from_value(serde_json::json!([104, 105])).unwrap();
/// assert_eq!((list.bytes.as_slice(), list.encoding), (&b"hi"[..], BlobEncoding::Sequence));
/// let secret: Blob = serde_json::from_value(serde_json::json!("[redacted]")).unwrap();
/// assert_eq!(serde_json::to_value(&secret).unwrap(), serde_json::json!("[redacted]"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Blob {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// How they are written back.
    pub encoding: BlobEncoding,
}

impl Blob {
    /// Bytes written as base64.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            bytes: bytes.into(),
            encoding: BlobEncoding::Base64,
        }
    }
}

impl Blob {
    /// Whether there are no bytes and nothing to write (a redacted blob is not empty).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty() && self.encoding != BlobEncoding::Redacted
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}

impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.encoding {
            BlobEncoding::Base64 => serializer.serialize_str(&encode(&self.bytes)),
            BlobEncoding::Sequence => serializer.collect_seq(&self.bytes),
            BlobEncoding::Redacted => serializer.serialize_str(REDACTED),
        }
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BlobVisitor)
    }
}

struct BlobVisitor;

impl<'de> Visitor<'de> for BlobVisitor {
    type Value = Blob;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("base64 text or a list of bytes")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Blob, E> {
        if v == REDACTED {
            return Ok(Blob {
                bytes: Vec::new(),
                encoding: BlobEncoding::Redacted,
            });
        }
        decode(v)
            .map(Blob::new)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Blob, E> {
        Ok(Blob::default())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Blob, A::Error> {
        let mut bytes = Vec::new();
        while let Some(b) = seq.next_element::<u8>()? {
            bytes.push(b);
        }
        Ok(Blob {
            bytes,
            encoding: BlobEncoding::Sequence,
        })
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                let index = ((n >> (18 - 6 * i)) & 63) as usize;
                out.push(char::from(ALPHABET.get(index).copied().unwrap_or(b'A')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64 (padding optional); `None` if the text is not base64. The one base64
/// decoder of the crate (certificates, CRLs, binary probe payloads).
pub(crate) fn decode(text: &str) -> Option<Vec<u8>> {
    let digits = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in digits.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((acc >> bits) & 0xff).ok()?);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{decode, encode};

    #[test]
    fn base64_round_trips() {
        for s in ["", "a", "ab", "abc", "abcd", "hello world!"] {
            assert_eq!(decode(&encode(s.as_bytes())).as_deref(), Some(s.as_bytes()));
        }
        assert_eq!(encode(b"blocked"), "YmxvY2tlZA==");
    }
}
