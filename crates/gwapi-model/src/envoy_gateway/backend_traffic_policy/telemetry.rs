//! Telemetry of a route or backend (`BackendTelemetry`), overriding the `EnvoyProxy` settings.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::Tracing;

/// Telemetry settings of the policy's targets (`BackendTelemetry`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BackendTelemetry {
    /// Tracing settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracing: Option<Tracing>,
    /// Metrics settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<BackendMetrics>,
}

/// Metrics settings of a route or backend (`BackendMetrics`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BackendMetrics {
    /// The route `stat_prefix`, which names the route's stats (Envoy command operators allowed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_stat_name: Option<String>,
}
