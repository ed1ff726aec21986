//! BackendTrafficPolicy: how Envoy talks to the backends of the targeted Gateways, listeners and routes.
//! Each feature translates in its own module; the engine attaches the result to the IR routes.

pub(super) mod circuit_breaker;
pub(super) mod connection;
pub(super) mod http;
pub(super) mod load_balancer;
pub(super) mod timeout;

use std::collections::BTreeMap;

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::{BackendTrafficPolicy, BackendTrafficPolicySpec, MergeType};
use gwapi_model::resource::ResourceKind;

use super::engine::{self, PolicyKind};
use crate::ir::{ConnectUpgrade, HttpRoute, HttpUpgrade, TrafficFeatures, Xds};
use crate::translator::Statuses;
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;

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
        _ctx: &Context<'_>,
        meta: &ObjectMeta,
        spec: &Self::Spec,
    ) -> Result<Self::Features, String> {
        let mut errors = Vec::new();
        let load_balancer = collect(
            &mut errors,
            "LoadBalancer",
            load_balancer::convert(spec.load_balancer.as_ref()),
        )
        .flatten();
        let circuit_breaker = collect(
            &mut errors,
            "CircuitBreaker",
            circuit_breaker::convert(spec.circuit_breaker.as_ref()),
        )
        .flatten();
        let timeout = collect(
            &mut errors,
            "Timeout",
            timeout::convert(spec.timeout.as_ref()),
        )
        .flatten();
        let backend_connection = collect(
            &mut errors,
            "BackendConnection",
            connection::convert(spec.connection.as_ref()),
        )
        .flatten();
        let policy_name = format!(
            "{}/{}",
            meta.namespace.as_deref().unwrap_or_default(),
            meta.name.as_deref().unwrap_or_default()
        );
        let traffic = TrafficFeatures {
            load_balancer,
            circuit_breaker,
            timeout,
            backend_connection,
            compression: http::compression(&spec.compression),
            http2: http::http2(spec.http2.as_ref()),
            tcp_keepalive: connection::tcp_keepalive(spec.tcp_keepalive.as_ref()),
            proxy_protocol: connection::proxy_protocol(spec.proxy_protocol.as_ref()),
            dns: connection::dns(spec.dns.as_ref(), &policy_name),
            http_upgrade: spec
                .http_upgrade
                .iter()
                .map(|u| HttpUpgrade {
                    kind: u.type_.clone(),
                    connect: u.connect.as_ref().map(|c| ConnectUpgrade {
                        terminate: c.terminate == Some(true),
                    }),
                })
                .collect(),
            ..TrafficFeatures::default()
        };
        if errors.is_empty() {
            Ok(BackendTraffic {
                traffic,
                use_client_protocol: spec.use_client_protocol == Some(true),
            })
        } else {
            Err(errors.join("\n"))
        }
    }

    fn apply(features: &Self::Features, route: &mut HttpRoute) {
        route.traffic = Some(features.traffic.clone());
        if features.use_client_protocol {
            route.use_client_protocol = true;
        }
    }
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
}
