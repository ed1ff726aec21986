//! [`SnapshotCache`]: the latest published resources of each IR key, and change notification.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::watch;

use super::snapshot::Snapshot;
use super::stats::{Counters, ServerStats};
use crate::XdsResources;

/// The resources to serve, per IR key; cheap to clone (the clones share one cache).
///
/// A proxy whose node cluster (or, when that is empty, node id) names a key receives that key's resources.
#[derive(Clone, Debug, Default)]
pub struct SnapshotCache {
    inner: Arc<Inner>,
}

struct Inner {
    snapshots: Mutex<BTreeMap<String, Arc<Snapshot>>>,
    /// Bumped on every change; streams wait on it.
    changes: watch::Sender<u64>,
    counters: Counters,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let keys: Vec<String> = self
            .snapshots
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .keys()
            .cloned()
            .collect();
        f.debug_struct("SnapshotCache")
            .field("keys", &keys)
            .field("generation", &*self.changes.borrow())
            .field("stats", &self.counters.snapshot())
            .finish()
    }
}

impl Default for Inner {
    fn default() -> Self {
        Self {
            snapshots: Mutex::default(),
            changes: watch::Sender::new(0),
            counters: Counters::default(),
        }
    }
}

impl SnapshotCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Publishes the resources for proxies whose node cluster (or node id) names `key`; returns whether
    /// anything changed. Unchanged resource types keep their versions (a version is a hash of the
    /// deterministic proto3 JSON rendering, never of the encoded bytes, whose map fields are unordered).
    ///
    /// ```
    /// use gwapi_xds::server::SnapshotCache;
    /// let cache = SnapshotCache::new();
    /// assert!(cache.set("ns/gw", Default::default()));
    /// assert!(!cache.set("ns/gw", Default::default()));
    /// cache.remove("ns/gw");
    /// assert!(cache.set("ns/gw", Default::default()));
    /// ```
    #[allow(clippy::needless_pass_by_value)] // the API hands the translation over to the cache
    pub fn set(&self, key: &str, resources: XdsResources) -> bool {
        let snapshot = Snapshot::new(&resources);
        let mut snapshots = self.lock();
        if snapshots
            .get(key)
            .is_some_and(|old| old.same_versions(&snapshot))
        {
            return false;
        }
        snapshots.insert(key.to_owned(), Arc::new(snapshot));
        drop(snapshots);
        self.inner
            .changes
            .send_modify(|generation| *generation += 1);
        true
    }

    /// Forgets the resources of `key`. Connected proxies keep what they have; new ones wait.
    pub fn remove(&self, key: &str) {
        if self.lock().remove(key).is_some() {
            self.inner
                .changes
                .send_modify(|generation| *generation += 1);
        }
    }

    /// The keys that have a snapshot, in order.
    pub fn keys(&self) -> Vec<String> {
        self.lock().keys().cloned().collect()
    }

    /// The server's counters: connected streams, pushes, ACKs, NACKs, and the last NACK of each key.
    pub fn stats(&self) -> ServerStats {
        self.inner.counters.snapshot()
    }

    /// The snapshot of a key.
    pub(crate) fn snapshot(&self, key: &str) -> Option<Arc<Snapshot>> {
        self.lock().get(key).cloned()
    }

    /// A receiver that changes whenever a snapshot does.
    pub(crate) fn subscribe(&self) -> watch::Receiver<u64> {
        self.inner.changes.subscribe()
    }

    pub(crate) fn counters(&self) -> &Counters {
        &self.inner.counters
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Arc<Snapshot>>> {
        self.inner
            .snapshots
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}
