//! `envoy.filters.http.ratelimit`: global rate limits through the rate limit service. The listener gets
//! one filter for its own domain and one per shared domain (`envoy.filters.http.ratelimit/<domain>`),
//! each limited route its descriptors (`RateLimitPerRoute`) under the same names, and the fleet one
//! cluster to the service, authenticated with the proxy's client certificate.

use std::collections::BTreeSet;

use envoy_types::pb::envoy::config::core::v3::{
    ApiVersion, GrpcService, grpc_service::EnvoyGrpc, grpc_service::TargetSpecifier,
};
use envoy_types::pb::envoy::config::ratelimit::v3::RateLimitServiceConfig;
use envoy_types::pb::envoy::extensions::filters::http::ratelimit::v3::{
    RateLimit, RateLimitPerRoute, rate_limit::XRateLimitHeadersRfcVersion,
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::{
    HttpFilter, http_filter::ConfigType,
};
use envoy_types::pb::google::protobuf::Any;
use gwapi_ir::ir::{HttpListener, HttpRoute};

use super::HttpFilterBuilder;
use super::ratelimit_actions::{global, is_shared, rate_limits_by_domain, shared_domain};
use crate::Result;
use crate::any::pack;
use crate::names::RATE_LIMIT_CLUSTER as CLUSTER;

/// The filter name, also the key of its per-route configuration.
pub(crate) const NAME: &str = "envoy.filters.http.ratelimit";

/// Whether any route of `listener` is globally rate limited.
pub(crate) fn enabled(listener: &HttpListener) -> bool {
    listener.routes.iter().any(|r| global(r).is_some())
}

/// The filter (and per-route configuration) name of `domain` on `listener`.
fn filter_name(domain: &str, listener: &HttpListener) -> String {
    if domain == listener.name {
        NAME.to_owned()
    } else {
        format!("{NAME}/{domain}")
    }
}

/// The domains of `listener`'s filters: its own whenever a route is globally rate limited (even by
/// shared rules only), then each shared domain, sorted.
fn domains(listener: &HttpListener) -> Vec<String> {
    let mut own = false;
    let mut shared = BTreeSet::new();
    for global in listener.routes.iter().filter_map(global) {
        own = true;
        for rule in global.rules.iter().filter(|r| is_shared(r, global)) {
            shared.insert(shared_domain(rule).to_owned());
        }
    }
    let mut out: Vec<String> = own.then(|| listener.name.clone()).into_iter().collect();
    out.extend(shared.into_iter().filter(|d| *d != listener.name));
    out
}

/// The global rate limit filters.
pub(crate) struct RateLimitFilter;

impl HttpFilterBuilder for RateLimitFilter {
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>> {
        Ok(self.build_all(listener)?.into_iter().next())
    }

    fn build_all(&self, listener: &HttpListener) -> Result<Vec<HttpFilter>> {
        let headers = !listener
            .headers
            .as_ref()
            .is_some_and(|h| h.disable_rate_limit_headers);
        Ok(domains(listener)
            .into_iter()
            .map(|domain| filter(listener, domain, headers))
            .collect())
    }

    fn per_route(&self, route: &HttpRoute, listener: &HttpListener) -> Vec<(String, Any)> {
        rate_limits_by_domain(route, &listener.name)
            .into_iter()
            .map(|(domain, rate_limits)| {
                let name = filter_name(&domain, listener);
                let config = pack(&RateLimitPerRoute {
                    domain,
                    rate_limits,
                    ..RateLimitPerRoute::default()
                });
                (name, config)
            })
            .collect()
    }
}

fn filter(listener: &HttpListener, domain: String, headers: bool) -> HttpFilter {
    let config = RateLimit {
        enable_x_ratelimit_headers: if headers {
            XRateLimitHeadersRfcVersion::DraftVersion03.into()
        } else {
            XRateLimitHeadersRfcVersion::Off.into()
        },
        disable_x_envoy_ratelimited_header: true,
        rate_limit_service: Some(RateLimitServiceConfig {
            grpc_service: Some(GrpcService {
                target_specifier: Some(TargetSpecifier::EnvoyGrpc(EnvoyGrpc {
                    cluster_name: CLUSTER.to_owned(),
                    ..EnvoyGrpc::default()
                })),
                ..GrpcService::default()
            }),
            transport_api_version: ApiVersion::V3.into(),
        }),
        ..RateLimit::default()
    };
    HttpFilter {
        name: filter_name(&domain, listener),
        config_type: Some(ConfigType::TypedConfig(pack(&RateLimit {
            domain,
            ..config
        }))),
        ..HttpFilter::default()
    }
}

/// Adds the cluster of the rate limit service (and the client certificate it authenticates with) when a
/// listener of `xds` is globally rate limited.
pub(crate) fn add_service(ctx: &mut crate::context::Context<'_>, xds: &gwapi_ir::ir::Xds) {
    if !xds.http.iter().any(enabled) {
        return;
    }
    let url = ctx.config.rate_limit_service_url();
    let authority = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
    let (host, port) = authority
        .rsplit_once(':')
        .map_or((authority, 0), |(h, p)| (h, p.parse().unwrap_or(0)));
    let setting = gwapi_ir::ir::DestinationSetting {
        name: crate::names::internal_backend(CLUSTER),
        protocol: Some(gwapi_ir::ir::Protocol::Grpc),
        address_type: Some(gwapi_ir::ir::AddressType::Fqdn),
        endpoints: vec![gwapi_ir::ir::DestinationEndpoint {
            host: host.to_owned(),
            port,
            ..gwapi_ir::ir::DestinationEndpoint::default()
        }],
        ..gwapi_ir::ir::DestinationSetting::default()
    };
    let destination = gwapi_ir::ir::RouteDestination {
        name: CLUSTER.to_owned(),
        settings: vec![setting],
        ..gwapi_ir::ir::RouteDestination::default()
    };
    let args = crate::cluster::ClusterArgs::default();
    let (mut cluster, assignment) =
        crate::cluster::build(ctx, CLUSTER, &destination.settings, &destination, &args);
    let certificate = xds
        .global_resources
        .as_ref()
        .and_then(|g| g.envoy_client_certificate.as_ref());
    cluster.transport_socket = Some(crate::cluster::tls::control_plane_client(
        certificate.map(|c| c.name.as_str()),
    ));
    ctx.add_cluster(cluster, assignment);
    if let Some(certificate) = certificate {
        for secret in crate::listener::tls::secrets(&gwapi_ir::ir::TlsConfig {
            certificates: vec![certificate.clone()],
            ..gwapi_ir::ir::TlsConfig::default()
        }) {
            ctx.add_secret(secret);
        }
    }
}
