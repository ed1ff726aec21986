//! The status of every BackendTLSPolicy: one entry per ancestor, i.e. per Gateway (as a route's parentRef
//! names it) of each route that sends traffic to a backend the policy targets. The winning policy is
//! accepted there (or reports its unusable CA references); the others are `Conflicted`. The shared policy
//! status builder caps the number of ancestors.

use std::collections::BTreeMap;

use gwapi_model::envoy_gateway::{self, EnvoyProxy};
use gwapi_model::gateway_api::{BackendRef, BackendTlsPolicy, ParentReference};
use gwapi_model::resource::{ObjectKey, ResourceKind};

use super::policy;
use super::target::BackendTarget;
use crate::translator::conditions::{failed, ok, types};
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;
use crate::translator::index::ns_name;
use crate::translator::policy::ancestors::{PolicyStatusBuilder, error_message};
use crate::translator::policy::security_policy_backends;
use crate::translator::route::backend_refs::{RouteRef, resolve};
use crate::translator::telemetry::backends;

use super::route_use::{RouteUse, routes};
use crate::translator::{ObjectStatus, Statuses};

/// The parentRefs of `route` that name a Gateway of the class, as ancestors: each as the route wrote it
/// (a parentRef without namespace stays without one, as in Envoy Gateway's statuses).
fn ancestors_of(route: &RouteUse<'_>, gateways: &[GatewayCtx<'_>]) -> Vec<ParentReference> {
    route
        .parents
        .iter()
        .filter(|p| p.kind.as_deref().is_none_or(|k| k == "Gateway"))
        .filter_map(|p| {
            let namespace = p
                .namespace
                .clone()
                .unwrap_or_else(|| route.namespace.clone());
            gateways
                .iter()
                .any(|g| g.namespace == namespace && g.name == p.name)
                .then(|| p.clone())
        })
        .collect()
}

/// Records the verdict on the winning `policy` for `ancestor`.
pub(super) fn record_winner(
    ctx: &Context<'_>,
    policy: &BackendTlsPolicy,
    ancestor: &ParentReference,
    status: &mut PolicyStatusBuilder,
) {
    match policy::upstream_tls(ctx, policy) {
        Ok(_) => {
            status.set(
                ancestor,
                ok(
                    types::RESOLVED_REFS,
                    "ResolvedRefs",
                    "Resolved all the Object references.",
                ),
            );
            status.accepted(ancestor);
        }
        Err(problem) => {
            let message = error_message(&problem.message);
            status.refused(ancestor, "NoValidCACertificate", message.clone());
            status.set(
                ancestor,
                failed(types::RESOLVED_REFS, problem.reason, message),
            );
        }
    }
}

pub(super) fn key_of(policy: &BackendTlsPolicy) -> ObjectKey {
    let (namespace, name) = ns_name(&policy.metadata);
    ObjectKey {
        kind: ResourceKind::BackendTlsPolicy,
        namespace,
        name,
    }
}

/// The EnvoyProxy `proxy` as the ancestor of the policies of its telemetry backends.
fn proxy_ancestor(proxy: &EnvoyProxy) -> ParentReference {
    let (namespace, name) = ns_name(&proxy.metadata);
    ParentReference {
        group: Some(envoy_gateway::GROUP.to_owned()),
        kind: Some("EnvoyProxy".to_owned()),
        namespace: Some(namespace),
        name,
        ..ParentReference::default()
    }
}

/// Records the policies of the backends that the telemetry of `proxy` sends to, with the EnvoyProxy as
/// their ancestor (once per EnvoyProxy, however many sinks share a backend).
fn record_telemetry_backends(
    ctx: &Context<'_>,
    proxy: &EnvoyProxy,
    found: &mut BTreeMap<ObjectKey, PolicyStatusBuilder>,
) {
    let ancestor = proxy_ancestor(proxy);
    let namespace = ns_name(&proxy.metadata).0;
    for r in backends::backend_refs(proxy) {
        let backend = BackendRef {
            group: r.group.clone(),
            kind: r.kind.clone(),
            name: r.name.clone(),
            namespace: r.namespace.clone(),
            port: r.port,
            weight: r.weight,
        };
        record_use(ctx, &backend, &namespace, &ancestor, found);
    }
}

/// Records `ancestor` (an object that calls `backend`, a reference from `from_namespace`) on the policy
/// that wins the backend, and as `Conflicted` on the others.
fn record_use(
    ctx: &Context<'_>,
    backend: &BackendRef,
    from_namespace: &str,
    ancestor: &ParentReference,
    found: &mut BTreeMap<ObjectKey, PolicyStatusBuilder>,
) {
    let policies = BackendTarget::of(ctx, backend, from_namespace).policies(ctx);
    let Some((winner, losers)) = policies.split_first() else {
        return;
    };
    let status = found
        .entry(key_of(winner))
        .or_insert_with(|| PolicyStatusBuilder::new(&ctx.config.controller_name));
    if !status.ancestor_refs().contains(ancestor) {
        record_winner(ctx, winner, ancestor, status);
    }
    let (winner_ns, winner_name) = ns_name(&winner.metadata);
    for loser in losers {
        let status = found
            .entry(key_of(loser))
            .or_insert_with(|| PolicyStatusBuilder::new(&ctx.config.controller_name));
        if !status.ancestor_refs().contains(ancestor) {
            status.conflicted(
                ancestor,
                format!("Policy conflicts with BackendTLSPolicy {winner_ns}/{winner_name}."),
            );
        }
    }
}

/// Sets the status of every BackendTLSPolicy used by a route of the class's Gateways or by the telemetry
/// of their EnvoyProxies.
pub(crate) fn policy_statuses(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    statuses: &mut Statuses,
) {
    let mut found: BTreeMap<ObjectKey, PolicyStatusBuilder> = BTreeMap::new();
    for route in routes(ctx) {
        let ancestors = ancestors_of(&route, gateways);
        if ancestors.is_empty() {
            continue;
        }
        let route_ref = RouteRef {
            kind: route.kind,
            namespace: &route.namespace,
            name: "",
            annotations: &[],
        };
        for backend in route.rules.iter().flatten() {
            let reached = match resolve(ctx, route_ref, backend, route.protocol) {
                Ok(_) => true,
                Err(e) => e.reason == "InvalidBackendTLS",
            };
            if !reached {
                continue;
            }
            let policies = BackendTarget::of(ctx, backend, &route.namespace).policies(ctx);
            let Some((winner, losers)) = policies.split_first() else {
                continue;
            };
            let (namespace, name) = ns_name(&winner.metadata);
            let conflict = format!("Policy conflicts with BackendTLSPolicy {namespace}/{name}.");
            for ancestor in &ancestors {
                let status = found
                    .entry(key_of(winner))
                    .or_insert_with(|| PolicyStatusBuilder::new(&ctx.config.controller_name));
                if !status.ancestor_refs().contains(ancestor) {
                    record_winner(ctx, winner, ancestor, status);
                }
                for loser in losers {
                    let status = found
                        .entry(key_of(loser))
                        .or_insert_with(|| PolicyStatusBuilder::new(&ctx.config.controller_name));
                    if !status.ancestor_refs().contains(ancestor) {
                        status.conflicted(ancestor, conflict.clone());
                    }
                }
            }
        }
    }
    for gateway in gateways {
        let Some(proxy) = gateway.envoy_proxy.as_ref() else {
            continue;
        };
        if gateway.proxy_check.is_invalid() {
            continue;
        }
        record_telemetry_backends(ctx, proxy, &mut found);
    }
    // The SecurityPolicies that call a backend themselves (external authorization, JWKS, OIDC).
    for (ancestor, backend, from_namespace) in security_policy_backends(ctx) {
        record_use(ctx, &backend, &from_namespace, &ancestor, &mut found);
    }
    for (key, status) in found {
        statuses.set(key, ObjectStatus::Policy(status.build()));
    }
}
