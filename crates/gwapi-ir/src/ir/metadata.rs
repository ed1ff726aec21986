//! Resource metadata carried into Envoy's metadata (`filter_metadata["envoy-gateway"].resources`), and
//! extension resources carried through the IR.

use serde::{Deserialize, Serialize};

/// The Kubernetes resource an IR element was built from (EG's `ir.ResourceMetadata`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceMetadata {
    /// The resource kind (`Gateway`, `HTTPRoute`, `Service`, ...).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    /// The resource name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The resource namespace.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    /// The section (listener, rule, port) within the resource.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub section_name: String,
    /// The `gateway.envoyproxy.io/` annotations of the resource that are copied into Envoy's metadata.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<MetadataAnnotation>,
    /// The policies that apply to the element.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<PolicyMetadata>,
}

/// One annotation copied into Envoy's metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MetadataAnnotation {
    /// The annotation key (without its prefix).
    #[serde(default)]
    pub key: String,
    /// The annotation value.
    #[serde(default)]
    pub value: String,
}

/// A policy that applies to an IR element.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyMetadata {
    /// The policy kind (`BackendTrafficPolicy`, ...).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    /// The policy name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The policy namespace.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
}

/// An extension resource (an unstructured Kubernetes object) handed to the extension server: a listener's
/// `extensionRefs` or a policy of `extensionServerPolicies`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnstructuredRef {
    /// The whole object (`apiVersion`, `kind`, `metadata`, `spec`, `status`). Go decodes field names
    /// case-insensitively, so hand-written IR also spells it `Object`.
    #[serde(default, alias = "Object")]
    pub object: serde_json::Value,
}
