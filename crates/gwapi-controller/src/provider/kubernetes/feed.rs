//! [`KindFeed`]: turns one kind's watch events into store changes (synchronous, testable without a runtime).

use std::collections::BTreeMap;

use gwapi_model::load::{Loader, LoaderConfig, Severity};
use gwapi_model::resource::{ObjectKey, Resource};
use kube::api::DynamicObject;
use kube::core::TypeMeta;
use kube::runtime::watcher::Event;
use serde_json::Value;
use tracing::warn;

use super::kinds::WatchedKind;
use super::observed::{Observed, ObservedObjects};
use super::references::{ReferenceGate, SharedGate};
use super::scope::Scope;
use crate::pipeline::Store;
use crate::runtime::SharedStore;

/// Applies the watch events of one kind to the shared store and to the observed statuses.
///
/// A (re-)list, which the watcher starts after a 410 Gone or any other watch failure, is buffered from
/// `Init` to `InitDone` and then replaces every object of the kind at once: objects deleted while the watch
/// was down disappear, and the translation sees one consistent change.
#[derive(Debug)]
pub struct KindFeed {
    kind: WatchedKind,
    store: SharedStore,
    observed: ObservedObjects,
    scope: Scope,
    loader: Loader,
    relist: Option<BTreeMap<ObjectKey, (Resource, Observed)>>,
    synced: bool,
    gate: Option<SharedGate>,
}

impl KindFeed {
    /// A feed of `kind` into `store` and `observed`, keeping only what `scope` admits.
    pub fn new(
        kind: WatchedKind,
        store: SharedStore,
        observed: ObservedObjects,
        scope: Scope,
    ) -> Self {
        Self {
            kind,
            store,
            observed,
            scope,
            loader: Loader::new(LoaderConfig::default().default_namespace(None)),
            relist: None,
            synced: false,
            gate: None,
        }
    }

    /// Lets Secrets and ConfigMaps into the store only while a stored object names them, through `gate`
    /// (shared by every kind's feed).
    #[must_use]
    pub fn with_gate(mut self, gate: SharedGate) -> Self {
        self.gate = Some(gate);
        self
    }

    /// The kind fed.
    pub fn kind(&self) -> &WatchedKind {
        &self.kind
    }

    /// Whether a first complete list has been fed.
    pub fn is_synced(&self) -> bool {
        self.synced
    }

    /// Reads the kind from another API version from now on (the watcher found the previous one not
    /// served).
    pub fn set_kind(&mut self, kind: WatchedKind) {
        self.kind = kind;
        self.relist = None;
    }

    /// Marks the kind synced without a list (its API is not served: nothing of it exists).
    pub fn mark_absent(&mut self) {
        self.synced = true;
    }

    /// Applies one watch event.
    pub fn handle(&mut self, event: Event<DynamicObject>) {
        match event {
            Event::Init => self.relist = Some(BTreeMap::new()),
            Event::InitApply(object) => {
                if let Some((key, resource, observed)) = self.convert(object)
                    && self.scope.admits(&resource)
                    && let Some(relist) = self.relist.as_mut()
                {
                    relist.insert(key, (resource, observed));
                }
            }
            Event::InitDone => self.finish_relist(),
            Event::Apply(object) => {
                if let Some((key, resource, observed)) = self.convert(object) {
                    if self.scope.admits(&resource) {
                        self.observed.set(key.clone(), observed);
                        self.store.update(|store| self.put(store, &key, resource));
                    } else {
                        self.forget(&key);
                    }
                }
            }
            Event::Delete(object) => {
                if let Some(key) = self.key_of(&object) {
                    self.forget(&key);
                }
            }
        }
    }

    fn forget(&self, key: &ObjectKey) {
        self.observed.remove(key);
        self.store.update(|store| self.take(store, key));
    }

    /// Adds or replaces an object, through the gate.
    fn put(&self, store: &mut Store, key: &ObjectKey, resource: Resource) {
        let Some(gate) = &self.gate else {
            store.apply(resource);
            return;
        };
        let mut gate = ReferenceGate::lock(gate);
        if ReferenceGate::gates(key.kind) {
            gate.hold(resource, store);
        } else {
            gate.set_references(key, Some(&resource), store);
            store.apply(resource);
        }
    }

    /// Removes an object, through the gate.
    fn take(&self, store: &mut Store, key: &ObjectKey) {
        let Some(gate) = &self.gate else {
            store.delete_key(key);
            return;
        };
        let mut gate = ReferenceGate::lock(gate);
        if ReferenceGate::gates(key.kind) {
            gate.release(key, store);
        } else {
            store.delete_key(key);
            gate.set_references(key, None, store);
        }
    }

    fn finish_relist(&mut self) {
        let Some(objects) = self.relist.take() else {
            return;
        };
        let kind = self.kind.kind;
        self.observed
            .retain_kind(kind, |key| objects.contains_key(key));
        for (key, (_, observed)) in &objects {
            self.observed.set(key.clone(), observed.clone());
        }
        self.store.update(|store| {
            if let Some(gate) = self.gate.as_ref().filter(|_| ReferenceGate::gates(kind)) {
                let resources = objects.into_values().map(|(r, _)| r).collect();
                ReferenceGate::lock(gate).replace_kind(kind, resources, store);
                return;
            }
            let gone: Vec<ObjectKey> = store
                .keys()
                .filter(|key| key.kind == kind && !objects.contains_key(key))
                .cloned()
                .collect();
            for key in &gone {
                self.take(store, key);
            }
            for (key, (resource, _)) in objects {
                self.put(store, &key, resource);
            }
        });
        self.synced = true;
    }

    fn key_of(&self, object: &DynamicObject) -> Option<ObjectKey> {
        let name = object.metadata.name.clone()?;
        Some(ObjectKey {
            kind: self.kind.kind,
            namespace: object.metadata.namespace.clone().unwrap_or_default(),
            name,
        })
    }

    /// The object's key, the object as the store keeps it, and what the store does not keep; `None` when it
    /// does not decode (the store keeps its last good version).
    fn convert(&self, mut object: DynamicObject) -> Option<(ObjectKey, Resource, Observed)> {
        let key = self.key_of(&object)?;
        let observed = Observed {
            resource_version: object.metadata.resource_version.take(),
            uid: object.metadata.uid.clone(),
            status: object.data.get("status").cloned().unwrap_or(Value::Null),
        };
        // Neither the status nor the bookkeeping fields are inputs of the translation: keeping them out
        // of the store means a status write does not trigger a translation.
        object.metadata.managed_fields = None;
        if let Some(data) = object.data.as_object_mut() {
            data.remove("status");
        }
        object.types = Some(TypeMeta {
            api_version: self.kind.api.api_version.clone(),
            kind: self.kind.api.kind.clone(),
        });
        let text = match serde_json::to_string(&object) {
            Ok(text) => text,
            Err(e) => {
                warn!(object = %key, error = %e, "cannot read the object");
                return None;
            }
        };
        let output = self.loader.load_str(&key.to_string(), &text);
        for d in output
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            warn!(object = %key, diagnostic = %d, "the object has errors");
        }
        let resource = output
            .objects
            .into_iter()
            .map(|o| o.resource)
            .find(|r| r.kind() == self.kind.kind);
        if resource.is_none() {
            warn!(object = %key, "the object does not decode; its last good version is kept");
        }
        resource.map(|resource| (key, resource, observed))
    }
}
