//! How an Envoy Gateway policy names what it applies to: `targetRef` (deprecated), `targetRefs` and
//! `targetSelectors` (`PolicyTargetReferences`, inlined into each policy's spec).

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, LabelSelectorRequirement};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::gateway_api::LocalPolicyTargetReferenceWithSectionName;

crate::string_enum! {
    /// Which namespaces a target selector looks in (`TargetNamespaceFrom`).
    pub enum TargetNamespaceFrom {
        /// Only the policy's own namespace (the default).
        Same = "Same",
        /// Every watched namespace.
        All = "All",
        /// The watched namespaces that match a label selector.
        Selector = "Selector",
    }
}

/// The namespaces a target selector looks in (`TargetSelectorNamespaces`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TargetSelectorNamespaces {
    /// How namespaces are selected; defaults to `Same`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<TargetNamespaceFrom>,
    /// The namespaces to look in when `from` is `Selector`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
}

/// Selects the targets of a policy by kind and labels (`TargetSelector`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TargetSelector {
    /// The targets' API group; defaults to `gateway.networking.k8s.io`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The targets' kind.
    pub kind: String,
    /// The namespaces to look in; by default only the policy's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespaces: Option<TargetSelectorNamespaces>,
    /// Labels every target must carry.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub match_labels: BTreeMap<String, String>,
    /// Label requirements every target must satisfy (ANDed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_expressions: Vec<LabelSelectorRequirement>,
}

/// Implemented by the spec of every policy that targets objects with `targetRef`, `targetRefs` and
/// `targetSelectors`, so that one implementation resolves targets for all of them.
pub trait PolicyTargets {
    /// The deprecated single target.
    fn target_ref(&self) -> Option<&LocalPolicyTargetReferenceWithSectionName>;
    /// The targets named explicitly.
    fn target_refs(&self) -> &[LocalPolicyTargetReferenceWithSectionName];
    /// The targets selected by labels.
    fn target_selectors(&self) -> &[TargetSelector];
}

/// Implements [`PolicyTargets`] for a spec with `target_ref`, `target_refs` and `target_selectors` fields.
macro_rules! impl_policy_targets {
    ($spec:ty) => {
        impl $crate::envoy_gateway::PolicyTargets for $spec {
            fn target_ref(
                &self,
            ) -> Option<&$crate::gateway_api::LocalPolicyTargetReferenceWithSectionName> {
                self.target_ref.as_ref()
            }
            fn target_refs(
                &self,
            ) -> &[$crate::gateway_api::LocalPolicyTargetReferenceWithSectionName] {
                &self.target_refs
            }
            fn target_selectors(&self) -> &[$crate::envoy_gateway::TargetSelector] {
                &self.target_selectors
            }
        }
    };
}
pub(crate) use impl_policy_targets;
