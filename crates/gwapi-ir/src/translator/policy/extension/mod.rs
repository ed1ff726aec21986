//! EnvoyExtensionPolicy: extensions (ext_proc, Lua, Wasm, dynamic modules) on the requests of the targeted
//! Gateways, listeners and routes. Attachment, precedence and statuses go through the engine; the
//! extensions land module by module.

use std::collections::BTreeMap;

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::{EnvoyExtensionPolicy, EnvoyExtensionPolicySpec, MergeType};
use gwapi_model::resource::ResourceKind;

use super::engine::{self, PolicyKind};
use crate::ir::{HttpRoute, Xds};
use crate::translator::Statuses;
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;

impl PolicyKind for EnvoyExtensionPolicy {
    const KIND: &'static str = "EnvoyExtensionPolicy";
    const PLURAL: &'static str = "envoyExtensionPolicies";
    const RULES_WORD: &'static str = "envoyExtensionPolicies";
    const RESOURCE: ResourceKind = ResourceKind::EnvoyExtensionPolicy;
    type Spec = EnvoyExtensionPolicySpec;
    type Features = ();

    fn meta(&self) -> &ObjectMeta {
        &self.metadata
    }

    fn spec(&self) -> &Self::Spec {
        &self.spec
    }

    fn merge_type(spec: &Self::Spec) -> Option<&MergeType> {
        spec.merge_type.as_ref()
    }

    fn deprecated_fields(_spec: &Self::Spec) -> Vec<String> {
        Vec::new()
    }

    fn translate(
        _ctx: &Context<'_>,
        _meta: &ObjectMeta,
        _spec: &Self::Spec,
    ) -> Result<Self::Features, String> {
        Ok(())
    }

    fn apply((): &Self::Features, _route: &mut HttpRoute) {}
}

/// Attaches every EnvoyExtensionPolicy (oldest first) and sets their statuses.
pub(crate) fn process(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    xds: &mut BTreeMap<String, Xds>,
    statuses: &mut Statuses,
) {
    let policies: Vec<&EnvoyExtensionPolicy> = ctx.snapshot.envoy_extension_policies().collect();
    engine::run(ctx, gateways, &policies, xds, statuses);
}
