//! TCP listeners and routes (EG's `ir.TCPListener`, `ir.TCPRoute`), also used for TLS passthrough and
//! TLS termination of TLSRoutes.

use serde::{Deserialize, Serialize};

use crate::ir::{
    Authorization, CircuitBreaker, ClientConnection, ClientTimeout, HealthCheck, IpFamily,
    LoadBalancer, ProxyProtocolSettings, ResourceMetadata, RouteDestination, TcpKeepalive, Timeout,
    TlsConfig, UnstructuredRef,
};
use crate::ir::{BackendConnection, ProxyProtocol};

/// One TCP or TLS listener of the proxy.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TcpListener {
    /// The listener name (`<ns>/<gateway>/<listener>`).
    #[serde(default)]
    pub name: String,
    /// The address the proxy listens on.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    /// The port the proxy listens on (the container port).
    #[serde(default)]
    pub port: u32,
    /// The port clients connect to (the Service port).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_port: Option<u32>,
    /// The address family of the listener.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_family: Option<IpFamily>,
    /// The resource the listener comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ResourceMetadata>,
    /// TLS termination settings of the listener (from ClientTrafficPolicy and the Gateway listener).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<TlsConfig>,
    /// The routes (one filter chain each).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<TcpRoute>,
    /// TCP keepalive towards clients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tcp_keepalive: Option<TcpKeepalive>,
    /// Client timeouts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<ClientTimeout>,
    /// Connection limits and buffers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection: Option<ClientConnection>,
    /// PROXY protocol from clients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_protocol: Option<ProxyProtocolSettings>,
    /// Extension resources attached to the listener, for the extension server.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension_refs: Vec<UnstructuredRef>,
}

/// One TCP route: a filter chain of a TCP listener.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TcpRoute {
    /// The route name (`tcproute/<ns>/<name>`, `tlsroute/<ns>/<name>`).
    #[serde(default)]
    pub name: String,
    /// How TLS is handled: SNI matching (passthrough) and/or termination.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<TcpRouteTls>,
    /// Where connections go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<RouteDestination>,
    /// The resource the route comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ResourceMetadata>,
    /// Load balancing (BackendTrafficPolicy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancer: Option<LoadBalancer>,
    /// PROXY protocol towards the backend (BackendTrafficPolicy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_protocol: Option<ProxyProtocol>,
    /// Health checks (BackendTrafficPolicy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check: Option<HealthCheck>,
    /// Circuit breaking (BackendTrafficPolicy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub circuit_breaker: Option<CircuitBreaker>,
    /// TCP keepalive towards the backend (BackendTrafficPolicy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tcp_keepalive: Option<TcpKeepalive>,
    /// Timeouts towards the backend (BackendTrafficPolicy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Timeout>,
    /// Backend connection buffers (BackendTrafficPolicy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_connection: Option<BackendConnection>,
    /// Client authorization by address (SecurityPolicy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization: Option<Authorization>,
}

/// TLS handling of a TCP route.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TcpRouteTls {
    /// Match connections by the SNI seen by the TLS inspector (passthrough).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inspector: Option<TlsInspectorConfig>,
    /// Terminate TLS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminate: Option<TlsConfig>,
}

/// SNI matching.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TlsInspectorConfig {
    /// The server names matched.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snis: Vec<String>,
}
