//! Circuit breakers of clusters: the default thresholds (1024 retries), or the route's limits.

use envoy_types::pb::envoy::config::cluster::v3::{
    CircuitBreakers,
    circuit_breakers::{Thresholds, thresholds::RetryBudget},
};
use envoy_types::pb::envoy::r#type::v3::Percent;
use gwapi_ir::ir::CircuitBreaker;

use crate::wkt::uint32;

/// The reference's default limit of concurrent retries.
const DEFAULT_MAX_RETRIES: u32 = 1024;

/// The circuit breakers of a cluster with the route's `breaker` (if any).
pub(crate) fn circuit_breakers(breaker: Option<&CircuitBreaker>) -> CircuitBreakers {
    let Some(b) = breaker else {
        return CircuitBreakers {
            thresholds: vec![Thresholds {
                max_retries: Some(uint32(DEFAULT_MAX_RETRIES)),
                ..Thresholds::default()
            }],
            ..CircuitBreakers::default()
        };
    };
    CircuitBreakers {
        thresholds: vec![Thresholds {
            max_connections: b.max_connections.map(uint32),
            max_pending_requests: b.max_pending_requests.map(uint32),
            max_requests: b.max_parallel_requests.map(uint32),
            max_retries: Some(uint32(
                b.max_parallel_retries.unwrap_or(DEFAULT_MAX_RETRIES),
            )),
            retry_budget: b.retry_budget.as_ref().map(|r| RetryBudget {
                budget_percent: r.percent.map(|p| Percent { value: p.0 }),
                min_retry_concurrency: r.min_retry_concurrency.map(uint32),
                ..RetryBudget::default()
            }),
            ..Thresholds::default()
        }],
        per_host_thresholds: b
            .per_endpoint
            .as_ref()
            .map(|p| Thresholds {
                max_connections: p.max_connections.map(uint32),
                ..Thresholds::default()
            })
            .into_iter()
            .collect(),
    }
}
