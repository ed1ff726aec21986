//! UDP listeners: a `udp_proxy` listener filter routing every datagram to one cluster.

use envoy_types::pb::envoy::config::core::v3::socket_address::Protocol;
use envoy_types::pb::envoy::config::listener::v3::{ListenerFilter, listener_filter};
use envoy_types::pb::envoy::extensions::filters::udp::udp_proxy::v3::{
    Route, UdpProxyConfig, udp_proxy_config::RouteSpecifier,
};
use envoy_types::pb::xds::core::v3::TypedExtensionConfig;
use envoy_types::pb::xds::r#type::matcher::v3::{Matcher, matcher::OnMatch, matcher::on_match};
use gwapi_ir::ir::UdpListener;

use crate::any::pack;
use crate::context::Context;
use crate::listener::find_or_create;
use crate::names;

/// The name of the UDP proxy listener filter.
pub(crate) const UDP_PROXY: &str = "envoy.filters.udp_listener.udp_proxy";

/// Adds the listener of `ir` and the cluster of its route.
pub(crate) fn translate(ctx: &mut Context<'_>, ir: &UdpListener) {
    let destination = ir.route.as_ref().and_then(|r| r.destination.as_ref());
    let cluster = if let Some(destination) = destination {
        crate::cluster::add_destination(ctx, destination, &crate::cluster::ClusterArgs::default());
        names::cluster(&destination.name)
    } else {
        crate::cluster::add_empty(ctx);
        names::EMPTY_CLUSTER.to_owned()
    };
    let address = (ir.address.as_str(), ir.port);
    let name =
        crate::listener::listener_name(ctx, &ir.name, Protocol::Udp, (ir.port, ir.external_port));
    let (index, _) = find_or_create(ctx, &name, address, Protocol::Udp, None, None);
    let access_log =
        crate::telemetry::access_log::for_scope(ctx, crate::telemetry::access_log::Scope::Tcp);
    let Some(listener) = ctx.resources.listeners.get_mut(index) else {
        return;
    };
    let route = Route { cluster };
    let config = UdpProxyConfig {
        stat_prefix: names::UDP_STAT_PREFIX.to_owned(),
        access_log,
        route_specifier: Some(RouteSpecifier::Matcher(Matcher {
            on_no_match: Some(Box::new(OnMatch {
                on_match: Some(on_match::OnMatch::Action(TypedExtensionConfig {
                    name: "route".to_owned(),
                    typed_config: Some(pack(&route)),
                })),
                ..OnMatch::default()
            })),
            ..Matcher::default()
        })),
        ..UdpProxyConfig::default()
    };
    listener.listener_filters.push(ListenerFilter {
        name: UDP_PROXY.to_owned(),
        config_type: Some(listener_filter::ConfigType::TypedConfig(pack(&config))),
        ..ListenerFilter::default()
    });
}
