//! The echo backends' request log: echo-basic prints `Echoing back request made to <request URI> to
//! client` for every request it answers; the mirror tests read those lines from the pods' logs. Here each
//! pod's recent request URIs are kept in memory (bounded), with when they arrived.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

/// How many requests the log keeps (the oldest are dropped first).
const CAPACITY: usize = 20_000;

/// One logged request.
#[derive(Clone, Debug)]
struct Entry {
    at: Instant,
    namespace: String,
    pod: String,
    uri: String,
}

/// The request log of every echo pod of a run.
#[derive(Clone, Debug, Default)]
pub struct RequestLog {
    entries: Arc<Mutex<VecDeque<Entry>>>,
}

impl RequestLog {
    /// Logs that pod `namespace/pod` answered a request for `uri` (path and query, as sent).
    pub fn record(&self, namespace: &str, pod: &str, uri: &str) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= CAPACITY {
            entries.pop_front();
        }
        entries.push_back(Entry {
            at: Instant::now(),
            namespace: namespace.to_owned(),
            pod: pod.to_owned(),
            uri: uri.to_owned(),
        });
    }

    /// How many requests for `uri` the pods of `namespace` accepted by `pod` answered since `since`.
    pub fn count(
        &self,
        namespace: &str,
        pod: impl Fn(&str) -> bool,
        uri: &str,
        since: Instant,
    ) -> usize {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .filter(|e| e.at >= since && e.namespace == namespace && e.uri == uri && pod(&e.pod))
            .count()
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

    #[test]
    fn requests_are_counted_per_pod_uri_and_time() {
        let log = RequestLog::default();
        let start = Instant::now();
        log.record("ns", "v2-abc-1", "/m?id=1");
        log.record("ns", "v1-abc-1", "/m?id=1");
        log.record("other", "v2-abc-1", "/m?id=1");
        let v2 = |p: &str| p.starts_with("v2-");
        assert_eq!(log.count("ns", v2, "/m?id=1", start), 1);
        assert_eq!(log.count("ns", v2, "/m?id=2", start), 0);
        assert_eq!(log.count("ns", v2, "/m?id=1", Instant::now()), 0);
    }
}
