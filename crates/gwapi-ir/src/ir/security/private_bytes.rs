//! Secret bytes (client secrets, HMAC keys, htpasswd files, API keys) as Envoy Gateway's IR writes them:
//! base64 text, or `[redacted]` where EG's golden output hides the value.

use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The text EG writes in place of a secret in its golden output.
const REDACTED: &str = "[redacted]";

/// Secret bytes (`ir.PrivateBytes`).
///
/// Reads base64 text, a list of byte values, or the `[redacted]` marker; writes base64 text, or the marker
/// for [`PrivateBytes::Redacted`].
///
/// ```
/// use gwapi_ir::ir::PrivateBytes;
/// let secret: PrivateBytes = serde_json::from_str("\"c2VjcmV0\"").unwrap();
/// assert_eq!(secret, PrivateBytes::Bytes(b"secret".to_vec()));
/// assert_eq!(serde_json::to_string(&secret).unwrap(), "\"c2VjcmV0\"");
/// let hidden: PrivateBytes = serde_json::from_str("\"[redacted]\"").unwrap();
/// assert_eq!(hidden, PrivateBytes::Redacted);
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum PrivateBytes {
    /// The secret's bytes.
    Bytes(Vec<u8>),
    /// A secret whose value was hidden (`[redacted]`).
    Redacted,
}

impl Default for PrivateBytes {
    /// No bytes.
    fn default() -> Self {
        Self::Bytes(Vec::new())
    }
}

impl PrivateBytes {
    /// The bytes, or `None` if the value was redacted.
    #[must_use]
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Self::Bytes(bytes) => Some(bytes),
            Self::Redacted => None,
        }
    }
}

impl From<Vec<u8>> for PrivateBytes {
    fn from(bytes: Vec<u8>) -> Self {
        Self::Bytes(bytes)
    }
}

impl fmt::Debug for PrivateBytes {
    /// Never shows the secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bytes(bytes) => write!(f, "PrivateBytes({} bytes)", bytes.len()),
            Self::Redacted => f.write_str("PrivateBytes([redacted])"),
        }
    }
}

impl Serialize for PrivateBytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Bytes(bytes) => s.serialize_str(&encode_base64(bytes)),
            Self::Redacted => s.serialize_str(REDACTED),
        }
    }
}

impl<'de> Deserialize<'de> for PrivateBytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PrivateBytesVisitor)
    }
}

/// Reads the three spellings of [`PrivateBytes`].
struct PrivateBytesVisitor;

impl<'de> Visitor<'de> for PrivateBytesVisitor {
    type Value = PrivateBytes;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("base64 text, a list of bytes or \"[redacted]\"")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<PrivateBytes, E> {
        if text == REDACTED {
            return Ok(PrivateBytes::Redacted);
        }
        decode_base64(text)
            .map(PrivateBytes::Bytes)
            .ok_or_else(|| E::custom(format!("invalid base64 {text:?}")))
    }

    fn visit_unit<E: de::Error>(self) -> Result<PrivateBytes, E> {
        Ok(PrivateBytes::default())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PrivateBytes, A::Error> {
        let mut bytes = Vec::new();
        while let Some(byte) = seq.next_element::<u8>()? {
            bytes.push(byte);
        }
        Ok(PrivateBytes::Bytes(bytes))
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
