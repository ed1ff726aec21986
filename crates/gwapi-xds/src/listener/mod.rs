//! Envoy listeners: one per address, port and protocol, holding the filter chains of the IR listeners that
//! share them.

mod connection_limit;
mod early_headers;
pub(crate) mod http;
mod http_options;
mod proxy_protocol;
pub(crate) mod quic;
pub(crate) mod ready;
mod request_id;
pub(crate) mod sds;
mod socket;
pub(crate) mod tcp;
mod tcp_guards;
pub(crate) mod tls;
pub(crate) mod tracing;
pub(crate) mod udp;

use envoy_types::pb::envoy::config::core::v3::socket_address::Protocol;
use envoy_types::pb::envoy::config::core::v3::{Address, address};
use envoy_types::pb::envoy::config::listener::v3::Listener;
use gwapi_ir::ir::{ClientConnection, ClientTimeout, IpFamily, ProxyProtocolSettings};

use crate::address::socket;
use crate::context::Context;
use crate::names;
use crate::wkt::uint32;

/// The default per-connection buffer limit.
pub(crate) const DEFAULT_BUFFER_LIMIT: u32 = 32_768;

fn matches(address: Option<&Address>, host: &str, port: u32, protocol: Protocol) -> bool {
    use envoy_types::pb::envoy::config::core::v3::socket_address::PortSpecifier;
    match address.and_then(|a| a.address.as_ref()) {
        Some(address::Address::SocketAddress(s)) => {
            s.address == host
                && s.port_specifier == Some(PortSpecifier::PortValue(port))
                && s.protocol == i32::from(protocol)
        }
        _ => false,
    }
}

/// The name of the Envoy listener of an IR listener named `ir_name` on `port` (`external_port` for
/// clients) over `protocol`: the IR name, or `<protocol>-<external port>` under XDSNameSchemeV2.
pub(crate) fn listener_name(
    ctx: &Context<'_>,
    ir_name: &str,
    protocol: Protocol,
    (port, external_port): (u32, Option<u32>),
) -> String {
    if !ctx.config.xds_name_scheme_v2() {
        return names::listener(ir_name);
    }
    let protocol = if protocol == Protocol::Udp {
        "udp"
    } else {
        "tcp"
    };
    names::port_listener(protocol, external_port.unwrap_or(port))
}

/// The index of the listener on `host:port` over `protocol`, created (named `name`, with the
/// connection settings of `connection`) if missing.
pub(crate) fn find_or_create(
    ctx: &mut Context<'_>,
    name: &str,
    (host, port): (&str, u32),
    protocol: Protocol,
    connection: Option<&ClientConnection>,
    ip_family: Option<IpFamily>,
) -> (usize, bool) {
    if let Some(i) = ctx
        .resources
        .listeners
        .iter()
        .position(|l| matches(l.address.as_ref(), host, port, protocol))
    {
        return (i, false);
    }
    let tcp = protocol == Protocol::Tcp;
    let buffer = connection
        .and_then(|c| c.buffer_limit)
        .and_then(|b| u32::try_from(b).ok())
        .unwrap_or(DEFAULT_BUFFER_LIMIT);
    let accept = connection
        .and_then(|c| c.max_accept_per_socket_event)
        .unwrap_or(1);
    let access_log =
        crate::telemetry::access_log::for_scope(ctx, crate::telemetry::access_log::Scope::Listener);
    let mut address = socket(host, port, protocol);
    if ip_family == Some(IpFamily::DualStack)
        && let Some(address::Address::SocketAddress(s)) = &mut address.address
    {
        s.ipv4_compat = true;
    }
    ctx.resources.listeners.push(Listener {
        name: name.to_owned(),
        access_log,
        address: Some(address),
        per_connection_buffer_limit_bytes: tcp.then(|| uint32(buffer)),
        max_connections_to_accept_per_socket_event: (tcp && accept > 0).then(|| uint32(accept)),
        ..Listener::default()
    });
    (ctx.resources.listeners.len() - 1, true)
}

pub(crate) use http_options::upstream_http1 as upstream_http1_options;

/// Turns on TCP keepalive on listener `index` (when it has no socket options yet).
pub(crate) fn set_keepalive(
    ctx: &mut Context<'_>,
    index: usize,
    keepalive: Option<&gwapi_ir::ir::TcpKeepalive>,
) {
    if let (Some(listener), Some(keepalive)) = (ctx.resources.listeners.get_mut(index), keepalive)
        && listener.socket_options.is_empty()
    {
        listener.socket_options = socket::keepalive(keepalive);
    }
}

/// Applies the client settings that belong to the whole listener `index`: the time its listener filters
/// may inspect a new connection (set by the listener that creates it) and the PROXY protocol.
pub(crate) fn apply_client_settings(
    ctx: &mut Context<'_>,
    (index, created): (usize, bool),
    timeout: Option<&ClientTimeout>,
    proxy_protocol: Option<&ProxyProtocolSettings>,
) {
    let Some(listener) = ctx.resources.listeners.get_mut(index) else {
        return;
    };
    if created
        && let Some(inspection) = timeout
            .and_then(|t| t.tcp.as_ref())
            .and_then(|t| t.connection_inspection_timeout.as_ref())
    {
        listener.listener_filters_timeout = Some(crate::wkt::duration(inspection));
    }
    proxy_protocol::add(listener, proxy_protocol);
}

pub(crate) use connection_limit::filter as connection_limit_filter;
