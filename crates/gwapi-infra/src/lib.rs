//! # gwapi-infra
//!
//! The infrastructure stage of the gwapi pipeline:
//!
//! ```text
//! gwapi-ir::Infra --> [gwapi-infra::InfraRenderer] --> ServiceAccount, ConfigMap, Deployment, Service, HPA, PDB
//! ```
//!
//! This crate will render the Kubernetes objects of one Envoy fleet and the Envoy bootstrap that connects
//! each proxy to the xDS server. It is a documented skeleton until the infra issue lands.
//!
//! ```
//! assert_eq!(gwapi_infra::STAGE, "infra");
//! ```

/// The name of this pipeline stage, used in diagnostics.
pub const STAGE: &str = "infra";

pub use gwapi_ir as ir;
