//! `ClientTrafficPolicy`: how Envoy treats the connections and requests of downstream clients on the listeners
//! of a Gateway (keepalive, PROXY protocol, client IP detection, TLS, headers, timeouts, limits, protocols).

mod client_ip_detection;
mod connection;
mod headers;
mod http1;
mod listener;
mod path;
mod timeout;
mod tls;

pub use client_ip_detection::*;
pub use connection::*;
pub use headers::*;
pub use http1::*;
pub use listener::*;
pub use path::*;
pub use timeout::*;
pub use tls::*;

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::{Http2Settings, TargetSelector, TcpKeepalive};
use crate::gateway_api::{LocalPolicyTargetReferenceWithSectionName, PolicyStatus};

/// The desired state of a `ClientTrafficPolicy` (`ClientTrafficPolicySpec`). The kind is
/// [`ClientTrafficPolicy`].
#[derive(CustomResource, Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[kube(
    group = "gateway.envoyproxy.io",
    version = "v1alpha1",
    kind = "ClientTrafficPolicy",
    plural = "clienttrafficpolicies",
    namespaced,
    status = "PolicyStatus",
    derive = "PartialEq",
    derive = "Default"
)]
#[serde(rename_all = "camelCase")]
pub struct ClientTrafficPolicySpec {
    /// The target (deprecated: use `targetRefs` or `targetSelectors`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_ref: Option<LocalPolicyTargetReferenceWithSectionName>,
    /// The Gateways (or listeners of them) this policy applies to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_refs: Vec<LocalPolicyTargetReferenceWithSectionName>,
    /// Selects the targets by labels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_selectors: Vec<TargetSelector>,
    /// TCP keepalive on the downstream connections; disabled by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tcp_keepalive: Option<TcpKeepalive>,
    /// Whether to require and interpret a PROXY protocol header (deprecated: use `proxyProtocol`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_proxy_protocol: Option<bool>,
    /// PROXY protocol settings; takes precedence over `enableProxyProtocol`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_protocol: Option<ProxyProtocolSettings>,
    /// How the original client IP address of a request is determined.
    #[serde(
        default,
        rename = "clientIPDetection",
        skip_serializing_if = "Option::is_none"
    )]
    pub client_ip_detection: Option<ClientIpDetectionSettings>,
    /// TLS termination settings towards the downstream clients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<ClientTlsSettings>,
    /// How the request path sent by clients is normalized.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<PathSettings>,
    /// Header management.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<HeaderSettings>,
    /// Timeouts of the client connections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<ClientTimeout>,
    /// Connection settings (limits, buffers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection: Option<ClientConnection>,
    /// HTTP/1 settings of the listener.
    #[serde(default, rename = "http1", skip_serializing_if = "Option::is_none")]
    pub http1: Option<Http1Settings>,
    /// HTTP/2 settings of the listener.
    #[serde(default, rename = "http2", skip_serializing_if = "Option::is_none")]
    pub http2: Option<Http2Settings>,
    /// HTTP/3 on the listener; enabled when present.
    #[serde(default, rename = "http3", skip_serializing_if = "Option::is_none")]
    pub http3: Option<Http3Settings>,
    /// gRPC settings of the listener.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grpc: Option<GrpcSettings>,
    /// A health check endpoint on the HTTP/HTTPS listener.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check: Option<HealthCheckSettings>,
    /// How the `:scheme` pseudo-header of forwarded requests is set; defaults to `Preserve`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<SchemeHeaderTransform>,
}

crate::envoy_gateway::policy_target::impl_policy_targets!(ClientTrafficPolicySpec);
