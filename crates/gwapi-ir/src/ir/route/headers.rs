//! Headers added to requests and responses.

use serde::{Deserialize, Deserializer, Serialize};

/// A header to add (EG's `ir.AddHeader`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddHeader {
    /// The header name.
    #[serde(default)]
    pub name: String,
    /// The values (one header line each).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub value: Vec<String>,
    /// Whether the values are appended to existing ones (otherwise they replace them).
    #[serde(default)]
    pub append: bool,
    /// Whether the header is only added when it is absent.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub add_if_absent: bool,
}

/// Reads a list that Go may write as `null` (a nil slice).
pub(crate) fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}
