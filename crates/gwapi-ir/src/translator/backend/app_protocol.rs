//! The application protocol a backend port declares (`appProtocol` of a Service or ServiceImport port,
//! `appProtocols` of a Backend): HTTP/2 over cleartext, gRPC, or WebSocket (HTTP/1.1 forced upstream).

use gwapi_model::envoy_gateway::AppProtocolType;

use crate::ir::Protocol;

/// The protocol towards a backend and whether upstream HTTP/1.1 is forced (WebSocket backends).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Upstream {
    /// The protocol.
    pub protocol: Protocol,
    /// Whether upstream connections use HTTP/1.1 whatever the client spoke.
    pub force_http1: bool,
}

/// What a Service (or ServiceImport) port's `appProtocol` makes of `protocol`.
pub(crate) fn of_port(app_protocol: Option<&str>, protocol: Protocol) -> Upstream {
    let (protocol, websocket) = match app_protocol {
        Some("kubernetes.io/h2c") => (Protocol::Http2, false),
        Some("grpc") => (Protocol::Grpc, false),
        Some("kubernetes.io/ws" | "kubernetes.io/wss") => (protocol, true),
        _ => (protocol, false),
    };
    Upstream {
        protocol,
        force_http1: websocket && protocol == Protocol::Http,
    }
}

/// What a Backend's `appProtocols` make of `protocol`.
pub(crate) fn of_backend(app_protocols: &[AppProtocolType], protocol: Protocol) -> Upstream {
    if app_protocols.contains(&AppProtocolType::H2c) {
        return Upstream {
            protocol: Protocol::Http2,
            force_http1: false,
        };
    }
    let websocket = app_protocols
        .iter()
        .any(|p| matches!(p, AppProtocolType::Ws | AppProtocolType::Wss));
    Upstream {
        protocol,
        force_http1: websocket && protocol == Protocol::Http,
    }
}

#[cfg(test)]
mod tests {
    use super::{of_backend, of_port};
    use crate::ir::Protocol;
    use gwapi_model::envoy_gateway::AppProtocolType;

    #[test]
    fn maps_port_app_protocols() {
        assert_eq!(
            of_port(Some("kubernetes.io/h2c"), Protocol::Http).protocol,
            Protocol::Http2
        );
        assert_eq!(
            of_port(Some("grpc"), Protocol::Http).protocol,
            Protocol::Grpc
        );
        assert!(of_port(Some("kubernetes.io/ws"), Protocol::Http).force_http1);
        assert!(!of_port(Some("kubernetes.io/ws"), Protocol::Tcp).force_http1);
        assert!(of_backend(&[AppProtocolType::Wss], Protocol::Http).force_http1);
    }
}
