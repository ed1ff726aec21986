//! Stand-ins for types IR helper 1 owns (`destination.rs`, `matching.rs`) that had no placeholder when the
//! security, extension and observability types were written. They read and write the same YAML; delete this
//! file once the real `RouteDestination` and `StringMatch` exist (everything refers to them as
//! `crate::ir::RouteDestination` / `crate::ir::StringMatch`).
// TODO(ir): remove when helper 1's destination.rs / matching.rs are merged.

use serde::{Deserialize, Serialize};

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
