//! # gwapi-ir
//!
//! The second stage of the gwapi pipeline:
//!
//! ```text
//! gwapi-model --Snapshot--> [gwapi-ir::Translator] --Ir + statuses--> gwapi-xds / gwapi-infra
//! ```
//!
//! This crate will own the intermediate representation (`Xds`, `Infra`) whose serde form reads and writes
//! Envoy Gateway's `xdsIR` / `infraIR` YAML, and the `Translator` that turns a
//! [`gwapi_model::Snapshot`] into IR plus Gateway API statuses. It is a documented skeleton until the
//! translation issue lands.
//!
//! ```
//! assert_eq!(gwapi_ir::STAGE, "ir");
//! ```

/// The name of this pipeline stage, used in diagnostics.
pub const STAGE: &str = "ir";

pub use gwapi_model as model;
