//! Metrics options of the proxy fleet (from EnvoyProxy `telemetry.metrics`).

use serde::{Deserialize, Serialize};

/// Which extra statistics Envoy emits (`ir.Metrics`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    /// Per-endpoint statistics of every cluster (`track_cluster_stats.per_endpoint_stats`).
    #[serde(default)]
    pub enable_per_endpoint_stats: bool,
    /// Request and response size histograms (`track_cluster_stats.request_response_sizes`).
    #[serde(default)]
    pub enable_request_response_sizes_stats: bool,
    /// Virtual host statistics (`virtual_clusters` / `stat_prefix` on each virtual host).
    #[serde(default)]
    pub enable_virtual_host_stats: bool,
}
