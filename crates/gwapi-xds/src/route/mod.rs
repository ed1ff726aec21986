//! Route configurations: one per HTTP listener, one virtual host per hostname, routes in IR order.

mod action;
mod headers;
mod matching;

use envoy_types::pb::envoy::config::route::v3::{Route, RouteConfiguration, VirtualHost};
use gwapi_ir::ir::{HttpListener, HttpRoute};

pub(crate) use action::needs_cluster_per_setting;

use crate::context::Context;
use crate::names;

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
    for route in &listener.routes {
        let envoy_route = convert_route(route);
        match hosts
            .iter_mut()
            .find(|h| h.domains.first() == Some(&route.hostname))
        {
            Some(host) => host.routes.push(envoy_route),
            None => hosts.push(VirtualHost {
                name: names::virtual_host(name, &route.hostname),
                domains: vec![route.hostname.clone()],
                routes: vec![envoy_route],
                metadata: crate::metadata::resource(listener.metadata.as_ref()),
                ..VirtualHost::default()
            }),
        }
        if let Some(destination) = &route.destination {
            crate::cluster::add_destination(ctx, destination);
        }
    }
    if let Some(config) = ctx.resources.routes.iter_mut().find(|r| r.name == name) {
        config.virtual_hosts.extend(hosts);
    }
}

fn convert_route(route: &HttpRoute) -> Route {
    Route {
        name: route.name.clone(),
        r#match: Some(matching::route_match(route)),
        action: Some(action::action(route)),
        metadata: crate::metadata::resource(route.metadata.as_ref()),
        request_headers_to_add: headers::options(&route.add_request_headers),
        request_headers_to_remove: route.remove_request_headers.clone(),
        response_headers_to_add: headers::options(&route.add_response_headers),
        response_headers_to_remove: route.remove_response_headers.clone(),
        ..Route::default()
    }
}
