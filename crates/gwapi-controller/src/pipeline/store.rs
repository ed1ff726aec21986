//! [`Store`]: the controller's input world, updated object by object by the providers.

use std::collections::BTreeMap;

use gwapi_model::Snapshot;
use gwapi_model::resource::{ObjectKey, Resource, ResourceKind};

/// Every object the providers have seen, by key: a synchronous state machine that the file provider and the
/// Kubernetes provider feed through [`Store::apply`] and [`Store::delete`], and that the translation reads
/// through [`Store::snapshot`].
///
/// Each call that changes the content bumps [`Store::revision`]; a call that changes nothing does not, so the
/// controller translates only when the input really changed.
///
/// ```
/// use gwapi_controller::pipeline::Store;
/// use gwapi_model::builders::GatewayClassBuilder;
/// use gwapi_model::resource::ResourceKind;
///
/// let mut store = Store::default();
/// let class = GatewayClassBuilder::new("eg").build();
/// assert!(store.apply(class.clone().into()));
/// assert!(!store.apply(class.into()), "the same object again changes nothing");
/// assert_eq!(store.revision(), 1);
/// assert!(store.delete(ResourceKind::GatewayClass, "", "eg"));
/// assert!(store.is_empty());
/// ```
#[derive(Clone, Debug, Default)]
pub struct Store {
    objects: BTreeMap<ObjectKey, Resource>,
    revision: u64,
}

impl Store {
    /// An empty store.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces an object; returns whether the store changed.
    pub fn apply(&mut self, resource: Resource) -> bool {
        let key = ObjectKey::of(&resource);
        if self.objects.get(&key) == Some(&resource) {
            return false;
        }
        self.objects.insert(key, resource);
        self.revision += 1;
        true
    }

    /// Removes the object of `kind` named `namespace/name` (`namespace` empty for cluster-scoped kinds);
    /// returns whether it was there.
    pub fn delete(&mut self, kind: ResourceKind, namespace: &str, name: &str) -> bool {
        let key = ObjectKey {
            kind,
            namespace: namespace.to_owned(),
            name: name.to_owned(),
        };
        self.delete_key(&key)
    }

    /// Removes the object with `key`; returns whether it was there.
    pub fn delete_key(&mut self, key: &ObjectKey) -> bool {
        let removed = self.objects.remove(key).is_some();
        if removed {
            self.revision += 1;
        }
        removed
    }

    /// The object with `key`.
    #[must_use]
    pub fn get(&self, key: &ObjectKey) -> Option<&Resource> {
        self.objects.get(key)
    }

    /// The keys of every object, in order.
    pub fn keys(&self) -> impl Iterator<Item = &ObjectKey> {
        self.objects.keys()
    }

    /// How many changes the store has seen.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The number of objects.
    #[must_use]
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    /// Whether the store holds no object.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// The objects as a translation input.
    #[must_use]
    pub fn snapshot(&self) -> Snapshot {
        self.objects.values().cloned().collect()
    }
}
