//! A rule's own timeouts and retries (HTTPRoute `timeouts` and `retry`) on its IR route.

use gwapi_model::gateway_api::{HttpRouteRetry, HttpRouteTimeouts};

use crate::ir::{BackOffPolicy, GoDuration, HttpRoute, PerRetryPolicy, Retry, RetryOn};

/// The parsed form of a Gateway API duration.
fn duration(d: &gwapi_model::Duration) -> Option<GoDuration> {
    d.parse().map(GoDuration)
}

/// Sets the request timeout and the retry policy of `out` from its rule.
pub(crate) fn apply(
    timeouts: Option<&HttpRouteTimeouts>,
    retry: Option<&HttpRouteRetry>,
    out: &mut HttpRoute,
) {
    out.timeout = timeouts.and_then(|t| t.request.as_ref()).and_then(duration);
    let Some(retry) = retry else {
        return;
    };
    let per_try = timeouts
        .and_then(|t| t.backend_request.as_ref())
        .and_then(duration);
    let back_off = retry
        .backoff
        .as_ref()
        .and_then(duration)
        .map(|base| BackOffPolicy {
            base_interval: Some(base),
            ..BackOffPolicy::default()
        });
    let per_retry = (per_try.is_some() || back_off.is_some()).then_some(PerRetryPolicy {
        timeout: per_try,
        back_off,
    });
    let codes: Vec<u32> = retry
        .codes
        .iter()
        .filter_map(|c| u32::try_from(*c).ok())
        .collect();
    out.retry = Some(Retry {
        num_retries: retry.attempts.and_then(|a| u32::try_from(a).ok()),
        retry_on: (!codes.is_empty()).then(|| RetryOn {
            http_status_codes: codes,
            ..RetryOn::default()
        }),
        per_retry,
        ..Retry::default()
    });
}
