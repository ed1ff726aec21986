//! Kubernetes workload settings (`KubernetesDeploymentSpec`, `KubernetesDaemonSetSpec`, `KubernetesServiceSpec`,
//! autoscaling, disruption budget, service account), used by `EnvoyProxy` for the proxies and by the
//! `EnvoyGateway` configuration for the rate limit service.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{DaemonSetUpdateStrategy, DeploymentStrategy};
use k8s_openapi::api::autoscaling::v2::{HorizontalPodAutoscalerBehavior, MetricSpec};
use k8s_openapi::api::core::v1::{
    Affinity, Container, EnvVar, LocalObjectReference, PodSecurityContext, ResourceRequirements,
    SecurityContext, Toleration, TopologySpreadConstraint, Volume, VolumeMount,
};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::MergeType;

/// A patch applied to a generated Kubernetes object (`KubernetesPatchSpec`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KubernetesPatchSpec {
    /// The kind of patch; `StrategicMerge` when unset.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<MergeType>,
    /// The patch: free-form JSON (`apiextensionsv1.JSON`).
    #[schemars(schema_with = "crate::envoy_gateway::free_form_json_schema")]
    pub value: serde_json::Value,
}

/// The Deployment of the proxies or of the rate limit service (`KubernetesDeploymentSpec`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KubernetesDeploymentSpec {
    /// A patch applied to the generated Deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patch: Option<KubernetesPatchSpec>,
    /// The number of pods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    /// How existing pods are replaced by new ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<DeploymentStrategy>,
    /// Pod settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod: Option<KubernetesPodSpec>,
    /// Settings of the main container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<KubernetesContainerSpec>,
    /// Init containers of the pods.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub init_containers: Vec<Container>,
    /// The Deployment's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The `DaemonSet` of the proxies (`KubernetesDaemonSetSpec`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KubernetesDaemonSetSpec {
    /// A patch applied to the generated `DaemonSet`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patch: Option<KubernetesPatchSpec>,
    /// How existing pods are replaced by new ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<DaemonSetUpdateStrategy>,
    /// Pod settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod: Option<KubernetesPodSpec>,
    /// Settings of the main container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<KubernetesContainerSpec>,
    /// The `DaemonSet`'s name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Pod settings (`KubernetesPodSpec`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KubernetesPodSpec {
    /// Annotations added to the pods.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    /// Labels added to the pods.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Pod-level security attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_context: Option<PodSecurityContext>,
    /// Scheduling constraints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affinity: Option<Affinity>,
    /// Tolerations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tolerations: Vec<Toleration>,
    /// Volumes that the containers may mount.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<Volume>,
    /// Secrets used to pull the images.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub image_pull_secrets: Vec<LocalObjectReference>,
    /// Node labels a node must have to run the pods.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub node_selector: BTreeMap<String, String>,
    /// How the pods spread across topology domains.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topology_spread_constraints: Vec<TopologySpreadConstraint>,
    /// The pods' priority class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority_class_name: Option<String>,
}

/// Settings of the main container (`KubernetesContainerSpec`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KubernetesContainerSpec {
    /// Environment variables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub env: Vec<EnvVar>,
    /// Compute resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<ResourceRequirements>,
    /// Container security options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_context: Option<SecurityContext>,
    /// The image, with a tag, instead of the default one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The image repository, without a tag (the default tag is kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_repository: Option<String>,
    /// Volumes mounted into the container.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volume_mounts: Vec<VolumeMount>,
}

crate::string_enum! {
    /// How a Service is exposed (`ServiceType`).
    pub enum ServiceType {
        /// A cluster-internal IP.
        ClusterIp = "ClusterIP",
        /// An external load balancer (the default).
        LoadBalancer = "LoadBalancer",
        /// A port on every node.
        NodePort = "NodePort",
    }
}

crate::string_enum! {
    /// How nodes route external traffic of a Service (`ServiceExternalTrafficPolicy`).
    pub enum ServiceExternalTrafficPolicy {
        /// To all endpoints.
        Cluster = "Cluster",
        /// Only to node-local endpoints, keeping the client source IP (the default).
        Local = "Local",
    }
}

/// The Service in front of the proxies (`KubernetesServiceSpec`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KubernetesServiceSpec {
    /// Annotations added to the Service.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    /// Labels added to the Service.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// How the Service is exposed; `LoadBalancer` when unset.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<ServiceType>,
    /// The load balancer implementation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancer_class: Option<String>,
    /// Whether node ports are allocated for a `LoadBalancer` Service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocate_load_balancer_node_ports: Option<bool>,
    /// Client CIDRs allowed by the load balancer's firewall.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub load_balancer_source_ranges: Vec<String>,
    /// The IP address requested for the load balancer.
    #[serde(
        default,
        rename = "loadBalancerIP",
        skip_serializing_if = "Option::is_none"
    )]
    pub load_balancer_ip: Option<String>,
    /// How nodes route external traffic; `Local` when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_traffic_policy: Option<ServiceExternalTrafficPolicy>,
    /// A patch applied to the generated Service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patch: Option<KubernetesPatchSpec>,
    /// The Service's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A `HorizontalPodAutoscaler` for a Deployment (`KubernetesHorizontalPodAutoscalerSpec`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KubernetesHorizontalPodAutoscalerSpec {
    /// The lowest number of replicas; 1 when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_replicas: Option<i32>,
    /// The highest number of replicas.
    pub max_replicas: i32,
    /// The metrics that decide the replica count; 80% CPU when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<MetricSpec>,
    /// Scale-up and scale-down behaviour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub behavior: Option<HorizontalPodAutoscalerBehavior>,
    /// A patch applied to the generated `HorizontalPodAutoscaler`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patch: Option<KubernetesPatchSpec>,
    /// The `HorizontalPodAutoscaler`'s name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A `PodDisruptionBudget` (`KubernetesPodDisruptionBudgetSpec`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KubernetesPodDisruptionBudgetSpec {
    /// The number or percentage of pods that must stay available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_available: Option<IntOrString>,
    /// The number or percentage of pods that may be unavailable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrString>,
    /// A patch applied to the generated `PodDisruptionBudget`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patch: Option<KubernetesPatchSpec>,
    /// The `PodDisruptionBudget`'s name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The `ServiceAccount` of the proxies (`KubernetesServiceAccountSpec`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KubernetesServiceAccountSpec {
    /// The `ServiceAccount`'s name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}
