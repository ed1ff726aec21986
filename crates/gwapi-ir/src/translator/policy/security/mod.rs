//! SecurityPolicy: authentication and authorization of the requests of the targeted Gateways, listeners
//! and routes. Attachment, precedence and statuses go through the engine; the features (CORS, JWT,
//! OIDC, basic and API key auth, external authorization, authorization rules) land module by module.

pub(super) mod authorization;
mod cors;

use std::collections::BTreeMap;

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::{MergeType, SecurityPolicy, SecurityPolicySpec};
use gwapi_model::resource::ResourceKind;

use super::engine::{self, PolicyKind};
use crate::ir::{HttpRoute, SecurityFeatures, Xds};
use crate::translator::Statuses;
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;

impl PolicyKind for SecurityPolicy {
    const KIND: &'static str = "SecurityPolicy";
    const PLURAL: &'static str = "securityPolicies";
    const RULES_WORD: &'static str = "securityPolicies";
    const RESOURCE: ResourceKind = ResourceKind::SecurityPolicy;
    const ROUTE_METADATA: bool = false;
    type Spec = SecurityPolicySpec;
    type Features = SecurityFeatures;

    fn meta(&self) -> &ObjectMeta {
        &self.metadata
    }

    fn spec(&self) -> &Self::Spec {
        &self.spec
    }

    fn merge_type(spec: &Self::Spec) -> Option<&MergeType> {
        spec.merge_type.as_ref()
    }

    fn deprecated_fields(spec: &Self::Spec) -> Vec<String> {
        let mut out = Vec::new();
        let Some(ext_auth) = spec.ext_auth.as_ref() else {
            return out;
        };
        if ext_auth
            .grpc
            .as_ref()
            .is_some_and(|g| g.backend_ref.is_some())
        {
            out.push(
                "spec.extAuth.grpc.backendRef is deprecated, use spec.extAuth.grpc.backendRefs \
                 instead"
                    .to_owned(),
            );
        }
        if ext_auth
            .http
            .as_ref()
            .is_some_and(|h| h.backend_ref.is_some())
        {
            out.push(
                "spec.extAuth.http.backendRef is deprecated, use spec.extAuth.http.backendRefs \
                 instead"
                    .to_owned(),
            );
        }
        out
    }

    fn translate(
        _ctx: &Context<'_>,
        meta: &ObjectMeta,
        spec: &Self::Spec,
    ) -> Result<Self::Features, String> {
        let mut errors = Vec::new();
        let cors = collect(&mut errors, "CORS", cors::convert(spec.cors.as_ref())).flatten();
        let authorization = collect(
            &mut errors,
            "Authorization",
            authorization::convert(meta, spec.authorization.as_ref()),
        )
        .flatten();
        if errors.is_empty() {
            Ok(SecurityFeatures {
                cors,
                authorization,
                ..SecurityFeatures::default()
            })
        } else {
            Err(errors.join("\n"))
        }
    }

    fn apply(features: &Self::Features, route: &mut HttpRoute) {
        route.security = Some(features.clone());
    }
}

/// The value of a feature's conversion, or its error (prefixed with the feature) added to `errors`.
fn collect<T>(errors: &mut Vec<String>, feature: &str, result: Result<T, String>) -> Option<T> {
    result
        .map_err(|e| errors.push(format!("{feature}: {e}")))
        .ok()
}

/// Attaches every SecurityPolicy (oldest first) and sets their statuses.
pub(crate) fn process(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    xds: &mut BTreeMap<String, Xds>,
    statuses: &mut Statuses,
) {
    let policies: Vec<&SecurityPolicy> = ctx.snapshot.security_policies().collect();
    engine::run(ctx, gateways, &policies, xds, statuses);
}
