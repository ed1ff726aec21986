//! Health checks (`HealthCheck`): active probes (HTTP, TCP, gRPC), passive outlier detection, the panic
//! threshold, and health check event logging.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::HttpStatus;
use crate::Duration;

/// How Envoy decides which endpoints are healthy (`HealthCheck`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheck {
    /// Active health checking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<ActiveHealthCheck>,
    /// Passive health checking (outlier detection).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passive: Option<PassiveHealthCheck>,
    /// The percentage of unhealthy endpoints at which Envoy ignores health and balances over all endpoints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub panic_threshold: Option<u32>,
}

crate::string_enum! {
    /// The kind of active health checker (`ActiveHealthCheckerType`).
    pub enum ActiveHealthCheckerType {
        /// HTTP requests.
        Http = "HTTP",
        /// TCP connections, optionally with a payload.
        Tcp = "TCP",
        /// The gRPC health checking protocol.
        Grpc = "GRPC",
    }
}

/// Active health checking (`ActiveHealthCheck`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActiveHealthCheck {
    /// How long to wait for a response; defaults to 1s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Duration>,
    /// The time between checks; defaults to 3s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<Duration>,
    /// The maximum random wait before the first check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_jitter: Option<Duration>,
    /// Failed checks before an endpoint is unhealthy; defaults to 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unhealthy_threshold: Option<u32>,
    /// Successful checks before an endpoint is healthy; defaults to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthy_threshold: Option<u32>,
    /// The kind of checker.
    #[serde(rename = "type")]
    pub type_: ActiveHealthCheckerType,
    /// HTTP checker settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpActiveHealthChecker>,
    /// TCP checker settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tcp: Option<TcpActiveHealthChecker>,
    /// gRPC checker settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grpc: Option<GrpcActiveHealthChecker>,
    /// Overrides of the defaults for all endpoints (e.g. the port).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overrides: Option<HealthCheckOverrides>,
    /// Health check event logging for this cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check_log: Option<ProxyHealthCheckLog>,
}

/// HTTP active health checking (`HTTPActiveHealthChecker`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpActiveHealthChecker {
    /// The `Host` header of the checks; defaults to the route's hostname or the cluster name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// The path to request.
    pub path: String,
    /// The HTTP method; defaults to GET.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Response statuses considered healthy; defaults to 200 only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expected_statuses: Vec<HttpStatus>,
    /// Response statuses considered retriable (they count towards the unhealthy threshold).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retriable_statuses: Vec<HttpStatus>,
    /// The response body expected from a healthy endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_response: Option<ActiveHealthCheckPayload>,
    /// The request body sent with each check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body: Option<ActiveHealthCheckPayload>,
}

crate::string_enum! {
    /// How a health check payload is written (`ActiveHealthCheckPayloadType`).
    pub enum ActiveHealthCheckPayloadType {
        /// Plain text in `text`.
        Text = "Text",
        /// Base64-encoded bytes in `binary`.
        Binary = "Binary",
    }
}

/// A health check payload (`ActiveHealthCheckPayload`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActiveHealthCheckPayload {
    /// How the payload is written.
    #[serde(rename = "type")]
    pub type_: ActiveHealthCheckPayloadType,
    /// The payload as plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The payload bytes, base64-encoded as on the wire (Go `[]byte`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binary: Option<String>,
}

/// TCP active health checking (`TCPActiveHealthChecker`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TcpActiveHealthChecker {
    /// The payload to send.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send: Option<ActiveHealthCheckPayload>,
    /// The payload expected back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receive: Option<ActiveHealthCheckPayload>,
}

/// gRPC active health checking (`GRPCActiveHealthChecker`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GrpcActiveHealthChecker {
    /// The service name sent in the health check request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
}

/// Overrides of the active health check defaults (`HealthCheckOverrides`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheckOverrides {
    /// The port to check instead of the endpoint's serving port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
}

/// Health check event logging (`ProxyHealthCheckLog`); also used by the `EnvoyProxy` telemetry settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyHealthCheckLog {
    /// Where events are written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sinks: Vec<ProxyHealthCheckLogSink>,
    /// Which probe outcomes produce a log entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matches: Vec<ProxyHealthCheckLogEventType>,
}

crate::string_enum! {
    /// The kind of a health check log sink (`ProxyHealthCheckLogSinkType`).
    pub enum ProxyHealthCheckLogSinkType {
        /// JSON lines in a local file.
        File = "File",
    }
}

/// A destination for health check event logs (`ProxyHealthCheckLogSink`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyHealthCheckLogSink {
    /// The kind of sink.
    #[serde(rename = "type")]
    pub type_: ProxyHealthCheckLogSinkType,
    /// File sink settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileEnvoyProxyHealthCheckLog>,
}

/// A file sink for health check events (`FileEnvoyProxyHealthCheckLog`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FileEnvoyProxyHealthCheckLog {
    /// The file path.
    pub path: String,
}

crate::string_enum! {
    /// Which probe outcomes produce a health check log entry (`ProxyHealthCheckLogEventType`).
    pub enum ProxyHealthCheckLogEventType {
        /// Every failed probe.
        Failure = "Failure",
        /// The first failed probe after a success.
        FailureSeriesStart = "FailureSeriesStart",
        /// Every successful probe.
        Success = "Success",
        /// The first successful probe of an unhealthy endpoint.
        HealthyTransition = "HealthyTransition",
    }
}

/// Passive health checking: Envoy's outlier detection (`PassiveHealthCheck`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PassiveHealthCheck {
    /// Whether local-origin errors are counted separately from external ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_external_local_origin_errors: Option<bool>,
    /// The time between ejection sweeps; defaults to 3s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<Duration>,
    /// Consecutive local-origin failures that eject an endpoint; defaults to 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consecutive_local_origin_failures: Option<u32>,
    /// Consecutive gateway errors (502, 503, 504) that eject an endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consecutive_gateway_errors: Option<u32>,
    /// Consecutive 5xx errors that eject an endpoint; defaults to 5.
    #[serde(
        default,
        rename = "consecutive5XxErrors",
        skip_serializing_if = "Option::is_none"
    )]
    pub consecutive_5xx_errors: Option<u32>,
    /// The base ejection time; defaults to 30s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_ejection_time: Option<Duration>,
    /// The maximum percentage of endpoints that can be ejected; defaults to 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_ejection_percent: Option<i32>,
    /// The failure percentage that ejects an endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_percentage_threshold: Option<u32>,
    /// Whether at least one endpoint may always be ejected, regardless of `maxEjectionPercent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub always_eject_one_endpoint: Option<bool>,
}
