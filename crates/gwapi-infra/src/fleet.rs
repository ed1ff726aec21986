//! `Fleet`: one render call's resolved inputs (the IR proxy, its `EnvoyProxy` settings, names), built once
//! and passed to every object builder.

use gwapi_ir::ir::ProxyInfra;
use gwapi_ir::model::envoy_gateway::{
    EnvoyProxyKubernetesProvider, EnvoyProxySpec, IpFamily, KubernetesContainerSpec,
    KubernetesDaemonSetSpec, KubernetesDeploymentSpec, KubernetesPodSpec,
};

use crate::InfraConfig;
use crate::names::ResourceNames;

/// The workload that runs the proxies.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Workload<'a> {
    /// A Deployment (the default).
    Deployment(Option<&'a KubernetesDeploymentSpec>),
    /// A `DaemonSet`.
    DaemonSet(&'a KubernetesDaemonSetSpec),
}

/// The resolved inputs of one render call.
#[derive(Debug)]
pub(crate) struct Fleet<'a> {
    pub(crate) infra: &'a ProxyInfra,
    pub(crate) config: &'a InfraConfig,
    pub(crate) spec: EnvoyProxySpec,
    pub(crate) kube: EnvoyProxyKubernetesProvider,
    pub(crate) names: ResourceNames,
    pub(crate) owner_uid: &'a str,
}

impl<'a> Fleet<'a> {
    pub(crate) fn new(infra: &'a ProxyInfra, config: &'a InfraConfig, owner_uid: &'a str) -> Self {
        let spec = infra
            .config
            .as_ref()
            .map(|proxy| proxy.spec.clone())
            .unwrap_or_default();
        let kube = spec
            .provider
            .as_ref()
            .and_then(|p| p.kubernetes.clone())
            .unwrap_or_default();
        let names = ResourceNames::new(infra, &kube, config);
        Self {
            infra,
            config,
            spec,
            kube,
            names,
            owner_uid,
        }
    }

    /// The workload kind and its settings.
    pub(crate) fn workload(&self) -> Workload<'_> {
        match &self.kube.envoy_daemon_set {
            Some(daemon_set) => Workload::DaemonSet(daemon_set),
            None => Workload::Deployment(self.kube.envoy_deployment.as_ref()),
        }
    }

    /// The pod settings of the workload.
    pub(crate) fn pod(&self) -> Option<&KubernetesPodSpec> {
        match self.workload() {
            Workload::Deployment(d) => d.and_then(|d| d.pod.as_ref()),
            Workload::DaemonSet(d) => d.pod.as_ref(),
        }
    }

    /// The main container settings of the workload.
    pub(crate) fn container(&self) -> Option<&KubernetesContainerSpec> {
        match self.workload() {
            Workload::Deployment(d) => d.and_then(|d| d.container.as_ref()),
            Workload::DaemonSet(d) => d.container.as_ref(),
        }
    }

    /// The IP family of the listeners (IPv4 when unset).
    pub(crate) fn ip_family(&self) -> IpFamily {
        self.spec.ip_family.clone().unwrap_or(IpFamily::Ipv4)
    }

    /// Whether the Prometheus endpoint is served (unless `telemetry.metrics.prometheus.disable`).
    pub(crate) fn prometheus_enabled(&self) -> bool {
        !self
            .spec
            .telemetry
            .as_ref()
            .and_then(|t| t.metrics.as_ref())
            .and_then(|m| m.prometheus.as_ref())
            .is_some_and(|p| p.disable)
    }

    /// The service cluster of the proxies: the IR name.
    pub(crate) fn service_cluster(&self) -> &str {
        &self.infra.name
    }
}
