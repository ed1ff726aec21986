//! Route timeouts: the request timeout, the stream idle timeout that goes with it, and the maximum stream
//! duration.

use std::time::Duration;

use envoy_types::pb::envoy::config::route::v3::{RouteAction, route_action::MaxStreamDuration};
use gwapi_ir::ir::{GoDuration, HttpListener, HttpRoute};

use crate::wkt::duration;

/// The idle timeout a route with a request timeout gets at least (Envoy's default is shorter).
const MIN_IDLE_TIMEOUT: Duration = Duration::from_hours(1);

/// Sets the timeouts of `route` on `action`.
pub(crate) fn apply(action: &mut RouteAction, route: &HttpRoute, listener: &HttpListener) {
    let http = route
        .traffic
        .as_ref()
        .and_then(|t| t.timeout.as_ref())
        .and_then(|t| t.http.as_ref());
    let request = route
        .timeout
        .as_ref()
        .or_else(|| http.and_then(|h| h.request_timeout.as_ref()));
    if let Some(request) = request {
        action.timeout = Some(duration(request));
    }
    let listener_idle = listener
        .timeout
        .as_ref()
        .and_then(|t| t.http.as_ref())
        .is_some_and(|h| h.stream_idle_timeout.is_some());
    let idle = match http.and_then(|h| h.stream_idle_timeout.as_ref()) {
        Some(idle) => Some(*idle),
        None if listener_idle => None,
        None => request.map(|r| {
            if r.0.is_zero() || r.0 > MIN_IDLE_TIMEOUT {
                *r
            } else {
                GoDuration(MIN_IDLE_TIMEOUT)
            }
        }),
    };
    action.idle_timeout = idle.as_ref().map(duration);
    if let Some(max) = http.and_then(|h| h.max_stream_duration.as_ref()) {
        action.max_stream_duration = Some(MaxStreamDuration {
            max_stream_duration: Some(duration(max)),
            ..MaxStreamDuration::default()
        });
    }
}
