//! The loop every ADS stream runs, whatever its variant: read requests, wait for snapshot changes, and send
//! what the variant's state machine says is due.

use std::time::Duration;

use envoy_types::pb::envoy::config::core::v3::Node;
use tokio::sync::{mpsc, watch};
use tonic::{Status, Streaming};

use super::cache::SnapshotCache;
use super::stats::Counters;

/// The state machine of one ADS variant (state of the world or delta), free of I/O.
pub(crate) trait Protocol: Send + 'static {
    /// The request message.
    type Request: Send + 'static;
    /// The response message.
    type Response: Send + 'static;

    /// Applies one request from the proxy.
    fn handle(&mut self, request: Self::Request, counters: &Counters);

    /// The responses due now, in push order (possibly none).
    fn pending(&mut self, cache: &SnapshotCache, counters: &Counters) -> Vec<Self::Response>;
}

/// The node a proxy names, and the key it is served: the node cluster, or the node id when that is empty.
#[derive(Clone, Debug, Default)]
pub(crate) struct NodeKey {
    /// The node id, for logs and NACK details.
    pub(crate) node_id: String,
    /// The IR key, once a request named the node.
    pub(crate) key: Option<String>,
}

impl NodeKey {
    /// Learns the key from the first request that carries a node.
    pub(crate) fn learn(&mut self, node: Option<&Node>) {
        let Some(node) = node.filter(|_| self.key.is_none()) else {
            return;
        };
        self.node_id.clone_from(&node.id);
        let key = if node.cluster.is_empty() {
            &node.id
        } else {
            &node.cluster
        };
        tracing::info!(node = %node.id, key = %key, "xDS stream bound to key");
        self.key = Some(key.clone());
    }
}

/// What every stream shares with the server.
#[derive(Clone, Debug)]
pub(crate) struct StreamContext {
    pub(crate) cache: SnapshotCache,
    /// Becomes `true` when the server shuts down.
    pub(crate) shutdown: watch::Receiver<bool>,
    /// Streams end after this long, so that proxies reconnect (and rebalance).
    pub(crate) max_age: Option<Duration>,
}

/// Counts the stream as connected while it lives.
struct Connected<'a>(&'a Counters);

impl<'a> Connected<'a> {
    fn new(counters: &'a Counters) -> Self {
        counters.stream_opened();
        Self(counters)
    }
}

impl Drop for Connected<'_> {
    fn drop(&mut self) {
        self.0.stream_closed();
    }
}

/// Runs one stream until the proxy goes away, the server shuts down or the stream reaches its maximum age.
pub(crate) async fn run<P: Protocol>(
    context: StreamContext,
    mut protocol: P,
    mut inbound: Streaming<P::Request>,
    outbound: mpsc::Sender<Result<P::Response, Status>>,
) where
    Streaming<P::Request>: Send,
{
    let StreamContext {
        cache,
        mut shutdown,
        max_age,
    } = context;
    let _connected = Connected::new(cache.counters());
    let mut snapshots_changed = cache.subscribe();
    let expiry = tokio::time::sleep(max_age.unwrap_or(Duration::from_secs(u64::from(u32::MAX))));
    tokio::pin!(expiry);
    loop {
        tokio::select! {
            request = inbound.message() => match request {
                Ok(Some(request)) => protocol.handle(request, cache.counters()),
                Ok(None) => break,
                Err(status) => {
                    tracing::debug!(%status, "xDS stream ended with an error");
                    break;
                }
            },
            notified = snapshots_changed.changed() => if notified.is_err() {
                break;
            },
            _ = shutdown.wait_for(|stop| *stop) => break,
            () = &mut expiry => {
                tracing::debug!("xDS stream reached its maximum age");
                break;
            }
        }
        for response in protocol.pending(&cache, cache.counters()) {
            if outbound.send(Ok(response)).await.is_err() {
                return;
            }
        }
    }
}
