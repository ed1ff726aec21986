//! Timeouts of the client connections (`ClientTimeout`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;

/// Timeouts of the client connections (`ClientTimeout`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClientTimeout {
    /// Timeouts of TCP and TLS listeners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tcp: Option<TcpClientTimeout>,
    /// Timeouts of HTTP listeners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpClientTimeout>,
}

/// Timeouts of TCP and TLS listeners (`TCPClientTimeout`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TcpClientTimeout {
    /// How long a connection may be idle (no bytes either way); defaults to 1 hour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_timeout: Option<Duration>,
    /// The maximum time to complete the TLS handshake after a connection is accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls_handshake_timeout: Option<Duration>,
    /// The maximum time to inspect a new connection (TLS/SNI, protocol detection); defaults to 15 seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_inspection_timeout: Option<Duration>,
}

/// Timeouts of HTTP listeners (`HTTPClientTimeout`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpClientTimeout {
    /// How long Envoy waits for the complete request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_received_timeout: Option<Duration>,
    /// How long Envoy waits for the request headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_headers_received_timeout: Option<Duration>,
    /// How long a connection may have no active request; defaults to 1 hour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_timeout: Option<Duration>,
    /// How long a stream may have no activity; defaults to 5 minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_idle_timeout: Option<Duration>,
}
