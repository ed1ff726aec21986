//! Admission control (`AdmissionControl`): probabilistic load shedding based on the recent success rate.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;
use crate::envoy_gateway::HttpStatus;

/// Health-based load shedding for upstream backends (`AdmissionControl`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdmissionControl {
    /// The window over which success rates are computed; defaults to 30s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampling_window: Option<Duration>,
    /// The success rate (percent) below which requests start to be rejected; defaults to 95.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_success_rate: Option<i32>,
    /// How steeply the rejection probability rises; defaults to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection_aggression: Option<i32>,
    /// The request rate (per second) below which no request is rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_request_rate: Option<i32>,
    /// The maximum rejection probability, in percent; defaults to 80.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_rejection_percent: Option<i32>,
    /// What counts as a successful request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_criteria: Option<AdmissionControlSuccessCriteria>,
}

/// What counts as a successful request, for HTTP and gRPC (`AdmissionControlSuccessCriteria`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdmissionControlSuccessCriteria {
    /// HTTP success criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpSuccessCriteria>,
    /// gRPC success criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grpc: Option<GrpcSuccessCriteria>,
}

/// HTTP success criteria (`HTTPSuccessCriteria`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpSuccessCriteria {
    /// The status codes that count as successes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_codes: Vec<HttpStatus>,
}

/// gRPC success criteria (`GRPCSuccessCriteria`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GrpcSuccessCriteria {
    /// The status codes that count as successes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_codes: Vec<GrpcSuccessCode>,
}

crate::string_enum! {
    /// A gRPC status code (`GRPCSuccessCode`).
    pub enum GrpcSuccessCode {
        /// OK.
        Ok = "Ok",
        /// CANCELLED.
        Cancelled = "Cancelled",
        /// UNKNOWN (the gRPC status; not an unknown value).
        UnknownStatus = "Unknown",
        /// `INVALID_ARGUMENT`.
        InvalidArgument = "InvalidArgument",
        /// `DEADLINE_EXCEEDED`.
        DeadlineExceeded = "DeadlineExceeded",
        /// `NOT_FOUND`.
        NotFound = "NotFound",
        /// `ALREADY_EXISTS`.
        AlreadyExists = "AlreadyExists",
        /// `PERMISSION_DENIED`.
        PermissionDenied = "PermissionDenied",
        /// `RESOURCE_EXHAUSTED`.
        ResourceExhausted = "ResourceExhausted",
        /// `FAILED_PRECONDITION`.
        FailedPrecondition = "FailedPrecondition",
        /// ABORTED.
        Aborted = "Aborted",
        /// `OUT_OF_RANGE`.
        OutOfRange = "OutOfRange",
        /// UNIMPLEMENTED.
        Unimplemented = "Unimplemented",
        /// INTERNAL.
        Internal = "Internal",
        /// UNAVAILABLE.
        Unavailable = "Unavailable",
        /// `DATA_LOSS`.
        DataLoss = "DataLoss",
        /// UNAUTHENTICATED.
        Unauthenticated = "Unauthenticated",
    }
}
