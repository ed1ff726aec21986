//! SecurityPolicy: authentication and authorization of the requests of the targeted Gateways, listeners
//! and routes. Attachment, precedence and statuses go through the engine; the features (CORS, JWT,
//! OIDC, basic and API key auth, external authorization, authorization rules) land module by module.

mod api_key_auth;
pub(super) mod authorization;
mod backends;
mod basic_auth;
mod cors;
mod ext_auth;
mod geo_ip;
mod jwt;
mod merge;
mod oidc;
mod secret_ref;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::{EnvoyProxy, MergeType, SecurityPolicy, SecurityPolicySpec};
use gwapi_model::gateway_api::{BackendRef, ParentReference};
use gwapi_model::resource::ResourceKind;

use super::engine::{self, PolicyKind};
use crate::ir::{
    ExtAuthService, HttpRoute, Jwks, RouteDestination, SecurityFeatures, TcpRoute, Xds,
};
use crate::translator::Statuses;
use crate::translator::backend_tls;
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;
use crate::translator::index::ns_name;

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
        ctx: &Context<'_>,
        meta: &ObjectMeta,
        spec: &Self::Spec,
    ) -> Result<Self::Features, String> {
        let mut errors = Vec::new();
        let cors = collect(&mut errors, "CORS", cors::convert(spec.cors.as_ref())).flatten();
        let jwt = collect(
            &mut errors,
            "JWT",
            jwt::convert(ctx, meta, spec.jwt.as_ref()),
        )
        .flatten();
        let oidc = collect(
            &mut errors,
            "OIDC",
            oidc::convert(ctx, meta, spec.oidc.as_ref()),
        )
        .flatten();
        let api_key_auth = collect(
            &mut errors,
            "APIKeyAuth",
            api_key_auth::convert(ctx, meta, spec.api_key_auth.as_ref()),
        )
        .flatten();
        let basic_auth = collect(
            &mut errors,
            "BasicAuth",
            basic_auth::convert(ctx, meta, spec.basic_auth.as_ref()),
        )
        .flatten();
        let ext_auth = collect(
            &mut errors,
            "ExtAuth",
            ext_auth::convert(ctx, meta, spec.ext_auth.as_ref()),
        )
        .flatten();
        let authorization = collect(
            &mut errors,
            "Authorization",
            authorization::convert(meta, spec.authorization.as_ref()),
        )
        .flatten();
        if errors.is_empty() {
            Ok(SecurityFeatures {
                cors,
                jwt,
                oidc,
                api_key_auth,
                basic_auth,
                ext_auth,
                authorization,
            })
        } else {
            Err(errors.join("\n"))
        }
    }

    fn apply(features: &Self::Features, route: &mut HttpRoute) {
        route.security = Some(features.clone());
    }

    const TCP: bool = true;

    fn apply_tcp(features: &Self::Features, route: &mut TcpRoute) {
        // Only authorization applies to TCP routes.
        route.authorization.clone_from(&features.authorization);
    }

    /// Each policy translated with its own identity (names, secrets, backends in its namespace), then
    /// the route's features merged onto the parent's.
    fn translate_merged(
        ctx: &Context<'_>,
        parent: &Self,
        policy: &Self,
        merged: &Self::Spec,
        _proxy: Option<&EnvoyProxy>,
    ) -> Result<Self::Features, String> {
        let merge_type = Self::merge_type(policy.spec()).unwrap_or(&MergeType::StrategicMerge);
        match (
            Self::translate(ctx, parent.meta(), parent.spec()),
            Self::translate(ctx, policy.meta(), policy.spec()),
        ) {
            (Ok(theirs), Ok(own)) => Ok(merge::features(&theirs, &own, merge_type)),
            _ => Self::translate(ctx, policy.meta(), merged),
        }
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
    geo_ip::check(ctx, gateways, xds, statuses);
    fill_client_tls(ctx, gateways, xds);
}

/// Adds each Gateway's client TLS settings (versions, client certificate) to the TLS settings of the
/// backends its routes' policies call.
fn fill_client_tls(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    xds: &mut BTreeMap<String, Xds>,
) {
    for gateway in gateways {
        let Some(fleet) = xds.get_mut(&gateway.ir_key) else {
            continue;
        };
        let prefix = format!("{}/{}/", gateway.namespace, gateway.name);
        let listeners = fleet
            .http
            .iter_mut()
            .filter(|l| l.name.starts_with(prefix.as_str()));
        for route in listeners.flat_map(|l| l.routes.iter_mut()) {
            let Some(security) = route.security.as_mut() else {
                continue;
            };
            for destination in policy_destinations(security) {
                for tls in destination
                    .settings
                    .iter_mut()
                    .filter_map(|s| s.tls.as_mut())
                {
                    backend_tls::fill_for_gateway(ctx, gateway, tls);
                }
            }
        }
    }
}

/// The destinations of the backends the security features of a route call.
fn policy_destinations(security: &mut SecurityFeatures) -> Vec<&mut RouteDestination> {
    let mut out = Vec::new();
    if let Some(e) = security.ext_auth.as_mut() {
        out.push(match &mut e.service {
            ExtAuthService::Grpc(g) => &mut g.destination,
            ExtAuthService::Http(h) => &mut h.destination,
        });
    }
    if let Some(o) = security.oidc.as_mut() {
        out.extend(o.provider.destination.as_mut());
    }
    if let Some(j) = security.jwt.as_mut() {
        for p in &mut j.providers {
            if let Jwks::Remote(r) = &mut p.jwks {
                out.extend(r.destination.as_mut());
            }
        }
    }
    out
}

/// The backends each SecurityPolicy calls (its external authorization service, remote JWKS and OIDC
/// provider), with the policy as the ancestor a BackendTLSPolicy on them reports: (ancestor, reference,
/// the policy's namespace).
pub(crate) fn backend_uses(ctx: &Context<'_>) -> Vec<(ParentReference, BackendRef, String)> {
    let mut out = Vec::new();
    for policy in ctx.snapshot.security_policies() {
        let (namespace, name) = ns_name(&policy.metadata);
        let ancestor = ParentReference {
            group: Some("gateway.envoyproxy.io".to_owned()),
            kind: Some("SecurityPolicy".to_owned()),
            namespace: Some(namespace.clone()),
            name,
            ..ParentReference::default()
        };
        let spec = &policy.spec;
        let mut refs = Vec::new();
        if let Some(e) = &spec.ext_auth {
            if let Some(g) = &e.grpc {
                refs.extend(backends::refs_of(g.backend_ref.as_ref(), &g.backend_refs));
            }
            if let Some(h) = &e.http {
                refs.extend(backends::refs_of(h.backend_ref.as_ref(), &h.backend_refs));
            }
        }
        for p in spec.jwt.iter().flat_map(|j| &j.providers) {
            if let Some(r) = &p.remote_jwks {
                refs.extend(backends::refs_of(r.backend_ref.as_ref(), &r.backend_refs));
            }
        }
        if let Some(o) = &spec.oidc {
            let p = &o.provider;
            refs.extend(backends::refs_of(p.backend_ref.as_ref(), &p.backend_refs));
        }
        for r in refs {
            out.push((
                ancestor.clone(),
                backends::as_backend_ref(&r, &namespace),
                namespace.clone(),
            ));
        }
    }
    out
}
