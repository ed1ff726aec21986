//! The xDS side of standalone mode: gwapi-xds's snapshot cache as the pipeline's sink, and its ADS server
//! on loopback.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use gwapi_xds::XdsResources;
use gwapi_xds::server::{SnapshotCache, XdsServer, XdsTls};
use tokio::net::TcpListener;
use tracing::warn;

use crate::runtime::{SinkStats, XdsSink};

/// The snapshot cache as an [`XdsSink`].
#[derive(Clone, Debug, Default)]
pub struct CacheSink(pub SnapshotCache);

impl XdsSink for CacheSink {
    fn set(&self, key: &str, resources: XdsResources) -> bool {
        self.0.set(key, resources)
    }

    fn remove(&self, key: &str) {
        self.0.remove(key);
    }

    fn stats(&self) -> SinkStats {
        let stats = self.0.stats();
        SinkStats {
            connected_proxies: stats.connected_streams,
            nacks: stats.nacks,
        }
    }
}

/// A boxed future.
pub type Task = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The server task: serves until its shutdown signal completes.
pub type Serve = Box<dyn FnOnce(Task) -> Task + Send>;

/// The sink to publish to, and the ADS server task serving it on `listener`.
pub fn server(listener: TcpListener) -> (Arc<dyn XdsSink>, Serve) {
    server_with_tls(listener, None)
}

/// The sink to publish to, and the ADS server task serving it on `listener`, over mutual TLS when `tls`
/// is given.
pub fn server_with_tls(listener: TcpListener, tls: Option<XdsTls>) -> (Arc<dyn XdsSink>, Serve) {
    let cache = SnapshotCache::new();
    let mut server = XdsServer::new(cache.clone());
    if let Some(tls) = tls {
        server = server.tls(tls);
    }
    let serve: Serve = Box::new(move |shutdown: Task| -> Task {
        Box::pin(async move {
            if let Err(e) = server.serve(listener, shutdown).await {
                warn!(error = %e, "the xDS server stopped");
            }
        })
    });
    (Arc::new(CacheSink(cache)), serve)
}
