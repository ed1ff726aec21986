//! Graceful shutdown timing (`EnvoyProxy` `spec.shutdown`): Envoy's drain time, the shutdown manager's flags
//! and the pod's termination grace period.

use std::fmt::Write as _;
use std::time::Duration;

use crate::fleet::Fleet;

/// The drain timeout when `spec.shutdown.drainTimeout` is unset.
const DEFAULT_DRAIN_TIMEOUT: Duration = Duration::from_mins(1);
/// What the termination grace period adds to the drain timeout.
const GRACE_PERIOD_MARGIN: Duration = Duration::from_mins(5);
/// What the shutdown manager's ready timeout adds to the drain timeout.
const READY_TIMEOUT_MARGIN: Duration = Duration::from_secs(10);

/// The resolved shutdown settings of a fleet.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Drain {
    /// The drain timeout.
    pub(crate) timeout: Duration,
    /// Whether the drain timeout was set explicitly.
    pub(crate) explicit_timeout: bool,
    /// The minimum drain duration, when set.
    pub(crate) min_duration: Option<Duration>,
}

impl Drain {
    pub(crate) fn of(fleet: &Fleet<'_>) -> Self {
        let shutdown = fleet.spec.shutdown.as_ref();
        let timeout = shutdown
            .and_then(|s| s.drain_timeout.as_ref())
            .and_then(gwapi_ir::model::Duration::parse);
        Self {
            timeout: timeout.unwrap_or(DEFAULT_DRAIN_TIMEOUT),
            explicit_timeout: timeout.is_some(),
            min_duration: shutdown
                .and_then(|s| s.min_drain_duration.as_ref())
                .and_then(gwapi_ir::model::Duration::parse),
        }
    }

    /// Envoy's `--drain-time-s`.
    pub(crate) fn drain_seconds(&self) -> u64 {
        self.timeout.as_secs()
    }

    /// The pod's `terminationGracePeriodSeconds`.
    pub(crate) fn grace_period_seconds(&self) -> i64 {
        i64::try_from((self.timeout + GRACE_PERIOD_MARGIN).as_secs()).unwrap_or(i64::MAX)
    }

    /// The shutdown manager's ready timeout.
    pub(crate) fn ready_timeout(&self) -> Duration {
        self.timeout + READY_TIMEOUT_MARGIN
    }
}

/// A duration the way Go prints one (`30s`, `1m30s`, `1h0m0s`, `500ms`).
pub(crate) fn go_duration(duration: Duration) -> String {
    let total_ms = duration.as_millis();
    if total_ms == 0 {
        return "0s".to_owned();
    }
    if total_ms < 1000 {
        return format!("{total_ms}ms");
    }
    let hours = total_ms / 3_600_000;
    let minutes = (total_ms / 60_000) % 60;
    let millis = total_ms % 60_000;
    let mut out = String::new();
    if hours > 0 {
        let _ = write!(out, "{hours}h{minutes}m");
    } else if minutes > 0 {
        let _ = write!(out, "{minutes}m");
    }
    let seconds = millis / 1000;
    let fraction = millis % 1000;
    if fraction == 0 {
        let _ = write!(out, "{seconds}s");
    } else {
        let text = format!("{fraction:03}");
        let _ = write!(out, "{seconds}.{}s", text.trim_end_matches('0'));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_go() {
        assert_eq!(go_duration(Duration::from_secs(40)), "40s");
        assert_eq!(go_duration(Duration::from_secs(90)), "1m30s");
        assert_eq!(go_duration(Duration::from_hours(1)), "1h0m0s");
        assert_eq!(go_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(go_duration(Duration::from_millis(250)), "250ms");
    }
}
