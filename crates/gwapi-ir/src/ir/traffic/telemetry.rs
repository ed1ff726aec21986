//! Per-route telemetry overrides: tracing sampling and tags, route stat names.

use serde::{Deserialize, Serialize};

use crate::ir::{CustomTag, SamplingFraction, TracingSpanName};

/// Telemetry settings of a route's backend traffic (EG's `ir.BackendTelemetry`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackendTelemetry {
    /// Tracing of the route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracing: Option<RouteTracing>,
    /// Metrics of the route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<RouteMetrics>,
}

/// Tracing settings of a route.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RouteTracing {
    /// The share of requests traced (random sampling).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampling_fraction: Option<SamplingFraction>,
    /// The share of requests traced when the client forces tracing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_sampling_fraction: Option<SamplingFraction>,
    /// The share of requests traced after all other decisions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall_sampling_fraction: Option<SamplingFraction>,
    /// Tags added to spans, from typed sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_tags: Vec<CustomTag>,
    /// Tags added to spans, as command operator formats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<TracingTag>,
    /// Span names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span_name: Option<TracingSpanName>,
}

/// A span tag as a command operator format (`%REQ(x-id)%`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TracingTag {
    /// The tag name.
    pub key: String,
    /// The value format.
    #[serde(default)]
    pub value: String,
}

/// Metrics settings of a route.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RouteMetrics {
    /// The stat prefix of the route (a format with `%ROUTE_NAME%`-style operators).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_stat_name: Option<String>,
}
