//! Stand-ins for types that other IR helpers own and that are not merged yet: `StringMatch` (matching.rs),
//! `AddHeader`, `Redirect` (route/), `Blob` (tls/blob.rs), `Http2Settings` (listener/), `CidrMatch`
//! (security/) and `HealthCheckLog`, `CustomTag`, `TracingSpanName`, `SamplingFraction` (observability/). They read and write the same YAML as the real
//! types. This module is private and not re-exported, so its names do not clash with the real ones.
// TODO(ir): once the real types are merged, delete this file and replace `super::stand_in::` by
// `crate::ir::` in the traffic files.

use serde::{Deserialize, Serialize};

use crate::ir::GoDuration;


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
