//! The state-of-the-world variant (`StreamAggregatedResources`) as a state machine free of I/O.
//!
//! Per type: the names the proxy asked for, the last response sent (its version and names) and its nonce,
//! whether that response still waits for an ACK or NACK, and the response last rejected. A response is sent
//! when the type has been requested, nothing is in flight, and what would be sent (or the subscription it
//! answers) differs both from what was sent last and from what was rejected: a NACK never causes a resend of
//! the same version for the same subscription.

use std::collections::{BTreeMap, BTreeSet};

use envoy_types::pb::envoy::service::discovery::v3::{DiscoveryRequest, DiscoveryResponse};

use super::cache::SnapshotCache;
use super::kinds::{PUSH_ORDER, from_type_url, sends_all, type_url};
use super::stats::{Counters, NackDetail};
use super::stream::{NodeKey, Protocol};
use crate::ResourceKind;

/// What one response carried, and the subscription it answered (a client that subscribes to another
/// listener or cluster gets a response even when the type's version is unchanged).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Sent {
    version: String,
    names: Vec<String>,
    requested: BTreeSet<String>,
}

#[derive(Debug, Default)]
struct TypeState {
    /// The names last requested (empty or `*`: all).
    names: BTreeSet<String>,
    wildcard: bool,
    last_sent: Option<Sent>,
    last_nonce: String,
    in_flight: bool,
    rejected: Option<Sent>,
}

/// One state-of-the-world stream.
#[derive(Debug, Default)]
pub(crate) struct SotwStream {
    node: NodeKey,
    nonce: u64,
    types: BTreeMap<ResourceKind, TypeState>,
}

impl Protocol for SotwStream {
    type Request = DiscoveryRequest;
    type Response = DiscoveryResponse;

    fn handle(&mut self, request: DiscoveryRequest, counters: &Counters) {
        self.node.learn(request.node.as_ref());
        let Some(kind) = from_type_url(&request.type_url) else {
            tracing::debug!(type_url = %request.type_url, "ignoring a request for an unserved type");
            return;
        };
        let state = self.types.entry(kind).or_default();
        if !request.response_nonce.is_empty() && request.response_nonce != state.last_nonce {
            tracing::debug!(nonce = %request.response_nonce, "ignoring a request with a stale nonce");
            return;
        }
        state.wildcard =
            request.resource_names.is_empty() || request.resource_names.iter().any(|n| n == "*");
        state.names = request.resource_names.into_iter().collect();
        if request.response_nonce.is_empty() {
            // A new subscription (or a reconnection): answer it whatever was sent before.
            state.in_flight = false;
            state.last_sent = None;
            return;
        }
        state.in_flight = false;
        match request.error_detail {
            Some(error) => {
                state.rejected.clone_from(&state.last_sent);
                let rejected_version = state
                    .last_sent
                    .as_ref()
                    .map(|s| s.version.clone())
                    .unwrap_or_default();
                counters.nacked(
                    self.node.key.as_deref().unwrap_or_default(),
                    NackDetail {
                        node_id: self.node.node_id.clone(),
                        type_url: request.type_url,
                        rejected_version,
                        message: error.message,
                    },
                );
            }
            None => counters.acked(),
        }
    }

    fn pending(&mut self, cache: &SnapshotCache, counters: &Counters) -> Vec<DiscoveryResponse> {
        let Some(snapshot) = self.node.key.as_deref().and_then(|key| cache.snapshot(key)) else {
            return Vec::new();
        };
        let mut responses = Vec::new();
        for kind in PUSH_ORDER {
            let (Some(state), Some(resources)) = (self.types.get_mut(&kind), snapshot.get(kind))
            else {
                continue;
            };
            if state.in_flight {
                continue;
            }
            let all = sends_all(kind) || state.wildcard;
            let entries: Vec<_> = resources
                .resources
                .iter()
                .filter(|(name, _)| all || state.names.contains(*name))
                .collect();
            let sent = Sent {
                version: resources.version.clone(),
                names: entries.iter().map(|(name, _)| (*name).clone()).collect(),
                requested: state.names.clone(),
            };
            if state.last_sent.as_ref() == Some(&sent) || state.rejected.as_ref() == Some(&sent) {
                continue;
            }
            self.nonce += 1;
            let nonce = self.nonce.to_string();
            responses.push(DiscoveryResponse {
                version_info: sent.version.clone(),
                resources: entries.iter().map(|(_, e)| e.resource.clone()).collect(),
                type_url: type_url(kind),
                nonce: nonce.clone(),
                ..DiscoveryResponse::default()
            });
            state.last_sent = Some(sent);
            state.last_nonce = nonce;
            state.in_flight = true;
            counters.pushed();
        }
        responses
    }
}

#[cfg(test)]
#[path = "sotw_tests.rs"]
mod tests;
