//! Health checks of backend endpoints: active probes and passive outlier detection.

use serde::{Deserialize, Serialize};

use crate::ir::Blob;
use crate::ir::GoDuration;
use crate::ir::HealthCheckLog;

/// Health checking of a backend's endpoints (EG's `ir.HealthCheck`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheck {
    /// Active probes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<ActiveHealthCheck>,
    /// Passive outlier detection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passive: Option<OutlierDetection>,
    /// Below this share (percent) of healthy endpoints, all endpoints are used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub panic_threshold: Option<u32>,
}

/// Active health checking: Envoy probes each endpoint.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawActiveHealthCheck", into = "RawActiveHealthCheck")]
pub struct ActiveHealthCheck {
    /// How long a probe may take.
    pub timeout: Option<GoDuration>,
    /// Time between probes.
    pub interval: Option<GoDuration>,
    /// Failed probes before an endpoint is unhealthy.
    pub unhealthy_threshold: Option<u32>,
    /// Successful probes before an endpoint is healthy.
    pub healthy_threshold: Option<u32>,
    /// The kind of probe.
    pub checker: Option<HealthChecker>,
    /// Where probes go instead of the traffic port.
    pub overrides: Option<HealthCheckOverrides>,
    /// Logging of probe results.
    pub backend_health_check_log: Option<HealthCheckLog>,
}

/// The kind of active probe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HealthChecker {
    /// An HTTP request (`http`).
    Http(HttpHealthChecker),
    /// A TCP connection, optionally exchanging payloads (`tcp`).
    Tcp(TcpHealthChecker),
    /// A gRPC health check call (`grpc`).
    Grpc(GrpcHealthChecker),
}

/// An HTTP health probe.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpHealthChecker {
    /// The `Host` of probes (empty: the cluster name).
    #[serde(default)]
    pub host: String,
    /// The path of probes.
    #[serde(default)]
    pub path: String,
    /// The method of probes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Status codes of healthy responses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expected_statuses: Vec<u32>,
    /// Status codes that count as failures but do not mark the endpoint unhealthy at once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retriable_statuses: Vec<u32>,
    /// Text the response body must contain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_response: Option<HealthCheckPayload>,
    /// The body of probes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body: Option<HealthCheckPayload>,
}

/// A TCP health probe.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TcpHealthChecker {
    /// Sent after connecting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send: Option<HealthCheckPayload>,
    /// Expected in return.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receive: Option<HealthCheckPayload>,
}

/// A gRPC health probe.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GrpcHealthChecker {
    /// The service name asked about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
}

/// A payload of a health probe or of its expected answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawHealthCheckPayload", into = "RawHealthCheckPayload")]
pub enum HealthCheckPayload {
    /// Text (`text`).
    Text(String),
    /// Bytes (`binary`, base64).
    Binary(Blob),
}

/// Where active probes are sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheckOverrides {
    /// The port probed instead of the traffic port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u32>,
}

/// Passive health checking: endpoints are ejected after errors (EG's `ir.OutlierDetection`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutlierDetection {
    /// Time between ejection sweeps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<GoDuration>,
    /// Whether local-origin failures (connect errors, timeouts) are counted apart from responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_external_local_origin_errors: Option<bool>,
    /// Consecutive local-origin failures before ejection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consecutive_local_origin_failures: Option<u32>,
    /// Consecutive gateway errors (502, 503, 504) before ejection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consecutive_gateway_errors: Option<u32>,
    /// Consecutive 5xx responses before ejection.
    #[serde(
        default,
        rename = "consecutive5XxErrors",
        skip_serializing_if = "Option::is_none"
    )]
    pub consecutive_5xx_errors: Option<u32>,
    /// The base time an endpoint stays ejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_ejection_time: Option<GoDuration>,
    /// The largest share (percent) of endpoints ejected at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_ejection_percent: Option<i32>,
}

/// The wire shape of [`ActiveHealthCheck`]: at most one of `http` / `tcp` / `grpc`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawActiveHealthCheck {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    timeout: Option<GoDuration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    interval: Option<GoDuration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unhealthy_threshold: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    healthy_threshold: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    http: Option<HttpHealthChecker>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tcp: Option<TcpHealthChecker>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    grpc: Option<GrpcHealthChecker>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    overrides: Option<HealthCheckOverrides>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    backend_health_check_log: Option<HealthCheckLog>,
}

impl TryFrom<RawActiveHealthCheck> for ActiveHealthCheck {
    type Error = String;

    fn try_from(raw: RawActiveHealthCheck) -> Result<Self, Self::Error> {
        let checker = match (raw.http, raw.tcp, raw.grpc) {
            (Some(http), None, None) => Some(HealthChecker::Http(http)),
            (None, Some(tcp), None) => Some(HealthChecker::Tcp(tcp)),
            (None, None, Some(grpc)) => Some(HealthChecker::Grpc(grpc)),
            (None, None, None) => None,
            _ => return Err("an active health check has one of http, tcp, grpc".into()),
        };
        Ok(Self {
            timeout: raw.timeout,
            interval: raw.interval,
            unhealthy_threshold: raw.unhealthy_threshold,
            healthy_threshold: raw.healthy_threshold,
            checker,
            overrides: raw.overrides,
            backend_health_check_log: raw.backend_health_check_log,
        })
    }
}

impl From<ActiveHealthCheck> for RawActiveHealthCheck {
    fn from(check: ActiveHealthCheck) -> Self {
        let mut raw = Self {
            timeout: check.timeout,
            interval: check.interval,
            unhealthy_threshold: check.unhealthy_threshold,
            healthy_threshold: check.healthy_threshold,
            overrides: check.overrides,
            backend_health_check_log: check.backend_health_check_log,
            ..Self::default()
        };
        match check.checker {
            Some(HealthChecker::Http(http)) => raw.http = Some(http),
            Some(HealthChecker::Tcp(tcp)) => raw.tcp = Some(tcp),
            Some(HealthChecker::Grpc(grpc)) => raw.grpc = Some(grpc),
            None => {}
        }
        raw
    }
}

/// The wire shape of [`HealthCheckPayload`]: one of `text` / `binary`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawHealthCheckPayload {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    binary: Option<Blob>,
}

impl TryFrom<RawHealthCheckPayload> for HealthCheckPayload {
    type Error = String;

    fn try_from(raw: RawHealthCheckPayload) -> Result<Self, Self::Error> {
        match (raw.text, raw.binary) {
            (Some(text), None) => Ok(Self::Text(text)),
            (None, Some(binary)) => Ok(Self::Binary(binary)),
            _ => Err("a health check payload has one of text, binary".into()),
        }
    }
}

impl From<HealthCheckPayload> for RawHealthCheckPayload {
    fn from(payload: HealthCheckPayload) -> Self {
        match payload {
            HealthCheckPayload::Text(text) => Self {
                text: Some(text),
                binary: None,
            },
            HealthCheckPayload::Binary(binary) => Self {
                text: None,
                binary: Some(binary),
            },
        }
    }
}
