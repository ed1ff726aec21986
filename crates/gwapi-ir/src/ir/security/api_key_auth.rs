//! API key authentication (SecurityPolicy `apiKeyAuth`); becomes Envoy's `envoy.filters.http.api_key_auth`.

use serde::{Deserialize, Serialize};

use crate::ir::Blob;

/// API key authentication of a route (`ir.APIKeyAuth`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyAuth {
    /// The accepted keys and the clients they identify.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credentials: Vec<ApiKeyCredential>,
    /// Where keys are read from; the first source holding a key is used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extract_from: Vec<ApiKeyExtractFrom>,
    /// The header the client ID is forwarded upstream in (`forwarding.header`).
    #[serde(
        default,
        rename = "forwardClientIDHeader",
        skip_serializing_if = "Option::is_none"
    )]
    pub forward_client_id_header: Option<String>,
    /// Whether the key is removed before the request is forwarded (`forwarding.hide_credentials`).
    #[serde(default)]
    pub sanitize: bool,
}

/// An accepted API key.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyCredential {
    /// The client the key identifies.
    #[serde(default)]
    pub client: Blob,
    /// The key.
    #[serde(default)]
    pub key: Blob,
}

/// One place keys are read from (`key_sources`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyExtractFrom {
    /// Request headers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<String>,
    /// Query parameters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<String>,
    /// Cookies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cookies: Vec<String>,
}
