//! Circuit breakers (`CircuitBreaker`): connection, request and retry limits towards a backend.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Circuit breaker thresholds for the upstream connections and requests (`CircuitBreaker`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CircuitBreaker {
    /// The maximum number of connections to the backend; defaults to 1024.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_connections: Option<i64>,
    /// The maximum number of queued requests; defaults to 1024.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_pending_requests: Option<i64>,
    /// The maximum number of parallel requests; defaults to 1024.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_parallel_requests: Option<i64>,
    /// The maximum number of parallel retries; defaults to 1024.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_parallel_retries: Option<i64>,
    /// The maximum number of requests over one connection; unlimited when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_requests_per_connection: Option<i64>,
    /// Limits that apply to each endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_endpoint: Option<PerEndpointCircuitBreakers>,
    /// A retry budget, limiting concurrent retries to a share of active requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_budget: Option<RetryBudget>,
}

/// Circuit breakers that apply to each endpoint of a cluster (`PerEndpointCircuitBreakers`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PerEndpointCircuitBreakers {
    /// The maximum number of connections to each endpoint; defaults to 1024.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_connections: Option<i64>,
}

/// A retry budget (`RetryBudget`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RetryBudget {
    /// The limit on concurrent retries, as a share of the active requests.
    pub percent: crate::gateway_api::Fraction,
    /// The minimum retry concurrency, whatever the budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_retry_concurrency: Option<i32>,
}
