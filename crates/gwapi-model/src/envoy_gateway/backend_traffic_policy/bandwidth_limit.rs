//! Bandwidth limits (`BandwidthLimitSpec`) on traffic to and from the backend.

use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Bandwidth limits in both directions (`BandwidthLimitSpec`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BandwidthLimitSpec {
    /// The limit on traffic sent to the backend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<BandwidthLimitRequestConfig>,
    /// The limit on traffic received from the backend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<BandwidthLimitResponseConfig>,
}

/// The bandwidth limit of the request direction (`BandwidthLimitRequestConfig`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BandwidthLimitRequestConfig {
    /// The limit.
    pub limit: BandwidthLimitValue,
}

/// The bandwidth limit of the response direction (`BandwidthLimitResponseConfig`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BandwidthLimitResponseConfig {
    /// The limit.
    pub limit: BandwidthLimitValue,
    /// Trailers with the limiter's statistics, appended to responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_trailers: Option<BandwidthLimitResponseTrailers>,
}

crate::string_enum! {
    /// The interval of a bandwidth limit (`BandwidthLimitUnit`).
    pub enum BandwidthLimitUnit {
        /// Per second.
        Second = "Second",
        /// Per minute.
        Minute = "Minute",
        /// Per hour.
        Hour = "Hour",
    }
}

/// A throughput: bytes per interval (`BandwidthLimitValue`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BandwidthLimitValue {
    /// The number of bytes.
    pub value: Quantity,
    /// The interval.
    pub unit: BandwidthLimitUnit,
}

/// The trailers appended to rate-limited responses (`BandwidthLimitResponseTrailers`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BandwidthLimitResponseTrailers {
    /// A prefix for the trailer names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
}
