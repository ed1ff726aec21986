//! # gwapi-ir
//!
//! The second stage of the gwapi pipeline:
//!
//! ```text
//! gwapi-model --Snapshot--> [gwapi-ir::Translator] --Ir + statuses--> gwapi-xds / gwapi-infra
//! ```
//!
//! [`ir`] holds the intermediate representation ([`ir::Xds`], [`ir::Infra`]), whose serde form reads and
//! writes Envoy Gateway's `xdsIR` / `infraIR` YAML. The `Translator` (Snapshot -> IR + statuses) arrives with
//! the translation issue.
//!
//! ```
//! use gwapi_ir::ir::GoDuration;
//! assert_eq!(GoDuration(std::time::Duration::from_secs(90)).to_string(), "1m30s");
//! ```

#![forbid(unsafe_code)]

pub mod ir;

pub use gwapi_model as model;
