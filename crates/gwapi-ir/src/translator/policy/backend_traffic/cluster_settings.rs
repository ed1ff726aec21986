//! `ClusterSettings`: how Envoy connects to a set of backends (load balancing, retries, PROXY protocol,
//! TCP keepalive, health checks, circuit breakers, timeouts, buffers, DNS, HTTP/2). A
//! BackendTrafficPolicy inlines them; the `backendSettings` of auxiliary backends (telemetry sinks,
//! ext auth, ext proc, JWKS, OIDC) carry them as is.

use gwapi_model::envoy_gateway::ClusterSettings;

use super::{
    circuit_breaker, collect, connection, health_check, http, load_balancer, retry, timeout,
};
use crate::ir::TrafficFeatures;

/// The IR traffic features of `settings`; the errors, prefixed by their feature, are added to
/// `errors`. DNS settings are named `dns_name` (empty: unnamed).
pub(crate) fn features(
    s: &ClusterSettings,
    dns_name: &str,
    errors: &mut Vec<String>,
) -> TrafficFeatures {
    TrafficFeatures {
        load_balancer: collect(
            errors,
            "LoadBalancer",
            load_balancer::convert(s.load_balancer.as_ref()),
        )
        .flatten(),
        circuit_breaker: collect(
            errors,
            "CircuitBreaker",
            circuit_breaker::convert(s.circuit_breaker.as_ref()),
        )
        .flatten(),
        health_check: collect(
            errors,
            "HealthCheck",
            health_check::convert(s.health_check.as_ref()),
        )
        .flatten(),
        timeout: collect(errors, "Timeout", timeout::convert(s.timeout.as_ref())).flatten(),
        backend_connection: collect(
            errors,
            "BackendConnection",
            connection::convert(s.connection.as_ref()),
        )
        .flatten(),
        retry: collect(errors, "Retry", retry::convert(s.retry.as_ref())).flatten(),
        http2: http::http2(s.http2.as_ref()),
        tcp_keepalive: connection::tcp_keepalive(s.tcp_keepalive.as_ref()),
        proxy_protocol: connection::proxy_protocol(s.proxy_protocol.as_ref()),
        dns: connection::dns(s.dns.as_ref(), dns_name),
        ..TrafficFeatures::default()
    }
}

/// The IR traffic features of an auxiliary backend's `backendSettings`; `None` when they set
/// nothing. The error joins the invalid features' messages.
pub(crate) fn convert(
    settings: Option<&ClusterSettings>,
) -> Result<Option<TrafficFeatures>, String> {
    let Some(s) = settings else {
        return Ok(None);
    };
    let mut errors = Vec::new();
    let traffic = features(s, "", &mut errors);
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    Ok((traffic != TrafficFeatures::default()).then_some(traffic))
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::envoy_gateway::ClusterSettings;

    use super::convert;

    #[test]
    fn dns_of_backend_settings_is_unnamed() {
        let s: ClusterSettings =
            serde_norway::from_str("dns:\n  dnsRefreshRate: 30s\n  lookupFamily: IPv4AndIPv6\n")
                .unwrap();
        let v = serde_json::to_value(convert(Some(&s)).unwrap().unwrap()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"dns": {"dnsRefreshRate": "30s", "lookupFamily": "IPv4AndIPv6"}})
        );
    }

    #[test]
    fn empty_settings_are_no_features() {
        assert_eq!(convert(Some(&ClusterSettings::default())).unwrap(), None);
    }
}
