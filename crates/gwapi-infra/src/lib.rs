//! # gwapi-infra
//!
//! The infrastructure stage of the gwapi pipeline:
//!
//! ```text
//! gwapi-ir::ProxyInfra --> [InfraRenderer] --> ServiceAccount, ConfigMap, Deployment | DaemonSet,
//!                                               Service, HorizontalPodAutoscaler, PodDisruptionBudget
//! ```
//!
//! For each IR proxy fleet, [`InfraRenderer`] renders the Kubernetes objects (as `k8s-openapi` types) that
//! run it, and the Envoy bootstrap that connects each proxy to the xDS server, exactly as Envoy Gateway does:
//! names (`envoy-<ns>-<gateway>-<hash>`, or the Gateway's name in gateway-namespace mode), labels, owner
//! references, ports, probes, the shutdown-manager sidecar, and every `EnvoyProxy` `provider.kubernetes`
//! setting, including strategic-merge and JSON merge patches. Rendering is pure and deterministic; applying
//! the objects is the controller's job.
//!
//! ```
//! use gwapi_infra::{InfraConfig, InfraRenderer};
//! use gwapi_infra::ir::ir::ProxyInfra;
//!
//! let infra = ProxyInfra { name: "default/eg".to_owned(), ..ProxyInfra::default() };
//! let renderer = InfraRenderer::new(InfraConfig::default());
//! let rendered = renderer.render(&infra, "uid-1")?;
//! let deployment = rendered.deployment().expect("a Deployment by default");
//! assert_eq!(deployment.metadata.namespace.as_deref(), Some("envoy-gateway-system"));
//! assert!(rendered.bootstrap.contains("port_value: 19000"));
//! assert_eq!(rendered.names.base, deployment.metadata.name.clone().unwrap());
//! # Ok::<(), gwapi_infra::Error>(())
//! ```

mod bootstrap;
mod config;
mod config_map;
mod container;
mod daemon_set;
mod deployment;
mod drain;
mod error;
mod fleet;
mod hpa;
pub mod labels;
mod names;
mod patch;
mod pdb;
mod pod;
mod render;
mod service;
mod service_account;
mod shutdown_manager;

pub use bootstrap::{ADMIN_PORT, HostBootstrap};
pub use config::InfraConfig;
pub use container::{METRICS_PORT, READINESS_PORT, SHUTDOWN_MANAGER_PORT};
pub use error::{Error, Result};
pub use names::ResourceNames;
pub use render::{InfraRenderer, ProxyWorkload, RenderedInfra};

pub use gwapi_ir as ir;
