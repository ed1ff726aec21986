//! API key authentication (`APIKeyAuth`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::gateway_api::SecretObjectReference;

/// API key authentication (`APIKeyAuth`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyAuth {
    /// The Secrets holding the API keys, one key per client ID; the first wins on duplicates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credential_refs: Vec<SecretObjectReference>,
    /// Where to find the key in a request; the first source that has one is used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extract_from: Vec<ExtractFrom>,
    /// The header that carries the client ID to the backend.
    #[serde(
        default,
        rename = "forwardClientIDHeader",
        skip_serializing_if = "Option::is_none"
    )]
    pub forward_client_id_header: Option<String>,
    /// Whether to remove the API key from the request before forwarding it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sanitize: Option<bool>,
}

/// Where to fetch an API key from a request (`ExtractFrom`); exactly one list is set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExtractFrom {
    /// Header names, tried in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<String>,
    /// Query parameter names, tried in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<String>,
    /// Cookie names, tried in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cookies: Vec<String>,
}
