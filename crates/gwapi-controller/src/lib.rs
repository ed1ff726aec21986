//! # gwapi-controller
//!
//! The reference controller that glues gwapi's crates together, as a library so that its pieces can be
//! tested and embedded:
//!
//! ```text
//! providers (files, Kubernetes) --apply/delete--> pipeline::Store --Snapshot--> pipeline::Pipeline
//!     --> per-IR-key xDS (published only when changed) --> runtime::XdsSink (the ADS snapshot cache)
//!     --> statuses (file / API), infra (host processes / Kubernetes objects), admin (/metrics, ...)
//! ```
//!
//! - [`pipeline`]: the synchronous core: the input [`pipeline::Store`] and the translation
//!   [`pipeline::Pipeline`] that reports only what changed.
//! - [`provider`]: where the input comes from (a directory of YAML, or the Kubernetes API:
//!   [`provider::kubernetes`], which also writes statuses and applies fleets).
//! - [`runtime`]: the async glue: shared store, debounced translation loop, metrics.
//! - [`admin`]: `/healthz`, `/readyz`, `/metrics`, `/config_dump`, `/statuses`.
//! - [`standalone`]: `gwapi-controller standalone DIR`, with Envoy as host processes.
//!
//! ```
//! use gwapi_controller::pipeline::{Pipeline, PipelineConfig, Store};
//! use gwapi_model::builders::{GatewayBuilder, GatewayClassBuilder};
//!
//! let mut store = Store::default();
//! store.apply(GatewayClassBuilder::new("eg").build().into());
//! store.apply(GatewayBuilder::new("default", "gw").class("eg").http_listener("http", 8080).build().into());
//! let mut pipeline = Pipeline::new(PipelineConfig::default());
//! let update = pipeline.run(&store.snapshot());
//! assert_eq!(update.changed.keys().collect::<Vec<_>>(), ["default/gw"]);
//! assert!(pipeline.run(&store.snapshot()).changed.is_empty(), "nothing changed, nothing published");
//! ```

#![forbid(unsafe_code)]

pub mod admin;
pub mod offline;
pub mod pipeline;
pub mod provider;
pub mod runtime;
pub mod standalone;
