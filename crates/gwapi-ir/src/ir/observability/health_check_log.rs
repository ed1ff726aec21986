//! Logging of active health check events (`event_logger` of a cluster's health checks).

use serde::{Deserialize, Serialize};

/// Where and which health check events are logged (`ir.HealthCheckLog`); used for the fleet
/// (`healthCheckLog`) and per backend (`traffic.healthCheck.active.backendHealthCheckLog`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheckLog {
    /// Whether every failed check is logged, not only state changes (`always_log_health_check_failures`).
    #[serde(default)]
    pub always_log_health_check_failures: bool,
    /// Whether every successful check is logged (`always_log_health_check_success`).
    #[serde(default)]
    pub always_log_health_check_success: bool,
    /// The files events are written to (`envoy.health_check.event_sink.file`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub file_sinks: Vec<HealthCheckLogFileSink>,
}

/// A file health check events are written to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheckLogFileSink {
    /// The file path, e.g. `/dev/stdout`.
    #[serde(default)]
    pub path: String,
}
