//! The ADS server (feature `server`): a [`SnapshotCache`] of the resources of each IR key, and an
//! [`XdsServer`] that serves them to Envoy proxies over the Aggregated Discovery Service, in both the
//! state-of-the-world (`StreamAggregatedResources`) and the delta (`DeltaAggregatedResources`) variants.
//!
//! ```text
//! XdsTranslator --XdsResources--> SnapshotCache::set(key, ..) --> XdsServer --ADS--> Envoy (node.cluster = key)
//! ```
//!
//! - A proxy's node `cluster` names the key whose snapshot it receives (its node `id` when the cluster is
//!   empty). A proxy whose key has no snapshot yet waits until one is published.
//! - Versions are per resource type (and, for delta, per resource): a hash of the deterministic proto3 JSON
//!   rendering, so publishing the same resources again changes nothing and sends nothing.
//! - A NACK never triggers a resend of the version it rejected; the proxy keeps its last accepted
//!   configuration, and the NACK is logged, counted and kept in [`ServerStats`].
//! - Pushes are ordered make-before-break: secrets, clusters, endpoints, listeners, then routes.
//!
//! - Plaintext gRPC by default; with the `tls` feature, [`XdsServer::tls`] requires mutual TLS (a client
//!   certificate signed by a trusted CA).
//!
//! ```
//! use gwapi_xds::server::SnapshotCache;
//! let cache = SnapshotCache::new();
//! assert!(cache.set("envoy-gateway/gw", gwapi_xds::XdsResources::default()));
//! assert!(!cache.set("envoy-gateway/gw", gwapi_xds::XdsResources::default()));
//! assert_eq!(cache.stats().pushes, 0);
//! ```

mod cache;
mod delta;
mod error;
mod kinds;
mod service;
mod snapshot;
mod sotw;
mod stats;
mod stream;
#[cfg(feature = "tls")]
mod tls;

pub use cache::SnapshotCache;
pub use error::ServerError;
pub use service::XdsServer;
pub use stats::{NackDetail, ServerStats};
#[cfg(feature = "tls")]
pub use tls::XdsTls;
