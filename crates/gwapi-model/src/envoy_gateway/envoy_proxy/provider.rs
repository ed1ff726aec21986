//! Where and how the proxy fleet runs (`EnvoyProxyProvider`): as Kubernetes workloads or as a host process.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    KubernetesDaemonSetSpec, KubernetesDeploymentSpec, KubernetesHorizontalPodAutoscalerSpec,
    KubernetesPodDisruptionBudgetSpec, KubernetesServiceAccountSpec, KubernetesServiceSpec,
};

crate::string_enum! {
    /// The kind of resource provider of a proxy fleet (`EnvoyProxyProviderType`).
    pub enum EnvoyProxyProviderType {
        /// Kubernetes workloads.
        Kubernetes = "Kubernetes",
        /// A child process on the host.
        Host = "Host",
    }
}

/// The resource provider of a proxy fleet and its settings (`EnvoyProxyProvider`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyProxyProvider {
    /// The kind of provider.
    #[serde(rename = "type")]
    pub type_: EnvoyProxyProviderType,
    /// Settings of the Kubernetes provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubernetes: Option<EnvoyProxyKubernetesProvider>,
    /// Settings of the Host provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<EnvoyProxyHostProvider>,
}

/// The Kubernetes resources of a proxy fleet (`EnvoyProxyKubernetesProvider`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyProxyKubernetesProvider {
    /// The Deployment of the proxies (the default workload).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envoy_deployment: Option<KubernetesDeploymentSpec>,
    /// A `DaemonSet` of the proxies, instead of a Deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envoy_daemon_set: Option<KubernetesDaemonSetSpec>,
    /// The Service in front of the proxies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envoy_service: Option<KubernetesServiceSpec>,
    /// A `HorizontalPodAutoscaler` for the Deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envoy_hpa: Option<KubernetesHorizontalPodAutoscalerSpec>,
    /// Whether container ports equal listener ports (no shifting of privileged ports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_listener_port_as_container_port: Option<bool>,
    /// A `PodDisruptionBudget` for the proxies.
    #[serde(default, rename = "envoyPDB", skip_serializing_if = "Option::is_none")]
    pub envoy_pdb: Option<KubernetesPodDisruptionBudgetSpec>,
    /// The `ServiceAccount` of the proxies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envoy_service_account: Option<KubernetesServiceAccountSpec>,
}

/// Settings of the Host provider (`EnvoyProxyHostProvider`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyProxyHostProvider {
    /// The Envoy version to run; the one Envoy Gateway was built with when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envoy_version: Option<String>,
}
