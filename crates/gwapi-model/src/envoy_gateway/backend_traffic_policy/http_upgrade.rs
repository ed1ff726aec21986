//! HTTP protocol upgrades (`ProtocolUpgradeConfig`) and request buffering (`RequestBuffer`).

use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An allowed HTTP protocol upgrade (`ProtocolUpgradeConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProtocolUpgradeConfig {
    /// The upgrade type, case-insensitive (`websocket`, `CONNECT`, `spdy/3.1`, ...).
    #[serde(rename = "type")]
    pub type_: String,
    /// CONNECT settings, when the type is `CONNECT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connect: Option<ConnectConfig>,
}

/// CONNECT settings (`ConnectConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConnectConfig {
    /// Whether Envoy terminates the CONNECT request and forwards its payload as raw TCP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminate: Option<bool>,
}

/// Buffers whole requests before sending them upstream (`RequestBuffer`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequestBuffer {
    /// The maximum size of a request, in bytes; larger requests are rejected.
    pub limit: Quantity,
}
