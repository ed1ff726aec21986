//! The names and namespace of a fleet's objects: `envoy-<hashed IR name>` by default, the Gateway's name in
//! gateway-namespace mode, and the `EnvoyProxy` name overrides.

use gwapi_ir::ir::ProxyInfra;
use gwapi_ir::model::envoy_gateway::EnvoyProxyKubernetesProvider;

use crate::InfraConfig;
use crate::labels::{OWNING_GATEWAY_NAME, OWNING_GATEWAY_NAMESPACE};

/// The names of the objects of one fleet, and the namespace they live in.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResourceNames {
    /// The namespace of every object.
    pub namespace: String,
    /// The default name of every object (`envoy-<ns>-<gateway>-<hash>`, or the Gateway's name).
    pub base: String,
    /// The Deployment.
    pub deployment: String,
    /// The `DaemonSet`.
    pub daemon_set: String,
    /// The Service.
    pub service: String,
    /// The `HorizontalPodAutoscaler`.
    pub hpa: String,
    /// The `PodDisruptionBudget`.
    pub pdb: String,
    /// The `ServiceAccount`.
    pub service_account: String,
    /// The `ConfigMap` with the xDS SDS files.
    pub config_map: String,
}

impl ResourceNames {
    /// The names for a fleet, given its Kubernetes provider settings (`EnvoyProxy` `spec.provider.kubernetes`).
    pub fn new(
        infra: &ProxyInfra,
        kube: &EnvoyProxyKubernetesProvider,
        config: &InfraConfig,
    ) -> Self {
        let (namespace, base) = if config.gateway_namespace_mode {
            (gateway_namespace(infra), gateway_name(infra))
        } else {
            (
                config.controller_namespace.clone(),
                format!("envoy-{}", gwapi_ir::names::hashed_name(&infra.name)),
            )
        };
        let or_base = |name: Option<&String>| name.cloned().unwrap_or_else(|| base.clone());
        Self {
            deployment: or_base(kube.envoy_deployment.as_ref().and_then(|d| d.name.as_ref())),
            daemon_set: or_base(kube.envoy_daemon_set.as_ref().and_then(|d| d.name.as_ref())),
            service: or_base(kube.envoy_service.as_ref().and_then(|s| s.name.as_ref())),
            hpa: or_base(kube.envoy_hpa.as_ref().and_then(|h| h.name.as_ref())),
            pdb: or_base(kube.envoy_pdb.as_ref().and_then(|p| p.name.as_ref())),
            service_account: or_base(
                kube.envoy_service_account
                    .as_ref()
                    .and_then(|s| s.name.as_ref()),
            ),
            config_map: base.clone(),
            namespace,
            base,
        }
    }
}

/// The label value of an owning-gateway label of the infra metadata.
pub(crate) fn metadata_label<'a>(infra: &'a ProxyInfra, key: &str) -> Option<&'a str> {
    infra
        .metadata
        .as_ref()
        .and_then(|m| m.labels.get(key))
        .map(String::as_str)
}

/// The Gateway's name: its owning-gateway label, else the part of the IR name after `/`.
pub(crate) fn gateway_name(infra: &ProxyInfra) -> String {
    metadata_label(infra, OWNING_GATEWAY_NAME)
        .map(str::to_owned)
        .or_else(|| infra.name.split_once('/').map(|(_, name)| name.to_owned()))
        .unwrap_or_else(|| infra.name.clone())
}

/// The Gateway's namespace: the IR namespace, else its owning-gateway label, else the part of the IR name
/// before `/`.
pub(crate) fn gateway_namespace(infra: &ProxyInfra) -> String {
    if !infra.namespace.is_empty() {
        return infra.namespace.clone();
    }
    metadata_label(infra, OWNING_GATEWAY_NAMESPACE)
        .map(str::to_owned)
        .or_else(|| infra.name.split_once('/').map(|(ns, _)| ns.to_owned()))
        .unwrap_or_default()
}
