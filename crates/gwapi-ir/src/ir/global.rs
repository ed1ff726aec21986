//! Global resources shared by all listeners, and the ready listener.

use serde::{Deserialize, Serialize};

use crate::ir::{RouteDestination, TlsCertificate};

/// Resources every listener of the fleet may use (EG's `ir.GlobalResources`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GlobalResources {
    /// The cluster of the proxy fleet's own Service (used by the rate limit and wasm features).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_service_cluster: Option<RouteDestination>,
    /// The client certificate Envoy presents to Envoy Gateway's services (rate limit, wasm).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envoy_client_certificate: Option<TlsCertificate>,
}

/// The listener that answers the readiness probe (EG's `ir.ReadyListener`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadyListener {
    /// The address.
    #[serde(default)]
    pub address: String,
    /// The port.
    #[serde(default)]
    pub port: u32,
    /// The path answered.
    #[serde(default)]
    pub path: String,
    /// The address family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_family: Option<IpFamily>,
}

/// The address family of a listener.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IpFamily {
    /// IPv4 only.
    #[serde(rename = "IPv4")]
    Ipv4,
    /// IPv6 only.
    #[serde(rename = "IPv6")]
    Ipv6,
    /// Both.
    DualStack,
}
