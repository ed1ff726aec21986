//! # gwapi-xds
//!
//! The third stage of the gwapi pipeline:
//!
//! ```text
//! gwapi-ir::Xds --> [gwapi-xds::XdsTranslator] --> Envoy listeners, routes, clusters, endpoints, secrets
//! ```
//!
//! [`XdsTranslator`] turns one IR into Envoy v3 resources (the `envoy-types` protos) the way Envoy Gateway
//! does; [`render`] prints them the way Envoy's admin `/config_dump` does (proto3 JSON or YAML) through the
//! descriptor set envoy-types ships. It depends on `gwapi-ir`, never on `gwapi-model`.
//! [`XdsResources::to_validation_bootstrap`] puts every resource of a translation into one static bootstrap, for
//! `envoy --mode validate`.
//! With the `server` feature, `gwapi_xds::server` publishes translations per IR key (`SnapshotCache`) and
//! serves them to Envoy over ADS, state of the world and delta (`XdsServer`).
//!
//! ```
//! use gwapi_xds::{ResourceKind, XdsConfig, XdsTranslator};
//! let ir: gwapi_xds::ir::ir::Xds = serde_norway::from_str("http: []").unwrap();
//! let resources = XdsTranslator::new(XdsConfig::default()).translate(&ir).unwrap();
//! assert!(resources.to_json(ResourceKind::Listener).unwrap().is_empty());
//! ```

#![forbid(unsafe_code)]

mod address;
mod any;
mod bootstrap;
mod canonical_encoding;
mod cluster;
mod config;
mod config_source;
mod context;
mod endpoint;
mod error;
pub mod filters;
mod listener;
mod message_digest;
mod metadata;
pub mod names;
mod patch;
pub mod ratelimit_config;
pub mod render;
mod resources;
mod route;
#[cfg(feature = "server")]
pub mod server;
mod telemetry;
mod tls_params;
mod translator;
mod validate;
mod wkt;

pub use config::{DEFAULT_CONTROLLER_NAMESPACE, DEFAULT_DNS_DOMAIN, XdsConfig};
pub use error::{Error, Result};
pub use resources::{ResourceKind, XdsResources};
pub use translator::{Translated, XdsTranslator};

pub use envoy_types;
pub use gwapi_ir as ir;
