//! `retry`: how many times, on which failures, and with which per-attempt timeout and back-off requests
//! are retried.

use gwapi_model::KnownValues;
use gwapi_model::envoy_gateway::Retry;

use crate::ir::{BackOffPolicy, PerRetryPolicy, Retry as IrRetry, RetryOn, RetryTrigger};
use crate::translator::policy::duration::parse;

/// The IR retry policy of a policy's `retry`; empty parts are left out.
pub(crate) fn convert(retry: Option<&Retry>) -> Result<Option<IrRetry>, String> {
    let Some(r) = retry else {
        return Ok(None);
    };
    let retry_on = r
        .retry_on
        .as_ref()
        .filter(|o| !o.triggers.is_empty() || !o.http_status_codes.is_empty())
        .map(|o| RetryOn {
            // The reference writes triggers as a sorted set.
            triggers: {
                let mut names: Vec<&str> = o.triggers.iter().map(KnownValues::as_str).collect();
                names.sort_unstable();
                names.dedup();
                names
                    .into_iter()
                    .map(|t| RetryTrigger::from(t.to_owned()))
                    .collect()
            },
            http_status_codes: o
                .http_status_codes
                .iter()
                .filter_map(|c| u32::try_from(*c).ok())
                .collect(),
        });
    let per_retry = r
        .per_retry
        .as_ref()
        .map(|p| {
            let back_off = p
                .back_off
                .as_ref()
                .filter(|b| b.base_interval.is_some() || b.max_interval.is_some())
                .map(|b| {
                    Ok::<_, String>(BackOffPolicy {
                        base_interval: parse("BaseInterval", b.base_interval.as_ref())?,
                        max_interval: parse("MaxInterval", b.max_interval.as_ref())?,
                    })
                })
                .transpose()?;
            Ok::<_, String>(PerRetryPolicy {
                timeout: parse("Timeout", p.timeout.as_ref())?,
                back_off,
            })
        })
        .transpose()?
        .filter(|p| p.timeout.is_some() || p.back_off.is_some());
    Ok(Some(IrRetry {
        num_retries: r.num_retries.and_then(|n| u32::try_from(n).ok()),
        num_attempts_per_priority: r.num_attempts_per_priority,
        retry_on,
        per_retry,
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

    use gwapi_model::envoy_gateway::Retry;

    use super::convert;

    #[test]
    fn triggers_codes_and_back_off() {
        let r: Retry = serde_norway::from_str(
            "numRetries: 5\nretryOn:\n  httpStatusCodes: [503]\n  triggers: [connect-failure]\n\
             perRetry:\n  timeout: 250ms\n  backOff: {baseInterval: 100ms, maxInterval: 10s}\n",
        )
        .unwrap();
        let v = serde_json::to_value(convert(Some(&r)).unwrap().unwrap()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"numRetries": 5,
                "retryOn": {"httpStatusCodes": [503], "triggers": ["connect-failure"]},
                "perRetry": {"timeout": "250ms",
                    "backOff": {"baseInterval": "100ms", "maxInterval": "10s"}}})
        );
    }
}
