//! One published snapshot: the resources of one IR key, per type, each with its version.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use envoy_types::pb::google::protobuf::Any;
use prost::{Message, Name};
use sha2::{Digest, Sha256};

use crate::{ResourceKind, XdsResources};

/// One resource as served: its version and its packed form.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    /// The hash of the resource's rendering.
    pub(crate) version: String,
    /// The resource, packed.
    pub(crate) resource: Any,
}

/// The resources of one type, by name, and the version of the whole set.
#[derive(Clone, Debug, Default)]
pub(crate) struct TypeSnapshot {
    /// The hash of every (name, version) pair.
    pub(crate) version: String,
    /// The resources by name (a name listed twice keeps its first resource).
    pub(crate) resources: BTreeMap<String, Entry>,
}

/// The resources of one key, per type.
#[derive(Clone, Debug, Default)]
pub(crate) struct Snapshot {
    types: BTreeMap<ResourceKind, TypeSnapshot>,
}

impl Snapshot {
    /// Packs and versions every resource of a translation.
    pub(crate) fn new(resources: &XdsResources) -> Self {
        let mut types = BTreeMap::new();
        types.insert(
            ResourceKind::Listener,
            type_snapshot(resources.listeners.iter().map(|r| (r.name.clone(), r))),
        );
        types.insert(
            ResourceKind::Route,
            type_snapshot(resources.routes.iter().map(|r| (r.name.clone(), r))),
        );
        types.insert(
            ResourceKind::Cluster,
            type_snapshot(resources.clusters.iter().map(|r| (r.name.clone(), r))),
        );
        types.insert(
            ResourceKind::Endpoint,
            type_snapshot(
                resources
                    .endpoints
                    .iter()
                    .map(|r| (r.cluster_name.clone(), r)),
            ),
        );
        types.insert(
            ResourceKind::Secret,
            type_snapshot(resources.secrets.iter().map(|r| (r.name.clone(), r))),
        );
        Self { types }
    }

    /// The resources of one type.
    pub(crate) fn get(&self, kind: ResourceKind) -> Option<&TypeSnapshot> {
        self.types.get(&kind)
    }

    /// Whether every type has the same version in both snapshots.
    pub(crate) fn same_versions(&self, other: &Self) -> bool {
        ResourceKind::ALL
            .into_iter()
            .all(|kind| self.get(kind).map(|t| &t.version) == other.get(kind).map(|t| &t.version))
    }
}

fn type_snapshot<'a, M: Message + Name + 'a>(
    items: impl Iterator<Item = (String, &'a M)>,
) -> TypeSnapshot {
    let mut resources = BTreeMap::new();
    for (name, message) in items {
        resources.entry(name).or_insert_with(|| Entry {
            version: resource_version(message),
            resource: crate::any::pack(message),
        });
    }
    let mut hasher = Sha256::new();
    for (name, entry) in &resources {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(entry.version.as_bytes());
        hasher.update([0]);
    }
    TypeSnapshot {
        version: hex(&hasher.finalize()),
        resources,
    }
}

/// The hash of a resource's proto3 JSON rendering (keys sorted), which unlike its encoding is the same for
/// equal messages whatever the order of their map fields.
fn resource_version<M: Message + Name>(message: &M) -> String {
    let mut hasher = Sha256::new();
    match crate::render::to_json(message) {
        Ok(json) => hasher.update(json.to_string().as_bytes()),
        Err(e) => {
            // Not expected for translated resources; the encoding still versions the resource, at worst
            // changing the version of an unchanged resource whose map fields were reordered.
            tracing::warn!(error = %e, "cannot render an xDS resource for its version; hashing its encoding");
            hasher.update(message.encode_to_vec());
        }
    }
    hex(&hasher.finalize())
}

/// The first 8 bytes of a digest, as lowercase hexadecimal.
fn hex(digest: &[u8]) -> String {
    digest.iter().take(8).fold(String::new(), |mut out, byte| {
        let _ = write!(out, "{byte:02x}");
        out
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use envoy_types::pb::envoy::config::cluster::v3::Cluster;

    fn cluster(name: &str, timeout: i64) -> Cluster {
        Cluster {
            name: name.to_owned(),
            connect_timeout: Some(envoy_types::pb::google::protobuf::Duration {
                seconds: timeout,
                nanos: 0,
            }),
            ..Cluster::default()
        }
    }

    #[test]
    fn versions_follow_content_per_type() {
        let mut a = XdsResources {
            clusters: vec![cluster("a", 1), cluster("b", 1)],
            ..XdsResources::default()
        };
        let one = Snapshot::new(&a);
        assert!(one.same_versions(&Snapshot::new(&a)));
        a.clusters[1] = cluster("b", 2);
        let two = Snapshot::new(&a);
        assert!(!one.same_versions(&two));
        let (c1, c2) = (
            one.get(ResourceKind::Cluster).unwrap(),
            two.get(ResourceKind::Cluster).unwrap(),
        );
        assert_eq!(c1.resources["a"].version, c2.resources["a"].version);
        assert_ne!(c1.resources["b"].version, c2.resources["b"].version);
        assert_eq!(
            one.get(ResourceKind::Listener).unwrap().version,
            two.get(ResourceKind::Listener).unwrap().version
        );
    }
}
