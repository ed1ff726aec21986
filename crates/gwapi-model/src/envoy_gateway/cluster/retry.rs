//! Retries (`Retry`): how many, on which conditions, and the per-attempt timeout and back-off.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;

/// An HTTP status code (`HTTPStatus`), 100 to 599.
pub type HttpStatus = i32;

/// The retry strategy (`Retry`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Retry {
    /// The number of retries; defaults to 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_retries: Option<i32>,
    /// The number of attempts (initial attempt and retries) per priority level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_attempts_per_priority: Option<i32>,
    /// The conditions that trigger a retry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_on: Option<RetryOn>,
    /// The timeout and back-off of each retry attempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_retry: Option<PerRetryPolicy>,
}

/// The conditions that trigger a retry (`RetryOn`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RetryOn {
    /// The HTTP and gRPC trigger conditions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<TriggerEnum>,
    /// HTTP status codes to retry (with the `retriable-status-codes` trigger implied).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub http_status_codes: Vec<HttpStatus>,
}

crate::string_enum! {
    /// A condition that triggers a retry (`TriggerEnum`).
    pub enum TriggerEnum {
        /// Any 5xx response, or no response at all (disconnect, reset, read timeout).
        FiveXx = "5xx",
        /// A 502, 503 or 504 response.
        GatewayError = "gateway-error",
        /// No response at all (disconnect, reset, read timeout).
        Reset = "reset",
        /// Like `reset`, but only when the request headers were not sent upstream.
        ResetBeforeRequest = "reset-before-request",
        /// A connection failure (connect timeout, ...).
        ConnectFailure = "connect-failure",
        /// A retriable 4xx response (409).
        Retriable4xx = "retriable-4xx",
        /// The stream was reset with `REFUSED_STREAM`.
        RefusedStream = "refused-stream",
        /// A response code listed in `httpStatusCodes`.
        RetriableStatusCodes = "retriable-status-codes",
        /// gRPC status `cancelled`.
        Cancelled = "cancelled",
        /// gRPC status `deadline-exceeded`.
        DeadlineExceeded = "deadline-exceeded",
        /// gRPC status `internal`.
        Internal = "internal",
        /// gRPC status `resource-exhausted`.
        ResourceExhausted = "resource-exhausted",
        /// gRPC status `unavailable`.
        Unavailable = "unavailable",
    }
}

/// The policy of each retry attempt (`PerRetryPolicy`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PerRetryPolicy {
    /// The timeout of each attempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Duration>,
    /// The back-off between attempts (fully jittered exponential). Go matches JSON field names
    /// case-insensitively, so `backoff` is accepted too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub back_off: Option<BackOffPolicy>,
}

/// The back-off between retries (`BackOffPolicy`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BackOffPolicy {
    /// The base interval between retries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_interval: Option<Duration>,
    /// The maximum interval between retries; defaults to 10 times the base interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_interval: Option<Duration>,
}
