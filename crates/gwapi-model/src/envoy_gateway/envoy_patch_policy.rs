//! `EnvoyPatchPolicy`: JSON patches applied to the xDS resources Envoy Gateway generates for a Gateway (or,
//! with merged gateways, a `GatewayClass`).

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::gateway_api::{LocalPolicyTargetReference, PolicyStatus};

crate::string_enum! {
    /// The kind of patch (`EnvoyPatchType`).
    pub enum EnvoyPatchType {
        /// JSON patches (RFC 6902).
        JsonPatch = "JSONPatch",
    }
}

impl Default for EnvoyPatchType {
    /// `JSONPatch`, the only kind.
    fn default() -> Self {
        Self::JsonPatch
    }
}

/// Patches to the generated xDS resources of a Gateway (`EnvoyPatchPolicySpec`). The kind is
/// [`EnvoyPatchPolicy`].
#[derive(CustomResource, Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[kube(
    group = "gateway.envoyproxy.io",
    version = "v1alpha1",
    kind = "EnvoyPatchPolicy",
    plural = "envoypatchpolicies",
    namespaced,
    status = "PolicyStatus",
    derive = "PartialEq",
    derive = "Default"
)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyPatchPolicySpec {
    /// The kind of patch; only `JSONPatch`.
    #[serde(rename = "type")]
    pub type_: EnvoyPatchType,
    /// The JSON patches, applied in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub json_patches: Vec<EnvoyJsonPatchConfig>,
    /// The Gateway (or, with merged gateways, the `GatewayClass`) whose resources are patched.
    pub target_ref: LocalPolicyTargetReference,
    /// The order among the policies of the same target: ascending, so `i32::MIN` is applied first;
    /// defaults to 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i32>,
}

crate::string_enum! {
    /// The type URL of a patched xDS resource (`EnvoyResourceType`).
    pub enum EnvoyResourceType {
        /// A Listener.
        Listener = "type.googleapis.com/envoy.config.listener.v3.Listener",
        /// A `RouteConfiguration`.
        RouteConfiguration = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration",
        /// A Cluster.
        Cluster = "type.googleapis.com/envoy.config.cluster.v3.Cluster",
        /// A `ClusterLoadAssignment`.
        ClusterLoadAssignment = "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment",
        /// A TLS Secret.
        Secret = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret",
    }
}

/// A JSON patch of one xDS resource (`EnvoyJSONPatchConfig`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyJsonPatchConfig {
    /// The type URL of the resource.
    #[serde(rename = "type")]
    pub type_: EnvoyResourceType,
    /// The name of the resource.
    pub name: String,
    /// The operation.
    pub operation: JsonPatchOperation,
}

crate::string_enum! {
    /// A JSON patch operation (`JSONPatchOperationType`, RFC 6902).
    pub enum JsonPatchOperationType {
        /// Add a value.
        Add = "add",
        /// Remove a value.
        Remove = "remove",
        /// Replace a value.
        Replace = "replace",
        /// Move a value.
        Move = "move",
        /// Copy a value.
        Copy = "copy",
        /// Test that a value is present.
        Test = "test",
    }
}

/// One JSON patch operation (`JSONPatchOperation`, RFC 6902).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct JsonPatchOperation {
    /// The operation.
    pub op: JsonPatchOperationType,
    /// The target location, a JSON pointer (RFC 6901); appended to the `jsonPath` results when both are
    /// set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// A `JSONPath` expression (RFC 9535) producing the target locations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json_path: Option<String>,
    /// The source location of `move` and `copy`, a JSON pointer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The value of `add`, `replace` and `test` (free-form JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::envoy_gateway::free_form_json_schema")]
    pub value: Option<serde_json::Value>,
}
