//! Policy attachment: target references and policy statuses (GEP-713), shared by BackendTLSPolicy and every
//! Envoy Gateway policy.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ParentReference;
use crate::Condition;

/// A reference from a policy to its target in the same namespace (`LocalPolicyTargetReference`).
#[derive(
    Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub struct LocalPolicyTargetReference {
    /// The target's API group.
    #[serde(default)]
    pub group: String,
    /// The target's kind.
    pub kind: String,
    /// The target's name.
    pub name: String,
}

/// A reference from a policy to its target, or to a section of it (a listener, a route rule)
/// (`LocalPolicyTargetReferenceWithSectionName`).
#[derive(
    Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub struct LocalPolicyTargetReferenceWithSectionName {
    /// The target's API group.
    #[serde(default)]
    pub group: String,
    /// The target's kind.
    pub kind: String,
    /// The target's name.
    pub name: String,
    /// A section of the target: a listener name or a route rule name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section_name: Option<String>,
}

/// The status of a policy for one ancestor (`PolicyAncestorStatus`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PolicyAncestorStatus {
    /// The ancestor (a Gateway, usually) this status is about.
    pub ancestor_ref: ParentReference,
    /// The controller that wrote this status.
    #[serde(default)]
    pub controller_name: String,
    /// The conditions of the policy for this ancestor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
}

/// The status of a policy: one entry per ancestor (`PolicyStatus`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PolicyStatus {
    /// The status for each ancestor the policy affects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ancestors: Vec<PolicyAncestorStatus>,
}

/// The status of a route for one parent (`RouteParentStatus`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RouteParentStatus {
    /// The parent this status is about, as the route names it.
    pub parent_ref: ParentReference,
    /// The controller that wrote this status.
    #[serde(default)]
    pub controller_name: String,
    /// The conditions of the route for this parent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
}

/// The status shared by every route kind (`RouteStatus`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RouteStatus {
    /// The status for each parent the route names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<RouteParentStatus>,
}
