//! Secret bytes (basic-auth users, OIDC client secrets, credentials): EG's `PrivateBytes`, which its IR
//! always writes as `[redacted]` so that no dump, log or golden file carries a secret.

use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Blob;

/// The text written instead of the bytes.
const REDACTED: &str = "[redacted]";

/// Bytes that the translator uses but never writes out.
///
/// Reading accepts what [`Blob`] accepts (base64, a list of bytes, or `[redacted]`, which keeps no data);
/// writing gives `[redacted]` whenever there is something to hide.
///
/// ```
/// use gwapi_ir::ir::PrivateBytes;
/// let secret: PrivateBytes = serde_json::from_value(serde_json::json!("aGk=")).unwrap();
/// assert_eq!(secret.bytes, b"hi");
/// assert_eq!(serde_json::to_value(&secret).unwrap(), serde_json::json!("[redacted]"));
/// assert!(PrivateBytes::default().is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PrivateBytes(Blob);

impl PrivateBytes {
    /// Secret bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self(Blob::new(bytes))
    }

    /// Whether there is nothing to hide (bytes read as `[redacted]` still count as something).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Deref for PrivateBytes {
    type Target = Blob;

    fn deref(&self) -> &Blob {
        &self.0
    }
}

impl From<Blob> for PrivateBytes {
    fn from(blob: Blob) -> Self {
        Self(blob)
    }
}

impl From<Vec<u8>> for PrivateBytes {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}

impl Serialize for PrivateBytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_empty() {
            serializer.serialize_str("")
        } else {
            serializer.serialize_str(REDACTED)
        }
    }
}

impl<'de> Deserialize<'de> for PrivateBytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Blob::deserialize(deserializer).map(Self)
    }
}
