//! Admission control: load shedding when the backend success rate drops.

use serde::{Deserialize, Serialize};

use crate::ir::GoDuration;

/// Admission control (EG's `ir.AdmissionControl`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmissionControl {
    /// The window over which success rates are computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampling_window: Option<GoDuration>,
    /// The success rate (percent) at or above which nothing is rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_success_rate: Option<u32>,
    /// How steeply the rejection probability rises.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection_aggression: Option<u32>,
    /// Requests per second below which nothing is rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_request_rate: Option<u32>,
    /// The upper limit of the rejection probability (percent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_rejection_percent: Option<u32>,
    /// What counts as a successful request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_criteria: Option<AdmissionControlSuccessCriteria>,
}

/// What counts as a successful request for admission control.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmissionControlSuccessCriteria {
    /// HTTP requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpSuccessCriteria>,
    /// gRPC requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grpc: Option<GrpcSuccessCriteria>,
}

/// Successful HTTP responses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpSuccessCriteria {
    /// The HTTP status codes that count as success.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_codes: Vec<u32>,
}

/// Successful gRPC responses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GrpcSuccessCriteria {
    /// The gRPC status code names that count as success (`Ok`, `Cancelled`, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_codes: Vec<String>,
}
