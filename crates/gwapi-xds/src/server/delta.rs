//! The delta variant (`DeltaAggregatedResources`) as a state machine free of I/O.
//!
//! Per type: the subscription (wildcard and/or names), the version of every resource the proxy is known to
//! have, and the nonce of the response in flight. A response carries only the resources that were added or
//! changed (each with its own version) and the names of those removed; it is sent when nothing is in flight.
//! Versions are recorded when sent, so a NACKed version is never sent again: the proxy keeps its last
//! accepted configuration until a resource changes.

use std::collections::{BTreeMap, BTreeSet};

use envoy_types::pb::envoy::service::discovery::v3::{
    DeltaDiscoveryRequest, DeltaDiscoveryResponse, Resource,
};

use super::cache::SnapshotCache;
use super::kinds::{PUSH_ORDER, from_type_url, type_url};
use super::snapshot::TypeSnapshot;
use super::stats::{Counters, NackDetail};
use super::stream::{NodeKey, Protocol};
use crate::ResourceKind;

/// The wildcard resource name.
const WILDCARD: &str = "*";

#[derive(Debug, Default)]
struct TypeState {
    wildcard: bool,
    names: BTreeSet<String>,
    /// The version of each resource the proxy has.
    known: BTreeMap<String, String>,
    /// The nonce and system version of the response in flight.
    in_flight: Option<(String, String)>,
    /// Whether a response (even an empty one) was sent since the subscription began.
    answered: bool,
}

/// One delta stream.
#[derive(Debug, Default)]
pub(crate) struct DeltaStream {
    node: NodeKey,
    nonce: u64,
    types: BTreeMap<ResourceKind, TypeState>,
}

impl Protocol for DeltaStream {
    type Request = DeltaDiscoveryRequest;
    type Response = DeltaDiscoveryResponse;

    fn handle(&mut self, request: DeltaDiscoveryRequest, counters: &Counters) {
        self.node.learn(request.node.as_ref());
        let Some(kind) = from_type_url(&request.type_url) else {
            tracing::debug!(type_url = %request.type_url, "ignoring a request for an unserved type");
            return;
        };
        let first = !self.types.contains_key(&kind);
        let state = self.types.entry(kind).or_default();
        if first {
            // The first request of a type: no names means the wildcard; the proxy may already hold some
            // resources (after a reconnection).
            state.wildcard = request.resource_names_subscribe.is_empty();
            state.known = request.initial_resource_versions.into_iter().collect();
        }
        for name in request.resource_names_subscribe {
            if name == WILDCARD {
                state.wildcard = true;
            } else {
                state.names.insert(name);
            }
        }
        for name in &request.resource_names_unsubscribe {
            if name == WILDCARD {
                state.wildcard = false;
            } else {
                state.names.remove(name);
                state.known.remove(name);
            }
        }
        if request.response_nonce.is_empty() {
            return;
        }
        let Some((nonce, version)) = state.in_flight.take() else {
            tracing::debug!(nonce = %request.response_nonce, "ignoring an ACK with a stale nonce");
            return;
        };
        if nonce != request.response_nonce {
            tracing::debug!(nonce = %request.response_nonce, "ignoring an ACK with a stale nonce");
            state.in_flight = Some((nonce, version));
            return;
        }
        match request.error_detail {
            Some(error) => counters.nacked(
                self.node.key.as_deref().unwrap_or_default(),
                NackDetail {
                    node_id: self.node.node_id.clone(),
                    type_url: request.type_url,
                    rejected_version: version,
                    message: error.message,
                },
            ),
            None => counters.acked(),
        }
    }

    fn pending(
        &mut self,
        cache: &SnapshotCache,
        counters: &Counters,
    ) -> Vec<DeltaDiscoveryResponse> {
        let Some(snapshot) = self.node.key.as_deref().and_then(|key| cache.snapshot(key)) else {
            return Vec::new();
        };
        let mut responses = Vec::new();
        for kind in PUSH_ORDER {
            let (Some(state), Some(resources)) = (self.types.get_mut(&kind), snapshot.get(kind))
            else {
                continue;
            };
            if state.in_flight.is_some() {
                continue;
            }
            let (changed, removed) = diff(state, resources);
            if changed.is_empty() && removed.is_empty() && state.answered {
                continue;
            }
            self.nonce += 1;
            let nonce = self.nonce.to_string();
            for resource in &changed {
                state
                    .known
                    .insert(resource.name.clone(), resource.version.clone());
            }
            for name in &removed {
                state.known.remove(name);
            }
            responses.push(DeltaDiscoveryResponse {
                system_version_info: resources.version.clone(),
                resources: changed,
                type_url: type_url(kind),
                removed_resources: removed,
                nonce: nonce.clone(),
                ..DeltaDiscoveryResponse::default()
            });
            state.in_flight = Some((nonce, resources.version.clone()));
            state.answered = true;
            counters.pushed();
        }
        responses
    }
}

/// The subscribed resources the proxy lacks or has in another version, and the names it has that are gone.
fn diff(state: &TypeState, resources: &TypeSnapshot) -> (Vec<Resource>, Vec<String>) {
    let subscribed = |name: &str| state.wildcard || state.names.contains(name);
    let changed = resources
        .resources
        .iter()
        .filter(|(name, entry)| subscribed(name) && state.known.get(*name) != Some(&entry.version))
        .map(|(name, entry)| Resource {
            name: name.clone(),
            version: entry.version.clone(),
            resource: Some(entry.resource.clone()),
            ..Resource::default()
        })
        .collect();
    let removed = state
        .known
        .keys()
        .filter(|name| subscribed(name) && !resources.resources.contains_key(*name))
        .cloned()
        .collect();
    (changed, removed)
}

#[cfg(test)]
#[path = "delta_tests.rs"]
mod tests;
