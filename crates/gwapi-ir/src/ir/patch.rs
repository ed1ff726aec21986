//! EnvoyPatchPolicy patches carried in the IR; applied as JSON patches to the generated xDS resources after
//! translation, and reported back in the policy's status.

use serde::{Deserialize, Serialize};

use gwapi_model::Condition;

/// The JSON patches of one EnvoyPatchPolicy, with its status (`ir.EnvoyPatchPolicy`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyPatchPolicy {
    /// The policy name.
    #[serde(default)]
    pub name: String,
    /// The policy namespace.
    #[serde(default)]
    pub namespace: String,
    /// The policy's `metadata.generation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generation: Option<i64>,
    /// The policy's status, completed by the xDS translator when it applies the patches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<EnvoyPatchPolicyStatus>,
    /// The patches, applied in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub json_patches: Vec<JsonPatchConfig>,
}

/// The status of an EnvoyPatchPolicy (`PolicyStatus`): one entry per ancestor (Gateway or GatewayClass).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyPatchPolicyStatus {
    /// The status per ancestor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ancestors: Vec<PolicyAncestorStatus>,
}

/// The status of a policy for one ancestor.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyAncestorStatus {
    /// The ancestor.
    #[serde(default)]
    pub ancestor_ref: PolicyAncestorRef,
    /// The controller writing this entry.
    #[serde(default)]
    pub controller_name: String,
    /// The conditions (`Accepted`, `Programmed`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
}

/// The ancestor a policy status entry is about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyAncestorRef {
    /// The API group, e.g. `gateway.networking.k8s.io`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The kind, e.g. `Gateway` or `GatewayClass`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The name.
    #[serde(default)]
    pub name: String,
    /// The namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The listener (section) name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section_name: Option<String>,
    /// The listener port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u32>,
}

/// One JSON patch of one xDS resource (`ir.JSONPatchConfig`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonPatchConfig {
    /// The type of the patched resource.
    #[serde(rename = "type")]
    pub resource_type: PatchedResourceType,
    /// The name of the patched resource.
    #[serde(default)]
    pub name: String,
    /// The operation.
    pub operation: JsonPatchOperation,
}

/// The type URL of a patched xDS resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PatchedResourceType {
    /// A Listener.
    #[serde(rename = "type.googleapis.com/envoy.config.listener.v3.Listener")]
    Listener,
    /// A `RouteConfiguration`.
    #[serde(rename = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration")]
    RouteConfiguration,
    /// A Cluster.
    #[serde(rename = "type.googleapis.com/envoy.config.cluster.v3.Cluster")]
    Cluster,
    /// A `ClusterLoadAssignment`.
    #[serde(rename = "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment")]
    ClusterLoadAssignment,
    /// A TLS Secret.
    #[serde(rename = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret")]
    Secret,
}

/// A JSON patch operation (RFC 6902), optionally located by a JSONPath (RFC 9535).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonPatchOperation {
    /// The operation.
    pub op: JsonPatchOp,
    /// The target location, a JSON pointer; appended to each `jsonPath` result when both are set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// A JSONPath expression selecting the target locations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json_path: Option<String>,
    /// The source location of `move` and `copy`, a JSON pointer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The value of `add`, `replace` and `test` (free-form JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
}

/// A JSON patch operation type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JsonPatchOp {
    /// Add a value.
    Add,
    /// Remove a value.
    Remove,
    /// Replace a value.
    Replace,
    /// Move a value.
    Move,
    /// Copy a value.
    Copy,
    /// Test that a value is present.
    Test,
}
