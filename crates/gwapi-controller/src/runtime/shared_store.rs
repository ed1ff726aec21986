//! [`SharedStore`]: the [`Store`] behind a lock, with a change signal for the translation loop.

use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::watch;

use crate::pipeline::Store;

/// The store the providers write and the translation loop reads. Cloning shares it.
#[derive(Clone, Debug)]
pub struct SharedStore {
    store: Arc<Mutex<Store>>,
    revision: watch::Sender<u64>,
}

impl Default for SharedStore {
    fn default() -> Self {
        Self {
            store: Arc::default(),
            revision: watch::Sender::new(0),
        }
    }
}

impl SharedStore {
    /// Changes the store with `f`; the translation loop is woken when the content changed.
    pub fn update<T>(&self, f: impl FnOnce(&mut Store) -> T) -> T {
        let mut store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        let out = f(&mut store);
        let revision = store.revision();
        drop(store);
        self.revision.send_if_modified(|current| {
            let changed = *current != revision;
            *current = revision;
            changed
        });
        out
    }

    /// Reads the store with `f`.
    pub fn read<T>(&self, f: impl FnOnce(&Store) -> T) -> T {
        f(&self.store.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// A receiver of the store's revision, woken at each change.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.revision.subscribe()
    }
}
