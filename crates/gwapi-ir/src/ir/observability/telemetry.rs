//! Key-value pairs and headers shared by access logs and tracing.

use serde::{Deserialize, Serialize};

/// A named value: a JSON log field, a log or span attribute, or a resource attribute.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TelemetryAttribute {
    /// The name.
    #[serde(default)]
    pub key: String,
    /// The value; may use Envoy format operators (`%REQ(:METHOD)%`).
    #[serde(default)]
    pub value: String,
}

/// A header sent with every export to a telemetry collector (gRPC initial metadata).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TelemetryHeader {
    /// The header name.
    #[serde(default)]
    pub name: String,
    /// The header value.
    #[serde(default)]
    pub value: String,
}
