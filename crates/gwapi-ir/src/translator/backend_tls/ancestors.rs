//! The status of every BackendTLSPolicy: one entry per ancestor, i.e. per Gateway (as a route's parentRef
//! names it) of each route that sends traffic to a backend the policy targets. The winning policy is
//! accepted there (or reports its unusable CA references); the others are `Conflicted`. Ancestors are sorted
//! and truncated to the API's maximum, the last one kept saying so.

use std::collections::BTreeMap;

use gwapi_model::Condition;
use gwapi_model::gateway_api::{
    BackendTlsPolicy, ParentReference, PolicyAncestorStatus, PolicyStatus,
};
use gwapi_model::resource::{ObjectKey, ResourceKind};

use super::policy;
use super::target::BackendTarget;
use crate::translator::conditions::{failed, ok, types};
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;
use crate::translator::index::ns_name;
use crate::translator::route::backend_refs::{RouteRef, resolve};

use super::route_use::{RouteUse, routes};
use crate::translator::{ObjectStatus, Statuses};

/// The most ancestors a policy status holds.
const MAX_ANCESTORS: usize = 16;

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

/// The conditions of the winning `policy`.
fn winner_conditions(ctx: &Context<'_>, policy: &BackendTlsPolicy) -> Vec<Condition> {
    match policy::upstream_tls(ctx, policy) {
        Ok(_) => vec![
            ok(
                types::RESOLVED_REFS,
                "ResolvedRefs",
                "Resolved all the Object references.",
            ),
            ok(types::ACCEPTED, "Accepted", "Policy has been accepted."),
        ],
        Err(problem) => {
            let message = format!("{}.", capitalized(&problem.message));
            vec![
                failed(types::ACCEPTED, "NoValidCACertificate", message.clone()),
                failed(types::RESOLVED_REFS, problem.reason, message),
            ]
        }
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
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
    let mut found: BTreeMap<ObjectKey, Vec<(ParentReference, Vec<Condition>)>> = BTreeMap::new();
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
            let mut record = |policy: &BackendTlsPolicy, conditions: &Vec<Condition>| {
                let entry = found.entry(key_of(policy)).or_default();
                for a in &ancestors {
                    if !entry.iter().any(|(known, _)| known == a) {
                        entry.push((a.clone(), conditions.clone()));
                    }
                }
            };
            record(winner, &winner_conditions(ctx, winner));
            let (namespace, name) = ns_name(&winner.metadata);
            let conflicted = vec![failed(
                types::ACCEPTED,
                "Conflicted",
                format!("Policy conflicts with BackendTLSPolicy {namespace}/{name}."),
            )];
            for loser in losers {
                record(loser, &conflicted);
            }
        }
    }
    for (key, mut ancestors) in found {
        ancestors.sort_by(|(a, _), (b, _)| ancestor_order(a).cmp(&ancestor_order(b)));
        let truncated = ancestors.len() > MAX_ANCESTORS;
        ancestors.truncate(MAX_ANCESTORS);
        let mut entries: Vec<PolicyAncestorStatus> = ancestors
            .into_iter()
            .map(|(ancestor_ref, conditions)| PolicyAncestorStatus {
                ancestor_ref,
                controller_name: ctx.config.controller_name.clone(),
                conditions,
            })
            .collect();
        if truncated && let Some(last) = entries.last_mut() {
            last.conditions.push(ok(
                "Aggregated",
                "Aggregated",
                &format!(
                    "Ancestors have been truncated because the number of policy ancestors exceeds {MAX_ANCESTORS}."
                ),
            ));
        }
        statuses.set(
            key,
            ObjectStatus::Policy(PolicyStatus { ancestors: entries }),
        );
    }
}

/// The order of ancestors in a status: by namespace, name, section, port.
fn ancestor_order(a: &ParentReference) -> (Option<&str>, &str, Option<&str>, Option<i32>) {
    (
        a.namespace.as_deref(),
        a.name.as_str(),
        a.section_name.as_deref(),
        a.port,
    )
}
