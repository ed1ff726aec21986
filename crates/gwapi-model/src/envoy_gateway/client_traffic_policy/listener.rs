//! Small listener-level settings of a `ClientTrafficPolicy`: PROXY protocol, HTTP/3, gRPC-web, the health check
//! endpoint and the `:scheme` transform.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// PROXY protocol on the listener (`ProxyProtocolSettings`): the header is interpreted and the client address
/// is added to `X-Forwarded-For`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyProtocolSettings {
    /// Whether connections without a PROXY protocol header are accepted too; by default they are rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

/// HTTP/3 on the listener (`HTTP3Settings`); it has no fields, its presence enables HTTP/3.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Http3Settings {}

/// gRPC settings of the listener (`GRPCSettings`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GrpcSettings {
    /// Whether the gRPC-web filter is enabled on the listener (always on for `GRPCRoute`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_web: Option<bool>,
}

/// A health check endpoint on the HTTP/HTTPS listener (`HealthCheckSettings`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheckSettings {
    /// The HTTP path of health check requests.
    pub path: String,
}

crate::string_enum! {
    /// How the `:scheme` pseudo-header of forwarded requests is set (`SchemeHeaderTransform`).
    pub enum SchemeHeaderTransform {
        /// Keep the scheme of the client request (the default).
        Preserve = "Preserve",
        /// Use `https` when the backend uses TLS, `http` otherwise.
        MatchBackend = "MatchBackend",
    }
}
