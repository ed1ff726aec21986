//! Metrics of the proxies (`ProxyMetrics`): the Prometheus endpoint, OpenTelemetry sinks and stats options.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::{ClusterSettings, Compression, EgBackendRef, StringMatch};
use crate::gateway_api::{BackendObjectReference, HttpHeader};

/// Metrics settings (`ProxyMetrics`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyMetrics {
    /// The admin endpoint `/stats/prometheus`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prometheus: Option<ProxyPrometheusProvider>,
    /// Where metrics are pushed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sinks: Vec<ProxyMetricSink>,
    /// Only the stats matching one of these are generated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matches: Vec<StringMatch>,
    /// Whether virtual host stats are enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_virtual_host_stats: Option<bool>,
    /// Whether per-endpoint stats are enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_per_endpoint_stats: Option<bool>,
    /// Whether request and response size histograms are enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_request_response_sizes_stats: Option<bool>,
    /// Whether the gRPC stats filter is enabled on listeners.
    #[serde(
        default,
        rename = "enableGRPCStats",
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_grpc_stats: Option<bool>,
    /// The cluster `alt_stat_name` template (`%ROUTE_NAME%`, `%BACKEND_NAME%`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_stat_name: Option<String>,
}

/// The Prometheus endpoint (`ProxyPrometheusProvider`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyPrometheusProvider {
    /// Whether the endpoint is disabled.
    #[serde(default)]
    pub disable: bool,
    /// Compression of the endpoint's responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compression: Option<Compression>,
}

crate::string_enum! {
    /// The kind of metric sink (`MetricSinkType`).
    pub enum MetricSinkType {
        /// An OpenTelemetry collector.
        OpenTelemetry = "OpenTelemetry",
    }
}

/// Where metrics are pushed (`ProxyMetricSink`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyMetricSink {
    /// The kind of sink; `OpenTelemetry` when unset.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<MetricSinkType>,
    /// The OpenTelemetry sink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_telemetry: Option<ProxyOpenTelemetrySink>,
}

/// An OpenTelemetry metric sink (`ProxyOpenTelemetrySink`); the first three fields are the inlined
/// `BackendCluster`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyOpenTelemetrySink {
    /// The collector (deprecated: use `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_ref: Option<BackendObjectReference>,
    /// The collector's backends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_refs: Vec<EgBackendRef>,
    /// How to connect to the backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_settings: Option<ClusterSettings>,
    /// The collector's host name (deprecated: use `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// The collector's port; 4317 when unset (deprecated: use `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    /// Whether counters are reported as deltas instead of cumulative values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_counters_as_deltas: Option<bool>,
    /// Whether histograms are reported as deltas instead of cumulative values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_histograms_as_deltas: Option<bool>,
    /// Extra headers sent with OTLP export requests (gRPC initial metadata).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<HttpHeader>,
    /// Resource attributes describing the source of metrics.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub resource_attributes: BTreeMap<String, String>,
}

crate::envoy_gateway::cluster::impl_backend_cluster!(ProxyOpenTelemetrySink);
