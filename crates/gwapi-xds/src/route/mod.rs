//! Route configurations: one per HTTP listener, one virtual host per hostname, routes in IR order.

mod action;
pub(crate) mod headers;
pub(crate) mod matching;
mod mirror;
mod retry;
mod rewrite;
mod timeout;
mod upgrade;

use std::collections::BTreeMap;

use envoy_types::pb::envoy::config::route::v3::{Route, RouteConfiguration, VirtualHost};
use gwapi_ir::ir::{HttpListener, HttpRoute};

pub(crate) use action::{needs_cluster_per_setting, target_cluster};

use crate::context::Context;
use crate::names;

/// Envoy's default limit of a direct response body.
const DEFAULT_MAX_DIRECT_RESPONSE_BODY: usize = 4096;
/// The limit set when a direct response body is larger than Envoy's default.
const MAX_DIRECT_RESPONSE_BODY: u32 = 1_048_576;

/// Adds the routes of `listener` to the route configuration `name` (created when `create`).
pub(crate) fn translate(ctx: &mut Context<'_>, listener: &HttpListener, name: &str, create: bool) {
    if create {
        ctx.resources.routes.push(RouteConfiguration {
            name: name.to_owned(),
            ignore_port_in_host_matching: true,
            ..RouteConfiguration::default()
        });
    }
    let mut hosts: Vec<VirtualHost> = Vec::new();
    // The virtual host of each hostname, by hostname (an index: listeners have thousands of them).
    let mut host_index: BTreeMap<&str, usize> = BTreeMap::new();
    let http1 = crate::listener::upstream_http1_options(listener);
    for route in &listener.routes {
        let index = if let Some(i) = host_index.get(route.hostname.as_str()) {
            *i
        } else {
            host_index.insert(&route.hostname, hosts.len());
            hosts.push(VirtualHost {
                name: if ctx.config.xds_name_scheme_v2() {
                    names::virtual_host_v2(&route.hostname)
                } else {
                    names::virtual_host(&listener.name, &route.hostname)
                },
                domains: vec![route.hostname.clone()],
                metadata: crate::metadata::resource(listener.metadata.as_ref()),
                virtual_clusters: if ctx.metrics.is_some_and(|m| m.enable_virtual_host_stats) {
                    vec![virtual_cluster(&route.hostname)]
                } else {
                    Vec::new()
                },
                ..VirtualHost::default()
            });
            hosts.len() - 1
        };
        match convert_route(route, listener) {
            Ok(envoy_route) => {
                if let Some(host) = hosts.get_mut(index) {
                    host.routes.push(envoy_route);
                }
            }
            Err(e) => {
                ctx.errors.push(e);
                continue;
            }
        }
        if let Some(destination) = &route.destination {
            let args = crate::cluster::ClusterArgs {
                http1: http1.clone(),
                traffic: route.traffic.as_ref(),
                use_client_protocol: route.use_client_protocol,
                hostname: Some(&route.hostname),
                ..crate::cluster::ClusterArgs::default()
            };
            crate::cluster::add_destination(ctx, destination, &args);
        }
        for mirror in &route.mirrors {
            let args = crate::cluster::ClusterArgs {
                http1: http1.clone(),
                traffic: route.traffic.as_ref(),
                use_client_protocol: route.use_client_protocol,
                hostname: Some(&route.hostname),
                ..crate::cluster::ClusterArgs::default()
            };
            crate::cluster::add_destination(ctx, &mirror.destination, &args);
        }
    }
    let large_body = listener.routes.iter().any(|r| {
        r.direct_response
            .as_ref()
            .and_then(|d| d.body.as_ref())
            .is_some_and(|b| b.bytes.len() > DEFAULT_MAX_DIRECT_RESPONSE_BODY)
    });
    if let Some(config) = ctx.resources.routes.iter_mut().find(|r| r.name == name) {
        config.virtual_hosts.extend(hosts);
        if large_body {
            config.max_direct_response_body_size_bytes =
                Some(crate::wkt::uint32(MAX_DIRECT_RESPONSE_BODY));
        }
    }
}

fn convert_route(route: &HttpRoute, listener: &HttpListener) -> crate::Result<Route> {
    let mut action = action::action(route, listener);
    if let envoy_types::pb::envoy::config::route::v3::route::Action::Route(a) = &mut action {
        a.request_mirror_policies = route.mirrors.iter().map(mirror::policy).collect();
        a.retry_policy = route
            .retry
            .as_ref()
            .or_else(|| route.traffic.as_ref().and_then(|t| t.retry.as_ref()))
            .map(retry::policy)
            .transpose()?;
    }
    let mut out = Route {
        name: route.name.clone(),
        r#match: Some(matching::route_match(route)),
        action: Some(action),
        metadata: crate::metadata::resource(route.metadata.as_ref()),
        request_headers_to_add: headers::options(&route.add_request_headers),
        request_headers_to_remove: route.remove_request_headers.clone(),
        response_headers_to_add: response_headers(route, listener),
        response_headers_to_remove: route.remove_response_headers.clone(),
        typed_per_filter_config: crate::filters::per_route(route, listener),
        tracing: crate::telemetry::route_tracing::tracing(route),
        ..Route::default()
    };
    crate::filters::patch_route(route, &mut out);
    Ok(out)
}

/// The response headers `route` adds, then the `alt-svc` header that advertises HTTP/3 when its listener
/// serves it (on the port clients connect to).
fn response_headers(
    route: &HttpRoute,
    listener: &HttpListener,
) -> Vec<envoy_types::pb::envoy::config::core::v3::HeaderValueOption> {
    let mut out = headers::options(&route.add_response_headers);
    if listener.http3.is_some() && listener.tls.is_some() {
        out.push(crate::listener::quic::alt_svc(
            listener.external_port.unwrap_or(listener.port),
        ));
    }
    out
}

/// The virtual cluster that gives a virtual host its own statistics.
fn virtual_cluster(hostname: &str) -> envoy_types::pb::envoy::config::route::v3::VirtualCluster {
    use envoy_types::pb::envoy::config::route::v3::{
        HeaderMatcher, VirtualCluster, header_matcher::HeaderMatchSpecifier,
    };
    use envoy_types::pb::envoy::r#type::matcher::v3::{
        StringMatcher, string_matcher::MatchPattern,
    };
    VirtualCluster {
        name: hostname.to_owned(),
        headers: vec![HeaderMatcher {
            name: ":authority".to_owned(),
            header_match_specifier: Some(HeaderMatchSpecifier::StringMatch(StringMatcher {
                match_pattern: Some(MatchPattern::Prefix(hostname.to_owned())),
                ..StringMatcher::default()
            })),
            ..HeaderMatcher::default()
        }],
    }
}
