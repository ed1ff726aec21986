//! [`ControllerState`]: what the admin server shows, kept up to date by the translation loop.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

use gwapi_ir::Statuses;
use gwapi_xds::ResourceKind;
use serde_json::{Map, Value};

use super::{Metrics, XdsSink};
use crate::pipeline::KeyOutput;

/// The controller's observable state: readiness, metrics, the last published outputs and statuses.
pub struct ControllerState {
    ready: AtomicBool,
    /// The counters.
    pub metrics: Metrics,
    sink: Arc<dyn XdsSink>,
    outputs: RwLock<BTreeMap<String, KeyOutput>>,
    statuses: RwLock<Statuses>,
}

impl std::fmt::Debug for ControllerState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ControllerState")
            .field("ready", &self.is_ready())
            .finish_non_exhaustive()
    }
}

impl ControllerState {
    /// A state that is not ready yet, for a controller publishing to `sink`.
    pub fn new(sink: Arc<dyn XdsSink>) -> Self {
        Self {
            ready: AtomicBool::new(false),
            metrics: Metrics::default(),
            sink,
            outputs: RwLock::default(),
            statuses: RwLock::default(),
        }
    }

    /// Whether the first translation has been published.
    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Relaxed)
    }

    /// Marks the controller ready.
    pub fn set_ready(&self) {
        self.ready.store(true, Ordering::Relaxed);
    }

    /// The sink the loop publishes to.
    pub fn sink(&self) -> &dyn XdsSink {
        self.sink.as_ref()
    }

    /// Records the outputs and statuses last published.
    pub fn publish(&self, outputs: &BTreeMap<String, KeyOutput>, statuses: &Statuses) {
        outputs.clone_into(&mut self.outputs.write().unwrap_or_else(PoisonError::into_inner));
        statuses.clone_into(
            &mut self
                .statuses
                .write()
                .unwrap_or_else(PoisonError::into_inner),
        );
    }

    /// The statuses last published.
    pub fn statuses(&self) -> Statuses {
        self.statuses
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// `{key: {ir, xds: {listeners, routes, clusters, endpoints, secrets}, error}}`, the xDS resources as
    /// proto3 JSON the way Envoy's config dump writes them.
    pub fn config_dump(&self) -> Value {
        let outputs = self.outputs.read().unwrap_or_else(PoisonError::into_inner);
        let mut dump = Map::new();
        for (key, output) in outputs.iter() {
            let mut xds = Map::new();
            for kind in ResourceKind::ALL {
                let value = output.resources.to_json(kind).map_or_else(
                    |e| Value::String(format!("cannot render: {e}")),
                    Value::Array,
                );
                xds.insert(kind.plural().to_owned(), value);
            }
            let mut entry = Map::new();
            entry.insert(
                "ir".to_owned(),
                serde_json::to_value(&output.ir).unwrap_or(Value::Null),
            );
            entry.insert("xds".to_owned(), Value::Object(xds));
            if let Some(error) = &output.error {
                entry.insert("error".to_owned(), Value::String(error.clone()));
            }
            dump.insert(key.clone(), Value::Object(entry));
        }
        Value::Object(dump)
    }
}
