//! The status of every BackendTLSPolicy: one entry per ancestor, i.e. per Gateway (as a route's parentRef
//! names it) of each route that sends traffic to a backend the policy targets. The winning policy is
//! accepted there (or reports its unusable CA references); the others are `Conflicted`. The shared policy
//! status builder caps the number of ancestors.

use std::collections::BTreeMap;

use gwapi_model::gateway_api::{BackendTlsPolicy, ParentReference};
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

use super::route_use::{RouteUse, routes};
use crate::translator::{ObjectStatus, Statuses};

/// The parentRefs of `route` that name a Gateway of the class, as ancestors (namespace filled in).
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
                .then(|| ParentReference {
                    namespace: Some(namespace),
                    ..p.clone()
                })
        })
        .collect()
}

/// Records the verdict on the winning `policy` for `ancestor`.
fn record_winner(
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

fn key_of(policy: &BackendTlsPolicy) -> ObjectKey {
    let (namespace, name) = ns_name(&policy.metadata);
    ObjectKey {
        kind: ResourceKind::BackendTlsPolicy,
        namespace,
        name,
    }
}

/// Sets the status of every BackendTLSPolicy used by a route of the class's Gateways.
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
    // The policies that call a backend themselves report it as their ancestor.
    for (ancestor, backend, from_namespace) in security_policy_backends(ctx) {
        let policies = BackendTarget::of(ctx, &backend, &from_namespace).policies(ctx);
        let Some((winner, losers)) = policies.split_first() else {
            continue;
        };
        let status = found
            .entry(key_of(winner))
            .or_insert_with(|| PolicyStatusBuilder::new(&ctx.config.controller_name));
        if !status.ancestor_refs().contains(&ancestor) {
            record_winner(ctx, winner, &ancestor, status);
        }
        let (namespace, name) = ns_name(&winner.metadata);
        let conflict = format!("Policy conflicts with BackendTLSPolicy {namespace}/{name}.");
        for loser in losers {
            let status = found
                .entry(key_of(loser))
                .or_insert_with(|| PolicyStatusBuilder::new(&ctx.config.controller_name));
            if !status.ancestor_refs().contains(&ancestor) {
                status.conflicted(&ancestor, conflict.clone());
            }
        }
    }
    for (key, status) in found {
        statuses.set(key, ObjectStatus::Policy(status.build()));
    }
}
