//! `circuitBreaker`: connection, request and retry limits towards backends.

use gwapi_model::envoy_gateway::CircuitBreaker;

use crate::ir::{
    CircuitBreaker as IrCircuitBreaker, PerEndpointCircuitBreaker, Percent, RetryBudget,
};

fn limit(field: &str, value: Option<i64>) -> Result<Option<u32>, String> {
    value
        .map(|v| u32::try_from(v).map_err(|_| format!("invalid {field} value {v}")))
        .transpose()
}

/// The IR circuit breaker of a policy's `circuitBreaker`.
pub(crate) fn convert(cb: Option<&CircuitBreaker>) -> Result<Option<IrCircuitBreaker>, String> {
    let Some(cb) = cb else {
        return Ok(None);
    };
    Ok(Some(IrCircuitBreaker {
        max_connections: limit("MaxConnections", cb.max_connections)?,
        max_pending_requests: limit("MaxPendingRequests", cb.max_pending_requests)?,
        max_parallel_requests: limit("MaxParallelRequests", cb.max_parallel_requests)?,
        max_parallel_retries: limit("MaxParallelRetries", cb.max_parallel_retries)?,
        max_requests_per_connection: limit(
            "MaxRequestsPerConnection",
            cb.max_requests_per_connection,
        )?,
        per_endpoint: cb
            .per_endpoint
            .as_ref()
            .map(|p| {
                Ok::<_, String>(PerEndpointCircuitBreaker {
                    max_connections: limit("MaxConnections", p.max_connections)?,
                })
            })
            .transpose()?,
        retry_budget: cb.retry_budget.as_ref().map(|b| {
            let denominator = b.percent.denominator.unwrap_or(100);
            RetryBudget {
                percent: (denominator != 0).then(|| {
                    Percent(f64::from(b.percent.numerator) / f64::from(denominator) * 100.0)
                }),
                min_retry_concurrency: b.min_retry_concurrency.and_then(|c| u32::try_from(c).ok()),
            }
        }),
    }))
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::envoy_gateway::CircuitBreaker;

    use super::convert;

    #[test]
    fn retry_budget_is_a_percentage() {
        let cb: CircuitBreaker = serde_norway::from_str(
            "maxConnections: 42\nretryBudget:\n  percent: {numerator: 10}\n  minRetryConcurrency: 1\n",
        )
        .unwrap();
        let v = serde_json::to_value(convert(Some(&cb)).unwrap().unwrap()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"maxConnections": 42,
                "retryBudget": {"percent": 10, "minRetryConcurrency": 1}})
        );
    }
}
