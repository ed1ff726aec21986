//! HTTP/1 settings of the listener (`HTTP1Settings`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::StringMatch;

/// HTTP/1 settings of the listener (`HTTP1Settings`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Http1Settings {
    /// Whether HTTP/1 trailers are proxied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_trailers: Option<bool>,
    /// Whether the letter case of headers is preserved (Envoy lowercases them by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preserve_header_case: Option<bool>,
    /// HTTP/1.0 and HTTP/0.9 support.
    #[serde(default, rename = "http10", skip_serializing_if = "Option::is_none")]
    pub http10: Option<Http10Settings>,
    /// Whether connections are closed right when `maxConnectionDuration` is exceeded, instead of after the
    /// next response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_safe_max_connection_duration: Option<bool>,
    /// Upgrade types for which HTTP/1.1 upgrade requests are ignored instead of rejected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignored_upgrade_types: Vec<StringMatch>,
}

/// HTTP/1.0 support on the listener (`HTTP10Settings`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Http10Settings {
    /// Whether a default `Host` header is injected into HTTP/1.0 requests without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_default_host: Option<bool>,
}
