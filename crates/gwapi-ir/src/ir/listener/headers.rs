//! Header handling of HTTP listeners (EG's `ir.HeaderSettings`).

use serde::{Deserialize, Serialize};

use crate::ir::{AddHeader, StringMatch};

/// Header handling of a listener (from ClientTrafficPolicy `headers`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeaderSettings {
    /// Whether Envoy adds its `x-envoy-*` headers.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub enable_envoy_headers: bool,
    /// What happens to headers with underscores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_underscores_action: Option<WithUnderscoresAction>,
    /// The request ID handling (`x-request-id`).
    #[serde(default, rename = "requestID", skip_serializing_if = "Option::is_none")]
    pub request_id: Option<RequestIdAction>,
    /// How `x-forwarded-client-cert` is handled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_forwarded_client_cert: Option<XForwardedClientCert>,
    /// Whether the rate limit filter's `x-ratelimit-*` headers are disabled.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disable_rate_limit_headers: bool,
    /// The maximum size of request headers in KiB.
    #[serde(
        default,
        rename = "maxRequestHeadersKB",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_request_headers_kb: Option<u32>,
    /// Request headers added before any other filter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub early_add_request_headers: Vec<AddHeader>,
    /// Request headers removed before any other filter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub early_remove_request_headers: Vec<String>,
    /// Request headers removed before any other filter when their value matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub early_remove_request_headers_on_match: Vec<StringMatch>,
    /// Response headers added after every other filter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub late_add_response_headers: Vec<AddHeader>,
    /// Response headers removed after every other filter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub late_remove_response_headers: Vec<String>,
    /// Response headers removed after every other filter when their value matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub late_remove_response_headers_on_match: Vec<StringMatch>,
}

/// What happens to request headers with underscores in their names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WithUnderscoresAction {
    /// Accept them.
    Allow,
    /// Reject the request.
    RejectRequest,
    /// Drop the header.
    DropHeader,
}

/// How the `x-request-id` header is handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RequestIdAction {
    /// Keep the client's, or generate one.
    PreserveOrGenerate,
    /// Keep the client's, never generate.
    Preserve,
    /// Always generate one.
    Generate,
    /// Neither keep nor generate.
    Disable,
}

/// How the request ID extension uses the `x-request-id` UUID.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RequestIdExtension {
    /// Pack the trace reason into the ID and sample traces by it.
    PackAndSample,
    /// Pack the trace reason into the ID only.
    Pack,
    /// Sample traces by the ID only.
    Sample,
    /// Neither.
    Disable,
}

/// How `x-forwarded-client-cert` is handled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct XForwardedClientCert {
    /// The forwarding mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<XfccForwardMode>,
    /// What is added about the client certificate (for `AppendForward` and `SanitizeSet`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cert_details_to_add: Vec<XfccCertData>,
}

/// The `x-forwarded-client-cert` forwarding mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum XfccForwardMode {
    /// Remove the header.
    Sanitize,
    /// Forward the header only on mTLS connections.
    ForwardOnly,
    /// Append the client certificate to the header on mTLS connections.
    AppendForward,
    /// Replace the header with the client certificate on mTLS connections.
    SanitizeSet,
    /// Always forward the header.
    AlwaysForwardOnly,
}

/// A client certificate detail added to `x-forwarded-client-cert`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum XfccCertData {
    /// The subject.
    Subject,
    /// The certificate (URL-encoded PEM).
    Cert,
    /// The chain (URL-encoded PEM).
    Chain,
    /// The DNS SANs.
    #[serde(rename = "DNS")]
    Dns,
    /// The URI SANs.
    #[serde(rename = "URI")]
    Uri,
}
