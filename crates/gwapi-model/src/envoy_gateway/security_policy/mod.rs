//! `SecurityPolicy`: authentication (API key, basic, JWT, OIDC, external), authorization, CORS and CSRF for
//! the routes and listeners it targets.

mod api_key_auth;
mod authorization;
mod basic_auth;
mod cors;
mod csrf;
mod ext_auth;
mod jwt;
mod oidc;

pub use api_key_auth::*;
pub use authorization::*;
pub use basic_auth::*;
pub use cors::*;
pub use csrf::*;
pub use ext_auth::*;
pub use jwt::*;
pub use oidc::*;

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::{MergeType, TargetSelector};
use crate::gateway_api::{LocalPolicyTargetReferenceWithSectionName, PolicyStatus};

/// The security settings of a Gateway, a listener or a route (`SecurityPolicySpec`). The kind is
/// [`SecurityPolicy`].
#[derive(CustomResource, Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[kube(
    group = "gateway.envoyproxy.io",
    version = "v1alpha1",
    kind = "SecurityPolicy",
    plural = "securitypolicies",
    namespaced,
    status = "PolicyStatus",
    derive = "PartialEq",
    derive = "Default"
)]
#[serde(rename_all = "camelCase")]
pub struct SecurityPolicySpec {
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
    /// API key authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_auth: Option<ApiKeyAuth>,
    /// Cross-Origin Resource Sharing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cors: Option<Cors>,
    /// Cross-Site Request Forgery protection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csrf: Option<Csrf>,
    /// HTTP Basic authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic_auth: Option<BasicAuth>,
    /// JSON Web Token authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwt: Option<Jwt>,
    /// OIDC authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oidc: Option<Oidc>,
    /// External authorization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext_auth: Option<ExtAuth>,
    /// Authorization rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization: Option<Authorization>,
}

crate::envoy_gateway::policy_target::impl_policy_targets!(SecurityPolicySpec);
