//! PROXY protocol towards backends (BackendTrafficPolicy `proxyProtocol`): every transport socket of the
//! cluster (plain text or TLS) is wrapped in the upstream PROXY protocol socket.

use envoy_types::pb::envoy::config::cluster::v3::Cluster;
use envoy_types::pb::envoy::config::core::v3::{
    ProxyProtocolConfig, TransportSocket, proxy_protocol_config::Version, transport_socket,
};
use envoy_types::pb::envoy::extensions::transport_sockets::proxy_protocol::v3::ProxyProtocolUpstreamTransport;
use envoy_types::pb::envoy::extensions::transport_sockets::raw_buffer::v3::RawBuffer;
use gwapi_ir::ir::{ProxyProtocol, ProxyProtocolVersion};

use crate::any::pack;

fn raw_buffer() -> TransportSocket {
    TransportSocket {
        name: "envoy.transport_sockets.raw_buffer".to_owned(),
        config_type: Some(transport_socket::ConfigType::TypedConfig(pack(
            &RawBuffer::default(),
        ))),
    }
}

fn wrap(inner: Option<TransportSocket>, settings: &ProxyProtocol) -> TransportSocket {
    let version = match settings.version {
        Some(ProxyProtocolVersion::V2) => Version::V2,
        Some(ProxyProtocolVersion::V1) | None => Version::V1,
    };
    TransportSocket {
        name: "envoy.transport_sockets.upstream_proxy_protocol".to_owned(),
        config_type: Some(transport_socket::ConfigType::TypedConfig(pack(
            &ProxyProtocolUpstreamTransport {
                config: Some(ProxyProtocolConfig {
                    version: version.into(),
                    ..ProxyProtocolConfig::default()
                }),
                transport_socket: Some(inner.unwrap_or_else(raw_buffer)),
                ..ProxyProtocolUpstreamTransport::default()
            },
        ))),
    }
}

/// Wraps the transport sockets of `cluster` in the PROXY protocol socket.
pub(crate) fn apply(cluster: &mut Cluster, settings: &ProxyProtocol) {
    cluster.transport_socket = Some(wrap(cluster.transport_socket.take(), settings));
    for socket_match in &mut cluster.transport_socket_matches {
        socket_match.transport_socket = Some(wrap(socket_match.transport_socket.take(), settings));
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

    #[test]
    fn plain_text_is_wrapped_over_a_raw_buffer() {
        let mut cluster = Cluster::default();
        apply(
            &mut cluster,
            &ProxyProtocol {
                version: Some(ProxyProtocolVersion::V2),
            },
        );
        let json = crate::render::to_json(&cluster).unwrap();
        let socket = &json["transportSocket"];
        assert_eq!(
            socket["name"],
            "envoy.transport_sockets.upstream_proxy_protocol"
        );
        assert_eq!(socket["typedConfig"]["config"]["version"], "V2");
        assert_eq!(
            socket["typedConfig"]["transportSocket"]["name"],
            "envoy.transport_sockets.raw_buffer"
        );
    }
}
