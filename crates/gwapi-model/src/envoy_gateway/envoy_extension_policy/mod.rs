//! `EnvoyExtensionPolicy`: the Wasm, external processing, Lua and dynamic module filters added to the
//! routes and listeners it targets.

mod dynamic_module;
mod ext_proc;
mod lua;
mod wasm;

pub use dynamic_module::*;
pub use ext_proc::*;
pub use lua::*;
pub use wasm::*;

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::{MergeType, TargetSelector};
use crate::gateway_api::{LocalPolicyTargetReferenceWithSectionName, PolicyStatus};

/// The extension filters of a Gateway, a listener or a route (`EnvoyExtensionPolicySpec`). The kind is
/// [`EnvoyExtensionPolicy`].
#[derive(CustomResource, Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[kube(
    group = "gateway.envoyproxy.io",
    version = "v1alpha1",
    kind = "EnvoyExtensionPolicy",
    plural = "envoyextensionpolicies",
    namespaced,
    status = "PolicyStatus",
    derive = "PartialEq",
    derive = "Default"
)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyExtensionPolicySpec {
    /// The single target (deprecated: use `targetRefs` or `targetSelectors`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_ref: Option<LocalPolicyTargetReferenceWithSectionName>,
    /// The targets named explicitly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_refs: Vec<LocalPolicyTargetReferenceWithSectionName>,
    /// The targets selected by labels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_selectors: Vec<TargetSelector>,
    /// How this policy (on a route) merges into the policy of its parent; no merging when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merge_type: Option<MergeType>,
    /// Wasm extensions, loaded in this order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wasm: Vec<Wasm>,
    /// External processing filters, in this order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ext_proc: Vec<ExtProc>,
    /// Lua filters, in this order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lua: Vec<Lua>,
    /// Dynamic module filters (registered in the `EnvoyProxy`'s `dynamicModules`), in this order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dynamic_module: Vec<DynamicModule>,
}

crate::envoy_gateway::policy_target::impl_policy_targets!(EnvoyExtensionPolicySpec);
