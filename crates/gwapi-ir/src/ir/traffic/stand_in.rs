//! Stand-ins for types that other IR helpers own and that are not merged yet: `StringMatch` (matching.rs),
//! `AddHeader`, `Redirect` (route/), `Blob` (tls/blob.rs), `Http2Settings` (listener/), `CidrMatch`
//! (security/) and `HealthCheckLog`, `CustomTag`, `TracingSpanName`, `SamplingFraction` (observability/). They read and write the same YAML as the real
//! types. This module is private and not re-exported, so its names do not clash with the real ones.
// TODO(ir): once the real types are merged, delete this file and replace `super::stand_in::` by
// `crate::ir::` in the traffic files.

use serde::{Deserialize, Serialize};

use crate::ir::GoDuration;

/// Stand-in for `crate::ir::StringMatch`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StringMatch {
    /// What is matched (header name, parameter name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Exact value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exact: Option<String>,
    /// Prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Suffix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// RE2 regular expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safe_regex: Option<String>,
    /// Whether each distinct value counts separately.
    #[serde(default)]
    pub distinct: bool,
    /// Whether the match is inverted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invert: Option<bool>,
}

/// Stand-in for `crate::ir::CidrMatch`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CidrMatch {
    /// The range, e.g. `10.0.0.0/24`.
    #[serde(default)]
    pub cidr: String,
    /// The prefix length.
    #[serde(default)]
    pub mask_len: u32,
    /// Whether the range is IPv6.
    #[serde(default, rename = "isIPv6")]
    pub is_ipv6: bool,
    /// Whether each distinct address counts separately.
    #[serde(default)]
    pub distinct: bool,
    /// Whether the match is inverted.
    #[serde(default)]
    pub invert: bool,
}

/// Stand-in for `crate::ir::AddHeader`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddHeader {
    /// The header name.
    pub name: String,
    /// The values.
    #[serde(default)]
    pub value: Option<Vec<String>>,
    /// Whether the values are appended.
    #[serde(default)]
    pub append: bool,
    /// Whether the header is only added when absent.
    #[serde(default)]
    pub add_if_absent: bool,
}

/// Stand-in for `crate::ir::Redirect`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Redirect {
    /// Scheme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// Host name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// Path change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<PathModifier>,
    /// Port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u32>,
    /// Status code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u32>,
}

/// Stand-in for `crate::ir::PathModifier`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PathModifier {
    /// Whole path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_replace: Option<String>,
    /// Matched prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix_match_replace: Option<String>,
}

/// Stand-in for `crate::ir::Blob` (base64 text kept as written).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Blob(pub String);

/// Stand-in for `crate::ir::Http2Settings`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Http2Settings {
    /// Initial stream window size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_stream_window_size: Option<u32>,
    /// Initial connection window size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_connection_window_size: Option<u32>,
    /// Maximum concurrent streams.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_concurrent_streams: Option<u32>,
    /// Reset the stream on errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset_stream_on_error: Option<bool>,
    /// PING keepalive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_keepalive: Option<Http2ConnectionKeepalive>,
}

/// Stand-in for `crate::ir::Http2ConnectionKeepalive`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Http2ConnectionKeepalive {
    /// Interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<GoDuration>,
    /// Timeout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<GoDuration>,
    /// Jitter in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_jitter: Option<u32>,
    /// Idle interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_interval: Option<GoDuration>,
}

/// Stand-in for `crate::ir::HealthCheckLog`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheckLog {
    /// Log every failed check.
    #[serde(default)]
    pub always_log_health_check_failures: bool,
    /// Log every successful check.
    #[serde(default)]
    pub always_log_health_check_success: bool,
    /// Files events are written to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub file_sinks: Vec<HealthCheckLogFileSink>,
}

/// Stand-in for `crate::ir::HealthCheckLogFileSink`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheckLogFileSink {
    /// The file path.
    #[serde(default)]
    pub path: String,
}

/// Stand-in for `crate::ir::SamplingFraction`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SamplingFraction {
    /// The numerator.
    #[serde(default)]
    pub numerator: u32,
    /// The denominator (100 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<u32>,
}

/// Stand-in for `crate::ir::TracingSpanName`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TracingSpanName {
    /// Server span name.
    #[serde(default)]
    pub server: String,
    /// Client span name.
    #[serde(default)]
    pub client: String,
}

/// Stand-in for `crate::ir::CustomTag`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomTag {
    /// The tag name.
    #[serde(default)]
    pub key: String,
    /// Where the value comes from.
    #[serde(default)]
    pub value: CustomTagValue,
}

/// Stand-in for `crate::ir::CustomTagValue`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomTagValue {
    /// `Literal`, `Environment` or `RequestHeader`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A fixed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<LiteralTag>,
    /// An environment variable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<NamedTag>,
    /// A request header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_header: Option<NamedTag>,
}

/// A fixed tag value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LiteralTag {
    /// The value.
    #[serde(default)]
    pub value: String,
}

/// A tag value read from a named variable or header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NamedTag {
    /// The name.
    #[serde(default)]
    pub name: String,
    /// The value when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_value: Option<String>,
}
