//! [`ReferenceGate`]: Secrets and ConfigMaps reach the store only while an object in it names them.
//!
//! A cluster holds far more Secrets and ConfigMaps (service account tokens, application settings) than any
//! Gateway uses; keeping them out of the store keeps them out of memory's translation input and stops
//! their churn from triggering translations.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, PoisonError};

use gwapi_model::resource::{ObjectKey, Resource, ResourceKind};
use serde_json::Value;

use crate::pipeline::Store;

/// A `(namespace, name)` that may name a Secret or a ConfigMap.
type Name = (String, String);

/// The names an object may use for Secrets and ConfigMaps: every `{name, namespace?, kind?}` reference
/// whose kind is absent (the default of certificate references is `Secret`), `Secret` or `ConfigMap`,
/// and every `secretName`. Over-inclusive on purpose: an extra object in the store costs little, a missing
/// one breaks a listener.
///
/// ```
/// use gwapi_controller::provider::kubernetes::referenced_names;
/// use serde_json::json;
/// let gateway = json!({"spec": {"listeners": [{"tls": {"certificateRefs": [
///     {"name": "cert"}, {"name": "other", "namespace": "certs", "kind": "Secret"}]}}]}});
/// let names = referenced_names(&gateway, "apps");
/// assert!(names.contains(&("apps".to_owned(), "cert".to_owned())));
/// assert!(names.contains(&("certs".to_owned(), "other".to_owned())));
/// let route = json!({"spec": {"rules": [{"backendRefs": [{"name": "svc", "kind": "Service"}]}]}});
/// assert!(referenced_names(&route, "apps").is_empty());
/// ```
pub fn referenced_names(object: &Value, namespace: &str) -> BTreeSet<(String, String)> {
    let mut names = BTreeSet::new();
    collect(object, namespace, &mut names);
    names
}

fn collect(value: &Value, namespace: &str, names: &mut BTreeSet<Name>) {
    match value {
        Value::Object(fields) => {
            let kind = fields.get("kind").and_then(Value::as_str);
            if let Some(name) = fields.get("name").and_then(Value::as_str)
                && matches!(kind, None | Some("Secret" | "ConfigMap"))
            {
                let namespace = fields
                    .get("namespace")
                    .and_then(Value::as_str)
                    .unwrap_or(namespace);
                names.insert((namespace.to_owned(), name.to_owned()));
            }
            if let Some(name) = fields.get("secretName").and_then(Value::as_str) {
                names.insert((namespace.to_owned(), name.to_owned()));
            }
            for (field, value) in fields {
                if field != "metadata" {
                    collect(value, namespace, names);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                collect(item, namespace, names);
            }
        }
        _ => {}
    }
}

/// Holds every Secret and ConfigMap watched, and lets into the store those that a stored object names.
#[derive(Debug, Default)]
pub struct ReferenceGate {
    held: BTreeMap<ObjectKey, Resource>,
    references: BTreeMap<ObjectKey, BTreeSet<Name>>,
    counts: BTreeMap<Name, usize>,
}

/// A [`ReferenceGate`] shared by the watchers. Lock order: the store, then the gate.
pub type SharedGate = Arc<Mutex<ReferenceGate>>;

impl ReferenceGate {
    /// Whether objects of `kind` pass through the gate.
    pub fn gates(kind: ResourceKind) -> bool {
        matches!(kind, ResourceKind::Secret | ResourceKind::ConfigMap)
    }

    /// Locks a shared gate.
    pub fn lock(gate: &SharedGate) -> std::sync::MutexGuard<'_, Self> {
        gate.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn is_named(&self, key: &ObjectKey) -> bool {
        self.counts
            .contains_key(&(key.namespace.clone(), key.name.clone()))
    }

    /// A gated object was added or changed: the store has it while it is named.
    pub fn hold(&mut self, resource: Resource, store: &mut Store) {
        let key = ObjectKey::of(&resource);
        if self.is_named(&key) {
            store.apply(resource.clone());
        }
        self.held.insert(key, resource);
    }

    /// A gated object was deleted.
    pub fn release(&mut self, key: &ObjectKey, store: &mut Store) {
        self.held.remove(key);
        store.delete_key(key);
    }

    /// Replaces every held object of `kind` (after a re-list).
    pub fn replace_kind(
        &mut self,
        kind: ResourceKind,
        resources: Vec<Resource>,
        store: &mut Store,
    ) {
        let keep: BTreeSet<ObjectKey> = resources.iter().map(ObjectKey::of).collect();
        let gone: Vec<ObjectKey> = self
            .held
            .keys()
            .filter(|key| key.kind == kind && !keep.contains(key))
            .cloned()
            .collect();
        for key in &gone {
            self.release(key, store);
        }
        for resource in resources {
            self.hold(resource, store);
        }
    }

    /// Records what the stored object `key` names (`None`: it left the store), and lets gated objects
    /// in or out of the store accordingly.
    pub fn set_references(
        &mut self,
        key: &ObjectKey,
        resource: Option<&Resource>,
        store: &mut Store,
    ) {
        let names = resource
            .and_then(|r| r.to_json().ok())
            .map(|json| referenced_names(&json, &key.namespace))
            .unwrap_or_default();
        let previous = self.references.remove(key).unwrap_or_default();
        if names == previous {
            if !names.is_empty() {
                self.references.insert(key.clone(), names);
            }
            return;
        }
        for name in previous.difference(&names) {
            let remaining = self.counts.get(name).map_or(0, |c| c.saturating_sub(1));
            if remaining == 0 {
                self.counts.remove(name);
                self.update_store(name, store);
            } else {
                self.counts.insert(name.clone(), remaining);
            }
        }
        for name in names.difference(&previous) {
            let count = self.counts.entry(name.clone()).or_insert(0);
            *count += 1;
            if *count == 1 {
                self.update_store(name, store);
            }
        }
        if !names.is_empty() {
            self.references.insert(key.clone(), names);
        }
    }

    /// Puts the gated objects called `name` into the store, or takes them out, per the counts.
    fn update_store(&self, name: &Name, store: &mut Store) {
        for kind in [ResourceKind::Secret, ResourceKind::ConfigMap] {
            let key = ObjectKey {
                kind,
                namespace: name.0.clone(),
                name: name.1.clone(),
            };
            match (self.is_named(&key), self.held.get(&key)) {
                (true, Some(resource)) => {
                    store.apply(resource.clone());
                }
                _ => {
                    store.delete_key(&key);
                }
            }
        }
    }
}
