//! Settings of the cluster Envoy uses to reach a backend (`ClusterSettings`), and `BackendCluster`, the
//! backend reference with settings that policies use for the services they call (`ext_authz`, JWKS, OIDC,
//! `ext_proc`, telemetry sinks).

mod circuit_breaker;
mod connection;
mod dns;
mod health_check;
mod load_balancer;
mod proxy_protocol;
mod retry;
mod tcp_keepalive;
mod timeout;

pub use circuit_breaker::*;
pub use connection::*;
pub use dns::*;
pub use health_check::*;
pub use load_balancer::*;
pub use proxy_protocol::*;
pub use retry::*;
pub use tcp_keepalive::*;
pub use timeout::*;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::gateway_api::BackendObjectReference;

/// A reference to a backend with Envoy Gateway's extras (`BackendRef`): a weight and a fallback flag.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EgBackendRef {
    /// The referent's API group; `""` (the default) is the core group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The referent's kind; defaults to `Service`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The referent's name.
    pub name: String,
    /// The referent's namespace; defaults to the referring object's namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The destination port; required for Services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    /// The share of requests this backend gets; defaults to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<i32>,
    /// Whether this backend only takes traffic when the others are unhealthy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<bool>,
}

/// How Envoy connects to a backend (`ClusterSettings`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClusterSettings {
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
}

/// A backend that a policy calls, with its connection settings (`BackendCluster`, inlined into the types
/// that use it: give them these three fields and implement [`HasBackendCluster`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BackendCluster {
    /// The backend (deprecated: use `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_ref: Option<BackendObjectReference>,
    /// The backends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_refs: Vec<EgBackendRef>,
    /// How to connect to the backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_settings: Option<ClusterSettings>,
}

/// Implemented by every type that inlines [`BackendCluster`] (`backendRef`, `backendRefs`,
/// `backendSettings`), so that one implementation resolves the backends of all of them.
pub trait HasBackendCluster {
    /// The deprecated single backend.
    fn backend_ref(&self) -> Option<&BackendObjectReference>;
    /// The backends.
    fn backend_refs(&self) -> &[EgBackendRef];
    /// How to connect to the backends.
    fn backend_settings(&self) -> Option<&ClusterSettings>;
}

/// Implements [`HasBackendCluster`] for a type with `backend_ref`, `backend_refs` and `backend_settings`
/// fields typed as in [`BackendCluster`].
macro_rules! impl_backend_cluster {
    ($ty:ty) => {
        impl $crate::envoy_gateway::HasBackendCluster for $ty {
            fn backend_ref(&self) -> Option<&$crate::gateway_api::BackendObjectReference> {
                self.backend_ref.as_ref()
            }
            fn backend_refs(&self) -> &[$crate::envoy_gateway::EgBackendRef] {
                &self.backend_refs
            }
            fn backend_settings(&self) -> Option<&$crate::envoy_gateway::ClusterSettings> {
                self.backend_settings.as_ref()
            }
        }
    };
}
// For the kinds that inline `BackendCluster` (ext auth, JWKS, OIDC, ext proc, telemetry sinks):
// `crate::envoy_gateway::cluster::impl_backend_cluster!(T);`.
#[allow(unused_imports)]
pub(crate) use impl_backend_cluster;

impl_backend_cluster!(BackendCluster);
