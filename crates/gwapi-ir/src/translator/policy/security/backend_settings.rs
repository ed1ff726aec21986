//! `backendSettings` of the backends a SecurityPolicy calls (retry, timeouts, load balancing, circuit
//! breaking, connection settings) as the traffic features of their destination. Everything but retry is
//! converted the way a BackendTrafficPolicy converts it.

use gwapi_model::KnownValues;
use gwapi_model::envoy_gateway::{ClusterSettings, Retry};

use super::super::backend_traffic::{circuit_breaker, connection, http, load_balancer, timeout};
use crate::ir::{
    BackOffPolicy, PerRetryPolicy, Retry as IrRetry, RetryOn as IrRetryOn, RetryTrigger,
    TrafficFeatures,
};
use crate::translator::policy::duration;

/// The traffic features of `settings`; `None` when there are none.
pub(crate) fn convert(
    settings: Option<&ClusterSettings>,
) -> Result<Option<TrafficFeatures>, String> {
    let Some(s) = settings else {
        return Ok(None);
    };
    let traffic = TrafficFeatures {
        load_balancer: load_balancer::convert(s.load_balancer.as_ref())?,
        circuit_breaker: circuit_breaker::convert(s.circuit_breaker.as_ref())?,
        timeout: timeout::convert(s.timeout.as_ref())?,
        backend_connection: connection::convert(s.connection.as_ref())?,
        tcp_keepalive: connection::tcp_keepalive(s.tcp_keepalive.as_ref()),
        proxy_protocol: connection::proxy_protocol(s.proxy_protocol.as_ref()),
        dns: connection::dns(s.dns.as_ref(), ""),
        http2: http::http2(s.http2.as_ref()),
        retry: retry(s.retry.as_ref())?,
        ..TrafficFeatures::default()
    };
    Ok((traffic != TrafficFeatures::default()).then_some(traffic))
}

/// The IR retry policy of `retry`; triggers are sorted by name.
fn retry(retry: Option<&Retry>) -> Result<Option<IrRetry>, String> {
    let Some(r) = retry else {
        return Ok(None);
    };
    let retry_on = r.retry_on.as_ref().map(|on| {
        let mut triggers: Vec<RetryTrigger> = on
            .triggers
            .iter()
            .map(|t| RetryTrigger::from(t.as_str().to_owned()))
            .collect();
        triggers.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        IrRetryOn {
            triggers,
            http_status_codes: on
                .http_status_codes
                .iter()
                .filter_map(|c| u32::try_from(*c).ok())
                .collect(),
        }
    });
    let per_retry = r
        .per_retry
        .as_ref()
        .map(|p| {
            let back_off = p
                .back_off
                .as_ref()
                .map(|b| {
                    Ok::<_, String>(BackOffPolicy {
                        base_interval: duration::parse("BaseInterval", b.base_interval.as_ref())?,
                        max_interval: duration::parse("MaxInterval", b.max_interval.as_ref())?,
                    })
                })
                .transpose()?;
            Ok::<_, String>(PerRetryPolicy {
                timeout: duration::parse("Timeout", p.timeout.as_ref())?,
                back_off,
            })
        })
        .transpose()?;
    Ok(Some(IrRetry {
        num_retries: r.num_retries.and_then(|n| u32::try_from(n).ok()),
        num_attempts_per_priority: r.num_attempts_per_priority,
        retry_on,
        per_retry,
    }))
}
