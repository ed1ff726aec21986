//! Weighted distributions (upstream `weight.TestWeightedDistribution`): a case with `weights` sends
//! `requests` samples, `concurrency` at a time, counts which backend answered each (the pod name without
//! its last two `-` parts), and holds when exactly the backends with a weight above zero answered, each
//! within `tolerance` of its weight. The whole distribution is retried up to `maxAttempts` times.

use std::collections::BTreeMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Deserialize;
use serde_json::Value;
use tokio::runtime::Runtime;
use tokio::task::JoinSet;

use super::dataplane::REQUEST_TIMEOUT;
use super::l4_weights::backend_of;
use super::request::{HttpCase, round_trip};
use super::round_trip::compare;

/// Upstream's defaults (`weight.go`), used when the case leaves a field out.
const DEFAULT_TOLERANCE: f64 = 0.05;
const DEFAULT_REQUESTS: usize = 500;
const DEFAULT_CONCURRENCY: usize = 10;
/// Upstream `weight.MaxTestRetries`.
const DEFAULT_MAX_ATTEMPTS: usize = 10;
/// Bounds against a case asking for an unreasonable amount of traffic.
const MAX_REQUESTS: usize = 10_000;
const MAX_CONCURRENCY: usize = 64;
const MAX_ATTEMPTS: usize = 20;

/// The distribution keys of a case.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Distribution {
    /// The expected share of each backend (a Deployment name).
    pub weights: BTreeMap<String, f64>,
    /// How far a share may be from its weight.
    #[serde(default)]
    pub tolerance: Option<f64>,
    /// The samples per attempt.
    #[serde(default)]
    pub requests: Option<usize>,
    /// The samples in flight at once.
    #[serde(default)]
    pub concurrency: Option<usize>,
    /// How many times the whole distribution may be measured.
    #[serde(default)]
    pub max_attempts: Option<usize>,
    /// A header that half of the requests carry with a random value (load-balancer entropy).
    #[serde(default)]
    pub entropy: Option<String>,
}

/// Whether a request case is a weighted distribution.
pub fn is_weighted(case: &Value) -> bool {
    case.get("weights").is_some()
}

impl Distribution {
    fn requests(&self) -> usize {
        self.requests
            .unwrap_or(DEFAULT_REQUESTS)
            .clamp(1, MAX_REQUESTS)
    }

    fn tolerance(&self) -> f64 {
        self.tolerance.unwrap_or(DEFAULT_TOLERANCE)
    }

    /// Checks the backends `seen` (pod names, one per sample) against the weights.
    ///
    /// # Errors
    /// What differs: an unexpected backend, a backend missing or present against its weight, or a share
    /// out of tolerance.
    pub fn check(&self, seen: &[String]) -> Result<(), String> {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for pod in seen {
            let backend = backend_of(pod);
            if !self.weights.contains_key(&backend) {
                return Err(format!("request was handled by an unexpected pod {pod:?}"));
            }
            *counts.entry(backend).or_default() += 1;
        }
        let expected = self.weights.values().filter(|w| **w > 0.0).count();
        if counts.len() != expected {
            return Err(format!(
                "expected {expected} backends to answer, {} did: {counts:?}",
                counts.len()
            ));
        }
        let total = seen.len().max(1);
        let mut problems = Vec::new();
        for (backend, weight) in &self.weights {
            let count = counts.get(backend).copied().unwrap_or_default();
            #[allow(clippy::cast_precision_loss)] // counts are far below 2^52
            let share = count as f64 / total as f64;
            if (share - weight).abs() > self.tolerance() {
                problems.push(format!(
                    "{backend}: {share:.3} of the requests, expected {weight} ± {}",
                    self.tolerance()
                ));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("; "))
        }
    }
}

/// Measures a distribution with `sample` (one request; the pod that answered), retrying it up to
/// `maxAttempts` times.
///
/// # Errors
/// The last attempt's problem when no attempt held.
pub fn measure<F, Fut>(
    runtime: &Runtime,
    distribution: &Distribution,
    sample: F,
) -> Result<(), String>
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, String>> + Send + 'static,
{
    let sample = Arc::new(sample);
    let attempts = distribution
        .max_attempts
        .unwrap_or(DEFAULT_MAX_ATTEMPTS)
        .clamp(1, MAX_ATTEMPTS);
    let mut last = String::new();
    for attempt in 1..=attempts {
        let seen = runtime.block_on(collect(
            Arc::clone(&sample),
            distribution.requests(),
            distribution
                .concurrency
                .unwrap_or(DEFAULT_CONCURRENCY)
                .clamp(1, MAX_CONCURRENCY),
        ));
        match seen.and_then(|seen| distribution.check(&seen)) {
            Ok(()) => return Ok(()),
            Err(e) => last = format!("attempt {attempt}/{attempts}: {e}"),
        }
    }
    Err(format!(
        "the distribution did not match the weights; {last}"
    ))
}

/// Takes `total` samples with `concurrency` workers; the first error ends the attempt.
async fn collect<F, Fut>(
    sample: Arc<F>,
    total: usize,
    concurrency: usize,
) -> Result<Vec<String>, String>
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, String>> + Send + 'static,
{
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = JoinSet::new();
    for _ in 0..concurrency {
        let sample = Arc::clone(&sample);
        let next = Arc::clone(&next);
        workers.spawn(async move {
            let mut seen = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    return Ok::<_, String>(seen);
                }
                seen.push(sample(i).await?);
            }
        });
    }
    let mut seen = Vec::with_capacity(total);
    while let Some(done) = workers.join_next().await {
        match done {
            Ok(Ok(more)) => seen.extend(more),
            Ok(Err(e)) => return Err(format!("error while sending requests: {e}")),
            Err(e) => return Err(format!("a request worker stopped: {e}")),
        }
    }
    Ok(seen)
}

/// Runs a weighted HTTP case against `target`: each sample is the case's request (half of them with the
/// entropy header set to a random value), which must pass `CompareRoundTrip` against the case.
///
/// # Errors
/// An unreadable case, or the distribution's problem.
pub fn run_http(
    runtime: &Runtime,
    target: SocketAddr,
    scheme: &str,
    value: &Value,
) -> Result<(), String> {
    let distribution: Distribution =
        serde_json::from_value(value.clone()).map_err(|e| format!("weights: {e}"))?;
    let case: HttpCase = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    let case = Arc::new(case);
    let scheme = scheme.to_owned();
    let entropy = distribution.entropy.clone();
    measure(runtime, &distribution, move |_| {
        let case = Arc::clone(&case);
        let scheme = scheme.clone();
        let mut sent = (*case).clone();
        if let Some(header) = &entropy
            && fastrand::bool()
        {
            sent.request
                .headers
                .insert(header.clone(), fastrand::u32(0..10_000).to_string());
        }
        async move {
            let got = round_trip(target, &sent, REQUEST_TIMEOUT).await?;
            compare(&case, &scheme, &got)?;
            Ok(got.echoed.pod)
        }
    })
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

    fn distribution() -> Distribution {
        serde_json::from_value(serde_json::json!({
            "weights": {"a-v1": 0.7, "a-v2": 0.3, "a-v3": 0.0},
            "tolerance": 0.05,
            "requests": 10,
        }))
        .unwrap()
    }

    /// A pod name of Deployment `deployment`, shaped like a real one.
    fn pod(deployment: &str, replica: usize) -> String {
        format!("{deployment}-5d4f8b9c7d-x{replica}k2z")
    }

    fn pods(v1: usize, v2: usize, other: &str, n: usize) -> Vec<String> {
        let mut seen = vec![pod("a-v1", 0); v1];
        seen.extend(vec![pod("a-v2", 1); v2]);
        seen.extend(vec![pod(other, 0); n]);
        seen
    }

    #[test]
    fn shares_within_tolerance_hold() {
        assert!(distribution().check(&pods(7, 3, "a-v3", 0)).is_ok());
        assert!(distribution().check(&pods(72, 28, "a-v3", 0)).is_ok());
    }

    #[test]
    fn shares_out_of_tolerance_fail() {
        let e = distribution().check(&pods(5, 5, "a-v3", 0)).unwrap_err();
        assert!(e.contains("a-v1"), "{e}");
    }

    #[test]
    fn a_zero_weight_backend_that_answers_fails() {
        assert!(distribution().check(&pods(69, 30, "a-v3", 1)).is_err());
    }

    #[test]
    fn an_unknown_backend_fails() {
        let e = distribution().check(&pods(7, 3, "b", 1)).unwrap_err();
        assert!(e.contains("unexpected pod"), "{e}");
    }

    #[test]
    fn measuring_retries_until_an_attempt_holds() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let mut d = distribution();
        d.max_attempts = Some(3);
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&calls);
        // The first attempt sees only a-v1; later ones see 7:3.
        let result = measure(&runtime, &d, move |i| {
            let n = counter.fetch_add(1, Ordering::Relaxed);
            async move {
                Ok(if n < 10 || i % 10 < 7 {
                    pod("a-v1", 0)
                } else {
                    pod("a-v2", 0)
                })
            }
        });
        assert!(result.is_ok(), "{result:?}");
        assert_eq!(calls.load(Ordering::Relaxed), 20);
    }
}
