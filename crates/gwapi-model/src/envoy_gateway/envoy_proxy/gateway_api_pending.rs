//! Stand-ins for two Gateway API types that `EnvoyProxy` and the `EnvoyGateway` configuration use but that
//! `gateway_api` does not define yet: `Fraction` and `HTTPHeader`. Not exported; when `gateway_api` has
//! them, delete this file and import `crate::gateway_api::{Fraction, HttpHeader}` instead.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A fraction `numerator / denominator` (Gateway API `Fraction`); the denominator defaults to 100.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Fraction {
    /// The numerator.
    pub numerator: i32,
    /// The denominator; 100 when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<i32>,
}

/// An HTTP header name and value (Gateway API `HTTPHeader`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpHeader {
    /// The header name (case-insensitive).
    pub name: String,
    /// The header value.
    pub value: String,
}
