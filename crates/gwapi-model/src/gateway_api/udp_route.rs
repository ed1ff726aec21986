//! `UDPRoute`: routes UDP datagrams from listeners to backends.

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{BackendRef, GatewayDefaultScope, ParentReference, RouteStatus};

/// How a `UDPRoute` routes UDP datagrams (`UDPRouteSpec`). The kind is [`UdpRoute`].
#[derive(
    CustomResource, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema,
)]
#[kube(
    group = "gateway.networking.k8s.io",
    version = "v1",
    kind = "UDPRoute",
    root = "UdpRoute",
    plural = "udproutes",
    namespaced,
    status = "RouteStatus",
    derive = "PartialEq",
    derive = "Default"
)]
#[serde(rename_all = "camelCase")]
pub struct UdpRouteSpec {
    /// The Gateways (or listeners, or `ListenerSets`) the route attaches to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parent_refs: Vec<ParentReference>,
    /// Whether the route attaches to the default Gateways.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_default_gateways: Option<GatewayDefaultScope>,
    /// The rules: where UDP datagrams go.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<UdpRouteRule>,
}

/// One rule of a `UDPRoute`: the backends UDP datagrams are sent to (`UDPRouteRule`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UdpRouteRule {
    /// The rule's name, unique within the route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The weighted backends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_refs: Vec<BackendRef>,
}
