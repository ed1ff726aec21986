//! `GatewayClass`: a class of Gateways managed by one controller (cluster-scoped).

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Condition;

/// The controller and configuration of a class of Gateways (`GatewayClassSpec`). The kind is
/// [`GatewayClass`].
#[derive(
    CustomResource, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema,
)]
#[kube(
    group = "gateway.networking.k8s.io",
    version = "v1",
    kind = "GatewayClass",
    plural = "gatewayclasses",
    status = "GatewayClassStatus",
    derive = "PartialEq",
    derive = "Default"
)]
#[serde(rename_all = "camelCase")]
pub struct GatewayClassSpec {
    /// The controller that manages Gateways of this class (a domain-prefixed path).
    pub controller_name: String,
    /// A resource with controller-specific configuration for the class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters_ref: Option<ParametersReference>,
    /// A human-readable description of the class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A reference to a resource with controller-specific configuration, cluster-scoped or in a namespace
/// (`ParametersReference`).
#[derive(
    Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub struct ParametersReference {
    /// The referent's API group.
    #[serde(default)]
    pub group: String,
    /// The referent's kind.
    pub kind: String,
    /// The referent's name.
    pub name: String,
    /// The referent's namespace, for a namespaced referent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

/// The observed state of a `GatewayClass` (`GatewayClassStatus`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GatewayClassStatus {
    /// The conditions of the class, e.g. `Accepted`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// The Gateway API features the class supports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supported_features: Vec<SupportedFeature>,
}

/// A Gateway API feature a `GatewayClass` supports (`SupportedFeature`).
#[derive(
    Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub struct SupportedFeature {
    /// The feature's name, e.g. `HTTPRouteQueryParamMatching`.
    pub name: String,
}
