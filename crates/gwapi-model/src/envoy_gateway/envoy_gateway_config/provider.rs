//! The provider of the controller (`EnvoyGatewayProvider`): Kubernetes, or Custom (resources from files or
//! Kubernetes, infrastructure on the host or remote).

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ExtensionService;
use crate::Duration;
use crate::envoy_gateway::{
    KubernetesDeploymentSpec, KubernetesHorizontalPodAutoscalerSpec,
    KubernetesPodDisruptionBudgetSpec,
};

crate::string_enum! {
    /// The kind of provider of the controller (`ProviderType`).
    pub enum ProviderType {
        /// Kubernetes.
        Kubernetes = "Kubernetes",
        /// Custom resource and infrastructure providers.
        Custom = "Custom",
    }
}

/// The provider of the controller and its settings (`EnvoyGatewayProvider`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayProvider {
    /// The kind of provider.
    #[serde(rename = "type")]
    pub type_: ProviderType,
    /// Settings of the Kubernetes provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubernetes: Option<EnvoyGatewayKubernetesProvider>,
    /// Settings of the Custom provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom: Option<EnvoyGatewayCustomProvider>,
}

/// Settings of the Kubernetes provider (`EnvoyGatewayKubernetesProvider`, which inlines
/// `EnvoyGatewayKubernetesInfrastructureConfiguration` and `EnvoyGatewayKubernetesConfiguration`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayKubernetesProvider {
    /// The Deployment of the rate limit service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit_deployment: Option<KubernetesDeploymentSpec>,
    /// A `HorizontalPodAutoscaler` for the rate limit service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit_hpa: Option<KubernetesHorizontalPodAutoscalerSpec>,
    /// A `PodDisruptionBudget` for the rate limit service.
    #[serde(
        default,
        rename = "rateLimitPDB",
        skip_serializing_if = "Option::is_none"
    )]
    pub rate_limit_pdb: Option<KubernetesPodDisruptionBudgetSpec>,
    /// Where managed resources such as the proxy fleet are deployed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deploy: Option<KubernetesDeployMode>,
    /// The shutdown manager.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shutdown_manager: Option<ShutdownManager>,
    /// The topology injector webhook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_topology_injector: Option<EnvoyGatewayTopologyInjector>,
    /// Which namespaces are watched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<KubernetesWatchMode>,
    /// Leader election.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader_election: Option<LeaderElection>,
    /// The Kubernetes client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<KubernetesClient>,
    /// The minimum resync period of watched resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_sync_period: Option<Duration>,
}

crate::string_enum! {
    /// Where managed resources are deployed (`KubernetesDeployModeType`).
    pub enum KubernetesDeployModeType {
        /// The controller's namespace (the default).
        ControllerNamespace = "ControllerNamespace",
        /// Each Gateway's namespace.
        GatewayNamespace = "GatewayNamespace",
    }
}

/// Where managed resources are deployed (`KubernetesDeployMode`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KubernetesDeployMode {
    /// The mode; `ControllerNamespace` when unset.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<KubernetesDeployModeType>,
}

/// The shutdown manager (`ShutdownManager`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ShutdownManager {
    /// The container image, instead of the default one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

/// The topology injector webhook (`EnvoyGatewayTopologyInjector`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayTopologyInjector {
    /// Whether the webhook is disabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
}

crate::string_enum! {
    /// How watched namespaces are chosen (`KubernetesWatchModeType`).
    pub enum KubernetesWatchModeType {
        /// A list of namespaces.
        Namespaces = "Namespaces",
        /// The namespaces matching a label selector.
        NamespaceSelector = "NamespaceSelector",
    }
}

/// Which namespaces are watched (`KubernetesWatchMode`); all when unset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KubernetesWatchMode {
    /// How namespaces are chosen.
    #[serde(rename = "type")]
    pub type_: KubernetesWatchModeType,
    /// The namespaces, for `Namespaces`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub namespaces: Vec<String>,
    /// The selector, for `NamespaceSelector`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace_selector: Option<LabelSelector>,
}

/// Leader election (`LeaderElection`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LeaderElection {
    /// How long non-leaders wait before claiming leadership; 15s when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease_duration: Option<Duration>,
    /// How long the leader tries to renew before giving up; 10s when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renew_deadline: Option<Duration>,
    /// The interval between retries; 2s when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_period: Option<Duration>,
    /// Whether leader election is disabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable: Option<bool>,
}

/// The Kubernetes client (`KubernetesClient`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KubernetesClient {
    /// Client-side rate limiting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<KubernetesClientRateLimit>,
}

/// Client-side rate limiting of the Kubernetes client (`KubernetesClientRateLimit`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KubernetesClientRateLimit {
    /// Queries per second; 50 when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qps: Option<i32>,
    /// The burst size; 100 when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub burst: Option<i32>,
}

/// Settings of the Custom provider (`EnvoyGatewayCustomProvider`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayCustomProvider {
    /// Where resources come from.
    pub resource: EnvoyGatewayResourceProvider,
    /// Where the proxies run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub infrastructure: Option<EnvoyGatewayInfrastructureProvider>,
}

crate::string_enum! {
    /// A custom resource provider (`ResourceProviderType`).
    pub enum ResourceProviderType {
        /// Files.
        File = "File",
        /// Kubernetes.
        Kubernetes = "Kubernetes",
    }
}

/// Where resources come from (`EnvoyGatewayResourceProvider`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayResourceProvider {
    /// The kind of provider.
    #[serde(rename = "type")]
    pub type_: ResourceProviderType,
    /// Settings of the File provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<EnvoyGatewayFileResourceProvider>,
    /// Settings of the Kubernetes provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubernetes: Option<EnvoyGatewayKubernetesCustomProvider>,
}

/// Resources read from files (`EnvoyGatewayFileResourceProvider`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayFileResourceProvider {
    /// Files or directories with resources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
}

/// Resources read from Kubernetes by a Custom provider (`EnvoyGatewayKubernetesCustomProvider`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayKubernetesCustomProvider {
    /// Which namespaces are watched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<KubernetesWatchMode>,
    /// Leader election.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader_election: Option<LeaderElection>,
    /// The Kubernetes client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<KubernetesClient>,
    /// The minimum resync period of watched resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_sync_period: Option<Duration>,
}

crate::string_enum! {
    /// A custom infrastructure provider (`InfrastructureProviderType`).
    pub enum InfrastructureProviderType {
        /// Proxies run as host processes.
        Host = "Host",
        /// Proxies are managed by a remote service.
        Remote = "Remote",
    }
}

/// Where the proxies run (`EnvoyGatewayInfrastructureProvider`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayInfrastructureProvider {
    /// The kind of provider.
    #[serde(rename = "type")]
    pub type_: InfrastructureProviderType,
    /// Settings of the Host provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<EnvoyGatewayHostInfrastructureProvider>,
    /// Settings of the Remote provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote: Option<EnvoyGatewayRemoteInfrastructureProvider>,
}

/// Directories of the Host infrastructure provider (`EnvoyGatewayHostInfrastructureProvider`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayHostInfrastructureProvider {
    /// The configuration directory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_home: Option<String>,
    /// The persistent data directory (Envoy binaries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_home: Option<String>,
    /// The persistent state directory (logs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_home: Option<String>,
    /// The ephemeral runtime directory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime_dir: Option<String>,
}

/// The Remote infrastructure provider (`EnvoyGatewayRemoteInfrastructureProvider`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayRemoteInfrastructureProvider {
    /// The service that manages the proxies.
    pub service: ExtensionService,
}
