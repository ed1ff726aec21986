//! Socket addresses.

use envoy_types::pb::envoy::config::core::v3::{
    Address, Pipe, SocketAddress, address, socket_address::PortSpecifier, socket_address::Protocol,
};

/// A socket address `host:port` over `protocol`.
pub(crate) fn socket(host: &str, port: u32, protocol: Protocol) -> Address {
    Address {
        address: Some(address::Address::SocketAddress(SocketAddress {
            address: host.to_owned(),
            port_specifier: Some(PortSpecifier::PortValue(port)),
            protocol: protocol.into(),
            ..SocketAddress::default()
        })),
    }
}

/// A Unix domain socket at `path`.
pub(crate) fn pipe(path: &str) -> Address {
    Address {
        address: Some(address::Address::Pipe(Pipe {
            path: path.to_owned(),
            ..Pipe::default()
        })),
    }
}
