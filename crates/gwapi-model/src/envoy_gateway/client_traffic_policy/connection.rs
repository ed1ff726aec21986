//! Connection-level settings of the client connections (`ClientConnection`).

use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;

/// Connection-level settings of the client connections (`ClientConnection`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClientConnection {
    /// Limits on connections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_limit: Option<ConnectionLimit>,
    /// The maximum user-space buffer size per incoming connection (e.g. `32Ki`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buffer_limit: Option<Quantity>,
    /// The maximum kernel socket buffer size per incoming socket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub socket_buffer_limit: Option<Quantity>,
    /// The maximum number of connections accepted per socket event; defaults to 1, 0 means unlimited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_accept_per_socket_event: Option<i32>,
}

/// Limits on client connections (`ConnectionLimit`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionLimit {
    /// The maximum number of concurrent connections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    /// The delay before closing connections rejected by the limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close_delay: Option<Duration>,
    /// The maximum lifetime of a connection before it is drained or closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_connection_duration: Option<Duration>,
    /// The maximum number of requests per connection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_requests_per_connection: Option<i32>,
    /// The maximum lifetime of an HTTP stream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_stream_duration: Option<Duration>,
}
