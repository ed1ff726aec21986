//! Protocol-level client settings of HTTP listeners: HTTP/1, HTTP/2, HTTP/3, client IP detection, path
//! normalization, gRPC, health check, GeoIP.

use serde::{Deserialize, Serialize};

use crate::ir::{GoDuration, StringMatch};

/// HTTP/1.x settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Http1Settings {
    /// Whether HTTP/1.1 trailers are accepted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub enable_trailers: bool,
    /// Whether header case is preserved.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub preserve_header_case: bool,
    /// HTTP/1.0 is accepted when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http10: Option<Http10Settings>,
    /// Whether Envoy's safe max connection duration drain is disabled.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disable_safe_max_connection_duration: bool,
    /// `Upgrade` header values that are ignored (the request is served without upgrading).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignored_upgrade_types: Vec<StringMatch>,
}

/// HTTP/1.0 settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Http10Settings {
    /// The host used for HTTP/1.0 requests without a `Host` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_host: Option<String>,
}

/// HTTP/2 settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Http2Settings {
    /// The initial stream window size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_stream_window_size: Option<u32>,
    /// The initial connection window size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_connection_window_size: Option<u32>,
    /// The maximum number of concurrent streams.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_concurrent_streams: Option<u32>,
    /// Whether a stream (rather than the connection) is reset on a protocol error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset_stream_on_error: Option<bool>,
    /// HTTP/2 PING keepalive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_keepalive: Option<Http2ConnectionKeepalive>,
}

/// HTTP/2 PING keepalive.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Http2ConnectionKeepalive {
    /// How often PINGs are sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<GoDuration>,
    /// How long to wait for a PING response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<GoDuration>,
    /// The jitter added to the interval, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_jitter: Option<u32>,
    /// How long a connection is idle before a PING is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_interval: Option<GoDuration>,
}

/// HTTP/3 settings (their presence enables HTTP/3).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Http3Settings {}

/// How the client IP is found (EG's `ir.ClientIPDetectionSettings`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientIpDetection {
    /// From `X-Forwarded-For`.
    #[serde(
        default,
        rename = "xForwardedFor",
        skip_serializing_if = "Option::is_none"
    )]
    pub x_forwarded_for: Option<XForwardedForSettings>,
    /// From a custom header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_header: Option<CustomHeaderIpDetection>,
    /// From the address of the connection (the default, made explicit).
    #[serde(
        default,
        rename = "directSourceIP",
        skip_serializing_if = "Option::is_none"
    )]
    pub direct_source_ip: Option<DirectSourceIp>,
}

/// Client IP from the address of the connection.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectSourceIp {}

/// Client IP from `X-Forwarded-For`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct XForwardedForSettings {
    /// The number of trusted proxies in front of Envoy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_trusted_hops: Option<u32>,
    /// The CIDRs of trusted proxies.
    #[serde(
        default,
        rename = "trustedCIDRs",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub trusted_cidrs: Vec<String>,
}

/// Client IP from a custom header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomHeaderIpDetection {
    /// The header name.
    #[serde(default)]
    pub name: String,
    /// Whether requests without a valid header are rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_closed: Option<bool>,
}

/// Path normalization.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PathSettings {
    /// Whether adjacent slashes are merged.
    #[serde(default)]
    pub merge_slashes: bool,
    /// What happens to escaped slashes (`%2F`, `%5C`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escaped_slashes_action: Option<EscapedSlashesAction>,
}

/// What happens to escaped slashes in paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EscapedSlashesAction {
    /// Keep them.
    KeepUnchanged,
    /// Reject the request.
    RejectRequest,
    /// Unescape them and redirect to the new path.
    UnescapeAndRedirect,
    /// Unescape them and forward.
    UnescapeAndForward,
}

/// Host header handling.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HostSettings {
    /// Whether a trailing dot is removed from the host.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub strip_trailing_host_dot: bool,
}

/// gRPC settings of a listener.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrpcSettings {
    /// Whether gRPC-Web is translated.
    #[serde(
        default,
        rename = "enableGRPCWeb",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub enable_grpc_web: bool,
    /// Whether gRPC stats are collected.
    #[serde(
        default,
        rename = "enableGRPCStats",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub enable_grpc_stats: bool,
}

/// A health check endpoint served by the proxy itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheckSettings {
    /// The path of the endpoint.
    #[serde(default)]
    pub path: String,
}

/// Where client locations come from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GeoIpProvider {
    /// MaxMind databases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_mind: Option<MaxMindDatabases>,
}

/// Paths of MaxMind databases on the proxy.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MaxMindDatabases {
    /// The city database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city_db_path: Option<String>,
    /// The country database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_db_path: Option<String>,
    /// The ASN database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asn_db_path: Option<String>,
    /// The ISP database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isp_db_path: Option<String>,
    /// The anonymous IP database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous_ip_db_path: Option<String>,
}
