//! Retries of failed requests.

use serde::{Deserialize, Serialize};

use crate::ir::GoDuration;

/// How failed requests are retried (EG's `ir.Retry`), from a BackendTrafficPolicy or an HTTPRoute rule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Retry {
    /// The maximum number of retries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_retries: Option<u32>,
    /// Attempts per priority level before the next level is tried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_attempts_per_priority: Option<i32>,
    /// Which failures are retried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_on: Option<RetryOn>,
    /// Timeout and back-off of each attempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_retry: Option<PerRetryPolicy>,
}

/// The failures that are retried.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RetryOn {
    /// Retry conditions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<RetryTrigger>,
    /// Response status codes that are retried (with [`RetryTrigger::RetriableStatusCodes`]).
    #[serde(
        default,
        rename = "httpStatusCodes",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub http_status_codes: Vec<u32>,
}

/// A retry condition (Envoy's `retry_on` / `x-envoy-retry-grpc-on` values).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum RetryTrigger {
    /// `5xx`.
    FiveXx,
    /// `gateway-error`.
    GatewayError,
    /// `reset`.
    Reset,
    /// `reset-before-request`.
    ResetBeforeRequest,
    /// `connect-failure`.
    ConnectFailure,
    /// `retriable-4xx`.
    Retriable4xx,
    /// `refused-stream`.
    RefusedStream,
    /// `retriable-status-codes`.
    RetriableStatusCodes,
    /// gRPC `cancelled`.
    Cancelled,
    /// gRPC `deadline-exceeded`.
    DeadlineExceeded,
    /// gRPC `internal`.
    Internal,
    /// gRPC `resource-exhausted`.
    ResourceExhausted,
    /// gRPC `unavailable`.
    Unavailable,
    /// A value EG does not know (kept as written; the translator reports it).
    Other(String),
}

/// The wire names of the known [`RetryTrigger`]s.
const TRIGGER_NAMES: [(&str, RetryTrigger); 13] = [
    ("5xx", RetryTrigger::FiveXx),
    ("gateway-error", RetryTrigger::GatewayError),
    ("reset", RetryTrigger::Reset),
    ("reset-before-request", RetryTrigger::ResetBeforeRequest),
    ("connect-failure", RetryTrigger::ConnectFailure),
    ("retriable-4xx", RetryTrigger::Retriable4xx),
    ("refused-stream", RetryTrigger::RefusedStream),
    ("retriable-status-codes", RetryTrigger::RetriableStatusCodes),
    ("cancelled", RetryTrigger::Cancelled),
    ("deadline-exceeded", RetryTrigger::DeadlineExceeded),
    ("internal", RetryTrigger::Internal),
    ("resource-exhausted", RetryTrigger::ResourceExhausted),
    ("unavailable", RetryTrigger::Unavailable),
];

impl RetryTrigger {
    /// The wire name.
    ///
    /// ```
    /// use gwapi_ir::ir::RetryTrigger;
    /// assert_eq!(RetryTrigger::from("5xx".to_owned()), RetryTrigger::FiveXx);
    /// assert_eq!(RetryTrigger::ConnectFailure.as_str(), "connect-failure");
    /// assert_eq!(RetryTrigger::from("nope".to_owned()).as_str(), "nope");
    /// ```
    pub fn as_str(&self) -> &str {
        if let Self::Other(name) = self {
            return name;
        }
        TRIGGER_NAMES
            .iter()
            .find(|(_, trigger)| trigger == self)
            .map_or("", |(name, _)| name)
    }
}

impl From<String> for RetryTrigger {
    fn from(name: String) -> Self {
        TRIGGER_NAMES
            .iter()
            .find(|(known, _)| *known == name)
            .map_or(Self::Other(name), |(_, trigger)| trigger.clone())
    }
}

impl From<RetryTrigger> for String {
    fn from(trigger: RetryTrigger) -> Self {
        match trigger {
            RetryTrigger::Other(name) => name,
            known => known.as_str().to_owned(),
        }
    }
}

/// Timeout and back-off of each retry attempt.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PerRetryPolicy {
    /// The timeout of each attempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<GoDuration>,
    /// The back-off between attempts (read from `backOff`, or `backoff` as Go's case-insensitive decoder
    /// accepts; written as `backOff`).
    #[serde(default, alias = "backoff", skip_serializing_if = "Option::is_none")]
    pub back_off: Option<BackOffPolicy>,
}

/// Exponential back-off between retries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackOffPolicy {
    /// The first interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_interval: Option<GoDuration>,
    /// The largest interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_interval: Option<GoDuration>,
}
