//! Upstream's eventual consistency rule for the probes this harness runs outside plain HTTP cases
//! (WebSocket exchanges, retry probes with a fresh `{UUID}` each): a probe must hold
//! `RequiredConsecutiveSuccesses` times in a row within `MaxTimeToConsistency`.

use std::time::Instant;

use super::dataplane::{MAX_TIME_TO_CONSISTENCY, PROBE_INTERVAL, REQUIRED_CONSECUTIVE_SUCCESSES};

/// Runs `probe` until it holds `RequiredConsecutiveSuccesses` times in a row, for at most
/// `MaxTimeToConsistency`.
///
/// # Errors
/// The last failure when time is up.
pub fn consistently(mut probe: impl FnMut() -> Result<(), String>) -> Result<(), String> {
    let deadline = Instant::now() + MAX_TIME_TO_CONSISTENCY;
    let mut successes = 0;
    let mut last = String::from("no probe was made");
    while Instant::now() < deadline {
        match probe() {
            Ok(()) => {
                successes += 1;
                if successes >= REQUIRED_CONSECUTIVE_SUCCESSES {
                    return Ok(());
                }
            }
            Err(e) => {
                successes = 0;
                last = e;
                std::thread::sleep(PROBE_INTERVAL);
            }
        }
    }
    Err(format!(
        "did not hold {REQUIRED_CONSECUTIVE_SUCCESSES} times in a row within \
         {MAX_TIME_TO_CONSISTENCY:?}; last: {last}"
    ))
}
