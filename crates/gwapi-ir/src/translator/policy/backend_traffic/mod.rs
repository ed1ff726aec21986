//! BackendTrafficPolicy: how Envoy talks to the backends of the targeted Gateways, listeners and routes.
//! Each feature translates in its own module; the engine attaches the result to the IR routes.

mod admission_control;
mod bandwidth_limit;
mod circuit_breaker;
pub(crate) mod cluster_settings;
mod connection;
mod fault_injection;
mod health_check;
mod http;
mod layer4;
mod load_balancer;
mod rate_limit;
mod request_buffer;
mod response_override;
mod retry;
mod telemetry;
#[cfg(test)]
mod tests;
mod timeout;

use std::collections::BTreeMap;

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::{
    BackendTrafficPolicy, BackendTrafficPolicySpec, ClusterSettings, EnvoyProxy, MergeType,
    ResponseOverride, RoutingType,
};
use gwapi_model::resource::ResourceKind;

use super::engine::{self, PolicyKind};
use crate::ir::{ConnectUpgrade, HttpRoute, HttpUpgrade, TrafficFeatures, Xds};
use crate::translator::Statuses;
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;
use crate::translator::global_resources::envoy_client_certificate;

/// What a BackendTrafficPolicy sets on a route.
#[derive(Clone, Debug, Default)]
pub(crate) struct BackendTraffic {
    traffic: TrafficFeatures,
    use_client_protocol: bool,
}

impl PolicyKind for BackendTrafficPolicy {
    const KIND: &'static str = "BackendTrafficPolicy";
    const PLURAL: &'static str = "backendTrafficPolicies";
    const RULES_WORD: &'static str = "backendTrafficPolicy";
    const RESOURCE: ResourceKind = ResourceKind::BackendTrafficPolicy;
    type Spec = BackendTrafficPolicySpec;
    type Features = BackendTraffic;
    const MERGE_ERRORS_INVALIDATE: bool = true;

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
        if !spec.compression.is_empty() {
            out.push("spec.compression is deprecated, use spec.compressor instead".to_owned());
        }
        out
    }

    fn translate(
        ctx: &Context<'_>,
        meta: &ObjectMeta,
        spec: &Self::Spec,
    ) -> Result<Self::Features, String> {
        translate_with(ctx, meta, spec, None)
    }

    fn translate_merged(
        ctx: &Context<'_>,
        parent: &Self,
        policy: &Self,
        merged: &Self::Spec,
        _proxy: Option<&EnvoyProxy>,
    ) -> Result<Self::Features, String> {
        let (own, meta, parent_meta, parent) = (
            &policy.spec,
            &policy.metadata,
            &parent.metadata,
            &parent.spec,
        );
        let source = MergeSource {
            own,
            parent_meta,
            parent,
        };
        let mut features = translate_with(ctx, meta, merged, Some(&source))?;
        if let Some(rl) = features.traffic.rate_limit.as_mut() {
            rate_limit::name_merged_rules(
                rl,
                own.rate_limit.as_ref(),
                merged.rate_limit.as_ref(),
                parent.rate_limit.as_ref(),
                &full_name(parent_meta),
            );
        }
        Ok(features)
    }

    fn apply(features: &Self::Features, route: &mut HttpRoute) {
        if let Some(lb) = &features.traffic.load_balancer {
            load_balancer::apply(lb, route);
        }
        if let Some(t) = &features.traffic.telemetry {
            telemetry::apply_stat_name(t, route);
        }
        route.traffic = Some(features.traffic.clone());
        if features.use_client_protocol {
            route.use_client_protocol = true;
        }
    }
}

/// Where the items of a merged spec come from: the policy's own spec and its parent's.
struct MergeSource<'a> {
    own: &'a BackendTrafficPolicySpec,
    parent_meta: &'a ObjectMeta,
    parent: &'a BackendTrafficPolicySpec,
}

/// `namespace/name` of a policy.
fn full_name(meta: &ObjectMeta) -> String {
    format!(
        "{}/{}",
        meta.namespace.as_deref().unwrap_or_default(),
        meta.name.as_deref().unwrap_or_default()
    )
}

/// Translates `spec` of the policy with `meta`; for a merged spec, `source` tells which items came
/// from the parent (their references resolve in the parent's namespace).
fn translate_with(
    ctx: &Context<'_>,
    meta: &ObjectMeta,
    spec: &BackendTrafficPolicySpec,
    source: Option<&MergeSource<'_>>,
) -> Result<BackendTraffic, String> {
    let mut errors = Vec::new();
    let policy_name = full_name(meta);
    let mut traffic = cluster_features(spec, &policy_name, &mut errors);
    route_features(ctx, meta, spec, source, &mut errors, &mut traffic);
    if errors.is_empty() {
        Ok(BackendTraffic {
            traffic,
            use_client_protocol: spec.use_client_protocol == Some(true),
        })
    } else {
        Err(errors.join("\n"))
    }
}

/// The features of a policy that shape the connections to backends (clusters); errors are added to
/// `errors`.
fn cluster_features(
    spec: &BackendTrafficPolicySpec,
    policy_name: &str,
    errors: &mut Vec<String>,
) -> TrafficFeatures {
    let settings = ClusterSettings {
        load_balancer: spec.load_balancer.clone(),
        retry: spec.retry.clone(),
        proxy_protocol: spec.proxy_protocol.clone(),
        tcp_keepalive: spec.tcp_keepalive.clone(),
        health_check: spec.health_check.clone(),
        circuit_breaker: spec.circuit_breaker.clone(),
        timeout: spec.timeout.clone(),
        connection: spec.connection.clone(),
        dns: spec.dns.clone(),
        http2: spec.http2.clone(),
    };
    cluster_settings::features(&settings, policy_name, errors)
}

/// Adds the features of a policy that act on requests and responses to `traffic`; errors are added to
/// `errors`.
fn route_features(
    ctx: &Context<'_>,
    meta: &ObjectMeta,
    spec: &BackendTrafficPolicySpec,
    source: Option<&MergeSource<'_>>,
    errors: &mut Vec<String>,
    traffic: &mut TrafficFeatures,
) {
    let policy_name = full_name(meta);
    let namespace = meta.namespace.clone().unwrap_or_default();
    let namespace_of = |o: &ResponseOverride| match source {
        Some(s)
            if !s.own.response_override.contains(o) && s.parent.response_override.contains(o) =>
        {
            s.parent_meta.namespace.clone().unwrap_or_default()
        }
        _ => namespace.clone(),
    };
    traffic.rate_limit = collect(
        errors,
        "RateLimit",
        rate_limit::convert(spec.rate_limit.as_ref(), &policy_name),
    )
    .flatten();
    traffic.fault_injection = collect(
        errors,
        "FaultInjection",
        fault_injection::convert(spec.fault_injection.as_ref()),
    )
    .flatten();
    traffic.admission_control = collect(
        errors,
        "AdmissionControl",
        admission_control::convert(spec.admission_control.as_ref()),
    )
    .flatten();
    traffic.bandwidth_limit = collect(
        errors,
        "BandwidthLimit",
        bandwidth_limit::convert(spec.bandwidth_limit.as_ref()),
    )
    .flatten();
    traffic.request_buffer = collect(
        errors,
        "RequestBuffer",
        request_buffer::convert(spec.request_buffer.as_ref()),
    )
    .flatten();
    traffic.response_override = collect(
        errors,
        "ResponseOverride",
        response_override::convert(
            ctx,
            &spec.response_override,
            &namespace_of,
            &namespace,
            meta.name.as_deref().unwrap_or_default(),
        ),
    )
    .flatten();
    traffic.telemetry = telemetry::convert(spec.telemetry.as_ref());
    traffic.route_to_service = spec.routing_type.as_ref().and_then(|t| match t {
        RoutingType::Service => Some(true),
        RoutingType::Endpoint => Some(false),
        RoutingType::Unknown(_) => None,
    });
    traffic.compression = http::compressors(&spec.compressor, &spec.compression);
    traffic.http_upgrade = spec
        .http_upgrade
        .iter()
        .map(|u| HttpUpgrade {
            kind: u.type_.clone(),
            connect: u.connect.as_ref().map(|c| ConnectUpgrade {
                terminate: c.terminate == Some(true),
            }),
        })
        .collect();
}

/// The value of a feature's conversion, or its error (prefixed with the feature) added to `errors`.
fn collect<T>(errors: &mut Vec<String>, feature: &str, result: Result<T, String>) -> Option<T> {
    result
        .map_err(|e| errors.push(format!("{feature}: {e}")))
        .ok()
}

/// Attaches every BackendTrafficPolicy (oldest first) and sets their statuses.
pub(crate) fn process(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    xds: &mut BTreeMap<String, Xds>,
    statuses: &mut Statuses,
) {
    let policies: Vec<&BackendTrafficPolicy> = ctx.snapshot.backend_traffic_policies().collect();
    engine::run(ctx, gateways, &policies, xds, statuses);
    layer4::apply(ctx, gateways, &policies, xds);
    for fleet in xds.values_mut() {
        let global_rate_limit = fleet.http.iter().flat_map(|l| &l.routes).any(|r| {
            r.traffic
                .as_ref()
                .and_then(|t| t.rate_limit.as_ref())
                .is_some_and(|rl| rl.global.is_some())
        });
        if global_rate_limit {
            envoy_client_certificate::ensure(ctx, fleet);
        }
    }
}
