//! `backendSettings` (`ClusterSettings`) of the services policies and telemetry sinks call (external
//! processors, access log services, tracing collectors): the traffic features of their clusters, through
//! the same converters as BackendTrafficPolicy.

use gwapi_model::envoy_gateway::ClusterSettings;

use super::backend_traffic::{circuit_breaker, connection, http, load_balancer, timeout};
use crate::ir::TrafficFeatures;

/// The traffic features of `settings`; `None` when nothing is set; the first invalid setting's
/// message otherwise.
pub(crate) fn traffic(
    settings: Option<&ClusterSettings>,
) -> Result<Option<TrafficFeatures>, String> {
    let Some(s) = settings else {
        return Ok(None);
    };
    let features = TrafficFeatures {
        load_balancer: load_balancer::convert(s.load_balancer.as_ref())?,
        circuit_breaker: circuit_breaker::convert(s.circuit_breaker.as_ref())?,
        timeout: timeout::convert(s.timeout.as_ref())?,
        backend_connection: connection::convert(s.connection.as_ref())?,
        http2: http::http2(s.http2.as_ref()),
        tcp_keepalive: connection::tcp_keepalive(s.tcp_keepalive.as_ref()),
        proxy_protocol: connection::proxy_protocol(s.proxy_protocol.as_ref()),
        dns: connection::dns(s.dns.as_ref(), ""),
        ..TrafficFeatures::default()
    };
    Ok((features != TrafficFeatures::default()).then_some(features))
}
