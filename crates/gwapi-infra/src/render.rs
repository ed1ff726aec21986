//! `InfraRenderer`: IR infra -> the Kubernetes objects of one Envoy fleet.

use gwapi_ir::ir::{Infra, ProxyInfra};
use k8s_openapi::api::apps::v1::{DaemonSet, Deployment};
use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler;
use k8s_openapi::api::core::v1::{ConfigMap, Service, ServiceAccount};
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use serde::Serialize;

use crate::bootstrap::render_bootstrap;
use crate::fleet::{Fleet, Workload};
use crate::names::ResourceNames;
use crate::{Error, InfraConfig, Result};

/// Renders the objects of Envoy fleets. Pure: the same input always gives the same objects.
#[derive(Clone, Debug, Default)]
pub struct InfraRenderer {
    config: InfraConfig,
}

/// The workload running the proxies.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum ProxyWorkload {
    /// A Deployment (the default).
    Deployment(Deployment),
    /// A `DaemonSet` (when `envoyDaemonSet` is set).
    DaemonSet(DaemonSet),
}

/// The objects of one Envoy fleet.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RenderedInfra {
    /// The names of the objects and their namespace.
    pub names: ResourceNames,
    /// The proxies' `ServiceAccount`.
    pub service_account: ServiceAccount,
    /// The SDS files of the xDS connection.
    pub config_map: ConfigMap,
    /// The Deployment or `DaemonSet`.
    pub workload: ProxyWorkload,
    /// The Service in front of the proxies.
    pub service: Service,
    /// The autoscaler, when `envoyHpa` is set (Deployments only).
    pub hpa: Option<HorizontalPodAutoscaler>,
    /// The disruption budget, when `envoyPDB` is set.
    pub pdb: Option<PodDisruptionBudget>,
    /// The Envoy bootstrap passed to the proxies with `--config-yaml`.
    pub bootstrap: String,
}

impl RenderedInfra {
    /// The Deployment, unless the proxies run as a `DaemonSet`.
    pub fn deployment(&self) -> Option<&Deployment> {
        match &self.workload {
            ProxyWorkload::Deployment(deployment) => Some(deployment),
            ProxyWorkload::DaemonSet(_) => None,
        }
    }

    /// The `DaemonSet`, when the proxies run as one.
    pub fn daemon_set(&self) -> Option<&DaemonSet> {
        match &self.workload {
            ProxyWorkload::DaemonSet(daemon_set) => Some(daemon_set),
            ProxyWorkload::Deployment(_) => None,
        }
    }

    /// All objects as one multi-document YAML manifest, in apply order: `ServiceAccount`, `ConfigMap`,
    /// workload, Service, HPA, PDB.
    pub fn to_yaml(&self) -> Result<String> {
        let mut docs = vec![
            yaml(&self.service_account)?,
            yaml(&self.config_map)?,
            match &self.workload {
                ProxyWorkload::Deployment(deployment) => yaml(deployment)?,
                ProxyWorkload::DaemonSet(daemon_set) => yaml(daemon_set)?,
            },
            yaml(&self.service)?,
        ];
        if let Some(hpa) = &self.hpa {
            docs.push(yaml(hpa)?);
        }
        if let Some(pdb) = &self.pdb {
            docs.push(yaml(pdb)?);
        }
        Ok(docs.join("---\n"))
    }
}

fn yaml<T: Serialize>(object: &T) -> Result<String> {
    serde_norway::to_string(object).map_err(|source| Error::Yaml { source })
}

impl InfraRenderer {
    /// A renderer with `config`.
    pub fn new(config: InfraConfig) -> Self {
        Self { config }
    }

    /// The renderer's configuration.
    pub fn config(&self) -> &InfraConfig {
        &self.config
    }

    /// Renders the objects of `infra`. `owner_uid` is the UID of the IR owner (the `GatewayClass`, or the
    /// Gateway in gateway-namespace mode), which only the API server knows.
    pub fn render(&self, infra: &ProxyInfra, owner_uid: &str) -> Result<RenderedInfra> {
        let fleet = Fleet::new(infra, &self.config, owner_uid);
        let bootstrap = render_bootstrap(&fleet)?;
        let workload =
            match fleet.workload() {
                Workload::Deployment(spec) => ProxyWorkload::Deployment(
                    crate::deployment::deployment(&fleet, spec, bootstrap.clone())?,
                ),
                Workload::DaemonSet(spec) => ProxyWorkload::DaemonSet(
                    crate::daemon_set::daemon_set(&fleet, spec, bootstrap.clone())?,
                ),
            };
        let hpa = match (&fleet.kube.envoy_hpa, &workload) {
            (Some(settings), ProxyWorkload::Deployment(_)) => {
                Some(crate::hpa::hpa(&fleet, settings)?)
            }
            _ => None,
        };
        let pdb = match &fleet.kube.envoy_pdb {
            Some(settings) => Some(crate::pdb::pdb(&fleet, settings)?),
            None => None,
        };
        Ok(RenderedInfra {
            service_account: crate::service_account::service_account(&fleet),
            config_map: crate::config_map::config_map(&fleet),
            service: crate::service::service(&fleet)?,
            workload,
            hpa,
            pdb,
            bootstrap,
            names: fleet.names,
        })
    }

    /// Renders the proxy of an IR [`Infra`]; [`Error::MissingProxy`] when it has none.
    pub fn render_infra(&self, infra: &Infra, owner_uid: &str) -> Result<RenderedInfra> {
        let proxy = infra.proxy.as_ref().ok_or(Error::MissingProxy)?;
        self.render(proxy, owner_uid)
    }

    /// Only the bootstrap of `infra`.
    pub fn bootstrap(&self, infra: &ProxyInfra) -> Result<String> {
        render_bootstrap(&Fleet::new(infra, &self.config, ""))
    }
}
