//! Upstream `weight.TestWeightedDistribution` over L4 exchanges: `requests` samples (`concurrency` at a
//! time), each naming the pod that answered; the backend is the pod name minus its last two `-` parts
//! and must be one of the weights; as many backends must answer as have a weight above 0, and each
//! backend's share must be within `tolerance` of its weight. A failed attempt is retried up to
//! `maxAttempts` times, within a bounded time.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tokio::runtime::Runtime;
use tokio::task::JoinSet;

use super::l4_client;
use super::l4_requests::EXCHANGE_TIMEOUT;
use super::tcp_echo::{self, Test};
use super::udp_echo::UdpAnswer;

/// The longest a weighted case may take, all attempts together.
const MAX_TIME: Duration = Duration::from_mins(2);

/// The parameters of a weighted case.
#[derive(Clone, Debug)]
pub struct Weighted {
    /// The expected share of each backend.
    pub weights: BTreeMap<String, f64>,
    /// The largest accepted difference between a share and its weight.
    pub tolerance: f64,
    /// The samples of one attempt.
    pub requests: usize,
    /// How many samples run at once.
    pub concurrency: usize,
    /// How many attempts may be made.
    pub max_attempts: usize,
}

/// One sample: an exchange that names the pod that answered.
#[derive(Clone, Debug)]
pub enum Sampler {
    /// echo-basic's TCP `TEST` on a fresh connection (upstream `EchoSendOnce`).
    Tcp(SocketAddr),
    /// One datagram from a fresh socket (upstream `udpEchoSendOnce`).
    Udp(SocketAddr, Vec<u8>),
}

impl Sampler {
    /// The name of the pod that answered one exchange.
    ///
    /// # Errors
    /// When the exchange fails or the answer names no pod.
    pub async fn once(&self) -> Result<String, String> {
        let pod = match self {
            Self::Tcp(address) => {
                let replies =
                    l4_client::tcp_session(*address, None, &[tcp_echo::TEST], EXCHANGE_TIMEOUT)
                        .await?;
                let answer = replies.first().ok_or("no answer")?;
                serde_json::from_str::<Test>(answer)
                    .map_err(|e| format!("{e}: {answer:?}"))?
                    .pod
            }
            Self::Udp(address, payload) => {
                let answer = l4_client::udp_exchange(*address, payload, EXCHANGE_TIMEOUT).await?;
                serde_json::from_slice::<UdpAnswer>(&answer)
                    .map_err(|e| format!("{e}: {:?}", String::from_utf8_lossy(&answer)))?
                    .pod
            }
        };
        if pod.is_empty() {
            return Err("the answer names no pod".to_owned());
        }
        Ok(pod)
    }
}

/// The backend a pod belongs to: its name minus the last two `-` parts (a Deployment's pod).
pub fn backend_of(pod: &str) -> String {
    let parts: Vec<&str> = pod.split('-').collect();
    parts
        .get(..parts.len().saturating_sub(2))
        .unwrap_or_default()
        .join("-")
}

/// Runs attempts until one distribution is within the tolerance.
///
/// # Errors
/// The last attempt's difference when none was.
pub fn check(runtime: &Runtime, sampler: &Sampler, weighted: &Weighted) -> Result<(), String> {
    let deadline = Instant::now() + MAX_TIME;
    let mut last = String::from("no attempt was made");
    for attempt in 1..=weighted.max_attempts {
        if Instant::now() >= deadline {
            break;
        }
        match runtime
            .block_on(sample(sampler, weighted))
            .and_then(|counts| compare(&counts, weighted))
        {
            Ok(()) => return Ok(()),
            Err(e) => last = format!("attempt {attempt}: {e}"),
        }
    }
    Err(last)
}

/// One attempt: the number of samples each backend answered; the first failed sample ends it.
async fn sample(sampler: &Sampler, weighted: &Weighted) -> Result<BTreeMap<String, usize>, String> {
    let failed = Arc::new(AtomicBool::new(false));
    let mut workers = JoinSet::new();
    for worker in 0..weighted.concurrency {
        let share = weighted.requests / weighted.concurrency
            + usize::from(worker < weighted.requests % weighted.concurrency);
        let sampler = sampler.clone();
        let failed = Arc::clone(&failed);
        workers.spawn(async move {
            let mut pods = Vec::with_capacity(share);
            for _ in 0..share {
                if failed.load(Ordering::Relaxed) {
                    break;
                }
                match sampler.once().await {
                    Ok(pod) => pods.push(pod),
                    Err(e) => {
                        failed.store(true, Ordering::Relaxed);
                        return Err(e);
                    }
                }
            }
            Ok(pods)
        });
    }
    let mut counts = BTreeMap::new();
    let mut error = None;
    while let Some(joined) = workers.join_next().await {
        match joined.map_err(|e| e.to_string()).and_then(|r| r) {
            Ok(pods) => {
                for pod in pods {
                    let backend = backend_of(&pod);
                    if !weighted.weights.contains_key(&backend) {
                        error.get_or_insert(format!("unexpected pod {pod}"));
                    }
                    *counts.entry(backend).or_insert(0) += 1;
                }
            }
            Err(e) => {
                error.get_or_insert(e);
            }
        }
    }
    error.map_or(Ok(counts), Err)
}

/// Whether `counts` fit the weights.
fn compare(counts: &BTreeMap<String, usize>, weighted: &Weighted) -> Result<(), String> {
    let expected_backends = weighted.weights.values().filter(|w| **w > 0.0).count();
    if counts.len() != expected_backends {
        return Err(format!(
            "{} backend(s) answered ({counts:?}), expected {expected_backends}",
            counts.len()
        ));
    }
    let total: usize = counts.values().sum();
    #[allow(clippy::cast_precision_loss)] // a few hundred samples
    for (backend, weight) in &weighted.weights {
        let count = counts.get(backend).copied().unwrap_or_default();
        let share = count as f64 / total.max(1) as f64;
        if (share - weight).abs() > weighted.tolerance {
            return Err(format!(
                "{backend} answered {count}/{total} = {share:.3}, expected {weight} ± {}",
                weighted.tolerance
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;

    fn weighted(weights: &[(&str, f64)]) -> Weighted {
        Weighted {
            weights: weights.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
            tolerance: 0.05,
            requests: 100,
            concurrency: 10,
            max_attempts: 1,
        }
    }

    #[test]
    fn the_backend_is_the_pod_name_without_its_last_two_parts() {
        assert_eq!(
            backend_of("tcp-backend-v1-7d9f8b6c5d-x2x4q"),
            "tcp-backend-v1"
        );
        assert_eq!(backend_of("short"), "");
    }

    #[test]
    fn shares_must_be_within_the_tolerance_and_zero_weights_must_not_answer() {
        let w = weighted(&[("a", 0.7), ("b", 0.3), ("c", 0.0)]);
        let counts = |a, b, c| {
            [("a", a), ("b", b), ("c", c)]
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(k, n)| (k.to_owned(), n))
                .collect::<BTreeMap<_, _>>()
        };
        assert!(compare(&counts(72, 28, 0), &w).is_ok());
        assert!(compare(&counts(80, 20, 0), &w).is_err());
        assert!(compare(&counts(70, 29, 1), &w).is_err());
        assert!(compare(&counts(100, 0, 0), &w).is_err());
    }
}
