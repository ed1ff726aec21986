//! Cross-Site Request Forgery protection (`CSRF`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Cross-Site Request Forgery protection (`CSRF`): mutating requests must come from the destination's
/// origin or one of the additional ones.
///
/// `shadowFraction` (a Gateway API `Fraction`) is not modelled yet: it waits for
/// `gateway_api::Fraction`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Csrf {
    /// More origins allowed to make mutating requests; `*` allows any (disabling the check).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub additional_origins: Vec<String>,
    /// The fraction of requests the check only evaluates (and records) without enforcing it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shadow_fraction: Option<crate::gateway_api::Fraction>,
}
