//! TCP keepalive (`TCPKeepalive`), for upstream connections and, in `ClientTrafficPolicy`, downstream ones.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;

/// TCP keepalive settings (`TCPKeepalive`); the operating system's defaults apply to unset fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TcpKeepalive {
    /// The number of unacknowledged probes before the connection is considered dead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probes: Option<u32>,
    /// How long a connection is idle before keepalive probes start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_time: Option<Duration>,
    /// The time between keepalive probes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<Duration>,
}
