//! Header management on the listener (`HeaderSettings`): Envoy's own headers, `X-Forwarded-Client-Cert`,
//! headers with underscores, `X-Request-ID`, and early/late header modification.

use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::StringMatch;
use crate::gateway_api::HttpHeader;

/// Header management on the listener (`HeaderSettings`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HeaderSettings {
    /// Whether Envoy adds its `X-Envoy-` headers to requests and responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_envoy_headers: Option<bool>,
    /// Whether the `X-RateLimit-` response headers are omitted when rate limiting is enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_rate_limit_headers: Option<bool>,
    /// How the `X-Forwarded-Client-Cert` header is handled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_forwarded_client_cert: Option<XForwardedClientCert>,
    /// What to do with headers whose names contain underscores; by default the request is rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_underscores_action: Option<WithUnderscoresAction>,
    /// Whether an `X-Request-ID` sent by an edge client is kept (deprecated: use `requestID`).
    #[serde(
        default,
        rename = "preserveXRequestID",
        skip_serializing_if = "Option::is_none"
    )]
    pub preserve_x_request_id: Option<bool>,
    /// How the `X-Request-ID` header is handled; defaults to `Generate`.
    #[serde(default, rename = "requestID", skip_serializing_if = "Option::is_none")]
    pub request_id: Option<RequestIdAction>,
    /// Header modifications of requests before routing, tracing and Envoy's own header handling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub early_request_headers: Option<EgHttpHeaderFilter>,
    /// Header modifications of every response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_response_headers: Option<EgHttpHeaderFilter>,
    /// How the `Host`/`:authority` header is normalized.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<HostSettings>,
    /// The maximum size of the request headers (Envoy's `max_request_headers_kb`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_request_header_limit: Option<Quantity>,
}

crate::string_enum! {
    /// How the `X-Forwarded-Client-Cert` header is handled (`XFCCForwardMode`).
    pub enum XfccForwardMode {
        /// Remove the header (the default).
        Sanitize = "Sanitize",
        /// Forward the header when the client connection is mTLS.
        ForwardOnly = "ForwardOnly",
        /// Append the client certificate information and forward, when the connection is mTLS.
        AppendForward = "AppendForward",
        /// Replace the header with the client certificate information, when the connection is mTLS.
        SanitizeSet = "SanitizeSet",
        /// Always forward the header.
        AlwaysForwardOnly = "AlwaysForwardOnly",
    }
}

crate::string_enum! {
    /// A field of the client certificate to put into `X-Forwarded-Client-Cert` (`XFCCCertData`).
    pub enum XfccCertData {
        /// The certificate's Subject.
        Subject = "Subject",
        /// The whole certificate, URL-encoded PEM.
        Cert = "Cert",
        /// The whole certificate chain, URL-encoded PEM.
        Chain = "Chain",
        /// The DNS Subject Alternative Names.
        Dns = "DNS",
        /// The URI Subject Alternative Names.
        Uri = "URI",
    }
}

/// How the `X-Forwarded-Client-Cert` header is handled (`XForwardedClientCert`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct XForwardedClientCert {
    /// The handling mode; defaults to `Sanitize`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<XfccForwardMode>,
    /// The certificate fields to add (with `AppendForward` or `SanitizeSet`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cert_details_to_add: Vec<XfccCertData>,
}

crate::string_enum! {
    /// What to do with a header whose name contains underscores (`WithUnderscoresAction`).
    pub enum WithUnderscoresAction {
        /// Let the header through.
        Allow = "Allow",
        /// Reject the request (the default).
        RejectRequest = "RejectRequest",
        /// Drop the header.
        DropHeader = "DropHeader",
    }
}

crate::string_enum! {
    /// How the `X-Request-ID` header of edge requests is handled (`RequestIDAction`).
    pub enum RequestIdAction {
        /// Keep the header if present, generate it otherwise.
        PreserveOrGenerate = "PreserveOrGenerate",
        /// Keep the header if present, never generate it.
        Preserve = "Preserve",
        /// Always generate the header (the default).
        Generate = "Generate",
        /// Neither keep nor generate the header.
        Disable = "Disable",
    }
}

/// How the `Host`/`:authority` header is normalized (`HostSettings`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HostSettings {
    /// Whether a trailing dot is removed from the host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strip_trailing_host_dot: Option<bool>,
}

/// Envoy Gateway's header modifier (its own `HTTPHeaderFilter`): the Gateway API one plus `addIfAbsent` and
/// `removeOnMatch`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EgHttpHeaderFilter {
    /// Headers to set, replacing existing values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set: Vec<HttpHeader>,
    /// Headers to add, appending to existing values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add: Vec<HttpHeader>,
    /// Headers to add only when absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_if_absent: Vec<HttpHeader>,
    /// Names of headers to remove.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<String>,
    /// Removes the headers whose names match (case-insensitively).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove_on_match: Vec<StringMatch>,
}
