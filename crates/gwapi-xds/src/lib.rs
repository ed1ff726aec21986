//! # gwapi-xds
//!
//! The third stage of the gwapi pipeline:
//!
//! ```text
//! gwapi-ir::Xds --> [gwapi-xds::XdsTranslator] --> Envoy listeners, routes, clusters, endpoints, secrets
//! ```
//!
//! This crate will own the IR -> Envoy v3 xDS translation, config-dump rendering, and (behind a feature) the
//! snapshot cache and ADS server. It depends on `gwapi-ir`, never on `gwapi-model`. It is a documented
//! skeleton until the xDS issue lands.
//!
//! ```
//! assert_eq!(gwapi_xds::STAGE, "xds");
//! ```

/// The name of this pipeline stage, used in diagnostics.
pub const STAGE: &str = "xds";

pub use gwapi_ir as ir;
