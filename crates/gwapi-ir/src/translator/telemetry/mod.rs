//! The telemetry of each fleet, from the EnvoyProxy merged for its Gateway: access logs, tracing,
//! metrics (and their OpenTelemetry sinks in the infrastructure IR), health check event logs. A sink whose
//! backends cannot be resolved drops that part and makes the Gateway `Accepted: False`
//! (`InvalidParameters`); the rest still translates.

mod access_log;
pub(crate) mod backends;
mod cel;
mod destination;
pub(crate) mod fleet;
pub(crate) mod health_check_log;
mod metrics;
mod request_id;
#[cfg(test)]
mod tests;
pub(crate) mod tracing;
pub(crate) mod validate;

use std::collections::BTreeMap;

use gwapi_model::envoy_gateway::RoutingType;

use crate::ir::{Infra, Xds};
use crate::translator::conditions::{failed, set_condition, types};
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;
use destination::SinkOwner;

/// Fills the telemetry of every fleet (once per fleet, from its first Gateway) and reports unresolved
/// sinks on the Gateways.
pub(crate) fn apply(
    ctx: &Context<'_>,
    gateways: &mut [GatewayCtx<'_>],
    xds: &mut BTreeMap<String, Xds>,
    infra: &mut BTreeMap<String, Infra>,
) {
    let mut problems_of_fleet: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for gateway in gateways.iter_mut() {
        if gateway.proxy_check.is_invalid() {
            continue;
        }
        let problems = problems_of_fleet
            .entry(gateway.ir_key.clone())
            .or_insert_with(|| translate_fleet(ctx, gateway, xds, infra))
            .clone();
        for message in problems {
            set_condition(
                &mut gateway.conditions,
                failed(types::ACCEPTED, "InvalidParameters", message),
            );
        }
    }
}

/// Translates the telemetry of the fleet of `gateway`; returns the Gateway condition messages.
fn translate_fleet(
    ctx: &Context<'_>,
    gateway: &GatewayCtx<'_>,
    xds: &mut BTreeMap<String, Xds>,
    infra: &mut BTreeMap<String, Infra>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(fleet) = xds.get_mut(&gateway.ir_key) else {
        return problems;
    };
    let proxy = gateway.envoy_proxy.as_ref();
    let owner = proxy.map(|proxy| SinkOwner {
        proxy,
        gateway,
        route_to_service: !ctx.config.enable_endpoint_routing
            || proxy.spec.routing_type == Some(RoutingType::Service),
    });
    let telemetry = proxy.and_then(|p| p.spec.telemetry.as_ref());
    match access_log::translate(ctx, owner, telemetry.and_then(|t| t.access_log.as_ref())) {
        Ok(log) => fleet.access_log = log,
        Err(e) => problems.push(format!(
            "Invalid access log backendRefs in the referenced EnvoyProxy: {e}"
        )),
    }
    let (Some(owner), Some(telemetry)) = (owner, telemetry) else {
        return problems;
    };
    if let Some(tracing) = &telemetry.tracing {
        let service_name = if gateway.merged {
            ctx.config.gateway_class_name.clone()
        } else {
            format!("{}.{}", gateway.name, gateway.namespace)
        };
        match tracing::translate(ctx, owner, tracing, service_name) {
            Ok(t) => fleet.tracing = Some(t),
            Err(e) => problems.push(format!(
                "Invalid tracing backendRefs in the referenced EnvoyProxy: {e}"
            )),
        }
    }
    if let Some(m) = &telemetry.metrics {
        fleet.metrics = Some(metrics::options(m));
        match metrics::sinks(ctx, owner, m) {
            Ok(sinks) => {
                if let Some(proxy) = infra
                    .get_mut(&gateway.ir_key)
                    .and_then(|i| i.proxy.as_mut())
                {
                    proxy.resolved_metric_sinks = sinks;
                }
            }
            Err(e) => problems.push(format!(
                "Invalid metrics backendRefs in the referenced EnvoyProxy: {e}"
            )),
        }
    }
    if let Some(r) = &telemetry.request_id {
        request_id::apply(r, fleet);
    }
    if let Some(log) = &telemetry.health_check_log {
        fleet.health_check_log = Some(health_check_log::translate(log));
    }
    problems
}
