//! EnvoyExtensionPolicy: extensions (ext_proc, Lua, Wasm, dynamic modules) on the requests of the targeted
//! Gateways, listeners and routes. Attachment, precedence and statuses go through the engine; the
//! extensions land module by module.

mod lua;

use std::collections::BTreeMap;

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::{EnvoyExtensionPolicy, EnvoyExtensionPolicySpec, MergeType};
use gwapi_model::resource::ResourceKind;

use super::engine::{self, PolicyKind};
use crate::ir::{EnvoyExtensionFeatures, HttpRoute, Xds};
use crate::translator::Statuses;
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;

impl PolicyKind for EnvoyExtensionPolicy {
    const KIND: &'static str = "EnvoyExtensionPolicy";
    const PLURAL: &'static str = "envoyExtensionPolicies";
    const RULES_WORD: &'static str = "envoyExtensionPolicies";
    const RESOURCE: ResourceKind = ResourceKind::EnvoyExtensionPolicy;
    const ROUTE_METADATA: bool = false;
    type Spec = EnvoyExtensionPolicySpec;
    type Features = EnvoyExtensionFeatures;

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
        ctx: &Context<'_>,
        meta: &ObjectMeta,
        spec: &Self::Spec,
    ) -> Result<Self::Features, String> {
        let luas = lua::convert(ctx, meta, &spec.lua).map_err(|e| format!("Lua: {e}"))?;
        Ok(EnvoyExtensionFeatures {
            luas,
            ..EnvoyExtensionFeatures::default()
        })
    }

    fn apply(features: &Self::Features, route: &mut HttpRoute) {
        route.envoy_extensions = Some(features.clone());
    }
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
