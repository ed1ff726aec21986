//! Repeated single-shot requests (`repeat: N`, the backend-weights header test): once the case holds
//! for the first time (the route is served), each of N single requests must pass `CompareRoundTrip`;
//! with `expectBackendHeaderMatchesPod`, the echoed `Backend` request header must also have exactly one
//! value, a prefix of the pod that answered.

use std::net::SocketAddr;
use std::time::Instant;

use serde::Deserialize;
use serde_json::Value;
use tokio::runtime::Runtime;

use super::dataplane::{MAX_TIME_TO_CONSISTENCY, PROBE_INTERVAL, REQUEST_TIMEOUT};
use super::request::{HttpCase, RoundTrip, round_trip};
use super::round_trip::compare;

/// The most single requests a case may ask for.
const MAX_REPEAT: u64 = 10_000;

/// The repeat keys of a case.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Repeat {
    /// The number of single requests.
    repeat: u64,
    /// The echoed `Backend` header must name the pod.
    #[serde(default)]
    expect_backend_header_matches_pod: bool,
}

/// Whether a request case repeats single requests.
pub fn is_repeated(case: &Value) -> bool {
    case.get("repeat").is_some()
}

/// Runs a repeated case against `target`.
///
/// # Errors
/// An unreadable case, a route that never answers as expected, or the first request that differs.
pub fn run(
    runtime: &Runtime,
    target: SocketAddr,
    scheme: &str,
    value: &Value,
) -> Result<(), String> {
    let repeat: Repeat =
        serde_json::from_value(value.clone()).map_err(|e| format!("repeat: {e}"))?;
    let case: HttpCase = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    let probe = || -> Result<RoundTrip, String> {
        let got = runtime.block_on(round_trip(target, &case, REQUEST_TIMEOUT))?;
        compare(&case, scheme, &got)?;
        Ok(got)
    };
    // The route is served once the case holds for the first time.
    let deadline = Instant::now() + MAX_TIME_TO_CONSISTENCY;
    while let Err(e) = probe() {
        if Instant::now() >= deadline {
            return Err(format!(
                "never held within {MAX_TIME_TO_CONSISTENCY:?}; last: {e}"
            ));
        }
        std::thread::sleep(PROBE_INTERVAL);
    }
    for i in 1..=repeat.repeat.min(MAX_REPEAT) {
        let got = probe().map_err(|e| format!("single request {i}: {e}"))?;
        if repeat.expect_backend_header_matches_pod {
            backend_header_matches_pod(&got).map_err(|e| format!("single request {i}: {e}"))?;
        }
    }
    Ok(())
}

/// The echoed `Backend` header has one value, a prefix of the pod name.
fn backend_header_matches_pod(got: &RoundTrip) -> Result<(), String> {
    let values: Vec<&String> = got
        .echoed
        .headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("backend"))
        .flat_map(|(_, values)| values)
        .collect();
    match values.as_slice() {
        [one] if got.echoed.pod.starts_with(one.as_str()) => Ok(()),
        [one] => Err(format!(
            "Backend header {one:?} is not a prefix of pod {:?}",
            got.echoed.pod
        )),
        other => Err(format!("expected one Backend header value, got {other:?}")),
    }
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
    use crate::gateway_api::request::Echoed;

    fn got(values: &[&str], pod: &str) -> RoundTrip {
        let mut echoed = Echoed {
            pod: pod.to_owned(),
            ..Echoed::default()
        };
        echoed.headers.insert(
            "Backend".to_owned(),
            values.iter().map(|v| (*v).to_owned()).collect(),
        );
        RoundTrip {
            status: 200,
            echoed,
            ..RoundTrip::default()
        }
    }

    #[test]
    fn the_backend_header_must_be_one_prefix_of_the_pod() {
        assert!(
            backend_header_matches_pod(&got(&["infra-backend-v1"], "infra-backend-v1-x-y")).is_ok()
        );
        assert!(
            backend_header_matches_pod(&got(&["infra-backend-v2"], "infra-backend-v1-x-y"))
                .is_err()
        );
        assert!(
            backend_header_matches_pod(&got(&["infra-backend-v1", "x"], "infra-backend-v1-x-y"))
                .is_err()
        );
        assert!(is_repeated(&serde_json::json!({"repeat": 100})));
    }
}
