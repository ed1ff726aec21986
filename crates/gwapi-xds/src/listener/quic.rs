//! HTTP/3: a QUIC listener on the UDP side of an HTTPS listener's port, with the same filter chains as
//! the TCP listener, speaking HTTP/3 over the QUIC transport socket (ClientTrafficPolicy `http3`).

use envoy_types::pb::envoy::config::core::v3::socket_address::Protocol;
use envoy_types::pb::envoy::config::core::v3::{
    HeaderValue, HeaderValueOption, Http3ProtocolOptions, TransportSocket, UdpSocketConfig,
    transport_socket,
};
use envoy_types::pb::envoy::config::listener::v3::{
    FilterChain, QuicProtocolOptions, UdpListenerConfig, filter, listener::DrainType,
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::{
    HttpConnectionManager, http_connection_manager::CodecType,
};
use envoy_types::pb::envoy::extensions::transport_sockets::quic::v3::QuicDownstreamTransport;
use gwapi_ir::ir::{HttpListener, TlsConfig};

use crate::any::pack;
use crate::context::Context;
use crate::listener::{find_or_create, tls};
use crate::names;

/// The name of the QUIC transport socket.
const QUIC_SOCKET: &str = "envoy.transport_sockets.quic";
/// The only ALPN protocol of HTTP/3.
const H3: &str = "h3";

/// The index of the QUIC listener of `ir` (created when missing), if `ir` serves HTTP/3: only HTTPS
/// listeners do.
pub(crate) fn listener(ctx: &mut Context<'_>, ir: &HttpListener) -> Option<usize> {
    if ir.http3.is_none() || ir.tls.is_none() {
        return None;
    }
    let name = if ctx.config.xds_name_scheme_v2() {
        crate::listener::listener_name(ctx, &ir.name, Protocol::Udp, (ir.port, ir.external_port))
    } else {
        names::quic_listener(&ir.name)
    };
    let (index, created) = find_or_create(
        ctx,
        &name,
        (ir.address.as_str(), ir.port),
        Protocol::Udp,
        None,
        ir.ip_family,
    );
    if created && let Some(listener) = ctx.resources.listeners.get_mut(index) {
        listener.udp_listener_config = Some(UdpListenerConfig {
            downstream_socket_config: Some(UdpSocketConfig::default()),
            quic_options: Some(QuicProtocolOptions::default()),
            ..UdpListenerConfig::default()
        });
        // QUIC connections cannot be handed over on a listener update: only drain on removal.
        listener.drain_type = DrainType::ModifyOnly.into();
    }
    Some(index)
}

/// The QUIC twin of the TCP filter chain `tcp` of an HTTPS listener with `config`: the same match and
/// network filters, its connection manager speaking HTTP/3, over the QUIC transport socket.
pub(crate) fn chain(tcp: &FilterChain, config: &TlsConfig) -> FilterChain {
    let filters = tcp
        .filters
        .iter()
        .cloned()
        .map(|mut f| {
            if f.name == crate::listener::http::HCM
                && let Some(filter::ConfigType::TypedConfig(any)) = &mut f.config_type
                && let Ok(mut hcm) =
                    <HttpConnectionManager as prost::Message>::decode(any.value.as_slice())
            {
                hcm.codec_type = CodecType::Http3.into();
                hcm.http3_protocol_options = Some(Http3ProtocolOptions::default());
                *any = pack(&hcm);
            }
            f
        })
        .collect();
    FilterChain {
        name: tcp.name.clone(),
        filter_chain_match: tcp.filter_chain_match.clone(),
        filters,
        transport_socket: Some(transport_socket(config)),
        ..FilterChain::default()
    }
}

fn transport_socket(config: &TlsConfig) -> TransportSocket {
    let quic = QuicDownstreamTransport {
        downstream_tls_context: Some(tls::downstream_context(config, vec![H3.to_owned()])),
        ..QuicDownstreamTransport::default()
    };
    TransportSocket {
        name: QUIC_SOCKET.to_owned(),
        config_type: Some(transport_socket::ConfigType::TypedConfig(pack(&quic))),
    }
}

/// The `alt-svc` response header that advertises HTTP/3 on `port` to clients of the TCP listener,
/// appended to any the backend sends.
pub(crate) fn alt_svc(port: u32) -> HeaderValueOption {
    // Envoy Gateway sets the deprecated `append` flag here (not `append_action`); both mean "append".
    #[allow(deprecated)]
    HeaderValueOption {
        header: Some(HeaderValue {
            key: "alt-svc".to_owned(),
            value: format!("h3=\":{port}\"; ma=86400"),
            ..HeaderValue::default()
        }),
        append: Some(crate::wkt::boolean(true)),
        ..HeaderValueOption::default()
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use super::*;
    use envoy_types::pb::envoy::config::listener::v3::Filter;

    fn https() -> HttpListener {
        serde_json::from_str(
            r#"{"name": "ns/gw/https", "address": "0.0.0.0", "port": 10443, "http3": {},
                "tls": {"certificates": [{"name": "ns/cert"}]}}"#,
        )
        .unwrap()
    }

    #[test]
    fn quic_listener_only_for_https_with_http3() {
        let config = crate::XdsConfig::default();
        let xds = gwapi_ir::ir::Xds::default();
        let mut ctx = Context::new(&config, &xds);
        let index = listener(&mut ctx, &https()).unwrap();
        let quic = &ctx.resources.listeners[index];
        assert_eq!(quic.name, "ns/gw/https-quic");
        assert_eq!(quic.drain_type, i32::from(DrainType::ModifyOnly));
        assert!(quic.udp_listener_config.is_some());
        assert!(quic.per_connection_buffer_limit_bytes.is_none());
        assert_eq!(listener(&mut ctx, &https()), Some(index));
        let plain = HttpListener {
            tls: None,
            ..https()
        };
        assert!(listener(&mut ctx, &plain).is_none());
        let tcp_only = HttpListener {
            http3: None,
            ..https()
        };
        assert!(listener(&mut ctx, &tcp_only).is_none());
    }

    #[test]
    fn chain_speaks_http3_over_quic() {
        let tcp = FilterChain {
            name: "ns/gw/https".to_owned(),
            filters: vec![Filter {
                name: crate::listener::http::HCM.to_owned(),
                config_type: Some(filter::ConfigType::TypedConfig(pack(
                    &HttpConnectionManager::default(),
                ))),
            }],
            ..FilterChain::default()
        };
        let ir = https();
        let quic = chain(&tcp, ir.tls.as_ref().unwrap());
        let socket = quic.transport_socket.unwrap();
        assert_eq!(socket.name, QUIC_SOCKET);
        let Some(transport_socket::ConfigType::TypedConfig(any)) = socket.config_type else {
            panic!("no socket config");
        };
        let transport: QuicDownstreamTransport =
            prost::Message::decode(any.value.as_slice()).unwrap();
        let alpn = transport
            .downstream_tls_context
            .unwrap()
            .common_tls_context
            .unwrap()
            .alpn_protocols;
        assert_eq!(alpn, vec![H3.to_owned()]);
        let Some(filter::ConfigType::TypedConfig(any)) = &quic.filters[0].config_type else {
            panic!("no hcm");
        };
        let hcm: HttpConnectionManager = prost::Message::decode(any.value.as_slice()).unwrap();
        assert_eq!(hcm.codec_type, i32::from(CodecType::Http3));
        assert!(hcm.http3_protocol_options.is_some());
    }

    #[test]
    fn alt_svc_names_the_port() {
        let header = alt_svc(443).header.unwrap();
        assert_eq!(header.key, "alt-svc");
        assert_eq!(header.value, "h3=\":443\"; ma=86400");
    }
}
