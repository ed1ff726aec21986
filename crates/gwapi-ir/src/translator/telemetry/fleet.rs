//! Fleet-wide EnvoyProxy settings applied to the routes of a fleet once they are emitted: Service
//! routing (`routingType: Service`: backends reached through their Service's cluster IP), cluster stat
//! names (`telemetry.metrics.clusterStatName`) and gRPC statistics (`telemetry.metrics.enableGRPCStats`).

use std::collections::BTreeMap;

use gwapi_model::envoy_gateway::{EnvoyProxy, RoutingType};

use crate::ir::{DestinationEndpoint, DestinationSetting, GrpcSettings, RouteDestination, Xds};
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;

/// Applies the fleet settings of each fleet's EnvoyProxy (that of its first Gateway).
pub(crate) fn apply(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    xds: &mut BTreeMap<String, Xds>,
) {
    let mut done: Vec<&str> = Vec::new();
    for gateway in gateways {
        if done.contains(&gateway.ir_key.as_str()) {
            continue;
        }
        done.push(&gateway.ir_key);
        let Some(fleet) = xds.get_mut(&gateway.ir_key) else {
            continue;
        };
        apply_fleet(ctx, gateway.envoy_proxy.as_ref(), fleet);
    }
}

fn apply_fleet(ctx: &Context<'_>, proxy: Option<&EnvoyProxy>, fleet: &mut Xds) {
    if let Some(p) = proxy {
        fleet.filter_order =
            crate::translator::gateway::filter_order::convert(&p.spec.filter_order);
    }
    let metrics = proxy
        .and_then(|p| p.spec.telemetry.as_ref())
        .and_then(|t| t.metrics.as_ref());
    let endpoint_routing = ctx.config.enable_endpoint_routing;
    let route_to_service = !endpoint_routing
        || proxy.is_some_and(|p| p.spec.routing_type == Some(RoutingType::Service));
    let stat_name = metrics.and_then(|m| m.cluster_stat_name.as_deref());
    // A route's own routing type (from a BackendTrafficPolicy) wins over the fleet's, unless endpoint
    // routing is off altogether.
    for_each_destination(fleet, &mut |d, route_routing| {
        if !endpoint_routing || route_routing.unwrap_or(route_to_service) {
            service_routing(ctx, &mut d.settings);
        }
        if let Some(template) = stat_name {
            d.stat_name = route_stat_name(template, d);
        }
    });
    if route_to_service {
        for listener in &mut fleet.http {
            for route in &mut listener.routes {
                for mirror in &mut route.mirrors {
                    service_routing(ctx, &mut mirror.destination.settings);
                }
            }
        }
        for cluster in &mut fleet.backend_clusters {
            service_routing(ctx, cluster.setting.as_mut_slice());
        }
    }
    if let Some(enabled) = metrics.and_then(|m| m.enable_grpc_stats) {
        for listener in &mut fleet.http {
            if enabled {
                listener
                    .grpc
                    .get_or_insert_with(GrpcSettings::default)
                    .enable_grpc_stats = true;
            } else if let Some(grpc) = listener.grpc.as_mut() {
                grpc.enable_grpc_stats = false;
            }
        }
    }
}

/// Calls `f` on the destination of every route of `fleet`, with the route's own routing type
/// (`Some(true)`: through Services) when it has one.
fn for_each_destination(fleet: &mut Xds, f: &mut impl FnMut(&mut RouteDestination, Option<bool>)) {
    for listener in &mut fleet.http {
        for route in &mut listener.routes {
            let routing = route.traffic.as_ref().and_then(|t| t.route_to_service);
            if let Some(d) = route.destination.as_mut() {
                f(d, routing);
            }
        }
    }
    for listener in &mut fleet.tcp {
        for route in &mut listener.routes {
            if let Some(d) = route.destination.as_mut() {
                f(d, None);
            }
        }
    }
    for listener in &mut fleet.udp {
        if let Some(d) = listener.route.as_mut().and_then(|r| r.destination.as_mut()) {
            f(d, None);
        }
    }
}

/// Replaces the endpoints of the Service backends among `settings` by the Service's cluster IP and port.
fn service_routing(ctx: &Context<'_>, settings: &mut [DestinationSetting]) {
    for setting in settings {
        let Some(meta) = setting.metadata.as_ref().filter(|m| m.kind == "Service") else {
            continue;
        };
        let Some(svc) = ctx
            .idx
            .services
            .get(&(meta.namespace.clone(), meta.name.clone()))
        else {
            continue;
        };
        let Some(ip) = svc.spec.as_ref().and_then(|s| s.cluster_ip.clone()) else {
            continue;
        };
        let port = meta.section_name.parse::<u32>().unwrap_or_default();
        setting.endpoints = vec![DestinationEndpoint {
            host: ip,
            port,
            ..DestinationEndpoint::default()
        }];
        setting.address_type = None;
    }
}

/// The stat name of a route destination from the template's operators (`%ROUTE_KIND%`,
/// `%ROUTE_NAMESPACE%`, `%ROUTE_NAME%`, `%ROUTE_RULE_NAME%` (`-` when unnamed), `%ROUTE_RULE_NUMBER%`,
/// `%BACKEND_REFS%` (`<ns>/<name>` joined by `|`)).
fn route_stat_name(template: &str, d: &RouteDestination) -> Option<String> {
    let meta = d.metadata.as_ref()?;
    // The rule number is the last segment of the destination name (`<kind>/<ns>/<name>/rule/<n>`).
    let rule_number = d.name.rsplit('/').next().unwrap_or_default();
    let rule_name = if meta.section_name.is_empty() {
        "-"
    } else {
        meta.section_name.as_str()
    };
    let backends: Vec<String> = d
        .settings
        .iter()
        .filter_map(|s| s.metadata.as_ref())
        .map(|m| format!("{}/{}", m.namespace, m.name))
        .collect();
    Some(
        template
            .replace("%ROUTE_KIND%", &meta.kind.to_lowercase())
            .replace("%ROUTE_NAMESPACE%", &meta.namespace)
            .replace("%ROUTE_NAME%", &meta.name)
            .replace("%ROUTE_RULE_NAME%", rule_name)
            .replace("%ROUTE_RULE_NUMBER%", rule_number)
            .replace("%BACKEND_REFS%", &backends.join("|")),
    )
}
