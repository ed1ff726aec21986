//! The Deployment of the proxies (the default workload).

use gwapi_ir::model::envoy_gateway::KubernetesDeploymentSpec;
use k8s_openapi::api::apps::v1::{
    Deployment, DeploymentSpec, DeploymentStatus, DeploymentStrategy,
};

use crate::Result;
use crate::fleet::Fleet;
use crate::labels::{selector, stable_selector_labels, standard_meta};
use crate::patch::assemble;
use crate::pod::pod_template;

/// The Deployment; `replicas` is left to the HPA when there is one.
pub(crate) fn deployment(
    fleet: &Fleet<'_>,
    spec: Option<&KubernetesDeploymentSpec>,
    bootstrap: String,
) -> Result<Deployment> {
    let replicas = if fleet.kube.envoy_hpa.is_some() {
        None
    } else {
        spec.and_then(|d| d.replicas)
    };
    let spec_value = DeploymentSpec {
        replicas,
        selector: selector(stable_selector_labels(fleet)),
        strategy: Some(spec.and_then(|d| d.strategy.clone()).unwrap_or_else(|| {
            DeploymentStrategy {
                type_: Some("RollingUpdate".to_owned()),
                ..DeploymentStrategy::default()
            }
        })),
        template: pod_template(fleet, bootstrap),
        progress_deadline_seconds: Some(600),
        revision_history_limit: Some(10),
        ..DeploymentSpec::default()
    };
    assemble(
        &standard_meta(fleet, &fleet.names.deployment),
        &spec_value,
        &DeploymentStatus::default(),
        spec.and_then(|d| d.patch.as_ref()),
    )
}
