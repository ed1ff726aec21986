//! The traffic features of a route or of an auxiliary backend.

use serde::{Deserialize, Serialize};

use super::{
    AdmissionControl, BackendConnection, BackendTelemetry, BandwidthLimit, CircuitBreaker,
    Compression, Dns, FaultInjection, HealthCheck, HttpUpgrade, LoadBalancer, ProxyProtocol,
    RateLimit, RequestBuffer, ResponseOverride, Retry, TcpKeepalive, Timeout,
};
use crate::ir::Http2Settings;

/// How traffic of a route reaches its backends (EG's `ir.TrafficFeatures`), mostly from a
/// BackendTrafficPolicy; also the `traffic` of auxiliary backends (ext auth, ext proc, JWKS, OIDC,
/// telemetry sinks) built from their `backendSettings`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrafficFeatures {
    /// The policy the features come from (`namespace/name`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Rate limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<RateLimit>,
    /// Load balancing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancer: Option<LoadBalancer>,
    /// PROXY protocol towards backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_protocol: Option<ProxyProtocol>,
    /// Health checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check: Option<HealthCheck>,
    /// Circuit breakers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub circuit_breaker: Option<CircuitBreaker>,
    /// Injected faults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fault_injection: Option<FaultInjection>,
    /// TCP keepalive towards backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tcp_keepalive: Option<TcpKeepalive>,
    /// Retries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<Retry>,
    /// Timeouts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Timeout>,
    /// Connection buffer limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_connection: Option<BackendConnection>,
    /// HTTP/2 settings towards backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http2: Option<Http2Settings>,
    /// DNS resolution of backend host names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns: Option<Dns>,
    /// Replacements of backend responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_override: Option<ResponseOverride>,
    /// Response compression, in order of preference.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub compression: Vec<Compression>,
    /// Allowed protocol upgrades.
    #[serde(default, rename = "httpUpgrade", skip_serializing_if = "Vec::is_empty")]
    pub http_upgrade: Vec<HttpUpgrade>,
    /// Telemetry overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telemetry: Option<BackendTelemetry>,
    /// Buffering of whole requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_buffer: Option<RequestBuffer>,
    /// Load shedding on low success rates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admission_control: Option<AdmissionControl>,
    /// Bandwidth limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bandwidth_limit: Option<BandwidthLimit>,
    /// Whether the route reaches its Service backends through their cluster IP (`Some(true)`) or
    /// their endpoints (`Some(false)`), whatever the fleet's EnvoyProxy says (a BackendTrafficPolicy's
    /// `routingType`). Applied to the route's destination by the translator; EG's IR has no such
    /// field, so it is never written.
    #[serde(skip)]
    pub route_to_service: Option<bool>,
}
