//! HTTP-level backend settings: compression, protocol upgrades, request buffering.

use serde::{Deserialize, Serialize};

/// Response compression (EG's `ir.Compression`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Compression {
    /// The algorithm.
    #[serde(rename = "type")]
    pub kind: CompressorType,
    /// Whether this algorithm wins when the client accepts several with the same quality.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub choose_first: bool,
    /// Responses smaller than this many bytes are not compressed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_content_length: Option<u32>,
}

/// A compression algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CompressorType {
    /// Brotli.
    Brotli,
    /// Gzip.
    Gzip,
    /// Zstandard.
    Zstd,
}

/// A protocol upgrade allowed on the route (EG's `ir.HTTPUpgradeConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpUpgrade {
    /// The upgrade type (`websocket`, `spdy/3.1`, `CONNECT`, ...).
    #[serde(rename = "type")]
    pub kind: String,
    /// Settings of `CONNECT` upgrades.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connect: Option<ConnectUpgrade>,
}

/// Settings of `CONNECT` upgrades.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectUpgrade {
    /// Whether Envoy terminates the `CONNECT` and forwards the payload.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub terminate: bool,
}

/// Buffering of whole requests before they are forwarded (EG's `ir.RequestBuffer`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestBuffer {
    /// The maximum request size, as a Kubernetes quantity (`4Mi`).
    pub limit: String,
}
