//! Telemetry of the proxies (`ProxyTelemetry`): access logs, tracing, metrics, request IDs and health check
//! event logs.

mod access_log;
mod metrics;
mod tracing;

pub use access_log::*;
pub use metrics::*;
pub use tracing::*;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::ProxyHealthCheckLog;

/// Telemetry of the proxies (`ProxyTelemetry`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyTelemetry {
    /// Access logs; one to stdout in the default format when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_log: Option<ProxyAccessLog>,
    /// Tracing; disabled when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracing: Option<ProxyTracing>,
    /// Metrics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<ProxyMetrics>,
    /// Request ID behaviour.
    #[serde(default, rename = "requestID", skip_serializing_if = "Option::is_none")]
    pub request_id: Option<RequestIdSettings>,
    /// Health check event logging of the clusters of routes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check_log: Option<ProxyHealthCheckLog>,
}

crate::string_enum! {
    /// How the UUID request ID extension packs and uses the trace decision (`RequestIDExtensionAction`).
    pub enum RequestIdExtensionAction {
        /// Packs the trace decision into the UUID and samples by `X-Request-ID`.
        PackAndSample = "PackAndSample",
        /// Samples by `X-Request-ID` without altering the UUID.
        Sample = "Sample",
        /// Packs the trace decision into the UUID without sampling by it.
        Pack = "Pack",
        /// Neither.
        Disable = "Disable",
    }
}

/// Request ID behaviour (`RequestIDSettings`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequestIdSettings {
    /// How the UUID request ID extension interacts with tracing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracing: Option<RequestIdExtensionAction>,
}
