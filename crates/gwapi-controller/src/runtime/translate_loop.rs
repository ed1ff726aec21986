//! [`TranslateLoop`]: waits for store changes, debounces them, translates, publishes what changed.

use std::sync::Arc;
use std::time::Duration;

use tracing::{info, warn};

use super::{ControllerState, SharedStore};
use crate::pipeline::{Pipeline, Update};

/// Reacts to each non-empty update (status file, table, proxies, ...).
pub trait Observer: Send {
    /// Called after the update's xDS resources were published.
    fn on_update(&mut self, update: &Update, pipeline: &Pipeline);
    /// Called after every run, changed or not, with the input it translated.
    fn on_run(
        &mut self,
        _snapshot: &gwapi_model::Snapshot,
        _update: &Update,
        _pipeline: &Pipeline,
    ) {
    }
}

/// The debounced translation loop.
pub struct TranslateLoop {
    store: SharedStore,
    pipeline: Pipeline,
    state: Arc<ControllerState>,
    debounce: Duration,
    observers: Vec<Box<dyn Observer>>,
}

/// At most this many debounce periods are waited while changes keep arriving, so a steady stream of
/// changes cannot starve translation.
const MAX_DEBOUNCE_ROUNDS: u32 = 10;

impl TranslateLoop {
    /// A loop translating `store` with `pipeline`, publishing through `state`'s sink.
    pub fn new(
        store: SharedStore,
        pipeline: Pipeline,
        state: Arc<ControllerState>,
        debounce: Duration,
    ) -> Self {
        Self {
            store,
            pipeline,
            state,
            debounce,
            observers: Vec::new(),
        }
    }

    /// Adds an observer of the updates.
    #[must_use]
    pub fn observe(mut self, observer: impl Observer + 'static) -> Self {
        self.observers.push(Box::new(observer));
        self
    }

    /// Runs until `shutdown` completes. The first translation runs at once, even on an empty store.
    pub async fn run(mut self, shutdown: impl std::future::Future<Output = ()>) {
        let mut revisions = self.store.subscribe();
        revisions.mark_changed();
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                () = &mut shutdown => return,
                changed = revisions.changed() => if changed.is_err() { return },
            }
            for _ in 0..MAX_DEBOUNCE_ROUNDS {
                tokio::time::sleep(self.debounce).await;
                if !revisions.has_changed().unwrap_or(false) {
                    break;
                }
                revisions.borrow_and_update();
            }
            revisions.borrow_and_update();
            self.translate_once();
        }
    }

    /// Translates the store's current content and publishes what changed.
    pub fn translate_once(&mut self) {
        let snapshot = self.store.read(crate::pipeline::Store::snapshot);
        let update = self.pipeline.run(&snapshot);
        let metrics = &self.state.metrics;
        metrics.translated(update.duration);
        let sink = self.state.sink();
        let mut pushed = 0;
        for (key, resources) in &update.changed {
            sink.set(key, resources.clone());
            pushed += 1;
            info!(key = %key, listeners = resources.listeners.len(), routes = resources.routes.len(),
                clusters = resources.clusters.len(), "xDS snapshot published");
        }
        for key in &update.removed {
            sink.remove(key);
            info!(key = %key, "xDS snapshot removed");
        }
        for (key, error) in &update.errors {
            warn!(key = %key, error = %error, "xDS translation failed; the last good configuration keeps serving");
        }
        metrics.pushed(pushed);
        metrics.xds_errors(u64::try_from(update.errors.len()).unwrap_or(u64::MAX));
        self.state
            .publish(self.pipeline.outputs(), self.pipeline.statuses());
        self.state.set_ready();
        if !update.is_empty() {
            for observer in &mut self.observers {
                observer.on_update(&update, &self.pipeline);
            }
        }
        for observer in &mut self.observers {
            observer.on_run(&snapshot, &update, &self.pipeline);
        }
    }
}
