//! Circuit breakers: limits on connections and requests towards a backend.

use serde::{Deserialize, Serialize};

use super::Percent;

/// Circuit breaker thresholds (EG's `ir.CircuitBreaker`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CircuitBreaker {
    /// The maximum number of connections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_connections: Option<u32>,
    /// The maximum number of pending requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_pending_requests: Option<u32>,
    /// The maximum number of parallel requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_parallel_requests: Option<u32>,
    /// The maximum number of parallel retries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_parallel_retries: Option<u32>,
    /// The maximum number of requests per connection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_requests_per_connection: Option<u32>,
    /// Limits per backend endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_endpoint: Option<PerEndpointCircuitBreaker>,
    /// A retry budget (replaces `maxParallelRetries`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_budget: Option<RetryBudget>,
}

/// Circuit breaker limits per endpoint.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PerEndpointCircuitBreaker {
    /// The maximum number of connections to one endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_connections: Option<u32>,
}

/// A retry budget: concurrent retries as a share of active requests.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RetryBudget {
    /// The share of active and pending requests that may be retries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<Percent>,
    /// Retries always allowed regardless of the share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_retry_concurrency: Option<u32>,
}
