//! # gwapi-model
//!
//! The first stage of the gwapi pipeline: the typed resource model and loading.
//!
//! ```text
//! YAML files / Kubernetes API --> [gwapi-model: types, loading, Snapshot] --Snapshot--> gwapi-ir::Translator
//! ```
//!
//! - [`gateway_api`]: Gateway API v1.6 kinds; [`envoy_gateway`]: Envoy Gateway's `v1alpha1` kinds and the
//!   EnvoyGateway configuration file; [`core`]: the Kubernetes core kinds gwapi reads (from k8s-openapi).
//! - Closed value sets are enums made with [`string_enum!`](macro@crate::string_enum): a value this version does not know is kept as
//!   `Unknown(String)`, so it can be reported in a status instead of being lost.
//! - Wire names are the upstream ones; Rust names use Rust casing (`HttpRoute` for `HTTPRoute`).
//!
//! ```
//! use gwapi_model::gateway_api::ParentReference;
//! let parent: ParentReference = serde_norway::from_str("name: gw\nsectionName: http\n").unwrap();
//! assert_eq!(parent.section_name.as_deref(), Some("http"));
//! ```

#![forbid(unsafe_code)]

pub mod builders;
pub mod condition;
pub mod core;
mod duration;
pub mod envoy_gateway;
mod error;
pub mod gateway_api;
pub mod load;
pub mod offline;
pub mod resource;
mod snapshot;
#[doc(hidden)]
pub mod string_enum;

pub use condition::{Condition, ConditionStatus};
pub use duration::Duration;
pub use error::{Error, Result};
pub use snapshot::Snapshot;
pub use string_enum::KnownValues;

#[doc(hidden)]
pub mod __private {
    pub use schemars;
    pub use serde;
}
