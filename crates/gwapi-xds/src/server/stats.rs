//! Counters of the ADS server, shared between the cache and the streams it serves.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

/// A snapshot of the ADS server's counters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServerStats {
    /// ADS streams open now (state of the world and delta).
    pub connected_streams: u64,
    /// Responses sent.
    pub pushes: u64,
    /// Responses acknowledged.
    pub acks: u64,
    /// Responses rejected.
    pub nacks: u64,
    /// The last rejection of each key.
    pub last_nacks: BTreeMap<String, NackDetail>,
}

/// A response a proxy rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct NackDetail {
    /// The node id of the proxy.
    pub node_id: String,
    /// The type URL of the rejected response.
    pub type_url: String,
    /// The version the proxy rejected.
    pub rejected_version: String,
    /// The proxy's error message.
    pub message: String,
}

/// The live counters.
#[derive(Debug, Default)]
pub(crate) struct Counters(Mutex<ServerStats>);

impl Counters {
    fn update(&self, f: impl FnOnce(&mut ServerStats)) {
        f(&mut self.0.lock().unwrap_or_else(PoisonError::into_inner));
    }

    /// A copy of the counters.
    pub(crate) fn snapshot(&self) -> ServerStats {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(crate) fn stream_opened(&self) {
        self.update(|s| s.connected_streams += 1);
    }

    pub(crate) fn stream_closed(&self) {
        self.update(|s| s.connected_streams = s.connected_streams.saturating_sub(1));
    }

    pub(crate) fn pushed(&self) {
        self.update(|s| s.pushes += 1);
    }

    pub(crate) fn acked(&self) {
        self.update(|s| s.acks += 1);
    }

    pub(crate) fn nacked(&self, key: &str, detail: NackDetail) {
        tracing::warn!(
            key,
            node = %detail.node_id,
            type_url = %detail.type_url,
            version = %detail.rejected_version,
            message = %detail.message,
            "xDS response rejected (NACK)"
        );
        self.update(|s| {
            s.nacks += 1;
            s.last_nacks.insert(key.to_owned(), detail);
        });
    }
}
