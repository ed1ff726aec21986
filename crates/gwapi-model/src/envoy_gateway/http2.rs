//! HTTP/2 settings (`HTTP2Settings`), shared by `ClientTrafficPolicy`, `BackendTrafficPolicy` and cluster
//! settings.

use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;

crate::string_enum! {
    /// What Envoy does on an HTTP messaging error (`InvalidMessageAction`).
    pub enum InvalidMessageAction {
        /// Close the whole connection (the default).
        TerminateConnection = "TerminateConnection",
        /// Reset only the offending stream.
        TerminateStream = "TerminateStream",
    }
}

/// HTTP/2 connection keepalive with PING frames (`HTTP2KeepaliveSettings`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Http2KeepaliveSettings {
    /// How often to send PING frames.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<Duration>,
    /// How long to wait for a PING response before considering the connection dead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Duration>,
    /// A random jitter percentage added to each interval; defaults to 15.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_jitter: Option<i32>,
    /// How long a connection must be idle before a PING is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_interval: Option<Duration>,
}

/// HTTP/2 configuration for listeners and backends (`HTTP2Settings`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Http2Settings {
    /// The initial window size of HTTP/2 streams; defaults to 64 KiB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_stream_window_size: Option<Quantity>,
    /// The initial window size of HTTP/2 connections; defaults to 1 MiB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_connection_window_size: Option<Quantity>,
    /// The maximum number of concurrent streams per connection; defaults to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_concurrent_streams: Option<i32>,
    /// Whether an HTTP messaging error terminates the connection or only the stream; defaults to
    /// `TerminateConnection`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_invalid_message: Option<InvalidMessageAction>,
    /// HTTP/2 connection keepalive with PING frames.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_keepalive: Option<Http2KeepaliveSettings>,
}
