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

crate::string_enum! {
    /// How a policy attached to a route is merged with the policy of its parent (`MergeType`).
    pub enum MergeType {
        /// A strategic merge patch.
        StrategicMerge = "StrategicMerge",
        /// A JSON merge patch (RFC 7386).
        JsonMerge = "JSONMerge",
        /// No merging: the route's policy replaces the parent's.
        Replace = "Replace",
    }
}

/// The schema of a free-form JSON field (`apiextensionsv1.JSON`): any value, kept as written. Use with
/// `#[schemars(schema_with = "crate::envoy_gateway::free_form_json_schema")]` on a `serde_json::Value`.
pub(crate) fn free_form_json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "x-kubernetes-preserve-unknown-fields": true
    })
}
