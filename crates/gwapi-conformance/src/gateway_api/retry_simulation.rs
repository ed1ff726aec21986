//! echo-basic's failure simulation for the retry tests: a request whose query carries `uuid` and
//! `succeedAfter=N` fails for the first N requests of that uuid the pod sees, and is echoed afterwards. A
//! failure waits `delayRetry` (a Go duration) first, then answers `responseCode`, or, without
//! `responseCode`, closes the connection without answering (a connection error).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde_json::Value;
use tokio::runtime::Runtime;

use super::consistency::consistently;
use super::dataplane::REQUEST_TIMEOUT;
use super::mirror::request_id;
use super::request::{HttpCase, round_trip};
use super::round_trip::compare;

/// The placeholder of the retry tests' paths: a fresh uuid on every probe.
const UUID_PLACEHOLDER: &str = "{UUID}";

/// Whether a request case is a retry probe (its path carries `{UUID}`).
pub fn is_retry_probe(case: &Value) -> bool {
    case.pointer("/request/path")
        .and_then(Value::as_str)
        .is_some_and(|p| p.contains(UUID_PLACEHOLDER))
}

/// Runs a retry probe case (upstream `assertConsistentRetryBehaviour`): every probe replaces `{UUID}`
/// with a fresh uuid (in the sent and the expected path) and must pass `CompareRoundTrip`,
/// `RequiredConsecutiveSuccesses` times in a row within `MaxTimeToConsistency`.
///
/// # Errors
/// An unreadable case, or the last difference when time is up.
pub fn run_probes(
    runtime: &Runtime,
    target: SocketAddr,
    scheme: &str,
    value: &Value,
) -> Result<(), String> {
    let case: HttpCase = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    consistently(|| {
        let probe = with_uuid(&case, &request_id());
        let got = runtime.block_on(round_trip(target, &probe, REQUEST_TIMEOUT))?;
        compare(&probe, scheme, &got)
    })
}

/// `case` with `{UUID}` replaced by `uuid` in its paths.
fn with_uuid(case: &HttpCase, uuid: &str) -> HttpCase {
    let mut case = case.clone();
    case.request.path = case.request.path.replace(UUID_PLACEHOLDER, uuid);
    if let Some(path) = case.expected_request.as_mut().and_then(|e| e.path.as_mut()) {
        *path = path.replace(UUID_PLACEHOLDER, uuid);
    }
    case
}

/// How many uuids the counters remember before starting over (each probe uses a fresh uuid).
const CAPACITY: usize = 100_000;
/// The longest `delayRetry` honoured.
const MAX_DELAY: Duration = Duration::from_secs(30);

/// What a failing attempt does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Answer with this status code.
    Status(u16),
    /// Close the connection without an answer.
    Reset,
}

/// The attempts seen per uuid, per pod and port (each echo server is a pod's own process).
#[derive(Clone, Debug, Default)]
pub struct RetryCounters {
    seen: Arc<Mutex<BTreeMap<(String, String), u64>>>,
}

impl RetryCounters {
    /// Counts one request of `pod` with query `query`; when it must fail, waits its `delayRetry` and says
    /// how it fails.
    pub async fn attempt(&self, pod: &str, query: Option<&str>) -> Option<Failure> {
        let params = Params::parse(query?)?;
        let attempt = {
            let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
            if seen.len() >= CAPACITY {
                seen.clear();
            }
            let count = seen.entry((pod.to_owned(), params.uuid)).or_default();
            *count += 1;
            *count
        };
        if attempt > params.succeed_after {
            return None;
        }
        if let Some(delay) = params.delay {
            tokio::time::sleep(delay).await;
        }
        Some(params.response_code.map_or(Failure::Reset, Failure::Status))
    }
}

/// The simulation's query parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Params {
    uuid: String,
    succeed_after: u64,
    response_code: Option<u16>,
    delay: Option<Duration>,
}

impl Params {
    /// The parameters of a query, when it asks for the simulation (`uuid` and `succeedAfter`).
    fn parse(query: &str) -> Option<Self> {
        let get = |name: &str| {
            query
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v)
        };
        Some(Self {
            uuid: get("uuid")?.to_owned(),
            succeed_after: get("succeedAfter")?.parse().ok()?,
            response_code: get("responseCode").and_then(|c| c.parse().ok()),
            delay: get("delayRetry").and_then(go_duration),
        })
    }
}

/// A Go duration made of integer parts (`300ms`, `1s`, `1m30s`, `250us`), at most [`MAX_DELAY`].
fn go_duration(text: &str) -> Option<Duration> {
    let mut total = Duration::ZERO;
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit())?;
        let (number, tail) = rest.split_at(digits);
        let number: u64 = number.parse().ok()?;
        let unit_len = tail
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(tail.len());
        let (unit, tail) = tail.split_at(unit_len);
        total += match unit {
            "h" => Duration::from_secs(number.saturating_mul(3600)),
            "m" => Duration::from_secs(number.saturating_mul(60)),
            "s" => Duration::from_secs(number),
            "ms" => Duration::from_millis(number),
            "us" | "µs" => Duration::from_micros(number),
            "ns" => Duration::from_nanos(number),
            _ => return None,
        };
        rest = tail;
    }
    Some(total.min(MAX_DELAY))
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    #[test]
    fn every_probe_gets_its_own_uuid() {
        let value = serde_json::json!({"request": {"path": "/r?succeedAfter=1&uuid={UUID}"}});
        assert!(is_retry_probe(&value));
        let case: HttpCase = serde_json::from_value(value).unwrap();
        assert_eq!(
            with_uuid(&case, "u1").request.path,
            "/r?succeedAfter=1&uuid=u1"
        );
        assert!(!is_retry_probe(
            &serde_json::json!({"request": {"path": "/r"}})
        ));
    }

    #[test]
    fn go_durations_parse() {
        assert_eq!(go_duration("300ms"), Some(Duration::from_millis(300)));
        assert_eq!(go_duration("1s500ms"), Some(Duration::from_millis(1500)));
        assert_eq!(go_duration("1m"), Some(MAX_DELAY));
        assert_eq!(go_duration("5x"), None);
    }

    #[test]
    fn a_uuid_fails_succeed_after_times_then_succeeds() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let counters = RetryCounters::default();
        let q = "responseCode=500&succeedAfter=2&uuid=a";
        let attempt =
            |pod: &'static str, q: &'static str| runtime.block_on(counters.attempt(pod, Some(q)));
        assert_eq!(attempt("p", q), Some(Failure::Status(500)));
        assert_eq!(attempt("p", q), Some(Failure::Status(500)));
        assert_eq!(attempt("p", q), None);
        // Another pod counts on its own; without responseCode the connection is closed.
        assert_eq!(
            attempt("other", "succeedAfter=1&uuid=a"),
            Some(Failure::Reset)
        );
        assert_eq!(attempt("other", "succeedAfter=1&uuid=a"), None);
        // No simulation without uuid and succeedAfter.
        assert_eq!(attempt("p", "responseCode=500"), None);
    }
}
