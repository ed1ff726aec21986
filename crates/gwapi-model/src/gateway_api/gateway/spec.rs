//! The Gateway kind and its spec: class, listeners, addresses, infrastructure and `ListenerSet` admission.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{GatewayStatus, GatewayTlsConfig, Listener};
use crate::gateway_api::{FromNamespaces, GatewayDefaultScope};

/// What a Gateway listens on and which routes it accepts (`GatewaySpec`). The kind is [`Gateway`].
#[derive(CustomResource, Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[kube(
    group = "gateway.networking.k8s.io",
    version = "v1",
    kind = "Gateway",
    plural = "gateways",
    namespaced,
    status = "GatewayStatus",
    derive = "PartialEq",
    derive = "Default"
)]
#[serde(rename_all = "camelCase")]
pub struct GatewaySpec {
    /// The `GatewayClass` of this Gateway.
    pub gateway_class_name: String,
    /// The listeners: where and how the Gateway accepts traffic.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub listeners: Vec<Listener>,
    /// The addresses requested for the Gateway.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<GatewaySpecAddress>,
    /// Labels, annotations and parameters for the resources created for the Gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub infrastructure: Option<GatewayInfrastructure>,
    /// Which `ListenerSets` may attach to this Gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_listeners: Option<AllowedListeners>,
    /// Frontend (client certificate validation) and backend (client certificate) TLS settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<GatewayTlsConfig>,
    /// Makes this Gateway a default Gateway, which routes may attach to without naming it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_scope: Option<GatewayDefaultScope>,
}

/// An address requested for a Gateway (`GatewaySpecAddress`).
#[derive(
    Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub struct GatewaySpecAddress {
    /// The address type: `IPAddress` (the default), `Hostname`, `NamedAddress` or a domain-prefixed
    /// implementation-specific type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// The address; the implementation chooses one when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// Attributes of the resources an implementation creates for a Gateway (`GatewayInfrastructure`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GatewayInfrastructure {
    /// Labels to put on the created resources.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Annotations to put on the created resources.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    /// A resource in the Gateway's namespace with implementation-specific configuration for this Gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters_ref: Option<LocalParametersReference>,
}

/// A reference to a configuration resource in the same namespace (`LocalParametersReference`).
#[derive(
    Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub struct LocalParametersReference {
    /// The referent's API group.
    #[serde(default)]
    pub group: String,
    /// The referent's kind.
    pub kind: String,
    /// The referent's name.
    pub name: String,
}

/// Which `ListenerSets` may attach to a Gateway (`AllowedListeners`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AllowedListeners {
    /// The namespaces `ListenerSets` may attach from; none by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespaces: Option<ListenerNamespaces>,
}

/// The namespaces `ListenerSets` may attach from (`ListenerNamespaces`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListenerNamespaces {
    /// Where `ListenerSets` may come from: `All`, `Same`, `Selector` or `None` (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<FromNamespaces>,
    /// The namespaces to accept, for `Selector`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
}
