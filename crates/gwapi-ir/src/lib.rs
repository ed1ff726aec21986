//! # gwapi-ir
//!
//! The second stage of the gwapi pipeline:
//!
//! ```text
//! gwapi-model --Snapshot--> [gwapi-ir::Translator] --Ir + statuses--> gwapi-xds / gwapi-infra
//! ```
//!
//! [`ir`] holds the intermediate representation ([`ir::Xds`], [`ir::Infra`]), whose serde form reads and
//! writes Envoy Gateway's `xdsIR` / `infraIR` YAML. [`Translator`] turns a Snapshot into that IR (one fleet per
//! Gateway, or per class when Gateways are merged) and the statuses of the objects it read, as data: a pure,
//! deterministic function whose problems become status conditions, never errors.
//!
//! ```
//! use gwapi_ir::ir::GoDuration;
//! assert_eq!(GoDuration(std::time::Duration::from_secs(90)).to_string(), "1m30s");
//! ```

#![forbid(unsafe_code)]

pub mod gateway_readiness;
pub mod ir;
pub mod names;
mod translator;

pub use translator::{ObjectStatus, Statuses, Translation, Translator, TranslatorConfig};

pub use gwapi_model as model;
