//! Small types that several Envoy Gateway kinds share. Append-only while the kinds are being written.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// How a [`StringMatch`] compares (`StringMatchType`).
    pub enum StringMatchType {
        /// The whole value is equal.
        Exact = "Exact",
        /// The value starts with the pattern.
        Prefix = "Prefix",
        /// The value ends with the pattern.
        Suffix = "Suffix",
        /// The value matches an RE2 regular expression.
        RegularExpression = "RegularExpression",
    }
}

/// A string matcher (`StringMatch`); `type` defaults to `Exact`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StringMatch {
    /// How to compare; defaults to `Exact`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<StringMatchType>,
    /// The pattern.
    pub value: String,
}
