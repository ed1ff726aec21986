//! [`Snapshot`]: the whole input world of one translation.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

use crate::load::{Diagnostic, DiagnosticKind, LoadOutput, Severity};
use crate::resource::{ObjectKey, Resource, ResourceKind};

/// The order in which objects of one kind take precedence: oldest first, then namespace, then name (the
/// Gateway API's tie-break rule for conflicts).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Precedence {
    created: Option<Time>,
    namespace: String,
    name: String,
}

impl Precedence {
    fn of(resource: &Resource) -> Self {
        let meta = resource.metadata();
        Self {
            created: meta.creation_timestamp.clone(),
            namespace: meta.namespace.clone().unwrap_or_default(),
            name: meta.name.clone().unwrap_or_default(),
        }
    }
}

/// Every object a translation reads, by kind, each kind in precedence order.
///
/// Objects are identified by [`ObjectKey`]; inserting an object with the key of an existing one replaces it
/// (as `kubectl apply` would).
///
/// ```
/// use gwapi_model::{Snapshot, resource::Resource};
/// use gwapi_model::gateway_api::{ReferenceGrant, ReferenceGrantSpec};
/// let mut snapshot = Snapshot::default();
/// let mut grant = ReferenceGrant::new("b", ReferenceGrantSpec::default());
/// grant.metadata.namespace = Some("ns".into());
/// snapshot.insert(grant.clone().into());
/// grant.metadata.name = Some("a".into());
/// snapshot.insert(grant.into());
/// let names: Vec<_> = snapshot.reference_grants().map(|g| g.metadata.name.clone().unwrap()).collect();
/// assert_eq!(names, ["a", "b"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    by_kind: BTreeMap<ResourceKind, BTreeMap<Precedence, Resource>>,
    index: BTreeMap<ObjectKey, Precedence>,
}

impl Snapshot {
    /// An empty snapshot.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds a snapshot from loaded objects. An object whose key was seen before replaces the earlier one,
    /// with a warning at the later one's location.
    #[must_use]
    pub fn from_load(output: LoadOutput) -> (Self, Vec<Diagnostic>) {
        let mut snapshot = Self::new();
        let mut diagnostics = output.diagnostics;
        let mut seen: BTreeMap<ObjectKey, crate::load::Location> = BTreeMap::new();
        for object in output.objects {
            let key = ObjectKey::of(&object.resource);
            if let Some(first) = seen.get(&key) {
                let mut d = Diagnostic::new(
                    object.location.clone(),
                    Severity::Warning,
                    DiagnosticKind::Duplicate,
                    format!(
                        "duplicate object: also defined in {} document {}; this later definition replaces it",
                        first.source, first.document
                    ),
                );
                d.object = Some(key.clone());
                diagnostics.push(d);
            }
            seen.insert(key, object.location);
            snapshot.insert(object.resource);
        }
        (snapshot, diagnostics)
    }

    /// Adds an object, replacing (and returning) the object with the same key.
    pub fn insert(&mut self, resource: Resource) -> Option<Resource> {
        let key = ObjectKey::of(&resource);
        let previous = self.remove(&key);
        let precedence = Precedence::of(&resource);
        self.index.insert(key, precedence.clone());
        self.by_kind
            .entry(resource.kind())
            .or_default()
            .insert(precedence, resource);
        previous
    }

    /// Removes the object with `key`.
    pub fn remove(&mut self, key: &ObjectKey) -> Option<Resource> {
        let precedence = self.index.remove(key)?;
        self.by_kind.get_mut(&key.kind)?.remove(&precedence)
    }

    /// The object with `key`.
    #[must_use]
    pub fn get(&self, key: &ObjectKey) -> Option<&Resource> {
        let precedence = self.index.get(key)?;
        self.by_kind.get(&key.kind)?.get(precedence)
    }

    /// The objects of one kind, in precedence order.
    pub fn of_kind(&self, kind: ResourceKind) -> impl Iterator<Item = &Resource> + '_ {
        self.by_kind
            .get(&kind)
            .into_iter()
            .flat_map(BTreeMap::values)
    }

    /// Every object, kind by kind, each kind in precedence order.
    pub fn iter(&self) -> impl Iterator<Item = &Resource> + '_ {
        self.by_kind.values().flat_map(BTreeMap::values)
    }

    /// The number of objects.
    #[must_use]
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether the snapshot holds no object.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

impl FromIterator<Resource> for Snapshot {
    fn from_iter<I: IntoIterator<Item = Resource>>(iter: I) -> Self {
        let mut snapshot = Self::new();
        for resource in iter {
            snapshot.insert(resource);
        }
        snapshot
    }
}
