//! BackendTrafficPolicy on TCP and UDP routes (TCPRoute, TLSRoute, UDPRoute, directly or through their
//! Gateway and listener): their connection features (load balancing, PROXY protocol, health checks,
//! circuit breakers, TCP keepalive, timeouts, buffers) go on the IR routes. The most specific target
//! wins, then the oldest policy; statuses are the engine's.

use std::collections::{BTreeMap, BTreeSet};

use gwapi_model::envoy_gateway::BackendTrafficPolicy;

use super::super::engine::PolicyKind;
use super::super::scope::{self, Reach};
use super::super::targets;
use crate::ir::{PolicyMetadata, ResourceMetadata, TrafficFeatures, Xds};
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;

/// One IR route of a TCP or UDP listener: (fleet, listener, route index; `None` for UDP).
type RouteKey = (String, String, Option<usize>);

/// Applies the features of `policies` (oldest first) to the TCP and UDP routes they reach.
pub(super) fn apply(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    policies: &[&BackendTrafficPolicy],
    xds: &mut BTreeMap<String, Xds>,
) {
    let mut candidates = Vec::new();
    for (i, p) in policies.iter().enumerate() {
        for target in targets::resolve(ctx, BackendTrafficPolicy::KIND, &p.metadata, &p.spec) {
            if let Ok(scope) = scope::resolve(ctx, gateways, &target) {
                candidates.push((scope.level, i, scope.reach));
            }
        }
    }
    candidates.sort_by_key(|(level, i, _)| (*level, *i));
    let mut claimed: BTreeSet<RouteKey> = BTreeSet::new();
    for (_, i, reach) in candidates {
        let Some(policy) = policies.get(i) else {
            continue;
        };
        let keys: Vec<RouteKey> = reached(xds, &reach)
            .into_iter()
            .filter(|k| !claimed.contains(k))
            .collect();
        if keys.is_empty() {
            continue;
        }
        let Ok(features) = BackendTrafficPolicy::translate(ctx, &policy.metadata, &policy.spec)
        else {
            continue;
        };
        let metadata = PolicyMetadata {
            kind: BackendTrafficPolicy::KIND.to_owned(),
            name: policy.metadata.name.clone().unwrap_or_default(),
            namespace: policy.metadata.namespace.clone().unwrap_or_default(),
        };
        for key in keys {
            set(xds, &key, &features.traffic, &metadata);
            claimed.insert(key);
        }
    }
}

/// Sets the features on one route.
fn set(
    xds: &mut BTreeMap<String, Xds>,
    (fleet, listener, index): &RouteKey,
    t: &TrafficFeatures,
    metadata: &PolicyMetadata,
) {
    let Some(fleet) = xds.get_mut(fleet) else {
        return;
    };
    let Some(index) = index else {
        if let Some(route) = fleet
            .udp
            .iter_mut()
            .find(|l| l.name == *listener)
            .and_then(|l| l.route.as_mut())
        {
            route.load_balancer.clone_from(&t.load_balancer);
        }
        return;
    };
    let Some(route) = fleet
        .tcp
        .iter_mut()
        .find(|l| l.name == *listener)
        .and_then(|l| l.routes.get_mut(*index))
    else {
        return;
    };
    route.load_balancer.clone_from(&t.load_balancer);
    route.proxy_protocol.clone_from(&t.proxy_protocol);
    route.health_check.clone_from(&t.health_check);
    route.circuit_breaker.clone_from(&t.circuit_breaker);
    route.tcp_keepalive.clone_from(&t.tcp_keepalive);
    route.timeout.clone_from(&t.timeout);
    route.backend_connection.clone_from(&t.backend_connection);
    route
        .metadata
        .get_or_insert_with(ResourceMetadata::default)
        .policies
        .push(metadata.clone());
}

/// The TCP and UDP routes a reach covers.
fn reached(xds: &BTreeMap<String, Xds>, reach: &Reach) -> Vec<RouteKey> {
    let hit = |key: &str, listener: &str, meta: Option<&ResourceMetadata>| match reach {
        Reach::Listeners(listeners) => listeners
            .iter()
            .any(|l| l.fleet == key && l.listener == listener),
        Reach::Route {
            kind,
            namespace,
            name,
            ..
        } => meta.is_some_and(|m| m.kind == *kind && m.namespace == *namespace && m.name == *name),
    };
    let mut out = Vec::new();
    for (key, fleet) in xds {
        for l in &fleet.tcp {
            for (i, r) in l.routes.iter().enumerate() {
                let meta = r
                    .metadata
                    .as_ref()
                    .or_else(|| r.destination.as_ref().and_then(|d| d.metadata.as_ref()));
                if hit(key, &l.name, meta) {
                    out.push((key.clone(), l.name.clone(), Some(i)));
                }
            }
        }
        for l in &fleet.udp {
            let meta = l
                .route
                .as_ref()
                .and_then(|r| r.destination.as_ref())
                .and_then(|d| d.metadata.as_ref());
            if l.route.is_some() && hit(key, &l.name, meta) {
                out.push((key.clone(), l.name.clone(), None));
            }
        }
    }
    out
}
