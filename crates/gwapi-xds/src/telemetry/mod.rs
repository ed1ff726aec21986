//! Observability of the proxy fleet: access logs (listeners, connection managers, TCP proxies) and the
//! clusters of their collectors.

pub(crate) mod access_log;
mod access_log_sinks;
pub(crate) mod otel_sampler;
pub(crate) mod route_tracing;
