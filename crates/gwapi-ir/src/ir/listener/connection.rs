//! Connection-level client settings shared by HTTP and TCP listeners: timeouts, limits, PROXY protocol.

use serde::{Deserialize, Serialize};

use crate::ir::GoDuration;

/// Client timeouts of a listener (EG's `ir.ClientTimeout`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientTimeout {
    /// TCP timeouts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tcp: Option<TcpClientTimeout>,
    /// HTTP timeouts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpClientTimeout>,
}

/// TCP client timeouts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TcpClientTimeout {
    /// How long a connection may stay idle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_timeout: Option<GoDuration>,
    /// How long the listener filters may inspect a new connection (TLS inspector, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_inspection_timeout: Option<GoDuration>,
}

/// HTTP client timeouts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpClientTimeout {
    /// How long receiving a whole request may take.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_received_timeout: Option<GoDuration>,
    /// How long receiving the request headers may take.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_headers_received_timeout: Option<GoDuration>,
    /// How long a connection without streams may stay idle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_timeout: Option<GoDuration>,
    /// How long a stream may stay idle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_idle_timeout: Option<GoDuration>,
}

/// Connection limits and buffers of a listener (EG's `ir.ClientConnection`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientConnection {
    /// Connection limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<ConnectionLimit>,
    /// The per-connection buffer limit in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buffer_limit: Option<u64>,
    /// How many connections are accepted per socket event (`Some(0)`: no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_accept_per_socket_event: Option<u32>,
}

/// Connection limits.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionLimit {
    /// The maximum number of concurrent connections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<u64>,
    /// How long to wait before closing a connection over the limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close_delay: Option<GoDuration>,
    /// The maximum lifetime of a connection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_connection_duration: Option<GoDuration>,
    /// The maximum number of requests per connection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_requests_per_connection: Option<u32>,
    /// The maximum lifetime of a stream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_stream_duration: Option<GoDuration>,
}

/// PROXY protocol from clients.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProxyProtocolSettings {
    /// Whether connections without a PROXY header are accepted too.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}
