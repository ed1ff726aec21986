//! Timeouts towards backends.

use serde::{Deserialize, Serialize};

use crate::ir::GoDuration;

/// Timeouts towards backends (EG's `ir.Timeout`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeout {
    /// TCP timeouts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tcp: Option<TcpTimeout>,
    /// HTTP timeouts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpTimeout>,
}

/// TCP timeouts towards backends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TcpTimeout {
    /// How long connecting may take.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connect_timeout: Option<GoDuration>,
}

/// HTTP timeouts towards backends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpTimeout {
    /// How long a whole request may take (`0s` disables the timeout).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_timeout: Option<GoDuration>,
    /// How long a connection may be idle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_idle_timeout: Option<GoDuration>,
    /// How long a connection may live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_connection_duration: Option<GoDuration>,
    /// How long a stream may live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_stream_duration: Option<GoDuration>,
    /// How long a stream may be idle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_idle_timeout: Option<GoDuration>,
}
