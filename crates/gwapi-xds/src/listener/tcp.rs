//! TCP listeners: a `tcp_proxy` filter chain per route, for plain TCP, TLS passthrough (SNI match) and TLS
//! termination.

use crate::telemetry::access_log::Scope;
use envoy_types::pb::envoy::config::accesslog::v3::AccessLog;
use envoy_types::pb::envoy::config::core::v3::socket_address::Protocol;
use envoy_types::pb::envoy::config::listener::v3::{Filter, FilterChain, filter};
use envoy_types::pb::envoy::extensions::filters::network::tcp_proxy::v3::{
    TcpProxy, tcp_proxy::ClusterSpecifier,
};
use gwapi_ir::ir::{TcpListener, TcpRoute, TrafficFeatures};

use crate::any::pack;
use crate::context::Context;
use crate::listener::{find_or_create, tls};
use crate::names;

/// The name of the TCP proxy network filter.
pub(crate) const TCP_PROXY: &str = "envoy.filters.network.tcp_proxy";

/// Adds the filter chains of `ir` (and the clusters and secrets of its routes).
pub(crate) fn translate(ctx: &mut Context<'_>, ir: &TcpListener) {
    let address = (ir.address.as_str(), ir.port);
    let name =
        crate::listener::listener_name(ctx, &ir.name, Protocol::Tcp, (ir.port, ir.external_port));
    let (index, created) = find_or_create(
        ctx,
        &name,
        address,
        Protocol::Tcp,
        ir.connection.as_ref(),
        ir.ip_family,
    );
    crate::listener::set_keepalive(ctx, index, ir.tcp_keepalive.as_ref());
    crate::listener::apply_client_settings(
        ctx,
        (index, created),
        ir.timeout.as_ref(),
        ir.proxy_protocol.as_ref(),
    );
    let logs = crate::telemetry::access_log::for_scope(ctx, Scope::Tcp);
    if ir.routes.is_empty() {
        crate::cluster::add_empty(ctx);
        if let Some(listener) = ctx.resources.listeners.get_mut(index)
            && !listener
                .filter_chains
                .iter()
                .any(|c| c.name == names::EMPTY_CLUSTER)
        {
            let mut chain = chain(
                names::EMPTY_CLUSTER,
                names::EMPTY_CLUSTER,
                names::tcp_stat_prefix(false, ir.port),
                logs,
            );
            set_idle_timeout(&mut chain, ir);
            limit_connections(&mut chain, ir, &names::tcp_stat_prefix(false, ir.port));
            listener.filter_chains.push(chain);
        }
        return;
    }
    for route in &ir.routes {
        if let Some(destination) = &route.destination {
            let traffic = route_traffic(route);
            let args = crate::cluster::ClusterArgs {
                traffic: Some(&traffic),
                role: crate::cluster::ClusterRole::TcpRoute,
                ..crate::cluster::ClusterArgs::default()
            };
            crate::cluster::add_destination(ctx, destination, &args);
        }
        let terminate = route.tls.as_ref().and_then(|t| t.terminate.as_ref());
        if let Some(config) = terminate {
            for secret in tls::secrets(config) {
                ctx.add_secret(secret);
            }
        }
        let Some(listener) = ctx.resources.listeners.get_mut(index) else {
            continue;
        };
        let cluster = route
            .destination
            .as_ref()
            .map(crate::route::target_cluster)
            .unwrap_or_default();
        let prefix = stat_prefix(route, ir.port);
        let mut chain = chain(&route.name, &cluster, prefix.clone(), logs.clone());
        set_idle_timeout(&mut chain, ir);
        crate::listener::tcp_guards::prepend(&mut chain, route, &route_traffic(route), &prefix);
        // The connection limit comes first, before the guards.
        limit_connections(&mut chain, ir, &prefix);
        if let Some(config) = terminate {
            let alpn = config
                .alpn_protocols
                .clone()
                .unwrap_or_else(|| vec!["h2".to_owned(), "http/1.1".to_owned()]);
            chain.transport_socket = Some(tls::downstream(config, alpn));
        }
        let snis = route
            .tls
            .as_ref()
            .and_then(|t| t.inspector.as_ref())
            .map(|i| i.snis.clone())
            .unwrap_or_default();
        tls::match_server_names(listener, &mut chain, &snis);
        if let Some(config) = &ir.tls {
            tls::enable_fingerprints(listener, &config.fingerprints);
        }
        listener.filter_chains.push(chain);
    }
}

fn stat_prefix(route: &TcpRoute, port: u32) -> String {
    match &route.tls {
        Some(t) if t.terminate.is_some() => names::tls_terminate_stat_prefix(port),
        Some(t) if t.inspector.is_some() => names::tcp_stat_prefix(true, port),
        _ => names::tcp_stat_prefix(false, port),
    }
}

fn chain(name: &str, cluster: &str, stat_prefix: String, logs: Vec<AccessLog>) -> FilterChain {
    let proxy = TcpProxy {
        stat_prefix,
        access_log: logs,
        cluster_specifier: Some(ClusterSpecifier::Cluster(cluster.to_owned())),
        ..TcpProxy::default()
    };
    FilterChain {
        name: name.to_owned(),
        filters: vec![Filter {
            name: TCP_PROXY.to_owned(),
            config_type: Some(filter::ConfigType::TypedConfig(pack(&proxy))),
        }],
        ..FilterChain::default()
    }
}

/// Puts the connection limit of `ir`, if it has one, in front of the TCP proxy of `chain`.
fn limit_connections(chain: &mut FilterChain, ir: &TcpListener, stat_prefix: &str) {
    if let Some(limit) =
        crate::listener::connection_limit_filter(stat_prefix, ir.connection.as_ref())
    {
        chain.filters.insert(0, limit);
    }
}

/// Sets the client idle timeout of `ir` on the TCP proxy of `chain`.
fn set_idle_timeout(chain: &mut FilterChain, ir: &TcpListener) {
    let Some(idle) = ir
        .timeout
        .as_ref()
        .and_then(|t| t.tcp.as_ref())
        .and_then(|t| t.idle_timeout.as_ref())
    else {
        return;
    };
    for f in chain.filters.iter_mut().filter(|f| f.name == TCP_PROXY) {
        if let Some(filter::ConfigType::TypedConfig(any)) = &mut f.config_type
            && let Ok(mut proxy) = <TcpProxy as prost::Message>::decode(any.value.as_slice())
        {
            proxy.idle_timeout = Some(crate::wkt::duration(idle));
            *any = pack(&proxy);
        }
    }
}

/// The traffic settings of a TCP route, in the shape HTTP routes carry them.
fn route_traffic(route: &TcpRoute) -> TrafficFeatures {
    TrafficFeatures {
        load_balancer: route.load_balancer.clone(),
        proxy_protocol: route.proxy_protocol.clone(),
        health_check: route.health_check.clone(),
        circuit_breaker: route.circuit_breaker.clone(),
        tcp_keepalive: route.tcp_keepalive.clone(),
        timeout: route.timeout.clone(),
        backend_connection: route.backend_connection.clone(),
        ..TrafficFeatures::default()
    }
}
