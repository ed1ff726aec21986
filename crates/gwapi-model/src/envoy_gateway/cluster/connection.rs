//! Connection-level settings towards a backend (`BackendConnection`).

use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Connection-level settings of backend connections (`BackendConnection`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BackendConnection {
    /// Soft limit on the size of each connection's read and write buffers; defaults to 32768 bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buffer_limit: Option<Quantity>,
    /// The socket receive and send buffer sizes (`SO_RCVBUF`/`SO_SNDBUF`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub socket_buffer_limit: Option<Quantity>,
    /// Proactive connections, established before they are needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preconnect: Option<PreconnectPolicy>,
}

/// Proactive upstream connections (`PreconnectPolicy`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PreconnectPolicy {
    /// Connections to keep per endpoint, as a percentage of the expected load (100 to 300).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_endpoint_percent: Option<u32>,
    /// Connections to keep across the cluster, as a percentage of the expected load (at least 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predictive_percent: Option<u32>,
}
