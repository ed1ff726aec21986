//! Retry policies of routes: the reference's defaults (2 retries of connection failures, refused streams,
//! unavailable, cancelled and 503), or what the route asks for.

use envoy_types::pb::envoy::config::route::v3::{
    RetryPolicy,
    retry_policy::{
        RetryBackOff, RetryHostPredicate, RetryPriority, retry_host_predicate, retry_priority,
    },
};
use envoy_types::pb::envoy::extensions::retry::host::previous_hosts::v3::PreviousHostsPredicate;
use envoy_types::pb::envoy::extensions::retry::priority::previous_priorities::v3::PreviousPrioritiesConfig;
use gwapi_ir::ir::{Retry, RetryTrigger};

use crate::any::pack;
use crate::wkt::{duration, uint32};
use crate::{Error, Result};

/// What the reference retries on by default.
const DEFAULT_RETRY_ON: &str =
    "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes";
/// The status retried by default.
const DEFAULT_STATUS: u32 = 503;
/// The number of retries by default.
const DEFAULT_RETRIES: u32 = 2;
/// How often a retry may pick another host.
const HOST_SELECTION_ATTEMPTS: i64 = 5;

/// The retry policy of `retry`; a trigger Envoy does not know is an error.
pub(crate) fn policy(retry: &Retry) -> Result<RetryPolicy> {
    let mut policy = RetryPolicy {
        retry_on: DEFAULT_RETRY_ON.to_owned(),
        num_retries: Some(uint32(retry.num_retries.unwrap_or(DEFAULT_RETRIES))),
        retriable_status_codes: vec![DEFAULT_STATUS],
        host_selection_retry_max_attempts: HOST_SELECTION_ATTEMPTS,
        retry_host_predicate: vec![RetryHostPredicate {
            name: "envoy.retry_host_predicates.previous_hosts".to_owned(),
            config_type: Some(retry_host_predicate::ConfigType::TypedConfig(pack(
                &PreviousHostsPredicate {},
            ))),
        }],
        ..RetryPolicy::default()
    };
    if let Some(on) = &retry.retry_on {
        if let Some(RetryTrigger::Other(name)) = on
            .triggers
            .iter()
            .find(|t| matches!(t, RetryTrigger::Other(_)))
        {
            return Err(Error::Unsupported(format!(
                "unsupported retry trigger {name}"
            )));
        }
        if !on.triggers.is_empty() {
            policy.retry_on = on
                .triggers
                .iter()
                .map(|t| t.as_str().to_owned())
                .collect::<Vec<_>>()
                .join(",");
        }
        policy
            .retriable_status_codes
            .clone_from(&on.http_status_codes);
    }
    if let Some(per_retry) = &retry.per_retry {
        policy.per_try_timeout = per_retry.timeout.as_ref().map(duration);
        policy.retry_back_off = per_retry.back_off.as_ref().map(|b| RetryBackOff {
            base_interval: b.base_interval.as_ref().map(duration),
            max_interval: b.max_interval.as_ref().map(duration),
        });
    }
    if let Some(attempts) = retry.num_attempts_per_priority.filter(|a| *a > 0) {
        policy.retry_priority = Some(RetryPriority {
            name: "envoy.retry_priorities.previous_priorities".to_owned(),
            config_type: Some(retry_priority::ConfigType::TypedConfig(pack(
                &PreviousPrioritiesConfig {
                    update_frequency: attempts,
                },
            ))),
        });
    }
    Ok(policy)
}
