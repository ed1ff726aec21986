//! HTTP listeners: an HttpConnectionManager per filter chain, routes through RDS.

use envoy_types::pb::envoy::config::core::v3::SchemeHeaderTransformation;
use envoy_types::pb::envoy::config::core::v3::socket_address::Protocol;
use envoy_types::pb::envoy::config::core::v3::{Http2ProtocolOptions, HttpProtocolOptions};
use envoy_types::pb::envoy::config::listener::v3::{Filter, FilterChain, Listener, filter};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::{
    HttpConnectionManager, Rds,
    http_connection_manager::{
        PathWithEscapedSlashesAction, RouteSpecifier, ServerHeaderTransformation,
    },
};
use gwapi_ir::ir::{EscapedSlashesAction, HttpListener};

use crate::any::pack;
use crate::config_source::ads;
use crate::context::Context;
use crate::listener::{find_or_create, http_options, tls};
use crate::wkt::{boolean, duration, uint32};
use crate::{Result, filters, names};

/// The name of the HTTP connection manager network filter.
pub(crate) const HCM: &str = "envoy.filters.network.http_connection_manager";

/// Adds the listener (or filter chain) of `ir` and returns the name of the route configuration its routes
/// go to, and whether that route configuration must be created.
pub(crate) fn translate(ctx: &mut Context<'_>, ir: &HttpListener) -> Result<(String, bool)> {
    let address = (ir.address.as_str(), ir.port);
    let quic_index = crate::listener::quic::listener(ctx, ir);
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
    let access_log =
        crate::telemetry::access_log::for_scope(ctx, crate::telemetry::access_log::Scope::Http);
    let Some(listener) = ctx.resources.listeners.get_mut(index) else {
        return Ok((names::route_config(&ir.name), true));
    };
    if !created
        && ir.tls.is_none()
        && let Some(existing) = default_route_config(listener)
    {
        filters::merge::merge_into_default_chain(listener, ir, ctx.filter_order)?;
        return Ok((existing, false));
    }
    let v2 = ctx.config.xds_name_scheme_v2();
    let route_config = route_config_name(ir, v2);
    let mut hcm = connection_manager(ir, &route_config)?;
    if v2 {
        // Under XDSNameSchemeV2 stats are named after the port clients connect to.
        let port = ir.external_port.unwrap_or(ir.port);
        hcm.stat_prefix = names::http_stat_prefix(ir.tls.is_some(), port);
    }
    filters::reorder(&mut hcm.http_filters, ctx.filter_order);
    hcm.access_log = access_log;
    if let Some(tracing) = ctx.tracing {
        hcm.tracing = crate::listener::tracing::hcm_tracing(tracing)?;
    }
    let limit = crate::listener::connection_limit_filter(&hcm.stat_prefix, ir.connection.as_ref());
    let mut chain = FilterChain {
        name: if v2 && ir.tls.is_none() {
            route_config.clone()
        } else {
            names::listener(&ir.name)
        },
        filters: limit
            .into_iter()
            .chain([Filter {
                name: HCM.to_owned(),
                config_type: Some(filter::ConfigType::TypedConfig(pack(&hcm))),
            }])
            .collect(),
        ..FilterChain::default()
    };
    match &ir.tls {
        Some(config) => {
            let alpn = config
                .alpn_protocols
                .clone()
                .unwrap_or_else(|| default_alpn(ir.tls_overlaps));
            chain.transport_socket = Some(tls::downstream(config, alpn));
            tls::match_server_names(listener, &mut chain, &ir.hostnames);
            tls::enable_fingerprints(listener, &config.fingerprints);
            let quic = crate::listener::quic::chain(&chain, config);
            listener.filter_chains.push(chain);
            if let Some(quic_listener) = quic_index.and_then(|i| ctx.resources.listeners.get_mut(i))
            {
                quic_listener.filter_chains.push(quic);
            }
        }
        None => listener.default_filter_chain = Some(chain),
    }
    if let Some(config) = &ir.tls {
        for secret in tls::secrets(config) {
            ctx.add_secret(secret);
        }
    }
    Ok((route_config, true))
}

/// The name of the route configuration of `ir`: its own name, but under XDSNameSchemeV2 the plain-HTTP
/// listeners of a port share `http-<port>` (the port clients connect to).
fn route_config_name(ir: &HttpListener, v2: bool) -> String {
    if v2 && ir.tls.is_none() {
        names::http_stat_prefix(false, ir.external_port.unwrap_or(ir.port))
    } else {
        names::route_config(&ir.name)
    }
}

/// The route configuration of the plain-HTTP default filter chain of `listener`, if it has one.
fn default_route_config(listener: &Listener) -> Option<String> {
    let chain = listener.default_filter_chain.as_ref()?;
    chain.filters.iter().find_map(|f| {
        let Some(filter::ConfigType::TypedConfig(any)) = &f.config_type else {
            return None;
        };
        let hcm = <HttpConnectionManager as prost::Message>::decode(any.value.as_slice()).ok()?;
        match hcm.route_specifier? {
            RouteSpecifier::Rds(rds) => Some(rds.route_config_name),
            _ => None,
        }
    })
}

fn connection_manager(ir: &HttpListener, route_config: &str) -> Result<HttpConnectionManager> {
    let path = ir.path.clone().unwrap_or_default();
    let timeout = ir
        .timeout
        .as_ref()
        .and_then(|t| t.http.clone())
        .unwrap_or_default();
    let mut hcm = HttpConnectionManager {
        request_timeout: timeout.request_received_timeout.as_ref().map(duration),
        request_headers_timeout: timeout
            .request_headers_received_timeout
            .as_ref()
            .map(duration),
        stream_idle_timeout: timeout.stream_idle_timeout.as_ref().map(duration),
        stat_prefix: names::http_stat_prefix(ir.tls.is_some(), ir.port),
        route_specifier: Some(RouteSpecifier::Rds(Rds {
            config_source: Some(ads(true)),
            route_config_name: route_config.to_owned(),
        })),
        http_filters: filters::chain(ir)?,
        common_http_protocol_options: Some(HttpProtocolOptions {
            headers_with_underscores_action: http_options::underscores(ir).into(),
            idle_timeout: timeout.idle_timeout.as_ref().map(duration),
            ..HttpProtocolOptions::default()
        }),
        http2_protocol_options: Some(http2_options(ir)),
        server_header_transformation: ServerHeaderTransformation::PassThrough.into(),
        use_remote_address: Some(boolean(true)),
        normalize_path: Some(boolean(true)),
        merge_slashes: path.merge_slashes,
        path_with_escaped_slashes_action: escaped_slashes(path.escaped_slashes_action).into(),
        http_protocol_options: http_options::http1(ir),
        strip_trailing_host_dot: ir.host.as_ref().is_some_and(|h| h.strip_trailing_host_dot),
        scheme_header_transformation: ir.match_backend_scheme.then(|| SchemeHeaderTransformation {
            match_upstream: true,
            ..SchemeHeaderTransformation::default()
        }),
        ..HttpConnectionManager::default()
    };
    http_options::apply_headers(&mut hcm, ir);
    http_options::apply_connection_limits(&mut hcm, ir);
    Ok(hcm)
}

fn http2_options(ir: &HttpListener) -> Http2ProtocolOptions {
    let mut options = crate::cluster::http2_options(ir.http2.as_ref());
    options.max_concurrent_streams = Some(uint32(
        ir.http2
            .as_ref()
            .and_then(|h| h.max_concurrent_streams)
            .unwrap_or(DEFAULT_MAX_CONCURRENT_STREAMS),
    ));
    options
}

/// The default limit of concurrent streams per client connection.
const DEFAULT_MAX_CONCURRENT_STREAMS: u32 = 100;

fn escaped_slashes(action: Option<EscapedSlashesAction>) -> PathWithEscapedSlashesAction {
    match action {
        None => PathWithEscapedSlashesAction::ImplementationSpecificDefault,
        Some(EscapedSlashesAction::KeepUnchanged) => PathWithEscapedSlashesAction::KeepUnchanged,
        Some(EscapedSlashesAction::RejectRequest) => PathWithEscapedSlashesAction::RejectRequest,
        Some(EscapedSlashesAction::UnescapeAndRedirect) => {
            PathWithEscapedSlashesAction::UnescapeAndRedirect
        }
        Some(EscapedSlashesAction::UnescapeAndForward) => {
            PathWithEscapedSlashesAction::UnescapeAndForward
        }
    }
}

/// The ALPN of an HTTPS listener that sets none: HTTP/2 and HTTP/1.1, or HTTP/1.1 alone when its
/// certificates overlap another listener's (so that clients do not coalesce HTTP/2 connections across
/// them).
fn default_alpn(tls_overlaps: bool) -> Vec<String> {
    if tls_overlaps {
        vec!["http/1.1".to_owned()]
    } else {
        vec!["h2".to_owned(), "http/1.1".to_owned()]
    }
}
