//! [`Observed`]: what the API server last said about each object, beyond what the translator reads.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use gwapi_model::resource::{ObjectKey, ResourceKind};
use serde_json::Value;

/// The parts of an object the store does not keep: its resource version and its status as written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Observed {
    /// `metadata.resourceVersion`, the optimistic lock of status writes.
    pub resource_version: Option<String>,
    /// `metadata.uid` (owner references of fleet objects need it).
    pub uid: Option<String>,
    /// `status`, as the API server returned it (`null` when absent).
    pub status: Value,
}

/// The [`Observed`] part of every object the provider feeds to the store, shared by the watchers (which
/// write it) and the status writer (which reads it). Cloning shares it.
#[derive(Clone, Debug, Default)]
pub struct ObservedObjects {
    objects: Arc<Mutex<BTreeMap<ObjectKey, Observed>>>,
}

impl ObservedObjects {
    /// What was last observed of `key`.
    pub fn get(&self, key: &ObjectKey) -> Option<Observed> {
        self.lock().get(key).cloned()
    }

    /// Records what was observed of `key`.
    pub fn set(&self, key: ObjectKey, observed: Observed) {
        self.lock().insert(key, observed);
    }

    /// Forgets `key`.
    pub fn remove(&self, key: &ObjectKey) {
        self.lock().remove(key);
    }

    /// Forgets every object of `kind` that `keep` rejects.
    pub fn retain_kind(&self, kind: ResourceKind, keep: impl Fn(&ObjectKey) -> bool) {
        self.lock().retain(|key, _| key.kind != kind || keep(key));
    }

    /// The keys and statuses of every object of `kinds`.
    pub fn statuses_of(&self, kinds: &[ResourceKind]) -> Vec<(ObjectKey, Observed)> {
        self.lock()
            .iter()
            .filter(|(key, _)| kinds.contains(&key.kind))
            .map(|(key, observed)| (key.clone(), observed.clone()))
            .collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<ObjectKey, Observed>> {
        self.objects.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
