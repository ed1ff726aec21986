//! The retry policy (`envoy.config.core.v3.RetryPolicy`) of the services filters call (authorization,
//! key sets), from the `retry` of their backend settings.

use envoy_types::pb::envoy::config::core::v3::{BackoffStrategy, RetryPolicy};
use gwapi_ir::ir::TrafficFeatures;

use crate::wkt::{duration, uint32};

/// The retry policy of a service with traffic settings `traffic`, if they set retries.
pub(super) fn policy(traffic: Option<&TrafficFeatures>) -> Option<RetryPolicy> {
    let retry = traffic?.retry.as_ref()?;
    let back_off = retry
        .per_retry
        .as_ref()
        .and_then(|p| p.back_off.as_ref())
        .map(|b| BackoffStrategy {
            base_interval: b.base_interval.as_ref().map(duration),
            max_interval: b.max_interval.as_ref().map(duration),
        });
    let retry_on = retry.retry_on.as_ref().map(|on| {
        on.triggers
            .iter()
            .map(|t| t.as_str().to_owned())
            .collect::<Vec<_>>()
            .join(",")
    });
    Some(RetryPolicy {
        retry_back_off: back_off,
        num_retries: retry.num_retries.map(uint32),
        retry_on: retry_on.unwrap_or_default(),
        ..RetryPolicy::default()
    })
}
