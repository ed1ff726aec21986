//! The xDS side of standalone mode (placeholder until the ADS server lands).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use gwapi_xds::XdsResources;
use tokio::net::TcpListener;

use crate::runtime::XdsSink;

/// A sink that keeps nothing.
#[derive(Debug, Default)]
pub struct NullSink;

impl XdsSink for NullSink {
    fn set(&self, _key: &str, _resources: XdsResources) -> bool {
        true
    }
    fn remove(&self, _key: &str) {}
}

/// A boxed future.
pub type Task = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The server task: serves until its shutdown signal completes.
pub type Serve = Box<dyn FnOnce(Task) -> Task + Send>;

/// The sink to publish to, and the server task serving it on `listener`.
pub fn server(listener: TcpListener) -> (Arc<dyn XdsSink>, Serve) {
    let serve: Serve = Box::new(move |shutdown: Task| -> Task {
        Box::pin(async move {
            let _listener = listener;
            shutdown.await;
        })
    });
    (Arc::new(NullSink), serve)
}
