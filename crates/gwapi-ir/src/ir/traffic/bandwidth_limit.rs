//! Bandwidth limits of requests and responses.

use serde::{Deserialize, Serialize};

/// Bandwidth limits (EG's `ir.BandwidthLimit`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BandwidthLimit {
    /// The limit of request bodies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<BandwidthLimitValue>,
    /// The limit of response bodies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<BandwidthLimitValue>,
}

/// A bandwidth limit in one direction.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BandwidthLimitValue {
    /// The limit in KiB per second.
    pub limit_kibps: u64,
    /// Trailers reporting the delays introduced by the limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_trailers: Option<BandwidthLimitTrailers>,
}

/// Trailers reporting bandwidth limit delays.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BandwidthLimitTrailers {
    /// The prefix of the trailer names.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
}
