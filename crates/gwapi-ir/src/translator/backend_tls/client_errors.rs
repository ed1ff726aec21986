//! An EnvoyProxy `backendTLS.clientCertificateRef` that cannot be used breaks every backend that speaks TLS
//! behind the fleet's Gateways: each such backendRef is unresolved (`InvalidBackendTLS` on the route's
//! parent) and its share of traffic gets a 500.

use std::collections::BTreeMap;

use gwapi_model::gateway_api::ParentReference;
use gwapi_model::resource::ObjectKey;

use super::route_use::{RouteUse, routes};
use crate::ir::{DirectResponse, Xds};
use crate::names;
use crate::translator::conditions::{failed, set_condition, types};
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;
use crate::translator::route::backend_refs::{RouteRef, resolve};
use crate::translator::{ObjectStatus, Statuses};

/// The (rule, backendRef) indexes of `route`'s references that resolve to a TLS backend.
fn tls_backends(ctx: &Context<'_>, route: &RouteUse<'_>) -> Vec<(usize, usize)> {
    let route_ref = RouteRef {
        kind: route.kind,
        namespace: &route.namespace,
        name: &route.name,
        annotations: &[],
    };
    let mut out = Vec::new();
    for (i, rule) in route.rules.iter().enumerate() {
        for (k, backend) in rule.iter().enumerate() {
            if resolve(ctx, route_ref, backend, route.protocol).is_ok_and(|s| s.tls.is_some()) {
                out.push((i, k));
            }
        }
    }
    out
}

/// Reports `problem` (the fleet's unusable client certificate) on the routes of `gateway` that send
/// traffic to TLS backends, and replaces those backends by a 500.
pub(crate) fn report(
    ctx: &Context<'_>,
    gateway: &GatewayCtx<'_>,
    problem: &str,
    xds: &mut BTreeMap<String, Xds>,
    statuses: &mut Statuses,
) {
    for route in routes(ctx) {
        let parents: Vec<&ParentReference> = route
            .parents
            .iter()
            .filter(|p| route.names_gateway(p, &gateway.namespace, &gateway.name))
            .collect();
        if parents.is_empty() {
            continue;
        }
        let broken = tls_backends(ctx, &route);
        if broken.is_empty() {
            continue;
        }
        let verbatim = matches!(route.kind, "TCPRoute" | "TLSRoute");
        let message = broken
            .iter()
            .map(|(i, k)| {
                if verbatim {
                    problem.to_owned()
                } else {
                    format!("Failed to process route rule {i} backendRef {k}: {problem}.")
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let key = ObjectKey {
            kind: route.resource,
            namespace: route.namespace.clone(),
            name: route.name.clone(),
        };
        if let Some(ObjectStatus::Route(status)) = statuses.get_mut(&key) {
            for parent in status
                .parents
                .iter_mut()
                .filter(|p| parents.contains(&&p.parent_ref))
            {
                set_condition(
                    &mut parent.conditions,
                    failed(types::RESOLVED_REFS, "InvalidBackendTLS", message.clone()),
                );
            }
        }
        if let Some(fleet) = xds.get_mut(&gateway.ir_key) {
            break_http_backends(fleet, gateway, &route, &broken);
            drop_tcp_backends(fleet, gateway, &route, &broken);
        }
    }
}

/// Marks the broken backends of `route` invalid on the HTTP listeners of `gateway`; a destination left with
/// no valid backend becomes a 500.
fn break_http_backends(
    fleet: &mut Xds,
    gateway: &GatewayCtx<'_>,
    route: &RouteUse<'_>,
    broken: &[(usize, usize)],
) {
    let prefix = format!("{}/{}/", gateway.namespace, gateway.name);
    for listener in fleet
        .http
        .iter_mut()
        .filter(|l| l.name.starts_with(&prefix))
    {
        for ir_route in &mut listener.routes {
            let Some(destination) = ir_route.destination.as_mut() else {
                continue;
            };
            for (i, k) in broken {
                let name = names::route_rule_name(route.kind, &route.namespace, &route.name, *i);
                if destination.name != name {
                    continue;
                }
                if let Some(setting) = destination.settings.get_mut(*k) {
                    *setting = crate::ir::DestinationSetting {
                        name: setting.name.clone(),
                        weight: setting.weight,
                        invalid: true,
                        ..crate::ir::DestinationSetting::default()
                    };
                }
            }
            if destination.settings.iter().all(|s| s.invalid) {
                ir_route.destination = None;
                ir_route.direct_response = Some(DirectResponse {
                    status_code: 500,
                    ..DirectResponse::default()
                });
            }
        }
    }
}

/// Drops the broken backends of `route` (an L4 route) from the TCP listeners of `gateway`.
fn drop_tcp_backends(
    fleet: &mut Xds,
    gateway: &GatewayCtx<'_>,
    route: &RouteUse<'_>,
    broken: &[(usize, usize)],
) {
    let prefix = format!("{}/{}/", gateway.namespace, gateway.name);
    for listener in fleet.tcp.iter_mut().filter(|l| l.name.starts_with(&prefix)) {
        for destination in listener
            .routes
            .iter_mut()
            .filter_map(|r| r.destination.as_mut())
        {
            let of_route = destination.metadata.as_ref().is_some_and(|m| {
                m.kind == route.kind && m.namespace == route.namespace && m.name == route.name
            });
            if !of_route {
                continue;
            }
            let mut k = 0;
            destination.settings.retain(|_| {
                let keep = !broken.iter().any(|(_, b)| *b == k);
                k += 1;
                keep
            });
        }
    }
}
