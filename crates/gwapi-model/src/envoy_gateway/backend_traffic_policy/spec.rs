//! The `BackendTrafficPolicy` kind: its targets, the cluster settings it applies to the targets' backends,
//! and the HTTP features it adds to their routes.

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    AdmissionControl, BackendTelemetry, BandwidthLimitSpec, Compression, FaultInjection,
    ProtocolUpgradeConfig, RateLimitSpec, RequestBuffer, ResponseOverride,
};
use crate::envoy_gateway::{
    BackendConnection, CircuitBreaker, Dns, HealthCheck, LoadBalancer, MergeType, ProxyProtocol,
    Retry, RoutingType, TargetSelector, TcpKeepalive, Timeout,
};
use crate::gateway_api::{LocalPolicyTargetReferenceWithSectionName, PolicyStatus};

/// How Envoy talks to the backends of the targeted Gateways and routes (`BackendTrafficPolicySpec`). The
/// kind is [`BackendTrafficPolicy`].
#[derive(CustomResource, Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[kube(
    group = "gateway.envoyproxy.io",
    version = "v1alpha1",
    kind = "BackendTrafficPolicy",
    plural = "backendtrafficpolicies",
    namespaced,
    status = "PolicyStatus",
    derive = "PartialEq",
    derive = "Default"
)]
#[serde(rename_all = "camelCase")]
pub struct BackendTrafficPolicySpec {
    /// The target (deprecated: use `targetRefs` or `targetSelectors`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_ref: Option<LocalPolicyTargetReferenceWithSectionName>,
    /// The targets, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_refs: Vec<LocalPolicyTargetReferenceWithSectionName>,
    /// The targets, by labels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_selectors: Vec<TargetSelector>,

    // `ClusterSettings`, inlined.
    /// The load balancing policy; defaults to `LeastRequest`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancer: Option<LoadBalancer>,
    /// Retries; disabled when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<Retry>,
    /// PROXY protocol towards the backend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_protocol: Option<ProxyProtocol>,
    /// TCP keepalive on upstream connections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tcp_keepalive: Option<TcpKeepalive>,
    /// Active and passive health checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check: Option<HealthCheck>,
    /// Circuit breaker thresholds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub circuit_breaker: Option<CircuitBreaker>,
    /// Connection and request timeouts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Timeout>,
    /// Connection settings (buffer limits, preconnect, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection: Option<BackendConnection>,
    /// DNS resolution settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns: Option<Dns>,
    /// HTTP/2 settings of backend connections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http2: Option<crate::envoy_gateway::Http2Settings>,
    /// How this policy merges with a policy of a parent resource (routes only); no merging when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merge_type: Option<MergeType>,
    /// Rate limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<RateLimitSpec>,
    /// Bandwidth limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bandwidth_limit: Option<BandwidthLimitSpec>,
    /// Injected delays and aborts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fault_injection: Option<FaultInjection>,
    /// Probabilistic load shedding based on the success rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admission_control: Option<AdmissionControl>,
    /// Whether requests go upstream with the client's HTTP protocol.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_client_protocol: Option<bool>,
    /// Response compression (deprecated: use `compressor`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub compression: Vec<Compression>,
    /// Response compressors, preferred in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub compressor: Vec<Compression>,
    /// Response overrides; the first match wins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response_override: Vec<ResponseOverride>,
    /// Allowed HTTP protocol upgrades; websocket only when unset.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub http_upgrade: Vec<ProtocolUpgradeConfig>,
    /// Buffers whole requests before sending them upstream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_buffer: Option<RequestBuffer>,
    /// Telemetry settings, overriding the `EnvoyProxy` ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telemetry: Option<BackendTelemetry>,
    /// Whether Envoy routes to Service cluster IPs or to endpoints, overriding the `EnvoyProxy` setting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing_type: Option<RoutingType>,
}

crate::envoy_gateway::policy_target::impl_policy_targets!(BackendTrafficPolicySpec);
