//! The `HorizontalPodAutoscaler` of the Deployment (when `envoyHpa` is set).

use gwapi_ir::model::envoy_gateway::KubernetesHorizontalPodAutoscalerSpec;
use k8s_openapi::api::autoscaling::v2::{
    CrossVersionObjectReference, HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec,
    HorizontalPodAutoscalerStatus, MetricSpec, MetricTarget, ResourceMetricSource,
};

use crate::Result;
use crate::fleet::Fleet;
use crate::labels::standard_meta;
use crate::patch::assemble;

/// The CPU utilization the HPA aims at when no metric is given.
const DEFAULT_CPU_UTILIZATION: i32 = 80;

/// The `HorizontalPodAutoscaler` scaling the Deployment.
pub(crate) fn hpa(
    fleet: &Fleet<'_>,
    settings: &KubernetesHorizontalPodAutoscalerSpec,
) -> Result<HorizontalPodAutoscaler> {
    let metrics = if settings.metrics.is_empty() {
        vec![MetricSpec {
            type_: "Resource".to_owned(),
            resource: Some(ResourceMetricSource {
                name: "cpu".to_owned(),
                target: MetricTarget {
                    type_: "Utilization".to_owned(),
                    average_utilization: Some(DEFAULT_CPU_UTILIZATION),
                    ..MetricTarget::default()
                },
            }),
            ..MetricSpec::default()
        }]
    } else {
        settings.metrics.clone()
    };
    let spec = HorizontalPodAutoscalerSpec {
        min_replicas: settings.min_replicas,
        max_replicas: settings.max_replicas,
        metrics: Some(metrics),
        behavior: settings.behavior.clone(),
        scale_target_ref: CrossVersionObjectReference {
            api_version: Some("apps/v1".to_owned()),
            kind: "Deployment".to_owned(),
            name: fleet.names.deployment.clone(),
        },
    };
    assemble(
        &standard_meta(fleet, &fleet.names.hpa),
        &spec,
        &HorizontalPodAutoscalerStatus::default(),
        settings.patch.as_ref(),
    )
}
