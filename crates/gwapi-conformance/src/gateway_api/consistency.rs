//! Upstream's eventual consistency rule, for every probe the harness runs (HTTP, HTTPS, gRPC, L4,
//! WebSocket, retry probes): a probe must hold `RequiredConsecutiveSuccesses` times in a row (or as many
//! times as the upstream helper asks) within `MaxTimeToConsistency`; a fatal miss ends it at once.

use std::time::Instant;

use super::dataplane::{MAX_TIME_TO_CONSISTENCY, PROBE_INTERVAL, REQUIRED_CONSECUTIVE_SUCCESSES};

/// How a probe ended when it did not hold.
pub enum Probe {
    /// Try again.
    Missed(String),
    /// Fail the case at once (upstream fails at once, e.g. on a 200 where a failure is expected).
    Fatal(String),
}

impl From<String> for Probe {
    fn from(why: String) -> Self {
        Self::Missed(why)
    }
}

/// Polls `probe` until it holds `required` times in a row, within `MaxTimeToConsistency`.
///
/// # Errors
/// A fatal miss, or the last miss when time is up.
pub fn eventually(
    required: u32,
    mut probe: impl FnMut() -> Result<(), Probe>,
) -> Result<(), String> {
    let deadline = Instant::now() + MAX_TIME_TO_CONSISTENCY;
    let mut successes = 0;
    let mut last = String::from("nothing was tried");
    while Instant::now() < deadline {
        match probe() {
            Ok(()) => {
                successes += 1;
                if successes >= required {
                    return Ok(());
                }
            }
            Err(Probe::Fatal(why)) => return Err(why),
            Err(Probe::Missed(why)) => {
                successes = 0;
                last = why;
                std::thread::sleep(PROBE_INTERVAL);
            }
        }
    }
    Err(format!(
        "did not hold {required} time(s) in a row within {MAX_TIME_TO_CONSISTENCY:?}; last: {last}"
    ))
}

/// [`eventually`] with upstream's `RequiredConsecutiveSuccesses`, where every miss may be retried.
///
/// # Errors
/// The last miss when time is up.
pub fn consistently(mut probe: impl FnMut() -> Result<(), String>) -> Result<(), String> {
    eventually(REQUIRED_CONSECUTIVE_SUCCESSES, || {
        probe().map_err(Probe::Missed)
    })
}

/// [`eventually`] with upstream's `RequiredConsecutiveSuccesses`; a miss for which `fatal` holds ends
/// it at once.
///
/// # Errors
/// The fatal miss, or the last miss when time is up.
pub fn consistently_unless(
    mut probe: impl FnMut() -> Result<(), String>,
    fatal: impl Fn(&str) -> bool,
) -> Result<(), String> {
    eventually(REQUIRED_CONSECUTIVE_SUCCESSES, || {
        probe().map_err(|e| {
            if fatal(&e) {
                Probe::Fatal(e)
            } else {
                Probe::Missed(e)
            }
        })
    })
}
