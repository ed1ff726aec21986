//! `circuitBreaker`: connection, request and retry limits towards backends.

use gwapi_model::envoy_gateway::CircuitBreaker;

use crate::ir::{CircuitBreaker as IrCircuitBreaker, PerEndpointCircuitBreaker};

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
        retry_budget: None,
    }))
}
