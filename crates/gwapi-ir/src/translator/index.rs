//! Indexes over one snapshot, built once per translation (locals of the call, never translator state).

use std::collections::BTreeMap;

use gwapi_model::Snapshot;
use gwapi_model::core::{EndpointSlice, Namespace, Secret, Service};
use gwapi_model::gateway_api::ReferenceGrant;

/// A `(namespace, name)` pair.
pub(crate) type NsName = (String, String);

/// Lookups by namespace and name over the objects one translation reads.
#[derive(Debug, Default)]
pub(crate) struct Indexes<'a> {
    /// Services by namespace and name.
    pub services: BTreeMap<NsName, &'a Service>,
    /// EndpointSlices by the namespace and name of the Service they belong to, oldest first.
    pub endpoint_slices: BTreeMap<NsName, Vec<&'a EndpointSlice>>,
    /// EndpointSlices by the namespace and name of the ServiceImport they belong to, oldest first.
    pub import_slices: BTreeMap<NsName, Vec<&'a EndpointSlice>>,
    /// Secrets by namespace and name.
    pub secrets: BTreeMap<NsName, &'a Secret>,
    /// Namespace labels, by namespace name.
    pub namespace_labels: BTreeMap<String, BTreeMap<String, String>>,
    /// Every ReferenceGrant, oldest first.
    pub reference_grants: Vec<&'a ReferenceGrant>,
}

/// The namespace and name of an object's metadata.
pub(crate) fn ns_name(meta: &gwapi_model::core::ObjectMeta) -> NsName {
    (
        meta.namespace.clone().unwrap_or_default(),
        meta.name.clone().unwrap_or_default(),
    )
}

impl<'a> Indexes<'a> {
    /// Indexes `snapshot`.
    pub fn new(snapshot: &'a Snapshot) -> Self {
        let mut idx = Self::default();
        for s in snapshot.services() {
            idx.services.insert(ns_name(&s.metadata), s);
        }
        for slice in snapshot.endpoint_slices() {
            let (ns, _) = ns_name(&slice.metadata);
            let labels = slice.metadata.labels.clone().unwrap_or_default();
            if let Some(service) = labels.get("kubernetes.io/service-name") {
                idx.endpoint_slices
                    .entry((ns.clone(), service.clone()))
                    .or_default()
                    .push(slice);
            }
            if let Some(import) = labels.get("multicluster.kubernetes.io/service-name") {
                idx.import_slices
                    .entry((ns, import.clone()))
                    .or_default()
                    .push(slice);
            }
        }
        for s in snapshot.secrets() {
            idx.secrets.insert(ns_name(&s.metadata), s);
        }
        for n in snapshot.namespaces() {
            idx.namespace_labels
                .insert(ns_name(&n.metadata).1, namespace_labels(n));
        }
        idx.reference_grants = snapshot.reference_grants().collect();
        idx
    }

    /// The labels of namespace `name` (empty when the namespace is unknown).
    pub fn labels_of_namespace(&self, name: &str) -> BTreeMap<String, String> {
        self.namespace_labels.get(name).cloned().unwrap_or_default()
    }
}

fn namespace_labels(n: &Namespace) -> BTreeMap<String, String> {
    n.metadata.labels.clone().unwrap_or_default()
}
