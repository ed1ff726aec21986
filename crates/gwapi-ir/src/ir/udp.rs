//! UDP listeners and routes (EG's `ir.UDPListener`, `ir.UDPRoute`).

use serde::{Deserialize, Serialize};

use crate::ir::{LoadBalancer, ResourceMetadata, RouteDestination, Timeout, UnstructuredRef};

/// One UDP listener of the proxy, with its single route.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UdpListener {
    /// The listener name (`<ns>/<gateway>/<listener>`).
    #[serde(default)]
    pub name: String,
    /// The address the proxy listens on.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    /// The port the proxy listens on (the container port).
    #[serde(default)]
    pub port: u32,
    /// The port clients send to (the Service port).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_port: Option<u32>,
    /// The resource the listener comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ResourceMetadata>,
    /// The route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<UdpRoute>,
    /// Extension resources attached to the listener, for the extension server.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension_refs: Vec<UnstructuredRef>,
}

/// The route of a UDP listener.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UdpRoute {
    /// The route name (`udproute/<ns>/<name>`).
    #[serde(default)]
    pub name: String,
    /// Where datagrams go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<RouteDestination>,
    /// Load balancing (BackendTrafficPolicy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancer: Option<LoadBalancer>,
    /// Timeouts (BackendTrafficPolicy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Timeout>,
}
